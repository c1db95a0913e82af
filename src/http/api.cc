#include "http/api.h"

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>

#include <nlohmann/json.hpp>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include "auth/auth_service.h"
#include "auth/policy.h"
#include "http/cookies.h"
#include "http/csrf.h"
#include "http/problem.h"
#include "http/response_filters.h"
#include "http/static_files.h"

namespace tb::http {
namespace {

constexpr std::size_t kMaxPathBytes = 4096;

bool IsSafeRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

const Route* FindRoute(const Request& request, PathParams& params, bool& path_matched) {
  path_matched = false;
  for (const Route& route : Routes()) {
    PathParams candidate;
    if (!MatchPath(route.path, request.path, candidate)) continue;
    path_matched = true;
    if (route.method == request.method) {
      params = std::move(candidate);
      return &route;
    }
  }
  return nullptr;
}

std::string AllowedMethods(const Request& request) {
  std::string allow;
  for (const Route& route : Routes()) {
    PathParams ignored;
    if (!MatchPath(route.path, request.path, ignored)) continue;
    if (!allow.empty()) allow += ", ";
    allow += route.method;
  }
  return allow;
}

// Compares digests rather than the tokens so that neither the content nor the length of
// the configured token leaks through timing.
bool AdminTokenMatches(std::string_view given, std::string_view expected) {
  std::array<unsigned char, crypto_generichash_BYTES> a{}, b{};
  crypto_generichash(a.data(), a.size(), reinterpret_cast<const unsigned char*>(given.data()),
                     given.size(), nullptr, 0);
  crypto_generichash(b.data(), b.size(), reinterpret_cast<const unsigned char*>(expected.data()),
                     expected.size(), nullptr, 0);
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// The token of an "Authorization: Bearer <token>" header; empty when there is none.
std::string_view BearerToken(const Request& request) {
  const std::string* authorization = request.Header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (!authorization || authorization->size() <= kBearer.size() ||
      !EqualsIgnoreCase(std::string_view(*authorization).substr(0, kBearer.size()), kBearer)) {
    return {};
  }
  return std::string_view(*authorization).substr(kBearer.size());
}

std::string ActorName(const auth::Actor& actor) {
  if (!actor.authenticated()) return "public";
  return "user:" + std::to_string(actor.user.value);
}

Response TooManyRequests(const Request& request, std::chrono::seconds retry_after) {
  Response response = ProblemResponse(
      Status::ResourceExhausted("too many requests; retry in " +
                                std::to_string(retry_after.count()) + " s"),
      request.path, 429, "rate_limited");
  response.SetHeader("Retry-After", std::to_string(retry_after.count()));
  return response;
}

Response Unauthorized(const Request& request, std::string message, std::string_view code) {
  Response response =
      ProblemResponse(Status::Unauthenticated(std::move(message)), request.path, 401, code);
  response.SetHeader("WWW-Authenticate", "Bearer realm=\"tenderbridge\"");
  return response;
}

// The `code` of a problem response, for the security log; empty for other responses.
std::string ProblemCode(const Response& response) {
  const std::string* type = response.Header("Content-Type");
  if (type == nullptr || !type->starts_with("application/problem+json")) return {};
  const auto body = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("code") || !body["code"].is_string()) return {};
  return body["code"].get<std::string>();
}

}  // namespace

std::string NewRequestId() {
  static const std::string prefix = [] {
    if (sodium_init() < 0) return std::string("00000000");
    char buffer[9];
    std::snprintf(buffer, sizeof buffer, "%08x", randombytes_random());
    return std::string(buffer);
  }();
  static std::atomic<std::uint64_t> counter{0};
  return prefix + "-" + std::to_string(counter.fetch_add(1, std::memory_order_relaxed) + 1);
}

std::string AccessLogLine(const Request& request, int status, std::size_t bytes,
                          std::int64_t duration_micros, Timestamp now) {
  nlohmann::json line = {
      {"time", now.ToRfc3339()},
      {"request_id", request.request_id},
      {"method", request.method},
      {"path", request.path},
      {"status", status},
      {"bytes", bytes},
      {"duration_us", duration_micros},
      {"remote", request.remote},
  };
  return DumpJson(line);
}

struct Api::Identity {
  auth::Actor actor = auth::Actor::Public();
  bool by_cookie = false;       // a session cookie resolved: CSRF rules apply
  bool by_admin_token = false;  // the configured admin token on a route that takes it
  std::string csrf_token;       // the session's, when by_cookie
};

Api::Api(ServerOptions options, ServerDeps deps)
    : options_(std::move(options)),
      notice_cache_(options_.notice_cache_bytes),
      rate_limiter_(options_.rate_limits, deps.clock),
      own_security_log_(deps.security_log ? nullptr : auth::MakeSpdlogSecurityLog()),
      context_{options_,     deps,          import_mutex_,
               notice_cache_, rate_limiter_, deps.security_log ? *deps.security_log
                                                                : *own_security_log_} {
  // Idempotent and thread-safe; needed before the ETag and token digests.
  if (sodium_init() < 0) spdlog::error("libsodium failed to initialise");
}

bool Api::IsSlow(const Request& request) const {
  PathParams params;
  bool path_matched = false;
  const http::Route* route = FindRoute(request, params, path_matched);
  return route && route->slow;
}

std::vector<std::string> Api::OwnOrigins() const {
  if (!options_.public_origins.empty()) return options_.public_origins;
  const std::string port = std::to_string(bound_port_.load());
  return {"http://127.0.0.1:" + port, "http://localhost:" + port};
}

void Api::RecordEvent(const Request& request, const auth::Actor& actor, std::string action,
                      std::string outcome, std::string detail) {
  auth::SecurityEvent event;
  event.at = context_.deps.clock.Now();
  event.actor = ActorName(actor);
  event.action = std::move(action);
  event.object = "route:" + request.method + " " + request.path;
  event.outcome = std::move(outcome);
  event.request_id = request.request_id;
  event.client = std::string(RemoteAddress(request.remote));
  event.detail = std::move(detail);
  context_.security_log.Record(event);
}

Result<Api::Identity> Api::Identify(const Request& request, const http::Route& route) {
  Identity identity;
  auth::AuthService* auth = context_.deps.auth;
  if (const std::string_view bearer = BearerToken(request); !bearer.empty()) {
    if (route.admin_token && !options_.admin_token.empty() &&
        AdminTokenMatches(bearer, options_.admin_token)) {
      identity.by_admin_token = true;
      return identity;
    }
    if (auth == nullptr) {
      // Without accounts there are no API tokens: any other token is simply wrong.
      return Status::Unauthenticated("the bearer token is not valid");
    }
    // Bearer requests carry no ambient credential, so CSRF does not apply to them.
    TB_ASSIGN_OR_RETURN(identity.actor, auth->ResolveToken(bearer));
    return identity;
  }
  std::optional<std::string> session = FindCookie(request, kSessionCookieName);
  if (session && !session->empty() && auth != nullptr) {
    Result<auth::ResolvedSession> resolved = auth->ResolveSession(*session);
    // An expired or unknown cookie is the same as none: public routes still answer.
    if (resolved.ok()) {
      identity.actor = std::move(resolved->actor);
      identity.csrf_token = std::move(resolved->csrf_token);
      identity.by_cookie = true;
    }
  }
  return identity;
}

Response Api::RouteApi(const Request& request, const http::Route& route,
                       const PathParams& params, bool& authenticated) {
  Result<Identity> identity = Identify(request, route);
  if (!identity.ok()) {
    RecordEvent(request, auth::Actor::Public(), "authenticate", "failure", "invalid_token");
    return Unauthorized(request, "the bearer token is not valid", "invalid_token");
  }
  const auth::Actor& actor = identity->actor;
  authenticated = actor.authenticated() || identity->by_admin_token;

  if (route.rate != RateClass::kNone) {
    std::optional<std::chrono::seconds> wait =
        rate_limiter_.Take(route.rate, RateScope::kIp, RemoteAddress(request.remote));
    if (!wait && actor.authenticated()) {
      wait = rate_limiter_.Take(route.rate, RateScope::kAccount, ActorName(actor));
    }
    if (wait) {
      RecordEvent(request, actor, "rate_limit", "denied", std::string(RateClassName(route.rate)));
      return TooManyRequests(request, *wait);
    }
  }

  if (!identity->by_admin_token && route.access.access() != auth::Access::kPublic) {
    if (context_.deps.auth == nullptr) {
      if (route.admin_token && !options_.admin_token.empty()) {
        return Unauthorized(request, "an admin bearer token is required", "unauthenticated");
      }
      return ProblemResponse(Status::Unavailable("accounts are not available on this server"),
                             request.path, 503);
    }
    Status allowed = Status::Ok();
    try {
      allowed = auth::CheckRoute(actor, route.access);
    } catch (const std::exception& e) {
      // AS-17: a policy that cannot decide denies.
      spdlog::error("request {}: the access check threw: {}", request.request_id, e.what());
      allowed = Status::PermissionDenied("access denied");
    } catch (...) {
      spdlog::error("request {}: the access check threw", request.request_id);
      allowed = Status::PermissionDenied("access denied");
    }
    if (!allowed.ok()) {
      std::string code(auth::AuthProblemCode(allowed));
      if (code.empty()) {
        code = allowed.code() == StatusCode::kUnauthenticated ? "unauthenticated" : "forbidden";
      }
      const int status = allowed.code() == StatusCode::kUnauthenticated ? 401 : 403;
      auth::RequestMeta meta{request.request_id, std::string(RemoteAddress(request.remote))};
      context_.deps.auth->RecordAccessDenied(actor, "route:" + request.method + " " + request.path,
                                             code, meta);
      if (status == 401) return Unauthorized(request, allowed.message(), code);
      return ProblemResponse(allowed, request.path, 403, code);
    }
  }

  if (IsStateChanging(request.method)) {
    const std::vector<std::string> origins = OwnOrigins();
    bool refused = false;
    if (identity->by_cookie && route.access.access() != auth::Access::kPublic) {
      const std::string* token = request.Header("x-csrf-token");
      refused = !IsSameOrigin(request, origins) || token == nullptr ||
                !CsrfTokenMatches(*token, identity->csrf_token);
    } else if (!identity->by_admin_token && BearerToken(request).empty()) {
      // Without a session the token cannot apply, but a page of another site still may not
      // post here (login CSRF).
      refused = HasForeignOrigin(request, origins);
    }
    if (refused) {
      RecordEvent(request, actor, "csrf", "denied", "csrf");
      return ProblemResponse(
          Status::PermissionDenied("this request must come from the TenderBridge site with its "
                                   "X-CSRF-Token"),
          request.path, 403, "csrf");
    }
  }

  Response response = route.handler(request, params, actor, context_);
  if (response.status == 400 || response.status == 415 || response.status == 422) {
    RecordEvent(request, actor, "validation", "failure", ProblemCode(response));
  }
  return response;
}

Response Api::Route(const Request& request, bool& authenticated) {
  if (request.path.size() > kMaxPathBytes) {
    return ProblemResponse(Status::InvalidArgument("the URL is too long"), "", 414);
  }
  if (request.path.starts_with("/api/")) {
    PathParams params;
    bool path_matched = false;
    const http::Route* route = FindRoute(request, params, path_matched);
    // The size check comes first so that an oversized body is refused as such even on a
    // path or method that does not exist.
    const std::size_t limit =
        route && route->upload ? options_.max_import_bytes : options_.max_body_bytes;
    if (request.body.size() > limit) {
      return ProblemResponse(Status::ResourceExhausted("the body is larger than " +
                                                       std::to_string(limit) + " bytes")
                                 .WithField("body"),
                             request.path);
    }
    if (!route) {
      if (path_matched) {
        Response response = ProblemResponse(
            Status::InvalidArgument(request.method + " is not allowed here"), request.path, 405,
            "method_not_allowed");
        response.SetHeader("Allow", AllowedMethods(request));
        return response;
      }
      return ProblemResponse(Status::NotFound("no such route"), request.path);
    }
    return RouteApi(request, *route, params, authenticated);
  }
  if (request.body.size() > options_.max_body_bytes) {
    return ProblemResponse(Status::ResourceExhausted("the body is too large").WithField("body"),
                           request.path);
  }
  if (request.method != "GET") {
    Response response = ProblemResponse(
        Status::InvalidArgument(request.method + " is not allowed here"), request.path, 405,
        "method_not_allowed");
    response.SetHeader("Allow", "GET");
    return response;
  }
  return ServeStatic(options_.web_root, request);
}

Response Api::Handle(Request& request) {
  const std::string* incoming = request.Header("x-request-id");
  request.request_id = incoming && IsSafeRequestId(*incoming) ? *incoming : NewRequestId();
  Response response;
  bool authenticated = false;
  try {
    response = Route(request, authenticated);
    ApplyConditionalAndEncoding(request, response);
  } catch (const std::exception& e) {
    spdlog::error("request {} {} {} failed: {}", request.request_id, request.method,
                  request.path, e.what());
    response = ProblemResponse(
        Status::Internal("internal error; request id " + request.request_id), request.path);
  } catch (...) {
    spdlog::error("request {} {} {} failed with an unknown exception", request.request_id,
                  request.method, request.path);
    response = ProblemResponse(
        Status::Internal("internal error; request id " + request.request_id), request.path);
  }
  // AS-36: nothing a signed-in actor sees may sit in a shared or browser cache, whatever
  // the handler chose.
  if (authenticated) {
    response.SetHeader("Cache-Control", "no-store");
  } else if (request.path.starts_with("/api/") && !response.Header("Cache-Control")) {
    response.SetHeader("Cache-Control", "no-store");
  }
  AddSecurityHeaders(response, request.request_id);
  return response;
}

}  // namespace tb::http
