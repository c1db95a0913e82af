// libFuzzer target: the audit log's proof verifiers (SECURITY.md §4, fuzz_merkle_proof; AU-02,
// AU-05). Seeds: fuzz/corpus/merkle_proof/. An honest proof over a deterministic log is built,
// then the input edits the claim (index, sizes, leaf, roots, proof hashes: flipped bits,
// replaced, dropped, added, swapped). Property, in both directions: VerifyInclusion and
// VerifyConsistency (RFC 9162's bit-walking algorithms) accept exactly what a reference
// recomputation accepts, which rebuilds the root(s) from the proof following RFC 6962's
// recursive definitions literally. And an unedited honest proof always verifies.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "audit/merkle.h"

namespace {

using tb::audit::Hash;

constexpr std::int64_t kMaxLeaves = 300;

std::int64_t Split(std::int64_t n) {
  std::int64_t k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

// PATH(m, D[n]) of RFC 6962 §2.1.1 read backwards: the last proof hash is the top sibling.
// Returns false when the proof has the wrong number of hashes.
bool RefPathRoot(std::int64_t m, std::int64_t n, const Hash& leaf, const std::vector<Hash>& proof,
                 std::size_t& used, Hash& out) {
  if (n == 1) {
    out = leaf;
    return true;
  }
  if (used == proof.size()) return false;
  const Hash& sibling = proof[proof.size() - 1 - used++];
  const std::int64_t k = Split(n);
  Hash inner;
  if (m < k) {
    if (!RefPathRoot(m, k, leaf, proof, used, inner)) return false;
    out = tb::audit::NodeHash(inner, sibling);
  } else {
    if (!RefPathRoot(m - k, n - k, leaf, proof, used, inner)) return false;
    out = tb::audit::NodeHash(sibling, inner);
  }
  return true;
}

bool RefVerifyInclusion(std::int64_t index, std::int64_t size, const Hash& leaf,
                        const std::vector<Hash>& proof, const Hash& root) {
  if (index < 0 || size <= 0 || index >= size) return false;
  std::size_t used = 0;
  Hash computed;
  return RefPathRoot(index, size, leaf, proof, used, computed) && used == proof.size() &&
         computed == root;
}

// SUBPROOF(m, D[n], b) of RFC 6962 §2.1.2 read backwards; yields the old and new subtree roots.
bool RefSubProof(std::int64_t m, std::int64_t n, bool b, const Hash& first_root,
                 const std::vector<Hash>& proof, std::size_t& used, Hash& old_root,
                 Hash& new_root) {
  if (m == n) {
    if (b) {
      old_root = new_root = first_root;
      return true;
    }
    if (used == proof.size()) return false;
    old_root = new_root = proof[proof.size() - 1 - used++];
    return true;
  }
  if (used == proof.size()) return false;
  const Hash& sibling = proof[proof.size() - 1 - used++];
  const std::int64_t k = Split(n);
  Hash o;
  Hash w;
  if (m <= k) {
    if (!RefSubProof(m, k, b, first_root, proof, used, o, w)) return false;
    old_root = o;
    new_root = tb::audit::NodeHash(w, sibling);
  } else {
    if (!RefSubProof(m - k, n - k, false, first_root, proof, used, o, w)) return false;
    old_root = tb::audit::NodeHash(sibling, o);
    new_root = tb::audit::NodeHash(sibling, w);
  }
  return true;
}

bool RefVerifyConsistency(std::int64_t first, std::int64_t second, const Hash& first_root,
                          const Hash& second_root, const std::vector<Hash>& proof) {
  if (first < 0 || first > second) return false;
  if (first == second) return proof.empty() && first_root == second_root;
  if (first == 0) return proof.empty() && first_root == tb::audit::EmptyRoot();
  std::size_t used = 0;
  Hash old_root;
  Hash new_root;
  return RefSubProof(first, second, true, first_root, proof, used, old_root, new_root) &&
         used == proof.size() && old_root == first_root && new_root == second_root;
}

class Input {
 public:
  Input(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  bool empty() const { return pos_ >= size_; }
  std::uint8_t Byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  Hash Bytes32() {
    Hash h{};
    for (auto& b : h) b = Byte();
    return h;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

const std::vector<Hash>& Leaves() {
  static const std::vector<Hash> leaves = [] {
    std::vector<Hash> out;
    for (std::int64_t i = 0; i < kMaxLeaves; ++i) {
      const std::string entry = "fuzz entry " + std::to_string(i);
      out.push_back(tb::audit::LeafHash(
          std::span(reinterpret_cast<const std::uint8_t*>(entry.data()), entry.size())));
    }
    return out;
  }();
  return leaves;
}

Hash RootOfSize(std::int64_t n) {
  static const std::vector<Hash> roots = [] {
    std::vector<Hash> out;
    tb::audit::Frontier frontier;
    out.push_back(frontier.Root());
    for (const Hash& leaf : Leaves()) {
      frontier.Append(leaf);
      out.push_back(frontier.Root());
    }
    return out;
  }();
  return roots[static_cast<std::size_t>(std::max<std::int64_t>(0, std::min(n, kMaxLeaves)))];
}

// Applies the edits the rest of the input describes; true when anything changed.
bool Edit(Input& in, std::int64_t& a, std::int64_t& b, Hash& h1, Hash& h2,
          std::vector<Hash>& proof) {
  bool changed = false;
  for (int ops = 0; !in.empty() && ops < 8; ++ops) {
    const std::uint8_t op = in.Byte();
    const std::uint8_t arg = in.Byte();
    switch (op % 9) {
      case 0:
        if (!proof.empty()) {
          proof[arg % proof.size()][in.Byte() % 32] ^= static_cast<std::uint8_t>(1u << (arg % 8));
          changed = true;
        }
        break;
      case 1:
        if (!proof.empty()) {
          proof.erase(proof.begin() + arg % proof.size());
          changed = true;
        }
        break;
      case 2:
        proof.insert(proof.begin() + (proof.empty() ? 0 : arg % (proof.size() + 1)), in.Bytes32());
        changed = true;
        break;
      case 3:
        a += static_cast<std::int8_t>(arg);
        changed = true;
        break;
      case 4:
        b += static_cast<std::int8_t>(arg);
        changed = true;
        break;
      case 5:
        h1[arg % 32] ^= 1;
        changed = true;
        break;
      case 6:
        h2[arg % 32] ^= 1;
        changed = true;
        break;
      case 7:  // a root or leaf of another honest size: a plausible lie
        h2 = RootOfSize(arg);
        changed = true;
        break;
      default:
        if (proof.size() >= 2) {
          std::swap(proof[arg % proof.size()], proof[in.Byte() % proof.size()]);
          changed = true;
        }
        break;
    }
  }
  return changed;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Input in(data, size);
  const bool inclusion = (in.Byte() & 1) == 0;
  const std::int64_t n = 1 + (in.Byte() | (in.Byte() & 1) << 8) % kMaxLeaves;
  const std::int64_t m = in.Byte() % (n + 1);
  const tb::audit::InMemoryLeafHashes source(Leaves());

  if (inclusion) {
    std::int64_t index = m % n;
    std::int64_t tree = n;
    Hash leaf = Leaves()[static_cast<std::size_t>(index)];
    Hash root = RootOfSize(n);
    std::vector<Hash> proof = *tb::audit::InclusionProof(index, tree, source);
    if (!tb::audit::VerifyInclusion(index, tree, leaf, proof, root)) std::abort();
    Edit(in, index, tree, leaf, root, proof);
    const bool fast = tb::audit::VerifyInclusion(index, tree, leaf, proof, root);
    if (fast != RefVerifyInclusion(index, tree, leaf, proof, root)) std::abort();
  } else {
    std::int64_t first = m;
    std::int64_t second = n;
    Hash first_root = RootOfSize(first);
    Hash second_root = RootOfSize(second);
    std::vector<Hash> proof = *tb::audit::ConsistencyProof(first, second, source);
    if (!tb::audit::VerifyConsistency(first, second, first_root, second_root, proof)) {
      std::abort();
    }
    Edit(in, first, second, first_root, second_root, proof);
    const bool fast = tb::audit::VerifyConsistency(first, second, first_root, second_root, proof);
    if (fast != RefVerifyConsistency(first, second, first_root, second_root, proof)) std::abort();
  }
  return 0;
}
