#include "storage/sql_supplier_store.h"

#include <spdlog/spdlog.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "storage/change_log.h"
#include "storage/text_fold.h"
#include "suppliers/profile_json.h"

namespace tb::storage {

using suppliers::DocumentId;
using suppliers::DocumentInfo;
using suppliers::SupplierEvent;
using suppliers::SupplierRecord;
using suppliers::UngmLevel;

namespace {

constexpr std::string_view kRecordColumns =
    "id, doc, state, review_comment, ungm_number, coc_accepted_us, created_at_us, "
    "updated_at_us, version";

constexpr std::string_view kDocumentColumns =
    "id, supplier_id, kind, display_name, media_type, size, sha256, uploaded_at_us, uploaded_by, "
    "valid_from_us, valid_until_us, fiscal_year, audited, language, translation_of";

Result<SupplierRecord> ReadRecord(const Statement& s) {
  SupplierRecord r;
  r.id = SupplierId{s.Int64(0)};
  r.organisation = OrganisationId{r.id.value};
  nlohmann::json doc = nlohmann::json::parse(s.Text(1), nullptr, /*allow_exceptions=*/false);
  Result<suppliers::Profile> profile =
      doc.is_discarded() ? Result<suppliers::Profile>(Status::InvalidArgument("not JSON"))
                         : suppliers::ProfileFromJson(doc);
  if (!profile.ok()) {
    spdlog::error("storage: supplier {} has an unreadable profile: {}", r.id.value,
                  profile.status().ToString());
    return Status::Internal("a stored supplier profile could not be read");
  }
  r.profile = std::move(*profile);
  r.state = suppliers::ParseReviewState(s.Text(2)).value_or(suppliers::ReviewState::kDraft);
  r.review_comment = s.Text(3);
  r.ungm_number = s.Text(4);
  if (!s.IsNull(5)) r.code_of_conduct_accepted_at = Timestamp::FromMicros(s.Int64(5));
  r.created_at = Timestamp::FromMicros(s.Int64(6));
  r.updated_at = Timestamp::FromMicros(s.Int64(7));
  r.version = s.Int64(8);
  return r;
}

DocumentInfo ReadDocument(const Statement& s, int first = 0) {
  DocumentInfo d;
  d.id = DocumentId{s.Int64(first)};
  d.supplier = SupplierId{s.Int64(first + 1)};
  d.kind =
      suppliers::ParseDocumentKind(s.Text(first + 2)).value_or(suppliers::DocumentKind::kOther);
  d.display_name = s.Text(first + 3);
  d.media_type = s.Text(first + 4);
  d.size = s.Int64(first + 5);
  d.sha256 = s.Text(first + 6);
  d.uploaded_at = Timestamp::FromMicros(s.Int64(first + 7));
  d.uploaded_by = UserId{s.Int64(first + 8)};
  if (!s.IsNull(first + 9)) d.valid_from = Timestamp::FromMicros(s.Int64(first + 9));
  if (!s.IsNull(first + 10)) d.valid_until = Timestamp::FromMicros(s.Int64(first + 10));
  d.fiscal_year = static_cast<int>(s.Int64(first + 11));
  d.audited = s.Int64(first + 12) != 0;
  d.language = s.Text(first + 13);
  if (!s.IsNull(first + 14)) d.translation_of = DocumentId{s.Int64(first + 14)};
  return d;
}

void BindOptionalTime(Statement& s, int index, const std::optional<Timestamp>& t) {
  if (t) {
    s.BindInt64(index, t->micros());
  } else {
    s.BindNull(index);
  }
}

// The words the directory's text filter matches: legal, Latin and trading names.
std::string NamesFolded(const suppliers::Profile& p) {
  std::string all = p.legal_name + " " + p.legal_name_latin;
  for (const std::string& name : p.trading_names) all += " " + name;
  return FoldWords(all);
}

std::string SortName(const suppliers::Profile& p) {
  return FoldText(p.legal_name_latin.empty() ? p.legal_name : p.legal_name_latin);
}

Status InsertEvent(Transaction& tx, const SupplierEvent& e) {
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx.Prepare("INSERT INTO supplier_events (supplier_id, at_us, actor_user, "
                                 "action, detail) VALUES (?, ?, ?, ?, ?)"));
  s->BindInt64(1, e.supplier.value)
      .BindInt64(2, e.at.micros())
      .BindInt64(3, e.actor.value)
      .BindText(4, e.action)
      .BindText(5, e.detail);
  return s->Run();
}

Status Delete(Transaction& tx, std::string_view sql, SupplierId id) {
  TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare(sql));
  s->BindInt64(1, id.value);
  return s->Run();
}

