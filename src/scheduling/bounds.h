#pragma once

#include <cstdint>

#include "scheduling/problem.h"

namespace tb::scheduling {

// The upper bounds of ../shared/ALGORITHMS.md A.5 under the tool's JSON keys. Each is the
// optimum of a relaxation, so no feasible schedule exceeds it.
struct Bounds {
  std::int64_t schedulable_requests = 0;
  std::int64_t schedulable_requests_with_common_slot = 0;
  std::int64_t ub_supplier_capacity = 0;
  std::int64_t ub_officer_capacity = 0;
  std::int64_t ub_slot_room = 0;
  std::int64_t ub_flow_plain = 0;
  std::int64_t ub_flow_supplier_time = 0;
  std::int64_t ub_flow_officer_time = 0;
  std::int64_t ub_count = 0;
  std::int64_t ub_weight = 0;
  std::int64_t ub_fairness_sum = 0;
  std::int64_t fairness_target_sum = 0;
  std::int64_t suppliers_that_could_reach_k = 0;
  bool operator==(const Bounds&) const = default;
};

// Meetings possible at each slot: officers available, supplier delegates available (an
// interpreter group counted at most max_parallel) and, in pooled mode, tables.
std::vector<int> SlotRoom(const Problem& problem);

// Per-day caps (Officer/Supplier::max_meetings_per_day) enter only through c_s and c_o, which
// Problem::Finalize tightens with them; the time networks do not model a day's cap otherwise.
// Every feasible schedule still maps to a feasible flow, so the bounds stay valid upper bounds,
// only looser when day caps bind. Without caps the figures are the tool's.
// Computes every bound with LEMON max flows (Preflow) and max-weight flows (NetworkSimplex)
// on the networks of meetings_gen.py, so the figures equal the tool's exactly.
Bounds ComputeBounds(const Problem& problem);

}  // namespace tb::scheduling
