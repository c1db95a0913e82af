// AuthService, part 2: organisations, invitations, role grants, API tokens and operator
// provisioning. Part 1 is auth_service.cc.
#include <algorithm>
#include <set>

#include "auth/auth_service.h"
#include "auth/internal/messages.h"
#include "auth/internal/validation.h"
#include "auth/mail_texts.h"
#include "auth/policy.h"
#include "crypto/random.h"

namespace tb::auth {

using internal::OrganisationRef;
using internal::ToUser;
using internal::UserRef;

namespace {

constexpr std::size_t kTokenBytes = 32;
constexpr std::string_view kApiTokenPrefix = "tbk_";
constexpr std::size_t kMaxLiveApiTokens = 20;
// last_used_at of an API token is written at most this often.
constexpr std::chrono::microseconds kTokenTouchInterval = std::chrono::minutes(1);

Status Forbidden() { return Status::PermissionDenied(std::string(internal::kForbidden)); }
Status Unauthenticated() {
  return Status::Unauthenticated(std::string(internal::kUnauthenticated));
}

// Which roles an organisation of each kind can hold.
bool RoleFitsKind(Role role, OrganisationKind kind) {
  switch (role) {
    case Role::kSupplierUser:
      return kind == OrganisationKind::kSupplier;
    case Role::kAgencyOfficer:
      return kind == OrganisationKind::kAgency;
    case Role::kCommitteeMember:
    case Role::kEvaluator:
      return kind == OrganisationKind::kAgency || kind == OrganisationKind::kCentre;
    case Role::kCentreStaff:
    case Role::kAdministrator:
      return kind == OrganisationKind::kCentre;
  }
  return false;
}

Status RoleDoesNotFit(Role role, OrganisationKind kind, std::string field) {
  const std::string_view kind_name = OrganisationKindName(kind);
  return Status::InvalidArgument(std::string(RoleName(role)) + " cannot be held in " +
                                 (kind == OrganisationKind::kAgency ? "an " : "a ") +
                                 std::string(kind_name) + " organisation")
      .WithField(std::move(field));
}

std::vector<Role> Deduplicated(std::vector<Role> roles) {
  std::sort(roles.begin(), roles.end());
  roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
  return roles;
}

}  // namespace

Status AuthService::ValidateRolesFor(const Actor& actor, const OrganisationRecord& organisation,
                                     const std::vector<Role>& roles) const {
  for (Role role : roles) {
    if (!RoleFitsKind(role, organisation.kind)) {
      return RoleDoesNotFit(role, organisation.kind, "roles");
    }
    // Only an administrator makes administrators, even an owner of the centre cannot.
    if (role == Role::kAdministrator && !IsAdministrator(actor)) return Forbidden();
  }
  return Status::Ok();
}

Result<OrganisationId> AuthService::CreateOrganisation(const Actor& actor, OrganisationKind kind,
                                                       std::string_view name,
                                                       std::string_view country,
                                                       const RequestMeta& meta) {
  if (!actor.authenticated()) return Unauthenticated();
  if (!IsAdministrator(actor)) {
    Log(UserRef(actor.user), "organisation_create", "organisation:new", "denied", meta);
    return Forbidden();
  }
  TB_ASSIGN_OR_RETURN(std::string clean_name, internal::CleanName(name, "name"));
  TB_ASSIGN_OR_RETURN(
      std::string clean_country,
      internal::CleanCountry(country, "country", kind != OrganisationKind::kSupplier));
  OrganisationRecord record{{}, kind, clean_name, clean_country, clock_.Now()};
  TB_ASSIGN_OR_RETURN(OrganisationId id, store_.CreateOrganisation(record));
  Log(UserRef(actor.user), "organisation_create", OrganisationRef(id), "success", meta,
      std::string(OrganisationKindName(kind)));
  return id;
}

Result<std::optional<OrganisationRecord>> AuthService::FindOrganisation(OrganisationId id) {
  return store_.FindOrganisation(id);
}

Result<std::int64_t> AuthService::Invite(const Actor& actor, OrganisationId organisation,
                                         std::string_view email, const std::vector<Role>& roles,
                                         const RequestMeta& meta) {
  if (!actor.authenticated()) return Unauthenticated();
  if (!CanManageOrganisation(actor, organisation)) {
    Log(UserRef(actor.user), "invite", OrganisationRef(organisation), "denied", meta);
    return Forbidden();
  }
  TB_ASSIGN_OR_RETURN(std::optional<OrganisationRecord> org, store_.FindOrganisation(organisation));
  if (!org) return Status::NotFound("no such organisation");
  TB_ASSIGN_OR_RETURN(std::string normalised, NormaliseEmail(email));
  if (roles.empty()) return Status::InvalidArgument("name at least one role").WithField("roles");
  const std::vector<Role> wanted = Deduplicated(roles);
  TB_RETURN_IF_ERROR(ValidateRolesFor(actor, *org, wanted));

  const Timestamp now = clock_.Now();
  const std::string token = crypto::RandomToken(kTokenBytes);
  InvitationRecord record;
  record.token_hash = crypto::Sha256Hex(token);
  record.organisation = organisation;
  record.email = normalised;
  record.roles = wanted;
  record.invited_by = actor.user;
  record.created_at = now;
  record.expires_at = now + options_.invitation_lifetime;
  TB_ASSIGN_OR_RETURN(std::int64_t id, store_.CreateInvitation(record));
  Log(UserRef(actor.user), "invite", OrganisationRef(organisation), "success", meta,
      "email:" + normalised + " roles:" + internal::JoinRoles(wanted));

  // The invitee's own language when it has an account, else the inviter's.
  std::string language = "en";
  TB_ASSIGN_OR_RETURN(std::optional<UserRecord> invitee, store_.FindUserByEmail(normalised));
  if (invitee) {
    language = invitee->language;
  } else {
    TB_ASSIGN_OR_RETURN(std::optional<UserRecord> inviter, store_.FindUser(actor.user));
    if (inviter) language = inviter->language;
  }
  TB_RETURN_IF_ERROR(mailer_.Send(
      InvitationMail(language, normalised, org->name, Link("/accept-invitation", token))));
  return id;
}

Status AuthService::AcceptInvitation(const InvitationAcceptance& acceptance,
                                     const RequestMeta& meta) {
  const Timestamp now = clock_.Now();
  TB_ASSIGN_OR_RETURN(std::optional<InvitationRecord> invitation,
                      store_.FindOpenInvitation(crypto::Sha256Hex(acceptance.token), now));
  if (!invitation) {
    Log("public", "invitation_accept", "token", "invalid_token", meta);
    return Status::InvalidArgument(std::string(internal::kInvalidToken));
  }
  TB_ASSIGN_OR_RETURN(std::optional<UserRecord> user, store_.FindUserByEmail(invitation->email));
  UserRecord new_user;
  if (!user) {
    // Validated before the invitation is used up, so a refused password can be corrected.
    TB_ASSIGN_OR_RETURN(new_user.display_name,
                        internal::CleanName(acceptance.display_name, "display_name"));
    if (!IsMailLanguage(acceptance.language)) {
      return Status::InvalidArgument("must be one of en, fr, es, zh, ar, ru").WithField("language");
    }
    TB_RETURN_IF_ERROR(policy_.Check(acceptance.password));
    TB_ASSIGN_OR_RETURN(new_user.password_hash,
                        crypto::HashPassword(acceptance.password, options_.password_hash));
    new_user.email = invitation->email;
    new_user.language = acceptance.language;
    new_user.created_at = now;
    new_user.email_verified_at = now;  // the link reached the address
  }
  TB_ASSIGN_OR_RETURN(bool accepted, store_.MarkInvitationAccepted(invitation->id, now));
  if (!accepted) return Status::InvalidArgument(std::string(internal::kInvalidToken));
  UserId user_id;
  if (user) {
    user_id = user->id;
  } else {
    Result<UserId> created = store_.CreateUser(new_user);
    if (created.ok()) {
      user_id = *created;
    } else if (created.status().code() == StatusCode::kAlreadyExists) {
      TB_ASSIGN_OR_RETURN(std::optional<UserRecord> raced,
                          store_.FindUserByEmail(invitation->email));
      if (!raced) return Status::Internal("an account vanished while an invitation was accepted");
      user_id = raced->id;
    } else {
      return created.status();
    }
  }
  TB_RETURN_IF_ERROR(
      store_.AddMembership(user_id, invitation->organisation, false, invitation->roles));
  Log(UserRef(user_id), "invitation_accept", OrganisationRef(invitation->organisation), "success",
      meta, "roles:" + internal::JoinRoles(invitation->roles));
  return Status::Ok();
}

Result<OrganisationMembers> AuthService::ListMembers(const Actor& actor,
                                                     OrganisationId organisation,
                                                     const RequestMeta& meta) {
  if (!actor.authenticated()) return Unauthenticated();
  const Status not_found = Status::NotFound("no such organisation");
  if (!CanManageOrganisation(actor, organisation)) {
    Log(UserRef(actor.user), "member_list", OrganisationRef(organisation), "denied", meta);
    return not_found;
  }
  TB_ASSIGN_OR_RETURN(std::optional<OrganisationRecord> org, store_.FindOrganisation(organisation));
  if (!org) return not_found;
  OrganisationMembers out;
  out.organisation = std::move(*org);
  TB_ASSIGN_OR_RETURN(std::vector<OrganisationMemberRecord> members,
                      store_.MembersOf(organisation));
  for (OrganisationMemberRecord& member : members) {
    out.members.push_back({ToUser(member.user), member.owner, std::move(member.roles)});
  }
  TB_ASSIGN_OR_RETURN(std::vector<InvitationRecord> invitations,
                      store_.OpenInvitationsOf(organisation, clock_.Now()));
  for (InvitationRecord& invitation : invitations) {
    out.invitations.push_back({invitation.id, std::move(invitation.email),
                               std::move(invitation.roles), invitation.invited_by,
                               invitation.created_at, invitation.expires_at});
  }
  return out;
}

Status AuthService::SetRoles(const Actor& actor, OrganisationId organisation, UserId user,
                             const std::vector<Role>& roles, const RequestMeta& meta) {
  if (!actor.authenticated()) return Unauthenticated();
  const std::string object = OrganisationRef(organisation) + "/" + UserRef(user);
  if (!CanManageOrganisation(actor, organisation)) {
    Log(UserRef(actor.user), "role_grant", object, "denied", meta);
    return Forbidden();
  }
  if (clock_.Now() - actor.authenticated_at > options_.step_up_window) {
    Log(UserRef(actor.user), "role_grant", object, "reauthentication_required", meta);
    return Status::PermissionDenied(std::string(internal::kReauthenticationRequired));
  }
  TB_ASSIGN_OR_RETURN(std::optional<OrganisationRecord> org, store_.FindOrganisation(organisation));
  if (!org) return Status::NotFound("no such organisation");
  const std::vector<Role> wanted = Deduplicated(roles);
  if (Status s = ValidateRolesFor(actor, *org, wanted); !s.ok()) {
    Log(UserRef(actor.user), "role_grant", object,
        s.code() == StatusCode::kPermissionDenied ? "denied" : "invalid", meta);
    return s;
  }
  TB_RETURN_IF_ERROR(store_.SetMembershipRoles(user, organisation, wanted));
  Log(UserRef(actor.user), "role_grant", object, "success", meta,
      "roles:" + internal::JoinRoles(wanted));
  return Status::Ok();
}

Result<NewApiToken> AuthService::CreateApiToken(const Actor& actor, std::string_view name,
                                                const std::vector<std::string>& scopes,
                                                const RequestMeta& meta) {
  if (!actor.authenticated()) return Unauthenticated();
  // A token cannot mint tokens: a leaked token must not outlive its own revocation.
  if (actor.credential != Credential::kSession) return Forbidden();
  TB_ASSIGN_OR_RETURN(std::string clean_name, internal::CleanName(name, "name"));
  if (scopes.empty()) return Status::InvalidArgument("name at least one scope").WithField("scopes");
  std::set<std::string> unique;
  for (const std::string& scope : scopes) {
    const std::vector<std::string>& known = KnownScopes();
    if (std::find(known.begin(), known.end(), scope) == known.end()) {
      return Status::InvalidArgument("unknown scope " + scope).WithField("scopes");
    }
    unique.insert(scope);
  }
  TB_ASSIGN_OR_RETURN(std::vector<ApiTokenRecord> existing, store_.ApiTokensOf(actor.user));
  const auto live = std::count_if(existing.begin(), existing.end(),
                                  [](const ApiTokenRecord& t) { return !t.revoked_at; });
  if (static_cast<std::size_t>(live) >= kMaxLiveApiTokens) {
    return Status::ResourceExhausted("revoke a token before creating another (at most 20)");
  }
  const std::string token = std::string(kApiTokenPrefix) + crypto::RandomToken(kTokenBytes);
  ApiTokenRecord record;
  record.user = actor.user;
  record.name = clean_name;
  record.token_hash = crypto::Sha256Hex(token);
  record.prefix = token.substr(0, kApiTokenPrefix.size() + 4);
  record.scopes.assign(unique.begin(), unique.end());
  record.created_at = clock_.Now();
  TB_ASSIGN_OR_RETURN(std::int64_t id, store_.CreateApiToken(record));
  Log(UserRef(actor.user), "api_token_create", "api_token:" + std::to_string(id), "success", meta);
  return NewApiToken{id, token};
}

Result<std::vector<ApiTokenInfo>> AuthService::ListApiTokens(const Actor& actor) {
  if (!actor.authenticated()) return Unauthenticated();
  TB_ASSIGN_OR_RETURN(std::vector<ApiTokenRecord> tokens, store_.ApiTokensOf(actor.user));
  std::vector<ApiTokenInfo> out;
  out.reserve(tokens.size());
  for (ApiTokenRecord& t : tokens) {
    out.push_back({t.id, std::move(t.name), std::move(t.prefix), std::move(t.scopes), t.created_at,
                   t.last_used_at, t.revoked_at});
  }
  return out;
}

Status AuthService::RevokeApiToken(const Actor& actor, std::int64_t id, const RequestMeta& meta) {
  if (!actor.authenticated()) return Unauthenticated();
  TB_ASSIGN_OR_RETURN(bool revoked, store_.RevokeApiToken(actor.user, id, clock_.Now()));
  Log(UserRef(actor.user), "api_token_revoke", "api_token:" + std::to_string(id),
      revoked ? "success" : "not_found", meta);
  if (!revoked) return Status::NotFound("no such token");
  return Status::Ok();
}

Result<Actor> AuthService::ResolveToken(std::string_view bearer_token) {
  if (!bearer_token.starts_with(kApiTokenPrefix)) return Unauthenticated();
  TB_ASSIGN_OR_RETURN(std::optional<ApiTokenRecord> token,
                      store_.FindApiToken(crypto::Sha256Hex(bearer_token)));
  if (!token || token->revoked_at) return Unauthenticated();
  TB_ASSIGN_OR_RETURN(std::optional<UserRecord> user, store_.FindUser(token->user));
  if (!user) return Unauthenticated();
  const Timestamp now = clock_.Now();
  if (!token->last_used_at || now - *token->last_used_at >= kTokenTouchInterval) {
    TB_RETURN_IF_ERROR(store_.TouchApiToken(token->id, now));
  }
  // authenticated_at stays at the epoch: a token never satisfies a step-up (AS-12).
  TB_ASSIGN_OR_RETURN(Actor actor, BuildActor(*user, Credential::kApiToken, false, Timestamp()));
  actor.scopes = token->scopes;
  return actor;
}

Result<OrganisationId> AuthService::ProvisionOrganisation(OrganisationKind kind,
                                                          std::string_view name,
                                                          std::string_view country) {
  TB_ASSIGN_OR_RETURN(std::string clean_name, internal::CleanName(name, "organisation"));
  TB_ASSIGN_OR_RETURN(std::string clean_country, internal::CleanCountry(country, "country", true));
  TB_ASSIGN_OR_RETURN(std::optional<OrganisationRecord> existing,
                      store_.FindOrganisationByName(kind, clean_name));
  if (existing) return existing->id;
  OrganisationRecord record{{}, kind, clean_name, clean_country, clock_.Now()};
  TB_ASSIGN_OR_RETURN(OrganisationId id, store_.CreateOrganisation(record));
  Log("cli", "organisation_create", OrganisationRef(id), "success", {},
      std::string(OrganisationKindName(kind)));
  return id;
}

Result<UserId> AuthService::ProvisionUser(std::string_view email, std::string_view password,
                                          std::string_view display_name,
                                          OrganisationId organisation, std::optional<Role> role) {
  TB_ASSIGN_OR_RETURN(std::string normalised, NormaliseEmail(email));
  TB_RETURN_IF_ERROR(policy_.Check(password));
  UserRecord user;
  user.email = normalised;
  TB_ASSIGN_OR_RETURN(
      user.display_name,
      internal::CleanName(display_name.empty() ? normalised : display_name, "display_name"));
  user.language = "en";
  TB_ASSIGN_OR_RETURN(user.password_hash, crypto::HashPassword(password, options_.password_hash));
  user.created_at = clock_.Now();
  user.email_verified_at = user.created_at;
  if (organisation.valid() && role) {
    TB_ASSIGN_OR_RETURN(std::optional<OrganisationRecord> org,
                        store_.FindOrganisation(organisation));
    if (!org) return Status::NotFound("no such organisation").WithField("organisation");
    if (!RoleFitsKind(*role, org->kind)) {
      return RoleDoesNotFit(*role, org->kind, "role");
    }
  }
  TB_ASSIGN_OR_RETURN(UserId id, store_.CreateUser(user));
  if (organisation.valid() && role) {
    TB_RETURN_IF_ERROR(store_.AddMembership(id, organisation, false, {*role}));
  }
  Log("cli", "user_create", UserRef(id), "success", {},
      role ? "role:" + std::string(RoleName(*role)) + " in " + OrganisationRef(organisation) : "");
  return id;
}

Status AuthService::ProvisionRole(std::string_view email, OrganisationId organisation, Role role) {
  TB_ASSIGN_OR_RETURN(std::string normalised, NormaliseEmail(email));
  TB_ASSIGN_OR_RETURN(std::optional<UserRecord> user, store_.FindUserByEmail(normalised));
  if (!user) return Status::NotFound("no account has this e-mail").WithField("email");
  TB_ASSIGN_OR_RETURN(std::optional<OrganisationRecord> org, store_.FindOrganisation(organisation));
  if (!org) return Status::NotFound("no such organisation").WithField("organisation");
  if (!RoleFitsKind(role, org->kind)) {
    return RoleDoesNotFit(role, org->kind, "role");
  }
  TB_RETURN_IF_ERROR(store_.AddMembership(user->id, organisation, false, {role}));
  Log("cli", "role_grant", OrganisationRef(organisation) + "/" + UserRef(user->id), "success", {},
      "roles:" + std::string(RoleName(role)));
  return Status::Ok();
}

}  // namespace tb::auth
