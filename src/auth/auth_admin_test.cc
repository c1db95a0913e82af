// Organisations, invitations, role grants and API tokens.
#include <gtest/gtest.h>

#include "auth/testing/service_fixture.h"
#include "crypto/random.h"
#include "crypto/totp.h"

namespace tb::auth {
namespace {

using testing::AuthServiceTest;

class AdminTest : public AuthServiceTest {
 protected:
  // A signed-in administrator of the centre with a passed second factor.
  Actor Administrator() {
    const OrganisationId centre =
        service_.ProvisionOrganisation(OrganisationKind::kCentre, "Service Centre", "").value();
    EXPECT_TRUE(
        service_.ProvisionUser("admin@centre.org", kPassword, "Admin", centre, Role::kAdministrator)
            .ok());
    LoginResult login = LoginOk("admin@centre.org");
    TotpSetup setup = service_.BeginTotpSetup(login.actor).value();
    const auto key = crypto::Base32Decode(setup.secret).value();
    EXPECT_TRUE(service_
                    .ConfirmTotp(login.actor, login.session_token,
                                 crypto::TotpCode(key, clock_.Now().seconds()))
                    .ok());
    return service_.ResolveSession(login.session_token)->actor;
  }

  Actor SignedIn(const std::string& email, std::string password = std::string(kPassword)) {
    return service_.ResolveSession(LoginOk(email, "", std::move(password)).session_token)->actor;
  }
};

TEST_F(AdminTest, OwnerInvitesANewUserWhoAcceptsWithAPassword) {
  const UserId owner = VerifiedSupplier("owner@njeri.co.ke");
  const OrganisationId company = SupplierOrgOf(owner);
  const Actor actor = SignedIn("owner@njeri.co.ke");
  Result<std::int64_t> invited =
      service_.Invite(actor, company, "Clerk@Njeri.co.ke", {Role::kSupplierUser});
  ASSERT_TRUE(invited.ok()) << invited.status().ToString();
  const std::string token = mailer_.LastTokenFor("clerk@njeri.co.ke");
  ASSERT_FALSE(token.empty());
  EXPECT_NE(mailer_.messages().back().subject.find("Njeri Solar Ltd"), std::string::npos);
  EXPECT_EQ(log_.Count("invite", "success"), 1u);

  InvitationAcceptance accept{token, "short", "Clerk", "sw"};
  EXPECT_EQ(service_.AcceptInvitation(accept).field(), "language");
  accept.language = "fr";
  EXPECT_EQ(service_.AcceptInvitation(accept).field(), "password");
  accept.password = "a fine long passphrase";
  ASSERT_TRUE(service_.AcceptInvitation(accept).ok()) << "refusals did not use the link up";
  EXPECT_EQ(AuthProblemCode(service_.AcceptInvitation(accept)), "invalid_token") << "single use";

  const LoginResult clerk = LoginOk("clerk@njeri.co.ke", "", "a fine long passphrase");
  EXPECT_TRUE(CanActForSupplier(clerk.actor, company));
  EXPECT_FALSE(clerk.actor.OwnerOf(company));
  EXPECT_EQ(clerk.user.language, "fr");
}

TEST_F(AdminTest, AnExistingUserAcceptsWithoutAPassword) {
  const UserId owner = VerifiedSupplier("owner2@example.org");
  VerifiedSupplier("other@example.org");
  const OrganisationId company = SupplierOrgOf(owner);
  ASSERT_TRUE(service_
                  .Invite(SignedIn("owner2@example.org"), company, "other@example.org",
                          {Role::kSupplierUser})
                  .ok());
  ASSERT_TRUE(
      service_.AcceptInvitation({mailer_.LastTokenFor("other@example.org"), "", "", "en"}).ok());
  EXPECT_TRUE(CanActForSupplier(SignedIn("other@example.org"), company));
}

TEST_F(AdminTest, InvitationsExpireAfterThreeDays) {
  const UserId owner = VerifiedSupplier("owner3@example.org");
  ASSERT_TRUE(service_
                  .Invite(SignedIn("owner3@example.org"), SupplierOrgOf(owner), "late@example.org",
                          {Role::kSupplierUser})
                  .ok());
  clock_.Advance(std::chrono::hours(72));
  EXPECT_EQ(AuthProblemCode(service_.AcceptInvitation(
                {mailer_.LastTokenFor("late@example.org"), "a fine long passphrase", "L", "en"})),
            "invalid_token");
}

TEST_F(AdminTest, NonOwnersCannotInviteOrGrant) {
  const UserId a = VerifiedSupplier("a@example.org");
  const UserId b = VerifiedSupplier("b@example.org");
  const OrganisationId company_a = SupplierOrgOf(a);
  const Actor actor_b = SignedIn("b@example.org");
  EXPECT_EQ(
      AuthProblemCode(
          service_.Invite(actor_b, company_a, "x@example.org", {Role::kSupplierUser}).status()),
      "forbidden");
  EXPECT_EQ(AuthProblemCode(service_.SetRoles(actor_b, company_a, a, {})), "forbidden");
  EXPECT_EQ(log_.Count("invite", "denied"), 1u);
  EXPECT_EQ(log_.Count("role_grant", "denied"), 1u);
  EXPECT_EQ(store_.MembershipsOf(a).value()[0].roles, std::vector<Role>{Role::kSupplierUser})
      << "nothing changed";
  (void)b;

  // A plain member (not owner) of the company cannot grant either.
  ASSERT_TRUE(store_.AddMembership(b, company_a, false, {Role::kSupplierUser}).ok());
  EXPECT_EQ(AuthProblemCode(service_.SetRoles(SignedIn("b@example.org"), company_a, a, {})),
            "forbidden");
}

TEST_F(AdminTest, GrantsAreCheckedAgainstTheOrganisationKindAndLogged) {
  const UserId owner = VerifiedSupplier("boss@example.org");
  const OrganisationId company = SupplierOrgOf(owner);
  const UserId clerk =
      service_.ProvisionUser("clerk@example.org", kPassword, "Clerk", company, Role::kSupplierUser)
          .value();
  const Actor actor = SignedIn("boss@example.org");
  EXPECT_EQ(service_.SetRoles(actor, company, clerk, {Role::kAgencyOfficer}).field(), "roles");
  EXPECT_EQ(service_.SetRoles(actor, company, clerk, {Role::kAdministrator}).field(), "roles");
  EXPECT_TRUE(service_.SetRoles(actor, company, clerk, {}).ok()) << "roles can be taken away";
  EXPECT_FALSE(CanActForSupplier(SignedIn("clerk@example.org"), company));
  EXPECT_TRUE(service_.SetRoles(actor, company, clerk, {Role::kSupplierUser}).ok());
  EXPECT_EQ(log_.Count("role_grant", "success"), 2u);
  EXPECT_EQ(service_.SetRoles(actor, company, UserId{9999}, {Role::kSupplierUser}).code(),
            StatusCode::kNotFound);
}

TEST_F(AdminTest, AdministratorsCreateOrganisationsAndGrantAnywhere) {
  const Actor admin = Administrator();
  Result<OrganisationId> unicef =
      service_.CreateOrganisation(admin, OrganisationKind::kAgency, "UNICEF", "");
  ASSERT_TRUE(unicef.ok()) << unicef.status().ToString();
  EXPECT_EQ(
      service_.CreateOrganisation(admin, OrganisationKind::kAgency, "UNICEF", "").status().code(),
      StatusCode::kAlreadyExists);
  VerifiedSupplier("sup@example.org");
  EXPECT_EQ(AuthProblemCode(service_
                                .CreateOrganisation(SignedIn("sup@example.org"),
                                                    OrganisationKind::kAgency, "WFP", "")
                                .status()),
            "forbidden");
  ASSERT_TRUE(service_.Invite(admin, *unicef, "officer@unicef.org", {Role::kAgencyOfficer}).ok());
  ASSERT_TRUE(service_
                  .AcceptInvitation({mailer_.LastTokenFor("officer@unicef.org"),
                                     "officer long passphrase", "Officer", "es"})
                  .ok());
  const Actor officer = SignedIn("officer@unicef.org", "officer long passphrase");
  EXPECT_TRUE(officer.Has(Role::kAgencyOfficer, *unicef));
  EXPECT_FALSE(CanActForAgency(officer, *unicef)) << "until the officer enrols a second factor";
}

TEST_F(AdminTest, OwnersListMembersAndOpenInvitations) {
  const UserId owner = VerifiedSupplier("lead@example.org");
  const OrganisationId company = SupplierOrgOf(owner);
  const UserId clerk =
      service_.ProvisionUser("clerk@example.org", kPassword, "Clerk", company, Role::kSupplierUser)
          .value();
  const Actor actor = SignedIn("lead@example.org");
  ASSERT_TRUE(service_.Invite(actor, company, "New@Example.org", {Role::kSupplierUser}).ok());
  ASSERT_TRUE(service_.Invite(actor, company, "taken@example.org", {Role::kSupplierUser}).ok());
  ASSERT_TRUE(service_
                  .AcceptInvitation({mailer_.LastTokenFor("taken@example.org"),
                                     std::string(kPassword), "T", "en"})
                  .ok());

  Result<OrganisationMembers> listing = service_.ListMembers(actor, company);
  ASSERT_TRUE(listing.ok()) << listing.status().ToString();
  EXPECT_EQ(listing->organisation.id, company);
  ASSERT_EQ(listing->members.size(), 3u);
  EXPECT_EQ(listing->members[0].user.id, owner);
  EXPECT_TRUE(listing->members[0].owner);
  EXPECT_EQ(listing->members[1].user.id, clerk);
  EXPECT_FALSE(listing->members[1].owner);
  EXPECT_EQ(listing->members[1].roles, std::vector<Role>{Role::kSupplierUser});
  EXPECT_EQ(listing->members[2].user.email, "taken@example.org");
  ASSERT_EQ(listing->invitations.size(), 1u) << "the accepted one is no longer pending";
  EXPECT_EQ(listing->invitations[0].email, "new@example.org");
  EXPECT_EQ(listing->invitations[0].invited_by, owner);

  clock_.Advance(std::chrono::hours(72));
  EXPECT_TRUE(service_.ListMembers(SignedIn("lead@example.org"), company)->invitations.empty())
      << "expired invitations are not pending";
}

// AS-14: a plain member, another company's owner and a nonexistent id all get the same
// NotFound, so the answer does not tell whether the organisation exists.
TEST_F(AdminTest, MemberListsAreNotFoundForEveryoneButManagers) {
  const UserId a = VerifiedSupplier("a-owner@example.org");
  VerifiedSupplier("b-owner@example.org");
  const OrganisationId company_a = SupplierOrgOf(a);
  ASSERT_TRUE(
      service_
          .ProvisionUser("a-clerk@example.org", kPassword, "Clerk", company_a, Role::kSupplierUser)
          .ok());
  const Status missing =
      service_.ListMembers(SignedIn("b-owner@example.org"), OrganisationId{9999}).status();
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
  for (const char* email : {"b-owner@example.org", "a-clerk@example.org"}) {
    const Status denied = service_.ListMembers(SignedIn(email), company_a).status();
    EXPECT_EQ(denied.code(), missing.code()) << email;
    EXPECT_EQ(denied.message(), missing.message()) << email;
  }
  EXPECT_EQ(log_.Count("member_list", "denied"), 3u);
  EXPECT_EQ(service_.ListMembers(Actor::Public(), company_a).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_TRUE(service_.ListMembers(Administrator(), company_a).ok()) << "administrators may";
}

TEST_F(AdminTest, ApiTokensAreScopedHashedAndRevocable) {
  const UserId user = VerifiedSupplier("dev@example.org");
  const OrganisationId company = SupplierOrgOf(user);
  const LoginResult login = LoginOk("dev@example.org");
  EXPECT_EQ(service_.CreateApiToken(login.actor, "ci", {"everything"}).status().field(), "scopes");
  Result<NewApiToken> created = service_.CreateApiToken(login.actor, "ci", {"profile:read"});
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_TRUE(created->token.starts_with("tbk_"));
  EXPECT_EQ(created->token.size(), 4u + 43u);

  Result<Actor> actor = service_.ResolveToken(created->token);
  ASSERT_TRUE(actor.ok());
  EXPECT_EQ(actor->credential, Credential::kApiToken);
  EXPECT_EQ(actor->scopes, std::vector<std::string>{"profile:read"});
  EXPECT_FALSE(actor->mfa_verified);
  const AccessRule read = AccessRule::AnyOf({Role::kSupplierUser}).WithScope("profile:read");
  const AccessRule write = AccessRule::AnyOf({Role::kSupplierUser}).WithScope("profile:write");
  EXPECT_TRUE(CheckRoute(*actor, read).ok());
  EXPECT_EQ(AuthProblemCode(CheckRoute(*actor, write)), "forbidden");
  EXPECT_TRUE(CanActForSupplier(*actor, company));
  EXPECT_EQ(service_.CreateApiToken(*actor, "child", {"profile:read"}).status().code(),
            StatusCode::kPermissionDenied)
      << "a token cannot mint tokens";

  const std::vector<ApiTokenInfo> listed = service_.ListApiTokens(login.actor).value();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].prefix, created->token.substr(0, 8));
  EXPECT_TRUE(listed[0].last_used_at.has_value());
  const ApiTokenRecord stored =
      store_.FindApiToken(crypto::Sha256Hex(created->token)).value().value();
  EXPECT_NE(stored.token_hash, created->token);

