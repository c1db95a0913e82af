#include "storage/sql_tender_store.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <utility>

#include "storage/audit_append.h"
#include "storage/sql_tender_helpers.h"
#include "storage/storage.h"
#include "tenders/tender_json.h"

namespace tb::storage {

using tenders::Amendment;
using tenders::Tender;
using tenders::TenderState;

namespace tender_sql {
namespace {

constexpr std::string_view kColumns =
    "t.id, t.ocid, t.organisation_id, COALESCE(o.name, ''), t.created_by, t.state, "
    "t.deadline_us, t.time_zone, t.envelope_mode, t.evaluation_method, t.currency, t.version, "
    "t.method, t.reference, t.title, t.language, t.doc, t.opening_threshold, t.amendment_count, "
    "t.reconfirm_required, t.reconfirm_after_us, t.cancellation_reason, t.created_at_us, "
    "t.updated_at_us, t.published_at_us, t.closed_at_us";
// A tender is public once published: every state after it, and a cancellation after it.
constexpr std::string_view kPublic =
    "(t.published_at_us IS NOT NULL OR t.state NOT IN ('draft', 'cancelled'))";
constexpr std::string_view kFrom =
    " FROM tenders t LEFT JOIN organisations o ON o.id = t.organisation_id";

std::optional<Timestamp> OptionalTime(const Statement& s, int column) {
  if (s.IsNull(column)) return std::nullopt;
  return Timestamp::FromMicros(s.Int64(column));
}

void BindOptionalTime(Statement& s, int index, const std::optional<Timestamp>& t) {
  if (t) {
    s.BindInt64(index, t->micros());
  } else {
    s.BindNull(index);
  }
}

Result<Tender> ReadRow(const Statement& s) {
  Tender t;
  const std::int64_t id = s.Int64(0);
  const nlohmann::json doc = nlohmann::json::parse(s.Text(16), nullptr, false);
  Status parsed =
      doc.is_discarded() ? Status::InvalidArgument("not JSON") : tenders::ApplyEditableJson(doc, t);
  if (!parsed.ok()) {
    spdlog::error("storage: tender {} has unreadable details: {}", id, parsed.ToString());
    return Status::Internal("a stored tender could not be read");
  }
  t.id = TenderId{id};
  t.ocid = s.Text(1);
  t.organisation = OrganisationId{s.Int64(2)};
  t.buyer_name = s.Text(3);
  t.created_by = UserId{s.Int64(4)};
  t.state = tenders::ParseTenderState(s.Text(5)).value_or(TenderState::kDraft);
  t.deadline = OptionalTime(s, 6);
  t.time_zone = s.Text(7);
  // The contract's columns are the truth (the bids module and tests write them directly).
  t.envelope_mode = tenders::ParseEnvelopeMode(s.Text(8)).value_or(t.envelope_mode);
  t.evaluation.method = tenders::ParseEvaluationMethod(s.Text(9)).value_or(t.evaluation.method);
  t.currency = s.Text(10);
  t.evaluation.currency = t.currency;
  t.method = tenders::ParseProcurementMethod(s.Text(12)).value_or(t.method);
  t.language = Language::FromTag(s.Text(15)).known() ? Language::FromTag(s.Text(15)) : t.language;
  t.version = s.Int64(11);
  t.reference = s.Text(13);
  t.title = s.Text(14);
  t.opening_threshold = static_cast<int>(s.Int64(17));
  t.amendment_count = static_cast<int>(s.Int64(18));
  t.reconfirm_required = s.Int64(19) != 0;
  t.reconfirm_after = OptionalTime(s, 20);
  t.cancellation_reason = s.Text(21);
  t.created_at = Timestamp::FromMicros(s.Int64(22));
  t.updated_at = Timestamp::FromMicros(s.Int64(23));
  t.published_at = OptionalTime(s, 24);
  t.closed_at = OptionalTime(s, 25);
  return t;
}

// Binds the columns every write sets, as parameters 1..19 (the order of the UPDATE below).
void BindWrite(Statement& s, const Tender& t, Timestamp updated_at) {
  s.BindText(1, tenders::TenderStateName(t.state));
  BindOptionalTime(s, 2, t.deadline);
  s.BindText(3, t.time_zone)
      .BindText(4, tenders::EnvelopeModeName(t.envelope_mode))
      .BindText(5, tenders::EvaluationMethodName(t.evaluation.method))
      .BindText(6, t.currency)
      .BindText(7, tenders::ProcurementMethodName(t.method))
      .BindText(8, t.reference)
      .BindText(9, t.title)
      .BindText(10, t.language.code())
      .BindText(11, tenders::EditableJson(t, /*include_deadline=*/false).dump())
      .BindInt64(12, t.opening_threshold)
      .BindInt64(13, t.amendment_count)
      .BindInt64(14, t.reconfirm_required ? 1 : 0);
  BindOptionalTime(s, 15, t.reconfirm_after);
  s.BindText(16, t.cancellation_reason).BindInt64(17, updated_at.micros());
  BindOptionalTime(s, 18, t.published_at);
  BindOptionalTime(s, 19, t.closed_at);
}

Status Audit(Transaction& tx, const audit::Entry& entry) {
  return AppendAuditEntry(tx, entry).status();
}

// The stored deadline is still ahead of the clock read now, inside the write transaction;
// on PostgreSQL the row stays locked until commit so that no bid transaction interleaves.
Status RequireFutureDeadline(Transaction& tx, TenderId id, const Clock& clock) {
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx.Prepare(tx.engine() == Engine::kPostgres
                                     ? "SELECT deadline_us FROM tenders WHERE id = ? FOR UPDATE"
                                     : "SELECT deadline_us FROM tenders WHERE id = ?"));
  s->BindInt64(1, id.value);
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return NoSuchTender();
  if (s->IsNull(0) || Timestamp::FromMicros(s->Int64(0)) <= clock.Now()) {
    return Status::FailedPrecondition("the deadline has passed; it can no longer be changed")
        .WithField("deadline");
  }
  return Status::Ok();
}

Result<Tender> WriteTender(Transaction& tx, const Tender& t, Timestamp at) {
  TB_ASSIGN_OR_RETURN(
      Statement * s,
      tx.Prepare("UPDATE tenders SET state = ?, deadline_us = ?, time_zone = ?, envelope_mode = ?, "
                 "evaluation_method = ?, currency = ?, method = ?, reference = ?, title = ?, "
                 "language = ?, doc = ?, opening_threshold = ?, amendment_count = ?, "
                 "reconfirm_required = ?, reconfirm_after_us = ?, cancellation_reason = ?, "
                 "updated_at_us = ?, published_at_us = ?, closed_at_us = ?, "
                 "version = version + 1 WHERE id = ? AND version = ?"));
  BindWrite(*s, t, at);
  s->BindInt64(20, t.id.value).BindInt64(21, t.version);
  TB_RETURN_IF_ERROR(s->Run());
  if (s->ChangedRows() == 0) {
    TB_RETURN_IF_ERROR(ReadTender(tx, t.id).status());
    return Status::FailedPrecondition("the tender was changed by someone else; reload it")
        .WithField("version");
  }
  // Keys of envelopes the mode no longer has would never be used; they must not be found.
  std::string keep = "('single')";
  if (t.envelope_mode == tenders::EnvelopeMode::kTwo) keep = "('technical', 'financial')";
  TB_ASSIGN_OR_RETURN(
      Statement * drop,
      tx.Prepare("DELETE FROM tender_envelope_keys WHERE tender_id = ? AND envelope NOT IN " +
                 keep));
  drop->BindInt64(1, t.id.value);
  TB_RETURN_IF_ERROR(drop->Run());
  return ReadTender(tx, t.id);
}

Status InsertAmendment(Transaction& tx, const Amendment& a) {
  nlohmann::json fields = a.changed_fields;
  TB_ASSIGN_OR_RETURN(
      Statement * s,
      tx.Prepare("INSERT INTO tender_amendments (tender_id, number, at_us, actor_id, rationale, "
                 "changed_fields, changes, substantive, deadline_before_us, deadline_after_us, "
                 "deadline_extended) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  s->BindInt64(1, a.tender.value)
      .BindInt64(2, a.number)
      .BindInt64(3, a.at.micros())
      .BindInt64(4, a.actor.value)
      .BindText(5, a.rationale)
      .BindText(6, fields.dump())
      .BindText(7, a.changes_json)
      .BindInt64(8, a.substantive ? 1 : 0);
  BindOptionalTime(*s, 9, a.deadline_before);
  BindOptionalTime(*s, 10, a.deadline_after);
  s->BindInt64(11, a.deadline_extended ? 1 : 0);
  return s->Run();
}

}  // namespace

Status NoSuchTender() { return Status::NotFound("no such tender").WithField("ocid"); }

Result<Tender> ReadTender(Transaction& tx, TenderId id) {
  TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare("SELECT " + std::string(kColumns) +
                                                std::string(kFrom) + " WHERE t.id = ?"));
  s->BindInt64(1, id.value);
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return NoSuchTender();
  return ReadRow(*s);
}

Status BumpVersion(Transaction& tx, TenderId id, std::int64_t expected, Timestamp at) {
  TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare("UPDATE tenders SET version = version + 1, "
                                                "updated_at_us = ? WHERE id = ? AND version = ?"));
  s->BindInt64(1, at.micros()).BindInt64(2, id.value).BindInt64(3, expected);
  TB_RETURN_IF_ERROR(s->Run());
  if (s->ChangedRows() == 1) return Status::Ok();
  TB_RETURN_IF_ERROR(ReadTender(tx, id).status());
  return Status::FailedPrecondition("the tender was changed by someone else; reload it")
      .WithField("version");
}

Result<std::vector<tenders::Recipient>> NotifyInterested(Transaction& tx, TenderId tender,
                                                         std::string_view kind,
                                                         const std::string& reference,
                                                         Timestamp at) {
  TB_ASSIGN_OR_RETURN(
      Statement * insert,
      tx.Prepare("INSERT INTO tender_notifications (tender_id, supplier_id, kind, reference, "
                 "created_at_us) SELECT tender_id, supplier_id, ?, ?, ? FROM tender_interest "
                 "WHERE tender_id = ?"));
  insert->BindText(1, kind)
      .BindText(2, reference)
      .BindInt64(3, at.micros())
      .BindInt64(4, tender.value);
  TB_RETURN_IF_ERROR(insert->Run());
  TB_ASSIGN_OR_RETURN(
      Statement * s,
      tx.Prepare("SELECT i.supplier_id, u.email FROM tender_interest i "
                 "LEFT JOIN membership_roles r ON r.organisation_id = i.supplier_id "
                 "AND r.role = 'supplier_user' LEFT JOIN users u ON u.id = r.user_id "
                 "WHERE i.tender_id = ? ORDER BY i.supplier_id, u.email"));
  s->BindInt64(1, tender.value);
  std::vector<tenders::Recipient> recipients;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    const SupplierId supplier{s->Int64(0)};
    if (recipients.empty() || recipients.back().supplier != supplier) {
      recipients.push_back({supplier, {}});
    }
    if (!s->IsNull(1)) recipients.back().emails.push_back(s->Text(1));
  }
  return recipients;
}

