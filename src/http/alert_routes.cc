// The alert routes of docs/alerts.md: settings, saved searches and notices, the inbox, "For
// you", the buyer's recommended suppliers and invitations, and the token-protected feeds.
// AlertService scopes every read and write to the signed-in user (another user's saved
// search or alert answers 404 like a missing one); these handlers read bodies and
// parameters and shape the JSON.
#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

#include "http/json_body.h"
#include "http/problem.h"
#include "http/query.h"
#include "http/routes.h"
#include "matching/alert_service.h"
#include "search/notice_facets.h"

namespace tb::http {
namespace {

using matching::AlertService;
using nlohmann::json;

Response AlertsUnavailable(const Request& request) {
  return ProblemResponse(Status::Unavailable("alerts are not available on this server"),
                         request.path, 503);
}

Response AlertProblem(const Status& status, const Request& request, const auth::Actor& actor,
                      RouteContext& context) {
  if (status.code() == StatusCode::kPermissionDenied) {
    return ForbiddenProblem(status, request, actor, context);
  }
  return ServiceProblem(status, request);
}

Result<std::int64_t> PathNumber(std::string_view segment, std::string_view what) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(segment.data(), segment.data() + segment.size(), id);
  if (error != std::errc() || end != segment.data() + segment.size() || id <= 0) {
    return Status::NotFound("no such " + std::string(what)).WithField(std::string(what));
  }
  return id;
}

Result<QueryParams> Known(const Request& request, std::initializer_list<std::string_view> names) {
  TB_ASSIGN_OR_RETURN(QueryParams params, ParseQuery(request.query));
  const std::vector<std::string_view> known(names);
  TB_RETURN_IF_ERROR(CheckKnownParams(params, known));
  return params;
}

Result<int> IntOr(const QueryParams& params, std::string_view name, int fallback, int min, int max) {
  TB_ASSIGN_OR_RETURN(std::optional<std::string> value, SingleValue(params, name));
  if (!value || value->empty()) return fallback;
  return ParseInt(*value, min, max, name);
}

json TimeOrNull(const std::optional<Timestamp>& t) { return t ? json(t->ToRfc3339()) : json(); }

json NoticeSummary(const notices::Notice& n) {
  json codes = json::array();
  for (UnspscCode c : n.unspsc) codes.push_back(c.ToString());
  return {{"id", n.id.value},
          {"public_id", n.public_id},
          {"title", n.title.text},
          {"agency", search::AgencyKey(n.buyer)},
          {"type", notices::NoticeTypeName(n.type)},
          {"deadline", TimeOrNull(n.deadline)},
          {"status", notices::NoticeStatusName(n.status)},
          {"codes", codes}};
}

json SettingsJson(const matching::AlertSettings& s) {
  return {{"frequency", matching::AlertFrequencyName(s.frequency)},
          {"email", s.email},
          {"use_profile", s.use_profile},
          {"agencies", s.agencies},
          {"countries", s.countries},
          {"value_currency", s.value_currency},
          {"value_min_minor", s.value_min_minor ? json(*s.value_min_minor) : json()},
          {"value_max_minor", s.value_max_minor ? json(*s.value_max_minor) : json()},
          {"sustainable_only", s.sustainable_only},
          {"updated_at", TimeOrNull(s.updated_at)}};
}

json SavedSearchJson(const matching::SavedSearch& s) {
  return {{"id", s.id},
          {"name", s.name},
          {"query", s.query},
          {"created_at", s.created_at.ToRfc3339()},
          {"feed_url", "/api/v1/feeds/searches/" + s.feed_token}};
}

json ExplanationOf(AlertService& alerts, const matching::Explanation& e) {
  return json::parse(alerts.ExplanationJson(e), nullptr, false);
}

// Reads PUT /me/alert-settings: every field of the settings object but updated_at; the value
// bounds may be null (no bound).
Result<matching::AlertSettings> ParseSettings(const json& body) {
  static const std::set<std::string> kKnown = {
      "frequency", "email", "use_profile", "agencies", "countries", "value_currency",
      "value_min_minor", "value_max_minor", "sustainable_only"};
  for (const auto& [key, value] : body.items()) {
    if (!kKnown.contains(key)) {
      return Status::InvalidArgument("unknown field \"" + key + "\"").WithField(key);
    }
  }
  matching::AlertSettings s;
  auto field_error = [](std::string_view name, std::string_view expected) {
    return Status::InvalidArgument(std::string(name) + " must be " + std::string(expected))
        .WithField("/" + std::string(name));
  };
  if (!body.contains("frequency") || !body["frequency"].is_string()) {
    return field_error("frequency", "one of instant, daily, weekly, off");
  }
  std::optional<matching::AlertFrequency> frequency =
      matching::ParseAlertFrequency(body["frequency"].get<std::string>());
  if (!frequency) return field_error("frequency", "one of instant, daily, weekly, off");
  s.frequency = *frequency;
  for (auto [name, target] : {std::pair{"email", &s.email}, std::pair{"use_profile", &s.use_profile},
                              std::pair{"sustainable_only", &s.sustainable_only}}) {
    if (!body.contains(name)) continue;
    if (!body[name].is_boolean()) return field_error(name, "true or false");
    *target = body[name].get<bool>();
  }
  for (auto [name, target] : {std::pair{"agencies", &s.agencies}, std::pair{"countries", &s.countries}}) {
    if (!body.contains(name)) continue;
    if (!body[name].is_array()) return field_error(name, "a list of strings");
    for (const json& item : body[name]) {
      if (!item.is_string()) return field_error(name, "a list of strings");
      target->push_back(item.get<std::string>());
    }
  }
  if (body.contains("value_currency")) {
    if (!body["value_currency"].is_string()) return field_error("value_currency", "a string");
    s.value_currency = body["value_currency"].get<std::string>();
  }
  for (auto [name, target] : {std::pair{"value_min_minor", &s.value_min_minor},
                              std::pair{"value_max_minor", &s.value_max_minor}}) {
    if (!body.contains(name) || body[name].is_null()) continue;
    if (!body[name].is_number_integer()) return field_error(name, "an integer or null");
    *target = body[name].get<std::int64_t>();
  }
  return s;
}

Response NoContent() {
  Response r;
  r.status = 204;
  return r;
}

}  // namespace

