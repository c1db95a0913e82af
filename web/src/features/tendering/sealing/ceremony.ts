import { SealingError } from './errors';
import { combineShares, splitSecret } from './shamir';
import { type Sodium, loadSodium, toBase64Url, wipe } from './sodium';

// The key ceremony's dealer (SECURITY.md §5.2 step 1): the first committee member's browser
// makes the tender envelope's key pair, splits the secret k-of-n in libgfshare's share format,
// seals each share to one member's personal X25519 key and forgets the secret.

export type UserIdValue = string | number;

export interface CommitteeMember {
  userId: UserIdValue;
  publicKey: Uint8Array; // the member's personal X25519 public key
}

// The body the browser uploads: nothing in it opens an envelope without k members.
export interface CeremonyBody {
  public_key: string; // unpadded base64url, 32 bytes
  threshold: number;
  shares: { user_id: UserIdValue; sealed_share: string }[]; // sealed_share: 81 bytes, base64url
}

export interface CeremonyResult {
  body: CeremonyBody;
  publicKey: Uint8Array;
  fingerprint: string; // published on the notice (ET-12)
}

// Lower-case hex SHA-256 of the 32-byte public key (ET-12).
export function keyFingerprint(sodium: Sodium, publicKey: Uint8Array): string {
  return sodium.to_hex(sodium.crypto_hash_sha256(publicKey));
}

export async function fingerprintOf(publicKey: Uint8Array): Promise<string> {
  return keyFingerprint(await loadSodium(), publicKey);
}

function validateCommittee(members: readonly CommitteeMember[], threshold: number): void {
  const n = members.length;
  if (!Number.isInteger(threshold) || threshold < 2 || threshold >= n || n > 255) {
    throw new SealingError('invalid_argument', `the committee needs 2 <= threshold < members <= 255, got threshold ${threshold} of ${n}`);
  }
  const ids = new Set<string>();
  const keys = new Set<string>();
  members.forEach((member, i) => {
    if (!(member.publicKey instanceof Uint8Array) || member.publicKey.length !== 32) {
      throw new SealingError('invalid_argument', `members[${i}].publicKey must be a 32-byte X25519 public key`);
    }
    const id = String(member.userId);
    if (ids.has(id)) throw new SealingError('invalid_argument', `members[${i}].userId ${id} appears twice`);
    // One person holding two shares would defeat the k-person rule (ET-08).
    const key = member.publicKey.join(',');
    if (keys.has(key)) throw new SealingError('invalid_argument', `members[${i}].publicKey is another member's key`);
    ids.add(id);
    keys.add(key);
  });
}

// Shares use x = 1..n in committee order, so share i belongs to members[i].
export async function runKeyCeremony(members: readonly CommitteeMember[], threshold: number): Promise<CeremonyResult> {
  validateCommittee(members, threshold);
  const sodium = await loadSodium();
  const pair = sodium.crypto_box_keypair();
  let shares: Uint8Array[] = [];
  let check: Uint8Array | undefined;
  try {
    shares = splitSecret(sodium, pair.privateKey, threshold, members.length);
    // A dealer bug would lose the tender's bids for good: prove one k-subset rebuilds the key.
    check = combineShares(shares.slice(0, threshold));
    if (!sodium.memcmp(sodium.crypto_scalarmult_base(check), pair.publicKey)) {
      throw new SealingError('invalid_argument', 'the split shares do not rebuild the key (internal error)');
    }
    const sealed = members.map((member, i) => ({
      user_id: member.userId,
      sealed_share: toBase64Url(sodium, sodium.crypto_box_seal(shares[i]!, member.publicKey)),
    }));
    return {
      body: { public_key: toBase64Url(sodium, pair.publicKey), threshold, shares: sealed },
      publicKey: pair.publicKey,
      fingerprint: keyFingerprint(sodium, pair.publicKey),
    };
  } finally {
    wipe(sodium, pair.privateKey, check, ...shares);
  }
}
