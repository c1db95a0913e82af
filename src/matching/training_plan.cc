#include "matching/training_plan.h"

#include <chrono>
#include <map>

#include "matching/training_corpus.h"

namespace tb::matching {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Result<TrainingRun> TrainFromData(const std::string& data_dir, const TrainingPlanOptions& options) {
  const auto load_start = std::chrono::steady_clock::now();
  TB_ASSIGN_OR_RETURN(std::vector<LabelledNotice> notices, LoadLabelledNotices(data_dir));
  TB_ASSIGN_OR_RETURN(CodeTitles titles, LoadCodeTitles(data_dir));
  std::map<std::string, std::vector<LabelledNotice>> by_source;
  for (LabelledNotice& n : notices) by_source[n.source].push_back(std::move(n));
  const double load_seconds = SecondsSince(load_start);

  std::vector<LabelledText> examples;
  std::map<std::string, TimeSplit> splits;
  for (auto& [source, list] : by_source) {
    TimeSplit split = SplitByTime(std::move(list), options.train_share, options.validation_share,
                                  options.dedupe_across);
    const std::vector<LabelledText> part = ToExamples(split.train);
    examples.insert(examples.end(), part.begin(), part.end());
    splits.emplace(source, std::move(split));
  }
  if (options.with_code_titles) {
    examples.insert(examples.end(), titles.all_languages.begin(), titles.all_languages.end());
  }

  const auto train_start = std::chrono::steady_clock::now();
  TB_ASSIGN_OR_RETURN(CodePredictor predictor, CodePredictor::Train(examples, options.train));
  const double train_seconds = SecondsSince(train_start);
  predictor.SetTitles(std::move(titles.english));

  TrainingRun run{std::move(predictor),
                  {},
                  static_cast<std::int64_t>(examples.size()),
                  load_seconds,
                  train_seconds};
  const TextClassifier classify = AsClassifier(run.predictor);
  for (const char* source : {"austender", "secop"}) {
    auto it = splits.find(source);
    if (it == splits.end()) continue;
    SourceReport report;
    report.source = source;
    report.train = static_cast<std::int64_t>(it->second.train.size());
    report.validation = static_cast<std::int64_t>(it->second.validation.size());
    report.test = static_cast<std::int64_t>(it->second.test.size());
    report.validation_report = EvaluateClassifier(it->second.validation, classify);
    report.test_report = EvaluateClassifier(it->second.test, classify);
    run.sources.push_back(std::move(report));
  }
  return run;
}

}  // namespace tb::matching
