#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "core/timestamp.h"

namespace tb::events {

// Procurement seminars and fairs (issue #7, docs/events.md). An event is edited as one
// document by centre staff; participants, requests and meetings are rows of their own.

using EventId = StrongId<struct EventIdTag>;
using ParticipantId = StrongId<struct ParticipantIdTag>;
using RequestId = StrongId<struct RequestIdTag>;
using RunId = StrongId<struct RunIdTag>;
using MeetingId = StrongId<struct MeetingIdTag>;

enum class EventStatus { kDraft, kOpen, kClosed, kFinished, kCancelled };
std::string_view EventStatusName(EventStatus status);
std::optional<EventStatus> ParseEventStatus(std::string_view name);
// draft → open → closed → finished; draft, open and closed may be cancelled; closed may
// reopen.
bool CanMoveEvent(EventStatus from, EventStatus to);

enum class TableMode { kDedicated, kPooled };

// Local wall-clock times of the venue: dates "2026-05-14", times "14:00".
struct Session {
  std::string name;
  std::string start;
  std::string end;
  bool operator==(const Session&) const = default;
};

struct Day {
  std::string date;
  std::vector<Session> sessions;
  bool operator==(const Day&) const = default;
};

struct Break {
  std::string date;
  std::string start;
  std::string end;
  std::string label;
  bool operator==(const Break&) const = default;
};

struct Room {
  std::string id;
  std::string name;
  int capacity = 0;
  bool operator==(const Room&) const = default;
};

struct Speaker {
  std::string name;
  std::string affiliation;
  bool operator==(const Speaker&) const = default;
};

struct AgendaItem {
  std::string id;
  std::string kind;  // briefing, panel, training, plenary, networking
  std::string title;
  std::string date;
  std::string start;
  std::string end;
  std::string room;  // a Room id, or empty
  std::vector<Speaker> speakers;
  bool operator==(const AgendaItem&) const = default;
};

struct EventRules {
  int request_quota = 10;
  int fairness_k = 3;
  int supplier_max_meetings_per_day = 10;
  int officer_max_meetings_per_day = 24;
  int supplier_max_consecutive = 4;
  int officer_max_consecutive = 6;
  int interpreter_max_parallel = 2;
  bool operator==(const EventRules&) const = default;
};

struct Event {
  EventId id;
  std::int64_t version = 0;  // bumped by every stored change
  OrganisationId organiser;  // the centre
  std::string name;
  std::string description;
  std::string venue;
  std::string city;
  std::string time_zone = "UTC";
  EventStatus status = EventStatus::kDraft;
  int slot_minutes = 20;
  int meeting_minutes = 15;
  std::vector<Day> days;
  std::vector<Break> breaks;
  TableMode table_mode = TableMode::kDedicated;
  int pooled_tables = 0;
  std::vector<Room> rooms;
  std::vector<AgendaItem> agenda;
  EventRules rules;
  Timestamp created_at;
  Timestamp updated_at;
  bool operator==(const Event&) const = default;
};

// One meeting slot, derived from the days, sessions and breaks (never stored). Indices are
// 0-based in day and time order, as in the optimiser's instance format.
struct EventSlot {
  int index = 0;
  std::string id;  // "D1-1400"
  int day = 1;     // 1-based
  std::string date;
  std::string session;  // "D1-S1": slots of a session are consecutive
  std::string start;    // local "2026-05-14T14:00"
  std::string end;
  Timestamp start_utc;
  Timestamp end_utc;
};

// Minutes since midnight of "HH:MM"; nullopt when malformed.
std::optional<int> ParseClock(std::string_view text);
// "HH:MM" of minutes since midnight.
std::string FormatClock(int minutes);

// Checks everything a stored event must satisfy: InvalidArgument naming the field as a JSON
// pointer ("/days/1/sessions/0/end").
Status ValidateEvent(const Event& event);

// The slots of a valid event: every session cut into slot_minutes pieces from its start; a
// piece ending after the session or overlapping a break is dropped.
Result<std::vector<EventSlot>> DeriveSlots(const Event& event);

}  // namespace tb::events
