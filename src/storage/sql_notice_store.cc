#include "storage/sql_notice_store.h"

#include <spdlog/spdlog.h>

#include <sodium.h>

#include <array>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "notices/notice_json.h"
#include "storage/change_log.h"
#include "storage/notice_query.h"
#include "storage/text_fold.h"

namespace tb::storage {
namespace {

using notices::Notice;
using notices::WriteOutcome;

constexpr std::int64_t kNoPublished = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kNoDeadline = std::numeric_limits<std::int64_t>::max();

// notices::Fingerprint(n) is the digest of NoticeToJsonString(n) without the id, which is
// exactly the `doc` the store writes: hashing the doc saves serialising the notice a second
// time. NoticeVersionTest.StoredFingerprintIsTheNoticesFingerprint checks that they agree.
std::string DocFingerprint(std::string_view doc) {
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(doc.data()), doc.size(), nullptr, 0);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (unsigned char b : digest) {
    hex.push_back(kHex[b >> 4]);
    hex.push_back(kHex[b & 15]);
  }
  return hex;
}

Result<Notice> ParseStored(std::int64_t id, const std::string& doc) {
  Result<Notice> notice = notices::NoticeFromJsonString(doc);
  if (!notice.ok()) {
    spdlog::error("storage: notice {} has an unreadable document: {}", id,
                  notice.status().ToString());
    return Status::Internal("a stored notice could not be read");
  }
  notice->id = NoticeId{id};
  return notice;
}

// Reads a stored document into its JSON tree and the Notice (the tree is kept for the diff).
Result<Notice> ParseStoredJson(std::int64_t id, const std::string& doc, nlohmann::json& tree) {
  tree = nlohmann::json::parse(doc, nullptr, /*allow_exceptions=*/false);
  Result<Notice> notice = tree.is_discarded() ? Result<Notice>(Status::InvalidArgument("not JSON"))
                                              : notices::NoticeFromJson(tree);
  if (!notice.ok()) {
    spdlog::error("storage: notice {} has an unreadable document: {}", id,
                  notice.status().ToString());
    return Status::Internal("a stored notice could not be read");
  }
  notice->id = NoticeId{id};
  return notice;
}

// The distinct country codes and UNSPSC codes of a notice, as stored in the code tables.
std::set<std::string> CountrySet(const Notice& n) {
  return std::set<std::string>(n.countries.begin(), n.countries.end());
}
std::set<std::string> UnspscSet(const Notice& n) {
  std::set<std::string> codes;
  for (const UnspscCode& code : n.unspsc) codes.insert(code.ToString());
  return codes;
}

// Top-level JSON fields whose values differ between two documents (a field present in one
// only counts as changed), sorted by name. `b` null means a new notice. Both objects keep
// their members sorted by key (nlohmann's std::map), so one merge walk finds them in order.
std::string ChangedFields(const nlohmann::json& b, const nlohmann::json& a) {
  nlohmann::json changed = nlohmann::json::array();
  const auto add = [&](const std::string& key) {
    if (key != "id") changed.push_back(key);
  };
  const auto& after = a.get_ref<const nlohmann::json::object_t&>();
  if (!b.is_object()) {
    for (const auto& [key, value] : after) add(key);
    return changed.dump();
  }
  const auto& before = b.get_ref<const nlohmann::json::object_t&>();
  auto ia = after.begin();
  auto ib = before.begin();
  while (ia != after.end() || ib != before.end()) {
    if (ib == before.end() || (ia != after.end() && ia->first < ib->first)) {
      add((ia++)->first);
    } else if (ia == after.end() || ib->first < ia->first) {
      add((ib++)->first);
    } else {
      if (ia->second != ib->second) add(ia->first);
      ++ia;
      ++ib;
    }
  }
  return changed.dump();
}

void Bind(Statement& stmt, int index, const SqlParam& param) {
  if (const auto* i = std::get_if<std::int64_t>(&param)) {
    stmt.BindInt64(index, *i);
  } else {
    stmt.BindText(index, std::get<std::string>(param));
  }
}

// Binds the notice's columns 1..13 shared by INSERT and UPDATE.
void BindColumns(Statement& stmt, const Notice& n, const std::string& fingerprint,
                 const std::string& doc, std::int64_t version, Timestamp now) {
  stmt.BindText(1, n.buyer)
      .BindText(2, FoldText(n.buyer))
      .BindText(3, notices::NoticeTypeName(n.type))
      .BindText(4, notices::NoticeStatusName(n.status))
      .BindText(5, n.source);
  if (n.published) stmt.BindInt64(6, n.published->micros()); else stmt.BindNull(6);
  if (n.deadline) stmt.BindInt64(7, n.deadline->micros()); else stmt.BindNull(7);
  stmt.BindInt64(8, n.published ? n.published->micros() : kNoPublished)
      .BindInt64(9, n.deadline ? n.deadline->micros() : kNoDeadline)
      .BindText(10, fingerprint)
      .BindText(11, doc)
      .BindInt64(12, version)
      .BindInt64(13, now.micros());
}

// Writes the notice's country and UNSPSC rows. `current` is the stored notice of an update
// (null for a new one): its rows are replaced only when the codes differ, since most
// updates (a new deadline, an amendment) leave them as they are.
Status WriteCodes(Transaction& tx, std::int64_t id, const Notice& n, const Notice* current) {
  const std::set<std::string> countries = CountrySet(n);
  const std::set<std::string> codes = UnspscSet(n);
  if (current && CountrySet(*current) == countries && UnspscSet(*current) == codes) {
    return Status::Ok();
  }
  if (current) {
    for (std::string_view sql : {"DELETE FROM notice_countries WHERE notice_id = ?",
                                 "DELETE FROM notice_unspsc WHERE notice_id = ?"}) {
      TB_ASSIGN_OR_RETURN(Statement * del, tx.Prepare(sql));
      del->BindInt64(1, id);
      TB_RETURN_IF_ERROR(del->Run());
    }
  }
  for (const std::string& country : countries) {
    TB_ASSIGN_OR_RETURN(Statement * ins, tx.Prepare("INSERT INTO notice_countries "
                                                    "(notice_id, country) VALUES (?, ?)"));
    ins->BindInt64(1, id).BindText(2, country);
    TB_RETURN_IF_ERROR(ins->Run());
  }
  for (const std::string& code : codes) {
    TB_ASSIGN_OR_RETURN(Statement * ins, tx.Prepare("INSERT INTO notice_unspsc "
                                                    "(notice_id, code) VALUES (?, ?)"));
    ins->BindInt64(1, id).BindText(2, code);
    TB_RETURN_IF_ERROR(ins->Run());
  }
  return Status::Ok();
}

struct Stored {
  std::int64_t id = 0;
  std::string doc;
  std::string fingerprint;
  std::int64_t version = 0;
};

Result<std::optional<Stored>> ReadStored(Transaction& tx, std::string_view public_id) {
  TB_ASSIGN_OR_RETURN(Statement * stmt,
                      tx.Prepare("SELECT id, doc, fingerprint, version FROM notices "
                                 "WHERE public_id = ?"));
  stmt->BindText(1, public_id);
  TB_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return std::optional<Stored>();
  return std::optional<Stored>(Stored{stmt->Int64(0), stmt->Text(1), stmt->Text(2), stmt->Int64(3)});
}

}  // namespace

