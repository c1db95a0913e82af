// SqlEventStore (migration 9) on both engines: the event document with optimistic versions,
// the uniqueness rules the partial indexes hold (one live registration per company or
// officer, one live request per target, one running run per event), the quota read in the
// inserting transaction, imports all-or-nothing, runs and publication keeping outcomes.
#include <gtest/gtest.h>

#include <thread>

#include "storage/sql_event_store.h"
#include "storage/test_backend.h"

namespace tb::storage {
namespace {

using namespace events;  // NOLINT: the test reads as the domain does

const Timestamp kNow = Timestamp::FromSeconds(1'800'000'000);

class EventStoreTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store_ = std::make_unique<SqlEventStore>(db());
    Event e;
    e.organiser = OrganisationId{1};
    e.name = "Fair";
    e.time_zone = "Asia/Shanghai";
    e.days = {{"2026-05-14", {{"", "09:00", "10:00"}}}};
    e.created_at = e.updated_at = kNow;
    Result<Event> created = store_->CreateEvent(e);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    event_ = *created;
  }

  Participant Person(ParticipantKind kind, std::int64_t org, std::int64_t user) {
    Participant p;
    p.event = event_.id;
    p.kind = kind;
    p.name = "P" + std::to_string(user);
    p.organisation = OrganisationId{org};
    p.user = UserId{user};
    p.created_at = kNow;
    Result<Participant> stored = store_->AddParticipant(p);
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    return stored.ok() ? *stored : p;
  }

  MeetingRequest ToAgency(const Participant& supplier, std::int64_t agency) {
    MeetingRequest r;
    r.event = event_.id;
    r.supplier = supplier.id;
    r.target_agency = OrganisationId{agency};
    r.created_at = kNow;
    return r;
  }

  std::unique_ptr<SqlEventStore> store_;
  Event event_;
};

TEST_P(EventStoreTest, TheEventDocumentKeepsItsFieldsAndRefusesAStaleVersion) {
  Result<Event> read = store_->GetEvent(event_.id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, event_);
  EXPECT_EQ(read->version, 1);
  Event changed = *read;
  changed.venue = "Hall A";
  Result<Event> updated = store_->UpdateEvent(changed, 1);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->version, 2);
  changed.venue = "Hall B";
  Result<Event> stale = store_->UpdateEvent(changed, 1);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->GetEvent(event_.id)->venue, "Hall A");
  EXPECT_EQ(store_->GetEvent(EventId{999}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->ListEvents()->size(), 1u);
}

TEST_P(EventStoreTest, ACompanyAndAnOfficerRegisterOnceUntilCancelled) {
  Participant company = Person(ParticipantKind::kSupplier, 20, 5);
  Participant second = company;
  second.user = UserId{6};  // another user of the same company
  EXPECT_EQ(store_->AddParticipant(second).status().code(), StatusCode::kAlreadyExists);
  Participant officer = Person(ParticipantKind::kOfficer, 30, 7);
  Participant again = officer;
  EXPECT_EQ(store_->AddParticipant(again).status().code(), StatusCode::kAlreadyExists);
  company.cancelled = true;
  ASSERT_TRUE(store_->UpdateParticipant(company).ok());
  EXPECT_TRUE(store_->AddParticipant(second).ok());
  EXPECT_EQ(store_->ListParticipants(event_.id)->size(), 3u);
}

TEST_P(EventStoreTest, TheQuotaAndOneLiveRequestPerTargetHold) {
  Participant supplier = Person(ParticipantKind::kSupplier, 20, 5);
  ASSERT_TRUE(store_->AddRequest(ToAgency(supplier, 31), 2).ok());
  EXPECT_EQ(store_->AddRequest(ToAgency(supplier, 31), 2).status().code(),
            StatusCode::kAlreadyExists);
  Result<MeetingRequest> second = store_->AddRequest(ToAgency(supplier, 32), 2);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(store_->AddRequest(ToAgency(supplier, 33), 2).status().code(),
            StatusCode::kResourceExhausted);
  // A declined request frees a place and its target.
  MeetingRequest declined = *second;
  declined.status = RequestStatus::kDeclined;
  ASSERT_TRUE(store_->UpdateRequest(declined).ok());
  EXPECT_TRUE(store_->AddRequest(ToAgency(supplier, 33), 2).ok());
  EXPECT_TRUE(store_->AddRequest(ToAgency(supplier, 32), 3).ok());
  EXPECT_EQ(store_->ListRequests(event_.id)->size(), 4u);
}

