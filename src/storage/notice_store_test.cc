// UpsertBatch, Get, History and Count on both engines.
#include <gtest/gtest.h>

#include <stdexcept>

#include "storage/change_log.h"
#include "storage/storage.h"
#include "storage/test_backend.h"

namespace tb::storage {
namespace {

using notices::Notice;
using notices::WriteOutcome;
using testing::MergeLikeImporter;
using testing::SimpleNotice;

class NoticeStoreTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store_ = MakeNoticeStore(db(), clock_);
  }
  std::vector<WriteOutcome> Upsert(const std::vector<Notice>& batch) {
    auto r = store_->UpsertBatch(batch, MergeLikeImporter);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::vector<WriteOutcome>{};
  }
  std::int64_t Rows(const std::string& table) {
    auto tx = db().Begin(TxMode::kRead);
    EXPECT_TRUE(tx.ok());
    auto s = (*tx)->Prepare("SELECT COUNT(*) FROM " + table);
    EXPECT_TRUE(s.ok());
    auto row = (*s)->Step();
    return row.ok() && *row ? (*s)->Int64(0) : -1;
  }

  FakeClock clock_{Timestamp::FromSeconds(1'700'000'000)};
  std::unique_ptr<notices::NoticeStore> store_;
};

TEST_P(NoticeStoreTest, NewUpdatedUnchanged) {
  EXPECT_EQ(Upsert({SimpleNotice("a"), SimpleNotice("b")}),
            (std::vector{WriteOutcome::kNew, WriteOutcome::kNew}));
  Notice changed = SimpleNotice("a");
  changed.title.text = "Supply of desktops";
  EXPECT_EQ(Upsert({changed, SimpleNotice("b")}),
            (std::vector{WriteOutcome::kUpdated, WriteOutcome::kUnchanged}));
  auto a = store_->GetByPublicId("a");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->title.text, "Supply of desktops");
  EXPECT_TRUE(a->id.valid());
  auto by_id = store_->Get(a->id);
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(*by_id, *a);
  Notice expected = changed;
  expected.id = a->id;
  EXPECT_EQ(*a, expected);
  EXPECT_EQ(*store_->Count(), 2);
}

TEST_P(NoticeStoreTest, SameBatchTwiceChangesNothing) {
  std::vector<Notice> batch = {SimpleNotice("x"), SimpleNotice("y"), SimpleNotice("z")};
  Upsert(batch);
  const std::int64_t changes = Rows("changes");
  const std::int64_t versions = Rows("notice_versions");
  EXPECT_EQ(Upsert(batch), std::vector<WriteOutcome>(3, WriteOutcome::kUnchanged));
  EXPECT_EQ(Rows("changes"), changes);
  EXPECT_EQ(Rows("notice_versions"), versions);
}

TEST_P(NoticeStoreTest, RecordsWithTheSamePublicIdApplyInOrder) {
  Notice first = SimpleNotice("dup");
  Notice second = SimpleNotice("dup");
  second.countries = {"UG"};
  EXPECT_EQ(Upsert({first, second, first}),
            (std::vector{WriteOutcome::kNew, WriteOutcome::kUpdated, WriteOutcome::kUnchanged}));
  auto stored = store_->GetByPublicId("dup");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->countries, (std::vector<std::string>{"KE", "UG"}));  // Merge unites lists
}

TEST_P(NoticeStoreTest, ABatchStoresWhatSeparateBatchesStore) {
  // UpsertBatch keeps what it wrote earlier in the batch in memory instead of reading the row
  // back; the stored notice and its versions must not depend on where batches split.
  std::vector<Notice> releases;
  for (int i = 0; i < 3; ++i) {
    Notice n = SimpleNotice("ocds-split");
    n.updated = *Timestamp::FromRfc3339("2026-03-01T10:00:00.123456Z") + std::chrono::hours(i);
    n.countries = {i == 1 ? "UG" : "KE"};
    notices::Document d;
    d.id = "doc-" + std::to_string(i);
    d.title = "Terms " + std::to_string(i);
    d.url = "https://example.org/" + std::to_string(i);
    n.documents = {d};
    n.amendments = {{"a" + std::to_string(i), n.updated, "change " + std::to_string(i), ""}};
    if (i == 2) n.title.text = "Renamed in the third release";
    releases.push_back(n);
  }
  Upsert(releases);
  auto together = store_->GetByPublicId("ocds-split");
  auto together_history = store_->History(together->id);
  ASSERT_TRUE(together.ok() && together_history.ok());

  for (const Notice& r : releases) {
    Notice other = r;
    other.public_id = "ocds-split-2";
    Upsert({other});
  }
  auto apart = store_->GetByPublicId("ocds-split-2");
  auto apart_history = store_->History(apart->id);
  ASSERT_TRUE(apart.ok() && apart_history.ok());
  apart->public_id = together->public_id;
  apart->id = together->id;
  EXPECT_EQ(*apart, *together);
  ASSERT_EQ(apart_history->size(), together_history->size());
  for (std::size_t i = 0; i < apart_history->size(); ++i) {
    EXPECT_EQ((*apart_history)[i].changed_fields, (*together_history)[i].changed_fields) << i;
  }
}

