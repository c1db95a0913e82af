#include "auth/actor.h"

#include <gtest/gtest.h>

namespace tb::auth {
namespace {

TEST(Role, NamesRoundTrip) {
  for (Role role : {Role::kSupplierUser, Role::kAgencyOfficer, Role::kCommitteeMember,
                    Role::kEvaluator, Role::kCentreStaff, Role::kAdministrator}) {
    SCOPED_TRACE(RoleName(role));
    EXPECT_EQ(ParseRole(RoleName(role)), role);
  }
  EXPECT_EQ(RoleName(Role::kSupplierUser), "supplier_user");
  EXPECT_EQ(ParseRole("Administrator"), std::nullopt) << "names are exact";
  EXPECT_EQ(ParseOrganisationKind("centre"), OrganisationKind::kCentre);
  EXPECT_EQ(ParseOrganisationKind("center"), std::nullopt);
}

TEST(Role, OnlySupplierUsersGoWithoutASecondFactor) {
  EXPECT_FALSE(RoleRequiresMfa(Role::kSupplierUser));
  EXPECT_TRUE(RoleRequiresMfa(Role::kAgencyOfficer));
  EXPECT_TRUE(RoleRequiresMfa(Role::kAdministrator));
}

TEST(Actor, HasIsPerOrganisationAndUsableNeedsMfa) {
  Actor actor;
  actor.user = UserId{1};
  actor.memberships = {
      {OrganisationId{5}, OrganisationKind::kAgency, true, {Role::kAgencyOfficer}},
      {OrganisationId{6}, OrganisationKind::kSupplier, false, {Role::kSupplierUser}}};
  EXPECT_TRUE(actor.Has(Role::kAgencyOfficer));
  EXPECT_TRUE(actor.Has(Role::kAgencyOfficer, OrganisationId{5}));
  EXPECT_FALSE(actor.Has(Role::kAgencyOfficer, OrganisationId{6}));
  EXPECT_FALSE(actor.HasUsable(Role::kAgencyOfficer)) << "no MFA yet";
  EXPECT_TRUE(actor.HasUsable(Role::kSupplierUser));
  actor.mfa_verified = true;
  EXPECT_TRUE(actor.HasUsable(Role::kAgencyOfficer));
  EXPECT_TRUE(actor.OwnerOf(OrganisationId{5}));
  EXPECT_FALSE(actor.OwnerOf(OrganisationId{6}));
  EXPECT_EQ(actor.OrganisationsWith(Role::kSupplierUser),
            std::vector<OrganisationId>{OrganisationId{6}});
  EXPECT_FALSE(Actor::Public().HasUsable(Role::kSupplierUser));
}

}  // namespace
}  // namespace tb::auth
