// scheduling_bench: one optimiser run on one instance with the figures scripts/bench-scheduling
// reports (bounds and their time, our greedy, the optimiser's result, wall time, peak RSS),
// printed as one JSON line. The tool's greedy is run by the script in the same run.
//   scheduling_bench INSTANCE --seconds S [--seed N] [--out SCHEDULE] [--bounds-repeat K]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "scheduling/checker.h"
#include "scheduling/json_io.h"
#include "scheduling/optimiser.h"

namespace {

using namespace tb::scheduling;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
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
  std::string out;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--seconds") seconds = std::atof(argv[i + 1]);
    if (flag == "--seed") seed = std::strtoull(argv[i + 1], nullptr, 10);
    if (flag == "--out") out = argv[i + 1];
    if (flag == "--bounds-repeat") bounds_repeat = std::atoi(argv[i + 1]);
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
  std::printf("%s\n", line.dump().c_str());
  return report.feasible ? 0 : 1;
}
