#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/result.h"

namespace tb::audit {

// The Merkle tree of the audit log, exactly as RFC 6962 §2.1 (RFC 9162 §2.1) defines it
// (SECURITY.md AU-02): leaf = SHA-256(0x00 || entry), node = SHA-256(0x01 || left || right),
// the root of the empty tree = SHA-256(""), and a tree of n > 1 leaves splits at the largest
// power of two below n. docs/audit-log.md gives the proofs' layout.
using Hash = std::array<std::uint8_t, 32>;

Hash LeafHash(std::span<const std::uint8_t> entry_bytes);
Hash NodeHash(const Hash& left, const Hash& right);
// SHA-256(0x01 || left || right) for inputs of any length (the AU-02 known answers use short
// strings); tree nodes always use the overload above.
Hash NodeHash(std::span<const std::uint8_t> left, std::span<const std::uint8_t> right);
Hash EmptyRoot();

// The root of the tree over `leaf_hashes` (MTH of RFC 6962 §2.1).
Hash RootOf(std::span<const Hash> leaf_hashes);

// The right edge of a tree: the roots of its maximal perfect subtrees, left to right (one per
// set bit of the size, the largest first). Appending a leaf costs O(log n) hashes, and the
// root and the newest leaf's audit path follow from it alone, so the log is appended to
// without reading earlier leaves. A value type; not thread-safe.
class Frontier {
 public:
  Frontier() = default;

  // A frontier as stored. InvalidArgument unless `nodes` has one hash per set bit of `size`.
  static Result<Frontier> FromNodes(std::int64_t size, std::vector<Hash> nodes);

  std::int64_t size() const { return size_; }
  const std::vector<Hash>& nodes() const { return nodes_; }

  // The audit path (RFC 6962 §2.1.1) that the next appended leaf (index size()) will have in
  // the tree of size() + 1 leaves: this frontier's nodes, right to left.
  std::vector<Hash> NextLeafPath() const;

  void Append(const Hash& leaf_hash);

  // The root of the tree of size() leaves; EmptyRoot() for none.
  Hash Root() const;

  bool operator==(const Frontier&) const = default;

 private:
  std::int64_t size_ = 0;
  std::vector<Hash> nodes_;
};

// Where proofs read the log's leaf hashes. Implementations may answer SubtreeHash from
// stored interior nodes; the default computes it from LeafHashes.
class LeafHashSource {
 public:
  virtual ~LeafHashSource() = default;
  // The leaf hashes of leaves [begin, end), in order; begin <= end <= the log's size.
  virtual Result<std::vector<Hash>> LeafHashes(std::int64_t begin, std::int64_t end) const = 0;
  // The root of the subtree of leaves [begin, end) (MTH(D[begin:end])).
  virtual Result<Hash> SubtreeHash(std::int64_t begin, std::int64_t end) const;
};

// A LeafHashSource over hashes in memory; `leaf_hashes` must outlive it.
class InMemoryLeafHashes final : public LeafHashSource {
 public:
  explicit InMemoryLeafHashes(std::span<const Hash> leaf_hashes) : leaves_(leaf_hashes) {}
  Result<std::vector<Hash>> LeafHashes(std::int64_t begin, std::int64_t end) const override;

 private:
  std::span<const Hash> leaves_;
};

// The audit path of leaf `index` in the tree of the first `size` leaves (RFC 6962 §2.1.1),
// nearest sibling first. InvalidArgument unless 0 <= index < size.
Result<std::vector<Hash>> InclusionProof(std::int64_t index, std::int64_t size,
                                         const LeafHashSource& source);

// The consistency proof between the trees of the first `first` and `second` leaves
// (RFC 6962 §2.1.2). Empty when first == second or first == 0 (the empty tree is a prefix of
// every tree). InvalidArgument unless 0 <= first <= second.
Result<std::vector<Hash>> ConsistencyProof(std::int64_t first, std::int64_t second,
                                           const LeafHashSource& source);

// RFC 9162 §2.1.3.2: true when `proof` shows the leaf with hash `leaf_hash` at `index` in the
// tree of `size` leaves whose root is `root`.
bool VerifyInclusion(std::int64_t index, std::int64_t size, const Hash& leaf_hash,
                     std::span<const Hash> proof, const Hash& root);

// RFC 9162 §2.1.4.2: true when `proof` shows that the tree of `first` leaves with root
// `first_root` is a prefix of the tree of `second` leaves with root `second_root`. For
// first == second the proof must be empty and the roots equal; for first == 0 the proof must
// be empty and first_root the empty tree's root.
bool VerifyConsistency(std::int64_t first, std::int64_t second, const Hash& first_root,
                       const Hash& second_root, std::span<const Hash> proof);

}  // namespace tb::audit
