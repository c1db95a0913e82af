#include "crypto/key_ceremony.h"

#include <sodium.h>

#include <set>
#include <string>

#include "crypto/shamir.h"

namespace tb::crypto {

namespace {

Status CheckCommittee(int threshold, std::span<const CommitteeMemberKey> members) {
  const auto count = static_cast<int>(members.size());
  if (threshold < 2 || threshold >= count || count > 255) {
    return Status::InvalidArgument("the threshold must be at least 2 and smaller than the " +
                                   std::string("number of committee members (") +
                                   std::to_string(count) + "), with at most 255 members; " +
                                   "threshold " + std::to_string(threshold) + " given")
        .WithField("threshold");
  }
  std::set<std::int64_t> user_ids;
  std::set<X25519PublicKey> public_keys;
  for (const CommitteeMemberKey& member : members) {
    if (!user_ids.insert(member.user_id).second) {
      return Status::InvalidArgument("committee member " + std::to_string(member.user_id) +
                                     " is listed twice")
          .WithField("members");
    }
    if (!public_keys.insert(member.public_key).second) {
      return Status::InvalidArgument("committee member " + std::to_string(member.user_id) +
                                     " has the same public key as another member")
          .WithField("members");
    }
  }
  return Status::Ok();
}

// Splits `secret` and seals share i to members[i]; the plain shares are wiped.
Result<EnvelopeKeyShares> SplitAndSeal(std::span<const std::uint8_t> secret,
                                       const X25519PublicKey& public_key, int threshold,
                                       std::span<const CommitteeMemberKey> members) {
  Result<std::vector<std::vector<std::uint8_t>>> shares =
      SplitSecret(secret, threshold, static_cast<int>(members.size()));
  if (!shares.ok()) return shares.status();
  EnvelopeKeyShares result;
  result.public_key = public_key;
  result.fingerprint = KeyFingerprint(public_key);
  result.threshold = threshold;
  for (std::size_t i = 0; i < members.size(); ++i) {
    std::vector<std::uint8_t>& share = (*shares)[i];
    result.shares.push_back({members[i].user_id, SealToPublicKey(members[i].public_key, share)});
    sodium_memzero(share.data(), share.size());
  }
  return result;
}

}  // namespace

Result<EnvelopeKeyShares> GenerateEnvelopeKeyShares(int threshold,
                                                    std::span<const CommitteeMemberKey> members) {
  if (Status status = CheckCommittee(threshold, members); !status.ok()) return status;
  X25519KeyPair key = GenerateX25519KeyPair();
  return SplitAndSeal(key.secret_key.span(), key.public_key, threshold, members);
}

Result<EnvelopeKeyShares> ReshareEnvelopeKey(std::span<const std::vector<std::uint8_t>> shares,
                                             const X25519PublicKey& public_key, int threshold,
                                             std::span<const CommitteeMemberKey> members) {
  if (Status status = CheckCommittee(threshold, members); !status.ok()) return status;
  Result<LockedBytes> secret = RecombineEnvelopeKey(shares, public_key);
  if (!secret.ok()) return secret.status();
  return SplitAndSeal(secret->span(), public_key, threshold, members);
}

Result<LockedBytes> RecombineEnvelopeKey(std::span<const std::vector<std::uint8_t>> shares,
                                         const X25519PublicKey& public_key) {
  for (std::size_t i = 0; i < shares.size(); ++i) {
    if (shares[i].size() != 33) {
      return Status::InvalidArgument("share " + std::to_string(i + 1) + " has " +
                                     std::to_string(shares[i].size()) +
                                     " bytes; a share of an envelope key has 33")
          .WithField("shares");
    }
  }
  Result<LockedBytes> secret = CombineShares(shares);
  if (!secret.ok()) return std::move(secret).status().WithField("shares");
  if (!SecretKeyMatches(secret->span(), public_key)) {
    return Status::InvalidArgument("the shares do not rebuild the envelope key with fingerprint " +
                                   KeyFingerprint(public_key) +
                                   ": fewer shares than the threshold, or a wrong or altered share")
        .WithField("shares");
  }
  return secret;
}

}  // namespace tb::crypto
