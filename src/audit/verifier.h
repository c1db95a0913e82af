#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "audit/audit_log_reader.h"
#include "audit/merkle.h"
#include "audit/tree_head.h"

namespace tb::audit {

// What a whole-log verification found. `problems` holds the first kMaxReportedProblems
// findings in the order they were found (the first is the earliest place the log goes
// wrong); `problem_count` counts them all.
struct VerificationReport {
  static constexpr std::size_t kMaxReportedProblems = 20;

  std::int64_t entries = 0;         // rows read
  Hash root{};                      // root recomputed from the entries
  std::int64_t stored_heads = 0;    // heads read from the database
  std::int64_t external_heads = 0;  // heads given from outside (receipts, published heads)
  std::int64_t problem_count = 0;
  std::vector<std::string> problems;

  bool ok() const { return problem_count == 0; }
};

// Re-verifies a stored audit log from its rows (SECURITY.md AU-02..AU-04, DU-07), trusting
// nothing stored but the public key it is given:
//  - leaf indexes run 0, 1, 2, ... without a gap;
//  - every entry is canonical (Decode, version 1), its at_us column equals its time, and its
//    stored leaf hash equals SHA-256(0x00 || entry);
//  - the tree is rebuilt from the entries; every head (stored or external) is signed by
//    one of `public_keys` (a stored head: the key its key_id names) and its root equals the
//    recomputed root of its first `size` leaves, which is the strongest form of "consistent with
//    the final tree";
//  - stored heads are numbered 1..k without a gap, name the key, never shrink, and k and the
//    log's size equal what the appender recorded in the frontier row, whose nodes must equal
//    the recomputed frontier (a deleted or truncated row shows there).
// Feed entries with Add() in leaf_index order, then call Finish(). Not thread-safe.
class LogVerifier {
 public:
  using PublicKey = std::array<std::uint8_t, 32>;

  // `public_keys`: every key the platform has signed heads with (one, unless it was rotated).
  LogVerifier(std::vector<PublicKey> public_keys, std::optional<StoredFrontier> frontier,
              std::vector<StoredHead> stored_heads, std::vector<TreeHead> external_heads);
  LogVerifier(const PublicKey& public_key, std::optional<StoredFrontier> frontier,
              std::vector<StoredHead> stored_heads, std::vector<TreeHead> external_heads)
      : LogVerifier(std::vector<PublicKey>{public_key}, std::move(frontier),
                    std::move(stored_heads), std::move(external_heads)) {}

  void Add(const StoredEntry& row);
  VerificationReport Finish();

 private:
  struct PendingHead {
    std::int64_t size;
    Hash root;
    std::string label;  // "stored head 4 (size 120)", "given head 2 (size 7)"
  };

  void Problem(std::string message);
  void CheckHeadsUpTo(std::int64_t size);

  std::vector<PublicKey> public_keys_;
  std::optional<StoredFrontier> frontier_row_;
  std::vector<PendingHead> pending_;  // sorted by size, checked as the tree reaches each size
  std::size_t next_pending_ = 0;
  Frontier tree_;
  std::int64_t expected_index_ = 0;
  VerificationReport report_;
};

// Convenience over LogVerifier for rows held in memory.
VerificationReport VerifyLog(const std::array<std::uint8_t, 32>& public_key,
                             const std::optional<StoredFrontier>& frontier,
                             std::span<const StoredHead> stored_heads,
                             std::span<const StoredEntry> entries,
                             std::span<const TreeHead> external_heads = {});

}  // namespace tb::audit
