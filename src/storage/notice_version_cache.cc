#include "storage/notice_version_cache.h"

#include <limits>
#include <memory>
#include <vector>

#include "storage/change_log.h"
#include "storage/database.h"

namespace tb::storage {
namespace {

constexpr int kPage = 10'000;

std::int64_t Ticks() { return std::chrono::steady_clock::now().time_since_epoch().count(); }

}  // namespace

Status NoticeVersionCache::RefreshIfDue() {
  const std::int64_t lag =
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(max_lag_).count();
  const std::int64_t last = refreshed_at_.load(std::memory_order_acquire);
  if (last != std::numeric_limits<std::int64_t>::min() && Ticks() - last < lag) {
    return Status::Ok();
  }
  std::lock_guard<std::mutex> lock(refresh_mu_);
  // Another thread may have refreshed while this one waited.
  const std::int64_t again = refreshed_at_.load(std::memory_order_acquire);
  if (again != std::numeric_limits<std::int64_t>::min() && Ticks() - again < lag) {
    return Status::Ok();
  }
  return Refresh();
}

Status NoticeVersionCache::Refresh() {
  // Taken before reading: every commit before this instant is seen by the reads below, so
  // the cache is never more than max_lag behind it.
  const std::int64_t started = Ticks();
  ChangeLog log(db_);
  std::int64_t from = 0;
  {
    std::shared_lock lock(mu_);
    from = applied_seq_;
  }
  if (from < 0) {
    // First refresh: nothing is cached yet, so the log only needs a starting point.
    TB_ASSIGN_OR_RETURN(std::int64_t latest, log.LatestSeq());
    std::unique_lock lock(mu_);
    applied_seq_ = latest;
  } else {
    for (;;) {
      TB_ASSIGN_OR_RETURN(std::vector<Change> changes, log.ReadSince(from, kPage));
      if (changes.empty()) break;
      std::unique_lock lock(mu_);
      for (const Change& change : changes) {
        if (change.entity == "notice") versions_.erase(change.id);
      }
      from = applied_seq_ = changes.back().seq;
      if (changes.size() < static_cast<std::size_t>(kPage)) break;
    }
  }
  refreshed_at_.store(started, std::memory_order_release);
  return Status::Ok();
}

Result<std::int64_t> NoticeVersionCache::Version(NoticeId id) {
  TB_RETURN_IF_ERROR(RefreshIfDue());
  std::uint64_t epoch = 0;
  {
    std::shared_lock lock(mu_);
    auto it = versions_.find(id.value);
    if (it != versions_.end()) return it->second;
    epoch = epoch_;
  }
  std::int64_t version = 0;
  std::int64_t seq = 0;
  {
    TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
    // One statement, so one snapshot on either engine (PostgreSQL's read committed takes a
    // snapshot per statement).
    TB_ASSIGN_OR_RETURN(Statement * stmt,
                        tx->Prepare("SELECT version, (SELECT COALESCE(MAX(seq), 0) FROM changes) "
                                    "FROM notices WHERE id = ?"));
    stmt->BindInt64(1, id.value);
    TB_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) return Status::NotFound("no notice with id " + std::to_string(id.value));
    version = stmt->Int64(0);
    seq = stmt->Int64(1);
  }
  std::unique_lock lock(mu_);
  if (epoch == epoch_ && applied_seq_ >= 0 && seq >= applied_seq_) {
    if (versions_.size() >= kMaxEntries) versions_.clear();
    versions_[id.value] = version;
  }
  return version;
}

void NoticeVersionCache::Invalidate(std::span<const std::int64_t> ids) {
  std::unique_lock lock(mu_);
  for (std::int64_t id : ids) versions_.erase(id);
  ++epoch_;
}

}  // namespace tb::storage
