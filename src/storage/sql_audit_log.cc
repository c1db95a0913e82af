#include "storage/sql_audit_log.h"

#include <algorithm>

#include "storage/database.h"
#include "storage/storage.h"

namespace tb::storage {
namespace {

constexpr int kScanPageRows = 2000;
constexpr std::string_view kHeadColumns = "seq, size, root, at_us, signature, key_id";

template <std::size_t N>
bool CopyExact(const std::vector<std::uint8_t>& blob, std::array<std::uint8_t, N>& out) {
  std::copy_n(blob.begin(), std::min(blob.size(), N), out.begin());
  return blob.size() == N;
}

audit::StoredHead HeadFromRow(const Statement& row) {
  audit::StoredHead h;
  h.seq = row.Int64(0);
  h.head.size = row.Int64(1);
  h.head.at = Timestamp::FromMicros(row.Int64(3));
  h.key_id = row.Text(5);
  const std::vector<std::uint8_t> root = row.Blob(2);
  const std::vector<std::uint8_t> signature = row.Blob(4);
  if (!CopyExact(root, h.head.root)) {
    h.defect = "root is " + std::to_string(root.size()) + " bytes, not 32";
  }
  if (!CopyExact(signature, h.head.signature)) {
    h.defect = "signature is " + std::to_string(signature.size()) + " bytes, not 64";
  }
  return h;
}

Result<std::optional<audit::StoredFrontier>> ReadFrontier(Transaction& tx) {
  TB_ASSIGN_OR_RETURN(
      Statement * select,
      tx.Prepare("SELECT size, nodes, head_count FROM audit_frontier WHERE id = 1"));
  TB_ASSIGN_OR_RETURN(bool row, select->Step());
  if (!row) return std::optional<audit::StoredFrontier>();
  return std::optional<audit::StoredFrontier>(
      audit::StoredFrontier{select->Int64(0), select->Blob(1), select->Int64(2)});
}

Result<std::int64_t> ReadSize(Transaction& tx) {
  TB_ASSIGN_OR_RETURN(std::optional<audit::StoredFrontier> frontier, ReadFrontier(tx));
  if (!frontier) return Status::Internal("the audit_frontier row is missing");
  return frontier->size;
}

class SqlAuditLogReader final : public audit::AuditLogReader {
 public:
  explicit SqlAuditLogReader(Database& db) : db_(db) {}

  Result<std::int64_t> Size() override {
    TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
    return ReadSize(*tx);
  }

  Result<std::vector<audit::Hash>> LeafHashes(std::int64_t begin, std::int64_t end) override {
    TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
    TB_ASSIGN_OR_RETURN(std::int64_t size, ReadSize(*tx));
    if (begin < 0 || begin > end || end > size) {
      return Status::InvalidArgument("leaves [" + std::to_string(begin) + ", " +
                                     std::to_string(end) + ") are outside the log of " +
                                     std::to_string(size) + " entries");
    }
    TB_ASSIGN_OR_RETURN(Statement * select,
                        tx->Prepare("SELECT leaf_index, leaf_hash FROM audit_entries WHERE "
                                    "leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index"));
    select->BindInt64(1, begin).BindInt64(2, end);
    std::vector<audit::Hash> hashes;
    hashes.reserve(static_cast<std::size_t>(end - begin));
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, select->Step());
      if (!row) break;
      audit::Hash h{};
      if (select->Int64(0) != begin + static_cast<std::int64_t>(hashes.size()) ||
          !CopyExact(select->Blob(1), h)) {
        return Status::Internal("the audit log is damaged near leaf " +
                                std::to_string(select->Int64(0)) +
                                " (run tenderbridge audit verify)");
      }
      hashes.push_back(h);
    }
    if (static_cast<std::int64_t>(hashes.size()) != end - begin) {
      return Status::Internal("the audit log is missing leaves in [" + std::to_string(begin) +
                              ", " + std::to_string(end) + ") (run tenderbridge audit verify)");
    }
    return hashes;
  }

