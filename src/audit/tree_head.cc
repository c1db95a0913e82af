#include "audit/tree_head.h"

namespace tb::audit {

std::vector<std::uint8_t> SignedBytes(const TreeHead& head) {
  std::vector<std::uint8_t> out = {'T', 'B', 'S', 'T', 'H', 0x01};
  out.reserve(kSignedTreeHeadBytes);
  const auto put64 = [&out](std::uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8)
      out.push_back(static_cast<std::uint8_t>(v >> shift));
  };
  put64(static_cast<std::uint64_t>(head.size));
  put64(static_cast<std::uint64_t>(head.at.micros()));
  out.insert(out.end(), head.root.begin(), head.root.end());
  return out;
}

TreeHead SignTreeHead(std::int64_t size, const std::array<std::uint8_t, 32>& root, Timestamp at,
                      const crypto::SigningKey& key) {
  TreeHead head;
  head.size = size;
  head.root = root;
  head.at = at;
  head.signature = key.Sign(SignedBytes(head));
  return head;
}

bool VerifyTreeHead(const TreeHead& head, const std::array<std::uint8_t, 32>& public_key) {
  if (head.size < 0) return false;
  return crypto::VerifySignature(public_key, SignedBytes(head), head.signature);
}

}  // namespace tb::audit
