#include "audit/merkle.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "audit/verifier.h"
#include "crypto/random.h"

namespace tb::audit {
namespace {

std::span<const std::uint8_t> Bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

Hash HashFromHex(std::string_view hex) {
  Hash h{};
  for (std::size_t i = 0; i < 32; ++i) {
    h[i] = static_cast<std::uint8_t>(std::stoi(std::string(hex.substr(2 * i, 2)), nullptr, 16));
  }
  return h;
}

std::vector<std::string> HexList(const std::vector<Hash>& hashes) {
  std::vector<std::string> out;
  for (const Hash& h : hashes) out.push_back(crypto::HexEncode(h));
  return out;
}

// ---- The reference: RFC 6962 §2.1 written literally over copied slices, no cleverness. ----

std::size_t RefSplit(std::size_t n) {
  std::size_t k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

std::vector<Hash> Slice(const std::vector<Hash>& d, std::size_t begin, std::size_t end) {
  return std::vector<Hash>(d.begin() + static_cast<std::ptrdiff_t>(begin),
                           d.begin() + static_cast<std::ptrdiff_t>(end));
}

Hash RefMth(const std::vector<Hash>& d) {
  if (d.empty()) return EmptyRoot();
  if (d.size() == 1) return d[0];
  const std::size_t k = RefSplit(d.size());
  return NodeHash(RefMth(Slice(d, 0, k)), RefMth(Slice(d, k, d.size())));
}

std::vector<Hash> RefPath(std::size_t m, const std::vector<Hash>& d) {
  if (d.size() <= 1) return {};
  const std::size_t k = RefSplit(d.size());
  std::vector<Hash> out;
  if (m < k) {
    out = RefPath(m, Slice(d, 0, k));
    out.push_back(RefMth(Slice(d, k, d.size())));
  } else {
    out = RefPath(m - k, Slice(d, k, d.size()));
    out.push_back(RefMth(Slice(d, 0, k)));
  }
  return out;
}

std::vector<Hash> RefSubProof(std::size_t m, const std::vector<Hash>& d, bool b) {
  if (m == d.size()) return b ? std::vector<Hash>{} : std::vector<Hash>{RefMth(d)};
  const std::size_t k = RefSplit(d.size());
  std::vector<Hash> out;
  if (m <= k) {
    out = RefSubProof(m, Slice(d, 0, k), b);
    out.push_back(RefMth(Slice(d, k, d.size())));
  } else {
    out = RefSubProof(m - k, Slice(d, k, d.size()), false);
    out.push_back(RefMth(Slice(d, 0, k)));
  }
  return out;
}

std::vector<Hash> Leaves(std::size_t n) {
  std::vector<Hash> leaves;
  for (std::size_t i = 0; i < n; ++i)
    leaves.push_back(LeafHash(Bytes("entry " + std::to_string(i))));
  return leaves;
}

// ---- SECURITY.md AU-02 known answers, exactly as listed there. ----

TEST(Merkle, Au02KnownAnswers) {
  EXPECT_EQ(crypto::HexEncode(EmptyRoot()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(crypto::HexEncode(RootOf({})), crypto::HexEncode(EmptyRoot()));
  EXPECT_EQ(crypto::HexEncode(LeafHash(Bytes(""))),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  EXPECT_EQ(crypto::HexEncode(LeafHash(Bytes("L123456"))),
            "395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
  EXPECT_EQ(crypto::HexEncode(NodeHash(Bytes("N123"), Bytes("N456"))),
            "aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb");
}

// The RFC 6962 reference vectors of certificate-transparency's merkle tree tests (also in
// transparency-dev/merkle's testonly package): eight leaf inputs, the roots of their first
// 1..8 leaves, and some inclusion and consistency proofs. Cross-checked with Python hashlib.
const std::vector<std::string> kVectorInputs = {
    std::string(""),
    std::string("\x00", 1),
    "\x10",
    "\x20\x21",
    "\x30\x31",
    "\x40\x41\x42\x43",
    "\x50\x51\x52\x53\x54\x55\x56\x57",
    "\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f"};

std::vector<Hash> VectorLeaves() {
  std::vector<Hash> leaves;
  for (const std::string& input : kVectorInputs) leaves.push_back(LeafHash(Bytes(input)));
  return leaves;
}

TEST(Merkle, Rfc6962ReferenceRoots) {
  const char* const kRoots[] = {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                                "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                                "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
                                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                                "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
                                "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
                                "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
                                "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
  const std::vector<Hash> leaves = VectorLeaves();
  for (std::size_t n = 1; n <= 8; ++n) {
    EXPECT_EQ(crypto::HexEncode(RootOf(std::span(leaves.data(), n))), kRoots[n - 1])
        << "size " << n;
  }
}

TEST(Merkle, Rfc6962ReferenceProofs) {
  const std::vector<Hash> leaves = VectorLeaves();
  const InMemoryLeafHashes source(leaves);
  const std::string a = "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7";
  const std::string b = "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e";
  const std::string c = "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4";
  const std::string d = "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b";
  const std::string e = "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0";
  const std::string f = "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7";
  const std::string g = "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d";
  const std::string h = "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125";
  const std::string i = "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a";
  struct Case {
    std::int64_t index, size;
    std::vector<std::string> proof;
  };
  for (const Case& row : std::vector<Case>{
           {0, 1, {}}, {0, 8, {a, b, c}}, {5, 8, {d, e, f}}, {2, 3, {h}}, {1, 5, {g, b, d}}}) {
    SCOPED_TRACE("inclusion " + std::to_string(row.index) + "/" + std::to_string(row.size));
    Result<std::vector<Hash>> proof = InclusionProof(row.index, row.size, source);
    ASSERT_TRUE(proof.ok());
    EXPECT_EQ(HexList(*proof), row.proof);
  }
  for (const Case& row :
       std::vector<Case>{{1, 1, {}}, {1, 8, {a, b, c}}, {6, 8, {i, e, f}}, {2, 5, {b, d}}}) {
    SCOPED_TRACE("consistency " + std::to_string(row.index) + "/" + std::to_string(row.size));
    Result<std::vector<Hash>> proof = ConsistencyProof(row.index, row.size, source);
    ASSERT_TRUE(proof.ok());
    EXPECT_EQ(HexList(*proof), row.proof);
    const Hash first = RootOf(std::span(leaves.data(), static_cast<std::size_t>(row.index)));
    const Hash second = RootOf(std::span(leaves.data(), static_cast<std::size_t>(row.size)));
    EXPECT_TRUE(VerifyConsistency(row.index, row.size, first, second, *proof));
  }
  EXPECT_EQ(crypto::HexEncode(HashFromHex(a)), a);
}

// ---- Every (index, size) and (m, n) up to 64 against the reference. ----

constexpr std::size_t kMaxSize = 64;

TEST(Merkle, RootsAndFrontierMatchTheReferenceForEverySizeUpTo64) {
  const std::vector<Hash> leaves = Leaves(kMaxSize);
  Frontier frontier;
  EXPECT_EQ(frontier.Root(), EmptyRoot());
  for (std::size_t n = 1; n <= kMaxSize; ++n) {
    const std::vector<Hash> prefix = Slice(leaves, 0, n);
    EXPECT_EQ(frontier.NextLeafPath(), RefPath(n - 1, prefix)) << "newest leaf of size " << n;
    frontier.Append(leaves[n - 1]);
    EXPECT_EQ(frontier.size(), static_cast<std::int64_t>(n));
    EXPECT_EQ(frontier.Root(), RefMth(prefix)) << "size " << n;
    EXPECT_EQ(RootOf(prefix), RefMth(prefix));
    Result<Frontier> restored = Frontier::FromNodes(frontier.size(), frontier.nodes());
    ASSERT_TRUE(restored.ok());
    EXPECT_EQ(*restored, frontier);
  }
}

TEST(Merkle, FrontierFromNodesNeedsOneNodePerSetBit) {
  const Hash h = LeafHash(Bytes("x"));
  EXPECT_TRUE(Frontier::FromNodes(0, {}).ok());
  EXPECT_TRUE(Frontier::FromNodes(5, {h, h}).ok());
  EXPECT_FALSE(Frontier::FromNodes(5, {h}).ok());
  EXPECT_FALSE(Frontier::FromNodes(4, {h, h}).ok());
  EXPECT_FALSE(Frontier::FromNodes(-1, {}).ok());
}

TEST(Merkle, InclusionProofsMatchTheReferenceAndRejectEveryFlippedByte) {
  const std::vector<Hash> leaves = Leaves(kMaxSize);
  const InMemoryLeafHashes source(leaves);
  for (std::size_t n = 1; n <= kMaxSize; ++n) {
    const std::vector<Hash> prefix = Slice(leaves, 0, n);
    const Hash root = RefMth(prefix);
    for (std::size_t m = 0; m < n; ++m) {
      SCOPED_TRACE("leaf " + std::to_string(m) + " of " + std::to_string(n));
      const auto index = static_cast<std::int64_t>(m);
      const auto size = static_cast<std::int64_t>(n);
      Result<std::vector<Hash>> proof = InclusionProof(index, size, source);
      ASSERT_TRUE(proof.ok());
      ASSERT_EQ(*proof, RefPath(m, prefix));
      ASSERT_TRUE(VerifyInclusion(index, size, leaves[m], *proof, root));

      for (std::size_t p = 0; p < proof->size(); ++p) {
        for (std::size_t byte = 0; byte < 32; ++byte) {
          std::vector<Hash> bad = *proof;
          bad[p][byte] ^= 0x01;
          ASSERT_FALSE(VerifyInclusion(index, size, leaves[m], bad, root))
              << "proof hash " << p << " byte " << byte;
        }
      }
      for (std::size_t byte = 0; byte < 32; ++byte) {
        Hash bad_leaf = leaves[m];
        bad_leaf[byte] ^= 0x80;
        ASSERT_FALSE(VerifyInclusion(index, size, bad_leaf, *proof, root));
        Hash bad_root = root;
        bad_root[byte] ^= 0x80;
        ASSERT_FALSE(VerifyInclusion(index, size, leaves[m], *proof, bad_root));
      }
      // The same proof for another position or size, shorter or longer, never verifies.
      for (std::size_t other = 0; other < n; ++other) {
        if (other != m) {
          ASSERT_FALSE(
              VerifyInclusion(static_cast<std::int64_t>(other), size, leaves[m], *proof, root));
        }
      }
      // Against the next tree's root the proof fails unless that tree's path is the same.
      if (n < kMaxSize) {
        const std::vector<Hash> next = Slice(leaves, 0, n + 1);
        ASSERT_EQ(VerifyInclusion(index, size + 1, leaves[m], *proof, RefMth(next)),
                  *proof == RefPath(m, next));
      }
      if (!proof->empty()) {
        ASSERT_FALSE(VerifyInclusion(index, size, leaves[m],
                                     std::span(proof->data(), proof->size() - 1), root));
      }
      std::vector<Hash> longer = *proof;
      longer.push_back(root);
      ASSERT_FALSE(VerifyInclusion(index, size, leaves[m], longer, root));
    }
  }
  EXPECT_FALSE(InclusionProof(3, 3, source).ok());
  EXPECT_FALSE(InclusionProof(-1, 3, source).ok());
  EXPECT_FALSE(InclusionProof(0, 0, source).ok());
  EXPECT_FALSE(VerifyInclusion(0, 0, leaves[0], {}, EmptyRoot()));
}

TEST(Merkle, ConsistencyProofsMatchTheReferenceAndRejectEveryFlippedByte) {
  const std::vector<Hash> leaves = Leaves(kMaxSize);
  const InMemoryLeafHashes source(leaves);
  std::vector<Hash> roots;
  for (std::size_t n = 0; n <= kMaxSize; ++n) roots.push_back(RefMth(Slice(leaves, 0, n)));
  for (std::size_t n = 0; n <= kMaxSize; ++n) {
    for (std::size_t m = 0; m <= n; ++m) {
      SCOPED_TRACE("from " + std::to_string(m) + " to " + std::to_string(n));
      const auto first = static_cast<std::int64_t>(m);
      const auto second = static_cast<std::int64_t>(n);
      Result<std::vector<Hash>> proof = ConsistencyProof(first, second, source);
      ASSERT_TRUE(proof.ok());
      const std::vector<Hash> expected =
          (m == 0 || m == n) ? std::vector<Hash>{} : RefSubProof(m, Slice(leaves, 0, n), true);
      ASSERT_EQ(*proof, expected);
      ASSERT_TRUE(VerifyConsistency(first, second, roots[m], roots[n], *proof));

      for (std::size_t p = 0; p < proof->size(); ++p) {
        for (std::size_t byte = 0; byte < 32; ++byte) {
          std::vector<Hash> bad = *proof;
          bad[p][byte] ^= 0x01;
          ASSERT_FALSE(VerifyConsistency(first, second, roots[m], roots[n], bad))
              << "proof hash " << p << " byte " << byte;
        }
      }
      for (std::size_t byte = 0; byte < 32; byte += 7) {
        Hash bad = roots[m];
        bad[byte] ^= 0x80;
        ASSERT_FALSE(VerifyConsistency(first, second, bad, roots[n], *proof));
        if (m == 0) continue;  // the empty tree is a prefix of every tree, whatever its root
        bad = roots[n];
        bad[byte] ^= 0x80;
        ASSERT_FALSE(VerifyConsistency(first, second, roots[m], bad, *proof));
      }
      // The proof proves nothing about other trees, unless it happens to be theirs too (the
      // sizes are bound by the signed heads, not by the proof).
      if (m > 0 && m < n) {
        if (n < kMaxSize) {
          ASSERT_EQ(VerifyConsistency(first, second + 1, roots[m], roots[n + 1], *proof),
                    *proof == RefSubProof(m, Slice(leaves, 0, n + 1), true));
        }
        if (m > 1) {
          ASSERT_EQ(VerifyConsistency(first - 1, second, roots[m - 1], roots[n], *proof),
                    *proof == RefSubProof(m - 1, Slice(leaves, 0, n), true));
        }
        std::vector<Hash> longer = *proof;
        longer.push_back(roots[n]);
        ASSERT_FALSE(VerifyConsistency(first, second, roots[m], roots[n], longer));
        ASSERT_FALSE(VerifyConsistency(first, second, roots[m], roots[n],
                                       std::span(proof->data(), proof->size() - 1)));
      }
    }
  }
  EXPECT_FALSE(ConsistencyProof(5, 4, source).ok());
  EXPECT_FALSE(ConsistencyProof(-1, 4, source).ok());
  EXPECT_FALSE(VerifyConsistency(5, 4, roots[5], roots[4], {}));
  EXPECT_FALSE(VerifyConsistency(0, 4, roots[1], roots[4], {})) << "the empty tree's root is fixed";
  EXPECT_FALSE(VerifyConsistency(4, 4, roots[4], roots[5], {}));
}

}  // namespace
}  // namespace tb::audit
