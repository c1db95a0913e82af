// Uploaded tender documents: TenderDocumentService and TenderService::AmendDocuments
// (docs/tendering.md, "Tender documents").
#include "tenders/tender_documents.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "core/language.h"
#include "suppliers/upload_checks.h"
#include "tenders/internal/service_support.h"
#include "tenders/tender_json.h"

namespace tb::tenders {

using internal::MakeEntry;
using nlohmann::json;

namespace {

constexpr std::string_view kOwners = "only an agency officer of the buying organisation";

Status NoSuchDocument(std::string_view id) {
  return Status::NotFound("the tender has no document \"" + std::string(id) + "\"")
      .WithField("document_id");
}

TenderDocument* Find(std::vector<TenderDocument>& documents, std::string_view id) {
  for (TenderDocument& d : documents) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

// "25 MiB (26214400 bytes)", or "4096 bytes" below 1 MiB.
std::string SizeText(std::int64_t bytes) {
  const std::string exact = std::to_string(bytes) + " bytes";
  if (bytes < 1024 * 1024) return exact;
  const double mib = static_cast<double>(bytes) / (1024.0 * 1024.0);
  char text[32];
  std::snprintf(
      text, sizeof text,
      mib == static_cast<double>(static_cast<std::int64_t>(mib)) ? "%.0f MiB" : "%.1f MiB", mib);
  return std::string(text) + " (" + exact + ")";
}

// "doc-1", "doc-2", ...: the first not taken (linked documents may use any id).
std::string NewDocumentId(const Tender& t) {
  for (int n = 1;; ++n) {
    std::string id = "doc-" + std::to_string(n);
    if (std::none_of(t.documents.begin(), t.documents.end(),
                     [&](const TenderDocument& d) { return d.id == id; })) {
      return id;
    }
  }
}

}  // namespace

Result<Amendment> TenderService::AmendDocuments(const auth::Actor& actor, std::string_view ocid,
                                                const std::vector<TenderDocument>& documents,
                                                const std::string& rationale) {
  Tender list;
  list.documents = documents;
  AmendmentRequest request;
  request.changes = {{"documents", EditableJson(list)["documents"]}};
  request.rationale = rationale;
  request.substantive = true;
  return AmendTender(actor, ocid, request, /*files_from_upload=*/true);
}

TenderDocumentService::TenderDocumentService(TenderService& tenders, TenderStore& store,
                                             suppliers::BlobStore& blobs,
                                             suppliers::ContentTypeDetector& detector,
                                             suppliers::VirusScanner& scanner, const Clock& clock,
                                             TenderDocumentLimits limits)
    : tenders_(tenders),
      store_(store),
      blobs_(blobs),
      detector_(detector),
      scanner_(scanner),
      clock_(clock),
      limits_(std::move(limits)) {}

Result<Tender> TenderDocumentService::Readable(const auth::Actor& actor, std::string_view ocid) {
  Result<Tender> tender = store_.Get(ocid);
  if (!tender.ok()) {
    if (tender.status().code() == StatusCode::kNotFound) return internal::NoSuchTender();
    return tender.status();
  }
  TB_ASSIGN_OR_RETURN(bool readable, internal::CanRead(store_, actor, *tender));
  if (!readable) return internal::NoSuchTender();
  return tender;
}

Result<TenderDocumentService::Uploaded> TenderDocumentService::Upload(
    const auth::Actor& actor, std::string_view ocid, const TenderDocumentUpload& upload,
    std::span<const std::uint8_t> content) {
  TB_ASSIGN_OR_RETURN(Tender current, Readable(actor, ocid));
  const Timestamp now = clock_.Now();
  if (!internal::IsOwner(actor, current)) {
    return internal::Deny(store_, now, actor, current, "upload tender documents", kOwners);
  }
  const bool draft = current.state == TenderState::kDraft;
  if (!draft && current.state != TenderState::kPublished) {
    return Status::FailedPrecondition(
               "documents are added to a draft or, by amendment, to a "
               "published tender; this one is " +
               std::string(TenderStateName(current.state)))
        .WithField("state");
  }
  // The file first: a refused file leaves nothing behind, not even its blob. The size is
  // said here in the limit's own unit (CheckUpload rounds to whole MiB).
  if (static_cast<std::int64_t>(content.size()) > limits_.checks.max_file_bytes) {
    return Status::ResourceExhausted("the file has " + std::to_string(content.size()) +
                                     " bytes; tender documents may have at most " +
                                     SizeText(limits_.checks.max_file_bytes))
        .WithField("file");
  }
  TB_ASSIGN_OR_RETURN(
      suppliers::CheckedUpload checked,
      suppliers::CheckUpload(content, upload.filename, limits_.checks, detector_, scanner_));

  std::vector<TenderDocument> documents = current.documents;
  TenderDocument* document = nullptr;
  if (!upload.document_id.empty()) {
    document = Find(documents, upload.document_id);
    if (document == nullptr) return NoSuchDocument(upload.document_id);
    if (!upload.kind.empty()) {
      if (!ParseTenderDocumentKind(upload.kind)) {
        return Status::InvalidArgument("unknown document kind \"" + upload.kind + "\"")
            .WithField("kind");
      }
      document->kind = upload.kind;
    }
    if (document->kind.empty()) document->kind = "other";
    // A linked document becomes an uploaded one; its link is the old version's only trace.
    document->url.clear();
  } else {
    if (static_cast<int>(documents.size()) >= limits_.max_documents_per_tender) {
      return Status::ResourceExhausted("a tender has at most " +
                                       std::to_string(limits_.max_documents_per_tender) +
                                       " documents")
          .WithField("file");
    }
    if (upload.kind.empty()) return Status::InvalidArgument("is required").WithField("kind");
    if (!ParseTenderDocumentKind(upload.kind)) {
      return Status::InvalidArgument("unknown document kind \"" + upload.kind + "\"")
          .WithField("kind");
    }
    TenderDocument added;
    added.id = NewDocumentId(current);
    added.kind = upload.kind;
    added.title = checked.display_name;
    documents.push_back(std::move(added));
    document = &documents.back();
  }
  if (!upload.title.empty()) document->title = upload.title;
  if (!upload.language.empty()) document->language = upload.language;
  document->document_type =
      std::string(DocumentTypeOfKind(*ParseTenderDocumentKind(document->kind)));
  TenderDocumentFile file;
  file.filename = checked.display_name;
  file.media_type = checked.media_type;
  file.size = static_cast<std::int64_t>(content.size());
  file.sha256 = checked.sha256;
  file.uploaded_at = now;
  if (draft) {
    // Nothing of a draft is public: a new file simply replaces the old one.
    document->files = {std::move(file)};
  } else {
    file.version = document->files.empty() ? 1 : document->files.back().version + 1;
    document->files.push_back(std::move(file));
  }
  const std::string document_id = document->id;
  std::string rationale;
  if (!draft) {
    TB_ASSIGN_OR_RETURN(rationale, internal::RequiredText(upload.rationale, 2000, "rationale"));
  }
  Tender changed = current;
  changed.documents = documents;
  TB_RETURN_IF_ERROR(ValidateDraft(changed));

  TB_ASSIGN_OR_RETURN(std::string stored, blobs_.Put(content, checked.media_type));
  if (stored != checked.sha256) return Status::Internal("the stored file's hash differs");

  Uploaded out;
  if (draft) {
    const TenderDocument& d = *Find(changed.documents, document_id);
    TB_ASSIGN_OR_RETURN(
        out.tender, store_.Update(changed,
                                  MakeEntry("tender.document_uploaded", now, actor, changed,
                                            {{"document", d.id},
                                             {"version", std::to_string(d.files.back().version)},
                                             {"sha256", d.files.back().sha256},
                                             {"size", std::to_string(d.files.back().size)}}),
                                  {}));
  } else {
    TB_ASSIGN_OR_RETURN(out.amendment, tenders_.AmendDocuments(actor, ocid, documents, rationale));
    TB_ASSIGN_OR_RETURN(out.tender, store_.Get(ocid));
  }
  TenderDocument* saved = Find(out.tender.documents, document_id);
  if (saved == nullptr) return Status::Internal("the uploaded document was not stored");
  out.document = *saved;
  return out;
}

Result<Tender> TenderDocumentService::List(const auth::Actor& actor, std::string_view ocid) {
  return Readable(actor, ocid);
}

Result<TenderDocumentService::Content> TenderDocumentService::Download(const auth::Actor& actor,
                                                                       std::string_view ocid,
                                                                       std::string_view document_id,
                                                                       int version) {
  TB_ASSIGN_OR_RETURN(Tender tender, Readable(actor, ocid));
  TenderDocument* document = Find(tender.documents, document_id);
  if (document == nullptr || document->files.empty()) return NoSuchDocument(document_id);
  const TenderDocumentFile* file = nullptr;
  for (const TenderDocumentFile& f : document->files) {
    if (version == 0 ? &f == &document->files.back() : f.version == version) file = &f;
  }
  if (file == nullptr) {
    return Status::NotFound("the document has no version " + std::to_string(version))
        .WithField("version");
  }
  TB_ASSIGN_OR_RETURN(std::vector<std::uint8_t> bytes, blobs_.Get(file->sha256));
  return Content{*document, *file, std::move(bytes)};
}

Result<Tender> TenderDocumentService::Remove(const auth::Actor& actor, std::string_view ocid,
                                             std::string_view document_id) {
  TB_ASSIGN_OR_RETURN(Tender current, Readable(actor, ocid));
  const Timestamp now = clock_.Now();
  if (!internal::IsOwner(actor, current)) {
    return internal::Deny(store_, now, actor, current, "remove tender documents", kOwners);
  }
  if (current.state != TenderState::kDraft) {
    return Status::FailedPrecondition(
               "documents are removed only from a draft; a published tender's documents "
               "change by amendment (upload a new version)")
        .WithField("state");
  }
  Tender changed = current;
  const auto it = std::find_if(changed.documents.begin(), changed.documents.end(),
                               [&](const TenderDocument& d) { return d.id == document_id; });
  if (it == changed.documents.end()) return NoSuchDocument(document_id);
  changed.documents.erase(it);
  return store_.Update(changed,
                       MakeEntry("tender.document_removed", now, actor, changed,
                                 {{"document", std::string(document_id)}}),
                       {});
}

}  // namespace tb::tenders
