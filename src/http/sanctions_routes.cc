// The sanctions routes of docs/accounts.md for centre staff: the current UN list, the review
// queue of possible hits, one case with the screened names beside the listed entry, and the
// decision (step-up within 15 minutes, AS-12). ScreeningService trusts its caller, so the
// role (route table) and the step-up (here) are this layer's.
#include <charconv>
#include <nlohmann/json.hpp>
#include <string>

#include "auth/auth_service.h"
#include "http/json_body.h"
#include "http/problem.h"
#include "http/query.h"
#include "http/routes.h"
#include "http/supplier_route_support.h"
#include "sanctions/list_diff.h"
#include "screening/screening_service.h"
#include "suppliers/supplier_service.h"

namespace tb::http {
namespace {

using nlohmann::json;

screening::ScreeningService& Screening(RouteContext& context) { return *context.deps.screening; }

constexpr std::string_view kReviewListParams[] = {"status", "after", "limit"};
constexpr int kDefaultReviewPage = 50;

Status NoSuchCase() { return Status::NotFound("no such sanctions review case").WithField("id"); }

Result<std::int64_t> ParseCaseId(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return NoSuchCase();
  return value;
}

json TimeOrNull(const std::optional<Timestamp>& at) {
  return at ? json(at->ToRfc3339()) : json(nullptr);
}

json ListVersionJson(const screening::ListVersion& v) {
  return {{"id", v.id},
          {"date_generated", v.date_generated},
          {"generated_at", v.generated_at.ToRfc3339()},
          {"sha256", v.sha256},
          {"loaded_at", v.loaded_at.ToRfc3339()},
          {"individual_count", v.individual_count},
          {"entity_count", v.entity_count},
          {"entry_count", v.entry_count()}};
}

json EntryJson(const sanctions::ListedEntry& e) {
  json names = json::array();
  for (const sanctions::ListedName& n : e.names) {
    json name = {{"name", n.text}, {"kind", sanctions::NameSourceName(n.source)}};
    if (!n.quality.empty()) name["quality"] = n.quality;
    names.push_back(std::move(name));
  }
  return {{"id", e.data_id},
          {"reference", e.reference_number},
          {"list", e.list_type},
          {"type", sanctions::EntryKindName(e.kind)},
          {"listed_on", e.listed_on},
          {"names", std::move(names)},
          {"countries", e.country_codes},
          {"nationalities", e.nationalities},
          {"address_countries", e.address_countries},
          {"comments", e.comments}};
}

// A supplier is screened as "supplier" with its id, and each listed owner as "owner" with
// "<supplier id>/owners/<n>" (app/supplier_screening_source.h).
std::string SupplierIdOf(const screening::ReviewCase& review) {
  return review.subject_id.substr(0, review.subject_id.find('/'));
}

// The company's legal name as the supplier service has it now, or the first screened name
// when it cannot be read (the subject may be gone).
std::string SupplierName(const screening::ReviewDetail& detail, const auth::Actor& actor,
                         RouteContext& context) {
  const std::string id = SupplierIdOf(detail.review);
  if (context.deps.suppliers != nullptr) {
    Result<SupplierId> supplier = internal::ParseSupplierId(id);
    if (supplier.ok()) {
      Result<suppliers::SupplierRecord> record =
          context.deps.suppliers->GetProfile(actor, *supplier);
      if (record.ok() && !record->profile.legal_name.empty()) return record->profile.legal_name;
    }
  }
  return detail.screening.names.empty() ? std::string() : detail.screening.names.front();
}

json DecisionJson(const screening::ReviewCase& review) {
  if (review.status == screening::ReviewStatus::kOpen) return nullptr;
  return {{"decision", review.status == screening::ReviewStatus::kCleared ? "clear" : "confirm"},
          {"note", review.note},
          {"decided_by",
           review.reviewer.valid() ? json(std::to_string(review.reviewer.value)) : json(nullptr)},
          {"decided_at", TimeOrNull(review.decided_at)}};
}

// What the queue shows of a case: who, against which entry, how close.
json SummaryJson(const screening::ReviewDetail& d, const auth::Actor& actor,
                 RouteContext& context) {
  const screening::ReviewEvidence* best = d.evidence.empty() ? nullptr : &d.evidence.front();
  return {{"id", d.review.id},
          {"status", screening::ReviewStatusName(d.review.status)},
          {"screening_decision", screening::ScreeningDecisionName(d.screening.decision)},
          {"score", best ? json(best->score) : json(nullptr)},
          {"subject", {{"kind", d.review.subject_kind}, {"id", d.review.subject_id}}},
          {"supplier", {{"id", SupplierIdOf(d.review)}, {"name", SupplierName(d, actor, context)}}},
          {"entry", best ? json({{"id", best->entry.data_id},
                                 {"name", best->listed_name},
                                 {"reference", best->entry.reference_number},
                                 {"list", best->entry.list_type}})
                         : json(nullptr)},
          {"list_version", d.screening.list_date_generated},
          {"list_sha256", d.screening.list_sha256},
          {"created_at", d.review.opened_at.ToRfc3339()},
          {"decided_at", TimeOrNull(d.review.decided_at)}};
}

json DetailJson(const screening::ReviewDetail& d, const auth::Actor& actor, RouteContext& context) {
  json body = SummaryJson(d, actor, context);
  body["supplier"]["names"] = d.screening.names;
  body["supplier"]["country"] = d.screening.country;
  body["entry"] = d.evidence.empty() ? json(nullptr) : EntryJson(d.evidence.front().entry);
  json matches = json::array();
  json candidates = json::array();
  for (const screening::ReviewEvidence& e : d.evidence) {
    matches.push_back({{"supplier_name", e.screened_name},
                       {"entry_name", e.listed_name},
                       {"entry_id", e.entry.data_id},
                       {"score", e.score}});
    candidates.push_back({{"entry", EntryJson(e.entry)}, {"score", e.score}});
  }
  body["matches"] = std::move(matches);
  body["candidates"] = std::move(candidates);
  body["screening"] = {{"id", d.screening.id},
                       {"decision", screening::ScreeningDecisionName(d.screening.decision)},
                       {"reason", d.screening.reason},
                       {"at", d.screening.at.ToRfc3339()}};
  body["decision"] = DecisionJson(d.review);
  return body;
}

constexpr BodyField kDecisionFields[] = {
    {"decision", FieldType::kString, true},
    {"note", FieldType::kString, true},
};

}  // namespace

Response GetSanctionsList(const Request& request, const PathParams&, const auth::Actor&,
                          RouteContext& context) {
  if (context.deps.screening == nullptr) return internal::ScreeningUnavailable(request);
  Result<std::optional<screening::ListVersion>> current = Screening(context).CurrentList();
  if (!current.ok()) return ServiceProblem(current.status(), request);
  return JsonResponse(
      DumpJson({{"current", *current ? ListVersionJson(**current) : json(nullptr)}}));
}

Response ListSanctionsReviews(const Request& request, const PathParams&, const auth::Actor& actor,
                              RouteContext& context) {
  if (context.deps.screening == nullptr) return internal::ScreeningUnavailable(request);
  Result<QueryParams> params = ParseQuery(request.query);
  if (!params.ok()) return ProblemResponse(params.status(), request.path, 400);
  if (Status known = CheckKnownParams(*params, kReviewListParams); !known.ok()) {
    return ProblemResponse(known, request.path, 400);
  }
  std::optional<screening::ReviewStatus> status = screening::ReviewStatus::kOpen;
  Result<std::optional<std::string>> status_text = SingleValue(*params, "status");
  if (!status_text.ok()) return ProblemResponse(status_text.status(), request.path);
  if (*status_text && !(*status_text)->empty()) {
    if (**status_text == "all") {
      status.reset();
    } else {
      status = screening::ParseReviewStatus(**status_text);
      if (!status) {
        return ProblemResponse(
            Status::InvalidArgument("status must be open, cleared, confirmed or all")
                .WithField("status"),
            request.path);
      }
    }
  }
  std::int64_t after = 0;
  int limit = kDefaultReviewPage;
  Result<std::optional<std::string>> after_text = SingleValue(*params, "after");
  if (!after_text.ok()) return ProblemResponse(after_text.status(), request.path);
  if (*after_text && !(*after_text)->empty()) {
    Result<std::int64_t> parsed = ParseCaseId(**after_text);
    if (!parsed.ok()) {
      return ProblemResponse(
          Status::InvalidArgument("after must be a review case id").WithField("after"),
          request.path);
    }
    after = *parsed;
  }
  Result<std::optional<std::string>> limit_text = SingleValue(*params, "limit");
  if (!limit_text.ok()) return ProblemResponse(limit_text.status(), request.path);
  if (*limit_text && !(*limit_text)->empty()) {
    Result<int> parsed = ParseInt(**limit_text, 1, 200, "limit");
    if (!parsed.ok()) return ProblemResponse(parsed.status(), request.path);
    limit = *parsed;
  }
  Result<std::vector<screening::ReviewCase>> cases =
      Screening(context).ListReviews(status, after, limit);
  if (!cases.ok()) return ServiceProblem(cases.status(), request);
  json items = json::array();
  for (const screening::ReviewCase& review : *cases) {
    Result<screening::ReviewDetail> detail = Screening(context).GetReview(review.id);
    if (!detail.ok()) return ServiceProblem(detail.status(), request);
    items.push_back(SummaryJson(*detail, actor, context));
  }
  const bool full_page = static_cast<int>(cases->size()) == limit;
  return JsonResponse(DumpJson(
      {{"items", std::move(items)},
       {"next_cursor", full_page ? json(std::to_string(cases->back().id)) : json(nullptr)}}));
}

Response GetSanctionsReview(const Request& request, const PathParams& path_params,
                            const auth::Actor& actor, RouteContext& context) {
  if (context.deps.screening == nullptr) return internal::ScreeningUnavailable(request);
  Result<std::int64_t> id = ParseCaseId(path_params.at(0));
  if (!id.ok()) return ServiceProblem(id.status(), request);
  Result<screening::ReviewDetail> detail = Screening(context).GetReview(*id);
  if (!detail.ok()) {
    if (detail.status().code() == StatusCode::kNotFound)
      return ServiceProblem(NoSuchCase(), request);
    return ServiceProblem(detail.status(), request);
  }
  return JsonResponse(DumpJson(DetailJson(*detail, actor, context)));
}

Response DecideSanctionsReview(const Request& request, const PathParams& path_params,
                               const auth::Actor& actor, RouteContext& context) {
  if (context.deps.screening == nullptr) return internal::ScreeningUnavailable(request);
  // AS-12: a decision needs a password (and code) check within the step-up window. API
  // tokens never satisfy it: their authenticated_at stays at the epoch.
  const auto window = context.deps.auth->options().step_up_window;
  if (actor.credential != auth::Credential::kSession ||
      context.deps.clock.Now() - actor.authenticated_at > window) {
    return ProblemResponse(
        Status::PermissionDenied("confirm your password (and authenticator code) again to decide "
                                 "a sanctions review"),
        request.path, 403, "reauthentication_required");
  }
  Result<std::int64_t> id = ParseCaseId(path_params.at(0));
  if (!id.ok()) return ServiceProblem(id.status(), request);
  json body;
  if (auto problem = ReadJsonBody(request, kDecisionFields, body)) return *problem;
  const std::string decision = body["decision"];
  const std::string note = body["note"];
  Result<screening::ReviewCase> decided =
      Screening(context).DecideReview(*id, decision, actor.user, note);
  if (!decided.ok()) {
    if (decided.status().code() == StatusCode::kNotFound)
      return ServiceProblem(NoSuchCase(), request);
    return ServiceProblem(decided.status(), request);
  }
  Result<screening::ReviewDetail> detail = Screening(context).GetReview(*id);
  if (!detail.ok()) return ServiceProblem(detail.status(), request);
  return JsonResponse(DumpJson(DetailJson(*detail, actor, context)));
}

}  // namespace tb::http
