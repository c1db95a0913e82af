#include "storage/change_log.h"

#include "storage/database.h"

namespace tb::storage {
namespace {
// Key of the advisory lock that orders committing writers on PostgreSQL ("tbchg").
constexpr std::int64_t kChangeLogLockKey = 0x7462636867;
}  // namespace

Status AppendChanges(Transaction& tx, std::span<const Change> changes, Timestamp at) {
  if (changes.empty()) return Status::Ok();
  TB_RETURN_IF_ERROR(tx.LockUntilCommit(kChangeLogLockKey));
  // Read max(seq) only after the lock is held: the previous holder has committed by then, so
  // this statement's snapshot sees its rows.
  TB_ASSIGN_OR_RETURN(Statement * max, tx.Prepare("SELECT COALESCE(MAX(seq), 0) FROM changes"));
  TB_ASSIGN_OR_RETURN(bool has_row, max->Step());
  std::int64_t seq = has_row ? max->Int64(0) : 0;
  for (const Change& change : changes) {
    TB_ASSIGN_OR_RETURN(
        Statement * insert,
        tx.Prepare("INSERT INTO changes (seq, entity, id, op, at_us) VALUES (?, ?, ?, ?, ?)"));
    insert->BindInt64(1, ++seq)
        .BindText(2, change.entity)
        .BindInt64(3, change.id)
        .BindText(4, change.op)
        .BindInt64(5, at.micros());
    TB_RETURN_IF_ERROR(insert->Run());
  }
  return Status::Ok();
}

Result<std::vector<Change>> ChangeLog::ReadSince(std::int64_t after_seq, int limit) {
  if (limit < 1 || limit > 10'000) {
    return Status::InvalidArgument("limit must be between 1 and 10000").WithField("limit");
  }
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * stmt,
                      tx->Prepare("SELECT seq, entity, id, op, at_us FROM changes WHERE seq > ? "
                                  "ORDER BY seq LIMIT ?"));
  stmt->BindInt64(1, after_seq).BindInt64(2, limit);
  std::vector<Change> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    out.push_back({stmt->Int64(0), stmt->Text(1), stmt->Int64(2), stmt->Text(3),
                   Timestamp::FromMicros(stmt->Int64(4))});
  }
  return out;
}

Result<std::int64_t> ChangeLog::LatestSeq() {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * stmt, tx->Prepare("SELECT COALESCE(MAX(seq), 0) FROM changes"));
  TB_ASSIGN_OR_RETURN(bool row, stmt->Step());
  return row ? stmt->Int64(0) : std::int64_t{0};
}

}  // namespace tb::storage
