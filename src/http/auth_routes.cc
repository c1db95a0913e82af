// The account routes of docs/accounts.md: sign-up, e-mail verification, log-in and out, the
// session, password reset, TOTP, invitations, role grants, membership management and API
// tokens. The rules live in auth::AuthService; this file maps JSON and cookies to its calls
// and its Status to HTTP.
#include <charconv>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "auth/auth_service.h"
#include "auth/policy.h"
#include "http/cookies.h"
#include "http/json_body.h"
#include "http/problem.h"
#include "http/routes.h"

namespace tb::http {
namespace {

using nlohmann::json;

auth::AuthService& Auth(RouteContext& context) { return *context.deps.auth; }

auth::RequestMeta Meta(const Request& request) {
  return {request.request_id, std::string(RemoteAddress(request.remote))};
}

// The HTTP answer for a failed AuthService call: its stable problem code where it has one.
Response AuthProblem(const Status& status, const Request& request) {
  const std::string_view code = auth::AuthProblemCode(status);
  if (code.empty()) return ServiceProblem(status, request);
  int http_status = HttpStatusFor(status.code());
  if (code == "invalid_token") http_status = 400;
  if (code == "throttled") http_status = 429;
  Response response = ProblemResponse(status, request.path, http_status, code);
  if (http_status == 401) response.SetHeader("WWW-Authenticate", "Bearer realm=\"tenderbridge\"");
  return response;
}

// Public account routes on a server without accounts (ServerDeps::auth null).
Response NoAccounts(const Request& request) {
  return ProblemResponse(Status::Unavailable("accounts are not available on this server"),
                         request.path, 503);
}

Response NoContent() {
  Response response;
  response.status = 204;
  return response;
}

Response Accepted() {
  Response response = JsonResponse("{}", 202);
  return response;
}

std::string SessionToken(const Request& request) {
  return FindCookie(request, kSessionCookieName).value_or("");
}

Result<std::int64_t> ParseId(const std::string& text, const char* field) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) {
    return Status::NotFound(std::string("no such ") + field);
  }
  return value;
}

Result<std::vector<auth::Role>> ParseRoles(const json& names) {
  std::vector<auth::Role> roles;
  for (const json& name : names) {
    std::optional<auth::Role> role = auth::ParseRole(name.get<std::string>());
    if (!role) {
      return Status::InvalidArgument("unknown role \"" + name.get<std::string>() + "\"")
          .WithField("roles");
    }
    roles.push_back(*role);
  }
  return roles;
}

json RoleNames(const std::vector<auth::Role>& roles) {
  json names = json::array();
  for (auth::Role role : roles) names.push_back(auth::RoleName(role));
  return names;
}

json UserJson(const auth::User& user) {
  return {{"id", user.id.value},
          {"email", user.email},
          {"display_name", user.display_name},
          {"language", user.language},
          {"email_verified", user.email_verified},
          {"mfa_enrolled", user.mfa_enrolled},
          {"created_at", user.created_at.ToRfc3339()}};
}

// A body may be left out, or be an empty JSON object, on routes that take no fields.
std::optional<Response> ReadEmptyBody(const Request& request) {
  if (request.body.empty()) return std::nullopt;
  json ignored;
  return ReadJsonBody(request, {}, ignored);
}

constexpr BodyField kCompanyFields[] = {
    {"name", FieldType::kString, true},
    {"country", FieldType::kString, true},
};
constexpr BodyField kSignUpFields[] = {
    {"email", FieldType::kString, true},
    {"password", FieldType::kString, true},
    {"display_name", FieldType::kString, true},
    {"language", FieldType::kString},
    {"company", FieldType::kObject, true, kCompanyFields},
};
constexpr BodyField kTokenFields[] = {{"token", FieldType::kString, true}};
constexpr BodyField kLoginFields[] = {
    {"email", FieldType::kString, true},
    {"password", FieldType::kString, true},
    {"totp", FieldType::kString},
};
constexpr BodyField kEmailFields[] = {{"email", FieldType::kString, true}};
constexpr BodyField kResetConfirmFields[] = {
    {"token", FieldType::kString, true},
    {"password", FieldType::kString, true},
};
constexpr BodyField kCodeFields[] = {{"code", FieldType::kString, true}};
constexpr BodyField kReauthenticateFields[] = {
    {"password", FieldType::kString, true},
    {"totp", FieldType::kString},
};
constexpr BodyField kInvitationFields[] = {
    {"email", FieldType::kString, true},
    {"roles", FieldType::kStringArray, true},
};
constexpr BodyField kAcceptFields[] = {
    {"token", FieldType::kString, true},
    {"password", FieldType::kString},
    {"display_name", FieldType::kString},
    {"language", FieldType::kString},
};
constexpr BodyField kRolesFields[] = {{"roles", FieldType::kStringArray, true}};
constexpr BodyField kNewOwnerFields[] = {{"user_id", FieldType::kInteger, true}};
constexpr BodyField kNewTokenFields[] = {
    {"name", FieldType::kString, true},
    {"scopes", FieldType::kStringArray, true},
};

}  // namespace

