#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "matching/classification_metrics.h"
#include "matching/code_predictor.h"
#include "matching/training_corpus.h"

namespace tb::matching {

// A classifier's ranked answer for one text, as level keys (LevelKey): segments (2 digits),
// families (4) and classes (6), best first, at least 5 each where it can. A code given only
// at a higher level appears as its own key at the deeper levels ("4300", "432100"), so a
// classifier that predicts "the publisher stopped at segment 43" can be right at family level.
struct RankedKeys {
  std::vector<std::string> segments;
  std::vector<std::string> families;
  std::vector<std::string> classes;
};
using TextClassifier = std::function<RankedKeys(const std::string& text)>;

// Top-1 / top-5 at one level: over all test notices (B.2b's figures), over distinct
// (text, label) pairs (text compared ignoring ASCII case and surrounding space, as B.2b), and over
// the notices coded at least this deep, scored among real codes of the level only.
struct LevelReport {
  TopKAccuracy all{5};
  TopKAccuracy distinct_pairs{5};
  TopKAccuracy given_depth{5};
};

struct ClassificationReport {
  std::int64_t notices = 0;
  LevelReport segment;
  LevelReport family;
  LevelReport klass;       // class level
  HierarchicalF class_hf;  // top-1 path to class depth against the code at its given depth
  double seconds = 0;      // classifying the whole test set
};

// Scores `classify` on `test`, using each notice's first code as its label.
ClassificationReport EvaluateClassifier(const std::vector<LabelledNotice>& test,
                                        const TextClassifier& classify);

// The code predictor as a TextClassifier (top-down, "stopped higher up" outcomes included).
TextClassifier AsClassifier(const CodePredictor& predictor);

}  // namespace tb::matching
