// The events routes of docs/events.md after the requests: scheduler runs (with bounds, result
// and % of bound), the tool's instance and schedule documents of a run, publication,
// meetings, pins, outcomes, personal agendas (JSON and ICS), the table plan and check-in.
// EventService makes every object check.
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "events/event_json.h"
#include "events/event_service.h"
#include "http/event_routes.h"
#include "http/json_body.h"
#include "http/problem.h"
#include "http/query.h"

namespace tb::http {
namespace {

using namespace event_internal;  // NOLINT: the events routes' own support
using nlohmann::json;

events::EventService& Events(RouteContext& context) { return *context.deps.events; }

std::string RunPath(events::EventId event, events::RunId run) {
  return "/api/v1/events/" + std::to_string(event.value) + "/schedule-runs/" +
         std::to_string(run.value);
}

Result<events::RunId> RunIdOf(const PathParams& params) {
  TB_ASSIGN_OR_RETURN(std::int64_t id, PathId(params[1], "run"));
  return events::RunId{id};
}

// The run request of POST .../schedule-runs: every field optional; 400 for an unknown one,
// 422 naming the field for a wrong type (the service checks the ranges).
Result<events::RunRequest> ReadRunRequest(const json& body, bool& unknown_field) {
  events::RunRequest run;
  for (const auto& [key, value] : body.items()) {
    if (key == "mode") {
      if (!value.is_string())
        return Status::InvalidArgument("must be full or reoptimise").WithField(key);
      run.mode = value.get<std::string>();
    } else if (key == "time_limit_seconds") {
      if (!value.is_number())
        return Status::InvalidArgument("must be a number of seconds").WithField(key);
      run.time_limit_seconds = value.get<double>();
    } else if (key == "seed") {
      if (!value.is_number_unsigned()) {
        return Status::InvalidArgument("must be a whole number of at least 0").WithField(key);
      }
      run.seed = value.get<std::uint64_t>();
    } else {
      unknown_field = true;
      return Status::InvalidArgument("unknown field").WithField(key);
    }
  }
  return run;
}

// A meeting with its slot's local times, which the row itself does not keep.
json MeetingJson(const events::Meeting& meeting, const std::vector<events::EventSlot>& slots) {
  json j = events::ToJson(meeting);
  if (meeting.slot >= 0 && static_cast<std::size_t>(meeting.slot) < slots.size()) {
    const events::EventSlot& slot = slots[static_cast<std::size_t>(meeting.slot)];
    if (!j.contains("start")) j["start"] = slot.start;
    if (!j.contains("end")) j["end"] = slot.end;
    if (!j.contains("slot_id")) j["slot_id"] = slot.id;
  }
  return j;
}

// The event's slots for MeetingJson; empty when the caller may not read the event (the
// meetings then go out without their times rather than not at all).
std::vector<events::EventSlot> SlotsOf(const auth::Actor& actor, events::EventId id,
                                       RouteContext& context) {
  Result<events::EventView> view = Events(context).Get(actor, id);
  return view.ok() ? std::move(view->slots) : std::vector<events::EventSlot>();
}

json MeetingsJson(const std::vector<events::Meeting>& meetings, const auth::Actor& actor,
                  events::EventId id, RouteContext& context) {
  const std::vector<events::EventSlot> slots = SlotsOf(actor, id, context);
  json items = json::array();
  for (const events::Meeting& m : meetings) items.push_back(MeetingJson(m, slots));
  return {{"items", std::move(items)}};
}

// The participant whose agenda is asked for: ?participant=, else the caller's own (its
// first participant in the event).
Result<events::ParticipantId> AgendaParticipant(const Request& request, const auth::Actor& actor,
                                                events::EventId id, RouteContext& context,
                                                bool& bad_query) {
  Result<QueryParams> query = KnownQuery(request, {"participant"});
  if (!query.ok()) {
    bad_query = true;
    return query.status();
  }
  Result<std::optional<int>> given = IntParam(*query, "participant", 1);
  if (!given.ok()) {
    bad_query = true;
    return given.status();
  }
  if (*given) return events::ParticipantId{**given};
  TB_ASSIGN_OR_RETURN(std::vector<events::Participant> mine, Events(context).Mine(actor, id));
  if (mine.empty()) {
    return Status::NotFound("you are not registered for this event").WithField("participant");
  }
  return mine.front().id;
}

}  // namespace

Response StartScheduleRun(const Request& request, const PathParams& params,
                          const auth::Actor& actor, RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  json body = json::object();
  if (!request.body.empty()) {
    if (std::optional<Response> problem = ReadJsonObject(request, body)) return *problem;
  }
  bool unknown_field = false;
  Result<events::RunRequest> run_request = ReadRunRequest(body, unknown_field);
  if (!run_request.ok()) {
    if (unknown_field) {
      return ProblemResponse(run_request.status(), request.path, 400, "unknown_field");
    }
    return ProblemResponse(run_request.status(), request.path);
  }
  Result<events::RunView> started = Events(context).StartRun(actor, id, *run_request);
  if (!started.ok()) return EventProblem(started.status(), request, actor, context);
  // 202: the optimiser works on; the client polls the run until it is done or failed.
  Response response = JsonResponse(DumpJson(RunJson(*started)), 202);
  response.SetHeader("Location", RunPath(id, started->run.id));
  return response;
}

Response ListScheduleRuns(const Request& request, const PathParams& params,
                          const auth::Actor& actor, RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  Result<std::vector<events::RunView>> runs = Events(context).Runs(actor, id);
  if (!runs.ok()) return EventProblem(runs.status(), request, actor, context);
  json items = json::array();
  for (const events::RunView& run : *runs) items.push_back(RunJson(run));
  return JsonResponse(DumpJson({{"items", std::move(items)}}));
}

Response GetScheduleRun(const Request& request, const PathParams& params, const auth::Actor& actor,
                        RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  Result<events::RunId> run = RunIdOf(params);
  if (!run.ok()) return EventProblem(run.status(), request, actor, context);
  Result<events::RunView> view = Events(context).GetRun(actor, id, *run);
  if (!view.ok()) return EventProblem(view.status(), request, actor, context);
  return JsonResponse(DumpJson(RunJson(*view)));
}

Response GetScheduleRunInstance(const Request& request, const PathParams& params,
                                const auth::Actor& actor, RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  Result<events::RunId> run = RunIdOf(params);
  if (!run.ok()) return EventProblem(run.status(), request, actor, context);
  Result<std::string> document = Events(context).RunInstance(actor, id, *run);
  if (!document.ok()) return EventProblem(document.status(), request, actor, context);
  return JsonResponse(std::move(document).value());
}

Response GetScheduleRunSchedule(const Request& request, const PathParams& params,
                                const auth::Actor& actor, RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  Result<events::RunId> run = RunIdOf(params);
  if (!run.ok()) return EventProblem(run.status(), request, actor, context);
  Result<std::string> document = Events(context).RunSchedule(actor, id, *run);
  if (!document.ok()) return EventProblem(document.status(), request, actor, context);
  return JsonResponse(std::move(document).value());
}

Response PublishScheduleRun(const Request& request, const PathParams& params,
                            const auth::Actor& actor, RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  Result<events::RunId> run = RunIdOf(params);
  if (!run.ok()) return EventProblem(run.status(), request, actor, context);
  if (std::optional<Response> problem = ReadEmptyBody(request)) return *problem;
  Result<std::vector<events::Meeting>> published = Events(context).Publish(actor, id, *run);
  if (!published.ok()) return EventProblem(published.status(), request, actor, context);
  return JsonResponse(DumpJson(MeetingsJson(*published, actor, id, context)));
}

Response ListEventMeetings(const Request& request, const PathParams& params,
                           const auth::Actor& actor, RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  Result<QueryParams> query = KnownQuery(request, {"slot", "participant"});
  if (!query.ok()) return ProblemResponse(query.status(), request.path, 400);
  Result<std::optional<int>> slot = IntParam(*query, "slot", 0);
  if (!slot.ok()) return ProblemResponse(slot.status(), request.path, 400);
  Result<std::optional<int>> participant = IntParam(*query, "participant", 1);
  if (!participant.ok()) return ProblemResponse(participant.status(), request.path, 400);
  Result<std::vector<events::Meeting>> meetings = Events(context).Meetings(actor, id);
  if (!meetings.ok()) return EventProblem(meetings.status(), request, actor, context);
  std::vector<events::Meeting> kept;
  for (const events::Meeting& m : *meetings) {
    if (*slot && m.slot != **slot) continue;
    if (*participant && m.supplier.value != **participant && m.officer.value != **participant) {
      continue;
    }
    kept.push_back(m);
  }
  return JsonResponse(DumpJson(MeetingsJson(kept, actor, id, context)));
}

Response ListEventPins(const Request& request, const PathParams& params, const auth::Actor& actor,
                       RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  Result<std::vector<events::Pin>> pins = Events(context).Pins(actor, id);
  if (!pins.ok()) return EventProblem(pins.status(), request, actor, context);
  json items = json::array();
  for (const events::Pin& pin : *pins) items.push_back(events::ToJson(pin));
  return JsonResponse(DumpJson({{"items", std::move(items)}}));
}

Response SetEventPin(const Request& request, const PathParams& params, const auth::Actor& actor,
                     RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  static constexpr BodyField kFields[] = {{"request", FieldType::kInteger, true},
                                          {"officer", FieldType::kInteger, true},
                                          {"slot", FieldType::kInteger, true}};
  json body;
  if (std::optional<Response> problem = ReadJsonBody(request, kFields, body)) return *problem;
  events::Pin pin;
  pin.request = events::RequestId{body["request"].get<std::int64_t>()};
  pin.officer = events::ParticipantId{body["officer"].get<std::int64_t>()};
  const std::int64_t slot = body["slot"].get<std::int64_t>();
  if (slot < 0 || slot > std::numeric_limits<int>::max()) {
    return ProblemResponse(Status::InvalidArgument("must be a slot index").WithField("slot"),
                           request.path);
  }
  pin.slot = static_cast<int>(slot);
  if (Status set = Events(context).SetPin(actor, id, pin); !set.ok()) {
    return EventProblem(set, request, actor, context);
  }
  return JsonResponse(DumpJson(events::ToJson(pin)), 201);
}

Response DeleteEventPin(const Request& request, const PathParams& params, const auth::Actor& actor,
                        RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  Result<std::int64_t> request_id = PathId(params[1], "request");
  if (!request_id.ok()) return EventProblem(request_id.status(), request, actor, context);
  if (Status deleted = Events(context).DeletePin(actor, id, events::RequestId{*request_id});
      !deleted.ok()) {
    return EventProblem(deleted, request, actor, context);
  }
  Response response;
  response.status = 204;
  return response;
}

Response RecordMeetingOutcome(const Request& request, const PathParams& params,
                              const auth::Actor& actor, RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  Result<std::int64_t> meeting = PathId(params[1], "meeting");
  if (!meeting.ok()) return EventProblem(meeting.status(), request, actor, context);
  static constexpr BodyField kFields[] = {{"outcome", FieldType::kString, true},
                                          {"note", FieldType::kString}};
  json body;
  if (std::optional<Response> problem = ReadJsonBody(request, kFields, body)) return *problem;
  Result<events::Meeting> recorded = Events(context).RecordOutcome(
      actor, id, events::MeetingId{*meeting}, body["outcome"].get<std::string>(),
      body.value("note", std::string()));
  if (!recorded.ok()) return EventProblem(recorded.status(), request, actor, context);
  return JsonResponse(DumpJson(MeetingJson(*recorded, SlotsOf(actor, id, context))));
}

Response GetEventAgenda(const Request& request, const PathParams& params, const auth::Actor& actor,
                        RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  bool bad_query = false;
  Result<events::ParticipantId> participant =
      AgendaParticipant(request, actor, id, context, bad_query);
  if (!participant.ok()) {
    if (bad_query) return ProblemResponse(participant.status(), request.path, 400);
    return EventProblem(participant.status(), request, actor, context);
  }
  Result<events::Agenda> agenda = Events(context).AgendaOf(actor, id, *participant);
  if (!agenda.ok()) return EventProblem(agenda.status(), request, actor, context);
  return JsonResponse(DumpJson(AgendaJson(*agenda)));
}

Response GetEventAgendaIcs(const Request& request, const PathParams& params,
                           const auth::Actor& actor, RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  bool bad_query = false;
  Result<events::ParticipantId> participant =
      AgendaParticipant(request, actor, id, context, bad_query);
  if (!participant.ok()) {
    if (bad_query) return ProblemResponse(participant.status(), request.path, 400);
    return EventProblem(participant.status(), request, actor, context);
  }
  Result<std::string> calendar = Events(context).AgendaIcs(actor, id, *participant);
  if (!calendar.ok()) return EventProblem(calendar.status(), request, actor, context);
  Response response;
  response.body = std::move(calendar).value();
  response.SetHeader("Content-Type", "text/calendar; charset=utf-8");
  response.SetHeader("Content-Disposition", "attachment; filename=\"event-" +
                                                std::to_string(id.value) + "-agenda-" +
                                                std::to_string(participant->value) + ".ics\"");
  return response;
}

Response GetEventTablePlan(const Request& request, const PathParams& params,
                           const auth::Actor& actor, RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  Result<QueryParams> query = KnownQuery(request, {"slot"});
  if (!query.ok()) return ProblemResponse(query.status(), request.path, 400);
  Result<std::optional<int>> slot = IntParam(*query, "slot", 0);
  if (!slot.ok()) return ProblemResponse(slot.status(), request.path, 400);
  Result<json> plan = Events(context).TablePlan(actor, id, *slot);
  if (!plan.ok()) return EventProblem(plan.status(), request, actor, context);
  return JsonResponse(DumpJson(*plan));
}

Response CheckInParticipant(const Request& request, const PathParams& params,
                            const auth::Actor& actor, RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  Result<std::int64_t> participant = PathId(params[1], "participant");
  if (!participant.ok()) return EventProblem(participant.status(), request, actor, context);
  if (std::optional<Response> problem = ReadEmptyBody(request)) return *problem;
  Result<events::Participant> checked =
      Events(context).CheckIn(actor, id, events::ParticipantId{*participant});
  if (!checked.ok()) return EventProblem(checked.status(), request, actor, context);
  return JsonResponse(DumpJson(events::ToJson(*checked)));
}

}  // namespace tb::http
