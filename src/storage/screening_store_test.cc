#include <gtest/gtest.h>

#include "sanctions/list_reader.h"
#include "sanctions/testing/list_files.h"
#include "storage/storage.h"
#include "storage/test_backend.h"

namespace tb::storage {
namespace {

using screening::ListVersion;
using screening::ReviewStatus;
using screening::ScreeningDecision;
using screening::ScreeningRecord;

class ScreeningStoreTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store_ = MakeScreeningStore(db());
  }

  ListVersion AddSmallList(const std::string& sha = "aa") {
    auto list = sanctions::ReadConsolidatedList(sanctions::testing::SmallList());
    EXPECT_TRUE(list.ok());
    ListVersion v{0, list->date_generated, list->generated_at, sha,
                  Timestamp::FromSeconds(1'800'000'000), 1, 1};
    auto stored = store_->AddListVersion(v, list->entries);
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    return stored.ok() ? *stored : v;
  }

  ScreeningRecord Screening(std::int64_t version_id, ScreeningDecision decision) {
    ScreeningRecord r;
    r.subject_kind = "supplier";
    r.subject_id = "42";
    r.names = {"Golden Lotus Trading", "金莲贸易有限公司"};
    r.country = "CN";
    r.decision = decision;
    r.list_version_id = version_id;
    r.list_sha256 = "aa";
    r.list_date_generated = "2026-11-01T00:00:00Z";
    r.candidates_json = R"([{"data_id":"2","score":0.97}])";
    r.at = Timestamp::FromSeconds(1'800'000'100);
    return r;
  }

  std::unique_ptr<screening::ScreeningStore> store_;
};

TEST_P(ScreeningStoreTest, KeepsListVersionsWithTheirEntries) {
  auto none = store_->CurrentListVersion();
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  const ListVersion first = AddSmallList("aa");
  const ListVersion second = AddSmallList("bb");
  EXPECT_GT(second.id, first.id);
  auto current = store_->CurrentListVersion();
  ASSERT_TRUE(current.ok() && current->has_value());
  EXPECT_EQ((*current)->id, second.id);
  EXPECT_EQ((*current)->sha256, "bb");
  EXPECT_EQ((*current)->generated_at, Timestamp::FromRfc3339("2026-11-01T00:00:00Z").value());
  EXPECT_EQ((*current)->entry_count(), 2);

  auto entries = store_->ListEntries(first.id);
  ASSERT_TRUE(entries.ok()) << entries.status().ToString();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].primary_name(), "IVAN PETROVICH SIDOROV");
  EXPECT_EQ((*entries)[1].kind, sanctions::EntryKind::kEntity);
  auto one = store_->ListEntry(first.id, "2");
  ASSERT_TRUE(one.ok() && one->has_value());
  EXPECT_EQ((*one)->version_num, 3);
  auto missing = store_->ListEntry(first.id, "999");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST_P(ScreeningStoreTest, RefusesTheSameListTwice) {
  AddSmallList("aa");
  auto list = sanctions::ReadConsolidatedList(sanctions::testing::SmallList());
  ASSERT_TRUE(list.ok());
  auto again = store_->AddListVersion({0, "x", Timestamp(), "aa", Timestamp(), 1, 1}, list->entries);
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
}

TEST_P(ScreeningStoreTest, StoresTheWholeRealList) {
  auto list = sanctions::ReadConsolidatedList(
      sanctions::testing::ReadListFile(sanctions::testing::k2024));
  ASSERT_TRUE(list.ok());
  auto v = store_->AddListVersion({0, list->date_generated, list->generated_at, list->sha256,
                                   Timestamp::FromSeconds(1), list->individual_count(),
                                   list->entity_count()},
                                  list->entries);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  auto back = store_->ListEntries(v->id);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, list->entries) << "Arabic, Cyrillic and Chinese names survive the round trip";
}

TEST_P(ScreeningStoreTest, RecordsScreeningsAndOpensReviews) {
  const ListVersion v = AddSmallList();
  auto clear = store_->AddScreening(Screening(v.id, ScreeningDecision::kClear), false);
  ASSERT_TRUE(clear.ok()) << clear.status().ToString();
  EXPECT_EQ(clear->second, 0);
  ScreeningRecord unavailable = Screening(0, ScreeningDecision::kUnavailable);
  unavailable.reason = "no sanctions list has been imported";
  auto u = store_->AddScreening(unavailable, false);
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  auto hit = store_->AddScreening(Screening(v.id, ScreeningDecision::kHit), true);
  ASSERT_TRUE(hit.ok());
  EXPECT_GT(hit->second, 0);

  auto read = store_->GetScreening(u->first.id);
  ASSERT_TRUE(read.ok() && read->has_value());
  EXPECT_EQ((*read)->decision, ScreeningDecision::kUnavailable);
  EXPECT_EQ((*read)->list_version_id, 0);
  EXPECT_EQ((*read)->reason, "no sanctions list has been imported");
  auto latest = store_->LatestScreening("supplier", "42");
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_EQ((*latest)->id, hit->first.id);
  EXPECT_EQ((*latest)->names, (std::vector<std::string>{"Golden Lotus Trading", "金莲贸易有限公司"}));
  EXPECT_EQ((*latest)->candidates_json, R"([{"data_id":"2","score":0.97}])");
  EXPECT_EQ((*latest)->at, Timestamp::FromSeconds(1'800'000'100));
  auto nobody = store_->LatestScreening("supplier", "43");
  ASSERT_TRUE(nobody.ok());
  EXPECT_FALSE(nobody->has_value());

  auto open = store_->ListReviews(ReviewStatus::kOpen, 0, 10);
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ((*open)[0].screening_id, hit->first.id);
  EXPECT_EQ((*open)[0].subject_id, "42");
  EXPECT_FALSE((*open)[0].reviewer.valid());
}

TEST_P(ScreeningStoreTest, DecidesAReviewExactlyOnce) {
  const ListVersion v = AddSmallList();
  auto hit = store_->AddScreening(Screening(v.id, ScreeningDecision::kPossibleHit), true);
  ASSERT_TRUE(hit.ok());
  const std::int64_t id = hit->second;
  auto decided = store_->DecideReview(id, ReviewStatus::kCleared, UserId{5}, "different company",
                                      Timestamp::FromSeconds(1'800'000'200));
  ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  EXPECT_EQ(decided->status, ReviewStatus::kCleared);
  EXPECT_EQ(decided->reviewer, UserId{5});
  EXPECT_EQ(decided->decided_at, Timestamp::FromSeconds(1'800'000'200));
  auto twice = store_->DecideReview(id, ReviewStatus::kConfirmed, UserId{6}, "no", Timestamp());
  EXPECT_EQ(twice.status().code(), StatusCode::kFailedPrecondition);
  auto read = store_->GetReview(id);
  ASSERT_TRUE(read.ok() && read->has_value());
  EXPECT_EQ((*read)->status, ReviewStatus::kCleared) << "the second decision changed nothing";
  EXPECT_EQ((*read)->note, "different company");
  EXPECT_EQ(store_->DecideReview(999, ReviewStatus::kCleared, UserId{5}, "x", Timestamp())
                .status()
                .code(),
            StatusCode::kNotFound);
  auto open = store_->ListReviews(ReviewStatus::kOpen, 0, 10);
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(open->empty());
  auto all = store_->ListReviews(std::nullopt, 0, 10);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1u);
}

TB_INSTANTIATE_BACKENDS(ScreeningStoreTest);

}  // namespace
}  // namespace tb::storage
