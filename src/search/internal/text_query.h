#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/language.h"
#include "search/search_types.h"

namespace tb::search {
class UnspscTitleLookup;
}

// The free-text part of a query, shared by the notice and supplier indexes: Chinese
// segmentation, elisions, Xapian's parser with fallbacks, and the cross-language expansion
// through UNSPSC titles (docs/search.md). Private to search/.
namespace tb::search::internal {

struct TextQueryOptions {
  const UnspscTitleLookup* titles = nullptr;  // null: no expansion
  bool expand = true;
  // Codes or prefixes (as reported in Expansion) the user removed from the expansion.
  const std::vector<std::string>* removed_expansions = nullptr;
  // When set, the last word also matches as a word prefix ("solar pum" finds "pumps"):
  // Xapian expands it over this database's terms, so the query is only valid on it.
  const Xapian::Database* partial_words_of = nullptr;
};

struct TextQuery {
  Xapian::Query query;  // empty when the text has no words and expanded to nothing
  std::vector<Expansion> expansions;
  bool reinterpreted = false;  // the text could not be parsed and was read as plain words
};

// The OR of `queries`; the one query itself when there is one, an empty query for none.
Xapian::Query AnyOf(std::vector<Xapian::Query> queries);

// `text` is clean (CleanText) and holds no field filters; `stemmer` is the language's. Never
// fails: a text Xapian cannot parse is read as words, and failing that as its terms OR'ed.
// Expansions OR the code-prefix terms (`code_prefix` + "4321") of at most 5 codes whose
// title the text names in `language`, English, or Chinese for Han text.
TextQuery BuildTextQuery(std::string_view text, const Language& language,
                         const Xapian::Stem& stemmer, std::string_view code_prefix,
                         const TextQueryOptions& options);

}  // namespace tb::search::internal
