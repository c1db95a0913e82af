#pragma once
// Shared pieces of ranking_eval (issue #5 items 2-3; ALGORITHMS.md B.4): arguments, JSON
// output, a thread pool loop and the per-query outcome of a ranking.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "matching/relevance.h"

namespace tb::bench {

struct EvalArgs {
  std::string data = "data";
  std::uint32_t seed = 1;
  int threads = 2;
  std::string weights_out;
  std::string objective = "mixed";  // "mixed": HR@10 full, text-only, graded nDCG; "award"
  std::vector<std::string> fixed;   // tuned features held at weight 0 (ablations)
  bool validation_only = false;     // stop after learning (no test-period figures)
  int agency_folds = 3;             // leave-one-agency-out folds (largest agencies first)
  int permutations = 10000;         // paired randomisation test (B.4 step 6)
};

// One JSON object per line on stdout, flushed (scripts/bench-ranking reads it).
void Emit(const nlohmann::json& line);

double SecondsSince(std::chrono::steady_clock::time_point start);

template <typename F>
void ParallelFor(std::size_t n, int threads, F body) {
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < std::max(1, threads); ++t) {
    pool.emplace_back([&] {
      for (std::size_t i = next++; i < n; i = next++) body(i);
    });
  }
  for (std::thread& t : pool) t.join();
}

// Per query and ranker: the winner's rank in the returned list (0 when absent) and the top 10.
struct RankedOutcome {
  int winner_rank = 0;
  std::vector<std::size_t> top10;
};
RankedOutcome Outcome(const std::vector<matching::Recommendation>& recs, std::size_t winner);

// Mean and 95 % bootstrap interval (1,000 resamples, seed 1) of per-query outcomes.
nlohmann::json Interval(const std::vector<double>& outcomes);

// Paired randomisation p-value of `a` against `b` (randomisation_test.h), as a JSON number.
double PairedP(const std::vector<double>& a, const std::vector<double>& b, int permutations);

// The linear score of a candidate's normalised features.
double LinearScore(const matching::RankerWeights& w, const matching::FeatureVector& f);

// The rankers of B.4 step 7 that SupplierMatcher scores itself, by report name.
extern const std::vector<std::pair<std::string, matching::Scoring>> kRankers;

}  // namespace tb::bench
