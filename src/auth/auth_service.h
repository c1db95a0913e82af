// API-STABLE
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/actor.h"
#include "auth/auth_store.h"
#include "auth/mailer.h"
#include "auth/password_policy.h"
#include "auth/security_log.h"
#include "core/ids.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "crypto/password_hash.h"

namespace tb::auth {

struct AuthOptions {
  // Links in e-mails: <base>/verify-email#token=..., <base>/reset-password#token=...,
  // <base>/accept-invitation#token=... The token rides in the fragment, which browsers never
  // send to a server, so it cannot reach an access log (AS-37); the web UI posts it.
  std::string public_base_url = "http://127.0.0.1:8080";
  std::string totp_issuer = "TenderBridge";
  std::chrono::microseconds session_idle = std::chrono::minutes(30);          // AS-10
  std::chrono::microseconds session_absolute = std::chrono::hours(12);        // AS-10
  std::chrono::microseconds email_token_lifetime = std::chrono::minutes(10);  // AS-05
  std::chrono::microseconds invitation_lifetime = std::chrono::hours(72);
  std::chrono::microseconds step_up_window = std::chrono::minutes(15);  // AS-12
  // AS-03: at most this many password checks per account in any hour...
  int max_password_checks_per_hour = 100;
  // ...and after this many failures in a row, a wait before the next check that doubles
  // with each further failure (1 s, 2 s, 4 s, ...) up to max_backoff.
  int failures_before_backoff = 5;
  std::chrono::microseconds max_backoff = std::chrono::minutes(15);
  crypto::PasswordHashParams password_hash;
};

// A user as the API shows it (never the hash or TOTP secrets).
struct User {
  UserId id;
  std::string email;
  std::string display_name;
  std::string language;
  bool email_verified = false;
  bool mfa_enrolled = false;
  Timestamp created_at;

  bool operator==(const User&) const = default;
};

// A membership with its organisation's name, for GET /auth/session.
struct MembershipView {
  Membership membership;
  std::string organisation_name;
};

// GET /organisations/{id}/members: the organisation, its members and its open invitations.
struct OrganisationMember {
  User user;
  bool owner = false;
  std::vector<Role> roles;
};

struct PendingInvitation {
  std::int64_t id = 0;
  std::string email;
  std::vector<Role> roles;
  UserId invited_by;
  Timestamp created_at;
  Timestamp expires_at;
};

struct OrganisationMembers {
  OrganisationRecord organisation;
  std::vector<OrganisationMember> members;     // by user id
  std::vector<PendingInvitation> invitations;  // unaccepted and unexpired, by id
};

struct SignUpRequest {
  std::string email;
  std::string password;
  std::string display_name;
  std::string language = "en";  // en fr es zh ar ru; anything else is InvalidArgument
  std::string company_name;
  std::string company_country;  // ISO 3166-1 alpha-2 ("KE")
};

struct LoginRequest {
  std::string email;
  std::string password;
  std::string totp;  // empty when not given
};

// A new session. `session_token` goes into the __Host-tb_session cookie and nowhere else;
// `csrf_token` is returned in the body and expected back in X-CSRF-Token (AS-18).
struct LoginResult {
  std::string session_token;
  std::string csrf_token;
  User user;
  Actor actor;
};

// What a session cookie resolves to.
struct ResolvedSession {
  Actor actor;
  User user;
  std::string csrf_token;
};

struct TotpSetup {
  std::string secret;       // base32, for manual entry
  std::string otpauth_uri;  // for the QR code
};

struct NewApiToken {
  std::int64_t id = 0;
  std::string token;  // "tbk_..." shown once; only its hash is stored
};

struct ApiTokenInfo {
  std::int64_t id = 0;
  std::string name;
  std::string prefix;  // "tbk_AbCd": enough to recognise, useless to an attacker
  std::vector<std::string> scopes;
  Timestamp created_at;
  std::optional<Timestamp> last_used_at;
  std::optional<Timestamp> revoked_at;
};

struct InvitationAcceptance {
  std::string token;
  std::string password;      // required when the e-mail has no account yet
  std::string display_name;  // idem
  std::string language = "en";
};

// Accounts, sessions, second factors, invitations, roles and API tokens (docs/accounts.md,
// docs/auth.md). Every call that changes something records one security event (AS-34).
// Thread-safe. `store`, `mailer`, `log`, `clock` and `policy` must outlive the service.
// Login, SignUp, ConfirmPasswordReset, AcceptInvitation and Reauthenticate hash or verify a
// password (argon2id, tens of milliseconds): call them off I/O threads.
//
// Failures carry stable problem codes, read with AuthProblemCode (auth/policy.h).
class AuthService {
 public:
  AuthService(AuthStore& store, Mailer& mailer, SecurityLog& log, const Clock& clock,
              AuthOptions options = {}, const PasswordPolicy& policy = PasswordPolicy::Default());

