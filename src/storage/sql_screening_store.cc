#include "storage/sql_screening_store.h"

#include <nlohmann/json.hpp>

#include "sanctions/list_diff.h"

namespace tb::storage {
namespace {

using screening::ListVersion;
using screening::ReviewCase;
using screening::ReviewStatus;
using screening::ScreeningDecision;
using screening::ScreeningRecord;

constexpr std::string_view kVersionColumns =
    "id, date_generated, generated_at_us, sha256, loaded_at_us, individual_count, entity_count";
constexpr std::string_view kScreeningColumns =
    "id, subject_kind, subject_id, names, country, decision, reason, list_version_id, "
    "list_sha256, list_date_generated, candidates, at_us";
constexpr std::string_view kReviewColumns =
    "id, screening_id, subject_kind, subject_id, status, reviewer_id, note, opened_at_us, "
    "decided_at_us";

ListVersion ReadVersion(const Statement& s) {
  ListVersion v;
  v.id = s.Int64(0);
  v.date_generated = s.Text(1);
  v.generated_at = Timestamp::FromMicros(s.Int64(2));
  v.sha256 = s.Text(3);
  v.loaded_at = Timestamp::FromMicros(s.Int64(4));
  v.individual_count = s.Int64(5);
  v.entity_count = s.Int64(6);
  return v;
}

Result<ScreeningRecord> ReadScreening(const Statement& s) {
  ScreeningRecord r;
  r.id = s.Int64(0);
  r.subject_kind = s.Text(1);
  r.subject_id = s.Text(2);
  const nlohmann::json names = nlohmann::json::parse(s.Text(3), nullptr, false);
  if (!names.is_array()) return Status::Internal("stored screening names are not a JSON array");
  for (const nlohmann::json& n : names) {
    if (n.is_string()) r.names.push_back(n.get<std::string>());
  }
  r.country = s.Text(4);
  std::optional<ScreeningDecision> decision = screening::ParseScreeningDecision(s.Text(5));
  if (!decision) return Status::Internal("stored screening has an unknown decision");
  r.decision = *decision;
  r.reason = s.Text(6);
  r.list_version_id = s.IsNull(7) ? 0 : s.Int64(7);
  r.list_sha256 = s.Text(8);
  r.list_date_generated = s.Text(9);
  r.candidates_json = s.Text(10);
  r.at = Timestamp::FromMicros(s.Int64(11));
  return r;
}

Result<ReviewCase> ReadReview(const Statement& s) {
  ReviewCase c;
  c.id = s.Int64(0);
  c.screening_id = s.Int64(1);
  c.subject_kind = s.Text(2);
  c.subject_id = s.Text(3);
  std::optional<ReviewStatus> status = screening::ParseReviewStatus(s.Text(4));
  if (!status) return Status::Internal("stored review case has an unknown status");
  c.status = *status;
  c.reviewer = UserId{s.IsNull(5) ? 0 : s.Int64(5)};
  c.note = s.Text(6);
  c.opened_at = Timestamp::FromMicros(s.Int64(7));
  if (!s.IsNull(8)) c.decided_at = Timestamp::FromMicros(s.Int64(8));
  return c;
}

Result<std::optional<ReviewCase>> ReviewById(Transaction& tx, std::int64_t id) {
  TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare("SELECT " + std::string(kReviewColumns) +
                                                " FROM sanctions_reviews WHERE id = ?"));
  s->BindInt64(1, id);
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<ReviewCase>();
  TB_ASSIGN_OR_RETURN(ReviewCase c, ReadReview(*s));
  return std::optional<ReviewCase>(std::move(c));
}

}  // namespace

