#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tb::crypto {

// `bytes` bytes from libsodium's CSPRNG (randombytes_buf), as unpadded base64url text
// (RFC 4648 §5). Session ids, reset links and API tokens use 32 bytes (256 bits, AS-08).
// Thread-safe.
std::string RandomToken(std::size_t bytes);

// `count` bytes from the CSPRNG.
std::vector<std::uint8_t> RandomBytes(std::size_t count);

// Unpadded base64url of `data`.
std::string Base64UrlEncode(std::span<const std::uint8_t> data);

// Lower-case hex SHA-256 of `data` (64 characters). Tokens are stored only as this digest.
std::string Sha256Hex(std::string_view data);

// True when `a` and `b` are equal, in time that depends only on their lengths.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace tb::crypto
