#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/result.h"
#include "core/timestamp.h"

namespace tb::storage {
class Database;
class ChangeLog;
}  // namespace tb::storage
namespace tb::search {
class SearchIndex;
class SupplierIndex;
class UnspscTitleLookup;
}  // namespace tb::search
namespace tb::notices {
class NoticeStore;
class UnspscCatalogue;
class ImportService;
}  // namespace tb::notices

namespace tb::auth {
class AuthStore;
}  // namespace tb::auth
namespace tb::suppliers {
class SupplierStore;
class SupplierService;
class ContentTypeDetector;
class VirusScanner;
}  // namespace tb::suppliers
namespace tb::screening {
class ScreeningStore;
class ScreeningService;
class ScreeningSubjectSource;
}  // namespace tb::screening

namespace tb::app {

class SearchProjection;
class IndexedSupplierDirectory;

// The object graph of one TenderBridge process, built in dependency order (database,
// stores, services) and destroyed in reverse, as userver does with components.
// Not thread-safe to build; the parts it owns are thread-safe.
class Context {
 public:
  // Opens `database_url` (applying migrations) and builds the stores and services.
  static Result<std::unique_ptr<Context>> Open(const std::string& database_url);
  ~Context();

  // Builds the supplier service (libmagic for uploads, the EICAR scanner until clamd is
  // wired: docs/suppliers.md) and the screening service (ICU for names) with the supplier
  // register as the subjects to screen again when a new list is imported. A list generated
  // longer ago than `max_list_age` never clears anyone (ET-14). Call once, after Open().
  // FailedPrecondition when libmagic's database or ICU's transliterators cannot be loaded.
  Status OpenSupplierServices(std::chrono::hours max_list_age = std::chrono::hours(24 * 30));

  // Opens this node's search index at `index_path` (created when missing) with the UNSPSC
  // titles loaded for cross-language expansion, and the projection that feeds it from the
  // changes log. Call once, after Open(). Unavailable when another process holds the index.
  // Also opens the supplier directory index beside it (SupplierIndexPath), fed by the same
  // projection, and answers the supplier service's directory from it.
  Status OpenSearch(const std::string& index_path);

  const Clock& clock() const { return clock_; }
  storage::Database& database() { return *database_; }
  notices::NoticeStore& notices() { return *notices_; }
  notices::UnspscCatalogue& unspsc() { return *unspsc_; }
  notices::ImportService& importer() { return *importer_; }
  auth::AuthStore& auth_store() { return *auth_store_; }
  suppliers::SupplierStore& supplier_store() { return *supplier_store_; }
  screening::ScreeningStore& screening_store() { return *screening_store_; }
  // Null until OpenSupplierServices() succeeded.
  suppliers::SupplierService* suppliers() { return suppliers_.get(); }
  screening::ScreeningService* screening() { return screening_.get(); }
  screening::ScreeningSubjectSource* screening_subjects() { return screening_subjects_.get(); }
  // "sqlite" or "postgresql".
  const std::string& database_kind() const { return database_kind_; }
  storage::ChangeLog& change_log() { return *change_log_; }
  // Null until OpenSearch() succeeded.
  search::SearchIndex* search() { return search_.get(); }
  SearchProjection* search_projection() { return projection_.get(); }
  search::SupplierIndex* supplier_index() { return supplier_index_.get(); }

 private:
  Context() = default;

  SystemClock clock_;
  std::string database_kind_;
  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<notices::NoticeStore> notices_;
  std::unique_ptr<notices::UnspscCatalogue> unspsc_;
  std::unique_ptr<notices::ImportService> importer_;
  std::unique_ptr<auth::AuthStore> auth_store_;
  std::unique_ptr<suppliers::SupplierStore> supplier_store_;
  std::unique_ptr<screening::ScreeningStore> screening_store_;
  std::unique_ptr<suppliers::ContentTypeDetector> content_types_;
  std::unique_ptr<suppliers::VirusScanner> virus_scanner_;
  std::unique_ptr<suppliers::SupplierService> suppliers_;
  std::unique_ptr<screening::ScreeningService> screening_;
  std::unique_ptr<screening::ScreeningSubjectSource> screening_subjects_;
  std::unique_ptr<storage::ChangeLog> change_log_;
  std::unique_ptr<search::UnspscTitleLookup> titles_;
  std::unique_ptr<search::SearchIndex> search_;
  std::unique_ptr<search::SupplierIndex> supplier_index_;
  std::unique_ptr<IndexedSupplierDirectory> supplier_directory_;
  std::unique_ptr<SearchProjection> projection_;
};

// The search index directory to use: the flag if given, else TB_SEARCH_INDEX, else
// "<directory of the SQLite file>/search-index" (or var/search-index for PostgreSQL).
// Each server process needs its own (the index is a per-node projection).
std::string ResolveIndexPath(const std::string& flag_value, const std::string& database_url);

// The supplier directory index of a node whose notice index is at `index_path`: the
// sibling directory "<index_path>-suppliers".
std::string SupplierIndexPath(const std::string& index_path);

// Where a node keeps its local state (admin token, mail sink, demo credentials): the SQLite
// file's directory, or var/ for PostgreSQL.
std::string DefaultStateDir(const std::string& database_url);

// The database URL to use: the flag if given, else TB_DATABASE_URL, else var/tenderbridge.db.
std::string ResolveDatabaseUrl(const std::string& flag_value);

}  // namespace tb::app
