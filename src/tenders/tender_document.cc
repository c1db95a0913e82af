// Uploaded tender documents: kinds, their OCDS document types, the download path and the
// checks on the stored form (docs/tendering.md, "Tender documents").
#include <algorithm>
#include <array>

#include "suppliers/upload_checks.h"
#include "tenders/tender.h"
#include "tenders/tender_documents.h"

namespace tb::tenders {
namespace {

struct KindRow {
  TenderDocumentKind kind;
  std::string_view name;
  std::string_view document_type;
};

constexpr std::array<KindRow, 6> kKinds = {{
    {TenderDocumentKind::kTechnicalSpecification, "technical_specification",
     "technicalSpecifications"},
    // OCDS 1.1 has no code for terms of reference; they specify the services bought.
    {TenderDocumentKind::kTermsOfReference, "terms_of_reference", "technicalSpecifications"},
    {TenderDocumentKind::kForm, "form", "biddingDocuments"},
    {TenderDocumentKind::kBillOfQuantities, "bill_of_quantities", "billOfQuantity"},
    {TenderDocumentKind::kContractDraft, "contract_draft", "contractDraft"},
    {TenderDocumentKind::kOther, "other", "biddingDocuments"},
}};

Status Invalid(std::string message, std::string field) {
  return Status::InvalidArgument(std::move(message)).WithField(std::move(field));
}

bool IsSha256Hex(std::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

const TenderDocument* FindDocument(const Tender& t, std::string_view id) {
  for (const TenderDocument& d : t.documents) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

}  // namespace

std::string_view TenderDocumentKindName(TenderDocumentKind kind) {
  for (const KindRow& row : kKinds) {
    if (row.kind == kind) return row.name;
  }
  return "other";
}

std::optional<TenderDocumentKind> ParseTenderDocumentKind(std::string_view name) {
  for (const KindRow& row : kKinds) {
    if (row.name == name) return row.kind;
  }
  return std::nullopt;
}

std::string_view DocumentTypeOfKind(TenderDocumentKind kind) {
  for (const KindRow& row : kKinds) {
    if (row.kind == kind) return row.document_type;
  }
  return "biddingDocuments";
}

std::string TenderDocumentPath(std::string_view ocid, const TenderDocument& document, int version) {
  if (version == 0 && !document.files.empty()) version = document.files.back().version;
  return "/api/v1/tenders/" + std::string(ocid) + "/documents/" + document.id + "/versions/" +
         std::to_string(version) + "/content";
}

Status ValidateDocumentFiles(const TenderDocument& d, std::string_view path) {
  const std::string at(path);
  if (!d.kind.empty() && !ParseTenderDocumentKind(d.kind)) {
    return Invalid(
        "must be technical_specification, terms_of_reference, form, bill_of_quantities, "
        "contract_draft or other",
        at + "kind");
  }
  if (d.files.empty()) return Status::Ok();
  if (!d.url.empty()) return Invalid("must be empty for an uploaded document", at + "url");
  for (std::size_t i = 0; i < d.files.size(); ++i) {
    const TenderDocumentFile& f = d.files[i];
    const std::string file = at + "files/" + std::to_string(i) + "/";
    if (f.version != static_cast<int>(i) + 1)
      return Invalid("must be " + std::to_string(i + 1), file + "version");
    if (f.filename.empty() || f.filename.size() > 255)
      return Invalid("must be 1..255 bytes", file + "filename");
    if (!suppliers::IsAllowedMediaType(f.media_type))
      return Invalid("is not an accepted type", file + "format");
    if (f.size <= 0) return Invalid("must be more than zero", file + "size");
    if (!IsSha256Hex(f.sha256)) return Invalid("must be 64 lower-case hex digits", file + "sha256");
  }
  return Status::Ok();
}

Status CheckUploadedFiles(const Tender& before, const Tender& after, bool published) {
  for (std::size_t i = 0; i < after.documents.size(); ++i) {
    const TenderDocument& d = after.documents[i];
    const TenderDocument* was = FindDocument(before, d.id);
    const bool same = was != nullptr
                          ? was->files == d.files && (d.files.empty() || was->kind == d.kind)
                          : d.files.empty();
    if (!same) {
      return Invalid("is set by uploading a file (POST /api/v1/tenders/{ocid}/documents)",
                     "documents/" + std::to_string(i) + "/files");
    }
  }
  if (published) {
    for (const TenderDocument& d : before.documents) {
      if (!d.files.empty() && FindDocument(after, d.id) == nullptr) {
        return Invalid("the uploaded document \"" + d.id +
                           "\" cannot be removed after publication; upload a new version instead",
                       "documents");
      }
    }
  }
  return Status::Ok();
}

}  // namespace tb::tenders
