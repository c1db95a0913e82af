// Alerts (the inbox), the alert projection's position and the e-mail deliveries of
// matching::AlertStore.
#include <nlohmann/json.hpp>

#include "storage/sql_alert_store.h"
#include "storage/sql_alert_store_internal.h"

namespace tb::storage {
namespace {

using matching::Alert;
using matching::Delivery;
using nlohmann::json;

constexpr std::string_view kAlertColumns =
    "id, user_id, notice_id, notice_version, reason, saved_search_id, score, explanation, "
    "created_at_us, read_at_us, emailed";
constexpr std::string_view kDeliveryColumns =
    "id, user_id, kind, alert_ids, attempts, next_attempt_at_us, last_error, sent_at_us, "
    "created_at_us";

Result<Alert> ReadAlert(const Statement& s) {
  Alert a;
  a.id = s.Int64(0);
  a.user = UserId{s.Int64(1)};
  a.notice = NoticeId{s.Int64(2)};
  a.notice_version = s.Int64(3);
  std::optional<matching::AlertReason> reason = matching::ParseAlertReason(s.Text(4));
  if (!reason) return Status::Internal("stored alert has an unknown reason");
  a.reason = *reason;
  a.saved_search = s.IsNull(5) ? 0 : s.Int64(5);
  a.score = s.Double(6);
  a.explanation_json = s.Text(7);
  a.created_at = Timestamp::FromMicros(s.Int64(8));
  if (!s.IsNull(9)) a.read_at = Timestamp::FromMicros(s.Int64(9));
  a.emailed = s.Int64(10) != 0;
  return a;
}

Result<Delivery> ReadDelivery(const Statement& s) {
  Delivery d;
  d.id = s.Int64(0);
  d.user = UserId{s.Int64(1)};
  d.kind = s.Text(2);
  const json ids = json::parse(s.Text(3), nullptr, /*allow_exceptions=*/false);
  if (!ids.is_array()) return Status::Internal("stored delivery alert ids are not a JSON array");
  for (const json& id : ids) d.alert_ids.push_back(id.get<std::int64_t>());
  d.attempts = static_cast<int>(s.Int64(4));
  d.next_attempt_at = Timestamp::FromMicros(s.Int64(5));
  d.last_error = s.Text(6);
  if (!s.IsNull(7)) d.sent_at = Timestamp::FromMicros(s.Int64(7));
  d.created_at = Timestamp::FromMicros(s.Int64(8));
  return d;
}

Result<std::vector<Alert>> CollectAlerts(Statement& s) {
  std::vector<Alert> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    TB_ASSIGN_OR_RETURN(Alert a, ReadAlert(s));
    out.push_back(std::move(a));
  }
  return out;
}

Result<std::vector<Delivery>> CollectDeliveries(Statement& s) {
  std::vector<Delivery> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    TB_ASSIGN_OR_RETURN(Delivery d, ReadDelivery(s));
    out.push_back(std::move(d));
  }
  return out;
}

// Inserts a delivery of `kind` carrying `alert_ids` and marks those alerts e-mailed.
Result<Delivery> InsertDelivery(Transaction& tx, UserId user, std::string_view kind,
                                const std::vector<std::int64_t>& alert_ids, Timestamp at) {
  TB_ASSIGN_OR_RETURN(Statement * insert,
                      tx.Prepare("INSERT INTO alert_deliveries (user_id, kind, alert_ids, "
                                 "next_attempt_at_us, created_at_us) VALUES (?, ?, ?, ?, ?) "
                                 "RETURNING id"));
  insert->BindInt64(1, user.value)
      .BindText(2, kind)
      .BindText(3, json(alert_ids).dump())
      .BindInt64(4, at.micros())
      .BindInt64(5, at.micros());
  TB_ASSIGN_OR_RETURN(bool row, insert->Step());
  if (!row) return Status::Internal("INSERT ... RETURNING gave no id");
  Delivery d;
  d.id = insert->Int64(0);
  d.user = user;
  d.kind = std::string(kind);
  d.alert_ids = alert_ids;
  d.next_attempt_at = at;
  d.created_at = at;
  for (std::int64_t id : alert_ids) {
    TB_ASSIGN_OR_RETURN(Statement * mark, tx.Prepare("UPDATE alerts SET emailed = 1 WHERE id = ?"));
    mark->BindInt64(1, id);
    TB_RETURN_IF_ERROR(mark->Run());
  }
  return d;
}

