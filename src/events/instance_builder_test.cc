#include "events/instance_builder.h"

#include <gtest/gtest.h>

#include <map>

#include "events/internal/instance_import.h"
#include "events/testing/fake_directory.h"
#include "scheduling/bounds.h"
#include "scheduling/json_io.h"
#include "scheduling/testing/instances.h"

namespace tb::events {
namespace {

Event IpsEvent() {
  Event e;
  e.id = EventId{1};
  e.name = "IPS";
  e.time_zone = "Asia/Shanghai";
  e.days = {{"2024-11-13", {{"", "14:00", "17:20"}}},
            {"2024-11-14", {{"", "09:00", "12:00"}, {"", "13:30", "16:30"}}}};
  return e;
}

// Gives the batch's rows ids as a store would.
void Number(ImportBatch& batch, std::vector<Participant>& people,
            std::vector<MeetingRequest>& requests) {
  for (std::size_t i = 0; i < batch.participants.size(); ++i) {
    batch.participants[i].id = ParticipantId{static_cast<std::int64_t>(i) + 1};
    people.push_back(batch.participants[i]);
  }
  for (std::size_t i = 0; i < batch.requests.size(); ++i) {
    MeetingRequest r = batch.requests[i].request;
    r.id = RequestId{static_cast<std::int64_t>(i) + 1};
    r.supplier = people[batch.requests[i].supplier_index].id;
    if (r.targets_officer) r.target_officer = people[batch.requests[i].officer_index].id;
    requests.push_back(r);
  }
}

// Importing the IPS instance into an event and building the event's problem back gives the
// same problem: every bound of the tool's file is reproduced exactly.
TEST(InstanceBuilderTest, AnImportedInstanceIsRebuiltWithTheSameBounds) {
  const scheduling::Instance original = scheduling::testing::LoadCommitted("ips2024-seed1");
  ASSERT_TRUE(original.bounds.has_value());
  const Event event = IpsEvent();
  Result<std::vector<EventSlot>> slots = DeriveSlots(event);
  ASSERT_TRUE(slots.ok());
  ASSERT_TRUE(internal::SameSlots(*slots, original.problem).ok());
  testing::FakeDirectory directory;
  Result<ImportBatch> batch = internal::BatchFromInstance(original.problem, *slots, directory,
                                                          event.id, Timestamp::FromSeconds(1));
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_EQ(batch->participants.size(), 250u);
  EXPECT_EQ(batch->requests.size(), original.problem.requests.size());
  std::vector<Participant> people;
  std::vector<MeetingRequest> requests;
  Number(*batch, people, requests);

  Result<BuiltInstance> built = BuildInstance(event, people, requests, 1);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  Result<scheduling::Instance> parsed = scheduling::ParseInstance(built->json);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const scheduling::Bounds bounds = scheduling::ComputeBounds(parsed->problem);
  EXPECT_EQ(bounds.ub_count, original.bounds->ub_count);
  EXPECT_EQ(bounds.ub_weight, original.bounds->ub_weight);
  EXPECT_EQ(bounds.ub_fairness_sum, original.bounds->ub_fairness_sum);
  EXPECT_EQ(bounds.schedulable_requests, original.bounds->schedulable_requests);
  EXPECT_EQ(parsed->problem.groups.size(), original.problem.groups.size());
}

TEST(InstanceBuilderTest, LeavesOutCancelledRowsAndMapsWindowsAndCaps) {
  Event event = IpsEvent();
  event.rules.supplier_max_meetings_per_day = 3;
  std::vector<Participant> people(4);
  people[0].id = ParticipantId{1};
  people[0].kind = ParticipantKind::kOfficer;
  people[0].organisation = OrganisationId{50};
  people[1].id = ParticipantId{2};
  people[1].kind = ParticipantKind::kSupplier;
  people[1].availability = {{"2024-11-14", "09:00", "10:00"}};  // 3 slots of day 2
  people[1].interpreter_group = "zh-en";
  people[2].id = ParticipantId{3};
  people[2].kind = ParticipantKind::kSupplier;
  people[2].cancelled = true;
  people[3].id = ParticipantId{4};
  people[3].kind = ParticipantKind::kSupplier;
  people[3].max_meetings = 2;
  std::vector<MeetingRequest> requests(3);
  requests[0] = {RequestId{1}, event.id, ParticipantId{2}, false, OrganisationId{50}};
  requests[0].status = RequestStatus::kAccepted;
  requests[1] = {RequestId{2}, event.id, ParticipantId{3}, true, {}, ParticipantId{1}};
  requests[1].status = RequestStatus::kAccepted;  // its supplier cancelled
  requests[2] = {RequestId{3}, event.id, ParticipantId{4}, true, {}, ParticipantId{1}};
  requests[2].status = RequestStatus::kCancelled;

  Result<BuiltInstance> built = BuildInstance(event, people, requests, 1);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  Result<scheduling::Instance> parsed = scheduling::ParseInstance(built->json);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const scheduling::Problem& p = parsed->problem;
  ASSERT_EQ(p.officer_count(), 1);
  ASSERT_EQ(p.supplier_count(), 2);
  ASSERT_EQ(p.requests.size(), 1u);
  EXPECT_EQ(p.requests[0].id, "R1");
  EXPECT_EQ(p.suppliers[0].available_slots, (std::vector<int>{10, 11, 12}));
  // Attends day 2 only: the day-1 cap is 0 and the total is one day's cap.
  EXPECT_EQ(p.suppliers[0].max_meetings_per_day, (std::vector<int>{0, 3}));
  EXPECT_EQ(p.suppliers[0].max_meetings, 3);
  EXPECT_EQ(p.suppliers[1].max_meetings, 2);  // the participant's own total is lower
  ASSERT_EQ(p.groups.size(), 1u);
  EXPECT_EQ(p.groups[0].max_parallel, event.rules.interpreter_max_parallel);
  EXPECT_EQ(built->tables.at("O1"), "T1");
  EXPECT_EQ(p.fingerprint.rfind("sha256:", 0), 0u);
}

TEST(InstanceBuilderTest, AnEventWithoutSlotsCannotBeScheduled) {
  Event event = IpsEvent();
  event.days.clear();
  Result<BuiltInstance> built = BuildInstance(event, {}, {}, 1);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.status().code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace tb::events
