#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/language.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "core/unspsc.h"
#include "matching/code_predictor.h"

namespace tb::matching {

// A notice from the shipped data with the codes its publisher gave (the label).
struct LabelledNotice {
  std::string source;  // "austender", "secop", "ungm", "ocds"
  std::string id;      // the notice's public id
  std::string text;    // title and description
  Language language;
  std::vector<UnspscCode> codes;  // the deepest codes given (ancestors listed too are dropped)
  std::optional<Timestamp> time;  // publication (AusTender: date signed)
  std::size_t order = 0;          // position in its file, to break ties in time
};

// The labelled notices of data/ read through the notices importers: AusTender contract
// notices, SECOP I and II processes, UNGM notices (CSV) and OCDS releases whose items carry
// UNSPSC codes. Notices without a code or without text are skipped; within a source they are
// in file order. InvalidArgument (field "data") when `data_dir` has none of the sets.
Result<std::vector<LabelledNotice>> LoadLabelledNotices(const std::string& data_dir);

// English UNSPSC titles of the UNGM tree (data/unspsc/ungm-unspsc-*.csv), by code, and the
// titles in every language of both lists, for training on code titles.
struct CodeTitles {
  std::map<UnspscCode, std::string> english;
  std::vector<LabelledText> all_languages;  // one entry per (code, language) title
};
Result<CodeTitles> LoadCodeTitles(const std::string& data_dir);

// B.4 step 2: notices sorted by time (ties in file order), the oldest `train_share` to
// train, the next `validation_share` to validate, the rest to test. With `dedupe_across`
// (B.4 step 1), a (text, code) pair already in an earlier part is dropped from the later
// ones, so a re-published notice cannot be trained on and tested on.
struct TimeSplit {
  std::vector<LabelledNotice> train;
  std::vector<LabelledNotice> validation;
  std::vector<LabelledNotice> test;
};
TimeSplit SplitByTime(std::vector<LabelledNotice> notices, double train_share,
                      double validation_share, bool dedupe_across);

// The text with its words folded (MatchingWords joined by spaces): the key under which two
// descriptions count as identical.
std::string DedupeKey(const std::string& text);

// Training examples from notices: one per code, at most `max_codes_per_notice` (UNGM
// notices list dozens).
std::vector<LabelledText> ToExamples(const std::vector<LabelledNotice>& notices,
                                     std::size_t max_codes_per_notice = 3);

}  // namespace tb::matching
