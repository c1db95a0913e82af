#include "http/supplier_route_support.h"

#include <spdlog/spdlog.h>

#include <charconv>
#include <string>
#include <vector>

#include "auth/auth_service.h"
#include "auth/policy.h"
#include "http/problem.h"
#include "suppliers/profile_json.h"
#include "suppliers/supplier_service.h"

namespace tb::http::internal {
namespace {

// The same text and field as SupplierService's own NotFound answers.
Status NoSuchSupplier() { return Status::NotFound("no such supplier").WithField("id"); }
Status NoSuchDocument() { return Status::NotFound("no such document").WithField("id"); }

std::optional<std::int64_t> PositiveInteger(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The q-value of one Accept-Language member's parameters ("q=0.8"); 1 when absent, 0 when
// unreadable (so a broken member never wins).
double Quality(std::string_view parameters) {
  while (!parameters.empty()) {
    const std::size_t semicolon = parameters.find(';');
    const std::string_view parameter = Trim(parameters.substr(0, semicolon));
    if (parameter.starts_with("q=") || parameter.starts_with("Q=")) {
      const std::string value(parameter.substr(2));
      char* end = nullptr;
      const double q = std::strtod(value.c_str(), &end);
      if (end == value.c_str() || *end != '\0' || q < 0 || q > 1) return 0;
      return q;
    }
    if (semicolon == std::string_view::npos) break;
    parameters.remove_prefix(semicolon + 1);
  }
  return 1;
}

std::optional<Language> FromAcceptLanguage(std::string_view header) {
  std::optional<Language> best;
  double best_quality = 0;
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    const std::string_view member = Trim(header.substr(0, comma));
    const std::size_t semicolon = member.find(';');
    const Language language = Language::FromTag(Trim(member.substr(0, semicolon)));
    const double quality =
        semicolon == std::string_view::npos ? 1 : Quality(member.substr(semicolon + 1));
    // Strictly greater: among equal preferences the first listed wins.
    if (language.IsUnLanguage() && quality > best_quality) {
      best = language;
      best_quality = quality;
    }
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return best;
}

}  // namespace

Response SuppliersUnavailable(const Request& request) {
  return ProblemResponse(Status::Unavailable("supplier profiles are not available on this server"),
                         request.path, 503);
}

Response ScreeningUnavailable(const Request& request) {
  return ProblemResponse(Status::Unavailable("sanctions screening is not available on this server"),
                         request.path, 503);
}

Result<SupplierId> ParseSupplierId(std::string_view segment) {
  const std::optional<std::int64_t> value = PositiveInteger(segment);
  if (!value) return NoSuchSupplier();
  return SupplierId{*value};
}

Result<suppliers::DocumentId> ParseDocumentId(std::string_view segment) {
  const std::optional<std::int64_t> value = PositiveInteger(segment);
  if (!value) return NoSuchDocument();
  return suppliers::DocumentId{*value};
}

Response SupplierProblem(const Status& status, const Request& request, const auth::Actor& actor,
                         RouteContext& context) {
  if (suppliers::IsUnknownFieldError(status)) {
    return ProblemResponse(status, request.path, 400, "unknown_field");
  }
  if (status.code() == StatusCode::kPermissionDenied) {
    return ForbiddenProblem(status, request, actor, context);
  }
  return ServiceProblem(status, request);
}

Result<Language> ReaderLanguage(const Request& request, const QueryParams& params) {
  TB_ASSIGN_OR_RETURN(std::optional<std::string> lang, SingleValue(params, "lang"));
  if (lang && !lang->empty()) {
    const Language language = Language::FromTag(*lang);
    if (!language.known()) {
      return Status::InvalidArgument("lang must be a language code such as en or fr")
          .WithField("lang");
    }
    return language;
  }
  if (const std::string* header = request.Header("accept-language")) {
    if (std::optional<Language> language = FromAcceptLanguage(*header)) return *language;
  }
  return Language::English();
}

bool CreateOwnSupplierIfMissing(const auth::Actor& actor, SupplierId id, RouteContext& context) {
  suppliers::SupplierService* service = context.deps.suppliers;
  auth::AuthService* accounts = context.deps.auth;
  if (service == nullptr || accounts == nullptr || !id.valid()) return false;
  const OrganisationId organisation{id.value};
  bool member_of_supplier = false;
  for (const auth::Membership& m : actor.memberships) {
    member_of_supplier = member_of_supplier || (m.organisation == organisation &&
                                                m.kind == auth::OrganisationKind::kSupplier);
  }
  if (!member_of_supplier || !auth::CanActForSupplier(actor, organisation)) return false;
  Result<std::optional<auth::OrganisationRecord>> found = accounts->FindOrganisation(organisation);
  if (!found.ok()) {
    spdlog::error("supplier {}: cannot read its organisation: {}", id.value,
                  found.status().ToString());
    return false;
  }
  if (!found->has_value() || (*found)->kind != auth::OrganisationKind::kSupplier) return false;
  Result<suppliers::SupplierRecord> created =
      service->CreateSupplier(organisation, (*found)->name, (*found)->country, actor.user);
  if (created.ok()) return true;
  // Two first requests of the same company at once: the other one created it.
  if (created.status().code() == StatusCode::kAlreadyExists) return true;
  spdlog::error("supplier {}: cannot create its draft profile: {}", id.value,
                created.status().ToString());
  return false;
}

}  // namespace tb::http::internal
