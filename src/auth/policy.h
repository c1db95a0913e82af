// API-STABLE
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/actor.h"
#include "core/status.h"

namespace tb::auth {

// The one access policy (AS-13, docs/accounts.md). Deny by default: every decision below is
// an explicit allow, and an exception thrown inside a check is a deny with a logged error
// (AS-17). Stateless and thread-safe.

enum class Access {
  kPublic,         // anyone, with or without an actor
  kAuthenticated,  // any signed-in actor
  kRoles,          // an actor holding one of `roles` (usable: MFA passed where required)
};

// The access rule of one route. It has no default constructor, so a route table entry that
// does not name one does not compile.
class AccessRule {
 public:
  static AccessRule Public();
  static AccessRule Authenticated();
  // Any one of `roles`, in any organisation; the handler narrows to the object's
  // organisation with the object checks below.
  static AccessRule AnyOf(std::initializer_list<Role> roles);

  // The API-token scope this route needs ("suppliers:read"). A bearer-token actor passes a
  // non-public rule only when the rule names a scope the token holds; session actors ignore
  // scopes. A rule without a scope is therefore closed to tokens.
  AccessRule WithScope(std::string_view scope) const;

  Access access() const { return access_; }
  const std::vector<Role>& roles() const { return roles_; }
  const std::optional<std::string>& scope() const { return scope_; }

  // For the route inventory: "public", "authenticated", "roles:agency_officer|centre_staff",
  // with " scope:suppliers:read" appended when there is a scope.
  std::string Describe() const;

 private:
  explicit AccessRule(Access access) : access_(access) {}
  Access access_;
  std::vector<Role> roles_;
  std::optional<std::string> scope_;
};

// The scopes an API token may carry. CreateApiToken refuses others.
const std::vector<std::string>& KnownScopes();

// Checks `actor` against `rule`:
//   Ok                 allowed
//   Unauthenticated    no actor on a non-public rule             -> 401 "unauthenticated"
//   PermissionDenied   role missing, or token scope missing      -> 403 "forbidden"
//   PermissionDenied   role held but needs MFA and the session
//                      has not passed it                         -> 403 "mfa_required"
// The problem code for the response is AuthProblemCode(status).
Status CheckRoute(const Actor& actor, const AccessRule& rule);

// The stable problem code (docs/accounts.md) of a Status returned by CheckRoute or by
// AuthService: "unauthenticated", "forbidden", "mfa_required", "email_unverified",
// "totp_required", "totp_invalid", "reauthentication_required", "throttled",
// "invalid_credentials", "invalid_token", "last_owner". Empty when the Status is not one of these (use
// the generic mapping of its code).
std::string_view AuthProblemCode(const Status& status);

// Object checks for services (AS-14, AS-15). Each is a plain allow/deny; a service that
// denies a read answers NotFound, exactly as for a missing object (no existence oracle).

// The actor is a supplier user of `supplier` (the company's own people).
bool CanActForSupplier(const Actor& actor, OrganisationId supplier);
// Own supplier users, and agency officers, centre staff and administrators (MFA passed):
// profile, readiness, documents other than financial statements.
bool CanReadSupplierPrivate(const Actor& actor, OrganisationId supplier);
// Financial statements: the supplier itself and agency officers only (docs/accounts.md).
bool CanReadSupplierFinancials(const Actor& actor, OrganisationId supplier);
// An agency officer of `agency` (MFA passed).
bool CanActForAgency(const Actor& actor, OrganisationId agency);
// An agency officer of any agency (MFA passed): the supplier directory.
bool IsAgencyOfficer(const Actor& actor);
// Centre staff (MFA passed): supplier reviews, sanctions, imports.
bool IsCentreStaff(const Actor& actor);
// An administrator (MFA passed).
bool IsAdministrator(const Actor& actor);
// The owner of `organisation`, or an administrator (MFA passed): invitations, role grants.
bool CanManageOrganisation(const Actor& actor, OrganisationId organisation);

namespace testing {
// Makes every check above call `hook` first; a hook that throws proves AS-17 (the check
// denies). Pass nullptr to remove it. Not for production code; not thread-safe to set.
void SetPolicyFaultHook(void (*hook)());
}  // namespace testing

}  // namespace tb::auth
