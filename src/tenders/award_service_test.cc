#include "tenders/award_service.h"

#include <gtest/gtest.h>

#include "auth/testing/recording.h"
#include "tenders/evaluation_service.h"
#include "tenders/testing/evaluation_fixture.h"
#include "tenders/testing/in_memory_evaluation_store.h"

namespace tb::tenders {
namespace {

using namespace tb::tenders::testing;

// Both bids qualify here (B is scored higher than in the evaluation tests), so the award has a
// runner-up and an undecryptable bid to write to.
class AwardServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_.Put(OpenedRfp());
    ASSERT_TRUE(evaluation_.Declare(Evaluator(21), kOcid, false, "").ok());
    ASSERT_TRUE(evaluation_.SubmitSheet(Evaluator(21), kOcid, SheetFor("b-a", 8, 7)).ok());
    ASSERT_TRUE(evaluation_.SubmitSheet(Evaluator(21), kOcid, SheetFor("b-b", 9, 9)).ok());
    ASSERT_TRUE(evaluation_.CloseTechnical(Officer(1), kOcid).ok());
    // A: 70 × (48 + 28)/100 = 53.2 + 30 = 83.2; B: 70 × (54 + 36)/100 = 63 + 30 × 95/120 =
    // 63 + 23.75 = 86.75: B wins.
    store_.SetFinancialOpening(
        kOcid, FinancialOpening({{"b-a", Usd(9'500'000)}, {"b-b", Usd(12'000'000)}}));
    auto ranked = evaluation_.Rank(Officer(1), kOcid);
    ASSERT_TRUE(ranked.ok()) << ranked.status().ToString();
    ASSERT_EQ(ranked->ranking->winner()->bid_id, "b-b");
    ASSERT_EQ(ranked->ranking->winner()->combined.ToDecimal(), "86.75");
  }

  Result<EvaluationRecord> ThroughNotice() {
    TB_RETURN_IF_ERROR(award_.Recommend(Officer(1), kOcid, "b-b", "").status());
    TB_RETURN_IF_ERROR(award_.Decide(Officer(2), kOcid, true, "").status());
    return award_.Notify(Officer(1), kOcid);
  }

  FakeClock clock_{kOpenedAt + std::chrono::hours(100)};
  InMemoryEvaluationStore store_;
  auth::testing::RecordingSecurityLog log_;
  AwardRuleBook rules_;
  EvaluationService evaluation_{store_, clock_, log_};
  AwardService award_{store_, clock_, rules_, log_};
};

TEST_F(AwardServiceTest, FromRecommendationToContract) {
  ASSERT_TRUE(award_.Recommend(Officer(1), kOcid, "b-b", "").ok());
  auto same_officer = award_.Decide(Officer(1), kOcid, true, "");
  EXPECT_EQ(same_officer.status().code(), StatusCode::kPermissionDenied) << "four eyes by default";
  auto approved = award_.Decide(Officer(2), kOcid, true, "Value for money confirmed");
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->stage, EvaluationStage::kApproved);

  auto notified = award_.Notify(Officer(1), kOcid);
  ASSERT_TRUE(notified.ok()) << notified.status().ToString();
  EXPECT_EQ(notified->stage, EvaluationStage::kStandstill);
  ASSERT_TRUE(notified->award.has_value());
  EXPECT_EQ(notified->award->award_id, std::string(kOcid) + "-award-1");
  EXPECT_EQ(notified->award->supplier_name, "Beta Hydro SA");
  EXPECT_EQ(notified->award->value, Usd(12'000'000));
  EXPECT_EQ(notified->award->status, "pending");
  EXPECT_EQ(notified->award->standstill_ends, clock_.Now() + std::chrono::hours(240));

  EvaluationSnapshot s = store_.Load(kOcid).value();
  EXPECT_EQ(s.tender.state, TenderState::kAwarded);
  ASSERT_EQ(s.letters.size(), 2u);
  EXPECT_EQ(s.letters[0].bid_id, "b-a");
  EXPECT_EQ(s.letters[0].outcome, "not_selected");
  EXPECT_EQ(s.letters[0].reason, "ranked 2 of 2");
  EXPECT_EQ(s.letters[0].combined->ToDecimal(), "83.2");
  EXPECT_EQ(s.letters[0].winner_combined->ToDecimal(), "86.75");
  EXPECT_EQ(s.letters[0].winner_price, Usd(12'000'000));
  EXPECT_EQ(s.letters[1].bid_id, "b-c");
  EXPECT_EQ(s.letters[1].outcome, "not_qualified");

  auto early = award_.SignContract(
      Officer(1), kOcid,
      {Usd(12'000'000), clock_.Now(), clock_.Now() + std::chrono::hours(24 * 365)});
  EXPECT_EQ(early.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(early.status().message().find("standstill"), std::string::npos);

  clock_.Advance(std::chrono::hours(240));
  const Timestamp start = clock_.Now() + std::chrono::hours(24);
  auto contract = award_.SignContract(
      Officer(1), kOcid, {Usd(11'800'000), start, start + std::chrono::hours(24 * 365)});
  ASSERT_TRUE(contract.ok()) << contract.status().ToString();
  EXPECT_EQ(contract->stage, EvaluationStage::kContracted);
  EXPECT_EQ(contract->award->status, "active");
  EXPECT_EQ(contract->contract->value, Usd(11'800'000));
  EXPECT_EQ(store_.Load(kOcid)->tender.state, TenderState::kCompleted);

  std::vector<std::string> kinds;
  for (const audit::Entry& e : store_.audit()) {
    if (e.kind.starts_with("award.") || e.kind.starts_with("contract.") ||
        e.kind == "access.denied") {
      kinds.push_back(e.kind);
    }
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"award.recommended", "access.denied", "award.approved",
                                             "award.notified", "contract.signed"}));
}

