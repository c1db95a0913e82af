#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "audit/entry.h"
#include "core/ids.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "storage/audit_append.h"
#include "storage/database.h"
#include "tenders/receipt.h"
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

// The receipt an Idempotency-Key already answered for (submissions, withdrawals and
// confirmations share the key space, so one key never answers two kinds of request), and
// whether it was a confirmation's; nullopt for an unused key.
struct KeyedReceipt {
  std::string receipt;
  bool confirmation = false;
};
Result<std::optional<KeyedReceipt>> ReceiptForKey(Transaction& tx, TenderId tender,
                                                  OrganisationId supplier, std::string_view key);

// ET-01, one rule for submissions and confirmations: reads the receipt time into
// `facts.receipt_time` (inside the transaction that holds the tender row) and admits the write
// only while the tender is published and the receipt time is before the deadline. Otherwise
// FailedPrecondition: naming the state before publication; at or after the deadline (ET-09)
// after committing the refusal row (`reason`) and its audit entry, naming both times, with
// `received` ("submission") and `accepted` ("a bid") in the message.
struct Attempt {
  TenderId tender;
  OrganisationId supplier;
  std::string_view bid_id;
  std::string_view reason;
  std::string_view received;
  std::string_view accepted;
};
Status AdmitBeforeDeadline(Transaction& tx, const TenderRow& tender, const Attempt& attempt,
                           const Clock& clock, tenders::BidEventFacts& facts);

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
