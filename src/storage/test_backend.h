#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "notices/notice.h"
#include "storage/database.h"

namespace tb::storage::testing {

// Base of the store suites, parametrised by engine name ("sqlite" or "postgres") as
// STYLE.md §8 shows. Each test gets a database of its own: a new SQLite file in a temporary
// directory, or a new PostgreSQL schema (search_path) in TB_TEST_POSTGRES_URL's database,
// dropped afterwards. Migrations are applied. Without TB_TEST_POSTGRES_URL the postgres leg
// is skipped, or fails when CI or TB_REQUIRE_POSTGRES is set.
class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;

  Database& db() { return *db_; }
  // A URL that OpenDatabase accepts for this test's database (to open it a second time).
  const std::string& url() const { return url_; }
  bool is_postgres() const { return GetParam() == "postgres"; }

  std::unique_ptr<Database> db_;

 private:
  std::string url_;
  std::string temp_dir_;
  std::string schema_;
  std::string admin_url_;
};

// A small valid notice: UNDP RFQ, published 2024-03-01, no deadline, country KE.
notices::Notice SimpleNotice(const std::string& public_id);

// The merge the importers use: notices::Merge, or the incoming record for a new notice.
notices::Notice MergeLikeImporter(const notices::Notice* current, const notices::Notice& incoming);

// "sqlite" / "postgres" as the test name suffix.
std::string EngineName(const ::testing::TestParamInfo<std::string>& info);

}  // namespace tb::storage::testing

#define TB_INSTANTIATE_BACKENDS(suite)                                                     \
  INSTANTIATE_TEST_SUITE_P(Backends, suite, ::testing::Values("sqlite", "postgres"), \
                           ::tb::storage::testing::EngineName)
