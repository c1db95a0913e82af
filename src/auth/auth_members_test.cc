// Membership management: revoking invitations, removing members and leaving, transferring
// ownership (AS-12 step-up, AS-14 no existence oracle, AS-34 security events).
#include <gtest/gtest.h>

#include "auth/testing/service_fixture.h"
#include "crypto/random.h"
#include "crypto/totp.h"

namespace tb::auth {
namespace {

using testing::AuthServiceTest;

class MembersTest : public AuthServiceTest {
 protected:
  // An owner with a company and a clerk who joined it through an invitation.
  void SetUp() override {
    owner_ = VerifiedSupplier("owner@njeri.co.ke");
    company_ = SupplierOrgOf(owner_);
    ASSERT_TRUE(service_
                    .Invite(SignedIn("owner@njeri.co.ke"), company_, "clerk@njeri.co.ke",
                            {Role::kSupplierUser})
                    .ok());
    ASSERT_TRUE(service_
                    .AcceptInvitation({mailer_.LastTokenFor("clerk@njeri.co.ke"),
                                       "a fine long passphrase", "Clerk", "en"})
                    .ok());
    clerk_ = store_.FindUserByEmail("clerk@njeri.co.ke").value()->id;
  }

  Actor SignedIn(const std::string& email, std::string password = std::string(kPassword)) {
    return service_.ResolveSession(LoginOk(email, "", std::move(password)).session_token)->actor;
  }
  Actor Clerk() { return SignedIn("clerk@njeri.co.ke", "a fine long passphrase"); }

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

  bool IsMember(UserId user, OrganisationId organisation) {
    for (const Membership& m : store_.MembershipsOf(user).value()) {
      if (m.organisation == organisation) return true;
    }
    return false;
  }

