// SqlBidStore: the opening ceremony's tables (shares, openings, opened bids, documents,
// qualification marks). See sql_bid_store.cc for bids.
#include <limits>
#include <nlohmann/json.hpp>

#include "storage/sql_bid_store.h"
#include "storage/sql_bid_store_internal.h"

namespace tb::storage {

using bid_sql::ReadOpeningRecord;
using bid_sql::ReadTender;
using bid_sql::TenderRow;
using tenders::EnvelopeKind;
using tenders::EnvelopeKindName;

namespace {

Result<bool> Exists(Transaction& tx, std::string_view sql, TenderId tender, std::string_view text,
                    std::int64_t number = 0, bool with_number = false) {
  TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare(sql));
  s->BindInt64(1, tender.value).BindText(2, text);
  if (with_number) s->BindInt64(3, number);
  return s->Step();
}

Result<int> Threshold(Transaction& tx, TenderId tender, EnvelopeKind kind, bool& registered) {
  TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare("SELECT threshold FROM tender_envelope_keys "
                                                "WHERE tender_id = ? AND envelope = ?"));
  s->BindInt64(1, tender.value).BindText(2, EnvelopeKindName(kind));
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  registered = row;
  return row ? static_cast<int>(s->Int64(0)) : 0;
}

Result<int> SharesHeld(Transaction& tx, TenderId tender, EnvelopeKind kind) {
  TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare("SELECT COUNT(*) FROM opening_shares WHERE "
                                                "tender_id = ? AND envelope = ?"));
  s->BindInt64(1, tender.value).BindText(2, EnvelopeKindName(kind));
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  return row ? static_cast<int>(s->Int64(0)) : 0;
}

Status DropShares(Transaction& tx, TenderId tender, EnvelopeKind kind) {
  // Deleted pages are overwritten with zeros rather than left in free pages; the WAL keeps
  // its copies until the next checkpoint (docs/bids.md, residual risks).
  if (tx.engine() == Engine::kSqlite) TB_RETURN_IF_ERROR(tx.Execute("PRAGMA secure_delete=ON"));
  TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare("DELETE FROM opening_shares WHERE tender_id = ? "
                                                "AND envelope = ?"));
  s->BindInt64(1, tender.value).BindText(2, EnvelopeKindName(kind));
  return s->Run();
}

audit::Entry OpeningEntry(std::string kind, Timestamp at, UserId user, const std::string& ocid,
                          EnvelopeKind envelope) {
  audit::Entry entry;
  entry.kind = std::move(kind);
  entry.at = at;
  entry.actor = user.valid() ? "user:" + std::to_string(user.value) : "system";
  entry.subject = "tender:" + ocid;
  entry.fields.emplace_back("envelope", std::string(EnvelopeKindName(envelope)));
  return entry;
}

std::string FilesJson(const std::vector<tenders::OpenedFile>& files) {
  nlohmann::json list = nlohmann::json::array();
  for (const tenders::OpenedFile& f : files) {
    list.push_back({{"index", f.index}, {"name", f.name}, {"size", f.size}, {"sha256", f.sha256}});
  }
  return list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<tenders::OpenedFile> ParseFiles(const std::string& text) {
  std::vector<tenders::OpenedFile> files;
  const nlohmann::json list = nlohmann::json::parse(text, nullptr, false);
  if (!list.is_array()) return files;
  for (const nlohmann::json& f : list) {
    if (!f.is_object()) continue;
    files.push_back({f.value("index", 0), f.value("name", ""), f.value("size", std::uint64_t{0}),
                     f.value("sha256", "")});
  }
  return files;
}

}  // namespace

