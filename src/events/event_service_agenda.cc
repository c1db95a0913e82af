// Personal agendas, their ICS files and the hall's table plan (issue #7 item 5).
#include <algorithm>
#include <map>

#include "auth/policy.h"
#include "events/event_service.h"
#include "core/ics.h"
#include "events/internal/service_support.h"

namespace tb::events {

using internal::FindParticipant;
using internal::IsParticipantActor;
using nlohmann::json;

namespace {

// Local "2026-05-14T14:00" and its UTC instant for a date and a clock time of the event.
Result<std::pair<std::string, Timestamp>> LocalTime(const Event& event, const std::string& date,
                                                    const std::string& clock) {
  const std::optional<int> minutes = ParseClock(clock);
  if (!minutes || date.size() != 10) return Status::Internal("stored event has a bad time");
  LocalDateTime local{std::stoi(date.substr(0, 4)),
                      std::stoi(date.substr(5, 2)),
                      std::stoi(date.substr(8, 2)),
                      *minutes / 60,
                      *minutes % 60,
                      0};
  TB_ASSIGN_OR_RETURN(Timestamp utc, time_zone::ToUtc(local, event.time_zone));
  return std::make_pair(date + "T" + clock, utc);
}

std::string CounterpartName(const Participant& p) {
  return p.kind == ParticipantKind::kSupplier && !p.organisation_name.empty() ? p.organisation_name
                                                                              : p.name;
}

}  // namespace

Result<Agenda> EventService::AgendaOf(const auth::Actor& actor, EventId id,
                                      ParticipantId participant) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  if (!actor.authenticated()) return Status::Unauthenticated("sign in");
  TB_ASSIGN_OR_RETURN(std::vector<Participant> participants, store_.ListParticipants(id));
  const Participant* self = FindParticipant(participants, participant);
  if (self == nullptr || !(loaded.manage || IsParticipantActor(actor, *self))) {
    return Status::NotFound("no such participant").WithField("participant");
  }
  const Event& event = loaded.event;
  TB_ASSIGN_OR_RETURN(std::vector<EventSlot> slots, DeriveSlots(event));
  TB_ASSIGN_OR_RETURN(std::vector<Meeting> meetings, store_.ListMeetings(id));
  TB_ASSIGN_OR_RETURN(std::vector<MeetingRequest> requests, store_.ListRequests(id));
  std::map<std::int64_t, const MeetingRequest*> request_by_id;
  for (const MeetingRequest& r : requests) request_by_id[r.id.value] = &r;

  Agenda agenda;
  agenda.participant = *self;
  agenda.event_name = event.name;
  agenda.venue = event.venue;
  agenda.time_zone = event.time_zone;
  for (const Meeting& m : meetings) {
    if (m.cancelled || m.slot < 0 || m.slot >= static_cast<int>(slots.size())) continue;
    const bool as_supplier = m.supplier == self->id, as_officer = m.officer == self->id;
    if (!as_supplier && !as_officer) continue;
    const Participant* other = FindParticipant(participants, as_supplier ? m.officer : m.supplier);
    const EventSlot& slot = slots[m.slot];
    AgendaEntry entry;
    entry.kind = "meeting";
    entry.start = slot.start;
    entry.start_utc = slot.start_utc;
    // The meeting itself is shorter than its slot (the rest is the table change).
    entry.end_utc = slot.start_utc + std::chrono::minutes(event.meeting_minutes);
    entry.end =
        slot.date + "T" + FormatClock(*ParseClock(slot.start.substr(11)) + event.meeting_minutes);
    entry.room = m.table;
    entry.meeting = m.id;
    entry.outcome = m.outcome;
    if (other != nullptr) {
      entry.counterpart = other->name;
      entry.counterpart_organisation = other->organisation_name;
      entry.codes = other->codes;
      entry.pitch = other->kind == ParticipantKind::kSupplier ? other->pitch : other->focus;
      entry.title = CounterpartName(*other);
    }
    if (auto r = request_by_id.find(m.request.value); r != request_by_id.end()) {
      entry.priority = r->second->priority;
    }
    agenda.entries.push_back(std::move(entry));
  }
  std::map<std::string, std::string> room_names;
  for (const Room& room : event.rooms) room_names[room.id] = room.name;
  for (const AgendaItem& item : event.agenda) {
    TB_ASSIGN_OR_RETURN(auto start, LocalTime(event, item.date, item.start));
    TB_ASSIGN_OR_RETURN(auto end, LocalTime(event, item.date, item.end));
    AgendaEntry entry;
    entry.kind = "item";
    entry.item = item.id;
    entry.start = start.first;
    entry.start_utc = start.second;
    entry.end = end.first;
    entry.end_utc = end.second;
    entry.title = item.title;
    entry.room = room_names.count(item.room) ? room_names[item.room] : item.room;
    for (const Speaker& s : item.speakers) {
      entry.pitch += (entry.pitch.empty() ? "" : "; ") + s.name +
                     (s.affiliation.empty() ? "" : " (" + s.affiliation + ")");
    }
    agenda.entries.push_back(std::move(entry));
  }
  for (const Break& b : event.breaks) {
    TB_ASSIGN_OR_RETURN(auto start, LocalTime(event, b.date, b.start));
    TB_ASSIGN_OR_RETURN(auto end, LocalTime(event, b.date, b.end));
    AgendaEntry entry;
    entry.kind = "break";
    entry.start = start.first;
    entry.start_utc = start.second;
    entry.end = end.first;
    entry.end_utc = end.second;
    entry.title = b.label;
    agenda.entries.push_back(std::move(entry));
  }
  std::stable_sort(
      agenda.entries.begin(), agenda.entries.end(),
      [](const AgendaEntry& a, const AgendaEntry& b) { return a.start_utc < b.start_utc; });
  return agenda;
}

