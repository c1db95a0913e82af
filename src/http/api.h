#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "auth/security_log.h"
#include "http/http_types.h"
#include "http/rate_limit.h"
#include "http/routes.h"
#include "http/server.h"

namespace tb::http {

// The whole request pipeline without sockets: request id, size limits, routing to the
// /api/v1 table or the static web UI, then for API routes: the actor (session cookie or
// bearer token), the per-address rate limit, the route's access rule (AS-13), the CSRF
// check (AS-18), the handler, and last ETag/304, gzip, no-store for authenticated answers
// (AS-36) and security headers. Server (server.cc) only moves bytes between RESTinio and
// this class, so everything here is unit-testable. Thread-safe; `deps` must outlive it.
class Api {
 public:
  Api(ServerOptions options, ServerDeps deps);

  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  // Answers `request`. Sets request.request_id (kept from a well-formed X-Request-Id header,
  // generated otherwise). Never throws: an escaped exception becomes a logged 500 problem
  // naming the request id.
  Response Handle(Request& request);

  // True when the request goes to a route that blocks for long (imports, password
  // hashing), which the server runs off its I/O threads.
  bool IsSlow(const Request& request) const;

  // The port the server bound, for the default own origins (ServerOptions::public_origins).
  // Called once by the server before it accepts connections.
  void SetBoundPort(std::uint16_t port) { bound_port_.store(port); }

  // The origins a cookie-authenticated write must come from.
  std::vector<std::string> OwnOrigins() const;

  const ServerOptions& options() const { return options_; }

 private:
  struct Identity;
  Response Route(const Request& request, bool& authenticated);
  Response RouteApi(const Request& request, const http::Route& route, const PathParams& params,
                    bool& authenticated);
  Result<Identity> Identify(const Request& request, const http::Route& route);
  void RecordEvent(const Request& request, const auth::Actor& actor, std::string action,
                   std::string outcome, std::string detail);

  const ServerOptions options_;
  std::mutex import_mutex_;
  NoticeCache notice_cache_;
  RateLimiter rate_limiter_;
  std::unique_ptr<auth::SecurityLog> own_security_log_;
  std::atomic<std::uint16_t> bound_port_{0};
  RouteContext context_;
};

// A new request id: a per-process random prefix and a counter ("3f9a0c1e-42").
std::string NewRequestId();

// One JSON line of the access log: time, request id, method, path (the query is left out:
// it may carry tokens), status, bytes, duration in µs, remote. Never headers or bodies.
std::string AccessLogLine(const Request& request, int status, std::size_t bytes,
                          std::int64_t duration_micros, Timestamp now);

}  // namespace tb::http
