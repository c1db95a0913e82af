#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "http/http_types.h"

namespace tb::http {

// A strong ETag for `body`: a quoted hex BLAKE2b-128 digest, stable across processes so
// several servers behind one proxy agree.
std::string StrongEtag(std::string_view body);

// True when an If-None-Match value ("\"abc\", W/\"def\"" or "*") matches `etag`. Weak
// comparison, as RFC 9110 prescribes for If-None-Match; the "-gzip" variant of a tag matches
// too, because it names the same content.
bool IfNoneMatchMatches(std::string_view if_none_match, std::string_view etag);

// The version an If-Match header names in the "v<version>..." ETags of versioned resources
// (tenders, events, supplier profiles): W/ and the quotes are ignored, and so is anything
// after the digits (a digest, the language, the "-gzip" of a compressed answer). nullopt for
// no header or "*"; InvalidArgument (field "If-Match") for a tag this server did not make,
// naming `what` ("tender").
Result<std::optional<std::int64_t>> IfMatchVersion(const Request& request, std::string_view what);

// True when an Accept-Encoding value allows gzip (not "gzip;q=0"; "*" counts).
bool AcceptsGzip(std::string_view accept_encoding);

// gzip (RFC 1952) compression and decompression with zlib. Internal on zlib failure,
// InvalidArgument on a corrupt stream.
Result<std::string> GzipCompress(std::string_view data);
Result<std::string> GzipDecompress(std::string_view data);

inline constexpr std::size_t kGzipMinBytes = 1024;

// Adds what every response carries: the security headers (CSP, nosniff, frame denial,
// referrer and opener policies, permissions policy) and X-Request-Id.
void AddSecurityHeaders(Response& response, std::string_view request_id);

// For a successful GET: sets a strong ETag, answers 304 with no body when If-None-Match
// matches, and gzips a compressible body over 1 KB when the client accepts it (with
// Vary: Accept-Encoding).
void ApplyConditionalAndEncoding(const Request& request, Response& response);

}  // namespace tb::http
