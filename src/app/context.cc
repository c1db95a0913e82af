#include "app/context.h"

#include <cstdlib>
#include <filesystem>

#include "notices/import_service.h"
#include "notices/notice_store.h"
#include "notices/unspsc_catalogue.h"
#include "storage/database.h"
#include "storage/storage.h"

namespace tb::app {

std::string ResolveDatabaseUrl(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  if (const char* env = std::getenv("TB_DATABASE_URL"); env != nullptr && *env != '\0') {
    return env;
  }
  return "var/tenderbridge.db";
}

Result<std::unique_ptr<Context>> Context::Open(const std::string& database_url) {
  std::unique_ptr<Context> context(new Context());
  const bool postgres =
      database_url.rfind("postgresql://", 0) == 0 || database_url.rfind("postgres://", 0) == 0;
  context->database_kind_ = postgres ? "postgresql" : "sqlite";
  if (!postgres) {
    // Create the directory of a SQLite file so a fresh clone's var/ appears on first start.
    std::string path = database_url.rfind("sqlite:", 0) == 0 ? database_url.substr(7) : database_url;
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  TB_ASSIGN_OR_RETURN(context->database_, storage::OpenDatabase(database_url));
  context->notices_ = storage::MakeNoticeStore(*context->database_, context->clock_);
  context->unspsc_ = storage::MakeUnspscCatalogue(*context->database_);
  context->importer_ = std::make_unique<notices::ImportService>(*context->notices_,
                                                                *context->unspsc_, context->clock_);
  return context;
}

Context::~Context() {
  // Services before stores before the database: reverse of construction.
  importer_.reset();
  unspsc_.reset();
  notices_.reset();
  database_.reset();
}

}  // namespace tb::app
