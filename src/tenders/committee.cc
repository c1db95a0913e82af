#include "tenders/committee.h"

#include <algorithm>

#include "crypto/sealing.h"

namespace tb::tenders {
namespace {

Status Bad(std::string message, std::string field) {
  return Status::InvalidArgument(std::move(message)).WithField(std::move(field));
}

std::string Item(std::string_view list, std::size_t i) {
  return std::string(list) + "/" + std::to_string(i);
}

std::string User(UserId user) { return "user " + std::to_string(user.value); }

}  // namespace

std::string_view CommitteeRoleName(CommitteeRole role) {
  return role == CommitteeRole::kOpening ? "opening" : "evaluator";
}

Status CheckCommittee(const CommitteeAssignment& a, UserId creator, int min_opening_members,
                      const CommitteeEligibility& eligibility) {
  std::set<UserId> opening;
  for (std::size_t i = 0; i < a.opening.size(); ++i) {
    const UserId user = a.opening[i];
    if (!user.valid()) return Bad("is not a user id", Item("opening", i));
    if (!opening.insert(user).second)
      return Bad(User(user) + " is listed twice", Item("opening", i));
    if (user == creator) {
      return Bad(User(user) + " created the tender and cannot sit on its opening committee (ET-06)",
                 Item("opening", i));
    }
    if (!eligibility.committee_members.contains(user)) {
      return Bad(User(user) + " does not hold the committee_member role in the buying organisation",
                 Item("opening", i));
    }
  }
  std::set<UserId> evaluators;
  for (std::size_t i = 0; i < a.evaluators.size(); ++i) {
    const UserId user = a.evaluators[i];
    if (!user.valid()) return Bad("is not a user id", Item("evaluators", i));
    if (!evaluators.insert(user).second) {
      return Bad(User(user) + " is listed twice", Item("evaluators", i));
    }
    if (opening.contains(user)) {
      return Bad(User(user) + " is on the opening committee and cannot also evaluate (ET-06)",
                 Item("evaluators", i));
    }
    if (!eligibility.evaluators.contains(user)) {
      return Bad(User(user) + " does not hold the evaluator role in the buying organisation",
                 Item("evaluators", i));
    }
  }
  if (!a.opening.empty()) {
    const int n = static_cast<int>(a.opening.size());
    if (n < min_opening_members) {
      return Bad("the opening committee needs at least " + std::to_string(min_opening_members) +
                     " members",
                 "opening");
    }
    if (a.threshold < 2 || a.threshold >= n) {
      return Bad(
          "must be at least 2 and below the number of opening members (" + std::to_string(n) + ")",
          "threshold");
    }
  }
  return Status::Ok();
}

Status CheckEnvelopeKey(const EnvelopeKey& key, EnvelopeMode mode,
                        const std::vector<UserId>& opening_members, int threshold) {
  const std::vector<Envelope> envelopes = EnvelopesOf(mode);
  if (std::find(envelopes.begin(), envelopes.end(), key.envelope) == envelopes.end()) {
    return Bad("a tender with envelope mode '" + std::string(EnvelopeModeName(mode)) + "' has no " +
                   std::string(EnvelopeName(key.envelope)) + " envelope",
               "envelope");
  }
  if (std::all_of(key.public_key.begin(), key.public_key.end(), [](auto b) { return b == 0; })) {
    return Bad("is not an X25519 public key", "public_key");
  }
  if (opening_members.empty()) {
    return Bad("the tender has no opening committee yet", "shares");
  }
  if (key.threshold != threshold) {
    return Bad("must be the committee's threshold, " + std::to_string(threshold), "threshold");
  }
  std::set<UserId> seen;
  for (std::size_t i = 0; i < key.shares.size(); ++i) {
    const EnvelopeKey::Share& share = key.shares[i];
    if (std::find(opening_members.begin(), opening_members.end(), share.user) ==
        opening_members.end()) {
      return Bad(User(share.user) + " is not on the opening committee",
                 Item("shares", i) + "/user_id");
    }
    if (!seen.insert(share.user).second) {
      return Bad(User(share.user) + " has two shares", Item("shares", i) + "/user_id");
    }
    if (share.sealed_share.size() != kSealedShareBytes) {
      return Bad("must be " + std::to_string(kSealedShareBytes) +
                     " bytes (a 33-byte share sealed with crypto_box_seal)",
                 Item("shares", i) + "/sealed_share");
    }
  }
  if (seen.size() != opening_members.size()) {
    return Bad("every opening member needs exactly one share (" +
                   std::to_string(opening_members.size()) + " members, " +
                   std::to_string(seen.size()) + " shares)",
               "shares");
  }
  return Status::Ok();
}

}  // namespace tb::tenders
