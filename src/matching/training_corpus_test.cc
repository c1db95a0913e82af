#include "matching/training_corpus.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace tb::matching {
namespace {

UnspscCode Code(const char* text) { return UnspscCode::Parse(text).value(); }

LabelledNotice At(int day, std::string text, const char* code, std::size_t order = 0) {
  LabelledNotice n;
  n.source = "test";
  n.text = std::move(text);
  n.codes = {Code(code)};
  n.time = Timestamp::FromSeconds(1'700'000'000 + day * 86'400);
  n.order = order;
  return n;
}

TEST(SplitByTime, PutsTheOldestInTrainingAndTheNewestInTest) {
  std::vector<LabelledNotice> notices;
  for (int day = 9; day >= 0; --day)
    notices.push_back(At(day, "text " + std::to_string(day), "43000000"));
  const TimeSplit split = SplitByTime(notices, 0.7, 0.1, /*dedupe_across=*/false);
  ASSERT_EQ(split.train.size(), 7u);
  ASSERT_EQ(split.validation.size(), 1u);
  ASSERT_EQ(split.test.size(), 2u);
  EXPECT_EQ(split.train.front().text, "text 0");
  EXPECT_EQ(split.validation.front().text, "text 7");
  EXPECT_EQ(split.test.back().text, "text 9");
}

TEST(SplitByTime, DropsLaterCopiesOfAPairAlreadyTrainedOn) {
  std::vector<LabelledNotice> notices;
  for (int day = 0; day < 7; ++day)
    notices.push_back(At(day, "Labour hire " + std::to_string(day), "80000000"));
  notices.push_back(At(7, "LABOUR  hire 1", "80000000"));  // same words and code as day 1
  notices.push_back(At(8, "Labour hire 1", "81000000"));   // same words, other code: kept
  notices.push_back(At(9, "Labour hire 9", "80000000"));
  const TimeSplit split = SplitByTime(notices, 0.7, 0.1, /*dedupe_across=*/true);
  EXPECT_EQ(split.train.size(), 7u);
  EXPECT_TRUE(split.validation.empty()) << "the re-published pair must leave validation";
  ASSERT_EQ(split.test.size(), 2u);
  EXPECT_EQ(split.test.front().codes.front(), Code("81000000"));
}

TEST(SplitByTime, BreaksTiesInTimeByFileOrder) {
  std::vector<LabelledNotice> notices = {At(1, "b", "43000000", 1), At(1, "a", "43000000", 0)};
  const TimeSplit split = SplitByTime(notices, 0.5, 0.0, false);
  ASSERT_EQ(split.train.size(), 1u);
  EXPECT_EQ(split.train.front().text, "a");
}

TEST(ToExamples, KeepsAtMostTheGivenNumberOfCodesPerNotice) {
  LabelledNotice n = At(0, "tents and blankets", "24000000");
  n.codes = {Code("24111800"), Code("42000000"), Code("52121500"), Code("53000000")};
  EXPECT_EQ(ToExamples({n}, 3).size(), 3u);
}

TEST(LoadLabelledNotices, ReadsTheShippedAusTenderFile) {
  const char* source_dir = std::getenv("TB_SOURCE_DIR");
  if (source_dir == nullptr) GTEST_SKIP() << "TB_SOURCE_DIR is not set (ctest sets it)";
  Result<std::vector<LabelledNotice>> notices =
      LoadLabelledNotices(std::string(source_dir) + "/data");
  ASSERT_TRUE(notices.ok()) << notices.status().message();
  std::size_t austender = 0, secop = 0;
  for (const LabelledNotice& n : *notices) {
    austender += n.source == "austender";
    secop += n.source == "secop";
    ASSERT_FALSE(n.codes.empty());
    ASSERT_FALSE(n.text.empty());
  }
  EXPECT_EQ(austender, 40'627u) << "data/austender/SOURCE.md: 40,627 notices, all coded";
  EXPECT_GT(secop, 8'000u);
}

TEST(LoadLabelledNotices, NamesTheDataFlagWhenNothingIsThere) {
  Result<std::vector<LabelledNotice>> notices = LoadLabelledNotices("/nonexistent-data-dir");
  EXPECT_EQ(notices.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(notices.status().field(), "data");
}

}  // namespace
}  // namespace tb::matching
