// SqlEvaluationStore (migration 8) on both engines, driven through the evaluation and award
// services from the opening to the contract: what each step stores, the tender's state and
// bid_qualifications written in the same transaction, every version of a sheet kept, stale
// writes refused, and one audit entry per state change (AU-01).
#include <gtest/gtest.h>

#include "storage/evaluation_store_fixture.h"
#include "tenders/award_service.h"
#include "tenders/evaluation_service.h"

namespace tb::storage {
namespace {

using tenders::EvaluationStage;
using tenders::testing::ActorOf;
using testing::kNow;
using testing::OrganisationKind;
using testing::Role;
using testing::Sheet;

class EvaluationStoreTest : public testing::EvaluationStoreFixture {};

TEST_P(EvaluationStoreTest, KeepsEveryStepFromTheOpeningToTheContract) {
  tenders::EvaluationService evaluation(*store_, clock_, log_);
  tenders::AwardService award(*store_, clock_, rules_, log_);
  const std::string ocid = tender_.ocid;
  const std::size_t audit_before = AuditKinds().size();

  ASSERT_TRUE(evaluation.Declare(Evaluator(0), ocid, false, "").ok());
  ASSERT_TRUE(evaluation.Declare(Evaluator(1), ocid, false, "").ok());
  ASSERT_TRUE(evaluation.SubmitSheet(Evaluator(0), ocid, Sheet("bid-a", 5, 5)).ok());
  ASSERT_TRUE(evaluation.SubmitSheet(Evaluator(0), ocid, Sheet("bid-a", 8, 7)).ok());  // replaced
  ASSERT_TRUE(evaluation.SubmitSheet(Evaluator(1), ocid, Sheet("bid-a", 9, 7)).ok());
  ASSERT_TRUE(evaluation.SubmitSheet(Evaluator(0), ocid, Sheet("bid-b", 9, 9)).ok());
  ASSERT_TRUE(evaluation.SubmitSheet(Evaluator(1), ocid, Sheet("bid-b", 9, 9, false)).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM evaluation_sheets"), 5) << "every version is kept";

  auto closed = evaluation.CloseTechnical(Officer(), ocid);
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_EQ(closed->stage, EvaluationStage::kFinancial);
  // bid-a: averages 8.5 and 7 -> 70 × (51 + 28)/100 = 55.3. bid-b: the form is failed on one
  // sheet of two, a tie, so it is not compliant.
  EXPECT_EQ(closed->technical->Find("bid-a")->technical.ToDecimal(), "55.3");
  EXPECT_FALSE(closed->technical->Find("bid-b")->qualified);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM bid_qualifications WHERE qualified = 1"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM bid_qualifications WHERE qualified = 0"), 1);
  EXPECT_EQ(tenders_->Get(ocid)->state, tenders::TenderState::kEvaluation);

  AddOpening("financial", {{"bid-a", p_.supplier_a, "Alpha Ltd", 3'800'000}});
  auto ranked = evaluation.Rank(Officer(), ocid);
  ASSERT_TRUE(ranked.ok()) << ranked.status().ToString();
  EXPECT_EQ(ranked->ranking->winner()->combined.ToDecimal(), "85.3");

  ASSERT_TRUE(award.Recommend(Officer(), ocid, "bid-a", "").ok());
  ASSERT_TRUE(award.Decide(Colleague(), ocid, true, "ok").ok());
  EXPECT_TRUE(store_->StandingAwards(10)->empty()) << "an approved award is not public yet";
  auto notified = award.Notify(Officer(), ocid);
  ASSERT_TRUE(notified.ok()) << notified.status().ToString();
  EXPECT_EQ(tenders_->Get(ocid)->state, tenders::TenderState::kAwarded);
  auto standing = store_->StandingAwards(10);
  ASSERT_TRUE(standing.ok()) << standing.status().ToString();
  ASSERT_EQ(standing->size(), 1u);
  EXPECT_EQ((*standing)[0].tender.ocid, ocid);
  EXPECT_EQ((*standing)[0].award.supplier, p_.supplier_a);
  EXPECT_EQ((*standing)[0].award.bid_id, "bid-a");
  EXPECT_FALSE((*standing)[0].tender.items.empty()) << "the tender is read whole";
  EXPECT_TRUE(store_->StandingAwards(0)->empty());
  auto asked = award.RequestDebrief(ActorOf(p_.supplier_user_b, p_.supplier_b,
                                            OrganisationKind::kSupplier, {Role::kSupplierUser}),
                                    ocid, "Which form was missing?");
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  ASSERT_TRUE(award.AnswerDebrief(Officer(), ocid, p_.supplier_b, "The signed bid form").ok());

