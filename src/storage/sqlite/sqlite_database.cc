#include "storage/sqlite/sqlite_database.h"

#include <sqlite3.h>
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace tb::storage::sqlite {
namespace {

constexpr std::size_t kMaxCachedStatements = 256;

// Turns an SQLite result code into a Status; the SQL error itself only goes to the log.
Status ErrorStatus(sqlite3* db, int rc, std::string_view what) {
  const int extended = db != nullptr ? sqlite3_extended_errcode(db) : rc;
  spdlog::warn("sqlite: {} failed: {} ({})", what, db != nullptr ? sqlite3_errmsg(db) : "",
               extended);
  const int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return Status::Unavailable("the database is busy, try again");
  }
  if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return Status::AlreadyExists("a record with the same key already exists");
  }
  if (primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR || primary == SQLITE_FULL) {
    return Status::Unavailable("the database cannot be written or read");
  }
  return Status::Internal("database error");
}

class SqliteStatement final : public Statement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    started_ = false;
    done_ = false;
    changed_ = 0;
  }

  Statement& BindInt64(int index, std::int64_t value) override {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
  }
  Statement& BindDouble(int index, double value) override {
    sqlite3_bind_double(stmt_, index, value);
    return *this;
  }
  Statement& BindText(int index, std::string_view value) override {
    sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
  }
  Statement& BindBlob(int index, std::span<const std::uint8_t> value) override {
    // A null pointer would bind NULL: give an empty blob a valid address.
    static const std::uint8_t kEmpty = 0;
    sqlite3_bind_blob64(stmt_, index, value.empty() ? &kEmpty : value.data(), value.size(),
                        SQLITE_TRANSIENT);
    return *this;
  }
  Statement& BindNull(int index) override {
    sqlite3_bind_null(stmt_, index);
    return *this;
  }

  Result<bool> Step() override {
    if (done_) return false;
    started_ = true;
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    done_ = true;
    if (rc == SQLITE_DONE) {
      changed_ = sqlite3_changes64(db_);
      return false;
    }
    Status status = ErrorStatus(db_, rc, sqlite3_sql(stmt_));
    sqlite3_reset(stmt_);
    return status;
  }

  bool IsNull(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }
  std::int64_t Int64(int column) const override { return sqlite3_column_int64(stmt_, column); }
  double Double(int column) const override { return sqlite3_column_double(stmt_, column); }
  std::string Text(int column) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    const int n = sqlite3_column_bytes(stmt_, column);
    return p == nullptr ? std::string() : std::string(p, static_cast<std::size_t>(n));
  }
  std::vector<std::uint8_t> Blob(int column) const override {
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
    const int n = sqlite3_column_bytes(stmt_, column);
    return p == nullptr ? std::vector<std::uint8_t>() : std::vector<std::uint8_t>(p, p + n);
  }
  std::int64_t ChangedRows() const override { return changed_; }

  // Runs a statement that returns no rows and whose failure the caller ignores (ROLLBACK
  // when there may be no transaction left): no log line.
  void RunQuietly() {
    sqlite3_step(stmt_);
    sqlite3_reset(stmt_);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool started_ = false;
  bool done_ = false;
  std::int64_t changed_ = 0;
};

// One sqlite3 handle with its statement cache. Used by one transaction at a time.
class Connection {
 public:
  explicit Connection(sqlite3* db) : db_(db) {}
  ~Connection() {
    cache_.clear();  // finalize statements before closing
    sqlite3_close_v2(db_);
  }
  sqlite3* db() const { return db_; }

  Result<SqliteStatement*> Prepare(std::string_view sql) {
    auto it = cache_.find(sql);  // no std::string built per look-up
    if (it == cache_.end()) {
      sqlite3_stmt* stmt = nullptr;
      const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                        SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) return ErrorStatus(db_, rc, sql);
      it = cache_.emplace(std::string(sql), std::make_unique<SqliteStatement>(db_, stmt)).first;
    }
    it->second->Reset();
    return it->second.get();
  }

  Status Exec(std::string_view sql) {
    const std::string text(sql);
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
    sqlite3_free(error);
    if (rc != SQLITE_OK) return ErrorStatus(db_, rc, sql.substr(0, 60));
    return Status::Ok();
  }

  // Transaction control (BEGIN, COMMIT, ROLLBACK) through the statement cache: sqlite3_exec
  // would compile the text again on every transaction, a measurable share of a point read.
  Status ExecCached(std::string_view sql) {
    TB_ASSIGN_OR_RETURN(SqliteStatement * stmt, Prepare(sql));
    return stmt->Run();
  }
  void ExecCachedQuietly(std::string_view sql) {
    Result<SqliteStatement*> stmt = Prepare(sql);
    if (stmt.ok()) (*stmt)->RunQuietly();
  }

  void ResetAll() {
    for (auto& [sql, stmt] : cache_) stmt->Reset();
  }

  // Called between transactions (no statement is in use then): queries built from filters
  // differ in text, so the cache is bounded by starting over when it grows too large.
  void TrimCache() {
    if (cache_.size() > kMaxCachedStatements) cache_.clear();
  }

 private:
  sqlite3* db_;
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>, SqlHash, std::equal_to<>>
      cache_;
};

