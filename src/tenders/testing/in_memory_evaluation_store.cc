#include "tenders/testing/in_memory_evaluation_store.h"

#include <algorithm>

namespace tb::tenders::testing {

void InMemoryEvaluationStore::Put(EvaluationSnapshot snapshot) {
  std::lock_guard lock(mu_);
  const std::string ocid = snapshot.tender.ocid;
  tenders_[ocid] = std::move(snapshot);
}

void InMemoryEvaluationStore::SetFinancialOpening(const std::string& ocid, OpeningRecord record) {
  std::lock_guard lock(mu_);
  tenders_.at(ocid).financial_opening = std::move(record);
}

std::vector<audit::Entry> InMemoryEvaluationStore::audit() const {
  std::lock_guard lock(mu_);
  return audit_;
}

Result<EvaluationSnapshot> InMemoryEvaluationStore::Load(std::string_view ocid) {
  std::lock_guard lock(mu_);
  auto it = tenders_.find(ocid);
  if (it == tenders_.end()) return Status::NotFound("no such tender").WithField("ocid");
  return it->second;
}

Result<EvaluationSnapshot> InMemoryEvaluationStore::Apply(std::string_view ocid,
                                                          const EvaluationDecision& decide) {
  std::lock_guard lock(mu_);
  auto it = tenders_.find(ocid);
  if (it == tenders_.end()) return Status::NotFound("no such tender").WithField("ocid");
  EvaluationSnapshot next = it->second;
  TB_ASSIGN_OR_RETURN(EvaluationChange change, decide(it->second));
  if (change.declaration) next.declarations.push_back(*change.declaration);
  if (change.sheet) {
    auto same = [&](const StoredSheet& s) {
      return s.sheet.evaluator == change.sheet->sheet.evaluator &&
             s.sheet.bid_id == change.sheet->sheet.bid_id;
    };
    std::erase_if(next.sheets, same);
    next.sheets.push_back(*change.sheet);
  }
  if (change.record) {
    if (change.record->version != it->second.record.version + 1) {
      return Status::FailedPrecondition("the evaluation was changed by someone else");
    }
    next.record = *change.record;
  }
  for (const auto& [bid, qualified] : change.qualifications) {
    std::erase_if(next.qualifications, [&](const auto& q) { return q.first == bid; });
    next.qualifications.emplace_back(bid, qualified);
  }
  if (change.tender_state) {
    next.tender.state = *change.tender_state;
    next.tender.version += 1;
    if (*change.tender_state == TenderState::kCancelled) {
      next.tender.cancellation_reason = change.cancellation_reason;
    }
  }
  next.letters.insert(next.letters.end(), change.letters.begin(), change.letters.end());
  if (change.debrief) {
    std::erase_if(next.debriefs,
                  [&](const DebriefRequest& d) { return d.supplier == change.debrief->supplier; });
    next.debriefs.push_back(*change.debrief);
  }
  audit_.insert(audit_.end(), change.audit.begin(), change.audit.end());
  it->second = next;
  return next;
}

Status InMemoryEvaluationStore::RecordAudit(const audit::Entry& entry) {
  std::lock_guard lock(mu_);
  audit_.push_back(entry);
  return Status::Ok();
}

Result<std::vector<StandingAward>> InMemoryEvaluationStore::StandingAwards(int limit) {
  std::lock_guard lock(mu_);
  std::vector<StandingAward> out;
  for (const auto& [ocid, s] : tenders_) {
    const bool stands = s.record.stage == EvaluationStage::kStandstill ||
                        s.record.stage == EvaluationStage::kContracted;
    if (stands && s.record.award && s.record.award->status != "cancelled") {
      out.push_back({s.tender, *s.record.award});
    }
  }
  std::ranges::sort(out, [](const StandingAward& a, const StandingAward& b) {
    return a.award.notified_at > b.award.notified_at;
  });
  if (limit >= 0 && out.size() > static_cast<std::size_t>(limit)) out.resize(limit);
  return out;
}

}  // namespace tb::tenders::testing
