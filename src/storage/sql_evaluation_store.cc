#include "storage/sql_evaluation_store.h"

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "storage/audit_append.h"
#include "storage/sql_bid_store_internal.h"
#include "storage/sql_tender_helpers.h"
#include "storage/storage.h"
#include "tenders/evaluation_json.h"

namespace tb::storage {
namespace {

using tenders::EvaluationChange;
using tenders::EvaluationSnapshot;

std::optional<Timestamp> OptionalTime(const Statement& s, int column) {
  if (s.IsNull(column)) return std::nullopt;
  return Timestamp::FromMicros(s.Int64(column));
}

Result<nlohmann::json> ParseDoc(const std::string& text, std::string_view what) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return Status::Internal("a stored " + std::string(what) + " is not JSON");
  }
  return doc;
}

Result<EvaluationSnapshot> ReadSnapshot(Transaction& tx, std::string_view ocid, bool lock) {
  const std::string for_update = lock && tx.engine() == Engine::kPostgres ? " FOR UPDATE" : "";
  TB_ASSIGN_OR_RETURN(Statement * find,
                      tx.Prepare("SELECT id FROM tenders WHERE ocid = ?" + for_update));
  find->BindText(1, ocid);
  TB_ASSIGN_OR_RETURN(bool found, find->Step());
  if (!found) return Status::NotFound("no such tender").WithField("ocid");
  const TenderId id{find->Int64(0)};

  EvaluationSnapshot s;
  TB_ASSIGN_OR_RETURN(s.tender, tender_sql::ReadTender(tx, id));

  TB_ASSIGN_OR_RETURN(Statement * committee,
                      tx.Prepare("SELECT user_id, role FROM tender_committee WHERE tender_id = ? "
                                 "ORDER BY role, position, user_id"));
  committee->BindInt64(1, id.value);
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, committee->Step());
    if (!row) break;
    (committee->Text(1) == "evaluator" ? s.evaluators : s.opening_members)
        .push_back(UserId{committee->Int64(0)});
  }

  for (tenders::EnvelopeKind kind :
       {tenders::EnvelopeKind::kSingle, tenders::EnvelopeKind::kTechnical}) {
    TB_ASSIGN_OR_RETURN(std::optional<tenders::OpeningRecord> opening,
                        bid_sql::ReadOpeningRecord(tx, id, kind));
    if (opening) s.technical_opening = std::move(opening);
  }
  TB_ASSIGN_OR_RETURN(s.financial_opening,
                      bid_sql::ReadOpeningRecord(tx, id, tenders::EnvelopeKind::kFinancial));

  TB_ASSIGN_OR_RETURN(Statement * marks,
                      tx.Prepare("SELECT bid_id, qualified FROM bid_qualifications "
                                 "WHERE tender_id = ? ORDER BY bid_id"));
  marks->BindInt64(1, id.value);
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, marks->Step());
    if (!row) break;
    s.qualifications.emplace_back(marks->Text(0), marks->Int64(1) != 0);
  }

  TB_ASSIGN_OR_RETURN(Statement * declarations,
                      tx.Prepare("SELECT evaluator_id, conflict, statement, declared_at_us FROM "
                                 "evaluation_declarations WHERE tender_id = ? ORDER BY "
                                 "declared_at_us, evaluator_id"));
  declarations->BindInt64(1, id.value);
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, declarations->Step());
    if (!row) break;
    s.declarations.push_back(
        tenders::Declaration{UserId{declarations->Int64(0)}, declarations->Int64(1) != 0,
                             declarations->Text(2), Timestamp::FromMicros(declarations->Int64(3))});
  }

  // Every version is kept; the snapshot holds each evaluator's latest sheet per bid.
  TB_ASSIGN_OR_RETURN(Statement * sheets,
                      tx.Prepare("SELECT bid_id, evaluator_id, version, sheet, submitted_at_us "
                                 "FROM evaluation_sheets WHERE tender_id = ? "
                                 "ORDER BY bid_id, evaluator_id, version"));
  sheets->BindInt64(1, id.value);
  std::map<std::pair<std::string, std::int64_t>, tenders::StoredSheet> latest;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, sheets->Step());
    if (!row) break;
    TB_ASSIGN_OR_RETURN(nlohmann::json doc, ParseDoc(sheets->Text(3), "scoring sheet"));
    Result<tenders::ScoringSheet> sheet = tenders::SheetFromJson(doc);
    if (!sheet.ok())
      return Status::Internal("a stored scoring sheet cannot be read: " +
                              sheet.status().ToString());
    sheet->bid_id = sheets->Text(0);
    sheet->evaluator = UserId{sheets->Int64(1)};
    latest[{sheets->Text(0), sheets->Int64(1)}] = tenders::StoredSheet{
        *sheet, static_cast<int>(sheets->Int64(2)), Timestamp::FromMicros(sheets->Int64(4))};
  }
  for (auto& [key, sheet] : latest) s.sheets.push_back(std::move(sheet));

  TB_ASSIGN_OR_RETURN(Statement * record,
                      tx.Prepare("SELECT doc FROM evaluations WHERE tender_id = ?"));
  record->BindInt64(1, id.value);
  TB_ASSIGN_OR_RETURN(bool has_record, record->Step());
  if (has_record) {
    TB_ASSIGN_OR_RETURN(nlohmann::json doc, ParseDoc(record->Text(0), "evaluation record"));
    Result<tenders::EvaluationRecord> parsed = tenders::EvaluationRecordFromJson(doc);
    if (!parsed.ok()) {
      return Status::Internal("the stored evaluation record cannot be read: " +
                              parsed.status().ToString());
    }
    s.record = std::move(*parsed);
  }

  TB_ASSIGN_OR_RETURN(Statement * letters,
                      tx.Prepare("SELECT letter FROM award_letters WHERE tender_id = ? "
                                 "ORDER BY sent_at_us, bid_id"));
  letters->BindInt64(1, id.value);
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, letters->Step());
    if (!row) break;
    TB_ASSIGN_OR_RETURN(nlohmann::json doc, ParseDoc(letters->Text(0), "regret letter"));
    Result<tenders::RegretLetter> letter = tenders::LetterFromJson(doc);
    if (!letter.ok()) return Status::Internal("a stored regret letter cannot be read");
    s.letters.push_back(std::move(*letter));
  }

  TB_ASSIGN_OR_RETURN(Statement * debriefs,
                      tx.Prepare("SELECT supplier_id, requested_by, requested_at_us, message, "
                                 "answer, answered_by, answered_at_us FROM award_debriefs "
                                 "WHERE tender_id = ? ORDER BY requested_at_us, supplier_id"));
  debriefs->BindInt64(1, id.value);
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, debriefs->Step());
    if (!row) break;
    s.debriefs.push_back(tenders::DebriefRequest{
        OrganisationId{debriefs->Int64(0)}, UserId{debriefs->Int64(1)},
        Timestamp::FromMicros(debriefs->Int64(2)), debriefs->Text(3), debriefs->Text(4),
        UserId{debriefs->Int64(5)}, OptionalTime(*debriefs, 6)});
  }
  return s;
}

