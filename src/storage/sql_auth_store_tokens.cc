// SqlAuthStore, part 2: sessions, e-mail tokens, invitations, API tokens and login checks.
#include <algorithm>
#include <memory>

#include "storage/sql_auth_helpers.h"
#include "storage/sql_auth_store.h"

namespace tb::storage {
namespace {

using auth::ApiTokenRecord;
using auth::EmailTokenRecord;
using auth::InvitationRecord;
using auth::Membership;
using auth::OrganisationKind;
using auth::OrganisationRecord;
using auth::Role;
using auth::SessionRecord;
using auth::UserRecord;
using auth_sql::BindOptionalTime;
using auth_sql::Change;
using auth_sql::InTransaction;
using auth_sql::NoUser;
using auth_sql::OptionalTime;

std::string_view PurposeName(auth::EmailTokenPurpose purpose) {
  return purpose == auth::EmailTokenPurpose::kVerifyEmail ? "verify_email" : "password_reset";
}

std::string JoinRoles(const std::vector<Role>& roles) {
  std::string out;
  for (Role role : roles) {
    if (!out.empty()) out += ',';
    out += auth::RoleName(role);
  }
  return out;
}

std::vector<Role> SplitRoles(std::string_view text) {
  std::vector<Role> roles;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view name = text.substr(0, comma);
    if (std::optional<Role> role = auth::ParseRole(name)) roles.push_back(*role);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return roles;
}

std::string JoinScopes(const std::vector<std::string>& scopes) {
  std::string out;
  for (const std::string& scope : scopes) {
    if (!out.empty()) out += ' ';
    out += scope;
  }
  return out;
}

std::vector<std::string> SplitScopes(std::string_view text) {
  std::vector<std::string> scopes;
  while (!text.empty()) {
    const std::size_t space = text.find(' ');
    if (space != 0) scopes.emplace_back(text.substr(0, space));
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  return scopes;
}
constexpr std::string_view kSessionColumns =
    "id, token_hash, user_id, created_at_us, last_seen_at_us, authenticated_at_us, mfa_verified";

SessionRecord ReadSession(const Statement& s) {
  SessionRecord r;
  r.id = s.Int64(0);
  r.token_hash = s.Text(1);
  r.user = UserId{s.Int64(2)};
  r.created_at = Timestamp::FromMicros(s.Int64(3));
  r.last_seen_at = Timestamp::FromMicros(s.Int64(4));
  r.authenticated_at = Timestamp::FromMicros(s.Int64(5));
  r.mfa_verified = s.Int64(6) != 0;
  return r;
}

constexpr std::string_view kInvitationColumns =
    "id, token_hash, organisation_id, email, roles, invited_by, created_at_us, expires_at_us, "
    "accepted_at_us";

InvitationRecord ReadInvitation(const Statement& s) {
  InvitationRecord r;
  r.id = s.Int64(0);
  r.token_hash = s.Text(1);
  r.organisation = OrganisationId{s.Int64(2)};
  r.email = s.Text(3);
  r.roles = SplitRoles(s.Text(4));
  r.invited_by = UserId{s.Int64(5)};
  r.created_at = Timestamp::FromMicros(s.Int64(6));
  r.expires_at = Timestamp::FromMicros(s.Int64(7));
  r.accepted_at = OptionalTime(s, 8);
  return r;
}

constexpr std::string_view kApiTokenColumns =
    "id, user_id, name, token_hash, prefix, scopes, created_at_us, last_used_at_us, "
    "revoked_at_us";

ApiTokenRecord ReadApiToken(const Statement& s) {
  ApiTokenRecord r;
  r.id = s.Int64(0);
  r.user = UserId{s.Int64(1)};
  r.name = s.Text(2);
  r.token_hash = s.Text(3);
  r.prefix = s.Text(4);
  r.scopes = SplitScopes(s.Text(5));
  r.created_at = Timestamp::FromMicros(s.Int64(6));
  r.last_used_at = OptionalTime(s, 7);
  r.revoked_at = OptionalTime(s, 8);
  return r;
}

}  // namespace

Result<std::int64_t> SqlAuthStore::CreateSession(const SessionRecord& session) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<std::int64_t> {
    TB_ASSIGN_OR_RETURN(
        Statement * s,
        tx.Prepare("INSERT INTO sessions (token_hash, user_id, created_at_us, last_seen_at_us, "
                   "authenticated_at_us, mfa_verified) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
    s->BindText(1, session.token_hash)
        .BindInt64(2, session.user.value)
        .BindInt64(3, session.created_at.micros())
        .BindInt64(4, session.last_seen_at.micros())
        .BindInt64(5, session.authenticated_at.micros())
        .BindInt64(6, session.mfa_verified ? 1 : 0);
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return Status::Internal("inserting a session returned no id");
    return s->Int64(0);
  });
}

Result<std::optional<SessionRecord>> SqlAuthStore::FindSession(const std::string& token_hash) {
  return InTransaction(
      db_, TxMode::kRead, [&](Transaction& tx) -> Result<std::optional<SessionRecord>> {
        TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare("SELECT " + std::string(kSessionColumns) +
                                                      " FROM sessions WHERE token_hash = ?"));
        s->BindText(1, token_hash);
        TB_ASSIGN_OR_RETURN(bool row, s->Step());
        if (!row) return std::optional<SessionRecord>();
        return std::optional<SessionRecord>(ReadSession(*s));
      });
}

Status SqlAuthStore::TouchSession(std::int64_t id, Timestamp last_seen_at) {
  // Only forwards: of two concurrent requests the later time stays.
  return Change(db_, "UPDATE sessions SET last_seen_at_us = ? WHERE id = ? AND last_seen_at_us < ?",
                {last_seen_at.micros(), id, last_seen_at.micros()})
      .status();
}

Status SqlAuthStore::MarkSessionAuthenticated(std::int64_t id, Timestamp at, bool mfa_verified) {
  TB_ASSIGN_OR_RETURN(
      std::int64_t changed,
      Change(db_, "UPDATE sessions SET authenticated_at_us = ?, mfa_verified = ? WHERE id = ?",
             {at.micros(), mfa_verified ? 1 : 0, id}));
  return changed == 1 ? Status::Ok() : Status::NotFound("no such session");
}

Status SqlAuthStore::DeleteSession(std::int64_t id) {
  return Change(db_, "DELETE FROM sessions WHERE id = ?", {id}).status();
}

Status SqlAuthStore::DeleteSessionsOf(UserId user) {
  return Change(db_, "DELETE FROM sessions WHERE user_id = ?", {user.value}).status();
}

Result<std::int64_t> SqlAuthStore::DeleteExpiredSessions(Timestamp idle_before,
                                                         Timestamp created_before) {
  return Change(db_, "DELETE FROM sessions WHERE last_seen_at_us < ? OR created_at_us < ?",
                {idle_before.micros(), created_before.micros()});
}

Result<std::int64_t> SqlAuthStore::CreateEmailToken(const EmailTokenRecord& token) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<std::int64_t> {
    TB_ASSIGN_OR_RETURN(
        Statement * s,
        tx.Prepare("INSERT INTO email_tokens (token_hash, purpose, user_id, created_at_us, "
                   "expires_at_us, used_at_us) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
    s->BindText(1, token.token_hash)
        .BindText(2, PurposeName(token.purpose))
        .BindInt64(3, token.user.value)
        .BindInt64(4, token.created_at.micros())
        .BindInt64(5, token.expires_at.micros());
    BindOptionalTime(*s, 6, token.used_at);
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return Status::Internal("inserting an e-mail token returned no id");
    return s->Int64(0);
  });
}

Result<std::optional<EmailTokenRecord>> SqlAuthStore::ConsumeEmailToken(
    const std::string& token_hash, auth::EmailTokenPurpose purpose, Timestamp now) {
  return InTransaction(
      db_, TxMode::kWrite, [&](Transaction& tx) -> Result<std::optional<EmailTokenRecord>> {
        TB_ASSIGN_OR_RETURN(
            Statement * s,
            tx.Prepare(
                "UPDATE email_tokens SET used_at_us = ? WHERE token_hash = ? AND purpose = ? "
                "AND used_at_us IS NULL AND expires_at_us > ? "
                "RETURNING id, user_id, created_at_us, expires_at_us"));
        s->BindInt64(1, now.micros())
            .BindText(2, token_hash)
            .BindText(3, PurposeName(purpose))
            .BindInt64(4, now.micros());
        TB_ASSIGN_OR_RETURN(bool row, s->Step());
        if (!row) return std::optional<EmailTokenRecord>();
        EmailTokenRecord r;
        r.id = s->Int64(0);
        r.token_hash = token_hash;
        r.purpose = purpose;
        r.user = UserId{s->Int64(1)};
        r.created_at = Timestamp::FromMicros(s->Int64(2));
        r.expires_at = Timestamp::FromMicros(s->Int64(3));
        r.used_at = now;
        // Drain the statement so SQLite finishes the UPDATE before the commit.
        TB_ASSIGN_OR_RETURN(bool more, s->Step());
        (void)more;
        return std::optional<EmailTokenRecord>(std::move(r));
      });
}

Result<std::int64_t> SqlAuthStore::CreateInvitation(const InvitationRecord& invitation) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<std::int64_t> {
    TB_ASSIGN_OR_RETURN(
        Statement * s,
        tx.Prepare("INSERT INTO invitations (token_hash, organisation_id, email, roles, "
                   "invited_by, created_at_us, expires_at_us, accepted_at_us) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    s->BindText(1, invitation.token_hash)
        .BindInt64(2, invitation.organisation.value)
        .BindText(3, invitation.email)
        .BindText(4, JoinRoles(invitation.roles))
        .BindInt64(5, invitation.invited_by.value)
        .BindInt64(6, invitation.created_at.micros())
        .BindInt64(7, invitation.expires_at.micros());
    BindOptionalTime(*s, 8, invitation.accepted_at);
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return Status::Internal("inserting an invitation returned no id");
    return s->Int64(0);
  });
}

Result<std::optional<InvitationRecord>> SqlAuthStore::FindOpenInvitation(
    const std::string& token_hash, Timestamp now) {
  return InTransaction(
      db_, TxMode::kRead, [&](Transaction& tx) -> Result<std::optional<InvitationRecord>> {
        TB_ASSIGN_OR_RETURN(Statement * s,
                            tx.Prepare("SELECT " + std::string(kInvitationColumns) +
                                       " FROM invitations WHERE token_hash = ? AND "
                                       "accepted_at_us IS NULL AND expires_at_us > ?"));
        s->BindText(1, token_hash).BindInt64(2, now.micros());
        TB_ASSIGN_OR_RETURN(bool row, s->Step());
        if (!row) return std::optional<InvitationRecord>();
        return std::optional<InvitationRecord>(ReadInvitation(*s));
      });
}

Result<bool> SqlAuthStore::MarkInvitationAccepted(std::int64_t id, Timestamp at) {
  TB_ASSIGN_OR_RETURN(std::int64_t changed, Change(db_,
                                                   "UPDATE invitations SET accepted_at_us = ? "
                                                   "WHERE id = ? AND accepted_at_us IS NULL",
                                                   {at.micros(), id}));
  return changed == 1;
}

Result<std::vector<InvitationRecord>> SqlAuthStore::OpenInvitationsOf(OrganisationId organisation,
                                                                      Timestamp now) {
  return InTransaction(
      db_, TxMode::kRead, [&](Transaction& tx) -> Result<std::vector<InvitationRecord>> {
        TB_ASSIGN_OR_RETURN(Statement * s,
                            tx.Prepare("SELECT " + std::string(kInvitationColumns) +
                                       " FROM invitations WHERE organisation_id = ? AND "
                                       "accepted_at_us IS NULL AND expires_at_us > ? ORDER BY id"));
        s->BindInt64(1, organisation.value).BindInt64(2, now.micros());
        std::vector<InvitationRecord> out;
        for (;;) {
          TB_ASSIGN_OR_RETURN(bool row, s->Step());
          if (!row) break;
          out.push_back(ReadInvitation(*s));
        }
        return out;
      });
}

Result<bool> SqlAuthStore::DeleteInvitation(OrganisationId organisation, std::int64_t id) {
  TB_ASSIGN_OR_RETURN(std::int64_t changed,
                      Change(db_,
                             "DELETE FROM invitations WHERE id = ? AND organisation_id = ? AND "
                             "accepted_at_us IS NULL",
                             {id, organisation.value}));
  return changed == 1;
}

Result<std::int64_t> SqlAuthStore::CreateApiToken(const ApiTokenRecord& token) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<std::int64_t> {
    TB_ASSIGN_OR_RETURN(
        Statement * s,
        tx.Prepare("INSERT INTO api_tokens (user_id, name, token_hash, prefix, scopes, "
                   "created_at_us, last_used_at_us, revoked_at_us) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    s->BindInt64(1, token.user.value)
        .BindText(2, token.name)
        .BindText(3, token.token_hash)
        .BindText(4, token.prefix)
        .BindText(5, JoinScopes(token.scopes))
        .BindInt64(6, token.created_at.micros());
    BindOptionalTime(*s, 7, token.last_used_at);
    BindOptionalTime(*s, 8, token.revoked_at);
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return Status::Internal("inserting an API token returned no id");
    return s->Int64(0);
  });
}

Result<std::vector<ApiTokenRecord>> SqlAuthStore::ApiTokensOf(UserId user) {
  return InTransaction(
      db_, TxMode::kRead, [&](Transaction& tx) -> Result<std::vector<ApiTokenRecord>> {
        TB_ASSIGN_OR_RETURN(Statement * s,
                            tx.Prepare("SELECT " + std::string(kApiTokenColumns) +
                                       " FROM api_tokens WHERE user_id = ? ORDER BY id"));
        s->BindInt64(1, user.value);
        std::vector<ApiTokenRecord> out;
        for (;;) {
          TB_ASSIGN_OR_RETURN(bool row, s->Step());
          if (!row) break;
          out.push_back(ReadApiToken(*s));
        }
        return out;
      });
}

Result<std::optional<ApiTokenRecord>> SqlAuthStore::FindApiToken(const std::string& token_hash) {
  return InTransaction(
      db_, TxMode::kRead, [&](Transaction& tx) -> Result<std::optional<ApiTokenRecord>> {
        TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare("SELECT " + std::string(kApiTokenColumns) +
                                                      " FROM api_tokens WHERE token_hash = ?"));
        s->BindText(1, token_hash);
        TB_ASSIGN_OR_RETURN(bool row, s->Step());
        if (!row) return std::optional<ApiTokenRecord>();
        return std::optional<ApiTokenRecord>(ReadApiToken(*s));
      });
}

