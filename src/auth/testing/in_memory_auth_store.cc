#include "auth/testing/in_memory_auth_store.h"

#include <algorithm>

namespace tb::auth::testing {
namespace {

Status NoUser() { return Status::NotFound("no such user"); }

void MergeRoles(std::vector<Role>& into, const std::vector<Role>& roles) {
  for (Role r : roles) {
    if (std::find(into.begin(), into.end(), r) == into.end()) into.push_back(r);
  }
  std::sort(into.begin(), into.end());
}

}  // namespace

Result<UserId> InMemoryAuthStore::CreateUserLocked(const UserRecord& user) {
  for (const auto& [id, u] : users_) {
    if (u.email == user.email) return Status::AlreadyExists("a user has this e-mail");
  }
  UserRecord copy = user;
  copy.id = UserId{next_id_++};
  users_[copy.id.value] = copy;
  return copy.id;
}

Result<UserId> InMemoryAuthStore::CreateUser(const UserRecord& user) {
  std::lock_guard lock(mu_);
  return CreateUserLocked(user);
}

Result<std::optional<UserRecord>> InMemoryAuthStore::FindUser(UserId id) {
  std::lock_guard lock(mu_);
  auto it = users_.find(id.value);
  if (it == users_.end()) return std::optional<UserRecord>();
  return std::optional<UserRecord>(it->second);
}

Result<std::optional<UserRecord>> InMemoryAuthStore::FindUserByEmail(const std::string& email) {
  std::lock_guard lock(mu_);
  for (const auto& [id, u] : users_) {
    if (u.email == email) return std::optional<UserRecord>(u);
  }
  return std::optional<UserRecord>();
}

Status InMemoryAuthStore::SetPasswordHash(UserId id, const std::string& password_hash) {
  std::lock_guard lock(mu_);
  auto it = users_.find(id.value);
  if (it == users_.end()) return NoUser();
  it->second.password_hash = password_hash;
  return Status::Ok();
}

Status InMemoryAuthStore::SetEmailVerified(UserId id, Timestamp at) {
  std::lock_guard lock(mu_);
  auto it = users_.find(id.value);
  if (it == users_.end()) return NoUser();
  it->second.email_verified_at = at;
  return Status::Ok();
}

Status InMemoryAuthStore::SetPendingTotpSecret(UserId id, const std::string& secret) {
  std::lock_guard lock(mu_);
  auto it = users_.find(id.value);
  if (it == users_.end()) return NoUser();
  it->second.totp_pending_secret = secret;
  return Status::Ok();
}

Status InMemoryAuthStore::ActivateTotp(UserId id, std::int64_t step) {
  std::lock_guard lock(mu_);
  auto it = users_.find(id.value);
  if (it == users_.end()) return NoUser();
  if (it->second.totp_pending_secret.empty()) {
    return Status::FailedPrecondition("no pending TOTP secret");
  }
  it->second.totp_secret = it->second.totp_pending_secret;
  it->second.totp_pending_secret.clear();
  it->second.totp_last_step = step;
  return Status::Ok();
}

Result<bool> InMemoryAuthStore::ClaimTotpStep(UserId id, std::int64_t step) {
  std::lock_guard lock(mu_);
  auto it = users_.find(id.value);
  if (it == users_.end()) return NoUser();
  if (step <= it->second.totp_last_step) return false;
  it->second.totp_last_step = step;
  return true;
}

Result<AuthStore::UserWithOrganisation> InMemoryAuthStore::CreateUserWithOrganisation(
    const UserRecord& user, const OrganisationRecord& organisation,
    const std::vector<Role>& roles) {
  std::lock_guard lock(mu_);
  TB_ASSIGN_OR_RETURN(UserId user_id, CreateUserLocked(user));
  OrganisationRecord org = organisation;
  org.id = OrganisationId{next_id_++};
  organisations_[org.id.value] = org;
  MembershipRow row{true, {}};
  MergeRoles(row.roles, roles);
  memberships_[{user_id.value, org.id.value}] = row;
  return UserWithOrganisation{user_id, org.id};
}

Result<OrganisationId> InMemoryAuthStore::CreateOrganisation(
    const OrganisationRecord& organisation) {
  std::lock_guard lock(mu_);
  for (const auto& [id, o] : organisations_) {
    if (o.kind == organisation.kind && o.name == organisation.name) {
      return Status::AlreadyExists("an organisation of this kind has this name");
    }
  }
  OrganisationRecord org = organisation;
  org.id = OrganisationId{next_id_++};
  organisations_[org.id.value] = org;
  return org.id;
}

Result<std::optional<OrganisationRecord>> InMemoryAuthStore::FindOrganisation(OrganisationId id) {
  std::lock_guard lock(mu_);
  auto it = organisations_.find(id.value);
  if (it == organisations_.end()) return std::optional<OrganisationRecord>();
  return std::optional<OrganisationRecord>(it->second);
}

Result<std::optional<OrganisationRecord>> InMemoryAuthStore::FindOrganisationByName(
    OrganisationKind kind, const std::string& name) {
  std::lock_guard lock(mu_);
  for (const auto& [id, o] : organisations_) {
    if (o.kind == kind && o.name == name) return std::optional<OrganisationRecord>(o);
  }
  return std::optional<OrganisationRecord>();
}

Result<std::vector<OrganisationRecord>> InMemoryAuthStore::ListOrganisations(
    std::optional<OrganisationKind> kind) {
  std::lock_guard lock(mu_);
  std::vector<OrganisationRecord> out;
  for (const auto& [id, o] : organisations_) {
    if (!kind || o.kind == *kind) out.push_back(o);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.name != b.name ? a.name < b.name : a.id < b.id;
  });
  return out;
}