Status WriteChange(Transaction& tx, const EvaluationSnapshot& s, const EvaluationChange& c) {
  const TenderId id = s.tender.id;
  const Timestamp at = c.audit.empty() ? Timestamp() : c.audit.front().at;
  if (c.declaration) {
    TB_ASSIGN_OR_RETURN(Statement * insert,
                        tx.Prepare("INSERT INTO evaluation_declarations (tender_id, evaluator_id, "
                                   "conflict, statement, declared_at_us) VALUES (?, ?, ?, ?, ?)"));
    insert->BindInt64(1, id.value)
        .BindInt64(2, c.declaration->evaluator.value)
        .BindInt64(3, c.declaration->conflict ? 1 : 0)
        .BindText(4, c.declaration->statement)
        .BindInt64(5, c.declaration->at.micros());
    TB_RETURN_IF_ERROR(insert->Run());
  }
  if (c.sheet) {
    TB_ASSIGN_OR_RETURN(
        Statement * insert,
        tx.Prepare("INSERT INTO evaluation_sheets (tender_id, bid_id, evaluator_id, "
                   "version, sheet, submitted_at_us) VALUES (?, ?, ?, ?, ?, ?)"));
    insert->BindInt64(1, id.value)
        .BindText(2, c.sheet->sheet.bid_id)
        .BindInt64(3, c.sheet->sheet.evaluator.value)
        .BindInt64(4, c.sheet->version)
        .BindText(5, tenders::SheetJson(c.sheet->sheet).dump())
        .BindInt64(6, c.sheet->submitted_at.micros());
    TB_RETURN_IF_ERROR(insert->Run());
  }
  if (c.record) {
    if (c.record->version != s.record.version + 1) {
      return Status::FailedPrecondition("the evaluation was changed by someone else");
    }
    const std::string doc = tenders::EvaluationRecordJson(*c.record).dump();
    const std::string stage(tenders::EvaluationStageName(c.record->stage));
    Statement* write = nullptr;
    if (s.record.version == 0) {
      TB_ASSIGN_OR_RETURN(write, tx.Prepare("INSERT INTO evaluations (stage, version, doc, "
                                            "updated_at_us, tender_id) VALUES (?, ?, ?, ?, ?)"));
    } else {
      TB_ASSIGN_OR_RETURN(write, tx.Prepare("UPDATE evaluations SET stage = ?, version = ?, "
                                            "doc = ?, updated_at_us = ? WHERE tender_id = ? "
                                            "AND version = ?"));
      write->BindInt64(6, s.record.version);
    }
    write->BindText(1, stage)
        .BindInt64(2, c.record->version)
        .BindText(3, doc)
        .BindInt64(4, at.micros())
        .BindInt64(5, id.value);
    TB_RETURN_IF_ERROR(write->Run());
    if (write->ChangedRows() != 1) {
      return Status::FailedPrecondition("the evaluation was changed by someone else");
    }
  }
  for (const auto& [bid, qualified] : c.qualifications) {
    TB_ASSIGN_OR_RETURN(Statement * clear, tx.Prepare("DELETE FROM bid_qualifications WHERE "
                                                      "tender_id = ? AND bid_id = ?"));
    clear->BindInt64(1, id.value).BindText(2, bid);
    TB_RETURN_IF_ERROR(clear->Run());
    TB_ASSIGN_OR_RETURN(Statement * insert,
                        tx.Prepare("INSERT INTO bid_qualifications (tender_id, bid_id, qualified, "
                                   "decided_by, decided_at_us) VALUES (?, ?, ?, ?, ?)"));
    insert->BindInt64(1, id.value)
        .BindText(2, bid)
        .BindInt64(3, qualified ? 1 : 0)
        .BindInt64(4, c.qualified_by.value)
        .BindInt64(5, at.micros());
    TB_RETURN_IF_ERROR(insert->Run());
  }
  if (c.tender_state) {
    // The tender's version moves too, so an officer's edit based on the old row is refused
    // and the public notice (rewritten while behind the version) follows the new state.
    const bool cancelled = *c.tender_state == tenders::TenderState::kCancelled;
    TB_ASSIGN_OR_RETURN(
        Statement * update,
        tx.Prepare("UPDATE tenders SET state = ?, version = version + 1, updated_at_us = ?, "
                   "cancellation_reason = CASE WHEN ? = 1 THEN ? ELSE cancellation_reason END "
                   "WHERE id = ? AND state = ?"));
    update->BindText(1, tenders::TenderStateName(*c.tender_state))
        .BindInt64(2, at.micros())
        .BindInt64(3, cancelled ? 1 : 0)
        .BindText(4, c.cancellation_reason)
        .BindInt64(5, id.value)
        .BindText(6, tenders::TenderStateName(s.tender.state));
    TB_RETURN_IF_ERROR(update->Run());
    if (update->ChangedRows() != 1) {
      return Status::FailedPrecondition("the tender was changed by someone else");
    }
  }
  for (const tenders::RegretLetter& letter : c.letters) {
    TB_ASSIGN_OR_RETURN(Statement * insert,
                        tx.Prepare("INSERT INTO award_letters (tender_id, bid_id, supplier_id, "
                                   "letter, sent_at_us) VALUES (?, ?, ?, ?, ?)"));
    insert->BindInt64(1, id.value)
        .BindText(2, letter.bid_id)
        .BindInt64(3, letter.supplier.value)
        .BindText(4, tenders::LetterJson(letter).dump())
        .BindInt64(5, letter.sent_at.micros());
    TB_RETURN_IF_ERROR(insert->Run());
  }
  if (c.debrief) {
    TB_ASSIGN_OR_RETURN(Statement * clear, tx.Prepare("DELETE FROM award_debriefs WHERE "
                                                      "tender_id = ? AND supplier_id = ?"));
    clear->BindInt64(1, id.value).BindInt64(2, c.debrief->supplier.value);
    TB_RETURN_IF_ERROR(clear->Run());
    TB_ASSIGN_OR_RETURN(Statement * insert,
                        tx.Prepare("INSERT INTO award_debriefs (tender_id, supplier_id, "
                                   "requested_by, requested_at_us, message, answer, answered_by, "
                                   "answered_at_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    insert->BindInt64(1, id.value)
        .BindInt64(2, c.debrief->supplier.value)
        .BindInt64(3, c.debrief->requested_by.value)
        .BindInt64(4, c.debrief->requested_at.micros())
        .BindText(5, c.debrief->message)
        .BindText(6, c.debrief->answer);
    if (c.debrief->answered_at) {
      insert->BindInt64(7, c.debrief->answered_by.value)
          .BindInt64(8, c.debrief->answered_at->micros());
    } else {
      insert->BindNull(7).BindNull(8);
    }
    TB_RETURN_IF_ERROR(insert->Run());
  }
  for (const audit::Entry& entry : c.audit) {
    TB_RETURN_IF_ERROR(AppendAuditEntry(tx, entry).status());
  }
  return Status::Ok();
}

bool Empty(const EvaluationChange& c) {
  return !c.declaration && !c.sheet && !c.record && c.qualifications.empty() && !c.tender_state &&
         c.letters.empty() && !c.debrief && c.audit.empty();
}

}  // namespace

Result<EvaluationSnapshot> SqlEvaluationStore::Load(std::string_view ocid) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  return ReadSnapshot(*tx, ocid, false);
}

