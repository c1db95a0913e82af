#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/unspsc.h"
#include "matching/code_predictor.h"
#include "matching/text_features.h"

namespace tb::matching {

// A sparse vector over the model's feature indices, sorted by index.
using SparseVector = std::vector<std::pair<std::int32_t, float>>;

// One parent node's classifier. Codes are stored as their 8-digit value; the root is 0.
struct PredictorNode {
  std::uint32_t code = 0;
  std::vector<UnspscCode> children;  // sorted; a child equal to `code` is "stop here"
  // One-vs-rest weights: for each feature in `features` (sorted global indices), a row of
  // `rows_width` floats, one per child, or a single one for two children (liblinear's
  // binary case: the score of children[0], and its negation for children[1]).
  int rows_width = 0;
  std::vector<std::int32_t> features;
  std::vector<float> weights;
  std::vector<float> bias;  // rows_width entries
};

struct CodePredictor::Model {
  FeatureOptions feature_options;
  TrainOptions train_options;
  std::vector<std::uint64_t> feature_hashes;  // sorted; position = feature index
  std::vector<float> idf;
  std::vector<PredictorNode> nodes;  // sorted by code, root first
  std::map<UnspscCode, std::string> titles;

  // tf-idf (1 + log tf) of the known features of `text`, L2-normalised.
  SparseVector Vectorize(std::string_view text) const;
  SparseVector VectorizeFeatures(const std::vector<RawFeature>& raw) const;
  const PredictorNode* FindNode(std::uint32_t code) const;
  // P(child | node) for each child, in child order (liblinear's one-vs-rest probabilities:
  // sigmoids normalised to sum 1).
  std::vector<double> Distribution(const PredictorNode& node, const SparseVector& x) const;
};

// Trains one node with liblinear. `examples` are vectors over local feature indices
// 0..local_features-1 and `labels` the child positions. Returns the weights in the
// PredictorNode layout (over local indices; the caller maps them back).
struct NodeWeights {
  int rows_width = 0;
  std::vector<float> weights;  // local_features x rows_width
  std::vector<float> bias;
};
NodeWeights TrainNodeWeights(const std::vector<SparseVector>& examples,
                             const std::vector<int>& labels, int child_count, int local_features,
                             const TrainOptions& options, std::uint32_t seed);

}  // namespace tb::matching
