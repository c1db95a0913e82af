import { createHash } from 'node:crypto';
import sodiumModule from 'libsodium-wrappers-sumo';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CommitteeMember, runKeyCeremony } from '../ceremony';
import { SealingError } from '../errors';
import { createMemberKey, exportMemberKeyFile, importMemberKeyFile, unsealShare } from '../member-key';
import { openEnvelope } from '../open';
import { sealEnvelope } from '../seal';
import { combineShares } from '../shamir';
import { fromBase64Url } from '../sodium';
import { BINDING, blobBytes, patternBytes, sameBytes, sodium, toBlob } from './helpers';

const FAST = { opslimit: 1, memlimit: 8192 }; // argon2id's minimum: tests only

async function committee(n: number) {
  const keys = await Promise.all(Array.from({ length: n }, () => createMemberKey()));
  const members: CommitteeMember[] = keys.map((key, i) => ({ userId: 100 + i, publicKey: key.publicKey }));
  return { keys, members };
}

function subsets<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  if (items.length < size) return [];
  const [first, ...rest] = items;
  return [...subsets(rest, size - 1).map((subset) => [first!, ...subset]), ...subsets(rest, size)];
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('runKeyCeremony', () => {
  it('produces the upload body: public key, threshold, one 81-byte sealed share per member', async () => {
    const s = await sodium();
    const { members } = await committee(3);
    const result = await runKeyCeremony(members, 2);
    expect(Object.keys(result.body)).toEqual(['public_key', 'threshold', 'shares']);
    expect(result.body.threshold).toBe(2);
    expect(result.body.public_key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fromBase64Url(s, result.body.public_key, 'public_key', 32)).toEqual(result.publicKey);
    expect(result.body.shares.map((share) => share.user_id)).toEqual([100, 101, 102]);
    for (const share of result.body.shares) {
      expect(share.sealed_share).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(fromBase64Url(s, share.sealed_share, 'sealed_share').length).toBe(81);
    }
    // ET-12 fingerprint: checked against Node's own SHA-256, not libsodium's.
    expect(result.fingerprint).toBe(createHash('sha256').update(result.publicKey).digest('hex'));
  });

  it('any k members open a bid sealed to the tender key; k-1 cannot; the wrong pair is detected', async () => {
    const s = await sodium();
    const { keys, members } = await committee(4);
    const ceremony = await runKeyCeremony(members, 3);
    const content = patternBytes(70000, 41);
    const sealed = await sealEnvelope({
      binding: BINDING,
      recipient: ceremony.publicKey,
      files: [{ name: 'offer.pdf', data: toBlob(content) }],
      price: { amount_minor: 4200, currency: 'USD' },
    });
    const shares = await Promise.all(ceremony.body.shares.map((sealedShare, i) => unsealShare(sealedShare.sealed_share, keys[i]!)));
    expect(shares.map((share) => share[0])).toEqual([1, 2, 3, 4]);
    for (const subset of subsets(shares, 3)) {
      const secretKey = combineShares(subset);
      expect(s.crypto_scalarmult_base(secretKey)).toEqual(ceremony.publicKey);
      const opened = await openEnvelope({ envelope: sealed.blob, expected: BINDING, secretKey });
      expect(sameBytes(await blobBytes(opened.files[0]!.data), content)).toBe('same');
      expect(opened.price).toEqual({ amount_minor: 4200, currency: 'USD' });
    }
    for (const subset of subsets(shares, 2)) {
      const wrong = combineShares(subset);
      expect(s.crypto_scalarmult_base(wrong)).not.toEqual(ceremony.publicKey);
      await expect(openEnvelope({ envelope: sealed.blob, expected: BINDING, secretKey: wrong })).rejects.toMatchObject({ code: 'wrong_key' });
    }
  });

  it('wipes the envelope secret key and the plain shares before returning', async () => {
    const pairs: Uint8Array[] = [];
    const keypair = sodiumModule.crypto_box_keypair.bind(sodiumModule);
    vi.spyOn(sodiumModule, 'crypto_box_keypair').mockImplementation((() => {
      const pair = keypair();
      pairs.push(pair.privateKey);
      return pair;
    }) as typeof sodiumModule.crypto_box_keypair);
    const wiped: Uint8Array[] = [];
    const memzero = sodiumModule.memzero.bind(sodiumModule);
    vi.spyOn(sodiumModule, 'memzero').mockImplementation((bytes: Uint8Array) => {
      wiped.push(bytes);
      memzero(bytes);
    });
    const { members } = await committee(3);
    pairs.length = 0; // the members' own keys are not the ceremony's
    await runKeyCeremony(members, 2);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]!.every((byte) => byte === 0)).toBe(true);
    expect(wiped).toContain(pairs[0]);
    // The three 33-byte shares and the check key were wiped too.
    expect(wiped.filter((bytes) => bytes.length === 33 && bytes.every((b) => b === 0))).toHaveLength(3);
  });

  it('refuses committees that would break the k-of-n rule', async () => {
    const { members } = await committee(3);
    await expect(runKeyCeremony(members, 3)).rejects.toThrow(/2 <= threshold < members/);
    await expect(runKeyCeremony(members, 1)).rejects.toThrow(/2 <= threshold < members/);
    await expect(runKeyCeremony([members[0]!, { ...members[1]!, userId: 100 }, members[2]!], 2)).rejects.toThrow(/userId 100 appears twice/);
    await expect(runKeyCeremony([members[0]!, { ...members[1]!, publicKey: members[0]!.publicKey }, members[2]!], 2)).rejects.toThrow(
      /another member's key/,
    );
    await expect(runKeyCeremony([members[0]!, members[1]!, { ...members[2]!, publicKey: new Uint8Array(31) }], 2)).rejects.toThrow(
      /members\[2\]\.publicKey/,
    );
  });
});

