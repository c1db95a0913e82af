import { SealingError } from './errors';

// Constants and small codecs of sealed envelope format v1 (docs/sealed-bids.md, the binding
// spec shared with src/crypto/envelope.cc). All integers are big-endian.

const utf8 = new TextEncoder();

export const MAGIC = new Uint8Array([0x54, 0x42, 0x53, 0x45, 0x41, 0x4c, 0x00, 0x01]); // "TBSEAL" 0 1
export const AD_PREFIX = utf8Bytes('TBSEAL-AD-v1');
export const CHUNK_PLAINTEXT_BYTES = 65536;
export const CHUNK_OVERHEAD = 17; // crypto_secretstream_xchacha20poly1305_ABYTES
export const SEALED_KEY_BYTES = 80; // crypto_box_seal of a 32-byte file key
export const STREAM_HEADER_BYTES = 24;
export const SEALBYTES = 48;
export const MAX_MANIFEST_SEALED_BYTES = 1024 * 1024;
export const MAX_FILES = 100;
export const MAX_TENDER_BYTES = 200;
export const MAX_FILE_NAME_BYTES = 255;

export type EnvelopeKind = 'single' | 'technical' | 'financial';
const KIND_CODES: Record<EnvelopeKind, number> = { single: 1, technical: 2, financial: 3 };

export function kindCode(kind: EnvelopeKind): number {
  return KIND_CODES[kind];
}

export function kindFromCode(code: number): EnvelopeKind | undefined {
  return (Object.keys(KIND_CODES) as EnvelopeKind[]).find((kind) => KIND_CODES[kind] === code);
}

// What an envelope is sealed for; the opener refuses an envelope bound to anything else.
export interface EnvelopeBinding {
  tender: string; // the tender's ocid
  kind: EnvelopeKind;
  bid: string; // 1..64 of [A-Za-z0-9_-], chosen by the client
}

export interface Price {
  amount_minor: number; // ISO 4217 minor units, 0 .. 2^53-1
  currency: string; // ISO 4217 alphabetic code, upper case
}

export interface ManifestFile {
  name: string;
  size: number; // plaintext bytes
  sha256: string; // lower-case hex of the file's chunk stream (the C bytes)
}

export interface Manifest {
  v: 1;
  tender: string;
  bid: string;
  envelope: EnvelopeKind;
  files: ManifestFile[];
  price?: Price;
}

const BID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const FORBIDDEN_NAME_CHARACTERS = /[\u0000-\u001f\u007f/\\]/;

// Copied into this realm's Uint8Array: test DOMs (jsdom) hand out TextEncoder output from
// another realm, which libsodium.js's `instanceof Uint8Array` checks refuse.
export function utf8Bytes(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(utf8.encode(text));
}

export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new SealingError('malformed', `${what} is not valid UTF-8`);
  }
}

export function validateBinding(binding: EnvelopeBinding): void {
  const tenderBytes = utf8Bytes(binding.tender).length;
  if (tenderBytes < 1 || tenderBytes > MAX_TENDER_BYTES) {
    throw new SealingError('invalid_argument', `tender must be 1..${MAX_TENDER_BYTES} UTF-8 bytes, got ${tenderBytes}`);
  }
  if (!BID_PATTERN.test(binding.bid)) {
    throw new SealingError('invalid_argument', `bid "${binding.bid}" must be 1..64 characters of A-Z a-z 0-9 _ -`);
  }
  if (!Object.hasOwn(KIND_CODES, binding.kind)) {
    throw new SealingError('invalid_argument', `envelope kind "${String(binding.kind)}" is not single, technical or financial`);
  }
}

export function validateFileName(name: string, index: number): void {
  const bytes = utf8Bytes(name).length;
  if (bytes < 1 || bytes > MAX_FILE_NAME_BYTES) {
    throw new SealingError('invalid_argument', `files[${index}].name must be 1..${MAX_FILE_NAME_BYTES} UTF-8 bytes, got ${bytes}`);
  }
  if (name === '.' || name === '..') throw new SealingError('invalid_argument', `files[${index}].name "${name}" is not a file name`);
  if (FORBIDDEN_NAME_CHARACTERS.test(name)) {
    throw new SealingError('invalid_argument', `files[${index}].name "${name}" contains a control character, / or \\`);
  }
}

export function validatePrice(price: Price, where: string, code: 'invalid_argument' | 'malformed'): void {
  if (!Number.isSafeInteger(price.amount_minor) || price.amount_minor < 0) {
    throw new SealingError(code, `${where}.amount_minor must be an integer in 0..2^53-1, got ${String(price.amount_minor)}`);
  }
  if (typeof price.currency !== 'string' || !/^[A-Z]{3}$/.test(price.currency) || !knownCurrency(price.currency)) {
    throw new SealingError(code, `${where}.currency must be an upper-case ISO 4217 code, got "${String(price.currency)}"`);
  }
}

// The server refuses a price in a currency it does not know, and by then the bid is sealed:
// catch typos here with the runtime's ISO 4217 list, where it has one.
let currencies: Set<string> | undefined;
function knownCurrency(code: string): boolean {
  if (typeof Intl.supportedValuesOf !== 'function') return true;
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return currencies.has(code);
}

