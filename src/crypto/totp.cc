#include "crypto/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <cctype>

#include "crypto/random.h"

namespace tb::crypto {
namespace {

constexpr char kBase32Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int Base32Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace

std::string Base32Encode(std::span<const std::uint8_t> data, bool pad) {
  std::string out;
  out.reserve((data.size() + 4) / 5 * 8);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::uint8_t byte : data) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32Alphabet[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 31]);
  if (pad) {
    while (out.size() % 8 != 0) out.push_back('=');
  }
  return out;
}

Result<std::vector<std::uint8_t>> Base32Decode(std::string_view text) {
  std::vector<std::uint8_t> out;
  std::uint32_t buffer = 0;
  int bits = 0;
  std::size_t symbols = 0;
  bool padding = false;
  for (char c : text) {
    if (c == ' ') continue;
    if (c == '=') {
      padding = true;
      continue;
    }
    const int value = Base32Value(c);
    if (value < 0 || padding) {
      return Status::InvalidArgument("not base32 text");
    }
    buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
    bits += 5;
    ++symbols;
    if (bits >= 8) {
      out.push_back(static_cast<std::uint8_t>((buffer >> (bits - 8)) & 0xFF));
      bits -= 8;
    }
  }
  // A final group of 1, 3 or 6 symbols cannot come from whole bytes (RFC 4648 §6).
  const std::size_t tail = symbols % 8;
  if (tail == 1 || tail == 3 || tail == 6) {
    return Status::InvalidArgument("base32 text has an impossible length");
  }
  return out;
}

std::string Hotp(std::span<const std::uint8_t> key, std::uint64_t counter, int digits) {
  std::array<unsigned char, 8> message{};
  for (int i = 7; i >= 0; --i) {
    message[i] = static_cast<unsigned char>(counter & 0xFF);
    counter >>= 8;
  }
  // HMAC-SHA1 is the RFC 4226 / RFC 6238 default that authenticator apps implement; it is
  // allowlisted under AS-38 (SHA-1's collision weakness does not affect HMAC).
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_length = 0;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), message.data(), message.size(), mac,
       &mac_length);
  const int offset = mac[mac_length - 1] & 0x0F;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                               static_cast<std::uint32_t>(mac[offset + 3]);
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

std::int64_t TotpStep(std::int64_t unix_seconds) {
  // Floor division, so that instants before 1970 (never in practice) still map consistently.
  return unix_seconds >= 0 ? unix_seconds / kTotpStepSeconds
                           : -((-unix_seconds + kTotpStepSeconds - 1) / kTotpStepSeconds);
}

std::string TotpCode(std::span<const std::uint8_t> key, std::int64_t unix_seconds, int digits) {
  return Hotp(key, static_cast<std::uint64_t>(TotpStep(unix_seconds)), digits);
}

std::optional<std::int64_t> MatchTotp(std::span<const std::uint8_t> key, std::string_view code,
                                      std::int64_t unix_seconds, int window) {
  if (code.size() != static_cast<std::size_t>(kTotpDigits)) return std::nullopt;
  for (char c : code) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const std::int64_t now_step = TotpStep(unix_seconds);
  std::optional<std::int64_t> matched;
  // Every candidate is computed and compared, so the time taken does not tell which matched.
  for (std::int64_t step = now_step - window; step <= now_step + window; ++step) {
    if (step < 0) continue;
    if (ConstantTimeEquals(Hotp(key, static_cast<std::uint64_t>(step)), code) && !matched) {
      matched = step;
    }
  }
  return matched;
}

std::string OtpauthUri(std::string_view issuer, std::string_view account,
                       std::string_view base32_secret) {
  return "otpauth://totp/" + PercentEncode(issuer) + ":" + PercentEncode(account) +
         "?secret=" + std::string(base32_secret) + "&issuer=" + PercentEncode(issuer) +
         "&algorithm=SHA1&digits=" + std::to_string(kTotpDigits) +
         "&period=" + std::to_string(kTotpStepSeconds);
}

}  // namespace tb::crypto
