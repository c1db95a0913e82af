// SqlTenderStore (migration 6) on both engines: drafts and their details, optimistic
// versions, the in-transaction deadline guard, committee and keys, amendments with their
// notification rows, clarifications, the deadline close, lists and the notice bookkeeping.
// Every state change must leave its audit entry (AU-01).
#include "tenders/tender_store.h"

#include <gtest/gtest.h>

#include "audit/audit_log_reader.h"
#include "storage/storage.h"
#include "storage/test_backend.h"
#include "tenders/testing/tender_fixtures.h"

namespace tb::storage {
namespace {

using tenders::Tender;
using tenders::TenderState;
using tenders::testing::People;

const Timestamp kNow = Timestamp::FromSeconds(1'800'000'000);  // 2027-01-15T08:00:00Z

audit::Entry Entry(std::string kind, std::string subject = "") {
  return {std::move(kind), kNow, "user:1", std::move(subject), {}};
}

std::array<std::uint8_t, 32> Key(std::uint8_t fill) {
  std::array<std::uint8_t, 32> key{};
  key.fill(fill);
  return key;
}

class TenderStoreTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auth_ = MakeAuthStore(db());
    store_ = MakeTenderStore(db(), clock_);
    Result<People> people = tenders::testing::MakePeople(*auth_, kNow);
    ASSERT_TRUE(people.ok()) << people.status().ToString();
    people_ = *people;
  }

  Tender NewDraft() {
    Tender t = tenders::testing::SampleTender();
    t.organisation = people_.agency;
    t.created_by = people_.officer;
    t.deadline = kNow + std::chrono::hours(24 * 10);
    auto created = store_->Create(t, Entry("tender.created"));
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : t;
  }

  Tender Publish(Tender t) {
    t.state = TenderState::kPublished;
    t.published_at = kNow;
    auto published = store_->Update(t, Entry("tender.published", "tender:" + t.ocid), {});
    EXPECT_TRUE(published.ok()) << published.status().ToString();
    return published.ok() ? *published : t;
  }

  // The kinds of every audit entry, in log order.
  std::vector<std::string> AuditKinds() {
    std::vector<std::string> kinds;
    auto reader = MakeAuditLogReader(db());
    Status scanned = reader->Scan([](const auto&, const auto&) { return Status::Ok(); },
                                  [&](const audit::StoredEntry& stored) {
                                    Result<audit::Entry> entry = audit::Decode(stored.entry);
                                    if (!entry.ok()) return entry.status();
                                    kinds.push_back(entry->kind);
                                    return Status::Ok();
                                  });
    EXPECT_TRUE(scanned.ok()) << scanned.ToString();
    return kinds;
  }

  FakeClock clock_{kNow};
  std::unique_ptr<auth::AuthStore> auth_;
  std::unique_ptr<tenders::TenderStore> store_;
  People people_;
};

TEST_P(TenderStoreTest, CreatesADraftWithItsOcidDetailsAndAuditEntry) {
  const Tender t = NewDraft();
  EXPECT_TRUE(t.id.valid());
  EXPECT_EQ(t.ocid, tenders::OcidFor(t.id));
  EXPECT_EQ(t.version, 1);
  EXPECT_EQ(t.state, TenderState::kDraft);
  EXPECT_EQ(t.buyer_name, "United Nations Development Programme");

  auto read = store_->Get(t.ocid);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  Tender expected = tenders::testing::SampleTender();
  EXPECT_EQ(read->items, expected.items);
  EXPECT_EQ(read->lots, expected.lots);
  EXPECT_EQ(read->documents, expected.documents);
  EXPECT_EQ(read->evaluation, expected.evaluation);
  EXPECT_EQ(read->eligibility, expected.eligibility);
  EXPECT_EQ(read->bid_security, expected.bid_security);
  EXPECT_EQ(read->estimated_value, expected.estimated_value);
  EXPECT_EQ(read->deadline, kNow + std::chrono::hours(24 * 10));
  EXPECT_EQ(read->time_zone, "Africa/Nairobi");
  EXPECT_EQ(AuditKinds(), std::vector<std::string>{"tender.created"});
  EXPECT_EQ(store_->Get("ocds-tbrdg1-999999").status().code(), StatusCode::kNotFound);
}

TEST_P(TenderStoreTest, UpdateNeedsTheStoredVersionAndWritesNothingOtherwise) {
  Tender t = NewDraft();
  t.title = "Laptops, amended title";
  auto updated = store_->Update(t, Entry("tender.draft_updated"), {});
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->title, "Laptops, amended title");