Result<std::vector<WriteOutcome>> SqlNoticeStore::UpsertBatch(std::span<const Notice> batch,
                                                              const MergeFn& merge) {
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (batch[i].public_id.empty()) {
      return Status::InvalidArgument("record " + std::to_string(i + 1) +
                                     " of the batch has no public id")
          .WithField("public_id");
    }
  }
  std::vector<WriteOutcome> outcomes;
  outcomes.reserve(batch.size());
  if (batch.empty()) return outcomes;
  const Timestamp now = clock_.Now();
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  std::vector<Change> changes;
  // What this transaction has written so far, by public id. The releases of one process
  // usually come one after the other, so the next one finds its stored notice here instead
  // of reading the row back and parsing its document again. The tree is the one the
  // document was dumped from, and parsing that dump gives the same tree (the notice JSON
  // holds strings, integers, booleans and nulls only), so the notice and the changed fields
  // come out as if read from the row.
  struct Written {
    Stored stored;  // without the doc: the tree stands for it
    nlohmann::json tree;
    Notice notice;  // what the tree was made from, so it is not read back from the tree
  };
  std::unordered_map<std::string, Written> written;
  for (const Notice& incoming : batch) {
    std::optional<Stored> stored;
    std::optional<Notice> current;
    nlohmann::json parsed_json;
    const nlohmann::json* current_json = &parsed_json;  // the stored tree, for the changed fields
    if (auto seen = written.find(incoming.public_id); seen != written.end()) {
      stored = seen->second.stored;
      current_json = &seen->second.tree;
      current = seen->second.notice;
      current->id = NoticeId{stored->id};
    } else {
      TB_ASSIGN_OR_RETURN(stored, ReadStored(*tx, incoming.public_id));
      if (stored) {
        TB_ASSIGN_OR_RETURN(Notice parsed, ParseStoredJson(stored->id, stored->doc, parsed_json));
        current = std::move(parsed);
      }
    }
    Notice merged;
    try {
      merged = merge(current ? &*current : nullptr, incoming);
    } catch (const std::exception& e) {
      spdlog::error("storage: merging notice {} threw: {}", incoming.public_id, e.what());
      return Status::Internal("merging notice " + incoming.public_id + " failed");
    } catch (...) {
      return Status::Internal("merging notice " + incoming.public_id + " failed");
    }
    if (merged.public_id != incoming.public_id) {
      return Status::InvalidArgument("merging notice " + incoming.public_id +
                                     " changed its public id")
          .WithField("public_id");
    }
    merged.id = NoticeId{};  // the document never carries the internal id
    // The same bytes as notices::NoticeToJsonString, keeping the JSON tree for the diff.
    nlohmann::json doc_json = merged;
    const std::string doc = doc_json.dump();
    const std::string fingerprint = DocFingerprint(doc);
    if (stored && stored->fingerprint == fingerprint) {
      outcomes.push_back(WriteOutcome::kUnchanged);
      continue;
    }
    std::int64_t id = 0;
    std::int64_t version = 1;
    if (!stored) {
      TB_ASSIGN_OR_RETURN(
          Statement * insert,
          tx->Prepare("INSERT INTO notices (buyer, buyer_folded, type, status, source, "
                      "published_us, deadline_us, sort_published, sort_deadline, fingerprint, "
                      "doc, version, updated_at_us, public_id) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
      BindColumns(*insert, merged, fingerprint, doc, version, now);
      insert->BindText(14, merged.public_id);
      TB_ASSIGN_OR_RETURN(bool row, insert->Step());
      if (!row) return Status::Internal("inserting a notice returned no id");
      id = insert->Int64(0);
    } else {
      id = stored->id;
      version = stored->version + 1;
      TB_ASSIGN_OR_RETURN(
          Statement * update,
          tx->Prepare("UPDATE notices SET buyer = ?, buyer_folded = ?, type = ?, status = ?, "
                      "source = ?, published_us = ?, deadline_us = ?, sort_published = ?, "
                      "sort_deadline = ?, fingerprint = ?, doc = ?, version = ?, "
                      "updated_at_us = ? WHERE id = ?"));
      BindColumns(*update, merged, fingerprint, doc, version, now);
      update->BindInt64(14, id);
      TB_RETURN_IF_ERROR(update->Run());
    }
    TB_RETURN_IF_ERROR(WriteCodes(*tx, id, merged, current ? &*current : nullptr));
    TB_ASSIGN_OR_RETURN(
        Statement * history,
        tx->Prepare("INSERT INTO notice_versions (notice_id, version, recorded_at_us, source, "
                    "changed_fields, doc) VALUES (?, ?, ?, ?, ?, ?)"));
    history->BindInt64(1, id)
        .BindInt64(2, version)
        .BindInt64(3, now.micros())
        .BindText(4, merged.source)
        .BindText(5, ChangedFields(*current_json, doc_json))
        .BindText(6, doc);
    TB_RETURN_IF_ERROR(history->Run());
    changes.push_back({0, "notice", id, stored ? "update" : "create", now});
    outcomes.push_back(stored ? WriteOutcome::kUpdated : WriteOutcome::kNew);
    std::string public_id = merged.public_id;
    written[std::move(public_id)] =
        Written{Stored{id, {}, fingerprint, version}, std::move(doc_json), std::move(merged)};
  }
  TB_RETURN_IF_ERROR(AppendChanges(*tx, changes, now));
  TB_RETURN_IF_ERROR(tx->Commit());
  if (!changes.empty()) {
    std::vector<std::int64_t> written;
    written.reserve(changes.size());
    for (const Change& change : changes) written.push_back(change.id);
    versions_.Invalidate(written);
  }
  return outcomes;
}

Result<Notice> SqlNoticeStore::Get(NoticeId id) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * stmt, tx->Prepare("SELECT id, doc FROM notices WHERE id = ?"));
  stmt->BindInt64(1, id.value);
  TB_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return Status::NotFound("no notice with id " + std::to_string(id.value));
  return ParseStored(stmt->Int64(0), stmt->Text(1));
}

