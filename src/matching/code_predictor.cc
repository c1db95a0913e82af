#include "matching/code_predictor.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "matching/internal/predictor_model.h"

namespace tb::matching {
namespace {

constexpr std::uint32_t kRoot = 0;

UnspscCode At(std::uint32_t value) { return UnspscCode::Parse(std::to_string(value)).value(); }

std::uint32_t SegmentOf(UnspscCode code) { return code.value() / 1000000 * 1000000; }
std::uint32_t FamilyOf(UnspscCode code) { return code.value() / 10000 * 10000; }

// The class-depth path of a code: (parent, child) pairs from the root down, ending with the
// "stop here" child when the code was given above class level.
std::vector<std::pair<std::uint32_t, std::uint32_t>> PathOf(UnspscCode code) {
  const UnspscCode::Level level = code.level();
  const std::uint32_t segment = SegmentOf(code);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> path{{kRoot, segment}};
  if (level == UnspscCode::Level::kSegment) {
    path.emplace_back(segment, segment);
    return path;
  }
  const std::uint32_t family = FamilyOf(code);
  path.emplace_back(segment, family);
  const std::uint32_t klass = code.value() / 100 * 100;
  path.emplace_back(family, level == UnspscCode::Level::kFamily ? family : klass);
  return path;
}

double Sigmoid(double s) { return 1.0 / (1.0 + std::exp(-s)); }

void SortByProbability(std::vector<CodeScore>& scores) {
  std::sort(scores.begin(), scores.end(), [](const CodeScore& a, const CodeScore& b) {
    return a.probability != b.probability ? a.probability > b.probability : a.code < b.code;
  });
}

}  // namespace

SparseVector CodePredictor::Model::Vectorize(std::string_view text) const {
  return VectorizeFeatures(FeatureExtractor(feature_options).Extract(text));
}

SparseVector CodePredictor::Model::VectorizeFeatures(const std::vector<RawFeature>& raw) const {
  SparseVector x;
  double norm = 0;
  for (const RawFeature& f : raw) {
    auto it = std::lower_bound(feature_hashes.begin(), feature_hashes.end(), f.hash);
    if (it == feature_hashes.end() || *it != f.hash) continue;
    const auto index = static_cast<std::int32_t>(it - feature_hashes.begin());
    const double value = f.weight * idf[index];
    x.emplace_back(index, static_cast<float>(value));
    norm += value * value;
  }
  // Hashes are sorted and the raw features too, so x is already in index order.
  if (norm > 0) {
    const double inv = 1.0 / std::sqrt(norm);
    for (auto& entry : x) entry.second = static_cast<float>(entry.second * inv);
  }
  return x;
}

const PredictorNode* CodePredictor::Model::FindNode(std::uint32_t code) const {
  auto it = std::lower_bound(nodes.begin(), nodes.end(), code,
                             [](const PredictorNode& n, std::uint32_t c) { return n.code < c; });
  return it != nodes.end() && it->code == code ? &*it : nullptr;
}

std::vector<double> CodePredictor::Model::Distribution(const PredictorNode& node,
                                                       const SparseVector& x) const {
  const std::size_t children = node.children.size();
  if (children <= 1 || node.rows_width == 0) return std::vector<double>(children, 1.0);
  std::vector<double> scores(node.bias.begin(), node.bias.end());
  for (const auto& [index, value] : x) {
    auto it = std::lower_bound(node.features.begin(), node.features.end(), index);
    if (it == node.features.end() || *it != index) continue;
    const float* row = node.weights.data() + (it - node.features.begin()) * node.rows_width;
    for (int k = 0; k < node.rows_width; ++k) scores[k] += value * row[k];
  }
  if (node.rows_width == 1) {
    const double p = Sigmoid(scores[0]);
    return {p, 1.0 - p};
  }
  std::vector<double> p(children);
  double sum = 0;
  for (std::size_t k = 0; k < children; ++k) sum += p[k] = Sigmoid(scores[k]);
  for (double& v : p) v /= sum;
  return p;
}

CodePredictor::CodePredictor(std::unique_ptr<Model> model) : model_(std::move(model)) {}
CodePredictor::CodePredictor(CodePredictor&&) noexcept = default;
CodePredictor& CodePredictor::operator=(CodePredictor&&) noexcept = default;
CodePredictor::~CodePredictor() = default;

Result<CodePredictor> CodePredictor::Train(std::span<const LabelledText> examples,
                                           const TrainOptions& options) {
  if (examples.empty()) return Status::InvalidArgument("no labelled texts to train on");
  auto model = std::make_unique<Model>();
  model->feature_options = options.features;
  model->train_options = options;
  const FeatureExtractor extractor(options.features);

  std::vector<std::vector<RawFeature>> raw;
  raw.reserve(examples.size());
  std::unordered_map<std::uint64_t, int> document_frequency;
  for (const LabelledText& example : examples) {
    raw.push_back(extractor.Extract(example.text));
    for (const RawFeature& f : raw.back()) ++document_frequency[f.hash];
  }
  for (const auto& [hash, df] : document_frequency) {
    if (df >= options.min_document_frequency) model->feature_hashes.push_back(hash);
  }
  std::sort(model->feature_hashes.begin(), model->feature_hashes.end());
  const double n = static_cast<double>(examples.size());
  model->idf.reserve(model->feature_hashes.size());
  for (std::uint64_t hash : model->feature_hashes) {
    model->idf.push_back(
        static_cast<float>(std::log((n + 1) / (document_frequency[hash] + 1)) + 1));
  }
  document_frequency.clear();

  std::vector<SparseVector> vectors;
  vectors.reserve(examples.size());
  for (const std::vector<RawFeature>& features : raw)
    vectors.push_back(model->VectorizeFeatures(features));
  raw.clear();

  // Members and child of every parent node, in code order (std::map) for determinism.
  std::map<std::uint32_t, std::vector<std::pair<std::size_t, std::uint32_t>>> members;
  for (std::size_t i = 0; i < examples.size(); ++i) {
    UnspscCode code = examples[i].code;
    if (code.level() == UnspscCode::Level::kCommodity) code = code.Parent();
    for (const auto& [parent, child] : PathOf(code)) members[parent].emplace_back(i, child);
  }

  std::uint32_t node_seed = options.seed;
  for (const auto& [parent, rows] : members) {
    PredictorNode node;
    node.code = parent;
    std::vector<std::uint32_t> child_values;
    for (const auto& [row, child] : rows) child_values.push_back(child);
    std::sort(child_values.begin(), child_values.end());
    child_values.erase(std::unique(child_values.begin(), child_values.end()), child_values.end());
    for (std::uint32_t v : child_values) node.children.push_back(At(v));
    if (child_values.size() >= 2) {
      // Local feature indices keep liblinear's dense weight matrix to this node's features.
      std::vector<std::int32_t> local;
      for (const auto& [row, child] : rows) {
        for (const auto& entry : vectors[row]) local.push_back(entry.first);
      }
      std::sort(local.begin(), local.end());
      local.erase(std::unique(local.begin(), local.end()), local.end());
      std::vector<SparseVector> node_examples;
      std::vector<int> labels;
      node_examples.reserve(rows.size());
      for (const auto& [row, child] : rows) {
        SparseVector x;
        x.reserve(vectors[row].size());
        for (const auto& [index, value] : vectors[row]) {
          x.emplace_back(static_cast<std::int32_t>(
                             std::lower_bound(local.begin(), local.end(), index) - local.begin()),
                         value);
        }
        node_examples.push_back(std::move(x));
        labels.push_back(
            static_cast<int>(std::lower_bound(child_values.begin(), child_values.end(), child) -
                             child_values.begin()));
      }
      NodeWeights w = TrainNodeWeights(node_examples, labels, static_cast<int>(child_values.size()),
                                       static_cast<int>(local.size()), options, node_seed++);
      node.rows_width = w.rows_width;
      node.features = std::move(local);
      node.weights = std::move(w.weights);
      node.bias = std::move(w.bias);
    }
    model->nodes.push_back(std::move(node));
  }
  return CodePredictor(std::move(model));
}

std::vector<CodeScore> CodePredictor::ChildProbabilities(std::optional<UnspscCode> parent,
                                                         std::string_view text) const {
  const PredictorNode* node = model_->FindNode(parent ? parent->value() : kRoot);
  if (node == nullptr) return {};
  const std::vector<double> p = model_->Distribution(*node, model_->Vectorize(text));
  std::vector<CodeScore> out;
  for (std::size_t k = 0; k < node->children.size(); ++k) out.push_back({node->children[k], p[k]});
  return out;
}

Prediction CodePredictor::Predict(std::string_view text, const PredictOptions& options) const {
  const SparseVector x = model_->Vectorize(text);
  const auto expand = [&](std::uint32_t parent, double path_probability,
                          std::vector<CodeScore>& real, std::vector<CodeScore>& stops) {
    const PredictorNode* node = model_->FindNode(parent);
    if (node == nullptr) return;
    const std::vector<double> p = model_->Distribution(*node, x);
    for (std::size_t k = 0; k < node->children.size(); ++k) {
      const CodeScore score{node->children[k], path_probability * p[k]};
      (node->children[k].value() == parent ? stops : real).push_back(score);
    }
  };
  Prediction prediction;
  std::vector<CodeScore> segment_stops;  // stays empty: the root has no "stop" child
  expand(kRoot, 1.0, prediction.segments, segment_stops);
  SortByProbability(prediction.segments);

  std::vector<CodeScore> family_stops;
  const int beam = std::max(options.beam, 1);
  for (std::size_t i = 0; i < prediction.segments.size() && i < static_cast<std::size_t>(beam);
       ++i) {
    expand(prediction.segments[i].code.value(), prediction.segments[i].probability,
           prediction.families, family_stops);
  }
  SortByProbability(prediction.families);
  std::vector<CodeScore> class_stops;
  for (std::size_t i = 0; i < prediction.families.size() && i < static_cast<std::size_t>(beam);
       ++i) {
    expand(prediction.families[i].code.value(), prediction.families[i].probability,
           prediction.classes, class_stops);
  }
  if (options.include_coarse) {
    // A path that stopped higher up is still an outcome at the deeper levels.
    prediction.families.insert(prediction.families.end(), family_stops.begin(), family_stops.end());
    prediction.classes.insert(prediction.classes.end(), class_stops.begin(), class_stops.end());
    prediction.classes.insert(prediction.classes.end(), family_stops.begin(), family_stops.end());
    SortByProbability(prediction.families);
  }
  SortByProbability(prediction.classes);
  const auto cut = [&](std::vector<CodeScore>& v) {
    const auto keep = static_cast<std::size_t>(std::max(options.top, 0));
    if (v.size() > keep) v.erase(v.begin() + static_cast<std::ptrdiff_t>(keep), v.end());
  };
  cut(prediction.segments);
  cut(prediction.families);
  cut(prediction.classes);
  return prediction;
}

void CodePredictor::SetTitles(std::map<UnspscCode, std::string> titles) {
  model_->titles = std::move(titles);
}

std::string CodePredictor::Title(UnspscCode code) const {
  auto it = model_->titles.find(code);
  return it == model_->titles.end() ? std::string() : it->second;
}

std::size_t CodePredictor::feature_count() const { return model_->feature_hashes.size(); }
std::size_t CodePredictor::node_count() const { return model_->nodes.size(); }
std::size_t CodePredictor::weight_count() const {
  std::size_t total = 0;
  for (const PredictorNode& node : model_->nodes) total += node.weights.size();
  return total;
}

}  // namespace tb::matching
