#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tb::crypto {

// Argon2id cost. The defaults are OWASP's minimum (AS-04): m = 19 MiB, t = 2, p = 1
// (libsodium's argon2id always uses one lane).
struct PasswordHashParams {
  std::uint64_t memory_kib = 19456;
  std::uint64_t iterations = 2;
};

// An encoded argon2id hash ("$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>") with a fresh
// 16-byte random salt. About 30-60 ms on this project's machines: call it off I/O threads.
// Internal when libsodium cannot allocate the memory. Thread-safe.
Result<std::string> HashPassword(std::string_view password, const PasswordHashParams& params = {});

// True when `password` matches `encoded_hash`; false for a mismatch or a malformed hash.
bool VerifyPassword(std::string_view encoded_hash, std::string_view password);

// True when `encoded_hash` was made with other parameters than `params` (or is not an
// argon2id hash): the caller re-hashes after the next successful login.
bool PasswordHashNeedsRehash(std::string_view encoded_hash, const PasswordHashParams& params = {});

}  // namespace tb::crypto