  ASSERT_TRUE(service_.RevokeApiToken(login.actor, created->id).ok());
  EXPECT_EQ(service_.ResolveToken(created->token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(service_.RevokeApiToken(login.actor, created->id).code(), StatusCode::kNotFound);
  EXPECT_EQ(service_.ResolveToken("tbk_" + crypto::RandomToken(32)).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(service_.ResolveToken(login.session_token).status().code(),
            StatusCode::kUnauthenticated)
      << "a session id is not a bearer token";
}

TEST_F(AdminTest, OneUserCannotRevokeAnothersToken) {
  VerifiedSupplier("one@example.org");
  VerifiedSupplier("two@example.org");
  const NewApiToken token =
      service_.CreateApiToken(LoginOk("one@example.org").actor, "t", {"notices:read"}).value();
  EXPECT_EQ(service_.RevokeApiToken(LoginOk("two@example.org").actor, token.id).code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(service_.ResolveToken(token.token).ok());
}

TEST_F(AdminTest, ProvisioningIsIdempotentForOrganisationsAndChecksRoles) {
  const OrganisationId a =
      service_.ProvisionOrganisation(OrganisationKind::kAgency, "UNOPS", "").value();
  EXPECT_EQ(service_.ProvisionOrganisation(OrganisationKind::kAgency, "UNOPS", "").value(), a);
  EXPECT_EQ(
      service_.ProvisionUser("x@unops.org", kPassword, "X", a, Role::kCentreStaff).status().field(),
      "role");
  EXPECT_EQ(service_.ProvisionUser("x@unops.org", "password", "X", a, Role::kAgencyOfficer)
                .status()
                .field(),
            "password");
  ASSERT_TRUE(service_.ProvisionUser("x@unops.org", kPassword, "X", {}, {}).ok());
  EXPECT_EQ(service_.ProvisionUser("x@unops.org", kPassword, "X", {}, {}).status().code(),
            StatusCode::kAlreadyExists);
  ASSERT_TRUE(service_.ProvisionRole("X@unops.org", a, Role::kAgencyOfficer).ok());
  EXPECT_EQ(service_.ProvisionRole("nobody@unops.org", a, Role::kAgencyOfficer).code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(SignedIn("x@unops.org").Has(Role::kAgencyOfficer, a));
}

// Only an administrator makes administrators, even the owner of the centre cannot.
TEST_F(AdminTest, CentreOwnersCannotMakeAdministrators) {
  const OrganisationId centre =
      service_.ProvisionOrganisation(OrganisationKind::kCentre, "Centre", "").value();
  const UserId owner =
      service_.ProvisionUser("lead@centre.org", kPassword, "Lead", centre, Role::kCentreStaff)
          .value();
  ASSERT_TRUE(store_.AddMembership(owner, centre, true, {}).ok());
  const UserId staff =
      service_.ProvisionUser("staff@centre.org", kPassword, "Staff", centre, Role::kCentreStaff)
          .value();
  LoginResult login = LoginOk("lead@centre.org");
  const std::string secret = service_.BeginTotpSetup(login.actor)->secret;
  ASSERT_TRUE(service_
                  .ConfirmTotp(login.actor, login.session_token,
                               crypto::TotpCode(crypto::Base32Decode(secret).value(),
                                                clock_.Now().seconds()))
                  .ok());
  const Actor actor = service_.ResolveSession(login.session_token)->actor;
  EXPECT_EQ(AuthProblemCode(service_.SetRoles(actor, centre, staff, {Role::kAdministrator})),
            "forbidden");
  EXPECT_TRUE(service_.SetRoles(actor, centre, staff, {Role::kCentreStaff, Role::kEvaluator}).ok());
}

// AS-34: each security-relevant call leaves exactly one event naming actor, action, object,
// outcome and request id, and no secret.
TEST_F(AdminTest, EachEventIsLoggedOnceWithTheRequestIdAndNoSecret) {
  const RequestMeta meta{"req-7", "127.0.0.1"};
  ASSERT_TRUE(service_.SignUp(Supplier("ev@example.org"), meta).ok());
  const std::string verify = mailer_.LastTokenFor("ev@example.org");
  ASSERT_TRUE(service_.VerifyEmail(verify, meta).ok());
  ASSERT_FALSE(service_.Login({"ev@example.org", "not the password", ""}, meta).ok());
  const LoginResult login =
      service_.Login({"ev@example.org", std::string(kPassword), ""}, meta).value();
  service_.RecordAccessDenied(login.actor, "route:GET /api/v1/sanctions/list", "forbidden", meta);
  ASSERT_TRUE(service_.Logout(login.session_token, meta).ok());

  EXPECT_EQ(log_.Count("signup", "success"), 1u);
  EXPECT_EQ(log_.Count("verify_email", "success"), 1u);
  EXPECT_EQ(log_.Count("login", "failure"), 1u);
  EXPECT_EQ(log_.Count("login", "success"), 1u);
  EXPECT_EQ(log_.Count("access_denied", "forbidden"), 1u);
  EXPECT_EQ(log_.Count("logout", "success"), 1u);
  EXPECT_EQ(log_.events().size(), 6u);
  for (const SecurityEvent& e : log_.events()) {
    SCOPED_TRACE(e.action);
    EXPECT_EQ(e.request_id, "req-7");
    EXPECT_EQ(e.client, "127.0.0.1");
    EXPECT_FALSE(e.actor.empty());
    EXPECT_FALSE(e.object.empty());
    const std::string line = SecurityEventJson(e);
    for (const std::string& secret : {std::string(kPassword), std::string("not the password"),
                                      verify, login.session_token, login.csrf_token}) {
      EXPECT_EQ(line.find(secret), std::string::npos) << "AS-33";
    }
  }
}

}  // namespace
}  // namespace tb::auth
