#include "matching/classification_metrics.h"

#include <algorithm>
#include <numeric>
#include <random>

namespace tb::matching {
namespace {

double Mean(const std::vector<double>& v) {
  return v.empty() ? 0.0 : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

}  // namespace

std::string LevelKey(UnspscCode code, int digits) { return code.ToString().substr(0, digits); }

void TopKAccuracy::Add(const std::string& truth, const std::vector<std::string>& ranked) {
  const auto limit = std::min(ranked.size(), static_cast<std::size_t>(k_));
  const bool hit_k =
      std::find(ranked.begin(), ranked.begin() + limit, truth) != ranked.begin() + limit;
  top1_.push_back(!ranked.empty() && ranked.front() == truth ? 1.0 : 0.0);
  topk_.push_back(hit_k ? 1.0 : 0.0);
}

double TopKAccuracy::top1() const { return Mean(top1_); }
double TopKAccuracy::topk() const { return Mean(topk_); }

std::vector<std::string> PathKeys(UnspscCode code, UnspscCode::Level max_level) {
  const int depth = std::min(static_cast<int>(code.level()), static_cast<int>(max_level));
  std::vector<std::string> keys;
  for (int level = 1; level <= depth; ++level) keys.push_back(LevelKey(code, 2 * level));
  return keys;
}

void HierarchicalF::Add(const std::vector<std::string>& truth_path,
                        const std::vector<std::string>& predicted_path) {
  for (const std::string& node : predicted_path) {
    if (std::find(truth_path.begin(), truth_path.end(), node) != truth_path.end()) ++intersection_;
  }
  predicted_ += static_cast<std::int64_t>(predicted_path.size());
  truth_ += static_cast<std::int64_t>(truth_path.size());
}

double HierarchicalF::precision() const {
  return predicted_ == 0 ? 0.0
                         : static_cast<double>(intersection_) / static_cast<double>(predicted_);
}
double HierarchicalF::recall() const {
  return truth_ == 0 ? 0.0 : static_cast<double>(intersection_) / static_cast<double>(truth_);
}
double HierarchicalF::f() const {
  const double p = precision(), r = recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

std::pair<double, double> BootstrapInterval(const std::vector<double>& outcomes, int resamples,
                                            std::uint64_t seed) {
  if (outcomes.empty() || resamples <= 0) return {0.0, 0.0};
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<std::size_t> pick(0, outcomes.size() - 1);
  std::vector<double> means;
  means.reserve(resamples);
  for (int r = 0; r < resamples; ++r) {
    double sum = 0;
    for (std::size_t i = 0; i < outcomes.size(); ++i) sum += outcomes[pick(rng)];
    means.push_back(sum / static_cast<double>(outcomes.size()));
  }
  std::sort(means.begin(), means.end());
  const auto at = [&](double q) {
    return means[std::min(means.size() - 1,
                          static_cast<std::size_t>(q * static_cast<double>(means.size())))];
  };
  return {at(0.025), at(0.975)};
}

}  // namespace tb::matching
