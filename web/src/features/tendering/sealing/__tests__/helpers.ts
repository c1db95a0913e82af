import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chunkAdditionalData, utf8Bytes } from '../format';
import type { EnvelopeBinding } from '../format';
import { type Sodium, loadSodium } from '../sodium';

// A path string, not `new URL(...)`: under jsdom the URL class is jsdom's and rejects file URLs.
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../..');
export const SEALING_DATA = resolve(REPO_ROOT, 'tests/data/sealing');

export async function sodium(): Promise<Sodium> {
  return loadSodium();
}

// Deterministic bytes (xorshift32) so a failure reproduces; not for anything secret.
export function patternBytes(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i += 1) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out[i] = state & 0xff;
  }
  return out;
}

export async function blobBytes(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

export function toBlob(bytes: Uint8Array): Blob {
  return new Blob([bytes as Uint8Array<ArrayBuffer>]);
}

export const TENDER = 'ocds-tbrdg1-000001';
export const BINDING: EnvelopeBinding = { tender: TENDER, kind: 'technical', bid: 'bid-A1' };

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function u(bytes: number, value: number): Uint8Array {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  if (bytes === 1) view.setUint8(0, value);
  else if (bytes === 2) view.setUint16(0, value);
  else if (bytes === 4) view.setUint32(0, value);
  else view.setBigUint64(0, BigInt(value));
  return out;
}

// An envelope taken apart at its field boundaries, for the swap and truncation tests. It reads
// the framing only (what a server can see), never a key.
export interface FileSection {
  sealedKey: Uint8Array;
  header: Uint8Array;
  chunks: Uint8Array[]; // each: the ciphertext without its u32 length
}

export interface EnvelopeParts {
  binding: EnvelopeBinding;
  recipient: Uint8Array;
  sealedManifest: Uint8Array;
  files: FileSection[];
}

export function takeApart(bytes: Uint8Array): EnvelopeParts {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  const kind = (['single', 'technical', 'financial'] as const)[bytes[at]! - 1]!;
  at += 1;
  const lt = view.getUint16(at);
  const tender = new TextDecoder().decode(bytes.subarray(at + 2, at + 2 + lt));
  at += 2 + lt;
  const lb = bytes[at]!;
  const bid = new TextDecoder().decode(bytes.subarray(at + 1, at + 1 + lb));
  at += 1 + lb;
  const recipient = bytes.slice(at, at + 32);
  at += 32;
  const lm = view.getUint32(at);
  const sealedManifest = bytes.slice(at + 4, at + 4 + lm);
  at += 4 + lm;
  const count = view.getUint16(at);
  at += 2;
  const files: FileSection[] = [];
  for (let i = 0; i < count; i += 1) {
    const sealedKey = bytes.slice(at, at + 80);
    const header = bytes.slice(at + 80, at + 104);
    const c = Number(view.getBigUint64(at + 104));
    at += 112;
    const end = at + c;
    const chunks: Uint8Array[] = [];
    while (at < end) {
      const l = view.getUint32(at);
      chunks.push(bytes.slice(at + 4, at + 4 + l));
      at += 4 + l;
    }
    files.push({ sealedKey, header, chunks });
  }
  return { binding: { tender, kind, bid }, recipient, sealedManifest, files };
}

export function chunkStream(section: FileSection): Uint8Array {
  return concat(...section.chunks.flatMap((chunk) => [u(4, chunk.length), chunk]));
}

// Reassembles parts into envelope bytes; a forger can re-seal a manifest (sealed boxes are
// anonymous), so `manifest` lets tests give the opener a consistent one.
export function putTogether(s: Sodium, parts: EnvelopeParts, manifest?: object): Uint8Array {
  const sealedManifest = manifest
    ? s.crypto_box_seal(utf8Bytes(JSON.stringify(manifest)), parts.recipient)
    : parts.sealedManifest;
  const tender = utf8Bytes(parts.binding.tender);
  const bid = utf8Bytes(parts.binding.bid);
  const kindCode = { single: 1, technical: 2, financial: 3 }[parts.binding.kind];
  return concat(
    new Uint8Array([0x54, 0x42, 0x53, 0x45, 0x41, 0x4c, 0, 1, kindCode]),
    u(2, tender.length),
    tender,
    u(1, bid.length),
    bid,
    parts.recipient,
    u(4, sealedManifest.length),
    sealedManifest,
    u(2, parts.files.length),
    ...parts.files.flatMap((file) => {
      const stream = chunkStream(file);
      return [file.sealedKey, file.header, u(8, stream.length), stream];
    }),
  );
}

// The manifest a forger would write for these sections: correct hashes, sizes as claimed.
export function forgedManifest(s: Sodium, binding: EnvelopeBinding, files: { name: string; size: number; section: FileSection }[]) {
  return {
    v: 1,
    tender: binding.tender,
    bid: binding.bid,
    envelope: binding.kind,
    files: files.map((file) => ({
      name: file.name,
      size: file.size,
      sha256: s.to_hex(s.crypto_hash_sha256(chunkStream(file.section))),
    })),
  };
}

// Seals chunks by hand, for streams the library itself would never write.
export function handmadeStream(s: Sodium, recipient: Uint8Array, binding: EnvelopeBinding, index: number, chunks: { data: Uint8Array; tag: number }[]): FileSection {
  const key = s.crypto_secretstream_xchacha20poly1305_keygen();
  const { state, header } = s.crypto_secretstream_xchacha20poly1305_init_push(key);
  const ad = chunkAdditionalData(binding, index);
  return {
    sealedKey: s.crypto_box_seal(key, recipient),
    header,
    chunks: chunks.map((chunk) => s.crypto_secretstream_xchacha20poly1305_push(state, chunk.data, ad, chunk.tag)),
  };
}

// toEqual walks typed arrays element by element and takes seconds on megabytes.
export function sameBytes(actual: Uint8Array, expected: Uint8Array): string {
  if (actual.length !== expected.length) return `length ${actual.length}, expected ${expected.length}`;
  const at = actual.findIndex((byte, i) => byte !== expected[i]);
  return at === -1 ? 'same' : `first difference at byte ${at}`;
}
