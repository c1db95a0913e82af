#include "scheduling/internal/local_search.h"

#include <algorithm>
#include <cmath>

namespace tb::scheduling::internal {

LocalSearch::LocalSearch(ScheduleState& state, std::uint64_t seed, std::vector<char> pinned)
    : state_(state), p_(state.problem()), rng_(seed), pinned_(std::move(pinned)) {
  pinned_.resize(p_.schedulable.size(), 0);
  std::map<std::string, int> agency_index;
  agency_of_officer_.resize(p_.officer_count());
  for (int o = 0; o < p_.officer_count(); ++o) {
    auto [it, inserted] =
        agency_index.emplace(p_.officers[o].agency, static_cast<int>(officers_of_agency_.size()));
    if (inserted) officers_of_agency_.emplace_back();
    officers_of_agency_[it->second].push_back(o);
    agency_of_officer_[o] = it->second;
  }
  requests_of_officer_.resize(p_.officer_count());
  for (std::size_t q = 0; q < p_.schedulable.size(); ++q) {
    for (int o : p_.schedulable[q].eligible) requests_of_officer_[o].push_back(static_cast<int>(q));
  }
}

Score LocalSearch::score() const {
  return {state_.fairness_sum(), state_.weight(), state_.meeting_count(),
          state_.breaks(),       moved_,          move_penalty_.Of(moved_)};
}

void LocalSearch::SetHomes(std::vector<std::pair<int, int>> home, MovePenalty penalty) {
  home_ = std::move(home);
  home_.resize(p_.schedulable.size(), {-1, -1});
  move_penalty_ = penalty;
  moved_ = 0;
  for (std::size_t q = 0; q < home_.size(); ++q) {
    const int i = static_cast<int>(q);
    if (home_[q].first >= 0 &&
        !(state_.scheduled(i) && AtHome(i, state_.officer_of(i), state_.slot_of(i)))) {
      ++moved_;
    }
  }
}

void LocalSearch::StateAdd(int q, int o, int t) {
  state_.Add(q, o, t);
  if (AtHome(q, o, t)) --moved_;
}

void LocalSearch::StateRemove(int q) {
  if (AtHome(q, state_.officer_of(q), state_.slot_of(q))) ++moved_;
  state_.Remove(q);
}

void LocalSearch::DoAdd(int q, int o, int t) {
  StateAdd(q, o, t);
  log_.push_back({true, q, o, t});
}

void LocalSearch::DoRemove(int q) {
  log_.push_back({false, q, state_.officer_of(q), state_.slot_of(q)});
  StateRemove(q);
}

void LocalSearch::Rollback(std::size_t mark) {
  while (log_.size() > mark) {
    const Op op = log_.back();
    log_.pop_back();
    if (op.add) {
      StateRemove(op.q);
    } else {
      StateAdd(op.q, op.o, op.t);
    }
  }
}

std::pair<int, int> LocalSearch::Loss(int e) const {
  const int s = p_.schedulable[e].supplier;
  return {state_.supplier_count(s) <= p_.fairness_k ? 1 : 0, p_.schedulable[e].weight};
}

int LocalSearch::ChooseBlocker(int q, int o, int t, Violation v) {
  const int s = p_.schedulable[q].supplier;
  int best = -1;
  std::pair<int, int> best_loss;
  unsigned best_tie = 0;
  auto consider = [&](int e) {
    if (e < 0 || pinned_[e]) return;
    const std::pair<int, int> loss = Loss(e);
    const unsigned tie = static_cast<unsigned>(rng_());
    if (best < 0 || loss < best_loss || (loss == best_loss && tie < best_tie)) {
      best = e;
      best_loss = loss;
      best_tie = tie;
    }
  };
  const Slot& slot = p_.slots[t];
  const std::vector<int>& session = p_.sessions[slot.session_index];
  auto near = [&](int t2, int limit) {
    const Slot& other = p_.slots[t2];
    return other.session_index == slot.session_index &&
           std::abs(other.position - slot.position) <= limit;
  };
  switch (v) {
    case Violation::kOfficerBusy:
      consider(state_.meeting_at(o, t));
      break;
    case Violation::kNoDelegate:
    case Violation::kSupplierMaxMeetings:
      for (int e : state_.supplier_meetings(s)) {
        if (v == Violation::kSupplierMaxMeetings || state_.slot_of(e) == t) consider(e);
      }
      break;
    case Violation::kGroupLimit:
      for (int member : p_.groups[p_.group_of_supplier[s]].members) {
        for (int e : state_.supplier_meetings(member)) {
          if (state_.slot_of(e) == t) consider(e);
        }
      }
      break;
    case Violation::kNoTable: {
      const int n = p_.officer_count();
      const int start = static_cast<int>(rng_() % n);
      int seen = 0;
      for (int i = 0; i < n && seen < 8; ++i) {
        const int e = state_.meeting_at((start + i) % n, t);
        if (e >= 0) {
          consider(e);
          ++seen;
        }
      }
      break;
    }
    case Violation::kPairTwice:
      for (int e : state_.supplier_meetings(s)) {
        if (state_.officer_of(e) == o) consider(e);
      }
      break;
    case Violation::kOfficerMaxMeetings:
      for (int t2 : p_.officers[o].available_slots) consider(state_.meeting_at(o, t2));
      break;
    case Violation::kOfficerConsecutive:
      for (int t2 : session) {
        if (t2 != t && near(t2, p_.officer_max_consecutive)) consider(state_.meeting_at(o, t2));
      }
      break;
    case Violation::kSupplierConsecutive:
      for (int e : state_.supplier_meetings(s)) {
        if (near(state_.slot_of(e), p_.supplier_max_consecutive)) consider(e);
      }
      break;
    case Violation::kOfficerDayCap:
      for (int t2 : p_.officers[o].available_slots) {
        if (p_.slots[t2].day_index == slot.day_index) consider(state_.meeting_at(o, t2));
      }
      break;
    case Violation::kSupplierDayCap:
      for (int e : state_.supplier_meetings(s)) {
        if (p_.slots[state_.slot_of(e)].day_index == slot.day_index) consider(e);
      }
      break;
    default:
      break;
  }
  return best;
}

bool LocalSearch::InsertBest(int q) {
  const Schedulable& item = p_.schedulable[q];
  const int s = item.supplier;
  int best_o = -1, best_t = -1;
  std::tuple<int, int, int, unsigned> best_key{};
  for (int o : item.eligible) {
    for (int t : p_.officers[o].available_slots) {
      if (!p_.supplier_available[s][t] || state_.meeting_at(o, t) >= 0) continue;
      if (state_.Check(q, o, t) != Violation::kNone) continue;
      // Back to its published place first when re-optimising.
      const std::tuple<int, int, int, unsigned> key{
          AtHome(q, o, t) ? 0 : 1, state_.BreaksDelta(s, t, +1), state_.officer_count(o),
          static_cast<unsigned>(rng_() & 0xffff)};
      if (best_o < 0 || key < best_key) {
        best_o = o;
        best_t = t;
        best_key = key;
      }
    }
  }
  if (best_o < 0) return false;
  DoAdd(q, best_o, best_t);
  return true;
}

bool LocalSearch::InsertByEjection(int q, int max_eject, int position_budget, int depth) {
  const Schedulable& item = p_.schedulable[q];
  const int s = item.supplier;
  const Score base = score();
  positions_.clear();
  for (int o : item.eligible) {
    for (int t : p_.officers[o].available_slots) {
      if (p_.supplier_available[s][t]) positions_.emplace_back(o, t);
    }
  }
  std::shuffle(positions_.begin(), positions_.end(), rng_);
  if (static_cast<int>(positions_.size()) > position_budget) positions_.resize(position_budget);
  const std::vector<std::pair<int, int>> positions = positions_;
  std::vector<int> ejected;
  for (auto [o, t] : positions) {
    const std::size_t mark = Mark();
    ejected.clear();
    Violation v = state_.Check(q, o, t);
    while (v != Violation::kNone && static_cast<int>(ejected.size()) < max_eject) {
      const int e = ChooseBlocker(q, o, t, v);
      if (e < 0) break;
      DoRemove(e);
      ejected.push_back(e);
      v = state_.Check(q, o, t);
    }
    if (v != Violation::kNone) {
      Rollback(mark);
      continue;
    }
    DoAdd(q, o, t);
    for (int e : ejected) {
      if (!InsertBest(e) && depth > 1) InsertByEjection(e, 1, position_budget / 4, depth - 1);
    }
    if (score().BetterThan(base)) return true;
    Rollback(mark);
  }
  return false;
}

std::vector<int> LocalSearch::UnscheduledByPriority() {
  std::vector<int> out;
  for (int s = 0; s < p_.supplier_count(); ++s) {
    for (int q : p_.schedulable_of_supplier[s]) {
      if (!state_.scheduled(q)) out.push_back(q);
    }
  }
  SortByPriority(out);
  return out;
}

void LocalSearch::SortByPriority(std::vector<int>& requests) {
  std::shuffle(requests.begin(), requests.end(), rng_);
  std::stable_sort(requests.begin(), requests.end(), [&](int a, int b) {
    const bool need_a = state_.supplier_count(p_.schedulable[a].supplier) < p_.fairness_k;
    const bool need_b = state_.supplier_count(p_.schedulable[b].supplier) < p_.fairness_k;
    if (need_a != need_b) return need_a;
    return p_.schedulable[a].weight > p_.schedulable[b].weight;
  });
}

std::vector<int> LocalSearch::Destroy(bool touched_only) {
  std::vector<int> removed;
  auto remove = [&](int e) {
    if (e >= 0 && !pinned_[e] && state_.scheduled(e)) {
      DoRemove(e);
      removed.push_back(e);
    }
  };
  if (touched_only) {
    // One touched officer's meetings in one session, or one touched supplier's meetings.
    const bool officer = !touched_officers_.empty() && (touched_suppliers_.empty() || rng_() % 2);
    if (officer) {
      const int o = touched_officers_[rng_() % touched_officers_.size()];
      const std::vector<int>& session = p_.sessions[rng_() % p_.sessions.size()];
      for (int t : session) remove(state_.meeting_at(o, t));
    } else if (!touched_suppliers_.empty()) {
      const int s = touched_suppliers_[rng_() % touched_suppliers_.size()];
      const std::vector<int> mine = state_.supplier_meetings(s);
      for (int e : mine) remove(e);
    }
    return removed;
  }
  const int kind = static_cast<int>(rng_() % 3);
  if (kind == 0) {
    // One officer's meetings in one session.
    const int o = static_cast<int>(rng_() % p_.officer_count());
    const std::vector<int>& session = p_.sessions[rng_() % p_.sessions.size()];
    for (int t : session) remove(state_.meeting_at(o, t));
  } else if (kind == 1) {
    // A few meetings spread over one agency's officers.
    const std::vector<int>& officers = officers_of_agency_[rng_() % officers_of_agency_.size()];
    const int want = 2 + static_cast<int>(rng_() % 6);
    for (int i = 0; i < want * 4 && static_cast<int>(removed.size()) < want; ++i) {
      const int o = officers[rng_() % officers.size()];
      remove(state_.meeting_at(o, static_cast<int>(rng_() % p_.slot_count())));
    }
  } else {
    // Every meeting of two suppliers.
    for (int i = 0; i < 2; ++i) {
      const int s = static_cast<int>(rng_() % p_.supplier_count());
      const std::vector<int> mine = state_.supplier_meetings(s);
      for (int e : mine) remove(e);
    }
  }
  return removed;
}

void LocalSearch::Repair(std::vector<int>& candidates) {
  SortByPriority(candidates);
  for (int q : candidates) {
    if (state_.scheduled(q)) continue;
    if (!InsertBest(q) && p_.schedulable[q].weight > 1) InsertByEjection(q, 1, 24, 1);
  }
}

bool LocalSearch::reached(const Score& stop_at) const {
  const Score s = score();
  return s.fairness >= stop_at.fairness && s.weight >= stop_at.weight && s.count >= stop_at.count;
}

void LocalSearch::ImprovePrimary(Clock::time_point deadline, const Score& stop_at) {
  for (int sweep = 0; sweep < 3 && Clock::now() < deadline && !reached(stop_at); ++sweep) {
    bool improved = false;
    for (int q : UnscheduledByPriority()) {
      if (Clock::now() >= deadline) break;
      if (state_.scheduled(q)) continue;
      if (InsertBest(q) || InsertByEjection(q, 2, 400, 2)) improved = true;
      Commit();
    }
    if (!improved) break;
  }
  Lns(deadline, stop_at, false);
}

void LocalSearch::ImproveNeighbourhood(Clock::time_point touched_deadline,
                                       Clock::time_point deadline, const Score& stop_at,
                                       std::vector<char> touched_officer,
                                       std::vector<char> touched_supplier) {
  touched_officers_.clear();
  touched_suppliers_.clear();
  touched_officer.resize(p_.officer_count(), 0);
  touched_supplier.resize(p_.supplier_count(), 0);
  for (int o = 0; o < p_.officer_count(); ++o) {
    if (touched_officer[o]) touched_officers_.push_back(o);
  }
  for (int s = 0; s < p_.supplier_count(); ++s) {
    if (touched_supplier[s]) touched_suppliers_.push_back(s);
  }
  // Free room first (a declined meeting's slot, an accepted request): no move needed.
  for (int q : UnscheduledByPriority()) {
    if (Clock::now() >= deadline || reached(stop_at)) break;
    InsertBest(q);
  }
  Commit();
  for (int q : UnscheduledByPriority()) {
    if (Clock::now() >= touched_deadline || reached(stop_at)) break;
    const Schedulable& item = p_.schedulable[q];
    bool touched = touched_supplier[item.supplier] != 0;
    for (int o : item.eligible) touched = touched || touched_officer[o] != 0;
    if (touched && !state_.scheduled(q)) InsertByEjection(q, 2, 400, 2);
    Commit();
  }
  if (!touched_officers_.empty() || !touched_suppliers_.empty()) {
    Lns(touched_deadline, stop_at, true);
  }
  Lns(deadline, stop_at, false);
}

void LocalSearch::Lns(Clock::time_point deadline, const Score& stop_at, bool touched_only) {
  std::vector<int> candidates;
  std::vector<char> mark_candidate(p_.schedulable.size(), 0);
  while (!reached(stop_at)) {
    if ((iterations_ & 15) == 0 && Clock::now() >= deadline) break;
    ++iterations_;
    const Score base = score();
    const std::size_t mark = Mark();
    const std::vector<int> removed = Destroy(touched_only);
    candidates.clear();
    auto add_candidate = [&](int q) {
      if (!state_.scheduled(q) && !mark_candidate[q]) {
        mark_candidate[q] = 1;
        candidates.push_back(q);
      }
    };
    for (int e : removed) {
      add_candidate(e);
      for (int q : p_.schedulable_of_supplier[p_.schedulable[e].supplier]) add_candidate(q);
    }
    for (const Op& op : log_) {
      if (!op.add) {
        for (int q : requests_of_officer_[op.o]) add_candidate(q);
      }
    }
    for (int q : candidates) mark_candidate[q] = 0;
    Repair(candidates);
    const Score now = score();
    if (now.BetterThan(base) || (now.PrimaryEqual(base) && now.breaks <= base.breaks)) {
      Commit();
    } else {
      Rollback(mark);
    }
  }
  Commit();
}

void LocalSearch::ImproveBreaks(Clock::time_point deadline, const Score& stop_at) {
  std::vector<Meeting> best = state_.Meetings();
  Score best_score = score();
  const auto start = Clock::now();
  const double total = std::chrono::duration<double>(deadline - start).count();
  const double t0 = 0.6, t1 = 0.02;
  double temperature = t0;
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const int n = static_cast<int>(p_.schedulable.size());
  std::vector<int> unscheduled;
  for (long long iter = 0;; ++iter) {
    if ((iter & 63) == 0) {
      const auto now = Clock::now();
      if (now >= deadline) break;
      const Score current = score();
      if (current.breaks == 0 && current.fairness >= stop_at.fairness &&
          current.weight >= stop_at.weight && current.count >= stop_at.count) {
        break;
      }
      const double f = total > 0 ? std::chrono::duration<double>(now - start).count() / total : 1.0;
      temperature = t0 * std::pow(t1 / t0, f);
    }
    if ((iter & 1023) == 0) {
      // Re-timing may open room for a request that did not fit: take it (primary gain).
      unscheduled = UnscheduledByPriority();
      for (int q : unscheduled) InsertBest(q);
      Commit();
    }
    ++iterations_;
    int q = static_cast<int>(rng_() % n);
    if (!state_.scheduled(q) || pinned_[q]) continue;
    const Score before = score();
    const std::size_t mark = Mark();
    const int o = state_.officer_of(q);
    const int t = state_.slot_of(q);
    if (rng_() % 2 == 0) {
      // Move q anywhere it fits with the fewest breaks.
      DoRemove(q);
      const std::size_t after_remove = Mark();
      if (!InsertBest(q) || (state_.officer_of(q) == o && state_.slot_of(q) == t)) {
        Rollback(mark);
        continue;
      }
      (void)after_remove;
    } else {
      // Swap slots with another meeting of the same officer.
      const std::vector<int>& avail = p_.officers[o].available_slots;
      const int t2 = avail[rng_() % avail.size()];
      const int q2 = state_.meeting_at(o, t2);
      if (t2 == t || q2 < 0 || pinned_[q2]) continue;
      DoRemove(q);
      DoRemove(q2);
      if (state_.Check(q, o, t2) != Violation::kNone) {
        Rollback(mark);
        continue;
      }
      DoAdd(q, o, t2);
      if (state_.Check(q2, o, t) != Violation::kNone) {
        Rollback(mark);
        continue;
      }
      DoAdd(q2, o, t);
    }
    const Score now = score();
    const long long delta = now.breaks - before.breaks;
    if (!now.PrimaryEqual(before) && !now.BetterThan(before)) {
      Rollback(mark);
      continue;
    }
    if (delta <= 0 || unit(rng_) < std::exp(-static_cast<double>(delta) / temperature)) {
      Commit();
      if (now.BetterThan(best_score)) {
        best_score = now;
        best = state_.Meetings();
      }
    } else {
      Rollback(mark);
    }
  }
  Commit();
  if (best_score.BetterThan(score())) {
    for (const Meeting& m : state_.Meetings()) StateRemove(m.schedulable);
    for (const Meeting& m : best) StateAdd(m.schedulable, m.officer, m.slot);
  }
}

}  // namespace tb::scheduling::internal
