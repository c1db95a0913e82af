// The supplier routes of docs/accounts.md: profile (GET, PATCH as a JSON merge patch),
// readiness, the centre's review, the history and the UNGM export. The object checks
// (AS-14) are SupplierService's: a supplier the actor may not read answers exactly like a
// missing one.
#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http/json_body.h"
#include "http/problem.h"
#include "http/query.h"
#include "http/response_filters.h"
#include "http/routes.h"
#include "http/supplier_route_support.h"
#include "suppliers/profile_json.h"
#include "suppliers/readiness.h"
#include "suppliers/review.h"
#include "suppliers/supplier_service.h"
#include "suppliers/ungm_export.h"

namespace tb::http {
namespace {

using internal::CallCreatingOwnSupplier;
using internal::SupplierProblem;
using nlohmann::json;

suppliers::SupplierService& Suppliers(RouteContext& context) { return *context.deps.suppliers; }

// "v<version>-<lang>": the version is what If-Match carries back; the language is part of
// the tag because the code titles in the body are in the reader's language.
std::string ProfileEtag(const suppliers::SupplierRecord& record, const Language& language) {
  return "\"v" + std::to_string(record.version) + "-" + language.code() + "\"";
}

Response ProfileResponse(const suppliers::SupplierRecord& record, const Language& language,
                         RouteContext& context) {
  Response response = JsonResponse(DumpJson(
      suppliers::RecordToJson(record, Suppliers(context).CodeTitles(record.profile, language))));
  response.SetHeader("ETag", ProfileEtag(record, language));
  return response;
}

// The weight of `type` in an Accept header: the most specific matching range wins
// (text/plain over text/* over */*); 0 when nothing matches.
double AcceptQuality(std::string_view accept, std::string_view type) {
  const std::string_view major = type.substr(0, type.find('/'));
  int best_specificity = -1;
  double best = 0;
  while (!accept.empty()) {
    const std::size_t comma = accept.find(',');
    std::string_view member = accept.substr(0, comma);
    const std::size_t semicolon = member.find(';');
    std::string_view range = member.substr(0, semicolon);
    while (!range.empty() && range.front() == ' ') range.remove_prefix(1);
    while (!range.empty() && range.back() == ' ') range.remove_suffix(1);
    int specificity = -1;
    if (EqualsIgnoreCase(range, type)) {
      specificity = 2;
    } else if (range.size() == major.size() + 2 &&
               EqualsIgnoreCase(range.substr(0, major.size()), major) &&
               range.substr(major.size()) == "/*") {
      specificity = 1;
    } else if (range == "*/*") {
      specificity = 0;
    }
    if (specificity > best_specificity) {
      double q = 1;
      if (semicolon != std::string_view::npos) {
        const std::string_view parameters = member.substr(semicolon + 1);
        const std::size_t at = parameters.find("q=");
        if (at != std::string_view::npos)
          q = std::atof(std::string(parameters.substr(at + 2)).c_str());
      }
      best_specificity = specificity;
      best = q;
    }
    if (comma == std::string_view::npos) break;
    accept.remove_prefix(comma + 1);
  }
  return best;
}

constexpr BodyField kReviewFields[] = {
    {"action", FieldType::kString, true},
    {"comment", FieldType::kString},
    {"ungm_number", FieldType::kString},
};

}  // namespace

Response GetSupplierProfile(const Request& request, const PathParams& path_params,
                            const auth::Actor& actor, RouteContext& context) {
  if (context.deps.suppliers == nullptr) return internal::SuppliersUnavailable(request);
  Result<QueryParams> params = ParseQuery(request.query);
  if (!params.ok()) return ProblemResponse(params.status(), request.path, 400);
  Result<Language> language = internal::ReaderLanguage(request, *params);
  if (!language.ok()) return ProblemResponse(language.status(), request.path);
  Result<SupplierId> id = internal::ParseSupplierId(path_params.at(0));
  if (!id.ok()) return ServiceProblem(id.status(), request);
  Result<suppliers::SupplierRecord> record = CallCreatingOwnSupplier(
      actor, *id, context, [&] { return Suppliers(context).GetProfile(actor, *id); });
  if (!record.ok()) return SupplierProblem(record.status(), request, actor, context);
  return ProfileResponse(*record, *language, context);
}

Response PatchSupplierProfile(const Request& request, const PathParams& path_params,
                              const auth::Actor& actor, RouteContext& context) {
  if (context.deps.suppliers == nullptr) return internal::SuppliersUnavailable(request);
  Result<QueryParams> params = ParseQuery(request.query);
  if (!params.ok()) return ProblemResponse(params.status(), request.path, 400);
  Result<Language> language = internal::ReaderLanguage(request, *params);
  if (!language.ok()) return ProblemResponse(language.status(), request.path);
  Result<SupplierId> id = internal::ParseSupplierId(path_params.at(0));
  if (!id.ok()) return ServiceProblem(id.status(), request);
  json patch;
  if (auto problem = ReadJsonObject(request, patch, "application/merge-patch+json")) {
    return *problem;
  }
  Result<std::optional<std::int64_t>> expected = IfMatchVersion(request, "profile");
  if (!expected.ok()) return ProblemResponse(expected.status(), request.path, 400);
  Result<suppliers::SupplierRecord> record = CallCreatingOwnSupplier(actor, *id, context, [&] {
    return Suppliers(context).PatchProfile(actor, *id, patch, *expected);
  });
  if (!record.ok()) return SupplierProblem(record.status(), request, actor, context);
  return ProfileResponse(*record, *language, context);
}

Response GetSupplierReadiness(const Request& request, const PathParams& path_params,
                              const auth::Actor& actor, RouteContext& context) {
  if (context.deps.suppliers == nullptr) return internal::SuppliersUnavailable(request);
  Result<QueryParams> params = ParseQuery(request.query);
  if (!params.ok()) return ProblemResponse(params.status(), request.path, 400);
  Result<Language> language = internal::ReaderLanguage(request, *params);
  if (!language.ok()) return ProblemResponse(language.status(), request.path);
  Result<SupplierId> id = internal::ParseSupplierId(path_params.at(0));
  if (!id.ok()) return ServiceProblem(id.status(), request);
  Result<suppliers::SupplierRecord> record = CallCreatingOwnSupplier(
      actor, *id, context, [&] { return Suppliers(context).GetProfile(actor, *id); });
  if (!record.ok()) return SupplierProblem(record.status(), request, actor, context);
  Result<suppliers::Readiness> readiness = Suppliers(context).GetReadiness(actor, *id);
  if (!readiness.ok()) return SupplierProblem(readiness.status(), request, actor, context);
  json body = suppliers::ReadinessToJson(*readiness, &*language);
  const bool basic_complete = !readiness->levels.empty() && readiness->levels.front().complete;
  const bool submittable = record->state == suppliers::ReviewState::kDraft ||
                           record->state == suppliers::ReviewState::kChangesRequested;
  body["state"] = suppliers::ReviewStateName(record->state);
  body["can_submit"] = basic_complete && submittable;
  body["language"] = language->code();
  return JsonResponse(DumpJson(body));
}

Response ReviewSupplier(const Request& request, const PathParams& path_params,
                        const auth::Actor& actor, RouteContext& context) {
  if (context.deps.suppliers == nullptr) return internal::SuppliersUnavailable(request);
  Result<SupplierId> id = internal::ParseSupplierId(path_params.at(0));
  if (!id.ok()) return ServiceProblem(id.status(), request);
  json body;
  if (auto problem = ReadJsonBody(request, kReviewFields, body)) return *problem;
  const std::optional<suppliers::ReviewAction> action =
      suppliers::ParseReviewAction(body["action"].get<std::string>());
  if (!action) {
    return ProblemResponse(
        Status::InvalidArgument("action must be submit, start_review, request_changes, "
                                "mark_ready or mark_registered")
            .WithField("action"),
        request.path);
  }
  suppliers::ReviewRequest review;
  review.action = *action;
  review.comment = body.value("comment", "");
  review.ungm_number = body.value("ungm_number", "");
  Result<suppliers::SupplierRecord> record = CallCreatingOwnSupplier(
      actor, *id, context, [&] { return Suppliers(context).Review(actor, *id, review); });
  if (!record.ok()) return SupplierProblem(record.status(), request, actor, context);
  return ProfileResponse(*record, Language::English(), context);
}

Response GetSupplierHistory(const Request& request, const PathParams& path_params,
                            const auth::Actor& actor, RouteContext& context) {
  if (context.deps.suppliers == nullptr) return internal::SuppliersUnavailable(request);
  Result<SupplierId> id = internal::ParseSupplierId(path_params.at(0));
  if (!id.ok()) return ServiceProblem(id.status(), request);
  Result<std::vector<suppliers::SupplierEvent>> events = CallCreatingOwnSupplier(
      actor, *id, context, [&] { return Suppliers(context).History(actor, *id); });
  if (!events.ok()) return SupplierProblem(events.status(), request, actor, context);
  json items = json::array();
  for (const suppliers::SupplierEvent& event : *events) {
    json detail = json::parse(event.detail, nullptr, /*allow_exceptions=*/false);
    if (detail.is_discarded()) detail = json::object();
    items.push_back({{"id", event.id},
                     {"at", event.at.ToRfc3339()},
                     {"actor", event.actor.valid() ? json(event.actor.value) : json(nullptr)},
                     {"action", event.action},
                     {"detail", std::move(detail)}});
  }
  return JsonResponse(DumpJson({{"items", std::move(items)}}));
}

Response ExportSupplierUngm(const Request& request, const PathParams& path_params,
                            const auth::Actor& actor, RouteContext& context) {
  if (context.deps.suppliers == nullptr) return internal::SuppliersUnavailable(request);
  Result<QueryParams> params = ParseQuery(request.query);
  if (!params.ok()) return ProblemResponse(params.status(), request.path, 400);
  Result<Language> language = internal::ReaderLanguage(request, *params);
  if (!language.ok()) return ProblemResponse(language.status(), request.path);
  bool as_text = false;
  if (const std::string* accept = request.Header("accept"); accept && !accept->empty()) {
    const double json_quality = AcceptQuality(*accept, "application/json");
    const double text_quality = AcceptQuality(*accept, "text/plain");
    if (json_quality <= 0 && text_quality <= 0) {
      return ProblemResponse(Status::InvalidArgument("the export is application/json or text/plain")
                                 .WithField("Accept"),
                             request.path, 406, "not_acceptable");
    }
    as_text = text_quality > json_quality;
  }
  Result<SupplierId> id = internal::ParseSupplierId(path_params.at(0));
  if (!id.ok()) return ServiceProblem(id.status(), request);
  Result<nlohmann::ordered_json> exported = CallCreatingOwnSupplier(
      actor, *id, context, [&] { return Suppliers(context).ExportUngm(actor, *id, *language); });
  if (!exported.ok()) return SupplierProblem(exported.status(), request, actor, context);
  if (!as_text) {
    return JsonResponse(exported->dump(-1, ' ', false, json::error_handler_t::replace));
  }
  Response response;
  response.headers.emplace_back("Content-Type", "text/plain; charset=utf-8");
  response.body = suppliers::UngmExportText(*exported);
  return response;
}

}  // namespace tb::http
