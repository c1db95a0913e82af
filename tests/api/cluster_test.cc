// Two `tenderbridge serve` processes on one PostgreSQL (ARCHITECTURE.md §8, issue #3 item 5):
// a notice imported or amended through one node is found through the other's search within
// two seconds, and its old version is no longer found. The two-second bound is the product's
// visibility promise for a second node, so the test waits on it (bounded polling), with no
// sleeps and no other timing assertion.
#include <libpq-fe.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server_process.h"

namespace tb::api_test {
namespace {

constexpr auto kVisibilityBound = std::chrono::seconds(2);

std::string Release(const std::string& date, const std::string& title) {
  nlohmann::json release = {
      {"ocid", "ocds-tbtest-cluster-1"},
      {"id", "ocds-tbtest-cluster-1-" + date},
      {"date", date},
      {"tag", {"tender"}},
      {"initiationType", "tender"},
      {"language", "en"},
      {"buyer", {{"id", "UNICEF"}, {"name", "UNICEF"}}},
      {"tender",
       {{"id", "T1"},
        {"title", title},
        {"description", "Supply and installation for rural clinics in Turkana county."},
        {"status", "active"},
        {"tenderPeriod", {{"endDate", "2027-03-01T12:00:00Z"}}}}},
  };
  nlohmann::json package = {{"uri", "https://example.org/cluster-test"},
                            {"version", "1.1"},
                            {"publishedDate", date},
                            {"publisher", {{"name", "cluster test (fictional)"}}},
                            {"releases", {release}}};
  return package.dump();
}

// Runs `sql` on the database at `url`; empty string on success, the error otherwise.
std::string Exec(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult* result = PQexec(conn, sql.c_str());
    if (PQresultStatus(result) != PGRES_COMMAND_OK) error = PQerrorMessage(conn);
    PQclear(result);
  }
  PQfinish(conn);
  return error;
}

class TwoNodes : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("TB_TEST_POSTGRES_URL");
    if (url == nullptr || *url == '\0') {
      if (std::getenv("CI") != nullptr || std::getenv("TB_REQUIRE_POSTGRES") != nullptr) {
        FAIL() << "TB_TEST_POSTGRES_URL is not set (run under scripts/with-postgres)";
      }
      GTEST_SKIP() << "TB_TEST_POSTGRES_URL is not set";
    }
    // A schema of its own, so the test starts from an empty database.
    schema_ = "cluster_" + RandomToken().substr(0, 12);
    base_url_ = url;
    ASSERT_EQ(Exec(base_url_, "CREATE SCHEMA " + schema_), "");
    const std::string database =
        base_url_ + (base_url_.find('?') == std::string::npos ? "?" : "&") +
        "options=-csearch_path%3D" + schema_;
    token_ = RandomToken();
    for (int i = 0; i < 2; ++i) {
      const std::string node = dir_.path() + "/node" + std::to_string(i);
      nodes_[i] = std::make_unique<ServerProcess>();
      ASSERT_TRUE(nodes_[i]->Start({TB_BIN, "serve", "--database", database, "--index",
                                    node + "-index", "--port", "0", "--port-file",
                                    node + ".port", "--admin-token", token_, "--threads", "2"},
                                   node + ".port", node + ".log", std::chrono::seconds(60)))
          << nodes_[i]->error();
      clients_[i] = std::make_unique<httplib::Client>("127.0.0.1", nodes_[i]->port());
    }
  }

  void TearDown() override {
    for (auto& node : nodes_) {
      if (node) node->Stop();
    }
    if (!schema_.empty()) (void)Exec(base_url_, "DROP SCHEMA " + schema_ + " CASCADE");
  }

  void ImportThroughNodeA(const std::string& body) {
    httplib::Headers headers{{"Authorization", "Bearer " + token_}};
    auto r = clients_[0]->Post("/api/v1/admin/imports/ocds", headers, body, "application/json");
    ASSERT_TRUE(r) << "node A did not answer";
    ASSERT_EQ(r->status, 200) << r->body;
  }

  // Total hits for `q` on node B.
  int SearchOnNodeB(const std::string& q) {
    auto r = clients_[1]->Get(("/api/v1/search/notices?facets=false&q=" + q).c_str());
    if (!r || r->status != 200) return -1;
    return nlohmann::json::parse(r->body).value("total", -1);
  }

  // Polls node B until `done()` or the bound passes; true when done() held in time.
  template <typename Done>
  bool WithinBound(Done done) {
    const auto deadline = std::chrono::steady_clock::now() + kVisibilityBound;
    while (std::chrono::steady_clock::now() < deadline) {
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling interval, not a wait for time
    }
    return done();
  }

  TempDir dir_;
  std::string base_url_, schema_, token_;
  std::unique_ptr<ServerProcess> nodes_[2];
  std::unique_ptr<httplib::Client> clients_[2];
};

TEST_F(TwoNodes, ImportAndAmendmentThroughOneNodeAreSearchableOnTheOther) {
  ASSERT_EQ(SearchOnNodeB("turkana"), 0);

  ImportThroughNodeA(Release("2026-10-01T00:00:00Z", "Solar water pumps for Turkana clinics"));
  EXPECT_TRUE(WithinBound([&] { return SearchOnNodeB("solar+turkana") == 1; }))
      << "node B did not find the new notice within 2 s";

  ImportThroughNodeA(Release("2026-10-05T00:00:00Z", "Wind turbines for Turkana clinics"));
  EXPECT_TRUE(WithinBound([&] {
    return SearchOnNodeB("wind+turbines") == 1 && SearchOnNodeB("solar+pumps") == 0;
  })) << "node B still shows the old version or not the amended one after 2 s";
  EXPECT_EQ(SearchOnNodeB("turkana"), 1) << "the amendment must replace, not add, the notice";
}

}  // namespace
}  // namespace tb::api_test