Response GetAlertSettings(const Request& request, const PathParams&, const auth::Actor& actor,
                          RouteContext& context) {
  AlertService* alerts = context.deps.alerts;
  if (alerts == nullptr) return AlertsUnavailable(request);
  Result<matching::AlertSettings> s = alerts->Settings(actor.user);
  if (!s.ok()) return AlertProblem(s.status(), request, actor, context);
  return JsonResponse(SettingsJson(*s).dump());
}

Response PutAlertSettings(const Request& request, const PathParams&, const auth::Actor& actor,
                          RouteContext& context) {
  AlertService* alerts = context.deps.alerts;
  if (alerts == nullptr) return AlertsUnavailable(request);
  json body;
  if (std::optional<Response> bad = ReadJsonObject(request, body)) return *bad;
  Result<matching::AlertSettings> parsed = ParseSettings(body);
  if (!parsed.ok()) return ServiceProblem(parsed.status(), request);
  Result<matching::AlertSettings> s = alerts->UpdateSettings(actor.user, *parsed);
  if (!s.ok()) return AlertProblem(s.status(), request, actor, context);
  return JsonResponse(SettingsJson(*s).dump());
}

Response ListSavedSearches(const Request& request, const PathParams&, const auth::Actor& actor,
                           RouteContext& context) {
  AlertService* alerts = context.deps.alerts;
  if (alerts == nullptr) return AlertsUnavailable(request);
  Result<std::vector<matching::SavedSearch>> list = alerts->SavedSearches(actor.user);
  if (!list.ok()) return AlertProblem(list.status(), request, actor, context);
  json items = json::array();
  for (const matching::SavedSearch& s : *list) items.push_back(SavedSearchJson(s));
  return JsonResponse(json{{"items", items}}.dump());
}

