#include "audit/merkle.h"

#include <algorithm>
#include <bit>

#include "crypto/digest.h"

namespace tb::audit {
namespace {

// A proof of a tree of at most 2^63 leaves has at most 64 hashes; anything longer is junk.
constexpr std::size_t kMaxProofHashes = 64;

// The largest power of two strictly below n (n >= 2): where RFC 6962 splits a tree.
std::int64_t SplitPoint(std::int64_t n) {
  return std::int64_t{1} << (std::bit_width(static_cast<std::uint64_t>(n - 1)) - 1);
}

bool Lsb(std::uint64_t v) { return (v & 1) != 0; }

Status Path(std::int64_t index, std::int64_t begin, std::int64_t end, const LeafHashSource& source,
            std::vector<Hash>& out) {
  if (end - begin <= 1) return Status::Ok();
  const std::int64_t k = SplitPoint(end - begin);
  if (index < k) {
    TB_RETURN_IF_ERROR(Path(index, begin, begin + k, source, out));
    TB_ASSIGN_OR_RETURN(Hash right, source.SubtreeHash(begin + k, end));
    out.push_back(right);
  } else {
    TB_RETURN_IF_ERROR(Path(index - k, begin + k, end, source, out));
    TB_ASSIGN_OR_RETURN(Hash left, source.SubtreeHash(begin, begin + k));
    out.push_back(left);
  }
  return Status::Ok();
}

// SUBPROOF(m, D[begin:end], complete) of RFC 6962 §2.1.2.
Status SubProof(std::int64_t m, std::int64_t begin, std::int64_t end, bool complete,
                const LeafHashSource& source, std::vector<Hash>& out) {
  const std::int64_t n = end - begin;
  if (m == n) {
    if (!complete) {
      TB_ASSIGN_OR_RETURN(Hash whole, source.SubtreeHash(begin, end));
      out.push_back(whole);
    }
    return Status::Ok();
  }
  const std::int64_t k = SplitPoint(n);
  if (m <= k) {
    TB_RETURN_IF_ERROR(SubProof(m, begin, begin + k, complete, source, out));
    TB_ASSIGN_OR_RETURN(Hash right, source.SubtreeHash(begin + k, end));
    out.push_back(right);
  } else {
    TB_RETURN_IF_ERROR(SubProof(m - k, begin + k, end, false, source, out));
    TB_ASSIGN_OR_RETURN(Hash left, source.SubtreeHash(begin, begin + k));
    out.push_back(left);
  }
  return Status::Ok();
}

}  // namespace

Hash LeafHash(std::span<const std::uint8_t> entry_bytes) {
  return crypto::Sha256Hasher().Update(std::uint8_t{0x00}).Update(entry_bytes).Finish();
}

Hash NodeHash(const Hash& left, const Hash& right) {
  return crypto::Sha256Hasher().Update(std::uint8_t{0x01}).Update(left).Update(right).Finish();
}

Hash NodeHash(std::span<const std::uint8_t> left, std::span<const std::uint8_t> right) {
  return crypto::Sha256Hasher().Update(std::uint8_t{0x01}).Update(left).Update(right).Finish();
}

Hash EmptyRoot() { return crypto::Sha256(std::span<const std::uint8_t>()); }

Hash RootOf(std::span<const Hash> leaf_hashes) {
  Frontier frontier;
  for (const Hash& leaf : leaf_hashes) frontier.Append(leaf);
  return frontier.Root();
}

Result<Frontier> Frontier::FromNodes(std::int64_t size, std::vector<Hash> nodes) {
  if (size < 0 ||
      static_cast<std::size_t>(std::popcount(static_cast<std::uint64_t>(size))) != nodes.size()) {
    return Status::InvalidArgument("a frontier of " + std::to_string(size) + " leaves has " +
                                   std::to_string(std::popcount(static_cast<std::uint64_t>(
                                       std::max<std::int64_t>(size, 0)))) +
                                   " nodes, not " + std::to_string(nodes.size()))
        .WithField("frontier");
  }
  Frontier f;
  f.size_ = size;
  f.nodes_ = std::move(nodes);
  return f;
}

std::vector<Hash> Frontier::NextLeafPath() const {
  return std::vector<Hash>(nodes_.rbegin(), nodes_.rend());
}

void Frontier::Append(const Hash& leaf_hash) {
  // Each trailing set bit of the old size is a perfect subtree of the same height as the one
  // being built: merge them, as binary addition carries.
  Hash node = leaf_hash;
  for (std::uint64_t s = static_cast<std::uint64_t>(size_); Lsb(s); s >>= 1) {
    node = NodeHash(nodes_.back(), node);
    nodes_.pop_back();
  }
  nodes_.push_back(node);
  ++size_;
}

Hash Frontier::Root() const {
  if (nodes_.empty()) return EmptyRoot();
  Hash root = nodes_.back();
  for (auto it = nodes_.rbegin() + 1; it != nodes_.rend(); ++it) root = NodeHash(*it, root);
  return root;
}

Result<Hash> LeafHashSource::SubtreeHash(std::int64_t begin, std::int64_t end) const {
  TB_ASSIGN_OR_RETURN(std::vector<Hash> leaves, LeafHashes(begin, end));
  if (static_cast<std::int64_t>(leaves.size()) != end - begin) {
    return Status::Internal("the audit log returned " + std::to_string(leaves.size()) +
                            " leaf hashes for leaves [" + std::to_string(begin) + ", " +
                            std::to_string(end) + ")");
  }
  return RootOf(leaves);
}

Result<std::vector<Hash>> InMemoryLeafHashes::LeafHashes(std::int64_t begin,
                                                         std::int64_t end) const {
  if (begin < 0 || begin > end || end > static_cast<std::int64_t>(leaves_.size())) {
    return Status::InvalidArgument("leaf range [" + std::to_string(begin) + ", " +
                                   std::to_string(end) + ") is outside the log of " +
                                   std::to_string(leaves_.size()) + " leaves");
  }
  return std::vector<Hash>(leaves_.begin() + begin, leaves_.begin() + end);
}

Result<std::vector<Hash>> InclusionProof(std::int64_t index, std::int64_t size,
                                         const LeafHashSource& source) {
  if (size <= 0 || index < 0 || index >= size) {
    return Status::InvalidArgument("leaf " + std::to_string(index) + " is not in a tree of size " +
                                   std::to_string(size))
        .WithField("leaf");
  }
  std::vector<Hash> proof;
  TB_RETURN_IF_ERROR(Path(index, 0, size, source, proof));
  return proof;
}

Result<std::vector<Hash>> ConsistencyProof(std::int64_t first, std::int64_t second,
                                           const LeafHashSource& source) {
  if (first < 0 || first > second) {
    return Status::InvalidArgument("no consistency proof from size " + std::to_string(first) +
                                   " to size " + std::to_string(second))
        .WithField("from");
  }
  std::vector<Hash> proof;
  if (first == 0 || first == second) return proof;
  TB_RETURN_IF_ERROR(SubProof(first, 0, second, true, source, proof));
  return proof;
}

bool VerifyInclusion(std::int64_t index, std::int64_t size, const Hash& leaf_hash,
                     std::span<const Hash> proof, const Hash& root) {
  if (index < 0 || size <= 0 || index >= size || proof.size() > kMaxProofHashes) return false;
  std::uint64_t fn = static_cast<std::uint64_t>(index);
  std::uint64_t sn = static_cast<std::uint64_t>(size - 1);
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return false;
    if (Lsb(fn) || fn == sn) {
      r = NodeHash(p, r);
      while (!Lsb(fn) && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool VerifyConsistency(std::int64_t first, std::int64_t second, const Hash& first_root,
                       const Hash& second_root, std::span<const Hash> proof) {
  if (first < 0 || first > second || proof.size() > kMaxProofHashes) return false;
  if (first == second) return proof.empty() && first_root == second_root;
  if (first == 0) return proof.empty() && first_root == EmptyRoot();
  if (proof.empty()) return false;
  std::vector<Hash> path;
  path.reserve(proof.size() + 1);
  if (std::has_single_bit(static_cast<std::uint64_t>(first))) path.push_back(first_root);
  path.insert(path.end(), proof.begin(), proof.end());
  std::uint64_t fn = static_cast<std::uint64_t>(first - 1);
  std::uint64_t sn = static_cast<std::uint64_t>(second - 1);
  while (Lsb(fn)) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0];
  Hash sr = path[0];
  for (std::size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return false;
    if (Lsb(fn) || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      while (!Lsb(fn) && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == first_root && sr == second_root && sn == 0;
}

}  // namespace tb::audit
