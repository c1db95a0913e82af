#pragma once

#include <vector>

#include "core/result.h"
#include "scheduling/problem.h"

namespace tb::scheduling {

struct ExactOptions {
  double time_limit_seconds = 90;
  int threads = 2;
  // Refuse models above this many binaries: at the 10x size the monolithic ILP needs about
  // 24 GB before solving (../shared/ALGORITHMS.md A.6(b)).
  long long max_columns = 400000;
  std::vector<Meeting> warm_start;  // a feasible schedule handed to CBC as its first incumbent
};

struct ExactResult {
  Schedule schedule;
  long long columns = 0, rows = 0;
  double objective = 0;   // 10·Σ_s f_s + Σ w_r x (meetings_gen.py lp --objective fair-weight)
  double best_bound = 0;  // CBC's proven upper bound on the objective
  double gap = 0;         // (best_bound - objective) / objective
  bool proven_optimal = false;
  double seconds = 0;
};

// The time-indexed ILP of ../shared/ALGORITHMS.md A.6(a) with the tool's `fair-weight`
// objective, solved by the CBC library (CbcMain1, as the cbc binary) within the time limit.
// An instance too large for one model is a ResourceExhausted; no solution within the limit a
// FailedPrecondition.
Result<ExactResult> SolveExact(const Problem& problem, const ExactOptions& options);

}  // namespace tb::scheduling
