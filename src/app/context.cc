#include "app/context.h"

#include <cstdlib>
#include <filesystem>

#include "app/search_projection.h"
#include "notices/import_service.h"
#include "notices/notice_store.h"
#include "notices/unspsc_catalogue.h"
#include "search/search_index.h"
#include "search/unspsc_title_lookup.h"
#include "storage/change_log.h"
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
  context->change_log_ = std::make_unique<storage::ChangeLog>(*context->database_);
  return context;
}

Status Context::OpenSearch(const std::string& index_path) {
  TB_ASSIGN_OR_RETURN(std::vector<notices::UnspscEntry> entries, unspsc_->All());
  std::vector<search::UnspscTitle> titles;
  titles.reserve(entries.size() * 4);
  for (const notices::UnspscEntry& entry : entries) {
    for (const auto& [language, title] : entry.titles) {
      titles.push_back({entry.code, Language::FromTag(language), title});
    }
  }
  titles_ = search::MakeInMemoryUnspscTitleLookup(std::move(titles));
  search::IndexOptions options;
  options.path = index_path;
  options.titles = titles_.get();
  TB_ASSIGN_OR_RETURN(search_, search::OpenXapianSearchIndex(options));
  projection_ = std::make_unique<SearchProjection>(*change_log_, *notices_, *search_);
  return Status::Ok();
}

std::string ResolveIndexPath(const std::string& flag_value, const std::string& database_url) {
  if (!flag_value.empty()) return flag_value;
  if (const char* env = std::getenv("TB_SEARCH_INDEX"); env != nullptr && *env != '\0') {
    return env;
  }
  if (database_url.rfind("postgres", 0) == 0) return "var/search-index";
  const std::string path =
      database_url.rfind("sqlite:", 0) == 0 ? database_url.substr(7) : database_url;
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return (parent.empty() ? std::filesystem::path("search-index") : parent / "search-index")
      .string();
}

Context::~Context() {
  // Projection, index, services, stores, database: reverse of construction.
  projection_.reset();
  search_.reset();
  titles_.reset();
  change_log_.reset();
  importer_.reset();
  unspsc_.reset();
  notices_.reset();
  database_.reset();
}

}  // namespace tb::app
