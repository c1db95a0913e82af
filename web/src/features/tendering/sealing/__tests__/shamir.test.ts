import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SealingError } from '../errors';
import { combineShares, gfMultiply, splitSecret } from '../shamir';
import { SEALING_DATA, sodium } from './helpers';

function subsets<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  if (items.length < size) return [];
  const [first, ...rest] = items;
  return [...subsets(rest, size - 1).map((subset) => [first!, ...subset]), ...subsets(rest, size)];
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

// gfsplit writes STEM.NNN holding f(x) with x = NNN; the spec's share is x || f(x).
function readGfsplitShares(dir: string, stem: string): Uint8Array[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith(`${stem}.`) && /^\d{3}$/.test(name.slice(stem.length + 1)))
    .sort()
    .map((name) => {
      const y = readFileSync(join(dir, name));
      return new Uint8Array([Number(name.slice(stem.length + 1)), ...y]);
    });
}

describe('GF(2^8) mod 0x11D', () => {
  it('multiplies like the field: 2 * 0x80 wraps through 0x11D, every element has an inverse', () => {
    expect(gfMultiply(2, 0x80)).toBe(0x1d);
    expect(gfMultiply(0x53, 0)).toBe(0);
    for (let a = 1; a < 256; a += 1) {
      let inverses = 0;
      for (let b = 1; b < 256; b += 1) if (gfMultiply(a, b) === 1) inverses += 1;
      expect(inverses).toBe(1);
      expect(gfMultiply(a, 7)).toBe(gfMultiply(7, a));
    }
  });
});

describe('splitSecret / combineShares', () => {
  it.each([
    [2, 3],
    [3, 5],
    [2, 5],
    [4, 7],
  ])('any %i of %i shares rebuild the secret; any fewer give a wrong one', async (k, n) => {
    const s = await sodium();
    const secret = s.randombytes_buf(32);
    const shares = splitSecret(s, secret, k, n);
    expect(shares.map((share) => share[0])).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(shares.every((share) => share.length === 33)).toBe(true);
    const combinations = subsets(shares, k);
    expect(combinations.length).toBeGreaterThanOrEqual(3);
    for (const subset of combinations) expect(hex(combineShares(subset))).toBe(hex(secret));
    for (const subset of subsets(shares, n)) expect(hex(combineShares(subset))).toBe(hex(secret));
    if (k - 1 >= 2) {
      for (const subset of subsets(shares, k - 1)) expect(hex(combineShares(subset))).not.toBe(hex(secret));
    }
  });

  it('with k-1 = 1 share there is nothing to combine, and one share alone is refused', async () => {
    const s = await sodium();
    const shares = splitSecret(s, s.randombytes_buf(32), 2, 3);
    expect(() => combineShares([shares[0]!])).toThrow(/at least 2 shares/);
  });

  it('honours chosen x coordinates and secrets of any length', async () => {
    const s = await sodium();
    const secret = new TextEncoder().encode('a longer secret that is not a key at all');
    const shares = splitSecret(s, new Uint8Array(secret), 3, 4, [200, 7, 255, 1]);
    expect(shares.map((share) => share[0])).toEqual([200, 7, 255, 1]);
    expect(new TextDecoder().decode(combineShares([shares[3]!, shares[0]!, shares[2]!]))).toBe('a longer secret that is not a key at all');
  });

  it('draws fresh coefficients: two splits of one secret differ', async () => {
    const s = await sodium();
    const secret = s.randombytes_buf(32);
    expect(hex(splitSecret(s, secret, 2, 3)[0]!)).not.toBe(hex(splitSecret(s, secret, 2, 3)[0]!));
  });

  it('refuses impossible parameters and malformed shares', async () => {
    const s = await sodium();
    const secret = s.randombytes_buf(32);
    expect(() => splitSecret(s, secret, 1, 3)).toThrow(/2 <= threshold <= count <= 255/);
    expect(() => splitSecret(s, secret, 4, 3)).toThrow(SealingError);
    expect(() => splitSecret(s, secret, 2, 256)).toThrow(SealingError);
    expect(() => splitSecret(s, new Uint8Array(0), 2, 3)).toThrow(/must not be empty/);
    expect(() => splitSecret(s, secret, 2, 3, [1, 1, 2])).toThrow(/x 1 is repeated/);
    expect(() => splitSecret(s, secret, 2, 3, [0, 1, 2])).toThrow(/outside 1\.\.255/);
    const shares = splitSecret(s, secret, 2, 3);
    expect(() => combineShares([shares[0]!, shares[0]!])).toThrow(/repeats x = 1/);
    expect(() => combineShares([shares[0]!, shares[1]!.slice(0, 20)])).toThrow(/share 1 is 20 bytes/);
    expect(() => combineShares([new Uint8Array(33), shares[1]!])).toThrow(/x = 0/);
  });
});