Result<Notice> SqlNoticeStore::GetByPublicId(std::string_view public_id) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * stmt,
                      tx->Prepare("SELECT id, doc FROM notices WHERE public_id = ?"));
  stmt->BindText(1, public_id);
  TB_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return Status::NotFound("no notice " + std::string(public_id));
  return ParseStored(stmt->Int64(0), stmt->Text(1));
}

Result<notices::NoticePage> SqlNoticeStore::List(const notices::NoticeFilter& filter,
                                                 notices::NoticeOrder order,
                                                 const notices::PageRequest& page,
                                                 Timestamp now) {
  if (page.limit < 1 || page.limit > 100) {
    return Status::InvalidArgument("limit must be between 1 and 100").WithField("limit");
  }
  std::optional<NoticeCursor> after;
  if (!page.cursor.empty()) {
    TB_ASSIGN_OR_RETURN(NoticeCursor cursor, DecodeCursor(page.cursor, order));
    after = cursor;
  }
  TB_ASSIGN_OR_RETURN(SqlCondition cond, NoticeFilterCondition(filter, now));
  const bool newest = order == notices::NoticeOrder::kNewest;
  const std::string key = newest ? "n.sort_published" : "n.sort_deadline";

  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  notices::NoticePage result;
  {
    TB_ASSIGN_OR_RETURN(Statement * count,
                        tx->Prepare("SELECT COUNT(*) FROM notices n WHERE " + cond.sql));
    for (std::size_t i = 0; i < cond.params.size(); ++i) {
      Bind(*count, static_cast<int>(i + 1), cond.params[i]);
    }
    TB_ASSIGN_OR_RETURN(bool row, count->Step());
    result.total = row ? count->Int64(0) : 0;
  }
  std::string sql = "SELECT n.id, n.doc, " + key + " FROM notices n WHERE " + cond.sql;
  if (after) {
    sql += newest ? " AND (" + key + " < ? OR (" + key + " = ? AND n.id < ?))"
                  : " AND (" + key + " > ? OR (" + key + " = ? AND n.id > ?))";
  }
  sql += newest ? " ORDER BY " + key + " DESC, n.id DESC" : " ORDER BY " + key + " ASC, n.id ASC";
  sql += " LIMIT ?";
  TB_ASSIGN_OR_RETURN(Statement * stmt, tx->Prepare(sql));
  int index = 1;
  for (const SqlParam& p : cond.params) Bind(*stmt, index++, p);
  if (after) {
    stmt->BindInt64(index, after->key).BindInt64(index + 1, after->key).BindInt64(index + 2, after->id);
    index += 3;
  }
  stmt->BindInt64(index, page.limit + 1);
  std::int64_t last_key = 0;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    if (static_cast<int>(result.items.size()) == page.limit) {
      // There is at least one more row: the page ends at the last item kept.
      result.next_cursor = EncodeCursor({order, last_key, result.items.back().id.value});
      break;
    }
    TB_ASSIGN_OR_RETURN(Notice notice, ParseStored(stmt->Int64(0), stmt->Text(1)));
    last_key = stmt->Int64(2);
    result.items.push_back(std::move(notice));
  }
  return result;
}

