import { describe, expect, it } from 'vitest';
import { SealingError } from '../errors';
import { type EnvelopeBinding, type Price, chunkStreamBytes, utf8Bytes } from '../format';
import { openEnvelope } from '../open';
import { type FileToSeal, sealEnvelope, sha256OfBlob } from '../seal';
import { BINDING, blobBytes, patternBytes, sameBytes, sodium, takeApart, toBlob } from './helpers';

async function keyPair() {
  const s = await sodium();
  const pair = s.crypto_box_keypair();
  return { publicKey: pair.publicKey, secretKey: pair.privateKey };
}

async function roundTrip(files: { name: string; bytes: Uint8Array }[], price: Price | null = null, binding: EnvelopeBinding = BINDING) {
  const key = await keyPair();
  const toSeal: FileToSeal[] = files.map((file) => ({ name: file.name, data: toBlob(file.bytes) }));
  const sealed = await sealEnvelope({ binding, recipient: key.publicKey, files: toSeal, price });
  const opened = await openEnvelope({ envelope: sealed.blob, expected: binding, secretKey: key.secretKey });
  return { key, sealed, opened };
}

describe('sealEnvelope / openEnvelope', () => {
  it.each([
    ['an empty file', 0],
    ['a small file', 11],
    ['exactly one chunk', 65536],
    ['one chunk and one byte', 65537],
    ['several chunks', 3 * 65536 + 1234],
  ])('round-trips %s (%i bytes) with the manifest describing it', async (_label, size) => {
    const bytes = patternBytes(size, size + 7);
    const { sealed, opened } = await roundTrip([{ name: 'offer.pdf', bytes }]);
    expect(opened.files).toHaveLength(1);
    expect(opened.files[0]!.name).toBe('offer.pdf');
    expect(opened.files[0]!.size).toBe(size);
    expect(sameBytes(await blobBytes(opened.files[0]!.data), bytes)).toBe('same');
    expect(opened.price).toBeNull();
    expect(opened.manifest.files[0]!.size).toBe(size);
    expect(JSON.parse(opened.manifestJson)).not.toHaveProperty('price');
    // Canonical chunking: the stream length follows from the size alone.
    const parts = takeApart(await blobBytes(sealed.blob));
    expect(parts.files[0]!.chunks).toHaveLength(Math.max(1, Math.ceil(size / 65536)));
    expect(parts.files[0]!.chunks.reduce((sum, c) => sum + 4 + c.length, 0)).toBe(chunkStreamBytes(size));
  });

  it('round-trips three files, a price, a financial envelope and a non-ASCII name', async () => {
    const binding: EnvelopeBinding = { tender: 'ocds-tbrdg1-000042', kind: 'financial', bid: 'Bid_99-z' };
    const files = [
      { name: 'Offre financière – 2026.xlsx', bytes: patternBytes(70000, 1) },
      { name: '报价.pdf', bytes: patternBytes(5, 2) },
      { name: 'empty.txt', bytes: new Uint8Array(0) },
    ];
    const price = { amount_minor: 123456789, currency: 'EUR' };
    const { opened, sealed } = await roundTrip(files, price, binding);
    expect(opened.binding).toEqual(binding);
    expect(opened.price).toEqual(price);
    expect(opened.manifest).toMatchObject({ v: 1, tender: binding.tender, bid: binding.bid, envelope: 'financial' });
    expect(opened.files.map((file) => file.name)).toEqual(files.map((file) => file.name));
    for (const [i, file] of files.entries()) expect(sameBytes(await blobBytes(opened.files[i]!.data), file.bytes)).toBe('same');
    expect(sealed.manifest.price).toEqual(price);
  });

  it('round-trips an envelope with no files, only a price', async () => {
    const { opened, sealed } = await roundTrip([], { amount_minor: 0, currency: 'JPY' });
    expect(opened.files).toEqual([]);
    expect(opened.price).toEqual({ amount_minor: 0, currency: 'JPY' });
    expect(takeApart(await blobBytes(sealed.blob)).files).toEqual([]);
  });

  it('seals a multi-megabyte file through the periodic Blob flush', async () => {
    const bytes = patternBytes(5 * 1024 * 1024 + 3, 5);
    const { opened } = await roundTrip([{ name: 'drawings.dwg', bytes }]);
    expect(sameBytes(await blobBytes(opened.files[0]!.data), bytes)).toBe('same');
  });

  it('reports progress per chunk, monotonically, ending at the plaintext total', async () => {
    const key = await keyPair();
    const calls: [number, number][] = [];
    const files = [
      { name: 'a.bin', data: toBlob(patternBytes(150000, 3)) },
      { name: 'b.bin', data: toBlob(patternBytes(10, 4)) },
    ];
    await sealEnvelope({ binding: BINDING, recipient: key.publicKey, files, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls[0]).toEqual([0, 150010]);
    expect(calls.at(-1)).toEqual([150010, 150010]);
    expect(calls).toHaveLength(1 + 3 + 1); // start, three chunks of a.bin, one of b.bin
    for (let i = 1; i < calls.length; i += 1) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
  });

  it('returns the size and SHA-256 of exactly the bytes it produced', async () => {
    const s = await sodium();
    const key = await keyPair();
    const sealed = await sealEnvelope({ binding: BINDING, recipient: key.publicKey, files: [{ name: 'x', data: toBlob(patternBytes(99)) }] });
    const bytes = await blobBytes(sealed.blob);
    expect(sealed.size).toBe(bytes.length);
    expect(sealed.sha256).toBe(s.to_hex(s.crypto_hash_sha256(bytes)));
    expect(await sha256OfBlob(sealed.blob)).toBe(sealed.sha256);
  });

  it('never writes the plaintext, and two seals of the same input differ', async () => {
    const key = await keyPair();
    const canary = utf8Bytes('CANARY-PLAINTEXT-0123456789-'.repeat(40));
    const seal = () => sealEnvelope({ binding: BINDING, recipient: key.publicKey, files: [{ name: 'canary.txt', data: toBlob(canary) }], price: { amount_minor: 777777, currency: 'USD' } });
    const first = new TextDecoder('latin1').decode(await blobBytes((await seal()).blob));
    const second = new TextDecoder('latin1').decode(await blobBytes((await seal()).blob));
    expect(first).not.toContain('CANARY');
    expect(first).not.toContain('canary.txt');
    expect(first).not.toContain('777777');
    expect(first).not.toBe(second);
  });

  it('refuses bad input to the sealer, naming the field', async () => {
    const key = await keyPair();
    const file = { name: 'a', data: toBlob(new Uint8Array(1)) };
    const attempt = (patch: object) => sealEnvelope({ binding: BINDING, recipient: key.publicKey, files: [file], ...patch });
    await expect(attempt({ binding: { ...BINDING, bid: 'has space' } })).rejects.toThrow(/bid "has space"/);
    await expect(attempt({ binding: { ...BINDING, bid: 'x'.repeat(65) } })).rejects.toThrow(/1\.\.64/);
    await expect(attempt({ binding: { ...BINDING, tender: '' } })).rejects.toThrow(/tender must be 1\.\.200/);
    await expect(attempt({ binding: { ...BINDING, tender: 'é'.repeat(101) } })).rejects.toThrow(/got 202/);
    await expect(attempt({ binding: { ...BINDING, kind: 'price' } })).rejects.toThrow(/envelope kind "price"/);
    await expect(attempt({ recipient: new Uint8Array(31) })).rejects.toThrow(/recipient/);
    await expect(attempt({ files: [{ ...file, name: 'a/b' }] })).rejects.toThrow(/files\[0\]\.name/);
    await expect(attempt({ files: [{ ...file, name: '' }] })).rejects.toThrow(/files\[0\]\.name/);
    await expect(attempt({ files: Array.from({ length: 101 }, () => file) })).rejects.toThrow(/at most 100 files/);
    await expect(attempt({ price: { amount_minor: -1, currency: 'USD' } })).rejects.toThrow(/price\.amount_minor/);
    await expect(attempt({ price: { amount_minor: 1.5, currency: 'USD' } })).rejects.toThrow(/price\.amount_minor/);
    await expect(attempt({ price: { amount_minor: 1, currency: 'usd' } })).rejects.toThrow(/price\.currency/);
    const error = await attempt({ binding: { ...BINDING, bid: '' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SealingError);
    expect((error as SealingError).code).toBe('invalid_argument');
  });

  it('stops when the caller aborts', async () => {
    const key = await keyPair();
    const controller = new AbortController();
    const promise = sealEnvelope({
      binding: BINDING,
      recipient: key.publicKey,
      files: [{ name: 'big', data: toBlob(patternBytes(10 * 65536)) }],
      signal: controller.signal,
      onProgress: (done) => {
        if (done > 0) controller.abort();
      },
    });
    await expect(promise).rejects.toMatchObject({ code: 'aborted' });
  });
});