Result<ListVersion> SqlScreeningStore::AddListVersion(
    const ListVersion& version, std::span<const sanctions::ListedEntry> entries) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(
      Statement * insert,
      tx->Prepare("INSERT INTO sanctions_list_versions (date_generated, generated_at_us, sha256, "
                  "loaded_at_us, individual_count, entity_count) VALUES (?, ?, ?, ?, ?, ?) "
                  "RETURNING id"));
  insert->BindText(1, version.date_generated)
      .BindInt64(2, version.generated_at.micros())
      .BindText(3, version.sha256)
      .BindInt64(4, version.loaded_at.micros())
      .BindInt64(5, version.individual_count)
      .BindInt64(6, version.entity_count);
  TB_ASSIGN_OR_RETURN(bool row, insert->Step());
  if (!row) return Status::Internal("INSERT ... RETURNING gave no id");
  ListVersion stored = version;
  stored.id = insert->Int64(0);
  std::int64_t position = 0;
  for (const sanctions::ListedEntry& e : entries) {
    TB_ASSIGN_OR_RETURN(Statement * entry, tx->Prepare("INSERT INTO sanctions_entries (version_id, data_id, "
                                           "position, version_num, kind, reference_number, "
                                           "primary_name, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    entry->BindInt64(1, stored.id)
        .BindText(2, e.data_id)
        .BindInt64(3, position++)
        .BindInt64(4, e.version_num)
        .BindText(5, sanctions::EntryKindName(e.kind))
        .BindText(6, e.reference_number)
        .BindText(7, e.primary_name())
        .BindText(8, sanctions::EntryToJson(e));
    TB_RETURN_IF_ERROR(entry->Run());
  }
  TB_RETURN_IF_ERROR(tx->Commit());
  return stored;
}

Result<std::optional<ListVersion>> SqlScreeningStore::CurrentListVersion() {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx->Prepare("SELECT " + std::string(kVersionColumns) +
                                  " FROM sanctions_list_versions ORDER BY id DESC LIMIT 1"));
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<ListVersion>();
  return std::optional<ListVersion>(ReadVersion(*s));
}

Result<std::vector<sanctions::ListedEntry>> SqlScreeningStore::ListEntries(std::int64_t version_id) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s, tx->Prepare("SELECT doc FROM sanctions_entries WHERE "
                                                 "version_id = ? ORDER BY position"));
  s->BindInt64(1, version_id);
  std::vector<sanctions::ListedEntry> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    TB_ASSIGN_OR_RETURN(sanctions::ListedEntry e, sanctions::EntryFromJson(s->Text(0)));
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::optional<sanctions::ListedEntry>> SqlScreeningStore::ListEntry(
    std::int64_t version_id, std::string_view data_id) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s, tx->Prepare("SELECT doc FROM sanctions_entries WHERE "
                                                 "version_id = ? AND data_id = ?"));
  s->BindInt64(1, version_id).BindText(2, data_id);
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<sanctions::ListedEntry>();
  TB_ASSIGN_OR_RETURN(sanctions::ListedEntry e, sanctions::EntryFromJson(s->Text(0)));
  return std::optional<sanctions::ListedEntry>(std::move(e));
}

Result<std::pair<ScreeningRecord, std::int64_t>> SqlScreeningStore::AddScreening(
    const ScreeningRecord& screening, bool open_review) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(
      Statement * insert,
      tx->Prepare("INSERT INTO sanctions_screenings (subject_kind, subject_id, names, country, "
                  "decision, reason, list_version_id, list_sha256, list_date_generated, "
                  "candidates, at_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  insert->BindText(1, screening.subject_kind)
      .BindText(2, screening.subject_id)
      .BindText(3, nlohmann::json(screening.names)
                       .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
      .BindText(4, screening.country)
      .BindText(5, screening::ScreeningDecisionName(screening.decision))
      .BindText(6, screening.reason);
  if (screening.list_version_id > 0) {
    insert->BindInt64(7, screening.list_version_id);
  } else {
    insert->BindNull(7);
  }
  insert->BindText(8, screening.list_sha256)
      .BindText(9, screening.list_date_generated)
      .BindText(10, screening.candidates_json)
      .BindInt64(11, screening.at.micros());
  TB_ASSIGN_OR_RETURN(bool row, insert->Step());
  if (!row) return Status::Internal("INSERT ... RETURNING gave no id");
  ScreeningRecord stored = screening;
  stored.id = insert->Int64(0);
  std::int64_t review_id = 0;
  if (open_review) {
    TB_ASSIGN_OR_RETURN(
        Statement * review,
        tx->Prepare("INSERT INTO sanctions_reviews (screening_id, subject_kind, subject_id, "
                    "status, note, opened_at_us) VALUES (?, ?, ?, 'open', '', ?) RETURNING id"));
    review->BindInt64(1, stored.id)
        .BindText(2, stored.subject_kind)
        .BindText(3, stored.subject_id)
        .BindInt64(4, stored.at.micros());
    TB_ASSIGN_OR_RETURN(bool review_row, review->Step());
    if (!review_row) return Status::Internal("INSERT ... RETURNING gave no id");
    review_id = review->Int64(0);
  }
  TB_RETURN_IF_ERROR(tx->Commit());
  return std::pair{std::move(stored), review_id};
}

Result<std::optional<ScreeningRecord>> SqlScreeningStore::GetScreening(std::int64_t id) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s, tx->Prepare("SELECT " + std::string(kScreeningColumns) +
                                                 " FROM sanctions_screenings WHERE id = ?"));
  s->BindInt64(1, id);
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<ScreeningRecord>();
  TB_ASSIGN_OR_RETURN(ScreeningRecord r, ReadScreening(*s));
  return std::optional<ScreeningRecord>(std::move(r));
}

