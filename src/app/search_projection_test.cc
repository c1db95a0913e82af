#include "app/search_projection.h"

#include <filesystem>
#include <random>

#include <gtest/gtest.h>

#include "notices/notice_store.h"
#include "search/search_index.h"
#include "storage/change_log.h"
#include "storage/database.h"
#include "storage/storage.h"

namespace tb::app {
namespace {

notices::Notice MakeNotice(const std::string& public_id, const std::string& title) {
  notices::Notice n;
  n.public_id = public_id;
  n.title = {title, Language::English()};
  n.buyer = "UNICEF";
  n.source = "ocds";
  return n;
}

// A real SQLite store and a real Xapian index in a temporary directory.
class SearchProjectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tb-projection-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir_);
    auto db = storage::OpenDatabase((dir_ / "tb.db").string());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    store_ = storage::MakeNoticeStore(*db_, clock_);
    log_ = std::make_unique<storage::ChangeLog>(*db_);
    OpenIndex();
  }
  void TearDown() override {
    projection_.reset();
    index_.reset();
    std::filesystem::remove_all(dir_);
  }

  void OpenIndex() {
    projection_.reset();
    index_.reset();
    search::IndexOptions options;
    options.path = (dir_ / "index").string();
    auto index = search::OpenXapianSearchIndex(options);
    ASSERT_TRUE(index.ok()) << index.status().ToString();
    index_ = std::move(index).value();
    projection_ = std::make_unique<SearchProjection>(*log_, *store_, *index_);
  }

  void Write(std::vector<notices::Notice> batch) {
    auto outcomes = store_->UpsertBatch(
        batch, [](const notices::Notice*, const notices::Notice& incoming) { return incoming; });
    ASSERT_TRUE(outcomes.ok()) << outcomes.status().ToString();
  }

  std::int64_t Hits(const std::string& query) {
    search::SearchRequest request;
    request.query = query;
    request.language = Language::English();
    request.now = clock_.Now();
    auto response = index_->Search(request);
    EXPECT_TRUE(response.ok()) << response.status().ToString();
    return response.ok() ? response->total : -1;
  }

  std::filesystem::path dir_;
  FakeClock clock_{Timestamp::FromSeconds(1'750'000'000)};
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<notices::NoticeStore> store_;
  std::unique_ptr<storage::ChangeLog> log_;
  std::unique_ptr<search::SearchIndex> index_;
  std::unique_ptr<SearchProjection> projection_;
};

TEST_F(SearchProjectionTest, IndexesEveryCommittedChangeOnce) {
  Write({MakeNotice("a", "Solar water pumps"), MakeNotice("b", "Laptop computers")});
  auto applied = projection_->CatchUp();
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_EQ(*applied, 2);
  EXPECT_EQ(*index_->DocumentCount(), 2);
  EXPECT_EQ(*index_->LastAppliedSeq(), *log_->LatestSeq());
  EXPECT_EQ(*projection_->CatchUp(), 0) << "nothing new: nothing applied";
}

TEST_F(SearchProjectionTest, AnAmendmentReplacesTheOldVersion) {
  Write({MakeNotice("a", "Solar water pumps")});
  ASSERT_TRUE(projection_->CatchUp().ok());
  Write({MakeNotice("a", "Wind turbines")});
  ASSERT_TRUE(projection_->CatchUp().ok());
  EXPECT_EQ(Hits("wind"), 1);
  EXPECT_EQ(Hits("solar"), 0);
  EXPECT_EQ(*index_->DocumentCount(), 1);
}

TEST_F(SearchProjectionTest, ResumesAfterARestartFromItsOwnSeq) {
  Write({MakeNotice("a", "Solar water pumps")});
  ASSERT_TRUE(projection_->CatchUp().ok());
  OpenIndex();  // a restart: the index remembers where it was
  Write({MakeNotice("b", "Laptop computers"), MakeNotice("c", "Vaccine cold chain")});
  auto applied = projection_->CatchUp();
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(*applied, 2) << "only the changes after the restart";
  EXPECT_EQ(*index_->DocumentCount(), 3);
}

TEST_F(SearchProjectionTest, ReindexFromAClearedIndexRebuildsEverything) {
  Write({MakeNotice("a", "Solar water pumps"), MakeNotice("b", "Laptop computers")});
  ASSERT_TRUE(projection_->CatchUp().ok());
  ASSERT_TRUE(index_->Clear().ok());
  EXPECT_EQ(*index_->DocumentCount(), 0);
  ASSERT_TRUE(projection_->CatchUp().ok());
  EXPECT_EQ(*index_->DocumentCount(), 2);
  EXPECT_EQ(Hits("laptop"), 1);
}

TEST_F(SearchProjectionTest, TheBackgroundLoopCatchesUpUntilStopped) {
  projection_->Start(std::chrono::milliseconds(10));
  Write({MakeNotice("a", "Solar water pumps")});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (*index_->DocumentCount() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  projection_->Stop();
  EXPECT_EQ(*index_->DocumentCount(), 1);
}

}  // namespace
}  // namespace tb::app
