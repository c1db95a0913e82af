#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "core/result.h"
#include "search/search_types.h"

namespace tb::search {
class UnspscTitleLookup;
}

// Turns a SearchRequest into a Xapian query. Private to search/.
namespace tb::search::internal {

// The field prefixes a query may carry ("agency:UNDP", "-country:KE", "NOT type:rfq",
// agency:"UN Women"), taken out of the text before it is parsed and applied as filters.
struct FieldFilter {
  std::string field;  // agency, type, country, region, code, lang, status, sustainable
  std::string value;
  bool exclude = false;
};

struct SplitQuery {
  std::string text;  // what is left for the query parser
  std::vector<FieldFilter> filters;
};
SplitQuery SplitFieldFilters(std::string_view query);

struct BuiltQuery {
  Xapian::Query query;  // text (+ expansion), filtered; MatchAll when there is nothing
  Xapian::Stem stemmer;  // the stemmer the text was parsed with (for snippets)
  std::vector<Expansion> expansions;
  bool reinterpreted = false;
  bool truncated = false;
};

// Never fails on query text. InvalidArgument only for structured request fields (a value
// range without currency). `titles` may be null (no expansion).
Result<BuiltQuery> BuildQuery(const SearchRequest& request, const UnspscTitleLookup* titles);

// The filter of the request's status list at `now` (used by the query and by tests).
Xapian::Query StatusQuery(OpenStatus status, Timestamp now, int closing_within_days);

}  // namespace tb::search::internal
