#pragma once

#include <cstdint>
#include <vector>

namespace tb::scheduling::internal {

// A directed network with integer capacities and costs. The algorithms run on LEMON
// (flow_network.cc, compiled as C++17), which stays out of every header.
class FlowNetwork {
 public:
  int AddNode() { return node_count_++; }
  void AddArc(int from, int to, std::int64_t capacity, std::int64_t cost = 0) {
    arcs_.push_back({from, to, capacity, cost});
  }
  int node_count() const { return node_count_; }
  std::size_t arc_count() const { return arcs_.size(); }

  // Maximum flow value from `source` to `sink` (LEMON Preflow).
  std::int64_t MaxFlow(int source, int sink) const;
  // The same value computed on the reversed network from `sink` to `source`; push-relabel
  // is much faster this way when the source side is wide and the sink side narrow.
  std::int64_t MaxFlowReversed(int source, int sink) const;
  // The largest total of (-cost x flow) over all flows from `source` to `sink` of any value:
  // a min-cost circulation with a free return arc (LEMON NetworkSimplex).
  std::int64_t MaxWeightFlow(int source, int sink) const;

 private:
  struct Arc {
    int from, to;
    std::int64_t capacity, cost;
  };
  int node_count_ = 0;
  std::vector<Arc> arcs_;
};

}  // namespace tb::scheduling::internal
