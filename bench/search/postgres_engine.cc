// Engine (c): PostgreSQL 15 full-text search. A notices table with a stored generated
// tsvector (title A, English code titles B, agency C, description D, each with the text
// search configuration of the notice's language), a GIN index built after a COPY load,
// plainto_tsquery in the query's language (AND of words), ts_rank with the default weights
// {D 0.1, C 0.2, B 0.4, A 1.0}, and one prepared statement per connection (one connection
// per thread). Filters are WHERE clauses on plain columns.
#include <libpq-fe.h>

#include <chrono>

#include "engines.h"
#include "notice_corpus.h"

namespace tb::bench::search {
namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string Config(const std::string& language) {
  if (language == "en") return "english";
  if (language == "es") return "spanish";
  if (language == "fr") return "french";
  if (language == "pt") return "portuguese";
  if (language == "ru") return "russian";
  return "simple";
}

Status Exec(PGconn* conn, const std::string& sql) {
  PGresult* r = PQexec(conn, sql.c_str());
  const ExecStatusType st = PQresultStatus(r);
  Status s = (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
                 ? Status::Ok()
                 : Status::Internal("postgres: " + std::string(PQerrorMessage(conn)) + " in " + sql.substr(0, 80));
  PQclear(r);
  return s;
}

Result<PGconn*> Open(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    return Status::Unavailable("postgres: " + message);
  }
  return conn;
}

// COPY text format escaping.
void AppendCopy(std::string& out, std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
}

constexpr const char* kQuerySql =
    "SELECT id FROM notices, plainto_tsquery($1::regconfig, $2) q WHERE tsv @@ q"
    " AND ($3::text IS NULL OR agency = $3) AND ($4::text IS NULL OR position($4 in countries) > 0)"
    " AND ($5::text IS NULL OR position($5 in codes_list) > 0) AND ($6::text IS NULL OR lang = $6)"
    " AND ($7::bigint IS NULL OR deadline >= $7) ORDER BY ts_rank(tsv, q) DESC, id LIMIT 10";

class PostgresSession final : public EngineSession {
 public:
  explicit PostgresSession(PGconn* conn) : conn_(conn) {}
  ~PostgresSession() override { PQfinish(conn_); }

  Result<std::vector<std::int64_t>> Top10(const BenchQuery& q) override {
    const std::string cfg = Config(q.language), country = " " + q.country + " ", code = " " + q.code_prefix;
    const std::string deadline = std::to_string(NoticeCorpus::Now().micros() / 1'000'000);
    const char* values[7] = {cfg.c_str(), q.text.c_str(), q.agency.empty() ? nullptr : q.agency.c_str(),
                             q.country.empty() ? nullptr : country.c_str(),
                             q.code_prefix.empty() ? nullptr : code.c_str(),
                             q.doc_language.empty() ? nullptr : q.doc_language.c_str(),
                             q.open ? deadline.c_str() : nullptr};
    PGresult* r = PQexecPrepared(conn_, "search", 7, values, nullptr, nullptr, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
      Status s = Status::Internal("postgres: " + std::string(PQerrorMessage(conn_)));
      PQclear(r);
      return s;
    }
    std::vector<std::int64_t> ids;
    for (int i = 0; i < PQntuples(r); ++i) ids.push_back(std::atoll(PQgetvalue(r, i, 0)));
    PQclear(r);
    return ids;
  }

 private:
  PGconn* conn_;
};

class PostgresEngine final : public Engine {
 public:
  explicit PostgresEngine(std::string url) : url_(std::move(url)) {}
  std::string name() const override { return "postgresql-fts"; }

