#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tb::http {

// Header fields in arrival order. Request header names are lower-cased by the server.
using HeaderList = std::vector<std::pair<std::string, std::string>>;

// One HTTP request as the handlers see it: no sockets, so every handler is testable with a
// struct literal. `body` points into the server's request buffer and is valid only while
// the request is handled.
struct Request {
  std::string method;   // "GET", "POST", ...
  std::string path;     // as received, still percent-encoded, without the query
  std::string query;    // raw query string after '?', may be empty
  HeaderList headers;   // names lower case
  std::string_view body;
  std::string remote;      // "127.0.0.1:53412"
  std::string request_id;  // set by the pipeline before routing

  // The first header named `name` (lower case), or null.
  const std::string* Header(std::string_view name) const;
};

// What a handler answers. The pipeline adds ETag, gzip, security headers and the request id.
struct Response {
  int status = 200;
  HeaderList headers;  // names as sent ("Content-Type")
  std::string body;

  // The first header named `name` (case-insensitive), or null.
  const std::string* Header(std::string_view name) const;
  // Replaces the header named `name` (case-insensitive) or appends it.
  void SetHeader(std::string_view name, std::string value);
};

inline constexpr std::string_view kJsonType = "application/json; charset=utf-8";
inline constexpr std::string_view kProblemType = "application/problem+json; charset=utf-8";

// A 200 (or `status`) response with a JSON body.
Response JsonResponse(std::string body, int status = 200);

// Serialises a response body. Stored text came through importers, but a stray invalid UTF-8
// byte must not become a 500: it is replaced with U+FFFD.
std::string DumpJson(const nlohmann::json& body);

// ASCII case-insensitive equality, for header names and tokens.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace tb::http
