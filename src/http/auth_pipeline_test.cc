// The security baseline of the request pipeline (issue #4): the route inventory with its
// access rules (AS-13, AS-15), fail-closed checks (AS-17), sessions and cookies (AS-07,
// AS-09, AS-11), CSRF (AS-18), strict bodies (AS-20, AS-21), rate limits (AS-30), security
// events (AS-34) and no-store (AS-36). Requests go through Api::Handle with the real
// AuthService over an in-memory store.
#include <gtest/gtest.h>

#include <deque>
#include <map>
#include <set>

#include "auth/policy.h"
#include "crypto/totp.h"
#include "http/cookies.h"
#include "http/testing/api_fixture.h"

namespace tb::http {
namespace {

using auth::Role;
using nlohmann::json;

constexpr const char* kOrigin = "http://tb.test";
constexpr const char* kPassword = "correct horse battery staple";

struct Session {
  std::string cookie;  // the __Host-tb_session value
  std::string csrf;
};

class AuthPipelineTest : public testing::ApiTest {
 protected:
  void SetUp() override {
    options.public_origins = {kOrigin};
    options.rate_limits = RateLimitOptions::Unlimited();
  }

  // A verified user holding `role` in a new organisation of `kind` (no role: no membership).
  UserId Provision(const std::string& email, std::optional<Role> role,
                   auth::OrganisationKind kind = auth::OrganisationKind::kSupplier) {
    OrganisationId organisation;
    if (role) {
      Result<OrganisationId> created = auth.ProvisionOrganisation(kind, "Org of " + email, "KE");
      EXPECT_TRUE(created.ok()) << created.status().message();
      organisation = *created;
    }
    Result<UserId> user = auth.ProvisionUser(email, kPassword, "Name", organisation, role);
    EXPECT_TRUE(user.ok()) << user.status().message();
    return user.ok() ? *user : UserId{};
  }

  Response LogInResponse(const std::string& email, const std::string& password = kPassword,
                         HeaderList extra = {}) {
    body_ = json({{"email", email}, {"password", password}}).dump();
    HeaderList headers = {{"content-type", "application/json"}, {"origin", kOrigin}};
    headers.insert(headers.end(), extra.begin(), extra.end());
    return Call("POST", "/api/v1/auth/login", "", std::move(headers), body_);
  }

  Session LogIn(const std::string& email) {
    Response r = LogInResponse(email);
    EXPECT_EQ(r.status, 200) << r.body;
    Session session;
    if (const std::string* set_cookie = r.Header("Set-Cookie")) {
      const std::string prefix = std::string(kSessionCookieName) + "=";
      session.cookie = set_cookie->substr(prefix.size(), set_cookie->find(';') - prefix.size());
    }
    session.csrf = Json(r).value("csrf_token", "");
    return session;
  }

  // A request as the web UI sends it: cookie, Origin, X-CSRF-Token, JSON body.
  Response As(const Session& session, std::string method, std::string path, std::string body = "",
              HeaderList headers = {}) {
    headers.emplace_back("cookie", std::string(kSessionCookieName) + "=" + session.cookie);
    bool has_origin = false, has_csrf = false;
    for (const auto& [name, value] : headers) {
      has_origin = has_origin || name == "origin" || name == "sec-fetch-site";
      has_csrf = has_csrf || name == "x-csrf-token";
    }
    if (!has_origin) headers.emplace_back("origin", kOrigin);
    if (!has_csrf) headers.emplace_back("x-csrf-token", session.csrf);
    if (!body.empty()) headers.emplace_back("content-type", "application/json");
    bodies_.push_back(std::move(body));
    return Call(std::move(method), std::move(path), "", std::move(headers), bodies_.back());
  }

  static std::string Code(const Response& r) { return Json(r).value("code", ""); }

