// SqlSupplierStore::SearchDirectory: the supplier directory's filters and facet counts in SQL
// (a Xapian projection can take over when the directory needs ranking).
#include <memory>
#include <variant>

#include "core/text.h"
#include "storage/sql_supplier_store.h"
#include "storage/text_fold.h"

namespace tb::storage {
namespace {

using Param = std::variant<std::int64_t, std::string>;

// A WHERE clause assembled from fixed fragments; every value is a bound parameter (AS-22).
struct Where {
  std::string sql = " WHERE 1 = 1";
  std::vector<Param> params;

  void Add(std::string_view fragment, std::vector<Param> values) {
    sql += " AND ";
    sql += fragment;
    for (Param& v : values) params.push_back(std::move(v));
  }
};

// Escapes LIKE's wildcards so that user text matches literally ("100%" is not a pattern).
std::string EscapeLike(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

Where Filters(const suppliers::DirectoryQuery& q) {
  Where w;
  const std::string folded = FoldWords(q.text);  // outlives the views Split returns
  for (std::string_view word : text::Split(folded, ' ')) {
    if (word.empty()) continue;
    // Han and kana titles have no spaces between words: match anywhere, not at word starts.
    const std::string pattern =
        HasCjk(word) ? "%" + EscapeLike(word) + "%" : "% " + EscapeLike(word) + "%";
    w.Add("s.names_folded LIKE ? ESCAPE '\\'", {pattern});
  }
  if (q.code) {
    // A supplier listing a code under the one asked for matches (asked 43, listed 43211503),
    // and so does one listing a broader code that contains it (asked 43211503, listed 4321).
    std::vector<Param> values = {EscapeLike(q.code->Prefix()) + "%"};
    UnspscCode up = *q.code;
    for (int i = 0; i < 3; ++i) {
      up = up.Parent();
      values.push_back(up.ToString());
    }
    w.Add(
        "EXISTS (SELECT 1 FROM supplier_unspsc u WHERE u.supplier_id = s.id AND "
        "(u.code LIKE ? ESCAPE '\\' OR u.code IN (?, ?, ?)))",
        std::move(values));
  }
  if (!q.country.empty()) {
    w.Add(
        "EXISTS (SELECT 1 FROM supplier_countries c WHERE c.supplier_id = s.id AND c.country = ?)",
        {q.country});
  }
  if (q.size) w.Add("s.party_scale = ?", {std::string(suppliers::PartyScaleName(*q.size))});
  if (q.women_owned) w.Add("s.women_owned = ?", {std::int64_t{*q.women_owned ? 1 : 0}});
  if (!q.certificate.empty()) {
    w.Add(
        "EXISTS (SELECT 1 FROM supplier_certificates t WHERE t.supplier_id = s.id AND t.type = ?)",
        {q.certificate});
  }
  if (q.level) w.Add("s.readiness_level >= ?", {static_cast<std::int64_t>(*q.level)});
  return w;
}

void BindAll(Statement& s, const std::vector<Param>& params, int first = 1) {
  for (std::size_t i = 0; i < params.size(); ++i) {
    const int index = first + static_cast<int>(i);
    if (const auto* n = std::get_if<std::int64_t>(&params[i])) {
      s.BindInt64(index, *n);
    } else {
      s.BindText(index, std::get<std::string>(params[i]));
    }
  }
}

// Counts per value of `column` over the matching suppliers.
Result<std::map<std::string, std::int64_t>> Facet(Transaction& tx, const Where& w,
                                                  std::string_view from_and_column) {
  TB_ASSIGN_OR_RETURN(Statement * s,
                      tx.Prepare("SELECT " + std::string(from_and_column) + w.sql + " GROUP BY 1"));
  BindAll(*s, w.params);
  std::map<std::string, std::int64_t> counts;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    counts[s->Text(0)] = s->Int64(1);
  }
  return counts;
}

}  // namespace

Result<suppliers::DirectoryPage> SqlSupplierStore::SearchDirectory(
    const suppliers::DirectoryQuery& q) {
  if (q.limit < 1 || q.limit > 100)
    return Status::InvalidArgument("limit must be 1..100").WithField("limit");
  const Where w = Filters(q);
  TB_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> tx, db_.Begin(TxMode::kRead));
  suppliers::DirectoryPage page;

