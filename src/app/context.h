#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "core/timestamp.h"

namespace tb::storage {
class Database;
}
namespace tb::notices {
class NoticeStore;
class UnspscCatalogue;
class ImportService;
}  // namespace tb::notices

namespace tb::app {

// The object graph of one TenderBridge process, built in dependency order (database,
// stores, services) and destroyed in reverse, as userver does with components.
// Not thread-safe to build; the parts it owns are thread-safe.
class Context {
 public:
  // Opens `database_url` (applying migrations) and builds the stores and services.
  static Result<std::unique_ptr<Context>> Open(const std::string& database_url);
  ~Context();

  const Clock& clock() const { return clock_; }
  storage::Database& database() { return *database_; }
  notices::NoticeStore& notices() { return *notices_; }
  notices::UnspscCatalogue& unspsc() { return *unspsc_; }
  notices::ImportService& importer() { return *importer_; }
  // "sqlite" or "postgresql".
  const std::string& database_kind() const { return database_kind_; }

 private:
  Context() = default;

  SystemClock clock_;
  std::string database_kind_;
  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<notices::NoticeStore> notices_;
  std::unique_ptr<notices::UnspscCatalogue> unspsc_;
  std::unique_ptr<notices::ImportService> importer_;
};

// The database URL to use: the flag if given, else TB_DATABASE_URL, else var/tenderbridge.db.
std::string ResolveDatabaseUrl(const std::string& flag_value);

}  // namespace tb::app