Response SignUp(const Request& request, const PathParams&, const auth::Actor&,
                RouteContext& context) {
  if (context.deps.auth == nullptr) return NoAccounts(request);
  json body;
  if (auto problem = ReadJsonBody(request, kSignUpFields, body)) return *problem;
  auth::SignUpRequest sign_up;
  sign_up.email = body["email"];
  sign_up.password = body["password"];
  sign_up.display_name = body["display_name"];
  if (body.contains("language")) sign_up.language = body["language"];
  sign_up.company_name = body["company"]["name"];
  sign_up.company_country = body["company"]["country"];
  if (Status status = Auth(context).SignUp(sign_up, Meta(request)); !status.ok()) {
    return AuthProblem(status, request);
  }
  // The same answer whether or not the address had an account (no account oracle).
  return Accepted();
}

Response VerifyEmail(const Request& request, const PathParams&, const auth::Actor&,
                     RouteContext& context) {
  if (context.deps.auth == nullptr) return NoAccounts(request);
  json body;
  if (auto problem = ReadJsonBody(request, kTokenFields, body)) return *problem;
  const std::string token = body["token"];
  if (Status status = Auth(context).VerifyEmail(token, Meta(request)); !status.ok()) {
    return AuthProblem(status, request);
  }
  return NoContent();
}

Response LogIn(const Request& request, const PathParams&, const auth::Actor&,
               RouteContext& context) {
  if (context.deps.auth == nullptr) return NoAccounts(request);
  json body;
  if (auto problem = ReadJsonBody(request, kLoginFields, body)) return *problem;
  auth::LoginRequest login;
  login.email = body["email"];
  login.password = body["password"];
  if (body.contains("totp")) login.totp = body["totp"];
  // Per account as well as per address (the pipeline's): many addresses must not share
  // one account's budget (AS-03).
  Result<std::string> email = auth::NormaliseEmail(login.email);
  const std::string account = email.ok() ? *email : login.email;
  if (auto wait = context.rate_limiter.Take(RateClass::kLogin, RateScope::kAccount, account)) {
    Response response =
        ProblemResponse(Status::ResourceExhausted("too many sign-in attempts; retry in " +
                                                  std::to_string(wait->count()) + " s"),
                        request.path, 429, "rate_limited");
    response.SetHeader("Retry-After", std::to_string(wait->count()));
    return response;
  }
  Result<auth::LoginResult> result = Auth(context).Login(login, Meta(request));
  if (!result.ok()) {
    Response response = AuthProblem(result.status(), request);
    if (response.status == 429) {
      const auto wait = std::max(std::chrono::seconds(1), Auth(context).LoginRetryAfter(account));
      response.SetHeader("Retry-After", std::to_string(wait.count()));
    }
    return response;
  }
  Response response = JsonResponse(
      DumpJson({{"user", UserJson(result->user)}, {"csrf_token", result->csrf_token}}));
  response.SetHeader("Set-Cookie", SessionSetCookie(result->session_token));
  return response;
}

Response LogOut(const Request& request, const PathParams&, const auth::Actor&,
                RouteContext& context) {
  if (auto problem = ReadEmptyBody(request)) return *problem;
  const std::string token = SessionToken(request);
  if (!token.empty()) {
    if (Status status = Auth(context).Logout(token, Meta(request)); !status.ok()) {
      return AuthProblem(status, request);
    }
  }
  Response response = NoContent();
  response.SetHeader("Set-Cookie", ClearedSessionSetCookie());
  return response;
}