Result<tenders::ShareOutcome> SqlBidStore::AddShare(const tenders::ShareSubmission& submission,
                                                    const Clock& clock) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(std::optional<TenderRow> tender, ReadTender(*tx, submission.tender, true));
  if (!tender) return Status::NotFound("no such tender").WithField("ocid");
  const std::string kind(EnvelopeKindName(submission.kind));
  tenders::ShareGateFacts facts;
  facts.state = tender->state;
  facts.deadline = tender->deadline;
  facts.kind = submission.kind;
  facts.mode = tender->mode;
  facts.is_creator = tender->created_by == submission.user;
  TB_ASSIGN_OR_RETURN(Statement * roles, tx->Prepare("SELECT role FROM tender_committee WHERE "
                                                     "tender_id = ? AND user_id = ?"));
  roles->BindInt64(1, submission.tender.value).BindInt64(2, submission.user.value);
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, roles->Step());
    if (!row) break;
    if (roles->Text(0) == "opening") facts.is_opening_member = true;
    if (roles->Text(0) == "evaluator") facts.is_evaluator = true;
  }
  tenders::ShareOutcome outcome;
  TB_ASSIGN_OR_RETURN(outcome.threshold,
                      Threshold(*tx, submission.tender, submission.kind, facts.key_registered));
  TB_ASSIGN_OR_RETURN(facts.already_submitted,
                      Exists(*tx,
                             "SELECT 1 FROM opening_shares WHERE tender_id = ? AND envelope = ? "
                             "AND user_id = ?",
                             submission.tender, kind, submission.user.value, true));
  TB_ASSIGN_OR_RETURN(facts.already_opened,
                      Exists(*tx, "SELECT 1 FROM openings WHERE tender_id = ? AND envelope = ?",
                             submission.tender, kind));
  TB_ASSIGN_OR_RETURN(facts.technical_opened,
                      Exists(*tx, "SELECT 1 FROM openings WHERE tender_id = ? AND envelope = ?",
                             submission.tender, "technical"));
  TB_ASSIGN_OR_RETURN(bool unmarked,
                      Exists(*tx,
                             "SELECT 1 FROM opened_bids ob WHERE ob.tender_id = ? AND "
                             "ob.envelope = ? AND ob.decrypted = 1 AND NOT EXISTS (SELECT 1 FROM "
                             "bid_qualifications q WHERE q.tender_id = ob.tender_id AND "
                             "q.bid_id = ob.bid_id)",
                             submission.tender, "technical"));
  facts.qualification_complete = !unmarked;
  facts.now = clock.Now();
  outcome.refusal = tenders::CheckShareGate(facts);
  if (!outcome.refusal.ok()) {
    // ET-08: the attempt is committed to the tamper-evident log before the refusal is sent.
    audit::Entry entry =
        OpeningEntry("opening.refused", facts.now, submission.user, tender->ocid, submission.kind);
    entry.fields.emplace_back("reason", outcome.refusal.message());
    TB_RETURN_IF_ERROR(bid_sql::Append(*tx, entry).status());
    TB_RETURN_IF_ERROR(tx->Commit());
    return outcome;
  }
  TB_ASSIGN_OR_RETURN(Statement * next, tx->Prepare("SELECT COALESCE(MAX(seq), 0) + 1 FROM "
                                                    "opening_shares WHERE tender_id = ? AND "
                                                    "envelope = ?"));
  next->BindInt64(1, submission.tender.value).BindText(2, kind);
  TB_ASSIGN_OR_RETURN(bool has_next, next->Step());
  const std::int64_t seq = has_next ? next->Int64(0) : 1;
  TB_ASSIGN_OR_RETURN(Statement * insert,
                      tx->Prepare("INSERT INTO opening_shares (tender_id, envelope, user_id, seq, "
                                  "share, submitted_at_us) VALUES (?, ?, ?, ?, ?, ?)"));
  insert->BindInt64(1, submission.tender.value)
      .BindText(2, kind)
      .BindInt64(3, submission.user.value)
      .BindInt64(4, seq)
      .BindBlob(5, submission.share)
      .BindInt64(6, facts.now.micros());
  TB_RETURN_IF_ERROR(insert->Run());
  TB_RETURN_IF_ERROR(
      bid_sql::Append(*tx, OpeningEntry("opening.share_submitted", facts.now, submission.user,
                                        tender->ocid, submission.kind))
          .status());
  TB_ASSIGN_OR_RETURN(outcome.shares_held, SharesHeld(*tx, submission.tender, submission.kind));
  TB_RETURN_IF_ERROR(tx->Commit());
  return outcome;
}

