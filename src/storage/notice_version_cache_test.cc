// NoticeStore::Version and Count on both engines, with a second store on the same database
// standing in for another server process.
#include "storage/notice_version_cache.h"

#include <gtest/gtest.h>

#include <chrono>

#include "storage/storage.h"
#include "storage/test_backend.h"

namespace tb::storage {
namespace {

using notices::Notice;
using testing::MergeLikeImporter;
using testing::SimpleNotice;

class NoticeVersionTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    here_ = MakeNoticeStore(db(), clock_);
    auto other_db = OpenDatabase(url());
    ASSERT_TRUE(other_db.ok()) << other_db.status().ToString();
    other_db_ = std::move(*other_db);
    elsewhere_ = MakeNoticeStore(*other_db_, clock_);
  }
  void TearDown() override {
    elsewhere_.reset();
    other_db_.reset();
    BackendTest::TearDown();
  }
  static void Write(notices::NoticeStore& store, const Notice& notice) {
    auto r = store.UpsertBatch(std::span<const Notice>(&notice, 1), MergeLikeImporter);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  NoticeId IdOf(const std::string& public_id) {
    auto n = here_->GetByPublicId(public_id);
    EXPECT_TRUE(n.ok());
    return n.ok() ? n->id : NoticeId{};
  }
  static Notice Retitled(const std::string& public_id, const std::string& title) {
    Notice n = SimpleNotice(public_id);
    n.title.text = title;
    return n;
  }

  FakeClock clock_{Timestamp::FromSeconds(1'700'000'000)};
  std::unique_ptr<notices::NoticeStore> here_;
  std::unique_ptr<Database> other_db_;
  std::unique_ptr<notices::NoticeStore> elsewhere_;
};

TEST_P(NoticeVersionTest, StoreVersionIsTheLastOfHistory) {
  Write(*here_, SimpleNotice("a"));
  const NoticeId id = IdOf("a");
  EXPECT_EQ(*here_->Version(id), 1);
  Write(*here_, Retitled("a", "Second title"));
  EXPECT_EQ(*here_->Version(id), 2);             // a write through this store shows at once
  Write(*here_, Retitled("a", "Second title"));  // unchanged: no new version
  EXPECT_EQ(*here_->Version(id), 2);
  EXPECT_EQ(here_->History(id)->back().version, 2);
  EXPECT_EQ(here_->Version(NoticeId{id.value + 1000}).status().code(), StatusCode::kNotFound);
}

TEST_P(NoticeVersionTest, ZeroLagSeesAnotherProcessAtOnce) {
  Write(*here_, SimpleNotice("a"));
  const NoticeId id = IdOf("a");
  NoticeVersionCache cache(db(), std::chrono::milliseconds(0));
  EXPECT_EQ(*cache.Version(id), 1);
  EXPECT_EQ(*cache.Version(id), 1);  // now cached
  Write(*elsewhere_, Retitled("a", "Changed elsewhere"));
  EXPECT_EQ(*cache.Version(id), 2);  // the change log refresh dropped the cached answer
  Write(*elsewhere_, Retitled("a", "Changed again"));
  Write(*elsewhere_, SimpleNotice("b"));
  EXPECT_EQ(*cache.Version(id), 3);
}

TEST_P(NoticeVersionTest, LongLagServesFromMemoryUntilInvalidated) {
  Write(*here_, SimpleNotice("a"));
  const NoticeId id = IdOf("a");
  NoticeVersionCache cache(db(), std::chrono::hours(1));
  EXPECT_EQ(*cache.Version(id), 1);
  Write(*elsewhere_, Retitled("a", "Changed elsewhere"));
  // Within the lag the answer comes from memory: this is what makes a hit cheap.
  EXPECT_EQ(*cache.Version(id), 1);
  const std::int64_t ids[] = {id.value};
  cache.Invalidate(ids);
  EXPECT_EQ(*cache.Version(id), 2);
}

TEST_P(NoticeVersionTest, AnswersOfUnknownNoticesAreNotCached) {
  NoticeVersionCache cache(db(), std::chrono::hours(1));
  EXPECT_EQ(cache.Version(NoticeId{1}).status().code(), StatusCode::kNotFound);
  Write(*elsewhere_, SimpleNotice("a"));
  EXPECT_EQ(*cache.Version(IdOf("a")), 1);
}

TEST_P(NoticeVersionTest, CountFollowsWritesOfAnotherProcess) {
  Write(*here_, SimpleNotice("a"));
  EXPECT_EQ(*here_->Count(), 1);
  EXPECT_EQ(*here_->Count(), 1);  // answered from the remembered count
  Write(*elsewhere_, SimpleNotice("b"));
  EXPECT_EQ(*here_->Count(), 2);
  Write(*elsewhere_, Retitled("b", "Update only"));
  EXPECT_EQ(*here_->Count(), 2);
  Write(*here_, SimpleNotice("c"));
  EXPECT_EQ(*elsewhere_->Count(), 3);
}

// The store hashes the document it writes instead of serialising the notice again for
// notices::Fingerprint; the two must stay the same function or re-imports stop being
// recognised as unchanged.
TEST_P(NoticeVersionTest, StoredFingerprintIsTheNoticesFingerprint) {
  Notice n = SimpleNotice("a");
  n.countries = {"KE", "UG"};
  Write(*here_, n);
  auto tx = db().Begin(TxMode::kRead);
  ASSERT_TRUE(tx.ok());
  auto stmt = (*tx)->Prepare("SELECT fingerprint FROM notices WHERE public_id = ?");
  ASSERT_TRUE(stmt.ok());
  (*stmt)->BindText(1, "a");
  ASSERT_TRUE(*(*stmt)->Step());
  Notice stored = *here_->GetByPublicId("a");
  stored.id = NoticeId{};
  EXPECT_EQ((*stmt)->Text(0), notices::Fingerprint(stored));
}

TB_INSTANTIATE_BACKENDS(NoticeVersionTest);

}  // namespace
}  // namespace tb::storage
