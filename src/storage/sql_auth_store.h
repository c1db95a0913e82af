#pragma once

#include "auth/auth_store.h"
#include "storage/database.h"

namespace tb::storage {

// auth::AuthStore over the portable Database interface (tables of migration 2). Each method
// is one transaction; the single-use and replay guards (ConsumeEmailToken, ClaimTotpStep,
// MarkInvitationAccepted) are one conditional UPDATE each, so concurrent callers cannot both
// win. Thread-safe; `db` must outlive it.
class SqlAuthStore final : public auth::AuthStore {
 public:
  explicit SqlAuthStore(Database& db) : db_(db) {}

  Result<UserId> CreateUser(const auth::UserRecord& user) override;
  Result<std::optional<auth::UserRecord>> FindUser(UserId id) override;
  Result<std::optional<auth::UserRecord>> FindUserByEmail(const std::string& email) override;
  Status SetPasswordHash(UserId id, const std::string& password_hash) override;
  Status SetEmailVerified(UserId id, Timestamp at) override;
  Status SetPendingTotpSecret(UserId id, const std::string& secret) override;
  Status ActivateTotp(UserId id, std::int64_t step) override;
  Result<bool> ClaimTotpStep(UserId id, std::int64_t step) override;
  Result<UserWithOrganisation> CreateUserWithOrganisation(
      const auth::UserRecord& user, const auth::OrganisationRecord& organisation,
      const std::vector<auth::Role>& roles) override;
  Result<OrganisationId> CreateOrganisation(const auth::OrganisationRecord& organisation) override;
  Result<std::optional<auth::OrganisationRecord>> FindOrganisation(OrganisationId id) override;
  Result<std::optional<auth::OrganisationRecord>> FindOrganisationByName(
      auth::OrganisationKind kind, const std::string& name) override;
  Result<std::vector<auth::OrganisationRecord>> ListOrganisations(
      std::optional<auth::OrganisationKind> kind) override;
  Status AddMembership(UserId user, OrganisationId organisation, bool owner,
                       const std::vector<auth::Role>& roles) override;
  Status SetMembershipRoles(UserId user, OrganisationId organisation,
                            const std::vector<auth::Role>& roles) override;
  Result<std::vector<auth::Membership>> MembershipsOf(UserId user) override;
  Result<std::vector<auth::OrganisationMemberRecord>> MembersOf(
      OrganisationId organisation) override;
  Result<Removal> RemoveMembership(UserId user, OrganisationId organisation) override;
  Result<bool> TransferOwnership(OrganisationId organisation, UserId user) override;
  Result<std::int64_t> CreateSession(const auth::SessionRecord& session) override;
  Result<std::optional<auth::SessionRecord>> FindSession(const std::string& token_hash) override;
  Status TouchSession(std::int64_t id, Timestamp last_seen_at) override;
  Status MarkSessionAuthenticated(std::int64_t id, Timestamp at, bool mfa_verified) override;
  Status DeleteSession(std::int64_t id) override;
  Status DeleteSessionsOf(UserId user) override;
  Result<std::int64_t> DeleteExpiredSessions(Timestamp idle_before,
                                             Timestamp created_before) override;
  Result<std::int64_t> CreateEmailToken(const auth::EmailTokenRecord& token) override;
  Result<std::optional<auth::EmailTokenRecord>> ConsumeEmailToken(const std::string& token_hash,
                                                                  auth::EmailTokenPurpose purpose,
                                                                  Timestamp now) override;
  Result<std::int64_t> CreateInvitation(const auth::InvitationRecord& invitation) override;
  Result<std::optional<auth::InvitationRecord>> FindOpenInvitation(const std::string& token_hash,
                                                                   Timestamp now) override;
  Result<bool> MarkInvitationAccepted(std::int64_t id, Timestamp at) override;
  Result<std::vector<auth::InvitationRecord>> OpenInvitationsOf(OrganisationId organisation,
                                                                Timestamp now) override;
  Result<bool> DeleteInvitation(OrganisationId organisation, std::int64_t id) override;
  Result<std::int64_t> CreateApiToken(const auth::ApiTokenRecord& token) override;
  Result<std::vector<auth::ApiTokenRecord>> ApiTokensOf(UserId user) override;
  Result<std::optional<auth::ApiTokenRecord>> FindApiToken(const std::string& token_hash) override;
  Result<bool> RevokeApiToken(UserId user, std::int64_t id, Timestamp at) override;
  Status TouchApiToken(std::int64_t id, Timestamp at) override;
  Status RecordLoginCheck(UserId user, Timestamp at, bool success) override;
  Result<auth::LoginChecks> LoginChecksSince(UserId user, Timestamp since) override;
  Status DeleteLoginChecksBefore(Timestamp before) override;

 private:
  Database& db_;
};

}  // namespace tb::storage
