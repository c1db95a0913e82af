#include "matching/relevance.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <vector>

namespace tb::matching {
namespace {

UnspscCode Code(const char* text) { return UnspscCode::Parse(text).value(); }

const Timestamp kNow = Timestamp::FromSeconds(1'800'000'000);

SupplierProfile Supplier(std::int64_t id, std::vector<UnspscCode> codes, std::string text) {
  SupplierProfile p;
  p.id = id;
  p.codes = std::move(codes);
  p.text = std::move(text);
  p.countries = {"AU"};
  return p;
}

std::vector<std::size_t> Order(const std::vector<Recommendation>& recs) {
  std::vector<std::size_t> out;
  for (const Recommendation& r : recs) out.push_back(r.supplier);
  return out;
}

TEST(CodeSimilarity, FollowsTheLevelsShared) {
  EXPECT_DOUBLE_EQ(CodeSimilarity(Code("43211503"), Code("43211503")), 1.0);
  EXPECT_DOUBLE_EQ(CodeSimilarity(Code("43211503"), Code("43211507")), 0.75);
  EXPECT_DOUBLE_EQ(CodeSimilarity(Code("43211503"), Code("43211901")), 0.5);
  EXPECT_DOUBLE_EQ(CodeSimilarity(Code("43211503"), Code("43221501")), 0.25);
  EXPECT_DOUBLE_EQ(CodeSimilarity(Code("43211503"), Code("72141001")), 0.0);
  EXPECT_DOUBLE_EQ(CodeSimilarity(Code("43211500"), Code("43211600")), 0.5);  // two classes
}

TEST(CodeSimilarity, AncestorIsDiscountedPerLevelOfDepthDifference) {
  EXPECT_NEAR(CodeSimilarity(Code("43000000"), Code("43211503")), 0.8 * 0.8 * 0.8, 1e-12);
  EXPECT_NEAR(CodeSimilarity(Code("43211503"), Code("43000000")), 0.512, 1e-12);  // symmetric
  EXPECT_NEAR(CodeSimilarity(Code("43211500"), Code("43211503")), 0.8, 1e-12);
  EXPECT_NEAR(CodeSimilarity(Code("43210000"), Code("43211503")), 0.64, 1e-12);
  EXPECT_DOUBLE_EQ(CodeSimilarity(Code("43000000"), Code("43000000")), 1.0);
  // A segment against a commodity of another segment shares nothing.
  EXPECT_DOUBLE_EQ(CodeSimilarity(Code("44000000"), Code("43211503")), 0.0);
}

TEST(HierarchySimilarity, IsTheMeanOverNoticeCodesOfTheBestSupplierCode) {
  const std::vector<UnspscCode> notice = {Code("43211503"), Code("72141001")};
  const std::vector<UnspscCode> supplier = {Code("43211507"), Code("43211503"), Code("44103103")};
  // 43211503 finds itself (1.0); 72141001 finds nothing (0): mean 0.5.
  EXPECT_DOUBLE_EQ(HierarchySimilarity(notice, supplier), 0.5);
  // Not symmetric: the supplier's 44103103 finds nothing in the notice.
  EXPECT_NEAR(HierarchySimilarity(supplier, notice), (0.75 + 1.0 + 0.0) / 3, 1e-12);
  EXPECT_DOUBLE_EQ(HierarchySimilarity({}, supplier), 0.0);
  EXPECT_DOUBLE_EQ(HierarchySimilarity(notice, {}), 0.0);
}

TEST(TasRule, MatchesEqualParentAndChildOnly) {
  const auto tas = [](const char* a, const char* b) {
    const std::vector<UnspscCode> x = {Code(a)}, y = {Code(b)};
    return TasRuleMatches(x, y);
  };
  EXPECT_TRUE(tas("43211503", "43211503"));
  EXPECT_TRUE(tas("43211500", "43211503"));  // parent
  EXPECT_TRUE(tas("43211503", "43211500"));  // child
  EXPECT_TRUE(tas("43000000", "43210000"));
  EXPECT_FALSE(tas("43210000", "43211503"));  // two levels apart
  EXPECT_FALSE(tas("43000000", "43211500"));
  EXPECT_FALSE(tas("43211503", "43211507"));  // siblings
  EXPECT_FALSE(TasRuleMatches({}, std::vector<UnspscCode>{Code("43211503")}));
}

TEST(SupplierMatcher, Bm25RanksTheRareSharedTermFirst) {
  SupplierMatcher matcher({Supplier(1, {}, "office supplies and office furniture services"),
                           Supplier(2, {}, "office services, cleaning services"),
                           Supplier(3, {}, "veterinary vaccines and office services"),
                           Supplier(4, {}, "road works")});
  NoticeFacts notice;
  notice.text = "Supply of veterinary services for the office";
  const auto recs = matcher.Rank(notice, {.now = kNow, .scoring = Scoring::kTextOnly});
  ASSERT_EQ(recs.size(), 3u);  // supplier 4 shares no term
  EXPECT_EQ(recs[0].supplier_id, 3);
  EXPECT_DOUBLE_EQ(recs[0].features[static_cast<int>(Feature::kText)], 1.0);  // per-query max
  EXPECT_LT(recs[1].features[static_cast<int>(Feature::kText)], 1.0);
}

TEST(SupplierMatcher, HardFiltersComeFirst) {
  std::vector<SupplierProfile> suppliers(5, Supplier(0, {Code("43211503")}, "laptops"));
  for (int i = 0; i < 5; ++i) suppliers[i].id = i + 1;
  suppliers[1].sanctioned = true;
  suppliers[2].countries = {"FR"};
  suppliers[3].sme = true;
  suppliers[4].sme = true;
  suppliers[4].women_owned = true;
  SupplierMatcher matcher(suppliers);
  NoticeFacts notice;
  notice.text = "laptops";
  notice.codes = {Code("43211503")};
  notice.eligible_countries = {"au"};
  notice.deadline = kNow + std::chrono::hours(24 * 30);
  EXPECT_EQ(matcher.Filter(notice, 0, kNow), HardFilter::kNone);
  EXPECT_EQ(matcher.Filter(notice, 1, kNow), HardFilter::kSanctioned);
  EXPECT_EQ(matcher.Filter(notice, 2, kNow), HardFilter::kCountryIneligible);
  EXPECT_EQ(matcher.Filter(notice, 0, *notice.deadline), HardFilter::kDeadlinePassed);
  EXPECT_EQ(Order(matcher.Rank(notice, {.now = kNow})), (std::vector<std::size_t>{0, 3, 4}));
  notice.reserved_for_sme = true;
  EXPECT_EQ(matcher.Filter(notice, 0, kNow), HardFilter::kReservation);
  EXPECT_EQ(Order(matcher.Rank(notice, {.now = kNow})), (std::vector<std::size_t>{3, 4}));
  notice.reserved_for_women_owned = true;
  EXPECT_EQ(Order(matcher.Rank(notice, {.now = kNow})), (std::vector<std::size_t>{4}));
  notice.eligible_countries.clear();
  notice.reserved_for_sme = notice.reserved_for_women_owned = false;
  EXPECT_EQ(matcher.Filter(notice, 2, kNow), HardFilter::kNone);
  EXPECT_TRUE(matcher.Rank(notice, {.now = *notice.deadline + std::chrono::hours(1)}).empty());
}

TEST(SupplierMatcher, TextOnlyRegimeNeverReadsTheNoticeCodes) {
  SupplierMatcher matcher({Supplier(1, {Code("43211503")}, "computer hardware reseller"),
                           Supplier(2, {Code("72141001")}, "road building and bridge repair")});
  NoticeFacts notice;
  notice.text = "bridge repair works";
  notice.codes = {Code("43211503")};  // matches supplier 1; the text matches supplier 2
  for (Scoring scoring : {Scoring::kLearned, Scoring::kRrf, Scoring::kTasRule, Scoring::kCodesOnly,
                          Scoring::kTextOnly}) {
    RankOptions hidden{.now = kNow, .use_notice_codes = false, .scoring = scoring};
    NoticeFacts without_codes = notice;
    without_codes.codes.clear();
    const auto a = matcher.Rank(notice, hidden), b = matcher.Rank(without_codes, hidden);
    ASSERT_EQ(a.size(), b.size()) << static_cast<int>(scoring);
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].supplier, b[i].supplier);
      EXPECT_EQ(a[i].score, b[i].score);
      EXPECT_EQ(a[i].features, b[i].features);
    }
  }
  const auto hidden = matcher.Rank(notice, {.now = kNow, .use_notice_codes = false});
  ASSERT_FALSE(hidden.empty());
  EXPECT_EQ(hidden[0].supplier_id, 2);
  EXPECT_EQ(hidden.size(), 1u);  // supplier 1 shares neither a word nor a predicted segment
  EXPECT_EQ(matcher.Features(notice, 0, false)[static_cast<int>(Feature::kCodes)], 0.0);
  EXPECT_TRUE(matcher.Explain(notice, 0, false).codes.empty());
  // With the codes visible, supplier 1 is a candidate and its codes count.
  const auto full = matcher.Rank(notice, {.now = kNow});
  EXPECT_EQ(full.size(), 2u);
  EXPECT_EQ(matcher.Features(notice, 0, true)[static_cast<int>(Feature::kCodes)], 1.0);
}

