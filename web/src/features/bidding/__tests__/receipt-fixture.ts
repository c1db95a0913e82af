import type { Sodium } from '@/features/tendering/sealing';
import { canonicalJson } from '../lib/receipt';

// Receipts built from the definitions of docs/receipts.md (RFC 6962 trees computed the
// textbook way, the audit entry encoded by hand, the signed bytes), so the verifier is checked
// against a construction of its own rather than against itself.

export const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
export const cat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
// Copied into this realm (jsdom's TextEncoder returns another realm's Uint8Array).
export const enc = (s: string) => cat(new TextEncoder().encode(s));
const u32 = (v: number) => {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, v);
  return out;
};
const u64 = (v: number) => {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(v));
  return out;
};
const str = (s: string) => cat(u32(enc(s).length), enc(s));

export interface FixtureOptions {
  size: number; // leaves in the tree
  index: number; // the receipt's leaf
  seed?: number; // of the signing key
  tender?: string;
  bid?: string;
  supplier?: number;
  version?: number;
  action?: 'received' | 'replaced' | 'withdrawn';
  envelopes?: { kind: 'single' | 'technical' | 'financial'; sha256: string; size: number }[];
}

export function makeReceiptFixture(sodium: Sodium, options: FixtureOptions) {
  const sha = (b: Uint8Array) => sodium.crypto_hash_sha256(cat(b));
  const b64u = (b: Uint8Array) => sodium.to_base64(b, sodium.base64_variants.URLSAFE_NO_PADDING);
  const largestPowerOfTwoBelow = (n: number) => {
    let k = 1;
    while (k * 2 < n) k *= 2;
    return k;
  };
  const mth = (leaves: Uint8Array[]): Uint8Array => {
    if (leaves.length === 1) return sha(cat(new Uint8Array([0]), leaves[0]!));
    const k = largestPowerOfTwoBelow(leaves.length);
    return sha(cat(new Uint8Array([1]), mth(leaves.slice(0, k)), mth(leaves.slice(k))));
  };
  const auditPath = (m: number, leaves: Uint8Array[]): Uint8Array[] => {
    if (leaves.length === 1) return [];
    const k = largestPowerOfTwoBelow(leaves.length);
    if (m < k) return [...auditPath(m, leaves.slice(0, k)), mth(leaves.slice(k))];
    return [...auditPath(m - k, leaves.slice(k)), mth(leaves.slice(0, k))];
  };

  const keys = sodium.crypto_sign_seed_keypair(new Uint8Array(32).fill(options.seed ?? 7));
  const salt = new Uint8Array(32).fill(3);
  const tender = options.tender ?? 'ocds-tbrdg1-000042';
  const supplier = options.supplier ?? 17;
  const bid = options.bid ?? 'bid-Xy_9';
  const version = options.version ?? 2;
  const action = options.action ?? 'replaced';
  const envelopes = options.envelopes ?? [
    { kind: 'technical' as const, sha256: 'a'.repeat(64), size: 1234 },
    { kind: 'financial' as const, sha256: 'b'.repeat(64), size: 99 },
  ];
  const zero = new Uint8Array([0]);
  const bidRef = hex(sha(cat(enc('tb-bid-ref-v1'), zero, salt, enc(tender), zero, enc(String(supplier)), zero, enc(bid))));
  const timeUs = 1_767_225_600_123_456;
  const receiptTime = '2026-01-01T00:00:00.123456Z';
  const fields: [string, string][] = [['version', String(version)], ...envelopes.map((e) => [e.kind, e.sha256] as [string, string])];
  const entry = cat(
    new Uint8Array([1]),
    str(`bid.${action}`),
    u64(timeUs),
    str('bidder'),
    str(`bid:${bidRef}`),
    u32(fields.length),
    ...fields.flatMap(([k, v]) => [str(k), str(v)]),
  );
  const leaves = Array.from({ length: options.size }, (_, i) => (i === options.index ? entry : enc(`other entry ${i}`)));
  const root = mth(leaves);
  const head = { size: options.size, root: hex(root), at: receiptTime, at_us: timeUs };
  const headSignature = sodium.crypto_sign_detached(cat(enc('TBSTH'), new Uint8Array([1]), u64(head.size), u64(head.at_us), root), keys.privateKey);
  const unsigned = {
    v: 1 as const,
    type: 'tenderbridge.bid-receipt' as const,
    tender,
    bid,
    version,
    action,
    supplier,
    envelopes,
    receipt_time: receiptTime,
    receipt_time_us: timeUs,
    bid_ref: bidRef,
    bid_ref_salt: hex(salt),
    audit: {
      leaf_index: options.index,
      leaf_hash: hex(sha(cat(zero, entry))),
      entry: b64u(entry),
      inclusion_path: auditPath(options.index, leaves).map(hex),
      tree_head: { ...head, signature: b64u(headSignature) },
    },
    key_id: hex(sha(keys.publicKey).slice(0, 8)),
  };
  const signature = sodium.crypto_sign_detached(enc(canonicalJson(unsigned)), keys.privateKey);
  return { receipt: { ...unsigned, signature: b64u(signature) }, publicKey: keys.publicKey, privateKey: keys.privateKey };
}
