// Shamir shares in libgfshare's format (SECURITY.md CR-03 (c), CR-05, CR-06).
#include "crypto/shamir.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "crypto/key_ceremony.h"
#include "crypto/random.h"
#include "crypto/sealing.h"

namespace tb::crypto {
namespace {

namespace fs = std::filesystem;
using Share = std::vector<std::uint8_t>;

std::vector<std::uint8_t> Bytes(const LockedBytes& locked) {
  return {locked.data(), locked.data() + locked.size()};
}

// Every subset of `size` indices out of 0..n-1, in lexicographic order.
std::vector<std::vector<std::size_t>> Subsets(std::size_t n, std::size_t size) {
  std::vector<std::vector<std::size_t>> subsets;
  for (unsigned mask = 0; mask < (1u << n); ++mask) {
    if (static_cast<std::size_t>(__builtin_popcount(mask)) != size) continue;
    std::vector<std::size_t> subset;
    for (std::size_t i = 0; i < n; ++i) {
      if (mask & (1u << i)) subset.push_back(i);
    }
    subsets.push_back(subset);
  }
  return subsets;
}

std::vector<Share> Pick(const std::vector<Share>& shares, const std::vector<std::size_t>& which) {
  std::vector<Share> picked;
  for (std::size_t i : which) picked.push_back(shares[i]);
  return picked;
}

fs::path SourceDir() {
  const char* dir = std::getenv("TB_SOURCE_DIR");
  return dir != nullptr ? fs::path(dir) : fs::current_path();
}

std::vector<std::uint8_t> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

TEST(Shamir, SharesAreXOneToNFollowedBySecretSizedValues) {
  const std::vector<std::uint8_t> secret = RandomBytes(32);
  Result<std::vector<Share>> shares = SplitSecret(secret, 2, 3);
  ASSERT_TRUE(shares.ok());
  ASSERT_EQ(shares->size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ((*shares)[i].size(), 33u);
    EXPECT_EQ((*shares)[i][0], i + 1);
  }
}

// Coefficients come from libsodium's CSPRNG (gfshare_fill_rand set by us, SECURITY.md §5.2):
// the same secret split twice gives different shares.
TEST(Shamir, SplittingTwiceGivesDifferentShares) {
  const std::vector<std::uint8_t> secret(32, 0x42);
  Result<std::vector<Share>> first = SplitSecret(secret, 2, 3);
  Result<std::vector<Share>> second = SplitSecret(secret, 2, 3);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE((*first)[0], (*second)[0]);
  EXPECT_NE((*first)[0], Share(33, 0x42)) << "a share must not reveal the secret";
}

struct SubsetCase {
  int threshold;
  int count;
};

class ShamirSubsets : public testing::TestWithParam<SubsetCase> {};

// CR-03 (c): every k-subset of the n shares rebuilds the key (all C(n,k)), and every
// (k-1)-subset gives something that is not the key.
TEST_P(ShamirSubsets, EveryThresholdSubsetRebuildsTheKeyAndNoSmallerOneDoes) {
  const auto [threshold, count] = GetParam();
  X25519KeyPair key = GenerateX25519KeyPair();
  Result<std::vector<Share>> shares = SplitSecret(key.secret_key.span(), threshold, count);
  ASSERT_TRUE(shares.ok());

  const auto full = Subsets(count, threshold);
  ASSERT_EQ(full.size(), threshold == 2 ? 3u : 10u);  // C(3,2), C(5,3)
  for (const auto& subset : full) {
    Result<LockedBytes> secret = CombineShares(Pick(*shares, subset));
    ASSERT_TRUE(secret.ok());
    EXPECT_TRUE(SecretKeyMatches(secret->span(), key.public_key));
    Result<LockedBytes> checked = RecombineEnvelopeKey(Pick(*shares, subset), key.public_key);
    EXPECT_TRUE(checked.ok()) << checked.status().ToString();
  }
  for (const auto& subset : Subsets(count, threshold - 1)) {
    Result<LockedBytes> checked = RecombineEnvelopeKey(Pick(*shares, subset), key.public_key);
    ASSERT_FALSE(checked.ok());
    EXPECT_EQ(checked.status().code(), StatusCode::kInvalidArgument);
    if (subset.size() >= 2) {
      Result<LockedBytes> secret = CombineShares(Pick(*shares, subset));
      ASSERT_TRUE(secret.ok());
      EXPECT_FALSE(SecretKeyMatches(secret->span(), key.public_key));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(TwoOfThreeAndThreeOfFive, ShamirSubsets,
                         testing::Values(SubsetCase{2, 3}, SubsetCase{3, 5}));

TEST(Shamir, AlteredShareGivesAKeyTheCheckRefuses) {
  X25519KeyPair key = GenerateX25519KeyPair();
  Result<std::vector<Share>> shares = SplitSecret(key.secret_key.span(), 2, 3);
  ASSERT_TRUE(shares.ok());
  std::vector<Share> picked = {(*shares)[0], (*shares)[1]};
  picked[1][5] ^= 0x01;
  Result<LockedBytes> checked = RecombineEnvelopeKey(picked, key.public_key);
  ASSERT_FALSE(checked.ok());
  EXPECT_NE(checked.status().message().find("do not rebuild"), std::string::npos);
}

TEST(Shamir, RefusesBadSplitParameters) {
  const std::vector<std::uint8_t> secret(32, 1);
  EXPECT_FALSE(SplitSecret(secret, 1, 3).ok());
  EXPECT_FALSE(SplitSecret(secret, 4, 3).ok());
  EXPECT_FALSE(SplitSecret(secret, 2, 256).ok());
  EXPECT_FALSE(SplitSecret({}, 2, 3).ok());
  EXPECT_TRUE(SplitSecret(secret, 255, 255).ok());
}

TEST(Shamir, RefusesMalformedShareSets) {
  Result<std::vector<Share>> shares = SplitSecret(std::vector<std::uint8_t>(32, 9), 2, 3);
  ASSERT_TRUE(shares.ok());
  const Share& a = (*shares)[0];
  const Share& b = (*shares)[1];
  Share zero_x = b;
  zero_x[0] = 0;
  Share short_share(b.begin(), b.end() - 1);
  struct Row {
    const char* name;
    std::vector<Share> shares;
    const char* message;
  };
  const Row rows[] = {
      {"one share", {a}, "at least two shares"},
      {"repeated x", {a, a}, "repeats x = 1"},
      {"x of zero", {a, zero_x}, "x = 0"},
      {"unequal length", {a, short_share}, "32 bytes"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    Result<LockedBytes> secret = CombineShares(row.shares);
    ASSERT_FALSE(secret.ok());
    EXPECT_EQ(secret.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(secret.status().message().find(row.message), std::string::npos)
        << secret.status().message();
  }
}

// CR-05: shares made by Debian's gfsplit (tests/data/sealing/gfshare/README.md) combine in C++.
TEST(Shamir, CombinesSharesMadeByGfsplit) {
  const fs::path dir = SourceDir() / "tests/data/sealing/gfshare";
  const std::vector<std::uint8_t> expected = ReadFile(dir / "secret.bin");
  ASSERT_EQ(expected.size(), 32u) << "missing " << (dir / "secret.bin");
  for (const auto& [stem, threshold, count] :
       {std::tuple<std::string, int, int>{"k2n3", 2, 3}, {"k3n5", 3, 5}}) {
    SCOPED_TRACE(stem);
    std::map<int, Share> by_x;
    for (const auto& entry : fs::directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      if (!name.starts_with(stem + ".")) continue;
      const int x = std::stoi(name.substr(stem.size() + 1));
      Share share = {static_cast<std::uint8_t>(x)};
      const std::vector<std::uint8_t> value = ReadFile(entry.path());
      share.insert(share.end(), value.begin(), value.end());
      by_x[x] = share;
    }
    ASSERT_EQ(by_x.size(), static_cast<std::size_t>(count));
    std::vector<Share> shares;
    for (const auto& [x, share] : by_x) shares.push_back(share);
    for (const auto& subset : Subsets(count, threshold)) {
      Result<LockedBytes> secret = CombineShares(Pick(shares, subset));
      ASSERT_TRUE(secret.ok());
      EXPECT_EQ(Bytes(*secret), expected);
    }
  }
}

// CR-05, the other direction: Debian's gfcombine rebuilds secrets from our shares. gfcombine
// is installed by scripts/bootstrap, so its absence is a failure, not a skip.
TEST(Shamir, GfcombineRebuildsOurShares) {
  const char* gfcombine = "/usr/bin/gfcombine";
  ASSERT_EQ(access(gfcombine, X_OK), 0)
      << gfcombine << " is missing: install libgfshare-bin (scripts/bootstrap)";
  const fs::path dir = fs::temp_directory_path() / ("tb-gfcombine-" + std::to_string(getpid()));
  fs::create_directories(dir);
  for (const auto& [threshold, count] : {std::pair{2, 3}, std::pair{3, 5}}) {
    const std::vector<std::uint8_t> secret = RandomBytes(32);
    Result<std::vector<Share>> shares = SplitSecret(secret, threshold, count);
    ASSERT_TRUE(shares.ok());
    for (const auto& subset : Subsets(count, threshold)) {
      std::string command = std::string(gfcombine) + " -o " + (dir / "out").string();
      for (std::size_t i : subset) {
        const Share& share = (*shares)[i];
        char suffix[8];
        std::snprintf(suffix, sizeof suffix, ".%03d", share[0]);
        const fs::path path = dir / ("share" + std::string(suffix));
        std::ofstream(path, std::ios::binary)
            .write(reinterpret_cast<const char*>(share.data() + 1),
                   static_cast<std::streamsize>(share.size() - 1));
        command += " " + path.string();
      }
      const int status = std::system(command.c_str());
      ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << command;
      EXPECT_EQ(ReadFile(dir / "out"), secret) << command;
    }
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tb::crypto
