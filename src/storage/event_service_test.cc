// The events service over the SQL store on both engines (issue #7): the journey from an
// empty event to a published schedule with agendas and an ICS file, the access rules of
// docs/events.md, pins and re-optimisation. Scheduler runs execute inline.
#include "events/event_service.h"

#include <gtest/gtest.h>

#include "auth/actor.h"
#include "events/testing/fake_directory.h"
#include "storage/sql_event_store.h"
#include "storage/test_backend.h"

namespace tb::storage {
namespace {

using namespace events;  // NOLINT
using nlohmann::json;

auth::Actor Person(std::int64_t user, std::int64_t org, auth::OrganisationKind kind,
                   auth::Role role) {
  auth::Actor a;
  a.user = UserId{user};
  a.email = "user" + std::to_string(user) + "@example.org";
  a.credential = auth::Credential::kSession;
  a.memberships = {{OrganisationId{org}, kind, false, {role}}};
  a.mfa_enrolled = a.mfa_verified = true;
  return a;
}

class EventServiceTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store_ = std::make_unique<SqlEventStore>(db());
    directory_.Add({OrganisationId{10}, "UNDP", true, false, {}});
    directory_.Add({OrganisationId{11}, "UNICEF", true, false, {}});
    directory_.Add({OrganisationId{20}, "Solar Co (fictional)", false, true, {"26101500"}});
    directory_.Add({OrganisationId{21}, "Tents Co (fictional)", false, true, {"56101700"}});
    service_ = std::make_unique<EventService>(*store_, clock_, directory_, nullptr,
                                              EventServiceOptions{"", true, 30});
  }