Response CreateSavedSearch(const Request& request, const PathParams&, const auth::Actor& actor,
                           RouteContext& context) {
  AlertService* alerts = context.deps.alerts;
  if (alerts == nullptr) return AlertsUnavailable(request);
  static constexpr BodyField kFields[] = {{"name", FieldType::kString, true},
                                          {"query", FieldType::kString, true}};
  json body;
  if (std::optional<Response> bad = ReadJsonBody(request, kFields, body)) return *bad;
  Result<matching::SavedSearch> created =
      alerts->SaveSearch(actor.user, body["name"].get<std::string>(), body["query"].get<std::string>());
  if (!created.ok()) return AlertProblem(created.status(), request, actor, context);
  return JsonResponse(SavedSearchJson(*created).dump(), 201);
}

Response DeleteSavedSearch(const Request& request, const PathParams& params,
                           const auth::Actor& actor, RouteContext& context) {
  AlertService* alerts = context.deps.alerts;
  if (alerts == nullptr) return AlertsUnavailable(request);
  Result<std::int64_t> id = PathNumber(params[0], "saved search");
  if (!id.ok()) return ServiceProblem(id.status(), request);
  if (Status s = alerts->DeleteSavedSearch(actor.user, *id); !s.ok()) {
    return AlertProblem(s, request, actor, context);
  }
  return NoContent();
}

Response ListSavedNotices(const Request& request, const PathParams&, const auth::Actor& actor,
                          RouteContext& context) {
  AlertService* alerts = context.deps.alerts;
  if (alerts == nullptr) return AlertsUnavailable(request);
  auto saved = alerts->SavedNotices(actor.user);
  if (!saved.ok()) return AlertProblem(saved.status(), request, actor, context);
  Result<matching::UserTokens> tokens = alerts->Tokens(actor.user);
  if (!tokens.ok()) return AlertProblem(tokens.status(), request, actor, context);
  json items = json::array();
  for (const auto& [s, notice] : *saved) {
    json item = {{"notice_id", s.notice.value}, {"saved_at", s.saved_at.ToRfc3339()}};
    item["public_id"] = notice ? json(notice->public_id) : json();
    item["title"] = notice ? json(notice->title.text) : json();
    item["deadline"] = notice ? TimeOrNull(notice->deadline) : json();
    items.push_back(std::move(item));
  }
  return JsonResponse(
      json{{"items", items}, {"calendar_url", "/api/v1/feeds/deadlines/" + tokens->calendar}}.dump());
}

Response PutSavedNotice(const Request& request, const PathParams& params, const auth::Actor& actor,
                        RouteContext& context) {
  AlertService* alerts = context.deps.alerts;
  if (alerts == nullptr) return AlertsUnavailable(request);
  Result<std::int64_t> id = PathNumber(params[0], "notice");
  if (!id.ok()) return ServiceProblem(id.status(), request);
  if (Status s = alerts->SaveNotice(actor.user, NoticeId{*id}); !s.ok()) {
    return AlertProblem(s, request, actor, context);
  }
  return NoContent();
}

Response DeleteSavedNotice(const Request& request, const PathParams& params,
                           const auth::Actor& actor, RouteContext& context) {
  AlertService* alerts = context.deps.alerts;
  if (alerts == nullptr) return AlertsUnavailable(request);
  Result<std::int64_t> id = PathNumber(params[0], "notice");
  if (!id.ok()) return ServiceProblem(id.status(), request);
  if (Status s = alerts->UnsaveNotice(actor.user, NoticeId{*id}); !s.ok()) {
    return AlertProblem(s, request, actor, context);
  }
  return NoContent();
}

