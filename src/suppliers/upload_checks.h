#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "suppliers/documents.h"

namespace tb::suppliers {

// The checks every uploaded file passes before it is stored (AS-26 .. AS-28); the download
// side (AS-29: attachment, nosniff, fixed type) is http/'s.

// A display name safe to show and to put in Content-Disposition (AS-28): the last path
// component only, no control or bidirectional-override characters (U+202E and friends),
// no characters Windows forbids, no reserved device name (CON, NUL, COM1, ...) as the base
// name, no leading or trailing dots or spaces, at most 200 bytes of valid UTF-8 with the
// extension kept. Never empty ("document" when nothing is left). Stored files are named by
// their hash, never by this.
std::string SanitiseDisplayName(std::string_view name);

// The media types accepted (AS-27): PDF, DOCX, XLSX, PNG, JPEG.
bool IsAllowedMediaType(std::string_view media_type);

// Detects the media type from the bytes with libmagic (never from the name or the
// client's Content-Type). Thread-safe: one magic handle under a mutex.
class ContentTypeDetector {
 public:
  // FailedPrecondition when libmagic's database cannot be loaded (package libmagic-mgc).
  static Result<std::unique_ptr<ContentTypeDetector>> Open();
  ~ContentTypeDetector();

  ContentTypeDetector(const ContentTypeDetector&) = delete;
  ContentTypeDetector& operator=(const ContentTypeDetector&) = delete;

  // "application/pdf", "image/png", "application/x-dosexec", ...
  Result<std::string> Detect(std::span<const std::uint8_t> content);

 private:
  explicit ContentTypeDetector(void* cookie) : cookie_(cookie) {}
  std::mutex mu_;
  void* cookie_;  // magic_t; guarded by mu_
};

// What a zip's central directory says, read without inflating anything.
struct ZipSummary {
  int entries = 0;
  std::int64_t uncompressed_bytes = 0;
  bool has_content_types = false;   // "[Content_Types].xml": an Office Open XML package
  bool has_word_document = false;   // "word/document.xml"
  bool has_excel_workbook = false;  // "xl/workbook.xml"
};

// True when `content` starts like a zip archive (local file header "PK\3\4").
bool LooksLikeZip(std::span<const std::uint8_t> content);

// Reads the end-of-central-directory record and every central-directory entry, and refuses
// (ResourceExhausted) more than `limits.max_zip_entries` entries, a declared uncompressed
// total above `limits.max_zip_uncompressed_bytes` or an entry whose ratio exceeds
// `limits.max_zip_ratio` (a zip bomb), and (InvalidArgument) a damaged directory, entries
// pointing outside the file, encryption or ZIP64. Linear in the directory size.
Result<ZipSummary> InspectZip(std::span<const std::uint8_t> content, const DocumentLimits& limits);

// Scans a file for malware (AS-27). The production hook is clamd (docs/suppliers.md); the
// built-in scanner recognises the EICAR test file only.
class VirusScanner {
 public:
  virtual ~VirusScanner() = default;
  // Ok when clean; InvalidArgument naming what was found when infected; Unavailable when the
  // scanner cannot be reached (the upload is refused, not stored unscanned).
  virtual Status Scan(std::span<const std::uint8_t> content) = 0;
};

// Finds the EICAR anti-virus test string anywhere in the bytes.
class EicarScanner final : public VirusScanner {
 public:
  Status Scan(std::span<const std::uint8_t> content) override;
};

// A file that passed every check, ready to store.
struct CheckedUpload {
  std::string display_name;
  std::string media_type;
  std::string sha256;
};

// Runs the checks in this order, cheapest and most dangerous first: size (ResourceExhausted
// above `limits.max_file_bytes`; InvalidArgument when empty), zip directory (for anything
// starting like a zip, before anything could unpack it), content type against the
// allowlist (InvalidArgument "file" naming the detected type), a zip that claims to be
// DOCX/XLSX must contain the matching part, then the virus scan.
Result<CheckedUpload> CheckUpload(std::span<const std::uint8_t> content, std::string_view filename,
                                  const DocumentLimits& limits, ContentTypeDetector& detector,
                                  VirusScanner& scanner);

}  // namespace tb::suppliers
