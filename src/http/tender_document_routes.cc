// Uploaded tender documents (docs/tendering.md, "Tender documents"): upload as
// multipart/form-data, list, download any version, remove from a draft.
// TenderDocumentService makes every check; a tender the caller may not read answers 404
// exactly like a missing one (AS-15), and downloads are never rendered (AS-29).
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http/attachment.h"
#include "http/multipart.h"
#include "http/problem.h"
#include "http/query.h"
#include "http/routes.h"
#include "http/tender_route_support.h"
#include "tenders/tender_documents.h"

namespace tb::http {
namespace {

using namespace tender_internal;  // NOLINT: the tender routes' own support
using nlohmann::json;

Response Unavailable(const Request& request) {
  return ProblemResponse(Status::Unavailable("tender documents are not available on this server"),
                         request.path, 503);
}

tenders::TenderDocumentService& Documents(RouteContext& context) {
  return *context.deps.tender_documents;
}

json DocumentJson(const tenders::Tender& t, const tenders::TenderDocument& d) {
  json files = json::array();
  for (const tenders::TenderDocumentFile& f : d.files) {
    files.push_back({{"version", f.version},
                     {"filename", f.filename},
                     {"format", f.media_type},
                     {"size", f.size},
                     {"sha256", f.sha256},
                     {"uploaded_at", f.uploaded_at.ToRfc3339()},
                     {"url", tenders::TenderDocumentPath(t.ocid, d, f.version)}});
  }
  json current = files.empty() ? json(nullptr) : files.back();
  return {{"id", d.id},
          {"title", d.title},
          {"kind", d.kind.empty() ? json(nullptr) : json(d.kind)},
          {"document_type", d.document_type},
          {"language", d.language.empty() ? json(nullptr) : json(d.language)},
          {"uploaded", !d.files.empty()},
          {"url", d.files.empty() ? d.url : tenders::TenderDocumentPath(t.ocid, d)},
          {"current", std::move(current)},
          {"files", std::move(files)}};
}

// A file refused for its content is 415 (wrong type) or 422 "malware_detected", as for
// supplier documents, so the UI can say which; a file too large is 413.
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
  if (status.code() == StatusCode::kResourceExhausted) {
    return ProblemResponse(status, request.path, 413, "file_too_large");
  }
  return TenderProblem(status, request, actor, context);
}

Response BadForm(const Request& request, const Status& status, std::string_view code) {
  return ProblemResponse(status, request.path, 400, code);
}

// The multipart fields: file (required), kind, title, language, document_id, rationale.
std::optional<Response> ReadUpload(const Request& request, const std::vector<MultipartPart>& parts,
                                   tenders::TenderDocumentUpload& upload,
                                   std::string_view& content) {
  static constexpr std::string_view kKnown[] = {"file",     "kind",        "title",
                                                "language", "document_id", "rationale"};
  std::string_view problem;
  if (Status fields = CheckFormFields(parts, kKnown, &problem); !fields.ok()) {
    return BadForm(request, fields, problem);
  }
  bool has_file = false;
  for (const MultipartPart& part : parts) {
    const std::string value(part.data);
    if (part.name == "file") {
      has_file = true;
      content = part.data;
      upload.filename = part.filename.value_or("");
    } else if (part.name == "kind") {
      upload.kind = value;
    } else if (part.name == "title") {
      upload.title = value;
    } else if (part.name == "language") {
      upload.language = value;
    } else if (part.name == "document_id") {
      upload.document_id = value;
    } else if (part.name == "rationale") {
      upload.rationale = value;
    }
  }
  if (!has_file) {
    return ProblemResponse(Status::InvalidArgument("file is required").WithField("file"),
                           request.path);
  }
  return std::nullopt;
}

Response Download(const Request& request, const PathParams& path_params, int version,
                  const auth::Actor& actor, RouteContext& context) {
  Result<tenders::TenderDocumentService::Content> content =
      Documents(context).Download(actor, path_params.at(0), path_params.at(1), version);
  if (!content.ok()) return TenderProblem(content.status(), request, actor, context);
  Response response = AttachmentResponse(content->bytes, content->file.media_type,
                                         content->file.filename, "no-store");
  // The hash the tender lists, so a downloader can check what arrived (RFC 9530 style).
  response.SetHeader("X-Content-SHA256", content->file.sha256);
  return response;
}

}  // namespace

