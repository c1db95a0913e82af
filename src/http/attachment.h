#pragma once

#include <span>
#include <string>
#include <string_view>

#include "http/http_types.h"

namespace tb::http {

// The Content-Disposition of a download (RFC 6266): "attachment", an ASCII fallback in
// filename= for old clients and the exact UTF-8 name in filename*= (RFC 8187/5987).
// `name` should already be a sanitised display name (AS-28); quotes, backslashes and
// control bytes are still replaced so that the header cannot be broken whatever it holds.
std::string AttachmentDisposition(std::string_view name);

// A stored file as a download a browser never renders (AS-29): `media_type` only when it is
// on the upload allowlist (else application/octet-stream), attachment disposition, nosniff,
// and `cache_control`.
Response AttachmentResponse(std::span<const std::uint8_t> bytes, std::string_view media_type,
                            std::string_view filename, std::string_view cache_control);

}  // namespace tb::http