Result<EvaluationSnapshot> SqlEvaluationStore::Apply(std::string_view ocid,
                                                     const tenders::EvaluationDecision& decide) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(EvaluationSnapshot before, ReadSnapshot(*tx, ocid, true));
  TB_ASSIGN_OR_RETURN(EvaluationChange change, decide(before));
  if (Empty(change)) return before;
  if (change.audit.empty()) {
    return Status::Internal("an evaluation change without its audit entry (AU-01)");
  }
  TB_RETURN_IF_ERROR(WriteChange(*tx, before, change));
  TB_ASSIGN_OR_RETURN(EvaluationSnapshot after, ReadSnapshot(*tx, ocid, false));
  TB_RETURN_IF_ERROR(tx->Commit());
  return after;
}

Status SqlEvaluationStore::RecordAudit(const audit::Entry& entry) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  TB_RETURN_IF_ERROR(AppendAuditEntry(*tx, entry).status());
  return tx->Commit();
}

Result<std::vector<tenders::StandingAward>> SqlEvaluationStore::StandingAwards(int limit) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  // The stage is a column; the award's own status and date live in the record's JSON.
  TB_ASSIGN_OR_RETURN(Statement * awarded,
                      tx->Prepare("SELECT tender_id, doc FROM evaluations WHERE stage IN "
                                  "('standstill','contracted') ORDER BY updated_at_us DESC, "
                                  "tender_id DESC"));
  std::vector<std::pair<TenderId, tenders::AwardRecord>> found;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, awarded->Step());
    if (!row) break;
    TB_ASSIGN_OR_RETURN(nlohmann::json doc, ParseDoc(awarded->Text(1), "evaluation record"));
    Result<tenders::EvaluationRecord> record = tenders::EvaluationRecordFromJson(doc);
    if (!record.ok()) {
      return Status::Internal("the stored evaluation record cannot be read: " +
                              record.status().ToString());
    }
    if (!record->award || record->award->status == "cancelled") continue;
    found.emplace_back(TenderId{awarded->Int64(0)}, std::move(*record->award));
  }
  std::ranges::stable_sort(found, [](const auto& a, const auto& b) {
    return a.second.notified_at > b.second.notified_at;
  });
  if (limit >= 0 && found.size() > static_cast<std::size_t>(limit)) found.resize(limit);
  std::vector<tenders::StandingAward> out;
  out.reserve(found.size());
  for (auto& [id, award] : found) {
    TB_ASSIGN_OR_RETURN(tenders::Tender tender, tender_sql::ReadTender(*tx, id));
    out.push_back({std::move(tender), std::move(award)});
  }
  return out;
}

std::unique_ptr<tenders::EvaluationStore> MakeEvaluationStore(Database& db) {
  return std::make_unique<SqlEvaluationStore>(db);
}

}  // namespace tb::storage
