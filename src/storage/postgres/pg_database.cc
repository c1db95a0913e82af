#include "storage/postgres/pg_database.h"

#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace tb::storage::postgres {
namespace {

constexpr unsigned kByteaOid = 17;
constexpr std::size_t kMaxCachedStatements = 256;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

// Maps a failed result (or a broken connection) to a Status; the server's message is logged.
Status ErrorStatus(PGconn* conn, const PGresult* res, std::string_view what) {
  const char* state = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state != nullptr ? state : "";
  spdlog::warn("postgres: {} failed: {} [{}]", what,
               res != nullptr ? PQresultErrorMessage(res) : PQerrorMessage(conn), sqlstate);
  if (PQstatus(conn) != CONNECTION_OK || sqlstate.starts_with("08") ||
      sqlstate.starts_with("57P")) {
    return Status::Unavailable("the database server cannot be reached");
  }
  if (sqlstate == "23505") return Status::AlreadyExists("a record with the same key already exists");
  if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03" ||
      sqlstate == "53300") {
    return Status::Unavailable("the database is busy, try again");
  }
  return Status::Internal("database error");
}

class PgStatement final : public Statement {
 public:
  PgStatement(PGconn* conn, std::string name) : conn_(conn), name_(std::move(name)) {}

  void Reset() {
    values_.clear();
    formats_.clear();
    result_.reset();
    row_ = -1;
  }

  Statement& BindInt64(int index, std::int64_t value) override {
    return Set(index, std::to_string(value), 0);
  }
  Statement& BindDouble(int index, double value) override {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    return Set(index, std::string(buf, end), 0);
  }
  Statement& BindText(int index, std::string_view value) override {
    return Set(index, std::string(value), 0);
  }
  Statement& BindBlob(int index, std::span<const std::uint8_t> value) override {
    return Set(index, std::string(value.begin(), value.end()), 1);
  }
  Statement& BindNull(int index) override {
    Grow(index);
    values_[index - 1].reset();
    return *this;
  }

  Result<bool> Step() override {
    if (!result_) {
      std::vector<const char*> values(values_.size());
      std::vector<int> lengths(values_.size());
      for (std::size_t i = 0; i < values_.size(); ++i) {
        values[i] = values_[i] ? values_[i]->data() : nullptr;
        lengths[i] = values_[i] ? static_cast<int>(values_[i]->size()) : 0;
      }
      result_.reset(PQexecPrepared(conn_, name_.c_str(), static_cast<int>(values.size()),
                                   values.data(), lengths.data(), formats_.data(), 0));
      const ExecStatusType st = result_ ? PQresultStatus(result_.get()) : PGRES_FATAL_ERROR;
      if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
        Status status = ErrorStatus(conn_, result_.get(), "statement " + name_);
        result_.reset();
        return status;
      }
      row_ = -1;
    }
    ++row_;
    return row_ < PQntuples(result_.get());
  }

  bool IsNull(int column) const override { return PQgetisnull(result_.get(), row_, column) != 0; }
  std::int64_t Int64(int column) const override {
    return std::strtoll(PQgetvalue(result_.get(), row_, column), nullptr, 10);
  }
  double Double(int column) const override {
    return std::strtod(PQgetvalue(result_.get(), row_, column), nullptr);
  }
  std::string Text(int column) const override {
    return std::string(PQgetvalue(result_.get(), row_, column),
                       static_cast<std::size_t>(PQgetlength(result_.get(), row_, column)));
  }
  std::vector<std::uint8_t> Blob(int column) const override {
    const char* text = PQgetvalue(result_.get(), row_, column);
    if (PQftype(result_.get(), column) != kByteaOid) {
      return std::vector<std::uint8_t>(text, text + PQgetlength(result_.get(), row_, column));
    }
    std::size_t n = 0;
    unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &n);
    std::vector<std::uint8_t> out(raw, raw + n);
    PQfreemem(raw);
    return out;
  }
  std::int64_t ChangedRows() const override {
    if (!result_) return 0;
    return std::strtoll(PQcmdTuples(result_.get()), nullptr, 10);
  }

 private:
  void Grow(int index) {
    if (static_cast<int>(values_.size()) < index) {
      values_.resize(index);
      formats_.resize(index, 0);
    }
  }
  Statement& Set(int index, std::string value, int format) {
    Grow(index);
    values_[index - 1] = std::move(value);
    formats_[index - 1] = format;
    return *this;
  }

  PGconn* conn_;
  const std::string name_;
  std::vector<std::optional<std::string>> values_;
  std::vector<int> formats_;
  ResultPtr result_;
  int row_ = -1;
};

void IgnoreNotice(void*, const char*) {}

class Connection {
 public:
  explicit Connection(PGconn* conn) : conn_(conn) {}
  ~Connection() {
    cache_.clear();
    PQfinish(conn_);
  }
  PGconn* conn() const { return conn_; }
  bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

