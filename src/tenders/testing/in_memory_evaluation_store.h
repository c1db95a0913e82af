#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "tenders/evaluation_store.h"

namespace tb::tenders::testing {

// An EvaluationStore in memory for the service tests: tests seed each tender's snapshot
// (tender, committee, openings) and read back what the services wrote, audit entries
// included. Thread-safe.
class InMemoryEvaluationStore final : public EvaluationStore {
 public:
  // Adds or replaces a tender's snapshot.
  void Put(EvaluationSnapshot snapshot);
  // Sets the financial opening (what the opening service would write).
  void SetFinancialOpening(const std::string& ocid, OpeningRecord record);
  // Every audit entry written, in order.
  std::vector<audit::Entry> audit() const;

  Result<EvaluationSnapshot> Load(std::string_view ocid) override;
  Result<EvaluationSnapshot> Apply(std::string_view ocid,
                                   const EvaluationDecision& decide) override;
  Status RecordAudit(const audit::Entry& entry) override;
  Result<std::vector<StandingAward>> StandingAwards(int limit) override;

 private:
  mutable std::mutex mu_;
  std::map<std::string, EvaluationSnapshot, std::less<>> tenders_;  // Guarded by mu_.
  std::vector<audit::Entry> audit_;                                 // Guarded by mu_.
};

}  // namespace tb::tenders::testing