Status SqlBidStore::RefuseOpening(TenderId tender, EnvelopeKind kind, UserId user,
                                  std::string_view reason, const Clock& clock, bool drop_shares) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(std::optional<TenderRow> row, ReadTender(*tx, tender, true));
  if (!row) return Status::NotFound("no such tender").WithField("ocid");
  audit::Entry entry = OpeningEntry("opening.refused", clock.Now(), user, row->ocid, kind);
  entry.fields.emplace_back("reason", std::string(reason));
  TB_RETURN_IF_ERROR(bid_sql::Append(*tx, entry).status());
  if (drop_shares) TB_RETURN_IF_ERROR(DropShares(*tx, tender, kind));
  return tx->Commit();
}

Result<tenders::OpeningStatus> SqlBidStore::GetOpeningStatus(TenderId tender, EnvelopeKind kind) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  tenders::OpeningStatus status;
  bool registered = false;
  TB_ASSIGN_OR_RETURN(status.threshold, Threshold(*tx, tender, kind, registered));
  TB_ASSIGN_OR_RETURN(status.opened,
                      Exists(*tx, "SELECT 1 FROM openings WHERE tender_id = ? AND envelope = ?",
                             tender, EnvelopeKindName(kind)));
  TB_ASSIGN_OR_RETURN(Statement * s, tx->Prepare("SELECT user_id FROM opening_shares WHERE "
                                                 "tender_id = ? AND envelope = ? ORDER BY seq"));
  s->BindInt64(1, tender.value).BindText(2, EnvelopeKindName(kind));
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    status.members_submitted.push_back(UserId{s->Int64(0)});
  }
  status.shares_held = static_cast<int>(status.members_submitted.size());
  return status;
}

Result<tenders::OpeningInputs> SqlBidStore::LoadOpeningInputs(TenderId tender, EnvelopeKind kind) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  tenders::OpeningInputs inputs;
  TB_ASSIGN_OR_RETURN(Statement * key, tx->Prepare("SELECT public_key, threshold FROM "
                                                   "tender_envelope_keys WHERE tender_id = ? AND "
                                                   "envelope = ?"));
  key->BindInt64(1, tender.value).BindText(2, EnvelopeKindName(kind));
  TB_ASSIGN_OR_RETURN(bool has_key, key->Step());
  if (!has_key) return Status::FailedPrecondition("no key is registered for this envelope");
  const std::vector<std::uint8_t> public_key = key->Blob(0);
  if (public_key.size() != 32) return Status::Internal("a stored envelope key is not 32 bytes");
  std::copy(public_key.begin(), public_key.end(), inputs.public_key.begin());
  inputs.threshold = static_cast<int>(key->Int64(1));
  TB_ASSIGN_OR_RETURN(Statement * shares, tx->Prepare("SELECT user_id, share FROM opening_shares "
                                                      "WHERE tender_id = ? AND envelope = ? "
                                                      "ORDER BY seq"));
  shares->BindInt64(1, tender.value).BindText(2, EnvelopeKindName(kind));
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, shares->Step());
    if (!row) break;
    inputs.shares.emplace_back(UserId{shares->Int64(0)}, shares->Blob(1));
  }
  // ET-10: only the latest version of a bid that is not withdrawn. ET-05: the financial
  // envelope of a bid only when the technical evaluation marked it qualified.
  // Re-confirmation: a version received before reconfirm_after with no confirmation at or
  // after it is excluded (docs/bids.md). The financial envelope never sees such a bid.
  bid_sql::Reconfirm reconfirm;
  if (kind != EnvelopeKind::kFinancial) {
    TB_ASSIGN_OR_RETURN(reconfirm, bid_sql::ReadReconfirm(*tx, tender));
  }
  const std::int64_t after_us =
      reconfirm.after ? reconfirm.after->micros() : std::numeric_limits<std::int64_t>::min();
  std::string sql =
      "SELECT b.bid_id, b.supplier_id, COALESCE(o.name, ''), v.version, v.receipt_time_us, "
      "e.sha256, bl.content, b.ref_salt, CASE WHEN v.receipt_time_us < ? AND NOT EXISTS "
      "(SELECT 1 FROM bid_confirmations c WHERE c.tender_id = b.tender_id AND c.bid_id = "
      "b.bid_id AND c.version = v.version AND c.confirmed_at_us >= ?) THEN 1 ELSE 0 END "
      "FROM bids b "
      "JOIN bid_versions v ON v.tender_id = b.tender_id AND v.bid_id = b.bid_id AND "
      "v.version = b.latest_version "
      "JOIN bid_envelopes e ON e.tender_id = v.tender_id AND e.bid_id = v.bid_id AND "
      "e.version = v.version AND e.envelope = ? "
      "JOIN bid_blobs bl ON bl.sha256 = e.sha256 "
      "LEFT JOIN organisations o ON o.id = b.supplier_id "
      "WHERE b.tender_id = ? AND b.withdrawn = 0";
  if (kind == EnvelopeKind::kFinancial) {
    sql +=
        " AND EXISTS (SELECT 1 FROM bid_qualifications q WHERE q.tender_id = b.tender_id AND "
        "q.bid_id = b.bid_id AND q.qualified = 1)";
  }
  sql += " ORDER BY v.receipt_time_us, b.bid_id";
  TB_ASSIGN_OR_RETURN(Statement * bids, tx->Prepare(sql));
  bids->BindInt64(1, after_us)
      .BindInt64(2, after_us)
      .BindText(3, EnvelopeKindName(kind))
      .BindInt64(4, tender.value);
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, bids->Step());
    if (!row) break;
    if (bids->Int64(8) != 0) {
      inputs.excluded.push_back(
          {bids->Text(0), OrganisationId{bids->Int64(1)}, bids->Text(2),
           static_cast<int>(bids->Int64(3)), Timestamp::FromMicros(bids->Int64(4)), bids->Text(5),
           crypto::HexEncode(bids->Blob(7)), bid_sql::NotReconfirmedReason(reconfirm.amendment)});
      continue;
    }
    tenders::SealedForOpening sealed;
    sealed.bid_id = bids->Text(0);
    sealed.supplier = OrganisationId{bids->Int64(1)};
    sealed.supplier_name = bids->Text(2);
    sealed.version = static_cast<int>(bids->Int64(3));
    sealed.receipt_time = Timestamp::FromMicros(bids->Int64(4));
    sealed.sha256 = bids->Text(5);
    sealed.ciphertext = bids->Blob(6);
    sealed.bid_ref_salt = crypto::HexEncode(bids->Blob(7));
    inputs.bids.push_back(std::move(sealed));
  }
  return inputs;
}

