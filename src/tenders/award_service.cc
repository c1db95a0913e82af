#include "tenders/award_service.h"

#include <algorithm>

#include "crypto/random.h"
#include "tenders/evaluation_access.h"
#include "tenders/lifecycle.h"

namespace tb::tenders {
namespace {

constexpr std::size_t kMaxTextBytes = 4000;

EvaluationRecord NextRecord(const EvaluationSnapshot& s) {
  EvaluationRecord next = s.record;
  next.version = s.record.version + 1;
  return next;
}

Status CheckText(const std::string& text, const char* field, const char* what) {
  if (text.empty() || text.size() > kMaxTextBytes) {
    return Status::InvalidArgument(std::string(what) + " (1 to 4000 bytes)").WithField(field);
  }
  return Status::Ok();
}

Status NotAtStage(std::string_view what) { return Status::FailedPrecondition(std::string(what)); }

Status OwnerOnly(const EvaluationRoles& roles, std::string_view what) {
  if (roles.owner) return Status::Ok();
  return Status::PermissionDenied("only the buying agency's officers " + std::string(what));
}

}  // namespace

Result<EvaluationRecord> AwardService::Recommend(const auth::Actor& actor, std::string_view ocid,
                                                 std::string_view bid_id,
                                                 std::string justification) {
  const Timestamp now = clock_.Now();
  auto decide = [&](const EvaluationSnapshot& s) -> Result<EvaluationChange> {
    TB_RETURN_IF_ERROR(OwnerOnly(RolesOf(actor, s), "recommend an award"));
    if (s.record.stage != EvaluationStage::kRanked || !s.record.ranking) {
      return NotAtStage("a bid is recommended once the bids are ranked");
    }
    const RankedBid* ranked = s.record.ranking->Find(bid_id);
    if (ranked == nullptr) return Status::NotFound("no such ranked bid").WithField("bid_id");
    if (ranked->rank != 1) {
      TB_RETURN_IF_ERROR(CheckText(justification, "justification",
                                   "recommending a bid not ranked first needs a justification"));
    } else if (justification.size() > kMaxTextBytes) {
      return Status::InvalidArgument("the justification is too long").WithField("justification");
    }
    EvaluationChange change;
    EvaluationRecord record = NextRecord(s);
    record.recommendation = Recommendation{std::string(bid_id), actor.user, now, justification};
    record.approval.reset();
    record.stage = EvaluationStage::kRecommended;
    change.record = record;
    change.audit.push_back(
        TenderEntry("award.recommended", actor, s, now,
                    {{"bid", std::string(bid_id)},
                     {"rank", std::to_string(ranked->rank)},
                     {"justification_sha256", crypto::Sha256Hex(justification)}}));
    return change;
  };
  TB_ASSIGN_OR_RETURN(EvaluationSnapshot after,
                      ApplyChecked(store_, log_, clock_, actor, ocid, "award.recommend", decide));
  return after.record;
}

Result<EvaluationRecord> AwardService::Decide(const auth::Actor& actor, std::string_view ocid,
                                              bool approve, std::string comment) {
  if (!approve) {
    TB_RETURN_IF_ERROR(CheckText(comment, "comment", "say why the recommendation is sent back"));
  } else if (comment.size() > kMaxTextBytes) {
    return Status::InvalidArgument("the comment is too long").WithField("comment");
  }
  const Timestamp now = clock_.Now();
  auto decide = [&](const EvaluationSnapshot& s) -> Result<EvaluationChange> {
    TB_RETURN_IF_ERROR(OwnerOnly(RolesOf(actor, s), "approve an award"));
    if (s.record.stage != EvaluationStage::kRecommended || !s.record.recommendation) {
      return NotAtStage("there is no recommendation waiting for approval");
    }
    if (std::find(s.evaluators.begin(), s.evaluators.end(), actor.user) != s.evaluators.end()) {
      return Status::PermissionDenied("an evaluator of this tender cannot approve its award");
    }
    const AwardRules& rules = rules_.For(s.tender.buyer_name);
    if (rules.approver_must_differ && s.record.recommendation->by == actor.user) {
      return Status::PermissionDenied(
          "the agency's rules need an officer other than the one who recommended the award");
    }
    EvaluationChange change;
    EvaluationRecord record = NextRecord(s);
    const std::string bid = s.record.recommendation->bid_id;
    if (approve) {
      record.approval = Approval{actor.user, now, comment};
      record.stage = EvaluationStage::kApproved;
      change.audit.push_back(TenderEntry("award.approved", actor, s, now, {{"bid", bid}}));
    } else {
      record.last_rejection = comment;
      record.recommendation.reset();
      record.stage = EvaluationStage::kRanked;
      change.audit.push_back(
          TenderEntry("award.recommendation_returned", actor, s, now,
                      {{"bid", bid}, {"comment_sha256", crypto::Sha256Hex(comment)}}));
    }
    change.record = record;
    return change;
  };
  TB_ASSIGN_OR_RETURN(EvaluationSnapshot after,
                      ApplyChecked(store_, log_, clock_, actor, ocid, "award.approve", decide));
  return after.record;
}

Result<EvaluationRecord> AwardService::Notify(const auth::Actor& actor, std::string_view ocid) {
  const Timestamp now = clock_.Now();
  auto decide = [&](const EvaluationSnapshot& s) -> Result<EvaluationChange> {
    TB_RETURN_IF_ERROR(OwnerOnly(RolesOf(actor, s), "publish the award"));
    if (s.record.stage != EvaluationStage::kApproved || !s.record.recommendation ||
        !s.record.ranking || !s.record.technical || !s.technical_opening) {
      return NotAtStage("the award is published once its recommendation is approved");
    }
    TB_RETURN_IF_ERROR(CheckTransition(s.tender.state, TenderState::kAwarded, TenderActor::kOwner));
    const RankedBid* awarded = s.record.ranking->Find(s.record.recommendation->bid_id);
    if (awarded == nullptr) return Status::Internal("the recommended bid is not ranked");
    std::string name;
    for (const OpenedBid& b : s.technical_opening->bids) {
      if (b.bid_id == awarded->bid_id) name = b.supplier_name;
    }
    const AwardRules& rules = rules_.For(s.tender.buyer_name);
    AwardRecord award;
    award.award_id = s.tender.ocid + "-award-1";
    award.bid_id = awarded->bid_id;
    award.supplier = OrganisationId{awarded->supplier.value};
    award.supplier_name = name;
    award.value = awarded->price;
    award.status = "pending";
    award.notified_at = now;
    award.standstill_ends = StandstillEnd(now, rules);

    EvaluationChange change;
    EvaluationRecord record = NextRecord(s);
    record.award = award;
    record.stage = EvaluationStage::kStandstill;
    change.record = record;
    change.tender_state = TenderState::kAwarded;
    change.letters = RegretLetters(*s.record.ranking, *s.record.technical, {}, *awarded, name, now,
                                   award.standstill_ends);
    change.audit.push_back(
        TenderEntry("award.notified", actor, s, now,
                    {{"award", award.award_id},
                     {"bid", award.bid_id},
                     {"supplier", std::to_string(award.supplier.value)},
                     {"value", award.value.ToDecimal() + " " + award.value.currency},
                     {"standstill_ends", award.standstill_ends.ToRfc3339()},
                     {"letters", std::to_string(change.letters.size())}}));
    return change;
  };
  TB_ASSIGN_OR_RETURN(EvaluationSnapshot after,
                      ApplyChecked(store_, log_, clock_, actor, ocid, "award.notify", decide));
  return after.record;
}

Result<DebriefRequest> AwardService::RequestDebrief(const auth::Actor& actor, std::string_view ocid,
                                                    std::string message) {
  TB_RETURN_IF_ERROR(CheckText(message, "message", "say what the debriefing should cover"));
  const Timestamp now = clock_.Now();
  DebriefRequest request;
  auto decide = [&](const EvaluationSnapshot& s) -> Result<EvaluationChange> {
    const EvaluationRoles roles = RolesOf(actor, s);
    const RegretLetter* letter = nullptr;
    for (const RegretLetter& l : s.letters) {
      if (std::find(roles.bidder_for.begin(), roles.bidder_for.end(), l.supplier) !=
          roles.bidder_for.end()) {
        letter = &l;
        break;
      }
    }
    if (letter == nullptr) {
      return Status::PermissionDenied(
          "only bidders told that they were not selected ask for a debriefing");
    }
    if (s.record.stage != EvaluationStage::kStandstill || now >= letter->debrief_until) {
      return NotAtStage("debriefings are asked for before the standstill ends (" +
                        letter->debrief_until.ToRfc3339() + ")");
    }
    for (const DebriefRequest& d : s.debriefs) {
      if (d.supplier == letter->supplier) {
        return Status::AlreadyExists("your company has already asked for a debriefing");
      }
    }
    request =
        DebriefRequest{letter->supplier, actor.user, now, message, "", UserId{}, std::nullopt};
    EvaluationChange change;
    change.debrief = request;
    change.audit.push_back(TenderEntry("award.debrief_requested", actor, s, now,
                                       {{"supplier", std::to_string(letter->supplier.value)}}));
    return change;
  };
  TB_RETURN_IF_ERROR(
      ApplyChecked(store_, log_, clock_, actor, ocid, "award.request_debrief", decide).status());
  return request;
}

Result<DebriefRequest> AwardService::AnswerDebrief(const auth::Actor& actor, std::string_view ocid,
                                                   OrganisationId supplier, std::string answer) {
  TB_RETURN_IF_ERROR(CheckText(answer, "answer", "write the debriefing"));
  const Timestamp now = clock_.Now();
  DebriefRequest answered;
  auto decide = [&](const EvaluationSnapshot& s) -> Result<EvaluationChange> {
    TB_RETURN_IF_ERROR(OwnerOnly(RolesOf(actor, s), "answer debriefings"));
    auto it = std::find_if(s.debriefs.begin(), s.debriefs.end(),
                           [&](const DebriefRequest& d) { return d.supplier == supplier; });
    if (it == s.debriefs.end()) {
      return Status::NotFound("this bidder asked for no debriefing").WithField("supplier");
    }
    if (it->answered_at) return Status::AlreadyExists("the debriefing was answered already");
    answered = *it;
    answered.answer = answer;
    answered.answered_by = actor.user;
    answered.answered_at = now;
    EvaluationChange change;
    change.debrief = answered;
    change.audit.push_back(TenderEntry("award.debrief_answered", actor, s, now,
                                       {{"supplier", std::to_string(supplier.value)},
                                        {"answer_sha256", crypto::Sha256Hex(answer)}}));
    return change;
  };
  TB_RETURN_IF_ERROR(
      ApplyChecked(store_, log_, clock_, actor, ocid, "award.answer_debrief", decide).status());
  return answered;
}

Result<EvaluationRecord> AwardService::SignContract(const auth::Actor& actor, std::string_view ocid,
                                                    const ContractInput& input) {
  if (input.value.amount_minor <= 0) {
    return Status::InvalidArgument("the contract value must be above zero").WithField("value");
  }
  if (input.period_end <= input.period_start) {
    return Status::InvalidArgument("the contract must end after it starts").WithField("period_end");
  }
  const Timestamp now = clock_.Now();
  auto decide = [&](const EvaluationSnapshot& s) -> Result<EvaluationChange> {
    TB_RETURN_IF_ERROR(OwnerOnly(RolesOf(actor, s), "record the contract"));
    if (s.record.stage != EvaluationStage::kStandstill || !s.record.award) {
      return NotAtStage("the contract is recorded after the award notice");
    }
    if (now < s.record.award->standstill_ends) {
      return NotAtStage("the standstill ends at " + s.record.award->standstill_ends.ToRfc3339() +
                        "; the contract may be signed after it");
    }
    if (input.value.currency != s.tender.currency) {
      return Status::InvalidArgument("the contract value must be in " + s.tender.currency)
          .WithField("value");
    }
    TB_RETURN_IF_ERROR(
        CheckTransition(s.tender.state, TenderState::kCompleted, TenderActor::kOwner));
    EvaluationChange change;
    EvaluationRecord record = NextRecord(s);
    record.award->status = "active";
    record.contract = ContractRecord{s.tender.ocid + "-contract-1",
                                     input.value,
                                     input.period_start,
                                     input.period_end,
                                     now,
                                     actor.user};
    record.stage = EvaluationStage::kContracted;
    change.record = record;
    change.tender_state = TenderState::kCompleted;
    change.audit.push_back(
        TenderEntry("contract.signed", actor, s, now,
                    {{"contract", record.contract->contract_id},
                     {"award", record.award->award_id},
                     {"value", input.value.ToDecimal() + " " + input.value.currency},
                     {"period_start", input.period_start.ToRfc3339()},
                     {"period_end", input.period_end.ToRfc3339()}}));
    return change;
  };
  TB_ASSIGN_OR_RETURN(EvaluationSnapshot after,
                      ApplyChecked(store_, log_, clock_, actor, ocid, "contract.sign", decide));
  return after.record;
}

Result<EvaluationRecord> AwardService::Cancel(const auth::Actor& actor, std::string_view ocid,
                                              std::string reason) {
  TB_RETURN_IF_ERROR(CheckText(reason, "reason", "give the reason for the cancellation"));
  const Timestamp now = clock_.Now();
  auto decide = [&](const EvaluationSnapshot& s) -> Result<EvaluationChange> {
    TB_RETURN_IF_ERROR(OwnerOnly(RolesOf(actor, s), "cancel the procurement"));
    if (!s.technical_opening) {
      return NotAtStage("before the opening, cancel the tender itself");
    }
    if (s.record.stage == EvaluationStage::kContracted ||
        s.record.stage == EvaluationStage::kCancelled) {
      return NotAtStage("a " + std::string(EvaluationStageName(s.record.stage)) +
                        " procurement cannot be cancelled");
    }
    TB_RETURN_IF_ERROR(
        CheckTransition(s.tender.state, TenderState::kCancelled, TenderActor::kOwner));
    EvaluationChange change;
    EvaluationRecord record = NextRecord(s);
    if (record.award) record.award->status = "cancelled";
    record.stage = EvaluationStage::kCancelled;
    record.cancellation_reason = reason;
    record.cancelled_at = now;
    change.record = record;
    change.tender_state = TenderState::kCancelled;
    change.cancellation_reason = reason;
    change.audit.push_back(TenderEntry(
        "tender.cancelled", actor, s, now,
        {{"reason", reason}, {"stage", std::string(EvaluationStageName(s.record.stage))}}));
    return change;
  };
  TB_ASSIGN_OR_RETURN(EvaluationSnapshot after,
                      ApplyChecked(store_, log_, clock_, actor, ocid, "award.cancel", decide));
  return after.record;
}

Result<AwardResult> AwardService::Read(const auth::Actor& actor, std::string_view ocid) {
  Result<EvaluationSnapshot> loaded = store_.Load(ocid);
  if (!loaded.ok()) return loaded.status();
  const EvaluationSnapshot& s = *loaded;
  const EvaluationRoles roles = RolesOf(actor, s);
  if (!s.tender.published_at && !roles.owner) {
    return Status::NotFound("no such tender").WithField("ocid");
  }
  AwardResult out;
  out.ocid = s.tender.ocid;
  out.stage = s.record.stage;
  out.award = s.record.award;
  out.contract = s.record.contract;
  out.cancellation_reason = s.record.cancellation_reason;
  if (s.tender.state == TenderState::kCancelled) {
    // Cancelled through the tender itself (TenderService::Cancel) rather than here.
    out.stage = EvaluationStage::kCancelled;
    if (out.award) out.award->status = "cancelled";
    if (out.cancellation_reason.empty()) out.cancellation_reason = s.tender.cancellation_reason;
  }
  auto mine = [&](OrganisationId supplier) {
    return std::find(roles.bidder_for.begin(), roles.bidder_for.end(), supplier) !=
           roles.bidder_for.end();
  };
  for (const RegretLetter& l : s.letters) {
    if (mine(l.supplier)) out.letters.push_back(l);
  }
  for (const DebriefRequest& d : s.debriefs) {
    if (mine(d.supplier) || roles.owner) out.debriefs.push_back(d);
  }
  out.won = out.award && mine(out.award->supplier);
  return out;
}

}  // namespace tb::tenders
