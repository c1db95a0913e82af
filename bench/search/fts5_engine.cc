// Engine (b): SQLite FTS5 with bm25(). A contentless FTS5 table (the text lives elsewhere in
// a real application; the index is what is measured) over the same four fields Xapian
// indexes, weighted title 5 > codes 3 > agency 2 > description 1 like Xapian's wdf, Porter
// stemming over unicode61 without diacritics, merged into one segment ('optimize') after
// the load. Filters join a rowid table; each thread has its own read-only connection with
// prepared statements and memory-mapped I/O.
#include <sqlite3.h>

#include <chrono>
#include <filesystem>

#include "engines.h"
#include "notice_corpus.h"

namespace tb::bench::search {
namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

Status Exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    Status s = Status::Internal(std::string("sqlite: ") + (error ? error : "?") + " in " + sql);
    sqlite3_free(error);
    return s;
  }
  return Status::Ok();
}

Result<sqlite3_stmt*> Prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
    return Status::Internal(std::string("sqlite prepare: ") + sqlite3_errmsg(db));
  }
  return stmt;
}

// Each word quoted, so FTS5 reads the text as an AND of plain terms (never as syntax).
std::string MatchExpression(const std::string& text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = text.find(' ', i);
    if (j == std::string::npos) j = text.size();
    if (j > i) {
      if (!out.empty()) out += ' ';
      out += '"' + text.substr(i, j - i) + '"';
    }
    i = j + 1;
  }
  return out;
}

constexpr const char* kPlainSql = "SELECT rowid FROM fts WHERE fts MATCH ?1 ORDER BY rank LIMIT 10";
constexpr const char* kFilteredSql =
    "SELECT fts.rowid FROM fts JOIN meta m ON m.id = fts.rowid WHERE fts MATCH ?1"
    " AND (?2 IS NULL OR m.agency = ?2) AND (?3 IS NULL OR instr(m.countries, ?3) > 0)"
    " AND (?4 IS NULL OR instr(m.codes, ?4) > 0) AND (?5 IS NULL OR m.lang = ?5)"
    " AND (?6 IS NULL OR m.deadline >= ?6) ORDER BY fts.rank LIMIT 10";

class Fts5Session final : public EngineSession {
 public:
  ~Fts5Session() override {
    sqlite3_finalize(plain_);
    sqlite3_finalize(filtered_);
    sqlite3_close(db_);
  }
  static Result<std::unique_ptr<EngineSession>> Open(const std::string& path) {
    auto s = std::make_unique<Fts5Session>();
    if (sqlite3_open_v2(path.c_str(), &s->db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
      return Status::Unavailable("sqlite: cannot open " + path);
    }
    TB_RETURN_IF_ERROR(Exec(s->db_, "PRAGMA mmap_size=4294967296; PRAGMA cache_size=-131072;"));
    TB_ASSIGN_OR_RETURN(s->plain_, Prepare(s->db_, kPlainSql));
    TB_ASSIGN_OR_RETURN(s->filtered_, Prepare(s->db_, kFilteredSql));
    return std::unique_ptr<EngineSession>(std::move(s));
  }

  Result<std::vector<std::int64_t>> Top10(const BenchQuery& q) override {
    sqlite3_stmt* stmt = q.has_filter() ? filtered_ : plain_;
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    const std::string match = MatchExpression(q.text);
    sqlite3_bind_text(stmt, 1, match.c_str(), static_cast<int>(match.size()), SQLITE_TRANSIENT);
    std::string country = " " + q.country + " ", code = " " + q.code_prefix;
    if (q.has_filter()) {
      if (!q.agency.empty()) sqlite3_bind_text(stmt, 2, q.agency.c_str(), -1, SQLITE_TRANSIENT);
      if (!q.country.empty()) sqlite3_bind_text(stmt, 3, country.c_str(), -1, SQLITE_TRANSIENT);
      if (!q.code_prefix.empty()) sqlite3_bind_text(stmt, 4, code.c_str(), -1, SQLITE_TRANSIENT);
      if (!q.doc_language.empty()) sqlite3_bind_text(stmt, 5, q.doc_language.c_str(), -1, SQLITE_TRANSIENT);
      if (q.open) sqlite3_bind_int64(stmt, 6, NoticeCorpus::Now().micros() / 1'000'000);
    }
    std::vector<std::int64_t> ids;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) ids.push_back(sqlite3_column_int64(stmt, 0));
    if (rc != SQLITE_DONE) return Status::Internal(std::string("sqlite step: ") + sqlite3_errmsg(db_));
    return ids;
  }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* plain_ = nullptr;
  sqlite3_stmt* filtered_ = nullptr;
};

