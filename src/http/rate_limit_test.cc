#include "http/rate_limit.h"

#include <gtest/gtest.h>

namespace tb::http {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

RateLimitOptions LoginLimit(int burst, seconds period) {
  RateLimitOptions options = RateLimitOptions::Unlimited();
  EXPECT_TRUE(
      ApplyRateLimitSpec("login:ip=" + std::to_string(burst) + "/" + std::to_string(period.count()),
                         options)
          .ok());
  return options;
}

// AS-30: a burst of three times the limit; every request beyond the limit is refused.
TEST(RateLimiter, BurstToThreeTimesTheLimitRefusesAllTheExcess) {
  FakeClock clock(Timestamp::FromSeconds(1'750'000'000));
  RateLimiter limiter(LoginLimit(10, seconds(60)), clock);
  int allowed = 0, refused = 0;
  for (int i = 0; i < 30; ++i) {
    if (limiter.Take(RateClass::kLogin, RateScope::kIp, "10.0.0.1")) {
      ++refused;
    } else {
      ++allowed;
    }
  }
  EXPECT_EQ(allowed, 10);
  EXPECT_EQ(refused, 20) << "100 % of the excess must be refused";
}

// AS-30: a steady load at 80 % of the long-run rate for an hour is never refused.
TEST(RateLimiter, SteadyLoadAtEightyPercentIsNeverRefused) {
  FakeClock clock(Timestamp::FromSeconds(1'750'000'000));
  RateLimiter limiter(LoginLimit(10, seconds(60)), clock);  // 1 request per 6 s
  const auto interval = std::chrono::duration_cast<std::chrono::microseconds>(
      seconds(6) * 10 / 8);  // 80 % of the rate: one request per 7.5 s
  int refused = 0;
  for (int i = 0; i < 480; ++i) {
    if (limiter.Take(RateClass::kLogin, RateScope::kIp, "10.0.0.1")) ++refused;
    clock.Advance(interval);
  }
  EXPECT_EQ(refused, 0);
}

TEST(RateLimiter, RetryAfterSaysWhenATokenIsBack) {
  FakeClock clock(Timestamp::FromSeconds(1'750'000'000));
  RateLimiter limiter(LoginLimit(2, seconds(60)), clock);  // a token every 30 s
  EXPECT_FALSE(limiter.Take(RateClass::kLogin, RateScope::kIp, "a"));
  EXPECT_FALSE(limiter.Take(RateClass::kLogin, RateScope::kIp, "a"));
  EXPECT_EQ(limiter.Take(RateClass::kLogin, RateScope::kIp, "a"), seconds(30));
  clock.Advance(seconds(29));
  EXPECT_EQ(limiter.Take(RateClass::kLogin, RateScope::kIp, "a"), seconds(1));
  clock.Advance(seconds(1));
  EXPECT_FALSE(limiter.Take(RateClass::kLogin, RateScope::kIp, "a"));
}

TEST(RateLimiter, KeysClassesAndScopesHaveSeparateBuckets) {
  FakeClock clock(Timestamp::FromSeconds(1'750'000'000));
  RateLimitOptions options = LoginLimit(1, seconds(60));
  ASSERT_TRUE(ApplyRateLimitSpec("login:account=1/60", options).ok());
  ASSERT_TRUE(ApplyRateLimitSpec("search:ip=1/60", options).ok());
  RateLimiter limiter(options, clock);
  EXPECT_FALSE(limiter.Take(RateClass::kLogin, RateScope::kIp, "a"));
  EXPECT_TRUE(limiter.Take(RateClass::kLogin, RateScope::kIp, "a"));
  EXPECT_FALSE(limiter.Take(RateClass::kLogin, RateScope::kIp, "b"));
  EXPECT_FALSE(limiter.Take(RateClass::kLogin, RateScope::kAccount, "a"));
  EXPECT_FALSE(limiter.Take(RateClass::kSearch, RateScope::kIp, "a"));
}

TEST(RateLimiter, UnlimitedClassesAndZeroBurstsNeverRefuse) {
  FakeClock clock(Timestamp::FromSeconds(1'750'000'000));
  RateLimiter limiter(RateLimitOptions::Unlimited(), clock);
  for (int i = 0; i < 1000; ++i) {
    ASSERT_FALSE(limiter.Take(RateClass::kLogin, RateScope::kIp, "a"));
    ASSERT_FALSE(limiter.Take(RateClass::kNone, RateScope::kIp, "a"));
  }
}

TEST(RateLimiter, AClockSteppingBackRefillsNothing) {
  FakeClock clock(Timestamp::FromSeconds(1'750'000'000));
  RateLimiter limiter(LoginLimit(1, seconds(60)), clock);
  EXPECT_FALSE(limiter.Take(RateClass::kLogin, RateScope::kIp, "a"));
  clock.Advance(-std::chrono::hours(1));
  EXPECT_TRUE(limiter.Take(RateClass::kLogin, RateScope::kIp, "a"));
}

TEST(RateLimiter, ForgetsRefilledBucketsWhenFullAndStillLimits) {
  FakeClock clock(Timestamp::FromSeconds(1'750'000'000));
  RateLimitOptions options = LoginLimit(1, seconds(60));
  options.max_buckets = 4;
  RateLimiter limiter(options, clock);
  for (int i = 0; i < 100; ++i) {
    EXPECT_FALSE(limiter.Take(RateClass::kLogin, RateScope::kIp, std::to_string(i)));
  }
  EXPECT_TRUE(limiter.Take(RateClass::kLogin, RateScope::kIp, "99"))
      << "the newest bucket is still remembered";
}

TEST(ApplyRateLimitSpec, RefusesMalformedSpecs) {
  RateLimitOptions options;
  for (const char* spec : {"", "login", "login:ip", "login:ip=5", "login:ip=5/0", "login:ip=-1/5",
                           "login:host=5/60", "bids:ip=5/60", "login:ip=x/60", "login=5/60:ip"}) {
    SCOPED_TRACE(spec);
    EXPECT_FALSE(ApplyRateLimitSpec(spec, options).ok());
  }
  EXPECT_TRUE(ApplyRateLimitSpec("password_reset:account=3/600", options).ok());
  EXPECT_EQ(options.per_account[static_cast<int>(RateClass::kPasswordReset)],
            (RateLimit{3, seconds(600)}));
}

TEST(RemoteAddress, DropsThePort) {
  EXPECT_EQ(RemoteAddress("127.0.0.1:5000"), "127.0.0.1");
  EXPECT_EQ(RemoteAddress("::1:5000"), "::1");
  EXPECT_EQ(RemoteAddress("[::1]:5000"), "::1");
  EXPECT_EQ(RemoteAddress("unix"), "unix");
}

}  // namespace
}  // namespace tb::http