  EventId NewOpenEvent(int quota = 3) {
    json body = json::parse(R"({
      "name": "Procurement fair", "venue": "Qingpu centre", "time_zone": "Asia/Shanghai",
      "days": [{"date": "2026-05-14", "sessions": [{"start": "09:00", "end": "10:00"},
                                                   {"start": "14:00", "end": "15:00"}]}],
      "breaks": [{"date": "2026-05-14", "start": "09:20", "end": "09:40", "label": "tea"}],
      "agenda": [{"id": "b1", "kind": "briefing", "title": "UNDP briefing", "date": "2026-05-14",
                  "start": "11:00", "end": "12:00"}]
    })");
    body["rules"] = {{"request_quota", quota}};
    Result<Event> event = service_->Create(staff_, body);
    EXPECT_TRUE(event.ok()) << event.status().ToString();
    EXPECT_TRUE(service_->SetStatus(staff_, event->id, "open").ok());
    return event->id;
  }

  FakeClock clock_{Timestamp::FromSeconds(1'800'000'000)};
  events::testing::FakeDirectory directory_;
  std::unique_ptr<SqlEventStore> store_;
  std::unique_ptr<EventService> service_;
  const auth::Actor staff_ =
      Person(1, 1, auth::OrganisationKind::kCentre, auth::Role::kCentreStaff);
  const auth::Actor officer_ =
      Person(2, 10, auth::OrganisationKind::kAgency, auth::Role::kAgencyOfficer);
  const auth::Actor officer2_ =
      Person(3, 11, auth::OrganisationKind::kAgency, auth::Role::kAgencyOfficer);
  const auth::Actor supplier_ =
      Person(4, 20, auth::OrganisationKind::kSupplier, auth::Role::kSupplierUser);
  const auth::Actor other_ =
      Person(5, 21, auth::OrganisationKind::kSupplier, auth::Role::kSupplierUser);
};

TEST_P(EventServiceTest, FromRequestsToAPublishedScheduleWithAgendasAndIcs) {
  const EventId id = NewOpenEvent();
  // 09:00, 09:40 (09:20 is in the tea break), 14:00, 14:20, 14:40: 5 slots.
  Result<EventView> view = service_->Get(auth::Actor::Public(), id);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->slots.size(), 5u);

  Result<Participant> o1 =
      service_->Register(officer_, id, json{{"name", "Ana Officer"}, {"codes", {"26100000"}}});
  ASSERT_TRUE(o1.ok()) << o1.status().ToString();
  EXPECT_EQ(o1->organisation_name, "UNDP");
  ASSERT_TRUE(service_->Register(officer2_, id, json{{"name", "Bo Officer"}}).ok());
  EXPECT_EQ(service_->Register(officer_, id, json::object()).status().code(),
            StatusCode::kAlreadyExists);
  Result<Participant> s1 = service_->Register(supplier_, id, json{{"pitch", "Solar pumps"}});
  ASSERT_TRUE(s1.ok()) << s1.status().ToString();
  EXPECT_EQ(s1->codes, (std::vector<std::string>{"26101500"}));  // from the profile

  Result<std::vector<Suggestion>> suggestions = service_->Suggestions(supplier_, id);
  ASSERT_TRUE(suggestions.ok());
  ASSERT_EQ(suggestions->size(), 2u);
  EXPECT_EQ((*suggestions)[0].name, "UNDP");  // shares segment and family with the offer
  EXPECT_GT((*suggestions)[0].score, (*suggestions)[1].score);

  Result<MeetingRequest> r1 = service_->Request(
      supplier_, id, json{{"target", {{"type", "agency"}, {"id", 10}}}, {"priority", 1}});
  ASSERT_TRUE(r1.ok()) << r1.status().ToString();
  Result<MeetingRequest> r2 = service_->Request(
      supplier_, id, json{{"target", {{"type", "agency"}, {"id", 11}}}, {"reason", "tents"}});
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(service_->Request(supplier_, id, json{{"target", {{"type", "agency"}, {"id", 10}}}})
                .status()
                .code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(service_->Request(supplier_, id, json{{"target", {{"type", "agency"}, {"id", 99}}}})
                .status()
                .field(),
            "/target/id");

  // Only the addressed agency decides; the supplier cannot, another company does not see it.
  EXPECT_EQ(service_->Decide(officer2_, id, r1->id, true).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(service_->Decide(supplier_, id, r1->id, true).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->Decide(other_, id, r1->id, true).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(service_->Decide(officer_, id, r1->id, true).ok());
  ASSERT_TRUE(service_->Decide(officer2_, id, r2->id, true).ok());
  EXPECT_EQ(service_->Requests(other_, id, std::nullopt)->size(), 0u);
  // The officer sees who asks (company, pitch, codes) to decide.
  Result<std::vector<RequestView>> incoming = service_->Requests(officer_, id, std::nullopt);
  ASSERT_EQ(incoming->size(), 1u);
  EXPECT_EQ((*incoming)[0].supplier_name, "Solar Co (fictional)");
  EXPECT_EQ((*incoming)[0].supplier_pitch, "Solar pumps");
  EXPECT_EQ((*incoming)[0].supplier_codes, (std::vector<std::string>{"26101500"}));
  EXPECT_EQ((*incoming)[0].target_name, "UNDP");

  // Staff only run the scheduler.
  EXPECT_EQ(service_->StartRun(officer_, id, {}).status().code(), StatusCode::kPermissionDenied);
  Result<RunView> run = service_->StartRun(staff_, id, {"full", 0.5, 1});
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->run.status, RunStatus::kDone) << run->run.error;
  EXPECT_TRUE(run->run.feasible);
  EXPECT_EQ(run->run.bound_count, 2);
  EXPECT_EQ(run->run.result.meetings, 2);
  EXPECT_EQ(run->run.result.weight, 3 + 2);
  Result<std::string> schedule = service_->RunSchedule(staff_, id, run->run.id);
  ASSERT_TRUE(schedule.ok());
  EXPECT_NE(schedule->find("\"R" + std::to_string(r1->id.value) + "\""), std::string::npos);

  Result<std::vector<Meeting>> meetings = service_->Publish(staff_, id, run->run.id);
  ASSERT_TRUE(meetings.ok()) << meetings.status().ToString();
  ASSERT_EQ(meetings->size(), 2u);
  EXPECT_NE((*meetings)[0].slot, (*meetings)[1].slot);  // one delegate: never two at once

  Result<Agenda> agenda = service_->AgendaOf(supplier_, id, s1->id);
  ASSERT_TRUE(agenda.ok()) << agenda.status().ToString();
  int meeting_entries = 0;
  for (const AgendaEntry& e : agenda->entries) meeting_entries += e.kind == "meeting";
  EXPECT_EQ(meeting_entries, 2);
  EXPECT_EQ(service_->AgendaOf(other_, id, s1->id).status().code(), StatusCode::kNotFound);
  Result<std::string> ics = service_->AgendaIcs(supplier_, id, s1->id);
  ASSERT_TRUE(ics.ok());
  std::size_t vevents = 0;
  for (std::size_t at = ics->find("BEGIN:VEVENT"); at != std::string::npos;
       at = ics->find("BEGIN:VEVENT", at + 1)) {
    ++vevents;
  }
  EXPECT_EQ(vevents, 3u);  // two meetings and the briefing

  // The officer of a meeting records its outcome; the supplier cannot.
  const Meeting& undp = (*meetings)[0].officer == o1->id ? (*meetings)[0] : (*meetings)[1];
  EXPECT_EQ(service_->RecordOutcome(supplier_, id, undp.id, "follow_up", "").status().code(),
            StatusCode::kPermissionDenied);
  Result<Meeting> outcome = service_->RecordOutcome(officer_, id, undp.id, "invited_to_bid", "RFQ");
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  EXPECT_EQ(outcome->outcome, Outcome::kInvitedToBid);

  // The hall plan: staff and the event's officers; not suppliers, not officers elsewhere.
  Result<json> plan = service_->TablePlan(staff_, id, std::nullopt);
  ASSERT_TRUE(plan.ok());
  std::size_t planned = 0;
  for (const json& slot : (*plan)["slots"]) planned += slot["tables"].size();
  EXPECT_EQ(planned, 2u);
  EXPECT_TRUE(service_->TablePlan(officer_, id, 0).ok());
  EXPECT_EQ(service_->TablePlan(supplier_, id, std::nullopt).status().code(),
            StatusCode::kNotFound);
  const auth::Actor stranger =
      Person(9, 12, auth::OrganisationKind::kAgency, auth::Role::kAgencyOfficer);
  EXPECT_EQ(service_->TablePlan(stranger, id, std::nullopt).status().code(), StatusCode::kNotFound);
}

TEST_P(EventServiceTest, DraftsAreInvisibleAndTheQuotaIsEnforced) {
  Result<Event> draft = service_->Create(staff_, json{{"name", "Draft fair"}});
  ASSERT_TRUE(draft.ok());
  EXPECT_EQ(service_->Get(supplier_, draft->id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(service_->List(auth::Actor::Public())->size(), 0u);
  EXPECT_EQ(service_->SetStatus(staff_, draft->id, "open").status().field(), "days");
  EXPECT_EQ(service_->Create(supplier_, json{{"name", "x"}}).status().code(),
            StatusCode::kPermissionDenied);

  const EventId id = NewOpenEvent(/*quota=*/1);
  ASSERT_TRUE(service_->Register(officer_, id, json::object()).ok());
  ASSERT_TRUE(service_->Register(officer2_, id, json::object()).ok());
  ASSERT_TRUE(service_->Register(supplier_, id, json::object()).ok());
  ASSERT_TRUE(
      service_->Request(supplier_, id, json{{"target", {{"type", "agency"}, {"id", 10}}}}).ok());
  Result<MeetingRequest> over =
      service_->Request(supplier_, id, json{{"target", {{"type", "agency"}, {"id", 11}}}});
  EXPECT_EQ(over.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(over.status().field(), "quota");
  // A company not registered cannot request.
  EXPECT_EQ(service_->Request(other_, id, json{{"target", {{"type", "agency"}, {"id", 10}}}})
                .status()
                .code(),
            StatusCode::kPermissionDenied);
}

TEST_P(EventServiceTest, AutoAcceptPinsAndReoptimisationMoveFewMeetings) {
  const EventId id = NewOpenEvent();
  Result<Participant> o1 = service_->Register(officer_, id, json{{"auto_accept", "all"}});
  ASSERT_TRUE(o1.ok());
  ASSERT_TRUE(service_->Register(officer2_, id, json{{"auto_accept", "priority_1"}}).ok());
  ASSERT_TRUE(service_->Register(supplier_, id, json::object()).ok());
  ASSERT_TRUE(service_->Register(other_, id, json::object()).ok());
  Result<MeetingRequest> a =
      service_->Request(supplier_, id, json{{"target", {{"type", "agency"}, {"id", 10}}}});
  Result<MeetingRequest> b =
      service_->Request(other_, id, json{{"target", {{"type", "agency"}, {"id", 10}}}});
  Result<MeetingRequest> c = service_->Request(
      other_, id, json{{"target", {{"type", "agency"}, {"id", 11}}}, {"priority", 3}});
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->status, RequestStatus::kAccepted);
  EXPECT_EQ(c->status, RequestStatus::kPending);  // priority 3 is not auto-accepted

  // Pin a to the last slot: the run must keep it there.
  ASSERT_TRUE(service_->SetPin(staff_, id, {a->id, o1->id, 4}).ok());
  EXPECT_EQ(service_->SetPin(staff_, id, {c->id, o1->id, 1}).field(), "request");
  Result<RunView> run = service_->StartRun(staff_, id, {"full", 0.5, 1});
  ASSERT_TRUE(run.ok() && run->run.status == RunStatus::kDone) << run->run.error;
  Result<std::vector<Meeting>> published = service_->Publish(staff_, id, run->run.id);
  ASSERT_TRUE(published.ok());
  ASSERT_EQ(published->size(), 2u);
  for (const Meeting& m : *published) {
    if (m.request == a->id) {
      EXPECT_EQ(m.slot, 4);
      EXPECT_TRUE(m.pinned);
    }
  }

  // c is accepted late: re-optimisation adds it and moves no published meeting.
  ASSERT_TRUE(service_->Decide(officer2_, id, c->id, true).ok());
  Result<RunView> again = service_->StartRun(staff_, id, {"reoptimise", 0.5, 2});
  ASSERT_TRUE(again.ok() && again->run.status == RunStatus::kDone) << again->run.error;
  EXPECT_EQ(again->run.result.meetings, 3);
  EXPECT_EQ(again->run.result.moved, 0);
  EXPECT_EQ(service_->Runs(staff_, id)->size(), 2u);
  EXPECT_EQ(service_->Runs(officer_, id).status().code(), StatusCode::kNotFound);
}

TEST_P(EventServiceTest, ImportRefusesAnInstanceWithOtherSlots) {
  const EventId id = NewOpenEvent();
  json instance = {{"schema", "tenderbridge.meetings.instance/1"}};
  EXPECT_EQ(service_->Import(staff_, id, instance.dump()).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(service_->Import(officer_, id, instance.dump()).status().code(),
            StatusCode::kPermissionDenied);
}

TB_INSTANTIATE_BACKENDS(EventServiceTest);

}  // namespace
}  // namespace tb::storage
