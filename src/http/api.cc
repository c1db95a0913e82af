#include "http/api.h"

#include <atomic>
#include <cstdio>
#include <exception>

#include <nlohmann/json.hpp>
#include <sodium.h>
#include <spdlog/spdlog.h>

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

const Route* FindRoute(const Request& request, std::string& param, bool& path_matched) {
  path_matched = false;
  for (const Route& route : Routes()) {
    std::string candidate;
    if (!MatchPath(route.path, request.path, candidate)) continue;
    path_matched = true;
    if (route.method == request.method) {
      param = std::move(candidate);
      return &route;
    }
  }
  return nullptr;
}

std::string AllowedMethods(const Request& request) {
  std::string allow;
  for (const Route& route : Routes()) {
    std::string ignored;
    if (!MatchPath(route.path, request.path, ignored)) continue;
    if (!allow.empty()) allow += ", ";
    allow += route.method;
  }
  return allow;
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

Api::Api(ServerOptions options, ServerDeps deps)
    : options_(std::move(options)),
      notice_cache_(options_.notice_cache_bytes),
      context_{options_, deps, import_mutex_, notice_cache_} {
  // Idempotent and thread-safe; needed before the ETag and token digests.
  if (sodium_init() < 0) spdlog::error("libsodium failed to initialise");
}

bool Api::IsSlow(const Request& request) const {
  std::string param;
  bool path_matched = false;
  const http::Route* route = FindRoute(request, param, path_matched);
  return route && route->slow;
}

Response Api::Route(const Request& request) {
  if (request.path.size() > kMaxPathBytes) {
    return ProblemResponse(Status::InvalidArgument("the URL is too long"), "", 414);
  }
  if (request.path.starts_with("/api/")) {
    std::string param;
    bool path_matched = false;
    const http::Route* route = FindRoute(request, param, path_matched);
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
    return route->handler(request, param, context_);
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
  try {
    response = Route(request);
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
  if (request.path.starts_with("/api/") && !response.Header("Cache-Control")) {
    response.SetHeader("Cache-Control", "no-store");
  }
  AddSecurityHeaders(response, request.request_id);
  return response;
}

}  // namespace tb::http
