#include "matching/classification_metrics.h"

#include <gtest/gtest.h>

namespace tb::matching {
namespace {

UnspscCode Code(const char* text) { return UnspscCode::Parse(text).value(); }

TEST(LevelKey, CutsTheEightDigitCodeLikeTheB2bPrototype) {
  EXPECT_EQ(LevelKey(Code("43211503"), 4), "4321");
  EXPECT_EQ(LevelKey(Code("43000000"), 4), "4300") << "a segment-only code is its own family key";
}

TEST(TopKAccuracy, CountsTopOneAndTopK) {
  TopKAccuracy accuracy(2);
  accuracy.Add("43", {"43", "44"});
  accuracy.Add("44", {"43", "44"});
  accuracy.Add("45", {"43", "44"});
  EXPECT_DOUBLE_EQ(accuracy.top1(), 1.0 / 3);
  EXPECT_DOUBLE_EQ(accuracy.topk(), 2.0 / 3);
  EXPECT_EQ(accuracy.count(), 3);
}

TEST(PathKeys, StopsAtTheGivenDepthAndTheCap) {
  EXPECT_EQ(PathKeys(Code("43211503"), UnspscCode::Level::kClass),
            (std::vector<std::string>{"43", "4321", "432115"}));
  EXPECT_EQ(PathKeys(Code("43000000"), UnspscCode::Level::kClass),
            (std::vector<std::string>{"43"}));
}

TEST(HierarchicalF, GivesPartialCreditForTheRightBranch) {
  HierarchicalF h;
  // Right segment and family, wrong class: 2 of 3 nodes on both sides.
  h.Add({"43", "4321", "432115"}, {"43", "4321", "432116"});
  EXPECT_DOUBLE_EQ(h.precision(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(h.recall(), 2.0 / 3);
  // A correct stop at segment level: 1 of 1.
  h.Add({"43"}, {"43"});
  EXPECT_DOUBLE_EQ(h.precision(), 3.0 / 4);
  EXPECT_DOUBLE_EQ(h.f(), 3.0 / 4);
}

TEST(BootstrapInterval, BracketsTheMeanAndRepeatsForASeed) {
  std::vector<double> outcomes(700, 1.0);
  outcomes.resize(1000, 0.0);
  const auto [lo, hi] = BootstrapInterval(outcomes, 500, 7);
  EXPECT_LT(lo, 0.7);
  EXPECT_GT(hi, 0.7);
  EXPECT_GT(lo, 0.6);
  EXPECT_LT(hi, 0.8);
  EXPECT_EQ(BootstrapInterval(outcomes, 500, 7), std::make_pair(lo, hi));
}

}  // namespace
}  // namespace tb::matching