  Result<BuildStats> Build(const NoticeCorpus& corpus, std::int64_t size) override {
    BuildStats stats;
    TB_ASSIGN_OR_RETURN(PGconn * conn, Open(url_));
    struct Closer {
      PGconn* c;
      ~Closer() { PQfinish(c); }
    } closer{conn};
    auto started = Clock::now();
    TB_RETURN_IF_ERROR(Exec(conn,
                            "SET client_min_messages = warning; SET maintenance_work_mem = '512MB'; DROP TABLE IF EXISTS notices;"
                            "CREATE TABLE notices(id bigint PRIMARY KEY, cfg regconfig NOT NULL, title text,"
                            " codes text, agency text, description text, countries text, codes_list text,"
                            " lang text, deadline bigint,"
                            " tsv tsvector GENERATED ALWAYS AS ("
                            "  setweight(to_tsvector(cfg, coalesce(title, '')), 'A') ||"
                            "  setweight(to_tsvector('english'::regconfig, coalesce(codes, '')), 'B') ||"
                            "  setweight(to_tsvector(cfg, coalesce(agency, '')), 'C') ||"
                            "  setweight(to_tsvector(cfg, coalesce(description, '')), 'D')) STORED)"));
    PGresult* copy = PQexec(conn,
                            "COPY notices(id, cfg, title, codes, agency, description, countries, codes_list,"
                            " lang, deadline) FROM STDIN");
    const bool copy_started = PQresultStatus(copy) == PGRES_COPY_IN;
    PQclear(copy);
    if (!copy_started) return Status::Internal("postgres: COPY did not start: " + std::string(PQerrorMessage(conn)));
    stats.seconds += Since(started);
    constexpr std::int64_t kBatch = 10'000;
    std::string buffer;
    for (std::int64_t from = 0; from < size; from += kBatch) {
      auto generating = Clock::now();
      buffer.clear();
      for (std::int64_t i = from; i < std::min(size, from + kBatch); ++i) {
        const notices::Notice n = corpus.Generate(i);
        const NoticeText t = TextOf(n, corpus);
        buffer += std::to_string(n.id.value);
        buffer += '\t';
        buffer += Config(n.title.language.code());
        for (const std::string* field : {&t.title, &t.codes, &t.agency, &t.description}) {
          buffer += '\t';
          AppendCopy(buffer, *field);
        }
        buffer += "\t ";
        for (const auto& c : n.countries) buffer += c + " ";
        buffer += "\t ";
        for (const auto& c : n.unspsc) buffer += c.ToString() + " ";
        buffer += '\t';
        buffer += n.title.language.code();
        buffer += '\t';
        buffer += std::to_string(n.deadline ? n.deadline->micros() / 1'000'000 : 0);
        buffer += '\n';
      }
      stats.generate_seconds += Since(generating);
      auto copying = Clock::now();
      if (PQputCopyData(conn, buffer.data(), static_cast<int>(buffer.size())) != 1) {
        return Status::Internal("postgres copy: " + std::string(PQerrorMessage(conn)));
      }
      stats.seconds += Since(copying);
    }
    started = Clock::now();
    if (PQputCopyEnd(conn, nullptr) != 1) return Status::Internal("postgres copy end failed");
    PGresult* r = PQgetResult(conn);
    const bool copied = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    while ((r = PQgetResult(conn)) != nullptr) PQclear(r);
    if (!copied) return Status::Internal("postgres copy: " + std::string(PQerrorMessage(conn)));
    TB_RETURN_IF_ERROR(Exec(conn, "CREATE INDEX notices_tsv ON notices USING gin(tsv)"));
    TB_RETURN_IF_ERROR(Exec(conn, "VACUUM ANALYZE notices"));
    stats.seconds += Since(started);
    PGresult* sizes = PQexec(conn,
                             "SELECT pg_relation_size('notices_tsv'), pg_total_relation_size('notices'),"
                             " current_setting('server_version')");
    if (PQresultStatus(sizes) == PGRES_TUPLES_OK) {
      stats.index_bytes = std::atoll(PQgetvalue(sizes, 0, 0));
      stats.notes = "GIN index only (table with text, tsvector and primary key: " +
                    std::to_string(std::atoll(PQgetvalue(sizes, 0, 1)) / (1 << 20)) + " MiB); PostgreSQL " +
                    PQgetvalue(sizes, 0, 2) + "; COPY load, GIN built after the load";
    }
    PQclear(sizes);
    return stats;
  }

  Result<std::unique_ptr<EngineSession>> Connect() override {
    TB_ASSIGN_OR_RETURN(PGconn * conn, Open(url_));
    auto session = std::make_unique<PostgresSession>(conn);
    TB_RETURN_IF_ERROR(Exec(conn, "SET client_min_messages = warning"));
    PGresult* r = PQprepare(conn, "search", kQuerySql, 0, nullptr);
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok) return Status::Internal("postgres prepare: " + std::string(PQerrorMessage(conn)));
    return std::unique_ptr<EngineSession>(std::move(session));
  }

 private:
  std::string url_;
};

}  // namespace

std::unique_ptr<Engine> MakePostgresEngine(std::string url) {
  return std::make_unique<PostgresEngine>(std::move(url));
}

}  // namespace tb::bench::search
