#include "storage/test_backend.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "storage/storage.h"

namespace tb::storage::testing {
namespace {

bool PgExec(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  bool ok = PQstatus(conn) == CONNECTION_OK;
  if (ok) {
    PGresult* res = PQexec(conn, sql.c_str());
    ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok) ADD_FAILURE() << sql << ": " << PQresultErrorMessage(res);
    PQclear(res);
  } else {
    ADD_FAILURE() << "cannot connect to " << url << ": " << PQerrorMessage(conn);
  }
  PQfinish(conn);
  return ok;
}

}  // namespace

notices::Notice SimpleNotice(const std::string& public_id) {
  notices::Notice n;
  n.public_id = public_id;
  n.title = {"Supply of laptops " + public_id, Language::English()};
  n.buyer = "UNDP";
  n.type = notices::NoticeType::kRequestForQuotation;
  n.published = *Timestamp::FromRfc3339("2024-03-01T00:00:00Z");
  n.countries = {"KE"};
  n.source = "ungm";
  return n;
}

notices::Notice MergeLikeImporter(const notices::Notice* current,
                                  const notices::Notice& incoming) {
  return current != nullptr ? notices::Merge(*current, incoming) : incoming;
}

std::string EngineName(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

void BackendTest::SetUp() {
  static std::atomic<int> counter{0};
  const int n = ++counter;
  if (GetParam() == "postgres") {
    const char* base = std::getenv("TB_TEST_POSTGRES_URL");
    if (base == nullptr || *base == '\0') {
      if (std::getenv("CI") != nullptr || std::getenv("TB_REQUIRE_POSTGRES") != nullptr) {
        FAIL() << "TB_TEST_POSTGRES_URL is not set but CI/TB_REQUIRE_POSTGRES requires "
                  "PostgreSQL; run under scripts/with-postgres";
      }
      GTEST_SKIP() << "TB_TEST_POSTGRES_URL not set (run under scripts/with-postgres)";
    }
    admin_url_ = base;
    schema_ = "tb_test_" + std::to_string(getpid()) + "_" + std::to_string(n);
    ASSERT_TRUE(PgExec(admin_url_, "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " +
                                       schema_));
    url_ = admin_url_ + (admin_url_.find('?') == std::string::npos ? "?" : "&") +
           "options=-csearch_path%3D" + schema_;
  } else {
    std::string pattern = (std::filesystem::temp_directory_path() / "tb-storage-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    temp_dir_ = pattern;
    url_ = "sqlite:" + temp_dir_ + "/test.db";
  }
  Result<std::unique_ptr<Database>> db = OpenDatabase(url_);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  db_ = std::move(db).value();
}

void BackendTest::TearDown() {
  db_.reset();
  if (!schema_.empty()) PgExec(admin_url_, "DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  if (!temp_dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(temp_dir_, ignored);
  }
}

}  // namespace tb::storage::testing
