#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "audit/entry.h"
#include "auth/actor.h"
#include "auth/security_log.h"
#include "core/result.h"
#include "tenders/evaluation_store.h"

// Who an actor is to one tender's evaluation, and the refusals both evaluation services share
// (docs/evaluation.md, "Who sees what"). Deny by default: each flag is an explicit allow.
namespace tb::tenders {

struct EvaluationRoles {
  bool owner = false;      // agency officer of the buying organisation, MFA passed
  bool evaluator = false;  // on the tender's evaluation committee, with the evaluator role usable
  bool declared = false;   // an evaluator who declared no conflict of interest
  bool recused = false;    // an evaluator who declared a conflict
  // The companies the actor acts for that hold an opened bid of this tender.
  std::vector<OrganisationId> bidder_for;
  // Evaluators who may see bid content and score: declared and not recused.
  bool panel() const { return evaluator && declared && !recused; }
  bool bidder() const { return !bidder_for.empty(); }
};

EvaluationRoles RolesOf(const auth::Actor& actor, const EvaluationSnapshot& snapshot);

// "user:12", or "public".
std::string ActorName(const auth::Actor& actor);

// An audit entry about the snapshot's tender ("tender:<ocid>") at `at`.
audit::Entry TenderEntry(std::string kind, const auth::Actor& actor,
                         const EvaluationSnapshot& snapshot, Timestamp at,
                         std::vector<std::pair<std::string, std::string>> fields = {});

// Records a refused attempt on evaluation data (ET-08): one "access.denied" audit entry and
// one security event. Failing to record is logged, never hidden behind the refusal.
void RecordDenial(EvaluationStore& store, auth::SecurityLog& log, const auth::Actor& actor,
                  std::string_view ocid, std::string_view action, const Status& refusal,
                  Timestamp at);

// Runs a write through store.Apply and records the refusal when `decide` answered
// PermissionDenied.
Result<EvaluationSnapshot> ApplyChecked(EvaluationStore& store, auth::SecurityLog& log,
                                        const Clock& clock, const auth::Actor& actor,
                                        std::string_view ocid, std::string_view action,
                                        const EvaluationDecision& decide);

}  // namespace tb::tenders
