#include "events/event.h"

#include <gtest/gtest.h>

namespace tb::events {
namespace {

// The IPS 2024 layout of ../shared/ALGORITHMS.md A.7: day 1 14:00-17:20, day 2 09:00-12:00 and
// 13:30-16:30, 20-minute slots: 10 + 9 + 9 = 28 slots.
Event Ips() {
  Event e;
  e.name = "UN International Procurement Seminar";
  e.time_zone = "Asia/Shanghai";
  e.days = {{"2024-11-13", {{"afternoon", "14:00", "17:20"}}},
            {"2024-11-14", {{"morning", "09:00", "12:00"}, {"afternoon", "13:30", "16:30"}}}};
  return e;
}

TEST(EventTest, DerivesTheIpsSlotsInLocalAndUtcTime) {
  Result<std::vector<EventSlot>> slots = DeriveSlots(Ips());
  ASSERT_TRUE(slots.ok()) << slots.status().ToString();
  ASSERT_EQ(slots->size(), 28u);
  EXPECT_EQ((*slots)[0].id, "D1-1400");
  EXPECT_EQ((*slots)[0].start, "2024-11-13T14:00");
  EXPECT_EQ((*slots)[0].end, "2024-11-13T14:20");
  // Shanghai is UTC+8 all year.
  EXPECT_EQ((*slots)[0].start_utc.ToRfc3339(), "2024-11-13T06:00:00Z");
  EXPECT_EQ((*slots)[9].id, "D1-1700");
  EXPECT_EQ((*slots)[10].id, "D2-0900");
  EXPECT_EQ((*slots)[10].day, 2);
  EXPECT_EQ((*slots)[19].id, "D2-1330");
  EXPECT_NE((*slots)[18].session, (*slots)[19].session);
  for (int i = 0; i < 28; ++i) EXPECT_EQ((*slots)[i].index, i);
}

TEST(EventTest, ABreakRemovesTheSlotsItOverlapsAndSplitsTheSession) {
  Event e = Ips();
  e.breaks = {{"2024-11-13", "15:30", "15:50", "coffee"}};
  Result<std::vector<EventSlot>> slots = DeriveSlots(e);
  ASSERT_TRUE(slots.ok());
  // 15:20-15:40 and 15:40-16:00 overlap the break.
  ASSERT_EQ(slots->size(), 26u);
  // 15:20-15:40 and 15:40-16:00 are dropped; the list resumes at 16:00 in a new session, so
  // consecutive-meeting windows do not run across the break.
  EXPECT_EQ((*slots)[3].id, "D1-1500");
  EXPECT_EQ((*slots)[4].id, "D1-1600");
  EXPECT_EQ((*slots)[4].end, "2024-11-13T16:20");
  EXPECT_NE((*slots)[4].session, (*slots)[3].session);
  EXPECT_EQ((*slots)[3].session, (*slots)[0].session);
}

TEST(EventTest, ASlotThatWouldPassTheSessionEndIsDropped) {
  Event e = Ips();
  e.days = {{"2024-11-13", {{"", "14:00", "14:50"}}}};
  Result<std::vector<EventSlot>> slots = DeriveSlots(e);
  ASSERT_TRUE(slots.ok());
  EXPECT_EQ(slots->size(), 2u);
}

TEST(EventTest, ValidationNamesTheField) {
  Event e = Ips();
  e.days[1].sessions[1].start = "11:30";  // overlaps the morning
  EXPECT_EQ(ValidateEvent(e).field(), "/days/1/sessions/1/start");
  e = Ips();
  e.days[0].date = "2024-02-30";
  EXPECT_EQ(ValidateEvent(e).field(), "/days/0/date");
  e = Ips();
  e.time_zone = "Mars/Olympus";
  EXPECT_EQ(ValidateEvent(e).field(), "/time_zone");
  e = Ips();
  e.meeting_minutes = 25;  // longer than the slot
  EXPECT_EQ(ValidateEvent(e).field(), "/meeting_minutes");
  e = Ips();
  e.agenda = {{"a1", "briefing", "UNDP briefing", "2024-11-15", "09:00", "10:00", "", {}}};
  EXPECT_EQ(ValidateEvent(e).field(), "/agenda/0/date");
  e = Ips();
  e.breaks = {{"2024-11-13", "16:00", "15:00", ""}};
  EXPECT_EQ(ValidateEvent(e).field(), "/breaks/0/end");
  EXPECT_TRUE(ValidateEvent(Ips()).ok());
}

TEST(EventTest, StatusMovesOnlyForward) {
  EXPECT_TRUE(CanMoveEvent(EventStatus::kDraft, EventStatus::kOpen));
  EXPECT_TRUE(CanMoveEvent(EventStatus::kOpen, EventStatus::kClosed));
  EXPECT_TRUE(CanMoveEvent(EventStatus::kClosed, EventStatus::kOpen));
  EXPECT_TRUE(CanMoveEvent(EventStatus::kClosed, EventStatus::kFinished));
  EXPECT_FALSE(CanMoveEvent(EventStatus::kDraft, EventStatus::kFinished));
  EXPECT_FALSE(CanMoveEvent(EventStatus::kFinished, EventStatus::kCancelled));
  EXPECT_FALSE(CanMoveEvent(EventStatus::kOpen, EventStatus::kDraft));
}

TEST(EventTest, ClockTimes) {
  EXPECT_EQ(ParseClock("09:05"), 545);
  EXPECT_EQ(ParseClock("23:59"), 1439);
  EXPECT_FALSE(ParseClock("24:00"));
  EXPECT_FALSE(ParseClock("9:05"));
  EXPECT_FALSE(ParseClock("09:5a"));
  EXPECT_EQ(FormatClock(545), "09:05");
}

}  // namespace
}  // namespace tb::events