  Result<PgStatement*> Prepare(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it == cache_.end()) {
      std::string name = "tb_s" + std::to_string(++prepared_count_);
      const std::string text = ToDollarPlaceholders(sql);
      ResultPtr res(PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr));
      if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
        return ErrorStatus(conn_, res.get(), "prepare " + std::string(sql.substr(0, 80)));
      }
      it = cache_.emplace(std::string(sql), std::make_unique<PgStatement>(conn_, name)).first;
    }
    it->second->Reset();
    return it->second.get();
  }

  Status Exec(std::string_view sql, std::string_view expect_tag = "") {
    const std::string text(sql);
    ResultPtr res(PQexec(conn_, text.c_str()));
    const ExecStatusType st = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      return ErrorStatus(conn_, res.get(), sql.substr(0, 80));
    }
    if (!expect_tag.empty() && std::string_view(PQcmdStatus(res.get())) != expect_tag) {
      // COMMIT of a transaction that failed earlier answers ROLLBACK.
      return Status::Internal("the transaction was rolled back by the database");
    }
    return Status::Ok();
  }

  // Called between transactions (no statement is in use then): queries built from filters
  // differ in text, so the cache is bounded by starting over when it grows too large.
  void TrimCache() {
    if (cache_.size() <= kMaxCachedStatements) return;
    cache_.clear();
    ResultPtr res(PQexec(conn_, "DEALLOCATE ALL"));
  }

  void ReleaseResults() {
    for (auto& [sql, stmt] : cache_) stmt->Reset();
  }

 private:
  PGconn* conn_;
  std::unordered_map<std::string, std::unique_ptr<PgStatement>> cache_;
  std::uint64_t prepared_count_ = 0;
};

class PgDatabase;

class PgTransaction final : public Transaction {
 public:
  PgTransaction(PgDatabase& owner, std::unique_ptr<Connection> conn)
      : owner_(owner), conn_(std::move(conn)) {}
  ~PgTransaction() override;

  Engine engine() const override { return Engine::kPostgres; }
  Result<Statement*> Prepare(std::string_view sql) override {
    TB_ASSIGN_OR_RETURN(PgStatement * stmt, conn_->Prepare(sql));
    return static_cast<Statement*>(stmt);
  }
  Status Execute(std::string_view sql) override { return conn_->Exec(sql); }
  Status LockUntilCommit(std::int64_t key) override {
    return conn_->Exec("SELECT pg_advisory_xact_lock(" + std::to_string(key) + ")");
  }
  Status Commit() override {
    if (committed_) return Status::FailedPrecondition("transaction already committed");
    conn_->ReleaseResults();
    TB_RETURN_IF_ERROR(conn_->Exec("COMMIT", "COMMIT"));
    committed_ = true;
    return Status::Ok();
  }

 private:
  PgDatabase& owner_;
  std::unique_ptr<Connection> conn_;
  bool committed_ = false;
};

class PgDatabase final : public Database {
 public:
  PgDatabase(std::string url, PgOptions options) : url_(std::move(url)), options_(options) {}

  Engine engine() const override { return Engine::kPostgres; }

  Result<std::unique_ptr<Transaction>> Begin(TxMode mode) override {
    TB_ASSIGN_OR_RETURN(std::unique_ptr<Connection> conn, Acquire());
    conn->TrimCache();
    Status status = conn->Exec(mode == TxMode::kWrite ? "BEGIN" : "BEGIN READ ONLY");
    if (!status.ok()) {
      Release(std::move(conn));
      return status;
    }
    return std::unique_ptr<Transaction>(std::make_unique<PgTransaction>(*this, std::move(conn)));
  }

  Result<std::unique_ptr<Connection>> Connect() {
    PGconn* raw = PQconnectdb(url_.c_str());
    auto conn = std::make_unique<Connection>(raw);
    if (raw == nullptr || PQstatus(raw) != CONNECTION_OK) {
      spdlog::warn("postgres: connect failed: {}", raw != nullptr ? PQerrorMessage(raw) : "");
      return Status::Unavailable("the PostgreSQL server cannot be reached");
    }
    PQsetNoticeProcessor(raw, IgnoreNotice, nullptr);
    TB_RETURN_IF_ERROR(conn->Exec("SET client_min_messages = warning; SET TIME ZONE 'UTC'"));
    return conn;
  }

  void Release(std::unique_ptr<Connection> conn) {
    {
      std::lock_guard lock(mutex_);
      if (conn->healthy()) {
        free_.push_back(std::move(conn));
      } else {
        --open_;  // dropped; a new one is opened on demand
      }
    }
    cv_.notify_one();
  }

 private:
  Result<std::unique_ptr<Connection>> Acquire() {
    std::unique_lock lock(mutex_);
    const auto deadline = std::chrono::steady_clock::now() + options_.acquire_timeout;
    for (;;) {
      if (!free_.empty()) {
        std::unique_ptr<Connection> conn = std::move(free_.back());
        free_.pop_back();
        return conn;
      }
      if (open_ < options_.max_connections) {
        ++open_;
        lock.unlock();
        Result<std::unique_ptr<Connection>> conn = Connect();
        if (!conn.ok()) {
          std::lock_guard relock(mutex_);
          --open_;
        }
        return conn;
      }
      if (cv_.wait_until(lock, deadline) == std::cv_status::timeout && free_.empty() &&
          open_ >= options_.max_connections) {
        return Status::Unavailable("all database connections are busy, try again");
      }
    }
  }

  const std::string url_;
  const PgOptions options_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> free_;
  int open_ = 0;
};

PgTransaction::~PgTransaction() {
  conn_->ReleaseResults();
  if (!committed_ && conn_->healthy()) {
    ResultPtr res(PQexec(conn_->conn(), "ROLLBACK"));
  }
  owner_.Release(std::move(conn_));
}

}  // namespace

Result<std::unique_ptr<Database>> Open(std::string_view url, const PgOptions& options) {
  auto db = std::make_unique<PgDatabase>(std::string(url), options);
  // Check now that the server answers, so a wrong URL fails at start-up.
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db->Begin(TxMode::kRead));
  tx.reset();
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace tb::storage::postgres
