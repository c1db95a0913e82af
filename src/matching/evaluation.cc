#include "matching/evaluation.h"

#include <chrono>
#include <set>

#include "core/text.h"

namespace tb::matching {
namespace {

bool IsCoarse(const std::string& key) { return key.size() > 2 && key.ends_with("00"); }

std::vector<std::string> RealOnly(const std::vector<std::string>& keys) {
  std::vector<std::string> out;
  for (const std::string& k : keys) {
    if (!IsCoarse(k)) out.push_back(k);
  }
  return out;
}

void Score(LevelReport& report, std::set<std::pair<std::string, std::string>>& pairs,
           const std::string& text, UnspscCode truth, int digits,
           const std::vector<std::string>& ranked) {
  const std::string key = LevelKey(truth, digits);
  report.all.Add(key, ranked);
  // B.2b counted descriptions equal up to case and surrounding space as one (3,965 pairs).
  if (pairs.insert({text::ToLowerAscii(text::Trim(text)), key}).second) {
    report.distinct_pairs.Add(key, ranked);
  }
  if (static_cast<int>(truth.level()) * 2 >= digits) report.given_depth.Add(key, RealOnly(ranked));
}

}  // namespace

ClassificationReport EvaluateClassifier(const std::vector<LabelledNotice>& test,
                                        const TextClassifier& classify) {
  ClassificationReport report;
  std::set<std::pair<std::string, std::string>> segment_pairs, family_pairs, class_pairs;
  const auto start = std::chrono::steady_clock::now();
  for (const LabelledNotice& notice : test) {
    if (notice.codes.empty()) continue;
    const UnspscCode truth = notice.codes.front();
    const RankedKeys ranked = classify(notice.text);
    ++report.notices;
    Score(report.segment, segment_pairs, notice.text, truth, 2, ranked.segments);
    Score(report.family, family_pairs, notice.text, truth, 4, ranked.families);
    Score(report.klass, class_pairs, notice.text, truth, 6, ranked.classes);
    std::vector<std::string> predicted_path;
    if (!ranked.classes.empty()) {
      auto code = UnspscCode::Parse(ranked.classes.front());
      if (code.ok()) predicted_path = PathKeys(*code, UnspscCode::Level::kClass);
    }
    report.class_hf.Add(PathKeys(truth, UnspscCode::Level::kClass), predicted_path);
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

TextClassifier AsClassifier(const CodePredictor& predictor) {
  return [&predictor](const std::string& text) {
    const Prediction p = predictor.Predict(text, {.top = 10, .beam = 8, .include_coarse = true});
    RankedKeys keys;
    for (const CodeScore& s : p.segments) keys.segments.push_back(LevelKey(s.code, 2));
    for (const CodeScore& s : p.families) keys.families.push_back(LevelKey(s.code, 4));
    for (const CodeScore& s : p.classes) keys.classes.push_back(LevelKey(s.code, 6));
    return keys;
  };
}

}  // namespace tb::matching
