#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "crypto/locked_bytes.h"
#include "crypto/sealing.h"

namespace tb::crypto {

// The tender key ceremony of SECURITY.md §5.2: an envelope key pair whose secret is split
// k-of-n among the opening committee, each share sealed to one member's personal key, and the
// secret wiped (docs/sealed-bids.md, "Key ceremony").

struct CommitteeMemberKey {
  std::int64_t user_id = 0;
  X25519PublicKey public_key{};
};

struct SealedCommitteeShare {
  std::int64_t user_id = 0;
  std::vector<std::uint8_t> sealed_share;  // 81 bytes: crypto_box_seal(x || f(x))
};

struct EnvelopeKeyShares {
  X25519PublicKey public_key{};
  std::string fingerprint;  // KeyFingerprint(public_key)
  int threshold = 0;
  std::vector<SealedCommitteeShare> shares;  // in the members' order; member i has x = i + 1
};

// Generates the envelope key pair, splits the secret `threshold`-of-members.size() and seals
// share i to members[i]; the secret and the plain shares are wiped before returning.
// InvalidArgument unless 2 <= threshold < number of members <= 255 (one member may be lost,
// CR-06), and the members have distinct user ids and distinct public keys (one person must
// not hold two shares).
Result<EnvelopeKeyShares> GenerateEnvelopeKeyShares(int threshold,
                                                    std::span<const CommitteeMemberKey> members);

// Re-shares the key that `shares` rebuild to a new committee (CR-06: a member left or lost
// their key), done client-side while the tender is open, never on the server (CR-04). The
// public key and fingerprint stay the same. Errors as RecombineEnvelopeKey and
// GenerateEnvelopeKeyShares.
Result<EnvelopeKeyShares> ReshareEnvelopeKey(std::span<const std::vector<std::uint8_t>> shares,
                                             const X25519PublicKey& public_key, int threshold,
                                             std::span<const CommitteeMemberKey> members);

// Rebuilds the envelope secret key from unsealed shares (x || f(x), 33 bytes each) into locked
// memory and checks it against the published `public_key`. InvalidArgument when the shares are
// malformed (CombineShares) or do not rebuild that key: fewer than the threshold, or a wrong
// or altered share.
Result<LockedBytes> RecombineEnvelopeKey(std::span<const std::vector<std::uint8_t>> shares,
                                         const X25519PublicKey& public_key);

}  // namespace tb::crypto
