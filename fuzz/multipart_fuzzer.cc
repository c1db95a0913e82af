// libFuzzer target: the multipart/form-data parser of uploads (SECURITY.md §4,
// fuzz_multipart). Seeds: fuzz/corpus/multipart/. The first line of the input is the
// Content-Type header value, the rest the body, so boundaries are fuzzed too.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/multipart.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  const std::string_view content_type = input.substr(0, newline);
  const std::string_view body =
      newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);

  tb::Result<std::string> boundary = tb::http::MultipartBoundary(content_type);
  if (!boundary.ok()) return 0;
  auto parts = tb::http::ParseMultipart(
      body, *boundary, {.max_parts = 64, .max_header_bytes = 1024, .max_total_bytes = 1 << 20});
  if (!parts.ok()) return 0;
  std::size_t total = 0;
  for (const tb::http::MultipartPart& part : *parts) {
    // Properties: every part lies inside the body, the parts never add up to more than
    // the body, and no display name can name a path.
    if (part.data.data() < body.data() ||
        part.data.data() + part.data.size() > body.data() + body.size()) {
      std::abort();
    }
    total += part.data.size() + part.name.size();
    if (part.filename &&
        (part.filename->find_first_of(std::string_view("/\\\0", 3)) != std::string::npos ||
         *part.filename == ".." || part.filename->empty())) {
      std::abort();
    }
  }
  if (total > body.size()) std::abort();
  return 0;
}
