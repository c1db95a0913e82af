#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace tb::crypto {

// SHA-256 (FIPS 180-4) through libsodium. Raw digests for hash trees and signatures; see
// random.h's Sha256Hex for the hex text of a token's digest.
using Sha256Digest = std::array<std::uint8_t, 32>;

Sha256Digest Sha256(std::span<const std::uint8_t> data);
Sha256Digest Sha256(std::string_view data);

// SHA-256 of several pieces fed in order, without concatenating them first (a Merkle node is
// SHA-256(0x01 || left || right)). Not thread-safe; one per computation.
class Sha256Hasher {
 public:
  Sha256Hasher();
  Sha256Hasher& Update(std::span<const std::uint8_t> data);
  Sha256Hasher& Update(std::uint8_t byte);
  // The digest of everything fed; the hasher is spent afterwards.
  Sha256Digest Finish();

 private:
  // libsodium's crypto_hash_sha256_state (104 bytes on every platform), kept opaque so that
  // this header does not include sodium.h.
  alignas(16) unsigned char state_[128];
};

}  // namespace tb::crypto
