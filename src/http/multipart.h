#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace tb::http {

// multipart/form-data (RFC 7578 over RFC 2046 §5.1) for uploads: a supplier's document with
// its `kind` and `valid_until` fields. Limits are checked while parsing, before any part is
// handed out, so an oversized or pathological body costs no more than one pass over it.
struct MultipartLimits {
  std::size_t max_parts = 16;
  std::size_t max_header_bytes = 4096;  // the header block of one part
  std::size_t max_total_bytes = 64u << 20;
};

struct MultipartPart {
  std::string name;                     // Content-Disposition name="..."
  std::optional<std::string> filename;  // its filename="...", reduced to a safe display name
  std::string content_type;             // "text/plain" when the part does not say
  std::string_view data;                // points into the parsed body

  bool operator==(const MultipartPart&) const = default;
};

// The boundary of a Content-Type value "multipart/form-data; boundary=XYZ" (quoted or not).
// InvalidArgument (field "Content-Type") when the type is not multipart/form-data or the
// boundary is missing, longer than 70 characters or has characters RFC 2046 forbids.
Result<std::string> MultipartBoundary(std::string_view content_type);

// Splits `body` into its parts. The preamble before the first boundary and the epilogue
// after the closing one are ignored. Errors:
//   ResourceExhausted  body over max_total_bytes, more than max_parts parts, or a header
//                      block over max_header_bytes (field names the limit)
//   InvalidArgument    no opening or closing boundary, a part without
//                      Content-Disposition: form-data or without a name, a malformed header
// The parts' `data` views point into `body`, which must outlive them.
Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body, std::string_view boundary,
                                                  const MultipartLimits& limits = {});

// A filename as a display name: the last path segment (after '/' or '\'), without control
// characters, bidi overrides or NUL, at most 255 bytes of UTF-8 cut at a character edge;
// "." and ".." become "file". Never used as a path (AS-28): stored files get random ids.
std::string SafeDisplayFilename(std::string_view filename);

// An upload form's fields checked against the ones the route reads: InvalidArgument naming the
// field, with `problem` set to "unknown_field" for a field not in `known` or
// "malformed_multipart" for one given twice. Ok otherwise.
Status CheckFormFields(const std::vector<MultipartPart>& parts,
                       std::span<const std::string_view> known, std::string_view* problem);

}  // namespace tb::http
