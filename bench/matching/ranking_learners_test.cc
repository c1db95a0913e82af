// The pairwise logistic learner and the paired randomisation test of ranking_eval
// (bench/matching; ALGORITHMS.md B.3-B.4), on small synthetic cases with known answers.
#include <gtest/gtest.h>

#include <random>

#include "pairwise_logistic.h"
#include "randomisation_test.h"

namespace tb::bench {
namespace {

using Features = std::array<float, kTunedCount>;

// An award query whose winner is the only candidate with feature 0 set; feature 1 is set on
// a loser instead, so feature 0 must weigh positive and feature 1 negative.
LearningQuery SeparableQuery(std::mt19937& rng) {
  std::uniform_real_distribution<float> noise(0, 0.1f);
  LearningQuery q;
  for (int i = 0; i < 8; ++i) {
    Features f{};
    for (float& v : f) v = noise(rng);
    f[0] = i == 3 ? 1.0f : 0.0f;
    f[1] = i == 5 ? 1.0f : 0.0f;
    q.features.push_back(f);
    q.gains.push_back(i == 3 ? 1.0f : 0.0f);
  }
  return q;
}

TEST(RankingLearners, PairwiseLogisticLearnsTheSignsOfASeparableSet) {
  std::mt19937 rng(7);
  std::vector<LearningQuery> queries;
  for (int i = 0; i < 40; ++i) queries.push_back(SeparableQuery(rng));
  const PairwiseResult r = PairwiseLogistic({queries}, {}, {});
  EXPECT_GT(r.weights[0], 0.5);
  EXPECT_LT(r.weights[1], -0.5);
  for (std::size_t k = 2; k < kTunedCount; ++k) {
    EXPECT_LT(std::abs(r.weights[k]), r.weights[0]) << "feature " << k;
  }
  EXPECT_EQ(r.pairs, 40u * 7u);  // 20 negatives asked, 7 available per query
  // The learned weights rank every winner first.
  EXPECT_DOUBLE_EQ(QueryObjective(queries, r.weights), 1.0);
  // The rescaled weights have the L1 norm of equal weights over the free features.
  double norm = 0;
  for (double w : r.weights) norm += std::abs(w);
  EXPECT_NEAR(norm, double(kTunedCount), 1e-9);
}

TEST(RankingLearners, PairwiseLogisticKeepsFixedFeaturesAtZeroAndIsDeterministic) {
  std::mt19937 rng(3);
  std::vector<LearningQuery> queries;
  for (int i = 0; i < 20; ++i) queries.push_back(SeparableQuery(rng));
  std::array<bool, kTunedCount> fixed{};
  fixed[0] = true;
  const PairwiseResult a = PairwiseLogistic({queries}, {.seed = 5}, fixed);
  const PairwiseResult b = PairwiseLogistic({queries}, {.seed = 5}, fixed);
  EXPECT_EQ(a.weights[0], 0.0);
  EXPECT_LT(a.weights[1], 0.0);  // the only signal left: the marked loser
  EXPECT_EQ(a.weights, b.weights);
}

TEST(RankingLearners, PairwiseLogisticOrdersGradedCandidatesByGrade) {
  // Graded query: gain grows with feature 2; feature 3 is noise.
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> unit(0, 1);
  std::vector<LearningQuery> queries;
  for (int q = 0; q < 30; ++q) {
    LearningQuery query;
    query.award = false;
    for (int i = 0; i < 10; ++i) {
      Features f{};
      const int grade = i % 4;
      f[2] = static_cast<float>(grade) / 3.0f + 0.05f * unit(rng);
      f[3] = unit(rng);
      query.features.push_back(f);
      query.gains.push_back(static_cast<float>((1 << grade) - 1));
    }
    query.ideal_dcg = 1;  // unused by the learner
    queries.push_back(query);
  }
  const PairwiseResult r = PairwiseLogistic({queries}, {}, {});
  EXPECT_GT(r.weights[2], 1.0);
  EXPECT_LT(std::abs(r.weights[3]), r.weights[2] / 4);
}

TEST(RankingLearners, RandomisationTestOfIdenticalRankersGivesPOfOne) {
  std::vector<double> a;
  for (int i = 0; i < 200; ++i) a.push_back(i % 3 == 0 ? 1.0 : 0.0);
  EXPECT_DOUBLE_EQ(PairedRandomisationP(a, a, 1000, 1), 1.0);
}

TEST(RankingLearners, RandomisationTestOfAClearlyBetterRankerGivesASmallP) {
  // 300 queries: the better system hits 60 % of them, the worse 30 %, mostly disjoint.
  std::vector<double> better, worse;
  for (int i = 0; i < 300; ++i) {
    better.push_back(i % 10 < 6 ? 1.0 : 0.0);
    worse.push_back(i % 10 >= 7 ? 1.0 : 0.0);
  }
  const double p = PairedRandomisationP(better, worse, 2000, 1);
  EXPECT_LT(p, 0.001);
  EXPECT_GE(p, 1.0 / 2001);  // never 0: the observed labelling counts as one permutation
  EXPECT_DOUBLE_EQ(p, PairedRandomisationP(worse, better, 2000, 1));  // two-sided
}

TEST(RankingLearners, RandomisationTestOfNoiseGivesALargeP) {
  // Two systems differing on two of 400 queries, once each way: no evidence either way.
  std::vector<double> a(400, 0.5), b(400, 0.5);
  a[10] = 1;
  b[20] = 1;
  EXPECT_GT(PairedRandomisationP(a, b, 1000, 1), 0.9);
  // One query of difference: every relabelling is as extreme as the observed one.
  std::vector<double> c(400, 0), d(400, 0);
  c[0] = 1;
  EXPECT_DOUBLE_EQ(PairedRandomisationP(c, d, 1000, 1), 1.0);
}

TEST(RankingLearners, RandomisationTestRejectsUnpairedInput) {
  EXPECT_THROW(PairedRandomisationP({1, 0}, {1}, 10, 1), std::invalid_argument);
  EXPECT_DOUBLE_EQ(PairedRandomisationP({}, {}, 10, 1), 1.0);
}

}  // namespace
}  // namespace tb::bench
