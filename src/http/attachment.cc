#include "http/attachment.h"

#include "suppliers/upload_checks.h"

namespace tb::http {

std::string AttachmentDisposition(std::string_view name) {
  std::string fallback;
  std::string encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto byte = static_cast<unsigned char>(name[i]);
    if (byte >= 0x80) {
      // One '_' per UTF-8 character, not per byte.
      if ((byte & 0xC0) != 0x80) fallback.push_back('_');
    } else if (byte < 0x20 || byte == 0x7F || byte == '"' || byte == '\\') {
      fallback.push_back('_');
    } else {
      fallback.push_back(static_cast<char>(byte));
    }
    const bool attr_char =
        (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
        (byte >= '0' && byte <= '9') ||
        std::string_view("!#$&+-.^_`|~").find(static_cast<char>(byte)) != std::string_view::npos;
    if (attr_char) {
      encoded.push_back(static_cast<char>(byte));
    } else {
      encoded.push_back('%');
      encoded.push_back(kHex[byte >> 4]);
      encoded.push_back(kHex[byte & 15]);
    }
  }
  if (fallback.empty()) fallback = "document";
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

Response AttachmentResponse(std::span<const std::uint8_t> bytes, std::string_view media_type,
                            std::string_view filename, std::string_view cache_control) {
  Response response;
  // Only the detected, allowlisted type; never the uploader's claim (AS-29).
  response.headers.emplace_back("Content-Type", suppliers::IsAllowedMediaType(media_type)
                                                    ? std::string(media_type)
                                                    : "application/octet-stream");
  response.headers.emplace_back("Content-Disposition", AttachmentDisposition(filename));
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Cache-Control", std::string(cache_control));
  response.body.assign(bytes.begin(), bytes.end());
  return response;
}

}  // namespace tb::http
