#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "scheduling/optimiser.h"
#include "scheduling/problem.h"

namespace tb::scheduling {

struct ReoptimiseOptions {
  // Wall time for the whole call, bounds included (goal A-G8: <= 1 s).
  double time_limit_seconds = 0.5;
  std::uint64_t seed = 1;
  // Weight given up per moved meeting, convex in the number of moves: each of the first
  // `move_budget` moves costs `move_penalty` (0.5: two moves to gain one weight unit), each
  // further one `excess_move_penalty` (3.5: more than the heaviest request, so beyond the
  // budget a move pays only when it brings in several requests). Fairness is compared before
  // weight, so no penalty ever costs fairness. Goal A-G8 allows 3 moves.
  double move_penalty = 0.5;
  long long move_budget = 3;
  double excess_move_penalty = 3.5;
  // Parallel to the published meetings (empty = none pinned). A pinned meeting stays where
  // it is unless the change itself makes it infeasible (then it is a forced drop).
  std::vector<char> pinned;
  // Optional hints that widen the touched neighbourhood: the ids of the requests whose
  // status changed (e.g. a newly accepted one) and of the officers whose availability
  // changed. Forced drops are always touched.
  std::vector<std::string> changed_requests;
  std::vector<std::string> changed_officers;
  // Share of the time spent destroying only the touched neighbourhood before the search
  // may move meetings anywhere.
  double touched_share = 0.6;
};

// Re-optimisation after a change (../shared/ALGORITHMS.md A.6(b) step 4, goal A-G8).
// `problem` is the problem after the change (request statuses, availability); `published`
// is the schedule people already hold, by id (the interchange form: schedulable indices
// differ between the problems before and after a status change). Every published meeting
// that is still feasible is kept as the warm start (pinned ones first); one that the change
// made infeasible (request no longer schedulable, officer or supplier no longer available,
// unknown id) is dropped and counted in stats.forced. The search then fills the freed room
// without moving anything, then tries ejection chains and destroy-and-repair in the touched
// neighbourhood (officers and suppliers of forced drops and hints), then anywhere.
// Objective: fairness, then weight - penalty(moved), then meetings, then fewer moves, then
// breaks. stats.moved = published meetings (forced drops excluded) that now have another
// officer or slot or were removed; stats.greedy_* hold the warm start's figures.
// A malformed `pinned` (wrong length) is an InvalidArgument.
Result<OptimiserResult> Reoptimise(const Problem& problem, const ScheduleFile& published,
                                   const ReoptimiseOptions& options);

}  // namespace tb::scheduling
