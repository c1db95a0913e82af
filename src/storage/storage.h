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

}  // namespace tb::storage
