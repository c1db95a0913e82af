#include "core/unspsc.h"

#include <gtest/gtest.h>

namespace tb {
namespace {

TEST(UnspscCode, ParsesEveryDepth) {
  struct Case {
    const char* input;
    bool ok;
    const char* code;
    UnspscCode::Level level;
  } cases[] = {
      {"43", true, "43000000", UnspscCode::Level::kSegment},
      {"4321", true, "43210000", UnspscCode::Level::kFamily},
      {"432115", true, "43211500", UnspscCode::Level::kClass},
      {"43211503", true, "43211503", UnspscCode::Level::kCommodity},
      {" 43211500 ", true, "43211500", UnspscCode::Level::kClass},
      {"4321150300", true, "43211503", UnspscCode::Level::kCommodity},
      {"432", false, "", {}},
      {"4321150x", false, "", {}},
      {"00000000", false, "", {}},
      {"", false, "", {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input);
    Result<UnspscCode> code = UnspscCode::Parse(c.input);
    ASSERT_EQ(code.ok(), c.ok);
    if (!c.ok) continue;
    EXPECT_EQ(code->ToString(), c.code);
    EXPECT_EQ(code->level(), c.level);
  }
}

TEST(UnspscCode, KnowsItsAncestors) {
  const UnspscCode computer = *UnspscCode::Parse("43211503");
  EXPECT_EQ(computer.Parent().ToString(), "43211500");
  EXPECT_EQ(computer.Parent().Parent().ToString(), "43210000");
  EXPECT_EQ(computer.Parent().Parent().Parent().ToString(), "43000000");
  EXPECT_EQ(computer.Parent().Parent().Parent().Parent().ToString(), "43000000");
  EXPECT_EQ(computer.Parent().Prefix(), "432115");
  EXPECT_TRUE(UnspscCode::Parse("43")->Contains(computer));
  EXPECT_FALSE(UnspscCode::Parse("44")->Contains(computer));
  EXPECT_FALSE(computer.Contains(*UnspscCode::Parse("43")));
}

}  // namespace
}  // namespace tb
