#include "scheduling/bounds.h"

#include <gtest/gtest.h>

#include "scheduling/testing/instances.h"
#include "scheduling/testing/small_instance.h"

namespace tb::scheduling {
namespace {

// The committed instances carry the tool's own `bounds` (meetings_gen.py gen); every key must
// come out the same from the LEMON networks (goal A-G1).
class ToolBoundsTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ToolBoundsTest, EveryKeyEqualsTheTool) {
  const Instance instance = testing::LoadCommitted(GetParam());
  ASSERT_TRUE(instance.bounds.has_value());
  const Bounds& tool = *instance.bounds;
  const Bounds ours = ComputeBounds(instance.problem);
  EXPECT_EQ(ours.schedulable_requests, tool.schedulable_requests);
  EXPECT_EQ(ours.schedulable_requests_with_common_slot, tool.schedulable_requests_with_common_slot);
  EXPECT_EQ(ours.ub_supplier_capacity, tool.ub_supplier_capacity);
  EXPECT_EQ(ours.ub_officer_capacity, tool.ub_officer_capacity);
  EXPECT_EQ(ours.ub_slot_room, tool.ub_slot_room);
  EXPECT_EQ(ours.ub_flow_plain, tool.ub_flow_plain);
  EXPECT_EQ(ours.ub_flow_supplier_time, tool.ub_flow_supplier_time);
  EXPECT_EQ(ours.ub_flow_officer_time, tool.ub_flow_officer_time);
  EXPECT_EQ(ours.ub_count, tool.ub_count);
  EXPECT_EQ(ours.ub_weight, tool.ub_weight);
  EXPECT_EQ(ours.ub_fairness_sum, tool.ub_fairness_sum);
  EXPECT_EQ(ours.fairness_target_sum, tool.fairness_target_sum);
  EXPECT_EQ(ours.suppliers_that_could_reach_k, tool.suppliers_that_could_reach_k);
}

INSTANTIATE_TEST_SUITE_P(CommittedInstances, ToolBoundsTest,
                         ::testing::Values("ips2024-seed1", "ips2024-seed2", "ips2024-seed3",
                                           "ips2024-seed4", "ips2024-seed5", "ips2024-tight-seed1"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) c = c == '-' ? '_' : c;
                           return name;
                         });

// The anchors of ALGORITHMS.md A.9, so a regenerated file with different bounds is noticed.
TEST(ToolBoundsTest, SeedOneMatchesThePublishedAnchors) {
  const Bounds b = ComputeBounds(testing::LoadCommitted("ips2024-seed1").problem);
  EXPECT_EQ(b.ub_count, 1057);
  EXPECT_EQ(b.ub_weight, 2400);
  EXPECT_EQ(b.ub_fairness_sum, 598);
  EXPECT_EQ(b.fairness_target_sum, 600);
}

}  // namespace
}  // namespace tb::scheduling

namespace tb::scheduling {
namespace {

// Hand-checked (testing/small_instance.h): c_S1 = min(10, κ = 4, 3 requests) = 3 and c_S2 =
// min(10, 2 delegates x κ(3 slots) = 4, 1 request) = 1; officers 4 + 4 + 4; room per slot
// 2, 3, 3, 1, 1, 1; all four requests fit (weight 3 + 2 + 1 + 1); fairness k = 2 gives 2 + 1.
TEST(SmallInstanceBoundsTest, HandCheckedFigures) {
  Result<Instance> instance = ParseInstance(testing::SmallInstanceJson());
  ASSERT_TRUE(instance.ok()) << instance.status().ToString();
  const Problem& p = instance->problem;
  EXPECT_EQ(p.supplier_capacity, (std::vector<int>{3, 1}));
  EXPECT_EQ(p.officer_capacity, (std::vector<int>{4, 4, 4}));
  EXPECT_EQ(SlotRoom(p), (std::vector<int>{2, 3, 3, 1, 1, 1}));
  const Bounds b = ComputeBounds(p);
  EXPECT_EQ(b.schedulable_requests, 4);
  EXPECT_EQ(b.ub_slot_room, 11);
  EXPECT_EQ(b.ub_count, 4);
  EXPECT_EQ(b.ub_weight, 7);
  EXPECT_EQ(b.ub_fairness_sum, 3);
  EXPECT_EQ(b.fairness_target_sum, 4);
  EXPECT_EQ(b.suppliers_that_could_reach_k, 1);
}

// Pooled with two tables: the room of slots 1 and 2 drops from 3 to 2.
TEST(SmallInstanceBoundsTest, PooledTablesCapTheRoom) {
  Result<Instance> instance = ParseInstance(testing::SmallInstanceJson("pooled"));
  ASSERT_TRUE(instance.ok()) << instance.status().ToString();
  EXPECT_EQ(SlotRoom(instance->problem), (std::vector<int>{2, 2, 2, 1, 1, 1}));
}

// The pair node: when all three requests of S1 name O1, S1 still meets O1 at most once.
TEST(SmallInstanceBoundsTest, PairNodeLimitsOneMeetingPerOfficer) {
  std::string json = testing::SmallInstanceJson();
  // Make every request target O1 by name.
  for (const char* from : {R"("type": "officer", "id": "O2")", R"("type": "agency", "id": "A")"}) {
    for (std::size_t at = json.find(from); at != std::string::npos; at = json.find(from)) {
      json.replace(at, std::string(from).size(), R"("type": "officer", "id": "O1")");
    }
  }
  Result<Instance> instance = ParseInstance(json);
  ASSERT_TRUE(instance.ok()) << instance.status().ToString();
  const Bounds b = ComputeBounds(instance->problem);
  EXPECT_EQ(b.ub_flow_plain, 2);  // S1 once with O1 (pair node), S2 once
  EXPECT_EQ(b.ub_weight, 3 + 1);  // S1's heaviest (R1) plus S2's R4
}

}  // namespace
}  // namespace tb::scheduling
