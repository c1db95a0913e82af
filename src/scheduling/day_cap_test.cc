// Per-day meeting caps (Officer/Supplier::max_meetings_per_day): the reader, the rule in
// ScheduleState and the checker, the optimiser, exact mode and the bounds' c_s / c_o.
#include <gtest/gtest.h>

#include "scheduling/checker.h"
#include "scheduling/exact.h"
#include "scheduling/json_io.h"
#include "scheduling/optimiser.h"

namespace tb::scheduling {
namespace {

// Two days of one 3-slot session each. O1 (agency A) and O2 (agency B) are free throughout;
// S1 and S2 attend day 1 only, S3 both days. R1 S1→O1 w3, R2 S2→O1 w2, R3 S3→O1 w1,
// R4 S3→O2 w1, R5 S1→O2 w1; k = 1.
// Uncapped: all five fit (fairness 3, weight 8). With O1 capped at 1 meeting on day 1 and S3
// at 1 meeting a day: O1 holds one of R1/R2 on day 1, and fairness needs S2's only request,
// so R2 (not the heavier R1) takes it; R3 goes to day 2 and R4 to day 1 (S3's cap); R5 on
// day 1: fairness 3, weight 2+1+1+1 = 5, four meetings.
std::string TwoDayJson(bool capped) {
  std::string slots;
  for (int i = 0; i < 6; ++i) {
    if (i > 0) slots += ",";
    const int day = i < 3 ? 1 : 2;
    slots += R"({"index":)" + std::to_string(i) + R"(,"id":"D)" + std::to_string(day) + "-" +
             std::to_string(i) + R"(","day":)" + std::to_string(day) + R"(,"session":"D)" +
             std::to_string(day) + R"(","start":"x","end":"y"})";
  }
  const std::string o1_cap = capped ? R"(, "max_meetings_per_day": [1])" : "";
  const std::string s3_cap = capped ? R"(, "max_meetings_per_day": [1, 1])" : "";
  return R"({
 "schema": "tenderbridge.meetings.instance/1", "instance_id": "two-days", "fingerprint": "sha256:x",
 "event": {"table_mode": "dedicated"},
 "rules": {"fairness_k": 1, "supplier_max_consecutive": 3, "officer_max_consecutive": 3},
 "slots": [)" +
         slots +
         R"(],
 "tables": [{"id": "T1"}, {"id": "T2"}],
 "agencies": [{"id": "A"}, {"id": "B"}],
 "officers": [
  {"id": "O1", "agency": "A", "table": "T1", "available_slots": [0,1,2,3,4,5], "max_meetings": 24)" +
         o1_cap + R"(},
  {"id": "O2", "agency": "B", "table": "T2", "available_slots": [0,1,2,3,4,5], "max_meetings": 24}],
 "suppliers": [
  {"id": "S1", "available_slots": [0,1,2], "max_meetings": 10},
  {"id": "S2", "available_slots": [0,1,2], "max_meetings": 10},
  {"id": "S3", "available_slots": [0,1,2,3,4,5], "max_meetings": 10)" +
         s3_cap + R"(}],
 "requests": [
  {"id": "R1", "supplier": "S1", "target": {"type": "officer", "id": "O1"}, "priority": 1, "weight": 3, "status": "accepted"},
  {"id": "R2", "supplier": "S2", "target": {"type": "officer", "id": "O1"}, "priority": 2, "weight": 2, "status": "accepted"},
  {"id": "R3", "supplier": "S3", "target": {"type": "officer", "id": "O1"}, "priority": 3, "weight": 1, "status": "accepted"},
  {"id": "R4", "supplier": "S3", "target": {"type": "officer", "id": "O2"}, "priority": 3, "weight": 1, "status": "accepted"},
  {"id": "R5", "supplier": "S1", "target": {"type": "officer", "id": "O2"}, "priority": 3, "weight": 1, "status": "accepted"}]
})";
}

Problem TwoDays(bool capped) {
  Result<Instance> instance = ParseInstance(TwoDayJson(capped));
  EXPECT_TRUE(instance.ok()) << instance.status().ToString();
  return std::move(instance).value().problem;
}

ScheduleEntry Entry(std::string request, std::string officer, int slot, std::string table) {
  return {std::move(request), std::move(officer), slot, std::move(table)};
}

