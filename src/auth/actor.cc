#include "auth/actor.h"

#include <algorithm>
#include <array>
#include <utility>

namespace tb::auth {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 6> kRoleNames = {{
    {Role::kSupplierUser, "supplier_user"},
    {Role::kAgencyOfficer, "agency_officer"},
    {Role::kCommitteeMember, "committee_member"},
    {Role::kEvaluator, "evaluator"},
    {Role::kCentreStaff, "centre_staff"},
    {Role::kAdministrator, "administrator"},
}};

constexpr std::array<std::pair<OrganisationKind, std::string_view>, 3> kKindNames = {{
    {OrganisationKind::kSupplier, "supplier"},
    {OrganisationKind::kAgency, "agency"},
    {OrganisationKind::kCentre, "centre"},
}};

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [r, name] : kRoleNames) {
    if (r == role) return name;
  }
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [r, n] : kRoleNames) {
    if (n == name) return r;
  }
  return std::nullopt;
}

bool RoleRequiresMfa(Role role) { return role != Role::kSupplierUser; }

std::string_view OrganisationKindName(OrganisationKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "unknown";
}

std::optional<OrganisationKind> ParseOrganisationKind(std::string_view name) {
  for (const auto& [k, n] : kKindNames) {
    if (n == name) return k;
  }
  return std::nullopt;
}

bool Actor::Has(Role role, OrganisationId organisation) const {
  for (const Membership& m : memberships) {
    if (organisation.valid() && m.organisation != organisation) continue;
    if (std::find(m.roles.begin(), m.roles.end(), role) != m.roles.end()) return true;
  }
  return false;
}

bool Actor::HasUsable(Role role) const {
  if (!authenticated() || !Has(role)) return false;
  return !RoleRequiresMfa(role) || mfa_verified;
}

std::vector<OrganisationId> Actor::OrganisationsWith(Role role) const {
  std::vector<OrganisationId> out;
  for (const Membership& m : memberships) {
    if (std::find(m.roles.begin(), m.roles.end(), role) != m.roles.end()) {
      out.push_back(m.organisation);
    }
  }
  return out;
}

bool Actor::OwnerOf(OrganisationId organisation) const {
  for (const Membership& m : memberships) {
    if (m.organisation == organisation && m.owner) return true;
  }
  return false;
}

}  // namespace tb::auth
