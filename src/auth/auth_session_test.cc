// Sessions and second factors: AS-06 to AS-10 and the step-up of AS-12.
#include <gtest/gtest.h>

#include <unordered_set>

#include "auth/testing/service_fixture.h"
#include "crypto/random.h"
#include "crypto/totp.h"

namespace tb::auth {
namespace {

using testing::AuthServiceTest;

class SessionTest : public AuthServiceTest {
 protected:
  std::string CodeNow(const std::string& secret) {
    return crypto::TotpCode(crypto::Base32Decode(secret).value(), clock_.Now().seconds());
  }

  // Enrols TOTP for the session's user; returns the secret.
  std::string Enrol(const LoginResult& login) {
    Result<TotpSetup> setup = service_.BeginTotpSetup(login.actor);
    EXPECT_TRUE(setup.ok()) << setup.status().ToString();
    EXPECT_TRUE(
        service_.ConfirmTotp(login.actor, login.session_token, CodeNow(setup->secret)).ok());
    return setup->secret;
  }

  // An agency officer provisioned by the operator (needs MFA for its role).
  UserId Officer(const std::string& email) {
    const OrganisationId undp =
        service_.ProvisionOrganisation(OrganisationKind::kAgency, "UNDP", "").value();
    return service_.ProvisionUser(email, kPassword, "Officer", undp, Role::kAgencyOfficer).value();
  }
};

// AS-07: every login gets a new id; an id planted before it is worth nothing.
TEST_F(SessionTest, LoginIssuesAFreshSessionEveryTime) {
  VerifiedSupplier("s@example.org");
  const std::string planted = crypto::RandomToken(32);
  const LoginResult a = LoginOk("s@example.org");
  const LoginResult b = LoginOk("s@example.org");
  EXPECT_NE(a.session_token, b.session_token);
  EXPECT_NE(a.session_token, planted);
  EXPECT_EQ(service_.ResolveSession(planted).status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(a.csrf_token, b.csrf_token);
  EXPECT_EQ(a.csrf_token, CsrfTokenFor(a.session_token));
  EXPECT_NE(a.csrf_token, crypto::Sha256Hex(a.session_token)) << "not the stored hash";
  Result<ResolvedSession> resolved = service_.ResolveSession(a.session_token);
  ASSERT_TRUE(resolved.ok());
  EXPECT_EQ(resolved->csrf_token, a.csrf_token);
  EXPECT_EQ(resolved->actor.credential, Credential::kSession);
  EXPECT_EQ(resolved->user.email, "s@example.org");
  for (const SessionRecord& s : store_.AllSessions()) {
    EXPECT_NE(s.token_hash, a.session_token) << "only the hash is stored";
  }
}

// AS-08: 256-bit tokens from the CSPRNG; 100,000 of them, no duplicate.
TEST_F(SessionTest, SessionTokensAre32RandomBytesWithoutDuplicates) {
  VerifiedSupplier("t@example.org");
  const LoginResult login = LoginOk("t@example.org");
  EXPECT_EQ(login.session_token.size(), 43u) << "32 bytes as unpadded base64url";
  std::unordered_set<std::string> seen;
  seen.reserve(100'000);
  for (int i = 0; i < 100'000; ++i) seen.insert(crypto::RandomToken(32));
  EXPECT_EQ(seen.size(), 100'000u);
}

// AS-09: logout ends the session on the server; replaying the cookie fails.
TEST_F(SessionTest, LogoutInvalidatesTheSessionServerSide) {
  VerifiedSupplier("l@example.org");
  const LoginResult login = LoginOk("l@example.org");
  ASSERT_TRUE(service_.ResolveSession(login.session_token).ok());
  ASSERT_TRUE(service_.Logout(login.session_token).ok());
  EXPECT_EQ(service_.ResolveSession(login.session_token).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_TRUE(store_.AllSessions().empty());
  EXPECT_TRUE(service_.Logout(login.session_token).ok()) << "idempotent";
  EXPECT_EQ(log_.Count("logout", "success"), 1u);
}

// AS-10: 31 minutes idle ends a session.
TEST_F(SessionTest, IdleSessionExpiresAfterThirtyMinutes) {
  VerifiedSupplier("i@example.org");
  const LoginResult login = LoginOk("i@example.org");
  clock_.Advance(std::chrono::minutes(29));
  ASSERT_TRUE(service_.ResolveSession(login.session_token).ok()) << "touches last-seen";
  clock_.Advance(std::chrono::minutes(29));
  ASSERT_TRUE(service_.ResolveSession(login.session_token).ok()) << "58 min old, 29 idle";
  clock_.Advance(std::chrono::minutes(31));
  EXPECT_EQ(service_.ResolveSession(login.session_token).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_TRUE(store_.AllSessions().empty()) << "deleted, not just refused";
}

// AS-10: an active session still ends 12 hours after login.
TEST_F(SessionTest, ActiveSessionExpiresAfterTwelveHours) {
  VerifiedSupplier("a@example.org");
  const LoginResult login = LoginOk("a@example.org");
  for (int i = 0; i < 36; ++i) {  // every 20 minutes for 12 hours
    clock_.Advance(std::chrono::minutes(20));
    ASSERT_TRUE(service_.ResolveSession(login.session_token).ok())
        << "at " << (i + 1) * 20 << " min";
  }
  clock_.Advance(std::chrono::minutes(1));  // 12 h 1 min
  EXPECT_EQ(service_.ResolveSession(login.session_token).status().code(),
            StatusCode::kUnauthenticated);
}

TEST_F(SessionTest, PurgeRemovesExpiredSessions) {
  VerifiedSupplier("p@example.org");
  LoginOk("p@example.org");
  clock_.Advance(std::chrono::minutes(5));
  const LoginResult fresh = LoginOk("p@example.org");
  clock_.Advance(std::chrono::minutes(27));
  EXPECT_EQ(service_.PurgeExpired().value(), 1);
  EXPECT_TRUE(service_.ResolveSession(fresh.session_token).ok());
}

// AS-06: enrolment, then a login needs the code, and a code works once per window.
TEST_F(SessionTest, TotpIsRequiredOnceEnrolledAndACodeCannotBeReplayed) {
  VerifiedSupplier("m@example.org");
  const LoginResult first = LoginOk("m@example.org");
  EXPECT_FALSE(first.actor.mfa_enrolled);
  Result<TotpSetup> setup = service_.BeginTotpSetup(first.actor);
  ASSERT_TRUE(setup.ok());
  EXPECT_EQ(setup->secret.size(), 32u) << "160 bits in base32";
  EXPECT_TRUE(setup->otpauth_uri.starts_with("otpauth://totp/TenderBridge:m%40example.org?secret=" +
                                             setup->secret));
  EXPECT_EQ(AuthProblemCode(service_.ConfirmTotp(first.actor, first.session_token, "000000")),
            "totp_invalid");
  const std::string setup_code = CodeNow(setup->secret);
  ASSERT_TRUE(service_.ConfirmTotp(first.actor, first.session_token, setup_code).ok());
  EXPECT_TRUE(service_.ResolveSession(first.session_token)->actor.mfa_verified);

  EXPECT_EQ(AuthProblemCode(service_.Login({"m@example.org", std::string(kPassword), ""}).status()),
            "totp_required");
  EXPECT_EQ(AuthProblemCode(
                service_.Login({"m@example.org", std::string(kPassword), setup_code}).status()),
            "totp_invalid")
      << "the code used to confirm cannot log in within its window";
  clock_.Advance(std::chrono::seconds(30));
  const std::string code = CodeNow(setup->secret);
  const LoginResult second = LoginOk("m@example.org", code);
  EXPECT_TRUE(second.actor.mfa_verified);
  EXPECT_EQ(
      AuthProblemCode(service_.Login({"m@example.org", std::string(kPassword), code}).status()),
      "totp_invalid")
      << "replay of the same code in the same window";
  clock_.Advance(std::chrono::seconds(30));
  LoginOk("m@example.org", CodeNow(setup->secret));
}

// AS-06: an officer without a confirmed second factor is refused officer routes with
// mfa_required; after enrolling, the same session passes.
TEST_F(SessionTest, OfficerRoutesNeedAPassedSecondFactor) {
  Officer("officer@undp.org");
  const LoginResult login = LoginOk("officer@undp.org");
  const AccessRule officers = AccessRule::AnyOf({Role::kAgencyOfficer});
  EXPECT_EQ(AuthProblemCode(CheckRoute(login.actor, officers)), "mfa_required");
  Enrol(login);
  const Actor after = service_.ResolveSession(login.session_token)->actor;
  EXPECT_TRUE(CheckRoute(after, officers).ok());
}

TEST_F(SessionTest, ReplacingAnActiveFactorNeedsAPassedOne) {
  VerifiedSupplier("f@example.org");
  const LoginResult login = LoginOk("f@example.org");
  Enrol(login);
  Actor stale = login.actor;  // resolved before enrolment: enrolled now but not verified
  stale.mfa_enrolled = true;
  stale.mfa_verified = false;
  EXPECT_EQ(service_.BeginTotpSetup(stale).status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(service_.BeginTotpSetup(service_.ResolveSession(login.session_token)->actor).ok());
}

// AS-12: a role grant needs a recent password check; Reauthenticate renews it.
TEST_F(SessionTest, RoleGrantsNeedARecentStepUp) {
  const UserId owner = VerifiedSupplier("owner@example.org");
  const OrganisationId company = SupplierOrgOf(owner);
  const UserId colleague =
      service_.ProvisionUser("colleague@example.org", kPassword, "C", {}, {}).value();
  ASSERT_TRUE(store_.AddMembership(colleague, company, false, {}).ok());
  const LoginResult login = LoginOk("owner@example.org");
  clock_.Advance(std::chrono::minutes(16));
  Actor actor = service_.ResolveSession(login.session_token)->actor;
  EXPECT_EQ(AuthProblemCode(service_.SetRoles(actor, company, colleague, {Role::kSupplierUser})),
            "reauthentication_required");
  EXPECT_EQ(service_.Reauthenticate(actor, login.session_token, "wrong password!!", "").code(),
            StatusCode::kUnauthenticated);
  ASSERT_TRUE(service_.Reauthenticate(actor, login.session_token, kPassword, "").ok());
  actor = service_.ResolveSession(login.session_token)->actor;
  EXPECT_TRUE(service_.SetRoles(actor, company, colleague, {Role::kSupplierUser}).ok());
}

}  // namespace
}  // namespace tb::auth
