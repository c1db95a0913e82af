#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "audit/entry.h"
#include "audit/tree_head.h"
#include "core/result.h"
#include "storage/database.h"

namespace tb::storage {

// Where an entry landed in the audit log's Merkle tree, right after it was appended.
struct AuditAppended {
  std::int64_t leaf_index = 0;  // 0-based
  std::int64_t tree_size = 0;   // leaf_index + 1 inside the appending transaction
  std::array<std::uint8_t, 32> leaf_hash{};  // SHA-256(0x00 || Encode(entry)), RFC 6962
  std::array<std::uint8_t, 32> root{};       // root of the tree of `tree_size` leaves
  // The audit path of this leaf in the tree of `tree_size` leaves (RFC 6962 §2.1.1): for the
  // newest leaf it is the log's frontier, so a receipt can carry it without reading the log.
  std::vector<std::array<std::uint8_t, 32>> inclusion_path;
};

// Appends `entry` to the audit log inside `tx`, the same write transaction as the state
// change it records (AU-01), so both commit or neither does. Serialises appends (on
// PostgreSQL with Transaction::LockUntilCommit) so that leaf order is commit order. Every
// store that records a procurement event calls this; it is the only writer of the audit
// tables.
Result<AuditAppended> AppendAuditEntry(Transaction& tx, const audit::Entry& entry);

// Records a signed tree head handed out (in a receipt, at a deadline, at an opening, or by the
// minute publisher) inside `tx`, so that `tenderbridge audit verify` checks every head anyone
// was ever given against the final tree (AU-03). Storing the same head twice is a no-op.
Status StoreTreeHead(Transaction& tx, const audit::TreeHead& head);

}  // namespace tb::storage