  Result<std::vector<audit::StoredHead>> Heads(std::int64_t after_seq, int limit) override {
    TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
    TB_ASSIGN_OR_RETURN(Statement * select,
                        tx->Prepare("SELECT " + std::string(kHeadColumns) +
                                    " FROM audit_tree_heads WHERE seq > ? ORDER BY seq LIMIT ?"));
    select->BindInt64(1, after_seq).BindInt64(2, std::max(limit, 0));
    std::vector<audit::StoredHead> heads;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, select->Step());
      if (!row) break;
      heads.push_back(HeadFromRow(*select));
    }
    return heads;
  }

  Result<std::optional<audit::StoredHead>> LatestHead() override {
    TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
    TB_ASSIGN_OR_RETURN(Statement * select,
                        tx->Prepare("SELECT " + std::string(kHeadColumns) +
                                    " FROM audit_tree_heads ORDER BY seq DESC LIMIT 1"));
    TB_ASSIGN_OR_RETURN(bool row, select->Step());
    if (!row) return std::optional<audit::StoredHead>();
    return std::optional<audit::StoredHead>(HeadFromRow(*select));
  }

  Status Scan(const std::function<Status(const std::optional<audit::StoredFrontier>&,
                                         const std::vector<audit::StoredHead>&)>& on_state,
              const std::function<Status(const audit::StoredEntry&)>& on_entry) override {
    TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
    if (tx->engine() == Engine::kPostgres) {
      // One snapshot for every statement below (must run before the first query).
      TB_RETURN_IF_ERROR(tx->Execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
    }
    TB_ASSIGN_OR_RETURN(std::optional<audit::StoredFrontier> frontier, ReadFrontier(*tx));
    std::vector<audit::StoredHead> heads;
    {
      TB_ASSIGN_OR_RETURN(Statement * select, tx->Prepare("SELECT " + std::string(kHeadColumns) +
                                                          " FROM audit_tree_heads ORDER BY seq"));
      for (;;) {
        TB_ASSIGN_OR_RETURN(bool row, select->Step());
        if (!row) break;
        heads.push_back(HeadFromRow(*select));
      }
    }
    TB_RETURN_IF_ERROR(on_state(frontier, heads));
    bool first_page = true;
    std::int64_t last = 0;
    for (;;) {
      Statement* select = nullptr;
      if (first_page) {
        TB_ASSIGN_OR_RETURN(select, tx->Prepare("SELECT leaf_index, entry, leaf_hash, at_us FROM "
                                                "audit_entries ORDER BY leaf_index LIMIT ?"));
        select->BindInt64(1, kScanPageRows);
      } else {
        TB_ASSIGN_OR_RETURN(select,
                            tx->Prepare("SELECT leaf_index, entry, leaf_hash, at_us FROM "
                                        "audit_entries WHERE leaf_index > ? ORDER BY leaf_index "
                                        "LIMIT ?"));
        select->BindInt64(1, last).BindInt64(2, kScanPageRows);
      }
      first_page = false;
      int rows = 0;
      for (;;) {
        TB_ASSIGN_OR_RETURN(bool row, select->Step());
        if (!row) break;
        ++rows;
        audit::StoredEntry entry{select->Int64(0), select->Blob(1), select->Blob(2),
                                 select->Int64(3)};
        last = entry.leaf_index;
        TB_RETURN_IF_ERROR(on_entry(entry));
      }
      if (rows < kScanPageRows) break;
    }
    return Status::Ok();
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<audit::AuditLogReader> MakeSqlAuditLogReader(Database& db) {
  return std::make_unique<SqlAuditLogReader>(db);
}

}  // namespace tb::storage

namespace tb::storage {

std::unique_ptr<audit::AuditLogReader> MakeAuditLogReader(Database& db) {
  return MakeSqlAuditLogReader(db);
}

}  // namespace tb::storage
