// tenderbridge schedule: the meeting optimiser on a meetings_gen.py instance file.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "app/commands.h"
#include "scheduling/checker.h"
#include "scheduling/exact.h"
#include "scheduling/json_io.h"
#include "scheduling/optimiser.h"

namespace tb::app {
namespace {

struct ScheduleArgs {
  std::string instance;
  std::string mode = "heuristic";
  double time_limit = 0;  // 0: the mode's default
  std::uint64_t seed = 1;
  std::string out;
  std::string warm_start;
};

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) FailCommand(Status::InvalidArgument("cannot read " + path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void WriteWholeFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) FailCommand(Status::Unavailable("cannot write " + path));
}

void RunSchedule(const ScheduleArgs& args) {
  Result<scheduling::Instance> instance = scheduling::ParseInstance(ReadWholeFile(args.instance));
  if (!instance.ok()) FailCommand(instance.status().WithContext(args.instance));
  const scheduling::Problem& problem = instance->problem;

  std::vector<scheduling::Meeting> warm_start;
  if (!args.warm_start.empty()) {
    Result<scheduling::ScheduleFile> file =
        scheduling::ParseSchedule(ReadWholeFile(args.warm_start));
    if (!file.ok()) FailCommand(file.status().WithContext(args.warm_start));
    Result<scheduling::Schedule> resolved = scheduling::ResolveSchedule(problem, *file);
    if (!resolved.ok()) FailCommand(resolved.status().WithContext(args.warm_start));
    warm_start = resolved->meetings;
  }

  scheduling::Schedule schedule;
  scheduling::Bounds bounds;
  std::string summary;
  char line[512];
  if (args.mode == "exact") {
    scheduling::ExactOptions options;
    if (args.time_limit > 0) options.time_limit_seconds = args.time_limit;
    options.warm_start = warm_start;
    if (warm_start.empty()) {
      // CBC starts from the heuristic's schedule: a good incumbent prunes from the first node.
      scheduling::OptimiserOptions heuristic;
      heuristic.time_limit_seconds = 2;
      heuristic.seed = args.seed;
      Result<scheduling::OptimiserResult> first = scheduling::Optimise(problem, heuristic);
      if (!first.ok()) FailCommand(first.status());
      options.warm_start = first->schedule.meetings;
    }
    Result<scheduling::ExactResult> exact = scheduling::SolveExact(problem, options);
    if (!exact.ok()) FailCommand(exact.status());
    schedule = exact->schedule;
    bounds = scheduling::ComputeBounds(problem);
    std::snprintf(
        line, sizeof line,
        "exact: %lld columns, %lld rows; objective %.0f, best bound %.1f, gap %.4f%%, %s, %.1f s\n",
        exact->columns, exact->rows, exact->objective, exact->best_bound, 100.0 * exact->gap,
        exact->proven_optimal ? "proven optimal" : "stopped at the time limit", exact->seconds);
    summary = line;
  } else if (args.mode == "heuristic") {
    scheduling::OptimiserOptions options;
    options.time_limit_seconds = args.time_limit > 0 ? args.time_limit : 2.0;
    options.seed = args.seed;
    options.initial = warm_start;
    Result<scheduling::OptimiserResult> result = scheduling::Optimise(problem, options);
    if (!result.ok()) FailCommand(result.status());
    schedule = result->schedule;
    bounds = result->stats.bounds;
    const scheduling::OptimiserStats& st = result->stats;
    std::snprintf(line, sizeof line,
                  "heuristic: bounds %.3f s, greedy %.3f s (fairness %lld, weight %lld, meetings "
                  "%lld, breaks %lld), "
                  "%lld search iterations, %.2f s in total\n",
                  st.bounds_seconds, st.greedy_seconds, st.greedy_fairness, st.greedy_weight,
                  st.greedy_meetings, st.greedy_breaks, st.iterations, st.total_seconds);
    summary = line;
  } else {
    FailCommand(Status::InvalidArgument("--mode must be heuristic or exact"));
  }

  // Nothing is written unless the independent checker accepts it.
  const scheduling::ScheduleFile file = scheduling::ToScheduleFile(problem, schedule);
  const scheduling::CheckReport report = scheduling::CheckSchedule(problem, file, bounds);
  std::fputs(summary.c_str(), stderr);
  std::printf("%s", scheduling::WriteCheckReport(report).c_str());
  if (!report.feasible)
    FailCommand(Status::Internal("the checker rejected the schedule; nothing written"));
  if (!args.out.empty()) WriteWholeFile(args.out, scheduling::WriteSchedule(file));
}

}  // namespace

void AddScheduleCommand(CLI::App& cli) {
  auto args = std::make_shared<ScheduleArgs>();
  CLI::App* cmd = cli.add_subcommand(
      "schedule",
      "Schedule one-on-one meetings for a meetings_gen.py instance and print the check report");
  cmd->add_option("instance", args->instance, "Instance JSON (tenderbridge.meetings.instance/1)")
      ->required();
  cmd->add_option("--mode", args->mode, "heuristic (default) or exact (CBC ILP)")
      ->check(CLI::IsMember({"heuristic", "exact"}));
  cmd->add_option("--time-limit", args->time_limit, "Seconds (default 2 heuristic, 90 exact)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--seed", args->seed, "Random seed of the heuristic");
  cmd->add_option("--out", args->out, "Write the schedule JSON here (the tool's `check` reads it)");
  cmd->add_option("--warm-start", args->warm_start, "A schedule to start from (re-optimisation)");
  cmd->callback([args] { RunSchedule(*args); });
}

}  // namespace tb::app
