#pragma once

#include <span>
#include <string>
#include <string_view>

#include "http/http_types.h"

namespace tb::http {

// Cross-site request forgery defence (AS-18, OWASP CSRF cheat sheet): a cookie-authenticated
// state-changing request needs both the session's synchronizer token in X-CSRF-Token and
// proof that a page of this server sent it (Origin, else Sec-Fetch-Site). Either alone has
// gaps: old browsers omit Origin on some requests; a token can leak through a log.

// POST, PUT, PATCH, DELETE: the methods that may change state. GET, HEAD and OPTIONS may not,
// by the API's own rule, so they need neither check.
bool IsStateChanging(std::string_view method);

// True when the request comes from one of `own_origins` ("http://127.0.0.1:8080"):
// its Origin header equals one of them (ASCII case-insensitive, a trailing '/' ignored), or,
// when Origin is absent, Sec-Fetch-Site is "same-origin". An Origin of "null" never matches.
bool IsSameOrigin(const Request& request, std::span<const std::string> own_origins);

// True when the request has an Origin header that is none of `own_origins`.
bool HasForeignOrigin(const Request& request, std::span<const std::string> own_origins);

// Constant-time comparison of the X-CSRF-Token value with the session's token (digests are
// compared, so neither the content nor the length leaks through timing). An empty expected
// token never matches.
bool CsrfTokenMatches(std::string_view given, std::string_view expected);

}  // namespace tb::http