  AuthService(const AuthService&) = delete;
  AuthService& operator=(const AuthService&) = delete;

  // The password rules alone (AS-01, AS-02): Ok or InvalidArgument (field "password").
  Status CheckPassword(std::string_view password) const;

  // Creates an unverified user and a supplier organisation it owns as supplier_user, and
  // mails a verification link (10 min). For an e-mail that already has an account, changes
  // nothing, mails "you already have an account" and returns Ok all the same (no account
  // oracle). InvalidArgument (with field) for bad input, including the password rules.
  Status SignUp(const SignUpRequest& request, const RequestMeta& meta = {});

  // Marks the e-mail verified. InvalidArgument "invalid_token" when the token is unknown,
  // used or expired (all alike).
  Status VerifyEmail(std::string_view token, const RequestMeta& meta = {});

  // Checks the password (and TOTP when enrolled) and starts a new session (AS-07). Errors:
  //   Unauthenticated "invalid_credentials"  unknown e-mail or wrong password (alike)
  //   ResourceExhausted "throttled"          AS-03 back-off; see LoginRetryAfter
  //   PermissionDenied "email_unverified"    the password was right but the e-mail is not verified
  //   Unauthenticated "totp_required"        enrolled and no code given
  //   Unauthenticated "totp_invalid"         wrong or already used code
  Result<LoginResult> Login(const LoginRequest& request, const RequestMeta& meta = {});

  // How long until `email` may try a password again (zero when it may now).
  std::chrono::seconds LoginRetryAfter(std::string_view email);

  // Deletes the session server-side (AS-09). Ok also when it did not exist.
  Status Logout(std::string_view session_token, const RequestMeta& meta = {});

  // The actor of a session cookie, touching its last-seen time. Unauthenticated when the
  // token is unknown, idle for more than 30 min or older than 12 h (AS-10; the session is
  // deleted then).
  Result<ResolvedSession> ResolveSession(std::string_view session_token);

  // The actor of a bearer token ("tbk_..."): credential kApiToken, the token's scopes,
  // mfa_verified false. Unauthenticated when unknown, revoked, or the user is gone.
  Result<Actor> ResolveToken(std::string_view bearer_token);

  // The user and memberships (with organisation names) of an actor, for GET /auth/session.
  Result<User> GetUser(UserId id);
  Result<std::vector<MembershipView>> MembershipsOf(const Actor& actor);

  // Mails a reset link (10 min, single use) when the e-mail has an account; always Ok.
  Status RequestPasswordReset(std::string_view email, const RequestMeta& meta = {});
  // Sets the new password and ends every session of the user. InvalidArgument
  // "invalid_token" for a bad token; the password rules as for sign-up (the token is not
  // used up by a refused password).
  Status ConfirmPasswordReset(std::string_view token, std::string_view new_password,
                              const RequestMeta& meta = {});

  // A new pending TOTP secret for the actor (replacing an earlier pending one); the active
  // secret, if any, stays until confirm. Session actors only.
  Result<TotpSetup> BeginTotpSetup(const Actor& actor, const RequestMeta& meta = {});
  // Checks `code` against the pending secret; on success the secret becomes active and the
  // session `session_token` MFA-verified. Unauthenticated "totp_invalid" for a wrong code,
  // FailedPrecondition when no setup is pending.
  Status ConfirmTotp(const Actor& actor, std::string_view session_token, std::string_view code,
                     const RequestMeta& meta = {});

