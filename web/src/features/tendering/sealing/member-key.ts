import { SealingError } from './errors';
import { utf8Bytes } from './format';
import { type Sodium, fromBase64Url, loadSodium, toBase64Url, wipe } from './sodium';

// A committee member's personal X25519 key and its passphrase-protected file (the same JSON
// the CLI reads and writes; docs/sealed-bids.md, "Member key file").

export interface MemberKeyPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

export interface MemberKeyFile {
  v: 1;
  type: 'tenderbridge-member-key';
  public_key: string;
  kdf: 'argon2id13';
  opslimit: number;
  memlimit: number;
  salt: string;
  nonce: string;
  secret_box: string;
}

export interface KdfLimits {
  opslimit: number;
  memlimit: number;
}

// libsodium's INTERACTIVE limits: about 0.1 s natively, longer in WebAssembly.
export const DEFAULT_KDF_LIMITS: KdfLimits = { opslimit: 2, memlimit: 64 * 1024 * 1024 };
// A key file is untrusted input: these bounds stop it from asking for minutes or gigabytes.
const MAX_OPSLIMIT = 20;
const MAX_MEMLIMIT = 1024 * 1024 * 1024;

export async function createMemberKey(): Promise<MemberKeyPair> {
  const sodium = await loadSodium();
  const pair = sodium.crypto_box_keypair();
  return { publicKey: pair.publicKey, secretKey: pair.privateKey };
}

function checkLimits(sodium: Sodium, limits: KdfLimits): void {
  if (!Number.isInteger(limits.opslimit) || limits.opslimit < sodium.crypto_pwhash_OPSLIMIT_MIN || limits.opslimit > MAX_OPSLIMIT) {
    throw new SealingError('invalid_argument', `opslimit must be an integer in ${sodium.crypto_pwhash_OPSLIMIT_MIN}..${MAX_OPSLIMIT}`);
  }
  if (!Number.isInteger(limits.memlimit) || limits.memlimit < sodium.crypto_pwhash_MEMLIMIT_MIN || limits.memlimit > MAX_MEMLIMIT) {
    throw new SealingError('invalid_argument', `memlimit must be an integer in ${sodium.crypto_pwhash_MEMLIMIT_MIN}..${MAX_MEMLIMIT} bytes`);
  }
}

// The same passphrase typed on two systems can arrive in different Unicode forms; both
// implementations hash the UTF-8 of its NFC form.
function passphraseBytes(passphrase: string, form: 'NFC' | 'as typed' = 'NFC'): Uint8Array {
  if (passphrase.length === 0) throw new SealingError('invalid_argument', 'the passphrase must not be empty');
  return utf8Bytes(form === 'NFC' ? passphrase.normalize('NFC') : passphrase);
}

// The CLI's rule (src/crypto/member_key.cc), so a key file is equally strong wherever it was made.
const MIN_PASSPHRASE_BYTES = 8;

function deriveKey(sodium: Sodium, passphrase: string, salt: Uint8Array, limits: KdfLimits, form: 'NFC' | 'as typed' = 'NFC'): Uint8Array {
  const password = passphraseBytes(passphrase, form);
  try {
    return sodium.crypto_pwhash(
      sodium.crypto_secretbox_KEYBYTES,
      password,
      salt,
      limits.opslimit,
      limits.memlimit,
      sodium.crypto_pwhash_ALG_ARGON2ID13,
    );
  } finally {
    wipe(sodium, password);
  }
}

