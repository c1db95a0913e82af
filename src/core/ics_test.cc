#include "core/ics.h"

#include <gtest/gtest.h>

namespace tb {
namespace {

TEST(IcsTest, WritesUtcTimesEscapedTextAndCrlf) {
  CalendarEvent e;
  e.uid = "meeting-1-event-2@tenderbridge";
  e.start = *Timestamp::FromRfc3339("2024-11-13T06:00:00Z");
  e.end = *Timestamp::FromRfc3339("2024-11-13T06:15:00Z");
  e.summary = "Meeting: UNDP, solar; panels";
  e.description = "line one\nline two";
  const std::string ics =
      WriteCalendar("Seminar", {e}, *Timestamp::FromRfc3339("2024-11-01T00:00:00Z"));
  EXPECT_NE(ics.find("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART:20241113T060000Z\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTEND:20241113T061500Z\r\n"), std::string::npos);
  EXPECT_NE(ics.find("SUMMARY:Meeting: UNDP\\, solar\\; panels\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DESCRIPTION:line one\\nline two\r\n"), std::string::npos);
  EXPECT_NE(ics.find("END:VEVENT\r\nEND:VCALENDAR\r\n"), std::string::npos);
  // No bare LF anywhere.
  for (std::size_t i = 0; i < ics.size(); ++i) {
    if (ics[i] == '\n') ASSERT_EQ(ics[i - 1], '\r') << "bare LF at " << i;
  }
}

TEST(IcsTest, FoldsLongLinesWithoutSplittingUtf8) {
  CalendarEvent e;
  e.uid = "x";
  for (int i = 0; i < 60; ++i) e.summary += "会";  // 3 bytes each: 180 bytes
  const std::string ics = WriteCalendar("c", {e}, Timestamp::FromSeconds(0));
  std::size_t start = 0;
  std::string unfolded;
  while (start < ics.size()) {
    const std::size_t end = ics.find("\r\n", start);
    const std::string line = ics.substr(start, end - start);
    EXPECT_LE(line.size(), 75u);
    // A physical line never starts with a UTF-8 continuation byte (after the fold space).
    const std::size_t first = line.starts_with(" ") ? 1 : 0;
    if (line.size() > first) {
      EXPECT_NE(static_cast<unsigned char>(line[first]) & 0xC0, 0x80) << line;
    }
    unfolded += line.starts_with(" ") ? line.substr(1) : (unfolded.empty() ? "" : "\n") + line;
    start = end + 2;
  }
  EXPECT_NE(unfolded.find("SUMMARY:" + e.summary), std::string::npos);
}

}  // namespace
}  // namespace tb
