// SqlAuthStore, part 1: users, organisations and memberships. Part 2 (sql_auth_store_tokens.cc):
// sessions, e-mail tokens, invitations, API tokens and login checks.
#include "storage/sql_auth_store.h"

#include <algorithm>
#include <functional>
#include <memory>

#include "storage/sql_auth_helpers.h"

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

constexpr std::string_view kUserColumns =
    "id, email, display_name, language, password_hash, email_verified_at_us, created_at_us, "
    "totp_secret, totp_pending_secret, totp_last_step";

UserRecord ReadUser(const Statement& s) {
  UserRecord u;
  u.id = UserId{s.Int64(0)};
  u.email = s.Text(1);
  u.display_name = s.Text(2);
  u.language = s.Text(3);
  u.password_hash = s.Text(4);
  u.email_verified_at = OptionalTime(s, 5);
  u.created_at = Timestamp::FromMicros(s.Int64(6));
  u.totp_secret = s.Text(7);
  u.totp_pending_secret = s.Text(8);
  u.totp_last_step = s.Int64(9);
  return u;
}

Result<std::optional<UserRecord>> SelectUser(Transaction& tx, std::string_view where,
                                             const std::function<void(Statement&)>& bind) {
  TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare("SELECT " + std::string(kUserColumns) +
                                                " FROM users WHERE " + std::string(where)));
  bind(*s);
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<UserRecord>();
  return std::optional<UserRecord>(ReadUser(*s));
}

Result<UserId> InsertUser(Transaction& tx, const UserRecord& u) {
  TB_ASSIGN_OR_RETURN(
      Statement * s,
      tx.Prepare("INSERT INTO users (email, display_name, language, password_hash, "
                 "email_verified_at_us, created_at_us, totp_secret, totp_pending_secret, "
                 "totp_last_step) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  s->BindText(1, u.email).BindText(2, u.display_name).BindText(3, u.language);
  s->BindText(4, u.password_hash);
  BindOptionalTime(*s, 5, u.email_verified_at);
  s->BindInt64(6, u.created_at.micros())
      .BindText(7, u.totp_secret)
      .BindText(8, u.totp_pending_secret)
      .BindInt64(9, u.totp_last_step);
  Result<bool> row = s->Step();
  if (!row.ok()) {
    if (row.status().code() == StatusCode::kAlreadyExists) {
      return Status::AlreadyExists("a user has this e-mail").WithField("email");
    }
    return row.status();
  }
  if (!*row) return Status::Internal("inserting a user returned no id");
  return UserId{s->Int64(0)};
}

constexpr std::string_view kOrganisationColumns = "id, kind, name, country, created_at_us";

Result<OrganisationRecord> ReadOrganisation(const Statement& s) {
  OrganisationRecord o;
  o.id = OrganisationId{s.Int64(0)};
  const std::optional<OrganisationKind> kind = auth::ParseOrganisationKind(s.Text(1));
  if (!kind) return Status::Internal("a stored organisation has an unknown kind");
  o.kind = *kind;
  o.name = s.Text(2);
  o.country = s.Text(3);
  o.created_at = Timestamp::FromMicros(s.Int64(4));
  return o;
}

Result<OrganisationId> InsertOrganisation(Transaction& tx, const OrganisationRecord& o) {
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx.Prepare("INSERT INTO organisations (kind, name, country, created_at_us) "
                                 "VALUES (?, ?, ?, ?) RETURNING id"));
  s->BindText(1, auth::OrganisationKindName(o.kind))
      .BindText(2, o.name)
      .BindText(3, o.country)
      .BindInt64(4, o.created_at.micros());
  Result<bool> row = s->Step();
  if (!row.ok()) {
    if (row.status().code() == StatusCode::kAlreadyExists) {
      return Status::AlreadyExists("an organisation of this kind has this name").WithField("name");
    }
    return row.status();
  }
  if (!*row) return Status::Internal("inserting an organisation returned no id");
  return OrganisationId{s->Int64(0)};
}

Result<bool> Exists(Transaction& tx, std::string_view sql, std::int64_t a, std::int64_t b = 0) {
  TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare(sql));
  s->BindInt64(1, a);
  if (b != 0) s->BindInt64(2, b);
  return s->Step();
}

