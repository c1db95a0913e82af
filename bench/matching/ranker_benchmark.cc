// Ranker speed (issue #5 item 7, ../shared/ALGORITHMS.md B-G8), each with its baseline in
// the same run: a linear scan applying UNGM's TAS rule to every supplier.
//   - one notice against 10,000 suppliers, per-notice latency p50 / p95 (goal p95 <= 20 ms);
//   - an alert run of 20,000 notices x 350 suppliers (goal <= 30 s);
//   - an alert run of 1,000 notices x 300,000 suppliers (goal <= 5 min).
// Notices are real AusTender contract notices (text, agency, code as published; no predicted
// codes, so the code predictor's own cost, 0.16 ms per notice, is not included). Suppliers are
// SYNTHETIC: each draws 1-8 real AusTender awards (deterministic seed) and takes their codes as
// codes and history, their descriptions as text and their agencies. Batch runs use 2 threads
// (the machine's 2 cores); the single-notice latency is one thread.
//   TB_DATA_DIR (default data)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <random>
#include <thread>
#include <vector>

#include "austender_awards.h"
#include "matching/relevance.h"
#include "ranking_metrics.h"

namespace tb::bench {
namespace {

using matching::NoticeFacts;
using matching::SupplierMatcher;
using matching::SupplierProfile;

const std::vector<Award>& Awards() {
  static const std::vector<Award> awards = [] {
    const char* dir = std::getenv("TB_DATA_DIR");
    auto loaded = LoadAwards(dir ? dir : "data");
    if (!loaded.ok()) {
      std::fprintf(stderr, "ranker_benchmark: %s\n", loaded.status().message().c_str());
      std::exit(1);
    }
    return *std::move(loaded);
  }();
  return awards;
}

std::vector<SupplierProfile> SyntheticSuppliers(std::size_t count) {
  const std::vector<Award>& awards = Awards();
  std::mt19937_64 rng(20261122);
  std::uniform_int_distribution<std::size_t> pick(0, awards.size() - 1);
  std::uniform_int_distribution<int> size(1, 8);
  std::vector<SupplierProfile> out(count);
  for (std::size_t s = 0; s < count; ++s) {
    SupplierProfile& p = out[s];
    p.id = static_cast<std::int64_t>(s);
    p.countries = {"AU"};
    for (int k = size(rng); k > 0; --k) {
      const Award& a = awards[pick(rng)];
      p.history.push_back(a.code);
      if (std::find(p.codes.begin(), p.codes.end(), a.code) == p.codes.end())
        p.codes.push_back(a.code);
      p.text += (p.text.empty() ? "" : " ") + a.text;
      if (std::find(p.registered_agencies.begin(), p.registered_agencies.end(), a.agency) ==
          p.registered_agencies.end()) {
        p.registered_agencies.push_back(a.agency);
      }
    }
  }
  return out;
}

// The newest awards as notices (the test period's end of the file), cycling when more are asked.
std::vector<NoticeFacts> Notices(std::size_t count) {
  const std::vector<Award>& awards = Awards();
  std::vector<NoticeFacts> out;
  for (std::size_t i = 0; i < count; ++i) {
    const Award& a = awards[awards.size() - 1 - (i % awards.size())];
    NoticeFacts n;
    n.text = a.text;
    n.agency = a.agency;
    n.codes = {a.code};
    out.push_back(std::move(n));
  }
  return out;
}

// The baseline's view of a supplier: declared codes and history, as the TAS rule reads them.
std::vector<std::vector<UnspscCode>> TasCodes(const std::vector<SupplierProfile>& suppliers) {
  std::vector<std::vector<UnspscCode>> out;
  for (const SupplierProfile& p : suppliers) {
    std::vector<UnspscCode> c = p.codes;
    c.insert(c.end(), p.history.begin(), p.history.end());
    std::sort(c.begin(), c.end());
    c.erase(std::unique(c.begin(), c.end()), c.end());
    out.push_back(std::move(c));
  }
  return out;
}

std::size_t TasScan(const NoticeFacts& notice, const std::vector<std::vector<UnspscCode>>& codes,
                    std::vector<std::size_t>& matched) {
  matched.clear();
  for (std::size_t s = 0; s < codes.size(); ++s) {
    if (matching::TasRuleMatches(notice.codes, codes[s])) matched.push_back(s);
  }
  return matched.size();
}

const Timestamp kNow = Timestamp::FromSeconds(1'750'000'000);

struct Fixture {
  std::vector<NoticeFacts> notices;
  SupplierMatcher matcher;
  std::vector<std::vector<UnspscCode>> tas_codes;
  double build_seconds = 0;
};

const Fixture& Get(std::size_t suppliers, std::size_t notices) {
  static std::map<std::pair<std::size_t, std::size_t>, std::unique_ptr<Fixture>> cache;
  auto& slot = cache[{suppliers, notices}];
  if (!slot) {
    std::vector<SupplierProfile> profiles = SyntheticSuppliers(suppliers);
    auto tas = TasCodes(profiles);
    const auto start = std::chrono::steady_clock::now();
    SupplierMatcher matcher(std::move(profiles));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    slot = std::make_unique<Fixture>(
        Fixture{Notices(notices), std::move(matcher), std::move(tas), seconds});
  }
  return *slot;
}

void Percentiles(benchmark::State& state, std::vector<double> ms) {
  state.counters["p50_ms"] = Quantile(ms, 0.5);
  state.counters["p95_ms"] = Quantile(ms, 0.95);
  state.counters["max_ms"] = Quantile(ms, 1.0);
}

// Per-notice latency: each iteration ranks one notice (cycling through 1,000 real notices).
void BM_RankOneNotice(benchmark::State& state) {
  const Fixture& f = Get(static_cast<std::size_t>(state.range(0)), 1000);
  std::vector<double> ms;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    auto recs = f.matcher.Rank(f.notices[i++ % f.notices.size()], {.now = kNow, .limit = 100});
    benchmark::DoNotOptimize(recs);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
  }
  Percentiles(state, ms);
  state.counters["build_s"] = f.build_seconds;
}

void BM_TasScanOneNotice(benchmark::State& state) {
  const Fixture& f = Get(static_cast<std::size_t>(state.range(0)), 1000);
  std::vector<double> ms;
  std::vector<std::size_t> matched;
  std::size_t i = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(TasScan(f.notices[i++ % f.notices.size()], f.tas_codes, matched));
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
  }
  Percentiles(state, ms);
}

template <typename Body>
void OnTwoThreads(std::size_t n, Body body) {
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < 2; ++t) {
    pool.emplace_back([&] {
      for (std::size_t i = next++; i < n; i = next++) body(i);
    });
  }
  for (std::thread& t : pool) t.join();
}

