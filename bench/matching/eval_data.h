#pragma once
// ranking_eval's data (ALGORITHMS.md B.4 steps 1-3): the AusTender split, the training
// period's winners as supplier profiles, the long-tail head, the code predictor of the
// text-only regime and the synthetic profiles with their grades.

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "austender_awards.h"
#include "core/result.h"
#include "eval_common.h"
#include "matching/code_predictor.h"
#include "matching/relevance.h"

namespace tb::bench {

// Supplier profiles built from a set of awards, with the supplier key -> profile index.
struct SupplierSet {
  std::vector<matching::SupplierProfile> profiles;
  std::map<std::string, std::size_t> index;
};
SupplierSet BuildSuppliers(const std::vector<Award>& awards);

struct EvalData {
  std::vector<Award> all;  // every loaded award, sorted by date signed (B.2b replication)
  AwardSplit split;
  SupplierSet winners;
  // Popularity and the long tail: the head is the most-winning suppliers holding 20 % of the
  // training awards (LTP@10 = share of the top 10 outside it).
  std::vector<char> head;
  std::vector<std::size_t> popular;  // the 100 most-winning suppliers, most first
  std::unique_ptr<matching::CodePredictor> predictor;
  double predictor_seconds = 0;
  std::vector<matching::SupplierProfile> synthetic;
  std::map<std::uint32_t, std::vector<std::size_t>> synthetic_by_family;

  // B.4 step 3 grades (> 0 only) of every synthetic profile for a notice code.
  std::map<std::size_t, int> GradesFor(UnspscCode code) const;
};

Result<EvalData> LoadEvalData(const EvalArgs& args);

// The notice as the ranker sees it: codes as published, the predictor's top families and
// classes with their path probabilities, no deadline (a contract notice is already signed).
matching::NoticeFacts Facts(const Award& a, const matching::CodePredictor& predictor);

// B.4 step 3 grade: 3 same commodity, 2 same class, 1 same family, else 0 (best pair).
int Grade(UnspscCode notice, const std::vector<UnspscCode>& profile);

// DCG@10 of the ideal ordering of `grades` (gains 2^grade - 1).
double IdealDcg(const std::map<std::size_t, int>& grades);

// Graded queries: notices coded at class or commodity depth (B.4 step 3).
bool GradedQuery(const Award& a);

}  // namespace tb::bench
