#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/timestamp.h"

namespace tb::storage {

class Database;
class Transaction;

// One row of the `changes` log (ARCHITECTURE.md §3): `entity` "notice", `id` its internal id,
// `op` "create" or "update".
struct Change {
  std::int64_t seq = 0;
  std::string entity;
  std::int64_t id = 0;
  std::string op;
  Timestamp at;
  bool operator==(const Change&) const = default;
};

// Appends `changes` (their `seq` and `at` are ignored) to the log inside `tx`, at time `at`.
// Call it last, just before Commit: it serialises committing writers (Transaction::
// LockUntilCommit) and numbers the rows max(seq)+1, +2, ... so that seq order is commit order
// and a reader never sees a higher seq before a lower one becomes visible.
Status AppendChanges(Transaction& tx, std::span<const Change> changes, Timestamp at);

// Reads the change log for projections (search index, alerts, feeds). Thread-safe; `db` must
// outlive it. A projection stores the last seq it applied and resumes with ReadSince(seq).
class ChangeLog {
 public:
  explicit ChangeLog(Database& db) : db_(db) {}

  // Changes with seq > `after_seq`, in seq order, at most `limit` (1..10000).
  // InvalidArgument for another limit.
  Result<std::vector<Change>> ReadSince(std::int64_t after_seq, int limit);

  // The highest seq committed so far; 0 for an empty log.
  Result<std::int64_t> LatestSeq();

 private:
  Database& db_;
};

}  // namespace tb::storage
