import { SealingError } from './errors';
import {
  CHUNK_OVERHEAD,
  CHUNK_PLAINTEXT_BYTES,
  MAGIC,
  MAX_FILES,
  MAX_MANIFEST_SEALED_BYTES,
  MAX_TENDER_BYTES,
  SEALBYTES,
  SEALED_KEY_BYTES,
  STREAM_HEADER_BYTES,
  type EnvelopeBinding,
  type Manifest,
  type Price,
  bindingsEqual,
  blobPart,
  chunkAdditionalData,
  decodeUtf8,
  describeBinding,
  kindFromCode,
  parseManifest,
} from './format';
import { type Sodium, loadSodium } from './sodium';

export interface OpenedFile {
  name: string;
  size: number;
  data: Blob;
}

export interface OpenedEnvelope {
  binding: EnvelopeBinding;
  files: OpenedFile[];
  price: Price | null;
  manifest: Manifest;
  manifestJson: string; // as sealed
}

export interface OpenRequest {
  envelope: Blob | Uint8Array;
  expected: EnvelopeBinding;
  secretKey: Uint8Array; // the tender envelope's X25519 secret key (32 bytes)
  onProgress?: (bytesDone: number, bytesTotal: number) => void; // envelope bytes read
  signal?: AbortSignal;
}

// Reads an envelope front to back in windows, so a large Blob is never copied whole and a
// length field can never make it read past the end.
class EnvelopeReader {
  private window = new Uint8Array(0);
  private windowStart = 0;
  position = 0;

  constructor(
    private readonly source: Blob,
    private readonly windowBytes = 1024 * 1024,
  ) {}

  get size(): number {
    return this.source.size;
  }

  get remaining(): number {
    return this.source.size - this.position;
  }

  async read(count: number, what: string): Promise<Uint8Array> {
    if (count > this.remaining) {
      throw new SealingError('malformed', `the envelope ends inside ${what} (needs ${count} bytes, ${this.remaining} left)`);
    }
    const offset = this.position - this.windowStart;
    if (offset + count <= this.window.length) {
      this.position += count;
      return this.window.slice(offset, offset + count);
    }
    const end = Math.min(this.source.size, this.position + Math.max(count, this.windowBytes));
    this.window = new Uint8Array(await this.source.slice(this.position, end).arrayBuffer());
    this.windowStart = this.position;
    this.position += count;
    return this.window.slice(0, count);
  }

  async uint(bytes: 1 | 2 | 4 | 8, what: string): Promise<number> {
    const raw = await this.read(bytes, what);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    if (bytes === 1) return view.getUint8(0);
    if (bytes === 2) return view.getUint16(0);
    if (bytes === 4) return view.getUint32(0);
    const value = view.getBigUint64(0);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new SealingError('malformed', `${what} is too large`);
    return Number(value);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

async function readBinding(reader: EnvelopeReader): Promise<EnvelopeBinding> {
  const magic = await reader.read(MAGIC.length, 'the magic');
  if (!sameBytes(magic.subarray(0, 6), MAGIC.subarray(0, 6))) throw new SealingError('malformed', 'not a TenderBridge sealed envelope');
  if (!sameBytes(magic, MAGIC)) {
    throw new SealingError('malformed', `unsupported envelope version ${magic[6]! * 256 + magic[7]!} (this code reads version 1)`);
  }
  const code = await reader.uint(1, 'the envelope kind');
  const kind = kindFromCode(code);
  if (!kind) throw new SealingError('malformed', `unknown envelope kind ${code}`);
  const tenderLength = await reader.uint(2, 'the tender length');
  if (tenderLength < 1 || tenderLength > MAX_TENDER_BYTES) {
    throw new SealingError('malformed', `tender length ${tenderLength} is outside 1..${MAX_TENDER_BYTES}`);
  }
  const tender = decodeUtf8(await reader.read(tenderLength, 'the tender id'), 'the tender id');
  const bidLength = await reader.uint(1, 'the bid length');
  const bid = decodeUtf8(await reader.read(bidLength, 'the bid id'), 'the bid id');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(bid)) throw new SealingError('malformed', 'the bid id is not 1..64 of [A-Za-z0-9_-]');
  return { tender, kind, bid };
}

function openSealed(sodium: Sodium, sealed: Uint8Array, publicKey: Uint8Array, secretKey: Uint8Array, what: string): Uint8Array {
  try {
    return sodium.crypto_box_seal_open(sealed, publicKey, secretKey);
  } catch {
    throw new SealingError('wrong_key', `${what} does not open with this envelope key (altered, or sealed to another key)`);
  }
}

interface FileContext {
  sodium: Sodium;
  reader: EnvelopeReader;
  binding: EnvelopeBinding;
  publicKey: Uint8Array;
  secretKey: Uint8Array;
  request: OpenRequest;
}

async function openFile(context: FileContext, index: number, expected: Manifest['files'][number]): Promise<OpenedFile> {
  const { sodium, reader, request } = context;
  const where = `file ${index} ("${expected.name}")`;
  const sealedKey = await reader.read(SEALED_KEY_BYTES, `${where}'s sealed key`);
  const header = await reader.read(STREAM_HEADER_BYTES, `${where}'s stream header`);
  const streamLength = await reader.uint(8, `${where}'s stream length`);
  if (streamLength > reader.remaining) {
    throw new SealingError('malformed', `${where} declares ${streamLength} stream bytes, only ${reader.remaining} follow`);
  }
  const fileKey = openSealed(sodium, sealedKey, context.publicKey, context.secretKey, `${where}'s key`);
  if (fileKey.length !== 32) throw new SealingError('malformed', `${where}'s key is ${fileKey.length} bytes, not 32`);
  const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header, fileKey);
  sodium.memzero(fileKey);
  const ad = chunkAdditionalData(context.binding, index);
  const hash = sodium.crypto_hash_sha256_init();
  const plaintext: Uint8Array[] = [];
  let size = 0;
  let consumed = 0;
  let finalSeen = false;
  for (let chunk = 0; consumed < streamLength; chunk += 1) {
    if (request.signal?.aborted) throw new SealingError('aborted', 'opening was cancelled');
    if (finalSeen) throw new SealingError('malformed', `${where} has chunks after its FINAL chunk`);
    const lengthBytes = await reader.read(4, `${where} chunk ${chunk} length`);
    const length = new DataView(lengthBytes.buffer).getUint32(0);
    if (length < CHUNK_OVERHEAD || length > CHUNK_PLAINTEXT_BYTES + CHUNK_OVERHEAD || 4 + length > streamLength - consumed) {
      throw new SealingError('malformed', `${where} chunk ${chunk} has an invalid length ${length}`);
    }
    const ciphertext = await reader.read(length, `${where} chunk ${chunk}`);
    consumed += 4 + length;
    sodium.crypto_hash_sha256_update(hash, lengthBytes);
    sodium.crypto_hash_sha256_update(hash, ciphertext);
    const result = sodium.crypto_secretstream_xchacha20poly1305_pull(state, ciphertext, ad);
    if (!result) {
      throw new SealingError(
        'chunk_auth_failed',
        `${where} chunk ${chunk} does not authenticate for ${describeBinding(context.binding)}, file ${index}: ` +
          'moved from another bid, tender, envelope or position, reordered, or altered',
      );
    }
    finalSeen = result.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    if (!finalSeen && result.tag !== sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) {
      throw new SealingError('malformed', `${where} chunk ${chunk} has tag ${result.tag}, expected MESSAGE or FINAL`);
    }
    const last = consumed === streamLength;
    if (!finalSeen && result.message.length !== CHUNK_PLAINTEXT_BYTES) {
      throw new SealingError('malformed', `${where} chunk ${chunk} holds ${result.message.length} bytes; only the last chunk may be short`);
    }
    if (finalSeen && result.message.length === 0 && chunk > 0) {
      throw new SealingError('malformed', `${where} ends with an empty FINAL chunk after full ones (not canonical)`);
    }
    size += result.message.length;
    plaintext.push(result.message);
    request.onProgress?.(reader.position, reader.size);
    if (last && !finalSeen) throw new SealingError('truncated', `${where} ends without its FINAL chunk (truncated)`);
  }
  if (!finalSeen) throw new SealingError('truncated', `${where} has no chunks, not even a FINAL one (truncated)`);
  const sha256 = sodium.to_hex(sodium.crypto_hash_sha256_final(hash));
  if (sha256 !== expected.sha256) {
    throw new SealingError('manifest_mismatch', `${where}'s ciphertext SHA-256 ${sha256} differs from the manifest's ${expected.sha256}`);
  }
  if (size !== expected.size) {
    throw new SealingError('manifest_mismatch', `${where} holds ${size} bytes, the manifest says ${expected.size}`);
  }
  return { name: expected.name, size, data: new Blob(plaintext.map(blobPart)) };
}