namespace {

// Bidders are read from `bids` inside the amendment's transaction (not from tender_interest,
// which officers may see: ET-03), so a bid committed before the amendment is always asked.
Result<std::vector<tenders::BidderRecipient>> NotifyBidders(Transaction& tx, TenderId tender,
                                                            const std::string& reference,
                                                            Timestamp at) {
  TB_ASSIGN_OR_RETURN(
      Statement * insert,
      tx.Prepare("INSERT INTO tender_notifications (tender_id, supplier_id, kind, reference, "
                 "created_at_us) SELECT b.tender_id, b.supplier_id, 'reconfirm', ?, ? FROM "
                 "(SELECT DISTINCT tender_id, supplier_id FROM bids WHERE tender_id = ? AND "
                 "withdrawn = 0) b"));
  insert->BindText(1, reference).BindInt64(2, at.micros()).BindInt64(3, tender.value);
  TB_RETURN_IF_ERROR(insert->Run());
  TB_ASSIGN_OR_RETURN(
      Statement * s,
      tx.Prepare("SELECT DISTINCT b.supplier_id, u.email, u.language FROM bids b "
                 "JOIN membership_roles r ON r.organisation_id = b.supplier_id "
                 "AND r.role = 'supplier_user' JOIN users u ON u.id = r.user_id "
                 "WHERE b.tender_id = ? AND b.withdrawn = 0 ORDER BY b.supplier_id, u.email"));
  s->BindInt64(1, tender.value);
  std::vector<tenders::BidderRecipient> bidders;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    bidders.push_back({SupplierId{s->Int64(0)}, s->Text(1), s->Text(2)});
  }
  return bidders;
}

}  // namespace

