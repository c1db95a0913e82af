#include "crypto/totp.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tb::crypto {
namespace {

std::vector<std::uint8_t> Bytes(std::string_view text) {
  return std::vector<std::uint8_t>(text.begin(), text.end());
}

// RFC 4648 §10 test vectors.
struct Base32Row {
  std::string_view plain;
  std::string_view encoded;
};
constexpr Base32Row kBase32Rows[] = {
    {"", ""},
    {"f", "MY======"},
    {"fo", "MZXQ===="},
    {"foo", "MZXW6==="},
    {"foob", "MZXW6YQ="},
    {"fooba", "MZXW6YTB"},
    {"foobar", "MZXW6YTBOI======"},
};

TEST(Base32, EncodesTheRfc4648Vectors) {
  for (const Base32Row& row : kBase32Rows) {
    SCOPED_TRACE(row.plain);
    EXPECT_EQ(Base32Encode(Bytes(row.plain), /*pad=*/true), row.encoded);
  }
}

TEST(Base32, DecodesTheRfc4648VectorsPaddedUnpaddedAndLowerCase) {
  for (const Base32Row& row : kBase32Rows) {
    SCOPED_TRACE(row.encoded);
    std::string unpadded(row.encoded.substr(0, row.encoded.find('=')));
    std::string lower = unpadded;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const std::string& text : {std::string(row.encoded), unpadded, lower}) {
      Result<std::vector<std::uint8_t>> decoded = Base32Decode(text);
      ASSERT_TRUE(decoded.ok()) << text;
      EXPECT_EQ(*decoded, Bytes(row.plain));
    }
  }
}

TEST(Base32, RefusesForeignCharactersAndImpossibleLengths) {
  EXPECT_FALSE(Base32Decode("MZXW1").ok()) << "1 is not in the alphabet";
  EXPECT_FALSE(Base32Decode("MZXW6=YQ").ok()) << "data after padding";
  EXPECT_FALSE(Base32Decode("M").ok()) << "one symbol cannot hold a byte";
  EXPECT_FALSE(Base32Decode("MZX").ok());
}

// RFC 4226 Appendix D: HOTP of the ASCII secret "12345678901234567890", counters 0..9.
TEST(Hotp, MatchesRfc4226AppendixD) {
  const std::vector<std::uint8_t> key = Bytes("12345678901234567890");
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t counter = 0; counter < 10; ++counter) {
    SCOPED_TRACE(counter);
    EXPECT_EQ(Hotp(key, counter), expected[counter]);
  }
}

// RFC 6238 Appendix B, the SHA-1 rows (8 digits, seed "12345678901234567890").
TEST(Totp, MatchesRfc6238AppendixBSha1Vectors) {
  const std::vector<std::uint8_t> key = Bytes("12345678901234567890");
  struct Row {
    std::int64_t time;
    std::string_view code;
  };
  const Row rows[] = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.time);
    EXPECT_EQ(TotpCode(key, row.time, 8), row.code);
  }
}

TEST(Totp, MatchReturnsTheStepWithinTheWindowOnly) {
  const std::vector<std::uint8_t> key = Bytes("12345678901234567890");
  const std::int64_t now = 1234567890;
  const std::int64_t step = TotpStep(now);
  EXPECT_EQ(MatchTotp(key, TotpCode(key, now), now), step);
  EXPECT_EQ(MatchTotp(key, TotpCode(key, now - 30), now), step - 1);
  EXPECT_EQ(MatchTotp(key, TotpCode(key, now + 30), now), step + 1);
  EXPECT_EQ(MatchTotp(key, TotpCode(key, now - 60), now), std::nullopt);
  EXPECT_EQ(MatchTotp(key, "12345", now), std::nullopt) << "too short";
  EXPECT_EQ(MatchTotp(key, "12345a", now), std::nullopt) << "not digits";
}

TEST(Totp, OtpauthUriHasTheFieldsAppsRead) {
  EXPECT_EQ(OtpauthUri("TenderBridge", "ana@example.org", "JBSWY3DPEHPK3PXP"),
            "otpauth://totp/TenderBridge:ana%40example.org?secret=JBSWY3DPEHPK3PXP"
            "&issuer=TenderBridge&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace tb::crypto
