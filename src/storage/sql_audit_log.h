#pragma once

#include <memory>

#include "audit/audit_log_reader.h"

namespace tb::storage {

class Database;

// audit::AuditLogReader over the tables of migration 5. Scan reads one snapshot (SQLite: one
// read transaction; PostgreSQL: REPEATABLE READ) in pages, so a log of millions of entries is
// verified in bounded memory while appends go on. `db` must outlive the reader.
std::unique_ptr<audit::AuditLogReader> MakeSqlAuditLogReader(Database& db);

}  // namespace tb::storage