Response GetInbox(const Request& request, const PathParams&, const auth::Actor& actor,
                  RouteContext& context) {
  AlertService* alerts = context.deps.alerts;
  if (alerts == nullptr) return AlertsUnavailable(request);
  Result<QueryParams> params = Known(request, {"unread", "limit", "cursor"});
  if (!params.ok()) return ServiceProblem(params.status(), request);
  Result<int> limit = IntOr(*params, "limit", 20, 1, 100);
  if (!limit.ok()) return ServiceProblem(limit.status(), request);
  bool unread = false;
  if (Result<std::optional<std::string>> v = SingleValue(*params, "unread"); v.ok() && *v) {
    Result<bool> b = ParseBool(**v, "unread");
    if (!b.ok()) return ServiceProblem(b.status(), request);
    unread = *b;
  }
  std::int64_t before = 0;
  if (Result<std::optional<std::string>> v = SingleValue(*params, "cursor"); v.ok() && *v && !(*v)->empty()) {
    Result<std::int64_t> n = PathNumber(**v, "cursor");
    if (!n.ok()) {
      return ServiceProblem(Status::InvalidArgument("not a cursor of this list").WithField("cursor"),
                            request);
    }
    before = *n;
  }
  auto inbox = alerts->Inbox(actor.user, unread, *limit, before);
  if (!inbox.ok()) return AlertProblem(inbox.status(), request, actor, context);
  const auto& [items, page] = *inbox;
  json out = json::array();
  for (const matching::InboxItem& item : items) {
    const matching::Alert& a = item.alert;
    json j = {{"id", a.id},
              {"reason", matching::AlertReasonName(a.reason)},
              {"created_at", a.created_at.ToRfc3339()},
              {"read_at", TimeOrNull(a.read_at)},
              {"version", a.notice_version},
              {"score", a.score}};
    j["notice"] = item.notice ? NoticeSummary(*item.notice) : json{{"id", a.notice.value}};
    j["saved_search"] = a.saved_search != 0
                            ? json{{"id", a.saved_search}, {"name", item.saved_search_name}}
                            : json();
    const json explanation = json::parse(a.explanation_json, nullptr, false);
    j["explanation"] = explanation.is_object() && !explanation.empty() ? explanation : json();
    out.push_back(std::move(j));
  }
  return JsonResponse(json{{"items", out},
                           {"next_cursor", page.next_before > 0 ? std::to_string(page.next_before) : ""},
                           {"unread", page.unread}}
                          .dump());
}

Response MarkAlertRead(const Request& request, const PathParams& params, const auth::Actor& actor,
                       RouteContext& context) {
  AlertService* alerts = context.deps.alerts;
  if (alerts == nullptr) return AlertsUnavailable(request);
  Result<std::int64_t> id = PathNumber(params[0], "alert");
  if (!id.ok()) return ServiceProblem(id.status(), request);
  if (Status s = alerts->MarkRead(actor.user, *id); !s.ok()) {
    return AlertProblem(s, request, actor, context);
  }
  return NoContent();
}

Response MarkAllAlertsRead(const Request& request, const PathParams&, const auth::Actor& actor,
                           RouteContext& context) {
  AlertService* alerts = context.deps.alerts;
  if (alerts == nullptr) return AlertsUnavailable(request);
  if (Status s = alerts->MarkAllRead(actor.user); !s.ok()) {
    return AlertProblem(s, request, actor, context);
  }
  return NoContent();
}

Response GetRecommendations(const Request& request, const PathParams&, const auth::Actor& actor,
                            RouteContext& context) {
  AlertService* alerts = context.deps.alerts;
  if (alerts == nullptr) return AlertsUnavailable(request);
  Result<QueryParams> params = Known(request, {"limit"});
  if (!params.ok()) return ServiceProblem(params.status(), request);
  Result<int> limit = IntOr(*params, "limit", 20, 1, 100);
  if (!limit.ok()) return ServiceProblem(limit.status(), request);
  auto recs = alerts->Recommendations(actor.user, *limit);
  if (!recs.ok()) return AlertProblem(recs.status(), request, actor, context);
  json items = json::array();
  for (const matching::RecommendedNotice& r : *recs) {
    items.push_back({{"notice", NoticeSummary(*r.notice)},
                     {"score", r.score},
                     {"explanation", ExplanationOf(*alerts, r.explanation)}});
  }
  return JsonResponse(json{{"items", items}}.dump());
}

Response GetRecommendedSuppliers(const Request& request, const PathParams& params,
                                 const auth::Actor& actor, RouteContext& context) {
  AlertService* alerts = context.deps.alerts;
  if (alerts == nullptr) return AlertsUnavailable(request);
  Result<std::int64_t> id = PathNumber(params[0], "notice");
  if (!id.ok()) return ServiceProblem(id.status(), request);
  Result<QueryParams> query = Known(request, {"limit"});
  if (!query.ok()) return ServiceProblem(query.status(), request);
  Result<int> limit = IntOr(*query, "limit", 20, 1, 100);
  if (!limit.ok()) return ServiceProblem(limit.status(), request);
  auto recs = alerts->RecommendedSuppliers(NoticeId{*id}, *limit);
  if (!recs.ok()) return AlertProblem(recs.status(), request, actor, context);
  json items = json::array();
  for (const matching::RecommendedSupplier& r : *recs) {
    items.push_back({{"supplier_id", r.supplier.profile.id},
                     {"name", r.supplier.name},
                     {"country", r.supplier.country},
                     {"sme", r.supplier.profile.sme},
                     {"women_owned", r.supplier.profile.women_owned},
                     {"score", r.score},
                     {"explanation", ExplanationOf(*alerts, r.explanation)},
                     {"invited", r.invited}});
  }
  return JsonResponse(json{{"items", items}}.dump());
}

