#include "scheduling/reoptimise.h"

#include <chrono>
#include <cmath>
#include <map>

#include "scheduling/internal/local_search.h"
#include "scheduling/schedule_state.h"

namespace tb::scheduling {
namespace {

using internal::Clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

Clock::time_point After(Clock::time_point start, double seconds) {
  return start + std::chrono::duration_cast<Clock::duration>(
                     std::chrono::duration<double>(std::max(0.0, seconds)));
}

}  // namespace

Result<OptimiserResult> Reoptimise(const Problem& problem, const ScheduleFile& published,
                                   const ReoptimiseOptions& options) {
  const auto start = Clock::now();
  if (!options.pinned.empty() && options.pinned.size() != published.meetings.size()) {
    return Status::InvalidArgument("pinned has " + std::to_string(options.pinned.size()) +
                                   " entries for " + std::to_string(published.meetings.size()) +
                                   " published meetings")
        .WithField("pinned");
  }
  if (!(options.move_penalty >= 0)) {
    return Status::InvalidArgument("must be zero or more").WithField("move_penalty");
  }
  if (!(options.excess_move_penalty >= 0) || options.move_budget < 0) {
    return Status::InvalidArgument("must be zero or more")
        .WithField(options.move_budget < 0 ? "move_budget" : "excess_move_penalty");
  }
  OptimiserResult result;
  OptimiserStats& stats = result.stats;
  stats.bounds = ComputeBounds(problem);
  stats.bounds_seconds = SecondsSince(start);

  std::map<std::string, int> request_index, officer_index;
  for (std::size_t r = 0; r < problem.requests.size(); ++r) {
    request_index[problem.requests[r].id] = static_cast<int>(r);
  }
  for (int o = 0; o < problem.officer_count(); ++o) officer_index[problem.officers[o].id] = o;

  const auto warm_start = Clock::now();
  ScheduleState state(problem);
  std::vector<char> pinned(problem.schedulable.size(), 0);
  std::vector<std::pair<int, int>> home(problem.schedulable.size(), {-1, -1});
  std::vector<char> touched_officer(problem.officer_count(), 0);
  std::vector<char> touched_supplier(problem.supplier_count(), 0);
  // Pinned meetings claim their places before the others.
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t i = 0; i < published.meetings.size(); ++i) {
      const bool is_pinned = !options.pinned.empty() && options.pinned[i] != 0;
      if (is_pinned != (pass == 0)) continue;
      const ScheduleEntry& entry = published.meetings[i];
      auto r = request_index.find(entry.request);
      auto o = officer_index.find(entry.officer);
      const int q = r == request_index.end() ? -1 : problem.schedulable_of_request[r->second];
      const bool fits = q >= 0 && o != officer_index.end() && entry.slot >= 0 &&
                        entry.slot < problem.slot_count() &&
                        state.Check(q, o->second, static_cast<int>(entry.slot)) == Violation::kNone;
      if (!fits) {
        ++stats.forced;
        continue;
      }
      state.Add(q, o->second, static_cast<int>(entry.slot));
      home[q] = {o->second, static_cast<int>(entry.slot)};
      pinned[q] = is_pinned ? 1 : 0;
    }
  }
  // The people of forced drops are touched.
  for (std::size_t i = 0; i < published.meetings.size(); ++i) {
    const ScheduleEntry& entry = published.meetings[i];
    auto r = request_index.find(entry.request);
    auto o = officer_index.find(entry.officer);
    const int q = r == request_index.end() ? -1 : problem.schedulable_of_request[r->second];
    const bool kept = q >= 0 && o != officer_index.end() && state.scheduled(q) &&
                      state.officer_of(q) == o->second && state.slot_of(q) == entry.slot;
    if (kept) continue;
    if (r != request_index.end()) touched_supplier[problem.requests[r->second].supplier] = 1;
    if (o != officer_index.end()) touched_officer[o->second] = 1;
  }
  for (const std::string& id : options.changed_requests) {
    auto r = request_index.find(id);
    if (r == request_index.end()) continue;
    touched_supplier[problem.requests[r->second].supplier] = 1;
    if (const int q = problem.schedulable_of_request[r->second]; q >= 0) {
      for (int o : problem.schedulable[q].eligible) touched_officer[o] = 1;
    }
  }
  for (const std::string& id : options.changed_officers) {
    if (auto o = officer_index.find(id); o != officer_index.end()) touched_officer[o->second] = 1;
  }
  stats.greedy_seconds = SecondsSince(warm_start);
  stats.greedy_fairness = state.fairness_sum();
  stats.greedy_weight = state.weight();
  stats.greedy_meetings = state.meeting_count();
  stats.greedy_breaks = state.breaks();

  internal::LocalSearch search(state, options.seed, pinned);
  search.SetHomes(home, {std::llround(options.move_penalty * 10), options.move_budget,
                         std::llround(options.excess_move_penalty * 10)});
  const internal::Score bound{stats.bounds.ub_fairness_sum, stats.bounds.ub_weight,
                              stats.bounds.ub_count, 0};
  const double left = std::max(0.0, options.time_limit_seconds - SecondsSince(start));
  const auto now = Clock::now();
  search.ImproveNeighbourhood(After(now, left * options.touched_share), After(now, left), bound,
                              touched_officer, touched_supplier);

  result.schedule.solver =
      "tenderbridge scheduling (re-optimisation, seed " + std::to_string(options.seed) + ")";
  result.schedule.meetings = state.Meetings();
  stats.fairness = state.fairness_sum();
  stats.weight = state.weight();
  stats.meetings = state.meeting_count();
  stats.breaks = state.breaks();
  stats.iterations = search.iterations();
  stats.moved = search.moved();
  stats.total_seconds = SecondsSince(start);
  return result;
}

}  // namespace tb::scheduling