Result<std::string> EventService::AgendaIcs(const auth::Actor& actor, EventId id,
                                            ParticipantId participant) {
  TB_ASSIGN_OR_RETURN(Agenda agenda, AgendaOf(actor, id, participant));
  std::vector<CalendarEvent> events;
  for (const AgendaEntry& e : agenda.entries) {
    if (e.kind == "break") continue;
    CalendarEvent c;
    c.start = e.start_utc;
    c.end = e.end_utc;
    c.location = agenda.venue;
    if (e.kind == "meeting") {
      c.uid = "meeting-" + std::to_string(e.meeting->value) + "-event-" + std::to_string(id.value) +
              "@tenderbridge";
      c.summary = "Meeting: " + e.title;
      if (!e.room.empty())
        c.location = "Table " + e.room + (agenda.venue.empty() ? "" : ", " + agenda.venue);
      c.description =
          e.counterpart +
          (e.counterpart_organisation.empty() ? "" : " (" + e.counterpart_organisation + ")");
      if (!e.pitch.empty()) c.description += "\n" + e.pitch;
    } else {
      c.uid = "item-" + e.item + "-event-" + std::to_string(id.value) + "@tenderbridge";
      c.summary = e.title;
      if (!e.room.empty()) c.location = e.room + (agenda.venue.empty() ? "" : ", " + agenda.venue);
      c.description = e.pitch;
    }
    events.push_back(std::move(c));
  }
  return WriteCalendar(agenda.event_name, events, clock_.Now());
}

Result<json> EventService::TablePlan(const auth::Actor& actor, EventId id,
                                     std::optional<int> slot) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  TB_ASSIGN_OR_RETURN(std::vector<Participant> participants, store_.ListParticipants(id));
  // The hall plan names who meets whom: staff and the event's own officers only.
  const bool officer_here =
      auth::IsAgencyOfficer(actor) &&
      std::any_of(participants.begin(), participants.end(), [&](const Participant& p) {
        return !p.cancelled && p.kind == ParticipantKind::kOfficer && IsParticipantActor(actor, p);
      });
  if (!loaded.manage && !officer_here) return Status::NotFound("no such event").WithField("id");
  TB_ASSIGN_OR_RETURN(std::vector<EventSlot> slots, DeriveSlots(loaded.event));
  if (slot && (*slot < 0 || *slot >= static_cast<int>(slots.size()))) {
    return Status::InvalidArgument("no such slot").WithField("slot");
  }
  TB_ASSIGN_OR_RETURN(std::vector<Meeting> meetings, store_.ListMeetings(id));
  std::map<int, json> by_slot;
  for (const Meeting& m : meetings) {
    if (m.cancelled || (slot && m.slot != *slot)) continue;
    const Participant* s = FindParticipant(participants, m.supplier);
    const Participant* o = FindParticipant(participants, m.officer);
    by_slot[m.slot].push_back({{"table", m.table},
                               {"meeting", m.id.value},
                               {"supplier", s ? CounterpartName(*s) : ""},
                               {"officer", o ? o->name : ""},
                               {"agency", o ? o->organisation_name : ""},
                               {"pinned", m.pinned}});
  }
  json out = json::array();
  for (const EventSlot& s : slots) {
    if (slot && s.index != *slot) continue;
    json tables = by_slot.count(s.index) ? by_slot[s.index] : json::array();
    std::sort(tables.begin(), tables.end(), [](const json& a, const json& b) {
      return a["table"].get<std::string>() < b["table"].get<std::string>();
    });
    out.push_back({{"index", s.index},
                   {"id", s.id},
                   {"start", s.start},
                   {"end", s.end},
                   {"tables", std::move(tables)}});
  }
  return json{{"slots", std::move(out)}};
}

}  // namespace tb::events
