#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/result.h"
#include "crypto/locked_bytes.h"

namespace tb::crypto {

// Shamir secret sharing over GF(2^8) with libgfshare, in its pinned share format (SECURITY.md
// CR-05): polynomial 0x11D, secret = f(0), a share = 1-byte x (1..255, distinct) || f(x)
// byte-wise, so a 32-byte key gives 33-byte shares that `gfcombine` reads.

// `count` shares of which any `threshold` rebuild `secret`; coefficients from libsodium's
// CSPRNG. InvalidArgument unless 2 <= threshold <= count <= 255 and the secret is non-empty.
Result<std::vector<std::vector<std::uint8_t>>> SplitSecret(std::span<const std::uint8_t> secret,
                                                           int threshold, int count);

// The secret the shares interpolate to, in locked memory. InvalidArgument for fewer than two
// shares, shares of unequal length, x = 0 or a repeated x. With fewer shares than the
// threshold the result is a wrong secret, not an error: callers check it against the public
// key (SecretKeyMatches).
Result<LockedBytes> CombineShares(std::span<const std::vector<std::uint8_t>> shares);

}  // namespace tb::crypto
