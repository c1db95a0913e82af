#include "storage/migrations/migrations.h"

#include <gtest/gtest.h>

#include <thread>

#include "storage/storage.h"
#include "storage/test_backend.h"

namespace tb::storage {
namespace {

class MigrationsTest : public testing::BackendTest {};

TEST_P(MigrationsTest, OpenAppliesEveryMigration) {
  auto version = SchemaVersion(db());
  ASSERT_TRUE(version.ok()) << version.status().ToString();
  EXPECT_EQ(*version, AllMigrations().back().version);
}

TEST_P(MigrationsTest, OpeningTwiceIsIdempotent) {
  ASSERT_TRUE(ApplyMigrations(db(), Timestamp::FromSeconds(1)).ok());
  db_.reset();
  auto again = OpenDatabase(url());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  db_ = std::move(again).value();
  auto tx = db().Begin(TxMode::kRead);
  ASSERT_TRUE(tx.ok());
  auto s = (*tx)->Prepare("SELECT COUNT(*) FROM schema_migrations");
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(*(*s)->Step());
  EXPECT_EQ((*s)->Int64(0), static_cast<std::int64_t>(AllMigrations().size()));
}

TEST_P(MigrationsTest, ConcurrentStartersBothSucceed) {
  db_.reset();
  Status a, b;
  std::thread t1([&] { a = OpenDatabase(url()).status(); });
  std::thread t2([&] { b = OpenDatabase(url()).status(); });
  t1.join();
  t2.join();
  EXPECT_TRUE(a.ok()) << a.ToString();
  EXPECT_TRUE(b.ok()) << b.ToString();
  auto db = OpenDatabase(url());
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  db_ = std::move(db).value();
  auto version = SchemaVersion(*db_);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, AllMigrations().back().version);
}

TEST_P(MigrationsTest, RefusesANewerSchema) {
  {
    auto tx = db().Begin(TxMode::kWrite);
    ASSERT_TRUE(tx.ok());
    auto s = (*tx)->Prepare(
        "INSERT INTO schema_migrations (version, name, applied_at_us) VALUES (999, 'future', 0)");
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->Run().ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  EXPECT_EQ(ApplyMigrations(db(), Timestamp::FromSeconds(1)).code(),
            StatusCode::kFailedPrecondition);
}

TB_INSTANTIATE_BACKENDS(MigrationsTest);

TEST(OpenDatabase, RefusesAnUnknownScheme) {
  auto db = OpenDatabase("mysql://localhost/x");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kInvalidArgument);
}

TEST(OpenDatabase, UnreachablePostgresIsUnavailable) {
  auto db = OpenDatabase("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace tb::storage
