#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/timestamp.h"

namespace tb::auth {

// Where a request came from, passed into every AuthService call that changes something so
// that its security event can name the request (AS-34). Both fields may be empty (CLI).
struct RequestMeta {
  std::string request_id;
  std::string client;  // remote address as http/ saw it
};

// One security event (AS-34): auth successes and failures, access-control failures, grants.
// Never a secret in any field (AS-33): ids, e-mail addresses and outcomes only.
struct SecurityEvent {
  Timestamp at;
  std::string actor;    // "user:12", "email:a@b.org" before a user is known, "cli", "public"
  std::string action;   // "login", "signup", "role_grant", "access_denied", ...
  std::string object;   // "user:12", "organisation:3", "route:GET /api/v1/..."
  std::string outcome;  // "success", "failure", "denied", or a reason such as "throttled"
  std::string request_id;
  std::string client;
  std::string detail;  // short free text; never a password, token or code
};

// Receives security events. Implementations must be thread-safe.
class SecurityLog {
 public:
  virtual ~SecurityLog() = default;
  virtual void Record(const SecurityEvent& event) = 0;
};

// One JSON object per line (time as RFC 3339 UTC, then actor, action, object, outcome,
// request_id, client, detail) through the spdlog logger named "security", created on first
// use with spdlog's default sink when the application has not registered one. Control
// characters (CR, LF, ESC and the rest of C0/C1) in any field are written as \uXXXX, so a
// user-chosen value cannot forge a line or colour a terminal (AS-35).
std::unique_ptr<SecurityLog> MakeSpdlogSecurityLog();

// The JSON line SpdlogSecurityLog writes for `event` (no trailing newline). Exposed for tests.
std::string SecurityEventJson(const SecurityEvent& event);

}  // namespace tb::auth
