#include "scheduling/problem.h"

#include <algorithm>
#include <map>
#include <set>

namespace tb::scheduling {

int Problem::WindowCapacity(const std::vector<char>& available, int limit, int day) const {
  int total = 0;
  for (const std::vector<int>& session : sessions) {
    if (day >= 0 && (session.empty() || slots[session.front()].day_index != day)) continue;
    int run = 0;
    for (std::size_t i = 0; i <= session.size(); ++i) {
      if (i < session.size() && available[session[i]]) {
        ++run;
      } else {
        total += run - run / (limit + 1);
        run = 0;
      }
    }
  }
  return total;
}

void Problem::Finalize(const std::vector<std::string>& schedulable_statuses) {
  days.clear();
  for (Slot& slot : slots) {
    if (days.empty() || days.back() != slot.day) {
      // A day that comes back after another one (unsorted slots) keeps its first index.
      auto it = std::find(days.begin(), days.end(), slot.day);
      if (it == days.end()) it = days.insert(days.end(), slot.day);
      slot.day_index = static_cast<int>(it - days.begin());
    } else {
      slot.day_index = static_cast<int>(days.size()) - 1;
    }
  }
  sessions.clear();
  std::map<std::string, int> session_index;
  for (std::size_t t = 0; t < slots.size(); ++t) {
    auto [it, inserted] =
        session_index.emplace(slots[t].session, static_cast<int>(sessions.size()));
    if (inserted) sessions.emplace_back();
    slots[t].session_index = it->second;
    slots[t].position = static_cast<int>(sessions[it->second].size());
    sessions[it->second].push_back(static_cast<int>(t));
  }

  auto availability = [&](const std::vector<int>& list) {
    std::vector<char> out(slots.size(), 0);
    for (int t : list) out[t] = 1;
    return out;
  };
  officer_available.clear();
  for (const Officer& o : officers) officer_available.push_back(availability(o.available_slots));
  supplier_available.clear();
  for (const Supplier& s : suppliers) supplier_available.push_back(availability(s.available_slots));

  group_of_supplier.assign(suppliers.size(), -1);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    for (int s : groups[g].members) group_of_supplier[s] = static_cast<int>(g);
  }

  std::map<std::string, std::vector<int>> officers_of_agency;
  std::map<std::string, int> officer_index;
  for (std::size_t o = 0; o < officers.size(); ++o) {
    officers_of_agency[officers[o].agency].push_back(static_cast<int>(o));
    officer_index[officers[o].id] = static_cast<int>(o);
  }
  const std::set<std::string> statuses(schedulable_statuses.begin(), schedulable_statuses.end());
  schedulable.clear();
  schedulable_of_request.assign(requests.size(), -1);
  schedulable_of_supplier.assign(suppliers.size(), {});
  for (std::size_t r = 0; r < requests.size(); ++r) {
    const Request& request = requests[r];
    if (!statuses.contains(request.status)) continue;
    std::vector<int> candidates;
    if (request.targets_officer) {
      auto it = officer_index.find(request.target_id);
      if (it != officer_index.end()) candidates.push_back(it->second);
    } else if (auto it = officers_of_agency.find(request.target_id);
               it != officers_of_agency.end()) {
      candidates = it->second;
    }
    Schedulable item;
    item.request = static_cast<int>(r);
    item.supplier = request.supplier;
    item.weight = request.weight;
    item.priority = request.priority;
    for (int o : candidates) {
      const bool common =
          std::any_of(officers[o].available_slots.begin(), officers[o].available_slots.end(),
                      [&](int t) { return supplier_available[request.supplier][t] != 0; });
      if (common) item.eligible.push_back(o);
    }
    schedulable_of_request[r] = static_cast<int>(schedulable.size());
    if (!item.eligible.empty()) {
      schedulable_of_supplier[request.supplier].push_back(static_cast<int>(schedulable.size()));
    }
    schedulable.push_back(std::move(item));
  }

  // Per-day caps (absent from the tool's instances) tighten c_s and c_o: a person holds at
  // most min(cap_d, κ of that day) meetings on day d. Without caps the figures are the tool's.
  bool sessions_within_days = true;
  for (const std::vector<int>& session : sessions) {
    for (int t : session) {
      sessions_within_days =
          sessions_within_days && slots[t].day_index == slots[session.front()].day_index;
    }
  }
  auto day_capped = [&](const std::vector<int>& caps, const std::vector<char>& available, int limit,
                        int per_slot, int total) {
    if (!sessions_within_days) return total;  // κ per day needs whole sessions
    bool any = false;
    int sum = 0;
    for (int d = 0; d < day_count(); ++d) {
      const int day_total = per_slot * WindowCapacity(available, limit, d);
      const int cap = DayCap(caps, d);
      any = any || cap >= 0;
      sum += cap >= 0 ? std::min(cap, day_total) : day_total;
    }
    return any ? std::min(total, sum) : total;
  };
  supplier_capacity.clear();
  for (std::size_t s = 0; s < suppliers.size(); ++s) {
    const int c = std::min(
        {suppliers[s].max_meetings,
         suppliers[s].delegates * WindowCapacity(supplier_available[s], supplier_max_consecutive),
         static_cast<int>(schedulable_of_supplier[s].size())});
    supplier_capacity.push_back(day_capped(suppliers[s].max_meetings_per_day, supplier_available[s],
                                           supplier_max_consecutive, suppliers[s].delegates, c));
  }
  officer_capacity.clear();
  for (std::size_t o = 0; o < officers.size(); ++o) {
    const int c = std::min(officers[o].max_meetings,
                           WindowCapacity(officer_available[o], officer_max_consecutive));
    officer_capacity.push_back(day_capped(officers[o].max_meetings_per_day, officer_available[o],
                                          officer_max_consecutive, 1, c));
  }
}

}  // namespace tb::scheduling
