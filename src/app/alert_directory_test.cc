// StoreAlertDirectory on a real database: a supplier's ranker history is the awards it won on
// TenderBridge once they are notified (one code per awarded item with the buying agency beside
// it, the tender's text once), and nothing before. The SQL of StandingAwards is checked on both
// engines by storage's evaluation_store_test; this suite checks the joining, on SQLite.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/alert_wiring.h"
#include "auth/auth_store.h"
#include "notices/unspsc_catalogue.h"
#include "screening/screening_store.h"
#include "search/notice_facets.h"
#include "storage/evaluation_store_fixture.h"
#include "suppliers/supplier_store.h"
#include "suppliers/testing/fixtures.h"
#include "tenders/award_service.h"
#include "tenders/evaluation_service.h"

namespace tb::app {
namespace {

using storage::testing::kNow;
using storage::testing::Sheet;

class AlertDirectoryTest : public storage::testing::EvaluationStoreFixture {
 protected:
  void SetUp() override {
    EvaluationStoreFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    suppliers_ = storage::MakeSupplierStore(db());
    screening_ = storage::MakeScreeningStore(db());
    codes_ = storage::MakeUnspscCatalogue(db());
    for (OrganisationId org : {p_.supplier_a, p_.supplier_b}) {
      suppliers::SupplierRecord r = suppliers::testing::BasicCompleteRecord(org.value, kNow);
      r.profile.registration_numbers = {{"KE", "PVT-" + std::to_string(org.value)}};
      ASSERT_TRUE(
          suppliers_
              ->Create(r, {0, r.id, kNow, UserId{1}, "created", "{}"}, suppliers::UngmLevel::kNone)
              .ok());
    }
  }

  // Evaluates the opened tender and notifies the award to bid-a (supplier A).
  void AwardToSupplierA() {
    tenders::EvaluationService evaluation(*store_, clock_, log_);
    tenders::AwardService award(*store_, clock_, rules_, log_);
    const std::string ocid = tender_.ocid;
    ASSERT_TRUE(evaluation.Declare(Evaluator(0), ocid, false, "").ok());
    ASSERT_TRUE(evaluation.Declare(Evaluator(1), ocid, false, "").ok());
    for (int e : {0, 1}) {
      ASSERT_TRUE(evaluation.SubmitSheet(Evaluator(e), ocid, Sheet("bid-a", 9, 8)).ok());
      ASSERT_TRUE(evaluation.SubmitSheet(Evaluator(e), ocid, Sheet("bid-b", 7, 7)).ok());
    }
    ASSERT_TRUE(evaluation.CloseTechnical(Officer(), ocid).ok());
    AddOpening("financial", {{"bid-a", p_.supplier_a, "Alpha Ltd", 3'800'000},
                             {"bid-b", p_.supplier_b, "Beta Ltd", 4'100'000}});
    ASSERT_TRUE(evaluation.Rank(Officer(), ocid).ok());
    ASSERT_TRUE(award.Recommend(Officer(), ocid, "bid-a", "").ok());
    ASSERT_TRUE(award.Decide(Colleague(), ocid, true, "ok").ok());
    auto notified = award.Notify(Officer(), ocid);
    ASSERT_TRUE(notified.ok()) << notified.status().ToString();
  }

  const matching::SupplierProfile& ProfileOf(const std::vector<matching::MatchableSupplier>& all,
                                             OrganisationId org) {
    auto it = std::ranges::find_if(
        all, [&](const matching::MatchableSupplier& s) { return s.organisation == org; });
    EXPECT_NE(it, all.end());
    return it->profile;
  }

  std::unique_ptr<suppliers::SupplierStore> suppliers_;
  std::unique_ptr<screening::ScreeningStore> screening_;
  std::unique_ptr<notices::UnspscCatalogue> codes_;
};

TEST_P(AlertDirectoryTest, TheWinnerOfANotifiedAwardHasItAsHistory) {
  StoreAlertDirectory directory(*suppliers_, *screening_, *auth_, *codes_, store_.get());
  auto before = directory.Suppliers();
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  ASSERT_EQ(before->size(), 2u);
  EXPECT_TRUE(ProfileOf(*before, p_.supplier_a).history.empty());

  ASSERT_NO_FATAL_FAILURE(AwardToSupplierA());
  auto after = directory.Suppliers();
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  const matching::SupplierProfile& a = ProfileOf(*after, p_.supplier_a);
  std::vector<UnspscCode> awarded;
  for (const tenders::TenderItem& item : tender_.items) {
    awarded.push_back(*UnspscCode::Parse(item.unspsc));
  }
  ASSERT_FALSE(awarded.empty());
  EXPECT_EQ(a.history, awarded);
  ASSERT_EQ(a.agency_history.size(), a.history.size()) << "entry i is the agency of code i";
  const std::string agency = search::AgencyKey(store_->Load(tender_.ocid)->tender.buyer_name);
  ASSERT_FALSE(agency.empty());
  for (const std::string& each : a.agency_history) EXPECT_EQ(each, agency);
  ASSERT_EQ(a.history_texts.size(), 1u);
  EXPECT_NE(a.history_texts[0].find(tender_.title), std::string::npos);

  const matching::SupplierProfile& b = ProfileOf(*after, p_.supplier_b);
  EXPECT_TRUE(b.history.empty()) << "a losing bid is not history (bids stay private)";
  EXPECT_TRUE(b.history_texts.empty());
}

TEST_P(AlertDirectoryTest, WithoutTheEvaluationStoreThereIsNoHistory) {
  ASSERT_NO_FATAL_FAILURE(AwardToSupplierA());
  StoreAlertDirectory directory(*suppliers_, *screening_, *auth_, *codes_);
  auto all = directory.Suppliers();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_TRUE(ProfileOf(*all, p_.supplier_a).history.empty());
}

// The directory's SQL is engine-neutral and checked on both engines elsewhere.
INSTANTIATE_TEST_SUITE_P(Sqlite, AlertDirectoryTest, ::testing::Values("sqlite"),
                         ::tb::storage::testing::EngineName);

}  // namespace
}  // namespace tb::app
