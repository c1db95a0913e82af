import { describe, expect, it } from 'vitest';
import { parsePublicKey, RECEIPT_CHECKS, verifyReceipt } from '../lib/receipt';
import fixture from './fixtures/server-receipts.json';

// Receipts the C++ server issued (fixtures/server-receipts.json: a submission, and a
// submission and its replacement, at leaves 16 to 18 of the audit log), checked by the
// browser's verifier: the two implementations agree on every byte the checks cover.

const key = parsePublicKey(fixture.public_key)!;

describe('receipts issued by the server', () => {
  it('are three, of two bids, with real inclusion paths', () => {
    expect(fixture.receipts.map((r) => r.action)).toEqual(['received', 'received', 'replaced']);
    expect(fixture.receipts.map((r) => r.audit.inclusion_path.length)).toEqual([1, 2, 2]);
  });

  for (const receipt of fixture.receipts) {
    it(`verify: ${receipt.action} version ${receipt.version} at leaf ${receipt.audit.leaf_index}`, async () => {
      expect(await verifyReceipt(receipt, key)).toMatchObject({ valid: true, passed: RECEIPT_CHECKS });
    });
  }

  it('stop verifying when any part is changed', async () => {
    const receipt = fixture.receipts[2]!;
    const changes: [string, (r: typeof receipt) => void, string][] = [
      ['the price envelope hash', (r) => (r.envelopes[1]!.sha256 = r.envelopes[0]!.sha256), 'signature'],
      ['the version', (r) => (r.version = 1), 'signature'],
      ['a node of the path', (r) => (r.audit.inclusion_path[1] = r.audit.inclusion_path[0]!), 'signature'],
      ['the key id', (r) => (r.key_id = '0000000000000000'), 'key_id'],
    ];
    for (const [what, change, check] of changes) {
      const altered = JSON.parse(JSON.stringify(receipt)) as typeof receipt;
      change(altered);
      expect({ what, verdict: await verifyReceipt(altered, key) }).toMatchObject({ what, verdict: { valid: false, failed: check } });
    }
  });
});