Status InsertPair(Transaction& tx, std::string_view sql, SupplierId id, const std::string& value) {
  TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare(sql));
  s->BindInt64(1, id.value).BindText(2, value);
  return s->Run();
}

// Rewrites the side tables from the record. Numbers first, so that a number another
// supplier holds is reported with the field that names it.
Status WriteSideTables(Transaction& tx, const SupplierRecord& r) {
  const SupplierId id = r.id;
  TB_RETURN_IF_ERROR(Delete(tx, "DELETE FROM supplier_numbers WHERE supplier_id = ?", id));
  TB_RETURN_IF_ERROR(Delete(tx, "DELETE FROM supplier_countries WHERE supplier_id = ?", id));
  TB_RETURN_IF_ERROR(Delete(tx, "DELETE FROM supplier_unspsc WHERE supplier_id = ?", id));
  TB_RETURN_IF_ERROR(Delete(tx, "DELETE FROM supplier_certificates WHERE supplier_id = ?", id));
  const auto numbers = [&](std::string_view kind,
                           const std::vector<suppliers::CompanyNumber>& list) -> Status {
    for (std::size_t i = 0; i < list.size(); ++i) {
      TB_ASSIGN_OR_RETURN(Statement * s,
                          tx.Prepare("INSERT INTO supplier_numbers (kind, country, number, "
                                     "supplier_id) VALUES (?, ?, ?, ?)"));
      s->BindText(1, kind)
          .BindText(2, list[i].country)
          .BindText(3, suppliers::NormaliseCompanyNumber(list[i].number))
          .BindInt64(4, id.value);
      Status st = s->Run();
      if (st.code() == StatusCode::kAlreadyExists) {
        // Appended, not "/" + ...: g++ 12 warns falsely about that (-Wrestrict).
        std::string field = "/";
        field.append(kind).append("_numbers/").append(std::to_string(i)).append("/number");
        return Status::AlreadyExists("another company is registered with this number in " +
                                     list[i].country)
            .WithField(field);
      }
      TB_RETURN_IF_ERROR(st);
    }
    return Status::Ok();
  };
  TB_RETURN_IF_ERROR(numbers("registration", r.profile.registration_numbers));
  TB_RETURN_IF_ERROR(numbers("tax", r.profile.tax_numbers));
  std::set<std::string> countries(r.profile.countries_of_operation.begin(),
                                  r.profile.countries_of_operation.end());
  if (!r.profile.address.country.empty()) countries.insert(r.profile.address.country);
  for (const std::string& c : countries) {
    TB_RETURN_IF_ERROR(InsertPair(
        tx, "INSERT INTO supplier_countries (supplier_id, country) VALUES (?, ?)", id, c));
  }
  std::set<std::string> codes;
  for (const UnspscCode& code : r.profile.unspsc_codes) codes.insert(code.ToString());
  for (const std::string& c : codes) {
    TB_RETURN_IF_ERROR(
        InsertPair(tx, "INSERT INTO supplier_unspsc (supplier_id, code) VALUES (?, ?)", id, c));
  }
  std::set<std::string> types;
  for (const suppliers::Certificate& c : r.profile.certificates) types.insert(c.type);
  for (const std::string& t : types) {
    TB_RETURN_IF_ERROR(InsertPair(
        tx, "INSERT INTO supplier_certificates (supplier_id, type) VALUES (?, ?)", id, t));
  }
  return Status::Ok();
}

