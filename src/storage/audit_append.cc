// The only writer of the audit tables (migration 5, docs/audit-log.md).
#include "storage/audit_append.h"

#include <algorithm>

#include "audit/merkle.h"
#include "audit/verifier.h"
#include "crypto/signing.h"
#include "storage/database.h"

namespace tb::storage {
namespace {

// Key of the advisory lock that orders audit appends on PostgreSQL ("tbaud"). Held until the
// appending transaction ends, so the next appender reads the frontier this one wrote: leaf
// order is commit order. Take it before the change log's lock (AppendChanges), never after.
constexpr std::int64_t kAuditLockKey = 0x7462617564;

struct FrontierRow {
  audit::Frontier frontier;
  std::int64_t head_count = 0;
};

Result<FrontierRow> ReadFrontierRow(Transaction& tx) {
  TB_ASSIGN_OR_RETURN(
      Statement * select,
      tx.Prepare("SELECT size, nodes, head_count FROM audit_frontier WHERE id = 1"));
  TB_ASSIGN_OR_RETURN(bool row, select->Step());
  if (!row) return Status::Internal("the audit_frontier row is missing");
  const std::int64_t size = select->Int64(0);
  const std::vector<std::uint8_t> blob = select->Blob(1);
  FrontierRow out;
  out.head_count = select->Int64(2);
  if (blob.size() % 32 != 0) return Status::Internal("the audit frontier is corrupt");
  std::vector<audit::Hash> nodes(blob.size() / 32);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    std::copy_n(blob.begin() + static_cast<std::ptrdiff_t>(i * 32), 32, nodes[i].begin());
  }
  Result<audit::Frontier> frontier = audit::Frontier::FromNodes(size, std::move(nodes));
  if (!frontier.ok()) {
    return Status::Internal("the audit frontier is corrupt: " + frontier.status().message());
  }
  out.frontier = std::move(frontier).value();
  return out;
}

std::vector<std::uint8_t> NodesBlob(const audit::Frontier& frontier) {
  std::vector<std::uint8_t> blob;
  blob.reserve(frontier.nodes().size() * 32);
  for (const audit::Hash& node : frontier.nodes())
    blob.insert(blob.end(), node.begin(), node.end());
  return blob;
}

Result<std::int64_t> LatestHeadSize(Transaction& tx) {
  TB_ASSIGN_OR_RETURN(Statement * select,
                      tx.Prepare("SELECT size FROM audit_tree_heads ORDER BY seq DESC LIMIT 1"));
  TB_ASSIGN_OR_RETURN(bool row, select->Step());
  return row ? select->Int64(0) : std::int64_t{-1};
}

}  // namespace

Result<AuditAppended> AppendAuditEntry(Transaction& tx, const audit::Entry& entry) {
  TB_RETURN_IF_ERROR(audit::Validate(entry));
  TB_RETURN_IF_ERROR(tx.LockUntilCommit(kAuditLockKey));
  // Read only after the lock is held: the previous appender has committed by then, so this
  // statement sees its frontier (PostgreSQL runs these transactions at READ COMMITTED).
  TB_ASSIGN_OR_RETURN(FrontierRow row, ReadFrontierRow(tx));
  audit::Frontier& frontier = row.frontier;
  const std::int64_t old_size = frontier.size();

  const std::vector<std::uint8_t> bytes = audit::Encode(entry);
  AuditAppended out;
  out.leaf_index = old_size;
  out.leaf_hash = audit::LeafHash(bytes);
  out.inclusion_path = frontier.NextLeafPath();
  frontier.Append(out.leaf_hash);
  out.tree_size = frontier.size();
  out.root = frontier.Root();

  TB_ASSIGN_OR_RETURN(Statement * insert,
                      tx.Prepare("INSERT INTO audit_entries (leaf_index, entry, leaf_hash, at_us) "
                                 "VALUES (?, ?, ?, ?)"));
  insert->BindInt64(1, out.leaf_index)
      .BindBlob(2, bytes)
      .BindBlob(3, out.leaf_hash)
      .BindInt64(4, entry.at.micros());
  TB_RETURN_IF_ERROR(insert->Run());
  // `size = old` guards against a writer that skipped the lock: it would change no row.
  TB_ASSIGN_OR_RETURN(
      Statement * update,
      tx.Prepare("UPDATE audit_frontier SET size = ?, nodes = ? WHERE id = 1 AND size = ?"));
  const std::vector<std::uint8_t> nodes = NodesBlob(frontier);
  update->BindInt64(1, frontier.size()).BindBlob(2, nodes).BindInt64(3, old_size);
  TB_RETURN_IF_ERROR(update->Run());
  if (update->ChangedRows() != 1) {
    return Status::Internal("the audit frontier changed during an append");
  }
  return out;
}

