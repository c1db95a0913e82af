#include "auth/policy.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <exception>

#include "auth/internal/messages.h"

namespace tb::auth {
namespace {

std::atomic<void (*)()> fault_hook{nullptr};

// Runs one check; any exception (a bug, a fault hook) denies and is logged (AS-17).
template <typename Check>
bool Guarded(std::string_view name, Check check) noexcept {
  try {
    if (void (*hook)() = fault_hook.load(); hook != nullptr) hook();
    return check();
  } catch (const std::exception& e) {
    spdlog::error("auth policy: {} threw ({}); denied", name, e.what());
  } catch (...) {
    spdlog::error("auth policy: {} threw; denied", name);
  }
  return false;
}

bool HoldsScope(const Actor& actor, const std::optional<std::string>& scope) {
  if (actor.credential != Credential::kApiToken) return true;
  if (!scope) return false;
  return std::find(actor.scopes.begin(), actor.scopes.end(), *scope) != actor.scopes.end();
}

bool UsableIn(const Actor& actor, Role role, OrganisationId organisation) {
  if (!actor.authenticated() || !organisation.valid()) return false;
  if (!actor.Has(role, organisation)) return false;
  return !RoleRequiresMfa(role) || actor.mfa_verified;
}

}  // namespace

AccessRule AccessRule::Public() { return AccessRule(Access::kPublic); }
AccessRule AccessRule::Authenticated() { return AccessRule(Access::kAuthenticated); }

AccessRule AccessRule::AnyOf(std::initializer_list<Role> roles) {
  AccessRule rule(Access::kRoles);
  rule.roles_.assign(roles.begin(), roles.end());
  return rule;
}

AccessRule AccessRule::WithScope(std::string_view scope) const {
  AccessRule copy = *this;
  copy.scope_ = std::string(scope);
  return copy;
}

std::string AccessRule::Describe() const {
  std::string out;
  switch (access_) {
    case Access::kPublic:
      out = "public";
      break;
    case Access::kAuthenticated:
      out = "authenticated";
      break;
    case Access::kRoles:
      out = "roles:";
      for (std::size_t i = 0; i < roles_.size(); ++i) {
        if (i > 0) out += '|';
        out += RoleName(roles_[i]);
      }
      break;
  }
  if (scope_) out += " scope:" + *scope_;
  return out;
}

const std::vector<std::string>& KnownScopes() {
  static const std::vector<std::string> kScopes = {
      "notices:read",    "profile:read",   "profile:write",  "documents:read",
      "documents:write", "directory:read", "sanctions:read",
  };
  return kScopes;
}

Status CheckRoute(const Actor& actor, const AccessRule& rule) {
  // Decided inside Guarded so that a throw anywhere in it denies; the outcome travels out
  // through `decision`.
  enum class Decision { kAllow, kUnauthenticated, kForbidden, kMfaRequired };
  Decision decision = Decision::kForbidden;
  const bool decided = Guarded("CheckRoute", [&] {
    if (rule.access() == Access::kPublic) {
      decision = Decision::kAllow;
      return true;
    }
    if (!actor.authenticated()) {
      decision = Decision::kUnauthenticated;
      return true;
    }
    if (!HoldsScope(actor, rule.scope())) {
      decision = Decision::kForbidden;
      return true;
    }
    if (rule.access() == Access::kAuthenticated) {
      decision = Decision::kAllow;
      return true;
    }
    bool held_without_mfa = false;
    for (Role role : rule.roles()) {
      if (actor.HasUsable(role)) {
        decision = Decision::kAllow;
        return true;
      }
      if (actor.Has(role)) held_without_mfa = true;
    }
    decision = held_without_mfa ? Decision::kMfaRequired : Decision::kForbidden;
    return true;
  });
  if (!decided) return Status::PermissionDenied(std::string(internal::kForbidden));
  switch (decision) {
    case Decision::kAllow:
      return Status::Ok();
    case Decision::kUnauthenticated:
      return Status::Unauthenticated(std::string(internal::kUnauthenticated));
    case Decision::kMfaRequired:
      return Status::PermissionDenied(std::string(internal::kMfaRequired));
    case Decision::kForbidden:
      break;
  }
  return Status::PermissionDenied(std::string(internal::kForbidden));
}

std::string_view AuthProblemCode(const Status& status) {
  if (status.ok()) return {};
  for (const internal::ProblemMessage& known : internal::kProblemMessages) {
    if (status.code() == known.code && status.message() == known.message) return known.problem;
  }
  return {};
}

bool CanActForSupplier(const Actor& actor, OrganisationId supplier) {
  return Guarded("CanActForSupplier",
                 [&] { return UsableIn(actor, Role::kSupplierUser, supplier); });
}

bool CanReadSupplierPrivate(const Actor& actor, OrganisationId supplier) {
  return Guarded("CanReadSupplierPrivate", [&] {
    if (!supplier.valid()) return false;
    return UsableIn(actor, Role::kSupplierUser, supplier) ||
           actor.HasUsable(Role::kAgencyOfficer) || actor.HasUsable(Role::kCentreStaff) ||
           actor.HasUsable(Role::kAdministrator);
  });
}

bool CanReadSupplierFinancials(const Actor& actor, OrganisationId supplier) {
  return Guarded("CanReadSupplierFinancials", [&] {
    if (!supplier.valid()) return false;
    return UsableIn(actor, Role::kSupplierUser, supplier) || actor.HasUsable(Role::kAgencyOfficer);
  });
}

bool CanActForAgency(const Actor& actor, OrganisationId agency) {
  return Guarded("CanActForAgency", [&] { return UsableIn(actor, Role::kAgencyOfficer, agency); });
}

bool IsAgencyOfficer(const Actor& actor) {
  return Guarded("IsAgencyOfficer", [&] { return actor.HasUsable(Role::kAgencyOfficer); });
}

bool IsCentreStaff(const Actor& actor) {
  return Guarded("IsCentreStaff", [&] { return actor.HasUsable(Role::kCentreStaff); });
}

bool IsAdministrator(const Actor& actor) {
  return Guarded("IsAdministrator", [&] { return actor.HasUsable(Role::kAdministrator); });
}

bool CanManageOrganisation(const Actor& actor, OrganisationId organisation) {
  return Guarded("CanManageOrganisation", [&] {
    if (!actor.authenticated() || !organisation.valid()) return false;
    if (actor.HasUsable(Role::kAdministrator)) return true;
    if (!actor.OwnerOf(organisation)) return false;
    // An owner whose roles there need MFA must have passed it; a supplier owner need not.
    for (const Membership& m : actor.memberships) {
      if (m.organisation != organisation) continue;
      for (Role role : m.roles) {
        if (RoleRequiresMfa(role) && !actor.mfa_verified) return false;
      }
    }
    return true;
  });
}

namespace testing {
void SetPolicyFaultHook(void (*hook)()) { fault_hook.store(hook); }
}  // namespace testing

}  // namespace tb::auth
