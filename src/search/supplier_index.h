#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/language.h"
#include "core/result.h"
#include "core/unspsc.h"
#include "search/search_types.h"

namespace tb::search {

class UnspscTitleLookup;

// One supplier as the directory finds and lists it. app/ fills it from the supplier profile;
// it holds only what a directory reader may see: no contacts, numbers, owners, references or
// financial data, so the index cannot leak them.
struct SupplierDocument {
  SupplierId id;
  std::string legal_name;        // as registered, in its own script
  std::string legal_name_latin;  // the same in Latin script
  std::vector<std::string> trading_names;
  std::string description;        // free text about what the supplier offers; may be empty
  std::vector<UnspscCode> codes;  // at any depth
  std::string country;            // address country, ISO 3166-1 alpha-2
  std::vector<std::string> countries_of_operation;
  std::string size;  // OCDS partyScale: "micro", "small", "medium", "large"; empty = not given
  std::optional<bool> sme;
  bool women_owned = false;
  bool disability_inclusive = false;
  std::vector<std::string> certificates;  // certificate types: "iso_9001", ...
  int readiness_level = 0;                // ordered: 0 none, 1 basic, 2 level 1, 3 level 2
  std::string review_state;               // "draft", "submitted", ..., "registered"
  bool operator==(const SupplierDocument&) const = default;
};

// One `changes` entry for the supplier index: the supplier as it is now, or its removal.
struct SupplierChange {
  enum class Op { kUpsert, kDelete };
  std::int64_t seq = 0;
  Op op = Op::kUpsert;
  SupplierId id;
  std::optional<SupplierDocument> document;  // required for kUpsert; document->id == id

  static SupplierChange Upsert(std::int64_t seq, SupplierDocument document) {
    SupplierChange c;
    c.seq = seq;
    c.id = document.id;
    c.document = std::move(document);
    return c;
  }
  static SupplierChange Delete(std::int64_t seq, SupplierId id) {
    SupplierChange c;
    c.seq = seq;
    c.op = Op::kDelete;
    c.id = id;
    return c;
  }
};

// A directory search. Lists are OR within themselves and AND with the others; empty or unset
// means no filter.
struct SupplierQuery {
  // Words of the names, the description and the English titles of the codes; the last word
  // also as a word prefix. Any bytes are accepted (cleaned and cut to kMaxQueryBytes).
  std::string text;
  Language language;   // the reader's: stemming and which UNSPSC titles may expand the text
  bool expand = true;  // cross-language expansion through UNSPSC titles
  std::vector<std::string> removed_expansions;  // codes or prefixes the reader removed

  // UNSPSC codes at any depth ("43", "43211503"): a supplier listing a code under one of
  // them, or a broader code containing it (a supplier of class 432115 offers 43211503).
  std::vector<UnspscCode> codes;
  std::vector<std::string> countries;     // address country or a country of operation
  std::vector<std::string> sizes;         // "micro", "small", "medium", "large"
  std::vector<std::string> certificates;  // certificate types
  std::vector<std::string> review_states;
  std::optional<bool> women_owned;
  std::optional<bool> disability_inclusive;
  std::optional<bool> sme;
  std::optional<int> min_readiness_level;  // reached at least this level (0..3)

  // Results are ordered by folded name (the Latin name when there is one), then supplier id.
  SupplierId after;    // cursor: continue after this supplier (invalid for the first page)
  int page_size = 20;  // 1..100
};

// Exact counts over every supplier the query matches (the cursor aside), most frequent
// first. Values: country and size as indexed, women_owned "true"/"false", certificate types,
// level the readiness rank as a decimal ("0".."3").
struct SupplierFacets {
  std::vector<FacetValue> country, size, women_owned, certificate, level;
};

struct SupplierSearchResponse {
  std::vector<SupplierDocument> hits;  // as indexed
  std::int64_t total = 0;              // every match, exact
  SupplierFacets facets;
  std::vector<Expansion> expansions;
  bool query_reinterpreted = false;  // the text could not be parsed and was read as words
  bool query_truncated = false;      // longer than kMaxQueryBytes; the rest was ignored
  SupplierId next;                   // the cursor of the next page; invalid on the last page
};

// The supplier directory's full-text index, a projection of the `changes` log like
// SearchIndex (docs/search.md, "Supplier directory"). Thread-safe: any number of concurrent
// searches and one applier; a search sees the latest committed batch.
class SupplierIndex {
 public:
  virtual ~SupplierIndex() = default;

  // Applies `changes` (increasing seq, each <= `through_seq`) and records `through_seq` as
  // applied, in one commit: the log was read up to it, and changes of other entities in
  // between have nothing to index. Changes with seq <= LastAppliedSeq() are skipped; a
  // `through_seq` at or below it changes nothing. InvalidArgument for seqs out of order or
  // above `through_seq`, or an upsert without its document (nothing written); Unavailable
  // on a Xapian failure (nothing written; retry).
  virtual Result<ApplyReport> Apply(std::span<const SupplierChange> changes,
                                    std::int64_t through_seq) = 0;

  // The seq recorded by the last Apply; 0 for an empty index.
  virtual Result<std::int64_t> LastAppliedSeq() = 0;

  // Never fails on the text. InvalidArgument (field "cursor") when `after` names a supplier
  // the index does not hold; Unavailable when the index cannot be read.
  virtual Result<SupplierSearchResponse> Search(const SupplierQuery& query) = 0;

  // Removes every supplier and resets LastAppliedSeq() to 0 in one commit (reindex).
  virtual Status Clear() = 0;

  virtual Result<std::int64_t> DocumentCount() = 0;
};

struct SupplierIndexOptions {
  std::string path;  // directory of the Xapian database; created when missing
  // Titles of the suppliers' codes to index and for cross-language expansion. Optional;
  // must outlive the index.
  const UnspscTitleLookup* titles = nullptr;
};

// Opens (creating if needed) the index at options.path. Unavailable when another process
// holds it; Internal for a corrupt or unreadable database.
Result<std::unique_ptr<SupplierIndex>> OpenXapianSupplierIndex(const SupplierIndexOptions& options);

}  // namespace tb::search
