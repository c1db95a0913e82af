#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "matching/relevance.h"

namespace tb::bench {

// The features coordinate ascent tunes: the others do not vary on AusTender (every notice is
// Australian, open, already signed), so their weights keep hand-set priors.
inline constexpr std::array<int, 9> kTunedFeatures = {
    static_cast<int>(matching::Feature::kText),
    static_cast<int>(matching::Feature::kCodes),
    static_cast<int>(matching::Feature::kPredictedCodes),
    static_cast<int>(matching::Feature::kAgency),
    static_cast<int>(matching::Feature::kHistory),
    static_cast<int>(matching::Feature::kAgencyHistory),
    static_cast<int>(matching::Feature::kCodeHistory),
    static_cast<int>(matching::Feature::kAgencyCodeHistory),
    static_cast<int>(matching::Feature::kSimilarAward)};
inline constexpr std::size_t kTunedCount = kTunedFeatures.size();
using TunedWeights = std::array<double, kTunedCount>;

// One validation query kept for learning: the candidates that could reach the top under some
// weights (the best 300 under equal weights and the best 100 on each tuned feature alone),
// with their gains: the winner's is 1 (award queries, scored by HR@10), or 2^grade - 1
// (graded queries, scored by nDCG@10 against `ideal_dcg` from the whole profile pool).
struct LearningQuery {
  std::vector<std::array<float, kTunedCount>> features;
  std::vector<float> gains;
  double ideal_dcg = 0;
  bool award = true;
  // Award queries: a hit when the winner ranks within `cutoff` (10: HR@10; 100: Recall@100).
  std::size_t cutoff = 10;
};

LearningQuery Prune(const std::vector<matching::SupplierMatcher::Candidate>& candidates,
                    const std::vector<float>& gains, double ideal_dcg, bool award);

// Mean HR@cutoff (award) or nDCG@10 (graded) of `queries` under `weights` (over kTunedFeatures);
// ties broken by candidate order, as SupplierMatcher does.
double QueryObjective(const std::vector<LearningQuery>& queries, const TunedWeights& w);

// Coordinate ascent (Metzler & Croft 2007, on a fixed grid): each tuned weight in turn takes
// the grid value maximising the mean of the groups' objectives, until a pass changes nothing
// (at most `passes`). Deterministic: features in a fixed order, ties keep the current value.
// Features whose `fixed` entry is set keep their `start` weight.
struct AscentResult {
  TunedWeights weights;
  double objective = 0;
  std::vector<double> group_objectives;
  int passes = 0;
};
AscentResult CoordinateAscent(const std::vector<std::vector<LearningQuery>>& groups, int passes,
                              const TunedWeights& start,
                              const std::array<bool, kTunedCount>& fixed);

// DCG@10 with gains 2^grade - 1 and log2(rank + 1) discounts, from gains in ranked order.
double Dcg10(const std::vector<double>& gains_in_rank_order);

// The value at quantile q (0..1) of `values` (nearest rank); 0 when empty.
double Quantile(std::vector<double> values, double q);

}  // namespace tb::bench
