#include "scheduling/optimiser.h"

#include <gtest/gtest.h>

#include <random>

#include "scheduling/checker.h"
#include "scheduling/greedy.h"
#include "scheduling/json_io.h"
#include "scheduling/schedule_state.h"
#include "scheduling/testing/instances.h"

namespace tb::scheduling {
namespace {

// Fairness, then weight, then meetings: a >= b.
bool AtLeast(const CheckReport& a, long long fairness, long long weight, long long meetings) {
  if (a.fairness_sum != fairness) return a.fairness_sum > fairness;
  if (a.weight != weight) return a.weight > weight;
  return a.meetings >= meetings;
}

class OptimiserOnCommittedTest : public ::testing::TestWithParam<std::string> {};

// No time assertion: the budget only bounds the test's length.
TEST_P(OptimiserOnCommittedTest, FeasibleAtLeastTheGreedyAndWithinTheBounds) {
  const Instance instance = testing::LoadCommitted(GetParam());
  const Problem& p = instance.problem;
  OptimiserOptions options;
  options.time_limit_seconds = 0.5;
  options.seed = 3;
  Result<OptimiserResult> result = Optimise(p, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  const CheckReport r = CheckSchedule(p, ToScheduleFile(p, result->schedule), *instance.bounds);
  ASSERT_TRUE(r.feasible) << r.errors[0];
  const OptimiserStats& st = result->stats;
  EXPECT_TRUE(AtLeast(r, st.greedy_fairness, st.greedy_weight, st.greedy_meetings));
  EXPECT_EQ(r.weight, st.weight);
  EXPECT_EQ(r.supplier_breaks, st.breaks);
  EXPECT_LE(r.meetings, instance.bounds->ub_count);
  EXPECT_LE(r.weight, instance.bounds->ub_weight);
  EXPECT_LE(r.fairness_sum, instance.bounds->ub_fairness_sum);
  // Our own greedy against the same checker.
  ScheduleState greedy(p);
  RunGreedy(greedy, 3);
  EXPECT_TRUE(
      CheckSchedule(p, ToScheduleFile(p, {"g", greedy.Meetings()}), *instance.bounds).feasible);
}

INSTANTIATE_TEST_SUITE_P(CommittedInstances, OptimiserOnCommittedTest,
                         ::testing::Values("ips2024-seed1", "ips2024-seed4", "ips2024-tight-seed1"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) c = c == '-' ? '_' : c;
                           return name;
                         });

// Re-optimisation: pinned meetings of a previous run stay exactly where they were.
TEST(OptimiserTest, PinnedMeetingsStay) {
  const Instance instance = testing::LoadCommitted("ips2024-seed2");
  const Problem& p = instance.problem;
  ScheduleState first(p);
  RunGreedy(first, 5);
  OptimiserOptions options;
  options.time_limit_seconds = 0.3;
  options.initial = first.Meetings();
  options.pinned.assign(options.initial.size(), 0);
  for (std::size_t i = 0; i < options.pinned.size(); i += 3) options.pinned[i] = 1;
  Result<OptimiserResult> result = Optimise(p, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  const std::vector<Meeting>& out = result->schedule.meetings;
  for (std::size_t i = 0; i < options.initial.size(); i += 3) {
    EXPECT_NE(std::find(out.begin(), out.end(), options.initial[i]), out.end())
        << "pinned meeting " << i;
  }
  EXPECT_TRUE(CheckSchedule(p, ToScheduleFile(p, result->schedule), *instance.bounds).feasible);
  // An infeasible warm start is refused, not repaired silently.
  options.initial.push_back(options.initial.front());
  options.pinned.push_back(0);
  EXPECT_EQ(Optimise(p, options).status().code(), StatusCode::kInvalidArgument);
}

// Property test: random small instances (groups, delegates, pooled tables, windows, per-day
// caps on two days); every schedule passes the checker and never exceeds a bound.
TEST(OptimiserTest, RandomSmallInstancesStayFeasibleAndUnderTheBounds) {
  std::mt19937 rng(20241113);
  for (int round = 0; round < 40; ++round) {
    Problem p;
    p.instance_id = "random";
    p.pooled_tables = round % 2 == 1;
    p.fairness_k = 1 + static_cast<int>(rng() % 3);
    p.supplier_max_consecutive = 1 + static_cast<int>(rng() % 3);
    p.officer_max_consecutive = 1 + static_cast<int>(rng() % 4);
    const int slots = 6 + static_cast<int>(rng() % 6);
    for (int t = 0; t < slots; ++t) {
      p.slots.push_back({"s" + std::to_string(t), t < slots / 2 ? 1 : 2, t < slots / 2 ? "A" : "B",
                         "", "", 0, 0, 0});
    }
    const int officers = 3 + static_cast<int>(rng() % 5);
    const int tables = p.pooled_tables ? officers - 1 : officers;
    for (int i = 0; i < tables; ++i) p.tables.push_back("T" + std::to_string(i));
    auto availability = [&] {
      std::vector<int> out;
      for (int t = 0; t < slots; ++t) {
        if (rng() % 4 != 0) out.push_back(t);
      }
      return out;
    };
    // Half the people get a cap (0 = none that day) on each of the two days.
    auto day_caps = [&] {
      std::vector<int> caps;
      if (rng() % 2 == 0) caps = {static_cast<int>(rng() % 3), static_cast<int>(rng() % 3)};
      return caps;
    };
    for (int o = 0; o < officers; ++o) {
      p.officers.push_back(
          {"O" + std::to_string(o), o % 2 == 0 ? "A" : "B",
           p.pooled_tables ? std::nullopt : std::optional<std::string>("T" + std::to_string(o)),
           availability(), 2 + static_cast<int>(rng() % 6), day_caps()});
    }
    const int suppliers = 4 + static_cast<int>(rng() % 8);
    for (int s = 0; s < suppliers; ++s) {
      p.suppliers.push_back({"S" + std::to_string(s), "", 1 + static_cast<int>(rng() % 4 == 0),
                             availability(), 1 + static_cast<int>(rng() % 5), day_caps()});
    }
    p.groups.push_back({"G", {0, 1, 2}, 1});
    for (int s = 0; s < suppliers; ++s) {
      const int n = 1 + static_cast<int>(rng() % 4);
      for (int i = 0; i < n; ++i) {
        Request r;
        r.id = "R" + std::to_string(p.requests.size());
        r.supplier = s;
        r.targets_officer = rng() % 3 == 0;
        r.target_id =
            r.targets_officer ? "O" + std::to_string(rng() % officers) : (rng() % 2 ? "A" : "B");
        r.priority = 1 + static_cast<int>(rng() % 3);
        r.weight = 4 - r.priority;
        r.status = rng() % 5 == 0 ? "pending" : "accepted";
        p.requests.push_back(r);
      }
    }
    p.Finalize({"accepted"});
    OptimiserOptions options;
    options.time_limit_seconds = 0.05;
    options.seed = round;
    Result<OptimiserResult> result = Optimise(p, options);
    ASSERT_TRUE(result.ok());
    const Bounds& b = result->stats.bounds;
    const CheckReport r = CheckSchedule(p, ToScheduleFile(p, result->schedule), b);
    ASSERT_TRUE(r.feasible) << "round " << round << ": " << r.errors[0];
    EXPECT_LE(r.meetings, b.ub_count) << round;
    EXPECT_LE(r.weight, b.ub_weight) << round;
    EXPECT_LE(r.fairness_sum, b.ub_fairness_sum) << round;
    EXPECT_TRUE(AtLeast(r, result->stats.greedy_fairness, result->stats.greedy_weight,
                        result->stats.greedy_meetings))
        << round;
    // The caps are really applied: no person above its cap on any day.
    ScheduleState replay(p);
    for (const Meeting& m : result->schedule.meetings) replay.Add(m.schedulable, m.officer, m.slot);
    for (int d = 0; d < p.day_count(); ++d) {
      for (int o = 0; o < p.officer_count(); ++o) {
        if (p.OfficerDayCap(o, d) >= 0) {
          EXPECT_LE(replay.officer_day_count(o, d), p.OfficerDayCap(o, d));
        }
      }
      for (int s = 0; s < p.supplier_count(); ++s) {
        if (p.SupplierDayCap(s, d) >= 0) {
          EXPECT_LE(replay.supplier_day_count(s, d), p.SupplierDayCap(s, d));
        }
      }
    }
  }
}

}  // namespace
}  // namespace tb::scheduling