// Binds the record's columns as parameters 1..14 (shared by INSERT and UPDATE).
void BindRecordColumns(Statement& s, const SupplierRecord& r, UngmLevel level,
                       Timestamp updated_at) {
  const suppliers::Profile& p = r.profile;
  s.BindText(1, suppliers::ProfileToJson(p).dump())
      .BindText(2, NamesFolded(p))
      .BindText(3, SortName(p))
      .BindText(4, p.legal_name)
      .BindText(5, p.legal_name_latin)
      .BindText(6, p.address.country)
      .BindText(7, p.party_scale ? std::string(suppliers::PartyScaleName(*p.party_scale)) : "")
      .BindInt64(8, p.women_owned.declared ? 1 : 0)
      .BindText(9, suppliers::ReviewStateName(r.state))
      .BindText(10, r.review_comment)
      .BindText(11, r.ungm_number);
  BindOptionalTime(s, 12, r.code_of_conduct_accepted_at);
  s.BindInt64(13, static_cast<std::int64_t>(level)).BindInt64(14, updated_at.micros());
}

Status AppendSupplierChange(Transaction& tx, SupplierId id, std::string op, Timestamp at) {
  const Change change{0, "supplier", id.value, std::move(op), at};
  return AppendChanges(tx, std::span<const Change>(&change, 1), at);
}

Result<SupplierRecord> ReadInTx(Transaction& tx, SupplierId id) {
  TB_ASSIGN_OR_RETURN(Statement * s, tx.Prepare("SELECT " + std::string(kRecordColumns) +
                                                " FROM suppliers WHERE id = ?"));
  s->BindInt64(1, id.value);
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return Status::NotFound("no such supplier");
  return ReadRecord(*s);
}

Status PutBlob(Transaction& tx, std::string_view sha256, std::span<const std::uint8_t> content,
               std::string_view media_type, Timestamp now) {
  TB_ASSIGN_OR_RETURN(
      Statement * s, tx.Prepare("INSERT INTO blobs (sha256, size, media_type, data, created_at_us) "
                                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING"));
  s->BindText(1, sha256)
      .BindInt64(2, static_cast<std::int64_t>(content.size()))
      .BindText(3, media_type)
      .BindBlob(4, content)
      .BindInt64(5, now.micros());
  return s->Run();
}

}  // namespace

Result<SupplierRecord> SqlSupplierStore::Create(const SupplierRecord& record,
                                                const SupplierEvent& event, UngmLevel level) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(
      Statement * s, tx->Prepare("INSERT INTO suppliers (doc, names_folded, sort_name, legal_name, "
                                 "legal_name_latin, country, party_scale, women_owned, state, "
                                 "review_comment, ungm_number, coc_accepted_us, readiness_level, "
                                 "updated_at_us, created_at_us, version, id) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  BindRecordColumns(*s, record, level, record.updated_at);
  s->BindInt64(15, record.created_at.micros())
      .BindInt64(16, record.version)
      .BindInt64(17, record.id.value);
  Status inserted = s->Run();
  if (inserted.code() == StatusCode::kAlreadyExists)
    return Status::AlreadyExists("the supplier exists");
  TB_RETURN_IF_ERROR(inserted);
  TB_RETURN_IF_ERROR(WriteSideTables(*tx, record));
  TB_RETURN_IF_ERROR(InsertEvent(*tx, event));
  TB_RETURN_IF_ERROR(AppendSupplierChange(*tx, record.id, "create", event.at));
  TB_RETURN_IF_ERROR(tx->Commit());
  return record;
}

Result<SupplierRecord> SqlSupplierStore::Get(SupplierId id) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  return ReadInTx(*tx, id);
}

Result<suppliers::DirectoryRecord> SqlSupplierStore::GetForDirectory(SupplierId id) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  std::string sql = "SELECT ";
  sql += kRecordColumns;  // append, not operator+: g++ 12 warns falsely (-Wrestrict)
  sql += ", readiness_level FROM suppliers WHERE id = ?";
  TB_ASSIGN_OR_RETURN(Statement * s, tx->Prepare(sql));
  s->BindInt64(1, id.value);
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return Status::NotFound("no such supplier");
  TB_ASSIGN_OR_RETURN(SupplierRecord record, ReadRecord(*s));
  return suppliers::DirectoryRecord{std::move(record), static_cast<UngmLevel>(s->Int64(9))};
}