Status InsertRoles(Transaction& tx, UserId user, OrganisationId organisation,
                   const std::vector<Role>& roles) {
  for (Role role : roles) {
    TB_ASSIGN_OR_RETURN(Statement * s,
                        tx.Prepare("INSERT INTO membership_roles (user_id, organisation_id, role) "
                                   "VALUES (?, ?, ?) ON CONFLICT DO NOTHING"));
    s->BindInt64(1, user.value).BindInt64(2, organisation.value).BindText(3, auth::RoleName(role));
    TB_RETURN_IF_ERROR(s->Run());
  }
  return Status::Ok();
}

Status UpsertMembership(Transaction& tx, UserId user, OrganisationId organisation, bool owner,
                        const std::vector<Role>& roles) {
  TB_ASSIGN_OR_RETURN(
      Statement * s,
      tx.Prepare("INSERT INTO memberships (user_id, organisation_id, owner) VALUES (?, ?, ?) "
                 "ON CONFLICT (user_id, organisation_id) DO UPDATE SET owner = "
                 "CASE WHEN excluded.owner = 1 THEN 1 ELSE memberships.owner END"));
  s->BindInt64(1, user.value).BindInt64(2, organisation.value).BindInt64(3, owner ? 1 : 0);
  TB_RETURN_IF_ERROR(s->Run());
  return InsertRoles(tx, user, organisation, roles);
}

}  // namespace

Result<UserId> SqlAuthStore::CreateUser(const UserRecord& user) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) { return InsertUser(tx, user); });
}

Result<std::optional<UserRecord>> SqlAuthStore::FindUser(UserId id) {
  return InTransaction(db_, TxMode::kRead, [&](Transaction& tx) {
    return SelectUser(tx, "id = ?", [&](Statement& s) { s.BindInt64(1, id.value); });
  });
}

Result<std::optional<UserRecord>> SqlAuthStore::FindUserByEmail(const std::string& email) {
  return InTransaction(db_, TxMode::kRead, [&](Transaction& tx) {
    return SelectUser(tx, "email = ?", [&](Statement& s) { s.BindText(1, email); });
  });
}

Status SqlAuthStore::SetPasswordHash(UserId id, const std::string& password_hash) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(Statement * s,
                        tx.Prepare("UPDATE users SET password_hash = ? WHERE id = ?"));
    s->BindText(1, password_hash).BindInt64(2, id.value);
    TB_RETURN_IF_ERROR(s->Run());
    return s->ChangedRows() == 1 ? Status::Ok() : NoUser();
  });
}

Status SqlAuthStore::SetEmailVerified(UserId id, Timestamp at) {
  TB_ASSIGN_OR_RETURN(std::int64_t changed,
                      Change(db_, "UPDATE users SET email_verified_at_us = ? WHERE id = ?",
                             {at.micros(), id.value}));
  return changed == 1 ? Status::Ok() : NoUser();
}

Status SqlAuthStore::SetPendingTotpSecret(UserId id, const std::string& secret) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(Statement * s,
                        tx.Prepare("UPDATE users SET totp_pending_secret = ? WHERE id = ?"));
    s->BindText(1, secret).BindInt64(2, id.value);
    TB_RETURN_IF_ERROR(s->Run());
    return s->ChangedRows() == 1 ? Status::Ok() : NoUser();
  });
}

Status SqlAuthStore::ActivateTotp(UserId id, std::int64_t step) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(Statement * s,
                        tx.Prepare("UPDATE users SET totp_secret = totp_pending_secret, "
                                   "totp_pending_secret = '', totp_last_step = ? "
                                   "WHERE id = ? AND totp_pending_secret <> ''"));
    s->BindInt64(1, step).BindInt64(2, id.value);
    TB_RETURN_IF_ERROR(s->Run());
    if (s->ChangedRows() == 1) return Status::Ok();
    TB_ASSIGN_OR_RETURN(bool exists, Exists(tx, "SELECT 1 FROM users WHERE id = ?", id.value));
    return exists ? Status::FailedPrecondition("no pending TOTP secret") : NoUser();
  });
}