Result<std::optional<ScreeningRecord>> SqlScreeningStore::LatestScreening(
    std::string_view subject_kind, std::string_view subject_id) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(
      Statement * s,
      tx->Prepare("SELECT " + std::string(kScreeningColumns) +
                  " FROM sanctions_screenings WHERE subject_kind = ? AND subject_id = ? "
                  "ORDER BY id DESC LIMIT 1"));
  s->BindText(1, subject_kind).BindText(2, subject_id);
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<ScreeningRecord>();
  TB_ASSIGN_OR_RETURN(ScreeningRecord r, ReadScreening(*s));
  return std::optional<ScreeningRecord>(std::move(r));
}

Result<std::vector<ReviewCase>> SqlScreeningStore::ListReviews(std::optional<ReviewStatus> status,
                                                               std::int64_t after_id, int limit) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  Statement* s = nullptr;
  if (status) {
    TB_ASSIGN_OR_RETURN(s, tx->Prepare("SELECT " + std::string(kReviewColumns) +
                                       " FROM sanctions_reviews WHERE status = ? AND id > ? "
                                       "ORDER BY id LIMIT ?"));
    s->BindText(1, screening::ReviewStatusName(*status)).BindInt64(2, after_id).BindInt64(3, limit);
  } else {
    TB_ASSIGN_OR_RETURN(s, tx->Prepare("SELECT " + std::string(kReviewColumns) +
                                       " FROM sanctions_reviews WHERE id > ? ORDER BY id LIMIT ?"));
    s->BindInt64(1, after_id).BindInt64(2, limit);
  }
  std::vector<ReviewCase> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    TB_ASSIGN_OR_RETURN(ReviewCase c, ReadReview(*s));
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::optional<ReviewCase>> SqlScreeningStore::GetReview(std::int64_t id) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  return ReviewById(*tx, id);
}

Result<ReviewCase> SqlScreeningStore::DecideReview(std::int64_t id, ReviewStatus decision,
                                                   UserId reviewer, std::string_view note,
                                                   Timestamp at) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  // Compare-and-set on the status: of two reviewers deciding at once, exactly one wins.
  TB_ASSIGN_OR_RETURN(
      Statement * update,
      tx->Prepare("UPDATE sanctions_reviews SET status = ?, reviewer_id = ?, note = ?, "
                  "decided_at_us = ? WHERE id = ? AND status = 'open'"));
  update->BindText(1, screening::ReviewStatusName(decision))
      .BindInt64(2, reviewer.value)
      .BindText(3, note)
      .BindInt64(4, at.micros())
      .BindInt64(5, id);
  TB_RETURN_IF_ERROR(update->Run());
  const bool changed = update->ChangedRows() == 1;
  TB_ASSIGN_OR_RETURN(std::optional<ReviewCase> current, ReviewById(*tx, id));
  if (!current) return Status::NotFound("no sanctions review case " + std::to_string(id));
  if (!changed) {
    return Status::FailedPrecondition("the review case was already decided (" +
                                      std::string(screening::ReviewStatusName(current->status)) +
                                      ")");
  }
  TB_RETURN_IF_ERROR(tx->Commit());
  return *current;
}

}  // namespace tb::storage