TEST(SupplierMatcher, PredictedCodesAndHistoryWeighTheTextOnlyRegime) {
  SupplierProfile a = Supplier(1, {Code("43211503")}, "it supplier");
  a.history = {Code("43211503"), Code("43211507"), Code("43211900")};
  SupplierProfile b = Supplier(2, {Code("43211503")}, "it supplier");
  SupplierMatcher matcher({a, b, Supplier(3, {Code("72141001")}, "builder")});
  NoticeFacts notice;
  notice.text = "notebooks";
  notice.predicted_codes = {{Code("43211500"), 0.9}, {Code("72141000"), 0.1}};
  const FeatureVector fa = matcher.Features(notice, 0, false);
  EXPECT_NEAR(fa[static_cast<int>(Feature::kPredictedCodes)], 0.9 * 0.8 + 0.1 * 0.0, 1e-12);
  EXPECT_DOUBLE_EQ(fa[static_cast<int>(Feature::kHistory)], 1.0);  // the only history: the max
  EXPECT_DOUBLE_EQ(matcher.Features(notice, 1, false)[static_cast<int>(Feature::kHistory)], 0.0);
  EXPECT_NEAR(matcher.Features(notice, 2, false)[static_cast<int>(Feature::kPredictedCodes)],
              0.1 * 0.8, 1e-12);
  EXPECT_EQ(matcher.Explain(notice, 0, false).history_in_family, 3);
}

