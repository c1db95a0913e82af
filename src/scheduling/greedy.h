#pragma once

#include <cstdint>

#include "scheduling/problem.h"
#include "scheduling/schedule_state.h"

namespace tb::scheduling {

// The fairness-aware greedy of ../shared/ALGORITHMS.md A.6(b) step 2, as meetings_gen.py's
// `greedy`: rounds over the suppliers with the fewest meetings first (ties in a seeded random
// order); each places its heaviest remaining request with the least-loaded eligible officer at
// the earliest feasible slot; a request that fails is dropped. Adds to `state` (which may
// already hold pinned meetings). Its random stream is not Python's, so ties break differently
// from the tool's run with the same seed.
void RunGreedy(ScheduleState& state, std::uint64_t seed);

}  // namespace tb::scheduling
