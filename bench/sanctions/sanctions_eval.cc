// Measures screening quality and speed on cases built from the list itself (see
// test_cases.h) and clean names from the project's real procurement data (clean_names.h).
// Prints a Markdown report: per category the share flagged at the possible-hit and hit
// thresholds, then precision, recall and F1 at both levels, and screenings per second.
//
// Usage: sanctions_eval [--list FILE] [--data DIR] [--clean N] [--seed S] [--show-errors]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <tuple>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "bench/sanctions/clean_names.h"
#include "bench/sanctions/test_cases.h"
#include "notices/importers/country_codes.h"
#include "sanctions/list_reader.h"
#include "sanctions/screener.h"

namespace {

using tb::bench::ScreeningCase;
using tb::sanctions::Decision;
using tb::sanctions::ScreeningResult;

struct Tally {
  int cases = 0;
  int possible = 0;  // the expected entry flagged at >= possible_hit (or, clean: any flag)
  int hit = 0;
};

// True when `result` names the expected entry at or above `threshold`.
bool Finds(const ScreeningResult& result, const ScreeningCase& c, double threshold) {
  for (const auto& candidate : result.candidates) {
    if (candidate.score >= threshold && candidate.data_id == c.expected_data_id) return true;
  }
  return false;
}

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "sanctions_eval: %s\n", message.c_str());
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  std::string list_path = "data/un-sanctions/un-sc-consolidated-2024-09-26.xml";
  std::string data_dir = "data";
  std::size_t clean_count = 2500;
  std::uint64_t seed = 20240926;
  bool show_errors = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Die(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--list") list_path = value();
    else if (arg == "--data") data_dir = value();
    else if (arg == "--clean") clean_count = std::stoul(value());
    else if (arg == "--seed") seed = std::stoull(value());
    else if (arg == "--show-errors") show_errors = true;
    else Die("unknown argument " + arg);
  }

  std::ifstream in(list_path, std::ios::binary);
  if (!in) Die("cannot open " + list_path);
  std::stringstream bytes;
  bytes << in.rdbuf();
  tb::sanctions::ReaderOptions reader_options;
  if (auto codes = tb::notices::importers::CountryCodes::Default(); codes.ok()) {
    const auto* table = *codes;
    reader_options.country_code = [table](std::string_view name) { return table->Lookup(name); };
  }
  auto list = tb::sanctions::ReadConsolidatedList(bytes.str(), reader_options);
  if (!list.ok()) Die(list.status().ToString());
  auto normalizer = tb::sanctions::NameNormalizer::Create();
  if (!normalizer.ok()) Die(normalizer.status().ToString());
  std::shared_ptr<const tb::sanctions::NameNormalizer> shared(std::move(normalizer).value());

  // Production index for everything, and one without the list's own non-Latin spellings
  // for the cases that only romanisation can match.
  auto full = tb::sanctions::Screener::Build(*list, shared);
  tb::sanctions::ScreenerOptions latin_only_options;
  latin_only_options.index_original_script = false;
  latin_only_options.index_non_latin_aliases = false;
  auto latin_only = tb::sanctions::Screener::Build(*list, shared, latin_only_options);
  if (!full.ok() || !latin_only.ok()) Die("cannot build the screener");
  const tb::sanctions::Thresholds thresholds = (*full)->options().thresholds;

  std::vector<ScreeningCase> cases = tb::bench::MakeListedCases(*list, seed);
  const std::size_t listed_cases = cases.size();
  auto clean = tb::bench::LoadCleanNames(data_dir, clean_count, seed);
  if (!clean.ok()) Die(clean.status().ToString());
  for (const tb::bench::CleanName& c : *clean) cases.push_back({"clean (" + c.source + ")", c.name, ""});

  std::map<std::string, Tally> by_category;
  int tp_possible = 0, fp_possible = 0, tp_hit = 0, fp_hit = 0, positives = 0;
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::pair<const ScreeningCase*, ScreeningResult>> results;
  results.reserve(cases.size());
  for (const ScreeningCase& c : cases) {
    const std::vector<std::string> names = {c.name};
    const auto& screener = c.needs_romanisation ? *latin_only : *full;
    results.emplace_back(&c, screener->Screen(names));
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  for (const auto& [c, result] : results) {
    Tally& t = by_category[c->category];
    ++t.cases;
    if (c->expected_data_id.empty()) {
      const bool possible = result.decision != Decision::kClear;
      const bool hit = result.decision == Decision::kHit;
      t.possible += possible;
      t.hit += hit;
      fp_possible += possible;
      fp_hit += hit;
      if (show_errors && possible) {
        std::printf("FALSE FLAG %s: \"%s\" -> %.3f \"%s\" (%s)\n", c->category.c_str(),
                    c->name.c_str(), result.top_score, result.candidates.front().listed_name.c_str(),
                    result.candidates.front().reference_number.c_str());
      }
      continue;
    }
    ++positives;
    const bool possible = Finds(result, *c, thresholds.possible_hit);
    const bool hit = Finds(result, *c, thresholds.hit);
    t.possible += possible;
    t.hit += hit;
    tp_possible += possible;
    tp_hit += hit;
    // A flag for the wrong entry on a listed name still sends the case to review, but it is
    // not the right evidence: counted as a miss, and not as a false positive.
    if (show_errors && !possible) {
      std::string wanted;
      for (const auto& e : list->entries) {
        if (e.data_id == c->expected_data_id) wanted = e.primary_name();
      }
      std::printf("MISSED %s: \"%s\" (want \"%s\") -> %.3f %s\n", c->category.c_str(),
                  c->name.c_str(), wanted.c_str(), result.top_score,
                  result.candidates.empty() ? "-" : result.candidates.front().listed_name.c_str());
    }
  }

  auto ratio = [](double a, double b) { return b == 0 ? 0.0 : a / b; };
  std::printf("| Category | Cases | Flagged at possible hit (>= %.2f) | Flagged at hit (>= %.2f) |\n",
              thresholds.possible_hit, thresholds.hit);
  std::printf("|---|---:|---:|---:|\n");
  for (const auto& [category, t] : by_category) {
    std::printf("| %s | %d | %d (%.1f %%) | %d (%.1f %%) |\n", category.c_str(), t.cases,
                t.possible, 100 * ratio(t.possible, t.cases), t.hit, 100 * ratio(t.hit, t.cases));
  }
  const int negatives = static_cast<int>(cases.size() - listed_cases);
  std::printf("\n| Level | Precision | Recall | F1 | False flags on clean names |\n|---|---:|---:|---:|---:|\n");
  for (const auto& [level, tp, fp] : {std::tuple{"possible hit", tp_possible, fp_possible},
                                      std::tuple{"hit", tp_hit, fp_hit}}) {
    const double precision = ratio(tp, tp + fp);
    const double recall = ratio(tp, positives);
    const double f1 = ratio(2 * precision * recall, precision + recall);
    std::printf("| %s | %.3f | %.3f | %.3f | %d of %d |\n", level, precision, recall, f1, fp,
                negatives);
  }
  std::printf("\n%zu listed-name cases, %d clean names, list %s (%zu entries), seed %llu\n",
              listed_cases, negatives, list->date_generated.c_str(), list->entries.size(),
              static_cast<unsigned long long>(seed));
  std::printf("throughput: %.0f screenings/s on one thread (%zu screenings in %.2f s)\n",
              cases.size() / seconds, cases.size(), seconds);
  return 0;
}
