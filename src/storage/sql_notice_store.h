#pragma once

#include <cstdint>
#include <mutex>

#include "core/timestamp.h"
#include "notices/notice_store.h"
#include "storage/database.h"
#include "storage/notice_version_cache.h"

namespace tb::storage {

// notices::NoticeStore over the portable Database interface: one implementation for SQLite
// and PostgreSQL. The notice itself is kept as its public JSON (`doc`) beside the columns the
// filters and orders need. Thread-safe (each call runs its own transaction); `db` and
// `clock` must outlive it.
class SqlNoticeStore final : public notices::NoticeStore {
 public:
  SqlNoticeStore(Database& db, const Clock& clock) : db_(db), clock_(clock), versions_(db) {}

  Result<std::vector<notices::WriteOutcome>> UpsertBatch(std::span<const notices::Notice> batch,
                                                         const MergeFn& merge) override;
  Result<notices::Notice> Get(NoticeId id) override;
  Result<notices::Notice> GetByPublicId(std::string_view public_id) override;
  Result<notices::NoticePage> List(const notices::NoticeFilter& filter,
                                   notices::NoticeOrder order, const notices::PageRequest& page,
                                   Timestamp now) override;
  Result<std::vector<notices::NoticeVersion>> History(NoticeId id) override;
  // From memory (NoticeVersionCache): writes through this store are seen at once, writes by
  // other processes on the same database within NoticeVersionCache::kDefaultMaxLag.
  Result<std::int64_t> Version(NoticeId id) override;
  Result<std::int64_t> Count() override;

 private:
  Database& db_;
  const Clock& clock_;
  NoticeVersionCache versions_;
  // The last Count() and the newest `changes` seq it was read with.
  std::mutex count_mu_;
  std::int64_t count_seq_ = -1;  // Guarded by count_mu_.
  std::int64_t count_ = -1;      // Guarded by count_mu_.
};

}  // namespace tb::storage
