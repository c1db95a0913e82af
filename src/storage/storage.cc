#include "storage/storage.h"

#include <filesystem>
#include <system_error>

#include "storage/database.h"
#include "storage/migrations/migrations.h"
#include "storage/sql_auth_store.h"
#include "storage/postgres/pg_database.h"
#include "storage/sql_notice_store.h"
#include "storage/sql_screening_store.h"
#include "storage/sql_supplier_store.h"
#include "storage/sql_unspsc_catalogue.h"
#include "storage/sqlite/sqlite_database.h"

namespace tb::storage {

Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url) {
  std::unique_ptr<Database> db;
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    TB_ASSIGN_OR_RETURN(db, postgres::Open(url));
  } else {
    std::string_view path = url;
    if (path.starts_with("sqlite://")) {
      path.remove_prefix(9);
    } else if (path.starts_with("sqlite:")) {
      path.remove_prefix(7);
    } else if (path.find("://") != std::string_view::npos) {
      return Status::InvalidArgument("the database URL must start with postgresql:// or "
                                     "sqlite:, or be a file path")
          .WithField("database");
    }
    if (path.empty()) {
      return Status::InvalidArgument("the SQLite database path is empty").WithField("database");
    }
    if (path != ":memory:") {
      // Create var/ on the first start so `make run` needs no set-up step.
      const std::filesystem::path parent = std::filesystem::path(path).parent_path();
      std::error_code ignored;
      if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
    }
    TB_ASSIGN_OR_RETURN(db, sqlite::Open(path));
  }
  TB_RETURN_IF_ERROR(ApplyMigrations(*db, SystemClock().Now()));
  return db;
}

std::unique_ptr<notices::NoticeStore> MakeNoticeStore(Database& db, const Clock& clock) {
  return std::make_unique<SqlNoticeStore>(db, clock);
}

std::unique_ptr<notices::UnspscCatalogue> MakeUnspscCatalogue(Database& db) {
  return std::make_unique<SqlUnspscCatalogue>(db);
}

std::unique_ptr<auth::AuthStore> MakeAuthStore(Database& db) {
  return std::make_unique<SqlAuthStore>(db);
}

std::unique_ptr<suppliers::SupplierStore> MakeSupplierStore(Database& db) {
  return std::make_unique<SqlSupplierStore>(db);
}

std::unique_ptr<suppliers::BlobStore> MakeBlobStore(Database& db, const Clock& clock) {
  return std::make_unique<SqlBlobStore>(db, clock);
}

std::unique_ptr<screening::ScreeningStore> MakeScreeningStore(Database& db) {
  return std::make_unique<SqlScreeningStore>(db);
}

}  // namespace tb::storage
