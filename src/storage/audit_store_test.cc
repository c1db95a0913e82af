// The audit log's storage (migration 5) on both engines: appends, heads, the reader, the
// append-only triggers (AU-04) and concurrent appenders (leaf order = commit order).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "audit/audit_log_reader.h"
#include "audit/verifier.h"
#include "storage/audit_append.h"
#include "storage/storage.h"
#include "storage/test_backend.h"

namespace tb::storage {
namespace {

audit::Entry MakeEntry(int i) {
  return {"tender.published",
          Timestamp::FromSeconds(1'800'000'000 + i),
          "user:" + std::to_string(i),
          "tender:ocds-tbrdg1-" + std::to_string(i),
          {{"version", std::to_string(i)}}};
}

class AuditStoreTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    reader_ = MakeAuditLogReader(db());
    ASSERT_TRUE(RegisterAuditSigningKey(db(), key_.public_key(), Timestamp::FromSeconds(1)).ok());
  }

  AuditAppended Append(int i) {
    auto tx = db().Begin(TxMode::kWrite);
    EXPECT_TRUE(tx.ok());
    Result<AuditAppended> appended = AppendAuditEntry(**tx, MakeEntry(i));
    EXPECT_TRUE(appended.ok()) << appended.status().ToString();
    EXPECT_TRUE((*tx)->Commit().ok());
    return appended.ok() ? *appended : AuditAppended{};
  }

  Status StoreHead(const audit::TreeHead& head) {
    TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db().Begin(TxMode::kWrite));
    TB_RETURN_IF_ERROR(StoreTreeHead(*tx, head));
    return tx->Commit();
  }

  audit::VerificationReport VerifyAll() {
    std::optional<audit::LogVerifier> verifier;
    Status scanned = reader_->Scan(
        [&](const std::optional<audit::StoredFrontier>& frontier,
            const std::vector<audit::StoredHead>& heads) {
          verifier.emplace(key_.public_key(), frontier, heads, std::vector<audit::TreeHead>{});
          return Status::Ok();
        },
        [&](const audit::StoredEntry& entry) {
          verifier->Add(entry);
          return Status::Ok();
        });
    EXPECT_TRUE(scanned.ok()) << scanned.ToString();
    return verifier ? verifier->Finish() : audit::VerificationReport{};
  }

  // Runs `sql` in its own write transaction; the status of the statement.
  Status RunSql(const std::string& sql) {
    TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db().Begin(TxMode::kWrite));
    TB_RETURN_IF_ERROR(tx->Execute(sql));
    return tx->Commit();
  }

  crypto::SigningKey key_ = crypto::SigningKey::Generate();
  std::unique_ptr<audit::AuditLogReader> reader_;
};

TEST_P(AuditStoreTest, AppendsInOrderWithRootsAndPathsOfTheGrowingTree) {
  std::vector<audit::Hash> leaves;
  for (int i = 0; i < 21; ++i) {
    const AuditAppended a = Append(i);
    leaves.push_back(audit::LeafHash(audit::Encode(MakeEntry(i))));
    EXPECT_EQ(a.leaf_index, i);
    EXPECT_EQ(a.tree_size, i + 1);
    EXPECT_EQ(a.leaf_hash, leaves.back());
    EXPECT_EQ(a.root, audit::RootOf(leaves));
    EXPECT_TRUE(
        audit::VerifyInclusion(a.leaf_index, a.tree_size, a.leaf_hash, a.inclusion_path, a.root))
        << "leaf " << i;
  }
  ASSERT_EQ(*reader_->Size(), 21);
  Result<std::vector<audit::Hash>> stored = reader_->LeafHashes(0, 21);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(*stored, leaves);
  EXPECT_FALSE(reader_->LeafHashes(3, 22).ok());
  EXPECT_FALSE(reader_->LeafHashes(4, 3).ok());

  const audit::ReaderLeafHashes source(*reader_);
  const audit::InMemoryLeafHashes memory(leaves);
  for (std::int64_t i = 0; i < 21; i += 4) {
    EXPECT_EQ(*audit::InclusionProof(i, 21, source), *audit::InclusionProof(i, 21, memory));
    EXPECT_EQ(*audit::ConsistencyProof(i, 21, source), *audit::ConsistencyProof(i, 21, memory));
  }
}

