#include "ranking_metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace tb::bench {

LearningQuery Prune(const std::vector<matching::SupplierMatcher::Candidate>& candidates,
                    const std::vector<float>& gains, double ideal_dcg, bool award) {
  const std::size_t n = candidates.size();
  std::vector<char> keep(n, 0);
  const auto keep_best = [&](std::size_t count, auto score) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    count = std::min(count, n);
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(count),
                      order.end(), [&](std::size_t a, std::size_t b) {
                        const double sa = score(a), sb = score(b);
                        return sa != sb ? sa > sb : a < b;
                      });
    for (std::size_t i = 0; i < count; ++i) keep[order[i]] = 1;
  };
  keep_best(300, [&](std::size_t i) {
    double s = 0;
    for (int f : kTunedFeatures) s += candidates[i].features[f];
    return s;
  });
  for (int f : kTunedFeatures) {
    keep_best(100, [&](std::size_t i) { return candidates[i].features[f]; });
  }
  LearningQuery q;
  q.ideal_dcg = ideal_dcg;
  q.award = award;
  for (std::size_t i = 0; i < n; ++i) {
    if (!keep[i] && gains[i] == 0) continue;  // a relevant candidate is always kept
    std::array<float, kTunedCount> f{};
    for (std::size_t k = 0; k < kTunedFeatures.size(); ++k) {
      f[k] = static_cast<float>(candidates[i].features[kTunedFeatures[k]]);
    }
    q.features.push_back(f);
    q.gains.push_back(gains[i]);
  }
  return q;
}

double Dcg10(const std::vector<double>& gains) {
  double dcg = 0;
  for (std::size_t i = 0; i < gains.size() && i < 10; ++i) {
    dcg += gains[i] / std::log2(static_cast<double>(i) + 2.0);
  }
  return dcg;
}

double QueryObjective(const std::vector<LearningQuery>& queries, const TunedWeights& w) {
  if (queries.empty()) return 0;
  double total = 0;
  std::vector<double> scores;
  std::vector<std::size_t> order;
  for (const LearningQuery& q : queries) {
    const std::size_t n = q.features.size();
    scores.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t k = 0; k < w.size(); ++k) scores[i] += w[k] * q.features[i][k];
    }
    const auto before = [&](std::size_t a, std::size_t b) {
      return scores[a] != scores[b] ? scores[a] > scores[b] : a < b;
    };
    if (q.award) {
      const auto winner = std::find(q.gains.begin(), q.gains.end(), 1.0f);
      if (winner == q.gains.end()) continue;
      const std::size_t wi = static_cast<std::size_t>(winner - q.gains.begin());
      std::size_t ahead = 0;
      for (std::size_t i = 0; i < n && ahead < q.cutoff; ++i) ahead += before(i, wi) ? 1 : 0;
      total += ahead < q.cutoff ? 1.0 : 0.0;
    } else {
      order.resize(n);
      std::iota(order.begin(), order.end(), 0);
      const std::size_t top = std::min<std::size_t>(10, n);
      std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top),
                        order.end(), before);
      std::vector<double> gains;
      for (std::size_t i = 0; i < top; ++i) gains.push_back(q.gains[order[i]]);
      total += q.ideal_dcg > 0 ? Dcg10(gains) / q.ideal_dcg : 0;
    }
  }
  return total / static_cast<double>(queries.size());
}

AscentResult CoordinateAscent(const std::vector<std::vector<LearningQuery>>& groups, int passes,
                              const TunedWeights& start,
                              const std::array<bool, kTunedCount>& fixed) {
  static constexpr double kGrid[] = {0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2, 3, 5, 8};
  AscentResult r;
  r.weights = start;
  const auto objective = [&](const TunedWeights& w) {
    double sum = 0;
    for (const auto& g : groups) sum += QueryObjective(g, w);
    return sum / static_cast<double>(groups.size());
  };
  r.objective = objective(r.weights);
  for (r.passes = 0; r.passes < passes;) {
    ++r.passes;
    bool changed = false;
    for (std::size_t k = 0; k < r.weights.size(); ++k) {
      if (fixed[k]) continue;
      for (double value : kGrid) {
        TunedWeights trial = r.weights;
        trial[k] = value;
        const double o = objective(trial);
        if (o > r.objective + 1e-12) {
          r.objective = o;
          r.weights = trial;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  for (const auto& g : groups) r.group_objectives.push_back(QueryObjective(g, r.weights));
  return r;
}

double Quantile(std::vector<double> values, double q) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

}  // namespace tb::bench
