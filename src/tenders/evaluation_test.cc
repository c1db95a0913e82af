#include "tenders/evaluation.h"

#include <gtest/gtest.h>

namespace tb::tenders {
namespace {

Money Usd(std::int64_t minor) { return Money{minor, "USD"}; }

EvaluatedBid Bid(std::string id, std::int64_t supplier, std::int64_t received_s) {
  return EvaluatedBid{std::move(id), SupplierId{supplier},
                      Timestamp::FromSeconds(1'800'000'000 + received_s)};
}

ScoringSheet Sheet(std::int64_t evaluator, std::string bid, std::vector<int> scores,
                   std::vector<bool> compliance = {}, const EvaluationRules* rules = nullptr) {
  ScoringSheet s;
  s.evaluator = UserId{evaluator};
  s.bid_id = std::move(bid);
  for (std::size_t i = 0; i < scores.size(); ++i) {
    s.scores.push_back(
        CriterionMark{std::string("c").append(std::to_string(i + 1)), scores[i], ""});
  }
  for (std::size_t i = 0; i < compliance.size(); ++i) {
    std::string note;
    if (!compliance[i]) note = std::string("note from ").append(std::to_string(evaluator));
    s.compliance.push_back(ComplianceMark{rules->compliance[i].id, compliance[i], note});
  }
  return s;
}

// 70/30 with three criteria: two of weight 40 on 0..10, one sustainability of weight 20 on
// 0..5; a minimum technical score of 60 % (42 of 70 points).
EvaluationRules Weighted7030() {
  EvaluationRules r;
  r.method = EvaluationMethod::kWeighted;
  r.technical_weight = 70;
  r.financial_weight = 30;
  r.minimum_technical_percent = 60;
  r.currency = "USD";
  r.criteria = {{"c1", "Experience", 40, 10, false},
                {"c2", "Methodology", 40, 10, false},
                {"c3", "Environmental management", 20, 5, true}};
  return r;
}

EvaluationRules LowestPrice() {
  EvaluationRules r;
  r.method = EvaluationMethod::kLowestPrice;
  r.currency = "USD";
  r.compliance = {{"k1", "Registration certificate"}, {"k2", "Delivery within 30 days"}};
  return r;
}

TEST(Points, PrintsFourDecimalsWithoutTrailingZeros) {
  EXPECT_EQ(Points{546000}.ToDecimal(), "54.6");
  EXPECT_EQ(Points::Whole(42).ToDecimal(), "42");
  EXPECT_EQ(Points{42857}.ToDecimal(), "4.2857");
  EXPECT_EQ(Points{5}.ToDecimal(), "0.0005");
  EXPECT_EQ(Points{-15000}.ToDecimal(), "-1.5");
}

// The worked example of docs/evaluation.md, computed by hand:
//   A: averages 7, 8, 4.5 -> 70 × (28 + 32 + 18) / 100 = 54.6 (sustainability 12.6)
//   B: averages 9, 8.5, 3 -> 70 × (36 + 34 + 12) / 100 = 57.4
//   C: averages 4.5, 5, 2 -> 70 × (18 + 20 + 8) / 100 = 32.2 < 42: not qualified
//   prices A 100,000.00, B 125,000.00, C 80,000.00 (C is not considered)
//   financial A 30 × 100000/100000 = 30, B 30 × 100000/125000 = 24
//   combined A 84.6, B 81.4: A wins although B is technically better.
TEST(Evaluation, WeightedWorkedExample) {
  const EvaluationRules rules = Weighted7030();
  const std::vector<EvaluatedBid> bids = {Bid("A", 1, 10), Bid("B", 2, 20), Bid("C", 3, 30)};
  const std::vector<ScoringSheet> sheets = {Sheet(100, "A", {8, 7, 4}), Sheet(101, "A", {6, 9, 5}),
                                            Sheet(100, "B", {9, 9, 3}), Sheet(101, "B", {9, 8, 3}),
                                            Sheet(100, "C", {5, 5, 2}), Sheet(101, "C", {4, 5, 2})};

  auto technical = EvaluateTechnical(rules, bids, sheets);
  ASSERT_TRUE(technical.ok()) << technical.status().ToString();
  const TechnicalResult& a = technical->bids[0];
  EXPECT_EQ(a.technical.ToDecimal(), "54.6");
  EXPECT_EQ(a.sustainability.ToDecimal(), "12.6");
  EXPECT_EQ(a.sheet_count, 2);
  ASSERT_EQ(a.criteria.size(), 3u);
  EXPECT_EQ(a.criteria[2].average.ToDecimal(), "4.5");
  EXPECT_EQ(a.criteria[2].contribution.ToDecimal(), "12.6");
  EXPECT_EQ(a.criteria[0].contribution.ToDecimal(), "19.6");  // 7/10 × 40/100 × 70
  EXPECT_EQ(technical->bids[1].technical.ToDecimal(), "57.4");
  const TechnicalResult& c = technical->bids[2];
  EXPECT_EQ(c.technical.ToDecimal(), "32.2");
  EXPECT_FALSE(c.meets_threshold);
  EXPECT_FALSE(c.qualified);
  EXPECT_EQ(c.exclusion_reason, "technical score 32.2 is below the minimum of 42");
  EXPECT_EQ(technical->QualifiedBidIds(), (std::vector<std::string>{"A", "B"}));

  const std::vector<BidPrice> prices = {{"A", Usd(10'000'000)}, {"B", Usd(12'500'000)}};
  auto ranking = RankBids(rules, bids, *technical, prices, "opening-hash");
  ASSERT_TRUE(ranking.ok()) << ranking.status().ToString();
  ASSERT_EQ(ranking->ranked.size(), 2u);
  EXPECT_EQ(ranking->winner()->bid_id, "A");
  EXPECT_EQ(ranking->ranked[0].financial.ToDecimal(), "30");
  EXPECT_EQ(ranking->ranked[0].combined.ToDecimal(), "84.6");
  EXPECT_EQ(ranking->ranked[1].bid_id, "B");
  EXPECT_EQ(ranking->ranked[1].financial.ToDecimal(), "24");
  EXPECT_EQ(ranking->ranked[1].combined.ToDecimal(), "81.4");
  EXPECT_EQ(ranking->ranked[1].decided_by, TieRule::kCombinedScore);
  EXPECT_EQ(ranking->ranked[1].rank, 2);
  ASSERT_EQ(ranking->excluded.size(), 1u);
  EXPECT_EQ(ranking->excluded[0].bid_id, "C");
  EXPECT_EQ(ranking->excluded[0].supplier, SupplierId{3});
}

TEST(Evaluation, LowestQualifiedPriceSetsTheFinancialScale) {
  // The cheapest bid is disqualified, so it must not lower everyone's financial score.
  EvaluationRules rules = Weighted7030();
  const std::vector<EvaluatedBid> bids = {Bid("A", 1, 1), Bid("C", 3, 3)};
  const std::vector<ScoringSheet> sheets = {Sheet(100, "A", {8, 7, 4}), Sheet(100, "C", {1, 1, 1})};
  auto technical = EvaluateTechnical(rules, bids, sheets);
  ASSERT_TRUE(technical.ok());
  const std::vector<BidPrice> prices = {{"A", Usd(500)}, {"C", Usd(100)}};
  auto ranking = RankBids(rules, bids, *technical, prices, "opening-hash");
  ASSERT_TRUE(ranking.ok());
  ASSERT_EQ(ranking->ranked.size(), 1u);
  EXPECT_EQ(ranking->ranked[0].financial, Points::Whole(30));
}

TEST(Evaluation, RoundsHalfAwayFromZeroOnceAtFourDecimals) {
  EvaluationRules rules = Weighted7030();
  rules.minimum_technical_percent = 0;
  const std::vector<EvaluatedBid> bids = {Bid("A", 1, 1), Bid("B", 2, 2), Bid("C", 3, 3)};
  const std::vector<ScoringSheet> sheets = {Sheet(1, "A", {5, 5, 5}), Sheet(1, "B", {5, 5, 5}),
                                            Sheet(1, "C", {5, 5, 5})};
  auto technical = EvaluateTechnical(rules, bids, sheets);
  ASSERT_TRUE(technical.ok());
  // 30 × 1/64 = 0.46875 -> 0.4688; 30 × 1/7 = 4.285714... -> 4.2857.
  const std::vector<BidPrice> prices = {{"A", Usd(1)}, {"B", Usd(64)}, {"C", Usd(7)}};
  auto ranking = RankBids(rules, bids, *technical, prices, "opening-hash");
  ASSERT_TRUE(ranking.ok());
  EXPECT_EQ(ranking->Find("B")->financial, Points{4688});
  EXPECT_EQ(ranking->Find("C")->financial, Points{42857});
}

TEST(Evaluation, TechnicalScoreIsExactAcrossScales) {
  // Weights 1 and 2 on scales 0..3 and 0..7: 70 × (2/3 × 1 + 5/7 × 2) / 3
  //   = 70 × (14/21 + 30/21) / 3 = 70 × 44 / 63 = 48.888... -> 48.8889
  EvaluationRules rules = Weighted7030();
  rules.minimum_technical_percent = 0;
  rules.criteria = {{"c1", "", 1, 3, false}, {"c2", "", 2, 7, false}};
  const std::vector<EvaluatedBid> bids = {Bid("A", 1, 1)};
  auto technical = EvaluateTechnical(rules, bids, std::vector{Sheet(1, "A", {2, 5})});
  ASSERT_TRUE(technical.ok());
  EXPECT_EQ(technical->bids[0].technical, Points{488889});
}

TEST(Evaluation, EqualCombinedScoreGoesToTheHigherTechnicalScore) {
  // One criterion of weight 1 on 0..70, so the technical score equals the mark.
  EvaluationRules rules = Weighted7030();
  rules.minimum_technical_percent = 0;
  rules.criteria = {{"c1", "", 1, 70, false}};
  const std::vector<EvaluatedBid> bids = {Bid("A", 1, 1), Bid("B", 2, 2)};
  const std::vector<ScoringSheet> sheets = {Sheet(1, "A", {60}), Sheet(1, "B", {62})};
  auto technical = EvaluateTechnical(rules, bids, sheets);
  ASSERT_TRUE(technical.ok());
  // A: 60 + 30 = 90; B: 62 + 30 × 28000/30000 = 62 + 28 = 90.
  const std::vector<BidPrice> prices = {{"A", Usd(28'000)}, {"B", Usd(30'000)}};
  auto ranking = RankBids(rules, bids, *technical, prices, "opening-hash");
  ASSERT_TRUE(ranking.ok());
  EXPECT_EQ(ranking->ranked[0].combined, ranking->ranked[1].combined);
  EXPECT_EQ(ranking->winner()->bid_id, "B");
  EXPECT_EQ(ranking->ranked[1].decided_by, TieRule::kTechnicalScore);
}

TEST(Evaluation, TieLotIsSha256OfDomainSeedAndBidId) {
  // python3: hashlib.sha256(b"tb-tie-lot-v1\x00opening-hash\x00b-1").hexdigest()
  EXPECT_EQ(TieLot("opening-hash", "b-1"),
            "e260e726c4e297dfd4afa4ce6d6b661e880db52d9e1b1c6048a9a2597848bcb1");
  EXPECT_EQ(TieLot("opening-hash", "b-3"),
            "1ac11c6101e69e5543603ecd00647aeae12ba7320b10e98d1e2e6f500f35e371");
  EXPECT_NE(TieLot("another-opening", "b-1"), TieLot("opening-hash", "b-1"));
}

TEST(Evaluation, FullTieGoesToTheEarlierReceiptThenToTheLot) {
  EvaluationRules rules = Weighted7030();
  rules.minimum_technical_percent = 0;
  const std::vector<EvaluatedBid> bids = {Bid("b-3", 3, 50), Bid("b-2", 2, 10), Bid("b-1", 1, 50)};
  const std::vector<ScoringSheet> sheets = {Sheet(1, "b-1", {5, 5, 5}), Sheet(1, "b-2", {5, 5, 5}),
                                            Sheet(1, "b-3", {5, 5, 5})};
  auto technical = EvaluateTechnical(rules, bids, sheets);
  ASSERT_TRUE(technical.ok());
  const std::vector<BidPrice> prices = {{"b-1", Usd(900)}, {"b-2", Usd(900)}, {"b-3", Usd(900)}};
  auto ranking = RankBids(rules, bids, *technical, prices, "opening-hash");
  ASSERT_TRUE(ranking.ok());
  ASSERT_EQ(ranking->ranked.size(), 3u);
  EXPECT_EQ(ranking->ranked[0].bid_id, "b-2");  // received first
  // b-1 and b-3 were received at the same instant: b-3's lot (1ac1...) is below b-1's
  // (e260...), although its id is larger.
  EXPECT_EQ(ranking->ranked[1].bid_id, "b-3");
  EXPECT_EQ(ranking->ranked[1].decided_by, TieRule::kReceiptTime);
  EXPECT_EQ(ranking->ranked[2].bid_id, "b-1");
  EXPECT_EQ(ranking->ranked[2].decided_by, TieRule::kLot);
  EXPECT_EQ(ranking->ranked[2].rank, 3);
}

TEST(Evaluation, LowestPriceRanksByPriceAndExcludesNonCompliantBids) {
  const EvaluationRules rules = LowestPrice();
  const std::vector<EvaluatedBid> bids = {Bid("A", 1, 1), Bid("B", 2, 2), Bid("C", 3, 3),
                                          Bid("D", 4, 4)};
  // C is cheapest but fails k2 on both sheets; B fails k1 on one of two sheets (a tie: fails);
  // D passes k1 2-1.
  const std::vector<ScoringSheet> sheets = {
      Sheet(1, "A", {}, {true, true}, &rules),  Sheet(2, "A", {}, {true, true}, &rules),
      Sheet(1, "B", {}, {false, true}, &rules), Sheet(2, "B", {}, {true, true}, &rules),
      Sheet(1, "C", {}, {true, false}, &rules), Sheet(2, "C", {}, {true, false}, &rules),
      Sheet(1, "D", {}, {false, true}, &rules), Sheet(2, "D", {}, {true, true}, &rules),
      Sheet(3, "D", {}, {true, true}, &rules)};
  auto technical = EvaluateTechnical(rules, bids, sheets);
  ASSERT_TRUE(technical.ok()) << technical.status().ToString();
  EXPECT_TRUE(technical->Find("A")->qualified);
  EXPECT_FALSE(technical->Find("B")->compliant);
  EXPECT_EQ(technical->Find("B")->exclusion_reason,
            "fails \"Registration certificate\" (note from 1)");
  EXPECT_EQ(technical->Find("C")->failed_items, std::vector<std::string>{"k2"});
  EXPECT_EQ(technical->Find("C")->exclusion_reason,
            "fails \"Delivery within 30 days\" (note from 1; note from 2)");
  EXPECT_TRUE(technical->Find("D")->qualified);

  const std::vector<BidPrice> prices = {
      {"A", Usd(50'000)}, {"B", Usd(30'000)}, {"C", Usd(10'000)}, {"D", Usd(40'000)}};
  auto ranking = RankBids(rules, bids, *technical, prices, "opening-hash");
  ASSERT_TRUE(ranking.ok());
  ASSERT_EQ(ranking->ranked.size(), 2u);
  EXPECT_EQ(ranking->ranked[0].bid_id, "D");
  EXPECT_EQ(ranking->ranked[0].financial, Points::Whole(100));
  EXPECT_EQ(ranking->ranked[1].bid_id, "A");
  EXPECT_EQ(ranking->ranked[1].financial, Points::Whole(80));  // 100 × 40000/50000
  EXPECT_EQ(ranking->ranked[1].decided_by, TieRule::kPrice);
  ASSERT_EQ(ranking->excluded.size(), 2u);
  EXPECT_EQ(ranking->excluded[0].bid_id, "B");
  EXPECT_EQ(ranking->excluded[1].bid_id, "C");
}

TEST(Evaluation, LowestPriceTieGoesToTheHigherTechnicalScore) {
  EvaluationRules rules = LowestPrice();
  rules.compliance.clear();
  rules.criteria = {{"c1", "", 1, 10, false}};
  const std::vector<EvaluatedBid> bids = {Bid("A", 1, 1), Bid("B", 2, 2)};
  auto technical =
      EvaluateTechnical(rules, bids, std::vector{Sheet(1, "A", {6}), Sheet(1, "B", {7})});
  ASSERT_TRUE(technical.ok());
  EXPECT_EQ(technical->Find("B")->technical, Points::Whole(70));  // out of 100
  auto ranking = RankBids(rules, bids, *technical,
                          std::vector<BidPrice>{{"A", Usd(700)}, {"B", Usd(700)}}, "opening-hash");
  ASSERT_TRUE(ranking.ok());
  EXPECT_EQ(ranking->winner()->bid_id, "B");
  EXPECT_EQ(ranking->ranked[1].decided_by, TieRule::kTechnicalScore);
}

TEST(Evaluation, SingleEnvelopeLowestPriceWithoutCriteriaNeedsNoSheets) {
  EvaluationRules rules = LowestPrice();
  rules.compliance.clear();
  const std::vector<EvaluatedBid> bids = {Bid("A", 1, 1), Bid("B", 2, 2)};
  auto technical = EvaluateTechnical(rules, bids, {});
  ASSERT_TRUE(technical.ok());
  auto ranking =
      RankBids(rules, bids, *technical, std::vector<BidPrice>{{"A", Usd(900)}}, "opening-hash");
  ASSERT_TRUE(ranking.ok());
  EXPECT_EQ(ranking->winner()->bid_id, "A");
  ASSERT_EQ(ranking->excluded.size(), 1u);
  EXPECT_EQ(ranking->excluded[0].reason, "no price");
}

TEST(Evaluation, ThresholdIsInclusive) {
  EvaluationRules rules = Weighted7030();  // 60 % of 70 = 42
  rules.criteria = {{"c1", "", 1, 10, false}};
  const std::vector<EvaluatedBid> bids = {Bid("A", 1, 1), Bid("B", 2, 2)};
  auto technical =
      EvaluateTechnical(rules, bids, std::vector{Sheet(1, "A", {6}), Sheet(1, "B", {5})});
  ASSERT_TRUE(technical.ok());
  EXPECT_EQ(technical->Find("A")->technical, Points::Whole(42));
  EXPECT_TRUE(technical->Find("A")->qualified);
  EXPECT_FALSE(technical->Find("B")->qualified);
}

struct BadSheetCase {
  const char* name;
  ScoringSheet sheet;
  const char* field;
};

TEST(Evaluation, RefusesMalformedSheets) {
  const EvaluationRules rules = Weighted7030();
  const std::vector<EvaluatedBid> bids = {Bid("A", 1, 1)};
  ScoringSheet missing = Sheet(1, "A", {5, 5});
  ScoringSheet twice = Sheet(1, "A", {5, 5, 5});
  twice.scores[1].criterion_id = "c1";
  ScoringSheet unknown = Sheet(1, "A", {5, 5, 5, 5});
  const BadSheetCase cases[] = {
      {"unknown bid", Sheet(1, "Z", {5, 5, 5}), "sheets/0/bid_id"},
      {"missing criterion", missing, "sheets/0/scores"},
      {"criterion twice", twice, "sheets/0/scores/1/criterion_id"},
      {"unknown criterion", unknown, "sheets/0/scores/3/criterion_id"},
      {"above the maximum", Sheet(1, "A", {5, 5, 6}), "sheets/0/scores/2/score"},
      {"negative", Sheet(1, "A", {-1, 5, 5}), "sheets/0/scores/0/score"},
  };
  for (const BadSheetCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto result = EvaluateTechnical(rules, bids, std::vector{c.sheet});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(result.status().field(), c.field);
  }
  auto duplicate = EvaluateTechnical(
      rules, bids, std::vector{Sheet(1, "A", {5, 5, 5}), Sheet(1, "A", {6, 6, 4})});
  EXPECT_EQ(duplicate.status().field(), "sheets/1/evaluator");
  auto unscored = EvaluateTechnical(rules, bids, {});
  EXPECT_EQ(unscored.status().code(), StatusCode::kFailedPrecondition);
}

TEST(Evaluation, RefusesBadPrices) {
  const EvaluationRules rules = LowestPrice();
  const std::vector<EvaluatedBid> bids = {Bid("A", 1, 1)};
  TechnicalEvaluation technical;
  TechnicalResult qualified;
  qualified.bid_id = "A";
  technical.bids.push_back(qualified);
  EXPECT_EQ(RankBids(rules, bids, technical, std::vector<BidPrice>{{"A", Money{5, "EUR"}}},
                     "opening-hash")
                .status()
                .field(),
            "prices/0/currency");
  EXPECT_EQ(RankBids(rules, bids, technical, std::vector<BidPrice>{{"A", Usd(0)}}, "opening-hash")
                .status()
                .field(),
            "prices/0/amount");
  EXPECT_EQ(RankBids(rules, bids, technical, std::vector<BidPrice>{{"Z", Usd(5)}}, "opening-hash")
                .status()
                .field(),
            "prices/0/bid_id");
  EXPECT_EQ(RankBids(rules, bids, technical, std::vector<BidPrice>{{"A", Usd(5)}, {"A", Usd(6)}},
                     "opening-hash")
                .status()
                .field(),
            "prices/1/bid_id");
  EXPECT_EQ(RankBids(rules, bids, TechnicalEvaluation{}, {}, "opening-hash").status().code(),
            StatusCode::kFailedPrecondition);
}

TEST(EvaluationRules, ValidateNamesTheField) {
  struct Case {
    const char* name;
    void (*change)(EvaluationRules&);
    const char* field;
  };
  const Case cases[] = {
      {"70/20", [](EvaluationRules& r) { r.financial_weight = 20; }, "financial_weight"},
      {"technical 100",
       [](EvaluationRules& r) {
         r.technical_weight = 100;
         r.financial_weight = 0;
       },
       "technical_weight"},
      {"no criteria", [](EvaluationRules& r) { r.criteria.clear(); }, "criteria"},
      {"threshold 101", [](EvaluationRules& r) { r.minimum_technical_percent = 101; },
       "minimum_technical_percent"},
      {"duplicate id", [](EvaluationRules& r) { r.criteria[1].id = "c1"; }, "criteria/1/id"},
      {"weight 0", [](EvaluationRules& r) { r.criteria[2].weight = 0; }, "criteria/2/weight"},
      {"max 0", [](EvaluationRules& r) { r.criteria[0].max_score = 0; }, "criteria/0/max_score"},
      {"currency", [](EvaluationRules& r) { r.currency = "XYZ"; }, "currency"},
      {"item id",
       [](EvaluationRules& r) {
         r.compliance = {{"", "x"}};
       },
       "compliance/0/id"},
  };
  EXPECT_TRUE(Weighted7030().Validate().ok());
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EvaluationRules rules = Weighted7030();
    c.change(rules);
    Status status = rules.Validate();
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(status.field(), c.field);
  }
  EvaluationRules lowest = LowestPrice();
  lowest.minimum_technical_percent = 50;
  EXPECT_EQ(lowest.Validate().field(), "minimum_technical_percent");
}

TEST(EvaluationMethod, NamesRoundTrip) {
  for (EvaluationMethod m : {EvaluationMethod::kLowestPrice, EvaluationMethod::kWeighted}) {
    EXPECT_EQ(ParseEvaluationMethod(EvaluationMethodName(m)), m);
  }
  EXPECT_FALSE(ParseEvaluationMethod("cheapest").has_value());
}

}  // namespace
}  // namespace tb::tenders