  // "/api/v1/organisations/{id}/members/{user}/roles" -> ".../1/members/1/roles"
  static std::string Concrete(std::string_view path) {
    std::string out;
    for (std::size_t i = 0; i < path.size(); ++i) {
      if (path[i] == '{') {
        out += '1';
        i = path.find('}', i);
      } else {
        out += path[i];
      }
    }
    return out;
  }

 private:
  std::string body_;
  std::deque<std::string> bodies_;
};

const Role kAllRoles[] = {Role::kSupplierUser, Role::kAgencyOfficer, Role::kCommitteeMember,
                          Role::kEvaluator,    Role::kCentreStaff,   Role::kAdministrator};

auth::OrganisationKind KindFor(Role role) {
  switch (role) {
    case Role::kSupplierUser:
      return auth::OrganisationKind::kSupplier;
    case Role::kCentreStaff:
    case Role::kAdministrator:
      return auth::OrganisationKind::kCentre;
    default:
      return auth::OrganisationKind::kAgency;
  }
}

// AS-13: the route inventory. Every route is listed with its rule; every non-public route
// refuses a request without an actor with 401 "unauthenticated".
TEST_F(AuthPipelineTest, RouteInventoryEveryNonPublicRouteRefusesTheAnonymous) {
  int checked = 0;
  for (const Route& route : Routes()) {
    if (route.access.access() == auth::Access::kPublic) continue;
    SCOPED_TRACE(std::string(route.method) + " " + std::string(route.path));
    Response r = Call(std::string(route.method), Concrete(route.path), "",
                      {{"content-type", "application/json"}, {"origin", kOrigin}}, "{}");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(Code(r), "unauthenticated");
    EXPECT_NE(r.Header("WWW-Authenticate"), nullptr);
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

// AS-15: every route restricted to roles refuses a signed-in holder of another role with
// 403 "forbidden", before its handler runs.
TEST_F(AuthPipelineTest, RouteInventoryEveryRoleRouteRefusesOtherRoles) {
  std::map<Role, Session> sessions;
  for (Role role : kAllRoles) {
    const std::string email = std::string(auth::RoleName(role)) + "@example.org";
    Provision(email, role, KindFor(role));
    sessions[role] = LogIn(email);
  }
  int checked = 0;
  for (const Route& route : Routes()) {
    if (route.access.access() != auth::Access::kRoles) continue;
    for (Role role : kAllRoles) {
      const auto& allowed = route.access.roles();
      if (std::find(allowed.begin(), allowed.end(), role) != allowed.end()) continue;
      SCOPED_TRACE(std::string(route.method) + " " + std::string(route.path) + " as " +
                   std::string(auth::RoleName(role)));
      const std::size_t notices_before = notices.Count().value();
      Response r = As(sessions[role], std::string(route.method), Concrete(route.path), "{}");
      EXPECT_EQ(r.status, 403);
      EXPECT_EQ(Code(r), "forbidden");
      EXPECT_EQ(notices.Count().value(), static_cast<std::int64_t>(notices_before));
      ++checked;
    }
  }
  EXPECT_GT(checked, 0);
}

TEST_F(AuthPipelineTest, AnMfaRoleWithoutASecondFactorIsMfaRequiredThenAllowedAfterTotp) {
  Provision("staff@example.org", Role::kCentreStaff, auth::OrganisationKind::kCentre);
  Session session = LogIn("staff@example.org");
  Response refused = As(session, "POST", "/api/v1/admin/imports/ungm", "x");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(Code(refused), "mfa_required");

  Response setup = As(session, "POST", "/api/v1/auth/totp/setup");
  ASSERT_EQ(setup.status, 200) << setup.body;
  Result<std::vector<std::uint8_t>> key =
      crypto::Base32Decode(Json(setup)["secret"].get<std::string>());
  ASSERT_TRUE(key.ok());
  const std::string code = crypto::TotpCode(*key, clock.Now().micros() / 1'000'000);
  Response confirmed =
      As(session, "POST", "/api/v1/auth/totp/confirm", json({{"code", code}}).dump());
  ASSERT_EQ(confirmed.status, 204) << confirmed.body;

  Response allowed =
      As(session, "POST", "/api/v1/admin/imports/ungm", "", {{"content-type", "text/csv"}});
  EXPECT_NE(allowed.status, 401);
  EXPECT_NE(allowed.status, 403) << allowed.body;
}

// AS-17: a policy check that throws denies, and the handler does not run.
TEST_F(AuthPipelineTest, AnExceptionInsideThePolicyCheckDenies) {
  Provision("a@example.org", Role::kSupplierUser);
  Session session = LogIn("a@example.org");
  auth::testing::SetPolicyFaultHook([] { throw std::runtime_error("policy fault"); });
  Response r = As(session, "GET", "/api/v1/auth/tokens");
  auth::testing::SetPolicyFaultHook(nullptr);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(As(session, "GET", "/api/v1/auth/tokens").status, 200) << "the hook is gone";
}

TEST_F(AuthPipelineTest, WithoutAccountsEveryNonPublicRouteIs503) {
  accounts_enabled = false;
  for (const Route& route : Routes()) {
    if (route.access.access() == auth::Access::kPublic || route.admin_token) continue;
    SCOPED_TRACE(route.path);
    EXPECT_EQ(Call(std::string(route.method), Concrete(route.path)).status, 503);
  }
  EXPECT_EQ(Call("POST", "/api/v1/auth/login", "", {{"content-type", "application/json"}},
                 R"({"email":"a@b.org","password":"x"})")
                .status,
            503);
}

// AS-07, AS-09, AS-11.
TEST_F(AuthPipelineTest, LogInSetsASecureCookieWithANewIdAndLogOutEndsItServerSide) {
  Provision("a@example.org", Role::kSupplierUser);
  Response first = LogInResponse("a@example.org");
  ASSERT_EQ(first.status, 200) << first.body;
  const std::string* set_cookie = first.Header("Set-Cookie");
  ASSERT_NE(set_cookie, nullptr);
  for (const char* attribute : {"; Path=/", "; Secure", "; HttpOnly", "; SameSite=Lax"}) {
    EXPECT_NE(set_cookie->find(attribute), std::string::npos) << attribute;
  }
  EXPECT_TRUE(set_cookie->starts_with("__Host-tb_session="));
  EXPECT_EQ(Json(first)["user"]["email"], "a@example.org");

  Session one = LogIn("a@example.org");
  Session two = LogIn("a@example.org");
  EXPECT_NE(one.cookie, two.cookie) << "a new session id at every log-in (AS-07)";
  EXPECT_NE(one.csrf, two.csrf);

  EXPECT_EQ(As(two, "GET", "/api/v1/auth/tokens").status, 200);
  Response out = As(two, "POST", "/api/v1/auth/logout");
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.Header("Set-Cookie")->find("Max-Age=0"), std::string::npos);
  Response replay = As(two, "GET", "/api/v1/auth/tokens");
  EXPECT_EQ(replay.status, 401) << "the cookie must be dead after logout (AS-09)";
  EXPECT_EQ(As(one, "GET", "/api/v1/auth/tokens").status, 200) << "other sessions live on";
}

TEST_F(AuthPipelineTest, SessionSaysWhoIsSignedInAndGivesTheCsrfToken) {
  Response anonymous = Get("/api/v1/auth/session");
  ASSERT_EQ(anonymous.status, 200);
  EXPECT_TRUE(Json(anonymous)["user"].is_null());
  EXPECT_TRUE(Json(anonymous)["csrf_token"].is_null());

  Provision("a@example.org", Role::kSupplierUser);
  Session session = LogIn("a@example.org");
  Response r = As(session, "GET", "/api/v1/auth/session");
  ASSERT_EQ(r.status, 200);
  const json body = Json(r);
  EXPECT_EQ(body["user"]["email"], "a@example.org");
  EXPECT_EQ(body["csrf_token"], session.csrf);
  ASSERT_EQ(body["memberships"].size(), 1u);
  EXPECT_EQ(body["memberships"][0]["roles"][0], "supplier_user");
  EXPECT_EQ(body["mfa"]["enrolled"], false);
}

// AS-36: whatever the handler chose, an answer to a signed-in actor is not cacheable.
TEST_F(AuthPipelineTest, AuthenticatedResponsesAreNoStore) {
  Provision("a@example.org", Role::kSupplierUser);
  Session session = LogIn("a@example.org");
  for (const char* path : {"/api/v1/auth/session", "/api/v1/auth/tokens", "/api/v1/openapi.json"}) {
    SCOPED_TRACE(path);
    Response r = As(session, "GET", path);
    ASSERT_NE(r.Header("Cache-Control"), nullptr);
    EXPECT_EQ(*r.Header("Cache-Control"), "no-store");
  }
  EXPECT_NE(*Get("/api/v1/openapi.json").Header("Cache-Control"), "no-store")
      << "public answers keep their caching";
}

// AS-18: a cookie-authenticated write needs the session's token and a same-origin proof.
TEST_F(AuthPipelineTest, CsrfRefusesForeignOriginsMissingAndStaleTokens) {
  Provision("a@example.org", Role::kSupplierUser);
  Session stale = LogIn("a@example.org");
  Session session = LogIn("a@example.org");
  const std::string path = "/api/v1/auth/totp/setup";
  struct Case {
    const char* name;
    HeaderList headers;
  };
  const Case refused[] = {
      {"foreign Origin", {{"origin", "http://evil.example"}}},
      {"Origin null", {{"origin", "null"}}},
      {"other port", {{"origin", "http://tb.test:8081"}}},
      {"no token", {{"x-csrf-token", ""}}},
      {"stale token", {{"x-csrf-token", stale.csrf}}},
      {"another session's token", {{"x-csrf-token", stale.csrf + "x"}}},
      {"cross-site fetch without Origin", {{"sec-fetch-site", "cross-site"}}},
  };
  for (const Case& c : refused) {
    SCOPED_TRACE(c.name);
    Response r = As(session, "POST", path, "", c.headers);
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(Code(r), "csrf");
  }
  // Neither Origin nor Sec-Fetch-Site: no proof of origin, even with the right token.
  Response no_proof = Call("POST", path, "",
                           {{"cookie", std::string(kSessionCookieName) + "=" + session.cookie},
                            {"x-csrf-token", session.csrf}});
  EXPECT_EQ(no_proof.status, 403);
  EXPECT_EQ(security_log.Count("csrf", "denied"), std::size(refused) + 1);

  // 0 refusals of correct same-origin requests.
  int refusals = 0;
  for (int i = 0; i < 50; ++i) {
    if (As(session, "POST", path).status != 200) ++refusals;
    if (As(session, "POST", path, "", {{"sec-fetch-site", "same-origin"}}).status != 200) {
      ++refusals;
    }
  }
  EXPECT_EQ(refusals, 0);
}

TEST_F(AuthPipelineTest, PublicWritesRefuseForeignOriginsAndBearerRequestsSkipCsrf) {
  Response foreign = Call("POST", "/api/v1/auth/login", "",
                          {{"content-type", "application/json"}, {"origin", "http://evil.example"}},
                          R"({"email":"a@example.org","password":"x"})");
  EXPECT_EQ(foreign.status, 403);
  EXPECT_EQ(Code(foreign), "csrf");

  Response bearer = Call("POST", "/api/v1/auth/password-reset", "",
                         {{"content-type", "application/json"},
                          {"origin", "http://evil.example"},
                          {"authorization", "Bearer tbk_not_a_token"}},
                         R"({"email":"a@example.org"})");
  EXPECT_EQ(bearer.status, 401) << "a bad token is refused as such, not as CSRF";
  EXPECT_EQ(Code(bearer), "invalid_token");
}

// AS-20: server-owned fields injected into a write are refused by name and change nothing.
TEST_F(AuthPipelineTest, SignUpRefusesInjectedFieldsAndCreatesNothing) {
  for (const char* injected :
       {R"("role":"administrator")", R"("status":"verified")", R"("organisation_id":1)"}) {
    SCOPED_TRACE(injected);
    const std::string body =
        std::string(R"({"email":"new@example.org","password":"a long enough password",)") +
        R"("display_name":"N","company":{"name":"Acme","country":"KE"},)" + injected + "}";
    Response r =
        Call("POST", "/api/v1/auth/signup", "", {{"content-type", "application/json"}}, body);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(Code(r), "unknown_field");
  }
  EXPECT_FALSE(auth_store.FindUserByEmail("new@example.org").value().has_value());
  EXPECT_TRUE(mailer.messages().empty());
  EXPECT_EQ(security_log.Count("validation", "failure"), 3u);
}

// AS-21.
TEST_F(AuthPipelineTest, JsonRoutesRefuseOtherContentTypesWith415) {
  for (const char* type : {"text/plain", "multipart/form-data; boundary=x", ""}) {
    SCOPED_TRACE(type);
    HeaderList headers;
    if (*type) headers.emplace_back("content-type", type);
    Response r = Call("POST", "/api/v1/auth/login", "", headers,
                      R"({"email":"a@example.org","password":"x"})");
    EXPECT_EQ(r.status, 415);
  }
}

// AS-30 through the pipeline: a burst from one address to 3x the login limit.
TEST_F(AuthPipelineTest, LoginBurstGets429WithRetryAfter) {
  options.rate_limits = RateLimitOptions::Unlimited();
  ASSERT_TRUE(ApplyRateLimitSpec("login:ip=10/60", options.rate_limits).ok());
  int limited = 0, other = 0;
  for (int i = 0; i < 30; ++i) {
    Response r = LogInResponse("user" + std::to_string(i) + "@example.org", "wrong password!");
    if (r.status == 429) {
      ++limited;
      ASSERT_NE(r.Header("Retry-After"), nullptr);
      EXPECT_GE(std::stoi(*r.Header("Retry-After")), 1);
    } else {
      ++other;
      EXPECT_EQ(r.status, 401);
    }
  }
  EXPECT_EQ(other, 10);
  EXPECT_EQ(limited, 20);
  // At 80 % of the rate, nothing is refused.
  clock.Advance(std::chrono::minutes(2));
  for (int i = 0; i < 40; ++i) {
    EXPECT_NE(
        LogInResponse("steady" + std::to_string(i) + "@example.org", "wrong password!").status,
        429);
    clock.Advance(std::chrono::milliseconds(7500));
  }
}

TEST_F(AuthPipelineTest, LoginIsAlsoLimitedPerAccountAcrossAddresses) {
  options.rate_limits = RateLimitOptions::Unlimited();
  ASSERT_TRUE(ApplyRateLimitSpec("login:account=3/60", options.rate_limits).ok());
  int limited = 0;
  for (int i = 0; i < 6; ++i) {
    Request request;
    request.method = "POST";
    request.path = "/api/v1/auth/login";
    request.headers = {{"content-type", "application/json"}};
    const std::string body = R"({"email":"Victim@Example.org","password":"wrong password!"})";
    request.body = body;
    request.remote = "10.0.0." + std::to_string(i) + ":1";
    if (api().Handle(request).status == 429) ++limited;
  }
  EXPECT_EQ(limited, 3);
}

// AS-34: one structured event per refusal.
TEST_F(AuthPipelineTest, AccessDenialsAreSecurityEvents) {
  Provision("a@example.org", Role::kSupplierUser);
  Session session = LogIn("a@example.org");
  const std::size_t before = security_log.Count("access_denied");
  EXPECT_EQ(Call("GET", "/api/v1/auth/tokens").status, 401);
  EXPECT_EQ(As(session, "POST", "/api/v1/admin/imports/ungm", "x").status, 403);
  EXPECT_EQ(security_log.Count("access_denied"), before + 2);
}

}  // namespace
}  // namespace tb::http