  t.title = "A stale write";  // still version 1
  auto stale = store_->Update(t, Entry("tender.draft_updated"), {});
  EXPECT_EQ(stale.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->Get(t.ocid)->title, "Laptops, amended title");
  EXPECT_EQ(AuditKinds(), (std::vector<std::string>{"tender.created", "tender.draft_updated"}))
      << "a refused write leaves no audit entry";
}

TEST_P(TenderStoreTest, RefusesToMoveADeadlineThatPassedInsideTheTransaction) {
  Tender t = Publish(NewDraft());
  clock_.Set(*t.deadline);  // the close job has not run: state is still published
  Tender later = t;
  later.deadline = *t.deadline + std::chrono::hours(24);
  auto moved = store_->Update(later, Entry("tender.deadline_changed"),
                              {.stored_deadline_must_be_future = true});
  EXPECT_EQ(moved.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(moved.status().field(), "deadline");
  clock_.Set(*t.deadline - std::chrono::microseconds(1));
  EXPECT_TRUE(store_
                  ->Update(later, Entry("tender.deadline_changed"),
                           {.stored_deadline_must_be_future = true})
                  .ok());
}

TEST_P(TenderStoreTest, KeepsTheCommitteeWithNamesRolesAndSealingKeys) {
  Tender t = NewDraft();
  auto eligibility = store_->EligibilityIn(
      people_.agency, {people_.members[0], people_.evaluators[0], people_.outside_member});
  ASSERT_TRUE(eligibility.ok());
  EXPECT_EQ(eligibility->committee_members, std::set<UserId>{people_.members[0]});
  EXPECT_EQ(eligibility->evaluators, std::set<UserId>{people_.evaluators[0]});

  ASSERT_TRUE(
      store_->SetSealingKey(people_.members[1], Key(7), Entry("member.sealing_key_set")).ok());
  ASSERT_TRUE(
      store_->SetSealingKey(people_.members[1], Key(8), Entry("member.sealing_key_set")).ok());
  tenders::CommitteeAssignment committee{
      {people_.members[2], people_.members[1], people_.members[0]}, {people_.evaluators[0]}, 2};
  auto set = store_->SetCommittee(t, committee, false, Entry("tender.committee_assigned"));
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->version, t.version + 1);
  EXPECT_EQ(
      store_->SetCommittee(t, committee, false, Entry("tender.committee_assigned")).status().code(),
      StatusCode::kFailedPrecondition)
      << "the version moved on";

  auto members = store_->Committee(t.id);
  ASSERT_TRUE(members.ok());
  ASSERT_EQ(members->size(), 4u);
  EXPECT_EQ((*members)[0].user, people_.members[2]);
  EXPECT_EQ((*members)[0].position, 1);
  EXPECT_EQ((*members)[1].user, people_.members[1]);
  EXPECT_EQ((*members)[1].sealing_key, Key(8)) << "the latest key replaces the first";
  EXPECT_EQ((*members)[1].display_name, "Test member2");
  EXPECT_FALSE((*members)[0].sealing_key.has_value());
  EXPECT_EQ((*members)[3].role, tenders::CommitteeRole::kEvaluator);
  EXPECT_EQ(store_->SealingKey(people_.members[1])->value(), Key(8));
}

