#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tb::crypto {

// `bytes` bytes from libsodium's CSPRNG (randombytes_buf), as unpadded base64url text
// (RFC 4648 §5). Session ids, reset links and API tokens use 32 bytes (256 bits, AS-08).
// Thread-safe.
std::string RandomToken(std::size_t bytes);

// `count` bytes from the CSPRNG.
std::vector<std::uint8_t> RandomBytes(std::size_t count);

// Unpadded base64url of `data`.
std::string Base64UrlEncode(std::span<const std::uint8_t> data);

// Decodes unpadded base64url (RFC 4648 §5), the encoding of keys, shares and envelopes in JSON
// and on the command line. InvalidArgument for padding, whitespace, other characters or
// non-zero trailing bits, so one value has one text.
Result<std::vector<std::uint8_t>> DecodeBase64Url(std::string_view text);

// Lower-case hex of `data`, as hashes and keys are shown in the API and the audit log.
std::string HexEncode(std::span<const std::uint8_t> data);

// The bytes of lower-case hex text. InvalidArgument for an odd length, upper case or any
// other character (one value has one text).
Result<std::vector<std::uint8_t>> HexDecode(std::string_view hex);

// Lower-case hex SHA-256 of `data` (64 characters). Tokens are stored only as this digest.
std::string Sha256Hex(std::string_view data);
std::string Sha256Hex(std::span<const std::uint8_t> data);

// True when `a` and `b` are equal, in time that depends only on their lengths.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace tb::crypto
