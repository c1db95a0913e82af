// The tree-head publisher (AU-03) and `tenderbridge audit verify` on a real SQLite file.
#include "app/audit_publisher.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "app/context.h"
#include "audit/audit_log_reader.h"
#include "audit/verifier.h"
#include "crypto/random.h"
#include "crypto/signing.h"
#include "storage/audit_append.h"
#include "storage/database.h"

namespace tb::app {
namespace {

class AuditAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "tb-audit-app-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    db_path_ = dir_ + "/tb.db";
    Result<std::unique_ptr<Context>> context = Context::Open(db_path_);
    ASSERT_TRUE(context.ok()) << context.status().ToString();
    context_ = std::move(context).value();
    ASSERT_TRUE(context_->OpenSigningKey(ResolveSigningKeyPath("", db_path_)).ok());
  }
  void TearDown() override {
    context_.reset();
    std::filesystem::remove_all(dir_);
  }

  void Append(int i) {
    auto tx = context_->database().Begin(storage::TxMode::kWrite);
    ASSERT_TRUE(tx.ok());
    audit::Entry e{"tender.published",
                   Timestamp::FromSeconds(1'800'000'000 + i),
                   "user:1",
                   "tender:ocds-tbrdg1-" + std::to_string(i),
                   {}};
    ASSERT_TRUE(storage::AppendAuditEntry(**tx, e).ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }

  // Runs the tenderbridge binary; its exit status and output.
  std::pair<int, std::string> RunCli(const std::string& arguments) {
    const std::string out_path = dir_ + "/cli.out";
    const std::string command = std::string(TB_BIN) + " " + arguments + " >" + out_path + " 2>&1";
    const int status = std::system(command.c_str());
    std::ifstream in(out_path);
    std::string output((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
  }

  std::string dir_;
  std::string db_path_;
  std::unique_ptr<Context> context_;
};

TEST_F(AuditAppTest, TheSigningKeyIsCreatedPrivatelyBesideTheDatabaseAndKeptAcrossStarts) {
  const std::string path = dir_ + "/keys/platform-signing.key";
  ASSERT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  ASSERT_NE(context_->signing_key(), nullptr);
  const auto first = context_->signing_key()->public_key();
  context_.reset();
  context_ = std::move(Context::Open(db_path_)).value();
  ASSERT_TRUE(context_->OpenSigningKey(ResolveSigningKeyPath("", db_path_)).ok());
  EXPECT_EQ(context_->signing_key()->public_key(), first);
  EXPECT_EQ(ResolveSigningKeyPath("/etc/tb.key", db_path_), "/etc/tb.key");
}

TEST_F(AuditAppTest, PublishesAHeadOnlyWhenTheLogGrew) {
  AuditPublisher publisher(context_->database(), *context_->signing_key(), context_->clock());
  Result<std::optional<audit::TreeHead>> none = publisher.PublishIfGrown();
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value()) << "an empty log gets no head";

  Append(0);
  Append(1);
  Result<std::optional<audit::TreeHead>> first = publisher.PublishIfGrown();
  ASSERT_TRUE(first.ok() && first->has_value());
  EXPECT_EQ((*first)->size, 2);
  EXPECT_TRUE(audit::VerifyTreeHead(**first, context_->signing_key()->public_key()));
  EXPECT_EQ((*first)->root, audit::RootOf(*context_->audit_log().LeafHashes(0, 2)));
  EXPECT_FALSE(publisher.PublishIfGrown()->has_value()) << "nothing new: no second head";

  Append(2);
  Result<std::optional<audit::TreeHead>> second = publisher.PublishIfGrown();
  ASSERT_TRUE(second.ok() && second->has_value());
  EXPECT_EQ((*second)->size, 3);
  EXPECT_EQ(context_->audit_log().Heads(0, 10)->size(), 2u);
}

TEST_F(AuditAppTest, TheBackgroundPublisherSignsAtStartAndAtStop) {
  Append(0);
  AuditPublisher publisher(context_->database(), *context_->signing_key(), context_->clock());
  publisher.Start(std::chrono::hours(1));  // only the first tick and the last one happen here
  // Wait (bounded) for the first tick's head.
  for (int i = 0; i < 500; ++i) {
    Result<std::optional<audit::StoredHead>> latest = context_->audit_log().LatestHead();
    if (latest.ok() && latest->has_value()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(context_->audit_log().Heads(0, 10)->size(), 1u);
  Append(1);
  publisher.Stop();
  Result<std::optional<audit::StoredHead>> latest = context_->audit_log().LatestHead();
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_EQ((*latest)->head.size, 2) << "Stop() covers the last entries with a head";
}

TEST_F(AuditAppTest, AuditVerifyPassesOnAGoodLogAndFailsOnATamperedOne) {
  AuditPublisher publisher(context_->database(), *context_->signing_key(), context_->clock());
  for (int i = 0; i < 12; ++i) {
    Append(i);
    if (i % 4 == 3) {
      ASSERT_TRUE(publisher.PublishIfGrown().ok());
    }
  }
  const std::string public_key = crypto::Base64UrlEncode(context_->signing_key()->public_key());
  const std::string key_id = context_->signing_key()->KeyId();
  const audit::StoredHead latest = **context_->audit_log().LatestHead();
  context_.reset();

  auto [status, output] =
      RunCli("audit verify --database " + db_path_ + " --public-key " + public_key);
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("12 entries"), std::string::npos) << output;
  EXPECT_NE(output.find("3 stored, 0 given"), std::string::npos) << output;
  EXPECT_NE(output.find("verified"), std::string::npos) << output;

  // Without --public-key: the key file beside the database, with a note.
  std::tie(status, output) = RunCli("audit verify --database " + db_path_);
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("note: verifying with the public key of"), std::string::npos);

  // Another key: every head fails.
  const std::string other = crypto::Base64UrlEncode(crypto::SigningKey::Generate().public_key());
  std::tie(status, output) =
      RunCli("audit verify --database " + db_path_ + " --public-key " + other);
  EXPECT_EQ(status, 1) << output;
  EXPECT_NE(output.find("FAILED: 3 problems"), std::string::npos) << output;

  // Heads given in a file, in the API's shape: a good one passes, a forged one fails.
  const std::string heads_path = dir_ + "/heads.json";
  auto write_heads = [&](const audit::TreeHead& h) {
    std::ofstream(heads_path, std::ios::trunc)
        << R"({"items": [{"tree_size": )" << h.size << R"(, "root_hash": ")"
        << crypto::HexEncode(h.root) << R"(", "timestamp_us": )" << h.at.micros()
        << R"(, "signature": ")" << crypto::HexEncode(h.signature) << R"(", "key_id": ")" << key_id
        << R"("}]})";
  };
  write_heads(latest.head);
  std::tie(status, output) = RunCli("audit verify --database " + db_path_ + " --public-key " +
                                    public_key + " --heads " + heads_path);
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("3 stored, 1 given"), std::string::npos) << output;
  // A receipt (docs/receipts.md) carries its head as audit.tree_head, signature in base64url.
  std::ofstream(heads_path, std::ios::trunc)
      << R"([{"v": 1, "signature": "x", "audit": {"leaf_index": 0, "tree_head": {"size": )"
      << latest.head.size << R"(, "root": ")" << crypto::HexEncode(latest.head.root)
      << R"(", "at": ")" << latest.head.at.ToRfc3339() << R"(", "at_us": )"
      << latest.head.at.micros() << R"(, "signature": ")"
      << crypto::Base64UrlEncode(latest.head.signature) << R"("}}}])";
  std::tie(status, output) = RunCli("audit verify --database " + db_path_ + " --public-key " +
                                    public_key + " --heads " + heads_path);
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("3 stored, 1 given"), std::string::npos) << output;

  audit::TreeHead forged = latest.head;
  forged.size += 1;
  write_heads(forged);
  std::tie(status, output) = RunCli("audit verify --database " + db_path_ + " --public-key " +
                                    public_key + " --heads " + heads_path);
  EXPECT_EQ(status, 1) << output;
  EXPECT_NE(output.find("given head 1 (size 13): the signature does not verify"), std::string::npos)
      << output;

  // An attacker with the file drops a trigger and edits one entry's time column.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db_path_.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw,
                         "DROP TRIGGER audit_entries_no_update; "
                         "UPDATE audit_entries SET at_us = at_us + 1 WHERE leaf_index = 5",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  std::tie(status, output) =
      RunCli("audit verify --database " + db_path_ + " --public-key " + public_key);
  EXPECT_EQ(status, 1) << output;
  EXPECT_NE(output.find("leaf 5: at_us is"), std::string::npos) << output;
}

}  // namespace
}  // namespace tb::app
