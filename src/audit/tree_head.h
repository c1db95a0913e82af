#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/timestamp.h"
#include "crypto/signing.h"

namespace tb::audit {

// A signed tree head (SECURITY.md AU-03; RFC 6962 §3.5): the log's size and Merkle root at an
// instant, signed with the platform's Ed25519 key. docs/audit-log.md gives the signed bytes.
struct TreeHead {
  std::int64_t size = 0;
  std::array<std::uint8_t, 32> root{};
  Timestamp at;
  std::array<std::uint8_t, 64> signature{};
  bool operator==(const TreeHead&) const = default;
};

// The exact bytes the signature covers (a versioned, fixed-layout encoding of size, root, at):
// "TBSTH", version 0x01, size (u64 big-endian), at (i64 big-endian UTC microseconds), root:
// 54 bytes. The "TBSTH" prefix keeps a head's signature from being valid for any other message
// the same key signs (receipts use another prefix).
std::vector<std::uint8_t> SignedBytes(const TreeHead& head);

inline constexpr std::size_t kSignedTreeHeadBytes = 54;

// A head over (size, root, at) signed with `key`.
TreeHead SignTreeHead(std::int64_t size, const std::array<std::uint8_t, 32>& root, Timestamp at,
                      const crypto::SigningKey& key);

// True when `head.signature` is `public_key`'s signature over SignedBytes(head).
bool VerifyTreeHead(const TreeHead& head, const std::array<std::uint8_t, 32>& public_key);

}  // namespace tb::audit
