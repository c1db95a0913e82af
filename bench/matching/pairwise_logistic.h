#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "ranking_metrics.h"

namespace tb::bench {

// Pairwise logistic regression (RankNet's loss with a linear model; Joachims 2002 for the
// pairwise reduction), the first option of ALGORITHMS.md B.3 and issue #5 item 2, over the
// same learning queries as CoordinateAscent. Pairs: in an award query, the winner against
// `negatives_per_query` non-winners sampled without replacement; in a graded query, that many
// (higher grade, lower grade) pairs sampled at random. Every group of queries weighs the same
// in the loss (as the groups do in the coordinate-ascent objective):
//   sum_g mean_{pairs of g} log(1 + exp(-w . (x_better - x_worse))) + l2 / 2 |w|^2,
// minimised by Newton's method (9 weights: the Hessian is small), with step halving.
// Deterministic for a seed. Features whose `fixed` entry is set weigh 0. The weights are
// returned rescaled to an L1 norm equal to the number of free features (the norm of equal
// weights), which leaves every ranking unchanged.
struct PairwiseOptions {
  int negatives_per_query = 20;
  // Award queries: this share of the negatives are the non-winners scoring highest under equal
  // weights (the ones that push the winner out of the top 10), the rest sampled at random.
  double hard_share = 0;
  double l2 = 1e-3;
  int max_iterations = 50;
  std::uint64_t seed = 1;
};
struct PairwiseResult {
  TunedWeights weights{};  // rescaled as above
  TunedWeights raw{};      // the minimiser itself
  std::size_t pairs = 0;
  int iterations = 0;
  double loss = 0;  // at the minimiser
};
PairwiseResult PairwiseLogistic(const std::vector<std::vector<LearningQuery>>& groups,
                                const PairwiseOptions& options,
                                const std::array<bool, kTunedCount>& fixed);

}  // namespace tb::bench