TEST_P(EventStoreTest, ConcurrentRequestsCannotPassTheQuota) {
  Participant supplier = Person(ParticipantKind::kSupplier, 20, 5);
  std::atomic<int> accepted{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      for (int attempt = 0; attempt < 20; ++attempt) {
        Result<MeetingRequest> r = store_->AddRequest(ToAgency(supplier, 100 + i), 3);
        if (r.ok()) ++accepted;
        if (r.ok() || r.status().code() != StatusCode::kUnavailable) return;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(accepted.load(), 3);
}

TEST_P(EventStoreTest, AnImportIsAllOrNothing) {
  ImportBatch batch;
  Participant officer;
  officer.kind = ParticipantKind::kOfficer;
  officer.name = "O1";
  officer.organisation = OrganisationId{30};
  Participant supplier;
  supplier.kind = ParticipantKind::kSupplier;
  supplier.name = "S1";
  batch.participants = {officer, supplier};
  ImportBatch::Request r;
  r.request.targets_officer = true;
  r.request.status = RequestStatus::kAccepted;
  r.supplier_index = 1;
  r.officer_index = 0;
  batch.requests = {r};
  ImportBatch broken = batch;
  broken.requests.push_back(r);
  broken.requests.back().supplier_index = 9;
  EXPECT_FALSE(store_->Import(event_.id, broken).ok());
  EXPECT_TRUE(store_->ListParticipants(event_.id)->empty());
  ASSERT_TRUE(store_->Import(event_.id, batch).ok());
  Result<std::vector<MeetingRequest>> requests = store_->ListRequests(event_.id);
  ASSERT_EQ(requests->size(), 1u);
  const std::vector<Participant> people = *store_->ListParticipants(event_.id);
  EXPECT_EQ((*requests)[0].supplier, people[1].id);
  EXPECT_EQ((*requests)[0].target_officer, people[0].id);
}

TEST_P(EventStoreTest, OneRunAtATimeAndPublicationKeepsOutcomesOfUnmovedMeetings) {
  ScheduleRun run;
  run.event = event_.id;
  run.started_at = kNow;
  run.instance_json = "{}";
  Result<ScheduleRun> first = store_->CreateRun(run);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(store_->CreateRun(run).status().code(), StatusCode::kFailedPrecondition);
  ScheduleRun done = *first;
  done.status = RunStatus::kDone;
  done.feasible = true;
  Meeting a{{}, event_.id, done.id, RequestId{1}, ParticipantId{2}, ParticipantId{3}, 0, "T1"};
  Meeting b{{}, event_.id, done.id, RequestId{4}, ParticipantId{5}, ParticipantId{3}, 1, "T1"};
  ASSERT_TRUE(store_->FinishRun(done, {a, b}).ok());
  EXPECT_EQ(store_->GetRun(event_.id, done.id)->instance_json, "{}");
  Result<std::vector<Meeting>> published = store_->PublishRun(event_.id, done.id);
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  ASSERT_EQ(published->size(), 2u);
  Meeting recorded = (*published)[0];
  recorded.outcome = Outcome::kFollowUp;
  ASSERT_TRUE(store_->UpdateMeeting(recorded).ok());

  // A second run keeps meeting a in place and moves b: a keeps its outcome.
  Result<ScheduleRun> second = store_->CreateRun(run);
  ASSERT_TRUE(second.ok());
  ScheduleRun done2 = *second;
  done2.status = RunStatus::kDone;
  a.run = b.run = done2.id;
  b.slot = 2;
  ASSERT_TRUE(store_->FinishRun(done2, {a, b}).ok());
  Result<std::vector<Meeting>> republished = store_->PublishRun(event_.id, done2.id);
  ASSERT_TRUE(republished.ok());
  const std::vector<Meeting> meetings = *store_->ListMeetings(event_.id);
  ASSERT_EQ(meetings.size(), 2u);
  EXPECT_EQ(meetings[0].outcome, Outcome::kFollowUp);
  EXPECT_EQ(meetings[1].slot, 2);
  EXPECT_FALSE(meetings[1].outcome.has_value());
  const std::vector<ScheduleRun> runs = *store_->ListRuns(event_.id);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_TRUE(runs[0].published);
  EXPECT_FALSE(runs[1].published);
}

TEST_P(EventStoreTest, RunsPastTheirTimeAreMarkedFailedAndLiveOnesAreLeftAlone) {
  ScheduleRun run;
  run.event = event_.id;
  run.started_at = kNow;
  run.time_limit_seconds = 5;
  ASSERT_TRUE(store_->CreateRun(run).ok());
  // Still within 5 s + 60 s of grace: another server may be running it.
  EXPECT_EQ(*store_->FailStaleRuns(kNow + std::chrono::seconds(65), 60), 0);
  EXPECT_EQ(*store_->FailStaleRuns(kNow + std::chrono::seconds(66), 60), 1);
  EXPECT_EQ(*store_->FailStaleRuns(kNow + std::chrono::seconds(66), 60), 0);
  const std::vector<ScheduleRun> runs = *store_->ListRuns(event_.id);
  EXPECT_EQ(runs[0].status, RunStatus::kFailed);
  EXPECT_FALSE(runs[0].error.empty());
  EXPECT_TRUE(store_->CreateRun(run).ok());
}

TEST_P(EventStoreTest, PinsReplaceAndDelete) {
  ASSERT_TRUE(store_->SetPin(event_.id, {RequestId{1}, ParticipantId{2}, 3}).ok());
  ASSERT_TRUE(store_->SetPin(event_.id, {RequestId{1}, ParticipantId{2}, 4}).ok());
  std::vector<Pin> pins = *store_->ListPins(event_.id);
  ASSERT_EQ(pins.size(), 1u);
  EXPECT_EQ(pins[0].slot, 4);
  ASSERT_TRUE(store_->DeletePin(event_.id, RequestId{1}).ok());
  EXPECT_EQ(store_->DeletePin(event_.id, RequestId{1}).code(), StatusCode::kNotFound);
}

TB_INSTANTIATE_BACKENDS(EventStoreTest);

}  // namespace
}  // namespace tb::storage
