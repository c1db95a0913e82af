#include "scheduling/exact.h"

#include <gtest/gtest.h>

#include "scheduling/checker.h"
#include "scheduling/json_io.h"
#include "scheduling/testing/small_instance.h"

namespace tb::scheduling {
namespace {

// All four requests fit (weight 7) and fairness reaches its bound of 3: objective 10·3 + 7.
TEST(ExactTest, SolvesTheSmallInstanceToOptimality) {
  Result<Instance> instance = ParseInstance(testing::SmallInstanceJson());
  ASSERT_TRUE(instance.ok());
  const Problem& p = instance->problem;
  ExactOptions options;
  options.time_limit_seconds = 30;
  options.threads = 1;
  Result<ExactResult> result = SolveExact(p, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_TRUE(result->proven_optimal);
  EXPECT_DOUBLE_EQ(result->objective, 37);
  EXPECT_DOUBLE_EQ(result->gap, 0);
  const CheckReport r = CheckSchedule(p, ToScheduleFile(p, result->schedule), ComputeBounds(p));
  EXPECT_TRUE(r.feasible) << (r.errors.empty() ? "" : r.errors[0]);
  EXPECT_EQ(r.weight, 7);
}

TEST(ExactTest, RefusesModelsAboveTheColumnLimit) {
  Result<Instance> instance = ParseInstance(testing::SmallInstanceJson());
  ASSERT_TRUE(instance.ok());
  ExactOptions options;
  options.max_columns = 3;
  EXPECT_EQ(SolveExact(instance->problem, options).status().code(), StatusCode::kResourceExhausted);
}

}  // namespace
}  // namespace tb::scheduling
