#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <iterator>

#include "http/problem.h"
#include "http/query.h"

namespace tb::http {
namespace {

namespace fs = std::filesystem;

bool HasExtension(std::string_view segment) {
  const std::size_t dot = segment.rfind('.');
  return dot != std::string_view::npos && dot + 1 < segment.size();
}

std::optional<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

Response NotFound(const Request& request) {
  return ProblemResponse(Status::NotFound("no such page"), request.path);
}

// Resolves symlinks and checks the file stays under the root, which a symlink in the
// built tree could otherwise escape.
std::optional<fs::path> Resolve(const fs::path& root, const std::string& relative) {
  std::error_code ec;
  const fs::path canonical_root = fs::canonical(root, ec);
  if (ec) return std::nullopt;
  const fs::path file = fs::canonical(canonical_root / relative, ec);
  if (ec || !fs::is_regular_file(file, ec)) return std::nullopt;
  const std::string r = canonical_root.string() + "/";
  if (file.string().compare(0, r.size(), r) != 0) return std::nullopt;
  return file;
}

}  // namespace

std::string_view ContentTypeFor(std::string_view name) {
  const std::size_t dot = name.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? "" : name.substr(dot + 1);
  if (ext == "html" || ext == "htm") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json" || ext == "map") return "application/json; charset=utf-8";
  if (ext == "webmanifest") return "application/manifest+json; charset=utf-8";
  if (ext == "svg") return "image/svg+xml; charset=utf-8";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "gif") return "image/gif";
  if (ext == "webp") return "image/webp";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "woff") return "font/woff";
  if (ext == "ttf") return "font/ttf";
  if (ext == "wasm") return "application/wasm";
  return "application/octet-stream";
}

Result<std::string> SafeRelativePath(std::string_view raw_path) {
  if (raw_path.empty() || raw_path.front() != '/') {
    return Status::InvalidArgument("path must start with /");
  }
  if (raw_path == "/") return std::string("index.html");
  TB_ASSIGN_OR_RETURN(std::string decoded, PercentDecode(raw_path.substr(1), false));
  std::string_view rest = decoded;
  while (true) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment.empty() || segment == "." || segment == "..") {
      return Status::InvalidArgument("bad path segment");
    }
    for (char c : segment) {
      if (c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
        return Status::InvalidArgument("bad character in path");
      }
    }
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return decoded;
}

Response ServeStatic(std::string_view web_root, const Request& request) {
  if (web_root.empty()) return NotFound(request);
  Result<std::string> relative = SafeRelativePath(request.path);
  if (!relative.ok()) return NotFound(request);

  const fs::path root{std::string(web_root)};
  std::optional<fs::path> file = Resolve(root, *relative);
  std::string cache_control = "no-cache";
  if (file) {
    if (relative->starts_with("assets/")) cache_control = "public, max-age=31536000, immutable";
  } else {
    const std::size_t slash = relative->rfind('/');
    const std::string_view last = std::string_view(*relative).substr(
        slash == std::string::npos ? 0 : slash + 1);
    if (HasExtension(last)) return NotFound(request);
    // A client-side route ("/notices/42"): the single-page app decides what to show.
    file = Resolve(root, "index.html");
    if (!file) return NotFound(request);
  }
  std::optional<std::string> body = ReadFile(*file);
  if (!body) return NotFound(request);
  Response response;
  response.headers.emplace_back("Content-Type", std::string(ContentTypeFor(file->filename().string())));
  response.headers.emplace_back("Cache-Control", std::move(cache_control));
  response.body = std::move(*body);
  return response;
}

}  // namespace tb::http
