#include "sanctions/name_normalizer.h"

#include <gtest/gtest.h>

namespace tb::sanctions {
namespace {

using Tokens = std::vector<std::string>;

class NameNormalizerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto n = NameNormalizer::Create();
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    normalizer_ = std::move(n).value();
  }
  std::vector<Tokens> Variants(std::string_view name) {
    std::vector<Tokens> out;
    for (const NormalizedName& n : normalizer_->Normalize(name)) out.push_back(n.tokens);
    return out;
  }
  std::unique_ptr<NameNormalizer> normalizer_;
};

TEST_F(NameNormalizerTest, FoldsCaseAccentsPunctuationAndLegalForms) {
  struct Row {
    const char* input;
    Tokens tokens;
  };
  const Row rows[] = {
      {"  Société Générale S.A. ", {"societe", "generale"}},
      {"ACME Trading Co., Ltd.", {"acme", "trading"}},
      {"O'Brien & Sons GmbH", {"obrien", "sons"}},
      {"ＡＢＣ Ｌｔｄ", {"abc"}},  // full-width letters (NFKC)
      {"Müller-Lüdenscheidt KG", {"muller", "ludenscheidt"}},
      {"STRASSE straße", {"strasse", "strasse"}},
      {"Ltd", {"ltd"}},  // nothing but a legal form: kept rather than lost
      {"AL-QAIDA", {"al", "qaida"}},
      {"Sp. z o.o. Kowalski", {"kowalski"}},
      {"A. Q. Khan", {"aq", "khan"}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.input);
    EXPECT_EQ(Variants(row.input), std::vector<Tokens>{row.tokens});
  }
}

TEST_F(NameNormalizerTest, RomanisesCyrillicTheWayTheListSpellsRussianNames) {
  // The list's DOKU KHAMATOVICH UMAROV is Умаров Доку Хаматович in its original script.
  EXPECT_EQ(Variants("Умаров Доку Хаматович"),
            (std::vector<Tokens>{{"umarov", "doku", "khamatovich"}}));
  EXPECT_EQ(Variants("ООО «Ромашка»"), (std::vector<Tokens>{{"romashka"}}));
  const std::vector<NormalizedName> n = normalizer_->Normalize("Ким Чен Ын");
  ASSERT_EQ(n.size(), 1u);
  EXPECT_EQ(n[0].tokens, (Tokens{"kim", "chen", "yn"}));
  EXPECT_TRUE(n[0].transliterated);
  EXPECT_FALSE(n[0].abjad);
}

TEST_F(NameNormalizerTest, RomanisesArabicAsAConsonantSkeleton) {
  const std::vector<NormalizedName> n = normalizer_->Normalize("عبد الحق");
  ASSERT_EQ(n.size(), 1u);
  EXPECT_TRUE(n[0].abjad);
  EXPECT_EQ(n[0].tokens, (Tokens{"bd", "alhq"})) << "the ain is dropped, not kept as ʿ";
  EXPECT_EQ(ConsonantSkeleton("muhammad"), "mhmd");
  EXPECT_EQ(ConsonantSkeleton("mhmd"), "mhmd");
  EXPECT_EQ(ConsonantSkeleton("qaida"), "kd");
}

TEST_F(NameNormalizerTest, GivesChineseNamesInPinyinAndWithBusinessWordsTranslated) {
  // The list writes 上海东风航运有限公司 as SHANGHAI DONGFENG SHIPPING CO LTD.
  EXPECT_EQ(Variants("上海东风航运有限公司"),
            (std::vector<Tokens>{{"shang", "hai", "dong", "feng", "hang", "yun"},
                                 {"shang", "hai", "dong", "feng", "shipping"}}));
  // Traditional characters are simplified first: 華信船務(香港)有限公司.
  EXPECT_EQ(Variants("華信船務(香港)有限公司").back(),
            (Tokens{"hua", "xin", "shipping", "hong", "kong"}));
}

TEST_F(NameNormalizerTest, ReturnsNothingForPunctuation) {
  EXPECT_TRUE(normalizer_->Normalize(" - / . ").empty());
  EXPECT_TRUE(normalizer_->Normalize("").empty());
}

TEST_F(NameNormalizerTest, SurvivesIllFormedUtf8) {
  const std::vector<NormalizedName> n = normalizer_->Normalize("AB\xff\xfe CD");
  ASSERT_FALSE(n.empty());
  EXPECT_EQ(n[0].tokens.back(), "cd");
}

}  // namespace
}  // namespace tb::sanctions
