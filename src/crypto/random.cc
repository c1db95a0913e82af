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

std::string Sha256Hex(std::string_view data) {
  internal::EnsureSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(sizeof digest * 2);
  for (unsigned char b : digest) {
    hex.push_back(kHex[b >> 4]);
    hex.push_back(kHex[b & 15]);
  }
  return hex;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace tb::crypto