Result<std::vector<notices::NoticeVersion>> SqlNoticeStore::History(NoticeId id) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * exists, tx->Prepare("SELECT 1 FROM notices WHERE id = ?"));
  exists->BindInt64(1, id.value);
  TB_ASSIGN_OR_RETURN(bool found, exists->Step());
  if (!found) return Status::NotFound("no notice with id " + std::to_string(id.value));
  TB_ASSIGN_OR_RETURN(Statement * stmt,
                      tx->Prepare("SELECT version, recorded_at_us, source, changed_fields "
                                  "FROM notice_versions WHERE notice_id = ? ORDER BY version"));
  stmt->BindInt64(1, id.value);
  std::vector<notices::NoticeVersion> versions;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    notices::NoticeVersion v;
    v.version = static_cast<int>(stmt->Int64(0));
    v.recorded_at = Timestamp::FromMicros(stmt->Int64(1));
    v.source = stmt->Text(2);
    const nlohmann::json fields = nlohmann::json::parse(stmt->Text(3), nullptr, false);
    if (fields.is_array()) {
      for (const auto& f : fields) {
        if (f.is_string()) v.changed_fields.push_back(f.get<std::string>());
      }
    }
    versions.push_back(std::move(v));
  }
  return versions;
}

Result<std::int64_t> SqlNoticeStore::Version(NoticeId id) { return versions_.Version(id); }

Result<std::int64_t> SqlNoticeStore::Count() {
  // COUNT(*) walks a whole index; /health asks on every probe. Every write that adds or
  // removes a notice appends to `changes` in the same transaction (ARCHITECTURE.md §3), so
  // while the newest seq is the one seen at the last count, the count has not changed. Both
  // are read in one transaction, so the pair is consistent.
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * latest, tx->Prepare("SELECT MAX(seq) FROM changes"));
  TB_ASSIGN_OR_RETURN(bool has_row, latest->Step());
  const std::int64_t seq = has_row && !latest->IsNull(0) ? latest->Int64(0) : 0;
  {
    std::lock_guard<std::mutex> lock(count_mu_);
    if (count_seq_ == seq && count_ >= 0) return count_;
  }
  TB_ASSIGN_OR_RETURN(Statement * stmt, tx->Prepare("SELECT COUNT(*) FROM notices"));
  TB_ASSIGN_OR_RETURN(bool row, stmt->Step());
  const std::int64_t count = row ? stmt->Int64(0) : std::int64_t{0};
  std::lock_guard<std::mutex> lock(count_mu_);
  count_seq_ = seq;
  count_ = count;
  return count;
}

}  // namespace tb::storage