std::vector<std::uint8_t> Bytes(const std::array<std::uint8_t, 32>& key) {
  return std::vector<std::uint8_t>(key.begin(), key.end());
}

}  // namespace tender_sql

using namespace tender_sql;  // NOLINT: the helpers of this store's own two files

Result<Tender> SqlTenderStore::Create(const Tender& tender, audit::Entry entry) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<Tender> {
    // A unique placeholder until the id is known; the ocid is derived from the id.
    const std::string placeholder = "pending:" + std::to_string(entry.at.micros()) + ":" +
                                    std::to_string(tender.created_by.value);
    TB_ASSIGN_OR_RETURN(
        Statement * s,
        tx.Prepare(
            "INSERT INTO tenders (state, deadline_us, time_zone, envelope_mode, "
            "evaluation_method, currency, method, reference, title, language, doc, "
            "opening_threshold, amendment_count, reconfirm_required, reconfirm_after_us, "
            "cancellation_reason, updated_at_us, published_at_us, closed_at_us, ocid, "
            "organisation_id, created_by, created_at_us, version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) "
            "RETURNING id"));
    BindWrite(*s, tender, entry.at);
    s->BindText(20, placeholder)
        .BindInt64(21, tender.organisation.value)
        .BindInt64(22, tender.created_by.value)
        .BindInt64(23, entry.at.micros());
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return Status::Internal("INSERT ... RETURNING gave no id");
    const TenderId id{s->Int64(0)};
    TB_ASSIGN_OR_RETURN(Statement * name, tx.Prepare("UPDATE tenders SET ocid = ? WHERE id = ?"));
    const std::string ocid = tenders::OcidFor(id);
    name->BindText(1, ocid).BindInt64(2, id.value);
    TB_RETURN_IF_ERROR(name->Run());
    entry.subject = "tender:" + ocid;
    TB_RETURN_IF_ERROR(Audit(tx, entry));
    return ReadTender(tx, id);
  });
}

