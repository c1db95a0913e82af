import { beforeAll, describe, expect, it } from 'vitest';
import { loadSodium, type Sodium } from '@/features/tendering/sealing';
import { canonicalJson, parsePublicKey, RECEIPT_CHECKS, verifyReceipt } from '../lib/receipt';
import { enc, type FixtureOptions, hex, makeReceiptFixture } from './receipt-fixture';

// The browser's receipt check against receipts built from the definitions
// (receipt-fixture.ts); receipt-server.test.ts checks receipts the C++ server issued.

let sodium: Sodium;
beforeAll(async () => {
  sodium = await loadSodium();
});

const b64u = (b: Uint8Array) => sodium.to_base64(b, sodium.base64_variants.URLSAFE_NO_PADDING);
const makeReceipt = (options: FixtureOptions) => makeReceiptFixture(sodium, options);

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('canonicalJson', () => {
  it('sorts members at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }], é: 'ü' })).toBe('{"a":[{"c":null,"d":"x"}],"b":1,"é":"ü"}');
  });
  it('refuses numbers that are not integers', () => {
    expect(() => canonicalJson({ a: 1.5 })).toThrow();
  });
});

describe('verifyReceipt', () => {
  for (const [size, index] of [
    [1, 0],
    [2, 1],
    [5, 3],
    [7, 6],
    [8, 0],
    [13, 12],
  ] as const) {
    it(`accepts a receipt for leaf ${index} of a tree of ${size}`, async () => {
      const { receipt, publicKey } = makeReceipt({ size, index });
      const verdict = await verifyReceipt(receipt, publicKey);
      expect(verdict).toMatchObject({ valid: true, passed: RECEIPT_CHECKS });
    });
  }

  const tampering: [string, (r: ReturnType<typeof makeReceipt>['receipt']) => void, string][] = [
    ['an extra member', (r) => Object.assign(r, { note: 'x' }), 'form'],
    ['a changed receipt time', (r) => (r.receipt_time_us += 1), 'signature'],
    ['a changed envelope hash', (r) => (r.envelopes[0]!.sha256 = 'c'.repeat(64)), 'signature'],
    ['another key id', (r) => (r.key_id = '0011223344556677'), 'key_id'],
    ['a changed tree root', (r) => (r.audit.tree_head.root = 'd'.repeat(64)), 'signature'],
  ];
  for (const [what, change, check] of tampering) {
    it(`refuses ${what} at the ${check} check`, async () => {
      const { receipt, publicKey } = makeReceipt({ size: 5, index: 3 });
      const altered = clone(receipt);
      change(altered);
      const verdict = await verifyReceipt(altered, publicKey);
      expect(verdict.valid).toBe(false);
      expect(verdict.failed).toBe(check);
    });
  }

  it('refuses a receipt signed by another key', async () => {
    const { receipt } = makeReceipt({ size: 3, index: 1 });
    const other = makeReceipt({ size: 3, index: 1, seed: 9 });
    expect((await verifyReceipt(receipt, other.publicKey)).failed).toBe('key_id');
  });

  // A server that re-signed a receipt whose proof does not hold still fails the later checks:
  // the signature alone proves nothing about the log.
  const resign = (r: ReturnType<typeof makeReceipt>['receipt'], seed = 7) => {
    const keys = sodium.crypto_sign_seed_keypair(new Uint8Array(32).fill(seed));
    const { signature: _s, ...unsigned } = r;
    r.signature = b64u(sodium.crypto_sign_detached(enc(canonicalJson(unsigned)), keys.privateKey));
  };

  it('refuses a re-signed receipt whose inclusion path was altered', async () => {
    const { receipt, publicKey } = makeReceipt({ size: 5, index: 3 });
    const altered = clone(receipt);
    altered.audit.inclusion_path[0] = 'e'.repeat(64);
    resign(altered);
    expect(await verifyReceipt(altered, publicKey)).toMatchObject({ valid: false, failed: 'inclusion' });
  });

  it('refuses a re-signed receipt whose audit entry states another envelope', async () => {
    const { receipt, publicKey } = makeReceipt({ size: 2, index: 0 });
    const altered = clone(receipt);
    altered.envelopes[1]!.sha256 = 'f'.repeat(64);
    resign(altered);
    expect(await verifyReceipt(altered, publicKey)).toMatchObject({ valid: false, failed: 'audit_entry' });
  });

  it('refuses a re-signed receipt whose bid reference is not of its bid', async () => {
    const { receipt, publicKey } = makeReceipt({ size: 2, index: 0 });
    const altered = clone(receipt);
    altered.bid = 'bid-other';
    resign(altered);
    expect(await verifyReceipt(altered, publicKey)).toMatchObject({ valid: false, failed: 'bid_reference' });
  });

  it('refuses a re-signed receipt whose tree head is from another time', async () => {
    const { receipt, publicKey } = makeReceipt({ size: 2, index: 0 });
    const altered = clone(receipt);
    altered.audit.tree_head.at_us += 1;
    resign(altered);
    expect(await verifyReceipt(altered, publicKey)).toMatchObject({ valid: false, failed: 'tree_head_signature' });
  });
});

describe('parsePublicKey', () => {
  it('reads hex and unpadded base64url, and nothing else', () => {
    const key = new Uint8Array(32).map((_, i) => i);
    expect(parsePublicKey(hex(key))).toEqual(key);
    expect(parsePublicKey(b64u(key))).toEqual(key);
    expect(parsePublicKey('abc')).toBeUndefined();
  });
});