TEST(DayCapTest, ReaderTakesTheOptionalKeyAndDerivesDays) {
  const Problem p = TwoDays(true);
  ASSERT_EQ(p.day_count(), 2);
  EXPECT_EQ(p.slots[2].day_index, 0);
  EXPECT_EQ(p.slots[3].day_index, 1);
  EXPECT_EQ(p.OfficerDayCap(0, 0), 1);
  EXPECT_EQ(p.OfficerDayCap(0, 1), -1);  // missing entry: uncapped
  EXPECT_EQ(p.OfficerDayCap(1, 0), -1);
  EXPECT_EQ(p.SupplierDayCap(2, 1), 1);
  // c_o of O1: min(24, κ = 3 + 3, day 1 min(1, 3) + day 2 3) = 4; O2 uncapped keeps κ = 6.
  EXPECT_EQ(p.officer_capacity[0], 4);
  EXPECT_EQ(p.officer_capacity[1], 6);
  EXPECT_EQ(p.supplier_capacity[2], 2);  // two requests anyway

  std::string json = TwoDayJson(true);
  const std::string from = R"("max_meetings_per_day": [1, 1])";
  json.replace(json.find(from), from.size(), R"("max_meetings_per_day": [1, 1, 1])");
  Result<Instance> too_long = ParseInstance(json);
  ASSERT_FALSE(too_long.ok());
  EXPECT_NE(too_long.status().ToString().find("/suppliers/2/max_meetings_per_day"),
            std::string::npos)
      << too_long.status().ToString();
  json = TwoDayJson(true);
  json.replace(json.find(from), from.size(), R"("max_meetings_per_day": [1, -2])");
  Result<Instance> negative = ParseInstance(json);
  ASSERT_FALSE(negative.ok());
  EXPECT_NE(negative.status().ToString().find("/suppliers/2/max_meetings_per_day/1"),
            std::string::npos)
      << negative.status().ToString();
}

TEST(DayCapTest, CheckerRejectsAMeetingOverADaysCap) {
  const Problem p = TwoDays(true);
  const Bounds bounds = ComputeBounds(p);
  ScheduleFile file;
  file.meetings = {Entry("R1", "O1", 0, "T1"), Entry("R2", "O1", 1, "T1")};
  CheckReport r = CheckSchedule(p, file, bounds);
  ASSERT_EQ(r.error_count, 1);
  EXPECT_NE(r.errors[0].find("officer over max_meetings_per_day"), std::string::npos)
      << r.errors[0];
  file.meetings = {Entry("R3", "O1", 3, "T1"), Entry("R4", "O2", 4, "T2")};
  r = CheckSchedule(p, file, bounds);
  ASSERT_EQ(r.error_count, 1);
  EXPECT_NE(r.errors[0].find("supplier over max_meetings_per_day"), std::string::npos)
      << r.errors[0];
  // The same meetings on separate days, or without caps, pass.
  file.meetings = {Entry("R3", "O1", 3, "T1"), Entry("R4", "O2", 1, "T2"),
                   Entry("R2", "O1", 0, "T1")};
  EXPECT_TRUE(CheckSchedule(p, file, bounds).feasible);
  const Problem uncapped = TwoDays(false);
  file.meetings = {Entry("R1", "O1", 0, "T1"), Entry("R2", "O1", 1, "T1"),
                   Entry("R3", "O1", 3, "T1"), Entry("R4", "O2", 4, "T2")};
  EXPECT_TRUE(CheckSchedule(uncapped, file, ComputeBounds(uncapped)).feasible);
}

TEST(DayCapTest, OptimiserAndExactModeRespectTheCap) {
  for (bool capped : {false, true}) {
    SCOPED_TRACE(capped ? "capped" : "uncapped");
    const Problem p = TwoDays(capped);
    const Bounds bounds = ComputeBounds(p);
    const long long want_weight = capped ? 5 : 8;
    OptimiserOptions options;
    options.time_limit_seconds = 0.2;
    Result<OptimiserResult> heuristic = Optimise(p, options);
    ASSERT_TRUE(heuristic.ok()) << heuristic.status().ToString();
    CheckReport r = CheckSchedule(p, ToScheduleFile(p, heuristic->schedule), bounds);
    ASSERT_TRUE(r.feasible) << r.errors[0];
    EXPECT_EQ(r.fairness_sum, 3);
    EXPECT_EQ(r.weight, want_weight);
    EXPECT_LE(r.weight, bounds.ub_weight);
    EXPECT_LE(r.meetings, bounds.ub_count);

    ExactOptions exact_options;
    exact_options.time_limit_seconds = 30;
    exact_options.threads = 1;
    Result<ExactResult> exact = SolveExact(p, exact_options);
    ASSERT_TRUE(exact.ok()) << exact.status().ToString();
    EXPECT_TRUE(exact->proven_optimal);
    EXPECT_DOUBLE_EQ(exact->objective, 10.0 * 3 + static_cast<double>(want_weight));
    r = CheckSchedule(p, ToScheduleFile(p, exact->schedule), bounds);
    EXPECT_TRUE(r.feasible) << (r.errors.empty() ? "" : r.errors[0]);
  }
}

}  // namespace
}  // namespace tb::scheduling