// Opens an envelope with the envelope secret key and checks everything the format binds:
// header and manifest binding, recipient, per-chunk authentication with the file's AD, FINAL
// tag placement, per-file ciphertext hash and size, no trailing bytes. Any failure throws a
// SealingError whose code says which check failed.
export async function openEnvelope(request: OpenRequest): Promise<OpenedEnvelope> {
  const sodium = await loadSodium();
  if (request.secretKey.length !== 32) throw new SealingError('invalid_argument', 'secretKey must be 32 bytes');
  const source = ArrayBuffer.isView(request.envelope) ? new Blob([blobPart(request.envelope)]) : request.envelope;
  const reader = new EnvelopeReader(source);
  const binding = await readBinding(reader);
  if (!bindingsEqual(binding, request.expected)) {
    throw new SealingError(
      'binding_mismatch',
      `the envelope is sealed for ${describeBinding(binding)}, expected ${describeBinding(request.expected)}`,
    );
  }
  const recipient = await reader.read(32, 'the recipient key');
  const publicKey = sodium.crypto_scalarmult_base(request.secretKey);
  if (!sameBytes(recipient, publicKey)) {
    throw new SealingError('wrong_key', 'the envelope is sealed to a different envelope public key than this secret key');
  }
  const manifestLength = await reader.uint(4, 'the manifest length');
  if (manifestLength < SEALBYTES + 1 || manifestLength > MAX_MANIFEST_SEALED_BYTES) {
    throw new SealingError('malformed', `manifest length ${manifestLength} is outside ${SEALBYTES + 1}..${MAX_MANIFEST_SEALED_BYTES}`);
  }
  const sealedManifest = await reader.read(manifestLength, 'the manifest');
  const fileCount = await reader.uint(2, 'the file count');
  if (fileCount > MAX_FILES) throw new SealingError('malformed', `file count ${fileCount} is above ${MAX_FILES}`);
  const manifestText = decodeUtf8(openSealed(sodium, sealedManifest, publicKey, request.secretKey, 'the manifest'), 'the manifest');
  const manifest = parseManifest(manifestText, binding, fileCount);

  const context: FileContext = { sodium, reader, binding, publicKey, secretKey: request.secretKey, request };
  const files: OpenedFile[] = [];
  for (let i = 0; i < fileCount; i += 1) files.push(await openFile(context, i, manifest.files[i]!));
  if (reader.remaining !== 0) throw new SealingError('malformed', `${reader.remaining} bytes follow the last file`);
  return { binding, files, price: manifest.price ?? null, manifest, manifestJson: manifestText };
}
