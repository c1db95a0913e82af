#include "core/text.h"

#include <gtest/gtest.h>

namespace tb::text {
namespace {

TEST(Text, CollapsesWhitespaceAcrossLines) {
  EXPECT_EQ(CollapseWhitespace("  07-Mar-2024 17:00\n  New York time "), "07-Mar-2024 17:00 New York time");
}

TEST(Text, ValidatesAndRepairsUtf8) {
  EXPECT_TRUE(IsValidUtf8("疫苗 vacunas"));
  EXPECT_FALSE(IsValidUtf8("\xC3\x28"));
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // a UTF-16 surrogate
  EXPECT_EQ(SanitizeUtf8("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
}

TEST(Text, CaseInsensitiveHelpers) {
  EXPECT_TRUE(StartsWithIgnoreCase("RFQ/2024/1", "rfq"));
  EXPECT_TRUE(ContainsIgnoreCase("Amendment 2", "AMENDMENT"));
  EXPECT_EQ(Split("a,,b", ',').size(), 3u);
}

}  // namespace
}  // namespace tb::text
