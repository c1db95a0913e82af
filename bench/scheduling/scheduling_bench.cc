// scheduling_bench: one optimiser run on one instance with the figures scripts/bench-scheduling
// reports (bounds and their time, our greedy, the optimiser's result, wall time, peak RSS),
// printed as one JSON line. The tool's greedy is run by the script in the same run.
//   scheduling_bench INSTANCE --seconds S [--seed N] [--out SCHEDULE] [--bounds-repeat K]
//                    [--reoptimise N] [--move-penalty W] [--scratch-seconds S] [--exact S]
// With --exact S, exact mode (CBC, goal A-G6) then runs with S seconds, warm-started with the
// optimiser's schedule; its figures go under "exact".
// With --reoptimise N the optimiser's schedule is taken as published and N random single
// changes (seeded by --seed) are applied one at a time to it, each followed by Reoptimise
// (goal A-G8); the line then carries one record per change under "reoptimise".
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include "scheduling/checker.h"
#include "scheduling/exact.h"
#include "scheduling/json_io.h"
#include "scheduling/optimiser.h"
#include "scheduling/reoptimise.h"

namespace {

using namespace tb::scheduling;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// One random single change to `before` (A-G8's list): an accepted request that holds a
// meeting is declined or cancelled, a pending request is accepted, or an officer with
// meetings is away for 1-3 consecutive slots starting at one of them.
struct Change {
  std::string kind, id;
  Problem after;
  ReoptimiseOptions options;
};

Change RandomChange(const Problem& before, const ScheduleFile& published, std::mt19937_64& rng) {
  Change change{"", "", before, {}};
  Problem& after = change.after;
  const int kind = static_cast<int>(rng() % 4);
  const ScheduleEntry& meeting = published.meetings[rng() % published.meetings.size()];
  auto request_index = [&](const std::string& id) {
    for (std::size_t r = 0; r < after.requests.size(); ++r) {
      if (after.requests[r].id == id) return static_cast<int>(r);
    }
    return -1;
  };
  if (kind <= 1) {
    change.kind = kind == 0 ? "declined" : "cancelled";
    change.id = meeting.request;
    after.requests[request_index(meeting.request)].status = change.kind;
  } else if (kind == 2) {
    std::vector<int> pending;
    for (std::size_t r = 0; r < after.requests.size(); ++r) {
      if (after.requests[r].status == "pending") pending.push_back(static_cast<int>(r));
    }
    const int r = pending[rng() % pending.size()];
    change.kind = "accepted";
    change.id = after.requests[r].id;
    after.requests[r].status = "accepted";
    change.options.changed_requests = {change.id};
  } else {
    change.kind = "absent";
    change.id = meeting.officer;
    const int length = 1 + static_cast<int>(rng() % 3);
    for (Officer& o : after.officers) {
      if (o.id != meeting.officer) continue;
      std::erase_if(o.available_slots,
                    [&](int t) { return t >= meeting.slot && t < meeting.slot + length; });
    }
    change.id += " x" + std::to_string(length);
    change.options.changed_officers = {meeting.officer};
  }
  after.Finalize({"accepted"});
  return change;
}

// Published meetings not held at the same officer and slot by `now`.
long long Displaced(const ScheduleFile& published, const ScheduleFile& now) {
  std::set<std::tuple<std::string, std::string, std::int64_t>> kept;
  for (const ScheduleEntry& e : now.meetings) kept.insert({e.request, e.officer, e.slot});
  long long displaced = 0;
  for (const ScheduleEntry& e : published.meetings) {
    displaced += kept.contains({e.request, e.officer, e.slot}) ? 0 : 1;
  }
  return displaced;
}

// Each change is re-optimised, and, as the baseline, solved from scratch by Optimise with
// `scratch_seconds` (what a scheduler without re-optimisation would publish).
nlohmann::ordered_json RunChanges(const Problem& problem, const ScheduleFile& published, int count,
                                  std::uint64_t seed, double scratch_seconds, double move_penalty) {
  std::mt19937_64 rng(seed * 1000003 + 17);
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (int i = 0; i < count; ++i) {
    Change change = RandomChange(problem, published, rng);
    change.options.seed = seed + i;
    if (move_penalty >= 0) change.options.move_penalty = move_penalty;
    const auto start = Clock::now();
    tb::Result<OptimiserResult> result = Reoptimise(change.after, published, change.options);
    const double seconds = Since(start);
    if (!result.ok()) {
      out.push_back({{"kind", change.kind}, {"error", result.status().ToString()}});
      continue;
    }
    const OptimiserStats& st = result->stats;
    const ScheduleFile now = ToScheduleFile(change.after, result->schedule);
    const CheckReport report = CheckSchedule(change.after, now, st.bounds);
    OptimiserOptions scratch_options;
    scratch_options.time_limit_seconds = scratch_seconds;
    scratch_options.seed = seed + i;
    tb::Result<OptimiserResult> scratch = Optimise(change.after, scratch_options);
    nlohmann::ordered_json scratch_line = nullptr;
    if (scratch.ok()) {
      scratch_line = {
          {"weight", scratch->stats.weight},
          {"fairness", scratch->stats.fairness},
          {"moved",
           Displaced(published, ToScheduleFile(change.after, scratch->schedule)) - st.forced}};
    }
    out.push_back({{"kind", change.kind},
                   {"id", change.id},
                   {"feasible", report.feasible},
                   {"seconds", seconds},
                   {"moved", st.moved},
                   {"forced", st.forced},
                   {"ub_weight", st.bounds.ub_weight},
                   {"ub_fairness_sum", st.bounds.ub_fairness_sum},
                   {"kept_weight", st.greedy_weight},
                   {"kept_fairness", st.greedy_fairness},
                   {"weight", report.weight},
                   {"fairness", report.fairness_sum},
                   {"meetings", report.meetings},
                   {"recounted_moved", Displaced(published, now) - st.forced},
                   {"scratch", scratch_line}});
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: %s INSTANCE --seconds S [--seed N] [--out F] [--bounds-repeat K]\n",
                 argv[0]);
    return 2;
  }
  double seconds = 2;
  std::uint64_t seed = 1;
  int bounds_repeat = 3;
  int reoptimise = 0;
  double move_penalty = -1;  // -1: ReoptimiseOptions' default
  double scratch_seconds = 1.0;
  double exact_seconds = 0;
  std::string out;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--seconds") seconds = std::atof(argv[i + 1]);
    if (flag == "--seed") seed = std::strtoull(argv[i + 1], nullptr, 10);
    if (flag == "--out") out = argv[i + 1];
    if (flag == "--bounds-repeat") bounds_repeat = std::atoi(argv[i + 1]);
    if (flag == "--reoptimise") reoptimise = std::atoi(argv[i + 1]);
    if (flag == "--move-penalty") move_penalty = std::atof(argv[i + 1]);
    if (flag == "--scratch-seconds") scratch_seconds = std::atof(argv[i + 1]);
    if (flag == "--exact") exact_seconds = std::atof(argv[i + 1]);
  }
  const auto wall_start = Clock::now();
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  tb::Result<Instance> instance = ParseInstance(text.str());
  if (!instance.ok()) {
    std::fprintf(stderr, "%s\n", instance.status().ToString().c_str());
    return 2;
  }
  const double parse_seconds = Since(wall_start);
  const Problem& p = instance->problem;

  // Bounds on their own, best of K (goal A-G1's time), before the optimiser's run.
  double bounds_best = 1e9;
  Bounds bounds;
  for (int i = 0; i < std::max(1, bounds_repeat); ++i) {
    const auto start = Clock::now();
    bounds = ComputeBounds(p);
    bounds_best = std::min(bounds_best, Since(start));
  }

  OptimiserOptions options;
  options.time_limit_seconds = seconds;
  options.seed = seed;
  const auto run_start = Clock::now();
  tb::Result<OptimiserResult> result = Optimise(p, options);
  if (!result.ok()) {
    std::fprintf(stderr, "%s\n", result.status().ToString().c_str());
    return 1;
  }
  const ScheduleFile file = ToScheduleFile(p, result->schedule);
  const CheckReport report = CheckSchedule(p, file, bounds);
  // The optimiser's own wall time plus reading the instance and checking: what a user waits.
  const double run_seconds = Since(run_start) + parse_seconds;
  if (!out.empty()) std::ofstream(out) << WriteSchedule(file);

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const OptimiserStats& st = result->stats;
  nlohmann::ordered_json line = {
      {"instance", p.instance_id},
      {"fingerprint", p.fingerprint},
      {"seed", seed},
      {"time_limit", seconds},
      {"bounds",
       {{"ub_count", bounds.ub_count},
        {"ub_weight", bounds.ub_weight},
        {"ub_fairness_sum", bounds.ub_fairness_sum},
        {"ub_flow_plain", bounds.ub_flow_plain},
        {"ub_flow_supplier_time", bounds.ub_flow_supplier_time},
        {"ub_flow_officer_time", bounds.ub_flow_officer_time},
        {"ub_slot_room", bounds.ub_slot_room},
        {"ub_supplier_capacity", bounds.ub_supplier_capacity},
        {"ub_officer_capacity", bounds.ub_officer_capacity},
        {"schedulable_requests", bounds.schedulable_requests},
        {"schedulable_requests_with_common_slot", bounds.schedulable_requests_with_common_slot},
        {"fairness_target_sum", bounds.fairness_target_sum},
        {"suppliers_that_could_reach_k", bounds.suppliers_that_could_reach_k}}},
      {"bounds_seconds", bounds_best},
      {"parse_seconds", parse_seconds},
      {"greedy",
       {{"fairness", st.greedy_fairness},
        {"weight", st.greedy_weight},
        {"meetings", st.greedy_meetings},
        {"breaks", st.greedy_breaks},
        {"seconds", st.greedy_seconds}}},
      {"result",
       {{"feasible", report.feasible},
        {"fairness", report.fairness_sum},
        {"weight", report.weight},
        {"meetings", report.meetings},
        {"breaks", report.supplier_breaks},
        {"idle_slots", report.supplier_idle_slots}}},
      {"iterations", st.iterations},
      {"optimiser_seconds", st.total_seconds},
      {"wall_seconds", run_seconds},
      {"max_rss_mib", usage.ru_maxrss / 1024.0},
  };
  if (exact_seconds > 0) {
    ExactOptions exact_options;
    exact_options.time_limit_seconds = exact_seconds;
    exact_options.warm_start = result->schedule.meetings;
    const auto exact_start = Clock::now();
    tb::Result<ExactResult> exact = SolveExact(p, exact_options);
    const double exact_wall = Since(exact_start);
    if (!exact.ok()) {
      line["exact"] = {{"error", exact.status().ToString()}, {"wall_seconds", exact_wall}};
    } else {
      const CheckReport exact_report = CheckSchedule(p, ToScheduleFile(p, exact->schedule), bounds);
      rusage exact_usage{};
      getrusage(RUSAGE_SELF, &exact_usage);
      line["exact"] = {{"time_limit", exact_seconds},
                       {"feasible", exact_report.feasible},
                       {"proven_optimal", exact->proven_optimal},
                       {"objective", exact->objective},
                       {"best_bound", exact->best_bound},
                       {"gap", exact->gap},
                       {"fairness", exact_report.fairness_sum},
                       {"weight", exact_report.weight},
                       {"meetings", exact_report.meetings},
                       {"columns", exact->columns},
                       {"rows", exact->rows},
                       {"wall_seconds", exact_wall},
                       {"max_rss_mib", exact_usage.ru_maxrss / 1024.0}};
    }
  }
  if (reoptimise > 0)
    line["reoptimise"] = RunChanges(p, file, reoptimise, seed, scratch_seconds, move_penalty);
  std::printf("%s\n", line.dump().c_str());
  return report.feasible ? 0 : 1;
}
