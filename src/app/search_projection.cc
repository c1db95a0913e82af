#include "app/search_projection.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "app/supplier_directory_index.h"
#include "notices/notice_store.h"
#include "search/search_index.h"
#include "search/supplier_index.h"
#include "storage/change_log.h"
#include "suppliers/supplier_store.h"

namespace tb::app {
namespace {

constexpr int kBatch = 1000;

}  // namespace

SearchProjection::SearchProjection(storage::ChangeLog& log, notices::NoticeStore& notices,
                                   search::SearchIndex& index)
    : log_(log), notices_(notices), index_(index) {}

SearchProjection::~SearchProjection() { Stop(); }

Result<std::int64_t> SearchProjection::CatchUp() {
  std::lock_guard<std::mutex> lock(catch_up_mu_);
  return CatchUpLocked();
}

void SearchProjection::FollowSuppliers(suppliers::SupplierStore& store,
                                       search::SupplierIndex& index) {
  std::lock_guard<std::mutex> lock(catch_up_mu_);
  supplier_store_ = &store;
  supplier_index_ = &index;
}

Result<std::int64_t> SearchProjection::CatchUpLocked() {
  std::int64_t applied = 0;
  while (true) {
    TB_ASSIGN_OR_RETURN(std::int64_t notices_after, index_.LastAppliedSeq());
    std::int64_t suppliers_after = notices_after;
    if (supplier_index_ != nullptr) {
      TB_ASSIGN_OR_RETURN(suppliers_after, supplier_index_->LastAppliedSeq());
    }
    // One read serves both indexes; the one further behind decides where it starts (after a
    // reindex of one, or a new supplier index beside an old notice index).
    TB_ASSIGN_OR_RETURN(std::vector<storage::Change> changes,
                        log_.ReadSince(std::min(notices_after, suppliers_after), kBatch));
    if (changes.empty()) return applied;
    TB_ASSIGN_OR_RETURN(std::int64_t notices, ApplyNotices(changes, notices_after));
    applied += notices;
    if (supplier_index_ != nullptr) {
      TB_ASSIGN_OR_RETURN(std::int64_t suppliers, ApplySuppliers(changes));
      applied += suppliers;
    }
    if (static_cast<int>(changes.size()) < kBatch) return applied;
  }
}

Result<std::int64_t> SearchProjection::ApplyNotices(const std::vector<storage::Change>& changes,
                                                    std::int64_t after) {
  const std::int64_t through = changes.back().seq;
  if (through <= after) return 0;
  // A notice changed several times in one batch is loaded once, at its last seq: the
  // store returns its current state anyway, and seqs stay increasing.
  std::unordered_map<std::int64_t, std::int64_t> last_seq_of;
  for (const storage::Change& c : changes) {
    if (c.entity == "notice" && c.seq > after) last_seq_of[c.id] = c.seq;
  }
  std::vector<search::IndexChange> batch;
  batch.reserve(last_seq_of.size() + 1);
  for (const storage::Change& c : changes) {
    if (c.entity != "notice" || c.seq <= after || last_seq_of[c.id] != c.seq) continue;
    Result<notices::Notice> notice = notices_.Get(NoticeId{c.id});
    if (notice.ok()) {
      batch.push_back(search::IndexChange::Upsert(c.seq, std::move(notice).value()));
    } else if (notice.status().code() == StatusCode::kNotFound) {
      batch.push_back(search::IndexChange::Delete(c.seq, NoticeId{c.id}));
    } else {
      return notice.status();
    }
  }
  // Whatever else the batch read (suppliers) is done with as far as notices go: record it,
  // or the next read would start before it again.
  if (batch.empty() || batch.back().seq < through) {
    batch.push_back(search::IndexChange::Progress(through));
  }
  TB_ASSIGN_OR_RETURN(search::ApplyReport report, index_.Apply(batch));
  return report.applied;
}

Status SearchProjection::CatchUpSuppliers(std::int64_t max_gap) {
  if (supplier_index_ == nullptr) {
    return Status::FailedPrecondition("the projection does not follow suppliers");
  }
  TB_ASSIGN_OR_RETURN(const std::int64_t latest, log_.LatestSeq());
  while (true) {
    TB_ASSIGN_OR_RETURN(const std::int64_t after, supplier_index_->LastAppliedSeq());
    if (after >= latest) return Status::Ok();
    if (latest - after > max_gap) {
      return Status::Unavailable("the supplier index is " + std::to_string(latest - after) +
                                 " changes behind");
    }
    // Large reads: only the supplier rows among them are loaded.
    TB_ASSIGN_OR_RETURN(std::vector<storage::Change> changes, log_.ReadSince(after, 10'000));
    if (changes.empty()) return Status::Ok();
    TB_RETURN_IF_ERROR(ApplySuppliers(changes).status());
  }
}

Result<std::int64_t> SearchProjection::ApplySuppliers(
    const std::vector<storage::Change>& changes) {
  std::lock_guard<std::mutex> lock(supplier_mu_);
  // Read under the lock: CatchUpSuppliers may have applied part of this batch meanwhile.
  TB_ASSIGN_OR_RETURN(const std::int64_t after, supplier_index_->LastAppliedSeq());
  const std::int64_t through = changes.back().seq;
  if (through <= after) return 0;
  std::unordered_map<std::int64_t, std::int64_t> last_seq_of;
  for (const storage::Change& c : changes) {
    if (c.entity == "supplier" && c.seq > after) last_seq_of[c.id] = c.seq;
  }
  std::vector<search::SupplierChange> batch;
  batch.reserve(last_seq_of.size());
  for (const storage::Change& c : changes) {
    if (c.entity != "supplier" || c.seq <= after || last_seq_of[c.id] != c.seq) continue;
    Result<suppliers::DirectoryRecord> stored = supplier_store_->GetForDirectory(SupplierId{c.id});
    if (stored.ok()) {
      batch.push_back(search::SupplierChange::Upsert(c.seq, ToSupplierDocument(*stored)));
    } else if (stored.status().code() == StatusCode::kNotFound) {
      batch.push_back(search::SupplierChange::Delete(c.seq, SupplierId{c.id}));
    } else {
      return stored.status();
    }
  }
  TB_ASSIGN_OR_RETURN(search::ApplyReport report, supplier_index_->Apply(batch, through));
  return report.applied;
}

void SearchProjection::Start(std::chrono::milliseconds interval) {
  loop_.Start(interval, [this] {
    Result<std::int64_t> applied = CatchUp();
    if (!applied.ok()) {
      spdlog::warn("search projection: {} (retrying)", applied.status().ToString());
    } else if (*applied > 0) {
      spdlog::debug("search projection: applied {} changes", *applied);
    }
  });
}

void SearchProjection::Stop() { loop_.Stop(); }

}  // namespace tb::app
