#include "core/timestamp.h"

#include <gtest/gtest.h>

namespace tb {
namespace {

struct ParseCase {
  const char* input;
  bool ok;
  const char* canonical;  // expected ToRfc3339 of the parsed value
};

TEST(Timestamp, ParsesRfc3339Table) {
  const ParseCase cases[] = {
      {"2024-03-07T12:00:00Z", true, "2024-03-07T12:00:00Z"},
      {"2024-03-07T12:00:00+02:00", true, "2024-03-07T10:00:00Z"},
      {"2024-03-07T12:00:00-04:00", true, "2024-03-07T16:00:00Z"},
      {"2024-03-07T12:00:00.5Z", true, "2024-03-07T12:00:00.500000Z"},
      {"2024-03-07T12:00Z", true, "2024-03-07T12:00:00Z"},
      {"2024-03-07 12:00:00+0530", true, "2024-03-07T06:30:00Z"},
      {"2024-03-07", true, "2024-03-07T00:00:00Z"},
      {"1969-12-31T23:59:59Z", true, "1969-12-31T23:59:59Z"},
      {"2024-02-30T00:00:00Z", false, ""},
      {"2024-03-07T12:00:00", false, ""},  // no zone: which instant?
      {"2024-03-07T25:00:00Z", false, ""},
      {"07/03/2024", false, ""},
      {"", false, ""},
      {"2024-03-07T12:00:00Zjunk", false, ""},
  };
  for (const ParseCase& c : cases) {
    SCOPED_TRACE(c.input);
    Result<Timestamp> t = Timestamp::FromRfc3339(c.input);
    ASSERT_EQ(t.ok(), c.ok) << t.status().ToString();
    if (c.ok) {
      EXPECT_EQ(t->ToRfc3339(), c.canonical);
    }
  }
}

TEST(Timestamp, NegativeSecondsRoundTowardsMinusInfinity) {
  EXPECT_EQ(Timestamp::FromMicros(-1).seconds(), -1);
  EXPECT_EQ(Timestamp::FromMicros(-1'000'000).seconds(), -1);
}

TEST(FakeClock, AdvancesOnlyWhenTold) {
  FakeClock clock(Timestamp::FromSeconds(100));
  EXPECT_EQ(clock.Now(), Timestamp::FromSeconds(100));
  clock.Advance(std::chrono::seconds(5));
  EXPECT_EQ(clock.Now(), Timestamp::FromSeconds(105));
}

TEST(TimeZone, ConvertsAgencyLocalTimeToUtc) {
  Result<Timestamp> t = time_zone::ToUtc({2024, 3, 7, 17, 0, 0}, "America/New_York");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->ToRfc3339(), "2024-03-07T22:00:00Z");
  EXPECT_EQ(*time_zone::FormatLocal(*t, "Asia/Shanghai"), "2024-03-08T06:00:00+08:00");
}

TEST(TimeZone, RefusesDstGapAndOverlap) {
  // 2024-03-10 02:30 does not exist in New York; 2024-11-03 01:30 happens twice.
  EXPECT_EQ(time_zone::ToUtc({2024, 3, 10, 2, 30, 0}, "America/New_York").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(time_zone::ToUtc({2024, 11, 3, 1, 30, 0}, "America/New_York").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_FALSE(time_zone::ToUtc({2024, 3, 7, 12, 0, 0}, "Mars/Olympus").ok());
  EXPECT_FALSE(time_zone::IsValid("Mars/Olympus"));
  EXPECT_TRUE(time_zone::IsValid("Europe/Geneva") || time_zone::IsValid("Europe/Zurich"));
}

}  // namespace
}  // namespace tb