class Fts5Engine final : public Engine {
 public:
  explicit Fts5Engine(std::string dir) : path_(std::move(dir) + "/fts5.db") {}
  std::string name() const override { return "sqlite-fts5"; }

  Result<BuildStats> Build(const NoticeCorpus& corpus, std::int64_t size) override {
    BuildStats stats;
    std::filesystem::create_directories(std::filesystem::path(path_).parent_path());
    std::filesystem::remove(path_);
    sqlite3* db = nullptr;
    if (sqlite3_open(path_.c_str(), &db) != SQLITE_OK) return Status::Unavailable("sqlite: cannot create " + path_);
    auto close = [&] { sqlite3_close(db); };
    auto started = Clock::now();
    Status s = Exec(db,
                    "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;"
                    "CREATE TABLE meta(id INTEGER PRIMARY KEY, agency TEXT, countries TEXT, codes TEXT,"
                    " lang TEXT, deadline INTEGER);"
                    "CREATE VIRTUAL TABLE fts USING fts5(title, codes, agency, description, content='',"
                    " tokenize='porter unicode61 remove_diacritics 2');"
                    "INSERT INTO fts(fts, rank) VALUES('rank', 'bm25(5.0, 3.0, 2.0, 1.0)');");
    if (!s.ok()) return close(), s;
    auto meta = Prepare(db, "INSERT INTO meta VALUES(?,?,?,?,?,?)");
    auto text = Prepare(db, "INSERT INTO fts(rowid, title, codes, agency, description) VALUES(?,?,?,?,?)");
    if (!meta.ok() || !text.ok()) return close(), Status::Internal("sqlite: prepare failed");
    stats.seconds += Since(started);
    constexpr std::int64_t kBatch = 10'000;
    std::vector<std::pair<notices::Notice, NoticeText>> batch;
    for (std::int64_t from = 0; from < size && s.ok(); from += kBatch) {
      auto generating = Clock::now();
      batch.clear();
      for (std::int64_t i = from; i < std::min(size, from + kBatch); ++i) {
        notices::Notice n = corpus.Generate(i);
        NoticeText t = TextOf(n, corpus);
        batch.emplace_back(std::move(n), std::move(t));
      }
      stats.generate_seconds += Since(generating);
      auto inserting = Clock::now();
      s = Exec(db, "BEGIN");
      for (const auto& [n, t] : batch) {
        if (!s.ok()) break;
        std::string countries = " ", codes = " ";
        for (const auto& c : n.countries) countries += c + " ";
        for (const auto& c : n.unspsc) codes += c.ToString() + " ";
        sqlite3_stmt* m = *meta;
        sqlite3_reset(m);
        sqlite3_bind_int64(m, 1, n.id.value);
        sqlite3_bind_text(m, 2, n.buyer.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_text(m, 3, countries.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_text(m, 4, codes.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_text(m, 5, n.title.language.code().c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_int64(m, 6, n.deadline ? n.deadline->micros() / 1'000'000 : 0);
        sqlite3_stmt* f = *text;
        sqlite3_reset(f);
        sqlite3_bind_int64(f, 1, n.id.value);
        sqlite3_bind_text(f, 2, t.title.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_text(f, 3, t.codes.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_text(f, 4, t.agency.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_text(f, 5, t.description.c_str(), -1, SQLITE_STATIC);
        if (sqlite3_step(m) != SQLITE_DONE || sqlite3_step(f) != SQLITE_DONE) {
          s = Status::Internal(std::string("sqlite insert: ") + sqlite3_errmsg(db));
        }
      }
      if (s.ok()) s = Exec(db, "COMMIT");
      stats.seconds += Since(inserting);
    }
    sqlite3_finalize(*meta);
    sqlite3_finalize(*text);
    started = Clock::now();
    if (s.ok()) s = Exec(db, "INSERT INTO fts(fts) VALUES('optimize'); ANALYZE;");
    stats.seconds += Since(started);
    close();
    TB_RETURN_IF_ERROR(s);
    stats.index_bytes = DiskBytes(path_);
    stats.notes = "contentless FTS5 + rowid filter table, 10k rows per transaction, 'optimize' after load";
    return stats;
  }

  Result<std::unique_ptr<EngineSession>> Connect() override { return Fts5Session::Open(path_); }

 private:
  std::string path_;
};

}  // namespace

std::unique_ptr<Engine> MakeFts5Engine(std::string dir) { return std::make_unique<Fts5Engine>(std::move(dir)); }

}  // namespace tb::bench::search
