// tenderbridge reindex | search: the node's search index from the command line.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "app/commands.h"
#include "app/context.h"
#include "app/search_projection.h"
#include "search/search_index.h"
#include "search/supplier_index.h"

namespace tb::app {
namespace {

struct IndexArgs {
  std::string database;
  std::string index;
};

std::unique_ptr<Context> OpenWithSearch(const IndexArgs& args) {
  const std::string url = ResolveDatabaseUrl(args.database);
  Result<std::unique_ptr<Context>> context = Context::Open(url);
  if (!context.ok()) FailCommand(context.status());
  if (Status s = (*context)->OpenSearch(ResolveIndexPath(args.index, url)); !s.ok()) FailCommand(s);
  return std::move(context).value();
}

void AddIndexOptions(CLI::App* cmd, IndexArgs& args) {
  cmd->add_option("--database", args.database, "SQLite path or postgresql:// URL");
  cmd->add_option("--index", args.index, "Search index directory (default beside the database)");
}

}  // namespace

void AddReindexCommand(CLI::App& cli) {
  auto args = std::make_shared<IndexArgs>();
  CLI::App* cmd = cli.add_subcommand(
      "reindex",
      "Rebuild this node's search and supplier directory indexes from the database (stop the "
      "server first)");
  AddIndexOptions(cmd, *args);
  cmd->callback([args] {
    std::unique_ptr<Context> context = OpenWithSearch(*args);
    const auto start = std::chrono::steady_clock::now();
    if (Status s = context->search()->Clear(); !s.ok()) FailCommand(s);
    if (Status s = context->supplier_index()->Clear(); !s.ok()) FailCommand(s);
    // Replaying the whole changes log loads every notice and supplier as it is now; a crash
    // midway leaves a consistent prefix that the next start (or reindex) continues.
    Result<std::int64_t> applied = context->search_projection()->CatchUp();
    if (!applied.ok()) FailCommand(applied.status());
    Result<std::int64_t> documents = context->search()->DocumentCount();
    Result<std::int64_t> suppliers = context->supplier_index()->DocumentCount();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("reindex: %lld changes applied, %lld notices and %lld suppliers indexed in "
                "%.1f s\n",
                static_cast<long long>(*applied), static_cast<long long>(documents.value_or(0)),
                static_cast<long long>(suppliers.value_or(0)), seconds);
  });
}

void AddSearchCommand(CLI::App& cli) {
  auto args = std::make_shared<IndexArgs>();
  auto query = std::make_shared<std::string>();
  auto lang = std::make_shared<std::string>("en");
  auto limit = std::make_shared<int>(10);
  CLI::App* cmd = cli.add_subcommand("search", "Search notices in this node's index");
  cmd->add_option("query", *query, "Words, \"phrases\", AND/OR/NOT, agency:UNDP ...")->required();
  cmd->add_option("--lang", *lang, "Language of the query (en, fr, es, zh, ar, ru)");
  cmd->add_option("--limit", *limit, "Hits to show")->check(CLI::Range(1, 100));
  AddIndexOptions(cmd, *args);
  cmd->callback([args, query, lang, limit] {
    std::unique_ptr<Context> context = OpenWithSearch(*args);
    // Bring the index up to date first, so a search right after an import finds it.
    if (Result<std::int64_t> applied = context->search_projection()->CatchUp(); !applied.ok()) {
      FailCommand(applied.status());
    }
    search::SearchRequest request;
    request.query = *query;
    request.language = Language::FromTag(*lang);
    request.now = context->clock().Now();
    request.page_size = *limit;
    Result<search::SearchResponse> response = context->search()->Search(request);
    if (!response.ok()) FailCommand(response.status());
    std::printf("%lld notices%s (%.1f ms)\n", static_cast<long long>(response->total),
                response->query_reinterpreted ? ", query read as plain words" : "",
                static_cast<double>(response->elapsed_micros) / 1000.0);
    for (const search::Expansion& e : response->expansions) {
      std::printf("  also searched: %s %s (from \"%s\")\n", e.code.c_str(), e.title.c_str(),
                  e.matched_text.c_str());
    }
    for (const search::Hit& hit : response->hits) {
      std::printf("%8lld  %-10s %-8s %s\n", static_cast<long long>(hit.id.value),
                  hit.agency.substr(0, 10).c_str(), hit.type.c_str(), hit.title.c_str());
    }
  });
}

}  // namespace tb::app
