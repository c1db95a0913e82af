// CR-05 cross-implementation fixtures. cpp/ holds envelopes sealed by the C++ engine
// (src/crypto/testing/sealing_fixture_writer.cc): opening them here is the C++ → browser
// direction. js/ holds the browser code's own pinned envelopes (web/scripts/make-sealing-fixtures.mjs),
// which C++ opens in src/crypto/cross_implementation_test.cc; opening them here too keeps
// this code from drifting away from what it once wrote. An empty or missing directory fails.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EnvelopeBinding, Price } from '../format';
import { openEnvelope } from '../open';
import { fromBase64Url } from '../sodium';
import { SEALING_DATA, blobBytes, sameBytes, sodium } from './helpers';

interface FixtureCase {
  secret_key: string;
  public_key: string;
  binding: EnvelopeBinding;
  files: { name: string; content_b64: string }[];
  price: Price | null;
}

function caseNames(which: 'cpp' | 'js'): string[] {
  const dir = resolve(SEALING_DATA, which);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

async function checkCase(which: 'cpp' | 'js', name: string): Promise<void> {
  const s = await sodium();
  const dir = resolve(SEALING_DATA, which);
  const fixture = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as FixtureCase;
  const envelope = new Uint8Array(readFileSync(join(dir, `${name}.env`)));
  const secretKey = fromBase64Url(s, fixture.secret_key, 'secret_key', 32);
  expect(s.to_hex(s.crypto_scalarmult_base(secretKey)), `${name}: secret_key is not public_key's`).toBe(
    s.to_hex(fromBase64Url(s, fixture.public_key, 'public_key', 32)),
  );
  const opened = await openEnvelope({ envelope, expected: fixture.binding, secretKey });
  expect(opened.binding).toEqual(fixture.binding);
  expect(opened.files.map((file) => file.name)).toEqual(fixture.files.map((file) => file.name));
  for (const [i, file] of fixture.files.entries()) {
    const expected = fromBase64Url(s, file.content_b64, `files[${i}].content_b64`);
    expect(sameBytes(await blobBytes(opened.files[i]!.data), expected), `${name} file ${i}`).toBe('same');
  }
  expect(opened.price).toEqual(fixture.price ?? null);
  // The same bytes under another bid id must not open: the binding is checked, not assumed.
  const otherBid = { ...fixture.binding, bid: fixture.binding.bid === 'x' ? 'y' : 'x' };
  await expect(openEnvelope({ envelope, expected: otherBid, secretKey })).rejects.toMatchObject({ code: 'binding_mismatch' });
}

describe('cross-implementation envelopes (CR-05)', () => {
  it('opens every envelope the C++ engine sealed (tests/data/sealing/cpp)', async () => {
    const names = caseNames('cpp');
    expect(names.length, 'tests/data/sealing/cpp has no fixtures: the C++ envelopes are missing').toBeGreaterThan(0);
    for (const name of names) await checkCase('cpp', name);
  });

  it('still opens every envelope this code pinned (tests/data/sealing/js), covering the agreed cases', async () => {
    const names = caseNames('js');
    expect(names).toEqual(
      expect.arrayContaining(['empty-file', 'small-text', 'exact-chunk', 'chunk-plus-one', 'three-files', 'binary-300k', 'with-price', 'financial', 'non-ascii-name']),
    );
    for (const name of names) await checkCase('js', name);
  });
});