class SqliteDatabase;

class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(SqliteDatabase& owner, Connection* conn, bool writer)
      : owner_(owner), conn_(conn), writer_(writer) {}
  ~SqliteTransaction() override;

  Engine engine() const override { return Engine::kSqlite; }
  Result<Statement*> Prepare(std::string_view sql) override {
    TB_ASSIGN_OR_RETURN(SqliteStatement * stmt, conn_->Prepare(sql));
    return static_cast<Statement*>(stmt);
  }
  Status Execute(std::string_view sql) override { return conn_->Exec(sql); }
  Status LockUntilCommit(std::int64_t) override { return Status::Ok(); }
  Status Commit() override {
    if (committed_) return Status::FailedPrecondition("transaction already committed");
    conn_->ResetAll();
    TB_RETURN_IF_ERROR(conn_->ExecCached("COMMIT"));
    committed_ = true;
    return Status::Ok();
  }

 private:
  SqliteDatabase& owner_;
  Connection* conn_;
  bool writer_;
  bool committed_ = false;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, SqliteOptions options, std::unique_ptr<Connection> writer)
      : path_(std::move(path)), options_(options), writer_(std::move(writer)) {}

  Engine engine() const override { return Engine::kSqlite; }

  Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override {
    const bool shared_writer = path_ == ":memory:" || options_.max_readers <= 0;
    if (mode == TxMode::kWrite || shared_writer) {
      writer_mutex_.lock();
      writer_->TrimCache();
      // BEGIN IMMEDIATE takes the write lock now, so a busy database fails here (after
      // busy_timeout) rather than half-way through the transaction.
      Status status = writer_->ExecCached(mode == TxMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
      if (!status.ok()) {
        writer_mutex_.unlock();
        return status;
      }
      return std::unique_ptr<Transaction>(
          std::make_unique<SqliteTransaction>(*this, writer_.get(), true));
    }
    TB_ASSIGN_OR_RETURN(Connection * reader, AcquireReader());
    reader->TrimCache();
    Status status = reader->ExecCached("BEGIN");
    if (!status.ok()) {
      Release(reader, false);
      return status;
    }
    return std::unique_ptr<Transaction>(std::make_unique<SqliteTransaction>(*this, reader, false));
  }

  void Release(Connection* conn, bool writer) {
    if (writer) {
      writer_mutex_.unlock();
      return;
    }
    {
      std::lock_guard lock(readers_mutex_);
      free_readers_.push_back(conn);
    }
    readers_cv_.notify_one();
  }

  static Result<std::unique_ptr<Connection>> Connect(const std::string& path,
                                                      const SqliteOptions& options) {
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(
        path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
        nullptr);
    if (rc != SQLITE_OK) {
      (void)ErrorStatus(db, rc, "open " + path);  // logs the reason
      sqlite3_close_v2(db);
      return Status::Unavailable("cannot open the SQLite database " + path);
    }
    auto conn = std::make_unique<Connection>(db);
    sqlite3_busy_timeout(db, options.busy_timeout_ms);
    TB_RETURN_IF_ERROR(conn->Exec(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
        "PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456; PRAGMA temp_store=MEMORY; "
        "PRAGMA wal_autocheckpoint=8192;"));
    return conn;
  }

 private:
  Result<Connection*> AcquireReader() {
    std::unique_lock lock(readers_mutex_);
    for (;;) {
      if (!free_readers_.empty()) {
        Connection* conn = free_readers_.back();
        free_readers_.pop_back();
        return conn;
      }
      if (static_cast<int>(readers_.size()) < options_.max_readers) {
        TB_ASSIGN_OR_RETURN(std::unique_ptr<Connection> conn, Connect(path_, options_));
        readers_.push_back(std::move(conn));
        return readers_.back().get();
      }
      readers_cv_.wait(lock);
    }
  }

  const std::string path_;
  const SqliteOptions options_;
  std::mutex writer_mutex_;
  std::unique_ptr<Connection> writer_;
  std::mutex readers_mutex_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<Connection>> readers_;
  std::vector<Connection*> free_readers_;
};

SqliteTransaction::~SqliteTransaction() {
  conn_->ResetAll();
  if (!committed_) conn_->ExecCachedQuietly("ROLLBACK");
  owner_.Release(conn_, writer_);
}

}  // namespace

Result<std::unique_ptr<Database>> Open(std::string_view path, const SqliteOptions& options) {
  const std::string file(path);
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Connection> writer, SqliteDatabase::Connect(file, options));
  return std::unique_ptr<Database>(
      std::make_unique<SqliteDatabase>(file, options, std::move(writer)));
}

}  // namespace tb::storage::sqlite
