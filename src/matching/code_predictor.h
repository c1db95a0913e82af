#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/unspsc.h"
#include "matching/text_features.h"

namespace tb::matching {

// One training example: a notice's (or profile's) text and the code its publisher gave, at
// whatever depth it was given.
struct LabelledText {
  std::string text;
  UnspscCode code;
};

struct TrainOptions {
  FeatureOptions features;
  // Features seen in fewer training texts are dropped (smaller model, less noise).
  int min_document_frequency = 2;
  // liblinear's C for L2-regularised logistic regression (dual solver), and its stopping
  // tolerance. Chosen on the validation period (docs/matching.md).
  double c = 8.0;
  double tolerance = 0.1;
  // liblinear's dual solvers shuffle with rand(); it is re-seeded from this before every
  // node, so a seed gives the same model bytes on the same build.
  std::uint32_t seed = 1;
};

// A code with the probability of the path from the root to it.
struct CodeScore {
  UnspscCode code;
  double probability = 0;
  bool operator==(const CodeScore&) const = default;
};

struct PredictOptions {
  int top = 5;  // entries per level
  // Nodes expanded per level (the best-scoring ones); a wider beam only finds deeper codes
  // under less likely parents.
  int beam = 8;
  // Also list "the publisher stopped here" outcomes: a segment code among the families, a
  // segment or family code among the classes. The levels' probabilities then sum to 1.
  bool include_coarse = false;
};

// Codes per level, best first. P(family) = P(segment) x P(family | segment), and so on down.
struct Prediction {
  std::vector<CodeScore> segments;
  std::vector<CodeScore> families;
  std::vector<CodeScore> classes;
};

// Predicts UNSPSC codes top-down from text: a classifier over segments, one per segment over
// its families, one per family over its classes (local classifier per parent node), each an
// L2-regularised one-vs-rest logistic regression (liblinear) on tf-idf weighted word 1-2-grams
// and character 3-5-grams. Each parent also has a "stop here" child when publishers coded at
// that depth, so the probabilities of a node's children sum to 1.
// Immutable after Train or Load; Predict is thread-safe.
class CodePredictor {
 public:
  CodePredictor(CodePredictor&&) noexcept;
  CodePredictor& operator=(CodePredictor&&) noexcept;
  ~CodePredictor();

  // Trains on `examples` (codes deeper than class are cut to their class). InvalidArgument
  // when there are no examples. Not thread-safe with other liblinear users (it seeds rand()).
  static Result<CodePredictor> Train(std::span<const LabelledText> examples,
                                     const TrainOptions& options);

  // The model file: InvalidArgument when it is not one (or is damaged), NotFound when the
  // file does not exist.
  static Result<CodePredictor> Load(const std::string& path);
  Status Save(const std::string& path) const;
  static Result<CodePredictor> Deserialize(std::string_view bytes);
  std::string Serialize() const;

  Prediction Predict(std::string_view text, const PredictOptions& options = {}) const;

  // P(child | parent) for each child of `parent` (the root when nullopt), in child order. A
  // child equal to `parent` is the "stop here" outcome. Empty when the model has no such node.
  std::vector<CodeScore> ChildProbabilities(std::optional<UnspscCode> parent,
                                            std::string_view text) const;

  // Titles shipped in the model so `classify` needs no data directory (English, UNGM tree).
  void SetTitles(std::map<UnspscCode, std::string> titles);
  std::string Title(UnspscCode code) const;

  std::size_t feature_count() const;
  std::size_t node_count() const;
  std::size_t weight_count() const;

 private:
  struct Model;
  explicit CodePredictor(std::unique_ptr<Model> model);
  std::unique_ptr<Model> model_;
};

}  // namespace tb::matching
