#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "scheduling/schedule_state.h"

namespace tb::scheduling::internal {

// The lexicographic objective: fairness (Σ min(m_s, k)), then weight, then meetings, then
// fewer breaks.
struct Score {
  long long fairness = 0;
  long long weight = 0;
  long long count = 0;
  long long breaks = 0;
  bool PrimaryEqual(const Score& o) const {
    return fairness == o.fairness && weight == o.weight && count == o.count;
  }
  bool BetterThan(const Score& o) const {
    if (fairness != o.fairness) return fairness > o.fairness;
    if (weight != o.weight) return weight > o.weight;
    if (count != o.count) return count > o.count;
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
  std::vector<int> Destroy();
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
};

}  // namespace tb::scheduling::internal
