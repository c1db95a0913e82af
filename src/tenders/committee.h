#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/status.h"
#include "core/timestamp.h"
#include "tenders/tender.h"

// The tender's committees (SECURITY.md ET-06): the tender opening committee (TOC), k of
// whose n members must act together to open, and the evaluators. The rules that can be
// checked when members are assigned live here, so that a conflict is refused at assignment
// rather than discovered at the opening.
namespace tb::tenders {

enum class CommitteeRole { kOpening, kEvaluator };
std::string_view CommitteeRoleName(CommitteeRole role);  // "opening", "evaluator"

struct CommitteeAssignment {
  std::vector<UserId> opening;  // in order: a member's position is its share's x (1..n)
  std::vector<UserId> evaluators;
  int threshold = 2;  // k
  bool operator==(const CommitteeAssignment&) const = default;
};

// Who holds the auth roles that committee work needs, in the buying organisation.
struct CommitteeEligibility {
  std::set<UserId> committee_members;  // hold committee_member
  std::set<UserId> evaluators;         // hold evaluator
};

// ET-06 at assignment. InvalidArgument naming the field ("opening/1", "evaluators/0",
// "threshold") when:
//   - a user is listed twice in one list;
//   - an opening member is the tender's creator, or also an evaluator;
//   - an opening member does not hold committee_member, or an evaluator evaluator, in the
//     buying organisation;
//   - the opening committee is not empty and has fewer than `min_opening_members`;
//   - the threshold is not 2 <= k < n (with an opening committee).
Status CheckCommittee(const CommitteeAssignment& assignment, UserId creator,
                      int min_opening_members, const CommitteeEligibility& eligibility);

// A committee member as listed to the owner and the members: the auth user, and the
// personal X25519 key its shares are sealed to (SECURITY.md §5.2), when registered.
struct CommitteeMember {
  UserId user;
  CommitteeRole role = CommitteeRole::kOpening;
  int position = 0;  // 1-based order in its list
  std::string display_name;
  std::optional<std::array<std::uint8_t, 32>> sealing_key;
  bool operator==(const CommitteeMember&) const = default;
};

// One envelope's key as registered at the key ceremony: the public key, k, and one sealed
// Shamir share per opening member (never the secret key).
struct EnvelopeKey {
  Envelope envelope = Envelope::kSingle;
  std::array<std::uint8_t, 32> public_key{};
  int threshold = 2;
  UserId created_by;
  Timestamp created_at;
  struct Share {
    UserId user;
    std::vector<std::uint8_t> sealed_share;  // 81 bytes: crypto_box_seal of a 33-byte share
    bool operator==(const Share&) const = default;
  };
  std::vector<Share> shares;
  bool operator==(const EnvelopeKey&) const = default;
};

inline constexpr std::size_t kSealedShareBytes = 81;

// The registration checks that need no database: the key's envelope belongs to the tender's
// mode (field "envelope"), k is the committee's (field "threshold"), there is exactly one
// share of kSealedShareBytes per opening member and none for anyone else (field
// "shares/i/..."), and the public key is not all zeros (field "public_key").
Status CheckEnvelopeKey(const EnvelopeKey& key, EnvelopeMode mode,
                        const std::vector<UserId>& opening_members, int threshold);

}  // namespace tb::tenders
