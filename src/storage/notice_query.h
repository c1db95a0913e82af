#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/result.h"
#include "notices/notice_store.h"

namespace tb::storage {

// A bound parameter of a generated query.
using SqlParam = std::variant<std::int64_t, std::string>;

// The WHERE clause (without "WHERE", "1 = 1" when nothing filters) for `filter` over
// `notices n`, and its parameters in order. InvalidArgument for a malformed UNSPSC prefix
// (field "unspsc") or country (field "country").
struct SqlCondition {
  std::string sql;
  std::vector<SqlParam> params;
};
Result<SqlCondition> NoticeFilterCondition(const notices::NoticeFilter& filter, Timestamp now);

// The keyset position a page ends at: the order's sort key and the notice id.
struct NoticeCursor {
  notices::NoticeOrder order = notices::NoticeOrder::kNewest;
  std::int64_t key = 0;
  std::int64_t id = 0;
};

// Opaque base64url text for a cursor, and back. DecodeCursor refuses text it did not make
// and a cursor of another order: InvalidArgument with field "cursor".
std::string EncodeCursor(const NoticeCursor& cursor);
Result<NoticeCursor> DecodeCursor(std::string_view text, notices::NoticeOrder expected);

}  // namespace tb::storage
