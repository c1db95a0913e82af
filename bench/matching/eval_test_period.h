#pragma once
// The test period of ranking_eval (ALGORITHMS.md B.4 steps 5-7): award prediction in both
// regimes for every baseline and the learned ranker, alerts per notice, graded text-only
// nDCG@10, paired randomisation tests of the learned ranker against each baseline; and the
// replication of B.2b's own protocol.

#include "eval_data.h"

namespace tb::bench {

// `cut` is the alert threshold chosen on validation (min_score).
void TestPeriod(const EvalData& data, const matching::RankerWeights& learned, double cut,
                const EvalArgs& args);

// B.2b's own protocol on the same data, for comparison with its published figures: first
// 80 % by date signed to build the profiles, last 20 % to test, no near-duplicate removal, no
// validation gap; notice codes visible, no predicted codes (B.2b's rankers had none).
void ReplicateB2b(const std::vector<Award>& sorted, const matching::RankerWeights& learned,
                  int threads);

}  // namespace tb::bench
