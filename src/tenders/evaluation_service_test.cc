#include "tenders/evaluation_service.h"

#include <gtest/gtest.h>

#include "auth/testing/recording.h"
#include "tenders/testing/evaluation_fixture.h"
#include "tenders/testing/in_memory_evaluation_store.h"

namespace tb::tenders {
namespace {

using namespace tb::tenders::testing;

class EvaluationServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { store_.Put(OpenedRfp()); }

  void DeclareAll() {
    ASSERT_TRUE(service_.Declare(Evaluator(21), kOcid, false, "").ok());
    ASSERT_TRUE(service_.Declare(Evaluator(22), kOcid, false, "").ok());
    ASSERT_TRUE(service_.Declare(Evaluator(23), kOcid, true, "My brother runs Beta Hydro SA").ok());
  }

  // A: c1 8/9, c2 7/7 -> averages 8.5 and 7 -> 70 × (0.85 × 60 + 0.7 × 40) / 100 = 55.3
  // B: c1 6/6, c2 5/6 -> averages 6 and 5.5 -> 70 × (36 + 22) / 100 = 40.6 < 42
  void ScoreAll() {
    ASSERT_TRUE(service_.SubmitSheet(Evaluator(21), kOcid, SheetFor("b-a", 8, 7)).ok());
    ASSERT_TRUE(service_.SubmitSheet(Evaluator(22), kOcid, SheetFor("b-a", 9, 7)).ok());
    ASSERT_TRUE(service_.SubmitSheet(Evaluator(21), kOcid, SheetFor("b-b", 6, 5)).ok());
    ASSERT_TRUE(service_.SubmitSheet(Evaluator(22), kOcid, SheetFor("b-b", 6, 6)).ok());
  }

  std::vector<std::string> AuditKinds() const {
    std::vector<std::string> kinds;
    for (const audit::Entry& e : store_.audit()) kinds.push_back(e.kind);
    return kinds;
  }

  FakeClock clock_{kOpenedAt + std::chrono::hours(2)};
  InMemoryEvaluationStore store_;
  auth::testing::RecordingSecurityLog log_;
  EvaluationService service_{store_, clock_, log_};
};

TEST_F(EvaluationServiceTest, AnEvaluatorMustDeclareBeforeScoringAndTheRefusalIsLogged) {
  auto refused = service_.SubmitSheet(Evaluator(21), kOcid, SheetFor("b-a", 8, 7));
  EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied);
  ASSERT_EQ(store_.audit().size(), 1u);
  EXPECT_EQ(store_.audit()[0].kind, "access.denied");
  EXPECT_EQ(store_.audit()[0].actor, "user:21");
  EXPECT_EQ(log_.Count("access_denied", "denied"), 1u);

  ASSERT_TRUE(service_.Declare(Evaluator(21), kOcid, false, "").ok());
  auto stored = service_.SubmitSheet(Evaluator(21), kOcid, SheetFor("b-a", 8, 7));
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->version, 1);
  EXPECT_EQ(stored->sheet.evaluator, UserId{21});
  auto replaced = service_.SubmitSheet(Evaluator(21), kOcid, SheetFor("b-a", 9, 7));
  ASSERT_TRUE(replaced.ok());
  EXPECT_EQ(replaced->version, 2);
  EXPECT_EQ(AuditKinds(),
            (std::vector<std::string>{"access.denied", "evaluation.declared",
                                      "evaluation.sheet_submitted", "evaluation.sheet_submitted"}));
  EXPECT_EQ(store_.Load(kOcid)->sheets.size(), 1u) << "a replaced sheet is not kept twice";
}

