#include "crypto/password_hash.h"

#include <gtest/gtest.h>

namespace tb::crypto {
namespace {

TEST(PasswordHash, IsArgon2idWithOwaspMinimumCost) {
  Result<std::string> hash = HashPassword("correct horse battery staple");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << *hash;
}

TEST(PasswordHash, VerifiesTheRightPasswordOnly) {
  Result<std::string> hash = HashPassword("correct horse battery staple");
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery staple"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse battery stapl"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
  EXPECT_FALSE(VerifyPassword("not a hash", "correct horse battery staple"));
  EXPECT_FALSE(VerifyPassword("", ""));
}

TEST(PasswordHash, NoTruncation) {
  const std::string long_password(128, 'x');
  Result<std::string> hash = HashPassword(long_password);
  ASSERT_TRUE(hash.ok());
  EXPECT_FALSE(VerifyPassword(*hash, long_password.substr(0, 127) + "y"));
  EXPECT_TRUE(VerifyPassword(*hash, long_password));
}

TEST(PasswordHash, SamePasswordGetsADifferentSalt) {
  Result<std::string> a = HashPassword("same password here");
  Result<std::string> b = HashPassword("same password here");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
}

TEST(PasswordHash, NeedsRehashWhenTheCostChanged) {
  Result<std::string> weak = HashPassword("some password 1", {.memory_kib = 8192, .iterations = 1});
  ASSERT_TRUE(weak.ok());
  EXPECT_TRUE(PasswordHashNeedsRehash(*weak));
  Result<std::string> current = HashPassword("some password 1");
  ASSERT_TRUE(current.ok());
  EXPECT_FALSE(PasswordHashNeedsRehash(*current));
  EXPECT_TRUE(PasswordHashNeedsRehash("$2y$10$bcrypthash"));
}

}  // namespace
}  // namespace tb::crypto