export function bindingsEqual(a: EnvelopeBinding, b: EnvelopeBinding): boolean {
  return a.tender === b.tender && a.kind === b.kind && a.bid === b.bid;
}

export function describeBinding(binding: EnvelopeBinding): string {
  return `tender "${binding.tender}", ${binding.kind} envelope, bid "${binding.bid}"`;
}

// kind (1) || Lt (2) || tender || Lb (1) || bid: shared by the header and the chunk AD.
export function encodeBinding(binding: EnvelopeBinding): Uint8Array {
  const tender = utf8Bytes(binding.tender);
  const bid = utf8Bytes(binding.bid);
  const out = new Uint8Array(1 + 2 + tender.length + 1 + bid.length);
  const view = new DataView(out.buffer);
  out[0] = kindCode(binding.kind);
  view.setUint16(1, tender.length);
  out.set(tender, 3);
  out[3 + tender.length] = bid.length;
  out.set(bid, 4 + tender.length);
  return out;
}

// Additional data of every chunk of file `index` (CR-02): moving a stream to another tender,
// envelope kind, bid or file position makes every chunk fail to authenticate.
export function chunkAdditionalData(binding: EnvelopeBinding, index: number): Uint8Array {
  const encoded = encodeBinding(binding);
  const out = new Uint8Array(AD_PREFIX.length + encoded.length + 2);
  out.set(AD_PREFIX, 0);
  out.set(encoded, AD_PREFIX.length);
  new DataView(out.buffer).setUint16(out.length - 2, index);
  return out;
}

export function uint32(value: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}

export function uint16(value: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(2);
  new DataView(out.buffer).setUint16(0, value);
  return out;
}

export function uint64(value: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value));
  return out;
}

// libsodium.js returns copies backed by plain ArrayBuffers; TypeScript only knows them as
// ArrayBufferLike, which Blob parts do not accept.
export function blobPart(bytes: Uint8Array): BlobPart {
  return bytes as Uint8Array<ArrayBuffer>;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

// Number of chunks of a file: canonical chunking, so a file's size fixes its chunk stream
// length (an empty file is one empty FINAL chunk; a full last chunk is not followed by an
// empty one).
export function chunkCount(size: number): number {
  return Math.max(1, Math.ceil(size / CHUNK_PLAINTEXT_BYTES));
}

export function chunkStreamBytes(size: number): number {
  return size + chunkCount(size) * (4 + CHUNK_OVERHEAD);
}

export function manifestJson(binding: EnvelopeBinding, files: ManifestFile[], price: Price | null | undefined): string {
  const manifest: Manifest = { v: 1, tender: binding.tender, bid: binding.bid, envelope: binding.kind, files };
  if (price) manifest.price = { amount_minor: price.amount_minor, currency: price.currency };
  return JSON.stringify(manifest);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Parses and checks a manifest against the header binding it was found under.
export function parseManifest(text: string, expected: EnvelopeBinding, fileCount: number): Manifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SealingError('malformed', 'the manifest is not JSON');
  }
  if (!isRecord(parsed) || parsed.v !== 1) throw new SealingError('malformed', 'the manifest is not a version 1 manifest object');
  const { tender, bid, envelope, files, price } = parsed;
  if (typeof tender !== 'string' || typeof bid !== 'string' || typeof envelope !== 'string') {
    throw new SealingError('malformed', 'the manifest lacks tender, bid or envelope');
  }
  const found = { tender, bid, kind: envelope as EnvelopeKind };
  if (!bindingsEqual(found, expected)) {
    throw new SealingError(
      'binding_mismatch',
      `the manifest is bound to ${describeBinding(found)} but the envelope header to ${describeBinding(expected)}`,
    );
  }
  if (!Array.isArray(files)) throw new SealingError('malformed', 'manifest.files is not an array');
  if (files.length !== fileCount) {
    throw new SealingError('manifest_mismatch', `the manifest lists ${files.length} files, the envelope holds ${fileCount}`);
  }
  const checkedFiles = files.map((file: unknown, i): ManifestFile => {
    if (!isRecord(file)) throw new SealingError('malformed', `manifest.files[${i}] is not an object`);
    const { name, size, sha256 } = file;
    if (typeof name !== 'string') throw new SealingError('malformed', `manifest.files[${i}].name is not a string`);
    try {
      validateFileName(name, i);
    } catch (error) {
      throw new SealingError('malformed', `manifest: ${(error as Error).message}`);
    }
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
      throw new SealingError('malformed', `manifest.files[${i}].size is not a non-negative integer`);
    }
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) {
      throw new SealingError('malformed', `manifest.files[${i}].sha256 is not 64 lower-case hex digits`);
    }
    return { name, size, sha256 };
  });
  const manifest: Manifest = { v: 1, tender, bid, envelope: expected.kind, files: checkedFiles };
  if (price !== undefined && price !== null) {
    if (!isRecord(price)) throw new SealingError('malformed', 'manifest.price is not an object');
    const checked = { amount_minor: price.amount_minor, currency: price.currency } as Price;
    validatePrice(checked, 'manifest.price', 'malformed');
    manifest.price = checked;
  }
  return manifest;
}
