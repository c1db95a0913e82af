// The state machine table (docs/tendering.md, "States") and the procedure rules tables.
#include "tenders/lifecycle.h"

#include <gtest/gtest.h>

#include "tenders/procedure_rules.h"
#include "tenders/testing/tender_fixtures.h"

namespace tb::tenders {
namespace {

constexpr TenderState kAll[] = {TenderState::kDraft,      TenderState::kPublished,
                                TenderState::kClosed,     TenderState::kOpened,
                                TenderState::kEvaluation, TenderState::kAwarded,
                                TenderState::kCompleted,  TenderState::kCancelled};

TEST(Lifecycle, AllowsExactlyTheTransitionsOfTheTable) {
  struct Row {
    TenderState from, to;
    TenderActor by;
  };
  const Row allowed[] = {
      {TenderState::kDraft, TenderState::kPublished, TenderActor::kOwner},
      {TenderState::kDraft, TenderState::kCancelled, TenderActor::kOwner},
      {TenderState::kPublished, TenderState::kClosed, TenderActor::kSystem},
      {TenderState::kPublished, TenderState::kCancelled, TenderActor::kOwner},
      {TenderState::kClosed, TenderState::kOpened, TenderActor::kOpeningCommittee},
      {TenderState::kClosed, TenderState::kCancelled, TenderActor::kOwner},
      {TenderState::kOpened, TenderState::kEvaluation, TenderActor::kOwner},
      {TenderState::kOpened, TenderState::kCancelled, TenderActor::kOwner},
      {TenderState::kEvaluation, TenderState::kAwarded, TenderActor::kOwner},
      {TenderState::kEvaluation, TenderState::kCancelled, TenderActor::kOwner},
      {TenderState::kAwarded, TenderState::kCompleted, TenderActor::kOwner},
      {TenderState::kAwarded, TenderState::kCancelled, TenderActor::kOwner},
  };
  int ok = 0;
  for (TenderState from : kAll) {
    for (TenderState to : kAll) {
      for (TenderActor by :
           {TenderActor::kOwner, TenderActor::kSystem, TenderActor::kOpeningCommittee}) {
        bool expected = false;
        for (const Row& r : allowed) expected |= r.from == from && r.to == to && r.by == by;
        SCOPED_TRACE(std::string(TenderStateName(from)) + " -> " +
                     std::string(TenderStateName(to)) + " by " + std::string(TenderActorName(by)));
        EXPECT_EQ(CheckTransition(from, to, by).ok(), expected);
        ok += expected;
      }
    }
  }
  EXPECT_EQ(ok, 12);
  EXPECT_EQ(Transitions().size(), 12u);
}

TEST(Lifecycle, OnlyTheSchedulerClosesAndNothingLeavesAFinalState) {
  const Status by_owner =
      CheckTransition(TenderState::kPublished, TenderState::kClosed, TenderActor::kOwner);
  EXPECT_EQ(by_owner.code(), StatusCode::kPermissionDenied);
  const Status backwards =
      CheckTransition(TenderState::kClosed, TenderState::kPublished, TenderActor::kOwner);
  EXPECT_EQ(backwards.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(backwards.message(), "a closed tender cannot become published");
  for (TenderState to : kAll) {
    EXPECT_FALSE(CheckTransition(TenderState::kCancelled, to, TenderActor::kOwner).ok());
    EXPECT_FALSE(CheckTransition(TenderState::kCompleted, to, TenderActor::kOwner).ok());
  }
}

TEST(ProcedureRules, TheCompiledInTableHasEveryMethodAndTheAgencyOverrides) {
  const ProcedureRuleBook& book = ProcedureRuleBook::Default();
  const ProcedureRules& d = book.defaults();
  EXPECT_EQ(d.currency, "USD");
  EXPECT_EQ(d.For(ProcurementMethod::kRfq).min_tendering_days, 5);
  EXPECT_EQ(d.For(ProcurementMethod::kRfq).max_value_minor, 15'000'000);
  EXPECT_EQ(d.For(ProcurementMethod::kItb).min_tendering_days, 21);
  EXPECT_EQ(d.min_opening_members, 3);
  EXPECT_EQ(d.opening_threshold, 2);
  const ProcedureRules& unicef = book.For("United Nations Children's Fund");
  EXPECT_EQ(unicef.For(ProcurementMethod::kRfq).min_tendering_days, 7) << "the override";
  EXPECT_EQ(unicef.For(ProcurementMethod::kRfq).max_value_minor, 15'000'000) << "merged";
  EXPECT_EQ(unicef.For(ProcurementMethod::kRfp).min_tendering_days, 21);
  EXPECT_EQ(&book.For("Some other agency"), &book.defaults());
}

TEST(ProcedureRules, RefusesABrokenTableNamingThePath) {
  const std::string head = R"({"format":"tenderbridge-procedure-rules","version":1,"default":)";
  const std::string methods =
      R"("methods":{"rfq":{"min_tendering_days":5},"itb":{"min_tendering_days":21},)"
      R"("rfp":{"min_tendering_days":21}})";
  struct Case {
    std::string json;
    std::string field;
  } cases[] = {
      {"[]", "rules"},
      {R"({"format":"x","version":1,"default":{}})", "format"},
      {head + "{" + methods + R"(,"committee":{"opening_threshold":3}}})",
       "default/committee/opening_threshold"},
      {head + R"({"methods":{"rfq":{"min_tendering_days":-1}}}})",
       "default/methods/rfq/min_tendering_days"},
      {head + R"({"methods":{"tender":{}}}})", "default/methods/tender"},
      {head + R"({"methods":{"rfq":{"min_tendering_days":5}}}})", "default/methods/itb"},
      {head + "{" + methods + R"(},"organisations":{"X":{"methods":{"rfq":{"max_value":12}}}}})",
       "organisations/X/methods/rfq/max_value"},
      {head + "{" + methods + R"(,"colour":"blue"}})", "default/colour"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    Result<ProcedureRuleBook> book = ProcedureRuleBook::FromJson(c.json);
    ASSERT_FALSE(book.ok());
    EXPECT_EQ(book.status().field(), c.field) << book.status().message();
  }
  EXPECT_TRUE(ProcedureRuleBook::FromJson(head + "{" + methods + "}}").ok());
}

TEST(ProcedureRules, PublicationNeedsTheMethodsThresholdAndMinimumPeriod) {
  const ProcedureRules& rules = ProcedureRuleBook::Default().defaults();
  const Timestamp now = Timestamp::FromRfc3339("2027-01-04T09:00:00Z").value();
  Tender t = testing::SampleTender();
  t.deadline = now + std::chrono::hours(24 * 5);
  EXPECT_TRUE(CheckPublication(t, rules, now).ok()) << "exactly the 5-day minimum";

  t.deadline = now + std::chrono::hours(24 * 5) - std::chrono::microseconds(1);
  Status early = CheckPublication(t, rules, now);
  EXPECT_EQ(early.field(), "deadline");
  EXPECT_NE(early.message().find("2027-01-09T09:00:00Z"), std::string::npos) << early.message();

  t.deadline = now + std::chrono::hours(24 * 30);
  t.estimated_value = Money{15'000'000, "USD"};  // 150,000.00: RFQ is for values below it
  EXPECT_EQ(CheckPublication(t, rules, now).field(), "method");
  t.method = ProcurementMethod::kItb;
  EXPECT_TRUE(CheckPublication(t, rules, now).ok());
  t.method = ProcurementMethod::kRfq;
  t.currency = "EUR";
  t.estimated_value = Money{15'000'000, "EUR"};
  EXPECT_TRUE(CheckPublication(t, rules, now).ok()) << "no exchange rates: not compared";
}

}  // namespace
}  // namespace tb::tenders