export async function exportMemberKeyFile(
  key: MemberKeyPair,
  passphrase: string,
  limits: KdfLimits = DEFAULT_KDF_LIMITS,
): Promise<MemberKeyFile> {
  const sodium = await loadSodium();
  checkLimits(sodium, limits);
  if (key.secretKey.length !== 32 || !sodium.memcmp(sodium.crypto_scalarmult_base(key.secretKey), key.publicKey)) {
    throw new SealingError('invalid_argument', 'the secret key does not belong to the public key');
  }
  if (utf8Bytes(passphrase.normalize('NFC')).length < MIN_PASSPHRASE_BYTES) {
    throw new SealingError('invalid_argument', `the passphrase must have at least ${MIN_PASSPHRASE_BYTES} characters`);
  }
  const salt = sodium.randombytes_buf(sodium.crypto_pwhash_SALTBYTES);
  const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
  const boxKey = deriveKey(sodium, passphrase, salt, limits);
  try {
    return {
      v: 1,
      type: 'tenderbridge-member-key',
      public_key: toBase64Url(sodium, key.publicKey),
      kdf: 'argon2id13',
      opslimit: limits.opslimit,
      memlimit: limits.memlimit,
      salt: toBase64Url(sodium, salt),
      nonce: toBase64Url(sodium, nonce),
      secret_box: toBase64Url(sodium, sodium.crypto_secretbox_easy(key.secretKey, nonce, boxKey)),
    };
  } finally {
    wipe(sodium, boxKey);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Accepts the parsed JSON or its text. Refuses a wrong passphrase ('wrong_passphrase') and a
// file whose secret key does not match its public key.
export async function importMemberKeyFile(file: unknown, passphrase: string): Promise<MemberKeyPair> {
  const sodium = await loadSodium();
  let parsed: unknown = file;
  if (typeof file === 'string') {
    try {
      parsed = JSON.parse(file);
    } catch {
      throw new SealingError('invalid_argument', 'the member key file is not JSON');
    }
  }
  if (!isRecord(parsed) || parsed.v !== 1 || parsed.type !== 'tenderbridge-member-key') {
    throw new SealingError('invalid_argument', 'not a version 1 TenderBridge member key file');
  }
  if (parsed.kdf !== 'argon2id13') throw new SealingError('invalid_argument', `kdf "${String(parsed.kdf)}" is not argon2id13`);
  const limits = { opslimit: parsed.opslimit, memlimit: parsed.memlimit } as KdfLimits;
  checkLimits(sodium, limits);
  const text = (field: string): string => {
    const value = parsed[field];
    if (typeof value !== 'string') throw new SealingError('invalid_argument', `${field} is missing`);
    return value;
  };
  const publicKey = fromBase64Url(sodium, text('public_key'), 'public_key', 32);
  const salt = fromBase64Url(sodium, text('salt'), 'salt', sodium.crypto_pwhash_SALTBYTES);
  const nonce = fromBase64Url(sodium, text('nonce'), 'nonce', sodium.crypto_secretbox_NONCEBYTES);
  const box = fromBase64Url(sodium, text('secret_box'), 'secret_box', 32 + sodium.crypto_secretbox_MACBYTES);
  const tryForm = (form: 'NFC' | 'as typed'): Uint8Array | undefined => {
    const boxKey = deriveKey(sodium, passphrase, salt, limits, form);
    try {
      return sodium.crypto_secretbox_open_easy(box, nonce, boxKey);
    } catch {
      return undefined;
    } finally {
      wipe(sodium, boxKey);
    }
  };
  // Files written by a tool that hashed the passphrase without normalising it still open.
  const secretKey = tryForm('NFC') ?? (passphrase.normalize('NFC') !== passphrase ? tryForm('as typed') : undefined);
  if (!secretKey) throw new SealingError('wrong_passphrase', 'the passphrase does not open this member key file');
  if (!sodium.memcmp(sodium.crypto_scalarmult_base(secretKey), publicKey)) {
    wipe(sodium, secretKey);
    throw new SealingError('invalid_argument', 'the key file\'s secret key does not belong to its public_key');
  }
  return { publicKey, secretKey };
}

// Opens this member's sealed share (81 bytes, base64url) into the 33-byte libgfshare share
// (x || f(x)) that the member submits at the opening.
export async function unsealShare(sealedShare: string, key: MemberKeyPair): Promise<Uint8Array> {
  const sodium = await loadSodium();
  const sealed = fromBase64Url(sodium, sealedShare, 'sealed_share', 33 + sodium.crypto_box_SEALBYTES);
  let share: Uint8Array;
  try {
    share = sodium.crypto_box_seal_open(sealed, key.publicKey, key.secretKey);
  } catch {
    throw new SealingError('wrong_key', 'this share was not sealed to this member key, or was altered');
  }
  if (share[0] === 0) throw new SealingError('malformed', 'the share has x = 0');
  return share;
}
