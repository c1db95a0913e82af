#include "storage/sql_unspsc_catalogue.h"

#include <algorithm>
#include <memory>

#include "core/text.h"
#include "storage/text_fold.h"

namespace tb::storage {
namespace {

using notices::UnspscEntry;

// Reads the entry for `code` inside `tx`; nullopt when the catalogue does not have it.
Result<std::optional<UnspscEntry>> ReadEntry(Transaction& tx, UnspscCode code) {
  const std::string key = code.ToString();
  TB_ASSIGN_OR_RETURN(Statement * exists, tx.Prepare("SELECT 1 FROM unspsc_codes WHERE code = ?"));
  exists->BindText(1, key);
  TB_ASSIGN_OR_RETURN(bool found, exists->Step());
  if (!found) return std::optional<UnspscEntry>();
  UnspscEntry entry;
  entry.code = code;
  TB_ASSIGN_OR_RETURN(Statement * titles,
                      tx.Prepare("SELECT language, title FROM unspsc_titles WHERE code = ?"));
  titles->BindText(1, key);
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, titles->Step());
    if (!row) break;
    entry.titles[titles->Text(0)] = titles->Text(1);
  }
  return std::optional<UnspscEntry>(std::move(entry));
}

// Escapes LIKE's wildcards with '\'.
std::string EscapeLike(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace

Result<std::int64_t> SqlUnspscCatalogue::UpsertBatch(std::span<const UnspscEntry> entries) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kWrite));
  std::int64_t changed = 0;
  for (const UnspscEntry& entry : entries) {
    const std::string code = entry.code.ToString();
    bool entry_changed = false;
    TB_ASSIGN_OR_RETURN(Statement * insert,
                        tx->Prepare("INSERT INTO unspsc_codes (code, level, parent) VALUES "
                                    "(?, ?, ?) ON CONFLICT (code) DO NOTHING"));
    insert->BindText(1, code).BindInt64(2, static_cast<int>(entry.code.level()));
    if (entry.code.level() == UnspscCode::Level::kSegment) {
      insert->BindNull(3);
    } else {
      insert->BindText(3, entry.code.Parent().ToString());
    }
    TB_RETURN_IF_ERROR(insert->Run());
    entry_changed = insert->ChangedRows() > 0;
    for (const auto& [language, title] : entry.titles) {
      const std::string_view trimmed = text::Trim(title);
      if (language.empty() || trimmed.empty()) continue;
      TB_ASSIGN_OR_RETURN(Statement * current,
                          tx->Prepare("SELECT title FROM unspsc_titles WHERE code = ? AND "
                                      "language = ?"));
      current->BindText(1, code).BindText(2, language);
      TB_ASSIGN_OR_RETURN(bool found, current->Step());
      if (found && current->Text(0) == trimmed) continue;
      TB_ASSIGN_OR_RETURN(
          Statement * upsert,
          tx->Prepare("INSERT INTO unspsc_titles (code, language, title, title_folded) "
                      "VALUES (?, ?, ?, ?) ON CONFLICT (code, language) DO UPDATE SET "
                      "title = excluded.title, title_folded = excluded.title_folded"));
      upsert->BindText(1, code).BindText(2, language).BindText(3, trimmed).BindText(
          4, FoldWords(trimmed));
      TB_RETURN_IF_ERROR(upsert->Run());
      entry_changed = true;
    }
    if (entry_changed) ++changed;
  }
  TB_RETURN_IF_ERROR(tx->Commit());
  return changed;
}

Result<UnspscEntry> SqlUnspscCatalogue::Get(UnspscCode code) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(std::optional<UnspscEntry> entry, ReadEntry(*tx, code));
  if (!entry) return Status::NotFound("UNSPSC code " + code.ToString() + " is not known");
  return *std::move(entry);
}

Result<std::vector<UnspscEntry>> SqlUnspscCatalogue::GetMany(std::span<const UnspscCode> codes) {
  std::vector<UnspscCode> sorted(codes.begin(), codes.end());
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::vector<UnspscEntry> out;
  if (sorted.empty()) return out;
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  for (UnspscCode code : sorted) {
    TB_ASSIGN_OR_RETURN(std::optional<UnspscEntry> entry, ReadEntry(*tx, code));
    if (entry) out.push_back(*std::move(entry));
  }
  return out;
}

Result<std::vector<UnspscEntry>> SqlUnspscCatalogue::FindByTitlePrefix(std::string_view prefix,
                                                                       const Language& language,
                                                                       int limit) {
  if (limit < 1 || limit > 50) {
    return Status::InvalidArgument("limit must be between 1 and 50").WithField("limit");
  }
  std::vector<UnspscEntry> out;
  // The folded words of the prefix, joined as the stored titles are: " equipement de".
  const std::string words = FoldWords(prefix);
  if (words.empty()) return out;
  const std::string pattern = HasCjk(prefix) ? "%" + EscapeLike(words.substr(1)) + "%"
                                             : "%" + EscapeLike(words) + "%";
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(
      Statement * stmt,
      tx->Prepare("SELECT c.code FROM unspsc_titles t JOIN unspsc_codes c ON c.code = t.code "
                  "WHERE t.language = ? AND t.title_folded LIKE ? ESCAPE '\\' "
                  "ORDER BY c.level, c.code LIMIT ?"));
  stmt->BindText(1, language.known() ? language.code() : "en").BindText(2, pattern).BindInt64(
      3, limit);
  std::vector<UnspscCode> codes;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    Result<UnspscCode> code = UnspscCode::Parse(stmt->Text(0));
    if (code.ok()) codes.push_back(*code);
  }
  for (UnspscCode code : codes) {
    TB_ASSIGN_OR_RETURN(std::optional<UnspscEntry> entry, ReadEntry(*tx, code));
    if (entry) out.push_back(*std::move(entry));
  }
  return out;
}

Result<std::vector<UnspscEntry>> SqlUnspscCatalogue::All() {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  // One pass over the titles in code order; codes without titles are still listed.
  TB_ASSIGN_OR_RETURN(Statement * stmt,
                      tx->Prepare("SELECT c.code, t.language, t.title FROM unspsc_codes c "
                                  "LEFT JOIN unspsc_titles t ON t.code = c.code "
                                  "ORDER BY c.code, t.language"));
  std::vector<UnspscEntry> out;
  while (true) {
    TB_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    const std::string code_text = stmt->Text(0);
    if (out.empty() || out.back().code.ToString() != code_text) {
      Result<UnspscCode> code = UnspscCode::Parse(code_text);
      if (!code.ok()) continue;  // the table only holds parsed codes; skip rather than fail
      out.push_back(UnspscEntry{*code, {}});
    }
    if (!stmt->IsNull(1)) out.back().titles[stmt->Text(1)] = stmt->Text(2);
  }
  return out;
}

Result<std::int64_t> SqlUnspscCatalogue::Count() {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * stmt, tx->Prepare("SELECT COUNT(*) FROM unspsc_codes"));
  TB_ASSIGN_OR_RETURN(bool row, stmt->Step());
  return row ? stmt->Int64(0) : std::int64_t{0};
}

}  // namespace tb::storage
