// AuthService, part 3: membership management (docs/accounts.md "Membership management"):
// revoking invitations, removing members (or leaving), transferring ownership.
#include <algorithm>

#include "auth/auth_service.h"
#include "auth/internal/messages.h"
#include "auth/internal/validation.h"
#include "auth/policy.h"

namespace tb::auth {

using internal::OrganisationRef;
using internal::UserRef;

namespace {

bool MemberOf(const Actor& actor, OrganisationId organisation) {
  return std::any_of(actor.memberships.begin(), actor.memberships.end(),
                     [&](const Membership& m) { return m.organisation == organisation; });
}

Status NoSuchOrganisation() { return Status::NotFound("no such organisation"); }

}  // namespace

Status AuthService::CheckManager(const Actor& actor, OrganisationId organisation,
                                 std::string_view action, const std::string& object,
                                 const RequestMeta& meta) {
  if (CanManageOrganisation(actor, organisation)) return Status::Ok();
  Log(UserRef(actor.user), action, object, "denied", meta);
  // A member knows the organisation exists, so "forbidden" tells it nothing new; anyone else
  // gets the answer for a missing organisation (AS-14).
  if (MemberOf(actor, organisation)) {
    return Status::PermissionDenied(std::string(internal::kForbidden));
  }
  return NoSuchOrganisation();
}

Status AuthService::CheckStepUp(const Actor& actor, std::string_view action,
                                const std::string& object, const RequestMeta& meta) {
  if (clock_.Now() - actor.authenticated_at <= options_.step_up_window) return Status::Ok();
  Log(UserRef(actor.user), action, object, "reauthentication_required", meta);
  return Status::PermissionDenied(std::string(internal::kReauthenticationRequired));
}

Status AuthService::RevokeInvitation(const Actor& actor, OrganisationId organisation,
                                     std::int64_t invitation, const RequestMeta& meta) {
  if (!actor.authenticated()) {
    return Status::Unauthenticated(std::string(internal::kUnauthenticated));
  }
  constexpr std::string_view kAction = "invitation_revoke";
  const std::string object =
      OrganisationRef(organisation) + "/invitation:" + std::to_string(invitation);
  TB_RETURN_IF_ERROR(CheckManager(actor, organisation, kAction, object, meta));
  TB_ASSIGN_OR_RETURN(std::optional<OrganisationRecord> org, store_.FindOrganisation(organisation));
  if (!org) return NoSuchOrganisation();
  TB_ASSIGN_OR_RETURN(bool deleted, store_.DeleteInvitation(organisation, invitation));
  Log(UserRef(actor.user), kAction, object, deleted ? "success" : "not_found", meta);
  if (!deleted) return Status::NotFound("no such invitation");
  return Status::Ok();
}

Status AuthService::RemoveMember(const Actor& actor, OrganisationId organisation, UserId user,
                                 const RequestMeta& meta) {
  if (!actor.authenticated()) {
    return Status::Unauthenticated(std::string(internal::kUnauthenticated));
  }
  const bool leaving = actor.user == user && MemberOf(actor, organisation);
  const std::string_view action = leaving ? "member_leave" : "member_remove";
  const std::string object = OrganisationRef(organisation) + "/" + UserRef(user);
  const Status no_member = Status::NotFound("no such member");
  if (!leaving) {
    TB_RETURN_IF_ERROR(CheckManager(actor, organisation, action, object, meta));
    TB_RETURN_IF_ERROR(CheckStepUp(actor, action, object, meta));
    TB_ASSIGN_OR_RETURN(std::optional<OrganisationRecord> org,
                        store_.FindOrganisation(organisation));
    if (!org) return NoSuchOrganisation();
    // Only an administrator makes administrators (ValidateRolesFor), so only one unmakes them.
    TB_ASSIGN_OR_RETURN(std::vector<OrganisationMemberRecord> members,
                        store_.MembersOf(organisation));
    const auto target = std::find_if(members.begin(), members.end(),
                                     [&](const auto& m) { return m.user.id == user; });
    if (target == members.end()) {
      Log(UserRef(actor.user), action, object, "not_found", meta);
      return no_member;
    }
    const bool target_is_administrator = std::find(target->roles.begin(), target->roles.end(),
                                                   Role::kAdministrator) != target->roles.end();
    if (target_is_administrator && !IsAdministrator(actor)) {
      Log(UserRef(actor.user), action, object, "denied", meta, "target holds administrator");
      return Status::PermissionDenied(std::string(internal::kForbidden));
    }
  }
  TB_ASSIGN_OR_RETURN(AuthStore::Removal removal, store_.RemoveMembership(user, organisation));
  switch (removal) {
    case AuthStore::Removal::kRemoved:
      Log(UserRef(actor.user), action, object, "success", meta);
      return Status::Ok();
    case AuthStore::Removal::kNotMember:
      Log(UserRef(actor.user), action, object, "not_found", meta);
      return no_member;
    case AuthStore::Removal::kLastOwner:
      Log(UserRef(actor.user), action, object, "last_owner", meta);
      return Status::FailedPrecondition(std::string(internal::kLastOwner));
  }
  return Status::Internal("unknown membership removal outcome");
}

Status AuthService::TransferOwnership(const Actor& actor, OrganisationId organisation,
                                      UserId new_owner, const RequestMeta& meta) {
  if (!actor.authenticated()) {
    return Status::Unauthenticated(std::string(internal::kUnauthenticated));
  }
  constexpr std::string_view kAction = "ownership_transfer";
  const std::string object = OrganisationRef(organisation);
  TB_RETURN_IF_ERROR(CheckManager(actor, organisation, kAction, object, meta));
  TB_RETURN_IF_ERROR(CheckStepUp(actor, kAction, object, meta));
  TB_ASSIGN_OR_RETURN(std::optional<OrganisationRecord> org, store_.FindOrganisation(organisation));
  if (!org) return NoSuchOrganisation();
  TB_ASSIGN_OR_RETURN(bool transferred, store_.TransferOwnership(organisation, new_owner));
  if (!transferred) {
    Log(UserRef(actor.user), kAction, object, "not_found", meta, "to:" + UserRef(new_owner));
    return Status::NotFound("this user is not a member of the organisation").WithField("user_id");
  }
  Log(UserRef(actor.user), kAction, object, "success", meta, "to:" + UserRef(new_owner));
  return Status::Ok();
}

}  // namespace tb::auth