TEST_P(TenderStoreTest, StoresEnvelopeKeysOnceAndNeverTheSameKeyTwice) {
  Tender t = NewDraft();
  tenders::CommitteeAssignment committee{
      {people_.members[0], people_.members[1], people_.members[2]}, {}, 2};
  t = *store_->SetCommittee(t, committee, false, Entry("tender.committee_assigned"));
  tenders::EnvelopeKey key;
  key.envelope = tenders::Envelope::kSingle;
  key.public_key = Key(1);
  key.threshold = 2;
  key.created_by = people_.members[0];
  key.created_at = kNow;
  for (UserId u : committee.opening) {
    key.shares.push_back({u, std::vector<std::uint8_t>(81, static_cast<std::uint8_t>(u.value))});
  }
  auto put = store_->PutEnvelopeKey(t, key, Entry("tender.key_registered"));
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  auto keys = store_->EnvelopeKeys(t.id);
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_EQ((*keys)[0], key);

  Tender other = NewDraft();
  other = *store_->SetCommittee(other, committee, false, Entry("tender.committee_assigned"));
  auto reused = store_->PutEnvelopeKey(other, key, Entry("tender.key_registered"));
  EXPECT_EQ(reused.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(reused.status().field(), "public_key");

  // A two-envelope tender has no single envelope: switching drops that key.
  Tender current = *put;
  current.envelope_mode = tenders::EnvelopeMode::kTwo;
  ASSERT_TRUE(store_->Update(current, Entry("tender.draft_updated"), {}).ok());
  EXPECT_TRUE(store_->EnvelopeKeys(t.id)->empty());
}

TEST_P(TenderStoreTest, DiscardsKeysWhenTheOpeningCommitteeIsReplaced) {
  Tender t = NewDraft();
  tenders::CommitteeAssignment committee{
      {people_.members[0], people_.members[1], people_.members[2]}, {}, 2};
  t = *store_->SetCommittee(t, committee, false, Entry("tender.committee_assigned"));
  tenders::EnvelopeKey key{tenders::Envelope::kSingle, Key(3), 2, people_.members[0], kNow, {}};
  for (UserId u : committee.opening) key.shares.push_back({u, std::vector<std::uint8_t>(81, 1)});
  t = *store_->PutEnvelopeKey(t, key, Entry("tender.key_registered"));
  committee.opening[2] = people_.members[3];
  ASSERT_TRUE(store_->SetCommittee(t, committee, true, Entry("tender.committee_assigned")).ok());
  EXPECT_TRUE(store_->EnvelopeKeys(t.id)->empty());
}

TEST_P(TenderStoreTest, AnAmendmentNotifiesEveryInterestedSupplierInItsTransaction) {
  Tender t = Publish(NewDraft());
  ASSERT_TRUE(*store_->AddInterest(t.id, SupplierId{people_.supplier_a.value},
                                   Entry("tender.interest_registered")));
  ASSERT_FALSE(*store_->AddInterest(t.id, SupplierId{people_.supplier_a.value},
                                    Entry("tender.interest_registered")))
      << "registered once";
  ASSERT_TRUE(*store_->AddInterest(t.id, SupplierId{people_.supplier_b.value},
                                   Entry("tender.interest_registered")));

  tenders::Amendment a;
  a.tender = t.id;
  a.number = 1;
  a.at = kNow;
  a.actor = people_.officer;
  a.rationale = "Warranty clarified";
  a.changed_fields = {"description"};
  a.changes_json = R"({"description":{"before":"x","after":"y"}})";
  a.substantive = true;
  t.description = "Laptops with a four-year warranty.";
  t.amendment_count = 1;
  t.reconfirm_required = true;
  t.reconfirm_after = kNow;
  auto amended = store_->Amend(t, a, Entry("tender.amended"), {});
  ASSERT_TRUE(amended.ok()) << amended.status().ToString();
  EXPECT_TRUE(amended->tender.reconfirm_required);
  ASSERT_EQ(amended->recipients.size(), 2u);
  EXPECT_EQ(amended->recipients[0].emails, std::vector<std::string>{"a@alpha.test"});
  EXPECT_EQ(amended->recipients[1].emails, std::vector<std::string>{"b@beta.test"});
  EXPECT_EQ(store_->NotificationsFor(SupplierId{people_.supplier_a.value}, 10)->size(), 1u);
  EXPECT_EQ(store_->NotificationsFor(SupplierId{people_.supplier_c.value}, 10)->size(), 0u);
  auto listed = store_->ListAmendments(t.id);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0], a);
  EXPECT_EQ(AuditKinds(), (std::vector<std::string>{
                              "tender.created", "tender.published", "tender.interest_registered",
                              "tender.interest_registered", "tender.amended"}))
      << "a repeated registration changes nothing and leaves no entry";
}

TEST_P(TenderStoreTest, NumbersClarificationsAndTakesOneAnswerEach) {
  Tender t = Publish(NewDraft());
  tenders::Clarification q;
  q.tender = t.id;
  q.supplier = SupplierId{people_.supplier_a.value};
  q.asked_by = people_.supplier_user_a;
  q.question = "Is a 15-inch screen acceptable?";
  q.asked_at = kNow;
  auto first = store_->AddClarification(q, Entry("clarification.asked"));
  auto second = store_->AddClarification(q, Entry("clarification.asked"));
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->number, 1);
  EXPECT_EQ(second->number, 2);
  ASSERT_TRUE(*store_->AddInterest(t.id, q.supplier, Entry("tender.interest_registered")));
  auto answered = store_->AnswerClarification(t.id, first->id, "Yes.", people_.officer,
                                              Entry("clarification.answered"));
  ASSERT_TRUE(answered.ok()) << answered.status().ToString();
  EXPECT_EQ(answered->clarification.answer, "Yes.");
  EXPECT_EQ(answered->recipients.size(), 1u);
  EXPECT_EQ(store_
                ->AnswerClarification(t.id, first->id, "No.", people_.officer,
                                      Entry("clarification.answered"))
                .status()
                .code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(
      store_
          ->AnswerClarification(t.id, 9999, "No.", people_.officer, Entry("clarification.answered"))
          .status()
          .code(),
      StatusCode::kNotFound);
  auto all = store_->ListClarifications(t.id);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].answer, "Yes.");
  EXPECT_TRUE((*all)[1].answer.empty());
}