Response UploadTenderDocument(const Request& request, const PathParams& path_params,
                              const auth::Actor& actor, RouteContext& context) {
  if (context.deps.tender_documents == nullptr) return Unavailable(request);
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
      return ProblemResponse(parts.status(), request.path, 413, "file_too_large");
    }
    return BadForm(request, parts.status(), "malformed_multipart");
  }
  tenders::TenderDocumentUpload upload;
  std::string_view content;
  if (auto problem = ReadUpload(request, *parts, upload, content)) return *problem;
  const std::span<const std::uint8_t> bytes(reinterpret_cast<const std::uint8_t*>(content.data()),
                                            content.size());
  Result<tenders::TenderDocumentService::Uploaded> uploaded =
      Documents(context).Upload(actor, path_params.at(0), upload, bytes);
  if (!uploaded.ok()) return UploadProblem(uploaded.status(), request, actor, context);
  json body = DocumentJson(uploaded->tender, uploaded->document);
  body["tender_version"] = uploaded->tender.version;
  body["amendment"] = uploaded->amendment ? AmendmentJson(*uploaded->amendment) : json(nullptr);
  Response response = JsonResponse(DumpJson(body), 201);
  response.SetHeader("Location",
                     tenders::TenderDocumentPath(uploaded->tender.ocid, uploaded->document));
  response.SetHeader("ETag", TenderEtag(uploaded->tender.version));
  return response;
}

Response ListTenderDocuments(const Request& request, const PathParams& path_params,
                             const auth::Actor& actor, RouteContext& context) {
  if (context.deps.tender_documents == nullptr) return Unavailable(request);
  Result<tenders::Tender> tender = Documents(context).List(actor, path_params.at(0));
  if (!tender.ok()) return TenderProblem(tender.status(), request, actor, context);
  json items = json::array();
  for (const tenders::TenderDocument& d : tender->documents) {
    items.push_back(DocumentJson(*tender, d));
  }
  const tenders::TenderDocumentLimits& limits = Documents(context).limits();
  return JsonResponse(
      DumpJson({{"items", std::move(items)},
                {"state", tenders::TenderStateName(tender->state)},
                {"limits",
                 {{"max_file_bytes", limits.checks.max_file_bytes},
                  {"max_documents", limits.max_documents_per_tender},
                  {"formats",
                   {"application/pdf",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "image/png", "image/jpeg"}}}}}));
}

Response GetTenderDocumentContent(const Request& request, const PathParams& path_params,
                                  const auth::Actor& actor, RouteContext& context) {
  if (context.deps.tender_documents == nullptr) return Unavailable(request);
  return Download(request, path_params, 0, actor, context);
}

Response GetTenderDocumentVersion(const Request& request, const PathParams& path_params,
                                  const auth::Actor& actor, RouteContext& context) {
  if (context.deps.tender_documents == nullptr) return Unavailable(request);
  Result<int> version = ParseInt(path_params.at(2), 1, 1000000, "version");
  if (!version.ok()) {
    return TenderProblem(Status::NotFound("no such version").WithField("version"), request, actor,
                         context);
  }
  return Download(request, path_params, *version, actor, context);
}

Response DeleteTenderDocument(const Request& request, const PathParams& path_params,
                              const auth::Actor& actor, RouteContext& context) {
  if (context.deps.tender_documents == nullptr) return Unavailable(request);
  Result<tenders::Tender> removed =
      Documents(context).Remove(actor, path_params.at(0), path_params.at(1));
  if (!removed.ok()) return TenderProblem(removed.status(), request, actor, context);
  Response response;
  response.status = 204;
  response.SetHeader("ETag", TenderEtag(removed->version));
  return response;
}

}  // namespace tb::http