Result<Tender> SqlTenderStore::Get(std::string_view ocid) {
  return InTransaction(db_, TxMode::kRead, [&](Transaction& tx) -> Result<Tender> {
    TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare("SELECT " + std::string(kColumns) +
                                                  std::string(kFrom) + " WHERE t.ocid = ?"));
    s->BindText(1, ocid);
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return NoSuchTender();
    return ReadRow(*s);
  });
}

Result<tenders::TenderPage> SqlTenderStore::List(const tenders::TenderFilter& filter) {
  if (filter.limit < 1 || filter.limit > 100) {
    return Status::InvalidArgument("limit must be 1..100").WithField("limit");
  }
  std::string sql =
      "SELECT " + std::string(kColumns) + std::string(kFrom) + " WHERE (" + std::string(kPublic);
  std::vector<std::int64_t> ints;
  for (OrganisationId org : filter.private_of) {
    sql += " OR t.organisation_id = ?";
    ints.push_back(org.value);
  }
  if (filter.member.valid()) {
    sql += " OR t.id IN (SELECT tender_id FROM tender_committee WHERE user_id = ?)";
    ints.push_back(filter.member.value);
  }
  sql += ")";
  if (filter.buyer.valid()) {
    sql += " AND t.organisation_id = ?";
    ints.push_back(filter.buyer.value);
  }
  if (filter.before.valid()) {
    sql += " AND t.id < ?";
    ints.push_back(filter.before.value);
  }
  std::vector<std::string> states;
  if (!filter.states.empty()) {
    sql += " AND t.state IN (";
    for (std::size_t i = 0; i < filter.states.size(); ++i) {
      sql += i == 0 ? "?" : ", ?";
      states.emplace_back(tenders::TenderStateName(filter.states[i]));
    }
    sql += ")";
  }
  sql += " ORDER BY t.id DESC LIMIT ?";
  return InTransaction(db_, TxMode::kRead, [&](Transaction& tx) -> Result<tenders::TenderPage> {
    TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare(sql));
    int index = 1;
    for (std::int64_t v : ints) s->BindInt64(index++, v);
    for (const std::string& state : states) s->BindText(index++, state);
    s->BindInt64(index, filter.limit + 1);
    tenders::TenderPage page;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      TB_ASSIGN_OR_RETURN(Tender t, ReadRow(*s));
      page.items.push_back(std::move(t));
    }
    if (static_cast<int>(page.items.size()) > filter.limit) {
      page.items.pop_back();
      page.next = page.items.back().id;
    }
    return page;
  });
}