Response GetSession(const Request& request, const PathParams&, const auth::Actor& actor,
                    RouteContext& context) {
  json body = {{"user", nullptr},
               {"memberships", json::array()},
               {"mfa", {{"enrolled", false}, {"verified", false}}},
               {"csrf_token", nullptr}};
  if (actor.authenticated() && context.deps.auth != nullptr) {
    Result<auth::User> user = Auth(context).GetUser(actor.user);
    if (!user.ok()) return ServiceProblem(user.status(), request);
    Result<std::vector<auth::MembershipView>> memberships = Auth(context).MembershipsOf(actor);
    if (!memberships.ok()) return ServiceProblem(memberships.status(), request);
    body["user"] = UserJson(*user);
    for (const auth::MembershipView& view : *memberships) {
      body["memberships"].push_back({{"organisation_id", view.membership.organisation.value},
                                     {"organisation_name", view.organisation_name},
                                     {"kind", auth::OrganisationKindName(view.membership.kind)},
                                     {"owner", view.membership.owner},
                                     {"roles", RoleNames(view.membership.roles)}});
    }
    body["mfa"] = {{"enrolled", actor.mfa_enrolled}, {"verified", actor.mfa_verified}};
    if (actor.credential == auth::Credential::kSession) {
      body["csrf_token"] = auth::CsrfTokenFor(SessionToken(request));
    }
  }
  return JsonResponse(DumpJson(body));
}

Response RequestPasswordReset(const Request& request, const PathParams&, const auth::Actor&,
                              RouteContext& context) {
  if (context.deps.auth == nullptr) return NoAccounts(request);
  json body;
  if (auto problem = ReadJsonBody(request, kEmailFields, body)) return *problem;
  const std::string email = body["email"];
  Result<std::string> normalised = auth::NormaliseEmail(email);
  if (auto wait = context.rate_limiter.Take(RateClass::kPasswordReset, RateScope::kAccount,
                                            normalised.ok() ? *normalised : email)) {
    Response response = ProblemResponse(Status::ResourceExhausted("too many reset requests"),
                                        request.path, 429, "rate_limited");
    response.SetHeader("Retry-After", std::to_string(wait->count()));
    return response;
  }
  if (Status status = Auth(context).RequestPasswordReset(email, Meta(request)); !status.ok()) {
    return AuthProblem(status, request);
  }
  return Accepted();
}

Response ConfirmPasswordReset(const Request& request, const PathParams&, const auth::Actor&,
                              RouteContext& context) {
  if (context.deps.auth == nullptr) return NoAccounts(request);
  json body;
  if (auto problem = ReadJsonBody(request, kResetConfirmFields, body)) return *problem;
  const std::string token = body["token"], password = body["password"];
  if (Status status = Auth(context).ConfirmPasswordReset(token, password, Meta(request));
      !status.ok()) {
    return AuthProblem(status, request);
  }
  return NoContent();
}

Response BeginTotpSetup(const Request& request, const PathParams&, const auth::Actor& actor,
                        RouteContext& context) {
  if (auto problem = ReadEmptyBody(request)) return *problem;
  Result<auth::TotpSetup> setup = Auth(context).BeginTotpSetup(actor, Meta(request));
  if (!setup.ok()) return AuthProblem(setup.status(), request);
  return JsonResponse(DumpJson({{"secret", setup->secret}, {"otpauth_uri", setup->otpauth_uri}}));
}

Response ConfirmTotp(const Request& request, const PathParams&, const auth::Actor& actor,
                     RouteContext& context) {
  json body;
  if (auto problem = ReadJsonBody(request, kCodeFields, body)) return *problem;
  const std::string code = body["code"];
  if (Status status = Auth(context).ConfirmTotp(actor, SessionToken(request), code, Meta(request));
      !status.ok()) {
    return AuthProblem(status, request);
  }
  return NoContent();
}

Response Reauthenticate(const Request& request, const PathParams&, const auth::Actor& actor,
                        RouteContext& context) {
  json body;
  if (auto problem = ReadJsonBody(request, kReauthenticateFields, body)) return *problem;
  const std::string password = body["password"];
  const std::string totp = body.value("totp", "");
  if (Status status =
          Auth(context).Reauthenticate(actor, SessionToken(request), password, totp, Meta(request));
      !status.ok()) {
    return AuthProblem(status, request);
  }
  return NoContent();
}

