#include "core/ics.h"

#include <string>

namespace tb {
namespace {

// "20260514T060000Z".
std::string UtcStamp(Timestamp t) {
  std::string rfc = Timestamp::FromSeconds(t.seconds()).ToRfc3339();  // 2026-05-14T06:00:00Z
  std::string out;
  for (char c : rfc) {
    if (c != '-' && c != ':') out.push_back(c);
  }
  return out;
}

std::string EscapeText(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// Appends one content line, folded: at most 75 octets per physical line, continuation lines
// start with a space, and a cut never falls inside a UTF-8 sequence.
void AppendLine(std::string& out, std::string_view line) {
  std::size_t limit = 75;
  while (line.size() > limit) {
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = 74;  // the leading space counts
  }
  out.append(line);
  out += "\r\n";
}

}  // namespace

std::string WriteCalendar(std::string_view name, const std::vector<CalendarEvent>& events,
                          Timestamp stamp) {
  std::string out;
  AppendLine(out, "BEGIN:VCALENDAR");
  AppendLine(out, "VERSION:2.0");
  AppendLine(out, "PRODID:-//TenderBridge//Events//EN");
  AppendLine(out, "CALSCALE:GREGORIAN");
  AppendLine(out, "METHOD:PUBLISH");
  AppendLine(out, "X-WR-CALNAME:" + EscapeText(name));
  for (const CalendarEvent& e : events) {
    AppendLine(out, "BEGIN:VEVENT");
    AppendLine(out, "UID:" + EscapeText(e.uid));
    AppendLine(out, "DTSTAMP:" + UtcStamp(stamp));
    AppendLine(out, "DTSTART:" + UtcStamp(e.start));
    AppendLine(out, "DTEND:" + UtcStamp(e.end));
    AppendLine(out, "SEQUENCE:" + std::to_string(e.sequence));
    AppendLine(out, "SUMMARY:" + EscapeText(e.summary));
    if (!e.location.empty()) AppendLine(out, "LOCATION:" + EscapeText(e.location));
    if (!e.description.empty()) AppendLine(out, "DESCRIPTION:" + EscapeText(e.description));
    AppendLine(out, "END:VEVENT");
  }
  AppendLine(out, "END:VCALENDAR");
  return out;
}

}  // namespace tb
