#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/actor.h"
#include "core/ids.h"
#include "core/result.h"
#include "core/timestamp.h"

namespace tb::auth {

// Records the auth service keeps. Secrets never appear raw: sessions, e-mail tokens,
// invitations and API tokens are stored as the SHA-256 hex of the token (AS-05, AS-08).

struct UserRecord {
  UserId id;
  std::string email;  // normalised: trimmed, lower case
  std::string display_name;
  std::string language;       // "en", "fr", "es", "zh", "ar", "ru"
  std::string password_hash;  // argon2id encoded; empty: no password set
  std::optional<Timestamp> email_verified_at;
  Timestamp created_at;
  std::string totp_secret;          // base32; empty until confirmed
  std::string totp_pending_secret;  // base32; set by setup, moved by confirm
  std::int64_t totp_last_step = 0;  // last accepted TOTP step (replay guard, AS-06)

  bool operator==(const UserRecord&) const = default;
};

struct OrganisationRecord {
  OrganisationId id;
  OrganisationKind kind = OrganisationKind::kSupplier;
  std::string name;
  std::string country;  // ISO 3166-1 alpha-2, may be empty for agencies
  Timestamp created_at;

  bool operator==(const OrganisationRecord&) const = default;
};

// A member of an organisation as the organisation's managers see it (GET
// /organisations/{id}/members): the account, its ownership flag and roles there.
struct OrganisationMemberRecord {
  UserRecord user;
  bool owner = false;
  std::vector<Role> roles;  // sorted

  bool operator==(const OrganisationMemberRecord&) const = default;
};

struct SessionRecord {
  std::int64_t id = 0;
  std::string token_hash;
  UserId user;
  Timestamp created_at;
  Timestamp last_seen_at;
  Timestamp authenticated_at;  // last password (+TOTP) check, for step-up
  bool mfa_verified = false;

  bool operator==(const SessionRecord&) const = default;
};

enum class EmailTokenPurpose { kVerifyEmail, kPasswordReset };

struct EmailTokenRecord {
  std::int64_t id = 0;
  std::string token_hash;
  EmailTokenPurpose purpose = EmailTokenPurpose::kVerifyEmail;
  UserId user;
  Timestamp created_at;
  Timestamp expires_at;
  std::optional<Timestamp> used_at;

  bool operator==(const EmailTokenRecord&) const = default;
};

struct InvitationRecord {
  std::int64_t id = 0;
  std::string token_hash;
  OrganisationId organisation;
  std::string email;  // normalised
  std::vector<Role> roles;
  UserId invited_by;
  Timestamp created_at;
  Timestamp expires_at;
  std::optional<Timestamp> accepted_at;

  bool operator==(const InvitationRecord&) const = default;
};

struct ApiTokenRecord {
  std::int64_t id = 0;
  UserId user;
  std::string name;
  std::string token_hash;
  std::string prefix;  // the first characters of the token ("tbk_AbCd"), to recognise it in lists
  std::vector<std::string> scopes;
  Timestamp created_at;
  std::optional<Timestamp> last_used_at;
  std::optional<Timestamp> revoked_at;

  bool operator==(const ApiTokenRecord&) const = default;
};

// Password checks of one account inside a window (AS-03).
struct LoginChecks {
  std::int64_t checks = 0;                  // password checks in the window
  std::int64_t failures_since_success = 0;  // failed checks after the last success in it
  std::optional<Timestamp> last_failure;
  std::optional<Timestamp> oldest_check;  // the first check in the window

  bool operator==(const LoginChecks&) const = default;
};

// The persistence the auth service needs; storage/ implements it on SQLite and PostgreSQL
// (storage/sql_auth_store.h), auth/testing/ in memory. Each method is one transaction.
// Thread-safe. Database failures are Unavailable or Internal.
class AuthStore {
 public:
  virtual ~AuthStore() = default;

  // Users. CreateUser: AlreadyExists when the e-mail is taken.
  virtual Result<UserId> CreateUser(const UserRecord& user) = 0;
  virtual Result<std::optional<UserRecord>> FindUser(UserId id) = 0;
  virtual Result<std::optional<UserRecord>> FindUserByEmail(const std::string& email) = 0;
  virtual Status SetPasswordHash(UserId id, const std::string& password_hash) = 0;
  virtual Status SetEmailVerified(UserId id, Timestamp at) = 0;
  virtual Status SetPendingTotpSecret(UserId id, const std::string& secret) = 0;
  // Moves the pending secret to the active one and records `step` as used. FailedPrecondition
  // when there is no pending secret.
  virtual Status ActivateTotp(UserId id, std::int64_t step) = 0;
  // Records `step` as the last accepted TOTP step if it is later than the stored one; false
  // when it is not (a replay, AS-06). Atomic: of two concurrent claims of a step one wins.
  virtual Result<bool> ClaimTotpStep(UserId id, std::int64_t step) = 0;

  // A user, a supplier organisation it owns with `roles`, in one transaction (sign-up).
  // AlreadyExists when the e-mail is taken (nothing is written then).
  struct UserWithOrganisation {
    UserId user;
    OrganisationId organisation;
  };
  virtual Result<UserWithOrganisation> CreateUserWithOrganisation(
      const UserRecord& user, const OrganisationRecord& organisation,
      const std::vector<Role>& roles) = 0;

