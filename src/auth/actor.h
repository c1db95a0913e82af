#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/timestamp.h"

namespace tb::auth {

// The roles of ARCHITECTURE.md §1. A role is always held within one organisation (an
// officer of UNDP, staff of the centre); "public" is the absence of an actor.
enum class Role {
  kSupplierUser,     // works on its own company's profile, documents, bids
  kAgencyOfficer,    // works on its own agency's notices, tenders, the supplier directory
  kCommitteeMember,  // tender opening committee (k of n)
  kEvaluator,        // scores the tenders it is assigned to
  kCentreStaff,      // the service centre: reviews, sanctions, events, imports
  kAdministrator,    // users, roles, configuration
};

// Stable lower-case names used in the API, the database and the CLI ("supplier_user").
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

// Roles whose holders must have a second factor (AS-06): everyone but supplier users.
bool RoleRequiresMfa(Role role);

enum class OrganisationKind { kSupplier, kAgency, kCentre };
std::string_view OrganisationKindName(OrganisationKind kind);
std::optional<OrganisationKind> ParseOrganisationKind(std::string_view name);

struct Membership {
  OrganisationId organisation;
  OrganisationKind kind = OrganisationKind::kSupplier;
  bool owner = false;  // may invite and grant roles within the organisation
  std::vector<Role> roles;
};

// How the request proved who it is.
enum class Credential { kNone, kSession, kApiToken };

// Who is making a request, resolved once per request by http/ from the session cookie or a
// bearer token, and passed by const reference into every service call. Services decide
// object-level access with it (auth/policy.h); they never look at cookies or headers.
struct Actor {
  UserId user;  // invalid for the public
  std::string email;
  Credential credential = Credential::kNone;
  std::vector<Membership> memberships;
  bool mfa_enrolled = false;        // the user has a confirmed TOTP secret
  bool mfa_verified = false;        // this session passed TOTP (tokens: false)
  Timestamp authenticated_at;       // last password (+TOTP) check, for step-up (AS-12)
  std::vector<std::string> scopes;  // API tokens only: e.g. "notices:read"

  bool authenticated() const { return user.valid(); }

  // True when the actor holds `role` in `organisation` (any organisation when invalid).
  bool Has(Role role, OrganisationId organisation = {}) const;
  // True when the actor holds `role` in some organisation and, if the role requires a
  // second factor, the session passed it.
  bool HasUsable(Role role) const;
  // Organisations in which the actor holds `role`.
  std::vector<OrganisationId> OrganisationsWith(Role role) const;
  bool OwnerOf(OrganisationId organisation) const;

  static Actor Public() { return {}; }
};

}  // namespace tb::auth
