// The events routes of docs/events.md: events, participants, registrations, the instance
// import and meeting requests. EventService makes every object check (an event, participant
// or request the caller may not read answers 404 exactly like a missing one); these handlers
// read bodies and parameters and shape the JSON.
#include "http/event_routes.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "auth/auth_service.h"
#include "events/event_json.h"
#include "events/event_service.h"
#include "http/json_body.h"
#include "http/problem.h"
#include "http/query.h"
#include "http/rate_limit.h"
#include "http/response_filters.h"

namespace tb::http {

namespace event_internal {

using nlohmann::json;

Response EventsUnavailable(const Request& request) {
  return ProblemResponse(Status::Unavailable("events are not available on this server"),
                         request.path, 503);
}

Response EventProblem(const Status& status, const Request& request, const auth::Actor& actor,
                      RouteContext& context) {
  if (status.code() == StatusCode::kPermissionDenied) {
    return ForbiddenProblem(status, request, actor, context);
  }
  return ServiceProblem(status, request);
}

Result<std::int64_t> PathId(std::string_view segment, std::string_view what) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(segment.data(), segment.data() + segment.size(), id);
  if (error != std::errc() || end != segment.data() + segment.size() || id <= 0) {
    return Status::NotFound("no such " + std::string(what)).WithField(std::string(what));
  }
  return id;
}

Result<events::EventId> EventIdOf(const PathParams& params) {
  TB_ASSIGN_OR_RETURN(std::int64_t id, PathId(params[0], "event"));
  return events::EventId{id};
}

std::optional<Response> OpenEvent(const Request& request, const PathParams& params,
                                  const auth::Actor& actor, RouteContext& context,
                                  events::EventId& id) {
  if (context.deps.events == nullptr) return EventsUnavailable(request);
  Result<events::EventId> parsed = EventIdOf(params);
  if (!parsed.ok()) return EventProblem(parsed.status(), request, actor, context);
  id = *parsed;
  return std::nullopt;
}

Result<QueryParams> KnownQuery(const Request& request,
                               std::initializer_list<std::string_view> known) {
  TB_ASSIGN_OR_RETURN(QueryParams params, ParseQuery(request.query));
  const std::vector<std::string_view> names(known);
  TB_RETURN_IF_ERROR(CheckKnownParams(params, names));
  return params;
}

Result<std::optional<int>> IntParam(const QueryParams& params, std::string_view name, int min) {
  TB_ASSIGN_OR_RETURN(std::optional<std::string> value, SingleValue(params, name));
  if (!value || value->empty()) return std::optional<int>();
  TB_ASSIGN_OR_RETURN(int number, ParseInt(*value, min, std::numeric_limits<int>::max(), name));
  return std::optional<int>(number);
}

std::optional<Response> ReadEmptyBody(const Request& request) {
  if (request.body.empty()) return std::nullopt;
  json body;
  if (std::optional<Response> problem = ReadJsonObject(request, body)) return problem;
  if (!body.empty()) {
    return ProblemResponse(
        Status::InvalidArgument("this request takes no fields").WithField(body.begin().key()),
        request.path, 400, "unknown_field");
  }
  return std::nullopt;
}

json RunJson(const events::RunView& view) {
  json j = events::ToJson(view.run);
  j["progress"] = view.progress;
  return j;
}

json AgendaJson(const events::Agenda& agenda) {
  json entries = json::array();
  for (const events::AgendaEntry& e : agenda.entries) {
    json entry = {{"kind", e.kind},
                  {"start", e.start},
                  {"end", e.end},
                  {"start_utc", e.start_utc.ToRfc3339()},
                  {"end_utc", e.end_utc.ToRfc3339()},
                  {"title", e.title},
                  {"room", e.room}};
    if (e.meeting) {
      entry["meeting"] = e.meeting->value;
      entry["counterpart"] = e.counterpart;
      entry["counterpart_organisation"] = e.counterpart_organisation;
      entry["pitch"] = e.pitch;
      entry["codes"] = e.codes;
      entry["priority"] = e.priority;
      entry["outcome"] = e.outcome ? json(events::OutcomeName(*e.outcome)) : json(nullptr);
    }
    entries.push_back(std::move(entry));
  }
  return {{"participant", events::ToJson(agenda.participant)},
          {"event_name", agenda.event_name},
          {"venue", agenda.venue},
          {"time_zone", agenda.time_zone},
          {"entries", std::move(entries)}};
}

}  // namespace event_internal

