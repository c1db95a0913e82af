#pragma once

#include <string_view>

#include "core/status.h"
#include "http/http_types.h"

namespace tb::http {

// The HTTP status for a Status code (STYLE.md §5): invalid_argument 422, not_found 404,
// already_exists and failed_precondition 409, unauthenticated 401, permission_denied 403,
// resource_exhausted 413, unavailable 503, internal (and ok, which is a bug here) 500.
int HttpStatusFor(StatusCode code);

// An RFC 9457 application/problem+json response:
//   {"type": "https://tenderbridge.example/problems/<code>", "title", "status", "detail",
//    "code", "field" (when the status names one), "instance" (the request path)}
// `http_status` overrides the mapped status (400 for unparsable input, 405, 413).
// `code` overrides StatusCodeName(status.code()) for HTTP-level problems ("method_not_allowed").
Response ProblemResponse(const Status& status, std::string_view instance, int http_status = 0,
                         std::string_view code = {});

// The problem for a failed call to a store or engine: the mapped status and its message,
// except that an Internal error's detail stays in the log and the user gets the request id.
Response ServiceProblem(const Status& status, const Request& request);

// The reason phrase of an HTTP status ("Not Found"); "Unknown" for codes we do not send.
std::string_view ReasonPhrase(int http_status);

}  // namespace tb::http
