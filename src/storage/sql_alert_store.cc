// Settings, saved searches, saved notices and tokens of matching::AlertStore; the alerts and
// deliveries are in sql_alert_store_inbox.cc.
#include "storage/sql_alert_store.h"

#include <nlohmann/json.hpp>

#include "storage/sql_alert_store_internal.h"

namespace tb::storage {
namespace {

using matching::AlertSettings;
using matching::SavedNotice;
using matching::SavedSearch;
using nlohmann::json;

constexpr std::string_view kSettingsColumns =
    "user_id, frequency, email, use_profile, filters, updated_at_us, last_digest_at_us";
constexpr std::string_view kSearchColumns = "id, user_id, name, query, feed_token, created_at_us";

std::string FiltersJson(const AlertSettings& s) {
  json doc = {{"agencies", s.agencies},
              {"countries", s.countries},
              {"value_currency", s.value_currency},
              {"sustainable_only", s.sustainable_only}};
  if (s.value_min_minor) doc["value_min_minor"] = *s.value_min_minor;
  if (s.value_max_minor) doc["value_max_minor"] = *s.value_max_minor;
  return doc.dump();
}

Result<AlertSettings> ReadSettings(const Statement& s) {
  AlertSettings out;
  out.user = UserId{s.Int64(0)};
  std::optional<matching::AlertFrequency> frequency = matching::ParseAlertFrequency(s.Text(1));
  if (!frequency) return Status::Internal("stored alert settings have an unknown frequency");
  out.frequency = *frequency;
  out.email = s.Int64(2) != 0;
  out.use_profile = s.Int64(3) != 0;
  const json doc = json::parse(s.Text(4), nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return Status::Internal("stored alert filters are not a JSON object");
  out.agencies = doc.value("agencies", std::vector<std::string>{});
  out.countries = doc.value("countries", std::vector<std::string>{});
  out.value_currency = doc.value("value_currency", std::string());
  out.sustainable_only = doc.value("sustainable_only", false);
  if (doc.contains("value_min_minor")) out.value_min_minor = doc["value_min_minor"].get<std::int64_t>();
  if (doc.contains("value_max_minor")) out.value_max_minor = doc["value_max_minor"].get<std::int64_t>();
  out.updated_at = Timestamp::FromMicros(s.Int64(5));
  if (!s.IsNull(6)) out.last_digest_at = Timestamp::FromMicros(s.Int64(6));
  return out;
}

SavedSearch ReadSearch(const Statement& s) {
  SavedSearch out;
  out.id = s.Int64(0);
  out.user = UserId{s.Int64(1)};
  out.name = s.Text(2);
  out.query = s.Text(3);
  out.feed_token = s.Text(4);
  out.created_at = Timestamp::FromMicros(s.Int64(5));
  return out;
}

Result<std::vector<SavedSearch>> QuerySearches(Database& db, std::string_view where,
                                               std::optional<std::int64_t> user) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s, tx->Prepare("SELECT " + std::string(kSearchColumns) +
                                                 " FROM saved_searches " + std::string(where) +
                                                 " ORDER BY id"));
  if (user) s->BindInt64(1, *user);
  std::vector<SavedSearch> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.push_back(ReadSearch(*s));
  }
  return out;
}

Result<UserId> UserByToken(Database& db, std::string_view column, std::string_view token) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s, tx->Prepare("SELECT user_id FROM alert_user_tokens WHERE " +
                                                 std::string(column) + " = ?"));
  s->BindText(1, token);
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return Status::NotFound("no such token");
  return UserId{s->Int64(0)};
}

}  // namespace

namespace internal {

Result<std::vector<UserId>> QueryUserIds(Database& db, std::string_view sql,
                                         std::initializer_list<std::int64_t> binds) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s, tx->Prepare(sql));
  int index = 1;
  for (std::int64_t value : binds) s->BindInt64(index++, value);
  std::vector<UserId> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.push_back(UserId{s->Int64(0)});
  }
  return out;
}

}  // namespace internal

