#include "crypto/random.h"

#include <sodium.h>

#include <cstdlib>

#include "crypto/internal/sodium_init.h"

namespace tb::crypto {

std::vector<std::uint8_t> RandomBytes(std::size_t count) {
  internal::EnsureSodium();
  std::vector<std::uint8_t> bytes(count);
  if (count > 0) randombytes_buf(bytes.data(), count);
  return bytes;
}

std::string Base64UrlEncode(std::span<const std::uint8_t> data) {
  internal::EnsureSodium();
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_encoded_len(data.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), data.data(), data.size(), kVariant);
  out.resize(out.find('\0'));  // the length above counts the terminating NUL
  return out;
}

std::string RandomToken(std::size_t bytes) {
  std::vector<std::uint8_t> raw = RandomBytes(bytes);
  std::string token = Base64UrlEncode(raw);
  sodium_memzero(raw.data(), raw.size());
  return token;
}

std::string HexEncode(std::span<const std::uint8_t> data) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(data.size() * 2);
  for (std::uint8_t b : data) {
    hex.push_back(kHex[b >> 4]);
    hex.push_back(kHex[b & 15]);
  }
  return hex;
}

Result<std::vector<std::uint8_t>> HexDecode(std::string_view hex) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  if (hex.size() % 2 != 0) return Status::InvalidArgument("not lower-case hex");
  std::vector<std::uint8_t> bytes(hex.size() / 2);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const int high = nibble(hex[2 * i]);
    const int low = nibble(hex[2 * i + 1]);
    if (high < 0 || low < 0) return Status::InvalidArgument("not lower-case hex");
    bytes[i] = static_cast<std::uint8_t>(high << 4 | low);
  }
  return bytes;
}

Result<std::vector<std::uint8_t>> DecodeBase64Url(std::string_view text) {
  internal::EnsureSodium();
  std::vector<std::uint8_t> decoded(text.size() * 3 / 4 + 1);
  std::size_t decoded_size = 0;
  const char* end = nullptr;
  if (sodium_base642bin(decoded.data(), decoded.size(), text.data(), text.size(), nullptr,
                        &decoded_size, &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size()) {
    return Status::InvalidArgument("not unpadded base64url text");
  }
  decoded.resize(decoded_size);
  // libsodium refuses non-zero trailing bits; this keeps "one value, one text" explicit.
  if (Base64UrlEncode(decoded) != text) return Status::InvalidArgument("not canonical base64url");
  return decoded;
}

std::string Sha256Hex(std::span<const std::uint8_t> data) {
  internal::EnsureSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, data.data(), data.size());
  return HexEncode(digest);
}

std::string Sha256Hex(std::string_view data) {
  return Sha256Hex(std::span(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()));
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace tb::crypto