describe('member key files', () => {
  it('export and import round-trip, in the spec JSON shape', async () => {
    const key = await createMemberKey();
    const file = await exportMemberKeyFile(key, 'correct horse battery staple', FAST);
    expect(Object.keys(file)).toEqual(['v', 'type', 'public_key', 'kdf', 'opslimit', 'memlimit', 'salt', 'nonce', 'secret_box']);
    expect(file).toMatchObject({ v: 1, type: 'tenderbridge-member-key', kdf: 'argon2id13', opslimit: 1, memlimit: 8192 });
    expect(file.salt).toMatch(/^[A-Za-z0-9_-]{22}$/); // 16 bytes
    expect(file.nonce).toMatch(/^[A-Za-z0-9_-]{32}$/); // 24 bytes
    expect(file.secret_box).toMatch(/^[A-Za-z0-9_-]{64}$/); // 32 + 16 bytes
    const imported = await importMemberKeyFile(JSON.stringify(file), 'correct horse battery staple');
    expect(imported.publicKey).toEqual(key.publicKey);
    expect(imported.secretKey).toEqual(key.secretKey);
  });

  it('uses the interactive argon2id limits by default', async () => {
    const key = await createMemberKey();
    const file = await exportMemberKeyFile(key, 'passphrase');
    expect(file.opslimit).toBe(2);
    expect(file.memlimit).toBe(67108864);
    expect((await importMemberKeyFile(file, 'passphrase')).secretKey).toEqual(key.secretKey);
  }, 30000);

  it('hashes the NFC form of the passphrase, so composed and decomposed accents agree', async () => {
    const key = await createMemberKey();
    const file = await exportMemberKeyFile(key, 'caf\u00e9 d\u00e9j\u00e0', FAST);
    expect((await importMemberKeyFile(file, 'cafe\u0301 de\u0301ja\u0300')).secretKey).toEqual(key.secretKey);
  });

  it('still opens a file whose writer hashed a decomposed passphrase as typed', async () => {
    const s = await sodium();
    const key = await createMemberKey();
    const typed = 'cafe\u0301 cre\u0300me';
    const salt = s.randombytes_buf(16);
    const nonce = s.randombytes_buf(24);
    const boxKey = s.crypto_pwhash(32, new Uint8Array(Buffer.from(typed, 'utf8')), salt, 1, 8192, s.crypto_pwhash_ALG_ARGON2ID13);
    const url = (bytes: Uint8Array) => s.to_base64(bytes, s.base64_variants.URLSAFE_NO_PADDING);
    const file = {
      v: 1,
      type: 'tenderbridge-member-key',
      public_key: url(key.publicKey),
      kdf: 'argon2id13',
      opslimit: 1,
      memlimit: 8192,
      salt: url(salt),
      nonce: url(nonce),
      secret_box: url(s.crypto_secretbox_easy(key.secretKey, nonce, boxKey)),
    };
    expect((await importMemberKeyFile(file, typed)).secretKey).toEqual(key.secretKey);
    await expect(importMemberKeyFile(file, 'caf\u00e9 cr\u00e8me!')).rejects.toMatchObject({ code: 'wrong_passphrase' });
  });

  it('refuses a wrong passphrase, a swapped public key and hostile limits', async () => {
    const s = await sodium();
    const key = await createMemberKey();
    const other = await createMemberKey();
    const file = await exportMemberKeyFile(key, 'right passphrase', FAST);
    await expect(importMemberKeyFile(file, 'wrong passphrase')).rejects.toMatchObject({ code: 'wrong_passphrase' });
    const swapped = { ...file, public_key: s.to_base64(other.publicKey, s.base64_variants.URLSAFE_NO_PADDING) };
    await expect(importMemberKeyFile(swapped, 'right passphrase')).rejects.toThrow(/does not belong to its public_key/);
    await expect(importMemberKeyFile({ ...file, memlimit: 4 * 1024 * 1024 * 1024 }, 'right passphrase')).rejects.toThrow(/memlimit must be/);
    await expect(importMemberKeyFile({ ...file, opslimit: 21 }, 'right passphrase')).rejects.toThrow(/opslimit must be/);
    await expect(importMemberKeyFile({ ...file, kdf: 'scrypt' }, 'right passphrase')).rejects.toThrow(/not argon2id13/);
    await expect(importMemberKeyFile({ ...file, salt: `${file.salt}=` }, 'right passphrase')).rejects.toThrow(/salt is not unpadded base64url/);
    await expect(importMemberKeyFile('{not json', 'right passphrase')).rejects.toThrow(/not JSON/);
    await expect(importMemberKeyFile(file, '')).rejects.toThrow(/passphrase must not be empty/);
    await expect(exportMemberKeyFile(key, 'short', FAST)).rejects.toThrow(/at least 8 characters/);
    await expect(exportMemberKeyFile({ publicKey: other.publicKey, secretKey: key.secretKey }, 'long enough', FAST)).rejects.toThrow(SealingError);
  });

  it('a share sealed to one member does not open with another member key', async () => {
    const { keys, members } = await committee(3);
    const ceremony = await runKeyCeremony(members, 2);
    await expect(unsealShare(ceremony.body.shares[0]!.sealed_share, keys[1]!)).rejects.toMatchObject({ code: 'wrong_key' });
    await expect(unsealShare('AAAA', keys[0]!)).rejects.toThrow(/sealed_share must be 81 bytes/);
  });
});
