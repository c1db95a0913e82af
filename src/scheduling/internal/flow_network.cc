// Compiled as C++17: LEMON 1.3.1's ArrayMap does not build under C++20 (../shared/STACK.md).
#include "scheduling/internal/flow_network.h"

#include <lemon/network_simplex.h>
#include <lemon/preflow.h>
#include <lemon/smart_graph.h>

namespace tb::scheduling::internal {
namespace {

struct LemonGraph {
  lemon::SmartDigraph graph;
  std::vector<lemon::SmartDigraph::Node> nodes;
};

}  // namespace

std::int64_t FlowNetwork::MaxFlow(int source, int sink) const {
  LemonGraph g;
  g.graph.reserveNode(node_count_);
  g.graph.reserveArc(static_cast<int>(arcs_.size()));
  for (int i = 0; i < node_count_; ++i) g.nodes.push_back(g.graph.addNode());
  lemon::SmartDigraph::ArcMap<std::int64_t> capacity(g.graph);
  for (const Arc& arc : arcs_) {
    capacity[g.graph.addArc(g.nodes[arc.from], g.nodes[arc.to])] = arc.capacity;
  }
  lemon::Preflow<lemon::SmartDigraph, lemon::SmartDigraph::ArcMap<std::int64_t>> preflow(
      g.graph, capacity, g.nodes[source], g.nodes[sink]);
  preflow.runMinCut();
  return preflow.flowValue();
}

std::int64_t FlowNetwork::MaxFlowReversed(int source, int sink) const {
  FlowNetwork reversed;
  reversed.node_count_ = node_count_;
  reversed.arcs_.reserve(arcs_.size());
  for (const Arc& arc : arcs_) reversed.arcs_.push_back({arc.to, arc.from, arc.capacity, arc.cost});
  return reversed.MaxFlow(sink, source);
}

std::int64_t FlowNetwork::MaxWeightFlow(int source, int sink) const {
  LemonGraph g;
  g.graph.reserveNode(node_count_);
  g.graph.reserveArc(static_cast<int>(arcs_.size()) + 1);
  for (int i = 0; i < node_count_; ++i) g.nodes.push_back(g.graph.addNode());
  lemon::SmartDigraph::ArcMap<std::int64_t> capacity(g.graph), cost(g.graph);
  std::int64_t out_of_source = 0;
  for (const Arc& arc : arcs_) {
    auto a = g.graph.addArc(g.nodes[arc.from], g.nodes[arc.to]);
    capacity[a] = arc.capacity;
    cost[a] = arc.cost;
    if (arc.from == source) out_of_source += arc.capacity;
  }
  // The return arc turns "flow of any value" into a circulation; its capacity cannot bind.
  auto back = g.graph.addArc(g.nodes[sink], g.nodes[source]);
  capacity[back] = out_of_source;
  cost[back] = 0;
  lemon::NetworkSimplex<lemon::SmartDigraph, std::int64_t, std::int64_t> simplex(g.graph);
  simplex.upperMap(capacity).costMap(cost);
  simplex.run();
  return -simplex.totalCost();
}

}  // namespace tb::scheduling::internal