TEST(SupplierMatcher, RankHonoursLimitMinScoreAndBreaksTiesBySupplierOrder) {
  std::vector<SupplierProfile> suppliers;
  for (int i = 0; i < 6; ++i) suppliers.push_back(Supplier(i + 1, {Code("43211503")}, "laptops"));
  suppliers[4].codes = {Code("43211507")};  // class match only: lower
  suppliers[5].registered_agencies = {"UNDP"};
  SupplierMatcher matcher(suppliers);
  NoticeFacts notice;
  notice.text = "laptops";
  notice.agency = "undp";
  notice.codes = {Code("43211503")};
  const auto all = matcher.Rank(notice, {.now = kNow});
  EXPECT_EQ(Order(all), (std::vector<std::size_t>{5, 0, 1, 2, 3, 4}));
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_GE(all[i - 1].score, all[i].score);
  EXPECT_EQ(Order(matcher.Rank(notice, {.now = kNow, .limit = 2})),
            (std::vector<std::size_t>{5, 0}));
  const double cut = all[3].score;  // suppliers 0-3 tie; 4 is below
  const auto above = matcher.Rank(notice, {.now = kNow, .min_score = cut});
  EXPECT_EQ(above.size(), 5u);
  // Deterministic: the same query on a matcher built again from the same profiles.
  SupplierMatcher again(suppliers);
  const auto repeat = again.Rank(notice, {.now = kNow});
  EXPECT_EQ(Order(repeat), Order(all));
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(repeat[i].score, all[i].score);
}

