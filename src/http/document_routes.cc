// Supplier documents (docs/accounts.md, docs/suppliers.md): upload as multipart/form-data,
// list, download and delete. Upload checks (size, zip bombs, type by content, virus scan:
// AS-26..AS-28) are SupplierService's; this file maps them to 413/415/422 and serves
// downloads so that a browser never renders them (AS-29).
#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "http/attachment.h"
#include "http/multipart.h"
#include "http/problem.h"
#include "http/query.h"
#include "http/routes.h"
#include "http/supplier_route_support.h"
#include "suppliers/documents.h"
#include "suppliers/profile_json.h"
#include "suppliers/supplier_service.h"
#include "suppliers/upload_checks.h"

namespace tb::http {
namespace {

using internal::CallCreatingOwnSupplier;
using internal::SupplierProblem;
using nlohmann::json;

suppliers::SupplierService& Suppliers(RouteContext& context) { return *context.deps.suppliers; }

json DateOrNull(const std::optional<Timestamp>& at) {
  return at ? json(suppliers::DateText(*at)) : json(nullptr);
}

json DocumentJson(const suppliers::DocumentInfo& d, Timestamp now) {
  return {{"id", d.id.value},
          {"supplier_id", d.supplier.value},
          {"kind", suppliers::DocumentKindName(d.kind)},
          {"filename", d.display_name},
          {"content_type", d.media_type},
          {"size", d.size},
          {"sha256", d.sha256},
          {"uploaded_at", d.uploaded_at.ToRfc3339()},
          {"uploaded_by", d.uploaded_by.valid() ? json(d.uploaded_by.value) : json(nullptr)},
          {"valid_from", DateOrNull(d.valid_from)},
          {"valid_until", DateOrNull(d.valid_until)},
          {"expired", d.valid_until.has_value() && *d.valid_until < now},
          {"fiscal_year", d.fiscal_year > 0 ? json(d.fiscal_year) : json(nullptr)},
          {"audited", d.audited},
          {"language", d.language.empty() ? json(nullptr) : json(d.language)},
          {"translation_of", d.translation_of ? json(d.translation_of->value) : json(nullptr)}};
}

// The service refuses every upload problem as InvalidArgument on "file"; a type outside the
// allowlist is 415 and malware gets its own code, so the UI can say what happened. The
// texts are CheckUpload's (suppliers/upload_checks.cc); document_routes_test pins them.
Response UploadProblem(const Status& status, const Request& request, const auth::Actor& actor,
                       RouteContext& context) {
  if (status.code() == StatusCode::kInvalidArgument && status.field() == "file") {
    if (status.message().starts_with("files of type ")) {
      return ProblemResponse(status, request.path, 415, "unsupported_media_type");
    }
    if (status.message().find("malware") != std::string::npos) {
      return ProblemResponse(status, request.path, 422, "malware_detected");
    }
  }
  return SupplierProblem(status, request, actor, context);
}

Response BadMultipart(const Request& request, Status status, std::string_view code) {
  return ProblemResponse(status, request.path, 400, code);
}

// Reads the multipart fields besides the file into `metadata`. A problem response for an
// unknown or repeated field, or a value of the wrong form.
std::optional<Response> ReadUploadFields(const Request& request,
                                         const std::vector<MultipartPart>& parts,
                                         suppliers::DocumentMetadata& metadata,
                                         std::string_view& content, bool& has_file) {
  static constexpr std::string_view kKnown[] = {"kind",           "valid_from", "valid_until",
                                                "fiscal_year",    "audited",    "language",
                                                "translation_of", "file"};
  std::string_view problem;
  if (Status fields = CheckFormFields(parts, kKnown, &problem); !fields.ok()) {
    return BadMultipart(request, fields, problem);
  }
  bool has_kind = false;
  for (const MultipartPart& part : parts) {
    const std::string value(part.data);
    Status invalid = Status::Ok();
    if (part.name == "file") {
      has_file = true;
      content = part.data;
      metadata.filename = part.filename.value_or("");
    } else if (part.name == "kind") {
      has_kind = true;
      const std::optional<suppliers::DocumentKind> kind = suppliers::ParseDocumentKind(value);
      if (kind) {
        metadata.kind = *kind;
      } else {
        invalid =
            Status::InvalidArgument("unknown document kind \"" + value + "\"").WithField("kind");
      }
    } else if (part.name == "valid_from" || part.name == "valid_until") {
      if (!value.empty()) {
        Result<Timestamp> date = suppliers::ParseDate(value, part.name);
        if (!date.ok()) {
          invalid = date.status();
        } else if (part.name == "valid_from") {
          metadata.valid_from = *date;
        } else {
          metadata.valid_until = *date;
        }
      }
    } else if (part.name == "fiscal_year") {
      if (!value.empty()) {
        Result<int> year = ParseInt(value, 1, 9999, "fiscal_year");
        if (year.ok()) {
          metadata.fiscal_year = *year;
        } else {
          invalid = year.status();
        }
      }
    } else if (part.name == "audited") {
      Result<bool> audited = ParseBool(value, "audited");
      if (audited.ok()) {
        metadata.audited = *audited;
      } else {
        invalid = audited.status();
      }
    } else if (part.name == "language") {
      metadata.language = value;
    } else if (part.name == "translation_of") {
      Result<int> original = ParseInt(value, 1, std::numeric_limits<int>::max(), "translation_of");
      if (original.ok()) {
        metadata.translation_of = suppliers::DocumentId{*original};
      } else {
        invalid = original.status();
      }
    }
    if (!invalid.ok()) return ProblemResponse(invalid, request.path);
  }
  if (!has_kind) {
    return ProblemResponse(Status::InvalidArgument("kind is required").WithField("kind"),
                           request.path);
  }
  if (!has_file) {
    return ProblemResponse(Status::InvalidArgument("file is required").WithField("file"),
                           request.path);
  }
  return std::nullopt;
}

}  // namespace

Response UploadSupplierDocument(const Request& request, const PathParams& path_params,
                                const auth::Actor& actor, RouteContext& context) {
  if (context.deps.suppliers == nullptr) return internal::SuppliersUnavailable(request);
  Result<SupplierId> id = internal::ParseSupplierId(path_params.at(0));
  if (!id.ok()) return ServiceProblem(id.status(), request);
  const std::string* content_type = request.Header("content-type");
  Result<std::string> boundary = MultipartBoundary(content_type ? *content_type : "");
  if (!boundary.ok()) {
    return ProblemResponse(boundary.status(), request.path, 415, "unsupported_media_type");
  }
  MultipartLimits limits;
  limits.max_total_bytes = context.options.max_import_bytes;
  Result<std::vector<MultipartPart>> parts = ParseMultipart(request.body, *boundary, limits);
  if (!parts.ok()) {
    if (parts.status().code() == StatusCode::kResourceExhausted) {
      return ProblemResponse(parts.status(), request.path, 413);
    }
    return BadMultipart(request, parts.status(), "malformed_multipart");
  }
  suppliers::DocumentMetadata metadata;
  std::string_view content;
  bool has_file = false;
  if (auto problem = ReadUploadFields(request, *parts, metadata, content, has_file)) {
    return *problem;
  }
  const std::span<const std::uint8_t> bytes(reinterpret_cast<const std::uint8_t*>(content.data()),
                                            content.size());
  Result<suppliers::DocumentInfo> stored = CallCreatingOwnSupplier(actor, *id, context, [&] {
    return Suppliers(context).UploadDocument(actor, *id, metadata, bytes);
  });
  if (!stored.ok()) return UploadProblem(stored.status(), request, actor, context);
  Response response = JsonResponse(DumpJson(DocumentJson(*stored, context.deps.clock.Now())), 201);
  response.SetHeader("Location",
                     "/api/v1/documents/" + std::to_string(stored->id.value) + "/content");
  return response;
}

Response ListSupplierDocuments(const Request& request, const PathParams& path_params,
                               const auth::Actor& actor, RouteContext& context) {
  if (context.deps.suppliers == nullptr) return internal::SuppliersUnavailable(request);
  Result<SupplierId> id = internal::ParseSupplierId(path_params.at(0));
  if (!id.ok()) return ServiceProblem(id.status(), request);
  Result<std::vector<suppliers::DocumentInfo>> documents = CallCreatingOwnSupplier(
      actor, *id, context, [&] { return Suppliers(context).ListDocuments(actor, *id); });
  if (!documents.ok()) return SupplierProblem(documents.status(), request, actor, context);
  const Timestamp now = context.deps.clock.Now();
  json items = json::array();
  for (const suppliers::DocumentInfo& d : *documents) items.push_back(DocumentJson(d, now));
  return JsonResponse(DumpJson({{"items", std::move(items)}}));
}

Response GetDocumentContent(const Request& request, const PathParams& path_params,
                            const auth::Actor& actor, RouteContext& context) {
  if (context.deps.suppliers == nullptr) return internal::SuppliersUnavailable(request);
  Result<suppliers::DocumentId> id = internal::ParseDocumentId(path_params.at(0));
  if (!id.ok()) return ServiceProblem(id.status(), request);
  Result<suppliers::SupplierService::DocumentContent> document =
      Suppliers(context).GetDocumentContent(actor, *id);
  if (!document.ok()) return SupplierProblem(document.status(), request, actor, context);
  return AttachmentResponse(document->bytes, document->info.media_type,
                            document->info.display_name, "no-store");
}

Response DeleteSupplierDocument(const Request& request, const PathParams& path_params,
                                const auth::Actor& actor, RouteContext& context) {
  if (context.deps.suppliers == nullptr) return internal::SuppliersUnavailable(request);
  Result<suppliers::DocumentId> id = internal::ParseDocumentId(path_params.at(0));
  if (!id.ok()) return ServiceProblem(id.status(), request);
  if (Status status = Suppliers(context).DeleteDocument(actor, *id); !status.ok()) {
    return SupplierProblem(status, request, actor, context);
  }
  Response response;
  response.status = 204;
  return response;
}

}  // namespace tb::http
