#include "auth/policy.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace tb::auth {
namespace {

Actor WithRole(Role role, OrganisationKind kind, OrganisationId org, bool mfa) {
  Actor actor;
  actor.user = UserId{42};
  actor.credential = Credential::kSession;
  actor.memberships = {{org, kind, false, {role}}};
  actor.mfa_enrolled = mfa;
  actor.mfa_verified = mfa;
  return actor;
}

TEST(CheckRoute, PublicAdmitsEveryone) {
  EXPECT_TRUE(CheckRoute(Actor::Public(), AccessRule::Public()).ok());
}

TEST(CheckRoute, NoActorIsUnauthenticated) {
  const Status s = CheckRoute(Actor::Public(), AccessRule::Authenticated());
  EXPECT_EQ(s.code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(AuthProblemCode(s), "unauthenticated");
  EXPECT_EQ(CheckRoute(Actor::Public(), AccessRule::AnyOf({Role::kCentreStaff})).code(),
            StatusCode::kUnauthenticated);
}

TEST(CheckRoute, WrongRoleIsForbidden) {
  const Actor supplier =
      WithRole(Role::kSupplierUser, OrganisationKind::kSupplier, OrganisationId{1}, false);
  const Status s =
      CheckRoute(supplier, AccessRule::AnyOf({Role::kAgencyOfficer, Role::kCentreStaff}));
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(AuthProblemCode(s), "forbidden");
  EXPECT_TRUE(CheckRoute(supplier, AccessRule::AnyOf({Role::kSupplierUser})).ok());
  EXPECT_TRUE(CheckRoute(supplier, AccessRule::Authenticated()).ok());
}

// AS-06: an officer without a passed second factor gets mfa_required, not the route.
TEST(CheckRoute, RoleNeedingMfaWithoutItIsMfaRequired) {
  Actor officer =
      WithRole(Role::kAgencyOfficer, OrganisationKind::kAgency, OrganisationId{3}, false);
  const Status s = CheckRoute(officer, AccessRule::AnyOf({Role::kAgencyOfficer}));
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(AuthProblemCode(s), "mfa_required");
  officer.mfa_enrolled = officer.mfa_verified = true;
  EXPECT_TRUE(CheckRoute(officer, AccessRule::AnyOf({Role::kAgencyOfficer})).ok());
}

TEST(CheckRoute, TokensNeedTheRulesScope) {
  Actor token =
      WithRole(Role::kSupplierUser, OrganisationKind::kSupplier, OrganisationId{1}, false);
  token.credential = Credential::kApiToken;
  token.scopes = {"profile:read"};
  EXPECT_TRUE(
      CheckRoute(token, AccessRule::AnyOf({Role::kSupplierUser}).WithScope("profile:read")).ok());
  EXPECT_EQ(AuthProblemCode(CheckRoute(
                token, AccessRule::AnyOf({Role::kSupplierUser}).WithScope("profile:write"))),
            "forbidden");
  EXPECT_EQ(AuthProblemCode(CheckRoute(token, AccessRule::Authenticated())), "forbidden")
      << "a rule without a scope is closed to tokens";
  EXPECT_TRUE(CheckRoute(token, AccessRule::Public()).ok());
}

TEST(AccessRule, DescribesItselfForTheRouteInventory) {
  EXPECT_EQ(AccessRule::Public().Describe(), "public");
  EXPECT_EQ(AccessRule::Authenticated().Describe(), "authenticated");
  EXPECT_EQ(AccessRule::AnyOf({Role::kAgencyOfficer, Role::kCentreStaff})
                .WithScope("directory:read")
                .Describe(),
            "roles:agency_officer|centre_staff scope:directory:read");
  static_assert(!std::is_default_constructible_v<AccessRule>,
                "a route without a rule must not compile");
}

TEST(ObjectPolicy, SupplierActsForItsOwnCompanyOnly) {
  const Actor a =
      WithRole(Role::kSupplierUser, OrganisationKind::kSupplier, OrganisationId{1}, false);
  EXPECT_TRUE(CanActForSupplier(a, OrganisationId{1}));
  EXPECT_FALSE(CanActForSupplier(a, OrganisationId{2}));
  EXPECT_TRUE(CanReadSupplierPrivate(a, OrganisationId{1}));
  EXPECT_FALSE(CanReadSupplierPrivate(a, OrganisationId{2}));
  EXPECT_TRUE(CanReadSupplierFinancials(a, OrganisationId{1}));
  EXPECT_FALSE(CanReadSupplierFinancials(a, OrganisationId{2}));
}

TEST(ObjectPolicy, OfficersAndStaffReadSuppliersButOnlyOfficersReadFinancials) {
  const Actor officer =
      WithRole(Role::kAgencyOfficer, OrganisationKind::kAgency, OrganisationId{9}, true);
  const Actor staff =
      WithRole(Role::kCentreStaff, OrganisationKind::kCentre, OrganisationId{8}, true);
  EXPECT_TRUE(CanReadSupplierPrivate(officer, OrganisationId{1}));
  EXPECT_TRUE(CanReadSupplierPrivate(staff, OrganisationId{1}));
  EXPECT_TRUE(CanReadSupplierFinancials(officer, OrganisationId{1}));
  EXPECT_FALSE(CanReadSupplierFinancials(staff, OrganisationId{1}));
  EXPECT_FALSE(CanActForSupplier(officer, OrganisationId{1}));
  EXPECT_TRUE(CanActForAgency(officer, OrganisationId{9}));
  EXPECT_FALSE(CanActForAgency(officer, OrganisationId{10})) << "tenant isolation (AS-15)";
  EXPECT_TRUE(IsCentreStaff(staff));
  EXPECT_FALSE(IsCentreStaff(officer));
  const Actor officer_without_mfa =
      WithRole(Role::kAgencyOfficer, OrganisationKind::kAgency, OrganisationId{9}, false);
  EXPECT_FALSE(CanReadSupplierPrivate(officer_without_mfa, OrganisationId{1}));
  EXPECT_FALSE(CanActForAgency(officer_without_mfa, OrganisationId{9}));
}

TEST(ObjectPolicy, OwnersAndAdministratorsManageOrganisations) {
  Actor owner =
      WithRole(Role::kSupplierUser, OrganisationKind::kSupplier, OrganisationId{1}, false);
  owner.memberships[0].owner = true;
  EXPECT_TRUE(CanManageOrganisation(owner, OrganisationId{1}));
  EXPECT_FALSE(CanManageOrganisation(owner, OrganisationId{2}));
  const Actor member =
      WithRole(Role::kSupplierUser, OrganisationKind::kSupplier, OrganisationId{1}, false);
  EXPECT_FALSE(CanManageOrganisation(member, OrganisationId{1}));
  const Actor admin =
      WithRole(Role::kAdministrator, OrganisationKind::kCentre, OrganisationId{7}, true);
  EXPECT_TRUE(CanManageOrganisation(admin, OrganisationId{1}));
  EXPECT_TRUE(IsAdministrator(admin));
  EXPECT_FALSE(CanManageOrganisation(Actor::Public(), OrganisationId{1}));
}

// AS-17: a check that throws denies.
TEST(ObjectPolicy, AnExceptionInsideACheckDenies) {
  const Actor admin =
      WithRole(Role::kAdministrator, OrganisationKind::kCentre, OrganisationId{7}, true);
  const Actor a =
      WithRole(Role::kSupplierUser, OrganisationKind::kSupplier, OrganisationId{1}, false);
  testing::SetPolicyFaultHook([] { throw std::runtime_error("injected fault"); });
  EXPECT_FALSE(CanActForSupplier(a, OrganisationId{1}));
  EXPECT_FALSE(CanReadSupplierPrivate(admin, OrganisationId{1}));
  EXPECT_FALSE(CanReadSupplierFinancials(a, OrganisationId{1}));
  EXPECT_FALSE(CanManageOrganisation(admin, OrganisationId{1}));
  EXPECT_FALSE(IsAdministrator(admin));
  EXPECT_FALSE(IsCentreStaff(admin));
  EXPECT_FALSE(CanActForAgency(admin, OrganisationId{1}));
  const Status route = CheckRoute(admin, AccessRule::Authenticated());
  EXPECT_EQ(route.code(), StatusCode::kPermissionDenied);
  testing::SetPolicyFaultHook([] { throw 7; });  // not even a std::exception
  EXPECT_FALSE(IsAdministrator(admin));
  EXPECT_EQ(CheckRoute(Actor::Public(), AccessRule::Public()).code(),
            StatusCode::kPermissionDenied);
  testing::SetPolicyFaultHook(nullptr);
  EXPECT_TRUE(IsAdministrator(admin));
}

TEST(AuthProblemCode, IsEmptyForOtherStatuses) {
  EXPECT_EQ(AuthProblemCode(Status::Ok()), "");
  EXPECT_EQ(AuthProblemCode(Status::PermissionDenied("something else")), "");
  EXPECT_EQ(AuthProblemCode(Status::NotFound("you are not allowed to do this")), "")
      << "the code must match too";
}

}  // namespace
}  // namespace tb::auth
