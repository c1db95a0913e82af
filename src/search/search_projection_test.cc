#include "search/search_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "notices/import_service.h"
#include "notices/testing/read_all.h"
#include "search/testing/fixture_notices.h"

namespace tb::search {
namespace {

using notices::Notice;
using testing::Days;
using testing::HandWrittenNotices;
using testing::kNow;
using testing::MakeNotice;
using testing::TempDir;

using testing::Ids;
using testing::Request;

[[maybe_unused]] std::vector<std::int64_t> Sorted(std::vector<std::int64_t> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::int64_t FacetCount(const std::vector<FacetValue>& facet, std::string_view value) {
  for (const FacetValue& f : facet) {
    if (f.value == value) return f.count;
  }
  return 0;
}

// A fresh index adds documents without looking their id up (docs/search.md, fresh mode): a
// notice upserted twice, deleted and upserted again, in one batch or across batches, a
// Clear() and a reopen, must still be one document.
TEST(SearchIndexResumeTest, FreshIndexNeverDuplicatesANotice) {
  TempDir dir("tb-search-fresh");
  std::vector<Notice> notices = HandWrittenNotices();
  const NoticeId id = notices[0].id;
  {
    auto index = OpenXapianSearchIndex({dir.path(), nullptr});
    ASSERT_TRUE(index.ok());
    std::vector<IndexChange> batch{IndexChange::Upsert(1, notices[0]), IndexChange::Upsert(2, notices[0]),
                                   IndexChange::Upsert(3, notices[1])};
    ASSERT_TRUE((*index)->Apply(batch).ok());
    EXPECT_EQ(*(*index)->DocumentCount(), 2);
    std::vector<IndexChange> again{IndexChange::Delete(4, id), IndexChange::Upsert(5, notices[0]),
                                   IndexChange::Upsert(6, notices[0])};
    ASSERT_TRUE((*index)->Apply(again).ok());
    EXPECT_EQ(*(*index)->DocumentCount(), 2);
    ASSERT_TRUE((*index)->Clear().ok());
    std::vector<IndexChange> after_clear{IndexChange::Upsert(1, notices[0]), IndexChange::Upsert(2, notices[0])};
    ASSERT_TRUE((*index)->Apply(after_clear).ok());
    EXPECT_EQ(*(*index)->DocumentCount(), 1);
  }
  auto index = OpenXapianSearchIndex({dir.path(), nullptr});
  ASSERT_TRUE(index.ok());
  std::vector<IndexChange> reopened{IndexChange::Upsert(3, notices[0]), IndexChange::Upsert(4, notices[1])};
  ASSERT_TRUE((*index)->Apply(reopened).ok());
  EXPECT_EQ(*(*index)->DocumentCount(), 2);
}

TEST(SearchIndexResumeTest, ResumesAfterReopenWithoutDoubleApplying) {
  TempDir dir("tb-search-resume");
  std::vector<Notice> notices = HandWrittenNotices();
  std::vector<IndexChange> changes;
  for (int i = 0; i < 10; ++i) changes.push_back(IndexChange::Upsert(i + 1, notices[i]));
  {
    auto index = OpenXapianSearchIndex({dir.path(), nullptr});
    ASSERT_TRUE(index.ok());
    EXPECT_EQ(*(*index)->LastAppliedSeq(), 0);
    auto report = (*index)->Apply(changes);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->last_seq, 10);
  }
  auto index = OpenXapianSearchIndex({dir.path(), nullptr});
  ASSERT_TRUE(index.ok());
  EXPECT_EQ(*(*index)->LastAppliedSeq(), 10);
  EXPECT_EQ(*(*index)->DocumentCount(), 10);

  // Re-applying seq 5 (and the whole batch again) is a no-op.
  std::vector<IndexChange> again{changes[4]};
  auto report = (*index)->Apply(again);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->applied, 0);
  EXPECT_EQ(report->skipped, 1);
  // Even a stale delete of an indexed notice must not apply.
  std::vector<IndexChange> stale_delete{IndexChange::Delete(7, NoticeId{1})};
  ASSERT_TRUE((*index)->Apply(stale_delete).ok());
  report = (*index)->Apply(changes);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->skipped, 10);
  EXPECT_EQ(*(*index)->DocumentCount(), 10);
  EXPECT_EQ(*(*index)->LastAppliedSeq(), 10);

  // A batch overlapping the applied range applies only its new part.
  std::vector<IndexChange> overlap{changes[9], IndexChange::Upsert(11, notices[10])};
  report = (*index)->Apply(overlap);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->applied, 1);
  EXPECT_EQ(report->skipped, 1);
  EXPECT_EQ(*(*index)->LastAppliedSeq(), 11);
  EXPECT_EQ(*(*index)->DocumentCount(), 11);
}

// The changes log also carries suppliers; a batch read past them records how far it read,
// or the notice projection would read them again forever.
TEST(SearchIndexResumeTest, AProgressChangeMovesTheSeqWithoutADocument) {
  TempDir dir("tb-search-progress");
  auto index = OpenXapianSearchIndex({dir.path(), nullptr});
  ASSERT_TRUE(index.ok());
  std::vector<IndexChange> batch{IndexChange::Upsert(1, HandWrittenNotices()[0]),
                                 IndexChange::Progress(4)};
  auto report = (*index)->Apply(batch);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->applied, 1) << "progress is not a document";
  EXPECT_EQ(report->last_seq, 4);
  EXPECT_EQ(*(*index)->DocumentCount(), 1);
  std::vector<IndexChange> only_progress{IndexChange::Progress(3), IndexChange::Progress(9)};
  report = (*index)->Apply(only_progress);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->skipped, 1);
  EXPECT_EQ(*(*index)->LastAppliedSeq(), 9);
  EXPECT_EQ(*(*index)->DocumentCount(), 1);
}

