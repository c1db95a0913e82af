#include "scheduling/exact.h"

#include <CbcModel.hpp>
#include <CbcSolver.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>
#include <chrono>
#include <cmath>
#include <map>
#include <string>

namespace tb::scheduling {
namespace {

constexpr double kFairnessCoefficient = 10;  // exceeds any single weight, as the tool's lp

struct Column {
  int q, o, t;
};

}  // namespace

Result<ExactResult> SolveExact(const Problem& p, const ExactOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<Column> columns;
  for (std::size_t q = 0; q < p.schedulable.size(); ++q) {
    const int s = p.schedulable[q].supplier;
    for (int o : p.schedulable[q].eligible) {
      for (int t : p.officers[o].available_slots) {
        if (p.supplier_available[s][t]) columns.push_back({static_cast<int>(q), o, t});
      }
    }
  }
  if (static_cast<long long>(columns.size()) > options.max_columns) {
    return Status::ResourceExhausted(
        "the exact model would have " + std::to_string(columns.size()) + " binaries (limit " +
        std::to_string(options.max_columns) + "); use the heuristic mode at this size");
  }
  const int slots = p.slot_count();
  std::vector<std::vector<int>> by_request(p.schedulable.size()),
      by_officer_slot(p.officer_count() * slots), by_supplier_slot(p.supplier_count() * slots),
      by_group_slot(p.groups.size() * slots), by_officer(p.officer_count()),
      by_supplier(p.supplier_count()), by_slot(slots);
  std::map<std::pair<int, int>, std::vector<int>> by_pair;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const auto [q, o, t] = columns[c];
    const int s = p.schedulable[q].supplier;
    const int i = static_cast<int>(c);
    by_request[q].push_back(i);
    by_officer_slot[o * slots + t].push_back(i);
    by_supplier_slot[s * slots + t].push_back(i);
    if (const int g = p.group_of_supplier[s]; g >= 0) by_group_slot[g * slots + t].push_back(i);
    by_officer[o].push_back(i);
    by_supplier[s].push_back(i);
    by_slot[t].push_back(i);
    by_pair[{s, o}].push_back(i);
  }
  std::vector<int> fairness_column(p.supplier_count(), -1);
  int column_count = static_cast<int>(columns.size());
  for (int s = 0; s < p.supplier_count(); ++s) {
    if (!by_supplier[s].empty()) fairness_column[s] = column_count++;
  }

  CoinPackedMatrix matrix(false, 0, 0);
  matrix.setDimensions(0, column_count);
  std::vector<double> row_upper;
  std::vector<double> ones;
  auto row = [&](const std::vector<int>& cols, int rhs) {
    if (static_cast<int>(cols.size()) <= rhs) return;
    ones.assign(cols.size(), 1.0);
    matrix.appendRow(static_cast<int>(cols.size()), cols.data(), ones.data());
    row_upper.push_back(rhs);
  };
  for (const auto& cols : by_request) row(cols, 1);
  for (const auto& cols : by_officer_slot) row(cols, 1);
  for (int s = 0; s < p.supplier_count(); ++s) {
    for (int t = 0; t < slots; ++t) row(by_supplier_slot[s * slots + t], p.suppliers[s].delegates);
    row(by_supplier[s], p.suppliers[s].max_meetings);
  }
  for (std::size_t g = 0; g < p.groups.size(); ++g) {
    for (int t = 0; t < slots; ++t) row(by_group_slot[g * slots + t], p.groups[g].max_parallel);
  }
  for (int o = 0; o < p.officer_count(); ++o) row(by_officer[o], p.officers[o].max_meetings);
  // Per-day caps (absent from the tool's instances, so its `lp` has no such rows).
  std::vector<int> day_columns;
  for (int d = 0; d < p.day_count(); ++d) {
    for (int o = 0; o < p.officer_count(); ++o) {
      if (const int cap = p.OfficerDayCap(o, d); cap >= 0) {
        day_columns.clear();
        for (int c : by_officer[o]) {
          if (p.slots[columns[c].t].day_index == d) day_columns.push_back(c);
        }
        row(day_columns, cap);
      }
    }
    for (int s = 0; s < p.supplier_count(); ++s) {
      if (const int cap = p.SupplierDayCap(s, d); cap >= 0) {
        day_columns.clear();
        for (int c : by_supplier[s]) {
          if (p.slots[columns[c].t].day_index == d) day_columns.push_back(c);
        }
        row(day_columns, cap);
      }
    }
  }
  for (const auto& [key, cols] : by_pair) {
    // Needed only where two requests of one supplier reach the officer.
    bool two = false;
    for (int c : cols) two = two || columns[c].q != columns[cols.front()].q;
    if (two) row(cols, 1);
  }
  if (p.pooled_tables) {
    for (const auto& cols : by_slot) row(cols, static_cast<int>(p.tables.size()));
  }
  std::vector<int> window;
  for (const std::vector<int>& session : p.sessions) {
    const int len = static_cast<int>(session.size());
    for (int o = 0; o < p.officer_count(); ++o) {
      for (int a = 0; a + p.officer_max_consecutive < len; ++a) {
        window.clear();
        for (int i = a; i <= a + p.officer_max_consecutive; ++i) {
          const auto& cols = by_officer_slot[o * slots + session[i]];
          window.insert(window.end(), cols.begin(), cols.end());
        }
        row(window, p.officer_max_consecutive);
      }
    }
    for (int s = 0; s < p.supplier_count(); ++s) {
      for (int a = 0; a + p.supplier_max_consecutive < len; ++a) {
        window.clear();
        for (int i = a; i <= a + p.supplier_max_consecutive; ++i) {
          const auto& cols = by_supplier_slot[s * slots + session[i]];
          window.insert(window.end(), cols.begin(), cols.end());
        }
        row(window, p.suppliers[s].delegates * p.supplier_max_consecutive);
      }
    }
  }
  std::vector<double> row_lower(row_upper.size(), -COIN_DBL_MAX);
  // f_s - Σ x(s) <= 0.
  for (int s = 0; s < p.supplier_count(); ++s) {
    if (fairness_column[s] < 0) continue;
    std::vector<int> cols = by_supplier[s];
    std::vector<double> values(cols.size(), -1.0);
    cols.push_back(fairness_column[s]);
    values.push_back(1.0);
    matrix.appendRow(static_cast<int>(cols.size()), cols.data(), values.data());
    row_lower.push_back(-COIN_DBL_MAX);
    row_upper.push_back(0.0);
  }

