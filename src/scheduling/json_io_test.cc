#include "scheduling/json_io.h"

#include <gtest/gtest.h>

#include "scheduling/testing/small_instance.h"

namespace tb::scheduling {
namespace {

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(JsonIoTest, ReadsTheSmallInstance) {
  Result<Instance> instance = ParseInstance(testing::SmallInstanceJson());
  ASSERT_TRUE(instance.ok()) << instance.status().ToString();
  const Problem& p = instance->problem;
  EXPECT_EQ(p.slot_count(), 6);
  EXPECT_EQ(p.sessions.size(), 1u);
  EXPECT_EQ(p.schedulable.size(), 4u);  // R5 is declined
  EXPECT_EQ(p.schedulable[2].eligible, (std::vector<int>{0, 1, 2}));
  EXPECT_FALSE(instance->bounds.has_value());
}

TEST(JsonIoTest, ErrorsNameTheOffendingField) {
  struct Case {
    std::string from, to, field;
  };
  const Case cases[] = {
      {R"("supplier": "S2", "target")", R"("supplier": "S9", "target")", "/requests/3/supplier"},
      {R"("type": "officer", "id": "O2")", R"("type": "officer", "id": "O7")",
       "/requests/1/target/id"},
      {R"("type": "agency", "id": "A"}, "priority": 3)",
       R"("type": "team", "id": "A"}, "priority": 3)", "/requests/2/target/type"},
      {R"("available_slots": [1,2,3,4,5])", R"("available_slots": [1,2,9])",
       "/officers/2/available_slots/2"},
      {R"("available_slots": [0,1,2], "max)", R"("available_slots": [2,1], "max)",
       "/suppliers/1/available_slots/1"},
      {R"("delegates": 2)", R"("delegates": 0)", "/suppliers/1/delegates"},
      {R"("fairness_k": 2)", R"("fairness_k": "2")", "/rules/fairness_k"},
      {R"("table_mode": "dedicated")", R"("table_mode": "mixed")", "/event/table_mode"},
      {R"({"id": "R4")", R"({"id": "R1")", "/requests/3/id"},
      {R"("schema": "tenderbridge.meetings.instance/1")", R"("schema": "other/1")", "/schema"},
  };
  for (const Case& c : cases) {
    Result<Instance> instance = ParseInstance(Replace(testing::SmallInstanceJson(), c.from, c.to));
    ASSERT_FALSE(instance.ok()) << c.to;
    EXPECT_EQ(instance.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(instance.status().field(), c.field) << instance.status().ToString();
  }
  EXPECT_FALSE(ParseInstance("{not json").ok());
}

TEST(JsonIoTest, ScheduleRoundTripsThroughTheWriter) {
  Result<Instance> instance = ParseInstance(testing::SmallInstanceJson());
  ASSERT_TRUE(instance.ok());
  Schedule schedule{"test", {{3, 1, 2}, {0, 0, 0}}};
  const ScheduleFile file = ToScheduleFile(instance->problem, schedule);
  ASSERT_EQ(file.meetings.size(), 2u);
  EXPECT_EQ(file.meetings[0].request, "R1");  // sorted by slot
  EXPECT_EQ(file.meetings[0].table, "T1");
  Result<ScheduleFile> parsed = ParseSchedule(WriteSchedule(file));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->instance_fingerprint, "sha256:small");
  Result<Schedule> resolved = ResolveSchedule(instance->problem, *parsed);
  ASSERT_TRUE(resolved.ok());
  EXPECT_EQ(resolved->meetings, (std::vector<Meeting>{{0, 0, 0}, {3, 1, 2}}));
  EXPECT_FALSE(
      ParseSchedule(R"({"meetings": [{"request": "R1", "officer": "O1", "slot": "x"}]})").ok());
}

}  // namespace
}  // namespace tb::scheduling