TEST(SearchIndexResumeTest, InvalidBatchWritesNothing) {
  TempDir dir("tb-search-invalid");
  auto index = OpenXapianSearchIndex({dir.path(), nullptr});
  ASSERT_TRUE(index.ok());
  std::vector<Notice> notices = HandWrittenNotices();
  std::vector<IndexChange> out_of_order{IndexChange::Upsert(2, notices[0]),
                                        IndexChange::Upsert(1, notices[1])};
  auto report = (*index)->Apply(out_of_order);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kInvalidArgument);
  IndexChange no_notice;
  no_notice.seq = 1;
  no_notice.id = NoticeId{1};
  std::vector<IndexChange> missing{no_notice};
  EXPECT_FALSE((*index)->Apply(missing).ok());
  EXPECT_EQ(*(*index)->LastAppliedSeq(), 0);
  EXPECT_EQ(*(*index)->DocumentCount(), 0);
}

TEST(SearchIndexResumeTest, ClearEmptiesAndResetsSeq) {
  TempDir dir("tb-search-clear");
  auto index = OpenXapianSearchIndex({dir.path(), nullptr});
  ASSERT_TRUE(index.ok());
  std::vector<IndexChange> changes{IndexChange::Upsert(5, HandWrittenNotices()[0])};
  ASSERT_TRUE((*index)->Apply(changes).ok());
  ASSERT_TRUE((*index)->Clear().ok());
  EXPECT_EQ(*(*index)->LastAppliedSeq(), 0);
  EXPECT_EQ(*(*index)->DocumentCount(), 0);
}

TEST(SearchIndexResumeTest, SecondWriterOnTheSamePathIsUnavailable) {
  TempDir dir("tb-search-lock");
  auto first = OpenXapianSearchIndex({dir.path(), nullptr});
  ASSERT_TRUE(first.ok());
  auto second = OpenXapianSearchIndex({dir.path(), nullptr});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
}

TEST(SearchIndexConcurrencyTest, SearchesRunWhileBatchesAreApplied) {
  TempDir dir("tb-search-concurrent");
  auto opened = OpenXapianSearchIndex({dir.path(), nullptr});
  ASSERT_TRUE(opened.ok());
  SearchIndex& index = **opened;
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::atomic<int> searches{0};
  std::mutex error_mu;
  std::string last_error;
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!done) {
        SearchRequest r = Request("water OR computers");
        auto response = index.Search(r);
        if (!response.ok()) {
          ++failures;
          std::lock_guard lock(error_mu);
          last_error = response.status().ToString();
        }
        ++searches;
      }
    });
  }
  std::int64_t seq = 0;
  for (int round = 0; round < 30; ++round) {
    std::vector<IndexChange> batch;
    for (Notice n : HandWrittenNotices()) {
      n.id = NoticeId{n.id.value + 100 * round};
      batch.push_back(IndexChange::Upsert(++seq, std::move(n)));
    }
    ASSERT_TRUE(index.Apply(batch).ok());
  }
  done = true;
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(failures, 0) << last_error;
  EXPECT_GT(searches, 0);
  auto response = index.Search(Request("construction"));
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->total, 30);
}

TEST(SearchIndexRealDataTest, IndexesAndFindsRealUngmNotices) {
  std::vector<IndexChange> changes;
  std::int64_t id = 0;
  for (auto& record : notices::testing::ReadAll(notices::ImportKind::kUngm,
                                                "ungm-notices/ungm-notices-2024-03.csv")) {
    if (!record.notice) continue;
    record.notice->id = NoticeId{++id};
    changes.push_back(IndexChange::Upsert(id, std::move(*record.notice)));
  }
  ASSERT_GT(changes.size(), 20u);
  TempDir dir("tb-search-real");
  auto index = OpenXapianSearchIndex({dir.path(), nullptr});
  ASSERT_TRUE(index.ok());
  ASSERT_TRUE((*index)->Apply(changes).ok());
  SearchRequest r = Request("solar hybrid");
  r.now = Timestamp::FromSeconds(1'709'251'200);  // 2024-03-01
  auto response = (*index)->Search(r);
  ASSERT_TRUE(response.ok());
  ASSERT_FALSE(response->hits.empty());
  EXPECT_NE(response->hits[0].title.find("olar"), std::string::npos);
  EXPECT_EQ(response->hits[0].countries, std::vector<std::string>{"YE"});
  EXPECT_EQ(response->hits[0].agency, "UNOPS");

  r = Request("");
  r.now = Timestamp::FromSeconds(1'709'251'200);
  auto all = (*index)->Search(r);
  ASSERT_TRUE(all.ok());
  std::int64_t sum = 0;
  for (const FacetValue& f : all->facets.agency) sum += f.count;
  EXPECT_EQ(sum, all->total);  // every notice has exactly one agency
  EXPECT_GT(FacetCount(all->facets.agency, "FAO"), 0);
  EXPECT_GT(FacetCount(all->facets.region, "africa"), 0);
}

}  // namespace
}  // namespace tb::search
