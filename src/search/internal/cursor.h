#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "search/search_types.h"

// Page cursors (docs/search.md, "Cursors"). Private to search/.
namespace tb::search::internal {

struct Cursor {
  SortOrder sort = SortOrder::kRelevance;
  // Relevance: position of the next match, and the weight and docid of the last one shown.
  std::int64_t offset = 0;
  double weight = 0;
  // Value sorts: the sort value (serialised) of the last match shown.
  std::string value;
  std::uint32_t docid = 0;
};

// An opaque, URL-safe token.
std::string EncodeCursor(const Cursor& cursor);
// InvalidArgument (field "cursor") for anything EncodeCursor did not make.
Result<Cursor> DecodeCursor(std::string_view token);

}  // namespace tb::search::internal
