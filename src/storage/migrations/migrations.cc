#include "storage/migrations/migrations.h"

#include <memory>

#include "storage/database.h"

namespace tb::storage {
namespace {

// Advisory lock key that serialises migrating servers on PostgreSQL ("tbmig").
constexpr std::int64_t kMigrationLockKey = 0x74626d6967;

constexpr std::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at_us BIGINT NOT NULL)";

Result<int> ReadVersion(Transaction& tx) {
  TB_ASSIGN_OR_RETURN(Statement * stmt,
                      tx.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  TB_ASSIGN_OR_RETURN(bool row, stmt->Step());
  return row ? static_cast<int>(stmt->Int64(0)) : 0;
}

}  // namespace

// Defined in schema_v1.cc.
extern const Migration kMigrationV1;
// Defined in schema_v2.cc.
extern const Migration kMigrationV2;
// Defined in schema_v3.cc.
extern const Migration kMigrationV3;
// Defined in schema_v4.cc.
extern const Migration kMigrationV4;
// Defined in schema_v5.cc (the audit log, issue #6).
extern const Migration kMigrationV5;
// Defined in schema_v6.cc (tenders, issue #6).
extern const Migration kMigrationV6;
// Defined in schema_v7.cc (sealed bids and openings, issue #6).
extern const Migration kMigrationV7;
// Defined in schema_v8.cc (evaluation and award, issue #6).
extern const Migration kMigrationV8;
// Defined in schema_v9.cc (events, issue #7).
extern const Migration kMigrationV9;
// Defined in schema_v10.cc (alerts, issue #5).
extern const Migration kMigrationV10;
// Defined in schema_v11.cc (bid re-confirmation after amendments, issue #6).
extern const Migration kMigrationV11;

std::span<const Migration> AllMigrations() {
  static const Migration kAll[] = {kMigrationV1, kMigrationV2, kMigrationV3, kMigrationV4,
                                     kMigrationV5, kMigrationV6, kMigrationV7, kMigrationV8,
                                     kMigrationV9, kMigrationV10, kMigrationV11};
  return kAll;
}

Status ApplyMigrations(Database& db, Timestamp now) {
  const std::span<const Migration> all = AllMigrations();
  for (;;) {
    TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db.Begin(TxMode::kWrite));
    // Taken first, so that even creating schema_migrations cannot race another starter.
    TB_RETURN_IF_ERROR(tx->LockUntilCommit(kMigrationLockKey));
    TB_RETURN_IF_ERROR(tx->Execute(kCreateMigrationsTable));
    TB_ASSIGN_OR_RETURN(int current, ReadVersion(*tx));
    if (current > all.back().version) {
      return Status::FailedPrecondition(
          "the database schema (version " + std::to_string(current) +
          ") is newer than this program knows (" + std::to_string(all.back().version) + ")");
    }
    const Migration* next = nullptr;
    for (const Migration& m : all) {
      if (m.version > current) {
        next = &m;
        break;
      }
    }
    if (next == nullptr) return tx->Commit();
    TB_RETURN_IF_ERROR(tx->Execute(db.engine() == Engine::kSqlite ? next->sqlite_sql
                                                                  : next->postgres_sql));
    TB_ASSIGN_OR_RETURN(
        Statement * insert,
        tx->Prepare("INSERT INTO schema_migrations (version, name, applied_at_us) VALUES (?, ?, ?)"));
    insert->BindInt64(1, next->version).BindText(2, next->name).BindInt64(3, now.micros());
    TB_RETURN_IF_ERROR(insert->Run());
    TB_RETURN_IF_ERROR(tx->Commit());
  }
}

Result<int> SchemaVersion(Database& db) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db.Begin(TxMode::kWrite));
  TB_RETURN_IF_ERROR(tx->Execute(kCreateMigrationsTable));
  TB_ASSIGN_OR_RETURN(int version, ReadVersion(*tx));
  TB_RETURN_IF_ERROR(tx->Commit());
  return version;
}

}  // namespace tb::storage
