#pragma once

namespace tb::crypto::internal {

// Initialises libsodium once per process (thread-safe; sodium_init itself is idempotent).
// Aborts when it cannot: every caller depends on a working CSPRNG.
void EnsureSodium();

}  // namespace tb::crypto::internal
