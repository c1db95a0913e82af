#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/merkle.h"
#include "audit/tree_head.h"
#include "core/result.h"

namespace tb::audit {

// One row of the log as stored (audit_entries): the canonical entry bytes, the leaf hash kept
// beside them and the entry's time as a column. The verifier trusts none of the three.
struct StoredEntry {
  std::int64_t leaf_index = 0;
  std::vector<std::uint8_t> entry;
  std::vector<std::uint8_t> leaf_hash;
  std::int64_t at_us = 0;
};

// A signed tree head as stored (audit_tree_heads): `seq` numbers the stored heads 1, 2, ...
// in the order they were stored; `key_id` names the key that signed it.
struct StoredHead {
  std::int64_t seq = 0;
  TreeHead head;
  std::string key_id;
  // Why the row could not be read as a head ("root is 33 bytes"); empty for a well-formed row.
  std::string defect;
};

// The appender's state (audit_frontier): the log's size, the frontier's nodes as one blob
// (32 bytes each, left to right) and how many heads have been stored.
struct StoredFrontier {
  std::int64_t size = 0;
  std::vector<std::uint8_t> nodes;
  std::int64_t head_count = 0;
};

// Read access to the stored audit log, for the proof routes, the publisher and
// `tenderbridge audit verify`. storage/ implements it (storage::MakeAuditLogReader).
// Thread-safe; every call reads committed data only.
class AuditLogReader {
 public:
  virtual ~AuditLogReader() = default;

  // The number of leaves committed.
  virtual Result<std::int64_t> Size() = 0;

  // The stored leaf hashes of leaves [begin, end). InvalidArgument unless
  // 0 <= begin <= end <= Size().
  virtual Result<std::vector<Hash>> LeafHashes(std::int64_t begin, std::int64_t end) = 0;

  // Up to `limit` stored heads with seq > `after_seq`, in seq order.
  virtual Result<std::vector<StoredHead>> Heads(std::int64_t after_seq, int limit) = 0;

  // The most recently stored head; nullopt when none has been stored.
  virtual Result<std::optional<StoredHead>> LatestHead() = 0;

  // The whole log as stored, from one consistent snapshot: first `on_state` with the frontier
  // row (nullopt when it is missing) and every stored head in seq order, then `on_entry` for
  // every audit_entries row in leaf_index order. Stops at the first error a callback returns.
  virtual Status Scan(const std::function<Status(const std::optional<StoredFrontier>& frontier,
                                                 const std::vector<StoredHead>& heads)>& on_state,
                      const std::function<Status(const StoredEntry& entry)>& on_entry) = 0;
};

// A LeafHashSource over a reader, for InclusionProof and ConsistencyProof. `reader` must
// outlive it.
class ReaderLeafHashes final : public LeafHashSource {
 public:
  explicit ReaderLeafHashes(AuditLogReader& reader) : reader_(reader) {}
  Result<std::vector<Hash>> LeafHashes(std::int64_t begin, std::int64_t end) const override {
    return reader_.LeafHashes(begin, end);
  }

 private:
  AuditLogReader& reader_;
};

}  // namespace tb::audit
