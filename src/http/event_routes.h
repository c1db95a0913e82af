#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "auth/actor.h"
#include "core/result.h"
#include "events/event.h"
#include "events/event_service.h"
#include "http/http_types.h"
#include "http/query.h"
#include "http/routes.h"

// The events routes (docs/events.md, "HTTP API"): event_routes.cc (events, participants,
// registrations, import, requests) and event_routes_schedule.cc (scheduler runs, meetings,
// pins, outcomes, agendas, the table plan, check-in). EventService makes every object check;
// an object the caller may not read answers 404 exactly like a missing one.
namespace tb::http {

Response ListEvents(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response CreateEvent(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetEvent(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response PatchEvent(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response SetEventStatus(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ListEventParticipants(const Request&, const PathParams&, const auth::Actor&,
                               RouteContext&);
Response AddEventParticipant(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response PatchEventParticipant(const Request&, const PathParams&, const auth::Actor&,
                               RouteContext&);
Response RegisterForEvent(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetMyEventParticipants(const Request&, const PathParams&, const auth::Actor&,
                                RouteContext&);
Response ImportEventInstance(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetEventSuggestions(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ListMeetingRequests(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response CreateMeetingRequest(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response DecideMeetingRequest(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response CancelMeetingRequest(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response StartScheduleRun(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ListScheduleRuns(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetScheduleRun(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetScheduleRunInstance(const Request&, const PathParams&, const auth::Actor&,
                                RouteContext&);
Response GetScheduleRunSchedule(const Request&, const PathParams&, const auth::Actor&,
                                RouteContext&);
Response PublishScheduleRun(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ListEventMeetings(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ListEventPins(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response SetEventPin(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response DeleteEventPin(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response RecordMeetingOutcome(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetEventAgenda(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetEventAgendaIcs(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetEventTablePlan(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response CheckInParticipant(const Request&, const PathParams&, const auth::Actor&, RouteContext&);

// What the two files share. Internal to http/.
namespace event_internal {

// 503 when the server was started without the events service.
Response EventsUnavailable(const Request& request);

// The problem for a failed EventService call: a write the actor may not make is 403
// "forbidden" and a security event (AS-34); the rest as ServiceProblem maps them.
Response EventProblem(const Status& status, const Request& request, const auth::Actor& actor,
                      RouteContext& context);

// A positive decimal id of a path segment. Anything else is NotFound naming `what`, as for a
// missing object, so a malformed id cannot be told apart from a missing one.
Result<std::int64_t> PathId(std::string_view segment, std::string_view what);

// The event id of the first path segment; NotFound for a malformed one.
Result<events::EventId> EventIdOf(const PathParams& params);

// What every event route does first: the response to give instead of going on (503 without
// the events service, the problem of a malformed event id), or nullopt with `id` set.
std::optional<Response> OpenEvent(const Request& request, const PathParams& params,
                                  const auth::Actor& actor, RouteContext& context,
                                  events::EventId& id);

// The query parameters, refusing names not in `known` (400 through the caller).
Result<QueryParams> KnownQuery(const Request& request,
                               std::initializer_list<std::string_view> known);
// An optional whole number parameter of at least `min`; InvalidArgument naming it otherwise.
Result<std::optional<int>> IntParam(const QueryParams& params, std::string_view name, int min);

// Routes whose body carries nothing (cancel, publish, check-in) accept none or "{}"; the
// problem to send otherwise.
std::optional<Response> ReadEmptyBody(const Request& request);

nlohmann::json RunJson(const events::RunView& view);
nlohmann::json AgendaJson(const events::Agenda& agenda);

}  // namespace event_internal
}  // namespace tb::http