Status StoreTreeHead(Transaction& tx, const audit::TreeHead& head) {
  TB_ASSIGN_OR_RETURN(Statement * keys,
                      tx.Prepare("SELECT key_id, public_key FROM audit_signing_keys"));
  std::string key_id;
  bool any_key = false;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, keys->Step());
    if (!row) break;
    any_key = true;
    const std::vector<std::uint8_t> blob = keys->Blob(1);
    if (blob.size() != 32) continue;
    std::array<std::uint8_t, 32> public_key{};
    std::copy(blob.begin(), blob.end(), public_key.begin());
    if (key_id.empty() && audit::VerifyTreeHead(head, public_key)) key_id = keys->Text(0);
  }
  if (key_id.empty()) {
    return Status::FailedPrecondition(
        any_key ? "the tree head is not signed by a registered audit signing key"
                : "no audit signing key is registered (storage::RegisterAuditSigningKey)");
  }
  TB_RETURN_IF_ERROR(tx.LockUntilCommit(kAuditLockKey));
  TB_ASSIGN_OR_RETURN(FrontierRow row, ReadFrontierRow(tx));
  if (head.size > row.frontier.size()) {
    return Status::FailedPrecondition("a tree head of size " + std::to_string(head.size) +
                                      " is beyond the log's " +
                                      std::to_string(row.frontier.size()) + " entries")
        .WithField("size");
  }
  const std::int64_t seq = row.head_count + 1;
  TB_ASSIGN_OR_RETURN(
      Statement * insert,
      tx.Prepare("INSERT INTO audit_tree_heads (seq, size, root, at_us, signature, key_id) "
                 "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (size, root, at_us) DO NOTHING"));
  insert->BindInt64(1, seq)
      .BindInt64(2, head.size)
      .BindBlob(3, head.root)
      .BindInt64(4, head.at.micros())
      .BindBlob(5, head.signature)
      .BindText(6, key_id);
  TB_RETURN_IF_ERROR(insert->Run());
  if (insert->ChangedRows() == 0) return Status::Ok();  // stored before
  TB_ASSIGN_OR_RETURN(
      Statement * update,
      tx.Prepare("UPDATE audit_frontier SET head_count = ? WHERE id = 1 AND head_count = ?"));
  update->BindInt64(1, seq).BindInt64(2, row.head_count);
  TB_RETURN_IF_ERROR(update->Run());
  if (update->ChangedRows() != 1) {
    return Status::Internal("the audit frontier changed while a tree head was stored");
  }
  return Status::Ok();
}

Status RegisterAuditSigningKey(Database& db, const std::array<std::uint8_t, 32>& public_key,
                               Timestamp now) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(Statement * insert,
                      tx->Prepare("INSERT INTO audit_signing_keys (key_id, public_key, "
                                  "registered_at_us) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"));
  insert->BindText(1, crypto::KeyIdOf(public_key))
      .BindBlob(2, public_key)
      .BindInt64(3, now.micros());
  TB_RETURN_IF_ERROR(insert->Run());
  return tx->Commit();
}

Result<AuditTreeState> ReadAuditTree(Transaction& tx) {
  TB_RETURN_IF_ERROR(tx.LockUntilCommit(kAuditLockKey));
  TB_ASSIGN_OR_RETURN(FrontierRow row, ReadFrontierRow(tx));
  AuditTreeState state;
  state.size = row.frontier.size();
  state.root = row.frontier.Root();
  state.head_count = row.head_count;
  TB_ASSIGN_OR_RETURN(state.latest_head_size, LatestHeadSize(tx));
  return state;
}

}  // namespace tb::storage
