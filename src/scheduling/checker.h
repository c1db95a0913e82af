#pragma once

#include <string>
#include <vector>

#include "scheduling/bounds.h"
#include "scheduling/problem.h"

namespace tb::scheduling {

// The check report of ../shared/ALGORITHMS.md A.8, field for field the tool's `check`, plus
// `supplier_breaks` (gaps inside a supplier's sessions, the A-G7 measure).
struct CheckReport {
  bool feasible = true;
  std::vector<std::string> errors;  // the first 20
  int error_count = 0;
  int meetings = 0;
  long long weight = 0;
  long long fairness_sum = 0;
  int suppliers_with_k = 0;
  int suppliers = 0;
  long long supplier_idle_slots = 0;
  long long supplier_breaks = 0;
  int priority1_fulfilled = 0;
  int priority1_requests = 0;
  double pct_of_ub_count = 0;
  double pct_of_ub_weight = 0;
  double pct_of_ub_fairness = 0;
};

// Verifies every hard rule meeting by meeting in file order, exactly as meetings_gen.py's
// `check`: a meeting that breaks a rule is reported and left out, the rest are counted.
// Independent of the optimiser's search code; only the rule table (ScheduleState) is shared.
CheckReport CheckSchedule(const Problem& problem, const ScheduleFile& schedule,
                          const Bounds& bounds);

std::string WriteCheckReport(const CheckReport& report);

}  // namespace tb::scheduling
