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
// The head is stored with the id of the registered signing key its signature verifies with
// (RegisterAuditSigningKey); FailedPrecondition when no registered key verifies it, so a head
// nobody could check is never stored. Takes the same lock as AppendAuditEntry.
Status StoreTreeHead(Transaction& tx, const audit::TreeHead& head);

// Records `public_key` as a key tree heads may be signed with (audit_signing_keys; once per
// key, a no-op afterwards). `serve` registers the platform key at start. The verifier never
// trusts this table: an auditor names the keys to verify with.
Status RegisterAuditSigningKey(Database& db, const std::array<std::uint8_t, 32>& public_key,
                               Timestamp now);

// The log as the appender sees it inside `tx`, after taking the append lock: its size, root,
// how many heads are stored and the size of the newest one (-1 when none). The head publisher
// signs and stores a head in the same transaction, so no append can slip in between.
struct AuditTreeState {
  std::int64_t size = 0;
  std::array<std::uint8_t, 32> root{};
  std::int64_t head_count = 0;
  std::int64_t latest_head_size = -1;
};
Result<AuditTreeState> ReadAuditTree(Transaction& tx);

}  // namespace tb::storage
