#include "suppliers/upload_checks.h"

#include <magic.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "core/text.h"

namespace tb::suppliers {
namespace {

constexpr std::array<std::string_view, 5> kAllowedTypes = {
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "image/png",
    "image/jpeg",
};
constexpr std::string_view kDocx =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr std::string_view kXlsx =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

constexpr std::size_t kMaxDisplayNameBytes = 200;
constexpr std::size_t kMaxExtensionBytes = 16;

// Length of the UTF-8 sequence starting with `lead` (the text is already well-formed).
std::size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  return 2;
}

char32_t Decode(std::string_view s, std::size_t at, std::size_t len) {
  const auto b = [&](std::size_t i) {
    return static_cast<char32_t>(static_cast<unsigned char>(s[at + i]));
  };
  switch (len) {
    case 1:
      return b(0);
    case 2:
      return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3:
      return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    default:
      return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
  }
}

// Characters that change how text around them is displayed or are invisible: a name like
// "invoice\u202Efdp.exe" shows as "invoiceexe.pdf".
bool IsInvisibleOrControl(char32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x061C ||
         (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

bool IsReservedDeviceName(std::string_view base) {
  const std::string upper = text::ToUpperAscii(base);
  static constexpr std::array<std::string_view, 4> kNames = {"CON", "PRN", "AUX", "NUL"};
  if (std::find(kNames.begin(), kNames.end(), upper) != kNames.end()) return true;
  return upper.size() == 4 && (upper.starts_with("COM") || upper.starts_with("LPT")) &&
         upper[3] >= '0' && upper[3] <= '9';
}

// Cuts `s` to at most `max` bytes without splitting a UTF-8 sequence.
std::string_view CutUtf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

std::uint32_t Le32(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at]) | (static_cast<std::uint32_t>(b[at + 1]) << 8) |
         (static_cast<std::uint32_t>(b[at + 2]) << 16) |
         (static_cast<std::uint32_t>(b[at + 3]) << 24);
}
std::uint16_t Le16(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint16_t>(b[at] | (b[at + 1] << 8));
}

Status Damaged(std::string_view what) {
  return Status::InvalidArgument("the file is not a readable zip archive: " + std::string(what))
      .WithField("file");
}

constexpr std::string_view kEicar =
    R"(X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*)";

}  // namespace

std::string SanitiseDisplayName(std::string_view raw) {
  const std::string valid = text::SanitizeUtf8(raw);
  std::string_view name = valid;
  // Only the last path component: "../../x" and "C:\\evil\\x" become "x".
  if (const std::size_t slash = name.find_last_of("/\\"); slash != std::string_view::npos) {
    name.remove_prefix(slash + 1);
  }
  std::string clean;
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t len =
        std::min(SequenceLength(static_cast<unsigned char>(name[i])), name.size() - i);
    const char32_t c = Decode(name, i, len);
    if (!IsInvisibleOrControl(c)) {
      if (len == 1 && std::strchr("<>:\"|?*", name[i]) != nullptr) {
        clean.push_back('_');
      } else {
        clean.append(name.substr(i, len));
      }
    }
    i += len;
  }
  std::string_view trimmed = clean;
  while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '.'))
    trimmed.remove_prefix(1);
  while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '.'))
    trimmed.remove_suffix(1);
  if (trimmed.empty()) return "document";

  std::string_view base = trimmed;
  std::string_view extension;
  if (const std::size_t dot = trimmed.rfind('.');
      dot != std::string_view::npos && dot > 0 && trimmed.size() - dot <= kMaxExtensionBytes) {
    base = trimmed.substr(0, dot);
    extension = trimmed.substr(dot);
  }
  std::string out;
  const std::string_view device = base.substr(0, base.find('.'));
  if (IsReservedDeviceName(text::Trim(device))) out.push_back('_');
  out.append(CutUtf8(base, kMaxDisplayNameBytes - extension.size() - out.size()));
  out.append(extension);
  return out;
}

