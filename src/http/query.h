#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "notices/notice_store.h"

namespace tb::http {

// Decoded query parameters in order; a repeated name appears once per value.
using QueryParams = std::vector<std::pair<std::string, std::string>>;

// Decodes %XX escapes (and '+' as a space when `plus_is_space`, as in query strings).
// InvalidArgument for a broken escape or a decoded NUL byte.
Result<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// Splits and decodes "a=1&b=x%20y&a=2". A name without '=' has an empty value.
// InvalidArgument (400: unparsable) for broken escapes.
Result<QueryParams> ParseQuery(std::string_view query);

// InvalidArgument naming the first parameter that is not in `known` as its field, so a typo
// ("buyr=") is refused instead of silently listing everything. The handlers answer it 400.
Status CheckKnownParams(const QueryParams& params, std::span<const std::string_view> known);

// Every non-empty value of `name`. Empty values ("?buyer=" from a cleared form field) are
// treated as absent.
std::vector<std::string> Values(const QueryParams& params, std::string_view name);

// The one value of `name`, nullopt when absent; InvalidArgument (field = name) when given
// more than once.
Result<std::optional<std::string>> SingleValue(const QueryParams& params, std::string_view name);

// A strict boolean: "true" or "false". InvalidArgument (field = name) otherwise.
Result<bool> ParseBool(std::string_view text, std::string_view name);

// A strict decimal integer within [min, max]. InvalidArgument (field = name) otherwise.
Result<int> ParseInt(std::string_view text, int min, int max, std::string_view name);

// GET /api/v1/notices parameters after validation.
struct NoticeListQuery {
  notices::NoticeFilter filter;
  notices::NoticeOrder order = notices::NoticeOrder::kNewest;
  notices::PageRequest page;
};

inline constexpr int kDefaultPageSize = 20;
inline constexpr int kMaxPageSize = 100;

// Validates the list parameters (docs/api.md): buyer, type, country, unspsc, status, open,
// published_from/to, deadline_from/to, source, order, limit, cursor. Repeated filters mean
// "any of". InvalidArgument names the parameter as the field; unknown parameters are not
// checked here (CheckKnownParams).
Result<NoticeListQuery> ParseNoticeListQuery(const QueryParams& params);

// The parameter names ParseNoticeListQuery understands.
std::span<const std::string_view> NoticeListParamNames();

}  // namespace tb::http
