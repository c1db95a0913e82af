#pragma once

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
class UnspscTitleLookup;
}  // namespace tb::search
namespace tb::notices {
class NoticeStore;
class UnspscCatalogue;
class ImportService;
}  // namespace tb::notices

namespace tb::app {

class SearchProjection;

// The object graph of one TenderBridge process, built in dependency order (database,
// stores, services) and destroyed in reverse, as userver does with components.
// Not thread-safe to build; the parts it owns are thread-safe.
class Context {
 public:
  // Opens `database_url` (applying migrations) and builds the stores and services.
  static Result<std::unique_ptr<Context>> Open(const std::string& database_url);
  ~Context();

  // Opens this node's search index at `index_path` (created when missing) with the UNSPSC
  // titles loaded for cross-language expansion, and the projection that feeds it from the
  // changes log. Call once, after Open(). Unavailable when another process holds the index.
  Status OpenSearch(const std::string& index_path);

  const Clock& clock() const { return clock_; }
  storage::Database& database() { return *database_; }
  notices::NoticeStore& notices() { return *notices_; }
  notices::UnspscCatalogue& unspsc() { return *unspsc_; }
  notices::ImportService& importer() { return *importer_; }
  // "sqlite" or "postgresql".
  const std::string& database_kind() const { return database_kind_; }
  storage::ChangeLog& change_log() { return *change_log_; }
  // Null until OpenSearch() succeeded.
  search::SearchIndex* search() { return search_.get(); }
  SearchProjection* search_projection() { return projection_.get(); }

 private:
  Context() = default;

  SystemClock clock_;
  std::string database_kind_;
  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<notices::NoticeStore> notices_;
  std::unique_ptr<notices::UnspscCatalogue> unspsc_;
  std::unique_ptr<notices::ImportService> importer_;
  std::unique_ptr<storage::ChangeLog> change_log_;
  std::unique_ptr<search::UnspscTitleLookup> titles_;
  std::unique_ptr<search::SearchIndex> search_;
  std::unique_ptr<SearchProjection> projection_;
};

// The search index directory to use: the flag if given, else TB_SEARCH_INDEX, else
// "<directory of the SQLite file>/search-index" (or var/search-index for PostgreSQL).
// Each server process needs its own (the index is a per-node projection).
std::string ResolveIndexPath(const std::string& flag_value, const std::string& database_url);

// The database URL to use: the flag if given, else TB_DATABASE_URL, else var/tenderbridge.db.
std::string ResolveDatabaseUrl(const std::string& flag_value);

}  // namespace tb::app
