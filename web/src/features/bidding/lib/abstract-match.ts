// Comparing the bid abstract published at the opening (ET-11) with the receipts a bidder
// holds: the opening must have read exactly the envelopes the receipt names, for the bid's
// latest version that was not a withdrawal.

export interface ReceiptEnvelopes {
  bid: string;
  version: number;
  action: string; // received, replaced, withdrawn
  envelopes: readonly { kind: string; sha256: string }[];
}

export interface AbstractEntry {
  bid: string;
  envelope_sha256: Readonly<Record<string, string>>;
}

export type MatchOutcome =
  | { kind: 'match'; version: number }
  | { kind: 'mismatch'; version: number; envelopes: string[] } // kinds that differ or are missing
  | { kind: 'withdrawn' } // the bid's latest version withdrew it; it must not be opened
  | { kind: 'missing'; version: number }; // a live bid the abstract does not list

// The receipt that counts for a bid: the newest version; a withdrawal means nothing is opened.
export function latestReceipt(receipts: readonly ReceiptEnvelopes[], bid: string): ReceiptEnvelopes | undefined {
  return receipts.filter((r) => r.bid === bid).sort((a, b) => b.version - a.version)[0];
}

export function matchAbstract(receipts: readonly ReceiptEnvelopes[], bid: string, abstract: readonly AbstractEntry[]): MatchOutcome | undefined {
  const latest = latestReceipt(receipts, bid);
  if (!latest) return undefined;
  const line = abstract.find((l) => l.bid === bid);
  if (latest.action === 'withdrawn') {
    return line ? { kind: 'mismatch', version: latest.version, envelopes: Object.keys(line.envelope_sha256) } : { kind: 'withdrawn' };
  }
  if (!line) return { kind: 'missing', version: latest.version };
  // The abstract states the envelopes received so far opened (the financial one only after
  // its own opening); each one it states must be the receipt's.
  const stated = Object.keys(line.envelope_sha256);
  const wrong = stated.filter((kind) => latest.envelopes.find((e) => e.kind === kind)?.sha256 !== line.envelope_sha256[kind]);
  if (stated.length === 0) return { kind: 'mismatch', version: latest.version, envelopes: latest.envelopes.map((e) => e.kind) };
  return wrong.length === 0 ? { kind: 'match', version: latest.version } : { kind: 'mismatch', version: latest.version, envelopes: wrong };
}
