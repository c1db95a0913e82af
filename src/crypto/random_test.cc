#include "crypto/random.h"

#include <gtest/gtest.h>

#include <unordered_set>

namespace tb::crypto {
namespace {

TEST(RandomToken, Is43Base64UrlCharactersFor32Bytes) {
  const std::string token = RandomToken(32);
  EXPECT_EQ(token.size(), 43u);  // ceil(32 * 8 / 6), no padding
  for (char c : token) {
    EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << c;
  }
}

TEST(RandomToken, RepeatsNoneOfTenThousand) {
  std::unordered_set<std::string> seen;
  for (int i = 0; i < 10'000; ++i) seen.insert(RandomToken(32));
  EXPECT_EQ(seen.size(), 10'000u);
}

TEST(Sha256Hex, MatchesTheFips180Vectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ConstantTimeEquals, ComparesContentAndLength) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
}

TEST(Base64Url, EncodesWithoutPaddingInTheUrlAlphabet) {
  const std::uint8_t data[] = {0xfb, 0xff, 0xbf};
  EXPECT_EQ(Base64UrlEncode(data), "-_-_");
  const std::uint8_t f[] = {'f'};
  EXPECT_EQ(Base64UrlEncode(f), "Zg");
}

}  // namespace
}  // namespace tb::crypto