TEST(SupplierMatcher, BaselinesScoreTheSameCandidates) {
  SupplierProfile popular = Supplier(1, {Code("43211500")}, "laptops computers");
  popular.history = {Code("43211500"), Code("43211500")};
  SupplierMatcher matcher({Supplier(2, {Code("43211503")}, "laptops"), popular,
                           Supplier(3, {Code("43210000")}, "computers"),
                           Supplier(4, {Code("43211507")}, "desktop")});
  NoticeFacts notice;
  notice.text = "laptops";
  notice.codes = {Code("43211503")};
  // TAS: equal (0) and parent (1); family 43210000 is two levels up; ties by popularity.
  EXPECT_EQ(Order(matcher.Rank(notice, {.now = kNow, .scoring = Scoring::kTasRule})),
            (std::vector<std::size_t>{1, 0}));
  EXPECT_EQ(Order(matcher.Rank(notice, {.now = kNow, .scoring = Scoring::kTextOnly})),
            (std::vector<std::size_t>{0, 1}));
  const auto rrf = matcher.Rank(notice, {.now = kNow, .scoring = Scoring::kRrf});
  ASSERT_EQ(rrf.size(), 4u);
  // Supplier 1 is second on text and codes but alone with history in the family.
  EXPECT_EQ(rrf[0].supplier, 1u);
  EXPECT_NEAR(rrf[0].score, 2.0 / 62 + 1.0 / 61, 1e-12);
  EXPECT_EQ(rrf[1].supplier, 0u);  // first on text and on codes
  EXPECT_NEAR(rrf[1].score, 2.0 / 61, 1e-12);
  const auto codes = matcher.Rank(notice, {.now = kNow, .scoring = Scoring::kCodesOnly});
  EXPECT_EQ(codes[0].supplier, 1u);  // 0.8 + history 1.0 beats 1.0 + 0
}

TEST(SupplierMatcher, ExplainNamesTheMatchedCodeAndTheSharedWords) {
  SupplierProfile s =
      Supplier(1, {Code("43211503"), Code("44103103")}, "Laptop computers and notebook repair");
  s.registered_agencies = {"UNICEF"};
  SupplierMatcher matcher({s, Supplier(2, {Code("72141001")}, "roads")});
  NoticeFacts notice;
  notice.text = "Notebook computers for field offices";
  notice.agency = "unicef";
  notice.codes = {Code("43211500")};
  notice.predicted_codes = {{Code("44103100"), 0.3}};
  const Explanation e = matcher.Explain(notice, 0, true);
  ASSERT_EQ(e.codes.size(), 2u);
  EXPECT_EQ(e.codes[0].notice_code, Code("43211500"));
  EXPECT_EQ(e.codes[0].supplier_code, Code("43211503"));
  EXPECT_NEAR(e.codes[0].similarity, 0.8, 1e-12);
  EXPECT_FALSE(e.codes[0].predicted);
  EXPECT_TRUE(e.codes[1].predicted);
  ASSERT_EQ(e.shared_terms.size(), 2u);
  EXPECT_TRUE(std::find(e.shared_terms.begin(), e.shared_terms.end(), "notebook") !=
              e.shared_terms.end());
  EXPECT_TRUE(std::find(e.shared_terms.begin(), e.shared_terms.end(), "computers") !=
              e.shared_terms.end());
  EXPECT_TRUE(e.registered_with_agency);
  EXPECT_TRUE(e.country_eligible);
  const RankerWeights w = RankerWeights::Learned();
  const FeatureVector f = matcher.Features(notice, 0, true);
  for (int i = 0; i < kFeatureCount; ++i) EXPECT_DOUBLE_EQ(e.contributions[i], w.weights[i] * f[i]);
  EXPECT_GT(e.contributions[static_cast<int>(Feature::kAgency)], 0);
}

TEST(RankerWeights, JsonRoundTrip) {
  RankerWeights w;
  w.weights = {0.5, 1.25, 0.75, 0.1, 0.3, 0.9, 0.2, -0.05};
  const auto back = RankerWeights::FromJson(w.ToJson());
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->weights, w.weights);
  EXPECT_NE(w.ToJson().find("\"predicted_codes\""), std::string::npos);
  EXPECT_EQ(FeatureName(Feature::kHistory), "history");
}

