#pragma once

#include <array>
#include <string_view>

#include "core/status.h"

namespace tb::auth::internal {

// The user-facing messages of auth failures. AuthProblemCode recognises a failure by its
// code and exact message, so each message below is used for one problem only.
inline constexpr std::string_view kUnauthenticated = "sign in to continue";
inline constexpr std::string_view kForbidden = "you are not allowed to do this";
inline constexpr std::string_view kMfaRequired =
    "this needs a second factor: set up and confirm an authenticator app, then sign in with it";
inline constexpr std::string_view kEmailUnverified =
    "confirm your e-mail address with the link we sent before signing in";
inline constexpr std::string_view kTotpRequired = "enter the code from your authenticator app";
inline constexpr std::string_view kTotpInvalid =
    "the authenticator code is wrong or was already used; wait for the next code";
inline constexpr std::string_view kReauthenticationRequired =
    "confirm your password (and authenticator code) again to do this";
inline constexpr std::string_view kThrottled =
    "too many sign-in attempts for this account; wait a little and try again";
inline constexpr std::string_view kInvalidCredentials = "the e-mail or password is wrong";
inline constexpr std::string_view kInvalidToken =
    "this link or token is invalid, was already used or has expired";
inline constexpr std::string_view kLastOwner =
    "this is the organisation's last owner: make another member the owner first (transfer "
    "ownership), then leave or remove this member";

struct ProblemMessage {
  StatusCode code;
  std::string_view message;
  std::string_view problem;
};

inline constexpr std::array<ProblemMessage, 11> kProblemMessages = {{
    {StatusCode::kUnauthenticated, kUnauthenticated, "unauthenticated"},
    {StatusCode::kPermissionDenied, kForbidden, "forbidden"},
    {StatusCode::kPermissionDenied, kMfaRequired, "mfa_required"},
    {StatusCode::kPermissionDenied, kEmailUnverified, "email_unverified"},
    {StatusCode::kUnauthenticated, kTotpRequired, "totp_required"},
    {StatusCode::kUnauthenticated, kTotpInvalid, "totp_invalid"},
    {StatusCode::kPermissionDenied, kReauthenticationRequired, "reauthentication_required"},
    {StatusCode::kResourceExhausted, kThrottled, "throttled"},
    {StatusCode::kUnauthenticated, kInvalidCredentials, "invalid_credentials"},
    {StatusCode::kInvalidArgument, kInvalidToken, "invalid_token"},
    {StatusCode::kFailedPrecondition, kLastOwner, "last_owner"},
}};

}  // namespace tb::auth::internal
