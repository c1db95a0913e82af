#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "matching/code_predictor.h"
#include "matching/evaluation.h"

namespace tb::matching {

struct TrainingPlanOptions {
  TrainOptions train;
  // B.4: per source, the oldest 70 % train, the next 10 % validate, the newest 20 % test,
  // with (text, code) pairs deduplicated across the parts.
  double train_share = 0.7;
  double validation_share = 0.1;
  bool dedupe_across = true;
  // Also train on the UNSPSC code titles (English from UNGM's tree; en/fr/es/zh/... from the
  // v7 list): they cover codes and languages the notices lack, but measured on the validation
  // period they cost accuracy, ten times the training time and a 180 MB model (docs/matching.md).
  bool with_code_titles = false;
};

struct SourceReport {
  std::string source;
  std::int64_t train = 0, validation = 0, test = 0;
  ClassificationReport validation_report;
  ClassificationReport test_report;
};

struct TrainingRun {
  CodePredictor predictor;
  std::vector<SourceReport> sources;  // AusTender and SECOP (the others are too small to test on)
  std::int64_t examples = 0;
  double load_seconds = 0;
  double train_seconds = 0;
};

// What `tenderbridge train` does: reads data/, splits each source by time, trains on the
// training parts (and code titles), stores the English titles in the model, and scores the
// validation and test parts. Errors from LoadLabelledNotices / LoadCodeTitles.
Result<TrainingRun> TrainFromData(const std::string& data_dir, const TrainingPlanOptions& options);

}  // namespace tb::matching
