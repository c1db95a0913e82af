#pragma once

#include <cstdint>
#include <vector>

namespace tb::bench {

// Approximate paired randomisation test (Fisher's; Smucker, Allan & Carterette, CIKM 2007) of
// two systems scored on the same queries, ALGORITHMS.md B.4 step 6: under the null hypothesis
// the two scores of a query are exchangeable, so each permutation swaps them per query with
// probability 1/2 (a random sign on the difference). Two-sided p = (1 + #{|mean permuted
// difference| >= |observed|}) / (1 + permutations), never 0. Deterministic for a seed.
// `a` and `b` must have the same length (query i scored by both); 1 when empty.
double PairedRandomisationP(const std::vector<double>& a, const std::vector<double>& b,
                            int permutations, std::uint64_t seed);

}  // namespace tb::bench
