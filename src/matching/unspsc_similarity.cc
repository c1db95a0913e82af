// The code side of the relevance score (../shared/ALGORITHMS.md B.1 and B.3): sim(a, b),
// H(A, B) and UNGM's Tender Alert Service rule. Declared in relevance.h.
#include <algorithm>

#include "matching/relevance.h"

namespace tb::matching {
namespace {

int Depth(UnspscCode code) { return static_cast<int>(code.level()); }

// Leading two-digit pairs the codes share, counted down to the shallower code's depth.
int SharedLevels(UnspscCode a, UnspscCode b) {
  const int depth = std::min(Depth(a), Depth(b));
  std::uint32_t unit = 1'000'000;
  int shared = 0;
  for (int level = 1; level <= depth; ++level, unit /= 100) {
    if (a.value() / unit != b.value() / unit) break;
    ++shared;
  }
  return shared;
}

}  // namespace

double CodeSimilarity(UnspscCode a, UnspscCode b) {
  const int shared = SharedLevels(a, b);
  if (shared == 0) return 0;
  const int shallower = std::min(Depth(a), Depth(b));
  if (shared == shallower) {
    // Equal codes, or one is an ancestor of the other: a notice coded only at segment level
    // still fits a supplier of a commodity inside it, discounted per level of vagueness.
    double similarity = 1.0;
    for (int gap = std::abs(Depth(a) - Depth(b)); gap > 0; --gap) similarity *= 0.8;
    return similarity;
  }
  return shared / 4.0;
}

double HierarchySimilarity(std::span<const UnspscCode> notice,
                           std::span<const UnspscCode> supplier) {
  if (notice.empty() || supplier.empty()) return 0;
  double sum = 0;
  for (UnspscCode a : notice) {
    double best = 0;
    for (UnspscCode b : supplier) {
      best = std::max(best, CodeSimilarity(a, b));
      if (best == 1.0) break;
    }
    sum += best;
  }
  return sum / static_cast<double>(notice.size());
}

bool TasRuleMatches(std::span<const UnspscCode> notice, std::span<const UnspscCode> supplier) {
  for (UnspscCode a : notice) {
    for (UnspscCode b : supplier) {
      // Parent() of a segment is the segment itself, which the equality already covers.
      if (a == b || a.Parent() == b || b.Parent() == a) return true;
    }
  }
  return false;
}

}  // namespace tb::matching
