#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tb::storage {

// The two engines of ARCHITECTURE.md §3. Stores are written once against the interface below;
// only migrations (storage/migrations/) hold SQL that differs between them.
enum class Engine { kSqlite, kPostgres };

// A prepared statement inside a transaction. SQL is written once with `?` placeholders; the
// PostgreSQL implementation translates them to $1..$n. Parameters are numbered from 1,
// result columns from 0. Obtained from Transaction::Prepare, which returns it reset and with
// no bindings; valid until the transaction ends. Not thread-safe (neither is a transaction).
class Statement {
 public:
  virtual ~Statement() = default;

  virtual Statement& BindInt64(int index, std::int64_t value) = 0;
  virtual Statement& BindDouble(int index, double value) = 0;
  virtual Statement& BindText(int index, std::string_view value) = 0;
  virtual Statement& BindBlob(int index, std::span<const std::uint8_t> value) = 0;
  virtual Statement& BindNull(int index) = 0;

  // Runs the statement on the first call, then moves to the next row. True when a row is
  // available for the column readers; false when there are no more rows. A failure is
  // kAlreadyExists for a unique violation, kUnavailable when the database is busy or the
  // connection is lost, kInternal otherwise (the SQL error goes to the log only).
  virtual Result<bool> Step() = 0;

  // Runs the statement and discards any rows.
  Status Run() {
    Result<bool> r = Step();
    return r.ok() ? Status::Ok() : r.status();
  }

  // Column readers for the current row. NULL reads as 0, 0.0 or empty.
  virtual bool IsNull(int column) const = 0;
  virtual std::int64_t Int64(int column) const = 0;
  virtual double Double(int column) const = 0;
  virtual std::string Text(int column) const = 0;
  virtual std::vector<std::uint8_t> Blob(int column) const = 0;

  // Rows changed by the last run of an INSERT, UPDATE or DELETE.
  virtual std::int64_t ChangedRows() const = 0;
};

// One transaction on one connection: RAII, rolled back on destruction unless Commit()
// succeeded. Not thread-safe; use one per thread.
class Transaction {
 public:
  virtual ~Transaction() = default;

  virtual Engine engine() const = 0;

  // The cached prepared statement for `sql` (prepared on first use on this connection),
  // reset and with its bindings cleared. kInternal when the SQL does not compile.
  virtual Result<Statement*> Prepare(std::string_view sql) = 0;

  // Runs `sql` (one or several statements, no parameters, no rows), e.g. DDL.
  virtual Status Execute(std::string_view sql) = 0;

  // Makes the transactions that call this commit one at a time, in the order they took the
  // lock: on PostgreSQL pg_advisory_xact_lock(key), held until commit or rollback; on SQLite
  // a no-op because a write transaction already excludes other writers. The change log
  // takes it just before it assigns `seq` so that seq order is commit order.
  virtual Status LockUntilCommit(std::int64_t key) = 0;

  virtual Status Commit() = 0;
};

enum class TxMode {
  kRead,   // may run concurrently with other reads and with a write
  kWrite,  // SQLite: BEGIN IMMEDIATE on the single writer connection
};

// An open database: a pool of connections. Thread-safe; each thread begins its own
// transactions.
class Database {
 public:
  virtual ~Database() = default;

  virtual Engine engine() const = 0;

  // Begins a transaction on a free connection, waiting for one when all are in use.
  // kUnavailable when no connection can be had (server down, pool exhausted for too long).
  virtual Result<std::unique_ptr<Transaction>> Begin(TxMode mode) = 0;
};

// Rewrites `?` placeholders (outside quoted strings) to $1..$n. Exposed for tests.
std::string ToDollarPlaceholders(std::string_view sql);

}  // namespace tb::storage
