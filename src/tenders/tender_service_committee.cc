// TenderService: the committee (ET-06 at assignment), the members' sealing keys and the
// registration step of the key ceremony (SECURITY.md §5.2).
#include <algorithm>

#include "crypto/sealing.h"
#include "tenders/internal/service_support.h"
#include "tenders/tender_service.h"

namespace tb::tenders {

using internal::Deny;
using internal::IsOwner;
using internal::MakeEntry;

namespace {

constexpr std::string_view kOwners = "only an agency officer of the buying organisation";

std::string Ids(const std::vector<UserId>& users) {
  std::string out;
  for (UserId u : users) {
    if (!out.empty()) out += ",";
    out += std::to_string(u.value);
  }
  return out;
}

std::vector<UserId> Members(const std::vector<CommitteeMember>& members, CommitteeRole role) {
  std::vector<UserId> out;
  for (const CommitteeMember& m : members) {
    if (m.role == role) out.push_back(m.user);
  }
  return out;
}

// Keys as the committee listing shows them: who holds a share, not the share.
std::vector<EnvelopeKey> WithoutShareBytes(std::vector<EnvelopeKey> keys) {
  for (EnvelopeKey& key : keys) {
    for (EnvelopeKey::Share& share : key.shares) share.sealed_share.clear();
  }
  return keys;
}

}  // namespace

Result<TenderService::CommitteeView> TenderService::GetCommittee(const auth::Actor& actor,
                                                                 std::string_view ocid) {
  TB_ASSIGN_OR_RETURN(Tender tender, Loaded(actor, ocid));
  TB_ASSIGN_OR_RETURN(bool member, internal::OnCommittee(store_, actor, tender, std::nullopt));
  if (!IsOwner(actor, tender) && !member) {
    return Status::PermissionDenied(
        "only the tender's owners and committee members may see its committee");
  }
  CommitteeView view;
  TB_ASSIGN_OR_RETURN(view.members, store_.Committee(tender.id));
  view.threshold = tender.opening_threshold;
  TB_ASSIGN_OR_RETURN(std::vector<EnvelopeKey> keys, store_.EnvelopeKeys(tender.id));
  view.keys = WithoutShareBytes(std::move(keys));
  return view;
}

Result<TenderService::CommitteeView> TenderService::SetCommittee(
    const auth::Actor& actor, std::string_view ocid, const CommitteeAssignment& assignment) {
  TB_ASSIGN_OR_RETURN(Tender tender, Loaded(actor, ocid));
  const Timestamp now = clock_.Now();
  if (!IsOwner(actor, tender)) {
    return Deny(store_, now, actor, tender, "assign the committee", kOwners);
  }
  if (tender.state == TenderState::kCancelled || tender.state == TenderState::kAwarded ||
      tender.state == TenderState::kCompleted) {
    return Status::FailedPrecondition("the committee of a " +
                                      std::string(TenderStateName(tender.state)) +
                                      " tender no longer changes")
        .WithField("state");
  }
  TB_ASSIGN_OR_RETURN(std::vector<CommitteeMember> current, store_.Committee(tender.id));
  const std::vector<UserId> current_opening = Members(current, CommitteeRole::kOpening);
  const bool opening_changed =
      assignment.opening != current_opening ||
      (!assignment.opening.empty() && assignment.threshold != tender.opening_threshold);
  if (tender.state != TenderState::kDraft && opening_changed) {
    return Status::FailedPrecondition(
               "the opening committee is fixed once the tender is published (its members hold "
               "the key shares); only evaluators may change")
        .WithField("opening");
  }
  std::vector<UserId> everyone = assignment.opening;
  everyone.insert(everyone.end(), assignment.evaluators.begin(), assignment.evaluators.end());
  TB_ASSIGN_OR_RETURN(CommitteeEligibility eligibility,
                      store_.EligibilityIn(tender.organisation, everyone));
  TB_RETURN_IF_ERROR(CheckCommittee(assignment, tender.created_by,
                                    RulesFor(tender).min_opening_members, eligibility));
  CommitteeAssignment stored = assignment;
  if (stored.opening.empty()) stored.threshold = tender.opening_threshold;
  // Shares were split among the old committee: they would not open anything now.
  TB_ASSIGN_OR_RETURN(std::vector<EnvelopeKey> keys, store_.EnvelopeKeys(tender.id));
  const bool discard = opening_changed && !keys.empty();
  TB_RETURN_IF_ERROR(store_
                         .SetCommittee(tender, stored, discard,
                                       MakeEntry("tender.committee_assigned", now, actor, tender,
                                                 {{"opening", Ids(stored.opening)},
                                                  {"evaluators", Ids(stored.evaluators)},
                                                  {"threshold", std::to_string(stored.threshold)},
                                                  {"keys_discarded", discard ? "true" : "false"}}))
                         .status());
  return GetCommittee(actor, ocid);
}

Status TenderService::SetSealingKey(const auth::Actor& actor,
                                    const std::array<std::uint8_t, 32>& public_key) {
  if (!actor.HasUsable(auth::Role::kCommitteeMember)) {
    return Status::PermissionDenied("only committee members register a sealing key");
  }
  if (std::all_of(public_key.begin(), public_key.end(), [](auto b) { return b == 0; })) {
    return Status::InvalidArgument("is not an X25519 public key").WithField("public_key");
  }
  const std::string name = internal::ActorName(actor);
  return store_.SetSealingKey(actor.user, public_key,
                              audit::Entry{"member.sealing_key_set",
                                           clock_.Now(),
                                           name,
                                           name,
                                           {{"fingerprint", crypto::KeyFingerprint(public_key)}}});
}

Result<std::optional<std::array<std::uint8_t, 32>>> TenderService::MySealingKey(
    const auth::Actor& actor) {
  if (!actor.HasUsable(auth::Role::kCommitteeMember)) {
    return Status::PermissionDenied("only committee members have a sealing key");
  }
  return store_.SealingKey(actor.user);
}

Result<Tender> TenderService::RegisterEnvelopeKey(const auth::Actor& actor, std::string_view ocid,
                                                  EnvelopeKey key) {
  TB_ASSIGN_OR_RETURN(Tender tender, Loaded(actor, ocid));
  const Timestamp now = clock_.Now();
  TB_ASSIGN_OR_RETURN(std::vector<CommitteeMember> committee, store_.Committee(tender.id));
  const std::vector<UserId> opening = Members(committee, CommitteeRole::kOpening);
  const bool member = actor.HasUsable(auth::Role::kCommitteeMember) &&
                      std::find(opening.begin(), opening.end(), actor.user) != opening.end();
  if (!member) {
    return Deny(store_, now, actor, tender, "register an envelope key",
                "only a member of the tender's opening committee");
  }
  if (tender.state != TenderState::kDraft) {
    return Status::FailedPrecondition("envelope keys are registered before publication")
        .WithField("state");
  }
  for (const CommitteeMember& m : committee) {
    if (m.role == CommitteeRole::kOpening && !m.sealing_key) {
      return Status::FailedPrecondition("opening member " + std::to_string(m.user.value) +
                                        " has no sealing key yet; shares are sealed to it")
          .WithField("shares");
    }
  }
  TB_RETURN_IF_ERROR(
      CheckEnvelopeKey(key, tender.envelope_mode, opening, tender.opening_threshold));
  key.created_by = actor.user;
  key.created_at = now;
  // Shares in committee order, so a share's position is the member's.
  std::sort(key.shares.begin(), key.shares.end(),
            [&](const EnvelopeKey::Share& a, const EnvelopeKey::Share& b) {
              return std::find(opening.begin(), opening.end(), a.user) <
                     std::find(opening.begin(), opening.end(), b.user);
            });
  return store_.PutEnvelopeKey(tender, key,
                               MakeEntry("tender.key_registered", now, actor, tender,
                                         {{"envelope", std::string(EnvelopeName(key.envelope))},
                                          {"fingerprint", crypto::KeyFingerprint(key.public_key)},
                                          {"threshold", std::to_string(key.threshold)},
                                          {"members", Ids(opening)}}));
}

Result<TenderService::MyShare> TenderService::GetMyShare(const auth::Actor& actor,
                                                         std::string_view ocid, Envelope envelope) {
  TB_ASSIGN_OR_RETURN(Tender tender, Loaded(actor, ocid));
  TB_ASSIGN_OR_RETURN(std::vector<CommitteeMember> committee, store_.Committee(tender.id));
  int position = 0;
  for (const CommitteeMember& m : committee) {
    if (m.role == CommitteeRole::kOpening && m.user == actor.user) position = m.position;
  }
  if (position == 0 || !actor.HasUsable(auth::Role::kCommitteeMember)) {
    return Status::PermissionDenied("only members of the tender's opening committee hold shares");
  }
  TB_ASSIGN_OR_RETURN(std::vector<EnvelopeKey> keys, store_.EnvelopeKeys(tender.id));
  for (EnvelopeKey& key : keys) {
    if (key.envelope != envelope) continue;
    std::erase_if(key.shares, [&](const EnvelopeKey::Share& s) { return s.user != actor.user; });
    if (key.shares.empty()) break;
    return MyShare{std::move(key), position};
  }
  return Status::NotFound("no share of the " + std::string(EnvelopeName(envelope)) +
                          " envelope key for you")
      .WithField("envelope");
}

}  // namespace tb::tenders