  clock_.Advance(std::chrono::hours(24 * 10));
  auto signed_contract = award.SignContract(
      Officer(), ocid,
      {Money{3'800'000, "USD"}, clock_.Now(), clock_.Now() + std::chrono::hours(24 * 90)});
  ASSERT_TRUE(signed_contract.ok()) << signed_contract.status().ToString();
  EXPECT_EQ(tenders_->Get(ocid)->state, tenders::TenderState::kCompleted);
  ASSERT_EQ(store_->StandingAwards(10)->size(), 1u) << "a contracted award still stands";

  // Everything reads back from a fresh load as it was written.
  auto loaded = store_->Load(ocid);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->record, *signed_contract);
  EXPECT_EQ(loaded->record.award->status, "active");
  ASSERT_EQ(loaded->letters.size(), 1u);
  EXPECT_EQ(loaded->letters[0].bid_id, "bid-b");
  EXPECT_EQ(loaded->letters[0].winner_name, "Alpha Ltd");
  ASSERT_EQ(loaded->debriefs.size(), 1u);
  EXPECT_EQ(loaded->debriefs[0].answer, "The signed bid form");
  EXPECT_EQ(loaded->sheets.size(), 4u);
  EXPECT_EQ(loaded->declarations.size(), 2u);
  ASSERT_TRUE(loaded->financial_opening.has_value());
  EXPECT_EQ(loaded->technical_opening->bids[0].files.size(), 1u);

  const std::vector<std::string> kinds = AuditKinds();
  const std::vector<std::string> expected = {"evaluation.declared",
                                             "evaluation.declared",
                                             "evaluation.sheet_submitted",
                                             "evaluation.sheet_submitted",
                                             "evaluation.sheet_submitted",
                                             "evaluation.sheet_submitted",
                                             "evaluation.sheet_submitted",
                                             "tender.evaluation_started",
                                             "evaluation.technical_closed",
                                             "bid.qualification",
                                             "bid.qualification",
                                             "evaluation.ranked",
                                             "award.recommended",
                                             "award.approved",
                                             "award.notified",
                                             "award.debrief_requested",
                                             "award.debrief_answered",
                                             "contract.signed"};
  ASSERT_EQ(kinds.size(), audit_before + expected.size());
  EXPECT_EQ(std::vector<std::string>(kinds.begin() + static_cast<long>(audit_before), kinds.end()),
            expected);
}

TEST_P(EvaluationStoreTest, AStaleOrRefusedChangeWritesNothing) {
  const std::size_t audit_before = AuditKinds().size();
  auto refused = store_->Apply(
      tender_.ocid, [](const tenders::EvaluationSnapshot&) -> Result<tenders::EvaluationChange> {
        return Status::FailedPrecondition("no");
      });
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);

  auto stale = store_->Apply(
      tender_.ocid, [&](const tenders::EvaluationSnapshot& s) -> Result<tenders::EvaluationChange> {
        tenders::EvaluationChange c;
        c.declaration = tenders::Declaration{p_.evaluators[0], false, "x", kNow};
        c.record = s.record;
        c.record->version = s.record.version + 2;
        c.audit.push_back({"evaluation.declared", kNow, "user:1", "tender:" + s.tender.ocid, {}});
        return c;
      });
  EXPECT_EQ(stale.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM evaluation_declarations"), 0);
  EXPECT_EQ(AuditKinds().size(), audit_before);

  auto missing = store_->Load("ocds-tbrdg1-999999");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST_P(EvaluationStoreTest, ARefusedReadLeavesAnAccessDeniedEntry) {
  tenders::EvaluationService evaluation(*store_, clock_, log_);
  auto outsider = evaluation.View(
      ActorOf(p_.other_officer, p_.other_agency, OrganisationKind::kAgency, {Role::kAgencyOfficer}),
      tender_.ocid);
  EXPECT_EQ(outsider.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(AuditKinds().back(), "access.denied");
  EXPECT_EQ(log_.Count("access_denied"), 1u);
}

TB_INSTANTIATE_BACKENDS(EvaluationStoreTest);

}  // namespace
}  // namespace tb::storage
