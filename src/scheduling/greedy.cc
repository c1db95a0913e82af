#include "scheduling/greedy.h"

#include <algorithm>
#include <deque>
#include <random>

namespace tb::scheduling {

void RunGreedy(ScheduleState& state, std::uint64_t seed) {
  const Problem& p = state.problem();
  std::mt19937_64 rng(seed);
  std::vector<std::deque<int>> queue(p.supplier_count());
  for (int s = 0; s < p.supplier_count(); ++s) {
    std::vector<int> reqs;
    for (int q : p.schedulable_of_supplier[s]) {
      if (!state.scheduled(q)) reqs.push_back(q);
    }
    std::stable_sort(reqs.begin(), reqs.end(), [&](int a, int b) {
      return p.schedulable[a].weight > p.schedulable[b].weight;
    });
    queue[s].assign(reqs.begin(), reqs.end());
  }
  std::vector<int> order, officers;
  while (true) {
    order.clear();
    for (int s = 0; s < p.supplier_count(); ++s) {
      if (!queue[s].empty()) order.push_back(s);
    }
    if (order.empty()) break;
    std::shuffle(order.begin(), order.end(), rng);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
      return state.supplier_count(a) < state.supplier_count(b);
    });
    for (int s : order) {
      while (!queue[s].empty()) {
        const int q = queue[s].front();
        queue[s].pop_front();
        officers = p.schedulable[q].eligible;
        std::sort(officers.begin(), officers.end(), [&](int a, int b) {
          return state.officer_count(a) != state.officer_count(b)
                     ? state.officer_count(a) < state.officer_count(b)
                     : a < b;
        });
        bool placed = false;
        for (int o : officers) {
          for (int t : p.officers[o].available_slots) {
            if (!p.supplier_available[s][t]) continue;
            if (state.Check(q, o, t) == Violation::kNone) {
              state.Add(q, o, t);
              placed = true;
              break;
            }
          }
          if (placed) break;
        }
        if (placed) break;
      }
    }
  }
}

}  // namespace tb::scheduling
