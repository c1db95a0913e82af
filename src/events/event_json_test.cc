#include "events/event_json.h"

#include <gtest/gtest.h>

namespace tb::events {
namespace {

using nlohmann::json;

json IpsBody() {
  return json::parse(R"({
    "name": "UN International Procurement Seminar",
    "venue": "Ningbo International Conference Center",
    "time_zone": "Asia/Shanghai",
    "days": [{"date": "2024-11-13", "sessions": [{"name": "afternoon", "start": "14:00", "end": "17:20"}]}],
    "rooms": [{"id": "hall-a", "name": "Hall A", "capacity": 300}],
    "agenda": [{"id": "open", "kind": "plenary", "title": "Opening", "date": "2024-11-13",
                "start": "09:00", "end": "10:00", "room": "hall-a",
                "speakers": [{"name": "A. Speaker", "affiliation": "UNOPS"}]}],
    "rules": {"request_quota": 8}
  })");
}

TEST(EventJsonTest, AppliesAWholeBodyAndRoundTripsThroughStorage) {
  Event event;
  ASSERT_TRUE(ApplyEventJson(IpsBody(), event).ok());
  EXPECT_EQ(event.rules.request_quota, 8);
  EXPECT_EQ(event.rules.fairness_k, 3);  // default kept
  ASSERT_EQ(event.agenda.size(), 1u);
  EXPECT_EQ(event.agenda[0].speakers[0].affiliation, "UNOPS");
  event.id = EventId{5};
  event.version = 3;
  event.status = EventStatus::kOpen;
  Result<Event> back = EventFromStored(ToStored(event));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, event);
}

TEST(EventJsonTest, AMergePatchChangesOnlyWhatItNames) {
  Event event;
  ASSERT_TRUE(ApplyEventJson(IpsBody(), event).ok());
  ASSERT_TRUE(
      ApplyEventJson(json{{"venue", "Hall B"}, {"rules", {{"fairness_k", 2}}}}, event).ok());
  EXPECT_EQ(event.venue, "Hall B");
  EXPECT_EQ(event.rules.fairness_k, 2);
  EXPECT_EQ(event.rules.request_quota, 8);
  EXPECT_EQ(event.days.size(), 1u);
}

TEST(EventJsonTest, RefusesUnknownServerOwnedAndMistypedFieldsWithoutChanging) {
  Event event;
  ASSERT_TRUE(ApplyEventJson(IpsBody(), event).ok());
  const Event before = event;
  EXPECT_EQ(ApplyEventJson(json{{"colour", "red"}}, event).field(), "/colour");
  EXPECT_EQ(ApplyEventJson(json{{"status", "open"}}, event).field(), "/status");
  EXPECT_EQ(ApplyEventJson(json{{"slot_minutes", "20"}}, event).field(), "/slot_minutes");
  EXPECT_EQ(ApplyEventJson(json{{"rules", {{"request_quota", 0}}}}, event).field(),
            "/rules/request_quota");
  EXPECT_EQ(
      ApplyEventJson(
          json::parse(
              R"({"days": [{"date": "2024-11-13", "sessions": [{"start": "25:00", "end": "26:00"}]}]})"),
          event)
          .field(),
      "/days/0/sessions/0/start");
  EXPECT_EQ(event, before);
}

TEST(EventJsonTest, ParticipantFieldsByWhoWrites) {
  Participant p;
  p.name = "Old";
  json own = {{"pitch", "Solar pumps for clinics"},
              {"codes", {"26101500", "2611"}},
              {"availability", {{{"date", "2024-11-13"}, {"start", "14:00"}, {"end", "16:00"}}}}};
  ASSERT_TRUE(ApplyParticipantJson(own, false, p).ok());
  EXPECT_EQ(p.codes, (std::vector<std::string>{"26101500", "26110000"}));
  ASSERT_EQ(p.availability.size(), 1u);
  // A participant cannot move itself to another table or company; staff can.
  EXPECT_EQ(ApplyParticipantJson(json{{"table", "T9"}}, false, p).field(), "/table");
  ASSERT_TRUE(ApplyParticipantJson(json{{"table", "T9"}}, true, p).ok());
  EXPECT_EQ(p.table, "T9");
  // A walk-in company is named by staff; the participant itself cannot rename its company.
  ASSERT_TRUE(ApplyParticipantJson(json{{"organisation_name", "Walk-in Ltd"}}, true, p).ok());
  EXPECT_EQ(p.organisation_name, "Walk-in Ltd");
  EXPECT_EQ(ApplyParticipantJson(json{{"organisation_name", "X"}}, false, p).field(),
            "/organisation_name");
  EXPECT_EQ(ApplyParticipantJson(json{{"codes", {"5"}}}, false, p).field(), "/codes/0");
  EXPECT_EQ(ApplyParticipantJson(json{{"auto_accept", "sometimes"}}, false, p).field(),
            "/auto_accept");
  EXPECT_EQ(ApplyParticipantJson(json{{"delegates", 9}}, false, p).field(), "/delegates");
  p.id = ParticipantId{3};
  p.event = EventId{1};
  p.checked_in_at = Timestamp::FromSeconds(100);
  Result<Participant> back = ParticipantFromStored(ToStored(p));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, p);
}

TEST(EventJsonTest, RequestsRunsAndMeetingsRoundTrip) {
  MeetingRequest r;
  r.id = RequestId{4};
  r.event = EventId{1};
  r.supplier = ParticipantId{9};
  r.targets_officer = true;
  r.target_officer = ParticipantId{2};
  r.priority = 1;
  r.reason = "We make solar pumps";
  r.status = RequestStatus::kAccepted;
  r.decided_by = UserId{7};
  r.decided_at = Timestamp::FromSeconds(50);
  r.created_at = Timestamp::FromSeconds(40);
  Result<MeetingRequest> rb = RequestFromStored(ToStored(r));
  ASSERT_TRUE(rb.ok()) << rb.status().ToString();
  EXPECT_EQ(*rb, r);

  ScheduleRun run;
  run.id = RunId{2};
  run.event = EventId{1};
  run.status = RunStatus::kDone;
  run.bound_count = 10;
  run.result = {9, 20, 6, 2, 1};
  run.feasible = true;
  run.finished_at = Timestamp::FromSeconds(9);
  run.started_by = UserId{3};
  Result<ScheduleRun> back = RunFromStored(ToStored(run));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, run);
  EXPECT_DOUBLE_EQ(ToJson(run)["pct_of_bound"]["count"].get<double>(), 90.0);

  Meeting m;
  m.id = MeetingId{1};
  m.slot = 3;
  m.table = "T2";
  m.outcome = Outcome::kInvitedToBid;
  Result<Meeting> mb = MeetingFromStored(ToStored(m));
  ASSERT_TRUE(mb.ok());
  EXPECT_EQ(*mb, m);
}

}  // namespace
}  // namespace tb::events
