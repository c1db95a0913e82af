#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "scheduling/bounds.h"
#include "scheduling/problem.h"

namespace tb::scheduling {

struct OptimiserOptions {
  double time_limit_seconds = 2.0;  // wall time for the whole run, bounds included
  std::uint64_t seed = 1;
  // Share of the time left after the primary objective reaches its bound (or its share of
  // the budget runs out) that goes to fewer breaks.
  double primary_share = 0.6;
  // Warm start (re-optimisation): these meetings are placed first, in order; those marked
  // pinned never move. Infeasible ones are an InvalidArgument.
  std::vector<Meeting> initial;
  std::vector<char> pinned;  // parallel to `initial`
};

// What one run did, for reports and benchmarks.
struct OptimiserStats {
  Bounds bounds;
  long long greedy_fairness = 0, greedy_weight = 0, greedy_meetings = 0, greedy_breaks = 0;
  long long fairness = 0, weight = 0, meetings = 0, breaks = 0;
  long long iterations = 0;
  // Re-optimisation only (Reoptimise): published meetings moved or removed by the search, and
  // those the change itself made infeasible (not counted in `moved`).
  long long moved = 0, forced = 0;
  double bounds_seconds = 0, greedy_seconds = 0, total_seconds = 0;
};

struct OptimiserResult {
  Schedule schedule;
  OptimiserStats stats;
};

// Heuristic mode (../shared/ALGORITHMS.md A.6(b)): LEMON bounds, the fairness-aware greedy,
// then large neighbourhood search (ejection-chain insertion, destroy and repair) for
// fairness, weight and count, then simulated annealing on breaks. Stops early once fairness,
// weight and count reach their bounds. Hard rules hold at every step.
Result<OptimiserResult> Optimise(const Problem& problem, const OptimiserOptions& options);

}  // namespace tb::scheduling
