import { SealingError } from './errors';
import {
  CHUNK_PLAINTEXT_BYTES,
  MAGIC,
  MAX_FILES,
  MAX_MANIFEST_SEALED_BYTES,
  type EnvelopeBinding,
  type Manifest,
  type ManifestFile,
  type Price,
  blobPart,
  chunkAdditionalData,
  chunkCount,
  chunkStreamBytes,
  concatBytes,
  encodeBinding,
  manifestJson,
  uint16,
  uint32,
  uint64,
  utf8Bytes,
  validateBinding,
  validateFileName,
  validatePrice,
} from './format';
import { type Sodium, loadSodium } from './sodium';

export interface FileToSeal {
  name: string;
  data: Blob; // a File from an <input type="file"> is a Blob
}

export type SealProgress = (bytesDone: number, bytesTotal: number) => void;

export interface SealRequest {
  binding: EnvelopeBinding;
  recipient: Uint8Array; // the tender envelope's X25519 public key (32 bytes)
  files: readonly FileToSeal[];
  price?: Price | null;
  onProgress?: SealProgress; // plaintext bytes sealed so far, for a progress bar
  signal?: AbortSignal;
}

export interface SealedEnvelope {
  blob: Blob; // the envelope bytes, ready to upload
  size: number;
  sha256: string; // lower-case hex of the whole envelope, as the receipt states it
  manifest: Manifest;
}

// Ciphertext is handed to the Blob store every few MiB, so the JavaScript heap holds at most
// that much of a file's ciphertext while it is being sealed.
const FLUSH_EVERY_CHUNKS = 64;
// Each Blob read is an asynchronous round trip to the browser's blob store: read 16 chunks
// (1 MiB) at a time rather than one.
const READ_CHUNKS = 16;

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new SealingError('aborted', 'sealing was cancelled');
}

async function readRange(data: Blob, start: number, end: number, fileIndex: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(await data.slice(start, end).arrayBuffer());
  if (bytes.length !== end - start) {
    throw new SealingError('invalid_argument', `files[${fileIndex}] changed size while it was being sealed`);
  }
  return bytes;
}

interface SealedFile {
  parts: BlobPart[];
  manifestEntry: ManifestFile;
}

async function sealFile(
  sodium: Sodium,
  request: SealRequest,
  index: number,
  report: (plaintextBytes: number) => void,
): Promise<SealedFile> {
  const file = request.files[index]!;
  const size = file.data.size;
  const ad = chunkAdditionalData(request.binding, index);
  const fileKey = sodium.crypto_secretstream_xchacha20poly1305_keygen();
  const sealedKey = sodium.crypto_box_seal(fileKey, request.recipient);
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(fileKey);
  sodium.memzero(fileKey);

  const streamHash = sodium.crypto_hash_sha256_init();
  const flushed: Blob[] = [];
  let pending: BlobPart[] = [];
  const chunks = chunkCount(size);
  for (let first = 0; first < chunks; first += READ_CHUNKS) {
    throwIfAborted(request.signal);
    const windowStart = first * CHUNK_PLAINTEXT_BYTES;
    const window = await readRange(file.data, windowStart, Math.min(size, windowStart + READ_CHUNKS * CHUNK_PLAINTEXT_BYTES), index);
    for (let c = first; c < Math.min(chunks, first + READ_CHUNKS); c += 1) {
      const offset = (c - first) * CHUNK_PLAINTEXT_BYTES;
      const plaintext = window.subarray(offset, Math.min(window.length, offset + CHUNK_PLAINTEXT_BYTES));
      const tag =
        c === chunks - 1
          ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
          : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
      const ciphertext = sodium.crypto_secretstream_xchacha20poly1305_push(state, plaintext, ad, tag);
      const length = uint32(ciphertext.length);
      sodium.crypto_hash_sha256_update(streamHash, length);
      sodium.crypto_hash_sha256_update(streamHash, ciphertext);
      pending.push(length, blobPart(ciphertext));
      if (pending.length >= 2 * FLUSH_EVERY_CHUNKS) {
        flushed.push(new Blob(pending));
        pending = [];
      }
      report(plaintext.length);
    }
    sodium.memzero(window);
  }
  const streamLength = chunkStreamBytes(size);
  return {
    parts: [concatBytes(sealedKey, header, uint64(streamLength)), ...flushed, ...pending],
    manifestEntry: {
      name: file.name,
      size,
      sha256: sodium.to_hex(sodium.crypto_hash_sha256_final(streamHash)),
    },
  };
}

export async function sha256OfBlob(blob: Blob, signal?: AbortSignal): Promise<string> {
  const sodium = await loadSodium();
  const state = sodium.crypto_hash_sha256_init();
  const step = 1024 * 1024;
  for (let offset = 0; offset < blob.size; offset += step) {
    throwIfAborted(signal);
    const bytes = new Uint8Array(await blob.slice(offset, offset + step).arrayBuffer());
    sodium.crypto_hash_sha256_update(state, bytes);
  }
  return sodium.to_hex(sodium.crypto_hash_sha256_final(state));
}

function validateRequest(request: SealRequest): void {
  validateBinding(request.binding);
  if (!(request.recipient instanceof Uint8Array) || request.recipient.length !== 32) {
    throw new SealingError('invalid_argument', 'recipient must be a 32-byte X25519 public key');
  }
  if (request.files.length > MAX_FILES) {
    throw new SealingError('invalid_argument', `an envelope holds at most ${MAX_FILES} files, got ${request.files.length}`);
  }
  request.files.forEach((file, i) => validateFileName(file.name, i));
  if (request.price) validatePrice(request.price, 'price', 'invalid_argument');
}

// Seals `files` (and the price, if any) into one envelope for the tender envelope key
// `recipient`, streaming each file through crypto_secretstream_xchacha20poly1305 in 64 KiB
// chunks. The manifest (names, sizes, ciphertext hashes, price) is sealed last because it
// needs the hashes; Blob parts let it still come first in the bytes.
export async function sealEnvelope(request: SealRequest): Promise<SealedEnvelope> {
  validateRequest(request);
  const sodium = await loadSodium();
  const total = request.files.reduce((sum, file) => sum + file.data.size, 0);
  let done = 0;
  request.onProgress?.(0, total);
  const report = (bytes: number): void => {
    done += bytes;
    request.onProgress?.(done, total);
  };

  const sealedFiles: SealedFile[] = [];
  for (let i = 0; i < request.files.length; i += 1) sealedFiles.push(await sealFile(sodium, request, i, report));

  const entries = sealedFiles.map((file) => file.manifestEntry);
  const json = manifestJson(request.binding, entries, request.price);
  const sealedManifest = sodium.crypto_box_seal(utf8Bytes(json), request.recipient);
  if (sealedManifest.length > MAX_MANIFEST_SEALED_BYTES) {
    throw new SealingError('invalid_argument', `the manifest is ${sealedManifest.length} bytes sealed, above 1 MiB`);
  }
  const head = concatBytes(
    MAGIC,
    encodeBinding(request.binding),
    request.recipient,
    uint32(sealedManifest.length),
    sealedManifest,
    uint16(request.files.length),
  );
  const blob = new Blob([head, ...sealedFiles.flatMap((file) => file.parts)], { type: 'application/octet-stream' });
  const manifest = JSON.parse(json) as Manifest;
  return { blob, size: blob.size, sha256: await sha256OfBlob(blob, request.signal), manifest };
}
