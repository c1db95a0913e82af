#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tb::crypto {

// The platform's Ed25519 signing key: it signs bid receipts (SECURITY.md ET-02) and the audit
// log's tree heads (AU-03). Its public half is published at /api/v1/audit/public-key.
class SigningKey {
 public:
  // A fresh random key (tests, first start).
  static SigningKey Generate();

  // Reads the key file at `path`, or creates it (mode 0600, parent directories 0700) when it
  // does not exist. InvalidArgument for a file that is not a key written by this program;
  // Internal for I/O errors. Every server of a cluster must be given the same file.
  static Result<SigningKey> LoadOrCreate(const std::string& path);

  // Reads the key file at `path` and never creates one (`tenderbridge audit verify`).
  // NotFound when there is no such file; InvalidArgument for a file that is not a key;
  // FailedPrecondition when group or others may read it (the file must be mode 0600).
  static Result<SigningKey> Load(const std::string& path);

  // The key of a 32-byte Ed25519 seed (RFC 8032 test vectors). InvalidArgument otherwise.
  static Result<SigningKey> FromSeed(std::span<const std::uint8_t> seed);

  std::array<std::uint8_t, 64> Sign(std::span<const std::uint8_t> message) const;
  const std::array<std::uint8_t, 32>& public_key() const { return public_key_; }
  // First 16 hex digits of SHA-256(public key): names the key in receipts and heads.
  std::string KeyId() const;

  ~SigningKey();
  SigningKey(const SigningKey&);
  SigningKey& operator=(const SigningKey&);

 private:
  SigningKey() = default;
  std::array<std::uint8_t, 64> secret_key_{};  // libsodium's seed || public key layout
  std::array<std::uint8_t, 32> public_key_{};
};

// The id of a platform public key in receipts and tree heads: the first 16 hex digits of its
// SHA-256.
std::string KeyIdOf(const std::array<std::uint8_t, 32>& public_key);

// True when `signature` (64 bytes) is `public_key`'s Ed25519 signature of `message`.
bool VerifySignature(const std::array<std::uint8_t, 32>& public_key,
                     std::span<const std::uint8_t> message,
                     std::span<const std::uint8_t> signature);

// An Ed25519 public key given as text: 43 characters of unpadded base64url or 64 hex digits.
// InvalidArgument otherwise.
Result<std::array<std::uint8_t, 32>> ParsePublicKey(std::string_view text);

// An Ed25519 signature given as text: 86 characters of unpadded base64url or 128 hex digits.
// InvalidArgument otherwise.
Result<std::array<std::uint8_t, 64>> ParseSignature(std::string_view text);

// The public key as a PEM "PUBLIC KEY" block (RFC 8410 SubjectPublicKeyInfo), which
// `openssl pkeyutl -verify -pubin -inkey key.pem -rawin` reads.
std::string PublicKeyPem(const std::array<std::uint8_t, 32>& public_key);

}  // namespace tb::crypto
