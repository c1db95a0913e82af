#pragma once

#include <string_view>
#include <vector>

#include "scheduling/problem.h"

namespace tb::scheduling {

// Why a meeting cannot be added, in the order meetings_gen.py's State.why_not tests them, so
// that the first reason reported is the tool's.
enum class Violation {
  kNone,
  kRequestTwice,
  kNotEligible,
  kUnavailable,
  kOfficerBusy,
  kNoDelegate,
  kGroupLimit,
  kNoTable,
  kPairTwice,
  kSupplierMaxMeetings,
  kOfficerMaxMeetings,
  kOfficerConsecutive,
  kSupplierConsecutive,
  // Not in the tool (its instances have no per-day caps), so tested last: the first reason
  // on a tool instance stays the tool's.
  kOfficerDayCap,
  kSupplierDayCap,
};

// The tool's wording ("officer double-booked", ...).
std::string_view ViolationText(Violation violation);

// The meetings placed so far with every load the hard rules need, updated in O(1)-ish per
// change. Shared by the checker, the greedy and the optimiser, so all three apply the same
// rules.
class ScheduleState {
 public:
  explicit ScheduleState(const Problem& problem);

  // The first rule that adding (request q, officer o, slot t) would break.
  Violation Check(int q, int o, int t) const;
  void Add(int q, int o, int t);
  void Remove(int q);

  const Problem& problem() const { return *problem_; }
  bool scheduled(int q) const { return officer_of_[q] >= 0; }
  int officer_of(int q) const { return officer_of_[q]; }
  int slot_of(int q) const { return slot_of_[q]; }
  int meeting_at(int o, int t) const { return officer_slot_[o * slots_ + t]; }
  int supplier_load(int s, int t) const { return supplier_slot_[s * slots_ + t]; }
  int group_load(int g, int t) const { return group_slot_[g * slots_ + t]; }
  int tables_used(int t) const { return tables_used_[t]; }
  int supplier_count(int s) const { return static_cast<int>(supplier_meetings_[s].size()); }
  int officer_count(int o) const { return officer_count_[o]; }
  // Meetings of officer o / supplier s on day index d.
  int officer_day_count(int o, int d) const { return officer_day_[o * days_ + d]; }
  int supplier_day_count(int s, int d) const { return supplier_day_[s * days_ + d]; }
  // Scheduled requests of supplier s (unordered).
  const std::vector<int>& supplier_meetings(int s) const { return supplier_meetings_[s]; }
  int meeting_count() const { return meeting_count_; }
  long long weight() const { return weight_; }
  // Σ_s min(meetings of s, k).
  long long fairness_sum() const { return fairness_sum_; }
  bool OfficerWindowFull(int o, int t) const;
  bool SupplierWindowFull(int s, int t) const;
  // Gaps in s's day: Σ over sessions of (runs of occupied slots - 1).
  int SupplierBreaks(int s) const;
  int SessionBreaks(int s, int session) const;
  // Recounted from scratch; breaks() is the same figure kept up to date by Add and Remove.
  long long TotalBreaks() const;
  long long breaks() const { return breaks_; }
  // Change in breaks if s gained (+1) or lost (-1) one meeting at t, without applying it.
  int BreaksDelta(int s, int t, int change) const;

  std::vector<Meeting> Meetings() const;

 private:
  const Problem* problem_;
  int slots_;
  int days_;
  std::vector<int> officer_of_, slot_of_;
  std::vector<int> officer_slot_;   // request index or -1
  std::vector<int> supplier_slot_;  // meetings in progress
  std::vector<int> group_slot_;
  std::vector<int> tables_used_;
  std::vector<int> officer_count_;
  std::vector<int> officer_day_, supplier_day_;  // [person * days_ + day index]
  std::vector<std::vector<int>> supplier_meetings_;
  int meeting_count_ = 0;
  long long weight_ = 0;
  long long fairness_sum_ = 0;
  long long breaks_ = 0;
};

}  // namespace tb::scheduling