// Inserts the alerts that are new (the unique indexes skip repeats) and makes one instant
// delivery per user in `email_now` out of that user's new ones.
Result<std::vector<Alert>> InsertAlerts(Transaction& tx, std::span<const Alert> alerts,
                                        std::span<const UserId> email_now, Timestamp at) {
  std::vector<Alert> stored;
  for (const Alert& a : alerts) {
    TB_ASSIGN_OR_RETURN(
        Statement * insert,
        tx.Prepare("INSERT INTO alerts (user_id, notice_id, notice_version, reason, "
                   "saved_search_id, score, explanation, created_at_us) VALUES (?, ?, ?, ?, ?, ?, "
                   "?, ?) ON CONFLICT DO NOTHING RETURNING id"));
    insert->BindInt64(1, a.user.value)
        .BindInt64(2, a.notice.value)
        .BindInt64(3, a.notice_version)
        .BindText(4, matching::AlertReasonName(a.reason));
    if (a.saved_search != 0) {
      insert->BindInt64(5, a.saved_search);
    } else {
      insert->BindNull(5);
    }
    insert->BindDouble(6, a.score)
        .BindText(7, a.explanation_json.empty() ? "{}" : a.explanation_json)
        .BindInt64(8, a.created_at.micros());
    TB_ASSIGN_OR_RETURN(bool row, insert->Step());
    if (!row) continue;  // already alerted to this version
    Alert s = a;
    s.id = insert->Int64(0);
    if (s.explanation_json.empty()) s.explanation_json = "{}";
    stored.push_back(std::move(s));
  }
  for (UserId user : email_now) {
    std::vector<std::int64_t> ids;
    for (Alert& a : stored) {
      if (a.user == user && !a.emailed) {
        ids.push_back(a.id);
        a.emailed = true;
      }
    }
    if (ids.empty()) continue;
    TB_ASSIGN_OR_RETURN(Delivery d, InsertDelivery(tx, user, "instant", ids, at));
    (void)d;
  }
  return stored;
}

}  // namespace

namespace internal {

Status SetLastDigest(Transaction& tx, UserId user, Timestamp period_end) {
  // A user with default settings has no row yet: the digest position needs one.
  TB_ASSIGN_OR_RETURN(
      Statement * s,
      tx.Prepare("INSERT INTO alert_settings (user_id, frequency, email, use_profile, filters, "
                 "updated_at_us, last_digest_at_us) VALUES (?, 'instant', 1, 1, '{}', 0, ?) "
                 "ON CONFLICT (user_id) DO UPDATE SET last_digest_at_us = excluded.last_digest_at_us"));
  s->BindInt64(1, user.value).BindInt64(2, period_end.micros());
  return s->Run();
}

}  // namespace internal

Result<std::int64_t> SqlAlertStore::ProjectionSeq() {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx->Prepare("SELECT seq FROM alert_projection WHERE name = 'alerts'"));
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return Status::Internal("the alert projection row is missing (migration 10)");
  return s->Int64(0);
}

Result<std::vector<Alert>> SqlAlertStore::CommitBatch(std::int64_t expected_seq,
                                                      std::int64_t new_seq,
                                                      std::span<const Alert> alerts,
                                                      std::span<const UserId> email_now,
                                                      Timestamp at) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  // Compare-and-set first: a second node running the same batch stops here (on PostgreSQL
  // the row lock makes it wait for the first, then find the seq moved).
  TB_ASSIGN_OR_RETURN(Statement * move,
                      tx->Prepare("UPDATE alert_projection SET seq = ? WHERE name = 'alerts' AND "
                                  "seq = ?"));
  move->BindInt64(1, new_seq).BindInt64(2, expected_seq);
  TB_RETURN_IF_ERROR(move->Run());
  if (move->ChangedRows() != 1) {
    return Status::FailedPrecondition("the alert projection moved on (another node ran this batch)");
  }
  TB_ASSIGN_OR_RETURN(std::vector<Alert> stored, InsertAlerts(*tx, alerts, email_now, at));
  TB_RETURN_IF_ERROR(tx->Commit());
  return stored;
}

Result<std::vector<Alert>> SqlAlertStore::AddAlerts(std::span<const Alert> alerts,
                                                    std::span<const UserId> email_now,
                                                    Timestamp at) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(std::vector<Alert> stored, InsertAlerts(*tx, alerts, email_now, at));
  TB_RETURN_IF_ERROR(tx->Commit());
  return stored;
}

Result<matching::InboxPage> SqlAlertStore::Inbox(UserId user, bool unread_only, int limit,
                                                 std::int64_t before) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  std::string sql = "SELECT " + std::string(kAlertColumns) + " FROM alerts WHERE user_id = ?";
  if (before > 0) sql += " AND id < ?";
  if (unread_only) sql += " AND read_at_us IS NULL";
  sql += " ORDER BY id DESC LIMIT ?";
  TB_ASSIGN_OR_RETURN(Statement * s, tx->Prepare(sql));
  int index = 1;
  s->BindInt64(index++, user.value);
  if (before > 0) s->BindInt64(index++, before);
  s->BindInt64(index, limit + 1);
  matching::InboxPage page;
  TB_ASSIGN_OR_RETURN(page.items, CollectAlerts(*s));
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.resize(limit);
    page.next_before = page.items.back().id;
  }
  TB_ASSIGN_OR_RETURN(Statement * count,
                      tx->Prepare("SELECT COUNT(*) FROM alerts WHERE user_id = ? AND read_at_us IS NULL"));
  count->BindInt64(1, user.value);
  TB_ASSIGN_OR_RETURN(bool row, count->Step());
  page.unread = row ? count->Int64(0) : 0;
  return page;
}

