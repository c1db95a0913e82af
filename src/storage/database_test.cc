#include "storage/database.h"

#include <gtest/gtest.h>

#include "storage/test_backend.h"

namespace tb::storage {
namespace {

TEST(Placeholders, TranslatesOutsideQuotesOnly) {
  EXPECT_EQ(ToDollarPlaceholders("SELECT ? , '?', \"a?\", ?"), "SELECT $1 , '?', \"a?\", $2");
  EXPECT_EQ(ToDollarPlaceholders("no params"), "no params");
}

class DatabaseTest : public testing::BackendTest {};

Status Insert(Transaction& tx, std::string_view sha, std::string_view type) {
  TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare("INSERT INTO blobs (sha256, size, media_type, "
                                                "data, created_at_us) VALUES (?, ?, ?, ?, ?)"));
  const std::uint8_t bytes[] = {0, 1, 2, 255};
  s->BindText(1, sha).BindInt64(2, 4).BindText(3, type).BindBlob(4, bytes).BindInt64(5, -7);
  return s->Run();
}

TEST_P(DatabaseTest, BindsAndReadsEveryType) {
  auto tx = db().Begin(TxMode::kWrite);
  ASSERT_TRUE(tx.ok()) << tx.status().ToString();
  ASSERT_TRUE(Insert(**tx, "abc", "text/plain").ok());
  ASSERT_TRUE((*tx)->Commit().ok());

  auto rd = db().Begin(TxMode::kRead);
  ASSERT_TRUE(rd.ok());
  auto s = (*rd)->Prepare("SELECT sha256, size, data, created_at_us, NULL FROM blobs WHERE sha256 = ?");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  (*s)->BindText(1, "abc");
  auto row = (*s)->Step();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ((*s)->Text(0), "abc");
  EXPECT_EQ((*s)->Int64(1), 4);
  EXPECT_EQ((*s)->Blob(2), (std::vector<std::uint8_t>{0, 1, 2, 255}));
  EXPECT_EQ((*s)->Int64(3), -7);
  EXPECT_TRUE((*s)->IsNull(4));
  EXPECT_FALSE((*s)->IsNull(0));
  auto end = (*s)->Step();
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(*end);
}

TEST_P(DatabaseTest, UniqueViolationIsAlreadyExists) {
  auto tx = db().Begin(TxMode::kWrite);
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE(Insert(**tx, "dup", "a").ok());
  Status second = Insert(**tx, "dup", "b");
  EXPECT_EQ(second.code(), StatusCode::kAlreadyExists) << second.ToString();
  EXPECT_EQ(second.message().find("UNIQUE"), std::string::npos) << "SQL error leaked";
}

TEST_P(DatabaseTest, UncommittedTransactionRollsBack) {
  {
    auto tx = db().Begin(TxMode::kWrite);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(Insert(**tx, "gone", "a").ok());
  }
  auto rd = db().Begin(TxMode::kRead);
  ASSERT_TRUE(rd.ok());
  auto s = (*rd)->Prepare("SELECT COUNT(*) FROM blobs");
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(*(*s)->Step());
  EXPECT_EQ((*s)->Int64(0), 0);
}

TEST_P(DatabaseTest, BadSqlIsInternal) {
  auto tx = db().Begin(TxMode::kWrite);
  ASSERT_TRUE(tx.ok());
  auto s = (*tx)->Prepare("SELEC nonsense");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInternal);
}

TEST_P(DatabaseTest, ReusesCachedStatementWithFreshBindings) {
  auto tx = db().Begin(TxMode::kWrite);
  ASSERT_TRUE(tx.ok());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(Insert(**tx, "k" + std::to_string(i), "t").ok());
  }
  auto s = (*tx)->Prepare("SELECT COUNT(*) FROM blobs WHERE media_type = ?");
  ASSERT_TRUE(s.ok());
  (*s)->BindText(1, "t");
  ASSERT_TRUE(*(*s)->Step());
  EXPECT_EQ((*s)->Int64(0), 3);
  ASSERT_TRUE((*tx)->Commit().ok());
}

TB_INSTANTIATE_BACKENDS(DatabaseTest);

}  // namespace
}  // namespace tb::storage
