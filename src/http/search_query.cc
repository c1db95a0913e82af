#include "http/search_query.h"

#include <array>

#include "core/money.h"
#include "core/text.h"
#include "core/unspsc.h"

namespace tb::http {
namespace {

constexpr std::array<std::string_view, 24> kParams{
    "q",           "lang",           "agency",       "type",           "country",
    "region",      "unspsc",         "language",     "status",         "closing_within_days",
    "published_from", "published_to", "deadline_from", "deadline_to",  "value_currency",
    "value_min",   "value_max",      "sustainable",  "remove_code",    "expand",
    "sort",        "limit",          "cursor",       "facets",
};

constexpr std::array<std::string_view, 5> kRegions{"africa", "americas", "asia", "europe",
                                                   "oceania"};

Status Bad(std::string_view field, std::string message) {
  return Status::InvalidArgument(std::move(message)).WithField(std::string(field));
}

Result<std::optional<Timestamp>> TimeParam(const QueryParams& params, std::string_view name) {
  TB_ASSIGN_OR_RETURN(std::optional<std::string> text, SingleValue(params, name));
  if (!text) return std::optional<Timestamp>();
  Result<Timestamp> t = Timestamp::FromRfc3339(*text);
  if (!t.ok()) return Bad(name, t.status().message());
  return std::optional<Timestamp>(*t);
}

}  // namespace

std::span<const std::string_view> SearchParamNames() { return kParams; }

Result<search::SearchRequest> ParseSearchQuery(const QueryParams& params, Timestamp now) {
  search::SearchRequest request;
  request.now = now;
  TB_ASSIGN_OR_RETURN(std::optional<std::string> q, SingleValue(params, "q"));
  request.query = q.value_or("");
  TB_ASSIGN_OR_RETURN(std::optional<std::string> lang, SingleValue(params, "lang"));
  request.language = Language::FromTag(lang.value_or("en"));
  if (!request.language.known()) return Bad("lang", "lang must be a language code such as en or zh");

  request.agencies = Values(params, "agency");
  for (const std::string& type : Values(params, "type")) {
    if (!notices::NoticeTypeFromName(type)) return Bad("type", "unknown notice type '" + type + "'");
    request.types.push_back(type);
  }
  for (const std::string& country : Values(params, "country")) {
    if (country.size() != 2) return Bad("country", "country must be an ISO 3166-1 alpha-2 code");
    request.countries.push_back(text::ToUpperAscii(country));
  }
  for (const std::string& region : Values(params, "region")) {
    const std::string lower = text::ToLowerAscii(region);
    if (std::find(kRegions.begin(), kRegions.end(), lower) == kRegions.end()) {
      return Bad("region", "region must be africa, americas, asia, europe or oceania");
    }
    request.regions.push_back(lower);
  }
  for (const std::string& code : Values(params, "unspsc")) {
    if (code.size() > 8 || code.size() % 2 != 0 || !UnspscCode::Parse(code).ok()) {
      return Bad("unspsc", "unspsc must be a UNSPSC code prefix of 2, 4, 6 or 8 digits");
    }
    request.codes.push_back(code);
  }
  for (const std::string& language : Values(params, "language")) {
    const Language parsed = Language::FromTag(language);
    if (!parsed.known()) return Bad("language", "language must be a language code such as fr");
    request.languages.push_back(parsed.code());
  }
  for (const std::string& status : Values(params, "status")) {
    std::optional<search::OpenStatus> parsed = search::OpenStatusFromName(status);
    if (!parsed) return Bad("status", "status must be open, closing or closed");
    request.statuses.push_back(*parsed);
  }
  TB_ASSIGN_OR_RETURN(std::optional<std::string> within, SingleValue(params, "closing_within_days"));
  if (within) {
    TB_ASSIGN_OR_RETURN(request.closing_within_days, ParseInt(*within, 1, 365, "closing_within_days"));
  }
  TB_ASSIGN_OR_RETURN(request.published_from, TimeParam(params, "published_from"));
  TB_ASSIGN_OR_RETURN(request.published_to, TimeParam(params, "published_to"));
  TB_ASSIGN_OR_RETURN(request.deadline_from, TimeParam(params, "deadline_from"));
  TB_ASSIGN_OR_RETURN(request.deadline_to, TimeParam(params, "deadline_to"));

  TB_ASSIGN_OR_RETURN(std::optional<std::string> currency, SingleValue(params, "value_currency"));
  request.value_currency = text::ToUpperAscii(currency.value_or(""));
  for (const auto& [name, bound] :
       {std::pair{"value_min", &request.value_min_minor}, std::pair{"value_max", &request.value_max_minor}}) {
    TB_ASSIGN_OR_RETURN(std::optional<std::string> amount, SingleValue(params, name));
    if (!amount) continue;
    if (request.value_currency.empty()) {
      return Bad("value_currency", "a value range needs value_currency (amounts are not converted)");
    }
    Result<Money> money = Money::FromDecimal(*amount, request.value_currency);
    if (!money.ok()) {
      return Bad(money.status().field() == "currency" ? "value_currency" : name,
                 money.status().message());
    }
    *bound = money->amount_minor;
  }
  TB_ASSIGN_OR_RETURN(std::optional<std::string> sustainable, SingleValue(params, "sustainable"));
  if (sustainable) {
    TB_ASSIGN_OR_RETURN(bool flag, ParseBool(*sustainable, "sustainable"));
    request.sustainable = flag;
  }
  for (const std::string& code : Values(params, "remove_code")) {
    Result<UnspscCode> parsed = UnspscCode::Parse(code);
    if (!parsed.ok()) return Bad("remove_code", "remove_code must be a UNSPSC code");
    request.removed_expansions.push_back(parsed->ToString());
  }
  TB_ASSIGN_OR_RETURN(std::optional<std::string> expand, SingleValue(params, "expand"));
  if (expand) {
    TB_ASSIGN_OR_RETURN(request.expand, ParseBool(*expand, "expand"));
  }
  TB_ASSIGN_OR_RETURN(std::optional<std::string> sort, SingleValue(params, "sort"));
  if (sort) {
    std::optional<search::SortOrder> order = search::SortOrderFromName(*sort);
    if (!order) return Bad("sort", "sort must be relevance, deadline or published");
    request.sort = *order;
  }
  TB_ASSIGN_OR_RETURN(std::optional<std::string> limit, SingleValue(params, "limit"));
  if (limit) {
    TB_ASSIGN_OR_RETURN(request.page_size, ParseInt(*limit, 1, kMaxPageSize, "limit"));
  }
  TB_ASSIGN_OR_RETURN(std::optional<std::string> cursor, SingleValue(params, "cursor"));
  request.cursor = cursor.value_or("");
  TB_ASSIGN_OR_RETURN(std::optional<std::string> facets, SingleValue(params, "facets"));
  if (facets) {
    TB_ASSIGN_OR_RETURN(request.facets, ParseBool(*facets, "facets"));
  }
  return request;
}

}  // namespace tb::http