TEST_F(EvaluationServiceTest, ARecusedEvaluatorCannotScoreAndDeclaresOnlyOnce) {
  ASSERT_TRUE(service_.Declare(Evaluator(23), kOcid, true, "My brother runs Beta Hydro SA").ok());
  EXPECT_EQ(service_.Declare(Evaluator(23), kOcid, false, "").status().code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(service_.SubmitSheet(Evaluator(23), kOcid, SheetFor("b-a", 5, 5)).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(service_.Declare(Evaluator(23 + 100), kOcid, false, "").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(service_.Declare(Evaluator(22), kOcid, true, "").status().field(), "statement");
}

TEST_F(EvaluationServiceTest, SheetsAreCheckedAgainstTheBidsAndTheCriteria) {
  ASSERT_TRUE(service_.Declare(Evaluator(21), kOcid, false, "").ok());
  auto undecryptable = service_.SubmitSheet(Evaluator(21), kOcid, SheetFor("b-c", 5, 5));
  EXPECT_EQ(undecryptable.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(undecryptable.status().field(), "bid_id");
  auto over = service_.SubmitSheet(Evaluator(21), kOcid, SheetFor("b-a", 11, 5));
  EXPECT_EQ(over.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(over.status().field(), "scores/0/score");
}

TEST_F(EvaluationServiceTest, NothingBeforeTheOpening) {
  EvaluationSnapshot closed = OpenedRfp();
  closed.tender.state = TenderState::kClosed;
  closed.technical_opening.reset();
  store_.Put(closed);
  EXPECT_EQ(service_.Declare(Evaluator(21), kOcid, false, "").status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(service_.View(Officer(1), kOcid).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(service_.CloseTechnical(Officer(1), kOcid).status().code(),
            StatusCode::kFailedPrecondition);
}

TEST_F(EvaluationServiceTest, WhoSeesWhatBeforeTheTechnicalClose) {
  // An evaluator who has not declared sees the bidders' names only, to declare against.
  auto undeclared = service_.View(Evaluator(21), kOcid);
  ASSERT_TRUE(undeclared.ok());
  EXPECT_EQ(undeclared->bidder_names.size(), 3u);
  EXPECT_TRUE(undeclared->bids.empty());

  DeclareAll();
  ScoreAll();
  auto panel = service_.View(Evaluator(21), kOcid);
  ASSERT_TRUE(panel.ok());
  EXPECT_EQ(panel->bids.size(), 3u);
  ASSERT_EQ(panel->sheets.size(), 2u) << "own sheets only before the close";
  for (const StoredSheet& s : panel->sheets) EXPECT_EQ(s.sheet.evaluator, UserId{21});
  EXPECT_FALSE(panel->technical.has_value());

  auto recused = service_.View(Evaluator(23), kOcid);
  ASSERT_TRUE(recused.ok());
  EXPECT_TRUE(recused->bids.empty());
  EXPECT_TRUE(recused->sheets.empty());
  ASSERT_TRUE(recused->own_declaration.has_value());
  EXPECT_TRUE(recused->own_declaration->conflict);

  auto owner = service_.View(Officer(1), kOcid);
  ASSERT_TRUE(owner.ok());
  EXPECT_TRUE(owner->sheets.empty()) << "the owner follows counts, not scores, before the close";
  ASSERT_EQ(owner->progress.size(), 3u);
  EXPECT_EQ(owner->progress[0].sheets, 2);
  EXPECT_TRUE(owner->progress[2].conflict);

  const std::size_t before = store_.audit().size();
  for (const auth::Actor& stranger :
       {Officer(5, kAgency + 1), SupplierUser(201, 101), auth::Actor::Public()}) {
    EXPECT_EQ(service_.View(stranger, kOcid).status().code(), StatusCode::kNotFound);
  }
  EXPECT_EQ(store_.audit().size(), before + 3) << "each refused read is an access.denied entry";
}

TEST_F(EvaluationServiceTest, ClosingNeedsEverySheetOfTheDeclaredPanel) {
  DeclareAll();
  ASSERT_TRUE(service_.SubmitSheet(Evaluator(21), kOcid, SheetFor("b-a", 8, 7)).ok());
  auto refused = service_.CloseTechnical(Officer(1), kOcid);
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.status().message(),
            "scoring sheets are missing (evaluator 21: b-b; evaluator 22: b-a, b-b)");
  EXPECT_EQ(service_.CloseTechnical(Evaluator(21), kOcid).status().code(),
            StatusCode::kPermissionDenied);
}

TEST_F(EvaluationServiceTest,
       TwoEnvelopeClosureMarksQualificationThenRanksAfterTheFinancialOpening) {
  DeclareAll();
  ScoreAll();
  auto closed = service_.CloseTechnical(Officer(1), kOcid);
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_EQ(closed->stage, EvaluationStage::kFinancial);
  ASSERT_TRUE(closed->technical.has_value());
  EXPECT_EQ(closed->technical->Find("b-a")->technical.ToDecimal(), "55.3");
  EXPECT_EQ(closed->technical->Find("b-b")->technical.ToDecimal(), "40.6");
  EXPECT_FALSE(closed->technical->Find("b-b")->qualified);

  EvaluationSnapshot after = store_.Load(kOcid).value();
  EXPECT_EQ(after.tender.state, TenderState::kEvaluation);
  const std::vector<std::pair<std::string, bool>> marks = {
      {"b-a", true}, {"b-b", false}, {"b-c", false}};
  EXPECT_EQ(after.qualifications, marks);

  // The evaluators see every sheet now.
  EXPECT_EQ(service_.View(Evaluator(22), kOcid)->sheets.size(), 4u);
  EXPECT_EQ(service_.Rank(Officer(1), kOcid).status().code(), StatusCode::kFailedPrecondition)
      << "no ranking before the financial opening";

  store_.SetFinancialOpening(kOcid, FinancialOpening({{"b-a", Usd(9'500'000)}}));
  auto ranked = service_.Rank(Officer(1), kOcid);
  ASSERT_TRUE(ranked.ok()) << ranked.status().ToString();
  EXPECT_EQ(ranked->stage, EvaluationStage::kRanked);
  ASSERT_EQ(ranked->ranking->ranked.size(), 1u);
  EXPECT_EQ(ranked->ranking->winner()->combined.ToDecimal(), "85.3");
  ASSERT_EQ(ranked->ranking->excluded.size(), 2u);
  EXPECT_EQ(ranked->ranking->excluded[0].bid_id, "b-b");
  EXPECT_EQ(ranked->ranking->excluded[1].bid_id, "b-c");
  EXPECT_EQ(ranked->ranking->excluded[1].reason,
            "the bid could not be opened: undecryptable: authentication failed");

  EXPECT_EQ(
      AuditKinds(),
      (std::vector<std::string>{
          "evaluation.declared", "evaluation.declared", "evaluation.declared",
          "evaluation.sheet_submitted", "evaluation.sheet_submitted", "evaluation.sheet_submitted",
          "evaluation.sheet_submitted", "tender.evaluation_started", "evaluation.technical_closed",
          "bid.qualification", "bid.qualification", "bid.qualification", "evaluation.ranked"}));
  EXPECT_EQ(service_.SubmitSheet(Evaluator(21), kOcid, SheetFor("b-a", 1, 1)).status().code(),
            StatusCode::kFailedPrecondition)
      << "sheets are frozen once closed";
}

TEST_F(EvaluationServiceTest, SingleEnvelopeClosureRanksWithTheOpeningPrices) {
  store_.Put(OpenedRfp(/*single=*/true));
  DeclareAll();
  ScoreAll();
  auto closed = service_.CloseTechnical(Officer(1), kOcid);
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_EQ(closed->stage, EvaluationStage::kRanked);
  ASSERT_TRUE(closed->ranking.has_value());
  // B is cheaper but below the technical minimum: A alone is ranked, with the full 30.
  EXPECT_EQ(closed->ranking->winner()->bid_id, "b-a");
  EXPECT_EQ(closed->ranking->winner()->financial.ToDecimal(), "30");
  EXPECT_TRUE(store_.Load(kOcid)->qualifications.empty())
      << "single envelopes have no financial opening to gate";
}

TEST_F(EvaluationServiceTest, StartIsIdempotentAndOwnersOnly) {
  EXPECT_EQ(service_.Start(Evaluator(21), kOcid).status().code(), StatusCode::kPermissionDenied);
  auto started = service_.Start(Officer(1), kOcid);
  ASSERT_TRUE(started.ok());
  EXPECT_EQ(store_.Load(kOcid)->tender.state, TenderState::kEvaluation);
  const std::size_t entries = store_.audit().size();
  ASSERT_TRUE(service_.Start(Officer(1), kOcid).ok());
  EXPECT_EQ(store_.audit().size(), entries) << "a second start writes nothing";
}

}  // namespace
}  // namespace tb::tenders
