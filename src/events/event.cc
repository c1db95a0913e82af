#include "events/event.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>
#include <utility>

namespace tb::events {
namespace {

constexpr std::array<std::pair<EventStatus, std::string_view>, 5> kStatusNames = {{
    {EventStatus::kDraft, "draft"},
    {EventStatus::kOpen, "open"},
    {EventStatus::kClosed, "closed"},
    {EventStatus::kFinished, "finished"},
    {EventStatus::kCancelled, "cancelled"},
}};

constexpr std::array<std::string_view, 5> kAgendaKinds = {"briefing", "panel", "training",
                                                          "plenary", "networking"};

Status Invalid(std::string message, std::string field) {
  return Status::InvalidArgument(std::move(message)).WithField(std::move(field));
}

struct Date {
  int year = 0, month = 0, day = 0;
};

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  Date date;
  auto number = [&](std::size_t at, std::size_t length, int& out) {
    auto [end, error] = std::from_chars(text.data() + at, text.data() + at + length, out);
    return error == std::errc() && end == text.data() + at + length;
  };
  if (!number(0, 4, date.year) || !number(5, 2, date.month) || !number(8, 2, date.day)) {
    return std::nullopt;
  }
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (date.year < 2000 || date.year > 2200 || date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > kDays[date.month - 1]) {
    return std::nullopt;
  }
  const bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
  if (date.month == 2 && date.day == 29 && !leap) return std::nullopt;
  return date;
}

Result<Timestamp> LocalInstant(const Event& event, const Date& date, int minutes) {
  return time_zone::ToUtc({date.year, date.month, date.day, minutes / 60, minutes % 60, 0},
                          event.time_zone);
}

// A [start, end) interval of local clock times, both valid and start < end.
Status CheckInterval(std::string_view start, std::string_view end, const std::string& at) {
  const auto from = ParseClock(start);
  if (!from) return Invalid("a time is written HH:MM (24-hour)", at + "/start");
  const auto to = ParseClock(end);
  if (!to) return Invalid("a time is written HH:MM (24-hour)", at + "/end");
  if (*to <= *from) return Invalid("the end must be after the start", at + "/end");
  return Status::Ok();
}

Status CheckText(const std::string& text, std::size_t max, const std::string& field,
                 bool required) {
  if (required && text.empty()) return Invalid("required", field);
  if (text.size() > max) {
    return Invalid("at most " + std::to_string(max) + " bytes", field);
  }
  return Status::Ok();
}

Status CheckRange(int value, int low, int high, const std::string& field) {
  if (value < low || value > high) {
    return Invalid("between " + std::to_string(low) + " and " + std::to_string(high), field);
  }
  return Status::Ok();
}

Status ValidateRules(const EventRules& rules) {
  for (const auto& [value, low, high, name] :
       std::initializer_list<std::tuple<int, int, int, const char*>>{
           {rules.request_quota, 1, 100, "request_quota"},
           {rules.fairness_k, 0, 50, "fairness_k"},
           {rules.supplier_max_meetings_per_day, 1, 100, "supplier_max_meetings_per_day"},
           {rules.officer_max_meetings_per_day, 1, 100, "officer_max_meetings_per_day"},
           {rules.supplier_max_consecutive, 1, 100, "supplier_max_consecutive"},
           {rules.officer_max_consecutive, 1, 100, "officer_max_consecutive"},
           {rules.interpreter_max_parallel, 1, 100, "interpreter_max_parallel"},
       }) {
    if (Status s = CheckRange(value, low, high, std::string("/rules/") + name); !s.ok()) return s;
  }
  return Status::Ok();
}

Status ValidateDays(const Event& event) {
  if (event.days.size() > 14) return Invalid("at most 14 days", "/days");
  std::set<std::string> dates;
  for (std::size_t d = 0; d < event.days.size(); ++d) {
    const Day& day = event.days[d];
    const std::string at = "/days/" + std::to_string(d);
    if (!ParseDate(day.date)) return Invalid("a date is written YYYY-MM-DD", at + "/date");
    if (!dates.insert(day.date).second) return Invalid("this date is listed twice", at + "/date");
    if (d > 0 && day.date < event.days[d - 1].date) {
      return Invalid("days are listed in date order", at + "/date");
    }
    if (day.sessions.empty() || day.sessions.size() > 6) {
      return Invalid("a day has 1 to 6 sessions", at + "/sessions");
    }
    for (std::size_t s = 0; s < day.sessions.size(); ++s) {
      const Session& session = day.sessions[s];
      const std::string sat = at + "/sessions/" + std::to_string(s);
      if (Status st = CheckText(session.name, 80, sat + "/name", false); !st.ok()) return st;
      if (Status st = CheckInterval(session.start, session.end, sat); !st.ok()) return st;
      if (s > 0 && *ParseClock(session.start) < *ParseClock(day.sessions[s - 1].end)) {
        return Invalid("sessions of a day are in time order and do not overlap", sat + "/start");
      }
    }
  }
  for (std::size_t b = 0; b < event.breaks.size(); ++b) {
    const Break& br = event.breaks[b];
    const std::string at = "/breaks/" + std::to_string(b);
    if (!dates.contains(br.date)) return Invalid("not one of the event's days", at + "/date");
    if (Status st = CheckInterval(br.start, br.end, at); !st.ok()) return st;
    if (Status st = CheckText(br.label, 80, at + "/label", false); !st.ok()) return st;
  }
  return Status::Ok();
}

Status ValidateAgenda(const Event& event) {
  std::set<std::string> rooms;
  for (std::size_t r = 0; r < event.rooms.size(); ++r) {
    const std::string at = "/rooms/" + std::to_string(r);
    if (Status s = CheckText(event.rooms[r].id, 40, at + "/id", true); !s.ok()) return s;
    if (!rooms.insert(event.rooms[r].id).second) return Invalid("duplicate room id", at + "/id");
    if (Status s = CheckText(event.rooms[r].name, 120, at + "/name", true); !s.ok()) return s;
    if (Status s = CheckRange(event.rooms[r].capacity, 0, 100000, at + "/capacity"); !s.ok()) {
      return s;
    }
  }
  std::set<std::string> dates, ids;
  for (const Day& day : event.days) dates.insert(day.date);
  for (std::size_t i = 0; i < event.agenda.size(); ++i) {
    const AgendaItem& item = event.agenda[i];
    const std::string at = "/agenda/" + std::to_string(i);
    if (Status s = CheckText(item.id, 40, at + "/id", true); !s.ok()) return s;
    if (!ids.insert(item.id).second) return Invalid("duplicate agenda item id", at + "/id");
    if (std::find(kAgendaKinds.begin(), kAgendaKinds.end(), item.kind) == kAgendaKinds.end()) {
      return Invalid("one of briefing, panel, training, plenary, networking", at + "/kind");
    }
    if (Status s = CheckText(item.title, 200, at + "/title", true); !s.ok()) return s;
    if (!dates.contains(item.date)) return Invalid("not one of the event's days", at + "/date");
    if (Status s = CheckInterval(item.start, item.end, at); !s.ok()) return s;
    if (!item.room.empty() && !rooms.contains(item.room)) {
      return Invalid("not one of the event's rooms", at + "/room");
    }
    if (item.speakers.size() > 20) return Invalid("at most 20 speakers", at + "/speakers");
    for (std::size_t s = 0; s < item.speakers.size(); ++s) {
      const std::string sat = at + "/speakers/" + std::to_string(s);
      if (Status st = CheckText(item.speakers[s].name, 120, sat + "/name", true); !st.ok()) {
        return st;
      }
      if (Status st = CheckText(item.speakers[s].affiliation, 160, sat + "/affiliation", false);
          !st.ok()) {
        return st;
      }
    }
  }
  return Status::Ok();
}

}  // namespace