Result<SupplierRecord> SqlSupplierStore::Update(const SupplierRecord& record,
                                                const SupplierEvent& event, UngmLevel level) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(
      Statement * s,
      tx->Prepare("UPDATE suppliers SET doc = ?, names_folded = ?, sort_name = ?, "
                  "legal_name = ?, legal_name_latin = ?, country = ?, party_scale = ?, "
                  "women_owned = ?, state = ?, review_comment = ?, ungm_number = ?, "
                  "coc_accepted_us = ?, readiness_level = ?, updated_at_us = ?, "
                  "version = version + 1 WHERE id = ? AND version = ?"));
  BindRecordColumns(*s, record, level, event.at);
  s->BindInt64(15, record.id.value).BindInt64(16, record.version);
  TB_RETURN_IF_ERROR(s->Run());
  if (s->ChangedRows() == 0) {
    TB_RETURN_IF_ERROR(ReadInTx(*tx, record.id).status());  // NotFound when it is gone
    return Status::FailedPrecondition("the profile was changed by someone else; reload it")
        .WithField("version");
  }
  TB_RETURN_IF_ERROR(WriteSideTables(*tx, record));
  TB_RETURN_IF_ERROR(InsertEvent(*tx, event));
  TB_RETURN_IF_ERROR(AppendSupplierChange(*tx, record.id, "update", event.at));
  TB_RETURN_IF_ERROR(tx->Commit());
  SupplierRecord stored = record;
  stored.version += 1;
  stored.updated_at = event.at;
  return stored;
}

Result<DocumentInfo> SqlSupplierStore::AddDocument(const DocumentInfo& document,
                                                   std::span<const std::uint8_t> content,
                                                   const suppliers::DocumentLimits& limits,
                                                   const SupplierEvent& event) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  // A no-op write on the supplier's row: on PostgreSQL it locks the row, so two uploads of
  // one company count the quota one after the other (SQLite has one writer anyway).
  TB_ASSIGN_OR_RETURN(
      Statement * lock,
      tx->Prepare("UPDATE suppliers SET readiness_level = readiness_level WHERE id = ?"));
  lock->BindInt64(1, document.supplier.value);
  TB_RETURN_IF_ERROR(lock->Run());
  if (lock->ChangedRows() == 0) return Status::NotFound("no such supplier");
  if (document.translation_of) {
    TB_ASSIGN_OR_RETURN(Statement * t,
                        tx->Prepare("SELECT supplier_id FROM supplier_documents WHERE id = ?"));
    t->BindInt64(1, document.translation_of->value);
    TB_ASSIGN_OR_RETURN(bool row, t->Step());
    if (!row || t->Int64(0) != document.supplier.value) {
      return Status::NotFound("no such document to translate").WithField("translation_of");
    }
  }
  TB_ASSIGN_OR_RETURN(Statement * usage,
                      tx->Prepare("SELECT COALESCE(SUM(size), 0), COUNT(*) FROM supplier_documents "
                                  "WHERE supplier_id = ?"));
  usage->BindInt64(1, document.supplier.value);
  TB_ASSIGN_OR_RETURN(bool usage_row, usage->Step());
  const std::int64_t used = usage_row ? usage->Int64(0) : 0;
  const std::int64_t count = usage_row ? usage->Int64(1) : 0;
  if (used + document.size > limits.quota_bytes_per_company) {
    return Status::ResourceExhausted(
               "the company's documents would use more than " +
               std::to_string(limits.quota_bytes_per_company / (1024 * 1024)) +
               " MiB; remove old documents first")
        .WithField("file");
  }
  if (count + 1 > limits.max_documents_per_company) {
    return Status::ResourceExhausted("the company has the most documents allowed (" +
                                     std::to_string(limits.max_documents_per_company) + ")")
        .WithField("file");
  }
  TB_RETURN_IF_ERROR(PutBlob(*tx, document.sha256, content, document.media_type, event.at));
  TB_ASSIGN_OR_RETURN(
      Statement * ins,
      tx->Prepare("INSERT INTO supplier_documents (supplier_id, kind, display_name, "
                  "media_type, size, sha256, uploaded_at_us, uploaded_by, valid_from_us, "
                  "valid_until_us, fiscal_year, audited, language, translation_of) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  ins->BindInt64(1, document.supplier.value)
      .BindText(2, suppliers::DocumentKindName(document.kind))
      .BindText(3, document.display_name)
      .BindText(4, document.media_type)
      .BindInt64(5, document.size)
      .BindText(6, document.sha256)
      .BindInt64(7, document.uploaded_at.micros())
      .BindInt64(8, document.uploaded_by.value);
  BindOptionalTime(*ins, 9, document.valid_from);
  BindOptionalTime(*ins, 10, document.valid_until);
  ins->BindInt64(11, document.fiscal_year)
      .BindInt64(12, document.audited ? 1 : 0)
      .BindText(13, document.language);
  if (document.translation_of) {
    ins->BindInt64(14, document.translation_of->value);
  } else {
    ins->BindNull(14);
  }
  TB_ASSIGN_OR_RETURN(bool row, ins->Step());
  if (!row) return Status::Internal("the document insert returned no id");
  DocumentInfo stored = document;
  stored.id = DocumentId{ins->Int64(0)};
  SupplierEvent logged = event;
  nlohmann::json detail = nlohmann::json::parse(event.detail, nullptr, false);
  if (detail.is_object()) {
    detail["document_id"] = stored.id.value;
    logged.detail = detail.dump();
  }
  TB_RETURN_IF_ERROR(InsertEvent(*tx, logged));
  TB_RETURN_IF_ERROR(AppendSupplierChange(*tx, document.supplier, "update", event.at));
  TB_RETURN_IF_ERROR(tx->Commit());
  return stored;
}

Result<std::vector<DocumentInfo>> SqlSupplierStore::ListDocuments(SupplierId supplier) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s, tx->Prepare("SELECT " + std::string(kDocumentColumns) +
                                                 " FROM supplier_documents WHERE supplier_id = ? "
                                                 "ORDER BY id"));
  s->BindInt64(1, supplier.value);
  std::vector<DocumentInfo> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.push_back(ReadDocument(*s));
  }
  return out;
}

