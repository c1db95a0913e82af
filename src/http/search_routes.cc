// GET /api/v1/search/notices and GET /api/v1/search/suggest.
#include <nlohmann/json.hpp>

#include <array>

#include "http/problem.h"
#include "http/routes.h"
#include "http/search_query.h"
#include "notices/unspsc_catalogue.h"
#include "search/search_index.h"

namespace tb::http {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 3> kSuggestParams{"q", "lang", "limit"};
constexpr int kDefaultSuggestions = 8;
constexpr int kMaxSuggestions = 20;

json OptionalTime(const std::optional<Timestamp>& t) {
  return t ? json(t->ToRfc3339()) : json(nullptr);
}

json FacetJson(const std::vector<search::FacetValue>& values) {
  json out = json::array();
  for (const search::FacetValue& v : values) out.push_back({{"value", v.value}, {"count", v.count}});
  return out;
}

json ResponseJson(const search::SearchResponse& r) {
  json hits = json::array();
  for (const search::Hit& h : r.hits) {
    hits.push_back({
        {"id", h.id.value},
        {"public_id", h.public_id},
        {"title", h.title},
        {"title_language", h.title_language.code()},
        {"agency", h.agency},
        {"buyer", h.buyer},
        {"type", h.type},
        {"countries", h.countries},
        {"codes", h.codes},
        {"published", OptionalTime(h.published)},
        {"deadline", OptionalTime(h.deadline)},
        {"status", search::OpenStatusName(h.status)},
        {"score", h.score},
        {"title_html", h.title_html},
        {"snippet_html", h.snippet_html},
    });
  }
  json expansions = json::array();
  for (const search::Expansion& e : r.expansions) {
    expansions.push_back({{"code", e.code},
                          {"prefix", e.prefix},
                          {"title", e.title},
                          {"matched_text", e.matched_text},
                          {"matched_language", e.matched_language}});
  }
  return {
      {"hits", std::move(hits)},
      {"total", r.total},
      {"total_exact", r.total_exact},
      {"facets",
       {{"agency", FacetJson(r.facets.agency)},
        {"type", FacetJson(r.facets.type)},
        {"country", FacetJson(r.facets.country)},
        {"region", FacetJson(r.facets.region)},
        {"segment", FacetJson(r.facets.segment)},
        {"status", FacetJson(r.facets.status)},
        {"language", FacetJson(r.facets.language)}}},
      {"expansions", std::move(expansions)},
      {"query_reinterpreted", r.query_reinterpreted},
      {"query_truncated", r.query_truncated},
      {"next_cursor", r.next_cursor.empty() ? json(nullptr) : json(r.next_cursor)},
      {"elapsed_micros", r.elapsed_micros},
  };
}

Response NoIndex(const Request& request) {
  return ProblemResponse(Status::Unavailable("search is not available on this server"),
                         request.path, 503);
}

}  // namespace

Response SearchNotices(const Request& request, const PathParams&, const auth::Actor&,
                       RouteContext& context) {
  if (context.deps.search == nullptr) return NoIndex(request);
  Result<QueryParams> params = ParseQuery(request.query);
  if (!params.ok()) return ProblemResponse(params.status(), request.path, 400);
  if (Status known = CheckKnownParams(*params, SearchParamNames()); !known.ok()) {
    return ProblemResponse(known, request.path, 400);
  }
  Result<search::SearchRequest> search_request =
      ParseSearchQuery(*params, context.deps.clock.Now());
  if (!search_request.ok()) return ProblemResponse(search_request.status(), request.path);
  Result<search::SearchResponse> result = context.deps.search->Search(*search_request);
  if (!result.ok()) return ServiceProblem(result.status(), request);
  Response response = JsonResponse(DumpJson(ResponseJson(*result)));
  response.SetHeader("Cache-Control", "no-cache");
  return response;
}

Response SuggestSearch(const Request& request, const PathParams&, const auth::Actor&,
                       RouteContext& context) {
  if (context.deps.search == nullptr) return NoIndex(request);
  Result<QueryParams> params = ParseQuery(request.query);
  if (!params.ok()) return ProblemResponse(params.status(), request.path, 400);
  if (Status known = CheckKnownParams(*params, kSuggestParams); !known.ok()) {
    return ProblemResponse(known, request.path, 400);
  }
  Result<std::optional<std::string>> q = SingleValue(*params, "q");
  if (!q.ok()) return ProblemResponse(q.status(), request.path);
  Result<std::optional<std::string>> lang = SingleValue(*params, "lang");
  if (!lang.ok()) return ProblemResponse(lang.status(), request.path);
  const Language language = Language::FromTag(lang->value_or("en"));
  if (!language.known()) {
    return ProblemResponse(
        Status::InvalidArgument("lang must be a language code such as en or zh").WithField("lang"),
        request.path);
  }
  int limit = kDefaultSuggestions;
  Result<std::optional<std::string>> limit_text = SingleValue(*params, "limit");
  if (!limit_text.ok()) return ProblemResponse(limit_text.status(), request.path);
  if (*limit_text) {
    Result<int> parsed = ParseInt(**limit_text, 1, kMaxSuggestions, "limit");
    if (!parsed.ok()) return ProblemResponse(parsed.status(), request.path);
    limit = *parsed;
  }
  json items = json::array();
  const std::string prefix = q->value_or("");
  if (!prefix.empty()) {
    // Half notice titles, half UNSPSC titles, so either kind of answer fits on screen.
    const int notice_limit = (limit + 1) / 2;
    Result<std::vector<search::Suggestion>> titles =
        context.deps.search->Suggest(prefix, language, notice_limit);
    if (!titles.ok()) return ServiceProblem(titles.status(), request);
    for (const search::Suggestion& s : *titles) {
      items.push_back({{"kind", "notice"}, {"text", s.text}, {"id", s.id.value}});
    }
    Result<std::vector<notices::UnspscEntry>> codes = context.deps.unspsc.FindByTitlePrefix(
        prefix, language, limit - static_cast<int>(items.size()));
    if (!codes.ok()) return ServiceProblem(codes.status(), request);
    for (const notices::UnspscEntry& e : *codes) {
      items.push_back({{"kind", "unspsc"}, {"text", e.TitleIn(language)}, {"code", e.code.ToString()}});
    }
  }
  Response response = JsonResponse(DumpJson({{"items", std::move(items)}}));
  response.SetHeader("Cache-Control", "no-cache");
  return response;
}

}  // namespace tb::http
