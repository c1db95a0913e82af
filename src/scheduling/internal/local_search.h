#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "scheduling/schedule_state.h"

namespace tb::scheduling::internal {

// The lexicographic objective: fairness (Σ min(m_s, k)), then weight, then meetings, then
// fewer breaks. In re-optimisation the weight term is weight - penalty(moved) (in tenths of a
// weight unit), so a move is bought with weight, never with fairness; fewer moves break the
// remaining ties before breaks.
struct Score {
  long long fairness = 0;
  long long weight = 0;
  long long count = 0;
  long long breaks = 0;
  long long moved = 0;
  long long penalty_tenths = 0;
  long long AdjustedWeight() const { return weight * 10 - penalty_tenths; }
  bool PrimaryEqual(const Score& o) const {
    return fairness == o.fairness && AdjustedWeight() == o.AdjustedWeight() && count == o.count &&
           moved == o.moved;
  }
  bool BetterThan(const Score& o) const {
    if (fairness != o.fairness) return fairness > o.fairness;
    if (AdjustedWeight() != o.AdjustedWeight()) return AdjustedWeight() > o.AdjustedWeight();
    if (count != o.count) return count > o.count;
    if (moved != o.moved) return moved < o.moved;
    return breaks < o.breaks;
  }
};

using Clock = std::chrono::steady_clock;

// Large neighbourhood search over a ScheduleState: every move goes through Add/Remove with
// an undo log, so a move that does not pay is rolled back exactly. Pinned requests are never
// moved or removed.
class LocalSearch {
 public:
  LocalSearch(ScheduleState& state, std::uint64_t seed, std::vector<char> pinned);

  Score score() const;

  // Phase 1: ejection-chain insertion of every unscheduled request, then destroy-and-repair
  // rounds until `deadline` or `stop_at` primary score (the bound) is reached.
  void ImprovePrimary(Clock::time_point deadline, const Score& stop_at);
  // Re-optimisation: home[q] = (officer, slot) of request q in the published schedule, or
  // (-1, -1). A request away from its home counts as moved; each of the first `budget` moves
  // costs `penalty_tenths` / 10 weight, each further one `excess_tenths` / 10. Call before
  // any search.
  struct MovePenalty {
    long long penalty_tenths = 0;
    long long budget = 0;
    long long excess_tenths = 0;
    long long Of(long long moved) const {
      return penalty_tenths * std::min(moved, budget) +
             excess_tenths * std::max(0LL, moved - budget);
    }
  };
  void SetHomes(std::vector<std::pair<int, int>> home, MovePenalty penalty);
  long long moved() const { return moved_; }
  // Re-optimisation search: places unscheduled requests where they fit without moving
  // anything, then ejection chains and destroy-and-repair limited to the touched officers
  // and suppliers until `touched_deadline`, then anywhere until `deadline`.
  void ImproveNeighbourhood(Clock::time_point touched_deadline, Clock::time_point deadline,
                            const Score& stop_at, std::vector<char> touched_officer,
                            std::vector<char> touched_supplier);

  // Phase 2: re-times and re-assigns meetings (moves and same-officer swaps) with simulated
  // annealing on breaks, never lowering the primary objective. Returns with the best state,
  // early once the primary objective is at `stop_at` and no break is left.
  void ImproveBreaks(Clock::time_point deadline, const Score& stop_at);

  long long iterations() const { return iterations_; }

 private:
  struct Op {
    bool add;
    int q, o, t;
  };
  void DoAdd(int q, int o, int t);
  void DoRemove(int q);
  // Every change of the state goes through these two, which keep moved_ up to date.
  void StateAdd(int q, int o, int t);
  void StateRemove(int q);
  bool AtHome(int q, int o, int t) const {
    return !home_.empty() && home_[q].first == o && home_[q].second == t;
  }
  bool reached(const Score& stop_at) const;
  // Destroy-and-repair rounds until the deadline or the bound; with touched sets, destroys
  // only their meetings.
  void Lns(Clock::time_point deadline, const Score& stop_at, bool touched_only);
  std::size_t Mark() const { return log_.size(); }
  void Rollback(std::size_t mark);
  void Commit() { log_.clear(); }

  // The loss if e were dropped: (fairness, weight); lower is cheaper to eject.
  std::pair<int, int> Loss(int e) const;
  int ChooseBlocker(int q, int o, int t, Violation v);
  // Best directly feasible position for q (fewest added breaks, then least-loaded officer);
  // places it and returns true, or false if none.
  bool InsertBest(int q);
  // Places q by ejecting up to `max_eject` meetings, which are then re-inserted where they
  // fit; keeps the result only if the score improves.
  bool InsertByEjection(int q, int max_eject, int position_budget, int depth);
  void Repair(std::vector<int>& candidates);
  std::vector<int> Destroy(bool touched_only);
  std::vector<int> UnscheduledByPriority();
  // Suppliers below k first, then heavier requests; ties in random order.
  void SortByPriority(std::vector<int>& requests);

  ScheduleState& state_;
  const Problem& p_;
  std::mt19937_64 rng_;
  std::vector<char> pinned_;
  std::vector<Op> log_;
  long long iterations_ = 0;
  std::vector<std::pair<int, int>> positions_;  // scratch
  std::vector<std::vector<int>> officers_of_agency_;
  std::vector<int> agency_of_officer_;
  std::vector<std::vector<int>> requests_of_officer_;  // schedulable requests it may hold
  std::vector<std::pair<int, int>> home_;              // empty unless re-optimising
  MovePenalty move_penalty_;
  long long moved_ = 0;
  std::vector<int> touched_officers_, touched_suppliers_;
};

}  // namespace tb::scheduling::internal
