#include "core/timestamp.h"

#include <date/date.h>
#include <date/tz.h>

#include <charconv>
#include <cstdio>

namespace tb {
namespace {

using Micros = std::chrono::microseconds;
using SysMicros = std::chrono::time_point<std::chrono::system_clock, Micros>;

bool ParseInt(std::string_view text, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > text.size()) return false;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, out);
  return ec == std::errc() && ptr == text.data() + pos + len;
}

Status Bad(std::string_view text) {
  // Appended piece by piece: g++ 12 warns (-Wrestrict, a false positive) on the '+' chain.
  std::string message = "'";
  message.append(text.substr(0, 64));
  message.append("' is not an RFC 3339 time (e.g. 2024-03-07T12:00:00Z)");
  return Status::InvalidArgument(std::move(message));
}

}  // namespace

Timestamp Timestamp::FromSysTime(std::chrono::system_clock::time_point tp) {
  return FromMicros(std::chrono::duration_cast<Micros>(tp.time_since_epoch()).count());
}

Result<Timestamp> Timestamp::FromRfc3339(std::string_view text) {
  int y, mo, d, h = 0, mi = 0, s = 0;
  if (text.size() < 10 || !ParseInt(text, 0, 4, y) || text[4] != '-' ||
      !ParseInt(text, 5, 2, mo) || text[7] != '-' || !ParseInt(text, 8, 2, d)) {
    return Bad(text);
  }
  const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)},
                                 date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return Bad(text);
  std::int64_t frac_micros = 0;
  std::int64_t offset_seconds = 0;
  std::size_t pos = 10;
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return Bad(text);
    if (!ParseInt(text, pos + 1, 2, h) || text.size() < pos + 6 || text[pos + 3] != ':' ||
        !ParseInt(text, pos + 4, 2, mi)) {
      return Bad(text);
    }
    pos += 6;
    if (pos < text.size() && text[pos] == ':') {
      if (!ParseInt(text, pos + 1, 2, s)) return Bad(text);
      pos += 3;
    }
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      ++pos;
      int digits = 0;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        if (digits < 6) frac_micros = frac_micros * 10 + (text[pos] - '0');
        ++digits;
        ++pos;
      }
      if (digits == 0) return Bad(text);
      for (int i = digits; i < 6; ++i) frac_micros *= 10;
    }
    if (h > 23 || mi > 59 || s > 60) return Bad(text);
    if (pos == text.size()) return Bad(text);  // a time without a zone names no instant
    if (text[pos] == 'Z' || text[pos] == 'z') {
      ++pos;
    } else if (text[pos] == '+' || text[pos] == '-') {
      int oh, om;
      const int sign = text[pos] == '-' ? -1 : 1;
      if (!ParseInt(text, pos + 1, 2, oh)) return Bad(text);
      std::size_t mpos = pos + 3;
      if (mpos < text.size() && text[mpos] == ':') ++mpos;
      if (!ParseInt(text, mpos, 2, om) || oh > 23 || om > 59) return Bad(text);
      offset_seconds = sign * (oh * 3600 + om * 60);
      pos = mpos + 2;
    } else {
      return Bad(text);
    }
    if (pos != text.size()) return Bad(text);
  }
  if (s == 60) s = 59;  // leap seconds are folded into the last second of the minute
  const auto days = date::sys_days(ymd).time_since_epoch().count();
  const std::int64_t seconds =
      static_cast<std::int64_t>(days) * 86400 + h * 3600 + mi * 60 + s - offset_seconds;
  return Timestamp::FromMicros(seconds * 1'000'000 + frac_micros);
}

std::string Timestamp::ToRfc3339() const {
  const SysMicros tp{Micros{micros_}};
  const auto day = date::floor<date::days>(tp);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<Micros> tod{tp - day};
  char buf[48];
  const auto frac = tod.subseconds().count();
  if (frac == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
                  static_cast<int>(tod.seconds().count()));
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%06lldZ",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<int>(tod.hours().count()),
                  static_cast<int>(tod.minutes().count()), static_cast<int>(tod.seconds().count()),
                  static_cast<long long>(frac));
  }
  return buf;
}

Timestamp SystemClock::Now() const {
  return Timestamp::FromSysTime(std::chrono::system_clock::now());
}

namespace time_zone {
namespace {

const date::time_zone* Find(std::string_view name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // namespace

bool IsValid(std::string_view name) { return !name.empty() && Find(name) != nullptr; }

Result<Timestamp> ToUtc(const LocalDateTime& local, std::string_view zone) {
  const date::time_zone* tz = Find(zone);
  if (tz == nullptr) {
    return Status::InvalidArgument("unknown time zone '" + std::string(zone) + "'")
        .WithField("time_zone");
  }
  const date::year_month_day ymd{date::year{local.year},
                                 date::month{static_cast<unsigned>(local.month)},
                                 date::day{static_cast<unsigned>(local.day)}};
  if (!ymd.ok() || local.hour < 0 || local.hour > 23 || local.minute < 0 || local.minute > 59 ||
      local.second < 0 || local.second > 59) {
    return Status::InvalidArgument("not a valid local date and time");
  }
  const date::local_seconds lt = date::local_days(ymd) + std::chrono::hours(local.hour) +
                                 std::chrono::minutes(local.minute) +
                                 std::chrono::seconds(local.second);
  const date::local_info info = tz->get_info(lt);
  if (info.result == date::local_info::nonexistent) {
    return Status::InvalidArgument("this local time does not exist in " + std::string(zone) +
                                   " (clocks jump forward over it)");
  }
  if (info.result == date::local_info::ambiguous) {
    return Status::InvalidArgument("this local time occurs twice in " + std::string(zone) +
                                   " (clocks go back over it); choose another time");
  }
  const auto utc = lt.time_since_epoch() - info.first.offset;
  return Timestamp::FromSeconds(utc.count());
}

Result<std::string> FormatLocal(Timestamp t, std::string_view zone) {
  const date::time_zone* tz = Find(zone);
  if (tz == nullptr) {
    return Status::InvalidArgument("unknown time zone '" + std::string(zone) + "'");
  }
  const date::sys_seconds sys{std::chrono::seconds{t.seconds()}};
  const auto zt = date::make_zoned(tz, sys);
  return date::format("%FT%T%Ez", zt);
}

}  // namespace time_zone
}  // namespace tb
