#include "pairwise_logistic.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace tb::bench {
namespace {

using Vector = std::array<double, kTunedCount>;
using Matrix = std::array<Vector, kTunedCount>;

struct Pair {
  Vector difference{};  // x_better - x_worse
  double weight = 0;    // 1 / pairs in the group
};

// log(1 + exp(-z)) without overflow.
double LogLoss(double z) { return z > 0 ? std::log1p(std::exp(-z)) : -z + std::log1p(std::exp(z)); }

Vector Difference(const std::array<float, kTunedCount>& better,
                  const std::array<float, kTunedCount>& worse) {
  Vector d{};
  for (std::size_t k = 0; k < kTunedCount; ++k) d[k] = double(better[k]) - double(worse[k]);
  return d;
}

std::vector<Pair> SamplePairs(const std::vector<LearningQuery>& group, int per_query,
                              double hard_share, std::mt19937_64& rng) {
  std::vector<Pair> pairs;
  for (const LearningQuery& q : group) {
    const std::size_t n = q.gains.size();
    if (q.award) {
      const auto winner = std::find(q.gains.begin(), q.gains.end(), 1.0f);
      if (winner == q.gains.end()) continue;
      const std::size_t wi = static_cast<std::size_t>(winner - q.gains.begin());
      std::vector<std::size_t> others;
      for (std::size_t i = 0; i < n; ++i) {
        if (i != wi) others.push_back(i);
      }
      const std::size_t take = std::min<std::size_t>(others.size(), std::size_t(per_query));
      const auto hard = std::min<std::size_t>(take, std::size_t(std::lround(hard_share * take)));
      if (hard > 0) {
        const auto sum = [&](std::size_t i) {
          return std::accumulate(q.features[i].begin(), q.features[i].end(), 0.0);
        };
        std::stable_sort(others.begin(), others.end(),
                         [&](std::size_t a, std::size_t b) { return sum(a) > sum(b); });
      }
      // The first `hard` entries stay; a partial Fisher-Yates shuffle of the rest picks the
      // random ones.
      for (std::size_t i = 0; i < hard; ++i) {
        pairs.push_back({Difference(q.features[wi], q.features[others[i]]), 0});
      }
      for (std::size_t i = hard; i < take; ++i) {
        std::uniform_int_distribution<std::size_t> pick(i, others.size() - 1);
        std::swap(others[i], others[pick(rng)]);
        pairs.push_back({Difference(q.features[wi], q.features[others[i]]), 0});
      }
    } else {
      std::vector<std::size_t> relevant;
      for (std::size_t i = 0; i < n; ++i) {
        if (q.gains[i] > 0) relevant.push_back(i);
      }
      if (relevant.empty() || relevant.size() == n) continue;
      std::uniform_int_distribution<std::size_t> pick_relevant(0, relevant.size() - 1);
      std::uniform_int_distribution<std::size_t> pick_any(0, n - 1);
      for (int p = 0, tries = 0; p < per_query && tries < 20 * per_query; ++tries) {
        const std::size_t better = relevant[pick_relevant(rng)];
        const std::size_t worse = pick_any(rng);
        if (q.gains[worse] >= q.gains[better]) continue;
        pairs.push_back({Difference(q.features[better], q.features[worse]), 0});
        ++p;
      }
    }
  }
  return pairs;
}

// Solves H x = g by Gaussian elimination with partial pivoting (H is positive definite).
Vector Solve(Matrix h, Vector g) {
  const std::size_t n = kTunedCount;
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t pivot = c;
    for (std::size_t r = c + 1; r < n; ++r) {
      if (std::abs(h[r][c]) > std::abs(h[pivot][c])) pivot = r;
    }
    std::swap(h[c], h[pivot]);
    std::swap(g[c], g[pivot]);
    for (std::size_t r = c + 1; r < n; ++r) {
      const double f = h[r][c] / h[c][c];
      for (std::size_t k = c; k < n; ++k) h[r][k] -= f * h[c][k];
      g[r] -= f * g[c];
    }
  }
  Vector x{};
  for (std::size_t c = n; c-- > 0;) {
    double s = g[c];
    for (std::size_t k = c + 1; k < n; ++k) s -= h[c][k] * x[k];
    x[c] = s / h[c][c];
  }
  return x;
}

}  // namespace

PairwiseResult PairwiseLogistic(const std::vector<std::vector<LearningQuery>>& groups,
                                const PairwiseOptions& options,
                                const std::array<bool, kTunedCount>& fixed) {
  std::mt19937_64 rng(options.seed);
  std::vector<Pair> pairs;
  for (const auto& group : groups) {
    std::vector<Pair> sampled =
        SamplePairs(group, options.negatives_per_query, options.hard_share, rng);
    for (Pair& p : sampled) {
      p.weight = 1.0 / static_cast<double>(sampled.size());
      for (std::size_t k = 0; k < kTunedCount; ++k) {
        if (fixed[k]) p.difference[k] = 0;
      }
    }
    pairs.insert(pairs.end(), sampled.begin(), sampled.end());
  }
  const auto loss = [&](const Vector& w) {
    double total = 0;
    for (const Pair& p : pairs) {
      double z = 0;
      for (std::size_t k = 0; k < kTunedCount; ++k) z += w[k] * p.difference[k];
      total += p.weight * LogLoss(z);
    }
    for (double v : w) total += 0.5 * options.l2 * v * v;
    return total;
  };
  PairwiseResult r;
  r.pairs = pairs.size();
  Vector w{};
  double current = loss(w);
  for (r.iterations = 0; r.iterations < options.max_iterations; ++r.iterations) {
    Vector gradient{};
    Matrix hessian{};
    for (const Pair& p : pairs) {
      double z = 0;
      for (std::size_t k = 0; k < kTunedCount; ++k) z += w[k] * p.difference[k];
      const double sigma = 1.0 / (1.0 + std::exp(z));  // = -d LogLoss / dz
      const double curvature = sigma * (1.0 - sigma);
      for (std::size_t k = 0; k < kTunedCount; ++k) {
        gradient[k] -= p.weight * sigma * p.difference[k];
        for (std::size_t j = 0; j < kTunedCount; ++j) {
          hessian[k][j] += p.weight * curvature * p.difference[k] * p.difference[j];
        }
      }
    }
    for (std::size_t k = 0; k < kTunedCount; ++k) {
      gradient[k] += options.l2 * w[k];
      hessian[k][k] += options.l2;
    }
    const Vector step = Solve(hessian, gradient);
    double scale = 1;
    Vector next{};
    double next_loss = current;
    for (int halvings = 0; halvings < 30; ++halvings, scale /= 2) {
      for (std::size_t k = 0; k < kTunedCount; ++k) next[k] = w[k] - scale * step[k];
      next_loss = loss(next);
      if (next_loss <= current) break;
    }
    if (next_loss > current) break;
    const double improvement = current - next_loss;
    w = next;
    current = next_loss;
    if (improvement < 1e-12) break;
  }
  r.raw = w;
  r.loss = current;
  double norm = 0, free_features = 0;
  for (std::size_t k = 0; k < kTunedCount; ++k) {
    norm += std::abs(w[k]);
    free_features += fixed[k] ? 0 : 1;
  }
  for (std::size_t k = 0; k < kTunedCount; ++k) {
    r.weights[k] = norm > 0 ? w[k] * free_features / norm : 0;
  }
  return r;
}

}  // namespace tb::bench
