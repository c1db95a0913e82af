#pragma once

#include "core/timestamp.h"
#include "notices/notice_store.h"
#include "storage/database.h"

namespace tb::storage {

// notices::NoticeStore over the portable Database interface: one implementation for SQLite
// and PostgreSQL. The notice itself is kept as its public JSON (`doc`) beside the columns the
// filters and orders need. Thread-safe (each call runs its own transaction); `db` and
// `clock` must outlive it.
class SqlNoticeStore final : public notices::NoticeStore {
 public:
  SqlNoticeStore(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<std::vector<notices::WriteOutcome>> UpsertBatch(std::span<const notices::Notice> batch,
                                                         const MergeFn& merge) override;
  Result<notices::Notice> Get(NoticeId id) override;
  Result<notices::Notice> GetByPublicId(std::string_view public_id) override;
  Result<notices::NoticePage> List(const notices::NoticeFilter& filter,
                                   notices::NoticeOrder order, const notices::PageRequest& page,
                                   Timestamp now) override;
  Result<std::vector<notices::NoticeVersion>> History(NoticeId id) override;
  Result<std::int64_t> Count() override;

 private:
  Database& db_;
  const Clock& clock_;
};

}  // namespace tb::storage