Result<std::vector<Alert>> SqlAlertStore::AlertsByIds(std::span<const std::int64_t> ids) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  std::vector<Alert> out;
  for (std::int64_t id : ids) {
    TB_ASSIGN_OR_RETURN(Statement * s, tx->Prepare("SELECT " + std::string(kAlertColumns) +
                                                   " FROM alerts WHERE id = ?"));
    s->BindInt64(1, id);
    TB_ASSIGN_OR_RETURN(std::vector<Alert> one, CollectAlerts(*s));
    for (Alert& a : one) out.push_back(std::move(a));
  }
  return out;
}

Status SqlAlertStore::MarkRead(UserId user, std::int64_t id, Timestamp at) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx->Prepare("UPDATE alerts SET read_at_us = COALESCE(read_at_us, ?) WHERE "
                                  "id = ? AND user_id = ?"));
  s->BindInt64(1, at.micros()).BindInt64(2, id).BindInt64(3, user.value);
  TB_RETURN_IF_ERROR(s->Run());
  if (s->ChangedRows() == 0) return Status::NotFound("no such alert");
  return tx->Commit();
}

Status SqlAlertStore::MarkAllRead(UserId user, Timestamp at) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx->Prepare("UPDATE alerts SET read_at_us = ? WHERE user_id = ? AND "
                                  "read_at_us IS NULL"));
  s->BindInt64(1, at.micros()).BindInt64(2, user.value);
  TB_RETURN_IF_ERROR(s->Run());
  return tx->Commit();
}

Result<std::vector<UserId>> SqlAlertStore::InvitedUsers(NoticeId notice) {
  return internal::QueryUserIds(db_,
                                "SELECT user_id FROM alerts WHERE notice_id = ? AND reason = "
                                "'invitation' ORDER BY user_id",
                                {notice.value});
}

Result<std::optional<Delivery>> SqlAlertStore::CreateDigest(UserId user, std::string_view kind,
                                                            Timestamp until, Timestamp at) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx->Prepare("SELECT id FROM alerts WHERE user_id = ? AND emailed = 0 AND "
                                  "created_at_us < ? ORDER BY id"));
  s->BindInt64(1, user.value).BindInt64(2, until.micros());
  std::vector<std::int64_t> ids;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    ids.push_back(s->Int64(0));
  }
  std::optional<Delivery> delivery;
  if (!ids.empty()) {
    TB_ASSIGN_OR_RETURN(Delivery d, InsertDelivery(*tx, user, kind, ids, at));
    delivery = std::move(d);
  }
  TB_RETURN_IF_ERROR(internal::SetLastDigest(*tx, user, until));
  TB_RETURN_IF_ERROR(tx->Commit());
  return delivery;
}

Result<std::vector<Delivery>> SqlAlertStore::DueDeliveries(Timestamp now, int limit) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx->Prepare("SELECT " + std::string(kDeliveryColumns) +
                                  " FROM alert_deliveries WHERE sent_at_us IS NULL AND "
                                  "next_attempt_at_us <= ? ORDER BY next_attempt_at_us, id LIMIT ?"));
  s->BindInt64(1, now.micros()).BindInt64(2, limit);
  return CollectDeliveries(*s);
}

Result<bool> SqlAlertStore::ClaimDelivery(std::int64_t id, Timestamp now, Timestamp lease_until) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx->Prepare("UPDATE alert_deliveries SET next_attempt_at_us = ? WHERE id = ? "
                                  "AND sent_at_us IS NULL AND next_attempt_at_us <= ?"));
  s->BindInt64(1, lease_until.micros()).BindInt64(2, id).BindInt64(3, now.micros());
  TB_RETURN_IF_ERROR(s->Run());
  const bool claimed = s->ChangedRows() == 1;
  TB_RETURN_IF_ERROR(tx->Commit());
  return claimed;
}

Status SqlAlertStore::MarkDeliverySent(std::int64_t id, Timestamp at) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx->Prepare("UPDATE alert_deliveries SET sent_at_us = ?, attempts = "
                                  "attempts + 1, last_error = '' WHERE id = ?"));
  s->BindInt64(1, at.micros()).BindInt64(2, id);
  TB_RETURN_IF_ERROR(s->Run());
  return tx->Commit();
}

Status SqlAlertStore::MarkDeliveryFailed(std::int64_t id, int attempts, Timestamp retry_at,
                                         std::string_view error) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx->Prepare("UPDATE alert_deliveries SET attempts = ?, next_attempt_at_us "
                                  "= ?, last_error = ? WHERE id = ? AND sent_at_us IS NULL"));
  s->BindInt64(1, attempts).BindInt64(2, retry_at.micros()).BindText(3, error).BindInt64(4, id);
  TB_RETURN_IF_ERROR(s->Run());
  return tx->Commit();
}

Result<std::vector<Delivery>> SqlAlertStore::DeliveriesOf(UserId user) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s, tx->Prepare("SELECT " + std::string(kDeliveryColumns) +
                                                 " FROM alert_deliveries WHERE user_id = ? "
                                                 "ORDER BY id"));
  s->BindInt64(1, user.value);
  return CollectDeliveries(*s);
}

}  // namespace tb::storage