Result<Tender> SqlTenderStore::Update(const Tender& tender, const audit::Entry& entry,
                                      WriteOptions options) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<Tender> {
    if (options.stored_deadline_must_be_future) {
      TB_RETURN_IF_ERROR(RequireFutureDeadline(tx, tender.id, clock_));
    }
    TB_ASSIGN_OR_RETURN(Tender written, WriteTender(tx, tender, entry.at));
    TB_RETURN_IF_ERROR(Audit(tx, entry));
    return written;
  });
}

Result<tenders::TenderStore::Amended> SqlTenderStore::Amend(const Tender& tender,
                                                            const Amendment& amendment,
                                                            const audit::Entry& entry,
                                                            WriteOptions options) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<Amended> {
    if (options.stored_deadline_must_be_future) {
      TB_RETURN_IF_ERROR(RequireFutureDeadline(tx, tender.id, clock_));
    }
    Amended out;
    TB_ASSIGN_OR_RETURN(out.tender, WriteTender(tx, tender, entry.at));
    TB_RETURN_IF_ERROR(InsertAmendment(tx, amendment));
    TB_ASSIGN_OR_RETURN(out.recipients,
                        NotifyInterested(tx, tender.id, "amendment",
                                         std::to_string(amendment.number), amendment.at));
    if (amendment.substantive) {
      TB_ASSIGN_OR_RETURN(
          out.bidders,
          NotifyBidders(tx, tender.id, std::to_string(amendment.number), amendment.at));
    }
    TB_RETURN_IF_ERROR(Audit(tx, entry));
    return out;
  });
}