// An alert run: every notice ranked against every supplier, the top 100 kept.
void BM_AlertRun(benchmark::State& state) {
  const Fixture& f =
      Get(static_cast<std::size_t>(state.range(1)), static_cast<std::size_t>(state.range(0)));
  std::atomic<std::size_t> alerts{0};
  for (auto _ : state) {
    alerts = 0;
    OnTwoThreads(f.notices.size(), [&](std::size_t i) {
      alerts += f.matcher.Rank(f.notices[i], {.now = kNow, .limit = 100}).size();
    });
  }
  state.counters["alerts_per_notice"] = static_cast<double>(alerts) / f.notices.size();
  state.counters["build_s"] = f.build_seconds;
}

void BM_TasScanAlertRun(benchmark::State& state) {
  const Fixture& f =
      Get(static_cast<std::size_t>(state.range(1)), static_cast<std::size_t>(state.range(0)));
  std::atomic<std::size_t> alerts{0};
  for (auto _ : state) {
    alerts = 0;
    OnTwoThreads(f.notices.size(), [&](std::size_t i) {
      std::vector<std::size_t> matched;
      alerts += TasScan(f.notices[i], f.tas_codes, matched);
    });
  }
  state.counters["alerts_per_notice"] = static_cast<double>(alerts) / f.notices.size();
}

BENCHMARK(BM_RankOneNotice)->Arg(10'000)->Iterations(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TasScanOneNotice)->Arg(10'000)->Iterations(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AlertRun)->Args({20'000, 350})->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);
BENCHMARK(BM_TasScanAlertRun)
    ->Args({20'000, 350})
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kSecond);
BENCHMARK(BM_AlertRun)
    ->Args({1'000, 300'000})
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kSecond);
BENCHMARK(BM_TasScanAlertRun)
    ->Args({1'000, 300'000})
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kSecond);

}  // namespace
}  // namespace tb::bench

BENCHMARK_MAIN();
