#include "app/demo_accounts.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "auth/auth_service.h"
#include "auth/testing/in_memory_auth_store.h"
#include "auth/testing/recording.h"
#include "suppliers/supplier_service.h"
#include "suppliers/testing/fixtures.h"
#include "suppliers/testing/in_memory_supplier_store.h"
#include "suppliers/upload_checks.h"

namespace tb::app {
namespace {

std::string DataDir() {
  const char* root = std::getenv("TB_SOURCE_DIR");
  return std::string(root ? root : ".") + "/data";
}

class DemoAccountsTest : public ::testing::Test {
 protected:
  DemoAccountsTest()
      : clock_(Timestamp::FromRfc3339("2026-11-21T09:00:00Z").value()),
        accounts_(auth_store_, mailer_, log_, clock_),
        detector_(std::move(suppliers::ContentTypeDetector::Open().value())),
        suppliers_(supplier_store_, *detector_, scanner_, clock_, nullptr),
        credentials_(std::filesystem::temp_directory_path() /
                     ("tb-demo-accounts-" + std::to_string(::getpid())) / "demo-accounts.txt") {}

  ~DemoAccountsTest() override { std::filesystem::remove_all(credentials_.parent_path()); }

  FakeClock clock_;
  auth::testing::InMemoryAuthStore auth_store_;
  auth::testing::RecordingMailer mailer_;
  auth::testing::RecordingSecurityLog log_;
  auth::AuthService accounts_;
  suppliers::testing::InMemorySupplierStore supplier_store_;
  std::unique_ptr<suppliers::ContentTypeDetector> detector_;
  suppliers::EicarScanner scanner_;
  suppliers::SupplierService suppliers_;
  std::filesystem::path credentials_;
};

TEST_F(DemoAccountsTest, SeedsAgenciesPeopleAndCompletedCompanyProfiles) {
  Result<DemoAccountsReport> report =
      SeedDemoAccounts(accounts_, auth_store_, suppliers_, DataDir(), credentials_.string());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_FALSE(report->already_seeded);
  EXPECT_EQ(report->suppliers, 12);
  EXPECT_EQ(report->users, 3 + 12);
  EXPECT_EQ(report->organisations, 1 + 49 + 12);

  // Every account in the file logs in with its password (officers and staff then need TOTP).
  std::ifstream in(credentials_);
  std::string line;
  std::set<std::string> passwords;
  int accounts = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream cells(line);
    std::string role, email, password;
    cells >> role >> email >> password;
    ASSERT_FALSE(password.empty()) << line;
    EXPECT_TRUE(passwords.insert(password).second) << "a password was used twice";
    Result<auth::LoginResult> login = accounts_.Login({email, password, ""});
    EXPECT_TRUE(login.ok()) << email << ": " << login.status().ToString();
    ++accounts;
  }
  EXPECT_EQ(accounts, 15);

  // The secrets file is readable by its owner only (AS-39).
  struct stat st {};
  ASSERT_EQ(::stat(credentials_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);

  // A company's profile is filled in: its Basic readiness items are all done.
  const Result<std::optional<auth::OrganisationRecord>> org = auth_store_.FindOrganisationByName(
      auth::OrganisationKind::kSupplier, "Hangzhou Yunqiao Information Technology Co., Ltd.");
  ASSERT_TRUE(org.ok() && org->has_value());
  const auth::Actor officer = suppliers::testing::Staff(1, auth::Role::kAgencyOfficer);
  Result<suppliers::SupplierRecord> record =
      suppliers_.GetProfile(officer, SupplierId{(*org)->id.value});
  ASSERT_TRUE(record.ok()) << record.status().ToString();
  EXPECT_EQ(record->profile.legal_name, "杭州云桥信息技术有限公司");
  EXPECT_EQ(record->profile.unspsc_codes.size(), 3u);
  EXPECT_TRUE(record->code_of_conduct_accepted_at.has_value());
  // This company is marked for review in the demo file (buyers see it recommended); the
  // garment maker is not, and stays a draft.
  EXPECT_EQ(record->state, suppliers::ReviewState::kSubmitted);
  const auto textile = auth_store_.FindOrganisationByName(
      auth::OrganisationKind::kSupplier, "Yiwu Jinxiu Textiles Co., Ltd.");
  ASSERT_TRUE(textile.ok() && textile->has_value());
  EXPECT_EQ(suppliers_.GetProfile(officer, SupplierId{(*textile)->id.value})->state,
            suppliers::ReviewState::kDraft);
}

TEST_F(DemoAccountsTest, ASecondSeedChangesNothing) {
  ASSERT_TRUE(
      SeedDemoAccounts(accounts_, auth_store_, suppliers_, DataDir(), credentials_.string()).ok());
  std::ifstream first(credentials_);
  std::stringstream before;
  before << first.rdbuf();

  Result<DemoAccountsReport> again =
      SeedDemoAccounts(accounts_, auth_store_, suppliers_, DataDir(), credentials_.string());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->already_seeded);
  EXPECT_EQ(again->users, 0);
  std::ifstream second(credentials_);
  std::stringstream after;
  after << second.rdbuf();
  EXPECT_EQ(before.str(), after.str());
}

TEST_F(DemoAccountsTest, AMissingDataFolderIsAClearError) {
  Result<DemoAccountsReport> report = SeedDemoAccounts(
      accounts_, auth_store_, suppliers_, "/nonexistent-tb-data", credentials_.string());
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("un-system-organisations.csv"), std::string::npos);
}

}  // namespace
}  // namespace tb::app
