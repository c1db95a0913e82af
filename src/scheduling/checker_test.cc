#include "scheduling/checker.h"

#include <gtest/gtest.h>

#include "scheduling/greedy.h"
#include "scheduling/json_io.h"
#include "scheduling/schedule_state.h"
#include "scheduling/testing/instances.h"
#include "scheduling/testing/small_instance.h"

namespace tb::scheduling {
namespace {

Problem Small(const std::string& mode = "dedicated") {
  Result<Instance> instance = ParseInstance(testing::SmallInstanceJson(mode));
  EXPECT_TRUE(instance.ok()) << instance.status().ToString();
  return std::move(instance).value().problem;
}

ScheduleEntry Entry(std::string request, std::string officer, int slot,
                    std::optional<std::string> table) {
  return {std::move(request), std::move(officer), slot, std::move(table)};
}

TEST(CheckerTest, AcceptsAFeasibleHandMadeSchedule) {
  const Problem p = Small();
  ScheduleFile file;
  file.meetings = {Entry("R1", "O1", 0, "T1"), Entry("R2", "O2", 1, "T2"),
                   Entry("R3", "O3", 3, "T3"), Entry("R4", "O1", 1, "T1")};
  const CheckReport r = CheckSchedule(p, file, ComputeBounds(p));
  EXPECT_TRUE(r.feasible) << (r.errors.empty() ? "" : r.errors[0]);
  EXPECT_EQ(r.meetings, 4);
  EXPECT_EQ(r.weight, 7);
  EXPECT_EQ(r.fairness_sum, 3);
  EXPECT_EQ(r.pct_of_ub_weight, 100.0);
  // S1 at slots 0, 1 and 3: one gap (one idle slot).
  EXPECT_EQ(r.supplier_breaks, 1);
  EXPECT_EQ(r.supplier_idle_slots, 1);
}

struct Corruption {
  std::string name;
  std::vector<ScheduleEntry> meetings;
  std::string reason;
};

TEST(CheckerTest, RejectsEachBrokenRuleWithTheToolsReason) {
  const Problem p = Small();
  const std::vector<Corruption> cases = {
      {"double-booked officer",
       {Entry("R1", "O1", 0, "T1"), Entry("R4", "O1", 0, "T1")},
       "officer double-booked"},
      {"duplicated request",
       {Entry("R1", "O1", 0, "T1"), Entry("R1", "O1", 2, "T1")},
       "request scheduled twice"},
      {"unavailable slot (officer)", {Entry("R3", "O3", 0, "T3")}, "slot outside availability"},
      {"unavailable slot (supplier)", {Entry("R4", "O2", 4, "T2")}, "slot outside availability"},
      {"supplier window",
       {Entry("R1", "O1", 0, "T1"), Entry("R2", "O2", 1, "T2"), Entry("R3", "O3", 2, "T3")},
       "supplier over max consecutive"},
      {"one meeting per pair",
       {Entry("R1", "O1", 0, "T1"), Entry("R3", "O1", 3, "T1")},
       "supplier meets this officer twice"},
      {"ineligible officer",
       {Entry("R1", "O2", 0, "T2")},
       "officer not eligible for request (or no common slot)"},
      {"wrong table", {Entry("R1", "O1", 0, "T2")}, "meeting not at the officer's table"},
  };
  for (const Corruption& c : cases) {
    ScheduleFile file;
    file.meetings = c.meetings;
    const CheckReport r = CheckSchedule(p, file, ComputeBounds(p));
    EXPECT_FALSE(r.feasible) << c.name;
    ASSERT_EQ(r.error_count, 1) << c.name;
    EXPECT_NE(r.errors[0].find(c.reason), std::string::npos) << c.name << ": " << r.errors[0];
    EXPECT_EQ(r.meetings, static_cast<int>(c.meetings.size()) - 1) << c.name;
  }
  ScheduleFile unknown;
  unknown.meetings = {Entry("R5", "O1", 0, "T1"), Entry("R1", "O9", 0, "T1"),
                      Entry("R1", "O1", 6, "T1")};
  const CheckReport r = CheckSchedule(p, unknown, ComputeBounds(p));
  EXPECT_EQ(r.error_count, 3);  // declined request, unknown officer, slot out of range
}

TEST(CheckerTest, PooledTablesAreNotDoubleBooked) {
  const Problem pooled = Small("pooled");
  ScheduleFile tables;
  tables.meetings = {Entry("R1", "O1", 1, "T1"), Entry("R4", "O2", 1, "T1")};
  CheckReport r = CheckSchedule(pooled, tables, ComputeBounds(pooled));
  ASSERT_EQ(r.error_count, 1);
  EXPECT_NE(r.errors[0].find("table unknown or double-booked"), std::string::npos);
  tables.meetings = {Entry("R1", "O1", 1, "T1"), Entry("R4", "O2", 1, "T2"),
                     Entry("R2", "O2", 1, "T9")};
  r = CheckSchedule(pooled, tables, ComputeBounds(pooled));
  ASSERT_EQ(r.error_count, 1);
  EXPECT_NE(r.errors[0].find("officer double-booked"), std::string::npos);
}

TEST(CheckerTest, OfficerConsecutiveLimit) {
  // With a limit of 1, an officer needs a free slot between two meetings.
  std::string json = testing::SmallInstanceJson();
  for (auto [from, to] :
       {std::pair<std::string, std::string>{R"("officer_max_consecutive": 2)",
                                            R"("officer_max_consecutive": 1)"},
        {R"("weight": 3, "status": "declined")", R"("weight": 3, "status": "accepted")"}}) {
    json.replace(json.find(from), from.size(), to);
  }
  Result<Instance> instance = ParseInstance(json);
  ASSERT_TRUE(instance.ok()) << instance.status().ToString();
  const Problem& p = instance->problem;
  ScheduleFile file;
  file.meetings = {Entry("R5", "O1", 0, "T1"), Entry("R1", "O1", 1, "T1")};
  CheckReport r = CheckSchedule(p, file, ComputeBounds(p));
  ASSERT_EQ(r.error_count, 1);
  EXPECT_NE(r.errors[0].find("officer over max consecutive"), std::string::npos) << r.errors[0];
  file.meetings[1].slot = 2;
  r = CheckSchedule(p, file, ComputeBounds(p));
  EXPECT_TRUE(r.feasible);
}

// On a full-size instance: the greedy's schedule passes; each corruption of it fails.
TEST(CheckerTest, CorruptedGreedySchedulesFail) {
  const Instance instance = testing::LoadCommitted("ips2024-seed1");
  const Problem& p = instance.problem;
  ScheduleState state(p);
  RunGreedy(state, 7);
  const ScheduleFile good = ToScheduleFile(p, Schedule{"greedy", state.Meetings()});
  const CheckReport ok = CheckSchedule(p, good, *instance.bounds);
  ASSERT_TRUE(ok.feasible) << ok.errors[0];
  EXPECT_EQ(ok.meetings, state.meeting_count());
  EXPECT_EQ(ok.weight, state.weight());
  EXPECT_EQ(ok.supplier_breaks, state.TotalBreaks());
  EXPECT_EQ(state.breaks(), state.TotalBreaks());
  EXPECT_LE(ok.weight, instance.bounds->ub_weight);

  // Double-book: an unscheduled request eligible for some busy officer/slot it could use.
  ScheduleFile doubled = good;
  bool found = false;
  for (std::size_t q = 0; q < p.schedulable.size() && !found; ++q) {
    if (state.scheduled(static_cast<int>(q))) continue;
    const Schedulable& item = p.schedulable[q];
    for (int o : item.eligible) {
      for (int t : p.officers[o].available_slots) {
        if (found || !p.supplier_available[item.supplier][t] || state.meeting_at(o, t) < 0)
          continue;
        if (state.supplier_load(item.supplier, t) > 0) continue;
        doubled.meetings.push_back(
            {p.requests[item.request].id, p.officers[o].id, t, p.officers[o].table});
        found = true;
      }
    }
  }
  ASSERT_TRUE(found);
  CheckReport r = CheckSchedule(p, doubled, *instance.bounds);
  EXPECT_FALSE(r.feasible);
  EXPECT_NE(r.errors[0].find("officer double-booked"), std::string::npos) << r.errors[0];

  ScheduleFile duplicated = good;
  duplicated.meetings.push_back(good.meetings[10]);
  r = CheckSchedule(p, duplicated, *instance.bounds);
  ASSERT_EQ(r.error_count, 1);
  EXPECT_NE(r.errors[0].find("request scheduled twice"), std::string::npos);
}

}  // namespace
}  // namespace tb::scheduling
