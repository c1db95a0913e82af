#include "matching/text_features.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tb::matching {
namespace {

TEST(MatchingWords, FoldsCaseAndAccentsSoSecopOneMeetsSecopTwo) {
  // SECOP I lost its accents at the source ("LICITACIoN"); SECOP II has them.
  EXPECT_EQ(MatchingWords("LICITACIoN pública"), MatchingWords("Licitación PUBLICA"));
  EXPECT_EQ(MatchingWords("LICITACIÓN"), (std::vector<std::string>{"licitacion"}));
}

TEST(MatchingWords, SplitsOnPunctuationAndKeepsDigits) {
  EXPECT_EQ(MatchingWords("IT-services, 2024 (Phase 2)"),
            (std::vector<std::string>{"it", "services", "2024", "phase", "2"}));
}

TEST(MatchingWords, MakesEachChineseCharacterAWord) {
  EXPECT_EQ(MatchingWords("电脑设备"), (std::vector<std::string>{"电", "脑", "设", "备"}));
}

TEST(MatchingWords, SurvivesInvalidUtf8) {
  const std::vector<std::string> words = MatchingWords(std::string("ok \xff\xfe laptop"));
  ASSERT_FALSE(words.empty());
  EXPECT_EQ(words.back(), "laptop");
}

TEST(FeatureExtractor, EqualTextGivesEqualSortedFeatures) {
  const FeatureExtractor extractor;
  const std::vector<RawFeature> a = extractor.Extract("Laptop computers and laptop bags");
  const std::vector<RawFeature> b = extractor.Extract("laptop COMPUTERS and Laptop bags");
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].hash, b[i].hash);
    EXPECT_DOUBLE_EQ(a[i].weight, b[i].weight);
    if (i > 0) {
      EXPECT_LT(a[i - 1].hash, a[i].hash) << "sorted and unique";
    }
  }
}

TEST(FeatureExtractor, CountsWordsSublinearly) {
  const FeatureExtractor words_only({.word_unigrams = true, .word_bigrams = false, .char_min = 0});
  const std::vector<RawFeature> once = words_only.Extract("pump");
  const std::vector<RawFeature> thrice = words_only.Extract("pump pump pump");
  ASSERT_EQ(once.size(), 1u);
  ASSERT_EQ(thrice.size(), 1u);
  EXPECT_DOUBLE_EQ(once[0].weight, 1.0);
  EXPECT_GT(thrice[0].weight, 1.0);
  EXPECT_LT(thrice[0].weight, 3.0);
}

TEST(FeatureExtractor, EmitsCharacterNgramsInsideWordBoundaries) {
  const FeatureExtractor chars_only(
      {.word_unigrams = false, .word_bigrams = false, .char_min = 3, .char_max = 5});
  // "<pump>" has 6 code points: four 3-grams, three 4-grams, two 5-grams.
  EXPECT_EQ(chars_only.Extract("pump").size(), 9u);
  // Shared n-grams make inflections overlap: "pumps" shares "<pu", "pum", "ump", ...
  const auto a = chars_only.Extract("pump");
  const auto b = chars_only.Extract("pumps");
  int shared = 0;
  for (const RawFeature& fa : a) {
    for (const RawFeature& fb : b) shared += fa.hash == fb.hash;
  }
  EXPECT_GE(shared, 5);
}

}  // namespace
}  // namespace tb::matching
