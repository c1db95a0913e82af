// ET-04: who may move a deadline, and what an authorised change leaves behind; and the
// owner-only writes refused (403 + "access.denied" audit entry, ET-08) for every other role.
#include "tenders/testing/service_fixture.h"

namespace tb::tenders {
namespace {

using testing::kStart;
using testing::SampleTender;
using testing::TenderServiceTest;

TEST_P(TenderServiceTest, OnlyTheOwnerMovesADeadlineAndEveryOtherAttemptIsLogged) {
  const Tender t = Published(10);
  for (const auth::Actor* supplier : {&supplier_a_, &supplier_b_, &supplier_c_}) {
    ASSERT_TRUE(*service_->ExpressInterest(*supplier, t.ocid, {}));
  }
  mailer_.Clear();
  const std::string later = "2027-01-21T17:00";
  const auth::Actor anyone;
  const std::vector<std::pair<std::string, const auth::Actor*>> refused = {
      {"officer of another agency", &other_officer_},
      {"opening member", &members_[0]},
      {"committee member of the agency", &members_[3]},
      {"evaluator", &evaluator_},
      {"supplier", &supplier_a_},
      {"centre staff", &staff_},
      {"administrator", &admin_},
      {"anonymous", &anyone},
  };
  const long denied_before = CountAudit("access.denied");
  for (const auto& [who, actor] : refused) {
    SCOPED_TRACE(who);
    const Status status = service_->ChangeDeadline(*actor, t.ocid, later, "", "because").status();
    EXPECT_EQ(status.code(), StatusCode::kPermissionDenied) << status.ToString();
  }
  EXPECT_EQ(CountAudit("access.denied"), denied_before + static_cast<long>(refused.size()))
      << "every refused attempt is one security event in the log";
  EXPECT_EQ(service_->Get(officer_, t.ocid)->tender.deadline, t.deadline);
  EXPECT_EQ(CountAudit("tender.deadline_changed"), 0);
  EXPECT_EQ(NotificationsOf(p_.supplier_a), 0u);

  // The owner: a reason is required; never into the past.
  EXPECT_EQ(service_->ChangeDeadline(officer_, t.ocid, later, "", " ").status().field(), "reason");
  const Status past =
      service_->ChangeDeadline(officer_, t.ocid, "2027-01-03T17:00", "", "x").status();
  EXPECT_EQ(past.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(past.field(), "deadline");
  EXPECT_EQ(service_->ChangeDeadline(officer_, t.ocid, "2027-03-28T02:30", "Europe/Paris", "x")
                .status()
                .field(),
            "deadline")
      << "ET-13 on the way in";

  // An authorised change: exactly 1 audit event and N notifications for N suppliers.
  auto moved = service_->ChangeDeadline(officer_, t.ocid, later, "", "Site visit postponed");
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(moved->deadline, DeadlineFromLocal(later, "Africa/Nairobi").value());
  EXPECT_EQ(moved->amendment_count, 1);
  EXPECT_FALSE(moved->reconfirm_required) << "an extension changes no condition";
  EXPECT_EQ(CountAudit("tender.deadline_changed"), 1);
  EXPECT_EQ(CountAudit("tender.amended"), 0);
  for (OrganisationId s : {p_.supplier_a, p_.supplier_b, p_.supplier_c}) {
    EXPECT_EQ(NotificationsOf(s), 1u);
  }
  EXPECT_EQ(mailer_.messages().size(), 3u);
  EXPECT_NE(mailer_.messages()[0].text.find("Site visit postponed"), std::string::npos);
  auto amendments = service_->Amendments(anyone, t.ocid);
  ASSERT_EQ(amendments->size(), 1u);
  EXPECT_EQ(amendments->at(0).changed_fields, std::vector<std::string>{"deadline"});

  // A colleague in the same agency holds the owner role too.
  EXPECT_TRUE(service_->ChangeDeadline(colleague_, t.ocid, "2027-01-22T17:00", "", "again").ok());
  EXPECT_EQ(CountAudit("tender.deadline_changed"), 2);

  // Once the deadline has passed nothing moves it, even before the close job ran.
  clock_.Set(DeadlineFromLocal("2027-01-22T17:00", "Africa/Nairobi").value());
  const Status passed =
      service_->ChangeDeadline(officer_, t.ocid, "2027-01-29T17:00", "", "late").status();
  EXPECT_EQ(passed.code(), StatusCode::kFailedPrecondition) << passed.ToString();
  EXPECT_EQ(CountAudit("tender.deadline_changed"), 2);
}

TEST_P(TenderServiceTest, OwnerOnlyWritesAreRefusedForEveryOtherRole) {
  const Tender draft = Draft();
  AssignCommittee(draft);
  const Tender published = Published();
  ASSERT_TRUE(service_->ExpressInterest(supplier_a_, published.ocid, {}).ok());
  auto question = service_->Ask(supplier_a_, published.ocid, "Delivery address?", {});
  ASSERT_TRUE(question.ok());
  const std::vector<const auth::Actor*> others = {&members_[0], &evaluator_, &supplier_a_,
                                                  &staff_,      &admin_,     &other_officer_};
  for (const auth::Actor* actor : others) {
    SCOPED_TRACE("user " + std::to_string(actor->user.value));
    EXPECT_EQ(
        service_->Amend(*actor, published.ocid, {{{"title", "x"}}, "r", false}).status().code(),
        StatusCode::kPermissionDenied);
    EXPECT_EQ(service_->Answer(*actor, published.ocid, question->id, "a").status().code(),
              StatusCode::kPermissionDenied);
    EXPECT_EQ(service_->Cancel(*actor, published.ocid, "r").status().code(),
              StatusCode::kPermissionDenied);
    // A draft: its committee members may read it but not change it; others cannot see it.
    const bool on_committee = actor == &members_[0] || actor == &evaluator_;
    const StatusCode expected =
        on_committee ? StatusCode::kPermissionDenied : StatusCode::kNotFound;
    EXPECT_EQ(service_->Patch(*actor, draft.ocid, {{"title", "x"}}, {}).status().code(), expected);
    EXPECT_EQ(service_->Publish(*actor, draft.ocid).status().code(), expected);
  }
  EXPECT_EQ(service_->Get(officer_, published.ocid)->tender.title, published.title);
  EXPECT_EQ(service_->Get(officer_, draft.ocid)->tender.state, TenderState::kDraft);
}

}  // namespace
}  // namespace tb::tenders
