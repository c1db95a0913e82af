#include "auth/password_policy.h"

#include <gtest/gtest.h>

#include <limits>

namespace tb::auth {
namespace {

constexpr std::size_t kInvalid = std::numeric_limits<std::size_t>::max();

TEST(CountCodePoints, CountsCharactersNotBytes) {
  EXPECT_EQ(CountCodePoints(""), 0u);
  EXPECT_EQ(CountCodePoints("abc"), 3u);
  EXPECT_EQ(CountCodePoints("é"), 1u);
  EXPECT_EQ(CountCodePoints("密码"), 2u);
  EXPECT_EQ(CountCodePoints("🔒🔑"), 2u);
  EXPECT_EQ(CountCodePoints("كلمة"), 4u);
}

TEST(CountCodePoints, RefusesMalformedUtf8) {
  EXPECT_EQ(CountCodePoints("\xC3"), kInvalid) << "truncated";
  EXPECT_EQ(CountCodePoints("\xC0\xAF"), kInvalid) << "overlong '/'";
  EXPECT_EQ(CountCodePoints("\xED\xA0\x80"), kInvalid) << "surrogate";
  EXPECT_EQ(CountCodePoints("\xF4\x90\x80\x80"), kInvalid) << "above U+10FFFF";
  EXPECT_EQ(CountCodePoints("\xFF"), kInvalid);
}

TEST(PasswordPolicy, DefaultListIsTheShippedTenThousand) {
  // data/common-passwords/top-10k.txt has 10,000 distinct lines (SOURCE.md).
  EXPECT_EQ(PasswordPolicy::Default().common_count(), 10'000u);
  EXPECT_TRUE(PasswordPolicy::Default().IsCommon("password"));
  EXPECT_TRUE(PasswordPolicy::Default().IsCommon("PassWord")) << "ASCII case is ignored";
  EXPECT_FALSE(PasswordPolicy::Default().IsCommon("violet tractor on the hill"));
}

TEST(PasswordPolicy, CommonIsReportedBeforeLength) {
  const PasswordPolicy policy("qwerty\nletmein please now\r\n\n");
  EXPECT_EQ(policy.common_count(), 2u);
  EXPECT_EQ(policy.Check("qwerty").message(), PasswordPolicy::kCommonMessage);
  EXPECT_EQ(policy.Check("LETMEIN please now").message(), PasswordPolicy::kCommonMessage);
  EXPECT_EQ(policy.Check("short").message(), PasswordPolicy::kTooShortMessage);
  EXPECT_EQ(policy.Check("short").field(), "password");
  EXPECT_EQ(policy.Check("\xFF\xFE long enough bytes").message(), PasswordPolicy::kNotUtf8Message);
}

}  // namespace
}  // namespace tb::auth
