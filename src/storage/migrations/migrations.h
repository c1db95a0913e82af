#pragma once

#include <span>
#include <string_view>

#include "core/result.h"
#include "core/timestamp.h"

namespace tb::storage {

class Database;

// One versioned schema change. Each has its DDL for both engines (identical texts where the
// SQL is portable). Versions start at 1 and never change once released: add a new migration
// rather than editing an old one.
struct Migration {
  int version;
  std::string_view name;
  std::string_view sqlite_sql;
  std::string_view postgres_sql;
};

// Every migration this program knows, in version order.
std::span<const Migration> AllMigrations();

// Applies the pending migrations, each in its own transaction together with its
// schema_migrations row. Safe when several servers start at once on one PostgreSQL: each
// transaction holds an advisory lock, so the second starter waits and then finds the
// migration applied. FailedPrecondition when the database has a newer schema than this
// program knows; Unavailable/Internal from the database otherwise.
Status ApplyMigrations(Database& db, Timestamp now);

// The highest applied version; 0 for an empty database.
Result<int> SchemaVersion(Database& db);

}  // namespace tb::storage
