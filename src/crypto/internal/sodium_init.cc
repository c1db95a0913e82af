#include "crypto/internal/sodium_init.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

namespace tb::crypto::internal {

void EnsureSodium() {
  static const bool initialised = [] {
    if (sodium_init() < 0) {
      std::fputs("fatal: libsodium failed to initialise\n", stderr);
      std::abort();
    }
    return true;
  }();
  (void)initialised;
}

}  // namespace tb::crypto::internal