Response InviteMember(const Request& request, const PathParams& path_params,
                      const auth::Actor& actor, RouteContext& context) {
  Result<std::int64_t> organisation = ParseId(path_params.at(0), "organisation");
  if (!organisation.ok()) return ServiceProblem(organisation.status(), request);
  json body;
  if (auto problem = ReadJsonBody(request, kInvitationFields, body)) return *problem;
  Result<std::vector<auth::Role>> roles = ParseRoles(body["roles"]);
  if (!roles.ok()) return ServiceProblem(roles.status(), request);
  const std::string email = body["email"];
  Result<std::int64_t> id =
      Auth(context).Invite(actor, OrganisationId{*organisation}, email, *roles, Meta(request));
  if (!id.ok()) return AuthProblem(id.status(), request);
  return JsonResponse(DumpJson({{"id", *id}}), 201);
}

Response AcceptInvitation(const Request& request, const PathParams&, const auth::Actor&,
                          RouteContext& context) {
  if (context.deps.auth == nullptr) return NoAccounts(request);
  json body;
  if (auto problem = ReadJsonBody(request, kAcceptFields, body)) return *problem;
  auth::InvitationAcceptance acceptance;
  acceptance.token = body["token"];
  acceptance.password = body.value("password", "");
  acceptance.display_name = body.value("display_name", "");
  acceptance.language = body.value("language", "en");
  if (Status status = Auth(context).AcceptInvitation(acceptance, Meta(request)); !status.ok()) {
    return AuthProblem(status, request);
  }
  return NoContent();
}

Response SetMemberRoles(const Request& request, const PathParams& path_params,
                        const auth::Actor& actor, RouteContext& context) {
  Result<std::int64_t> organisation = ParseId(path_params.at(0), "organisation");
  if (!organisation.ok()) return ServiceProblem(organisation.status(), request);
  Result<std::int64_t> user = ParseId(path_params.at(1), "member");
  if (!user.ok()) return ServiceProblem(user.status(), request);
  json body;
  if (auto problem = ReadJsonBody(request, kRolesFields, body)) return *problem;
  Result<std::vector<auth::Role>> roles = ParseRoles(body["roles"]);
  if (!roles.ok()) return ServiceProblem(roles.status(), request);
  if (Status status = Auth(context).SetRoles(actor, OrganisationId{*organisation}, UserId{*user},
                                             *roles, Meta(request));
      !status.ok()) {
    return AuthProblem(status, request);
  }
  return JsonResponse(DumpJson({{"roles", RoleNames(*roles)}}));
}

Response ListMembers(const Request& request, const PathParams& path_params,
                     const auth::Actor& actor, RouteContext& context) {
  Result<std::int64_t> organisation = ParseId(path_params.at(0), "organisation");
  if (!organisation.ok()) return ServiceProblem(organisation.status(), request);
  Result<auth::OrganisationMembers> listing =
      Auth(context).ListMembers(actor, OrganisationId{*organisation}, Meta(request));
  if (!listing.ok()) return AuthProblem(listing.status(), request);
  json members = json::array();
  for (const auth::OrganisationMember& member : listing->members) {
    members.push_back({{"user_id", member.user.id.value},
                       {"display_name", member.user.display_name},
                       {"email", member.user.email},
                       {"owner", member.owner},
                       {"roles", RoleNames(member.roles)},
                       {"mfa_enrolled", member.user.mfa_enrolled},
                       {"email_verified", member.user.email_verified},
                       {"created_at", member.user.created_at.ToRfc3339()}});
  }
  json invitations = json::array();
  for (const auth::PendingInvitation& invitation : listing->invitations) {
    invitations.push_back({{"id", invitation.id},
                           {"email", invitation.email},
                           {"roles", RoleNames(invitation.roles)},
                           {"invited_by", invitation.invited_by.value},
                           {"created_at", invitation.created_at.ToRfc3339()},
                           {"expires_at", invitation.expires_at.ToRfc3339()}});
  }
  const auth::OrganisationRecord& org = listing->organisation;
  return JsonResponse(DumpJson({{"organisation",
                                 {{"id", org.id.value},
                                  {"name", org.name},
                                  {"kind", auth::OrganisationKindName(org.kind)},
                                  {"country", org.country}}},
                                {"members", std::move(members)},
                                {"invitations", std::move(invitations)}}));
}

