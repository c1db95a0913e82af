import type sodiumModule from 'libsodium-wrappers-sumo';
import { SealingError } from './errors';

export type Sodium = typeof sodiumModule;

let loading: Promise<Sodium> | undefined;

// libsodium's WebAssembly module loads asynchronously; every entry point awaits this. The
// import is dynamic so pages that never seal do not load it, and so a browser that cannot
// run it (no WebAssembly, no crypto.getRandomValues, or a CSP without 'wasm-unsafe-eval')
// gets a clear refusal instead of a broken page: there is no plaintext fallback (§5.3).
// The sumo build is needed for crypto_pwhash (argon2id) of member key files.
export function loadSodium(): Promise<Sodium> {
  loading ??= (async () => {
    try {
      const imported = await import('libsodium-wrappers-sumo');
      await imported.default.ready;
      return imported.default;
    } catch (error) {
      loading = undefined;
      throw new SealingError(
        'unsupported',
        `this browser cannot run the sealing code, so nothing was sealed or sent (${String(error)})`,
      );
    }
  })();
  return loading;
}

// Unpadded base64url (RFC 4648 §5), the only base64 the envelope format and its JSON use.
export function toBase64Url(sodium: Sodium, bytes: Uint8Array): string {
  return sodium.to_base64(bytes, sodium.base64_variants.URLSAFE_NO_PADDING);
}

export function fromBase64Url(sodium: Sodium, text: string, field: string, expectedLength?: number): Uint8Array {
  let bytes: Uint8Array;
  if (!/^[A-Za-z0-9_-]*$/.test(text)) {
    throw new SealingError('invalid_argument', `${field} is not unpadded base64url`);
  }
  try {
    bytes = sodium.from_base64(text, sodium.base64_variants.URLSAFE_NO_PADDING);
  } catch {
    throw new SealingError('invalid_argument', `${field} is not unpadded base64url`);
  }
  if (expectedLength !== undefined && bytes.length !== expectedLength) {
    throw new SealingError('invalid_argument', `${field} must be ${expectedLength} bytes, got ${bytes.length}`);
  }
  return bytes;
}

export function wipe(sodium: Sodium, ...buffers: (Uint8Array | undefined)[]): void {
  for (const buffer of buffers) if (buffer) sodium.memzero(buffer);
}