bool IsAllowedMediaType(std::string_view media_type) {
  return std::find(kAllowedTypes.begin(), kAllowedTypes.end(), media_type) != kAllowedTypes.end();
}

Result<std::unique_ptr<ContentTypeDetector>> ContentTypeDetector::Open() {
  // MAGIC_NO_CHECK_COMPRESS: never decompress to look inside (a bomb would be inflated);
  // zip-based types are recognised from their first local headers, which is all we need.
  magic_t cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_ERROR);
  if (cookie == nullptr) return Status::FailedPrecondition("libmagic could not start");
  if (magic_load(cookie, nullptr) != 0) {
    std::string error = magic_error(cookie) ? magic_error(cookie) : "unknown error";
    magic_close(cookie);
    return Status::FailedPrecondition(
        "libmagic's database could not be loaded (install "
        "libmagic-mgc): " +
        error);
  }
  return std::unique_ptr<ContentTypeDetector>(new ContentTypeDetector(cookie));
}

ContentTypeDetector::~ContentTypeDetector() { magic_close(static_cast<magic_t>(cookie_)); }

Result<std::string> ContentTypeDetector::Detect(std::span<const std::uint8_t> content) {
  std::lock_guard<std::mutex> lock(mu_);
  const char* type = magic_buffer(static_cast<magic_t>(cookie_), content.data(), content.size());
  if (type == nullptr) return Status::Internal("libmagic could not classify the file");
  return std::string(type);
}

bool LooksLikeZip(std::span<const std::uint8_t> content) {
  return content.size() >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 &&
         content[3] == 4;
}