TEST(RankerWeights, RefusesBadJsonNamingTheField) {
  const auto field_of = [](const std::string& json) {
    const auto r = RankerWeights::FromJson(json);
    EXPECT_FALSE(r.ok()) << json;
    return r.ok() ? std::string("ok") : r.status().field();
  };
  std::string good = RankerWeights::Learned().ToJson();
  EXPECT_TRUE(RankerWeights::FromJson(good).ok());
  EXPECT_EQ(field_of("{"), "json");
  EXPECT_EQ(field_of("[]"), "json");
  EXPECT_EQ(field_of(R"({"format":"tenderbridge.ranker-weights/2","weights":{}})"), "format");
  EXPECT_EQ(field_of(R"({"weights":{}})"), "format");
  EXPECT_EQ(field_of(R"({"format":"tenderbridge.ranker-weights/1"})"), "weights");
  std::string missing = good;
  missing.replace(missing.find("\"deadline\""), 10, "\"deadlinx\"");
  EXPECT_EQ(field_of(missing), "weights.deadlinx");
  const std::string text_string =
      R"({"format":"tenderbridge.ranker-weights/1","weights":{"text":"high","codes":1,)"
      R"("predicted_codes":1,"country":1,"agency":1,"history":1,"targeting":1,"deadline":1}})";
  EXPECT_EQ(field_of(text_string), "weights.text");
  EXPECT_EQ(field_of(R"({"format":"tenderbridge.ranker-weights/1","weights":{},"extra":1})"),
            "extra");
}

TEST(SupplierMatcher, AgencyAndCodeHistoryCountPastAwards) {
  // history[i] was won with agency_history[i]; C's agency list does not parallel its history.
  SupplierProfile a = Supplier(1, {}, "it");
  a.history = {Code("43211503"), Code("43211503")};
  a.agency_history = {"DoD", "DoD"};
  SupplierProfile b = Supplier(2, {}, "it");
  b.history = {Code("43211507")};
  b.agency_history = {"ATO"};
  SupplierProfile c = Supplier(3, {}, "it");
  c.history = {Code("43211900")};
  c.agency_history = {"dod"};
  SupplierProfile d = Supplier(4, {}, "it");
  d.history = {Code("43211503"), Code("43211503")};
  d.agency_history = {"DoD"};
  SupplierMatcher matcher({a, b, c, d});
  NoticeFacts notice;
  notice.text = "laptops";
  notice.agency = "DoD";
  notice.codes = {Code("43211503")};
  const auto feature = [&](std::size_t s, Feature f) {
    return matcher.Features(notice, s, true)[static_cast<int>(f)];
  };
  const double log2 = std::log(2.0), log3 = std::log(3.0);
  // log(1 + awards with the agency), over the maximum (A's two).
  EXPECT_DOUBLE_EQ(feature(0, Feature::kAgencyHistory), 1.0);
  EXPECT_DOUBLE_EQ(feature(1, Feature::kAgencyHistory), 0.0);
  EXPECT_NEAR(feature(2, Feature::kAgencyHistory), log2 / log3, 1e-12);  // agency case folded
  EXPECT_NEAR(feature(3, Feature::kAgencyHistory), log2 / log3, 1e-12);
  // B.2b's levels: commodity 8, class 4, family 2, segment 1, each x log(1 + wins there).
  EXPECT_DOUBLE_EQ(feature(0, Feature::kCodeHistory), 1.0);  // 15 log 3, the maximum
  EXPECT_NEAR(feature(1, Feature::kCodeHistory), 7 * log2 / (15 * log3), 1e-12);
  EXPECT_NEAR(feature(2, Feature::kCodeHistory), 3 * log2 / (15 * log3), 1e-12);
  // Same agency and similar code: A's two identical awards, C's one award in the family
  // (similarity 0.5); B won elsewhere; D's agencies do not parallel its history.
  EXPECT_DOUBLE_EQ(feature(0, Feature::kAgencyCodeHistory), 1.0);
  EXPECT_DOUBLE_EQ(feature(1, Feature::kAgencyCodeHistory), 0.0);
  EXPECT_NEAR(feature(2, Feature::kAgencyCodeHistory), std::log1p(0.5) / log3, 1e-12);
  EXPECT_DOUBLE_EQ(feature(3, Feature::kAgencyCodeHistory), 0.0);
  // No agency on the notice: nothing counts.
  notice.agency.clear();
  EXPECT_DOUBLE_EQ(feature(0, Feature::kAgencyHistory), 0.0);
  EXPECT_DOUBLE_EQ(feature(0, Feature::kAgencyCodeHistory), 0.0);
}

