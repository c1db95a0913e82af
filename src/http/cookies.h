#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/http_types.h"

namespace tb::http {

// The session cookie (AS-11). The __Host- prefix makes browsers refuse it unless it is
// Secure, has Path=/ and no Domain, so a sibling subdomain cannot plant or overwrite it.
//
// Plain http on 127.0.0.1 (dev, tests): Chromium treats http://127.0.0.1 and
// http://localhost as potentially trustworthy origins and keeps Secure and __Host- cookies
// set over them. Checked with playwright-core driving Debian's chromium 156: the cookie set
// by a plain-http response on both hosts came back on the next navigation and on fetch().
// Any other plain-http host (a LAN address) drops it: serve those behind TLS.
inline constexpr std::string_view kSessionCookieName = "__Host-tb_session";

// The cookies of a Cookie header ("a=1; b=2"), in order, as RFC 6265 §5.4 sends them.
// Pairs without '=' are skipped; values keep their bytes (a surrounding pair of double
// quotes is removed). Never fails.
std::vector<std::pair<std::string, std::string>> ParseCookieHeader(std::string_view header);

// The value of the first cookie named `name` over every Cookie header of `request`.
std::optional<std::string> FindCookie(const Request& request, std::string_view name);

// Set-Cookie values for the session: "__Host-tb_session=<id>; Path=/; Secure; HttpOnly;
// SameSite=Lax". No Max-Age: the server ends sessions (idle and absolute limits), and a
// browser session cookie leaves nothing behind on a shared computer. `session_id` must be
// cookie-safe (the auth service issues URL-safe base64 or hex); other bytes are dropped so
// that a bug can never inject a header.
std::string SessionSetCookie(std::string_view session_id);
// Expires the session cookie in the browser (logout).
std::string ClearedSessionSetCookie();

}  // namespace tb::http
