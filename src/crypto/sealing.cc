#include "crypto/sealing.h"

#include <sodium.h>

#include "crypto/internal/sodium_init.h"
#include "crypto/random.h"

namespace tb::crypto {

static_assert(crypto_box_PUBLICKEYBYTES == 32 && crypto_box_SECRETKEYBYTES == 32);
static_assert(crypto_box_SEALBYTES == 48);

X25519KeyPair GenerateX25519KeyPair() {
  internal::EnsureSodium();
  X25519KeyPair pair;
  pair.secret_key = LockedBytes(crypto_box_SECRETKEYBYTES);
  crypto_box_keypair(pair.public_key.data(), pair.secret_key.data());
  return pair;
}

Result<X25519KeyPair> X25519KeyPairFromSeed(std::span<const std::uint8_t> seed) {
  if (seed.size() != crypto_box_SEEDBYTES) {
    return Status::InvalidArgument("a key seed has 32 bytes, not " + std::to_string(seed.size()));
  }
  internal::EnsureSodium();
  X25519KeyPair pair;
  pair.secret_key = LockedBytes(crypto_box_SECRETKEYBYTES);
  crypto_box_seed_keypair(pair.public_key.data(), pair.secret_key.data(), seed.data());
  return pair;
}

std::vector<std::uint8_t> SealToPublicKey(const X25519PublicKey& recipient,
                                          std::span<const std::uint8_t> message) {
  internal::EnsureSodium();
  std::vector<std::uint8_t> sealed(message.size() + crypto_box_SEALBYTES);
  // crypto_box_seal fails only for messages longer than libsodium's size limit (far beyond
  // anything we seal: a manifest, a 32-byte key or a share).
  if (crypto_box_seal(sealed.data(), message.data(), message.size(), recipient.data()) != 0) {
    sealed.clear();
  }
  return sealed;
}

Result<LockedBytes> OpenSealed(const X25519PublicKey& public_key,
                               std::span<const std::uint8_t> secret_key,
                               std::span<const std::uint8_t> sealed) {
  internal::EnsureSodium();
  if (secret_key.size() != crypto_box_SECRETKEYBYTES) {
    return Status::InvalidArgument("a secret key has 32 bytes, not " +
                                   std::to_string(secret_key.size()));
  }
  if (sealed.size() < crypto_box_SEALBYTES) {
    return Status::InvalidArgument("the sealed data is shorter than a sealed box (48 bytes)");
  }
  LockedBytes opened(sealed.size() - crypto_box_SEALBYTES);
  // An empty message still needs a writable pointer.
  LockedBytes scratch(opened.size() == 0 ? 1 : 0);
  std::uint8_t* out = opened.size() == 0 ? scratch.data() : opened.data();
  if (crypto_box_seal_open(out, sealed.data(), sealed.size(), public_key.data(),
                           secret_key.data()) != 0) {
    return Status::InvalidArgument("the sealed data does not open with this key");
  }
  return opened;
}

bool SecretKeyMatches(std::span<const std::uint8_t> secret_key, const X25519PublicKey& public_key) {
  internal::EnsureSodium();
  if (secret_key.size() != crypto_scalarmult_SCALARBYTES) return false;
  X25519PublicKey derived{};
  if (crypto_scalarmult_base(derived.data(), secret_key.data()) != 0) return false;
  return sodium_memcmp(derived.data(), public_key.data(), derived.size()) == 0;
}

std::string KeyFingerprint(const X25519PublicKey& public_key) {
  return Sha256Hex(
      std::string_view(reinterpret_cast<const char*>(public_key.data()), public_key.size()));
}

Result<X25519PublicKey> ParseX25519PublicKey(std::string_view base64url) {
  Result<std::vector<std::uint8_t>> bytes = DecodeBase64Url(base64url);
  if (!bytes.ok()) return Status::InvalidArgument("the public key is not unpadded base64url");
  if (bytes->size() != crypto_box_PUBLICKEYBYTES) {
    return Status::InvalidArgument("a public key has 32 bytes, this one has " +
                                   std::to_string(bytes->size()));
  }
  X25519PublicKey key{};
  std::copy(bytes->begin(), bytes->end(), key.begin());
  return key;
}

}  // namespace tb::crypto
