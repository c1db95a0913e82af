// `tenderbridge export ocds`: the OCDS 1.1 release package of one, several or every published
// tendering process, read from the database (issue #6 item 6; docs/evaluation.md, "OCDS").
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/context.h"
#include "notices/ocds_writer.h"
#include "storage/database.h"
#include "storage/storage.h"
#include "tenders/evaluation_store.h"
#include "tenders/ocds_export.h"
#include "tenders/tender_store.h"

namespace tb::app {
namespace {

struct ExportArgs {
  std::string database;
  std::vector<std::string> ocids;
  std::string out;
  std::string base_url;
  std::string license;
};

Status RunExport(const ExportArgs& args) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<storage::Database> db,
                      storage::OpenDatabase(ResolveDatabaseUrl(args.database)));
  SystemClock clock;
  std::unique_ptr<tenders::TenderStore> tenders = storage::MakeTenderStore(*db, clock);
  std::unique_ptr<tenders::EvaluationStore> evaluations = storage::MakeEvaluationStore(*db);
  std::unique_ptr<suppliers::SupplierStore> suppliers = storage::MakeSupplierStore(*db);
  tenders::OcdsExporter exporter(*tenders, *evaluations, suppliers.get());
  TB_ASSIGN_OR_RETURN(std::vector<notices::ocds::Release> releases, exporter.Releases(args.ocids));
  if (releases.empty()) {
    // OCDS needs at least one release in a package.
    return Status::FailedPrecondition("nothing to export: no published tender");
  }
  notices::ocds::PackageInfo info;
  const bool one = args.ocids.size() == 1;
  if (args.base_url.empty()) {
    info.uri = "urn:tenderbridge:ocds:" + (one ? args.ocids[0] : std::string("all"));
  } else {
    info.uri = args.base_url + (one ? "/api/v1/ocds/tenders/" + args.ocids[0] + "/releases"
                                    : std::string("/api/v1/ocds/releases"));
  }
  info.published_date = clock.Now();
  info.license = args.license;
  const std::string text = notices::ocds::PackageJson(releases, info).dump(2) + "\n";
  if (args.out.empty() || args.out == "-") {
    std::cout << text;
    return Status::Ok();
  }
  std::ofstream out(args.out, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return Status::Unavailable("cannot write " + args.out).WithField("--out");
  std::cerr << "wrote " << releases.size() << " releases to " << args.out << "\n";
  return Status::Ok();
}

}  // namespace

void AddExportCommand(CLI::App& cli) {
  CLI::App* exports = SubcommandGroup(cli, "export", "Export open data");
  auto args = std::make_shared<ExportArgs>();
  CLI::App* ocds = exports->add_subcommand(
      "ocds",
      "Write the OCDS 1.1 release package of published tendering processes (one release per "
      "publication, amendment, opening, award, contract and cancellation)");
  ocds->add_option("--database", args->database,
                   "SQLite path or postgresql:// URL (default: $TB_DATABASE_URL or "
                   "var/tenderbridge.db)");
  ocds->add_option("--ocid", args->ocids, "Only this process (repeatable; default: every one)");
  ocds->add_option("--out", args->out, "Output file (default: standard output)");
  ocds->add_option("--base-url", args->base_url,
                   "Public base URL of the server, for the package uri (https://...)");
  ocds->add_option("--license", args->license, "Licence URL of the data");
  ocds->callback([args] {
    Status status = RunExport(*args);
    if (!status.ok()) FailCommand(status);
  });
}

}  // namespace tb::app
