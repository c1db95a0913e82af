#pragma once

#include <mutex>
#include <span>
#include <string>
#include <string_view>

#include "http/http_types.h"
#include "http/notice_cache.h"
#include "http/server.h"

namespace tb::http {

// What handlers work on. Owned by Api; references outlive every request.
struct RouteContext {
  const ServerOptions& options;
  ServerDeps deps;
  // ImportService is thread-compatible: one import at a time.
  std::mutex& import_mutex;
  // Rendered notice documents (GET /api/v1/notices/{id}).
  NoticeCache& notice_cache;
};

// A handler gets the request and the decoded {param} of its path template (empty when the
// template has none) and returns the whole response. Handlers do not throw on bad input.
using Handler = Response (*)(const Request& request, const std::string& param,
                             RouteContext& context);

// One API route. Every /api/v1 route is in the one table below, which the OpenAPI test
// compares with docs served at /api/v1/openapi.json.
struct Route {
  std::string_view method;  // "GET", "POST"
  std::string_view path;    // "/api/v1/notices/{id}": at most one {param}, a whole segment
  Handler handler;
  bool slow = false;        // blocks for long (imports): run off the I/O threads
  bool upload = false;      // body limit is max_import_bytes instead of max_body_bytes
};

// The route table.
std::span<const Route> Routes();

// Matches a raw (percent-encoded) request path against a template. On a match, `param`
// receives the decoded {param} segment. False for no match or a broken escape.
bool MatchPath(std::string_view path_template, std::string_view path, std::string& param);

// The handlers, one file per resource.
Response ListNotices(const Request& request, const std::string& param, RouteContext& context);
Response GetNotice(const Request& request, const std::string& param, RouteContext& context);
Response GetUnspscCode(const Request& request, const std::string& param, RouteContext& context);
Response FindUnspsc(const Request& request, const std::string& param, RouteContext& context);
Response SearchNotices(const Request& request, const std::string& param, RouteContext& context);
Response SuggestSearch(const Request& request, const std::string& param, RouteContext& context);
Response Health(const Request& request, const std::string& param, RouteContext& context);
Response ImportUpload(const Request& request, const std::string& param, RouteContext& context);
Response OpenApi(const Request& request, const std::string& param, RouteContext& context);

}  // namespace tb::http