TEST_P(AuditStoreTest, ARolledBackAppendLeavesNoTrace) {
  Append(0);
  {
    auto tx = db().Begin(TxMode::kWrite);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(AppendAuditEntry(**tx, MakeEntry(1)).ok());
    // destroyed without Commit: the state change it recorded did not happen either
  }
  EXPECT_EQ(*reader_->Size(), 1);
  EXPECT_EQ(Append(2).leaf_index, 1);
  EXPECT_TRUE(VerifyAll().ok());
}

TEST_P(AuditStoreTest, RefusesInvalidEntriesBeforeTouchingTheLog) {
  auto tx = db().Begin(TxMode::kWrite);
  ASSERT_TRUE(tx.ok());
  audit::Entry bad = MakeEntry(0);
  bad.kind = "Not A Kind";
  Result<AuditAppended> r = AppendAuditEntry(**tx, bad);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "kind");
}

TEST_P(AuditStoreTest, StoresEachHeadOnceWithItsKeyAndListsThem) {
  for (int i = 0; i < 5; ++i) Append(i);
  const audit::TreeHead h3 = audit::SignTreeHead(3, audit::RootOf(*reader_->LeafHashes(0, 3)),
                                                 Timestamp::FromSeconds(10), key_);
  const AuditAppended last = Append(5);
  const audit::TreeHead h6 = audit::SignTreeHead(6, last.root, Timestamp::FromSeconds(20), key_);
  ASSERT_TRUE(StoreHead(h3).ok());
  ASSERT_TRUE(StoreHead(h6).ok());
  ASSERT_TRUE(StoreHead(h3).ok()) << "storing the same head again is a no-op";

  Result<std::vector<audit::StoredHead>> heads = reader_->Heads(0, 10);
  ASSERT_TRUE(heads.ok());
  ASSERT_EQ(heads->size(), 2u);
  EXPECT_EQ((*heads)[0].seq, 1);
  EXPECT_EQ((*heads)[0].head, h3);
  EXPECT_EQ((*heads)[0].key_id, key_.KeyId());
  EXPECT_EQ((*heads)[1].head, h6);
  EXPECT_EQ(reader_->Heads(1, 10)->size(), 1u);
  EXPECT_EQ(reader_->Heads(0, 1)->size(), 1u);
  Result<std::optional<audit::StoredHead>> latest = reader_->LatestHead();
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_EQ((*latest)->head, h6);

  const audit::VerificationReport report = VerifyAll();
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
  EXPECT_EQ(report.stored_heads, 2);

  Result<AuditTreeState> state = [&]() -> Result<AuditTreeState> {
    TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db().Begin(TxMode::kWrite));
    return ReadAuditTree(*tx);
  }();
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->size, 6);
  EXPECT_EQ(state->root, last.root);
  EXPECT_EQ(state->head_count, 2);
  EXPECT_EQ(state->latest_head_size, 6);
}