TEST_P(TenderStoreTest, ClosesOnlyPublishedTendersWhoseDeadlineIsDue) {
  Tender due = Publish(NewDraft());
  Tender later = NewDraft();
  later.deadline = *due.deadline + std::chrono::microseconds(1);
  later = Publish(*store_->Update(later, Entry("tender.draft_updated"), {}));
  Tender draft = NewDraft();  // same deadline as `due`, never published
  const auto entry_for = [](const Tender& t) {
    return audit::Entry{"tender.closed", t.deadline.value(), "system", "tender:" + t.ocid, {}};
  };
  auto closed = store_->CloseDue(*due.deadline - std::chrono::microseconds(1), entry_for);
  ASSERT_TRUE(closed.ok());
  EXPECT_TRUE(closed->empty()) << "1 us before the deadline nothing closes";
  closed = store_->CloseDue(*due.deadline, entry_for);
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  ASSERT_EQ(closed->size(), 1u);
  EXPECT_EQ((*closed)[0].ocid, due.ocid);
  EXPECT_EQ((*closed)[0].state, TenderState::kClosed);
  EXPECT_EQ((*closed)[0].closed_at, due.deadline);
  EXPECT_EQ(store_->Get(later.ocid)->state, TenderState::kPublished);
  EXPECT_EQ(store_->Get(draft.ocid)->state, TenderState::kDraft);
  EXPECT_TRUE(store_->CloseDue(*due.deadline, entry_for)->empty()) << "closing is monotone";
  const std::vector<std::string> kinds = AuditKinds();
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "tender.closed"), 1);
}

TEST_P(TenderStoreTest, ListsPublishedTendersAndOnlyTheDraftsOneMaySee) {
  Tender published = Publish(NewDraft());
  Tender draft = NewDraft();
  tenders::TenderFilter anyone;
  auto page = store_->List(anyone);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].ocid, published.ocid);

  tenders::TenderFilter officer;
  officer.private_of = {people_.agency};
  EXPECT_EQ(store_->List(officer)->items.size(), 2u);
  tenders::TenderFilter other;
  other.private_of = {people_.other_agency};
  EXPECT_EQ(store_->List(other)->items.size(), 1u);

  tenders::TenderFilter member;
  member.member = people_.members[0];
  EXPECT_EQ(store_->List(member)->items.size(), 1u);
  tenders::CommitteeAssignment c{
      {people_.members[0], people_.members[1], people_.members[2]}, {}, 2};
  ASSERT_TRUE(store_->SetCommittee(draft, c, false, Entry("tender.committee_assigned")).ok());
  EXPECT_EQ(store_->List(member)->items.size(), 2u);

  officer.limit = 1;
  auto first = store_->List(officer);
  ASSERT_TRUE(first->next.valid());
  officer.before = first->next;
  auto second = store_->List(officer);
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_NE(second->items[0].ocid, first->items[0].ocid);
  EXPECT_FALSE(second->next.valid());
  officer.states = {TenderState::kPublished};
  officer.before = {};
  officer.limit = 20;
  EXPECT_EQ(store_->List(officer)->items.size(), 1u);
}

TEST_P(TenderStoreTest, TracksWhichTendersHaveAStaleNotice) {
  Tender published = Publish(NewDraft());
  NewDraft();  // a draft never has a notice
  auto behind = store_->NoticesBehind(10);
  ASSERT_TRUE(behind.ok());
  ASSERT_EQ(behind->size(), 1u);
  EXPECT_EQ((*behind)[0].ocid, published.ocid);
  ASSERT_TRUE(store_->MarkNoticeWritten(published.id, published.version).ok());
  EXPECT_TRUE(store_->NoticesBehind(10)->empty());
  ASSERT_TRUE(store_->MarkNoticeWritten(published.id, published.version - 1).ok());
  EXPECT_TRUE(store_->NoticesBehind(10)->empty()) << "never lowered";
}

TB_INSTANTIATE_BACKENDS(TenderStoreTest);

}  // namespace
}  // namespace tb::storage
