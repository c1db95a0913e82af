#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tb {

// A UTC instant with microsecond resolution. Zoned only for display and for reading the
// wall-clock times agencies publish (see TimeZone below).
class Timestamp {
 public:
  constexpr Timestamp() = default;
  static constexpr Timestamp FromMicros(std::int64_t micros) { return Timestamp(micros); }
  static constexpr Timestamp FromSeconds(std::int64_t seconds) {
    return Timestamp(seconds * 1'000'000);
  }
  static Timestamp FromSysTime(std::chrono::system_clock::time_point tp);

  // Parses RFC 3339 / ISO 8601 with a zone ("2024-03-07T12:00:00Z", "...+02:00",
  // "2024-03-07T12:00:00.123456-04:00"). A date alone ("2024-03-07") is midnight UTC.
  // InvalidArgument when the text is not such a time or names an impossible date.
  static Result<Timestamp> FromRfc3339(std::string_view text);

  constexpr std::int64_t micros() const { return micros_; }
  constexpr std::int64_t seconds() const {
    return micros_ >= 0 ? micros_ / 1'000'000 : -((-micros_ + 999'999) / 1'000'000);
  }

  // "2024-03-07T12:00:00Z", with fractional seconds only when they are not zero.
  std::string ToRfc3339() const;

  constexpr Timestamp operator+(std::chrono::microseconds d) const {
    return Timestamp(micros_ + d.count());
  }
  constexpr Timestamp operator-(std::chrono::microseconds d) const {
    return Timestamp(micros_ - d.count());
  }
  constexpr std::chrono::microseconds operator-(Timestamp other) const {
    return std::chrono::microseconds(micros_ - other.micros_);
  }
  constexpr auto operator<=>(const Timestamp&) const = default;

 private:
  constexpr explicit Timestamp(std::int64_t micros) : micros_(micros) {}
  std::int64_t micros_ = 0;
};

// Where time comes from. Injected so tests control it; SystemClock reads the real one.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
};

// A clock that stands still until told to move. Thread-compatible (tests drive it).
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp now) : now_(now) {}
  Timestamp Now() const override { return now_; }
  void Set(Timestamp now) { now_ = now; }
  void Advance(std::chrono::microseconds d) { now_ = now_ + d; }

 private:
  Timestamp now_;
};

// A local wall-clock time as agencies publish it ("2024-03-07 17:00" New York time).
struct LocalDateTime {
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
};

// IANA time zones (Debian's tzdata through Howard Hinnant's date/tz).
namespace time_zone {

// True when `name` is a known IANA zone ("America/New_York", "UTC").
bool IsValid(std::string_view name);

// The UTC instant of a local time in `zone`. InvalidArgument for an unknown zone, for a
// local time that does not exist (inside a DST gap) and for one that exists twice (a DST
// overlap), because a deadline must name exactly one instant.
Result<Timestamp> ToUtc(const LocalDateTime& local, std::string_view zone);

// The local time of `t` in `zone` as "2024-03-07T17:00:00-05:00". InvalidArgument for an
// unknown zone.
Result<std::string> FormatLocal(Timestamp t, std::string_view zone);

}  // namespace time_zone

}  // namespace tb