  TB_ASSIGN_OR_RETURN(Statement * count, tx->Prepare("SELECT COUNT(*) FROM suppliers s" + w.sql));
  BindAll(*count, w.params);
  TB_ASSIGN_OR_RETURN(bool counted, count->Step());
  page.total = counted ? count->Int64(0) : 0;

  Where paged = w;
  if (q.after.valid()) {
    TB_ASSIGN_OR_RETURN(Statement * cursor,
                        tx->Prepare("SELECT sort_name FROM suppliers WHERE id = ?"));
    cursor->BindInt64(1, q.after.value);
    TB_ASSIGN_OR_RETURN(bool found, cursor->Step());
    if (!found) return Status::InvalidArgument("the cursor names no supplier").WithField("cursor");
    const std::string name = cursor->Text(0);
    paged.Add("(s.sort_name > ? OR (s.sort_name = ? AND s.id > ?))", {name, name, q.after.value});
  }
  TB_ASSIGN_OR_RETURN(Statement * list,
                      tx->Prepare("SELECT s.id, s.legal_name, s.legal_name_latin, s.country, "
                                  "s.party_scale, s.women_owned, s.readiness_level, s.state "
                                  "FROM suppliers s" +
                                  paged.sql + " ORDER BY s.sort_name, s.id LIMIT ?"));
  BindAll(*list, paged.params);
  list->BindInt64(static_cast<int>(paged.params.size()) + 1, q.limit + 1);
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, list->Step());
    if (!row) break;
    if (static_cast<int>(page.entries.size()) == q.limit) {
      page.next = page.entries.back().id;
      break;
    }
    suppliers::DirectoryEntry e;
    e.id = SupplierId{list->Int64(0)};
    e.legal_name = list->Text(1);
    e.legal_name_latin = list->Text(2);
    e.country = list->Text(3);
    e.party_scale = suppliers::ParsePartyScale(list->Text(4));
    e.women_owned = list->Int64(5) != 0;
    e.level = static_cast<suppliers::UngmLevel>(list->Int64(6));
    e.state = suppliers::ParseReviewState(list->Text(7)).value_or(suppliers::ReviewState::kDraft);
    page.entries.push_back(std::move(e));
  }

  TB_ASSIGN_OR_RETURN(page.facets["country"],
                      Facet(*tx, w, "s.country, COUNT(*) FROM suppliers s"));
  TB_ASSIGN_OR_RETURN(page.facets["size"],
                      Facet(*tx, w, "s.party_scale, COUNT(*) FROM suppliers s"));
  using Counts = std::map<std::string, std::int64_t>;
  TB_ASSIGN_OR_RETURN(Counts women,
                      Facet(*tx, w, "CAST(s.women_owned AS TEXT), COUNT(*) FROM suppliers s"));
  for (const auto& [value, n] : women)
    page.facets["women_owned"][value == "1" ? "true" : "false"] = n;
  TB_ASSIGN_OR_RETURN(Counts levels,
                      Facet(*tx, w, "CAST(s.readiness_level AS TEXT), COUNT(*) FROM suppliers s"));
  for (const auto& [value, n] : levels) {
    const int level = value.empty() ? 0 : std::stoi(value);
    page.facets["level"]
               [std::string(suppliers::UngmLevelName(static_cast<suppliers::UngmLevel>(level)))] =
        n;
  }
  TB_ASSIGN_OR_RETURN(page.facets["certificate"],
                      Facet(*tx, w,
                            "t2.type, COUNT(*) FROM suppliers s JOIN supplier_certificates t2 "
                            "ON t2.supplier_id = s.id"));
  page.facets["size"].erase("");
  page.facets["country"].erase("");
  return page;
}

}  // namespace tb::storage
