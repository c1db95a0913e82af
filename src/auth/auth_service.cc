// AuthService, part 1: sign-up, e-mail verification, login and its throttle, sessions,
// password reset, TOTP and step-up. Part 2 (auth_service_admin.cc): organisations,
// invitations, roles, API tokens and operator provisioning.
#include "auth/auth_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <limits>

#include "auth/internal/messages.h"
#include "auth/internal/validation.h"
#include "auth/mail_texts.h"
#include "auth/policy.h"
#include "crypto/random.h"
#include "crypto/totp.h"

namespace tb::auth {

using internal::ToUser;
using internal::UserRef;

namespace {

constexpr std::size_t kTokenBytes = 32;       // 256 bits (AS-05, AS-08)
constexpr std::size_t kTotpSecretBytes = 20;  // 160 bits, RFC 4226's recommendation
// A session's last-seen time is written at most once a minute, so reads stay reads; the idle
// limit may therefore end a session up to a minute early, never late.
constexpr std::chrono::microseconds kTouchInterval = std::chrono::minutes(1);

Status InvalidCredentials() {
  return Status::Unauthenticated(std::string(internal::kInvalidCredentials));
}
Status InvalidToken() { return Status::InvalidArgument(std::string(internal::kInvalidToken)); }
Status Forbidden() { return Status::PermissionDenied(std::string(internal::kForbidden)); }

std::string DummyHash(const crypto::PasswordHashParams& params) {
  // Verified when the e-mail is unknown, so a login takes as long either way. Its password is
  // random and thrown away.
  Result<std::string> hash = crypto::HashPassword(crypto::RandomToken(kTokenBytes), params);
  return hash.ok() ? *hash : std::string();
}

}  // namespace

Result<std::string> NormaliseEmail(std::string_view email) {
  while (!email.empty() && (email.front() == ' ' || email.front() == '\t')) email.remove_prefix(1);
  while (!email.empty() && (email.back() == ' ' || email.back() == '\t')) email.remove_suffix(1);
  auto bad = [] {
    return Status::InvalidArgument("this is not an e-mail address").WithField("email");
  };
  if (email.empty() || email.size() > 254) return bad();
  const std::size_t at = email.find('@');
  if (at == 0 || at == std::string_view::npos ||
      email.find('@', at + 1) != std::string_view::npos) {
    return bad();
  }
  const std::string_view domain = email.substr(at + 1);
  if (domain.size() < 3 || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
      domain.back() == '.') {
    return bad();
  }
  std::string out;
  out.reserve(email.size());
  for (char c : email) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '<' || c == '>' || c == ',' || c == ';' || c == '"') {
      return bad();
    }
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

std::string CsrfTokenFor(std::string_view session_token) {
  return crypto::Sha256Hex("tenderbridge-csrf-v1:" + std::string(session_token));
}

AuthService::AuthService(AuthStore& store, Mailer& mailer, SecurityLog& log, const Clock& clock,
                         AuthOptions options, const PasswordPolicy& policy)
    : store_(store),
      mailer_(mailer),
      log_(log),
      clock_(clock),
      options_(std::move(options)),
      public_base_url_(options_.public_base_url),
      policy_(policy),
      dummy_hash_(DummyHash(options_.password_hash)) {}

void AuthService::Log(const std::string& actor, std::string_view action, const std::string& object,
                      std::string_view outcome, const RequestMeta& meta, std::string detail) {
  log_.Record(SecurityEvent{clock_.Now(), actor, std::string(action), object, std::string(outcome),
                            meta.request_id, meta.client, std::move(detail)});
}

void AuthService::SetPublicBaseUrl(std::string base_url) {
  std::lock_guard<std::mutex> lock(base_url_mutex_);
  public_base_url_ = std::move(base_url);
}

std::string AuthService::Link(std::string_view path, std::string_view token) const {
  std::string base;
  {
    std::lock_guard<std::mutex> lock(base_url_mutex_);
    base = public_base_url_;
  }
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + std::string(path) + "#token=" + std::string(token);
}

Status AuthService::CheckPassword(std::string_view password) const {
  return policy_.Check(password);
}

Result<UserRecord> AuthService::LoadUser(UserId id) {
  TB_ASSIGN_OR_RETURN(std::optional<UserRecord> user, store_.FindUser(id));
  if (!user) return Status::Unauthenticated(std::string(internal::kUnauthenticated));
  return *user;
}

Result<Actor> AuthService::BuildActor(const UserRecord& user, Credential credential,
                                      bool mfa_verified, Timestamp authenticated_at) {
  Actor actor;
  actor.user = user.id;
  actor.email = user.email;
  actor.credential = credential;
  TB_ASSIGN_OR_RETURN(actor.memberships, store_.MembershipsOf(user.id));
  actor.mfa_enrolled = !user.totp_secret.empty();
  actor.mfa_verified = mfa_verified && actor.mfa_enrolled;
  actor.authenticated_at = authenticated_at;
  return actor;
}

Status AuthService::SignUp(const SignUpRequest& request, const RequestMeta& meta) {
  TB_ASSIGN_OR_RETURN(std::string email, NormaliseEmail(request.email));
  TB_ASSIGN_OR_RETURN(std::string display_name,
                      internal::CleanName(request.display_name, "display_name"));
  if (!IsMailLanguage(request.language)) {
    return Status::InvalidArgument("must be one of en, fr, es, zh, ar, ru").WithField("language");
  }
  TB_ASSIGN_OR_RETURN(std::string company,
                      internal::CleanName(request.company_name, "company.name"));
  TB_ASSIGN_OR_RETURN(std::string country,
                      internal::CleanCountry(request.company_country, "company.country", false));
  TB_RETURN_IF_ERROR(policy_.Check(request.password));
  // Hashed before looking the e-mail up, so a known address answers no faster (no oracle).
  TB_ASSIGN_OR_RETURN(std::string hash,
                      crypto::HashPassword(request.password, options_.password_hash));

  const Timestamp now = clock_.Now();
  UserRecord user;
  user.email = email;
  user.display_name = display_name;
  user.language = request.language;
  user.password_hash = std::move(hash);
  user.created_at = now;
  OrganisationRecord organisation;
  organisation.kind = OrganisationKind::kSupplier;
  organisation.name = company;
  organisation.country = country;
  organisation.created_at = now;

  Result<AuthStore::UserWithOrganisation> created =
      store_.CreateUserWithOrganisation(user, organisation, {Role::kSupplierUser});
  if (!created.ok() && created.status().code() == StatusCode::kAlreadyExists) {
    TB_ASSIGN_OR_RETURN(std::optional<UserRecord> existing, store_.FindUserByEmail(email));
    Log("public", "signup", "email:" + email, "already_registered", meta);
    const std::string language = existing ? existing->language : request.language;
    return mailer_.Send(AlreadyRegisteredMail(language, email));
  }
  if (!created.ok()) return created.status();

  const std::string token = crypto::RandomToken(kTokenBytes);
  EmailTokenRecord record;
  record.token_hash = crypto::Sha256Hex(token);
  record.purpose = EmailTokenPurpose::kVerifyEmail;
  record.user = created->user;
  record.created_at = now;
  record.expires_at = now + options_.email_token_lifetime;
  TB_RETURN_IF_ERROR(store_.CreateEmailToken(record).status());
  Log(UserRef(created->user), "signup", internal::OrganisationRef(created->organisation), "success",
      meta);
  return mailer_.Send(VerificationMail(request.language, email, Link("/verify-email", token)));
}

Status AuthService::VerifyEmail(std::string_view token, const RequestMeta& meta) {
  TB_ASSIGN_OR_RETURN(std::optional<EmailTokenRecord> record,
                      store_.ConsumeEmailToken(crypto::Sha256Hex(token),
                                               EmailTokenPurpose::kVerifyEmail, clock_.Now()));
  if (!record) {
    Log("public", "verify_email", "token", "invalid_token", meta);
    return InvalidToken();
  }
  TB_RETURN_IF_ERROR(store_.SetEmailVerified(record->user, clock_.Now()));
  Log(UserRef(record->user), "verify_email", UserRef(record->user), "success", meta);
  return Status::Ok();
}

Result<Timestamp> AuthService::NextPasswordCheckAt(UserId user, Timestamp now) {
  TB_ASSIGN_OR_RETURN(LoginChecks checks,
                      store_.LoginChecksSince(user, now - std::chrono::hours(1)));
  Timestamp allowed = now;
  if (checks.checks >= options_.max_password_checks_per_hour && checks.oldest_check) {
    allowed = std::max(allowed, *checks.oldest_check + std::chrono::hours(1));
  }
  const std::int64_t over = checks.failures_since_success - options_.failures_before_backoff;
  if (over >= 0 && checks.last_failure) {
    // 1 s, 2 s, 4 s, ... capped; the shift is bounded so it cannot overflow.
    std::chrono::microseconds wait =
        std::chrono::seconds(1) * (std::int64_t{1} << std::min<std::int64_t>(over, 40));
    wait = std::min(wait, options_.max_backoff);
    allowed = std::max(allowed, *checks.last_failure + wait);
  }
  return allowed;
}

Status AuthService::CheckPasswordOf(const UserRecord& user, std::string_view password,
                                    std::string_view action, const RequestMeta& meta) {
  const Timestamp now = clock_.Now();
  TB_ASSIGN_OR_RETURN(Timestamp allowed, NextPasswordCheckAt(user.id, now));
  if (allowed > now) {
    Log(UserRef(user.id), action, UserRef(user.id), "throttled", meta);
    return Status::ResourceExhausted(std::string(internal::kThrottled));
  }
  const bool match = crypto::VerifyPassword(user.password_hash, password);
  TB_RETURN_IF_ERROR(store_.RecordLoginCheck(user.id, now, match));
  if (!match) {
    Log(UserRef(user.id), action, UserRef(user.id), "failure", meta, "wrong password");
    return InvalidCredentials();
  }
  if (crypto::PasswordHashNeedsRehash(user.password_hash, options_.password_hash)) {
    Result<std::string> rehashed = crypto::HashPassword(password, options_.password_hash);
    // A failed re-hash leaves the old, still valid hash; the next login tries again.
    if (rehashed.ok()) (void)store_.SetPasswordHash(user.id, *rehashed);
  }
  return Status::Ok();
}

Status AuthService::CheckSecondFactor(const UserRecord& user, std::string_view code) {
  if (code.empty()) return Status::Unauthenticated(std::string(internal::kTotpRequired));
  Result<std::vector<std::uint8_t>> key = crypto::Base32Decode(user.totp_secret);
  if (!key.ok()) return Status::Internal("a stored TOTP secret is unreadable");
  const std::optional<std::int64_t> step = crypto::MatchTotp(*key, code, clock_.Now().seconds());
  if (!step) return Status::Unauthenticated(std::string(internal::kTotpInvalid));
  TB_ASSIGN_OR_RETURN(bool claimed, store_.ClaimTotpStep(user.id, *step));
  if (!claimed) return Status::Unauthenticated(std::string(internal::kTotpInvalid));
  return Status::Ok();
}

Result<LoginResult> AuthService::Login(const LoginRequest& request, const RequestMeta& meta) {
  Result<std::string> email = NormaliseEmail(request.email);
  std::optional<UserRecord> user;
  if (email.ok()) {
    TB_ASSIGN_OR_RETURN(user, store_.FindUserByEmail(*email));
  }
  if (!user || user->password_hash.empty()) {
    (void)crypto::VerifyPassword(dummy_hash_, request.password);  // same time as a real check
    Log("public", "login", email.ok() ? "email:" + *email : "email:invalid", "failure", meta,
        "unknown account");
    return InvalidCredentials();
  }
  TB_RETURN_IF_ERROR(CheckPasswordOf(*user, request.password, "login", meta));
  if (!user->email_verified_at) {
    Log(UserRef(user->id), "login", UserRef(user->id), "email_unverified", meta);
    return Status::PermissionDenied(std::string(internal::kEmailUnverified));
  }
  const bool enrolled = !user->totp_secret.empty();
  if (enrolled) {
    if (Status s = CheckSecondFactor(*user, request.totp); !s.ok()) {
      Log(UserRef(user->id), "login", UserRef(user->id), AuthProblemCode(s), meta);
      return s;
    }
  }
  const Timestamp now = clock_.Now();
  // A fresh id at every login (AS-07): any id an attacker planted before stays unauthenticated.
  const std::string token = crypto::RandomToken(kTokenBytes);
  SessionRecord session;
  session.token_hash = crypto::Sha256Hex(token);
  session.user = user->id;
  session.created_at = now;
  session.last_seen_at = now;
  session.authenticated_at = now;
  session.mfa_verified = enrolled;
  TB_RETURN_IF_ERROR(store_.CreateSession(session).status());
  TB_ASSIGN_OR_RETURN(Actor actor, BuildActor(*user, Credential::kSession, enrolled, now));
  Log(UserRef(user->id), "login", UserRef(user->id), "success", meta,
      enrolled ? "password+totp" : "password");
  return LoginResult{token, CsrfTokenFor(token), ToUser(*user), std::move(actor)};
}

std::chrono::seconds AuthService::LoginRetryAfter(std::string_view email) {
  Result<std::string> normalised = NormaliseEmail(email);
  if (!normalised.ok()) return std::chrono::seconds(0);
  Result<std::optional<UserRecord>> user = store_.FindUserByEmail(*normalised);
  if (!user.ok() || !user->has_value()) return std::chrono::seconds(0);
  const Timestamp now = clock_.Now();
  Result<Timestamp> allowed = NextPasswordCheckAt((*user)->id, now);
  if (!allowed.ok() || *allowed <= now) return std::chrono::seconds(0);
  // Rounded up, so a client that waits exactly this long is not refused again.
  return std::chrono::ceil<std::chrono::seconds>(*allowed - now);
}

Status AuthService::Logout(std::string_view session_token, const RequestMeta& meta) {
  TB_ASSIGN_OR_RETURN(std::optional<SessionRecord> session,
                      store_.FindSession(crypto::Sha256Hex(session_token)));
  if (!session) return Status::Ok();
  TB_RETURN_IF_ERROR(store_.DeleteSession(session->id));
  Log(UserRef(session->user), "logout", UserRef(session->user), "success", meta);
  return Status::Ok();
}

Result<ResolvedSession> AuthService::ResolveSession(std::string_view session_token) {
  const Status unauthenticated = Status::Unauthenticated(std::string(internal::kUnauthenticated));
  if (session_token.empty()) return unauthenticated;
  TB_ASSIGN_OR_RETURN(std::optional<SessionRecord> session,
                      store_.FindSession(crypto::Sha256Hex(session_token)));
  if (!session) return unauthenticated;
  const Timestamp now = clock_.Now();
  if (now - session->last_seen_at > options_.session_idle ||
      now - session->created_at > options_.session_absolute) {
    TB_RETURN_IF_ERROR(store_.DeleteSession(session->id));
    return unauthenticated;
  }
  if (now - session->last_seen_at >= kTouchInterval) {
    TB_RETURN_IF_ERROR(store_.TouchSession(session->id, now));
  }
  TB_ASSIGN_OR_RETURN(std::optional<UserRecord> user, store_.FindUser(session->user));
  if (!user) return unauthenticated;
  TB_ASSIGN_OR_RETURN(Actor actor, BuildActor(*user, Credential::kSession, session->mfa_verified,
                                              session->authenticated_at));
  return ResolvedSession{std::move(actor), ToUser(*user), CsrfTokenFor(session_token)};
}

Result<User> AuthService::GetUser(UserId id) {
  TB_ASSIGN_OR_RETURN(std::optional<UserRecord> user, store_.FindUser(id));
  if (!user) return Status::NotFound("no such user");
  return ToUser(*user);
}

Result<std::vector<MembershipView>> AuthService::MembershipsOf(const Actor& actor) {
  if (!actor.authenticated()) return std::vector<MembershipView>{};
  TB_ASSIGN_OR_RETURN(std::vector<Membership> memberships, store_.MembershipsOf(actor.user));
  std::vector<MembershipView> out;
  for (Membership& m : memberships) {
    TB_ASSIGN_OR_RETURN(std::optional<OrganisationRecord> org,
                        store_.FindOrganisation(m.organisation));
    out.push_back({std::move(m), org ? org->name : std::string()});
  }
  return out;
}

Status AuthService::RequestPasswordReset(std::string_view email, const RequestMeta& meta) {
  Result<std::string> normalised = NormaliseEmail(email);
  if (!normalised.ok()) {
    Log("public", "password_reset_request", "email:invalid", "ignored", meta);
    return Status::Ok();
  }
  TB_ASSIGN_OR_RETURN(std::optional<UserRecord> user, store_.FindUserByEmail(*normalised));
  if (!user) {
    Log("public", "password_reset_request", "email:" + *normalised, "unknown_account", meta);
    return Status::Ok();
  }
  const Timestamp now = clock_.Now();
  const std::string token = crypto::RandomToken(kTokenBytes);
  EmailTokenRecord record;
  record.token_hash = crypto::Sha256Hex(token);
  record.purpose = EmailTokenPurpose::kPasswordReset;
  record.user = user->id;
  record.created_at = now;
  record.expires_at = now + options_.email_token_lifetime;
  TB_RETURN_IF_ERROR(store_.CreateEmailToken(record).status());
  Log("public", "password_reset_request", UserRef(user->id), "success", meta);
  Status sent =
      mailer_.Send(PasswordResetMail(user->language, user->email, Link("/reset-password", token)));
  if (!sent.ok())
    spdlog::error("auth: reset mail for {} not sent: {}", UserRef(user->id), sent.ToString());
  // Always Ok outwardly: a failure to mail must not tell whether the account exists.
  return Status::Ok();
}

Status AuthService::ConfirmPasswordReset(std::string_view token, std::string_view new_password,
                                         const RequestMeta& meta) {
  TB_RETURN_IF_ERROR(policy_.Check(new_password));
  TB_ASSIGN_OR_RETURN(std::string hash, crypto::HashPassword(new_password, options_.password_hash));
  const Timestamp now = clock_.Now();
  TB_ASSIGN_OR_RETURN(
      std::optional<EmailTokenRecord> record,
      store_.ConsumeEmailToken(crypto::Sha256Hex(token), EmailTokenPurpose::kPasswordReset, now));
  if (!record) {
    Log("public", "password_reset", "token", "invalid_token", meta);
    return InvalidToken();
  }
  TB_RETURN_IF_ERROR(store_.SetPasswordHash(record->user, hash));
  TB_RETURN_IF_ERROR(store_.DeleteSessionsOf(record->user));
  // The link reached the address, which proves it as well as a verification link would.
  TB_ASSIGN_OR_RETURN(UserRecord user, LoadUser(record->user));
  if (!user.email_verified_at) TB_RETURN_IF_ERROR(store_.SetEmailVerified(user.id, now));
  Log(UserRef(record->user), "password_reset", UserRef(record->user), "success", meta,
      "all sessions ended");
  return Status::Ok();
}

Result<SessionRecord> AuthService::LoadOwnSession(const Actor& actor,
                                                  std::string_view session_token) {
  TB_ASSIGN_OR_RETURN(std::optional<SessionRecord> session,
                      store_.FindSession(crypto::Sha256Hex(session_token)));
  if (!session || session->user != actor.user) {
    return Status::Unauthenticated(std::string(internal::kUnauthenticated));
  }
  return *session;
}

Result<TotpSetup> AuthService::BeginTotpSetup(const Actor& actor, const RequestMeta& meta) {
  if (!actor.authenticated())
    return Status::Unauthenticated(std::string(internal::kUnauthenticated));
  // Replacing an active factor needs that factor: a stolen password alone cannot swap it.
  if (actor.credential != Credential::kSession || (actor.mfa_enrolled && !actor.mfa_verified)) {
    Log(UserRef(actor.user), "totp_setup", UserRef(actor.user), "denied", meta);
    return Forbidden();
  }
  std::vector<std::uint8_t> key = crypto::RandomBytes(kTotpSecretBytes);
  const std::string secret = crypto::Base32Encode(key);
  TB_RETURN_IF_ERROR(store_.SetPendingTotpSecret(actor.user, secret));
  Log(UserRef(actor.user), "totp_setup", UserRef(actor.user), "success", meta);
  return TotpSetup{secret, crypto::OtpauthUri(options_.totp_issuer, actor.email, secret)};
}

Status AuthService::ConfirmTotp(const Actor& actor, std::string_view session_token,
                                std::string_view code, const RequestMeta& meta) {
  if (!actor.authenticated())
    return Status::Unauthenticated(std::string(internal::kUnauthenticated));
  if (actor.credential != Credential::kSession) return Forbidden();
  TB_ASSIGN_OR_RETURN(SessionRecord session, LoadOwnSession(actor, session_token));
  TB_ASSIGN_OR_RETURN(UserRecord user, LoadUser(actor.user));
  if (user.totp_pending_secret.empty()) {
    return Status::FailedPrecondition("start the authenticator set-up first");
  }
  Result<std::vector<std::uint8_t>> key = crypto::Base32Decode(user.totp_pending_secret);
  if (!key.ok()) return Status::Internal("a stored TOTP secret is unreadable");
  const std::optional<std::int64_t> step = crypto::MatchTotp(*key, code, clock_.Now().seconds());
  // A new secret must not accept a step the old one already used (replay across re-setup).
  if (!step || *step <= user.totp_last_step) {
    Log(UserRef(actor.user), "totp_confirm", UserRef(actor.user), "totp_invalid", meta);
    return Status::Unauthenticated(std::string(internal::kTotpInvalid));
  }
  TB_RETURN_IF_ERROR(store_.ActivateTotp(actor.user, *step));
  TB_RETURN_IF_ERROR(store_.MarkSessionAuthenticated(session.id, clock_.Now(), true));
  Log(UserRef(actor.user), "totp_confirm", UserRef(actor.user), "success", meta);
  return Status::Ok();
}

Status AuthService::Reauthenticate(const Actor& actor, std::string_view session_token,
                                   std::string_view password, std::string_view totp,
                                   const RequestMeta& meta) {
  if (!actor.authenticated())
    return Status::Unauthenticated(std::string(internal::kUnauthenticated));
  if (actor.credential != Credential::kSession) return Forbidden();
  TB_ASSIGN_OR_RETURN(SessionRecord session, LoadOwnSession(actor, session_token));
  TB_ASSIGN_OR_RETURN(UserRecord user, LoadUser(actor.user));
  TB_RETURN_IF_ERROR(CheckPasswordOf(user, password, "step_up", meta));
  const bool enrolled = !user.totp_secret.empty();
  if (enrolled) {
    if (Status s = CheckSecondFactor(user, totp); !s.ok()) {
      Log(UserRef(user.id), "step_up", UserRef(user.id), AuthProblemCode(s), meta);
      return s;
    }
  }
  TB_RETURN_IF_ERROR(store_.MarkSessionAuthenticated(session.id, clock_.Now(), enrolled));
  Log(UserRef(user.id), "step_up", UserRef(user.id), "success", meta);
  return Status::Ok();
}

void AuthService::RecordAccessDenied(const Actor& actor, std::string_view object,
                                     std::string_view reason, const RequestMeta& meta) {
  Log(actor.authenticated() ? UserRef(actor.user) : std::string("public"), "access_denied",
      std::string(object), reason, meta);
}

Result<std::int64_t> AuthService::PurgeExpired() {
  const Timestamp now = clock_.Now();
  TB_ASSIGN_OR_RETURN(
      std::int64_t removed,
      store_.DeleteExpiredSessions(now - options_.session_idle, now - options_.session_absolute));
  TB_RETURN_IF_ERROR(store_.DeleteLoginChecksBefore(now - std::chrono::hours(1)));
  return removed;
}

}  // namespace tb::auth
