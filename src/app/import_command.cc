#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/context.h"
#include "app/demo_accounts.h"
#include "app/demo_events.h"
#include "app/search_projection.h"
#include "notices/import_progress.h"
#include "notices/import_service.h"

namespace tb::app {
namespace {

void PrintReport(const std::string& what, const notices::ImportReport& report) {
  std::printf("%s: %lld new, %lld updated, %lld unchanged, %lld rejected\n", what.c_str(),
              static_cast<long long>(report.created), static_cast<long long>(report.updated),
              static_cast<long long>(report.unchanged), static_cast<long long>(report.rejected));
  for (const notices::RejectedRecord& r : report.rejects) {
    std::printf("  rejected %s: %s%s%s\n", r.locator.c_str(), r.status.message().c_str(),
                r.status.field().empty() ? "" : " (field: ", r.status.field().empty() ? "" : (r.status.field() + ")").c_str());
  }
  if (!report.changed_anything() && report.rejected == 0) {
    std::printf("nothing changed: everything in these files was already imported\n");
  }
}

struct ImportArgs {
  std::string kind;
  std::vector<std::string> files;
  std::string database;
  bool keep_going = false;
  int batch_size = 1000;
};

}  // namespace

void AddImportCommand(CLI::App& cli) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* cmd = cli.add_subcommand(
      "import", "Import notice files: ungm, ocds, secop, austender or unspsc; or the UN sanctions list");
  cmd->add_option("kind", args->kind, "ungm | ocds | secop | austender | unspsc | sanctions")->required();
  cmd->add_option("files", args->files, "Files to import")->required()->check(CLI::ExistingFile);
  cmd->add_option("--database", args->database,
                  "SQLite path or postgresql:// URL (default: $TB_DATABASE_URL or var/tenderbridge.db)");
  cmd->add_flag("--keep-going", args->keep_going, "Skip bad records and list them");
  cmd->add_option("--batch-size", args->batch_size, "Records per transaction")
      ->check(CLI::Range(1, 100000));
  cmd->callback([args] {
    if (args->kind == "sanctions") return ImportSanctionsList(args->files, args->database);
    Result<notices::ImportKind> kind = notices::ImportKindFromName(args->kind);
    if (!kind.ok()) FailCommand(kind.status());
    Result<std::unique_ptr<Context>> context = Context::Open(ResolveDatabaseUrl(args->database));
    if (!context.ok()) FailCommand(context.status());
    notices::ImportProgressPrinter progress(stderr, isatty(STDERR_FILENO) != 0 && std::getenv("CI") == nullptr);
    notices::ImportOptions options;
    options.keep_going = args->keep_going;
    options.batch_size = args->batch_size;
    options.on_progress = [&progress](const notices::ImportProgress& p) { progress.Update(p); };
    Result<notices::ImportReport> report =
        (*context)->importer().ImportFiles(*kind, args->files, options);
    progress.Finish();
    if (!report.ok()) FailCommand(report.status());
    PrintReport("import " + args->kind, *report);
  });
}

void AddDemoCommand(CLI::App& cli) {
  auto database = std::make_shared<std::string>();
  auto data_dir = std::make_shared<std::string>("data");
  auto index = std::make_shared<std::string>();
  CLI::App* cmd = cli.add_subcommand("demo", "Load the real data shipped in data/");
  cmd->add_option("data", *data_dir, "The project's data/ folder")->check(CLI::ExistingDirectory);
  cmd->add_option("--database", *database, "SQLite path or postgresql:// URL");
  cmd->add_option("--index", *index, "Search index directory to build (default beside the database)");
  cmd->callback([database, data_dir, index] {
    Result<std::unique_ptr<Context>> context = Context::Open(ResolveDatabaseUrl(*database));
    if (!context.ok()) FailCommand(context.status());
    notices::ImportProgressPrinter progress(stderr, isatty(STDERR_FILENO) != 0 && std::getenv("CI") == nullptr);
    notices::ImportOptions options;
    options.keep_going = true;  // demo data is real-world: list odd records, load the rest
    options.on_progress = [&progress](const notices::ImportProgress& p) { progress.Update(p); };
    Result<notices::ImportReport> report =
        notices::LoadDemoData((*context)->importer(), *data_dir, options);
    progress.Finish();
    if (!report.ok()) FailCommand(report.status());
    PrintReport("demo", *report);
    if (Status opened = (*context)->OpenSupplierServices(); !opened.ok()) FailCommand(opened);
    const std::string state_dir = DefaultStateDir(ResolveDatabaseUrl(*database));
    if (Status seeded = LoadDemoPeople(**context, *data_dir, state_dir); !seeded.ok()) {
      FailCommand(seeded);
    }
    if (Status opened = (*context)->OpenEventServices(nullptr, ""); !opened.ok()) {
      FailCommand(opened);
    }
    if (Status seeded = LoadDemoEvents(**context, *data_dir); !seeded.ok()) FailCommand(seeded);
    // Build the search index now, so the first `serve` answers searches at once.
    const std::string url = ResolveDatabaseUrl(*database);
    if (Status opened = (*context)->OpenSearch(ResolveIndexPath(*index, url)); !opened.ok()) {
      std::printf("search index not built now (%s); the server builds it when it starts\n",
                  opened.message().c_str());
      return;
    }
    Result<std::int64_t> applied = (*context)->search_projection()->CatchUp();
    if (!applied.ok()) FailCommand(applied.status());
    std::printf("search index: %lld changes applied\n", static_cast<long long>(*applied));
  });
}

}  // namespace tb::app
