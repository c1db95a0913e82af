#include "core/status.h"

#include <gtest/gtest.h>

#include "core/result.h"

namespace tb {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return Status::InvalidArgument("odd").WithField("n");
  return n / 2;
}

Result<int> Quarter(int n) {
  TB_ASSIGN_OR_RETURN(int half, Half(n));
  TB_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

TEST(Status, CarriesCodeMessageAndField) {
  Status s = Status::NotFound("no notice 7").WithField("id");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.ToString(), "not_found: no notice 7 (field: id)");
  EXPECT_EQ(s.WithContext("a.csv:3").message(), "a.csv:3: no notice 7");
}

TEST(Result, AssignOrReturnPropagatesTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "n");
  EXPECT_EQ(Quarter(7).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tb
