#include "eval_common.h"

#include <cstdio>

#include "matching/classification_metrics.h"
#include "randomisation_test.h"

namespace tb::bench {

void Emit(const nlohmann::json& line) {
  std::printf("%s\n", line.dump().c_str());
  std::fflush(stdout);
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

RankedOutcome Outcome(const std::vector<matching::Recommendation>& recs, std::size_t winner) {
  RankedOutcome o;
  for (std::size_t i = 0; i < recs.size(); ++i) {
    if (recs[i].supplier == winner && o.winner_rank == 0) o.winner_rank = static_cast<int>(i) + 1;
    if (i < 10) o.top10.push_back(recs[i].supplier);
  }
  return o;
}

nlohmann::json Interval(const std::vector<double>& outcomes) {
  const auto ci = matching::BootstrapInterval(outcomes, 1000, 1);
  double mean = 0;
  for (double v : outcomes) mean += v;
  mean = outcomes.empty() ? 0 : mean / static_cast<double>(outcomes.size());
  return {{"mean", mean}, {"ci", {ci.first, ci.second}}};
}

double PairedP(const std::vector<double>& a, const std::vector<double>& b, int permutations) {
  return PairedRandomisationP(a, b, permutations, 1);
}

double LinearScore(const matching::RankerWeights& w, const matching::FeatureVector& f) {
  double s = 0;
  for (int i = 0; i < matching::kFeatureCount; ++i) s += w.weights[i] * f[i];
  return s;
}

const std::vector<std::pair<std::string, matching::Scoring>> kRankers = {
    {"tas", matching::Scoring::kTasRule},
    {"bm25", matching::Scoring::kTextOnly},
    {"codes", matching::Scoring::kCodesOnly},
    {"rrf", matching::Scoring::kRrf},
    {"learned", matching::Scoring::kLearned}};

}  // namespace tb::bench
