#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "search/search_types.h"

// Counting facet values, shared by the notice and supplier match spies. Private to search/.
namespace tb::search::internal {

using FacetCounts = std::map<std::string, std::int64_t, std::less<>>;

// Adds one to `value`'s count; empty values are not counted.
void CountValue(std::string_view value, FacetCounts& counts);

// Counts each value of a list joined by kListSeparator.
void CountList(std::string_view joined, FacetCounts& counts);

// The first `max_fields` fields of `record` (fewer when it has fewer), split at
// kRecordSeparator.
std::vector<std::string_view> RecordFields(std::string_view record, std::size_t max_fields);

// The values most frequent first, then by value; at most `limit`.
std::vector<FacetValue> SortedFacet(const FacetCounts& counts, std::size_t limit);

}  // namespace tb::search::internal