Status InMemoryAuthStore::AddMembership(UserId user, OrganisationId organisation, bool owner,
                                        const std::vector<Role>& roles) {
  std::lock_guard lock(mu_);
  if (!users_.contains(user.value)) return NoUser();
  if (!organisations_.contains(organisation.value)) return Status::NotFound("no such organisation");
  MembershipRow& row = memberships_[{user.value, organisation.value}];
  row.owner = row.owner || owner;
  MergeRoles(row.roles, roles);
  return Status::Ok();
}

Status InMemoryAuthStore::SetMembershipRoles(UserId user, OrganisationId organisation,
                                             const std::vector<Role>& roles) {
  std::lock_guard lock(mu_);
  auto it = memberships_.find({user.value, organisation.value});
  if (it == memberships_.end()) return Status::NotFound("the user is not a member");
  it->second.roles.clear();
  MergeRoles(it->second.roles, roles);
  return Status::Ok();
}

Result<std::vector<Membership>> InMemoryAuthStore::MembershipsOf(UserId user) {
  std::lock_guard lock(mu_);
  std::vector<Membership> out;
  for (const auto& [key, row] : memberships_) {
    if (key.first != user.value) continue;
    const OrganisationRecord& org = organisations_.at(key.second);
    out.push_back(Membership{org.id, org.kind, row.owner, row.roles});
  }
  return out;
}

Result<std::vector<OrganisationMemberRecord>> InMemoryAuthStore::MembersOf(
    OrganisationId organisation) {
  std::lock_guard lock(mu_);
  std::vector<OrganisationMemberRecord> out;
  for (const auto& [user_id, user] : users_) {  // by user id, as the SQL store
    auto it = memberships_.find({user_id, organisation.value});
    if (it == memberships_.end()) continue;
    std::vector<Role> roles = it->second.roles;
    std::sort(roles.begin(), roles.end());
    out.push_back(OrganisationMemberRecord{user, it->second.owner, std::move(roles)});
  }
  return out;
}

Result<std::int64_t> InMemoryAuthStore::CreateSession(const SessionRecord& session) {
  std::lock_guard lock(mu_);
  for (const auto& [id, s] : sessions_) {
    if (s.token_hash == session.token_hash) return Status::AlreadyExists("duplicate session");
  }
  SessionRecord copy = session;
  copy.id = next_id_++;
  sessions_[copy.id] = copy;
  return copy.id;
}

Result<std::optional<SessionRecord>> InMemoryAuthStore::FindSession(const std::string& token_hash) {
  std::lock_guard lock(mu_);
  for (const auto& [id, s] : sessions_) {
    if (s.token_hash == token_hash) return std::optional<SessionRecord>(s);
  }
  return std::optional<SessionRecord>();
}

