#include "crypto/shamir.h"

#include <sodium.h>

#include <memory>
#include <string>

#include "crypto/internal/sodium_init.h"

extern "C" {
#include <libgfshare.h>
}

namespace tb::crypto {
namespace {

constexpr int kMaxShares = 255;

void FillFromSodium(unsigned char* buffer, unsigned int count) { randombytes_buf(buffer, count); }

// libgfshare 2.0.0 leaves gfshare_fill_rand NULL; it draws the polynomial's coefficients from
// it and also overwrites its buffers with it when a context is freed (SECURITY.md §5.2: never
// the library's own fallback filler, which uses the C library's non-cryptographic generator).
void EnsureGfshareRandom() {
  static const bool installed = [] {
    internal::EnsureSodium();
    gfshare_fill_rand = &FillFromSodium;
    return true;
  }();
  (void)installed;
}

struct ContextFree {
  void operator()(gfshare_ctx* context) const { gfshare_ctx_free(context); }
};
using Context = std::unique_ptr<gfshare_ctx, ContextFree>;

}  // namespace

Result<std::vector<std::vector<std::uint8_t>>> SplitSecret(std::span<const std::uint8_t> secret,
                                                           int threshold, int count) {
  if (secret.empty()) return Status::InvalidArgument("the secret to split is empty");
  if (threshold < 2) {
    return Status::InvalidArgument("the threshold must be at least 2, not " +
                                   std::to_string(threshold))
        .WithField("threshold");
  }
  if (count < threshold || count > kMaxShares) {
    return Status::InvalidArgument("the number of shares must be between the threshold (" +
                                   std::to_string(threshold) + ") and 255, not " +
                                   std::to_string(count))
        .WithField("count");
  }
  EnsureGfshareRandom();
  std::vector<unsigned char> xs(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i)
    xs[static_cast<std::size_t>(i)] = static_cast<unsigned char>(i + 1);
  Context context(gfshare_ctx_init_enc(xs.data(), static_cast<unsigned int>(count),
                                       static_cast<unsigned char>(threshold),
                                       static_cast<unsigned int>(secret.size())));
  if (context == nullptr) return Status::Internal("libgfshare could not start a split");
  // gfshare_ctx_enc_setsecret copies the secret into the context (and draws the other
  // coefficients); the parameter is not const only in libgfshare's declaration.
  gfshare_ctx_enc_setsecret(context.get(), const_cast<unsigned char*>(secret.data()));

  std::vector<std::vector<std::uint8_t>> shares;
  shares.reserve(xs.size());
  for (std::size_t i = 0; i < xs.size(); ++i) {
    std::vector<std::uint8_t> share(1 + secret.size());
    share[0] = xs[i];
    gfshare_ctx_enc_getshare(context.get(), static_cast<unsigned char>(i), share.data() + 1);
    shares.push_back(std::move(share));
  }
  return shares;
}

Result<LockedBytes> CombineShares(std::span<const std::vector<std::uint8_t>> shares) {
  if (shares.size() < 2) {
    return Status::InvalidArgument("at least two shares are needed, " +
                                   std::to_string(shares.size()) + " given");
  }
  if (shares.size() > kMaxShares) {
    return Status::InvalidArgument("at most 255 shares can be combined");
  }
  const std::size_t share_size = shares.front().size();
  if (share_size < 2) {
    return Status::InvalidArgument("a share is its x byte followed by at least one byte");
  }
  std::vector<unsigned char> xs;
  xs.reserve(shares.size());
  bool seen[256] = {};
  for (std::size_t i = 0; i < shares.size(); ++i) {
    const std::vector<std::uint8_t>& share = shares[i];
    const std::string which = "share " + std::to_string(i + 1);
    if (share.size() != share_size) {
      return Status::InvalidArgument(which + " has " + std::to_string(share.size()) +
                                     " bytes, the first has " + std::to_string(share_size));
    }
    if (share[0] == 0) return Status::InvalidArgument(which + " has x = 0, which is the secret");
    if (seen[share[0]]) {
      return Status::InvalidArgument(which + " repeats x = " + std::to_string(share[0]));
    }
    seen[share[0]] = true;
    xs.push_back(share[0]);
  }
  EnsureGfshareRandom();
  const std::size_t secret_size = share_size - 1;
  Context context(gfshare_ctx_init_dec(xs.data(), static_cast<unsigned int>(xs.size()),
                                       static_cast<unsigned int>(secret_size)));
  if (context == nullptr) return Status::Internal("libgfshare could not start a recombination");
  for (std::size_t i = 0; i < shares.size(); ++i) {
    // Copied into the context; libgfshare only reads it.
    gfshare_ctx_dec_giveshare(context.get(), static_cast<unsigned char>(i),
                              const_cast<unsigned char*>(shares[i].data() + 1));
  }
  LockedBytes secret(secret_size);
  gfshare_ctx_dec_extract(context.get(), secret.data());
  return secret;
}

}  // namespace tb::crypto
