#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "core/timestamp.h"

namespace tb::suppliers {

using DocumentId = StrongId<struct DocumentIdTag>;

// What a supplier document is for; readiness rules and access depend on it.
enum class DocumentKind {
  kIncorporationCertificate,
  kCertificate,  // ISO 9001, 14001, 45001 and others
  kReferenceLetter,
  kFinancialStatement,  // officers and the company only, never public
  kWomenOwnedEvidence,
  kOwnershipStructure,
  kTranslation,  // a certified translation of another document (translation_of)
  kOther,
};
std::string_view DocumentKindName(DocumentKind kind);
std::optional<DocumentKind> ParseDocumentKind(std::string_view name);

// A stored document's metadata. The bytes are a blob addressed by `sha256`.
struct DocumentInfo {
  DocumentId id;
  SupplierId supplier;
  DocumentKind kind = DocumentKind::kOther;
  std::string display_name;  // sanitised (SanitiseDisplayName); never used as a path
  std::string media_type;    // detected from the content, one of the allowlist
  std::int64_t size = 0;
  std::string sha256;  // lower-case hex
  Timestamp uploaded_at;
  UserId uploaded_by;
  std::optional<Timestamp> valid_from;
  std::optional<Timestamp> valid_until;      // expiry warnings come from this
  int fiscal_year = 0;                       // financial statements: the year covered
  bool audited = false;                      // financial statements: audited by an external auditor
  std::string language;                      // ISO 639-1 of the document's text, "" = not said
  std::optional<DocumentId> translation_of;  // translations: the document translated
  bool operator==(const DocumentInfo&) const = default;
};

// What the uploader says about a file (the multipart fields besides the file).
struct DocumentMetadata {
  DocumentKind kind = DocumentKind::kOther;
  std::string filename;  // as the browser sent it; sanitised before storing
  std::optional<Timestamp> valid_from;
  std::optional<Timestamp> valid_until;
  int fiscal_year = 0;
  bool audited = false;
  std::string language;
  std::optional<DocumentId> translation_of;
};

// Upload limits (AS-26). The defaults suit scanned certificates and statements.
struct DocumentLimits {
  std::int64_t max_file_bytes = 20 * 1024 * 1024;
  std::int64_t quota_bytes_per_company = 200 * 1024 * 1024;
  int max_documents_per_company = 300;
  // Zip-based formats (docx, xlsx), read from the central directory before anything unpacks.
  std::int64_t max_zip_uncompressed_bytes = 200 * 1024 * 1024;
  int max_zip_entries = 2000;
  std::int64_t max_zip_ratio = 200;  // uncompressed / compressed, per entry
};

// A document that expires soon or has expired, for warnings.
struct ExpiringDocument {
  DocumentInfo document;
  bool expired = false;  // valid_until is before the time asked about
  bool operator==(const ExpiringDocument&) const = default;
};

// Content-addressed bytes (ARCHITECTURE.md §3: the `blobs` table). Putting the same bytes
// twice stores them once. Thread-safe.
class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // Stores `content` and returns its SHA-256 (lower-case hex).
  virtual Result<std::string> Put(std::span<const std::uint8_t> content,
                                  std::string_view media_type) = 0;
  // NotFound when no blob has that hash.
  virtual Result<std::vector<std::uint8_t>> Get(std::string_view sha256) = 0;
};

// Lower-case hex SHA-256 of `content` (libsodium).
std::string Sha256Hex(std::span<const std::uint8_t> content);

// Validates the metadata an uploader gave: dates in order, fiscal year plausible (1900..now),
// language an ISO 639-1 code, translation_of only on translations and required there.
// InvalidArgument naming the field.
Status ValidateDocumentMetadata(const DocumentMetadata& metadata, Timestamp now);

}  // namespace tb::suppliers
