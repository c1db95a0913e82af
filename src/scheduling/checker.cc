#include "scheduling/checker.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "scheduling/schedule_state.h"

namespace tb::scheduling {
namespace {

double Percent(long long value, long long bound) {
  const double pct = 100.0 * static_cast<double>(value) / static_cast<double>(std::max(1LL, bound));
  // Python's round(x, 2) rounds the exact binary value, as printf does; x * 100 then
  // std::round would differ from the tool at ties such as 99.875.
  char text[64];
  std::snprintf(text, sizeof text, "%.2f", pct);
  return std::strtod(text, nullptr);
}

}  // namespace

CheckReport CheckSchedule(const Problem& p, const ScheduleFile& schedule, const Bounds& bounds) {
  std::map<std::string, int> request_index, officer_index;
  for (std::size_t q = 0; q < p.schedulable.size(); ++q) {
    request_index[p.requests[p.schedulable[q].request].id] = static_cast<int>(q);
  }
  for (int o = 0; o < p.officer_count(); ++o) officer_index[p.officers[o].id] = o;
  const std::set<std::string> table_ids(p.tables.begin(), p.tables.end());

  CheckReport report;
  ScheduleState state(p);
  std::set<std::pair<std::string, int>> table_at;
  auto fail = [&](std::string message) {
    ++report.error_count;
    if (report.errors.size() < 20) report.errors.push_back(std::move(message));
  };
  for (std::size_t n = 0; n < schedule.meetings.size(); ++n) {
    const ScheduleEntry& entry = schedule.meetings[n];
    auto q = request_index.find(entry.request);
    auto o = officer_index.find(entry.officer);
    if (q == request_index.end() || o == officer_index.end() || entry.slot < 0 ||
        entry.slot >= p.slot_count()) {
      fail("meeting " + std::to_string(n) + ": unknown or unschedulable request, officer or slot");
      continue;
    }
    const int t = static_cast<int>(entry.slot);
    std::string reason(ViolationText(state.Check(q->second, o->second, t)));
    if (reason.empty()) {
      if (!p.pooled_tables && entry.table != p.officers[o->second].table) {
        reason = "meeting not at the officer's table";
      } else if (p.pooled_tables && (!entry.table || table_at.contains({*entry.table, t}) ||
                                     !table_ids.contains(*entry.table))) {
        reason = "table unknown or double-booked";
      }
    }
    if (!reason.empty()) {
      fail("meeting " + std::to_string(n) + " (" + entry.request + "): " + reason);
      continue;
    }
    if (entry.table) table_at.insert({*entry.table, t});
    state.Add(q->second, o->second, t);
  }

  report.feasible = report.error_count == 0;
  report.meetings = state.meeting_count();
  report.weight = state.weight();
  report.fairness_sum = state.fairness_sum();
  report.suppliers = p.supplier_count();
  for (int s = 0; s < p.supplier_count(); ++s) {
    report.suppliers_with_k += state.supplier_count(s) >= p.fairness_k ? 1 : 0;
    for (const std::vector<int>& session : p.sessions) {
      int first = -1, last = -1, used = 0;
      for (std::size_t i = 0; i < session.size(); ++i) {
        if (state.supplier_load(s, session[i]) > 0) {
          if (first < 0) first = static_cast<int>(i);
          last = static_cast<int>(i);
          ++used;
        }
      }
      if (used > 0) report.supplier_idle_slots += (last - first + 1) - used;
    }
  }
  report.supplier_breaks = state.TotalBreaks();
  for (std::size_t q = 0; q < p.schedulable.size(); ++q) {
    if (p.schedulable[q].priority != 1 || p.schedulable[q].eligible.empty()) continue;
    ++report.priority1_requests;
    report.priority1_fulfilled += state.scheduled(static_cast<int>(q)) ? 1 : 0;
  }
  report.pct_of_ub_count = Percent(report.meetings, bounds.ub_count);
  report.pct_of_ub_weight = Percent(report.weight, bounds.ub_weight);
  report.pct_of_ub_fairness = Percent(report.fairness_sum, bounds.ub_fairness_sum);
  return report;
}

std::string WriteCheckReport(const CheckReport& r) {
  nlohmann::ordered_json doc = {{"feasible", r.feasible},
                                {"errors", r.errors},
                                {"error_count", r.error_count},
                                {"meetings", r.meetings},
                                {"weight", r.weight},
                                {"fairness_sum", r.fairness_sum},
                                {"suppliers_with_k", r.suppliers_with_k},
                                {"suppliers", r.suppliers},
                                {"supplier_idle_slots", r.supplier_idle_slots},
                                {"supplier_breaks", r.supplier_breaks},
                                {"priority1_fulfilled", r.priority1_fulfilled},
                                {"priority1_requests", r.priority1_requests},
                                {"pct_of_ub_count", r.pct_of_ub_count},
                                {"pct_of_ub_weight", r.pct_of_ub_weight},
                                {"pct_of_ub_fairness", r.pct_of_ub_fairness}};
  return doc.dump(1) + "\n";
}

}  // namespace tb::scheduling
