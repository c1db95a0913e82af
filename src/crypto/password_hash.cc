#include "crypto/password_hash.h"

#include <sodium.h>

#include "crypto/internal/sodium_init.h"

namespace tb::crypto {

Result<std::string> HashPassword(std::string_view password, const PasswordHashParams& params) {
  internal::EnsureSodium();
  char encoded[crypto_pwhash_STRBYTES];
  // crypto_pwhash_str draws its own 16-byte salt from the CSPRNG; it takes the memory limit
  // in bytes and always writes the argon2id identifier for this algorithm.
  if (crypto_pwhash_str_alg(encoded, password.data(), password.size(), params.iterations,
                            static_cast<std::size_t>(params.memory_kib) * 1024,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Internal("password hashing ran out of memory");
  }
  return std::string(encoded);
}

namespace {

// crypto_pwhash_str_verify wants a NUL-terminated string of bounded length.
bool ToCString(std::string_view hash, char (&out)[crypto_pwhash_STRBYTES]) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  if (hash.find('\0') != std::string_view::npos) return false;
  hash.copy(out, hash.size());
  out[hash.size()] = '\0';
  return true;
}

}  // namespace

bool VerifyPassword(std::string_view encoded_hash, std::string_view password) {
  internal::EnsureSodium();
  char hash[crypto_pwhash_STRBYTES];
  if (!ToCString(encoded_hash, hash)) return false;
  if (!encoded_hash.starts_with("$argon2id$")) return false;
  return crypto_pwhash_str_verify(hash, password.data(), password.size()) == 0;
}

bool PasswordHashNeedsRehash(std::string_view encoded_hash, const PasswordHashParams& params) {
  internal::EnsureSodium();
  char hash[crypto_pwhash_STRBYTES];
  if (!ToCString(encoded_hash, hash)) return true;
  if (!encoded_hash.starts_with("$argon2id$")) return true;
  return crypto_pwhash_str_needs_rehash(hash, params.iterations,
                                        static_cast<std::size_t>(params.memory_kib) * 1024) != 0;
}

}  // namespace tb::crypto
