#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <limits>
#include <mutex>
#include <shared_mutex>
#include <span>
#include <unordered_map>

#include "core/ids.h"
#include "core/result.h"

namespace tb::storage {

class Database;

// Answers NoticeStore::Version from memory. Each answer comes from the database once (one
// statement reads the version and the newest `changes` seq together) and stays valid until
// a write to that notice shows up in the `changes` log, which is read at most every
// `max_lag` (one indexed range read, normally empty). So:
//  - writes through this process (Invalidate, called after commit) are seen at once;
//  - writes by other processes on the same database (more servers on one PostgreSQL, a
//    `tenderbridge import` beside a SQLite server) are seen within `max_lag`.
// Correctness rests on two facts of the change log (storage/change_log.h): every notice
// write appends a row in its own transaction, and seq order is commit order. A version read
// together with seq S is cached only when the log has been applied up to at most S, so a
// later change to that notice is always applied after it. Thread-safe; `db` must outlive it.
class NoticeVersionCache {
 public:
  static constexpr std::chrono::milliseconds kDefaultMaxLag{100};
  static constexpr std::size_t kMaxEntries = 1 << 20;

  explicit NoticeVersionCache(Database& db, std::chrono::milliseconds max_lag = kDefaultMaxLag)
      : db_(db), max_lag_(max_lag) {}

  NoticeVersionCache(const NoticeVersionCache&) = delete;
  NoticeVersionCache& operator=(const NoticeVersionCache&) = delete;

  // The notice's version. NotFound when there is no such notice (not cached); Unavailable
  // and the like when the log or the notice cannot be read.
  Result<std::int64_t> Version(NoticeId id);

  // Forgets `ids` after this process committed writes to them; answers being read at the
  // same time are not cached.
  void Invalidate(std::span<const std::int64_t> ids);

 private:
  Status RefreshIfDue();
  Status Refresh();

  Database& db_;
  const std::chrono::milliseconds max_lag_;
  // steady_clock ticks of the start of the last successful refresh; min() before the first.
  std::atomic<std::int64_t> refreshed_at_{std::numeric_limits<std::int64_t>::min()};
  std::mutex refresh_mu_;  // one refresh at a time

  std::shared_mutex mu_;  // look-ups share it: a descheduled reader never stalls the others
  std::unordered_map<std::int64_t, std::int64_t> versions_;  // Guarded by mu_.
  std::int64_t applied_seq_ = -1;  // Guarded by mu_; -1 until the first refresh.
  std::uint64_t epoch_ = 0;        // Guarded by mu_; bumped by Invalidate.
};

}  // namespace tb::storage