  std::vector<double> column_lower(column_count, 0.0), column_upper(column_count, 1.0),
      objective(column_count, 0.0);
  for (std::size_t c = 0; c < columns.size(); ++c)
    objective[c] = -p.schedulable[columns[c].q].weight;
  for (int s = 0; s < p.supplier_count(); ++s) {
    if (fairness_column[s] < 0) continue;
    column_upper[fairness_column[s]] = p.fairness_k;
    objective[fairness_column[s]] = -kFairnessCoefficient;
  }
  OsiClpSolverInterface solver;
  solver.messageHandler()->setLogLevel(0);
  solver.loadProblem(matrix, column_lower.data(), column_upper.data(), objective.data(),
                     row_lower.data(), row_upper.data());
  for (int c = 0; c < column_count; ++c) {
    solver.setInteger(c);
    solver.setColName(c, "c" + std::to_string(c));
  }

  ExactResult result;
  result.columns = column_count;
  result.rows = static_cast<long long>(row_upper.size());
  CbcModel model(solver);
  if (!options.warm_start.empty()) {
    std::map<std::tuple<int, int, int>, int> column_of;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      column_of[{columns[c].q, columns[c].o, columns[c].t}] = static_cast<int>(c);
    }
    std::vector<int> count(p.supplier_count(), 0);
    std::vector<std::pair<std::string, double>> start_values;
    for (const Meeting& m : options.warm_start) {
      auto it = column_of.find({m.schedulable, m.officer, m.slot});
      if (it == column_of.end()) continue;
      start_values.emplace_back("c" + std::to_string(it->second), 1.0);
      ++count[p.schedulable[m.schedulable].supplier];
    }
    for (int s = 0; s < p.supplier_count(); ++s) {
      if (fairness_column[s] >= 0) {
        start_values.emplace_back("c" + std::to_string(fairness_column[s]),
                                  std::min(count[s], p.fairness_k));
      }
    }
    model.setMIPStart(start_values);
  }
  CbcSolverUsefulData data;
  data.noPrinting_ = true;
  CbcMain0(model, data);
  const std::string seconds = std::to_string(options.time_limit_seconds);
  const std::string threads = std::to_string(options.threads);
  // CBC counts CPU seconds unless told otherwise; the limit is a wall-clock promise (A-G6),
  // and on a shared machine CPU time runs far slower than the clock.
  const char* argv[] = {"tenderbridge", "-log",          "0",        "-timeMode",     "elapsed",
                        "-sec",         seconds.c_str(), "-threads", threads.c_str(), "-solve",
                        "-quit"};
  CbcMain1(
      static_cast<int>(std::size(argv)), argv, model, [](CbcModel*, int) { return 0; }, data);

  const double* solution = model.bestSolution();
  if (solution == nullptr) {
    return Status::FailedPrecondition("CBC found no schedule within " + seconds + " s");
  }
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (solution[c] > 0.5)
      result.schedule.meetings.push_back({columns[c].q, columns[c].o, columns[c].t});
  }
  result.schedule.solver = "tenderbridge scheduling exact (CBC, fair-weight ILP)";
  result.objective = -model.getObjValue();
  result.best_bound = -model.getBestPossibleObjValue();
  result.proven_optimal = model.isProvenOptimal();
  result.gap = result.objective > 0
                   ? std::max(0.0, (result.best_bound - result.objective) / result.objective)
                   : 0;
  if (result.proven_optimal) result.gap = 0;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace tb::scheduling
