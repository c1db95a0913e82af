#include "sanctions/similarity.h"

#include <gtest/gtest.h>

namespace tb::sanctions {
namespace {

TEST(Similarity, JaroWinklerMatchesPublishedValues) {
  EXPECT_NEAR(JaroWinkler("martha", "marhta"), 0.961, 0.001);
  EXPECT_NEAR(JaroWinkler("dwayne", "duane"), 0.840, 0.001);
  EXPECT_NEAR(JaroWinkler("dixon", "dicksonx"), 0.813, 0.001);
  EXPECT_EQ(JaroWinkler("abc", "abc"), 1.0);
  EXPECT_EQ(JaroWinkler("abc", "xyz"), 0.0);
  EXPECT_EQ(JaroWinkler("", "abc"), 0.0);
}

TEST(Similarity, EditDistanceCountsASwapAsOneEdit) {
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3);
  EXPECT_EQ(EditDistance("abdul", "adbul"), 1);
  EXPECT_EQ(EditDistance("", "abc"), 3);
  EXPECT_EQ(EditDistance(std::string(80, 'a'), std::string(79, 'a') + "b"), 1);
}

TEST(Similarity, TokenSimilarityKeepsOneSlipAndDropsOtherWords) {
  EXPECT_EQ(TokenSimilarity("anwari", "anwari"), 1.0);
  EXPECT_GE(TokenSimilarity("anwari", "anwary"), 0.8);
  EXPECT_GE(TokenSimilarity("abdul", "adbul"), 0.8);
  EXPECT_LT(TokenSimilarity("manpower", "manex"), 0.8) << "a shared prefix is not a match";
  EXPECT_EQ(TokenSimilarity("kim", "kin"), 0.0) << "short words must be equal";
  EXPECT_EQ(TokenSimilarity("unit1", "unit2"), 0.0) << "numbers must be equal";
}

}  // namespace
}  // namespace tb::sanctions