Result<std::vector<Amendment>> SqlTenderStore::ListAmendments(TenderId tender) {
  return InTransaction(db_, TxMode::kRead, [&](Transaction& tx) -> Result<std::vector<Amendment>> {
    TB_ASSIGN_OR_RETURN(
        Statement * s,
        tx.Prepare("SELECT number, at_us, actor_id, rationale, changed_fields, changes, "
                   "substantive, deadline_before_us, deadline_after_us, deadline_extended "
                   "FROM tender_amendments WHERE tender_id = ? ORDER BY number"));
    s->BindInt64(1, tender.value);
    std::vector<Amendment> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      Amendment a;
      a.tender = tender;
      a.number = static_cast<int>(s->Int64(0));
      a.at = Timestamp::FromMicros(s->Int64(1));
      a.actor = UserId{s->Int64(2)};
      a.rationale = s->Text(3);
      const nlohmann::json fields = nlohmann::json::parse(s->Text(4), nullptr, false);
      if (fields.is_array()) {
        for (const nlohmann::json& f : fields) {
          if (f.is_string()) a.changed_fields.push_back(f.get<std::string>());
        }
      }
      a.changes_json = s->Text(5);
      a.substantive = s->Int64(6) != 0;
      a.deadline_before = OptionalTime(*s, 7);
      a.deadline_after = OptionalTime(*s, 8);
      a.deadline_extended = s->Int64(9) != 0;
      out.push_back(std::move(a));
    }
    return out;
  });
}

Status SqlTenderStore::RecordAudit(const audit::Entry& entry) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) { return Audit(tx, entry); });
}

Result<std::vector<Tender>> SqlTenderStore::CloseDue(
    Timestamp now, const std::function<audit::Entry(const Tender&)>& entry_for) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Result<std::vector<Tender>> {
    TB_ASSIGN_OR_RETURN(Statement * due,
                        tx.Prepare("SELECT id FROM tenders WHERE state = 'published' AND "
                                   "deadline_us <= ? ORDER BY deadline_us, id"));
    due->BindInt64(1, now.micros());
    std::vector<TenderId> ids;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, due->Step());
      if (!row) break;
      ids.push_back(TenderId{due->Int64(0)});
    }
    std::vector<Tender> closed;
    for (TenderId id : ids) {
      // The state condition again: the move is monotone even if another closer won.
      TB_ASSIGN_OR_RETURN(
          Statement * s,
          tx.Prepare("UPDATE tenders SET state = 'closed', closed_at_us = ?, updated_at_us = ?, "
                     "version = version + 1 WHERE id = ? AND state = 'published' AND "
                     "deadline_us <= ?"));
      s->BindInt64(1, now.micros())
          .BindInt64(2, now.micros())
          .BindInt64(3, id.value)
          .BindInt64(4, now.micros());
      TB_RETURN_IF_ERROR(s->Run());
      if (s->ChangedRows() != 1) continue;
      TB_ASSIGN_OR_RETURN(Tender t, ReadTender(tx, id));
      TB_RETURN_IF_ERROR(Audit(tx, entry_for(t)));
      closed.push_back(std::move(t));
    }
    return closed;
  });
}

Result<std::vector<Tender>> SqlTenderStore::NoticesBehind(int limit) {
  return InTransaction(db_, TxMode::kRead, [&](Transaction& tx) -> Result<std::vector<Tender>> {
    TB_ASSIGN_OR_RETURN(Statement * s,
                        tx.Prepare("SELECT " + std::string(kColumns) + std::string(kFrom) +
                                   " WHERE " + std::string(kPublic) +
                                   " AND t.notice_version < "
                                   "t.version ORDER BY t.id LIMIT ?"));
    s->BindInt64(1, limit);
    std::vector<Tender> out;
    for (;;) {
      TB_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      TB_ASSIGN_OR_RETURN(Tender t, ReadRow(*s));
      out.push_back(std::move(t));
    }
    return out;
  });
}

Status SqlTenderStore::MarkNoticeWritten(TenderId tender, std::int64_t version) {
  return InTransaction(db_, TxMode::kWrite, [&](Transaction& tx) -> Status {
    TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare("UPDATE tenders SET notice_version = ? "
                                                  "WHERE id = ? AND notice_version < ?"));
    s->BindInt64(1, version).BindInt64(2, tender.value).BindInt64(3, version);
    return s->Run();
  });
}

std::unique_ptr<tenders::TenderStore> MakeTenderStore(Database& db, const Clock& clock) {
  return std::make_unique<SqlTenderStore>(db, clock);
}

}  // namespace tb::storage
