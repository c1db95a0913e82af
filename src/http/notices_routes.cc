// GET /api/v1/notices and GET /api/v1/notices/{id}.
#include <charconv>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "http/problem.h"
#include "http/query.h"
#include "http/response_filters.h"
#include "http/routes.h"
#include "notices/notice_json.h"
#include "notices/notice_store.h"

namespace tb::http {
namespace {

}  // namespace

Response ListNotices(const Request& request, const PathParams&, const auth::Actor&,
                     RouteContext& context) {
  Result<QueryParams> params = ParseQuery(request.query);
  if (!params.ok()) return ProblemResponse(params.status(), request.path, 400);
  if (Status known = CheckKnownParams(*params, NoticeListParamNames()); !known.ok()) {
    return ProblemResponse(known, request.path, 400);
  }
  Result<NoticeListQuery> query = ParseNoticeListQuery(*params);
  if (!query.ok()) return ProblemResponse(query.status(), request.path);

  Result<notices::NoticePage> page = context.deps.notices.List(
      query->filter, query->order, query->page, context.deps.clock.Now());
  if (!page.ok()) return ServiceProblem(page.status(), request);

  nlohmann::json items = nlohmann::json::array();
  for (const notices::Notice& notice : page->items) items.push_back(notice);
  nlohmann::json body = {
      {"items", std::move(items)},
      {"next_cursor", page->next_cursor.empty() ? nlohmann::json(nullptr)
                                                : nlohmann::json(page->next_cursor)},
      {"total", page->total},
  };
  Response response = JsonResponse(DumpJson(body));
  response.SetHeader("Cache-Control", "no-cache");
  return response;
}

namespace {

// Renders the body of GET /api/v1/notices/{id} for notice `id` from the store and, when it
// is safe, caches it. `known_version` is the version the store reported before reading (0
// when unknown). Versions only grow, so when the last version in History equals the one
// seen before Get, no write committed in between and the document and versions agree:
// only then is the body cached under that version. Otherwise it is served but not cached.
Result<std::shared_ptr<const NoticeCache::Entry>> Render(notices::NoticeStore& store,
                                                         NoticeCache& cache, NoticeId id,
                                                         std::int64_t known_version) {
  TB_ASSIGN_OR_RETURN(notices::Notice notice, store.Get(id));
  TB_ASSIGN_OR_RETURN(std::vector<notices::NoticeVersion> history, store.History(id));
  nlohmann::json body = notice;
  nlohmann::json versions = nlohmann::json::array();
  for (const notices::NoticeVersion& v : history) {
    versions.push_back({{"version", v.version},
                        {"recorded_at", v.recorded_at.ToRfc3339()},
                        {"source", v.source},
                        {"changed_fields", v.changed_fields}});
  }
  body["versions"] = std::move(versions);
  auto entry = std::make_shared<NoticeCache::Entry>();
  entry->version = history.empty() ? 0 : history.back().version;
  entry->body = DumpJson(body);
  entry->etag = StrongEtag(entry->body);
  if (known_version > 0 && entry->version == known_version) cache.Put(id.value, entry);
  return std::shared_ptr<const NoticeCache::Entry>(std::move(entry));
}

// The response for notice `id`; NotFound when the store has no such notice.
Result<std::shared_ptr<const NoticeCache::Entry>> Lookup(notices::NoticeStore& store,
                                                         NoticeCache& cache, NoticeId id) {
  if (!cache.enabled()) return Render(store, cache, id, 0);
  // The one database round trip of a cache hit: a primary-key read of the version.
  TB_ASSIGN_OR_RETURN(std::int64_t version, store.Version(id));
  std::shared_ptr<const NoticeCache::Entry> cached = cache.Find(id.value);
  if (cached && cached->version == version) return cached;
  return Render(store, cache, id, version);
}

}  // namespace

Response GetNotice(const Request& request, const PathParams& path_params, const auth::Actor&,
                   RouteContext& context) {
  const std::string& id = path_params.at(0);
  if (!request.query.empty()) {
    return ProblemResponse(Status::InvalidArgument("this route takes no query parameters")
                               .WithField(request.query.substr(0, request.query.find('='))),
                           request.path, 400);
  }
  notices::NoticeStore& store = context.deps.notices;
  NoticeCache& cache = context.notice_cache;
  // An all-digit id is the internal id; public ids (ocids, "ungm-123") contain other
  // characters, but fall back to the public id anyway in case a publisher uses digits only.
  std::int64_t internal = 0;
  const auto [end, error] = std::from_chars(id.data(), id.data() + id.size(), internal);
  const bool numeric = error == std::errc() && end == id.data() + id.size() && internal > 0;
  // Built only when the id is not numeric: a hit on the hot path allocates no message.
  Result<std::shared_ptr<const NoticeCache::Entry>> entry =
      numeric ? Lookup(store, cache, NoticeId{internal})
              : Result<std::shared_ptr<const NoticeCache::Entry>>(Status::NotFound("not numeric"));
  if (!entry.ok() && entry.status().code() == StatusCode::kNotFound) {
    std::optional<std::int64_t> known = cache.FindPublicId(id);
    if (known) entry = Lookup(store, cache, NoticeId{*known});
    if (!known || (!entry.ok() && entry.status().code() == StatusCode::kNotFound)) {
      Result<notices::Notice> notice = store.GetByPublicId(id);
      if (notice.ok()) {
        cache.PutPublicId(id, notice->id.value);
        entry = Lookup(store, cache, notice->id);
      } else {
        entry = notice.status();
      }
    }
  }
  if (!entry.ok()) {
    if (entry.status().code() == StatusCode::kNotFound) {
      return ProblemResponse(Status::NotFound("no notice with id " + id).WithField("id"),
                             request.path);
    }
    return ServiceProblem(entry.status(), request);
  }
  Response response = JsonResponse((*entry)->body);
  response.SetHeader("ETag", (*entry)->etag);
  response.SetHeader("Cache-Control", "no-cache");
  return response;
}

}  // namespace tb::http