Result<AlertSettings> SqlAlertStore::GetSettings(UserId user) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s, tx->Prepare("SELECT " + std::string(kSettingsColumns) +
                                                 " FROM alert_settings WHERE user_id = ?"));
  s->BindInt64(1, user.value);
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) {
    AlertSettings defaults;
    defaults.user = user;
    return defaults;
  }
  return ReadSettings(*s);
}

Result<AlertSettings> SqlAlertStore::PutSettings(const AlertSettings& settings, Timestamp at) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(
      Statement * s,
      tx->Prepare("INSERT INTO alert_settings (user_id, frequency, email, use_profile, filters, "
                  "updated_at_us) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
                  "frequency = excluded.frequency, email = excluded.email, use_profile = "
                  "excluded.use_profile, filters = excluded.filters, updated_at_us = "
                  "excluded.updated_at_us"));
  s->BindInt64(1, settings.user.value)
      .BindText(2, matching::AlertFrequencyName(settings.frequency))
      .BindInt64(3, settings.email ? 1 : 0)
      .BindInt64(4, settings.use_profile ? 1 : 0)
      .BindText(5, FiltersJson(settings))
      .BindInt64(6, at.micros());
  TB_RETURN_IF_ERROR(s->Run());
  TB_RETURN_IF_ERROR(tx->Commit());
  return GetSettings(settings.user);
}

Result<std::vector<AlertSettings>> SqlAlertStore::AllSettings() {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s, tx->Prepare("SELECT " + std::string(kSettingsColumns) +
                                                 " FROM alert_settings ORDER BY user_id"));
  std::vector<AlertSettings> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    TB_ASSIGN_OR_RETURN(AlertSettings settings, ReadSettings(*s));
    out.push_back(std::move(settings));
  }
  return out;
}

Status SqlAlertStore::SetLastDigest(UserId user, Timestamp period_end) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_RETURN_IF_ERROR(internal::SetLastDigest(*tx, user, period_end));
  return tx->Commit();
}

Result<SavedSearch> SqlAlertStore::CreateSavedSearch(const SavedSearch& search, int max_per_user) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  // Serialises one user's creations so two concurrent ones cannot both pass the count.
  TB_RETURN_IF_ERROR(tx->LockUntilCommit(internal::kSavedSearchLockBase + search.user.value));
  TB_ASSIGN_OR_RETURN(Statement * count,
                      tx->Prepare("SELECT COUNT(*) FROM saved_searches WHERE user_id = ?"));
  count->BindInt64(1, search.user.value);
  TB_ASSIGN_OR_RETURN(bool counted, count->Step());
  if (counted && count->Int64(0) >= max_per_user) {
    return Status::FailedPrecondition("at most " + std::to_string(max_per_user) +
                                      " saved searches per user");
  }
  TB_ASSIGN_OR_RETURN(Statement * insert,
                      tx->Prepare("INSERT INTO saved_searches (user_id, name, query, feed_token, "
                                  "created_at_us) VALUES (?, ?, ?, ?, ?) RETURNING id"));
  insert->BindInt64(1, search.user.value)
      .BindText(2, search.name)
      .BindText(3, search.query)
      .BindText(4, search.feed_token)
      .BindInt64(5, search.created_at.micros());
  TB_ASSIGN_OR_RETURN(bool row, insert->Step());
  if (!row) return Status::Internal("INSERT ... RETURNING gave no id");
  SavedSearch stored = search;
  stored.id = insert->Int64(0);
  TB_RETURN_IF_ERROR(tx->Commit());
  return stored;
}

Result<std::vector<SavedSearch>> SqlAlertStore::SavedSearchesOf(UserId user) {
  return QuerySearches(db_, "WHERE user_id = ?", user.value);
}

