#pragma once

#include <mutex>
#include <string>

#include "http/http_types.h"
#include "http/routes.h"
#include "http/server.h"

namespace tb::http {

// The whole request pipeline without sockets: request id, size limits, routing to the
// /api/v1 table or the static web UI, the handler, then ETag/304, gzip and security headers.
// Server (server.cc) only moves bytes between RESTinio and this class, so everything here
// is unit-testable. Thread-safe; `deps` must outlive it.
class Api {
 public:
  Api(ServerOptions options, ServerDeps deps);

  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  // Answers `request`. Sets request.request_id (kept from a well-formed X-Request-Id header,
  // generated otherwise). Never throws: an escaped exception becomes a logged 500 problem
  // naming the request id.
  Response Handle(Request& request);

  // True when the request goes to a route that blocks for long (imports), which the server
  // runs off its I/O threads.
  bool IsSlow(const Request& request) const;

  const ServerOptions& options() const { return options_; }

 private:
  Response Route(const Request& request);

  const ServerOptions options_;
  std::mutex import_mutex_;
  NoticeCache notice_cache_;
  RouteContext context_;
};

// A new request id: a per-process random prefix and a counter ("3f9a0c1e-42").
std::string NewRequestId();

// One JSON line of the access log: time, request id, method, path (the query is left out:
// it may carry tokens), status, bytes, duration in µs, remote. Never headers or bodies.
std::string AccessLogLine(const Request& request, int status, std::size_t bytes,
                          std::int64_t duration_micros, Timestamp now);

}  // namespace tb::http
