#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/language.h"
#include "core/unspsc.h"

namespace tb::search {

// One UNSPSC title in one language, as the catalogue holds it.
struct UnspscTitle {
  UnspscCode code = *UnspscCode::Parse("10");  // no default code exists; always set
  Language language;
  std::string title;
};

// A code a query names through one of its titles.
struct ExpansionCandidate {
  UnspscCode code = *UnspscCode::Parse("10");  // no default code exists; always set
  Language matched_language;  // language of the title that matched
  std::string matched_title;  // that title
  std::string matched_text;   // the part of the query that matched it
  double score = 0;           // 0..2: higher is a stronger match
};

// Finds the UNSPSC codes a free-text query names, in any language the titles are in, so a
// French or Chinese query can reach English notices through their codes. Implementations
// are immutable after construction and thread-safe.
class UnspscTitleLookup {
 public:
  virtual ~UnspscTitleLookup() = default;

  // The codes whose title the query names, strongest first, at most `limit`. Conservative:
  // a title matches only when the query contains all of its content words (whole-title
  // match), or when the query and the title share most of their words (Chinese: most of
  // their character bigrams). Empty when nothing matches well.
  virtual std::vector<ExpansionCandidate> Match(std::string_view query, int limit) const = 0;

  // The title of `code` in `language`, falling back to English, then to any; empty if the
  // code is unknown.
  virtual std::string TitleOf(UnspscCode code, const Language& language) const = 0;

  // The everyday names (aliases) of `code` in `language`, as given; empty when it has none.
  virtual std::vector<std::string> AliasesOf(UnspscCode code, const Language& language) const = 0;
};

// The lookup over an in-memory list of titles (app/ loads them from the UnspscCatalogue;
// ~20k codes x 4 languages take a few MB). `aliases` (search/unspsc_aliases.h) expand queries
// like titles but are never returned by TitleOf.
std::unique_ptr<UnspscTitleLookup> MakeInMemoryUnspscTitleLookup(
    std::vector<UnspscTitle> titles, std::vector<UnspscTitle> aliases = {});

}  // namespace tb::search
