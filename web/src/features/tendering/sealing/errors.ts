// One error type for everything sealing refuses, with a stable code the UI can translate and
// tests can assert on, and a message that names the offending part of the input.
export type SealingErrorCode =
  | 'invalid_argument' // caller input the library refuses (bad threshold, bid id, file name...)
  | 'malformed' // envelope framing broken: bad magic, lengths, chunk sizes, trailing bytes
  | 'binding_mismatch' // header or manifest bound to another tender, bid or envelope kind
  | 'wrong_key' // sealed data does not open with this key, or header recipient differs
  | 'chunk_auth_failed' // a chunk fails authentication (swapped, reordered or altered stream)
  | 'truncated' // a file stream ends without its FINAL chunk, or has data after it
  | 'manifest_mismatch' // manifest disagrees with the streams (count, size, SHA-256)
  | 'wrong_passphrase' // member key file does not open with this passphrase
  | 'aborted' // the caller's AbortSignal fired
  | 'unsupported'; // libsodium's WebAssembly cannot run here (no fallback exists)

export class SealingError extends Error {
  readonly code: SealingErrorCode;

  constructor(code: SealingErrorCode, message: string) {
    super(message);
    this.name = 'SealingError';
    this.code = code;
  }
}
