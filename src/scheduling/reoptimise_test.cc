#include "scheduling/reoptimise.h"

#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "scheduling/checker.h"
#include "scheduling/json_io.h"
#include "scheduling/testing/instances.h"

namespace tb::scheduling {
namespace {

using Key = std::tuple<std::string, std::string, std::int64_t>;

Key KeyOf(const ScheduleEntry& e) { return {e.request, e.officer, e.slot}; }

// Published meetings (minus the forced ones) that the new schedule does not hold at the same
// officer and slot: the definition of `moved`, counted from the two files only.
long long RecountMoved(const ScheduleFile& published, const ScheduleFile& now,
                       const std::set<std::string>& forced_requests) {
  std::set<Key> kept;
  for (const ScheduleEntry& e : now.meetings) kept.insert(KeyOf(e));
  long long moved = 0;
  for (const ScheduleEntry& e : published.meetings) {
    if (!forced_requests.contains(e.request) && !kept.contains(KeyOf(e))) ++moved;
  }
  return moved;
}

class ReoptimiseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    instance_ = testing::LoadCommitted("ips2024-seed1");
    OptimiserOptions options;
    options.time_limit_seconds = 0.5;
    Result<OptimiserResult> first = Optimise(instance_.problem, options);
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    published_ = ToScheduleFile(instance_.problem, first->schedule);
    ASSERT_GT(published_.meetings.size(), 1000u);
    // Every seventh meeting is pinned by staff.
    pinned_.assign(published_.meetings.size(), 0);
    for (std::size_t i = 0; i < pinned_.size(); i += 7) pinned_[i] = 1;
  }

  // Runs the re-optimisation on `after` and checks what holds for every change: the checker
  // accepts the result, pinned meetings that the change left feasible stay, the bounds hold,
  // and `moved` and `forced` equal a recount from the files.
  OptimiserResult ReoptimiseAndCheck(const Problem& after,
                                     const std::set<std::string>& forced_requests,
                                     ReoptimiseOptions options = {}) {
    options.time_limit_seconds = 0.3;
    options.pinned = pinned_;
    Result<OptimiserResult> result = Reoptimise(after, published_, options);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    if (!result.ok()) return {};
    const ScheduleFile now = ToScheduleFile(after, result->schedule);
    const CheckReport report = CheckSchedule(after, now, ComputeBounds(after));
    EXPECT_TRUE(report.feasible) << report.errors[0];
    EXPECT_EQ(report.weight, result->stats.weight);
    EXPECT_LE(report.weight, result->stats.bounds.ub_weight);
    EXPECT_LE(report.fairness_sum, result->stats.bounds.ub_fairness_sum);
    std::set<Key> kept;
    for (const ScheduleEntry& e : now.meetings) kept.insert(KeyOf(e));
    for (std::size_t i = 0; i < published_.meetings.size(); ++i) {
      const ScheduleEntry& e = published_.meetings[i];
      if (pinned_[i] && !forced_requests.contains(e.request)) {
        EXPECT_TRUE(kept.contains(KeyOf(e))) << "pinned meeting " << i << " (" << e.request << ")";
      }
    }
    EXPECT_EQ(result->stats.forced, static_cast<long long>(forced_requests.size()));
    EXPECT_EQ(result->stats.moved, RecountMoved(published_, now, forced_requests));
    // Never worse than keeping what was still feasible (the warm start).
    EXPECT_GE(result->stats.fairness, result->stats.greedy_fairness);
    if (result->stats.fairness == result->stats.greedy_fairness) {
      EXPECT_GE(result->stats.weight, result->stats.greedy_weight);
    }
    return *std::move(result);
  }

  Instance instance_;
  ScheduleFile published_;
  std::vector<char> pinned_;
};

int RequestIndex(const Problem& p, const std::string& id) {
  for (std::size_t r = 0; r < p.requests.size(); ++r) {
    if (p.requests[r].id == id) return static_cast<int>(r);
  }
  return -1;
}

TEST_F(ReoptimiseTest, AnOfficerDeclinesAnAcceptedRequest) {
  const ScheduleEntry declined = published_.meetings[3];  // not pinned
  Problem after = instance_.problem;
  after.requests[RequestIndex(after, declined.request)].status = "declined";
  after.Finalize({"accepted"});
  const OptimiserResult result = ReoptimiseAndCheck(after, {declined.request});
  for (const Meeting& m : result.schedule.meetings) {
    EXPECT_NE(after.requests[after.schedulable[m.schedulable].request].id, declined.request);
  }
  EXPECT_GE(result.stats.meetings, static_cast<long long>(published_.meetings.size()) - 1);
}

TEST_F(ReoptimiseTest, AnOfficerIsAbsentForTwoSlots) {
  // The officer of a published meeting leaves for that slot and the next one.
  const ScheduleEntry first = published_.meetings[10];
  Problem after = instance_.problem;
  int officer = -1;
  for (int o = 0; o < after.officer_count(); ++o) {
    if (after.officers[o].id == first.officer) officer = o;
  }
  ASSERT_GE(officer, 0);
  std::vector<int>& available = after.officers[officer].available_slots;
  std::erase_if(available, [&](int t) { return t == first.slot || t == first.slot + 1; });
  after.Finalize({"accepted"});
  std::set<std::string> forced;
  for (const ScheduleEntry& e : published_.meetings) {
    if (e.officer == first.officer && (e.slot == first.slot || e.slot == first.slot + 1)) {
      forced.insert(e.request);
    }
  }
  ASSERT_FALSE(forced.empty());
  ReoptimiseOptions options;
  options.changed_officers = {first.officer};
  const OptimiserResult result = ReoptimiseAndCheck(after, forced, options);
  for (const Meeting& m : result.schedule.meetings) {
    if (m.officer == officer) {
      EXPECT_TRUE(after.officer_available[officer][m.slot]);
    }
  }
}