std::string_view EventStatusName(EventStatus status) {
  for (const auto& [value, name] : kStatusNames) {
    if (value == status) return name;
  }
  return "draft";
}

std::optional<EventStatus> ParseEventStatus(std::string_view name) {
  for (const auto& [value, text] : kStatusNames) {
    if (text == name) return value;
  }
  return std::nullopt;
}

bool CanMoveEvent(EventStatus from, EventStatus to) {
  using enum EventStatus;
  switch (to) {
    case kOpen:
      return from == kDraft || from == kClosed;
    case kClosed:
      return from == kOpen;
    case kFinished:
      return from == kClosed;
    case kCancelled:
      return from == kDraft || from == kOpen || from == kClosed;
    case kDraft:
      return false;
  }
  return false;
}

std::optional<int> ParseClock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  int hours = 0, minutes = 0;
  auto [h_end, h_error] = std::from_chars(text.data(), text.data() + 2, hours);
  auto [m_end, m_error] = std::from_chars(text.data() + 3, text.data() + 5, minutes);
  if (h_error != std::errc() || m_error != std::errc() || h_end != text.data() + 2 ||
      m_end != text.data() + 5 || hours > 23 || minutes > 59 || hours < 0 || minutes < 0) {
    return std::nullopt;
  }
  return hours * 60 + minutes;
}