Result<ZipSummary> InspectZip(std::span<const std::uint8_t> b, const DocumentLimits& limits) {
  constexpr std::size_t kEocdSize = 22;
  if (b.size() < kEocdSize) return Damaged("too short");
  // The end-of-central-directory record is the last 22 bytes plus a comment of at most 64 KiB.
  const std::size_t lowest = b.size() > kEocdSize + 0xFFFF ? b.size() - kEocdSize - 0xFFFF : 0;
  std::size_t eocd = std::string_view::npos;
  for (std::size_t at = b.size() - kEocdSize + 1; at-- > lowest;) {
    if (Le32(b, at) == 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd == std::string_view::npos) return Damaged("no end of central directory");
  const std::uint16_t disk = Le16(b, eocd + 4);
  const std::uint16_t total_entries = Le16(b, eocd + 10);
  const std::uint32_t cd_size = Le32(b, eocd + 12);
  const std::uint32_t cd_offset = Le32(b, eocd + 16);
  if (total_entries == 0xFFFF || cd_size == 0xFFFFFFFF || cd_offset == 0xFFFFFFFF) {
    return Damaged("ZIP64 archives are not accepted");
  }
  if (disk != 0) return Damaged("multi-part archives are not accepted");
  if (total_entries > limits.max_zip_entries) {
    return Status::ResourceExhausted("the archive has " + std::to_string(total_entries) +
                                     " entries; at most " + std::to_string(limits.max_zip_entries) +
                                     " are accepted")
        .WithField("file");
  }
  if (static_cast<std::uint64_t>(cd_offset) + cd_size > eocd)
    return Damaged("directory out of range");

  ZipSummary summary;
  std::size_t at = cd_offset;
  const std::size_t end = static_cast<std::size_t>(cd_offset) + cd_size;
  for (int i = 0; i < total_entries; ++i) {
    if (at + 46 > end || Le32(b, at) != 0x02014b50) return Damaged("bad directory entry");
    const std::uint16_t flags = Le16(b, at + 8);
    const std::uint32_t compressed = Le32(b, at + 20);
    const std::uint32_t uncompressed = Le32(b, at + 24);
    const std::uint16_t name_len = Le16(b, at + 28);
    const std::uint16_t extra_len = Le16(b, at + 30);
    const std::uint16_t comment_len = Le16(b, at + 32);
    const std::uint32_t local_offset = Le32(b, at + 42);
    if (flags & 1) return Damaged("encrypted entries are not accepted");
    if (compressed == 0xFFFFFFFF || uncompressed == 0xFFFFFFFF || local_offset == 0xFFFFFFFF) {
      return Damaged("ZIP64 archives are not accepted");
    }
    if (local_offset >= cd_offset) return Damaged("an entry points outside the archive");
    const std::size_t next = at + 46 + name_len + extra_len + comment_len;
    if (next > end) return Damaged("bad directory entry");
    const std::string_view name(reinterpret_cast<const char*>(b.data() + at + 46), name_len);
    summary.has_content_types |= name == "[Content_Types].xml";
    summary.has_word_document |= name == "word/document.xml";
    summary.has_excel_workbook |= name == "xl/workbook.xml";
    if (uncompressed > limits.max_zip_ratio * std::max<std::int64_t>(compressed, 1) &&
        uncompressed > 1024 * 1024) {
      return Status::ResourceExhausted(
                 "an entry of the archive expands " +
                 std::to_string(uncompressed / std::max<std::uint32_t>(compressed, 1)) +
                 " times; this looks like a zip bomb")
          .WithField("file");
    }
    summary.uncompressed_bytes += uncompressed;
    if (summary.uncompressed_bytes > limits.max_zip_uncompressed_bytes) {
      return Status::ResourceExhausted("the archive expands to more than " +
                                       std::to_string(limits.max_zip_uncompressed_bytes) + " bytes")
          .WithField("file");
    }
    ++summary.entries;
    at = next;
  }
  return summary;
}

Status EicarScanner::Scan(std::span<const std::uint8_t> content) {
  const std::string_view bytes(reinterpret_cast<const char*>(content.data()), content.size());
  if (bytes.find(kEicar) != std::string_view::npos) {
    return Status::InvalidArgument("the file contains malware (EICAR test signature)")
        .WithField("file");
  }
  return Status::Ok();
}

Result<CheckedUpload> CheckUpload(std::span<const std::uint8_t> content, std::string_view filename,
                                  const DocumentLimits& limits, ContentTypeDetector& detector,
                                  VirusScanner& scanner) {
  if (content.empty()) return Status::InvalidArgument("the file is empty").WithField("file");
  if (static_cast<std::int64_t>(content.size()) > limits.max_file_bytes) {
    return Status::ResourceExhausted("the file is larger than " +
                                     std::to_string(limits.max_file_bytes / (1024 * 1024)) + " MiB")
        .WithField("file");
  }
  std::optional<ZipSummary> zip;
  if (LooksLikeZip(content)) {
    TB_ASSIGN_OR_RETURN(zip, InspectZip(content, limits));
  }
  TB_ASSIGN_OR_RETURN(std::string type, detector.Detect(content));
  if (!IsAllowedMediaType(type)) {
    return Status::InvalidArgument("files of type " + type +
                                   " are not accepted; upload PDF, DOCX, XLSX, PNG or JPEG")
        .WithField("file");
  }
  const bool is_docx = type == kDocx;
  const bool is_xlsx = type == kXlsx;
  if (is_docx || is_xlsx) {
    if (!zip) {
      TB_ASSIGN_OR_RETURN(zip, InspectZip(content, limits));
    }
    if (!zip->has_content_types || (is_docx && !zip->has_word_document) ||
        (is_xlsx && !zip->has_excel_workbook)) {
      return Status::InvalidArgument("the file is not a complete " +
                                     std::string(is_docx ? "DOCX" : "XLSX") + " document")
          .WithField("file");
    }
  }
  TB_RETURN_IF_ERROR(scanner.Scan(content));
  return CheckedUpload{SanitiseDisplayName(filename), std::move(type), Sha256Hex(content)};
}

}  // namespace tb::suppliers
