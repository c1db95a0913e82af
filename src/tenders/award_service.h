#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "auth/actor.h"
#include "auth/security_log.h"
#include "core/money.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "tenders/award.h"
#include "tenders/evaluation_store.h"

// From the ranking to the contract (issue #6 item 5; docs/evaluation.md, "Award"):
// recommendation, approval under the agency's four-eyes rule, the award notice with its
// standstill and regret letters, debriefings, the contract, and cancellation with a reason.
// Each step is one store transaction with its audit entries (AU-01). Thread-safe; the
// store, clock, rule book and log must outlive it.
namespace tb::tenders {

struct ContractInput {
  Money value;  // in the tender's currency, > 0
  Timestamp period_start;
  Timestamp period_end;  // after period_start
};

// The award as a bidder or the public sees it (docs/evaluation.md, "Who sees what").
struct AwardResult {
  std::string ocid;
  EvaluationStage stage = EvaluationStage::kTechnical;
  std::optional<AwardRecord> award;        // once the award notice is out
  std::optional<ContractRecord> contract;  // once signed (value and period)
  std::string cancellation_reason;
  // Bidders only: their own letters, debrief requests, and whether one of their bids won.
  std::vector<RegretLetter> letters;
  std::vector<DebriefRequest> debriefs;
  bool won = false;
};

class AwardService {
 public:
  AwardService(EvaluationStore& store, const Clock& clock, const AwardRuleBook& rules,
               auth::SecurityLog& log)
      : store_(store), clock_(clock), rules_(rules), log_(log) {}

  AwardService(const AwardService&) = delete;
  AwardService& operator=(const AwardService&) = delete;

  // The owner recommends a ranked bid. A bid not ranked first needs a justification
  // (InvalidArgument, field "justification"); NotFound (field "bid_id") for a bid not ranked;
  // FailedPrecondition unless the stage is ranked.
  Result<EvaluationRecord> Recommend(const auth::Actor& actor, std::string_view ocid,
                                     std::string_view bid_id, std::string justification);

  // An agency officer of the buyer approves the recommendation, or sends it back (`approve`
  // false, `comment` required: InvalidArgument field "comment") to the ranked stage. The
  // approver is never an evaluator of the tender, and not the recommending officer when the
  // agency's AwardRules say so (PermissionDenied). FailedPrecondition unless recommended.
  Result<EvaluationRecord> Decide(const auth::Actor& actor, std::string_view ocid, bool approve,
                                  std::string comment);

  // The owner publishes the award notice: the tender becomes 'awarded', the award 'pending'
  // until the standstill ends (AwardRules::standstill_days), and every other bidder gets its
  // regret letter. FailedPrecondition unless approved.
  Result<EvaluationRecord> Notify(const auth::Actor& actor, std::string_view ocid);

  // A bidder that got a regret letter asks for a debriefing, before the standstill ends
  // (FailedPrecondition after; AlreadyExists for a second request). PermissionDenied for
  // anyone else; InvalidArgument (field "message") for an empty or over-long message.
  Result<DebriefRequest> RequestDebrief(const auth::Actor& actor, std::string_view ocid,
                                        std::string message);

  // The owner answers a bidder's debrief request. NotFound (field "supplier") when that
  // bidder asked none; AlreadyExists when answered; InvalidArgument for an empty answer.
  Result<DebriefRequest> AnswerDebrief(const auth::Actor& actor, std::string_view ocid,
                                       OrganisationId supplier, std::string answer);

  // The owner records the signed contract once the standstill is over (FailedPrecondition
  // naming its end before that): the award becomes active and the tender completed.
  // InvalidArgument for a value in another currency or not above zero (field
  // "value"), or a period that ends before it starts (field "period_end").
  Result<EvaluationRecord> SignContract(const auth::Actor& actor, std::string_view ocid,
                                        const ContractInput& contract);

  // The owner cancels the procurement after the opening, with a reason (InvalidArgument,
  // field "reason"): the tender becomes 'cancelled' and a pending award 'cancelled'.
  // FailedPrecondition once the contract is signed or when already cancelled.
  Result<EvaluationRecord> Cancel(const auth::Actor& actor, std::string_view ocid,
                                  std::string reason);

  // The award notice for anyone once it is out (the public sees the winner, the value and
  // the date; a bidder also its own letter and debrief). Before the notice: the stage only
  // (and for a draft or unknown tender NotFound).
  Result<AwardResult> Read(const auth::Actor& actor, std::string_view ocid);

 private:
  EvaluationStore& store_;
  const Clock& clock_;
  const AwardRuleBook& rules_;
  auth::SecurityLog& log_;
};

}  // namespace tb::tenders
