#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/unspsc.h"

namespace tb::matching {

// The label of a code at a level as B.2b scores it: its first `digits` digits (2 segment,
// 4 family, 6 class), so a code given only as segment 43000000 is the family "4300".
std::string LevelKey(UnspscCode code, int digits);

// Top-1 and top-k accuracy over test items, with each item's outcomes kept for intervals.
class TopKAccuracy {
 public:
  explicit TopKAccuracy(int k = 5) : k_(k) {}

  // `ranked` are predicted keys, best first (LevelKey of each predicted code).
  void Add(const std::string& truth, const std::vector<std::string>& ranked);

  std::int64_t count() const { return static_cast<std::int64_t>(top1_.size()); }
  double top1() const;
  double topk() const;
  const std::vector<double>& top1_outcomes() const { return top1_; }
  const std::vector<double>& topk_outcomes() const { return topk_; }

 private:
  int k_;
  std::vector<double> top1_;
  std::vector<double> topk_;
};

// The nodes of a code from its segment down to its given depth, at most `max_level` deep:
// 43211503 at class depth is {43, 4321, 432115}; 43000000 is {43}.
std::vector<std::string> PathKeys(UnspscCode code, UnspscCode::Level max_level);

// Micro-averaged hierarchical precision, recall and F over predicted and true node sets with
// their ancestors (Kiritchenko et al. 2006).
class HierarchicalF {
 public:
  void Add(const std::vector<std::string>& truth_path,
           const std::vector<std::string>& predicted_path);
  double precision() const;
  double recall() const;
  double f() const;

 private:
  std::int64_t intersection_ = 0;
  std::int64_t predicted_ = 0;
  std::int64_t truth_ = 0;
};

// The 95 % percentile bootstrap interval of the mean of `outcomes` (B.4 step 6): `resamples`
// resamples drawn with a fixed seed, so a run can be repeated exactly.
std::pair<double, double> BootstrapInterval(const std::vector<double>& outcomes,
                                            int resamples = 1000, std::uint64_t seed = 1);

}  // namespace tb::matching