std::string FormatClock(int minutes) {
  std::string text(5, '0');
  text[0] = static_cast<char>('0' + minutes / 600);
  text[1] = static_cast<char>('0' + minutes / 60 % 10);
  text[2] = ':';
  text[3] = static_cast<char>('0' + minutes % 60 / 10);
  text[4] = static_cast<char>('0' + minutes % 10);
  return text;
}

Status ValidateEvent(const Event& event) {
  if (Status s = CheckText(event.name, 200, "/name", true); !s.ok()) return s;
  if (Status s = CheckText(event.description, 20000, "/description", false); !s.ok()) return s;
  if (Status s = CheckText(event.venue, 200, "/venue", false); !s.ok()) return s;
  if (Status s = CheckText(event.city, 120, "/city", false); !s.ok()) return s;
  if (!time_zone::IsValid(event.time_zone)) {
    return Invalid("not an IANA time zone (e.g. Asia/Shanghai)", "/time_zone");
  }
  if (Status s = CheckRange(event.slot_minutes, 5, 120, "/slot_minutes"); !s.ok()) return s;
  if (Status s = CheckRange(event.meeting_minutes, 5, event.slot_minutes, "/meeting_minutes");
      !s.ok()) {
    return s;
  }
  if (event.table_mode == TableMode::kPooled) {
    if (Status s = CheckRange(event.pooled_tables, 1, 2000, "/pooled_tables"); !s.ok()) return s;
  }
  if (Status s = ValidateRules(event.rules); !s.ok()) return s;
  if (Status s = ValidateDays(event); !s.ok()) return s;
  return ValidateAgenda(event);
}

Result<std::vector<EventSlot>> DeriveSlots(const Event& event) {
  if (Status s = ValidateEvent(event); !s.ok()) return s;
  std::vector<EventSlot> slots;
  for (std::size_t d = 0; d < event.days.size(); ++d) {
    const Day& day = event.days[d];
    const Date date = *ParseDate(day.date);
    // A break inside a session splits it: consecutive-meeting windows and breaks are counted
    // per run of adjacent slots, as the optimiser's sessions are.
    int part = 0;
    for (std::size_t s = 0; s < day.sessions.size(); ++s) {
      const Session& session = day.sessions[s];
      const int end = *ParseClock(session.end);
      ++part;
      bool part_used = false;
      for (int start = *ParseClock(session.start); start + event.slot_minutes <= end;
           start += event.slot_minutes) {
        const int slot_end = start + event.slot_minutes;
        const bool in_break =
            std::any_of(event.breaks.begin(), event.breaks.end(), [&](const Break& br) {
              return br.date == day.date && *ParseClock(br.start) < slot_end &&
                     start < *ParseClock(br.end);
            });
        if (in_break) {
          if (part_used) ++part;
          part_used = false;
          continue;
        }
        part_used = true;
        EventSlot slot;
        slot.index = static_cast<int>(slots.size());
        slot.day = static_cast<int>(d) + 1;
        slot.date = day.date;
        std::string clock = FormatClock(start);
        slot.id = "D" + std::to_string(slot.day) + "-" + clock.substr(0, 2) + clock.substr(3, 2);
        slot.session = "D" + std::to_string(slot.day) + "-S" + std::to_string(part);
        slot.start = day.date + "T" + clock;
        slot.end = day.date + "T" + FormatClock(slot_end);
        Result<Timestamp> from = LocalInstant(event, date, start);
        if (!from.ok()) return Status(from.status()).WithField("/days/" + std::to_string(d));
        Result<Timestamp> to = LocalInstant(event, date, slot_end);
        if (!to.ok()) return Status(to.status()).WithField("/days/" + std::to_string(d));
        slot.start_utc = *from;
        slot.end_utc = *to;
        slots.push_back(std::move(slot));
      }
    }
  }
  return slots;
}

}  // namespace tb::events