Result<bool> SqlAuthStore::RevokeApiToken(UserId user, std::int64_t id, Timestamp at) {
  TB_ASSIGN_OR_RETURN(std::int64_t changed,
                      Change(db_,
                             "UPDATE api_tokens SET revoked_at_us = ? "
                             "WHERE id = ? AND user_id = ? AND revoked_at_us IS NULL",
                             {at.micros(), id, user.value}));
  return changed == 1;
}

Status SqlAuthStore::TouchApiToken(std::int64_t id, Timestamp at) {
  return Change(db_, "UPDATE api_tokens SET last_used_at_us = ? WHERE id = ?", {at.micros(), id})
      .status();
}

Status SqlAuthStore::RecordLoginCheck(UserId user, Timestamp at, bool success) {
  return Change(db_, "INSERT INTO login_checks (user_id, at_us, success) VALUES (?, ?, ?)",
                {user.value, at.micros(), success ? 1 : 0})
      .status();
}

Result<auth::LoginChecks> SqlAuthStore::LoginChecksSince(UserId user, Timestamp since) {
  return InTransaction(db_, TxMode::kRead, [&](Transaction& tx) -> Result<auth::LoginChecks> {
    auth::LoginChecks out;
    {
      TB_ASSIGN_OR_RETURN(
          Statement * s,
          tx.Prepare("SELECT COUNT(*), MIN(at_us), MAX(CASE WHEN success = 0 THEN at_us END) "
                     "FROM login_checks WHERE user_id = ? AND at_us >= ?"));
      s->BindInt64(1, user.value).BindInt64(2, since.micros());
      TB_ASSIGN_OR_RETURN(bool row, s->Step());
      if (row) {
        out.checks = s->Int64(0);
        out.oldest_check = OptionalTime(*s, 1);
        out.last_failure = OptionalTime(*s, 2);
      }
    }
    // Failures after the last success in the window; ids follow insertion order.
    TB_ASSIGN_OR_RETURN(
        Statement * f,
        tx.Prepare("SELECT COUNT(*) FROM login_checks WHERE user_id = ? AND at_us >= ? "
                   "AND success = 0 AND id > COALESCE((SELECT MAX(id) FROM login_checks "
                   "WHERE user_id = ? AND at_us >= ? AND success = 1), 0)"));
    f->BindInt64(1, user.value)
        .BindInt64(2, since.micros())
        .BindInt64(3, user.value)
        .BindInt64(4, since.micros());
    TB_ASSIGN_OR_RETURN(bool row, f->Step());
    if (row) out.failures_since_success = f->Int64(0);
    return out;
  });
}

Status SqlAuthStore::DeleteLoginChecksBefore(Timestamp before) {
  return Change(db_, "DELETE FROM login_checks WHERE at_us < ?", {before.micros()}).status();
}

}  // namespace tb::storage
