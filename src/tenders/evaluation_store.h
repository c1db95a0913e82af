#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "audit/entry.h"
#include "core/ids.h"
#include "core/money.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "tenders/evaluation.h"
#include "tenders/opening.h"
#include "tenders/tender.h"

// The records of evaluation and award (issue #6 item 5; docs/evaluation.md): declarations of
// conflict of interest, scoring sheets, the evaluation record with its stage, the award, the
// contract, regret letters and debrief requests; and the store that keeps them.
namespace tb::tenders {

// Where a tender's evaluation stands (docs/evaluation.md, "Workflow").
enum class EvaluationStage {
  kTechnical,    // evaluators declare and score; sheets may be replaced
  kFinancial,    // two envelopes: technical closed and qualification marked (ET-05);
                 // waiting for the financial opening
  kRanked,       // financial and combined scores and the ranking are computed
  kRecommended,  // the owner recommended a bid for award
  kApproved,     // an approving officer approved the recommendation
  kStandstill,   // the award notice is out; contract only after the standstill ends
  kContracted,   // the contract is signed; the tender is completed
  kCancelled,
};
// "technical", "financial", "ranked", "recommended", "approved", "standstill", "contracted",
// "cancelled".
std::string_view EvaluationStageName(EvaluationStage stage);
std::optional<EvaluationStage> ParseEvaluationStage(std::string_view name);

// An evaluator's declaration, made before it may see any bid. A declared conflict recuses
// the evaluator from this tender.
struct Declaration {
  UserId evaluator;
  bool conflict = false;
  std::string statement;  // the text declared (the form's words, or the conflict described)
  Timestamp at;
  bool operator==(const Declaration&) const = default;
};

struct StoredSheet {
  ScoringSheet sheet;
  int version = 1;  // 1, then +1 each time the evaluator replaces it
  Timestamp submitted_at;
  bool operator==(const StoredSheet&) const = default;
};

struct Recommendation {
  std::string bid_id;
  UserId by;
  Timestamp at;
  // Required when the recommended bid is not ranked first (a documented deviation).
  std::string justification;
  bool operator==(const Recommendation&) const = default;
};

struct Approval {
  UserId by;
  Timestamp at;
  std::string comment;
  bool operator==(const Approval&) const = default;
};

struct AwardRecord {
  std::string award_id;  // "<ocid>-award-1": also the OCDS award id
  std::string bid_id;
  OrganisationId supplier;
  std::string supplier_name;
  Money value;
  std::string status = "pending";  // OCDS awardStatus: pending (standstill), active, cancelled
  Timestamp notified_at;           // the award notice's date
  Timestamp standstill_ends;
  bool operator==(const AwardRecord&) const = default;
};

struct ContractRecord {
  std::string contract_id;  // "<ocid>-contract-1"
  Money value;
  Timestamp period_start;
  Timestamp period_end;
  Timestamp signed_at;
  UserId signed_by;
  bool operator==(const ContractRecord&) const = default;
};

// The tender's evaluation as a whole. One per tender; version 0 until first stored.
struct EvaluationRecord {
  EvaluationStage stage = EvaluationStage::kTechnical;
  std::int64_t version = 0;
  std::optional<Timestamp> started_at;  // the tender moved to 'evaluation'
  std::optional<TechnicalEvaluation> technical;
  UserId technical_closed_by;
  std::optional<Timestamp> technical_closed_at;
  std::optional<Ranking> ranking;
  std::optional<Timestamp> ranked_at;
  std::optional<Recommendation> recommendation;
  std::string last_rejection;  // the approver's reason when a recommendation was sent back
  std::optional<Approval> approval;
  std::optional<AwardRecord> award;
  std::optional<ContractRecord> contract;
  std::string cancellation_reason;
  std::optional<Timestamp> cancelled_at;
  bool operator==(const EvaluationRecord&) const = default;
};

// What an unsuccessful bidder is told at the award (docs/evaluation.md, "Regret letters"):
// its own result beside the winner's, and until when it may ask for a debriefing.
struct RegretLetter {
  OrganisationId supplier;
  std::string bid_id;
  std::string outcome;  // "not_qualified", "not_selected"
  std::string reason;   // the exclusion reason, or "ranked 2 of 3"
  std::optional<int> rank;
  std::optional<Points> technical, financial, combined;
  std::optional<Money> price;
  std::string winner_name;
  std::optional<Points> winner_technical, winner_financial, winner_combined;
  Money winner_price;
  Timestamp sent_at;
  Timestamp debrief_until;
  bool operator==(const RegretLetter&) const = default;
};

struct DebriefRequest {
  OrganisationId supplier;
  UserId requested_by;
  Timestamp requested_at;
  std::string message;
  std::string answer;  // empty until answered
  UserId answered_by;
  std::optional<Timestamp> answered_at;
  bool operator==(const DebriefRequest&) const = default;
};

// Everything the workflow decides on, read together in one transaction.
struct EvaluationSnapshot {
  Tender tender;
  std::vector<UserId> evaluators;                  // tender_committee role 'evaluator'
  std::vector<UserId> opening_members;             // role 'opening'
  std::optional<OpeningRecord> technical_opening;  // the 'single' or 'technical' envelope's
  std::optional<OpeningRecord> financial_opening;
  std::vector<std::pair<std::string, bool>> qualifications;  // bid_qualifications
  std::vector<Declaration> declarations;
  std::vector<StoredSheet> sheets;
  EvaluationRecord record;
  std::vector<RegretLetter> letters;
  std::vector<DebriefRequest> debriefs;
};

// What one workflow step writes. The store applies all of it in the transaction that read
// the snapshot, or nothing.
struct EvaluationChange {
  std::optional<Declaration> declaration;  // inserted (one per evaluator and tender)
  std::optional<StoredSheet> sheet;        // inserted or replacing (evaluator, bid)
  // Replaces the stored record; its version must be the snapshot's + 1.
  std::optional<EvaluationRecord> record;
  // bid_qualifications rows (ET-05), replacing earlier marks, decided by `qualified_by`.
  std::vector<std::pair<std::string, bool>> qualifications;
  UserId qualified_by;
  // The tender's move (already checked against lifecycle.h), with the reason when cancelled.
  std::optional<TenderState> tender_state;
  std::string cancellation_reason;
  std::vector<RegretLetter> letters;      // inserted
  std::optional<DebriefRequest> debrief;  // inserted or replacing (per supplier)
  // Appended in order (AU-01). A change that writes anything has at least one; a change
  // with nothing in it writes nothing (an idempotent step that was already done).
  std::vector<audit::Entry> audit;
};

using EvaluationDecision = std::function<Result<EvaluationChange>(const EvaluationSnapshot&)>;

// An award that stands (notified or contracted, not cancelled) with its tender: public once
// notified (OCDS awards), so the matching history may read it (matching/relevance.h).
struct StandingAward {
  Tender tender;
  AwardRecord award;
};

// Persistence of the evaluation records, declared here and implemented in storage/
// (SqlEvaluationStore) and in tenders/testing (in memory). It reads the tender, committee,
// opening and qualification tables of migrations 6 and 7 and writes its own (migration 8)
// plus the tender's state and bid_qualifications. Thread-safe.
class EvaluationStore {
 public:
  virtual ~EvaluationStore() = default;

  // NotFound (field "ocid") when no tender has this ocid.
  virtual Result<EvaluationSnapshot> Load(std::string_view ocid) = 0;

  // One write transaction: reads the snapshot with the tender row locked, calls `decide`
  // (at most once) and, when it returns a change, writes it with its audit entries and
  // commits. Returns the snapshot after the change. `decide`'s error is returned as is and
  // nothing is written. FailedPrecondition "the evaluation was changed by someone else" when
  // the change's record version is not the stored one + 1.
  virtual Result<EvaluationSnapshot> Apply(std::string_view ocid,
                                           const EvaluationDecision& decide) = 0;

  // Appends an audit entry on its own: refused attempts ("access.denied", ET-08).
  virtual Status RecordAudit(const audit::Entry& entry) = 0;

  // The newest `limit` awards that stand (stage standstill or contracted, award status not
  // cancelled), newest notice first.
  virtual Result<std::vector<StandingAward>> StandingAwards(int limit) = 0;
};

}  // namespace tb::tenders