  // Step-up (AS-12): checks the password (and TOTP when enrolled) again for the session and
  // renews its authenticated_at (and MFA). Same errors as Login.
  Status Reauthenticate(const Actor& actor, std::string_view session_token,
                        std::string_view password, std::string_view totp,
                        const RequestMeta& meta = {});

  // Invites `email` into `organisation` with `roles` and mails the link (72 h). The owner of
  // the organisation or an administrator; PermissionDenied otherwise (NotFound when the
  // organisation does not exist). Returns the invitation id.
  Result<std::int64_t> Invite(const Actor& actor, OrganisationId organisation,
                              std::string_view email, const std::vector<Role>& roles,
                              const RequestMeta& meta = {});
  // Accepts an invitation: adds the membership, creating the user (verified, since the link
  // proved the address) when the e-mail has no account. InvalidArgument "invalid_token".
  Status AcceptInvitation(const InvitationAcceptance& acceptance, const RequestMeta& meta = {});

  // Replaces `user`'s roles in `organisation`. The owner of the organisation or an
  // administrator, with a step-up no older than step_up_window ("reauthentication_required"
  // otherwise); PermissionDenied otherwise. NotFound when the user is not a member.
  // Logged as a role_grant security event.
  Status SetRoles(const Actor& actor, OrganisationId organisation, UserId user,
                  const std::vector<Role>& roles, const RequestMeta& meta = {});

  // Membership management (auth_service_members.cc). For all three, an actor who is neither a
  // member of `organisation` nor an administrator gets NotFound "no such organisation", as for
  // an organisation that does not exist (AS-14); a member who may not do it gets
  // PermissionDenied "forbidden". Each is logged as a security event (AS-34).
  //
  // Revokes a pending invitation (owner or administrator): its token stops working at once
  // and AcceptInvitation answers "invalid_token" as for an unknown one. NotFound "no such
  // invitation" for an unknown, accepted or other organisation's invitation.
  Status RevokeInvitation(const Actor& actor, OrganisationId organisation, std::int64_t invitation,
                          const RequestMeta& meta = {});
  // Removes `user` from `organisation`: the owner or an administrator (with a step-up, AS-12;
  // removing a holder of `administrator` takes an administrator), or the user itself, leaving
  // (no step-up). FailedPrecondition "last_owner" when `user` is the last owner. NotFound "no
  // such member" when `user` is not a member. Rights through the membership end with the
  // call: every request resolves its actor's memberships from the store.
  Status RemoveMember(const Actor& actor, OrganisationId organisation, UserId user,
                      const RequestMeta& meta = {});
  // Makes `new_owner`, an existing member, the organisation's only owner; earlier owners stay
  // members with their roles but lose ownership. The owner or an administrator, with a
  // step-up. NotFound (field "user_id") when `new_owner` is not a member.
  Status TransferOwnership(const Actor& actor, OrganisationId organisation, UserId new_owner,
                           const RequestMeta& meta = {});

  // The members (with roles) and open invitations of `organisation`, for its owners and
  // administrators (CanManageOrganisation: MFA passed where the roles need it). Anyone else
  // gets NotFound "no such organisation", exactly as for an organisation that does not exist
  // (AS-14: no existence oracle); the denial is logged. Unauthenticated without an actor.
  Result<OrganisationMembers> ListMembers(const Actor& actor, OrganisationId organisation,
                                          const RequestMeta& meta = {});

  // Creates an organisation (administrators only). AlreadyExists for the same kind and name.
  Result<OrganisationId> CreateOrganisation(const Actor& actor, OrganisationKind kind,
                                            std::string_view name, std::string_view country,
                                            const RequestMeta& meta = {});
  Result<std::optional<OrganisationRecord>> FindOrganisation(OrganisationId id);

  // API tokens (session actors only for create and revoke). Scopes from KnownScopes().
  Result<NewApiToken> CreateApiToken(const Actor& actor, std::string_view name,
                                     const std::vector<std::string>& scopes,
                                     const RequestMeta& meta = {});
  Result<std::vector<ApiTokenInfo>> ListApiTokens(const Actor& actor);
  // NotFound when the actor has no such live token.
  Status RevokeApiToken(const Actor& actor, std::int64_t id, const RequestMeta& meta = {});

