#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "crypto/locked_bytes.h"
#include "crypto/random.h"  // DecodeBase64Url, Base64UrlEncode: the encodings of keys

namespace tb::crypto {

// X25519 keys and libsodium sealed boxes (crypto_box_seal): the tender's envelope keys and
// the opening-committee members' personal keys (SECURITY.md §5.2, docs/sealed-bids.md).
using X25519PublicKey = std::array<std::uint8_t, 32>;

struct X25519KeyPair {
  X25519PublicKey public_key{};
  LockedBytes secret_key;  // 32 bytes
};

X25519KeyPair GenerateX25519KeyPair();

// The key pair crypto_box_seed_keypair derives from a 32-byte seed: deterministic keys for
// fuzz targets and fixtures only. InvalidArgument unless the seed has 32 bytes.
Result<X25519KeyPair> X25519KeyPairFromSeed(std::span<const std::uint8_t> seed);

// crypto_box_seal of `message` to `recipient`: 48 bytes longer than the message.
std::vector<std::uint8_t> SealToPublicKey(const X25519PublicKey& recipient,
                                          std::span<const std::uint8_t> message);

// Opens a sealed box. InvalidArgument ("the sealed data does not open with this key") when
// it was not sealed to this key pair or was altered.
Result<LockedBytes> OpenSealed(const X25519PublicKey& public_key,
                               std::span<const std::uint8_t> secret_key,
                               std::span<const std::uint8_t> sealed);

// True when `secret_key` (32 bytes) is the secret half of `public_key`
// (crypto_scalarmult_base): how an opening knows the recombined key is the right one.
bool SecretKeyMatches(std::span<const std::uint8_t> secret_key, const X25519PublicKey& public_key);

// The key fingerprint published with a tender (SECURITY.md ET-12): lower-case hex SHA-256 of
// the 32 public-key bytes.
std::string KeyFingerprint(const X25519PublicKey& public_key);

// A public key given as base64url text. InvalidArgument unless it decodes to 32 bytes.
Result<X25519PublicKey> ParseX25519PublicKey(std::string_view base64url);

}  // namespace tb::crypto