  UserId owner_;
  UserId clerk_;
  OrganisationId company_;
};

TEST_F(MembersTest, ARevokedInvitationCannotBeAccepted) {
  const Actor owner = SignedIn("owner@njeri.co.ke");
  const std::int64_t id =
      service_.Invite(owner, company_, "late@njeri.co.ke", {Role::kSupplierUser}).value();
  const std::string token = mailer_.LastTokenFor("late@njeri.co.ke");
  ASSERT_TRUE(service_.RevokeInvitation(owner, company_, id).ok());
  EXPECT_EQ(log_.Count("invitation_revoke", "success"), 1u);
  EXPECT_EQ(
      AuthProblemCode(service_.AcceptInvitation({token, "a fine long passphrase", "Late", "en"})),
      "invalid_token")
      << "answered as for an unknown token";
  EXPECT_TRUE(service_.ListMembers(owner, company_)->invitations.empty());
  EXPECT_EQ(service_.RevokeInvitation(owner, company_, id).message(), "no such invitation");
}

TEST_F(MembersTest, OthersInvitationsAndOrganisationsAnswerAsMissing) {
  const Actor owner = SignedIn("owner@njeri.co.ke");
  const std::int64_t id =
      service_.Invite(owner, company_, "new@njeri.co.ke", {Role::kSupplierUser}).value();
  VerifiedSupplier("rival@example.org");
  const Actor rival = SignedIn("rival@example.org");
  const OrganisationId nowhere{company_.value + 1000};

  const Status other = service_.RevokeInvitation(rival, company_, id);
  const Status missing = service_.RevokeInvitation(rival, nowhere, id);
  EXPECT_EQ(other.code(), StatusCode::kNotFound);
  EXPECT_EQ(other, missing);
  EXPECT_EQ(service_.RemoveMember(rival, company_, clerk_),
            service_.RemoveMember(rival, nowhere, clerk_));
  EXPECT_EQ(service_.TransferOwnership(rival, company_, clerk_),
            service_.TransferOwnership(rival, nowhere, clerk_));
  EXPECT_EQ(log_.Count("invitation_revoke", "denied"), 2u);
  EXPECT_EQ(log_.Count("member_remove", "denied"), 2u);
  EXPECT_EQ(log_.Count("ownership_transfer", "denied"), 2u);
  EXPECT_EQ(service_.ListMembers(owner, company_)->invitations.size(), 1u) << "still pending";

  // The rival's own invitation id does not reach into the company either.
  const std::int64_t rival_invitation =
      service_
          .Invite(rival, SupplierOrgOf(store_.FindUserByEmail("rival@example.org").value()->id),
                  "x@example.org", {Role::kSupplierUser})
          .value();
  EXPECT_EQ(service_.RevokeInvitation(owner, company_, rival_invitation).message(),
            "no such invitation");
}

TEST_F(MembersTest, ARemovedMemberLosesItsRightsAtOnceOnSessionsAndTokens) {
  const LoginResult clerk = LoginOk("clerk@njeri.co.ke", "", "a fine long passphrase");
  const NewApiToken token = service_.CreateApiToken(clerk.actor, "robot", {"profile:read"}).value();
  ASSERT_TRUE(CanActForSupplier(service_.ResolveSession(clerk.session_token)->actor, company_));
  ASSERT_TRUE(CanActForSupplier(service_.ResolveToken(token.token).value(), company_));

  ASSERT_TRUE(service_.RemoveMember(SignedIn("owner@njeri.co.ke"), company_, clerk_).ok());
  EXPECT_EQ(log_.Count("member_remove", "success"), 1u);
  EXPECT_FALSE(IsMember(clerk_, company_));
  EXPECT_FALSE(CanActForSupplier(service_.ResolveSession(clerk.session_token)->actor, company_))
      << "the existing session, not only a new one";
  EXPECT_FALSE(CanActForSupplier(service_.ResolveToken(token.token).value(), company_));
  EXPECT_EQ(service_.RemoveMember(SignedIn("owner@njeri.co.ke"), company_, clerk_).message(),
            "no such member");
}

TEST_F(MembersTest, RemovalAndTransferNeedARecentStepUpButLeavingDoesNot) {
  const LoginResult owner = LoginOk("owner@njeri.co.ke");
  const Actor clerk = Clerk();
  clock_.Advance(std::chrono::minutes(16));
  Actor stale = service_.ResolveSession(owner.session_token)->actor;
  EXPECT_EQ(AuthProblemCode(service_.RemoveMember(stale, company_, clerk_)),
            "reauthentication_required");
  EXPECT_EQ(AuthProblemCode(service_.TransferOwnership(stale, company_, clerk_)),
            "reauthentication_required");
  EXPECT_EQ(log_.Count("member_remove", "reauthentication_required"), 1u);
  EXPECT_TRUE(IsMember(clerk_, company_));

  ASSERT_TRUE(service_.Reauthenticate(stale, owner.session_token, kPassword, "").ok());
  Actor fresh = service_.ResolveSession(owner.session_token)->actor;
  EXPECT_TRUE(service_.TransferOwnership(fresh, company_, clerk_).ok());

  EXPECT_TRUE(Clerk().OwnerOf(company_));
  (void)clerk;
}

TEST_F(MembersTest, AMemberLeavesOnItsOwnButTheLastOwnerCannot) {
  const LoginResult clerk = LoginOk("clerk@njeri.co.ke", "", "a fine long passphrase");
  clock_.Advance(std::chrono::minutes(20));  // past the step-up window, within the idle limit
  const Actor later = service_.ResolveSession(clerk.session_token)->actor;
  ASSERT_TRUE(service_.RemoveMember(later, company_, clerk_).ok());
  EXPECT_EQ(log_.Count("member_leave", "success"), 1u);
  EXPECT_FALSE(IsMember(clerk_, company_));

  const Status last = service_.RemoveMember(SignedIn("owner@njeri.co.ke"), company_, owner_);
  EXPECT_EQ(AuthProblemCode(last), "last_owner");
  EXPECT_NE(last.message().find("transfer ownership"), std::string::npos) << last.message();
  EXPECT_EQ(AuthProblemCode(service_.RemoveMember(Administrator(), company_, owner_)), "last_owner")
      << "not even an administrator empties an organisation of owners";
  EXPECT_TRUE(IsMember(owner_, company_));
  EXPECT_EQ(log_.Count("member_leave", "last_owner"), 1u);
}

TEST_F(MembersTest, AMemberWhoIsNotOwnerCannotRemoveOthersOrTransfer) {
  const Actor clerk = Clerk();
  EXPECT_EQ(AuthProblemCode(service_.RemoveMember(clerk, company_, owner_)), "forbidden");
  EXPECT_EQ(AuthProblemCode(service_.TransferOwnership(clerk, company_, clerk_)), "forbidden");
  const std::int64_t id =
      service_
          .Invite(SignedIn("owner@njeri.co.ke"), company_, "n@njeri.co.ke", {Role::kSupplierUser})
          .value();
  EXPECT_EQ(AuthProblemCode(service_.RevokeInvitation(clerk, company_, id)), "forbidden");
  EXPECT_TRUE(IsMember(owner_, company_));
  EXPECT_FALSE(Clerk().OwnerOf(company_));
}

TEST_F(MembersTest, TransferKeepsTheOldOwnerAsAPlainMember) {
  const Actor owner = SignedIn("owner@njeri.co.ke");
  EXPECT_EQ(service_.TransferOwnership(owner, company_, UserId{9999}).field(), "user_id");
  ASSERT_TRUE(service_.TransferOwnership(owner, company_, clerk_).ok());
  EXPECT_EQ(log_.Count("ownership_transfer", "success"), 1u);

  const Actor old_owner = SignedIn("owner@njeri.co.ke");
  EXPECT_FALSE(old_owner.OwnerOf(company_));
  EXPECT_TRUE(CanActForSupplier(old_owner, company_)) << "roles kept";
  EXPECT_EQ(service_.ListMembers(old_owner, company_).status().code(), StatusCode::kNotFound)
      << "no longer manages the organisation";
  EXPECT_TRUE(Clerk().OwnerOf(company_));
  EXPECT_TRUE(service_.ListMembers(Clerk(), company_).ok());

  // Not the last owner any more, the old owner may leave.
  EXPECT_TRUE(service_.RemoveMember(old_owner, company_, owner_).ok());
}

TEST_F(MembersTest, OnlyAnAdministratorRemovesAnAdministrator) {
  const Actor admin = Administrator();
  const OrganisationId centre = admin.memberships.at(0).organisation;
  const UserId centre_owner =
      service_.ProvisionUser("head@centre.org", kPassword, "Head", OrganisationId{}, std::nullopt)
          .value();
  ASSERT_TRUE(store_.AddMembership(centre_owner, centre, true, {}).ok());
  const UserId admin_id = admin.user;
  EXPECT_EQ(AuthProblemCode(service_.RemoveMember(SignedIn("head@centre.org"), centre, admin_id)),
            "forbidden");
  EXPECT_TRUE(IsMember(admin_id, centre));
  EXPECT_TRUE(service_.RemoveMember(admin, company_, clerk_).ok()) << "administrators act anywhere";
}

}  // namespace
}  // namespace tb::auth
