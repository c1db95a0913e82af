#include "http/rate_limit.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace tb::http {
namespace {

constexpr std::size_t Index(RateClass rate_class) { return static_cast<std::size_t>(rate_class); }

std::optional<RateClass> ParseRateClass(std::string_view name) {
  for (RateClass c : {RateClass::kLogin, RateClass::kSignup, RateClass::kPasswordReset,
                      RateClass::kSearch, RateClass::kUpload}) {
    if (RateClassName(c) == name) return c;
  }
  return std::nullopt;
}

bool ParseInt(std::string_view text, int& value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && value >= 0;
}

}  // namespace

std::string_view RateClassName(RateClass rate_class) {
  switch (rate_class) {
    case RateClass::kNone:
      return "none";
    case RateClass::kLogin:
      return "login";
    case RateClass::kSignup:
      return "signup";
    case RateClass::kPasswordReset:
      return "password_reset";
    case RateClass::kSearch:
      return "search";
    case RateClass::kUpload:
      return "upload";
  }
  return "none";
}

RateLimitOptions RateLimitOptions::Defaults() {
  using std::chrono::seconds;
  RateLimitOptions o;
  o.per_ip[Index(RateClass::kLogin)] = {10, seconds(60)};
  o.per_account[Index(RateClass::kLogin)] = {10, seconds(60)};
  o.per_ip[Index(RateClass::kSignup)] = {5, seconds(600)};
  o.per_ip[Index(RateClass::kPasswordReset)] = {5, seconds(600)};
  o.per_account[Index(RateClass::kPasswordReset)] = {3, seconds(600)};
  o.per_ip[Index(RateClass::kSearch)] = {60, seconds(10)};
  o.per_account[Index(RateClass::kSearch)] = {60, seconds(10)};
  o.per_ip[Index(RateClass::kUpload)] = {20, seconds(60)};
  o.per_account[Index(RateClass::kUpload)] = {20, seconds(60)};
  return o;
}

RateLimitOptions RateLimitOptions::Unlimited() { return RateLimitOptions{}; }

Status ApplyRateLimitSpec(std::string_view spec, RateLimitOptions& options) {
  const std::size_t colon = spec.find(':');
  const std::size_t eq = spec.find('=');
  const std::size_t slash = spec.find('/');
  if (colon == std::string_view::npos || eq == std::string_view::npos ||
      slash == std::string_view::npos || !(colon < eq && eq < slash)) {
    return Status::InvalidArgument("a rate limit reads CLASS:SCOPE=BURST/SECONDS, not \"" +
                                   std::string(spec) + "\"");
  }
  const std::optional<RateClass> rate_class = ParseRateClass(spec.substr(0, colon));
  if (!rate_class) {
    return Status::InvalidArgument(
        "rate class must be login, signup, password_reset, search or "
        "upload");
  }
  const std::string_view scope = spec.substr(colon + 1, eq - colon - 1);
  if (scope != "ip" && scope != "account") {
    return Status::InvalidArgument("rate scope must be ip or account");
  }
  int burst = 0, seconds = 0;
  if (!ParseInt(spec.substr(eq + 1, slash - eq - 1), burst) ||
      !ParseInt(spec.substr(slash + 1), seconds) || seconds == 0) {
    return Status::InvalidArgument("BURST must be 0 or more and SECONDS 1 or more in \"" +
                                   std::string(spec) + "\"");
  }
  auto& table = scope == "ip" ? options.per_ip : options.per_account;
  table[Index(*rate_class)] = {burst, std::chrono::seconds(seconds)};
  return Status::Ok();
}

RateLimiter::RateLimiter(RateLimitOptions options, const Clock& clock)
    : options_(std::move(options)), clock_(clock) {}

const RateLimit& RateLimiter::LimitFor(RateClass rate_class, RateScope scope) const {
  const auto& table = scope == RateScope::kIp ? options_.per_ip : options_.per_account;
  return table[Index(rate_class)];
}

std::optional<std::chrono::seconds> RateLimiter::Take(RateClass rate_class, RateScope scope,
                                                      std::string_view key) {
  if (rate_class == RateClass::kNone) return std::nullopt;
  const RateLimit& limit = LimitFor(rate_class, scope);
  if (limit.burst <= 0) return std::nullopt;
  const double per_micro =
      static_cast<double>(limit.burst) /
      static_cast<double>(
          std::chrono::duration_cast<std::chrono::microseconds>(limit.period).count());

  std::string id(RateClassName(rate_class));
  id += scope == RateScope::kIp ? "|ip|" : "|account|";
  id += key;

  const Timestamp now = clock_.Now();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(id);
  if (it == buckets_.end()) {
    if (buckets_.size() >= options_.max_buckets) DropIdleBuckets(now);
    it = buckets_.emplace(std::move(id), Bucket{static_cast<double>(limit.burst), now, now}).first;
  }
  Bucket& bucket = it->second;
  // A clock that steps back refills nothing rather than draining the bucket.
  const std::int64_t elapsed = std::max<std::int64_t>(0, (now - bucket.updated).count());
  bucket.tokens = std::min<double>(limit.burst, bucket.tokens + elapsed * per_micro);
  bucket.updated = now;
  const bool allowed = bucket.tokens >= 1.0;
  if (allowed) bucket.tokens -= 1.0;
  bucket.full_at = now + std::chrono::microseconds(static_cast<std::int64_t>(
                             std::ceil((limit.burst - bucket.tokens) / per_micro)));
  if (allowed) return std::nullopt;
  const double wait_micros = (1.0 - bucket.tokens) / per_micro;
  return std::chrono::seconds(
      std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(wait_micros / 1e6))));
}

void RateLimiter::DropIdleBuckets(Timestamp now) {
  // A bucket that would be full again is indistinguishable from a new one.
  std::erase_if(buckets_, [&](const auto& entry) { return entry.second.full_at <= now; });
  // A flood of distinct keys (spoofed addresses cannot reach us over TCP, but many real ones
  // can) must not grow memory without bound: forgetting every bucket errs towards letting
  // requests through, never towards refusing them.
  if (buckets_.size() >= options_.max_buckets) buckets_.clear();
}

std::string_view RemoteAddress(std::string_view remote) {
  const std::size_t colon = remote.rfind(':');
  if (colon == std::string_view::npos) return remote;
  std::string_view address = remote.substr(0, colon);
  if (address.size() >= 2 && address.front() == '[' && address.back() == ']') {
    address = address.substr(1, address.size() - 2);
  }
  return address;
}

}  // namespace tb::http
