// The change log's ordering guarantee (ARCHITECTURE.md §3 "Mind the gap"): a projection that
// polls ReadSince(last_seq) sees every change exactly once, in seq order, even while several
// writers commit concurrently.
#include "storage/change_log.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "storage/storage.h"
#include "storage/test_backend.h"

namespace tb::storage {
namespace {

using testing::MergeLikeImporter;
using testing::SimpleNotice;

class ChangeLogTest : public testing::BackendTest {};

TEST_P(ChangeLogTest, EmptyLog) {
  ChangeLog log(db());
  EXPECT_EQ(*log.LatestSeq(), 0);
  auto changes = log.ReadSince(0, 10);
  ASSERT_TRUE(changes.ok());
  EXPECT_TRUE(changes->empty());
  EXPECT_EQ(log.ReadSince(0, 0).status().field(), "limit");
}

TEST_P(ChangeLogTest, RolledBackAppendLeavesNoRow) {
  {
    auto tx = db().Begin(TxMode::kWrite);
    ASSERT_TRUE(tx.ok());
    const Change c{0, "notice", 7, "create", {}};
    ASSERT_TRUE(AppendChanges(**tx, std::span(&c, 1), Timestamp::FromSeconds(1)).ok());
  }
  EXPECT_EQ(*ChangeLog(db()).LatestSeq(), 0);
}

// Several writers commit notices while a reader polls like a projection. Every writer
// transaction also sleeps between its notice writes and its commit (by writing several
// notices), which is when a sequence-before-commit design would expose a gap.
TEST_P(ChangeLogTest, ConcurrentWritersAreSeenInOrderWithoutGaps) {
  constexpr int kWriters = 4;
  constexpr int kBatchesPerWriter = 25;
  constexpr int kBatchSize = 3;
  FakeClock clock(Timestamp::FromSeconds(1));
  auto store = MakeNoticeStore(db(), clock);
  std::atomic<int> running{kWriters};
  std::atomic<bool> failed{false};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int b = 0; b < kBatchesPerWriter && !failed; ++b) {
        std::vector<notices::Notice> batch;
        for (int i = 0; i < kBatchSize; ++i) {
          batch.push_back(SimpleNotice("w" + std::to_string(w) + "-" + std::to_string(b) + "-" +
                                       std::to_string(i)));
        }
        auto r = store->UpsertBatch(batch, MergeLikeImporter);
        if (!r.ok()) {
          ADD_FAILURE() << r.status().ToString();
          failed = true;
        }
      }
      --running;
    });
  }
  ChangeLog log(db());
  std::int64_t last = 0;
  std::set<std::int64_t> ids;
  std::int64_t reads = 0;
  for (;;) {
    const bool done = running == 0;  // read once more after the writers finish
    auto changes = log.ReadSince(last, 7);
    ASSERT_TRUE(changes.ok()) << changes.status().ToString();
    ++reads;
    for (const Change& c : *changes) {
      ASSERT_EQ(c.seq, last + 1) << "a seq was skipped or repeated";
      last = c.seq;
      EXPECT_TRUE(ids.insert(c.id).second) << "notice " << c.id << " seen twice";
    }
    if (done && changes->empty()) break;
  }
  for (std::thread& t : writers) t.join();
  EXPECT_EQ(static_cast<int>(ids.size()), kWriters * kBatchesPerWriter * kBatchSize);
  EXPECT_EQ(last, kWriters * kBatchesPerWriter * kBatchSize);
  EXPECT_EQ(*store->Count(), kWriters * kBatchesPerWriter * kBatchSize);
  EXPECT_GT(reads, 1);
}

TB_INSTANTIATE_BACKENDS(ChangeLogTest);

}  // namespace
}  // namespace tb::storage