TEST(SupplierMatcher, SimilarAwardIsTheBestSinglePastAward) {
  // The same profile text, but only E won one contract that reads like the notice.
  SupplierProfile d = Supplier(1, {}, "notebook docking");
  d.history_texts = {"notebook", "docking"};
  SupplierProfile e = Supplier(2, {}, "notebook docking");
  e.history_texts = {"notebook docking", "catering"};
  SupplierMatcher matcher({d, e, Supplier(3, {}, "catering")});
  NoticeFacts notice;
  notice.text = "notebook docking stations";
  const FeatureVector fd = matcher.Features(notice, 0, true),
                      fe = matcher.Features(notice, 1, true);
  EXPECT_DOUBLE_EQ(fd[static_cast<int>(Feature::kText)], fe[static_cast<int>(Feature::kText)]);
  EXPECT_DOUBLE_EQ(fe[static_cast<int>(Feature::kSimilarAward)], 1.0);
  EXPECT_GT(fd[static_cast<int>(Feature::kSimilarAward)], 0.0);
  EXPECT_LT(fd[static_cast<int>(Feature::kSimilarAward)], 0.75);
  EXPECT_DOUBLE_EQ(matcher.Features(notice, 2, true)[static_cast<int>(Feature::kSimilarAward)], 0);
}

TEST(SupplierMatcher, TextOnlyRegimeNeverReadsTheNoticeCodesInHistoryFeatures) {
  SupplierProfile a = Supplier(1, {Code("43211503")}, "computer hardware");
  a.history = {Code("43211503"), Code("72141001")};
  a.agency_history = {"DoD", "DoD"};
  a.history_texts = {"computer hardware", "bridge repair"};
  SupplierProfile b = Supplier(2, {Code("72141001")}, "bridge repair");
  b.history = {Code("72141001")};
  b.agency_history = {"DoD"};
  b.history_texts = {"bridge repair"};
  SupplierMatcher matcher({a, b});
  NoticeFacts notice;
  notice.text = "bridge repair";
  notice.agency = "DoD";
  notice.codes = {Code("43211503")};
  notice.predicted_codes = {{Code("72141000"), 0.7}, {Code("43211500"), 0.3}};
  NoticeFacts without_codes = notice;
  without_codes.codes.clear();
  for (std::size_t s = 0; s < 2; ++s) {
    EXPECT_EQ(matcher.Features(notice, s, false), matcher.Features(without_codes, s, false));
  }
  // The history features do change when the codes are visible: they were read then.
  EXPECT_NE(matcher.Features(notice, 1, true)[static_cast<int>(Feature::kCodeHistory)],
            matcher.Features(notice, 1, false)[static_cast<int>(Feature::kCodeHistory)]);
  EXPECT_GT(matcher.Features(notice, 1, false)[static_cast<int>(Feature::kAgencyCodeHistory)], 0);
}

TEST(RankerWeights, OlderFilesWithoutTheHistoryFeaturesLoadWithWeightZero) {
  const auto old = RankerWeights::FromJson(
      R"({"format":"tenderbridge.ranker-weights/1","weights":{"text":1,"codes":2,)"
      R"("predicted_codes":1,"country":1,"agency":1,"history":1,"targeting":1,"deadline":1}})");
  ASSERT_TRUE(old.ok()) << old.status().message();
  for (Feature f : {Feature::kAgencyHistory, Feature::kCodeHistory, Feature::kAgencyCodeHistory,
                    Feature::kSimilarAward}) {
    EXPECT_EQ(old->weights[static_cast<int>(f)], 0.0) << FeatureName(f);
  }
  EXPECT_EQ(old->weights[static_cast<int>(Feature::kCodes)], 2.0);
  RankerWeights w = RankerWeights::Learned();
  w.weights[static_cast<int>(Feature::kSimilarAward)] = 0.625;
  const auto back = RankerWeights::FromJson(w.ToJson());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->weights, w.weights);
  EXPECT_NE(w.ToJson().find("\"similar_award\""), std::string::npos);
  EXPECT_EQ(FeatureName(Feature::kAgencyCodeHistory), "agency_code_history");
}

}  // namespace
}  // namespace tb::matching
