#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tb::crypto {

// RFC 4648 base32 (upper case, with '=' padding when `pad`). Authenticator apps read the
// secret in this form, unpadded.
std::string Base32Encode(std::span<const std::uint8_t> data, bool pad = false);
// Decodes base32, ignoring case, spaces and trailing '='. InvalidArgument on other characters
// or an impossible length.
Result<std::vector<std::uint8_t>> Base32Decode(std::string_view text);

// TOTP (RFC 6238) as every authenticator app computes it: 30-second steps from the Unix
// epoch, 6 digits, HMAC-SHA1. The SHA-1 here is the RFC 6238 / RFC 4226 default, allowlisted
// under AS-38: HMAC-SHA1 is not broken as a MAC, and the apps support nothing else reliably.
inline constexpr int kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;

// The HOTP value (RFC 4226) of `key` at `counter`, zero-padded to `digits` (6..8) digits.
std::string Hotp(std::span<const std::uint8_t> key, std::uint64_t counter,
                 int digits = kTotpDigits);

// The time step that contains `unix_seconds`.
std::int64_t TotpStep(std::int64_t unix_seconds);

// The code for `unix_seconds` (digits 6 for apps, 8 for the RFC's test vectors).
std::string TotpCode(std::span<const std::uint8_t> key, std::int64_t unix_seconds,
                     int digits = kTotpDigits);

// The step whose code equals `code` among the steps within `window` of the current one
// (clock drift of the phone), compared in constant time; nullopt when none matches or the
// code is not `kTotpDigits` digits. The caller refuses a step it has already accepted (AS-06).
std::optional<std::int64_t> MatchTotp(std::span<const std::uint8_t> key, std::string_view code,
                                      std::int64_t unix_seconds, int window = 1);

// "otpauth://totp/<issuer>:<account>?secret=<b32>&issuer=<issuer>&algorithm=SHA1&digits=6&period=30"
// with issuer and account percent-encoded (Google Authenticator's key URI format).
std::string OtpauthUri(std::string_view issuer, std::string_view account,
                       std::string_view base32_secret);

}  // namespace tb::crypto