Status InMemoryAuthStore::TouchSession(std::int64_t id, Timestamp last_seen_at) {
  std::lock_guard lock(mu_);
  if (auto it = sessions_.find(id); it != sessions_.end()) it->second.last_seen_at = last_seen_at;
  return Status::Ok();
}

Status InMemoryAuthStore::MarkSessionAuthenticated(std::int64_t id, Timestamp at,
                                                   bool mfa_verified) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return Status::NotFound("no such session");
  it->second.authenticated_at = at;
  it->second.mfa_verified = mfa_verified;
  return Status::Ok();
}

Status InMemoryAuthStore::DeleteSession(std::int64_t id) {
  std::lock_guard lock(mu_);
  sessions_.erase(id);
  return Status::Ok();
}

Status InMemoryAuthStore::DeleteSessionsOf(UserId user) {
  std::lock_guard lock(mu_);
  std::erase_if(sessions_, [&](const auto& entry) { return entry.second.user == user; });
  return Status::Ok();
}

Result<std::int64_t> InMemoryAuthStore::DeleteExpiredSessions(Timestamp idle_before,
                                                              Timestamp created_before) {
  std::lock_guard lock(mu_);
  return static_cast<std::int64_t>(std::erase_if(sessions_, [&](const auto& entry) {
    return entry.second.last_seen_at < idle_before || entry.second.created_at < created_before;
  }));
}

Result<std::int64_t> InMemoryAuthStore::CreateEmailToken(const EmailTokenRecord& token) {
  std::lock_guard lock(mu_);
  EmailTokenRecord copy = token;
  copy.id = next_id_++;
  email_tokens_[copy.id] = copy;
  return copy.id;
}

Result<std::optional<EmailTokenRecord>> InMemoryAuthStore::ConsumeEmailToken(
    const std::string& token_hash, EmailTokenPurpose purpose, Timestamp now) {
  std::lock_guard lock(mu_);
  for (auto& [id, t] : email_tokens_) {
    if (t.token_hash != token_hash || t.purpose != purpose) continue;
    if (t.used_at || t.expires_at <= now) return std::optional<EmailTokenRecord>();
    t.used_at = now;
    return std::optional<EmailTokenRecord>(t);
  }
  return std::optional<EmailTokenRecord>();
}

Result<std::int64_t> InMemoryAuthStore::CreateInvitation(const InvitationRecord& invitation) {
  std::lock_guard lock(mu_);
  InvitationRecord copy = invitation;
  copy.id = next_id_++;
  invitations_[copy.id] = copy;
  return copy.id;
}

Result<std::optional<InvitationRecord>> InMemoryAuthStore::FindOpenInvitation(
    const std::string& token_hash, Timestamp now) {
  std::lock_guard lock(mu_);
  for (const auto& [id, i] : invitations_) {
    if (i.token_hash == token_hash && !i.accepted_at && i.expires_at > now) {
      return std::optional<InvitationRecord>(i);
    }
  }
  return std::optional<InvitationRecord>();
}

Result<bool> InMemoryAuthStore::MarkInvitationAccepted(std::int64_t id, Timestamp at) {
  std::lock_guard lock(mu_);
  auto it = invitations_.find(id);
  if (it == invitations_.end() || it->second.accepted_at) return false;
  it->second.accepted_at = at;
  return true;
}

Result<std::vector<InvitationRecord>> InMemoryAuthStore::OpenInvitationsOf(
    OrganisationId organisation, Timestamp now) {
  std::lock_guard lock(mu_);
  std::vector<InvitationRecord> out;
  for (const auto& [id, i] : invitations_) {
    if (i.organisation == organisation && !i.accepted_at && i.expires_at > now) out.push_back(i);
  }
  return out;
}

Result<bool> InMemoryAuthStore::DeleteInvitation(OrganisationId organisation, std::int64_t id) {
  std::lock_guard lock(mu_);
  auto it = invitations_.find(id);
  if (it == invitations_.end() || it->second.organisation != organisation ||
      it->second.accepted_at) {
    return false;
  }
  invitations_.erase(it);
  return true;
}