TEST_P(AuditStoreTest, RefusesHeadsNoRegisteredKeySignedOrBeyondTheLog) {
  Append(0);
  const AuditAppended a = Append(1);
  const crypto::SigningKey stranger = crypto::SigningKey::Generate();
  EXPECT_EQ(StoreHead(audit::SignTreeHead(2, a.root, Timestamp::FromSeconds(5), stranger)).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(StoreHead(audit::SignTreeHead(3, a.root, Timestamp::FromSeconds(5), key_)).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_TRUE(reader_->Heads(0, 10)->empty());
}

TEST_P(AuditStoreTest, TriggersRefuseEveryInPlaceChangeOfTheLog) {
  for (int i = 0; i < 4; ++i) Append(i);
  const AuditAppended last = Append(4);
  ASSERT_TRUE(
      StoreHead(audit::SignTreeHead(last.tree_size, last.root, Timestamp::FromSeconds(9), key_))
          .ok());
  const std::string blob = is_postgres() ? "'\\x00'::bytea" : "x'00'";
  const std::vector<std::string> statements = {
      "UPDATE audit_entries SET at_us = at_us + 1 WHERE leaf_index = 2",
      "UPDATE audit_entries SET entry = " + blob + " WHERE leaf_index = 0",
      "UPDATE audit_entries SET leaf_index = 100 WHERE leaf_index = 4",
      "DELETE FROM audit_entries WHERE leaf_index = 4",
      "DELETE FROM audit_entries",
      "UPDATE audit_tree_heads SET size = 1",
      "UPDATE audit_tree_heads SET signature = " + blob,
      "DELETE FROM audit_tree_heads",
      "DELETE FROM audit_frontier",
      "UPDATE audit_frontier SET size = 2",
      "UPDATE audit_frontier SET nodes = " + blob,
      "UPDATE audit_frontier SET head_count = 0",
      "UPDATE audit_frontier SET size = size + 1",
      "UPDATE audit_frontier SET head_count = head_count + 1",
      "UPDATE audit_signing_keys SET key_id = 'x'",
      "DELETE FROM audit_signing_keys",
  };
  std::vector<std::string> engine_statements = statements;
  if (is_postgres()) {
    for (const char* table : {"audit_entries", "audit_tree_heads", "audit_frontier"}) {
      engine_statements.push_back(std::string("TRUNCATE ") + table);
    }
  }
  for (const std::string& sql : engine_statements) {
    EXPECT_FALSE(RunSql(sql).ok()) << "not refused: " << sql;
  }
  const audit::VerificationReport report = VerifyAll();
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
  EXPECT_EQ(report.entries, 5);
  EXPECT_EQ(report.stored_heads, 1);
}

TEST_P(AuditStoreTest, ConcurrentAppendersKeepOneValidTreeInCommitOrder) {
  constexpr int kThreads = 6;
  constexpr int kPerThread = 25;
  std::vector<std::vector<AuditAppended>> results(kThreads);
  std::vector<std::vector<audit::TreeHead>> heads(kThreads);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const int n = t * 1000 + i;
        for (int attempt = 0; attempt < 20; ++attempt) {
          auto tx = db().Begin(TxMode::kWrite);
          if (!tx.ok()) continue;  // busy: try again
          Result<AuditAppended> a = AppendAuditEntry(**tx, MakeEntry(n));
          if (!a.ok()) continue;
          // A receipt signs a head of the tree it landed in, stored in the same transaction.
          const audit::TreeHead head =
              audit::SignTreeHead(a->tree_size, a->root, Timestamp::FromSeconds(n), key_);
          if (i % 5 == 0 && !StoreTreeHead(**tx, head).ok()) continue;
          if (!(*tx)->Commit().ok()) continue;
          results[t].push_back(*a);
          heads[t].push_back(head);
          break;
        }
        if (static_cast<int>(results[t].size()) != i + 1) ++failures;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  ASSERT_EQ(failures.load(), 0);

  const std::int64_t total = kThreads * kPerThread;
  ASSERT_EQ(*reader_->Size(), total);
  const std::vector<audit::Hash> leaves = *reader_->LeafHashes(0, total);
  std::vector<int> seen(total, 0);
  for (int t = 0; t < kThreads; ++t) {
    std::int64_t previous = -1;
    for (std::size_t i = 0; i < results[t].size(); ++i) {
      const AuditAppended& a = results[t][i];
      ++seen[a.leaf_index];
      EXPECT_GT(a.leaf_index, previous) << "a thread's later commit has a later leaf";
      previous = a.leaf_index;
      // The root each appender saw is the final tree's root at its size: every appender read
      // the frontier its predecessor committed, so leaf order is commit order.
      EXPECT_EQ(a.root, audit::RootOf(std::span(leaves.data(), a.tree_size)));
      EXPECT_EQ(a.leaf_hash, leaves[a.leaf_index]);
      EXPECT_TRUE(
          audit::VerifyInclusion(a.leaf_index, a.tree_size, a.leaf_hash, a.inclusion_path, a.root));
    }
  }
  for (std::int64_t i = 0; i < total; ++i) EXPECT_EQ(seen[i], 1) << "leaf " << i;

  std::vector<audit::TreeHead> external;
  for (const auto& list : heads) external.insert(external.end(), list.begin(), list.end());
  std::optional<audit::LogVerifier> verifier;
  ASSERT_TRUE(reader_
                  ->Scan(
                      [&](const std::optional<audit::StoredFrontier>& frontier,
                          const std::vector<audit::StoredHead>& stored) {
                        verifier.emplace(key_.public_key(), frontier, stored, external);
                        return Status::Ok();
                      },
                      [&](const audit::StoredEntry& e) {
                        verifier->Add(e);
                        return Status::Ok();
                      })
                  .ok());
  const audit::VerificationReport report = verifier->Finish();
  EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
  EXPECT_EQ(report.stored_heads, kThreads * kPerThread / 5);
  EXPECT_EQ(report.external_heads, total);
}

TB_INSTANTIATE_BACKENDS(AuditStoreTest);

}  // namespace
}  // namespace tb::storage