TEST_F(AwardServiceTest, AgencyRulesMayLetTheRecommendingOfficerApprove) {
  AwardRuleBook lenient =
      AwardRuleBook::FromJson(
          R"({"organisations": {"UNDP": {"approver_must_differ": false, "standstill_days": 3}}})")
          .value();
  AwardService award(store_, clock_, lenient, log_);
  ASSERT_TRUE(award.Recommend(Officer(1), kOcid, "b-b", "").ok());
  ASSERT_TRUE(award.Decide(Officer(1), kOcid, true, "").ok());
  auto notified = award.Notify(Officer(1), kOcid);
  ASSERT_TRUE(notified.ok());
  EXPECT_EQ(notified->award->standstill_ends, clock_.Now() + std::chrono::hours(72));
}

TEST_F(AwardServiceTest, AnEvaluatorNeverApprovesEvenAsAnOfficer) {
  ASSERT_TRUE(award_.Recommend(Officer(1), kOcid, "b-b", "").ok());
  auth::Actor both = Officer(21);
  both.memberships[0].roles.push_back(auth::Role::kEvaluator);
  EXPECT_EQ(award_.Decide(both, kOcid, true, "").status().code(), StatusCode::kPermissionDenied);
}

TEST_F(AwardServiceTest, ADeviationNeedsAJustificationAndAReturnNeedsAReason) {
  auto bare = award_.Recommend(Officer(1), kOcid, "b-a", "");
  EXPECT_EQ(bare.status().field(), "justification");
  EXPECT_EQ(award_.Recommend(Officer(1), kOcid, "b-c", "x").status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(award_.Recommend(Officer(1), kOcid, "b-a", "B cannot deliver before the rains").ok());
  EXPECT_EQ(award_.Decide(Officer(2), kOcid, false, "").status().field(), "comment");
  auto returned = award_.Decide(Officer(2), kOcid, false, "The deviation is not justified");
  ASSERT_TRUE(returned.ok());
  EXPECT_EQ(returned->stage, EvaluationStage::kRanked);
  EXPECT_FALSE(returned->recommendation.has_value());
  EXPECT_EQ(returned->last_rejection, "The deviation is not justified");
  EXPECT_EQ(award_.Notify(Officer(1), kOcid).status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(AwardServiceTest, BiddersAskForADebriefingDuringTheStandstillOnly) {
  ASSERT_TRUE(ThroughNotice().ok());
  EXPECT_EQ(award_.RequestDebrief(SupplierUser(202, 102), kOcid, "Why?").status().code(),
            StatusCode::kPermissionDenied)
      << "the winner gets no regret letter";
  auto asked = award_.RequestDebrief(SupplierUser(201, 101), kOcid, "Please explain our c2 score");
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  EXPECT_EQ(asked->supplier, OrganisationId{101});
  EXPECT_EQ(award_.RequestDebrief(SupplierUser(201, 101), kOcid, "Again").status().code(),
            StatusCode::kAlreadyExists);
  auto answered =
      award_.AnswerDebrief(Officer(1), kOcid, OrganisationId{101}, "Your plan lacked...");
  ASSERT_TRUE(answered.ok());
  EXPECT_TRUE(answered->answered_at.has_value());
  EXPECT_EQ(award_.AnswerDebrief(Officer(1), kOcid, OrganisationId{103}, "x").status().code(),
            StatusCode::kNotFound);

  clock_.Advance(std::chrono::hours(240));
  EXPECT_EQ(award_.RequestDebrief(SupplierUser(203, 103), kOcid, "Why?").status().code(),
            StatusCode::kFailedPrecondition);
}

TEST_F(AwardServiceTest, WhatBiddersAndThePublicRead) {
  auto before = award_.Read(auth::Actor::Public(), kOcid);
  ASSERT_TRUE(before.ok());
  EXPECT_FALSE(before->award.has_value());
  ASSERT_TRUE(ThroughNotice().ok());

  auto anyone = award_.Read(auth::Actor::Public(), kOcid);
  ASSERT_TRUE(anyone.ok());
  ASSERT_TRUE(anyone->award.has_value());
  EXPECT_EQ(anyone->award->supplier_name, "Beta Hydro SA");
  EXPECT_TRUE(anyone->letters.empty());

  auto loser = award_.Read(SupplierUser(201, 101), kOcid);
  ASSERT_TRUE(loser.ok());
  ASSERT_EQ(loser->letters.size(), 1u);
  EXPECT_EQ(loser->letters[0].bid_id, "b-a");
  EXPECT_FALSE(loser->won);
  EXPECT_TRUE(award_.Read(SupplierUser(202, 102), kOcid)->won);
}

TEST_F(AwardServiceTest, CancellationDuringTheStandstillCancelsTheAward) {
  ASSERT_TRUE(ThroughNotice().ok());
  EXPECT_EQ(award_.Cancel(Officer(1), kOcid, "").status().field(), "reason");
  EXPECT_EQ(award_.Cancel(Evaluator(21), kOcid, "x").status().code(),
            StatusCode::kPermissionDenied);
  auto cancelled = award_.Cancel(Officer(1), kOcid, "Funding withdrawn by the donor");
  ASSERT_TRUE(cancelled.ok()) << cancelled.status().ToString();
  EXPECT_EQ(cancelled->stage, EvaluationStage::kCancelled);
  EXPECT_EQ(cancelled->award->status, "cancelled");
  EvaluationSnapshot s = store_.Load(kOcid).value();
  EXPECT_EQ(s.tender.state, TenderState::kCancelled);
  EXPECT_EQ(s.tender.cancellation_reason, "Funding withdrawn by the donor");
  EXPECT_EQ(award_.Cancel(Officer(1), kOcid, "again").status().code(),
            StatusCode::kFailedPrecondition);
}

TEST(AwardRuleBook, ReadsOverridesAndRefusesBadTables) {
  auto book = AwardRuleBook::FromJson(
      R"({"default": {"standstill_days": 14},
          "organisations": {"UNICEF": {"standstill_days": 7}}})");
  ASSERT_TRUE(book.ok()) << book.status().ToString();
  EXPECT_EQ(book->For("UNICEF").standstill_days, 7);
  EXPECT_TRUE(book->For("UNICEF").approver_must_differ);
  EXPECT_EQ(book->For("WFP").standstill_days, 14);
  EXPECT_EQ(AwardRuleBook::FromJson(R"({"default": {"standstill_days": 61}})").status().field(),
            "default/standstill_days");
  EXPECT_EQ(AwardRuleBook::FromJson(R"({"default": {"approver": true}})").status().field(),
            "default/approver");
  EXPECT_EQ(AwardRuleBook::FromJson(R"({"organisations": {"X": {"standstill_days": "3"}}})")
                .status()
                .field(),
            "organisations/X/standstill_days");
  EXPECT_FALSE(AwardRuleBook::FromJson("[").ok());
}

}  // namespace
}  // namespace tb::tenders
