// POST /api/v1/unspsc/suggestions over a small trained predictor: codes per level with titles
// in the requested language, the sign-in rule, bad bodies, and 503 without a model.
#include <gtest/gtest.h>

#include "http/testing/supplier_api_fixture.h"
#include "matching/code_predictor.h"
#include "search/unspsc_title_lookup.h"

namespace tb::http {
namespace {

UnspscCode UnspscOf(const char* text) { return *UnspscCode::Parse(text); }

class CodeSuggestionRoutesTest : public testing::SupplierApiTest {
 protected:
  void SetUp() override {
    SupplierApiTest::SetUp();
    std::vector<matching::LabelledText> examples;
    for (int i = 0; i < 6; ++i) {
      const std::string n = std::to_string(i);
      examples.push_back({"laptop computers notebook " + n, UnspscOf("43211500")});
      examples.push_back({"desktop computers workstation " + n, UnspscOf("43211500")});
      examples.push_back({"solar panels photovoltaic modules " + n, UnspscOf("26111600")});
      examples.push_back({"medical gloves examination " + n, UnspscOf("42132200")});
    }
    Result<matching::CodePredictor> trained =
        matching::CodePredictor::Train(examples, matching::TrainOptions{});
    ASSERT_TRUE(trained.ok()) << trained.status().ToString();
    predictor_ = std::make_unique<matching::CodePredictor>(std::move(*trained));
    notices::UnspscEntry solar{UnspscOf("26111600"), {{"en", "Power generators"}, {"fr", "Générateurs"}}};
    ASSERT_TRUE(unspsc.UpsertBatch(std::vector{solar}).ok());
  }
  std::unique_ptr<matching::CodePredictor> predictor_;
};

TEST_F(CodeSuggestionRoutesTest, ListsTheCodesTheTextNamesInAnyLanguage) {
  code_predictor = predictor_.get();
  auto titles = search::MakeInMemoryUnspscTitleLookup(
      {{UnspscOf("26111610"), Language::English(), "Solar panels"},
       {UnspscOf("26111610"), Language::Chinese(), "太阳能电池板"}});
  unspsc_titles = titles.get();
  Session s = SignedIn("d@solar.example", auth::Role::kSupplierUser);
  Response r = As(s, "POST", "/api/v1/unspsc/suggestions",
                  R"({"text":"我们生产太阳能电池板和逆变器","lang":"zh"})");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto named = Json(r)["named"];
  ASSERT_EQ(named.size(), 1u) << r.body;
  EXPECT_EQ(named[0]["code"], "26111610");
  EXPECT_EQ(named[0]["title"], "太阳能电池板");
  EXPECT_GT(named[0]["probability"].get<double>(), 0.0);
  Response none = As(s, "POST", "/api/v1/unspsc/suggestions", R"({"text":"medical gloves"})");
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_TRUE(Json(none)["named"].empty());
}

TEST_F(CodeSuggestionRoutesTest, PredictsCodesWithTitlesInTheAskedLanguage) {
  code_predictor = predictor_.get();
  Session s = SignedIn("a@solar.example", auth::Role::kSupplierUser);
  Response r = As(s, "POST", "/api/v1/unspsc/suggestions",
                  R"({"text":"We make photovoltaic solar panels","top":3,"lang":"fr"})");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = Json(r);
  ASSERT_FALSE(body["segments"].empty());
  EXPECT_EQ(body["segments"][0]["code"], "26000000");
  ASSERT_FALSE(body["families"].empty());
  EXPECT_EQ(body["families"][0]["code"], "26110000");
  ASSERT_FALSE(body["classes"].empty());
  EXPECT_EQ(body["classes"][0]["code"], "26111600");
  EXPECT_EQ(body["classes"][0]["title"], "Générateurs");
  EXPECT_GT(body["classes"][0]["probability"].get<double>(), 0.3);
  EXPECT_LE(body["classes"].size(), 3u);
}

TEST_F(CodeSuggestionRoutesTest, RefusesBadBodiesAndVisitors) {
  code_predictor = predictor_.get();
  Response visitor = Call("POST", "/api/v1/unspsc/suggestions", "",
                          {{"content-type", "application/json"}, {"origin", testing::kSupplierTestOrigin}},
                          R"({"text":"laptops"})");
  EXPECT_EQ(visitor.status, 401) << visitor.body;
  Session s = SignedIn("b@solar.example", auth::Role::kSupplierUser);
  Response empty = As(s, "POST", "/api/v1/unspsc/suggestions", R"({"text":"   "})");
  EXPECT_EQ(empty.status, 422) << empty.body;
  EXPECT_EQ(Json(empty)["field"], "/text");
  Response top = As(s, "POST", "/api/v1/unspsc/suggestions", R"({"text":"laptops","top":99})");
  EXPECT_EQ(top.status, 422) << top.body;
  Response unknown = As(s, "POST", "/api/v1/unspsc/suggestions", R"({"text":"laptops","x":1})");
  EXPECT_EQ(unknown.status, 400) << unknown.body;
}

TEST_F(CodeSuggestionRoutesTest, AnswersUnavailableWithoutAModel) {
  Session s = SignedIn("c@solar.example", auth::Role::kSupplierUser);
  Response r = As(s, "POST", "/api/v1/unspsc/suggestions", R"({"text":"laptops"})");
  EXPECT_EQ(r.status, 503) << r.body;
}

}  // namespace
}  // namespace tb::http