Result<bool> SqlBidStore::CompleteOpening(const tenders::OpeningRecord& record,
                                          std::span<const tenders::OpenedDocument> documents,
                                          const Clock& clock, const tenders::HeadSigner& sign) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(std::optional<TenderRow> tender, ReadTender(*tx, record.tender, true));
  if (!tender) return Status::NotFound("no such tender").WithField("ocid");
  const std::string kind(EnvelopeKindName(record.kind));
  TB_ASSIGN_OR_RETURN(bool opened,
                      Exists(*tx, "SELECT 1 FROM openings WHERE tender_id = ? AND envelope = ?",
                             record.tender, kind));
  if (opened) return false;
  nlohmann::json members = nlohmann::json::array();
  std::string member_list;
  for (UserId m : record.members) {
    members.push_back(m.value);
    member_list += (member_list.empty() ? "" : ",") + std::to_string(m.value);
  }
  TB_ASSIGN_OR_RETURN(
      Statement * opening,
      tx->Prepare("INSERT INTO openings (tender_id, envelope, opened_at_us, members, "
                  "record, record_sha256) VALUES (?, ?, ?, ?, ?, ?)"));
  opening->BindInt64(1, record.tender.value)
      .BindText(2, kind)
      .BindInt64(3, record.opened_at.micros())
      .BindText(4, members.dump())
      .BindText(5, tenders::RecordJson(record))
      .BindText(6, record.record_sha256);
  TB_RETURN_IF_ERROR(opening->Run());
  for (const tenders::OpenedBid& b : record.bids) {
    TB_ASSIGN_OR_RETURN(
        Statement * bid,
        tx->Prepare("INSERT INTO opened_bids (tender_id, envelope, bid_id, supplier_id, "
                    "supplier_name, version, receipt_time_us, envelope_sha256, bid_ref_salt, "
                    "decrypted, error, price_minor, price_currency, files) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    bid->BindInt64(1, record.tender.value)
        .BindText(2, kind)
        .BindText(3, b.bid_id)
        .BindInt64(4, b.supplier.value)
        .BindText(5, b.supplier_name)
        .BindInt64(6, b.version)
        .BindInt64(7, b.receipt_time.micros())
        .BindText(8, b.envelope_sha256)
        .BindText(9, b.bid_ref_salt)
        .BindInt64(10, b.decrypted ? 1 : 0)
        .BindText(11, b.error)
        .BindText(14, FilesJson(b.files));
    if (b.price) {
      bid->BindInt64(12, b.price->amount_minor).BindText(13, b.price->currency);
    } else {
      bid->BindNull(12).BindNull(13);
    }
    TB_RETURN_IF_ERROR(bid->Run());
  }
  for (const tenders::UnconfirmedBid& b : record.excluded) {
    TB_ASSIGN_OR_RETURN(
        Statement * excluded,
        tx->Prepare("INSERT INTO opening_exclusions (tender_id, envelope, bid_id, supplier_id, "
                    "supplier_name, version, receipt_time_us, envelope_sha256, bid_ref_salt, "
                    "reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    excluded->BindInt64(1, record.tender.value)
        .BindText(2, kind)
        .BindText(3, b.bid_id)
        .BindInt64(4, b.supplier.value)
        .BindText(5, b.supplier_name)
        .BindInt64(6, b.version)
        .BindInt64(7, b.receipt_time.micros())
        .BindText(8, b.envelope_sha256)
        .BindText(9, b.bid_ref_salt)
        .BindText(10, b.reason);
    TB_RETURN_IF_ERROR(excluded->Run());
  }
  for (const tenders::OpenedDocument& d : documents) {
    TB_ASSIGN_OR_RETURN(Statement * doc,
                        tx->Prepare("INSERT INTO bid_documents (tender_id, bid_id, envelope, "
                                    "file_index, name, content) VALUES (?, ?, ?, ?, ?, ?)"));
    doc->BindInt64(1, record.tender.value)
        .BindText(2, d.bid_id)
        .BindText(3, EnvelopeKindName(d.kind))
        .BindInt64(4, d.index)
        .BindText(5, d.name)
        .BindBlob(6, d.content);
    TB_RETURN_IF_ERROR(doc->Run());
  }
  if (record.kind != EnvelopeKind::kFinancial) {
    TB_ASSIGN_OR_RETURN(Statement * state,
                        tx->Prepare("UPDATE tenders SET state = 'opened', version = version + 1 "
                                    "WHERE id = ? AND state IN ('published', 'closed')"));
    state->BindInt64(1, record.tender.value);
    TB_RETURN_IF_ERROR(state->Run());
  }
  TB_RETURN_IF_ERROR(DropShares(*tx, record.tender, record.kind));
  const Timestamp now = clock.Now();
  audit::Entry entry = OpeningEntry("opening.completed", now, UserId{}, tender->ocid, record.kind);
  entry.fields.emplace_back("bids", std::to_string(record.bids.size()));
  if (!record.excluded.empty()) {
    entry.fields.emplace_back("excluded", std::to_string(record.excluded.size()));
  }
  entry.fields.emplace_back("members", member_list);
  entry.fields.emplace_back("record_sha256", record.record_sha256);
  TB_ASSIGN_OR_RETURN(AuditAppended appended, bid_sql::Append(*tx, entry));
  // AU-03: a head is always issued at an opening.
  TB_RETURN_IF_ERROR(StoreTreeHead(*tx, sign(appended.tree_size, appended.root, now)));
  TB_RETURN_IF_ERROR(tx->Commit());
  return true;
}

Result<std::optional<tenders::OpeningRecord>> SqlBidStore::GetOpening(TenderId tender,
                                                                      EnvelopeKind kind) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  return ReadOpeningRecord(*tx, tender, kind);
}

Result<tenders::OpenedDocument> SqlBidStore::GetDocument(TenderId tender, std::string_view bid_id,
                                                         EnvelopeKind kind, int index) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx->Prepare("SELECT name, content FROM bid_documents WHERE tender_id = ? "
                                  "AND bid_id = ? AND envelope = ? AND file_index = ?"));
  s->BindInt64(1, tender.value)
      .BindText(2, bid_id)
      .BindText(3, EnvelopeKindName(kind))
      .BindInt64(4, index);
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return Status::NotFound("no such document");
  return tenders::OpenedDocument{std::string(bid_id), kind, index, s->Text(0), s->Blob(1)};
}