Result<DocumentInfo> SqlSupplierStore::GetDocument(DocumentId id) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s, tx->Prepare("SELECT " + std::string(kDocumentColumns) +
                                                 " FROM supplier_documents WHERE id = ?"));
  s->BindInt64(1, id.value);
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return Status::NotFound("no such document");
  return ReadDocument(*s);
}

Result<std::vector<std::uint8_t>> SqlSupplierStore::ReadDocumentContent(DocumentId id) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx->Prepare("SELECT b.data FROM supplier_documents d JOIN blobs b "
                                  "ON b.sha256 = d.sha256 WHERE d.id = ?"));
  s->BindInt64(1, id.value);
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return Status::NotFound("no such document");
  return s->Blob(0);
}

Status SqlSupplierStore::DeleteDocument(DocumentId id, const SupplierEvent& event) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(Statement * s, tx->Prepare("DELETE FROM supplier_documents WHERE id = ?"));
  s->BindInt64(1, id.value);
  TB_RETURN_IF_ERROR(s->Run());
  if (s->ChangedRows() == 0) return Status::NotFound("no such document");
  TB_RETURN_IF_ERROR(InsertEvent(*tx, event));
  TB_RETURN_IF_ERROR(AppendSupplierChange(*tx, event.supplier, "update", event.at));
  return tx->Commit();
}

Result<std::vector<suppliers::ExpiringDocument>> SqlSupplierStore::ExpiringDocuments(
    Timestamp now, Timestamp until, SupplierId supplier) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx->Prepare("SELECT " + std::string(kDocumentColumns) +
                                  " FROM supplier_documents WHERE valid_until_us < ? "
                                  "AND (? = 0 OR supplier_id = ?) ORDER BY valid_until_us, id"));
  s->BindInt64(1, until.micros()).BindInt64(2, supplier.value).BindInt64(3, supplier.value);
  std::vector<suppliers::ExpiringDocument> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    DocumentInfo d = ReadDocument(*s);
    const bool expired = *d.valid_until < now;
    out.push_back({std::move(d), expired});
  }
  return out;
}

