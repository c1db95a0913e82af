// tenderbridge import sanctions FILE | screen NAME...: the UN Security Council Consolidated
// List from the command line (docs/sanctions.md).
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/context.h"
#include "screening/screening_service.h"

namespace tb::app {
namespace {

// Exit codes of `screen`: anything but "clear" is non-zero, so a script cannot mistake a
// possible hit or a missing list for a pass (ET-14). 1 and 2 keep FailCommand's meaning.
constexpr int kExitPossibleHit = 3;
constexpr int kExitHit = 4;
constexpr int kExitUnavailable = 5;

struct Screening {
  std::unique_ptr<Context> context;
  screening::ScreeningService* service = nullptr;
};

// The services `serve` runs, so that an import screens the supplier register again.
Screening OpenScreening(const std::string& database, int max_age_days) {
  Screening s;
  Result<std::unique_ptr<Context>> context = Context::Open(ResolveDatabaseUrl(database));
  if (!context.ok()) FailCommand(context.status());
  s.context = std::move(context).value();
  if (Status opened = s.context->OpenSupplierServices(std::chrono::hours(24 * max_age_days));
      !opened.ok()) {
    FailCommand(opened);
  }
  s.service = s.context->screening();
  return s;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) FailCommand(Status::InvalidArgument("cannot open " + path).WithField("file"));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void PrintHuman(const screening::ScreeningRecord& r) {
  std::printf("%s", screening::ScreeningDecisionName(r.decision));
  if (!r.reason.empty()) std::printf(" (%s)", r.reason.c_str());
  std::printf("\n");
  if (r.list_version_id > 0) {
    std::printf("list: %s, sha256 %s\n", r.list_date_generated.c_str(), r.list_sha256.c_str());
  }
  const nlohmann::json candidates = nlohmann::json::parse(r.candidates_json, nullptr, false);
  if (!candidates.is_array()) return;
  for (const nlohmann::json& c : candidates) {
    std::printf("  %.3f  %-10s %s  (matched \"%s\" as %s; country %s)\n", c.value("score", 0.0),
                c.value("reference_number", "").c_str(), c.value("listed_name", "").c_str(),
                c.value("screened_name", "").c_str(), c.value("listed_name_source", "").c_str(),
                c.value("country", "").c_str());
  }
}

void PrintJson(const screening::ScreeningRecord& r) {
  nlohmann::json out = {
      {"decision", screening::ScreeningDecisionName(r.decision)},
      {"reason", r.reason},
      {"names", r.names},
      {"country", r.country},
      {"list", r.list_version_id > 0
                   ? nlohmann::json{{"date_generated", r.list_date_generated},
                                    {"sha256", r.list_sha256}}
                   : nlohmann::json(nullptr)},
      {"candidates", nlohmann::json::parse(r.candidates_json, nullptr, false)},
      {"screened_at", r.at.ToRfc3339()},
  };
  std::printf("%s\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

}  // namespace

void ImportSanctionsList(const std::vector<std::string>& files, const std::string& database) {
  if (files.size() != 1) {
    FailCommand(Status::InvalidArgument("import sanctions takes exactly one XML file")
                    .WithField("files"));
  }
  Screening s = OpenScreening(database, 30);
  Result<screening::ImportReport> report =
      s.service->ImportList(ReadFile(files[0]), s.context->screening_subjects());
  if (!report.ok()) FailCommand(report.status().WithContext(files[0]));
  const screening::ListVersion& v = report->version;
  std::printf("sanctions list %s (sha256 %s): %lld individuals, %lld entities\n",
              v.date_generated.c_str(), v.sha256.c_str(),
              static_cast<long long>(v.individual_count), static_cast<long long>(v.entity_count));
  if (report->unchanged) {
    std::printf("nothing changed: this list is already the current one\n");
    return;
  }
  std::printf("changes: %zu added, %zu removed, %zu changed\n", report->diff.added.size(),
              report->diff.removed.size(), report->diff.changed.size());
  const screening::RescreenReport& r = report->rescreen;
  std::printf("screened again: %lld (%lld clear, %lld possible hits, %lld hits, %lld not cleared "
              "for want of a usable list)\n",
              static_cast<long long>(r.screened), static_cast<long long>(r.clear),
              static_cast<long long>(r.possible_hits), static_cast<long long>(r.hits),
              static_cast<long long>(r.unavailable));
}

void AddScreenCommand(CLI::App& cli) {
  auto names = std::make_shared<std::vector<std::string>>();
  auto country = std::make_shared<std::string>();
  auto database = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto max_age_days = std::make_shared<int>(30);
  CLI::App* cmd = cli.add_subcommand(
      "screen",
      "Screen names against the UN sanctions list. Exit 0 clear, 3 possible hit, 4 hit, "
      "5 list unavailable or stale, 2 bad input");
  cmd->add_option("names", *names, "Company, trading or owner names")->required();
  cmd->add_option("--country", *country, "ISO 3166-1 alpha-2 country of the subject");
  cmd->add_option("--database", *database, "SQLite path or postgresql:// URL");
  cmd->add_flag("--json", *json, "Print the decision and candidates as JSON");
  cmd->add_option("--max-age-days", *max_age_days,
                  "A list generated longer ago than this never clears anyone (default 30)")
      ->check(CLI::Range(1, 3650));
  cmd->callback([=] {
    Screening s = OpenScreening(*database, *max_age_days);
    Result<screening::ScreeningRecord> record =
        s.service->Screen({"adhoc", "", *names, *country});
    if (!record.ok()) FailCommand(record.status());
    if (*json) {
      PrintJson(*record);
    } else {
      PrintHuman(*record);
    }
    switch (record->decision) {
      case screening::ScreeningDecision::kClear:
        return;
      case screening::ScreeningDecision::kPossibleHit:
        throw CLI::RuntimeError(kExitPossibleHit);
      case screening::ScreeningDecision::kHit:
        throw CLI::RuntimeError(kExitHit);
      case screening::ScreeningDecision::kUnavailable:
        throw CLI::RuntimeError(kExitUnavailable);
    }
  });
}

}  // namespace tb::app
