import { SealingError } from './errors';
import type { Sodium } from './sodium';

// Shamir secret sharing over GF(2^8) in libgfshare's exact format (SECURITY.md CR-05), so a
// share split here combines with the server's libgfshare and Debian's `gfcombine`:
// field polynomial 0x11D (x^8+x^4+x^3+x^2+1), generator 2, secret = f(0), and a share is
// one x byte (1..255, distinct) followed by f(x) for every secret byte. npm's
// `shamir-secret-sharing` uses another polynomial and layout and must not be mixed in.

const EXPS = new Uint8Array(510);
const LOGS = new Uint8Array(256);
{
  // libgfshare builds the same tables at start-up (gfshare.c, _gfshare_fill_tables).
  let x = 1;
  for (let i = 0; i < 255; i += 1) {
    EXPS[i] = x;
    LOGS[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= 0x11d;
  }
  for (let i = 255; i < 510; i += 1) EXPS[i] = EXPS[i % 255]!;
}

export function gfMultiply(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  return EXPS[LOGS[a]! + LOGS[b]!]!;
}

function validateSplit(secret: Uint8Array, threshold: number, count: number, xs: readonly number[]): void {
  if (secret.length === 0) throw new SealingError('invalid_argument', 'secret must not be empty');
  if (!Number.isInteger(threshold) || !Number.isInteger(count) || threshold < 2 || count < threshold || count > 255) {
    throw new SealingError(
      'invalid_argument',
      `threshold and count must satisfy 2 <= threshold <= count <= 255, got threshold ${threshold}, count ${count}`,
    );
  }
  if (xs.length !== count) throw new SealingError('invalid_argument', `expected ${count} x coordinates, got ${xs.length}`);
  const seen = new Set<number>();
  for (const x of xs) {
    if (!Number.isInteger(x) || x < 1 || x > 255) throw new SealingError('invalid_argument', `share x ${x} is outside 1..255`);
    if (seen.has(x)) throw new SealingError('invalid_argument', `share x ${x} is repeated`);
    seen.add(x);
  }
}

// `count` shares (x = 1..count unless `xs` says otherwise) of which any `threshold` rebuild
// `secret`. Coefficients come from libsodium's CSPRNG and are wiped before returning.
export function splitSecret(
  sodium: Sodium,
  secret: Uint8Array,
  threshold: number,
  count: number,
  xs: readonly number[] = Array.from({ length: count }, (_, i) => i + 1),
): Uint8Array[] {
  validateSplit(secret, threshold, count, xs);
  const size = secret.length;
  // coefficients[j] holds the x^(j+1) coefficient of every byte's polynomial.
  const coefficients = sodium.randombytes_buf((threshold - 1) * size);
  try {
    return xs.map((x) => {
      const share = new Uint8Array(1 + size);
      share[0] = x;
      for (let pos = 0; pos < size; pos += 1) {
        // Horner's rule from the highest coefficient down to f(0) = secret.
        let y = 0;
        for (let j = threshold - 2; j >= 0; j -= 1) y = gfMultiply(y, x) ^ coefficients[j * size + pos]!;
        share[1 + pos] = gfMultiply(y, x) ^ secret[pos]!;
      }
      return share;
    });
  } finally {
    sodium.memzero(coefficients);
  }
}

// Lagrange interpolation at 0, as libgfshare's gfshare_ctx_dec_extract. With fewer shares
// than the threshold the result is a wrong secret, not an error (Shamir cannot tell); callers
// compare it with the published public key.
export function combineShares(shares: readonly Uint8Array[]): Uint8Array {
  if (shares.length < 2) throw new SealingError('invalid_argument', `at least 2 shares are needed, got ${shares.length}`);
  const length = shares[0]!.length;
  if (length < 2) throw new SealingError('invalid_argument', 'a share must hold its x byte and at least one secret byte');
  const xs: number[] = [];
  shares.forEach((share, i) => {
    if (share.length !== length) {
      throw new SealingError('invalid_argument', `share ${i} is ${share.length} bytes, share 0 is ${length}`);
    }
    const x = share[0]!;
    if (x === 0) throw new SealingError('invalid_argument', `share ${i} has x = 0`);
    if (xs.includes(x)) throw new SealingError('invalid_argument', `share ${i} repeats x = ${x}`);
    xs.push(x);
  });
  const secret = new Uint8Array(length - 1);
  xs.forEach((xi, i) => {
    // log of L_i(0) = prod_{j != i} x_j / (x_i - x_j); subtraction is XOR in GF(2^8).
    let logTop = 0;
    let logBottom = 0;
    xs.forEach((xj, j) => {
      if (i === j) return;
      logTop = (logTop + LOGS[xj]!) % 255;
      logBottom = (logBottom + LOGS[xi ^ xj]!) % 255;
    });
    const logLi = (logTop - logBottom + 255) % 255;
    const share = shares[i]!;
    for (let pos = 0; pos < secret.length; pos += 1) {
      const y = share[1 + pos]!;
      if (y !== 0) secret[pos] = secret[pos]! ^ EXPS[logLi + LOGS[y]!]!;
    }
  });
  return secret;
}
