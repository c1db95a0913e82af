// TenderService on both engines: drafts and who sees them, publication with the procedure
// rules, committee and keys, the notice, clarifications without the asker, amendments and
// the deadline close.
#include "crypto/sealing.h"
#include "tenders/testing/service_fixture.h"

namespace tb::tenders {
namespace {

using testing::kStart;
using testing::SampleTender;
using testing::TenderServiceTest;

TEST_P(TenderServiceTest, AnOfficerCreatesADraftThatOnlyItsAgencyAndCommitteeSee) {
  const Tender t = Draft();
  EXPECT_EQ(t.state, TenderState::kDraft);
  EXPECT_EQ(t.organisation, p_.agency);
  EXPECT_EQ(t.created_by, p_.officer);
  EXPECT_TRUE(service_->Get(colleague_, t.ocid).ok());
  for (const auth::Actor* outsider :
       {&other_officer_, &supplier_a_, &staff_, &admin_, &members_[0]}) {
    EXPECT_EQ(service_->Get(*outsider, t.ocid).status().code(), StatusCode::kNotFound);
  }
  EXPECT_EQ(service_->Get(auth::Actor::Public(), t.ocid).status(),
            service_->Get(auth::Actor::Public(), "ocds-tbrdg1-999999").status())
      << "a draft answers exactly like a missing tender";
  AssignCommittee(t);
  EXPECT_TRUE(service_->Get(members_[0], t.ocid).ok()) << "committee members see the draft";
  EXPECT_EQ(service_->List(members_[3], {})->items.size(), 0u);
  EXPECT_EQ(service_->List(officer_, {})->items.size(), 1u);
  EXPECT_EQ(service_->List(auth::Actor::Public(), {})->items.size(), 0u);

  EXPECT_EQ(service_->Create(supplier_a_, {}, EditableJson(SampleTender())).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(
      service_->Create(officer_, p_.other_agency, EditableJson(SampleTender())).status().code(),
      StatusCode::kPermissionDenied)
      << "only for its own agency";
}

TEST_P(TenderServiceTest, ADraftCanStartFromAnImportedNotice) {
  notices::Notice n = storage::testing::SimpleNotice("ungm-12345");
  n.unspsc = {UnspscCode::Parse("43211503").value()};
  n.description = {"Laptops for the country office", Language::English()};
  ASSERT_TRUE(notices_->UpsertBatch(std::span(&n, 1), storage::testing::MergeLikeImporter).ok());
  auto t = service_->Create(officer_, {}, {{"source_notice", "ungm-12345"}, {"method", "itb"}});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->title, n.title.text);
  EXPECT_EQ(t->method, ProcurementMethod::kItb) << "the body wins over the notice";
  ASSERT_EQ(t->items.size(), 1u);
  EXPECT_EQ(t->items[0].unspsc, "43211503");
  EXPECT_EQ(service_->Create(officer_, {}, {{"source_notice", "nope"}}).status().field(),
            "source_notice");
}

TEST_P(TenderServiceTest, PublicationNeedsRulesCommitteeAndAKeyForEveryEnvelope) {
  Tender t = Draft(3);  // RFQ needs 5 days
  Status refused = service_->Publish(officer_, t.ocid).status();
  EXPECT_EQ(refused.field(), "deadline");
  EXPECT_NE(refused.message().find("5 days"), std::string::npos) << refused.message();

  ASSERT_TRUE(service_->ChangeDeadline(officer_, t.ocid, "2027-01-20T17:00", "", "longer").ok());
  EXPECT_EQ(service_->Publish(officer_, t.ocid).status().field(), "committee");
  AssignCommittee(t);
  EXPECT_EQ(service_->Publish(officer_, t.ocid).status().field(), "envelopes/single");
  ASSERT_TRUE(service_->Patch(officer_, t.ocid, {{"envelope_mode", "two"}}, {}).ok());
  GiveMembersSealingKeys();
  const std::vector<UserId> opening = {p_.members[0], p_.members[1], p_.members[2]};
  ASSERT_TRUE(
      service_->RegisterEnvelopeKey(members_[1], t.ocid, SplitKey(Envelope::kTechnical, opening))
          .ok());
  EXPECT_EQ(service_->Publish(officer_, t.ocid).status().field(), "envelopes/financial");
  ASSERT_TRUE(
      service_->RegisterEnvelopeKey(members_[2], t.ocid, SplitKey(Envelope::kFinancial, opening))
          .ok());
  EXPECT_EQ(service_->Publish(members_[0], t.ocid).status().code(), StatusCode::kPermissionDenied);

  auto published = service_->Publish(officer_, t.ocid);
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  EXPECT_EQ(published->state, TenderState::kPublished);
  EXPECT_EQ(published->published_at, kStart);
  EXPECT_EQ(CountAudit("tender.published"), 1);

  // The public page data: both keys with their fingerprints and the boundary rule (ET-12).
  auto view = service_->Get(auth::Actor::Public(), t.ocid);
  ASSERT_TRUE(view.ok());
  const nlohmann::json page = service_->ViewJson(*view);
  EXPECT_EQ(page["submission"]["boundary"], "receipt_time < deadline");
  ASSERT_EQ(page["submission"]["envelopes"].size(), 2u);
  EXPECT_EQ(page["submission"]["envelopes"][0]["envelope"], "technical");
  EXPECT_EQ(page["submission"]["envelopes"][0]["fingerprint"],
            crypto::KeyFingerprint(view->keys[0].public_key));
  EXPECT_EQ(page.dump().find("sealed_share"), std::string::npos);

  // The notice search finds: same id, our source, a link to the tender page.
  auto notice = notices_->GetByPublicId(t.ocid);
  ASSERT_TRUE(notice.ok()) << notice.status().ToString();
  EXPECT_EQ(notice->source, "tenderbridge");
  EXPECT_EQ(notice->source_url, "https://tenders.example.org/tenders/" + t.ocid);
  EXPECT_EQ(notice->buyer, "United Nations Development Programme");
  EXPECT_EQ(notice->deadline, published->deadline);
  EXPECT_TRUE(store_->NoticesBehind(10)->empty());
}

TEST_P(TenderServiceTest, OnlyAnOpeningMemberRegistersKeysAndOnlyForADraft) {
  Tender t = Draft();
  AssignCommittee(t);
  const std::vector<UserId> opening = {p_.members[0], p_.members[1], p_.members[2]};
  EXPECT_EQ(service_->RegisterEnvelopeKey(members_[0], t.ocid, EnvelopeKey{}).status().field(),
            "shares")
      << "no sealing keys yet";
  GiveMembersSealingKeys();
  const long denied_before = CountAudit("access.denied");
  for (const auth::Actor* other : {&officer_, &evaluator_}) {
    EXPECT_EQ(service_->RegisterEnvelopeKey(*other, t.ocid, SplitKey(Envelope::kSingle, opening))
                  .status()
                  .code(),
              StatusCode::kPermissionDenied);
  }
  EXPECT_EQ(CountAudit("access.denied"), denied_before + 2);
  EXPECT_EQ(service_->RegisterEnvelopeKey(members_[3], t.ocid, SplitKey(Envelope::kSingle, opening))
                .status()
                .code(),
            StatusCode::kNotFound)
      << "a member of no committee of this draft does not see it";
  EnvelopeKey short_key = SplitKey(Envelope::kSingle, opening);
  short_key.shares.pop_back();
  EXPECT_EQ(service_->RegisterEnvelopeKey(members_[0], t.ocid, short_key).status().field(),
            "shares");
  const EnvelopeKey key = SplitKey(Envelope::kSingle, opening);
  ASSERT_TRUE(service_->RegisterEnvelopeKey(members_[0], t.ocid, key).ok());
  EXPECT_EQ(CountAudit("tender.key_registered"), 1);

  auto mine = service_->GetMyShare(members_[1], t.ocid, Envelope::kSingle);
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  ASSERT_EQ(mine->key.shares.size(), 1u);
  EXPECT_EQ(mine->key.shares[0], key.shares[1]);
  EXPECT_EQ(mine->position, 2);
  EXPECT_EQ(service_->GetMyShare(officer_, t.ocid, Envelope::kSingle).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->GetMyShare(evaluator_, t.ocid, Envelope::kSingle).status().code(),
            StatusCode::kPermissionDenied);

  ASSERT_TRUE(service_->Publish(officer_, t.ocid).ok());
  EXPECT_EQ(service_->RegisterEnvelopeKey(members_[0], t.ocid, SplitKey(Envelope::kSingle, opening))
                .status()
                .code(),
            StatusCode::kFailedPrecondition);
}

TEST_P(TenderServiceTest, TheCommitteeIsCheckedAtAssignmentAndFixedAfterPublication) {
  Tender t = Draft();
  const auto refused = [&](CommitteeAssignment a) {
    return service_->SetCommittee(officer_, t.ocid, a).status().field();
  };
  EXPECT_EQ(refused({{p_.members[0], p_.members[1], p_.outside_member}, {}, 2}), "opening/2")
      << "a committee member of another agency";
  EXPECT_EQ(refused({{p_.members[0], p_.members[1], p_.evaluators[0]}, {}, 2}), "opening/2");
  EXPECT_EQ(refused({{p_.members[0], p_.members[1], p_.members[2]}, {p_.members[0]}, 2}),
            "evaluators/0");
  EXPECT_EQ(refused({{p_.members[0], p_.members[1]}, {}, 2}), "opening");
  EXPECT_EQ(
      service_
          ->SetCommittee(colleague_, t.ocid, {{p_.members[0], p_.members[1], p_.members[2]}, {}, 2})
          .status()
          .code(),
      StatusCode::kOk)
      << "any officer of the buying agency";
  EXPECT_EQ(service_->SetCommittee(other_officer_, t.ocid, {{}, {}, 2}).status().code(),
            StatusCode::kNotFound);

  t = Published();
  EXPECT_EQ(
      service_
          ->SetCommittee(officer_, t.ocid, {{p_.members[0], p_.members[1], p_.members[3]}, {}, 2})
          .status()
          .field(),
      "opening");
  auto evaluators = service_->SetCommittee(
      officer_, t.ocid,
      {{p_.members[0], p_.members[1], p_.members[2]}, {p_.evaluators[0], p_.evaluators[1]}, 2});
  ASSERT_TRUE(evaluators.ok()) << evaluators.status().ToString();
  EXPECT_EQ(evaluators->members.size(), 5u);
  EXPECT_EQ(evaluators->keys.size(), 1u) << "the keys stay: the opening committee did not change";
  EXPECT_TRUE(evaluators->keys[0].shares[0].sealed_share.empty()) << "listing shows no shares";
}

TEST_P(TenderServiceTest, AnswersArePublishedToAllWithoutTheAsker) {
  const Tender t = Published();
  auto asked = service_->Ask(supplier_a_, t.ocid, "Is a 15-inch screen acceptable?", {});
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  ASSERT_TRUE(service_->ExpressInterest(supplier_b_, t.ocid, {}).ok());
  EXPECT_EQ(service_->Ask(officer_, t.ocid, "?", {}).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->Clarifications(auth::Actor::Public(), t.ocid)->size(), 0u)
      << "unanswered questions are not public";
  EXPECT_EQ(service_->Clarifications(officer_, t.ocid)->size(), 1u);
  EXPECT_EQ(service_->Answer(other_officer_, t.ocid, asked->id, "No").status().code(),
            StatusCode::kPermissionDenied);
  auto answered = service_->Answer(officer_, t.ocid, asked->id, "Yes, 14 or 15 inches.");
  ASSERT_TRUE(answered.ok()) << answered.status().ToString();

  const auth::Actor anyone;
  for (const auth::Actor* reader :
       {&anyone, &std::as_const(supplier_b_), &std::as_const(officer_)}) {
    auto list = service_->Clarifications(*reader, t.ocid);
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ((*list)[0].clarification.answer, "Yes, 14 or 15 inches.");
    EXPECT_FALSE((*list)[0].clarification.supplier.valid()) << "never who asked";
    EXPECT_FALSE((*list)[0].clarification.asked_by.valid());
    EXPECT_FALSE((*list)[0].mine);
  }
  EXPECT_TRUE((*service_->Clarifications(supplier_a_, t.ocid))[0].mine);
  EXPECT_EQ(NotificationsOf(p_.supplier_a), 1u) << "the asker is interested";
  EXPECT_EQ(NotificationsOf(p_.supplier_b), 1u);
  EXPECT_EQ(NotificationsOf(p_.supplier_c), 0u);
  EXPECT_EQ(mailer_.messages().size(), 2u);
  EXPECT_EQ(CountAudit("clarification.asked"), 1);
  EXPECT_EQ(CountAudit("clarification.answered"), 1);

  clock_.Set(*t.deadline - std::chrono::hours(24 * 2));  // RFQ: questions close 2 days before
  EXPECT_EQ(service_->Ask(supplier_b_, t.ocid, "Late?", {}).status().field(), "question");
}

TEST_P(TenderServiceTest, ASubstantiveLateAmendmentExtendsTheDeadlineAndAsksToReconfirm) {
  const Tender t = Published(10);
  ASSERT_TRUE(service_->ExpressInterest(supplier_a_, t.ocid, {}).ok());
  ASSERT_TRUE(service_->ExpressInterest(supplier_b_, t.ocid, {}).ok());

  // Outside the window, a non-substantive change leaves the deadline alone.
  auto title = service_->Amend(officer_, t.ocid, {{{"title", "Laptops (14 inch)"}}, "typo", false});
  ASSERT_TRUE(title.ok()) << title.status().ToString();
  EXPECT_FALSE(title->substantive);
  EXPECT_FALSE(title->deadline_after.has_value());

  clock_.Set(*t.deadline - std::chrono::hours(24 * 3));  // 3 days left, window is 7
  nlohmann::json items = EditableJson(SampleTender())["items"];
  items[0]["quantity"] = 60;
  auto late = service_->Amend(officer_, t.ocid, {{{"items", items}}, "More laptops needed", false});
  ASSERT_TRUE(late.ok()) << late.status().ToString();
  EXPECT_TRUE(late->substantive) << "items always make it substantive";
  EXPECT_TRUE(late->deadline_extended);
  ASSERT_TRUE(late->deadline_after.has_value());
  EXPECT_GE(*late->deadline_after, clock_.Now() + std::chrono::hours(24 * 7));
  EXPECT_LT(*late->deadline_after, clock_.Now() + std::chrono::hours(24 * 8));
  EXPECT_EQ(LocalDeadlineText(*late->deadline_after, "Africa/Nairobi")->substr(10), "T17:00:00")
      << "same local time of day";
  auto now = service_->Get(officer_, t.ocid);
  EXPECT_EQ(now->tender.deadline, late->deadline_after);
  EXPECT_TRUE(now->tender.reconfirm_required);
  EXPECT_EQ(now->tender.reconfirm_after, clock_.Now());
  EXPECT_EQ(now->tender.amendment_count, 2);
  EXPECT_EQ(NotificationsOf(p_.supplier_a), 2u);
  EXPECT_EQ(NotificationsOf(p_.supplier_b), 2u);
  EXPECT_EQ(CountAudit("tender.amended"), 2);
  EXPECT_EQ(notices_->GetByPublicId(t.ocid)->amendments.size(), 2u);

  EXPECT_EQ(service_->Amend(officer_, t.ocid, {{{"method", "itb"}}, "x", false}).status().field(),
            "changes/method");
  EXPECT_EQ(service_->Amend(officer_, t.ocid, {{{"title", "Laptops (14 inch)"}}, "", false})
                .status()
                .field(),
            "rationale");
  EXPECT_EQ(
      service_->Amend(officer_, t.ocid, {{{"items", items}}, "again", false}).status().field(),
      "changes");
  EXPECT_EQ(service_->Patch(officer_, t.ocid, {{"title", "x"}}, {}).status().code(),
            StatusCode::kFailedPrecondition)
      << "a published tender changes only by amendment";
}

TEST_P(TenderServiceTest, TheCloseJobClosesAtTheDeadlineExactly) {
  const Tender t = Published();
  EXPECT_EQ(*service_->CloseDueTenders(*t.deadline - std::chrono::microseconds(1)), 0);
  EXPECT_EQ(*service_->CloseDueTenders(*t.deadline), 1);
  EXPECT_EQ(*service_->CloseDueTenders(*t.deadline + std::chrono::seconds(1)), 0);
  EXPECT_EQ(service_->Get(auth::Actor::Public(), t.ocid)->tender.state, TenderState::kClosed);
  const std::vector<audit::Entry> entries = AuditEntries();
  const auto closed = std::find_if(entries.begin(), entries.end(),
                                   [](const audit::Entry& e) { return e.kind == "tender.closed"; });
  ASSERT_NE(closed, entries.end());
  EXPECT_EQ(closed->actor, "system");
  EXPECT_EQ(
      closed->fields,
      (std::vector<std::pair<std::string, std::string>>{{"deadline", t.deadline->ToRfc3339()}}));
  EXPECT_EQ(service_->Ask(supplier_a_, t.ocid, "?", {}).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(service_->Cancel(officer_, t.ocid, "").status().field(), "reason");
  auto cancelled = service_->Cancel(officer_, t.ocid, "Budget withdrawn");
  ASSERT_TRUE(cancelled.ok()) << cancelled.status().ToString();
  EXPECT_EQ(notices_->GetByPublicId(t.ocid)->status, notices::NoticeStatus::kCancelled);
}

TB_INSTANTIATE_BACKENDS(TenderServiceTest);

}  // namespace
}  // namespace tb::tenders