Status SqlSupplierStore::SetReadinessLevel(SupplierId supplier, UngmLevel level) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  // The store has no clock: the change is dated by the write that moved the level (the
  // service calls this right after a document write), else by the last profile write.
  TB_ASSIGN_OR_RETURN(
      Statement * current,
      tx->Prepare("SELECT s.readiness_level, COALESCE((SELECT MAX(e.at_us) FROM supplier_events e "
                  "WHERE e.supplier_id = s.id), s.updated_at_us) FROM suppliers s WHERE s.id = ?"));
  current->BindInt64(1, supplier.value);
  TB_ASSIGN_OR_RETURN(bool row, current->Step());
  if (!row) return Status::NotFound("no such supplier");
  // Most document writes leave the level as it was: nothing to write, nothing to project.
  if (current->Int64(0) == static_cast<std::int64_t>(level)) return Status::Ok();
  const Timestamp at = Timestamp::FromMicros(current->Int64(1));
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx->Prepare("UPDATE suppliers SET readiness_level = ? WHERE id = ?"));
  s->BindInt64(1, static_cast<std::int64_t>(level)).BindInt64(2, supplier.value);
  TB_RETURN_IF_ERROR(s->Run());
  // The directory index filters and counts by level, so a new level is a change it must see.
  TB_RETURN_IF_ERROR(AppendSupplierChange(*tx, supplier, "update", at));
  return tx->Commit();
}

Status SqlSupplierStore::AppendEvent(const SupplierEvent& event) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  Status inserted = InsertEvent(*tx, event);
  // The foreign key is the only thing that can refuse the row: the supplier is missing.
  if (!inserted.ok() && inserted.code() != StatusCode::kUnavailable)
    return Status::NotFound("no such supplier");
  TB_RETURN_IF_ERROR(inserted);
  return tx->Commit();
}

Result<std::vector<SupplierEvent>> SqlSupplierStore::ListEvents(SupplierId supplier) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx->Prepare("SELECT id, supplier_id, at_us, actor_user, action, detail "
                                  "FROM supplier_events WHERE supplier_id = ? ORDER BY id"));
  s->BindInt64(1, supplier.value);
  std::vector<SupplierEvent> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.push_back({s->Int64(0), SupplierId{s->Int64(1)}, Timestamp::FromMicros(s->Int64(2)),
                   UserId{s->Int64(3)}, s->Text(4), s->Text(5)});
  }
  return out;
}

Result<std::vector<suppliers::ScreeningSubject>> SqlSupplierStore::ScreeningSubjects(
    SupplierId after, int limit) {
  if (limit < 1 || limit > 1000)
    return Status::InvalidArgument("limit must be 1..1000").WithField("limit");
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx->Prepare("SELECT " + std::string(kRecordColumns) +
                                  " FROM suppliers WHERE id > ? ORDER BY id LIMIT ?"));
  s->BindInt64(1, after.value).BindInt64(2, limit);
  std::vector<suppliers::ScreeningSubject> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    TB_ASSIGN_OR_RETURN(SupplierRecord r, ReadRecord(*s));
    suppliers::ScreeningSubject subject{
        r.id, r.profile.legal_name,     r.profile.legal_name_latin, r.profile.trading_names,
        {},   r.profile.address.country};
    for (const suppliers::Owner& o : r.profile.owners) subject.owner_names.push_back(o.name);
    out.push_back(std::move(subject));
  }
  return out;
}

Result<std::string> SqlBlobStore::Put(std::span<const std::uint8_t> content,
                                      std::string_view media_type) {
  const std::string sha = suppliers::Sha256Hex(content);
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_RETURN_IF_ERROR(PutBlob(*tx, sha, content, media_type, clock_.Now()));
  TB_RETURN_IF_ERROR(tx->Commit());
  return sha;
}

Result<std::vector<std::uint8_t>> SqlBlobStore::Get(std::string_view sha256) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * s, tx->Prepare("SELECT data FROM blobs WHERE sha256 = ?"));
  s->BindText(1, sha256);
  TB_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return Status::NotFound("no such blob");
  return s->Blob(0);
}

}  // namespace tb::storage