Result<std::vector<std::pair<std::string, bool>>> SqlBidStore::Qualifications(TenderId tender) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s, tx->Prepare("SELECT bid_id, qualified FROM bid_qualifications "
                                                 "WHERE tender_id = ? ORDER BY bid_id"));
  s->BindInt64(1, tender.value);
  std::vector<std::pair<std::string, bool>> marks;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    marks.emplace_back(s->Text(0), s->Int64(1) != 0);
  }
  return marks;
}

namespace bid_sql {

Result<std::optional<tenders::OpeningRecord>> ReadOpeningRecord(Transaction& tx, TenderId tender,
                                                                EnvelopeKind kind) {
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx.Prepare("SELECT o.opened_at_us, o.members, o.record_sha256, t.ocid FROM "
                                 "openings o JOIN tenders t ON t.id = o.tender_id WHERE "
                                 "o.tender_id = ? AND o.envelope = ?"));
  s->BindInt64(1, tender.value).BindText(2, EnvelopeKindName(kind));
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<tenders::OpeningRecord>();
  tenders::OpeningRecord record;
  record.tender = tender;
  record.kind = kind;
  record.opened_at = Timestamp::FromMicros(s->Int64(0));
  const nlohmann::json members = nlohmann::json::parse(s->Text(1), nullptr, false);
  if (members.is_array()) {
    for (const nlohmann::json& m : members) {
      if (m.is_number_integer()) record.members.push_back(UserId{m.get<std::int64_t>()});
    }
  }
  record.record_sha256 = s->Text(2);
  record.ocid = s->Text(3);
  TB_ASSIGN_OR_RETURN(Statement * b,
                      tx.Prepare("SELECT bid_id, supplier_id, supplier_name, version, "
                                 "receipt_time_us, envelope_sha256, bid_ref_salt, decrypted, "
                                 "error, price_minor, price_currency, files FROM opened_bids "
                                 "WHERE tender_id = ? AND envelope = ? "
                                 "ORDER BY receipt_time_us, bid_id"));
  b->BindInt64(1, tender.value).BindText(2, EnvelopeKindName(kind));
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool more, b->Step());
    if (!more) break;
    tenders::OpenedBid bid;
    bid.bid_id = b->Text(0);
    bid.supplier = OrganisationId{b->Int64(1)};
    bid.supplier_name = b->Text(2);
    bid.version = static_cast<int>(b->Int64(3));
    bid.receipt_time = Timestamp::FromMicros(b->Int64(4));
    bid.envelope_sha256 = b->Text(5);
    bid.bid_ref_salt = b->Text(6);
    bid.decrypted = b->Int64(7) != 0;
    bid.error = b->Text(8);
    if (!b->IsNull(9)) bid.price = Money{b->Int64(9), b->Text(10)};
    bid.files = ParseFiles(b->Text(11));
    record.bids.push_back(std::move(bid));
  }
  TB_ASSIGN_OR_RETURN(Statement * x,
                      tx.Prepare("SELECT bid_id, supplier_id, supplier_name, version, "
                                 "receipt_time_us, envelope_sha256, bid_ref_salt, reason FROM "
                                 "opening_exclusions WHERE tender_id = ? AND envelope = ? "
                                 "ORDER BY receipt_time_us, bid_id"));
  x->BindInt64(1, tender.value).BindText(2, EnvelopeKindName(kind));
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool more, x->Step());
    if (!more) break;
    record.excluded.push_back({x->Text(0), OrganisationId{x->Int64(1)}, x->Text(2),
                               static_cast<int>(x->Int64(3)), Timestamp::FromMicros(x->Int64(4)),
                               x->Text(5), x->Text(6), x->Text(7)});
  }
  return std::optional<tenders::OpeningRecord>(std::move(record));
}

}  // namespace bid_sql

}  // namespace tb::storage
