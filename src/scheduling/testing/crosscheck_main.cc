// scheduling_crosscheck: the engine's checker, bounds and optimiser on files, for the
// agreement test against meetings_gen.py (tools/crosscheck_scheduling.py) and the benchmark.
//   scheduling_crosscheck check INSTANCE SCHEDULE      C++ check report; exit 1 if infeasible
//   scheduling_crosscheck bounds INSTANCE              the A.5 bounds as JSON
//   scheduling_crosscheck solve INSTANCE OUT [SECONDS] [SEED]
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "scheduling/checker.h"
#include "scheduling/json_io.h"
#include "scheduling/optimiser.h"
#include "scheduling/testing/instances.h"

namespace {

using namespace tb::scheduling;

Instance Load(const std::string& path) {
  tb::Result<Instance> instance = ParseInstance(testing::ReadFile(path));
  if (!instance.ok()) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), instance.status().ToString().c_str());
    std::exit(2);
  }
  return std::move(instance).value();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s check|bounds|solve INSTANCE [...]\n", argv[0]);
    return 2;
  }
  const std::string command = argv[1];
  const Instance instance = Load(argv[2]);
  const Problem& p = instance.problem;
  if (command == "bounds") {
    std::printf("%s", WriteBounds(ComputeBounds(p)).c_str());
    return 0;
  }
  if (command == "check" && argc == 4) {
    tb::Result<ScheduleFile> schedule = ParseSchedule(testing::ReadFile(argv[3]));
    if (!schedule.ok()) {
      std::fprintf(stderr, "%s\n", schedule.status().ToString().c_str());
      return 2;
    }
    const Bounds bounds = instance.bounds ? *instance.bounds : ComputeBounds(p);
    const CheckReport report = CheckSchedule(p, *schedule, bounds);
    std::printf("%s", WriteCheckReport(report).c_str());
    return report.feasible ? 0 : 1;
  }
  if (command == "solve" && argc >= 4) {
    OptimiserOptions options;
    options.time_limit_seconds = argc > 4 ? std::atof(argv[4]) : 0.5;
    options.seed = argc > 5 ? std::strtoull(argv[5], nullptr, 10) : 1;
    tb::Result<OptimiserResult> result = Optimise(p, options);
    if (!result.ok()) return 2;
    std::ofstream(argv[3]) << WriteSchedule(ToScheduleFile(p, result->schedule));
    return 0;
  }
  std::fprintf(stderr, "unknown command or arguments\n");
  return 2;
}