  // Operator provisioning for `tenderbridge user` and seeding (no actor; logged as "cli").
  // ProvisionOrganisation returns the existing organisation of that kind and name if any.
  Result<OrganisationId> ProvisionOrganisation(OrganisationKind kind, std::string_view name,
                                               std::string_view country);
  // Creates a verified user with `password` (policy applies) and, when `organisation` is
  // valid, a membership with `role`. AlreadyExists when the e-mail has an account.
  Result<UserId> ProvisionUser(std::string_view email, std::string_view password,
                               std::string_view display_name, OrganisationId organisation,
                               std::optional<Role> role);
  // Adds `role` to the user's membership of `organisation` (creating it). NotFound when the
  // e-mail has no account.
  Status ProvisionRole(std::string_view email, OrganisationId organisation, Role role);

  // Records an access-control denial seen by http/ or a service (AS-34).
  void RecordAccessDenied(const Actor& actor, std::string_view object, std::string_view reason,
                          const RequestMeta& meta = {});

  // Housekeeping: removes expired sessions and old login checks. Returns sessions removed.
  Result<std::int64_t> PurgeExpired();

  const AuthOptions& options() const { return options_; }

  // Replaces the base of the links in e-mails (options().public_base_url). For servers that
  // learn their address only once bound (`serve --port 0`). Thread-safe.
  void SetPublicBaseUrl(std::string base_url);

 private:
  Result<Actor> BuildActor(const UserRecord& user, Credential credential, bool mfa_verified,
                           Timestamp authenticated_at);
  // When the account may next have its password checked (AS-03); now or later.
  Result<Timestamp> NextPasswordCheckAt(UserId user, Timestamp now);
  // Throttled password check: Ok, or throttled / invalid_credentials (recorded either way).
  Status CheckPasswordOf(const UserRecord& user, std::string_view password, std::string_view action,
                         const RequestMeta& meta);
  // Ok, or totp_required / totp_invalid; a matched step is claimed (one use per window).
  Status CheckSecondFactor(const UserRecord& user, std::string_view code);
  Result<UserRecord> LoadUser(UserId id);
  Result<SessionRecord> LoadOwnSession(const Actor& actor, std::string_view session_token);
  // The membership checks shared by the three calls above: Ok when `actor` may manage
  // `organisation`, else the AS-14 answer (logged under `action`).
  Status CheckManager(const Actor& actor, OrganisationId organisation, std::string_view action,
                      const std::string& object, const RequestMeta& meta);
  Status CheckStepUp(const Actor& actor, std::string_view action, const std::string& object,
                     const RequestMeta& meta);
  Status ValidateRolesFor(const Actor& actor, const OrganisationRecord& organisation,
                          const std::vector<Role>& roles) const;
  void Log(const std::string& actor, std::string_view action, const std::string& object,
           std::string_view outcome, const RequestMeta& meta, std::string detail = {});
  std::string Link(std::string_view path, std::string_view token) const;

  AuthStore& store_;
  Mailer& mailer_;
  SecurityLog& log_;
  const Clock& clock_;
  const AuthOptions options_;
  mutable std::mutex base_url_mutex_;
  std::string public_base_url_;  // guarded by base_url_mutex_; starts as options_'s
  const PasswordPolicy& policy_;
  const std::string dummy_hash_;  // verified for unknown e-mails so timing does not tell
};

// Normalises an e-mail address for storage and lookup: trims spaces, lower-cases ASCII.
// InvalidArgument (field "email") when it does not look like an address (one '@', non-empty
// local part and domain with a dot, no spaces or control characters, at most 254 bytes).
Result<std::string> NormaliseEmail(std::string_view email);

// The CSRF token of a session: a domain-separated SHA-256 of the session token (not the
// stored hash, which is a different digest), so it needs no storage
// and changes with every new session.
std::string CsrfTokenFor(std::string_view session_token);

}  // namespace tb::auth
