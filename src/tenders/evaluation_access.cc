#include "tenders/evaluation_access.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "auth/policy.h"
#include "crypto/digest.h"
#include "crypto/random.h"

namespace tb::tenders {

EvaluationRoles RolesOf(const auth::Actor& actor, const EvaluationSnapshot& s) {
  EvaluationRoles roles;
  if (!actor.authenticated()) return roles;
  roles.owner = auth::CanActForAgency(actor, s.tender.organisation);
  const bool on_panel =
      std::find(s.evaluators.begin(), s.evaluators.end(), actor.user) != s.evaluators.end();
  roles.evaluator = on_panel && actor.HasUsable(auth::Role::kEvaluator);
  for (const Declaration& d : s.declarations) {
    if (d.evaluator != actor.user) continue;
    roles.declared = true;
    roles.recused = d.conflict;
  }
  if (s.technical_opening) {
    std::set<std::int64_t> seen;
    for (const OpenedBid& bid : s.technical_opening->bids) {
      if (seen.insert(bid.supplier.value).second && auth::CanActForSupplier(actor, bid.supplier)) {
        roles.bidder_for.push_back(bid.supplier);
      }
    }
  }
  return roles;
}

std::string ActorName(const auth::Actor& actor) {
  return actor.authenticated() ? "user:" + std::to_string(actor.user.value) : "public";
}

audit::Entry TenderEntry(std::string kind, const auth::Actor& actor, const EvaluationSnapshot& s,
                         Timestamp at, std::vector<std::pair<std::string, std::string>> fields) {
  audit::Entry entry;
  entry.kind = std::move(kind);
  entry.at = at;
  entry.actor = ActorName(actor);
  entry.subject = "tender:" + s.tender.ocid;
  entry.fields = std::move(fields);
  return entry;
}

void RecordDenial(EvaluationStore& store, auth::SecurityLog& log, const auth::Actor& actor,
                  std::string_view ocid, std::string_view action, const Status& refusal,
                  Timestamp at) {
  audit::Entry entry;
  entry.kind = "access.denied";
  entry.at = at;
  entry.actor = ActorName(actor);
  entry.subject = "tender:" + std::string(ocid);
  entry.fields = {{"action", std::string(action)}, {"reason", refusal.message()}};
  Status stored = store.RecordAudit(entry);
  if (!stored.ok()) {
    spdlog::error("evaluation: could not record a refused {} on {}: {}", action, ocid,
                  stored.ToString());
  }
  log.Record(auth::SecurityEvent{at, entry.actor, "access_denied", entry.subject, "denied", "", "",
                                 std::string(action)});
}

Result<EvaluationSnapshot> ApplyChecked(EvaluationStore& store, auth::SecurityLog& log,
                                        const Clock& clock, const auth::Actor& actor,
                                        std::string_view ocid, std::string_view action,
                                        const EvaluationDecision& decide) {
  Result<EvaluationSnapshot> result = store.Apply(ocid, decide);
  if (!result.ok() && result.status().code() == StatusCode::kPermissionDenied) {
    RecordDenial(store, log, actor, ocid, action, result.status(), clock.Now());
  }
  return result;
}

}  // namespace tb::tenders