Result<bool> SqlAuthStore::ClaimTotpStep(UserId id, std::int64_t step) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<bool> {
    TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare("UPDATE users SET totp_last_step = ? "
                                                  "WHERE id = ? AND totp_last_step < ?"));
    s->BindInt64(1, step).BindInt64(2, id.value).BindInt64(3, step);
    TB_RETURN_IF_ERROR(s->Run());
    if (s->ChangedRows() == 1) return true;
    TB_ASSIGN_OR_RETURN(bool exists, Exists(tx, "SELECT 1 FROM users WHERE id = ?", id.value));
    if (!exists) return NoUser();
    return false;
  });
}

Result<auth::AuthStore::UserWithOrganisation> SqlAuthStore::CreateUserWithOrganisation(
    const UserRecord& user, const OrganisationRecord& organisation,
    const std::vector<Role>& roles) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<UserWithOrganisation> {
    TB_ASSIGN_OR_RETURN(UserId user_id, InsertUser(tx, user));
    TB_ASSIGN_OR_RETURN(OrganisationId org_id, InsertOrganisation(tx, organisation));
    TB_RETURN_IF_ERROR(UpsertMembership(tx, user_id, org_id, true, roles));
    return UserWithOrganisation{user_id, org_id};
  });
}

Result<OrganisationId> SqlAuthStore::CreateOrganisation(const OrganisationRecord& organisation) {
  return InTransaction(db_, TxMode::kWrite,
                       [&](Transaction& tx) { return InsertOrganisation(tx, organisation); });
}

Result<std::optional<OrganisationRecord>> SqlAuthStore::FindOrganisation(OrganisationId id) {
  return InTransaction(
      db_, TxMode::kRead, [&](Transaction& tx) -> Result<std::optional<OrganisationRecord>> {
        TB_ASSIGN_OR_RETURN(Statement * s,
                            tx.Prepare("SELECT " + std::string(kOrganisationColumns) +
                                       " FROM organisations WHERE id = ?"));
        s->BindInt64(1, id.value);
        TB_ASSIGN_OR_RETURN(bool row, s->Step());
        if (!row) return std::optional<OrganisationRecord>();
        TB_ASSIGN_OR_RETURN(OrganisationRecord org, ReadOrganisation(*s));
        return std::optional<OrganisationRecord>(std::move(org));
      });
}

Result<std::optional<OrganisationRecord>> SqlAuthStore::FindOrganisationByName(
    OrganisationKind kind, const std::string& name) {
  return InTransaction(
      db_, TxMode::kRead, [&](Transaction& tx) -> Result<std::optional<OrganisationRecord>> {
        TB_ASSIGN_OR_RETURN(Statement * s,
                            tx.Prepare("SELECT " + std::string(kOrganisationColumns) +
                                       " FROM organisations WHERE kind = ? AND name = ?"));
        s->BindText(1, auth::OrganisationKindName(kind)).BindText(2, name);
        TB_ASSIGN_OR_RETURN(bool row, s->Step());
        if (!row) return std::optional<OrganisationRecord>();
        TB_ASSIGN_OR_RETURN(OrganisationRecord org, ReadOrganisation(*s));
        return std::optional<OrganisationRecord>(std::move(org));
      });
}

Result<std::vector<OrganisationRecord>> SqlAuthStore::ListOrganisations(
    std::optional<OrganisationKind> kind) {
  return InTransaction(
      db_, TxMode::kRead, [&](Transaction& tx) -> Result<std::vector<OrganisationRecord>> {
        const std::string sql = "SELECT " + std::string(kOrganisationColumns) +
                                " FROM organisations" + (kind ? " WHERE kind = ?" : "") +
                                " ORDER BY name, id";
        TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare(sql));
        if (kind) s->BindText(1, auth::OrganisationKindName(*kind));
        std::vector<OrganisationRecord> out;
        for (;;) {
          TB_ASSIGN_OR_RETURN(bool row, s->Step());
          if (!row) break;
          TB_ASSIGN_OR_RETURN(OrganisationRecord org, ReadOrganisation(*s));
          out.push_back(std::move(org));
        }
        return out;
      });
}