  // Organisations. CreateOrganisation: AlreadyExists when one of the same kind and name exists.
  virtual Result<OrganisationId> CreateOrganisation(const OrganisationRecord& organisation) = 0;
  virtual Result<std::optional<OrganisationRecord>> FindOrganisation(OrganisationId id) = 0;
  virtual Result<std::optional<OrganisationRecord>> FindOrganisationByName(
      OrganisationKind kind, const std::string& name) = 0;
  // All organisations of `kind` (all kinds when nullopt), by name.
  virtual Result<std::vector<OrganisationRecord>> ListOrganisations(
      std::optional<OrganisationKind> kind) = 0;

  // Memberships. AddMembership creates the membership or adds `roles` to it; `owner` true
  // makes the user owner (false leaves ownership as it was).
  virtual Status AddMembership(UserId user, OrganisationId organisation, bool owner,
                               const std::vector<Role>& roles) = 0;
  // Replaces the roles of an existing membership. NotFound when there is none.
  virtual Status SetMembershipRoles(UserId user, OrganisationId organisation,
                                    const std::vector<Role>& roles) = 0;
  // The user's memberships with their organisations' kinds, by organisation id.
  virtual Result<std::vector<Membership>> MembershipsOf(UserId user) = 0;
  // The members of `organisation` with their roles there, by user id (empty when it has none
  // or does not exist).
  virtual Result<std::vector<OrganisationMemberRecord>> MembersOf(OrganisationId organisation) = 0;
  // Deletes the membership and its roles, unless the user is the organisation's last owner
  // (an organisation always keeps one). Serialised with the other membership changes of the
  // organisation, so two owners removing each other cannot both succeed.
  enum class Removal { kRemoved, kNotMember, kLastOwner };
  virtual Result<Removal> RemoveMembership(UserId user, OrganisationId organisation) = 0;
  // Makes `user` the organisation's only owner; the previous owners stay members with their
  // roles. False (nothing changed) when `user` is not a member.
  virtual Result<bool> TransferOwnership(OrganisationId organisation, UserId user) = 0;

  // Sessions.
  virtual Result<std::int64_t> CreateSession(const SessionRecord& session) = 0;
  virtual Result<std::optional<SessionRecord>> FindSession(const std::string& token_hash) = 0;
  virtual Status TouchSession(std::int64_t id, Timestamp last_seen_at) = 0;
  virtual Status MarkSessionAuthenticated(std::int64_t id, Timestamp at, bool mfa_verified) = 0;
  virtual Status DeleteSession(std::int64_t id) = 0;
  virtual Status DeleteSessionsOf(UserId user) = 0;
  // Removes sessions idle since before `idle_before` or created before `created_before`;
  // returns how many.
  virtual Result<std::int64_t> DeleteExpiredSessions(Timestamp idle_before,
                                                     Timestamp created_before) = 0;

  // E-mail tokens (verification, password reset).
  virtual Result<std::int64_t> CreateEmailToken(const EmailTokenRecord& token) = 0;
  // Marks the token with `token_hash` and `purpose` used at `now` and returns it, when it
  // exists, is unused and has not expired (expires_at > now); nullopt otherwise. Atomic: a
  // token is consumed at most once even under concurrent calls (AS-05).
  virtual Result<std::optional<EmailTokenRecord>> ConsumeEmailToken(const std::string& token_hash,
                                                                    EmailTokenPurpose purpose,
                                                                    Timestamp now) = 0;

  // Invitations.
  virtual Result<std::int64_t> CreateInvitation(const InvitationRecord& invitation) = 0;
  // The unaccepted, unexpired invitation with `token_hash`, or nullopt.
  virtual Result<std::optional<InvitationRecord>> FindOpenInvitation(const std::string& token_hash,
                                                                     Timestamp now) = 0;
  // Marks the invitation accepted; false when it was already (a concurrent accept won).
  virtual Result<bool> MarkInvitationAccepted(std::int64_t id, Timestamp at) = 0;
  // The unaccepted, unexpired (expires_at > now) invitations into `organisation`, by id.
  virtual Result<std::vector<InvitationRecord>> OpenInvitationsOf(OrganisationId organisation,
                                                                  Timestamp now) = 0;
  // Deletes the unaccepted invitation `id` into `organisation`, so its token stops working;
  // false when there is none (unknown id, another organisation's, or already accepted).
  virtual Result<bool> DeleteInvitation(OrganisationId organisation, std::int64_t id) = 0;

  // API tokens.
  virtual Result<std::int64_t> CreateApiToken(const ApiTokenRecord& token) = 0;
  virtual Result<std::vector<ApiTokenRecord>> ApiTokensOf(UserId user) = 0;
  virtual Result<std::optional<ApiTokenRecord>> FindApiToken(const std::string& token_hash) = 0;
  // Revokes the user's token `id`; false when the user has no such unrevoked token.
  virtual Result<bool> RevokeApiToken(UserId user, std::int64_t id, Timestamp at) = 0;
  virtual Status TouchApiToken(std::int64_t id, Timestamp at) = 0;

  // Login throttling (AS-03).
  virtual Status RecordLoginCheck(UserId user, Timestamp at, bool success) = 0;
  virtual Result<LoginChecks> LoginChecksSince(UserId user, Timestamp since) = 0;
  virtual Status DeleteLoginChecksBefore(Timestamp before) = 0;
};

}  // namespace tb::auth