Response RevokeInvitation(const Request& request, const PathParams& path_params,
                          const auth::Actor& actor, RouteContext& context) {
  Result<std::int64_t> organisation = ParseId(path_params.at(0), "organisation");
  if (!organisation.ok()) return ServiceProblem(organisation.status(), request);
  Result<std::int64_t> invitation = ParseId(path_params.at(1), "invitation");
  if (!invitation.ok()) return ServiceProblem(invitation.status(), request);
  if (Status status = Auth(context).RevokeInvitation(actor, OrganisationId{*organisation},
                                                     *invitation, Meta(request));
      !status.ok()) {
    return AuthProblem(status, request);
  }
  return NoContent();
}

Response RemoveMember(const Request& request, const PathParams& path_params,
                      const auth::Actor& actor, RouteContext& context) {
  Result<std::int64_t> organisation = ParseId(path_params.at(0), "organisation");
  if (!organisation.ok()) return ServiceProblem(organisation.status(), request);
  Result<std::int64_t> user = ParseId(path_params.at(1), "member");
  if (!user.ok()) return ServiceProblem(user.status(), request);
  if (Status status = Auth(context).RemoveMember(actor, OrganisationId{*organisation},
                                                 UserId{*user}, Meta(request));
      !status.ok()) {
    return AuthProblem(status, request);
  }
  return NoContent();
}

Response TransferOwnership(const Request& request, const PathParams& path_params,
                           const auth::Actor& actor, RouteContext& context) {
  Result<std::int64_t> organisation = ParseId(path_params.at(0), "organisation");
  if (!organisation.ok()) return ServiceProblem(organisation.status(), request);
  json body;
  if (auto problem = ReadJsonBody(request, kNewOwnerFields, body)) return *problem;
  const std::int64_t new_owner = body["user_id"].get<std::int64_t>();
  if (Status status = Auth(context).TransferOwnership(actor, OrganisationId{*organisation},
                                                      UserId{new_owner}, Meta(request));
      !status.ok()) {
    return AuthProblem(status, request);
  }
  return JsonResponse(DumpJson({{"owner", new_owner}}));
}

Response ListApiTokens(const Request& request, const PathParams&, const auth::Actor& actor,
                       RouteContext& context) {
  Result<std::vector<auth::ApiTokenInfo>> tokens = Auth(context).ListApiTokens(actor);
  if (!tokens.ok()) return AuthProblem(tokens.status(), request);
  json items = json::array();
  for (const auth::ApiTokenInfo& token : *tokens) {
    items.push_back(
        {{"id", token.id},
         {"name", token.name},
         {"prefix", token.prefix},
         {"scopes", token.scopes},
         {"created_at", token.created_at.ToRfc3339()},
         {"last_used_at",
          token.last_used_at ? json(token.last_used_at->ToRfc3339()) : json(nullptr)},
         {"revoked_at", token.revoked_at ? json(token.revoked_at->ToRfc3339()) : json(nullptr)}});
  }
  return JsonResponse(DumpJson({{"items", std::move(items)}}));
}

Response CreateApiToken(const Request& request, const PathParams&, const auth::Actor& actor,
                        RouteContext& context) {
  json body;
  if (auto problem = ReadJsonBody(request, kNewTokenFields, body)) return *problem;
  const std::string name = body["name"];
  const std::vector<std::string> scopes = body["scopes"];
  Result<auth::NewApiToken> token =
      Auth(context).CreateApiToken(actor, name, scopes, Meta(request));
  if (!token.ok()) return AuthProblem(token.status(), request);
  return JsonResponse(DumpJson({{"id", token->id}, {"token", token->token}}), 201);
}

Response RevokeApiToken(const Request& request, const PathParams& path_params,
                        const auth::Actor& actor, RouteContext& context) {
  Result<std::int64_t> id = ParseId(path_params.at(0), "token");
  if (!id.ok()) return ServiceProblem(id.status(), request);
  if (Status status = Auth(context).RevokeApiToken(actor, *id, Meta(request)); !status.ok()) {
    return AuthProblem(status, request);
  }
  return NoContent();
}

}  // namespace tb::http