Status SqlAuthStore::AddMembership(UserId user, OrganisationId organisation, bool owner,
                                   const std::vector<Role>& roles) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(bool user_exists,
                        Exists(tx, "SELECT 1 FROM users WHERE id = ?", user.value));
    if (!user_exists) return NoUser();
    TB_ASSIGN_OR_RETURN(bool org_exists,
                        Exists(tx, "SELECT 1 FROM organisations WHERE id = ?", organisation.value));
    if (!org_exists) return Status::NotFound("no such organisation");
    return UpsertMembership(tx, user, organisation, owner, roles);
  });
}

Status SqlAuthStore::SetMembershipRoles(UserId user, OrganisationId organisation,
                                        const std::vector<Role>& roles) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(
        bool member,
        Exists(tx, "SELECT 1 FROM memberships WHERE user_id = ? AND organisation_id = ?",
               user.value, organisation.value));
    if (!member) return Status::NotFound("the user is not a member");
    TB_ASSIGN_OR_RETURN(
        Statement * s,
        tx.Prepare("DELETE FROM membership_roles WHERE user_id = ? AND organisation_id = ?"));
    s->BindInt64(1, user.value).BindInt64(2, organisation.value);
    TB_RETURN_IF_ERROR(s->Run());
    return InsertRoles(tx, user, organisation, roles);
  });
}

Result<std::vector<Membership>> SqlAuthStore::MembershipsOf(UserId user) {
  return InTransaction(db_, TxMode::kRead, [&](Transaction& tx) -> Result<std::vector<Membership>> {
    std::vector<Membership> out;
    {
      TB_ASSIGN_OR_RETURN(Statement * s,
                          tx.Prepare("SELECT m.organisation_id, o.kind, m.owner FROM memberships m "
                                     "JOIN organisations o ON o.id = m.organisation_id "
                                     "WHERE m.user_id = ? ORDER BY m.organisation_id"));
      s->BindInt64(1, user.value);
      for (;;) {
        TB_ASSIGN_OR_RETURN(bool row, s->Step());
        if (!row) break;
        const std::optional<OrganisationKind> kind = auth::ParseOrganisationKind(s->Text(1));
        if (!kind) return Status::Internal("a stored organisation has an unknown kind");
        out.push_back(Membership{OrganisationId{s->Int64(0)}, *kind, s->Int64(2) != 0, {}});
      }
    }
    TB_ASSIGN_OR_RETURN(Statement * roles,
                        tx.Prepare("SELECT organisation_id, role FROM membership_roles "
                                   "WHERE user_id = ?"));
    roles->BindInt64(1, user.value);
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, roles->Step());
      if (!row) break;
      const OrganisationId org{roles->Int64(0)};
      const std::optional<Role> role = auth::ParseRole(roles->Text(1));
      if (!role) continue;  // a role this program does not know grants nothing
      for (Membership& m : out) {
        if (m.organisation == org) m.roles.push_back(*role);
      }
    }
    for (Membership& m : out) std::sort(m.roles.begin(), m.roles.end());
    return out;
  });
}

Result<std::vector<auth::OrganisationMemberRecord>> SqlAuthStore::MembersOf(
    OrganisationId organisation) {
  using auth::OrganisationMemberRecord;
  return InTransaction(
      db_, TxMode::kRead, [&](Transaction& tx) -> Result<std::vector<OrganisationMemberRecord>> {
        std::vector<OrganisationMemberRecord> out;
        {
          // memberships has no column named like a users column, so kUserColumns stays
          // unambiguous in the join.
          TB_ASSIGN_OR_RETURN(Statement * s,
                              tx.Prepare("SELECT " + std::string(kUserColumns) +
                                         ", m.owner FROM users JOIN memberships m "
                                         "ON m.user_id = users.id WHERE m.organisation_id = ? "
                                         "ORDER BY users.id"));
          s->BindInt64(1, organisation.value);
          for (;;) {
            TB_ASSIGN_OR_RETURN(bool row, s->Step());
            if (!row) break;
            out.push_back(OrganisationMemberRecord{ReadUser(*s), s->Int64(10) != 0, {}});
          }
        }
        TB_ASSIGN_OR_RETURN(Statement * roles,
                            tx.Prepare("SELECT user_id, role FROM membership_roles "
                                       "WHERE organisation_id = ?"));
        roles->BindInt64(1, organisation.value);
        for (;;) {
          TB_ASSIGN_OR_RETURN(bool row, roles->Step());
          if (!row) break;
          const UserId user{roles->Int64(0)};
          const std::optional<Role> role = auth::ParseRole(roles->Text(1));
          if (!role) continue;  // a role this program does not know grants nothing
          for (OrganisationMemberRecord& member : out) {
            if (member.user.id == user) member.roles.push_back(*role);
          }
        }
        for (OrganisationMemberRecord& member : out) {
          std::sort(member.roles.begin(), member.roles.end());
        }
        return out;
      });
}

