#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/result.h"
#include "core/timestamp.h"

namespace tb::http {

// Requests that share a rate-limit budget (AS-30). A route names its class in the table.
enum class RateClass { kNone, kLogin, kSignup, kPasswordReset, kSearch, kUpload };

// One token bucket's shape: up to `burst` requests at once, refilled at `burst` per
// `period` (so the long-run rate is burst/period). burst 0 turns the limit off.
struct RateLimit {
  int burst = 0;
  std::chrono::seconds period{60};

  bool operator==(const RateLimit&) const = default;
};

// Whose budget a request spends: the client address, or the account it names (the e-mail
// of a login, the user of a session), so that many addresses cannot share one account's
// budget nor one address exhaust many accounts (AS-03, AS-30).
enum class RateScope { kIp, kAccount };

inline constexpr std::size_t kRateClassCount = 6;  // RateClass::kNone .. kUpload

struct RateLimitOptions {
  // Indexed by RateClass; kNone is never limited.
  std::array<RateLimit, kRateClassCount> per_ip;
  std::array<RateLimit, kRateClassCount> per_account;
  // Buckets kept in memory; beyond it, the full (idle) ones are dropped first.
  std::size_t max_buckets = 100'000;

  // Login 10 per minute per address and per account (AS-03 allows at most 100 failed
  // attempts per account-hour; 10 a minute refills to at most 600 requests, and the auth
  // service's own per-account back-off takes it below 100); sign-up and reset 5 per 10
  // minutes; search 60 per 10 s; uploads 20 per minute.
  static RateLimitOptions Defaults();
  // Every limit off (benchmarks, load tests).
  static RateLimitOptions Unlimited();
};

// Parses "CLASS:SCOPE=BURST/SECONDS" ("login:ip=10/60", "search:account=0/1") into
// `options`. CLASS is login, signup, password_reset, search or upload; SCOPE ip or account.
// InvalidArgument naming the part that is wrong.
Status ApplyRateLimitSpec(std::string_view spec, RateLimitOptions& options);

std::string_view RateClassName(RateClass rate_class);

// Token buckets per (class, scope, key) on an injected clock, so tests step time instead of
// sleeping. Thread-safe. `clock` must outlive the limiter.
class RateLimiter {
 public:
  RateLimiter(RateLimitOptions options, const Clock& clock);

  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  // Spends one token of the bucket (rate_class, scope, key). Returns nullopt when the
  // request may go ahead, else the whole seconds (≥ 1) until a token is back: the
  // Retry-After value of the 429.
  std::optional<std::chrono::seconds> Take(RateClass rate_class, RateScope scope,
                                           std::string_view key);

  const RateLimitOptions& options() const { return options_; }

 private:
  struct Bucket {
    double tokens = 0;
    Timestamp updated;
    Timestamp full_at;  // when it would hold `burst` tokens again: then it can be forgotten
  };
  const RateLimit& LimitFor(RateClass rate_class, RateScope scope) const;
  void DropIdleBuckets(Timestamp now);

  const RateLimitOptions options_;
  const Clock& clock_;
  std::mutex mu_;
  std::map<std::string, Bucket, std::less<>> buckets_;  // Guarded by mu_.
};

// The address part of Request::remote ("127.0.0.1:5000" → "127.0.0.1", "::1:5000" → "::1").
std::string_view RemoteAddress(std::string_view remote);

}  // namespace tb::http