TEST_P(NoticeStoreTest, EmptyPublicIdWritesNothing) {
  Notice nameless = SimpleNotice("");
  auto r = store_->UpsertBatch(std::vector{SimpleNotice("ok"), nameless}, MergeLikeImporter);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "public_id");
  EXPECT_EQ(*store_->Count(), 0);
  EXPECT_EQ(Rows("changes"), 0);
}

TEST_P(NoticeStoreTest, ThrowingMergeWritesNothing) {
  Upsert({SimpleNotice("old")});
  Notice update = SimpleNotice("old");
  update.title.text = "changed";
  int calls = 0;
  auto r = store_->UpsertBatch(
      std::vector{SimpleNotice("new1"), update, SimpleNotice("new2")},
      [&](const Notice* current, const Notice& incoming) -> Notice {
        if (++calls == 3) throw std::runtime_error("boom");
        return MergeLikeImporter(current, incoming);
      });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(*store_->Count(), 1);
  EXPECT_EQ(store_->GetByPublicId("old")->title.text, SimpleNotice("old").title.text);
  EXPECT_EQ(store_->GetByPublicId("new1").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Rows("changes"), 1);
  EXPECT_EQ(Rows("notice_versions"), 1);
  EXPECT_EQ(Rows("notice_countries"), 1);
}

TEST_P(NoticeStoreTest, HistoryListsChangedFields) {
  clock_.Set(Timestamp::FromSeconds(100));
  Upsert({SimpleNotice("h")});
  Notice v2 = SimpleNotice("h");
  v2.title.text = "New title";
  v2.deadline = Timestamp::FromSeconds(5000);
  v2.source = "undp";
  clock_.Set(Timestamp::FromSeconds(200));
  Upsert({v2});
  const NoticeId id = store_->GetByPublicId("h")->id;
  auto history = store_->History(id);
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].version, 1);
  EXPECT_EQ((*history)[0].recorded_at, Timestamp::FromSeconds(100));
  EXPECT_EQ((*history)[0].source, "ungm");
  EXPECT_EQ((*history)[1].version, 2);
  EXPECT_EQ((*history)[1].recorded_at, Timestamp::FromSeconds(200));
  EXPECT_EQ((*history)[1].source, "undp");
  EXPECT_EQ((*history)[1].changed_fields,
            (std::vector<std::string>{"deadline", "source", "title"}));
  EXPECT_EQ(store_->History(NoticeId{999}).status().code(), StatusCode::kNotFound);
}

TEST_P(NoticeStoreTest, GetUnknownIsNotFound) {
  EXPECT_EQ(store_->Get(NoticeId{12345}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetByPublicId("nope").status().code(), StatusCode::kNotFound);
}

TEST_P(NoticeStoreTest, AppendsChangesInTheSameTransaction) {
  clock_.Set(Timestamp::FromSeconds(42));
  Upsert({SimpleNotice("c1"), SimpleNotice("c2")});
  Notice updated = SimpleNotice("c1");
  updated.buyer = "UNICEF";
  Upsert({updated, SimpleNotice("c2")});
  ChangeLog log(db());
  auto changes = log.ReadSince(0, 100);
  ASSERT_TRUE(changes.ok());
  const std::int64_t c1 = store_->GetByPublicId("c1")->id.value;
  const std::int64_t c2 = store_->GetByPublicId("c2")->id.value;
  ASSERT_EQ(changes->size(), 3u);
  EXPECT_EQ((*changes)[0], (Change{1, "notice", c1, "create", Timestamp::FromSeconds(42)}));
  EXPECT_EQ((*changes)[1], (Change{2, "notice", c2, "create", Timestamp::FromSeconds(42)}));
  EXPECT_EQ((*changes)[2], (Change{3, "notice", c1, "update", Timestamp::FromSeconds(42)}));
  EXPECT_EQ(*log.LatestSeq(), 3);
  auto tail = log.ReadSince(2, 10);
  ASSERT_TRUE(tail.ok());
  ASSERT_EQ(tail->size(), 1u);
  EXPECT_EQ(tail->front().seq, 3);
}

TB_INSTANTIATE_BACKENDS(NoticeStoreTest);

}  // namespace
}  // namespace tb::storage
