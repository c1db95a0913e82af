// Committee member key files and the key ceremony (SECURITY.md §5.2, CR-03, CR-06).
#include "crypto/member_key.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "crypto/key_ceremony.h"
#include "crypto/random.h"

namespace tb::crypto {
namespace {

// The cheapest limits libsodium allows, so the tests stay fast; one test checks the defaults.
const MemberKeyParams kFast{1, 8192};
constexpr std::string_view kPassphrase = "correct horse battery";

MemberKey OpenOrDie(const MemberKeyFile& file) {
  Result<MemberKey> key = OpenMemberKeyFile(file.json, kPassphrase);
  EXPECT_TRUE(key.ok()) << key.status().ToString();
  return key.ok() ? std::move(key).value() : MemberKey{};
}

TEST(MemberKey, OpensWithItsPassphraseAndMatchesItsPublicKey) {
  Result<MemberKeyFile> file = CreateMemberKeyFile(kPassphrase, kFast);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  MemberKey key = OpenOrDie(*file);
  EXPECT_EQ(key.public_key, file->public_key);
  EXPECT_TRUE(SecretKeyMatches(key.secret_key.span(), file->public_key));
  EXPECT_EQ(MemberKeyFilePublicKey(file->json).value(), file->public_key);
}

TEST(MemberKey, DefaultsAreArgon2idInteractiveLimits) {
  Result<MemberKeyFile> file = CreateMemberKeyFile(kPassphrase);
  ASSERT_TRUE(file.ok());
  const nlohmann::json json = nlohmann::json::parse(file->json);
  EXPECT_EQ(json["v"], 1);
  EXPECT_EQ(json["type"], "tenderbridge-member-key");
  EXPECT_EQ(json["kdf"], "argon2id13");
  EXPECT_EQ(json["opslimit"], 2);
  EXPECT_EQ(json["memlimit"], 67108864);
  EXPECT_EQ(json["public_key"], Base64UrlEncode(file->public_key));
  EXPECT_EQ(DecodeBase64Url(json["salt"].get<std::string>())->size(), 16u);
  EXPECT_EQ(DecodeBase64Url(json["nonce"].get<std::string>())->size(), 24u);
  EXPECT_EQ(DecodeBase64Url(json["secret_box"].get<std::string>())->size(), 48u);
  EXPECT_TRUE(OpenMemberKeyFile(file->json, kPassphrase).ok());
}

TEST(MemberKey, WrongPassphraseIsRefused) {
  Result<MemberKeyFile> file = CreateMemberKeyFile(kPassphrase, kFast);
  ASSERT_TRUE(file.ok());
  Result<MemberKey> key = OpenMemberKeyFile(file->json, "correct horse battery!");
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.status().message(), "wrong passphrase or damaged key file");
}

TEST(MemberKey, PassphraseIsComparedInUnicodeNfcAsTheBrowserDoes) {
  // "café crème" with precomposed é/è, then with e + U+0301 / e + U+0300 typed separately.
  const std::string composed = "caf\xC3\xA9 cr\xC3\xA8me";
  const std::string decomposed = "cafe\xCC\x81 cre\xCC\x80me";
  Result<MemberKeyFile> file = CreateMemberKeyFile(decomposed, kFast);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_TRUE(OpenMemberKeyFile(file->json, composed).ok());
  EXPECT_TRUE(OpenMemberKeyFile(file->json, decomposed).ok());
  EXPECT_FALSE(OpenMemberKeyFile(file->json, "cafe creme").ok());
}

TEST(MemberKey, ShortPassphraseIsRefusedAtCreation) {
  Result<MemberKeyFile> file = CreateMemberKeyFile("1234567", kFast);
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().field(), "passphrase");
}

TEST(MemberKey, MalformedOrHostileFilesAreRefusedByField) {
  Result<MemberKeyFile> file = CreateMemberKeyFile(kPassphrase, kFast);
  ASSERT_TRUE(file.ok());
  const nlohmann::json good = nlohmann::json::parse(file->json);
  const std::string other_public_key = Base64UrlEncode(GenerateX25519KeyPair().public_key);
  struct Row {
    const char* field;
    nlohmann::json value;
  };
  const Row rows[] = {
      {"v", 2},
      {"type", "something-else"},
      {"kdf", "scrypt"},
      {"opslimit", 0},
      {"opslimit", 21},
      {"memlimit", 1073741825},
      {"memlimit", "big"},
      {"salt", "AAAA"},
      {"nonce", "not base64!"},
      {"secret_box", Base64UrlEncode(RandomBytes(47))},
      {"public_key", other_public_key},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(row.field) + " = " + row.value.dump());
    nlohmann::json bad = good;
    bad[row.field] = row.value;
    Result<MemberKey> key = OpenMemberKeyFile(bad.dump(), kPassphrase);
    ASSERT_FALSE(key.ok());
    EXPECT_EQ(key.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(key.status().field(), row.field) << key.status().message();
  }
  EXPECT_FALSE(OpenMemberKeyFile("not json", kPassphrase).ok());
}

class KeyCeremonyTest : public testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 3; ++i) {
      Result<MemberKeyFile> file = CreateMemberKeyFile(kPassphrase, kFast);
      ASSERT_TRUE(file.ok());
      files_.push_back(*file);
      members_.push_back({100 + i, file->public_key});
    }
  }

  std::vector<std::uint8_t> Unseal(std::size_t member, const EnvelopeKeyShares& ceremony) {
    MemberKey key = OpenOrDie(files_[member]);
    Result<LockedBytes> share = UnsealCommitteeShare(key, ceremony.shares[member].sealed_share);
    EXPECT_TRUE(share.ok()) << share.status().ToString();
    if (!share.ok()) return {};
    return {share->data(), share->data() + share->size()};
  }

  std::vector<MemberKeyFile> files_;
  std::vector<CommitteeMemberKey> members_;
};

