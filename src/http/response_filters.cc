#include "http/response_filters.h"

#include <sodium.h>
#include <zlib.h>

#include <array>
#include <cctype>
#include <charconv>

namespace tb::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The opaque part of an entity tag without W/ and without a "-gzip" suffix.
std::string_view OpaqueTag(std::string_view tag) {
  tag = Trim(tag);
  if (tag.size() >= 2 && (tag[0] == 'W' || tag[0] == 'w') && tag[1] == '/') tag.remove_prefix(2);
  if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') {
    tag = tag.substr(1, tag.size() - 2);
  }
  constexpr std::string_view kGzip = "-gzip";
  if (tag.size() > kGzip.size() && tag.substr(tag.size() - kGzip.size()) == kGzip) {
    tag.remove_suffix(kGzip.size());
  }
  return tag;
}

bool IsCompressible(std::string_view content_type) {
  return content_type.starts_with("application/json") ||
         content_type.starts_with("application/problem+json") ||
         content_type.starts_with("text/") || content_type.starts_with("application/javascript") ||
         content_type.starts_with("image/svg+xml") ||
         content_type.starts_with("application/manifest+json");
}

}  // namespace

std::string StrongEtag(std::string_view body) {
  std::array<unsigned char, 16> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(body.data()), body.size(), nullptr, 0);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string tag;
  tag.reserve(2 + 2 * digest.size());
  tag.push_back('"');
  for (unsigned char b : digest) {
    tag.push_back(kHex[b >> 4]);
    tag.push_back(kHex[b & 15]);
  }
  tag.push_back('"');
  return tag;
}

bool IfNoneMatchMatches(std::string_view if_none_match, std::string_view etag) {
  const std::string_view wanted = OpaqueTag(etag);
  while (!if_none_match.empty()) {
    const std::size_t comma = if_none_match.find(',');
    const std::string_view item = Trim(if_none_match.substr(0, comma));
    if_none_match =
        comma == std::string_view::npos ? std::string_view() : if_none_match.substr(comma + 1);
    if (item == "*") return true;
    if (!item.empty() && OpaqueTag(item) == wanted) return true;
  }
  return false;
}

Result<std::optional<std::int64_t>> IfMatchVersion(const Request& request, std::string_view what) {
  const std::string* header = request.Header("if-match");
  if (header == nullptr) return std::optional<std::int64_t>();
  std::string_view tag = *header;
  while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
  while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
  if (tag == "*") return std::optional<std::int64_t>();
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  if (tag.starts_with("\"")) tag.remove_prefix(1);
  if (tag.starts_with("v")) {
    tag.remove_prefix(1);
    std::int64_t version = 0;
    const auto [end, error] = std::from_chars(tag.data(), tag.data() + tag.size(), version);
    if (error == std::errc() && end != tag.data() && version > 0) {
      return std::optional<std::int64_t>(version);
    }
  }
  return Status::InvalidArgument("If-Match must be an ETag of this " + std::string(what))
      .WithField("If-Match");
}

bool AcceptsGzip(std::string_view accept_encoding) {
  while (!accept_encoding.empty()) {
    const std::size_t comma = accept_encoding.find(',');
    std::string_view item = Trim(accept_encoding.substr(0, comma));
    accept_encoding =
        comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    const std::size_t semi = item.find(';');
    std::string coding(Trim(item.substr(0, semi)));
    for (char& c : coding) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (coding != "gzip" && coding != "*" && coding != "x-gzip") continue;
    if (semi == std::string_view::npos) return true;
    std::string_view params = Trim(item.substr(semi + 1));
    if (params.starts_with("q=") || params.starts_with("Q=")) {
      params.remove_prefix(2);
      // q=0, q=0.0, q=0.000 refuse; anything else accepts.
      bool zero = !params.empty() && params.front() == '0';
      for (char c : params.substr(params.empty() ? 0 : 1)) zero = zero && (c == '.' || c == '0');
      return !zero;
    }
    return true;
  }
  return false;
}

Result<std::string> GzipCompress(std::string_view data) {
  z_stream zs{};
  // windowBits 15 + 16 selects the gzip wrapper; level 5 balances CPU and size for JSON.
  if (deflateInit2(&zs, 5, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return Status::Internal("deflateInit2 failed");
  }
  std::string out;
  out.resize(deflateBound(&zs, static_cast<uLong>(data.size())));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return Status::Internal("deflate did not finish");
  return out;
}

Result<std::string> GzipDecompress(std::string_view data) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return Status::Internal("inflateInit2 failed");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  std::array<char, 16384> chunk{};
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk.data());
    zs.avail_out = static_cast<uInt>(chunk.size());
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      return Status::InvalidArgument("corrupt gzip stream");
    }
    out.append(chunk.data(), chunk.size() - zs.avail_out);
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
      inflateEnd(&zs);
      return Status::InvalidArgument("truncated gzip stream");
    }
  }
  inflateEnd(&zs);
  return out;
}

void AddSecurityHeaders(Response& response, std::string_view request_id) {
  // 'wasm-unsafe-eval' lets the browser compile libsodium's WebAssembly, which seals bids
  // in the supplier's browser (CR-01); it does not allow JavaScript eval or inline scripts.
  response.SetHeader("Content-Security-Policy",
                     "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                     "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'; "
                     "frame-ancestors 'none'; form-action 'self'");
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  response.SetHeader("X-Frame-Options", "DENY");
  response.SetHeader("Cross-Origin-Opener-Policy", "same-origin");
  response.SetHeader("Permissions-Policy",
                     "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
  response.SetHeader("X-Request-Id", std::string(request_id));
}

void ApplyConditionalAndEncoding(const Request& request, Response& response) {
  if (request.method != "GET" || response.status != 200) return;
  if (!response.Header("ETag")) response.SetHeader("ETag", StrongEtag(response.body));
  const std::string etag = *response.Header("ETag");
  const std::string* content_type = response.Header("Content-Type");
  const bool compressible = content_type && IsCompressible(*content_type);
  if (compressible) response.SetHeader("Vary", "Accept-Encoding");

  if (const std::string* inm = request.Header("if-none-match");
      inm && IfNoneMatchMatches(*inm, etag)) {
    response.status = 304;
    response.body.clear();
    // RFC 9110 15.4.5: a 304 carries no content headers of the omitted body.
    std::erase_if(response.headers, [](const auto& h) {
      return EqualsIgnoreCase(h.first, "Content-Type") ||
             EqualsIgnoreCase(h.first, "Content-Length");
    });
    return;
  }

  const std::string* accept = request.Header("accept-encoding");
  if (compressible && accept && response.body.size() > kGzipMinBytes && AcceptsGzip(*accept)) {
    Result<std::string> gz = GzipCompress(response.body);
    if (gz.ok()) {
      response.body = std::move(gz).value();
      response.SetHeader("Content-Encoding", "gzip");
      // A strong tag names one representation: the gzip bytes get their own tag.
      response.SetHeader("ETag", etag.substr(0, etag.size() - 1) + "-gzip\"");
    }
  }
}

}  // namespace tb::http
