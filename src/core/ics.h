#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/timestamp.h"

namespace tb {

// One VEVENT of an iCalendar file.
struct CalendarEvent {
  std::string uid;  // stable across changes, so a calendar updates instead of duplicating
  Timestamp start;
  Timestamp end;
  std::string summary;
  std::string location;
  std::string description;
  int sequence = 0;  // bumped when the event changes
};

// An RFC 5545 calendar (METHOD:PUBLISH) with times in UTC, text escaped (backslash, comma,
// semicolon, newline), lines folded at 75 octets without splitting a UTF-8 character, CRLF
// line ends. `stamp` is DTSTAMP of every event.
std::string WriteCalendar(std::string_view name, const std::vector<CalendarEvent>& events,
                          Timestamp stamp);

}  // namespace tb
