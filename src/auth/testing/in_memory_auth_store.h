#pragma once

#include <map>
#include <mutex>

#include "auth/auth_store.h"

namespace tb::auth::testing {

// AuthStore in memory, with the same contract as storage's SQL store (the store tests in
// storage/auth_store_test.cc hold the SQL one to it). Thread-safe (one mutex).
class InMemoryAuthStore final : public AuthStore {
 public:
  Result<UserId> CreateUser(const UserRecord& user) override;
  Result<std::optional<UserRecord>> FindUser(UserId id) override;
  Result<std::optional<UserRecord>> FindUserByEmail(const std::string& email) override;
  Status SetPasswordHash(UserId id, const std::string& password_hash) override;
  Status SetEmailVerified(UserId id, Timestamp at) override;
  Status SetPendingTotpSecret(UserId id, const std::string& secret) override;
  Status ActivateTotp(UserId id, std::int64_t step) override;
  Result<bool> ClaimTotpStep(UserId id, std::int64_t step) override;
  Result<UserWithOrganisation> CreateUserWithOrganisation(const UserRecord& user,
                                                          const OrganisationRecord& organisation,
                                                          const std::vector<Role>& roles) override;
  Result<OrganisationId> CreateOrganisation(const OrganisationRecord& organisation) override;
  Result<std::optional<OrganisationRecord>> FindOrganisation(OrganisationId id) override;
  Result<std::optional<OrganisationRecord>> FindOrganisationByName(
      OrganisationKind kind, const std::string& name) override;
  Result<std::vector<OrganisationRecord>> ListOrganisations(
      std::optional<OrganisationKind> kind) override;
  Status AddMembership(UserId user, OrganisationId organisation, bool owner,
                       const std::vector<Role>& roles) override;
  Status SetMembershipRoles(UserId user, OrganisationId organisation,
                            const std::vector<Role>& roles) override;
  Result<std::vector<Membership>> MembershipsOf(UserId user) override;
  Result<std::vector<OrganisationMemberRecord>> MembersOf(OrganisationId organisation) override;
  Result<Removal> RemoveMembership(UserId user, OrganisationId organisation) override;
  Result<bool> TransferOwnership(OrganisationId organisation, UserId user) override;
  Result<std::int64_t> CreateSession(const SessionRecord& session) override;
  Result<std::optional<SessionRecord>> FindSession(const std::string& token_hash) override;
  Status TouchSession(std::int64_t id, Timestamp last_seen_at) override;
  Status MarkSessionAuthenticated(std::int64_t id, Timestamp at, bool mfa_verified) override;
  Status DeleteSession(std::int64_t id) override;
  Status DeleteSessionsOf(UserId user) override;
  Result<std::int64_t> DeleteExpiredSessions(Timestamp idle_before,
                                             Timestamp created_before) override;
  Result<std::int64_t> CreateEmailToken(const EmailTokenRecord& token) override;
  Result<std::optional<EmailTokenRecord>> ConsumeEmailToken(const std::string& token_hash,
                                                            EmailTokenPurpose purpose,
                                                            Timestamp now) override;
  Result<std::int64_t> CreateInvitation(const InvitationRecord& invitation) override;
  Result<std::optional<InvitationRecord>> FindOpenInvitation(const std::string& token_hash,
                                                             Timestamp now) override;
  Result<bool> MarkInvitationAccepted(std::int64_t id, Timestamp at) override;
  Result<std::vector<InvitationRecord>> OpenInvitationsOf(OrganisationId organisation,
                                                          Timestamp now) override;
  Result<bool> DeleteInvitation(OrganisationId organisation, std::int64_t id) override;
  Result<std::int64_t> CreateApiToken(const ApiTokenRecord& token) override;
  Result<std::vector<ApiTokenRecord>> ApiTokensOf(UserId user) override;
  Result<std::optional<ApiTokenRecord>> FindApiToken(const std::string& token_hash) override;
  Result<bool> RevokeApiToken(UserId user, std::int64_t id, Timestamp at) override;
  Status TouchApiToken(std::int64_t id, Timestamp at) override;
  Status RecordLoginCheck(UserId user, Timestamp at, bool success) override;
  Result<LoginChecks> LoginChecksSince(UserId user, Timestamp since) override;
  Status DeleteLoginChecksBefore(Timestamp before) override;

  // For tests that look at what is stored (AS-04, AS-05).
  std::vector<UserRecord> AllUsers() const;
  std::vector<EmailTokenRecord> AllEmailTokens() const;
  std::vector<SessionRecord> AllSessions() const;

 private:
  struct MembershipRow {
    bool owner = false;
    std::vector<Role> roles;
  };
  struct LoginCheckRow {
    UserId user;
    Timestamp at;
    bool success;
  };
  Result<UserId> CreateUserLocked(const UserRecord& user);

  mutable std::mutex mu_;
  // All guarded by mu_.
  std::int64_t next_id_ = 1;
  std::map<std::int64_t, UserRecord> users_;
  std::map<std::int64_t, OrganisationRecord> organisations_;
  std::map<std::pair<std::int64_t, std::int64_t>, MembershipRow> memberships_;
  std::map<std::int64_t, SessionRecord> sessions_;
  std::map<std::int64_t, EmailTokenRecord> email_tokens_;
  std::map<std::int64_t, InvitationRecord> invitations_;
  std::map<std::int64_t, ApiTokenRecord> api_tokens_;
  std::vector<LoginCheckRow> login_checks_;
};

}  // namespace tb::auth::testing
