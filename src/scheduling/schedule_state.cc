#include "scheduling/schedule_state.h"

#include <algorithm>

namespace tb::scheduling {

std::string_view ViolationText(Violation violation) {
  switch (violation) {
    case Violation::kNone:
      return "";
    case Violation::kRequestTwice:
      return "request scheduled twice";
    case Violation::kNotEligible:
      return "officer not eligible for request (or no common slot)";
    case Violation::kUnavailable:
      return "slot outside availability";
    case Violation::kOfficerBusy:
      return "officer double-booked";
    case Violation::kNoDelegate:
      return "supplier has no free delegate";
    case Violation::kGroupLimit:
      return "interpreter group at its parallel limit";
    case Violation::kNoTable:
      return "no free table";
    case Violation::kPairTwice:
      return "supplier meets this officer twice";
    case Violation::kSupplierMaxMeetings:
      return "supplier over max_meetings";
    case Violation::kOfficerMaxMeetings:
      return "officer over max_meetings";
    case Violation::kOfficerConsecutive:
      return "officer over max consecutive";
    case Violation::kSupplierConsecutive:
      return "supplier over max consecutive";
    case Violation::kOfficerDayCap:
      return "officer over max_meetings_per_day";
    case Violation::kSupplierDayCap:
      return "supplier over max_meetings_per_day";
  }
  return "";
}

ScheduleState::ScheduleState(const Problem& problem)
    : problem_(&problem),
      slots_(problem.slot_count()),
      days_(std::max(1, problem.day_count())),
      officer_of_(problem.schedulable.size(), -1),
      slot_of_(problem.schedulable.size(), -1),
      officer_slot_(static_cast<std::size_t>(problem.officer_count()) * slots_, -1),
      supplier_slot_(static_cast<std::size_t>(problem.supplier_count()) * slots_, 0),
      group_slot_(problem.groups.size() * slots_, 0),
      tables_used_(slots_, 0),
      officer_count_(problem.officer_count(), 0),
      officer_day_(static_cast<std::size_t>(problem.officer_count()) * days_, 0),
      supplier_day_(static_cast<std::size_t>(problem.supplier_count()) * days_, 0),
      supplier_meetings_(problem.supplier_count()) {}

bool ScheduleState::OfficerWindowFull(int o, int t) const {
  const Problem& p = *problem_;
  const int limit = p.officer_max_consecutive;
  const std::vector<int>& session = p.sessions[p.slots[t].session_index];
  const int pos = p.slots[t].position;
  const int len = static_cast<int>(session.size());
  for (int start = std::max(0, pos - limit); start <= pos; ++start) {
    if (start + limit + 1 > len) break;
    int busy = 0;
    for (int i = start; i <= start + limit; ++i)
      busy += officer_slot_[o * slots_ + session[i]] >= 0 ? 1 : 0;
    if (busy + 1 > limit) return true;
  }
  return false;
}

bool ScheduleState::SupplierWindowFull(int s, int t) const {
  const Problem& p = *problem_;
  const int limit = p.supplier_max_consecutive;
  const int allowed = p.suppliers[s].delegates * limit;
  const std::vector<int>& session = p.sessions[p.slots[t].session_index];
  const int pos = p.slots[t].position;
  const int len = static_cast<int>(session.size());
  for (int start = std::max(0, pos - limit); start <= pos; ++start) {
    if (start + limit + 1 > len) break;
    int load = 0;
    for (int i = start; i <= start + limit; ++i) load += supplier_slot_[s * slots_ + session[i]];
    if (load + 1 > allowed) return true;
  }
  return false;
}

Violation ScheduleState::Check(int q, int o, int t) const {
  const Problem& p = *problem_;
  const Schedulable& item = p.schedulable[q];
  const int s = item.supplier;
  if (officer_of_[q] >= 0) return Violation::kRequestTwice;
  if (std::find(item.eligible.begin(), item.eligible.end(), o) == item.eligible.end()) {
    return Violation::kNotEligible;
  }
  if (!p.officer_available[o][t] || !p.supplier_available[s][t]) return Violation::kUnavailable;
  if (officer_slot_[o * slots_ + t] >= 0) return Violation::kOfficerBusy;
  if (supplier_slot_[s * slots_ + t] >= p.suppliers[s].delegates) return Violation::kNoDelegate;
  const int group = p.group_of_supplier[s];
  if (group >= 0 && group_slot_[group * slots_ + t] >= p.groups[group].max_parallel)
    return Violation::kGroupLimit;
  if (p.pooled_tables && tables_used_[t] >= static_cast<int>(p.tables.size()))
    return Violation::kNoTable;
  for (int other : supplier_meetings_[s]) {
    if (officer_of_[other] == o) return Violation::kPairTwice;
  }
  if (supplier_count(s) >= p.suppliers[s].max_meetings) return Violation::kSupplierMaxMeetings;
  if (officer_count_[o] >= p.officers[o].max_meetings) return Violation::kOfficerMaxMeetings;
  if (OfficerWindowFull(o, t)) return Violation::kOfficerConsecutive;
  if (SupplierWindowFull(s, t)) return Violation::kSupplierConsecutive;
  const int day = p.slots[t].day_index;
  if (const int cap = p.OfficerDayCap(o, day); cap >= 0 && officer_day_[o * days_ + day] >= cap)
    return Violation::kOfficerDayCap;
  if (const int cap = p.SupplierDayCap(s, day); cap >= 0 && supplier_day_[s * days_ + day] >= cap)
    return Violation::kSupplierDayCap;
  return Violation::kNone;
}

void ScheduleState::Add(int q, int o, int t) {
  const Problem& p = *problem_;
  const int s = p.schedulable[q].supplier;
  breaks_ += BreaksDelta(s, t, +1);
  officer_of_[q] = o;
  slot_of_[q] = t;
  officer_slot_[o * slots_ + t] = q;
  ++supplier_slot_[s * slots_ + t];
  if (const int g = p.group_of_supplier[s]; g >= 0) ++group_slot_[g * slots_ + t];
  ++tables_used_[t];
  ++officer_count_[o];
  ++officer_day_[o * days_ + p.slots[t].day_index];
  ++supplier_day_[s * days_ + p.slots[t].day_index];
  if (supplier_count(s) < p.fairness_k) ++fairness_sum_;
  supplier_meetings_[s].push_back(q);
  ++meeting_count_;
  weight_ += p.schedulable[q].weight;
}

void ScheduleState::Remove(int q) {
  const Problem& p = *problem_;
  const int s = p.schedulable[q].supplier;
  const int o = officer_of_[q];
  const int t = slot_of_[q];
  breaks_ += BreaksDelta(s, t, -1);
  officer_of_[q] = -1;
  slot_of_[q] = -1;
  // Only the meeting actually booked there frees the officer's slot (the checker may hold
  // rejected duplicates that never entered the state).
  if (officer_slot_[o * slots_ + t] == q) officer_slot_[o * slots_ + t] = -1;
  --supplier_slot_[s * slots_ + t];
  if (const int g = p.group_of_supplier[s]; g >= 0) --group_slot_[g * slots_ + t];
  --tables_used_[t];
  --officer_count_[o];
  --officer_day_[o * days_ + p.slots[t].day_index];
  --supplier_day_[s * days_ + p.slots[t].day_index];
  std::vector<int>& mine = supplier_meetings_[s];
  mine.erase(std::find(mine.begin(), mine.end(), q));
  if (supplier_count(s) < p.fairness_k) --fairness_sum_;
  --meeting_count_;
  weight_ -= p.schedulable[q].weight;
}

int ScheduleState::SessionBreaks(int s, int session) const {
  int runs = 0;
  bool previous = false;
  for (int t : problem_->sessions[session]) {
    const bool busy = supplier_slot_[s * slots_ + t] > 0;
    if (busy && !previous) ++runs;
    previous = busy;
  }
  return runs > 0 ? runs - 1 : 0;
}

int ScheduleState::BreaksDelta(int s, int t, int change) const {
  const Problem& p = *problem_;
  const int load = supplier_slot_[s * slots_ + t];
  // Only a slot that turns from free to busy (or back) changes the runs of the session.
  if ((change > 0 && load > 0) || (change < 0 && load > 1)) return 0;
  const std::vector<int>& session = p.sessions[p.slots[t].session_index];
  const int pos = p.slots[t].position;
  const bool left = pos > 0 && supplier_slot_[s * slots_ + session[pos - 1]] > 0;
  const bool right = pos + 1 < static_cast<int>(session.size()) &&
                     supplier_slot_[s * slots_ + session[pos + 1]] > 0;
  bool others = left || right;
  for (std::size_t i = 0; !others && i < session.size(); ++i) {
    others = static_cast<int>(i) != pos && supplier_slot_[s * slots_ + session[i]] > 0;
  }
  if (!others) return 0;  // the session's only run: no gap either way
  // Adding: joins two runs (-1), extends one (0), or starts a new one (+1). Removing mirrors it.
  const int delta = left && right ? -1 : (left || right ? 0 : 1);
  return change > 0 ? delta : -delta;
}

int ScheduleState::SupplierBreaks(int s) const {
  int total = 0;
  for (std::size_t session = 0; session < problem_->sessions.size(); ++session) {
    total += SessionBreaks(s, static_cast<int>(session));
  }
  return total;
}

long long ScheduleState::TotalBreaks() const {
  long long total = 0;
  for (int s = 0; s < problem_->supplier_count(); ++s) total += SupplierBreaks(s);
  return total;
}

std::vector<Meeting> ScheduleState::Meetings() const {
  std::vector<Meeting> out;
  for (std::size_t q = 0; q < officer_of_.size(); ++q) {
    if (officer_of_[q] >= 0) out.push_back({static_cast<int>(q), officer_of_[q], slot_of_[q]});
  }
  return out;
}

}  // namespace tb::scheduling
