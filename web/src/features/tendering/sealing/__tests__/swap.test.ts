// CR-02 swap tests: a stream moved to another bid, tender, envelope kind or file position,
// reordered chunks, a dropped final chunk and other surgery must all fail to open, with an
// error that says what is wrong. The forger here re-seals a consistent manifest (sealed boxes
// are anonymous, anyone with the public key can), so the failures come from the AD binding
// and the stream itself, not from a hash mismatch.
import { describe, expect, it } from 'vitest';
import type { SealingErrorCode } from '../errors';
import type { EnvelopeBinding } from '../format';
import { openEnvelope } from '../open';
import { sealEnvelope } from '../seal';
import {
  BINDING,
  type EnvelopeParts,
  blobBytes,
  concat,
  forgedManifest,
  handmadeStream,
  patternBytes,
  putTogether,
  sodium,
  takeApart,
  toBlob,
} from './helpers';

const FILE_A = patternBytes(3 * 65536 - 5, 21); // three chunks
const FILE_B = patternBytes(1000, 22);

async function setting() {
  const s = await sodium();
  const pair = s.crypto_box_keypair();
  const seal = async (binding: EnvelopeBinding) =>
    takeApart(
      await blobBytes(
        (
          await sealEnvelope({
            binding,
            recipient: pair.publicKey,
            files: [
              { name: 'a.bin', data: toBlob(FILE_A) },
              { name: 'b.bin', data: toBlob(FILE_B) },
            ],
          })
        ).blob,
      ),
    );
  const open = (bytes: Uint8Array, expected: EnvelopeBinding) => openEnvelope({ envelope: bytes, expected, secretKey: pair.privateKey });
  return { s, pair, seal, open };
}

async function expectRefused(promise: Promise<unknown>, code: SealingErrorCode, message: RegExp) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the envelope opened but must not').toBeDefined();
  expect(error).toMatchObject({ name: 'SealingError', code });
  expect((error as Error).message).toMatch(message);
}

// Builds `target`'s envelope with `sections` in place of its files and a manifest that agrees.
function forge(s: Awaited<ReturnType<typeof sodium>>, target: EnvelopeParts, sections: EnvelopeParts['files'], sizes: number[]) {
  const parts = { ...target, files: sections };
  const manifest = forgedManifest(
    s,
    target.binding,
    sections.map((section, i) => ({ name: `f${i}.bin`, size: sizes[i]!, section })),
  );
  return putTogether(s, parts, manifest);
}