namespace {

using namespace event_internal;  // NOLINT: this file's own support
using nlohmann::json;

events::EventService& Events(RouteContext& context) { return *context.deps.events; }

std::string EventPath(std::int64_t id) { return "/api/v1/events/" + std::to_string(id); }

json ListJson(json items) { return {{"items", std::move(items)}}; }

// "v<version>-<digest>": If-Match needs only the version; the digest changes with what the
// version does not cover (participating agencies, the `manage` flag of another reader), so a
// conditional GET never answers 304 for a changed body.
std::string EventEtag(std::int64_t version, const std::string& body) {
  std::string digest = StrongEtag(body);
  digest.erase(std::remove(digest.begin(), digest.end(), '"'), digest.end());
  return "\"v" + std::to_string(version) + "-" + digest.substr(0, 16) + "\"";
}

json ViewJson(const events::EventView& view) {
  json j = events::ToJson(view.event);
  json slots = json::array();
  for (const events::EventSlot& slot : view.slots) slots.push_back(events::ToJson(slot));
  json agencies = json::array();
  for (const events::AgencyView& a : view.agencies) {
    agencies.push_back({{"organisation", a.organisation.value},
                        {"name", a.name},
                        {"officers", a.officers},
                        {"codes", a.codes},
                        {"focus", a.focus}});
  }
  j["slots"] = std::move(slots);
  j["agencies"] = std::move(agencies);
  j["manage"] = view.manage;
  return j;
}

// The event as the caller may see it, with its ETag.
Response ViewResponse(const auth::Actor& actor, events::EventId id, const Request& request,
                      RouteContext& context, int status = 200) {
  Result<events::EventView> view = Events(context).Get(actor, id);
  if (!view.ok()) return EventProblem(view.status(), request, actor, context);
  std::string body = DumpJson(ViewJson(*view));
  const std::string etag = EventEtag(view->event.version, body);
  Response response = JsonResponse(std::move(body), status);
  response.SetHeader("ETag", etag);
  if (status == 201) response.SetHeader("Location", EventPath(id.value));
  return response;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// ?q= of the participant list: a case-insensitive part of the name, organisation, job title
// or focus (ASCII folding; other scripts match as typed).
bool MatchesText(const events::Participant& p, const std::string& folded_query) {
  for (const std::string* field : {&p.name, &p.organisation_name, &p.job_title, &p.focus}) {
    if (Lower(*field).find(folded_query) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

Response ListEvents(const Request& request, const PathParams&, const auth::Actor& actor,
                    RouteContext& context) {
  if (context.deps.events == nullptr) return EventsUnavailable(request);
  Result<QueryParams> params = KnownQuery(request, {});
  if (!params.ok()) return ProblemResponse(params.status(), request.path, 400);
  Result<std::vector<events::Event>> list = Events(context).List(actor);
  if (!list.ok()) return EventProblem(list.status(), request, actor, context);
  json items = json::array();
  for (const events::Event& event : *list) items.push_back(events::ToJson(event));
  return JsonResponse(DumpJson(ListJson(std::move(items))));
}

Response CreateEvent(const Request& request, const PathParams&, const auth::Actor& actor,
                     RouteContext& context) {
  if (context.deps.events == nullptr) return EventsUnavailable(request);
  json body;
  if (std::optional<Response> problem = ReadJsonObject(request, body)) return *problem;
  Result<events::Event> created = Events(context).Create(actor, body);
  if (!created.ok()) return EventProblem(created.status(), request, actor, context);
  return ViewResponse(actor, created->id, request, context, 201);
}

Response GetEvent(const Request& request, const PathParams& params, const auth::Actor& actor,
                  RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  return ViewResponse(actor, id, request, context);
}

Response PatchEvent(const Request& request, const PathParams& params, const auth::Actor& actor,
                    RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  Result<std::optional<std::int64_t>> version = IfMatchVersion(request, "event");
  if (!version.ok()) return ProblemResponse(version.status(), request.path, 400);
  if (!*version) {
    // Two staff members editing the builder at once must not overwrite each other.
    return ProblemResponse(Status::FailedPrecondition(
                               "send If-Match with the ETag of the event the change was made on")
                               .WithField("If-Match"),
                           request.path, 428, "precondition_required");
  }
  json patch;
  if (std::optional<Response> problem =
          ReadJsonObject(request, patch, "application/merge-patch+json")) {
    return *problem;
  }
  Result<events::Event> patched = Events(context).Patch(actor, id, patch, *version);
  if (!patched.ok()) return EventProblem(patched.status(), request, actor, context);
  return ViewResponse(actor, id, request, context);
}

Response SetEventStatus(const Request& request, const PathParams& params, const auth::Actor& actor,
                        RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  static constexpr BodyField kFields[] = {{"status", FieldType::kString, true}};
  json body;
  if (std::optional<Response> problem = ReadJsonBody(request, kFields, body)) return *problem;
  Result<events::Event> moved =
      Events(context).SetStatus(actor, id, body["status"].get<std::string>());
  if (!moved.ok()) return EventProblem(moved.status(), request, actor, context);
  return ViewResponse(actor, id, request, context);
}

Response ListEventParticipants(const Request& request, const PathParams& params,
                               const auth::Actor& actor, RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  Result<QueryParams> query = KnownQuery(request, {"kind", "q"});
  if (!query.ok()) return ProblemResponse(query.status(), request.path, 400);
  Result<std::optional<std::string>> kind_text = SingleValue(*query, "kind");
  Result<std::optional<std::string>> text = SingleValue(*query, "q");
  if (!kind_text.ok()) return ProblemResponse(kind_text.status(), request.path, 400);
  if (!text.ok()) return ProblemResponse(text.status(), request.path, 400);
  std::optional<events::ParticipantKind> kind;
  if (*kind_text && !(*kind_text)->empty()) {
    kind = events::ParseParticipantKind(**kind_text);
    if (!kind) {
      return ProblemResponse(
          Status::InvalidArgument("kind must be officer or supplier").WithField("kind"),
          request.path, 400);
    }
  }
  Result<std::vector<events::Participant>> list = Events(context).Participants(actor, id, kind);
  if (!list.ok()) return EventProblem(list.status(), request, actor, context);
  const std::string folded = *text ? Lower(**text) : std::string();
  json items = json::array();
  for (const events::Participant& p : *list) {
    if (folded.empty() || MatchesText(p, folded)) items.push_back(events::ToJson(p));
  }
  return JsonResponse(DumpJson(ListJson(std::move(items))));
}

Response AddEventParticipant(const Request& request, const PathParams& params,
                             const auth::Actor& actor, RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  json body;
  if (std::optional<Response> problem = ReadJsonObject(request, body)) return *problem;
  Result<events::Participant> added = Events(context).AddParticipant(actor, id, body);
  if (!added.ok()) return EventProblem(added.status(), request, actor, context);
  Response response = JsonResponse(DumpJson(events::ToJson(*added)), 201);
  response.SetHeader("Location",
                     EventPath(id.value) + "/participants/" + std::to_string(added->id.value));
  return response;
}

Response PatchEventParticipant(const Request& request, const PathParams& params,
                               const auth::Actor& actor, RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  Result<std::int64_t> participant = PathId(params[1], "participant");
  if (!participant.ok()) return EventProblem(participant.status(), request, actor, context);
  json patch;
  if (std::optional<Response> problem =
          ReadJsonObject(request, patch, "application/merge-patch+json")) {
    return *problem;
  }
  Result<events::Participant> patched =
      Events(context).PatchParticipant(actor, id, events::ParticipantId{*participant}, patch);
  if (!patched.ok()) return EventProblem(patched.status(), request, actor, context);
  return JsonResponse(DumpJson(events::ToJson(*patched)));
}

Response RegisterForEvent(const Request& request, const PathParams& params,
                          const auth::Actor& actor, RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  json body = json::object();
  if (!request.body.empty()) {
    if (std::optional<Response> problem = ReadJsonObject(request, body)) return *problem;
  }
  Result<events::Participant> registered = Events(context).Register(actor, id, body);
  if (!registered.ok()) return EventProblem(registered.status(), request, actor, context);
  Response response = JsonResponse(DumpJson(events::ToJson(*registered)), 201);
  response.SetHeader("Location",
                     EventPath(id.value) + "/participants/" + std::to_string(registered->id.value));
  return response;
}

Response GetMyEventParticipants(const Request& request, const PathParams& params,
                                const auth::Actor& actor, RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  Result<std::vector<events::Participant>> mine = Events(context).Mine(actor, id);
  if (!mine.ok()) return EventProblem(mine.status(), request, actor, context);
  json items = json::array();
  for (const events::Participant& p : *mine) items.push_back(events::ToJson(p));
  return JsonResponse(DumpJson(ListJson(std::move(items))));
}

Response ImportEventInstance(const Request& request, const PathParams& params,
                             const auth::Actor& actor, RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  // Parsed here only for the media type and a malformed document (415, 400 as for every
  // JSON body); the service reads the instance itself, with JSON pointers in its errors.
  json instance;
  if (std::optional<Response> problem = ReadJsonObject(request, instance)) return *problem;
  Result<std::pair<int, int>> imported = Events(context).Import(actor, id, request.body);
  if (!imported.ok()) return EventProblem(imported.status(), request, actor, context);
  return JsonResponse(
      DumpJson({{"participants", imported->first}, {"requests", imported->second}}));
}

Response GetEventSuggestions(const Request& request, const PathParams& params,
                             const auth::Actor& actor, RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  Result<std::vector<events::Suggestion>> list = Events(context).Suggestions(actor, id);
  if (!list.ok()) return EventProblem(list.status(), request, actor, context);
  json items = json::array();
  for (const events::Suggestion& s : *list) {
    items.push_back({{"organisation", s.organisation.value},
                     {"name", s.name},
                     {"score", s.score},
                     {"shared_codes", s.shared_codes}});
  }
  return JsonResponse(DumpJson(ListJson(std::move(items))));
}

Response ListMeetingRequests(const Request& request, const PathParams& params,
                             const auth::Actor& actor, RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  Result<QueryParams> query = KnownQuery(request, {"status"});
  if (!query.ok()) return ProblemResponse(query.status(), request.path, 400);
  Result<std::optional<std::string>> status_text = SingleValue(*query, "status");
  if (!status_text.ok()) return ProblemResponse(status_text.status(), request.path, 400);
  std::optional<events::RequestStatus> status;
  if (*status_text && !(*status_text)->empty()) {
    status = events::ParseRequestStatus(**status_text);
    if (!status) {
      return ProblemResponse(
          Status::InvalidArgument("status must be pending, accepted, declined or cancelled")
              .WithField("status"),
          request.path, 400);
    }
  }
  Result<std::vector<events::RequestView>> list = Events(context).Requests(actor, id, status);
  if (!list.ok()) return EventProblem(list.status(), request, actor, context);
  json items = json::array();
  for (const events::RequestView& r : *list) {
    nlohmann::json item = events::ToJson(r.request);
    item["supplier_name"] = r.supplier_name;
    item["supplier_pitch"] = r.supplier_pitch;
    item["supplier_codes"] = r.supplier_codes;
    item["target_name"] = r.target_name;
    items.push_back(std::move(item));
  }
  return JsonResponse(DumpJson(ListJson(std::move(items))));
}

Response CreateMeetingRequest(const Request& request, const PathParams& params,
                              const auth::Actor& actor, RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  json body;
  if (std::optional<Response> problem = ReadJsonObject(request, body)) return *problem;
  Result<events::MeetingRequest> created = Events(context).Request(actor, id, body);
  if (!created.ok()) {
    // A full quota is a conflict with the supplier's other requests (the service says
    // FailedPrecondition on field "quota"), with its own code so the UI can say "cancel one
    // first" (docs/events.md).
    const Status& failed = created.status();
    if (failed.code() == StatusCode::kResourceExhausted ||
        (failed.code() == StatusCode::kFailedPrecondition && failed.field() == "quota")) {
      return ProblemResponse(created.status(), request.path, 409, "quota_exceeded");
    }
    return EventProblem(created.status(), request, actor, context);
  }
  Response response = JsonResponse(DumpJson(events::ToJson(*created)), 201);
  response.SetHeader("Location",
                     EventPath(id.value) + "/requests/" + std::to_string(created->id.value));
  return response;
}

Response DecideMeetingRequest(const Request& request, const PathParams& params,
                              const auth::Actor& actor, RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  Result<std::int64_t> request_id = PathId(params[1], "request");
  if (!request_id.ok()) return EventProblem(request_id.status(), request, actor, context);
  static constexpr BodyField kFields[] = {{"decision", FieldType::kString, true}};
  json body;
  if (std::optional<Response> problem = ReadJsonBody(request, kFields, body)) return *problem;
  const std::string decision = body["decision"].get<std::string>();
  if (decision != "accept" && decision != "decline") {
    return ProblemResponse(
        Status::InvalidArgument("decision must be accept or decline").WithField("decision"),
        request.path);
  }
  Result<events::MeetingRequest> decided =
      Events(context).Decide(actor, id, events::RequestId{*request_id}, decision == "accept");
  if (!decided.ok()) return EventProblem(decided.status(), request, actor, context);
  return JsonResponse(DumpJson(events::ToJson(*decided)));
}

Response CancelMeetingRequest(const Request& request, const PathParams& params,
                              const auth::Actor& actor, RouteContext& context) {
  events::EventId id;
  if (std::optional<Response> stop = OpenEvent(request, params, actor, context, id)) return *stop;
  Result<std::int64_t> request_id = PathId(params[1], "request");
  if (!request_id.ok()) return EventProblem(request_id.status(), request, actor, context);
  if (std::optional<Response> problem = ReadEmptyBody(request)) return *problem;
  Result<events::MeetingRequest> cancelled =
      Events(context).CancelRequest(actor, id, events::RequestId{*request_id});
  if (!cancelled.ok()) return EventProblem(cancelled.status(), request, actor, context);
  return JsonResponse(DumpJson(events::ToJson(*cancelled)));
}

}  // namespace tb::http