Result<std::vector<SavedSearch>> SqlAlertStore::AllSavedSearches() {
  return QuerySearches(db_, "", std::nullopt);
}

Result<std::optional<SavedSearch>> SqlAlertStore::SavedSearchByToken(std::string_view token) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s, tx->Prepare("SELECT " + std::string(kSearchColumns) +
                                                 " FROM saved_searches WHERE feed_token = ?"));
  s->BindText(1, token);
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<SavedSearch>();
  return std::optional<SavedSearch>(ReadSearch(*s));
}

Status SqlAlertStore::DeleteSavedSearch(UserId user, std::int64_t id) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx->Prepare("DELETE FROM saved_searches WHERE id = ? AND user_id = ?"));
  s->BindInt64(1, id).BindInt64(2, user.value);
  TB_RETURN_IF_ERROR(s->Run());
  if (s->ChangedRows() == 0) return Status::NotFound("no such saved search");
  return tx->Commit();
}

Status SqlAlertStore::SaveNotice(UserId user, NoticeId notice, Timestamp at) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx->Prepare("INSERT INTO saved_notices (user_id, notice_id, saved_at_us) "
                                  "VALUES (?, ?, ?) ON CONFLICT (user_id, notice_id) DO NOTHING"));
  s->BindInt64(1, user.value).BindInt64(2, notice.value).BindInt64(3, at.micros());
  TB_RETURN_IF_ERROR(s->Run());
  return tx->Commit();
}

Status SqlAlertStore::UnsaveNotice(UserId user, NoticeId notice) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx->Prepare("DELETE FROM saved_notices WHERE user_id = ? AND notice_id = ?"));
  s->BindInt64(1, user.value).BindInt64(2, notice.value);
  TB_RETURN_IF_ERROR(s->Run());
  return tx->Commit();
}

Result<std::vector<SavedNotice>> SqlAlertStore::SavedNoticesOf(UserId user) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx->Prepare("SELECT notice_id, saved_at_us FROM saved_notices WHERE "
                                  "user_id = ? ORDER BY saved_at_us DESC, notice_id"));
  s->BindInt64(1, user.value);
  std::vector<SavedNotice> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.push_back({NoticeId{s->Int64(0)}, Timestamp::FromMicros(s->Int64(1))});
  }
  return out;
}

Result<std::vector<UserId>> SqlAlertStore::UsersFollowing(NoticeId notice) {
  return internal::QueryUserIds(db_,
                                "SELECT user_id FROM saved_notices WHERE notice_id = ? UNION "
                                "SELECT user_id FROM alerts WHERE notice_id = ? ORDER BY 1",
                                {notice.value, notice.value});
}

Result<matching::UserTokens> SqlAlertStore::TokensOf(UserId user,
                                                     const matching::UserTokens& if_missing) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(Statement * insert,
                      tx->Prepare("INSERT INTO alert_user_tokens (user_id, calendar_token, "
                                  "unsubscribe_token) VALUES (?, ?, ?) ON CONFLICT (user_id) DO "
                                  "NOTHING"));
  insert->BindInt64(1, user.value).BindText(2, if_missing.calendar).BindText(3, if_missing.unsubscribe);
  TB_RETURN_IF_ERROR(insert->Run());
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx->Prepare("SELECT calendar_token, unsubscribe_token FROM "
                                  "alert_user_tokens WHERE user_id = ?"));
  s->BindInt64(1, user.value);
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return Status::Internal("alert tokens vanished inside their transaction");
  matching::UserTokens tokens{s->Text(0), s->Text(1)};
  TB_RETURN_IF_ERROR(tx->Commit());
  return tokens;
}

Result<UserId> SqlAlertStore::UserByCalendarToken(std::string_view token) {
  return UserByToken(db_, "calendar_token", token);
}

Result<UserId> SqlAlertStore::UserByUnsubscribeToken(std::string_view token) {
  return UserByToken(db_, "unsubscribe_token", token);
}

}  // namespace tb::storage