describe('CR-02: moved, reordered and truncated streams', () => {
  it('opens the untouched envelope and its re-assembly (the surgery itself is faithful)', async () => {
    const { s, seal, open } = await setting();
    const parts = await seal(BINDING);
    const opened = await open(putTogether(s, parts), BINDING);
    expect(opened.files.map((file) => file.size)).toEqual([FILE_A.length, FILE_B.length]);
    const forged = await open(forge(s, parts, parts.files, [FILE_A.length, FILE_B.length]), BINDING);
    expect(forged.files.map((file) => file.name)).toEqual(['f0.bin', 'f1.bin']);
  });

  it.each([
    ['another bid', { ...BINDING, bid: 'bid-B2' }],
    ['another tender', { ...BINDING, tender: 'ocds-tbrdg1-000002' }],
    ['another envelope kind', { ...BINDING, kind: 'financial' as const }],
  ])('a stream moved into %s does not authenticate', async (_label, other) => {
    const { s, seal, open } = await setting();
    const victim = await seal(BINDING);
    const target = await seal(other);
    // The target keeps its own file 1 and receives the victim's file 0 at the same index.
    const forged = forge(s, target, [victim.files[0]!, target.files[1]!], [FILE_A.length, FILE_B.length]);
    await expectRefused(open(forged, other), 'chunk_auth_failed', /file 0 .*chunk 0 does not authenticate/);
  });

  it('two files swapped inside one envelope do not authenticate at their new index', async () => {
    const { s, seal, open } = await setting();
    const parts = await seal(BINDING);
    const forged = forge(s, parts, [parts.files[1]!, parts.files[0]!], [FILE_B.length, FILE_A.length]);
    await expectRefused(open(forged, BINDING), 'chunk_auth_failed', /file 0 .*chunk 0 does not authenticate/);
  });

  it('reordered chunks do not authenticate', async () => {
    const { s, seal, open } = await setting();
    const parts = await seal(BINDING);
    const a = parts.files[0]!;
    const reordered = { ...a, chunks: [a.chunks[1]!, a.chunks[0]!, a.chunks[2]!] };
    const forged = forge(s, parts, [reordered, parts.files[1]!], [FILE_A.length, FILE_B.length]);
    await expectRefused(open(forged, BINDING), 'chunk_auth_failed', /chunk 0 does not authenticate/);
  });

  it('a dropped final chunk is reported as truncation', async () => {
    const { s, seal, open } = await setting();
    const parts = await seal(BINDING);
    const a = parts.files[0]!;
    const cut = { ...a, chunks: a.chunks.slice(0, 2) };
    const forged = forge(s, parts, [cut, parts.files[1]!], [2 * 65536, FILE_B.length]);
    await expectRefused(open(forged, BINDING), 'truncated', /file 0 .*ends without its FINAL chunk/);
  });

  it('a chunk stream cut short without fixing the lengths is malformed', async () => {
    const { s, seal, open } = await setting();
    const bytes = putTogether(s, await seal(BINDING));
    await expectRefused(open(bytes.subarray(0, bytes.length - 100), BINDING), 'malformed', /declares \d+ stream bytes, only \d+ follow/);
    await expectRefused(open(bytes.subarray(0, 60), BINDING), 'malformed', /ends inside/);
  });

  it('a flipped ciphertext bit, a flipped sealed key and a flipped header all fail', async () => {
    const { s, seal, open } = await setting();
    const parts = await seal(BINDING);
    const flip = (bytes: Uint8Array, at: number) => {
      const copy = bytes.slice();
      copy[at] = copy[at]! ^ 0x01;
      return copy;
    };
    const a = parts.files[0]!;
    const sizes = [FILE_A.length, FILE_B.length];
    const badChunk = forge(s, parts, [{ ...a, chunks: [a.chunks[0]!, flip(a.chunks[1]!, 100), a.chunks[2]!] }, parts.files[1]!], sizes);
    await expectRefused(open(badChunk, BINDING), 'chunk_auth_failed', /chunk 1 does not authenticate/);
    const badKey = forge(s, parts, [{ ...a, sealedKey: flip(a.sealedKey, 40) }, parts.files[1]!], sizes);
    await expectRefused(open(badKey, BINDING), 'wrong_key', /file 0 .*key does not open/);
    const badHeader = forge(s, parts, [{ ...a, header: flip(a.header, 3) }, parts.files[1]!], sizes);
    await expectRefused(open(badHeader, BINDING), 'chunk_auth_failed', /chunk 0 does not authenticate/);
    // Without a forged manifest the untouched sealed manifest's hash catches a replaced stream
    // even where the chunks themselves are valid (here: another seal of the same binding).
    const other = await seal(BINDING);
    const swapped = putTogether(s, { ...parts, files: [other.files[0]!, parts.files[1]!] });
    await expectRefused(open(swapped, BINDING), 'manifest_mismatch', /SHA-256 .* differs from the manifest/);
  });

  it('a header rewritten to another bid is caught by the sealed manifest', async () => {
    const { s, seal, open } = await setting();
    const parts = await seal(BINDING);
    const moved = { ...BINDING, bid: 'bid-B2' };
    const relabelled = putTogether(s, { ...parts, binding: moved });
    await expectRefused(open(relabelled, moved), 'binding_mismatch', /manifest is bound to .*bid "bid-A1"/);
  });

  it('refuses an envelope bound to something else, sealed to another key, or with trailing bytes', async () => {
    const { s, seal, open } = await setting();
    const bytes = putTogether(s, await seal(BINDING));
    await expectRefused(open(bytes, { ...BINDING, bid: 'bid-B2' }), 'binding_mismatch', /sealed for tender .*bid "bid-A1", expected .*bid "bid-B2"/);
    await expectRefused(open(bytes, { ...BINDING, kind: 'single' }), 'binding_mismatch', /technical envelope/);
    const stranger = s.crypto_box_keypair();
    await expectRefused(openEnvelope({ envelope: bytes, expected: BINDING, secretKey: stranger.privateKey }), 'wrong_key', /different envelope public key/);
    await expectRefused(open(concat(bytes, new Uint8Array([0])), BINDING), 'malformed', /1 bytes follow the last file/);
    const badMagic = bytes.slice();
    badMagic[7] = 2;
    await expectRefused(open(badMagic, BINDING), 'malformed', /unsupported envelope version 2/);
    badMagic[0] = 0x58;
    await expectRefused(open(badMagic, BINDING), 'malformed', /not a TenderBridge sealed envelope/);
  });

  it('refuses non-canonical streams: a short middle chunk, FINAL too early, an empty FINAL after full chunks', async () => {
    const { s, pair, open } = await setting();
    const { TAG_MESSAGE: message, TAG_FINAL: final } = {
      TAG_MESSAGE: s.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE,
      TAG_FINAL: s.crypto_secretstream_xchacha20poly1305_TAG_FINAL,
    };
    const full = patternBytes(65536, 31);
    const cases = [
      { chunks: [{ data: full.subarray(0, 10), tag: message }, { data: full.subarray(0, 10), tag: final }], size: 20, error: /only the last chunk may be short/ },
      { chunks: [{ data: full, tag: final }, { data: full.subarray(0, 10), tag: final }], size: 65546, error: /chunks after its FINAL chunk/ },
      { chunks: [{ data: full, tag: message }, { data: new Uint8Array(0), tag: final }], size: 65536, error: /empty FINAL chunk after full ones/ },
    ];
    const empty = takeApart(
      await blobBytes((await sealEnvelope({ binding: BINDING, recipient: pair.publicKey, files: [] })).blob),
    );
    for (const testCase of cases) {
      const section = handmadeStream(s, pair.publicKey, BINDING, 0, testCase.chunks);
      const forged = forge(s, empty, [section], [testCase.size]);
      await expectRefused(open(forged, BINDING), 'malformed', testCase.error);
    }
    // The same handmade route with canonical chunks opens, so the refusals above are about
    // the chunking and nothing else.
    const good = handmadeStream(s, pair.publicKey, BINDING, 0, [{ data: full, tag: message }, { data: full.subarray(0, 3), tag: final }]);
    const opened = await open(forge(s, empty, [good], [65539]), BINDING);
    expect(opened.files[0]!.size).toBe(65539);
  });
});