TEST_F(ReoptimiseTest, APendingRequestIsAccepted) {
  const Problem& before = instance_.problem;
  int pending = -1;
  for (std::size_t r = 0; r < before.requests.size() && pending < 0; ++r) {
    if (before.requests[r].status == "pending" && before.requests[r].weight == 3) {
      pending = static_cast<int>(r);
    }
  }
  ASSERT_GE(pending, 0);
  Problem after = before;
  after.requests[pending].status = "accepted";
  after.Finalize({"accepted"});
  ReoptimiseOptions options;
  options.changed_requests = {after.requests[pending].id};
  ReoptimiseAndCheck(after, {}, options);
}

TEST_F(ReoptimiseTest, RefusesAPinnedListOfTheWrongLength) {
  ReoptimiseOptions options;
  options.pinned = {1, 0};
  EXPECT_EQ(Reoptimise(instance_.problem, published_, options).status().code(),
            StatusCode::kInvalidArgument);
}

// Unknown ids in the published schedule (a request or officer since removed) are forced drops,
// not errors: the people who held them are told either way.
TEST_F(ReoptimiseTest, UnknownIdsAreForcedDrops) {
  ScheduleFile published = published_;
  published.meetings[0].officer = "no-such-officer";
  published.meetings[1].request = "no-such-request";
  ReoptimiseOptions options;
  options.time_limit_seconds = 0.2;
  Result<OptimiserResult> result = Reoptimise(instance_.problem, published, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->stats.forced, 2);
  const ScheduleFile now = ToScheduleFile(instance_.problem, result->schedule);
  EXPECT_TRUE(CheckSchedule(instance_.problem, now, *instance_.bounds).feasible);
  EXPECT_EQ(result->stats.moved,
            RecountMoved(published, now, {published.meetings[0].request, "no-such-request"}));
}

// One officer, two slots. R1 (S1, weight 1, free at both slots) is published at slot 0; R2
// (S2, weight 3, free at slot 0 only) has just been accepted. Placing R2 means moving R1 to
// slot 1: one move for 3 weight units.
Problem TwoSlotProblem(int fairness_k) {
  const std::string json = R"({
 "schema": "tenderbridge.meetings.instance/1", "instance_id": "two-slots", "fingerprint": "x",
 "event": {"table_mode": "dedicated"},
 "rules": {"fairness_k": )" +
                           std::to_string(fairness_k) +
                           R"(, "supplier_max_consecutive": 2, "officer_max_consecutive": 2},
 "slots": [{"index": 0, "id": "a", "day": 1, "session": "S", "start": "", "end": ""},
           {"index": 1, "id": "b", "day": 1, "session": "S", "start": "", "end": ""}],
 "tables": [{"id": "T1"}],
 "agencies": [{"id": "A"}],
 "officers": [{"id": "O1", "agency": "A", "table": "T1", "available_slots": [0, 1], "max_meetings": 5}],
 "suppliers": [{"id": "S1", "available_slots": [0, 1], "max_meetings": 5},
               {"id": "S2", "available_slots": [0], "max_meetings": 5}],
 "requests": [
  {"id": "R1", "supplier": "S1", "target": {"type": "officer", "id": "O1"}, "priority": 3, "weight": 1, "status": "accepted"},
  {"id": "R2", "supplier": "S2", "target": {"type": "officer", "id": "O1"}, "priority": 1, "weight": 3, "status": "accepted"}]
})";
  Result<Instance> instance = ParseInstance(json);
  EXPECT_TRUE(instance.ok()) << instance.status().ToString();
  return std::move(instance).value().problem;
}

TEST(ReoptimisePenaltyTest, AMoveIsMadeOnlyWhenItPaysOrRestoresFairness) {
  ScheduleFile published;
  published.meetings = {{"R1", "O1", 0, "T1"}};
  struct Case {
    int fairness_k;
    double move_penalty;
    bool r2_placed;
  };
  // Weight 3 pays for one move at 0.5, not at 5; with k = 1, S2's first meeting (fairness)
  // is worth any penalty.
  for (const Case& c : {Case{0, 0.5, true}, Case{0, 5, false}, Case{1, 5, true}}) {
    SCOPED_TRACE("k " + std::to_string(c.fairness_k) + ", penalty " +
                 std::to_string(c.move_penalty));
    const Problem p = TwoSlotProblem(c.fairness_k);
    ReoptimiseOptions options;
    options.time_limit_seconds = 0.05;
    options.move_penalty = c.move_penalty;
    options.move_budget = 3;
    options.excess_move_penalty = c.move_penalty;
    Result<OptimiserResult> result = Reoptimise(p, published, options);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    const ScheduleFile now = ToScheduleFile(p, result->schedule);
    EXPECT_TRUE(CheckSchedule(p, now, result->stats.bounds).feasible);
    EXPECT_EQ(result->stats.forced, 0);
    EXPECT_EQ(result->stats.moved, c.r2_placed ? 1 : 0);
    EXPECT_EQ(result->stats.moved, RecountMoved(published, now, {}));
    EXPECT_EQ(result->stats.weight, c.r2_placed ? 4 : 1);
  }
}

}  // namespace
}  // namespace tb::scheduling
