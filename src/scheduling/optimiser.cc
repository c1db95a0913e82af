#include "scheduling/optimiser.h"

#include <chrono>

#include "scheduling/greedy.h"
#include "scheduling/internal/local_search.h"
#include "scheduling/schedule_state.h"

namespace tb::scheduling {
namespace {

using internal::Clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

Result<OptimiserResult> Optimise(const Problem& problem, const OptimiserOptions& options) {
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(options.time_limit_seconds));
  OptimiserResult result;
  OptimiserStats& stats = result.stats;
  stats.bounds = ComputeBounds(problem);
  stats.bounds_seconds = SecondsSince(start);

  ScheduleState state(problem);
  std::vector<char> pinned(problem.schedulable.size(), 0);
  for (std::size_t i = 0; i < options.initial.size(); ++i) {
    const Meeting& m = options.initial[i];
    if (m.schedulable < 0 || m.schedulable >= static_cast<int>(problem.schedulable.size()) ||
        m.officer < 0 || m.officer >= problem.officer_count() || m.slot < 0 ||
        m.slot >= problem.slot_count()) {
      return Status::InvalidArgument("initial meeting " + std::to_string(i) + " is out of range");
    }
    const Violation v = state.Check(m.schedulable, m.officer, m.slot);
    if (v != Violation::kNone) {
      return Status::InvalidArgument("initial meeting " + std::to_string(i) + ": " +
                                     std::string(ViolationText(v)));
    }
    state.Add(m.schedulable, m.officer, m.slot);
    if (i < options.pinned.size() && options.pinned[i]) pinned[m.schedulable] = 1;
  }

  const auto greedy_start = Clock::now();
  RunGreedy(state, options.seed);
  stats.greedy_seconds = SecondsSince(greedy_start);
  stats.greedy_fairness = state.fairness_sum();
  stats.greedy_weight = state.weight();
  stats.greedy_meetings = state.meeting_count();
  stats.greedy_breaks = state.breaks();

  internal::LocalSearch search(state, options.seed, pinned);
  const internal::Score bound{stats.bounds.ub_fairness_sum, stats.bounds.ub_weight,
                              stats.bounds.ub_count, 0};
  const double left = std::max(0.0, options.time_limit_seconds - SecondsSince(start));
  const auto primary_deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(
                         std::chrono::duration<double>(left * options.primary_share));
  search.ImprovePrimary(primary_deadline, bound);
  search.ImproveBreaks(deadline, bound);

  result.schedule.solver =
      "tenderbridge scheduling (greedy + LNS, seed " + std::to_string(options.seed) + ")";
  result.schedule.meetings = state.Meetings();
  stats.fairness = state.fairness_sum();
  stats.weight = state.weight();
  stats.meetings = state.meeting_count();
  stats.breaks = state.breaks();
  stats.iterations = search.iterations();
  stats.total_seconds = SecondsSince(start);
  return result;
}

}  // namespace tb::scheduling
