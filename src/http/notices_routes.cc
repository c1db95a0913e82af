// GET /api/v1/notices and GET /api/v1/notices/{id}.
#include <charconv>
#include <string>

#include <nlohmann/json.hpp>

#include "http/problem.h"
#include "http/query.h"
#include "http/routes.h"
#include "notices/notice_json.h"
#include "notices/notice_store.h"

namespace tb::http {
namespace {

// Store failures other than bad input are the server's or the database's, so the user gets
// the mapped status and the message; the detail of an Internal error stays generic.
Response StoreProblem(const Status& status, const Request& request) {
  if (status.code() == StatusCode::kInternal) {
    return ProblemResponse(Status::Internal("internal error; request id " + request.request_id),
                           request.path);
  }
  return ProblemResponse(status, request.path);
}

std::string Dump(const nlohmann::json& json) {
  // Stored text came through importers, but a stray invalid byte must not become a 500.
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Response ListNotices(const Request& request, const std::string&, RouteContext& context) {
  Result<QueryParams> params = ParseQuery(request.query);
  if (!params.ok()) return ProblemResponse(params.status(), request.path, 400);
  if (Status known = CheckKnownParams(*params, NoticeListParamNames()); !known.ok()) {
    return ProblemResponse(known, request.path, 400);
  }
  Result<NoticeListQuery> query = ParseNoticeListQuery(*params);
  if (!query.ok()) return ProblemResponse(query.status(), request.path);

  Result<notices::NoticePage> page = context.deps.notices.List(
      query->filter, query->order, query->page, context.deps.clock.Now());
  if (!page.ok()) return StoreProblem(page.status(), request);

  nlohmann::json items = nlohmann::json::array();
  for (const notices::Notice& notice : page->items) items.push_back(notice);
  nlohmann::json body = {
      {"items", std::move(items)},
      {"next_cursor", page->next_cursor.empty() ? nlohmann::json(nullptr)
                                                : nlohmann::json(page->next_cursor)},
      {"total", page->total},
  };
  Response response = JsonResponse(Dump(body));
  response.SetHeader("Cache-Control", "no-cache");
  return response;
}

Response GetNotice(const Request& request, const std::string& id, RouteContext& context) {
  if (!request.query.empty()) {
    return ProblemResponse(Status::InvalidArgument("this route takes no query parameters")
                               .WithField(request.query.substr(0, request.query.find('='))),
                           request.path, 400);
  }
  notices::NoticeStore& store = context.deps.notices;
  // An all-digit id is the internal id; public ids (ocids, "ungm-123") contain other
  // characters, but fall back to the public id anyway in case a publisher uses digits only.
  std::int64_t internal = 0;
  const auto [end, error] = std::from_chars(id.data(), id.data() + id.size(), internal);
  const bool numeric = error == std::errc() && end == id.data() + id.size() && internal > 0;
  Result<notices::Notice> notice = Status::NotFound("no notice " + id);
  if (numeric) notice = store.Get(NoticeId{internal});
  if (!notice.ok() && notice.status().code() == StatusCode::kNotFound) {
    notice = store.GetByPublicId(id);
  }
  if (!notice.ok()) {
    if (notice.status().code() == StatusCode::kNotFound) {
      return ProblemResponse(Status::NotFound("no notice with id " + id).WithField("id"),
                             request.path);
    }
    return StoreProblem(notice.status(), request);
  }
  Result<std::vector<notices::NoticeVersion>> history = store.History(notice->id);
  if (!history.ok()) return StoreProblem(history.status(), request);

  nlohmann::json body = *notice;
  nlohmann::json versions = nlohmann::json::array();
  for (const notices::NoticeVersion& v : *history) {
    versions.push_back({{"version", v.version},
                        {"recorded_at", v.recorded_at.ToRfc3339()},
                        {"source", v.source},
                        {"changed_fields", v.changed_fields}});
  }
  body["versions"] = std::move(versions);
  Response response = JsonResponse(Dump(body));
  response.SetHeader("Cache-Control", "no-cache");
  return response;
}

}  // namespace tb::http