describe('libgfshare known answers (shares made by Debian gfsplit)', () => {
  it("combines H1's pinned gfsplit shares (tests/data/sealing/gfshare) to the secret 0x00..0x1f", () => {
    const dir = resolve(SEALING_DATA, 'gfshare');
    const secret = hex(readFileSync(join(dir, 'secret.bin')));
    expect(secret).toBe(hex(Uint8Array.from({ length: 32 }, (_, i) => i)));
    for (const [stem, k] of [['k2n3', 2], ['k3n5', 3]] as const) {
      const shares = readGfsplitShares(dir, stem);
      expect(shares.length).toBe(stem === 'k2n3' ? 3 : 5);
      for (const subset of subsets(shares, k)) expect(hex(combineShares(subset))).toBe(secret);
      for (const subset of subsets(shares, k - 1).filter((x) => x.length >= 2)) expect(hex(combineShares(subset))).not.toBe(secret);
    }
  });

  it('combines every k-subset of the gfshare-js cases to their secret, and k-1 shares do not', () => {
    const dir = resolve(SEALING_DATA, 'gfshare-js');
    const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as { name: string; threshold: number; count: number }[];
    expect(cases.length).toBeGreaterThanOrEqual(3);
    for (const testCase of cases) {
      const caseDir = join(dir, testCase.name);
      const secret = hex(readFileSync(join(caseDir, 'secret')));
      const shares = readGfsplitShares(caseDir, 'share');
      expect(shares).toHaveLength(testCase.count);
      for (const subset of subsets(shares, testCase.threshold)) expect(hex(combineShares(subset))).toBe(secret);
      for (const subset of subsets(shares, testCase.threshold - 1)) {
        if (subset.length < 2) expect(() => combineShares(subset)).toThrow(SealingError);
        else expect(hex(combineShares(subset))).not.toBe(secret);
      }
    }
  });
});

describe('shares split here, combined by Debian gfcombine (libgfshare)', () => {
  let workDir: string | undefined;
  afterEach(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    workDir = undefined;
  });

  // gfcombine is installed by scripts/bootstrap (libgfshare-bin); missing it is a failure.
  function gfcombine(files: string[], output: string): void {
    const run = spawnSync('gfcombine', ['-o', output, ...files], { encoding: 'utf8' });
    if (run.error) throw new Error(`gfcombine could not run (${run.error.message}); scripts/bootstrap installs libgfshare-bin`);
    expect(run.status, run.stderr).toBe(0);
  }

  it.each([
    [2, 3, 32],
    [3, 5, 32],
    [5, 8, 1000],
  ])('%i-of-%i shares of a %i-byte secret: every k-subset gfcombines to the secret', async (k, n, length) => {
    const s = await sodium();
    workDir = mkdtempSync(join(tmpdir(), 'tb-gfcombine-'));
    const secret = s.randombytes_buf(length);
    // Spread x over the byte range so the test is not only x = 1..n.
    const xs = Array.from({ length: n }, (_, i) => 1 + ((i * 97 + 13) % 255));
    const shares = splitSecret(s, secret, k, n, xs);
    const files = shares.map((share) => {
      const path = join(workDir!, `share.${String(share[0]).padStart(3, '0')}`);
      writeFileSync(path, share.subarray(1));
      return path;
    });
    const chosen = subsets(files, k);
    for (const [i, subset] of chosen.slice(0, 20).entries()) {
      const output = join(workDir, `out-${i}`);
      gfcombine(subset, output);
      expect(hex(readFileSync(output))).toBe(hex(secret));
    }
    const short = join(workDir, 'out-short');
    gfcombine(files.slice(0, Math.max(2, k - 1)), short);
    if (k - 1 >= 2) expect(hex(readFileSync(short))).not.toBe(hex(secret));
  });
});
