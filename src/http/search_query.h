#pragma once

#include "core/result.h"
#include "http/query.h"
#include "search/search_types.h"

namespace tb::http {

// Validates GET /api/v1/search/notices parameters (docs/api.md) into a search request: q,
// lang, agency, type, country, region, unspsc, language, status, closing_within_days,
// published_from/to, deadline_from/to, value_currency, value_min, value_max, sustainable,
// remove_code, expand, sort, limit, cursor, facets. Repeated filters mean "any of".
// InvalidArgument names the parameter as the field. `now` sets the request's clock.
Result<search::SearchRequest> ParseSearchQuery(const QueryParams& params, Timestamp now);

// The parameter names ParseSearchQuery understands.
std::span<const std::string_view> SearchParamNames();

}  // namespace tb::http
