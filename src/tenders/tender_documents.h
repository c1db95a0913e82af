#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "auth/actor.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "suppliers/documents.h"
#include "tenders/tender.h"
#include "tenders/tender_service.h"
#include "tenders/tender_store.h"

namespace tb::suppliers {
class ContentTypeDetector;
class VirusScanner;
}  // namespace tb::suppliers

// Uploaded tender documents (docs/tendering.md, "Tender documents"): the files of a tender's
// solicitation, stored as content-addressed blobs beside the supplier documents and listed
// in the tender's `documents` with their versions.
namespace tb::tenders {

struct TenderDocumentLimits {
  // The file checks of suppliers/upload_checks.h (size, zip directory, type by content,
  // virus scan); tender files are larger than supplier certificates.
  suppliers::DocumentLimits checks{.max_file_bytes = 25 * 1024 * 1024};
  int max_documents_per_tender = 100;
};

// What an officer sends with a file (the multipart fields besides it).
struct TenderDocumentUpload {
  std::string document_id;  // empty: a new document; else a new version of that document
  std::string kind;         // a TenderDocumentKind name; required for a new document
  std::string title;        // empty: the file's name (new) or the current title (new version)
  std::string language;     // ISO 639-1 or empty
  std::string filename;     // as the browser sent it; sanitised before storing
  std::string rationale;    // required once published: the amendment's rationale
};

// Refuses a change to uploaded files that did not come through TenderDocumentService: a
// document of `after` whose files (or, for an uploaded one, kind) differ from the same
// document in `before`, or a new document with files (field "documents/<i>/files"). With
// `published`, an uploaded document of `before` missing from `after` too (field
// "documents"). TenderService's Create, Patch and Amend call it.
Status CheckUploadedFiles(const Tender& before, const Tender& after, bool published);

// Upload, list, download and removal of a tender's files. Who may: exactly who may edit the
// tender (an agency officer of the buying organisation, TenderService's owner rule); who
// may read: whoever may read the tender (published: everyone; a draft: its owners and
// committee; anyone else NotFound exactly as for a missing tender, AS-15).
//
// In a draft a file is added, replaced (the document keeps version 1) or removed directly.
// Once published, adding a document or a new version is an amendment through
// TenderService::AmendDocuments (substantive: re-confirmation and the deadline extension
// rule; interested suppliers are notified); older versions stay downloadable, and removal
// is refused.
//
// Thread-safe. Every reference must outlive it.
class TenderDocumentService {
 public:
  TenderDocumentService(TenderService& tenders, TenderStore& store, suppliers::BlobStore& blobs,
                        suppliers::ContentTypeDetector& detector, suppliers::VirusScanner& scanner,
                        const Clock& clock, TenderDocumentLimits limits = {});

  struct Uploaded {
    Tender tender;
    TenderDocument document;             // as stored, the new file last
    std::optional<Amendment> amendment;  // after publication
  };
  // Checks the file first (nothing is stored when it fails): ResourceExhausted (field
  // "file") above the size limit, InvalidArgument (field "file") for an empty file, a type
  // outside the allowlist by its bytes ("files of type ... are not accepted"), a broken
  // DOCX/XLSX, malware. Then InvalidArgument for a missing kind, an unknown kind, a missing
  // rationale after publication; NotFound (field "document_id") for an unknown document;
  // FailedPrecondition in a state that takes no documents.
  Result<Uploaded> Upload(const auth::Actor& actor, std::string_view ocid,
                          const TenderDocumentUpload& upload,
                          std::span<const std::uint8_t> content);

  // The tender with its documents, as the actor may read it.
  Result<Tender> List(const auth::Actor& actor, std::string_view ocid);

  struct Content {
    TenderDocument document;
    TenderDocumentFile file;
    std::vector<std::uint8_t> bytes;
  };
  // `version` 0: the current one. NotFound (field "document_id" or "version").
  Result<Content> Download(const auth::Actor& actor, std::string_view ocid,
                           std::string_view document_id, int version);

  // A draft's document (uploaded or linked). FailedPrecondition once published.
  Result<Tender> Remove(const auth::Actor& actor, std::string_view ocid,
                        std::string_view document_id);

  const TenderDocumentLimits& limits() const { return limits_; }

 private:
  Result<Tender> Readable(const auth::Actor& actor, std::string_view ocid);

  TenderService& tenders_;
  TenderStore& store_;
  suppliers::BlobStore& blobs_;
  suppliers::ContentTypeDetector& detector_;
  suppliers::VirusScanner& scanner_;
  const Clock& clock_;
  const TenderDocumentLimits limits_;
};

}  // namespace tb::tenders
