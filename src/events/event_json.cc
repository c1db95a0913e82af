#include "events/event_json.h"

#include <string>

#include "events/internal/json_fields.h"

namespace tb::events {
namespace {

using internal::FieldReader;
using nlohmann::json;

json TimeOrNull(const std::optional<Timestamp>& t) {
  return t ? json(t->ToRfc3339()) : json(nullptr);
}

Status ReadTime(FieldReader& reader, std::string_view key, Timestamp& out) {
  std::string text;
  reader.Text(key, text, 64);
  if (!reader.ok() || text.empty()) return reader.status();
  Result<Timestamp> t = Timestamp::FromRfc3339(text);
  if (!t.ok()) return Status::InvalidArgument("not an RFC 3339 time").WithField(reader.At(key));
  out = *t;
  return Status::Ok();
}

Status ReadOptionalTime(FieldReader& reader, std::string_view key, std::optional<Timestamp>& out) {
  if (reader.Find(key) == nullptr) {
    out.reset();
    return reader.status();
  }
  Timestamp t;
  if (Status s = ReadTime(reader, key, t); !s.ok()) return s;
  out = t;
  return Status::Ok();
}

json EditableEventJson(const Event& event) {
  json days = json::array();
  for (const Day& day : event.days) {
    json sessions = json::array();
    for (const Session& s : day.sessions) {
      sessions.push_back({{"name", s.name}, {"start", s.start}, {"end", s.end}});
    }
    days.push_back({{"date", day.date}, {"sessions", std::move(sessions)}});
  }
  json breaks = json::array();
  for (const Break& b : event.breaks) {
    breaks.push_back({{"date", b.date}, {"start", b.start}, {"end", b.end}, {"label", b.label}});
  }
  json rooms = json::array();
  for (const Room& r : event.rooms) {
    rooms.push_back({{"id", r.id}, {"name", r.name}, {"capacity", r.capacity}});
  }
  json agenda = json::array();
  for (const AgendaItem& item : event.agenda) {
    json speakers = json::array();
    for (const Speaker& s : item.speakers) {
      speakers.push_back({{"name", s.name}, {"affiliation", s.affiliation}});
    }
    agenda.push_back({{"id", item.id},
                      {"kind", item.kind},
                      {"title", item.title},
                      {"date", item.date},
                      {"start", item.start},
                      {"end", item.end},
                      {"room", item.room},
                      {"speakers", std::move(speakers)}});
  }
  const EventRules& r = event.rules;
  return {{"name", event.name},
          {"description", event.description},
          {"venue", event.venue},
          {"city", event.city},
          {"time_zone", event.time_zone},
          {"slot_minutes", event.slot_minutes},
          {"meeting_minutes", event.meeting_minutes},
          {"days", std::move(days)},
          {"breaks", std::move(breaks)},
          {"table_mode", event.table_mode == TableMode::kPooled ? "pooled" : "dedicated"},
          {"pooled_tables", event.pooled_tables},
          {"rooms", std::move(rooms)},
          {"agenda", std::move(agenda)},
          {"rules",
           {{"request_quota", r.request_quota},
            {"fairness_k", r.fairness_k},
            {"supplier_max_meetings_per_day", r.supplier_max_meetings_per_day},
            {"officer_max_meetings_per_day", r.officer_max_meetings_per_day},
            {"supplier_max_consecutive", r.supplier_max_consecutive},
            {"officer_max_consecutive", r.officer_max_consecutive},
            {"interpreter_max_parallel", r.interpreter_max_parallel}}}};
}

// Reads the editable fields of a whole (already merged) event document into `event`.
Status ReadEditableEvent(const json& doc, Event& event, bool allow_server_fields) {
  FieldReader reader(doc, "");
  if (!allow_server_fields) {
    reader.Only({"name", "description", "venue", "city", "time_zone", "slot_minutes",
                 "meeting_minutes", "days", "breaks", "table_mode", "pooled_tables", "rooms",
                 "agenda", "rules"});
  }
  std::string table_mode;
  reader.Text("name", event.name, 200)
      .Text("description", event.description, 20000)
      .Text("venue", event.venue, 200)
      .Text("city", event.city, 120)
      .Text("time_zone", event.time_zone, 64)
      .Int("slot_minutes", event.slot_minutes, 5, 120)
      .Int("meeting_minutes", event.meeting_minutes, 5, 120)
      .Text("table_mode", table_mode, 16)
      .Int("pooled_tables", event.pooled_tables, 0, 2000);
  if (!table_mode.empty()) {
    if (table_mode == "pooled") {
      event.table_mode = TableMode::kPooled;
    } else if (table_mode == "dedicated") {
      event.table_mode = TableMode::kDedicated;
    } else {
      reader.Fail("dedicated or pooled", "/table_mode");
    }
  }
  reader.Objects("days", event.days, 14, [](const json& e, const std::string& at, Day& day) {
    FieldReader r(e, at);
    r.Only({"date", "sessions"}).Text("date", day.date, 10);
    r.Objects("sessions", day.sessions, 6,
              [](const json& se, const std::string& sat, Session& session) {
                FieldReader sr(se, sat);
                sr.Only({"name", "start", "end"})
                    .Text("name", session.name, 80)
                    .Text("start", session.start, 5)
                    .Text("end", session.end, 5);
                return sr.status();
              });
    return r.status();
  });
  reader.Objects("breaks", event.breaks, 50, [](const json& e, const std::string& at, Break& b) {
    FieldReader r(e, at);
    r.Only({"date", "start", "end", "label"})
        .Text("date", b.date, 10)
        .Text("start", b.start, 5)
        .Text("end", b.end, 5)
        .Text("label", b.label, 80);
    return r.status();
  });
  reader.Objects("rooms", event.rooms, 100, [](const json& e, const std::string& at, Room& room) {
    FieldReader r(e, at);
    r.Only({"id", "name", "capacity"})
        .Text("id", room.id, 40)
        .Text("name", room.name, 120)
        .Int("capacity", room.capacity, 0, 100000);
    return r.status();
  });
  reader.Objects("agenda", event.agenda, 200,
                 [](const json& e, const std::string& at, AgendaItem& item) {
                   FieldReader r(e, at);
                   r.Only({"id", "kind", "title", "date", "start", "end", "room", "speakers"})
                       .Text("id", item.id, 40)
                       .Text("kind", item.kind, 20)
                       .Text("title", item.title, 200)
                       .Text("date", item.date, 10)
                       .Text("start", item.start, 5)
                       .Text("end", item.end, 5)
                       .Text("room", item.room, 40);
                   r.Objects("speakers", item.speakers, 20,
                             [](const json& se, const std::string& sat, Speaker& speaker) {
                               FieldReader sr(se, sat);
                               sr.Only({"name", "affiliation"})
                                   .Text("name", speaker.name, 120)
                                   .Text("affiliation", speaker.affiliation, 160);
                               return sr.status();
                             });
                   return r.status();
                 });
  if (const json* rules = reader.Object("rules")) {
    EventRules& r = event.rules;
    FieldReader rr(*rules, "/rules");
    rr.Only({"request_quota", "fairness_k", "supplier_max_meetings_per_day",
             "officer_max_meetings_per_day", "supplier_max_consecutive", "officer_max_consecutive",
             "interpreter_max_parallel"})
        .Int("request_quota", r.request_quota, 1, 100)
        .Int("fairness_k", r.fairness_k, 0, 50)
        .Int("supplier_max_meetings_per_day", r.supplier_max_meetings_per_day, 1, 100)
        .Int("officer_max_meetings_per_day", r.officer_max_meetings_per_day, 1, 100)
        .Int("supplier_max_consecutive", r.supplier_max_consecutive, 1, 100)
        .Int("officer_max_consecutive", r.officer_max_consecutive, 1, 100)
        .Int("interpreter_max_parallel", r.interpreter_max_parallel, 1, 100);
    if (!rr.ok()) return rr.status();
  }
  return reader.status();
}

json EditableParticipantJson(const Participant& p) {
  json availability = json::array();
  for (const Window& w : p.availability) {
    availability.push_back({{"date", w.date}, {"start", w.start}, {"end", w.end}});
  }
  return {{"name", p.name},
          {"email", p.email},
          {"job_title", p.job_title},
          {"delegates", p.delegates},
          {"delegation", p.delegation},
          {"interpreter_group", p.interpreter_group},
          {"languages", p.languages},
          {"availability", std::move(availability)},
          {"max_meetings_per_day", p.max_meetings_per_day},
          {"max_meetings", p.max_meetings},
          {"pitch", p.pitch},
          {"codes", p.codes},
          {"focus", p.focus},
          {"auto_accept", AutoAcceptName(p.auto_accept)}};
}

Status ReadParticipantFields(FieldReader& reader, Participant& p) {
  std::string auto_accept(AutoAcceptName(p.auto_accept));
  reader.Text("name", p.name, 160)
      .Text("email", p.email, 254)
      .Text("job_title", p.job_title, 160)
      .Int("delegates", p.delegates, 1, 5)
      .TextList("delegation", p.delegation, 10, 160)
      .Text("interpreter_group", p.interpreter_group, 40)
      .TextList("languages", p.languages, 10, 16)
      .Int("max_meetings_per_day", p.max_meetings_per_day, 0, 100)
      .Int("max_meetings", p.max_meetings, 0, 1000)
      .Text("pitch", p.pitch, 480)
      .TextList("codes", p.codes, 50, 10)
      .Text("focus", p.focus, 480)
      .Text("auto_accept", auto_accept, 20);
  reader.Objects(
      "availability", p.availability, 50, [](const json& e, const std::string& at, Window& w) {
        FieldReader r(e, at);
        r.Only({"date", "start", "end"})
            .Text("date", w.date, 10)
            .Text("start", w.start, 5)
            .Text("end", w.end, 5);
        if (r.ok()) {
          const auto from = ParseClock(w.start), to = ParseClock(w.end);
          if (!from) return Status::InvalidArgument("HH:MM").WithField(at + "/start");
          if (!to || *to <= *from) {
            return Status::InvalidArgument("HH:MM after the start").WithField(at + "/end");
          }
        }
        return r.status();
      });
  if (!reader.ok()) return reader.status();
  const auto rule = ParseAutoAccept(auto_accept);
  if (!rule) {
    return Status::InvalidArgument("none, all, priority_1 or code_overlap")
        .WithField("/auto_accept");
  }
  p.auto_accept = *rule;
  if (p.pitch.size() > 480) return Status::InvalidArgument("too long").WithField("/pitch");
  return internal::NormaliseCodes(p.codes, "/codes");
}

json Figures(const RunFigures& f) {
  return {{"meetings", f.meetings},
          {"weight", f.weight},
          {"fairness", f.fairness},
          {"breaks", f.breaks},
          {"moved", f.moved}};
}

Status ReadFigures(FieldReader& reader, std::string_view key, RunFigures& f) {
  if (const json* value = reader.Object(key)) {
    std::int64_t meetings = 0, weight = 0, fairness = 0, breaks = 0, moved = 0;
    FieldReader r(*value, reader.At(key));
    r.Int64("meetings", meetings)
        .Int64("weight", weight)
        .Int64("fairness", fairness)
        .Int64("breaks", breaks)
        .Int64("moved", moved);
    f = {meetings, weight, fairness, breaks, moved};
    return r.status();
  }
  return reader.status();
}

double Percent(long long value, long long bound) {
  return bound > 0 ? 100.0 * static_cast<double>(value) / static_cast<double>(bound) : 100.0;
}

}  // namespace

json ToJson(const Event& event) {
  json out = EditableEventJson(event);
  out["id"] = event.id.value;
  out["version"] = event.version;
  out["organiser"] = event.organiser.value;
  out["status"] = EventStatusName(event.status);
  out["created_at"] = event.created_at.ToRfc3339();
  out["updated_at"] = event.updated_at.ToRfc3339();
  return out;
}

json ToJson(const EventSlot& slot) {
  return {{"index", slot.index},
          {"id", slot.id},
          {"day", slot.day},
          {"date", slot.date},
          {"session", slot.session},
          {"start", slot.start},
          {"end", slot.end},
          {"start_utc", slot.start_utc.ToRfc3339()},
          {"end_utc", slot.end_utc.ToRfc3339()}};
}

json ToJson(const Participant& p) {
  json out = EditableParticipantJson(p);
  out["id"] = p.id.value;
  out["event"] = p.event.value;
  out["kind"] = ParticipantKindName(p.kind);
  out["organisation"] = p.organisation.valid() ? json(p.organisation.value) : json(nullptr);
  out["organisation_name"] = p.organisation_name;
  out["user"] = p.user.valid() ? json(p.user.value) : json(nullptr);
  out["table"] = p.table;
  out["status"] = p.cancelled ? "cancelled" : "registered";
  out["checked_in_at"] = TimeOrNull(p.checked_in_at);
  out["external_id"] = p.external_id;
  out["created_at"] = p.created_at.ToRfc3339();
  return out;
}

json ToJson(const MeetingRequest& r) {
  json target = r.targets_officer ? json{{"type", "officer"}, {"id", r.target_officer.value}}
                                  : json{{"type", "agency"}, {"id", r.target_agency.value}};
  return {{"id", r.id.value},
          {"event", r.event.value},
          {"supplier", r.supplier.value},
          {"target", std::move(target)},
          {"priority", r.priority},
          {"reason", r.reason},
          {"status", RequestStatusName(r.status)},
          {"decided_by", r.decided_by.valid() ? json(r.decided_by.value) : json(nullptr)},
          {"decided_at", TimeOrNull(r.decided_at)},
          {"created_at", r.created_at.ToRfc3339()},
          {"external_id", r.external_id}};
}

json ToJson(const ScheduleRun& run) {
  return {{"id", run.id.value},
          {"event", run.event.value},
          {"mode", run.mode},
          {"status", RunStatusName(run.status)},
          {"time_limit_seconds", run.time_limit_seconds},
          {"seed", run.seed},
          {"started_at", run.started_at.ToRfc3339()},
          {"finished_at", TimeOrNull(run.finished_at)},
          {"bounds",
           {{"count", run.bound_count},
            {"weight", run.bound_weight},
            {"fairness", run.bound_fairness}}},
          {"greedy", Figures(run.greedy)},
          {"result", Figures(run.result)},
          {"pct_of_bound",
           {{"count", Percent(run.result.meetings, run.bound_count)},
            {"weight", Percent(run.result.weight, run.bound_weight)},
            {"fairness", Percent(run.result.fairness, run.bound_fairness)}}},
          {"check", {{"feasible", run.feasible}, {"errors", run.check_errors}}},
          {"published", run.published},
          {"error", run.error},
          {"started_by", run.started_by.valid() ? json(run.started_by.value) : json(nullptr)}};
}

json ToJson(const Meeting& m) {
  return {{"id", m.id.value},
          {"event", m.event.value},
          {"run", m.run.value},
          {"request", m.request.value},
          {"supplier", m.supplier.value},
          {"officer", m.officer.value},
          {"slot", m.slot},
          {"table", m.table},
          {"pinned", m.pinned},
          {"status", m.cancelled ? "cancelled" : "scheduled"},
          {"outcome", m.outcome ? json(OutcomeName(*m.outcome)) : json(nullptr)},
          {"outcome_note", m.outcome_note}};
}

json ToJson(const Pin& pin) {
  return {{"request", pin.request.value}, {"officer", pin.officer.value}, {"slot", pin.slot}};
}

Status ApplyEventJson(const json& body, Event& event) {
  if (Status s = internal::RefuseServerOwned(
          body, {"id", "version", "organiser", "status", "created_at", "updated_at"});
      !s.ok()) {
    return s;
  }
  json merged = EditableEventJson(event);
  merged.merge_patch(body);
  Event updated = event;
  if (Status s = ReadEditableEvent(merged, updated, false); !s.ok()) return s;
  if (Status s = ValidateEvent(updated); !s.ok()) return s;
  event = std::move(updated);
  return Status::Ok();
}

Status ApplyParticipantJson(const json& body, bool staff, Participant& participant) {
  if (Status s = internal::RefuseServerOwned(body, {"id", "event", "checked_in_at", "created_at"});
      !s.ok()) {
    return s;
  }
  if (!staff) {
    if (Status s = internal::RefuseServerOwned(body, {"kind", "organisation", "organisation_name",
                                                      "user", "table", "status", "external_id"});
        !s.ok()) {
      return s;
    }
  }
  Participant updated = participant;
  json merged = EditableParticipantJson(participant);
  json staff_fields = json::object();
  for (const char* key :
       {"kind", "organisation", "organisation_name", "user", "table", "status", "external_id"}) {
    if (body.contains(key)) staff_fields[key] = body.at(key);
  }
  json editable = body;
  for (const auto& [key, value] : staff_fields.items()) editable.erase(key);
  merged.merge_patch(editable);
  FieldReader reader(merged, "");
  reader.Only({"name", "email", "job_title", "delegates", "delegation", "interpreter_group",
               "languages", "availability", "max_meetings_per_day", "max_meetings", "pitch",
               "codes", "focus", "auto_accept"});
  if (Status s = ReadParticipantFields(reader, updated); !s.ok()) return s;
  FieldReader staff_reader(staff_fields, "");
  std::string kind, status;
  std::int64_t organisation = updated.organisation.value, user = updated.user.value;
  staff_reader.Text("kind", kind, 16)
      .Int64("organisation", organisation)
      .Int64("user", user)
      .Text("organisation_name", updated.organisation_name, 300)
      .Text("table", updated.table, 40)
      .Text("status", status, 16)
      .Text("external_id", updated.external_id, 64);
  if (!staff_reader.ok()) return staff_reader.status();
  if (!kind.empty()) {
    auto parsed = ParseParticipantKind(kind);
    if (!parsed) return Status::InvalidArgument("officer or supplier").WithField("/kind");
    updated.kind = *parsed;
  }
  if (!status.empty()) {
    if (status != "registered" && status != "cancelled") {
      return Status::InvalidArgument("registered or cancelled").WithField("/status");
    }
    updated.cancelled = status == "cancelled";
  }
  updated.organisation = OrganisationId{organisation};
  updated.user = UserId{user};
  if (updated.name.empty()) return Status::InvalidArgument("required").WithField("/name");
  participant = std::move(updated);
  return Status::Ok();
}

json ToStored(const Event& event) { return ToJson(event); }

Result<Event> EventFromStored(const json& doc) {
  Event event;
  if (Status s = ReadEditableEvent(doc, event, true); !s.ok()) return s;
  FieldReader reader(doc, "");
  std::string status;
  reader.Int64("id", event.id.value)
      .Int64("version", event.version)
      .Int64("organiser", event.organiser.value)
      .Text("status", status, 16);
  if (Status s = ReadTime(reader, "created_at", event.created_at); !s.ok()) return s;
  if (Status s = ReadTime(reader, "updated_at", event.updated_at); !s.ok()) return s;
  auto parsed = ParseEventStatus(status);
  if (!parsed) return Status::Internal("stored event has an unknown status");
  event.status = *parsed;
  return event;
}

json ToStored(const Participant& p) { return ToJson(p); }

Result<Participant> ParticipantFromStored(const json& doc) {
  Participant p;
  FieldReader reader(doc, "");
  if (Status s = ReadParticipantFields(reader, p); !s.ok()) return s;
  std::string kind, status;
  reader.Int64("id", p.id.value)
      .Int64("event", p.event.value)
      .Text("kind", kind, 16)
      .Int64("organisation", p.organisation.value)
      .Text("organisation_name", p.organisation_name, 300)
      .Int64("user", p.user.value)
      .Text("table", p.table, 40)
      .Text("status", status, 16)
      .Text("external_id", p.external_id, 64);
  if (Status s = ReadOptionalTime(reader, "checked_in_at", p.checked_in_at); !s.ok()) return s;
  if (Status s = ReadTime(reader, "created_at", p.created_at); !s.ok()) return s;
  auto parsed = ParseParticipantKind(kind);
  if (!parsed) return Status::Internal("stored participant has an unknown kind");
  p.kind = *parsed;
  p.cancelled = status == "cancelled";
  return p;
}

json ToStored(const MeetingRequest& r) { return ToJson(r); }

Result<MeetingRequest> RequestFromStored(const json& doc) {
  MeetingRequest r;
  FieldReader reader(doc, "");
  std::string status, target_type;
  std::int64_t target_id = 0;
  reader.Int64("id", r.id.value)
      .Int64("event", r.event.value)
      .Int64("supplier", r.supplier.value)
      .Int("priority", r.priority, 1, 3)
      .Text("reason", r.reason, 2000)
      .Text("status", status, 16)
      .Int64("decided_by", r.decided_by.value)
      .Text("external_id", r.external_id, 64);
  if (const json* target = reader.Object("target")) {
    FieldReader tr(*target, "/target");
    tr.Text("type", target_type, 16).Int64("id", target_id);
    if (!tr.ok()) return tr.status();
  }
  if (Status s = ReadOptionalTime(reader, "decided_at", r.decided_at); !s.ok()) return s;
  if (Status s = ReadTime(reader, "created_at", r.created_at); !s.ok()) return s;
  r.targets_officer = target_type == "officer";
  if (r.targets_officer) {
    r.target_officer = ParticipantId{target_id};
  } else {
    r.target_agency = OrganisationId{target_id};
  }
  auto parsed = ParseRequestStatus(status);
  if (!parsed) return Status::Internal("stored request has an unknown status");
  r.status = *parsed;
  return r;
}

json ToStored(const ScheduleRun& run) { return ToJson(run); }

Result<ScheduleRun> RunFromStored(const json& doc) {
  ScheduleRun run;
  FieldReader reader(doc, "");
  std::string status;
  std::int64_t seed = 1;
  reader.Int64("id", run.id.value)
      .Int64("event", run.event.value)
      .Text("mode", run.mode, 16)
      .Text("status", status, 16)
      .Number("time_limit_seconds", run.time_limit_seconds, 0, 1e6)
      .Int64("seed", seed)
      .Bool("published", run.published)
      .Text("error", run.error, 4000)
      .Int64("started_by", run.started_by.value);
  run.seed = static_cast<std::uint64_t>(seed);
  if (const json* bounds = reader.Object("bounds")) {
    FieldReader br(*bounds, "/bounds");
    std::int64_t count = 0, weight = 0, fairness = 0;
    br.Int64("count", count).Int64("weight", weight).Int64("fairness", fairness);
    run.bound_count = count;
    run.bound_weight = weight;
    run.bound_fairness = fairness;
  }
  if (Status s = ReadFigures(reader, "greedy", run.greedy); !s.ok()) return s;
  if (Status s = ReadFigures(reader, "result", run.result); !s.ok()) return s;
  if (const json* check = reader.Object("check")) {
    FieldReader cr(*check, "/check");
    cr.Bool("feasible", run.feasible).TextList("errors", run.check_errors, 100, 2000);
    if (!cr.ok()) return cr.status();
  }
  if (Status s = ReadTime(reader, "started_at", run.started_at); !s.ok()) return s;
  if (Status s = ReadOptionalTime(reader, "finished_at", run.finished_at); !s.ok()) return s;
  run.status = status == "done"     ? RunStatus::kDone
               : status == "failed" ? RunStatus::kFailed
                                    : RunStatus::kRunning;
  return run;
}

json ToStored(const Meeting& m) { return ToJson(m); }

Result<Meeting> MeetingFromStored(const json& doc) {
  Meeting m;
  FieldReader reader(doc, "");
  std::string status, outcome;
  reader.Int64("id", m.id.value)
      .Int64("event", m.event.value)
      .Int64("run", m.run.value)
      .Int64("request", m.request.value)
      .Int64("supplier", m.supplier.value)
      .Int64("officer", m.officer.value)
      .Int("slot", m.slot, 0, 100000)
      .Text("table", m.table, 40)
      .Bool("pinned", m.pinned)
      .Text("status", status, 16)
      .Text("outcome", outcome, 20)
      .Text("outcome_note", m.outcome_note, 2000);
  if (!reader.ok()) return reader.status();
  m.cancelled = status == "cancelled";
  if (!outcome.empty()) m.outcome = ParseOutcome(outcome);
  return m;
}

}  // namespace tb::events
