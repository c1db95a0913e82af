#include "http/problem.h"

#include <string>

#include <nlohmann/json.hpp>

namespace tb::http {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kInvalidArgument: return 422;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists: return 409;
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kResourceExhausted: return 413;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kOk:
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

std::string_view ReasonPhrase(int http_status) {
  switch (http_status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

Response ProblemResponse(const Status& status, std::string_view instance, int http_status,
                         std::string_view code) {
  const int http = http_status != 0 ? http_status : HttpStatusFor(status.code());
  const std::string code_name(code.empty() ? StatusCodeName(status.code()) : code);
  nlohmann::json body = {
      {"type", "https://tenderbridge.example/problems/" + code_name},
      {"title", ReasonPhrase(http)},
      {"status", http},
      {"detail", status.message()},
      {"code", code_name},
      {"instance", instance},
  };
  if (!status.field().empty()) body["field"] = status.field();
  Response response;
  response.status = http;
  response.headers.emplace_back("Content-Type", std::string(kProblemType));
  // Invalid UTF-8 in a detail (echoing user input) must not turn a 4xx into a throw.
  response.body = DumpJson(body);
  return response;
}

Response ServiceProblem(const Status& status, const Request& request) {
  if (status.code() == StatusCode::kInternal) {
    return ProblemResponse(Status::Internal("internal error; request id " + request.request_id),
                           request.path);
  }
  return ProblemResponse(status, request.path);
}

}  // namespace tb::http
