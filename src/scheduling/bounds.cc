#include "scheduling/bounds.h"

#include <algorithm>
#include <future>
#include <map>

#include "scheduling/internal/flow_network.h"

namespace tb::scheduling {
namespace {

using internal::FlowNetwork;

enum class NetworkKind { kPlain, kSupplierTime, kOfficerTime };

struct BuiltNetwork {
  FlowNetwork network;
  int source = 0;
  int sink = 0;
};

// The networks of meetings_gen.py's _network(): source -> supplier (c_s, or min(c_s, k) for
// the fairness bound) -> request (1, cost -w when weighted) -> officer (c_o) -> sink, with a
// pair node of capacity 1 where two requests of one supplier reach the same officer, and the
// per-slot layers of the time networks.
BuiltNetwork BuildNetwork(const Problem& p, const std::vector<int>& room, NetworkKind kind,
                          bool weighted, int capacity_override) {
  BuiltNetwork built;
  FlowNetwork& g = built.network;
  built.source = g.AddNode();
  built.sink = g.AddNode();
  std::vector<int> slot_node;
  std::map<std::pair<int, int>, int> group_slot_node;
  if (kind == NetworkKind::kSupplierTime) {
    for (int t = 0; t < p.slot_count(); ++t) {
      slot_node.push_back(g.AddNode());
      g.AddArc(built.source, slot_node[t], room[t]);
    }
  }
  auto supplier_source = [&](int s) {
    if (kind != NetworkKind::kSupplierTime) return built.source;
    const int node_in = g.AddNode();
    const int group = p.group_of_supplier[s];
    for (int t : p.suppliers[s].available_slots) {
      if (group < 0) {
        g.AddArc(slot_node[t], node_in, p.suppliers[s].delegates);
      } else {
        auto [it, inserted] = group_slot_node.emplace(std::make_pair(group, t), 0);
        if (inserted) {
          it->second = g.AddNode();
          g.AddArc(slot_node[t], it->second, p.groups[group].max_parallel);
        }
        g.AddArc(it->second, node_in, p.suppliers[s].delegates);
      }
    }
    return node_in;
  };

  std::vector<int> officer_in;
  for (int o = 0; o < p.officer_count(); ++o) officer_in.push_back(g.AddNode());
  std::vector<int> reach(p.officer_count(), 0), pair_node(p.officer_count(), -1);
  for (int s = 0; s < p.supplier_count(); ++s) {
    const std::vector<int>& reqs = p.schedulable_of_supplier[s];
    if (reqs.empty()) continue;
    const int cap = capacity_override < 0 ? p.supplier_capacity[s]
                                          : std::min(p.supplier_capacity[s], capacity_override);
    if (cap <= 0) continue;
    const int node_s = g.AddNode();
    g.AddArc(supplier_source(s), node_s, cap);
    for (int q : reqs) {
      for (int o : p.schedulable[q].eligible) ++reach[o];
    }
    for (int q : reqs) {
      const int request_node = g.AddNode();
      g.AddArc(node_s, request_node, 1, weighted ? -p.schedulable[q].weight : 0);
      for (int o : p.schedulable[q].eligible) {
        if (reach[o] > 1) {
          if (pair_node[o] < 0) {
            pair_node[o] = g.AddNode();
            g.AddArc(pair_node[o], officer_in[o], 1);
          }
          g.AddArc(request_node, pair_node[o], 1);
        } else {
          g.AddArc(request_node, officer_in[o], 1);
        }
      }
    }
    for (int q : reqs) {
      for (int o : p.schedulable[q].eligible) {
        reach[o] = 0;
        pair_node[o] = -1;
      }
    }
  }

  if (kind == NetworkKind::kOfficerTime) {
    slot_node.clear();
    for (int t = 0; t < p.slot_count(); ++t) {
      slot_node.push_back(g.AddNode());
      g.AddArc(slot_node[t], built.sink, room[t]);
    }
    for (int o = 0; o < p.officer_count(); ++o) {
      const int out = g.AddNode();
      g.AddArc(officer_in[o], out, p.officer_capacity[o]);
      for (int t : p.officers[o].available_slots) g.AddArc(out, slot_node[t], 1);
    }
  } else {
    for (int o = 0; o < p.officer_count(); ++o)
      g.AddArc(officer_in[o], built.sink, p.officer_capacity[o]);
  }
  return built;
}

}  // namespace

std::vector<int> SlotRoom(const Problem& p) {
  std::vector<int> room;
  for (int t = 0; t < p.slot_count(); ++t) {
    int officers = 0;
    for (int o = 0; o < p.officer_count(); ++o) officers += p.officer_available[o][t] ? 1 : 0;
    int delegates = 0;
    std::vector<int> group_load(p.groups.size(), 0);
    for (int s = 0; s < p.supplier_count(); ++s) {
      if (!p.supplier_available[s][t] || p.schedulable_of_supplier[s].empty()) continue;
      if (p.group_of_supplier[s] < 0) {
        delegates += p.suppliers[s].delegates;
      } else {
        group_load[p.group_of_supplier[s]] += p.suppliers[s].delegates;
      }
    }
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
      delegates += std::min(group_load[g], p.groups[g].max_parallel);
    }
    int cap = std::min(officers, delegates);
    if (p.pooled_tables) cap = std::min(cap, static_cast<int>(p.tables.size()));
    room.push_back(cap);
  }
  return room;
}

Bounds ComputeBounds(const Problem& p) {
  Bounds b;
  const std::vector<int> room = SlotRoom(p);
  b.schedulable_requests = static_cast<std::int64_t>(p.schedulable.size());
  for (const Schedulable& q : p.schedulable)
    b.schedulable_requests_with_common_slot += q.eligible.empty() ? 0 : 1;
  for (int c : p.supplier_capacity) b.ub_supplier_capacity += c;
  for (int c : p.officer_capacity) b.ub_officer_capacity += c;
  for (int r : room) b.ub_slot_room += r;

  // Reversed, push-relabel starts from the narrow officer side: 10x faster on the
  // supplier-time network. The weighted pair runs on a second thread (goal A-G1's time).
  auto max_flow = [&](NetworkKind kind, int capacity_override) {
    BuiltNetwork n = BuildNetwork(p, room, kind, false, capacity_override);
    return n.network.MaxFlowReversed(n.source, n.sink);
  };
  auto max_weight = [&](NetworkKind kind) {
    BuiltNetwork n = BuildNetwork(p, room, kind, true, -1);
    return n.network.MaxWeightFlow(n.source, n.sink);
  };
  std::future<std::int64_t> weight = std::async(std::launch::async, [&] {
    return std::min(max_weight(NetworkKind::kSupplierTime), max_weight(NetworkKind::kOfficerTime));
  });
  b.ub_flow_plain = max_flow(NetworkKind::kPlain, -1);
  b.ub_flow_supplier_time = max_flow(NetworkKind::kSupplierTime, -1);
  b.ub_flow_officer_time = max_flow(NetworkKind::kOfficerTime, -1);
  b.ub_count = std::min({b.ub_flow_supplier_time, b.ub_flow_officer_time, b.ub_slot_room});
  b.ub_fairness_sum = max_flow(NetworkKind::kSupplierTime, p.fairness_k);
  b.ub_weight = weight.get();
  b.fairness_target_sum = static_cast<std::int64_t>(p.fairness_k) * p.supplier_count();
  for (int c : p.supplier_capacity) b.suppliers_that_could_reach_k += c >= p.fairness_k ? 1 : 0;
  return b;
}

}  // namespace tb::scheduling
