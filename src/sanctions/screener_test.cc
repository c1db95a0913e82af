#include "sanctions/screener.h"

#include <gtest/gtest.h>

#include "sanctions/list_reader.h"
#include "sanctions/testing/list_files.h"

namespace tb::sanctions {
namespace {

// One list and normaliser for the whole suite: building them takes a few hundred ms.
class ScreenerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ReaderOptions options;
    options.country_code = [](std::string_view name) -> std::optional<std::string> {
      if (name == "Democratic People's Republic of Korea") return "KP";
      if (name == "China") return "CN";
      if (name == "Afghanistan") return "AF";
      return std::nullopt;
    };
    auto list = ReadConsolidatedList(testing::ReadListFile(testing::k2024), options);
    ASSERT_TRUE(list.ok()) << list.status().ToString();
    list_ = new SanctionsList(*std::move(list));
    auto normalizer = NameNormalizer::Create();
    ASSERT_TRUE(normalizer.ok());
    normalizer_ = new std::shared_ptr<const NameNormalizer>(std::move(normalizer).value());
    auto full = Screener::Build(*list_, *normalizer_);
    ASSERT_TRUE(full.ok());
    full_ = full->release();
    ScreenerOptions latin;
    latin.index_original_script = false;
    latin.index_non_latin_aliases = false;
    auto latin_only = Screener::Build(*list_, *normalizer_, latin);
    ASSERT_TRUE(latin_only.ok());
    latin_only_ = latin_only->release();
  }
  static void TearDownTestSuite() {
    delete full_;
    delete latin_only_;
    delete normalizer_;
    delete list_;
  }

  static ScreeningResult Screen(const Screener& s, std::string name, std::string country = "") {
    const std::vector<std::string> names = {std::move(name)};
    return s.Screen(names, country);
  }
  static std::string TopReference(const ScreeningResult& r) {
    return r.candidates.empty() ? "" : r.candidates.front().reference_number;
  }

  static SanctionsList* list_;
  static std::shared_ptr<const NameNormalizer>* normalizer_;
  static Screener* full_;
  static Screener* latin_only_;
};

SanctionsList* ScreenerTest::list_ = nullptr;
std::shared_ptr<const NameNormalizer>* ScreenerTest::normalizer_ = nullptr;
Screener* ScreenerTest::full_ = nullptr;
Screener* ScreenerTest::latin_only_ = nullptr;

TEST_F(ScreenerTest, FindsListedNamesDespiteTyposOrderAndLegalForms) {
  struct Row {
    const char* name;
    const char* reference;
    Decision at_least;
  };
  const Row rows[] = {
      {"Korea Mining Development Trading Corporation", "KPe.001", Decision::kHit},
      {"KOREA MINING DEVELOPMNT TRADING CO LTD", "KPe.001", Decision::kHit},
      {"Anwari Muhammad Taher", "TAi.005", Decision::kHit},           // reordered
      {"Mohammad Tahre Anwari", "TAi.005", Decision::kHit},           // an alias
      {"AHMAD TAHA ABDUL QADIR", "TAi.105", Decision::kPossibleHit},  // a middle name dropped
      {"Leader Hongkong International Trading Ltd", "KPe.017", Decision::kHit},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    const ScreeningResult r = Screen(*full_, row.name);
    EXPECT_EQ(TopReference(r), row.reference);
    EXPECT_GE(static_cast<int>(r.decision), static_cast<int>(row.at_least)) << r.top_score;
  }
}

TEST_F(ScreenerTest, ClearsOrdinaryCompanies) {
  for (const char* name : {"The Recruitment Hive Pty Ltd", "Constructora Andina S.A.S.",
                           "Deloitte Touche Tohmatsu", "Ministerio de Salud", "Manpower"}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(Screen(*full_, name).decision, Decision::kClear);
  }
}

TEST_F(ScreenerTest, MatchesCyrillicAndArabicNamesToTheirLatinListing) {
  // Without the list's own original-script spellings, only romanisation can match these.
  ScreeningResult r = Screen(*latin_only_, "Умаров Доку Хаматович");
  EXPECT_EQ(TopReference(r), "QDi.290");
  EXPECT_EQ(r.decision, Decision::kHit);
  r = Screen(*latin_only_, "محمد طاهر أنوري");
  EXPECT_EQ(TopReference(r), "TAi.005");
  EXPECT_NE(r.decision, Decision::kClear);
}

TEST_F(ScreenerTest, MatchesChineseCompanyNamesToTheirPinyinListing) {
  ScreeningResult r = Screen(*latin_only_, "上海东风航运有限公司");
  EXPECT_EQ(r.candidates.empty() ? "" : r.candidates.front().listed_name,
            "SHANGHAI DONGFENG SHIPPING CO LTD");
  EXPECT_EQ(r.decision, Decision::kHit);
  r = Screen(*latin_only_, "華信船務(香港)有限公司");
  EXPECT_EQ(TopReference(r), "KPe.059");  // HUAXIN SHIPPING HONGKONG LTD
  EXPECT_EQ(r.decision, Decision::kHit);
}

TEST_F(ScreenerTest, CountryRaisesOrLowersButDoesNotBlock) {
  const ScreeningResult none = Screen(*full_, "Korea Mining Development Trading Corp");
  const ScreeningResult same = Screen(*full_, "Korea Minning Development Tradng", "KP");
  const ScreeningResult other = Screen(*full_, "Korea Minning Development Tradng", "FR");
  ASSERT_FALSE(same.candidates.empty());
  ASSERT_FALSE(other.candidates.empty());
  EXPECT_EQ(same.candidates.front().country, Candidate::Country::kSame);
  EXPECT_EQ(other.candidates.front().country, Candidate::Country::kDifferent);
  EXPECT_GT(same.top_score, other.top_score);
  EXPECT_NE(other.decision, Decision::kClear) << "another country must not clear a name match";
  EXPECT_EQ(none.candidates.front().country, Candidate::Country::kNotCompared);
}

TEST_F(ScreenerTest, ScreensEveryNameOfASubject) {
  const std::vector<std::string> names = {"Sunrise Logistics Pty Ltd", "Doku Umarov"};
  const ScreeningResult r = full_->Screen(names);
  ASSERT_FALSE(r.candidates.empty());
  EXPECT_EQ(r.candidates.front().reference_number, "QDi.290");
  EXPECT_EQ(r.candidates.front().screened_name, "Doku Umarov");
}

TEST_F(ScreenerTest, RefusesToBuildOnAnEmptyList) {
  EXPECT_FALSE(Screener::Build(SanctionsList{}, *normalizer_).ok());
}

}  // namespace
}  // namespace tb::sanctions
