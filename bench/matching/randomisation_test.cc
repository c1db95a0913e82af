#include "randomisation_test.h"

#include <cmath>
#include <random>
#include <stdexcept>

namespace tb::bench {

double PairedRandomisationP(const std::vector<double>& a, const std::vector<double>& b,
                            int permutations, std::uint64_t seed) {
  if (a.size() != b.size()) throw std::invalid_argument("paired test: lengths differ");
  if (a.empty() || permutations <= 0) return 1.0;
  std::vector<double> diff(a.size());
  double observed = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff[i] = a[i] - b[i];
    observed += diff[i];
  }
  // Sums, not means: the same n divides both sides. The tolerance keeps permutations that
  // equal the observed sum up to rounding on the "as extreme" side (identical systems: p = 1).
  const double threshold = std::abs(observed) - 1e-9 * (1.0 + std::abs(observed));
  std::mt19937_64 rng(seed);
  int extreme = 0;
  for (int p = 0; p < permutations; ++p) {
    double sum = 0;
    std::uint64_t bits = 0;
    for (std::size_t i = 0; i < diff.size(); ++i) {
      if (i % 64 == 0) bits = rng();
      sum += (bits & 1) ? diff[i] : -diff[i];
      bits >>= 1;
    }
    extreme += std::abs(sum) >= threshold ? 1 : 0;
  }
  return (1.0 + extreme) / (1.0 + permutations);
}

}  // namespace tb::bench