namespace {

// Locks the organisation's row until the transaction ends, so that membership changes of one
// organisation run one at a time on PostgreSQL (READ COMMITTED would let two removals each
// count two owners). SQLite's write transactions already hold the database's write lock.
Result<bool> LockOrganisation(Transaction& tx, OrganisationId organisation) {
  const std::string sql = tx.engine() == Engine::kPostgres
                              ? "SELECT 1 FROM organisations WHERE id = ? FOR UPDATE"
                              : "SELECT 1 FROM organisations WHERE id = ?";
  return Exists(tx, sql, organisation.value);
}

}  // namespace

Result<auth::AuthStore::Removal> SqlAuthStore::RemoveMembership(UserId user,
                                                                OrganisationId organisation) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<Removal> {
    TB_ASSIGN_OR_RETURN(bool org_exists, LockOrganisation(tx, organisation));
    if (!org_exists) return Removal::kNotMember;
    TB_ASSIGN_OR_RETURN(
        Statement * member,
        tx.Prepare("SELECT owner FROM memberships WHERE user_id = ? AND organisation_id = ?"));
    member->BindInt64(1, user.value).BindInt64(2, organisation.value);
    TB_ASSIGN_OR_RETURN(bool found, member->Step());
    if (!found) return Removal::kNotMember;
    if (member->Int64(0) != 0) {
      TB_ASSIGN_OR_RETURN(
          Statement * owners,
          tx.Prepare("SELECT COUNT(*) FROM memberships WHERE organisation_id = ? AND owner = 1"));
      owners->BindInt64(1, organisation.value);
      TB_ASSIGN_OR_RETURN(bool counted, owners->Step());
      if (!counted) return Status::Internal("COUNT returned no row");
      if (owners->Int64(0) <= 1) return Removal::kLastOwner;
    }
    // Roles first: SQLite enforces the cascade only with foreign keys switched on.
    for (const char* sql :
         {"DELETE FROM membership_roles WHERE user_id = ? AND organisation_id = ?",
          "DELETE FROM memberships WHERE user_id = ? AND organisation_id = ?"}) {
      TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare(sql));
      s->BindInt64(1, user.value).BindInt64(2, organisation.value);
      TB_RETURN_IF_ERROR(s->Run());
    }
    return Removal::kRemoved;
  });
}

Result<bool> SqlAuthStore::TransferOwnership(OrganisationId organisation, UserId user) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<bool> {
    TB_ASSIGN_OR_RETURN(bool org_exists, LockOrganisation(tx, organisation));
    if (!org_exists) return false;
    TB_ASSIGN_OR_RETURN(
        bool member,
        Exists(tx, "SELECT 1 FROM memberships WHERE user_id = ? AND organisation_id = ?",
               user.value, organisation.value));
    if (!member) return false;
    TB_ASSIGN_OR_RETURN(Statement * s,
                        tx.Prepare("UPDATE memberships SET owner = CASE WHEN user_id = ? THEN 1 "
                                   "ELSE 0 END WHERE organisation_id = ?"));
    s->BindInt64(1, user.value).BindInt64(2, organisation.value);
    TB_RETURN_IF_ERROR(s->Run());
    return true;
  });
}

}  // namespace tb::storage
