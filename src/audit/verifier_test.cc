#include "audit/verifier.h"

#include <gtest/gtest.h>

#include "audit/entry.h"

namespace tb::audit {
namespace {

// A log built the way storage::AppendAuditEntry and StoreTreeHead build it, in memory.
struct MemoryLog {
  crypto::SigningKey key = crypto::SigningKey::Generate();
  std::vector<StoredEntry> entries;
  std::vector<StoredHead> heads;
  StoredFrontier frontier;
  Frontier tree;

  void Append(int i) {
    Entry e{"bid.received",
            Timestamp::FromSeconds(1'800'000'000 + i),
            "user:" + std::to_string(i),
            "bid:" + std::to_string(i),
            {{"tender", "ocds-tbrdg1-000001"}}};
    const std::vector<std::uint8_t> bytes = Encode(e);
    const Hash leaf = LeafHash(bytes);
    entries.push_back(
        {tree.size(), bytes, std::vector<std::uint8_t>(leaf.begin(), leaf.end()), e.at.micros()});
    tree.Append(leaf);
    SyncFrontier();
  }
  TreeHead SignHead() {
    return SignTreeHead(tree.size(), tree.Root(),
                        Timestamp::FromSeconds(1'900'000'000 + tree.size()), key);
  }
  void StoreHead() {
    heads.push_back({static_cast<std::int64_t>(heads.size()) + 1, SignHead(), key.KeyId(), {}});
    frontier.head_count = static_cast<std::int64_t>(heads.size());
  }
  void SyncFrontier() {
    frontier.size = tree.size();
    frontier.nodes.clear();
    for (const Hash& n : tree.nodes())
      frontier.nodes.insert(frontier.nodes.end(), n.begin(), n.end());
  }
  VerificationReport Verify(std::span<const TreeHead> external = {}) const {
    return VerifyLog(key.public_key(), frontier, heads, entries, external);
  }
};

MemoryLog Build(int n, int head_every) {
  MemoryLog log;
  log.StoreHead();  // a head of the empty log
  for (int i = 0; i < n; ++i) {
    log.Append(i);
    if ((i + 1) % head_every == 0) log.StoreHead();
  }
  if (n % head_every != 0) log.StoreHead();
  return log;
}

std::string FirstProblem(const VerificationReport& r) {
  return r.problems.empty() ? std::string("(none)") : r.problems.front();
}

TEST(LogVerifier, AcceptsAnUntouchedLog) {
  const MemoryLog log = Build(37, 5);
  const VerificationReport r = log.Verify();
  EXPECT_TRUE(r.ok()) << FirstProblem(r);
  EXPECT_EQ(r.entries, 37);
  EXPECT_EQ(r.stored_heads, 9);  // the empty log, every 5th entry, the last
  EXPECT_EQ(r.root, log.tree.Root());
}

TEST(LogVerifier, AcceptsAnEmptyLog) {
  MemoryLog log;
  EXPECT_TRUE(log.Verify().ok());
  log.StoreHead();
  EXPECT_TRUE(log.Verify().ok()) << FirstProblem(log.Verify());
}

TEST(LogVerifier, ReportsTheFirstProblemPrecisely) {
  struct Case {
    std::string name;
    std::function<void(MemoryLog&)> tamper;
    std::string expected;  // a piece of the first problem's text
  };
  const std::vector<Case> cases = {
      {"entry byte", [](MemoryLog& l) { l.entries[7].entry.back() ^= 1; },
       "leaf 7: the stored leaf hash"},
      {"entry made non-canonical", [](MemoryLog& l) { l.entries[3].entry.push_back(0); },
       "leaf 3: the entry is not a canonical version-1 entry"},
      {"leaf hash", [](MemoryLog& l) { l.entries[9].leaf_hash[0] ^= 1; },
       "leaf 9: the stored leaf hash"},
      {"at_us", [](MemoryLog& l) { l.entries[2].at_us += 1; }, "leaf 2: at_us is"},
      {"entry and leaf hash rewritten together",
       [](MemoryLog& l) {
         Entry e = *Decode(l.entries[4].entry);
         e.actor = "user:999";
         l.entries[4].entry = Encode(e);
         const Hash h = LeafHash(l.entries[4].entry);
         l.entries[4].leaf_hash.assign(h.begin(), h.end());
       },
       "stored head 2 (size 5): its root"},
      {"row deleted", [](MemoryLog& l) { l.entries.erase(l.entries.begin() + 12); },
       "leaf 13: leaves 12..12 are missing"},
      {"rows swapped",
       [](MemoryLog& l) {
         std::swap(l.entries[20].entry, l.entries[21].entry);
         std::swap(l.entries[20].leaf_hash, l.entries[21].leaf_hash);
         std::swap(l.entries[20].at_us, l.entries[21].at_us);
       },
       "stored head 6 (size 25): its root"},
      {"last rows truncated", [](MemoryLog& l) { l.entries.resize(35); },
       "stored head 9 (size 37) covers 37 entries but the log has only 35"},
      {"head size", [](MemoryLog& l) { l.heads[3].head.size += 1; },
       "stored head 4 (size 16): the signature does not verify"},
      {"head root", [](MemoryLog& l) { l.heads[3].head.root[5] ^= 1; },
       "stored head 4 (size 15): the signature does not verify"},
      {"head time",
       [](MemoryLog& l) { l.heads[3].head.at = l.heads[3].head.at + std::chrono::seconds(1); },
       "stored head 4 (size 15): the signature does not verify"},
      {"head signature", [](MemoryLog& l) { l.heads[3].head.signature[63] ^= 1; },
       "stored head 4 (size 15): the signature does not verify"},
      {"head key id", [](MemoryLog& l) { l.heads[3].key_id = "0000000000000000"; },
       "stored head 4 (size 15) names key 0000000000000000"},
      {"middle head deleted", [](MemoryLog& l) { l.heads.erase(l.heads.begin() + 4); },
       "the log recorded 9 stored tree heads but 8"},
      {"heads reordered", [](MemoryLog& l) { std::swap(l.heads[2].head, l.heads[3].head); },
       "stored head 4 (size 10) is smaller than the head stored before it (size 15)"},
      {"frontier size", [](MemoryLog& l) { l.frontier.size = 36; },
       "the log recorded 36 entries but 37"},
      {"frontier node", [](MemoryLog& l) { l.frontier.nodes[3] ^= 1; },
       "the stored frontier differs"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    MemoryLog log = Build(37, 5);
    c.tamper(log);
    const VerificationReport r = log.Verify();
    ASSERT_FALSE(r.ok());
    EXPECT_NE(FirstProblem(r).find(c.expected), std::string::npos) << FirstProblem(r);
  }
}

TEST(LogVerifier, AHeadHeldOutsideCatchesWhatTheDatabaseAloneCannot) {
  // An attacker who removes the newest entries and head and rewrites the frontier to match
  // leaves a database that agrees with itself; a head a bidder kept in a receipt does not.
  MemoryLog log = Build(30, 10);
  const TreeHead receipt_head = log.heads.back().head;
  MemoryLog shorter = Build(20, 10);
  shorter.key = log.key;
  shorter.heads.assign(log.heads.begin(), log.heads.begin() + 3);
  shorter.frontier.head_count = 3;
  shorter.entries.assign(log.entries.begin(), log.entries.begin() + 20);
  EXPECT_TRUE(shorter.Verify().ok()) << FirstProblem(shorter.Verify());
  const std::vector<TreeHead> external = {receipt_head};
  const VerificationReport r = shorter.Verify(external);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(FirstProblem(r).find("given head 1 (size 30) covers 30 entries"), std::string::npos)
      << FirstProblem(r);
  EXPECT_TRUE(log.Verify(external).ok());
}

TEST(LogVerifier, RejectsHeadsSignedByAnotherKey) {
  MemoryLog log = Build(8, 4);
  const TreeHead forged = SignTreeHead(log.tree.size(), log.tree.Root(), Timestamp::FromSeconds(1),
                                       crypto::SigningKey::Generate());
  const std::vector<TreeHead> external = {forged};
  const VerificationReport r = log.Verify(external);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(FirstProblem(r).find("given head 1 (size 8): the signature does not verify"),
            std::string::npos);
}

TEST(LogVerifier, CapsTheReportButCountsEveryProblem) {
  MemoryLog log = Build(40, 40);
  for (StoredEntry& e : log.entries) e.leaf_hash[0] ^= 1;
  const VerificationReport r = log.Verify();
  EXPECT_EQ(r.problem_count, 40);
  EXPECT_EQ(r.problems.size(), VerificationReport::kMaxReportedProblems);
}

}  // namespace
}  // namespace tb::audit
