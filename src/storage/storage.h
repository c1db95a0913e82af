#pragma once

#include <memory>
#include <string_view>

#include "auth/auth_store.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "notices/notice_store.h"
#include "notices/unspsc_catalogue.h"
#include "screening/screening_store.h"
#include "suppliers/documents.h"
#include "suppliers/supplier_store.h"

namespace tb::audit {
class AuditLogReader;  // audit/audit_log_reader.h
}  // namespace tb::audit
namespace tb::tenders {
class TenderStore;  // tenders/tender_store.h
}  // namespace tb::tenders

namespace tb::tenders {
class BidStore;  // tenders/bid_store.h
}  // namespace tb::tenders
namespace tb::tenders {
class EvaluationStore;  // tenders/evaluation_store.h
}  // namespace tb::tenders

namespace tb::storage {

class Database;  // storage/database.h

// Opens the database named by `url` and applies pending migrations:
//   "postgresql://user@host:port/db" (or "postgres://...") -> PostgreSQL 15
//   "sqlite:PATH", or a plain path ("var/tenderbridge.db") -> SQLite in WAL mode
// InvalidArgument for a URL of another scheme; Unavailable when the server cannot be reached.
Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url);

// Stores over an open database; `db` and `clock` must outlive them.
std::unique_ptr<notices::NoticeStore> MakeNoticeStore(Database& db, const Clock& clock);
std::unique_ptr<notices::UnspscCatalogue> MakeUnspscCatalogue(Database& db);
std::unique_ptr<auth::AuthStore> MakeAuthStore(Database& db);
std::unique_ptr<suppliers::SupplierStore> MakeSupplierStore(Database& db);
std::unique_ptr<screening::ScreeningStore> MakeScreeningStore(Database& db);
std::unique_ptr<suppliers::BlobStore> MakeBlobStore(Database& db, const Clock& clock);
// The audit log's reader (issue #6; storage/sql_audit_log.h). Writes go through
// storage/audit_append.h inside the state change's own transaction.
std::unique_ptr<audit::AuditLogReader> MakeAuditLogReader(Database& db);
// Sealed bids and openings (issue #6; storage/sql_bid_store.h).
std::unique_ptr<tenders::BidStore> MakeBidStore(Database& db);
// Tenders, committees, keys, clarifications, amendments (issue #6; storage/sql_tender_store.h).
// The clock is read inside transactions that compare with a stored deadline.
std::unique_ptr<tenders::TenderStore> MakeTenderStore(Database& db, const Clock& clock);
// Evaluation and award records (issue #6; storage/sql_evaluation_store.h).
std::unique_ptr<tenders::EvaluationStore> MakeEvaluationStore(Database& db);

}  // namespace tb::storage