TEST_F(KeyCeremonyTest, SharesAreSealedToEachMemberInOrder) {
  Result<EnvelopeKeyShares> ceremony = GenerateEnvelopeKeyShares(2, members_);
  ASSERT_TRUE(ceremony.ok()) << ceremony.status().ToString();
  EXPECT_EQ(ceremony->threshold, 2);
  EXPECT_EQ(ceremony->fingerprint, KeyFingerprint(ceremony->public_key));
  EXPECT_EQ(
      ceremony->fingerprint,
      Sha256Hex(std::string_view(reinterpret_cast<const char*>(ceremony->public_key.data()), 32)));
  ASSERT_EQ(ceremony->shares.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(ceremony->shares[i].user_id, members_[i].user_id);
    EXPECT_EQ(ceremony->shares[i].sealed_share.size(), 81u);
    const std::vector<std::uint8_t> share = Unseal(i, *ceremony);
    ASSERT_EQ(share.size(), 33u);
    EXPECT_EQ(share[0], i + 1) << "member i holds x = i + 1";
  }
  // A member cannot open another member's share.
  MemberKey first = OpenOrDie(files_[0]);
  Result<LockedBytes> foreign = UnsealCommitteeShare(first, ceremony->shares[1].sealed_share);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.status().field(), "sealed_share");
}

// CR-06: with n = 3, k = 2, losing any one member's key does not block the opening.
TEST_F(KeyCeremonyTest, AnyTwoMembersRebuildTheKeyAfterLosingTheThird) {
  Result<EnvelopeKeyShares> ceremony = GenerateEnvelopeKeyShares(2, members_);
  ASSERT_TRUE(ceremony.ok());
  for (std::size_t lost = 0; lost < 3; ++lost) {
    SCOPED_TRACE(lost);
    std::vector<std::vector<std::uint8_t>> shares;
    for (std::size_t m = 0; m < 3; ++m) {
      if (m != lost) shares.push_back(Unseal(m, *ceremony));
    }
    EXPECT_TRUE(RecombineEnvelopeKey(shares, ceremony->public_key).ok());
  }
}

// CR-06: re-sharing to a replacement member keeps the public key; the new member and one old
// member then open together.
TEST_F(KeyCeremonyTest, ReshareToAReplacementMemberKeepsThePublicKey) {
  Result<EnvelopeKeyShares> ceremony = GenerateEnvelopeKeyShares(2, members_);
  ASSERT_TRUE(ceremony.ok());
  const std::vector<std::vector<std::uint8_t>> old_shares = {Unseal(0, *ceremony),
                                                             Unseal(1, *ceremony)};
  Result<MemberKeyFile> replacement = CreateMemberKeyFile(kPassphrase, kFast);
  ASSERT_TRUE(replacement.ok());
  files_[2] = *replacement;
  members_[2] = {200, replacement->public_key};
  Result<EnvelopeKeyShares> reshared =
      ReshareEnvelopeKey(old_shares, ceremony->public_key, 2, members_);
  ASSERT_TRUE(reshared.ok()) << reshared.status().ToString();
  EXPECT_EQ(reshared->public_key, ceremony->public_key);
  EXPECT_EQ(reshared->shares[2].user_id, 200);
  const std::vector<std::vector<std::uint8_t>> with_new_member = {Unseal(0, *reshared),
                                                                  Unseal(2, *reshared)};
  EXPECT_TRUE(RecombineEnvelopeKey(with_new_member, ceremony->public_key).ok());
}

TEST_F(KeyCeremonyTest, RefusesCommitteesThatCannotLoseAMemberOrRepeatOne) {
  EXPECT_EQ(GenerateEnvelopeKeyShares(3, members_).status().field(), "threshold");
  EXPECT_EQ(GenerateEnvelopeKeyShares(1, members_).status().field(), "threshold");
  std::vector<CommitteeMemberKey> repeated_user = members_;
  repeated_user[2].user_id = repeated_user[0].user_id;
  EXPECT_EQ(GenerateEnvelopeKeyShares(2, repeated_user).status().field(), "members");
  std::vector<CommitteeMemberKey> repeated_key = members_;
  repeated_key[2].public_key = repeated_key[0].public_key;
  Result<EnvelopeKeyShares> refused = GenerateEnvelopeKeyShares(2, repeated_key);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("same public key"), std::string::npos);
}

TEST(Base64Url, DecodesOnlyUnpaddedUrlSafeText) {
  const std::vector<std::uint8_t> bytes = {0xfb, 0xff, 0x01};
  EXPECT_EQ(Base64UrlEncode(bytes), "-_8B");
  EXPECT_EQ(DecodeBase64Url("-_8B").value(), bytes);
  EXPECT_FALSE(DecodeBase64Url("+/8B").ok());
  EXPECT_FALSE(DecodeBase64Url("-_8=").ok());
  EXPECT_FALSE(DecodeBase64Url("-_8B ").ok());
  EXPECT_FALSE(DecodeBase64Url("-_9").ok()) << "non-zero trailing bits";
  EXPECT_TRUE(DecodeBase64Url("").value().empty());
  EXPECT_FALSE(ParseX25519PublicKey(Base64UrlEncode(RandomBytes(31))).ok());
}

}  // namespace
}  // namespace tb::crypto