Result<AuthStore::Removal> InMemoryAuthStore::RemoveMembership(UserId user,
                                                               OrganisationId organisation) {
  std::lock_guard lock(mu_);
  auto it = memberships_.find({user.value, organisation.value});
  if (it == memberships_.end()) return Removal::kNotMember;
  if (it->second.owner) {
    const auto owners = std::count_if(memberships_.begin(), memberships_.end(), [&](const auto& m) {
      return m.first.second == organisation.value && m.second.owner;
    });
    if (owners <= 1) return Removal::kLastOwner;
  }
  memberships_.erase(it);
  return Removal::kRemoved;
}

Result<bool> InMemoryAuthStore::TransferOwnership(OrganisationId organisation, UserId user) {
  std::lock_guard lock(mu_);
  if (!memberships_.contains({user.value, organisation.value})) return false;
  for (auto& [key, row] : memberships_) {
    if (key.second == organisation.value) row.owner = key.first == user.value;
  }
  return true;
}

Result<std::int64_t> InMemoryAuthStore::CreateApiToken(const ApiTokenRecord& token) {
  std::lock_guard lock(mu_);
  ApiTokenRecord copy = token;
  copy.id = next_id_++;
  api_tokens_[copy.id] = copy;
  return copy.id;
}

Result<std::vector<ApiTokenRecord>> InMemoryAuthStore::ApiTokensOf(UserId user) {
  std::lock_guard lock(mu_);
  std::vector<ApiTokenRecord> out;
  for (const auto& [id, t] : api_tokens_) {
    if (t.user == user) out.push_back(t);
  }
  return out;
}

Result<std::optional<ApiTokenRecord>> InMemoryAuthStore::FindApiToken(
    const std::string& token_hash) {
  std::lock_guard lock(mu_);
  for (const auto& [id, t] : api_tokens_) {
    if (t.token_hash == token_hash) return std::optional<ApiTokenRecord>(t);
  }
  return std::optional<ApiTokenRecord>();
}

Result<bool> InMemoryAuthStore::RevokeApiToken(UserId user, std::int64_t id, Timestamp at) {
  std::lock_guard lock(mu_);
  auto it = api_tokens_.find(id);
  if (it == api_tokens_.end() || it->second.user != user || it->second.revoked_at) return false;
  it->second.revoked_at = at;
  return true;
}

Status InMemoryAuthStore::TouchApiToken(std::int64_t id, Timestamp at) {
  std::lock_guard lock(mu_);
  if (auto it = api_tokens_.find(id); it != api_tokens_.end()) it->second.last_used_at = at;
  return Status::Ok();
}

Status InMemoryAuthStore::RecordLoginCheck(UserId user, Timestamp at, bool success) {
  std::lock_guard lock(mu_);
  login_checks_.push_back({user, at, success});
  return Status::Ok();
}

Result<LoginChecks> InMemoryAuthStore::LoginChecksSince(UserId user, Timestamp since) {
  std::lock_guard lock(mu_);
  LoginChecks out;
  for (const LoginCheckRow& row : login_checks_) {
    if (row.user != user || row.at < since) continue;
    ++out.checks;
    if (!out.oldest_check || row.at < *out.oldest_check) out.oldest_check = row.at;
    if (row.success) {
      out.failures_since_success = 0;
    } else {
      ++out.failures_since_success;
      out.last_failure = row.at;
    }
  }
  return out;
}

Status InMemoryAuthStore::DeleteLoginChecksBefore(Timestamp before) {
  std::lock_guard lock(mu_);
  std::erase_if(login_checks_, [&](const LoginCheckRow& row) { return row.at < before; });
  return Status::Ok();
}

std::vector<UserRecord> InMemoryAuthStore::AllUsers() const {
  std::lock_guard lock(mu_);
  std::vector<UserRecord> out;
  for (const auto& [id, u] : users_) out.push_back(u);
  return out;
}

std::vector<EmailTokenRecord> InMemoryAuthStore::AllEmailTokens() const {
  std::lock_guard lock(mu_);
  std::vector<EmailTokenRecord> out;
  for (const auto& [id, t] : email_tokens_) out.push_back(t);
  return out;
}

std::vector<SessionRecord> InMemoryAuthStore::AllSessions() const {
  std::lock_guard lock(mu_);
  std::vector<SessionRecord> out;
  for (const auto& [id, s] : sessions_) out.push_back(s);
  return out;
}

}  // namespace tb::auth::testing
