// GET /api/v1/directory/suppliers: the supplier directory for agency officers and centre
// staff (docs/accounts.md). Filters and facets are SupplierService::SearchDirectory's.
#include <charconv>
#include <nlohmann/json.hpp>
#include <string>

#include "http/problem.h"
#include "http/query.h"
#include "http/routes.h"
#include "http/supplier_route_support.h"
#include "suppliers/supplier_service.h"

namespace tb::http {
namespace {

using nlohmann::json;

constexpr std::string_view kDirectoryParams[] = {
    "q", "code", "country", "size", "women_owned", "certificate", "level", "cursor", "limit"};

Result<suppliers::DirectoryQuery> ParseDirectoryQuery(const QueryParams& params) {
  suppliers::DirectoryQuery query;
  TB_ASSIGN_OR_RETURN(std::optional<std::string> q, SingleValue(params, "q"));
  if (q) query.text = *q;
  TB_ASSIGN_OR_RETURN(std::optional<std::string> code, SingleValue(params, "code"));
  if (code && !code->empty()) {
    Result<UnspscCode> parsed = UnspscCode::Parse(*code);
    if (!parsed.ok()) return Status::InvalidArgument(parsed.status().message()).WithField("code");
    query.code = *parsed;
  }
  TB_ASSIGN_OR_RETURN(std::optional<std::string> country, SingleValue(params, "country"));
  if (country) {
    query.country = *country;
    for (char& c : query.country)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  TB_ASSIGN_OR_RETURN(std::optional<std::string> size, SingleValue(params, "size"));
  if (size && !size->empty()) {
    query.size = suppliers::ParsePartyScale(*size);
    if (!query.size) {
      return Status::InvalidArgument("size must be micro, small, medium or large")
          .WithField("size");
    }
  }
  TB_ASSIGN_OR_RETURN(std::optional<std::string> women_owned, SingleValue(params, "women_owned"));
  if (women_owned && !women_owned->empty()) {
    TB_ASSIGN_OR_RETURN(query.women_owned, ParseBool(*women_owned, "women_owned"));
  }
  TB_ASSIGN_OR_RETURN(std::optional<std::string> certificate, SingleValue(params, "certificate"));
  if (certificate) query.certificate = *certificate;
  TB_ASSIGN_OR_RETURN(std::optional<std::string> level, SingleValue(params, "level"));
  if (level && !level->empty()) {
    query.level = suppliers::ParseUngmLevel(*level);
    if (!query.level) {
      return Status::InvalidArgument("level must be none, basic, level_1 or level_2")
          .WithField("level");
    }
  }
  TB_ASSIGN_OR_RETURN(std::optional<std::string> cursor, SingleValue(params, "cursor"));
  if (cursor && !cursor->empty()) {
    std::int64_t after = 0;
    const auto [end, error] =
        std::from_chars(cursor->data(), cursor->data() + cursor->size(), after);
    if (error != std::errc() || end != cursor->data() + cursor->size() || after <= 0) {
      return Status::InvalidArgument("cursor must be the next_cursor of a previous page")
          .WithField("cursor");
    }
    query.after = SupplierId{after};
  }
  TB_ASSIGN_OR_RETURN(std::optional<std::string> limit, SingleValue(params, "limit"));
  if (limit && !limit->empty()) {
    TB_ASSIGN_OR_RETURN(query.limit, ParseInt(*limit, 1, 100, "limit"));
  }
  return query;
}

json FacetJson(const std::map<std::string, std::int64_t>& counts) {
  json values = json::array();
  for (const auto& [value, count] : counts) values.push_back({{"value", value}, {"count", count}});
  // Largest first, as a facet list is read; ties keep the value order.
  std::stable_sort(values.begin(), values.end(), [](const json& a, const json& b) {
    return a["count"].get<std::int64_t>() > b["count"].get<std::int64_t>();
  });
  return values;
}

}  // namespace

Response SearchSupplierDirectory(const Request& request, const PathParams&,
                                 const auth::Actor& actor, RouteContext& context) {
  if (context.deps.suppliers == nullptr) return internal::SuppliersUnavailable(request);
  Result<QueryParams> params = ParseQuery(request.query);
  if (!params.ok()) return ProblemResponse(params.status(), request.path, 400);
  if (Status known = CheckKnownParams(*params, kDirectoryParams); !known.ok()) {
    return ProblemResponse(known, request.path, 400);
  }
  Result<suppliers::DirectoryQuery> query = ParseDirectoryQuery(*params);
  if (!query.ok()) return ProblemResponse(query.status(), request.path);
  Result<suppliers::DirectoryPage> page = context.deps.suppliers->SearchDirectory(actor, *query);
  if (!page.ok()) return internal::SupplierProblem(page.status(), request, actor, context);
  json items = json::array();
  for (const suppliers::DirectoryEntry& e : page->entries) {
    items.push_back(
        {{"id", e.id.value},
         {"legal_name", e.legal_name},
         {"legal_name_latin", e.legal_name_latin},
         {"country", e.country},
         {"size", e.party_scale ? json(suppliers::PartyScaleName(*e.party_scale)) : json(nullptr)},
         {"women_owned", e.women_owned},
         {"readiness_level", suppliers::UngmLevelName(e.level)},
         {"state", suppliers::ReviewStateName(e.state)}});
  }
  json facets = json::object();
  for (const auto& [name, counts] : page->facets) facets[name] = FacetJson(counts);
  json body = {
      {"items", std::move(items)},
      {"total", page->total},
      {"facets", std::move(facets)},
      {"next_cursor", page->next.valid() ? json(std::to_string(page->next.value)) : json(nullptr)}};
  return JsonResponse(DumpJson(body));
}

}  // namespace tb::http
