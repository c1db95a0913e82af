#pragma once

#include <optional>
#include <string>

#include "audit/entry.h"
#include "core/ids.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "storage/audit_append.h"
#include "storage/database.h"
#include "tenders/tender.h"

// What the two files of SqlBidStore share. Internal to storage/.
namespace tb::storage::bid_sql {

struct TenderRow {
  std::string ocid;
  std::string state;
  std::optional<Timestamp> deadline;
  UserId created_by;
  tenders::EnvelopeMode mode = tenders::EnvelopeMode::kSingle;
};

// " FOR UPDATE" on PostgreSQL, nothing on SQLite.
std::string ForUpdate(const Transaction& tx);
// The tender row, locked for the transaction when `lock`.
Result<std::optional<TenderRow>> ReadTender(Transaction& tx, TenderId id, bool lock);
Result<AuditAppended> Append(Transaction& tx, const audit::Entry& entry);

// The tender's reconfirm_after and the number of the latest substantive amendment (the one
// that set it); nullopt and 0 when no substantive amendment was made.
struct Reconfirm {
  std::optional<Timestamp> after;
  int amendment = 0;
};
Result<Reconfirm> ReadReconfirm(Transaction& tx, TenderId tender);
// "not re-confirmed after amendment N": the opening record's reason for an excluded bid.
std::string NotReconfirmedReason(int amendment);
// The opening record of (tender, kind) as stored, or nullopt before that opening. Also read by
// the evaluation store, inside its own transactions.
Result<std::optional<tenders::OpeningRecord>> ReadOpeningRecord(Transaction& tx, TenderId tender,
                                                                tenders::EnvelopeKind kind);

}  // namespace tb::storage::bid_sql
