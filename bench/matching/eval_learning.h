#pragma once
// Learning the ranker weights on the validation period (ALGORITHMS.md B.3-B.4): the learning
// queries, the two learners (coordinate ascent; pairwise logistic regression), the choice
// between them on the validation period, and the validation figures of a set of weights.

#include <string>
#include <vector>

#include "eval_data.h"
#include "pairwise_logistic.h"
#include "ranking_metrics.h"

namespace tb::bench {

// The learning queries in time order: award queries in both regimes (winner known in
// `suppliers`) and graded text-only queries over the synthetic profiles.
struct LearningSets {
  std::vector<LearningQuery> award_full, award_text, graded;
  // "mixed": award HR@10 in both regimes and graded nDCG@10; "award": the first two;
  // "mixed_recall": "mixed" plus full-regime award Recall@100 (B-G5).
  std::vector<std::vector<LearningQuery>> Groups(const std::string& objective) const;
};
LearningSets BuildLearningSets(const EvalData& data, const SupplierSet& suppliers,
                               const std::vector<Award>& validation,
                               const std::vector<matching::NoticeFacts>& facts, int threads);

// Equal weights (1) over the tuned features, 0 and fixed for those named in `left_out`.
struct Start {
  TunedWeights weights{};
  std::array<bool, kTunedCount> fixed{};
};
Start StartOf(const std::vector<std::string>& left_out);

// RankerWeights::Learned() with the tuned features replaced.
matching::RankerWeights WithTuned(const TunedWeights& tuned);

struct AscentLearned {
  matching::RankerWeights weights;
  AscentResult ascent;
};
AscentLearned LearnByAscent(const LearningSets& sets, const std::vector<std::string>& left_out,
                            const std::string& objective);

struct PairwiseLearned {
  matching::RankerWeights weights;
  PairwiseResult fit;
};
// `hard_share`: PairwiseOptions::hard_share (0: every negative sampled at random).
PairwiseLearned LearnByPairwise(const LearningSets& sets, const std::vector<std::string>& left_out,
                                const std::string& objective, std::uint32_t seed,
                                double hard_share);

// The learners ChooseLearner compares: "coordinate_ascent", "pairwise_logistic" (random
// negatives) and "pairwise_logistic_hard" (half the negatives the strongest non-winners).
inline constexpr double kHardShare = 0.5;
matching::RankerWeights LearnWith(const std::string& learner, const LearningSets& sets,
                                  const std::vector<std::string>& left_out,
                                  const std::string& objective, std::uint32_t seed);

// Which learner to ship, decided on the validation period only: each group of learning
// queries is cut at its middle query (time order); each learner is fitted on one half and
// scored (the coordinate-ascent objective) on the other, both ways; the highest mean of the
// two held-out objectives wins (ties: coordinate ascent, the incumbent). Emits "learner_choice".
std::string ChooseLearner(const LearningSets& sets, const std::vector<std::string>& left_out,
                          const std::string& objective, std::uint32_t seed);

// Validation figures on the whole candidate sets (not the pruned learning sets) for one set
// of weights; emits a "validation" line.
void ValidationReport(const EvalData& data, const std::vector<matching::NoticeFacts>& facts,
                      const std::string& name, const matching::RankerWeights& w, int threads);

}  // namespace tb::bench
