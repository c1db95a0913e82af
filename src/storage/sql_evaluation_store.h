#pragma once

#include "storage/database.h"
#include "tenders/evaluation_store.h"

namespace tb::storage {

// tenders::EvaluationStore over the portable Database interface (schema: migration 8; reads
// the tender, committee and opening tables of migrations 6 and 7, writes the tender's state
// and bid_qualifications). Apply locks the tender row (PostgreSQL FOR UPDATE; SQLite's
// write transaction excludes other writers), so the bid, opening, tender and evaluation
// writers of one tender take turns. Every write appends its audit entries with
// AppendAuditEntry in the same transaction (AU-01). Thread-safe; `db` must outlive it.
class SqlEvaluationStore final : public tenders::EvaluationStore {
 public:
  explicit SqlEvaluationStore(Database& db) : db_(db) {}

  Result<tenders::EvaluationSnapshot> Load(std::string_view ocid) override;
  Result<tenders::EvaluationSnapshot> Apply(std::string_view ocid,
                                            const tenders::EvaluationDecision& decide) override;
  Status RecordAudit(const audit::Entry& entry) override;
  Result<std::vector<tenders::StandingAward>> StandingAwards(int limit) override;

 private:
  Database& db_;
};

}  // namespace tb::storage
