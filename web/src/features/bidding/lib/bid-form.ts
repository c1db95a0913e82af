import { parsePrice, type PriceError } from './price';

// The rules of the "prepare bid" form, apart from React: which envelopes a tender's mode asks
// for, which one carries the price, and what is checked before anything is sealed. The server
// checks again on upload (docs/sealed-bids.md, "Checks without a key"); these checks only save
// the supplier a sealed envelope the server would refuse.

export type EnvelopeKind = 'single' | 'technical' | 'financial';
export type EnvelopeMode = 'single' | 'two';

// A tender of mode "single" takes one envelope; "two" a technical and a financial one, opened
// in two stages (ET-05), in that order.
export function envelopesFor(mode: EnvelopeMode): EnvelopeKind[] {
  return mode === 'two' ? ['technical', 'financial'] : ['single'];
}

// The price goes in the envelope opened last: with two envelopes, only technically qualified
// bids have their price read.
export function priceEnvelope(mode: EnvelopeMode): EnvelopeKind {
  return mode === 'two' ? 'financial' : 'single';
}

// The technical and single envelopes must hold documents; a financial envelope may hold the
// price alone.
export function needsFiles(kind: EnvelopeKind): boolean {
  return kind !== 'financial';
}

export interface SubmissionLimits {
  maxEnvelopeBytes: number;
  maxFilesPerEnvelope: number;
  acceptedFormats: readonly string[]; // lower-case extensions without the dot: "pdf"
}

export interface EnvelopeDraft {
  files: readonly File[];
  price: string; // as typed; only read for the price envelope
}

export type EnvelopeError =
  | { field: 'files'; code: 'required' | 'too_many' | 'too_large' | 'format' | 'duplicate_name'; detail?: string }
  | { field: 'price'; code: PriceError };

export interface FormCheck {
  errors: Partial<Record<EnvelopeKind, EnvelopeError[]>>;
  price?: { amountMinor: number; decimal: string };
  ok: boolean;
}

const CHUNK = 65536;
const CHUNK_OVERHEAD = 4 + 17; // length prefix and secretstream tag per chunk
const PER_FILE = 80 + 24 + 8; // sealed file key, stream header, stream length
// Header (magic, kind, lengths, recipient, ocid and bid id at their maximum), the sealed
// manifest's box overhead and about 400 bytes of manifest JSON per file.
const ENVELOPE_BASE = 8 + 1 + 2 + 200 + 1 + 64 + 32 + 4 + 48 + 2 + 256;
const MANIFEST_PER_FILE = 400;

// The ciphertext size of an envelope of these files, from above (the format adds a fixed
// amount per file and per 64 KiB chunk), so a bid the server would refuse as too large is
// caught before it is sealed.
export function envelopeBytesUpperBound(sizes: readonly number[]): number {
  let total = ENVELOPE_BASE;
  for (const size of sizes) {
    const chunks = Math.max(1, Math.ceil(size / CHUNK));
    total += size + chunks * CHUNK_OVERHEAD + PER_FILE + MANIFEST_PER_FILE;
  }
  return total;
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function checkBidForm(
  mode: EnvelopeMode,
  drafts: Partial<Record<EnvelopeKind, EnvelopeDraft>>,
  limits: SubmissionLimits,
  currency: string,
  language: string,
): FormCheck {
  const errors: Partial<Record<EnvelopeKind, EnvelopeError[]>> = {};
  let price: FormCheck['price'];
  const accepted = new Set(limits.acceptedFormats.map((f) => f.toLowerCase().replace(/^\./, '')));
  for (const kind of envelopesFor(mode)) {
    const draft = drafts[kind] ?? { files: [], price: '' };
    const list: EnvelopeError[] = [];
    if (needsFiles(kind) && draft.files.length === 0) list.push({ field: 'files', code: 'required' });
    if (draft.files.length > limits.maxFilesPerEnvelope) list.push({ field: 'files', code: 'too_many' });
    const refused = draft.files.filter((f) => accepted.size > 0 && !accepted.has(extensionOf(f.name)));
    if (refused.length > 0) {
      list.push({ field: 'files', code: 'format', detail: refused.map((f) => f.name).join(', ') });
    }
    const names = draft.files.map((f) => f.name);
    const repeated = names.filter((n, i) => names.indexOf(n) !== i);
    if (repeated.length > 0) list.push({ field: 'files', code: 'duplicate_name', detail: [...new Set(repeated)].join(', ') });
    if (envelopeBytesUpperBound(draft.files.map((f) => f.size)) > limits.maxEnvelopeBytes) {
      list.push({ field: 'files', code: 'too_large' });
    }
    if (kind === priceEnvelope(mode)) {
      const parsed = parsePrice(draft.price, currency, language);
      if (parsed.ok) price = { amountMinor: parsed.amountMinor, decimal: parsed.decimal };
      else list.push({ field: 'price', code: parsed.error });
    }
    if (list.length > 0) errors[kind] = list;
  }
  return { errors, price, ok: Object.keys(errors).length === 0 };
}

function randomToken(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  let text = '';
  for (const byte of buffer) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// A new bid's id ([A-Za-z0-9_-], the envelope format's rule). It is bound into the sealed
// envelopes, so a replacement keeps the id of the bid it replaces.
export function newBidId(): string {
  return `bid-${randomToken(12)}`;
}

// One key per sealed submission: a retry of the same upload sends the same key and the same
// bytes, and the server answers with the receipt it stored the first time (DU-03).
export function newIdempotencyKey(): string {
  return `tb-${randomToken(18)}`;
}
