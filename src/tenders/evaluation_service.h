#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/actor.h"
#include "auth/security_log.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "tenders/evaluation.h"
#include "tenders/evaluation_access.h"
#include "tenders/evaluation_store.h"

// The technical and financial evaluation of an opened tender (issue #6 item 5, SECURITY.md
// ET-05, ET-07; docs/evaluation.md): evaluators' declarations and scoring sheets, closing
// the technical evaluation (qualification marks for the financial opening), and the
// ranking. Every write is one store transaction with its audit entries (AU-01); every
// refusal on evaluation data leaves an "access.denied" entry and a security event (ET-08).
// Thread-safe; the store, clock and log must outlive it.
namespace tb::tenders {

// An evaluator's progress, as the owner follows it before the technical close (counts
// only: the sheets themselves stay with their authors until then).
struct EvaluatorProgress {
  UserId evaluator;
  bool declared = false;
  bool conflict = false;
  int sheets = 0;
};

// A bid as the evaluation lists it: from the technical (or single) opening record.
struct BidUnderReview {
  std::string bid_id;
  OrganisationId supplier;
  std::string supplier_name;
  Timestamp receipt_time;
  bool decrypted = false;
  std::vector<OpenedFile> files;
  std::optional<Money> price;  // single envelope only: read at the opening
};

// The evaluation as one actor may see it (docs/evaluation.md, "Who sees what").
struct EvaluationView {
  std::string ocid;
  EvaluationStage stage = EvaluationStage::kTechnical;
  TenderState tender_state = TenderState::kOpened;
  EvaluationRoles roles;
  EvaluationRules rules;
  std::optional<Declaration> own_declaration;
  // Owner and panel: the bids and their opening data. A declared-in-nothing evaluator gets
  // the bidders' names only, to declare against.
  std::vector<BidUnderReview> bids;
  std::vector<std::string> bidder_names;
  std::vector<StoredSheet> sheets;  // panel: own sheets; after the close, owner and panel: all
  std::vector<EvaluatorProgress> progress;       // owner
  std::optional<TechnicalEvaluation> technical;  // owner and panel, after the close
  std::optional<Ranking> ranking;                // owner and panel, once ranked
  EvaluationRecord record;  // owner: the whole record; others: only what is listed above
  std::int64_t version = 0;
};

class EvaluationService {
 public:
  EvaluationService(EvaluationStore& store, const Clock& clock, auth::SecurityLog& log)
      : store_(store), clock_(clock), log_(log) {}

  EvaluationService(const EvaluationService&) = delete;
  EvaluationService& operator=(const EvaluationService&) = delete;

  // The owner, the evaluators of the tender (a recused one sees its declaration only).
  // FailedPrecondition before the opening; NotFound for anyone else, and for tenders that
  // do not exist (no existence oracle); a refused reader leaves an access.denied entry.
  Result<EvaluationView> View(const auth::Actor& actor, std::string_view ocid);

  // An evaluator's declaration, once, after the opening and before any scoring. A declared
  // conflict (`conflict`, with `statement` saying what it is) recuses the evaluator.
  // PermissionDenied for anyone not on the evaluation committee; AlreadyExists when
  // declared already; FailedPrecondition before the opening or after the technical close;
  // InvalidArgument (field "statement") for an empty or over-long statement.
  Result<Declaration> Declare(const auth::Actor& actor, std::string_view ocid, bool conflict,
                              std::string statement);

  // Stores (or replaces) the actor's sheet for `sheet.bid_id`. PermissionDenied unless the
  // actor is on the panel (evaluator, declared, no conflict); FailedPrecondition after the
  // technical close or before the opening; NotFound (field "bid_id") for a bid that is not
  // under evaluation (not opened, or undecryptable); ValidateSheet's InvalidArgument.
  Result<StoredSheet> SubmitSheet(const auth::Actor& actor, std::string_view ocid,
                                  ScoringSheet sheet);

  // The owner moves an opened tender to 'evaluation' (lifecycle.h "start_evaluation").
  // Idempotent: Ok with the record when already started. PermissionDenied; FailedPrecondition
  // in any other tender state.
  Result<EvaluationRecord> Start(const auth::Actor& actor, std::string_view ocid);

  // The owner closes the technical evaluation: every declared evaluator without a conflict
  // has a sheet for every bid (FailedPrecondition naming who and what is missing);
  // evaluators who never declared are recorded as absent; at least one complete panel
  // member is needed when the tender has criteria or compliance items. Computes the
  // technical results and marks each technically opened bid qualified or not (ET-05;
  // undecryptable bids are not qualified). Single envelope: ranks at once (stage ranked);
  // two envelopes: stage financial, waiting for the financial opening (ranked at once when
  // no bid qualified).
  Result<EvaluationRecord> CloseTechnical(const auth::Actor& actor, std::string_view ocid);

  // The owner ranks a two-envelope tender after the financial opening (FailedPrecondition
  // before it): financial and combined scores from the opened prices, tie rules of
  // RankBids with the technical opening record's hash as the lot seed.
  Result<EvaluationRecord> Rank(const auth::Actor& actor, std::string_view ocid);

 private:
  EvaluationStore& store_;
  const Clock& clock_;
  auth::SecurityLog& log_;
};

// The ranking of `snapshot` from its technical results and `prices`, with the technical
// opening's hash as the seed of the last tie rule. Shared with the award service's checks.
Result<Ranking> RankSnapshot(const EvaluationSnapshot& snapshot,
                             const TechnicalEvaluation& technical,
                             const std::vector<BidPrice>& prices);

}  // namespace tb::tenders