Response InviteSuppliers(const Request& request, const PathParams& params, const auth::Actor& actor,
                         RouteContext& context) {
  AlertService* alerts = context.deps.alerts;
  if (alerts == nullptr) return AlertsUnavailable(request);
  Result<std::int64_t> id = PathNumber(params[0], "notice");
  if (!id.ok()) return ServiceProblem(id.status(), request);
  json body;
  if (std::optional<Response> bad = ReadJsonObject(request, body)) return *bad;
  for (const auto& [key, value] : body.items()) {
    if (key != "supplier_ids") {
      return ServiceProblem(Status::InvalidArgument("unknown field \"" + key + "\"").WithField(key),
                            request);
    }
  }
  const json& ids = body.contains("supplier_ids") ? body["supplier_ids"] : json();
  if (!ids.is_array() || ids.empty() || ids.size() > 100) {
    return ServiceProblem(
        Status::InvalidArgument("supplier_ids must list 1 to 100 supplier ids").WithField("/supplier_ids"),
        request);
  }
  std::vector<SupplierId> suppliers;
  for (const json& s : ids) {
    if (!s.is_number_integer() || s.get<std::int64_t>() <= 0) {
      return ServiceProblem(
          Status::InvalidArgument("supplier_ids must be positive integers").WithField("/supplier_ids"),
          request);
    }
    suppliers.push_back(SupplierId{s.get<std::int64_t>()});
  }
  Result<int> invited = alerts->Invite(NoticeId{*id}, suppliers);
  if (!invited.ok()) return AlertProblem(invited.status(), request, actor, context);
  return JsonResponse(json{{"invited", *invited}}.dump());
}

Response GetSearchFeed(const Request& request, const PathParams& params, const auth::Actor& actor,
                       RouteContext& context) {
  AlertService* alerts = context.deps.alerts;
  if (alerts == nullptr) return AlertsUnavailable(request);
  Result<std::string> feed = alerts->AtomFeed(params[0]);
  if (!feed.ok()) return AlertProblem(feed.status(), request, actor, context);
  Response r;
  r.headers.push_back({"Content-Type", "application/atom+xml; charset=utf-8"});
  r.headers.push_back({"Cache-Control", "private, max-age=60"});
  r.body = std::move(*feed);
  return r;
}

Response GetDeadlineCalendar(const Request& request, const PathParams& params,
                             const auth::Actor& actor, RouteContext& context) {
  AlertService* alerts = context.deps.alerts;
  if (alerts == nullptr) return AlertsUnavailable(request);
  Result<std::string> calendar = alerts->Calendar(params[0]);
  if (!calendar.ok()) return AlertProblem(calendar.status(), request, actor, context);
  Response r;
  r.headers.push_back({"Content-Type", "text/calendar; charset=utf-8"});
  r.headers.push_back({"Cache-Control", "private, max-age=300"});
  r.body = std::move(*calendar);
  return r;
}

Response UnsubscribeAlerts(const Request& request, const PathParams&, const auth::Actor& actor,
                           RouteContext& context) {
  AlertService* alerts = context.deps.alerts;
  if (alerts == nullptr) return AlertsUnavailable(request);
  static constexpr BodyField kFields[] = {{"token", FieldType::kString, true}};
  json body;
  if (std::optional<Response> bad = ReadJsonBody(request, kFields, body)) return *bad;
  if (Status s = alerts->Unsubscribe(body["token"].get<std::string>()); !s.ok()) {
    return AlertProblem(s, request, actor, context);
  }
  return NoContent();
}

}  // namespace tb::http
