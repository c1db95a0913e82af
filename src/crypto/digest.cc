#include "crypto/digest.h"

#include <sodium.h>

#include "crypto/internal/sodium_init.h"

namespace tb::crypto {
namespace {

static_assert(sizeof(crypto_hash_sha256_state) <= 128, "Sha256Hasher::state_ is too small");
static_assert(crypto_hash_sha256_BYTES == 32);

crypto_hash_sha256_state* State(unsigned char* bytes) {
  return reinterpret_cast<crypto_hash_sha256_state*>(bytes);
}

}  // namespace

Sha256Digest Sha256(std::span<const std::uint8_t> data) {
  internal::EnsureSodium();
  Sha256Digest digest;
  crypto_hash_sha256(digest.data(), data.data(), data.size());
  return digest;
}

Sha256Digest Sha256(std::string_view data) {
  return Sha256(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(data.data()),
                                              data.size()));
}

Sha256Hasher::Sha256Hasher() {
  internal::EnsureSodium();
  crypto_hash_sha256_init(State(state_));
}

Sha256Hasher& Sha256Hasher::Update(std::span<const std::uint8_t> data) {
  crypto_hash_sha256_update(State(state_), data.data(), data.size());
  return *this;
}

Sha256Hasher& Sha256Hasher::Update(std::uint8_t byte) {
  crypto_hash_sha256_update(State(state_), &byte, 1);
  return *this;
}

Sha256Digest Sha256Hasher::Finish() {
  Sha256Digest digest;
  crypto_hash_sha256_final(State(state_), digest.data());
  return digest;
}

}  // namespace tb::crypto
