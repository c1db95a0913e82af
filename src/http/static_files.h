#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "http/http_types.h"

namespace tb::http {

// The Content-Type for a file name by extension; text types carry charset=utf-8.
// application/octet-stream for unknown extensions.
std::string_view ContentTypeFor(std::string_view file_name);

// Turns a raw request path into a path relative to the web root ("assets/app-1a2b.js").
// "/" becomes "index.html". InvalidArgument for anything that could leave the root or
// confuse the file system: "..", "." segments, backslashes, NUL or control bytes, broken
// escapes, empty segments.
Result<std::string> SafeRelativePath(std::string_view raw_path);

// Serves a GET for a path outside /api/ from the built web UI in `web_root`:
//  - an existing file with its Content-Type; /assets/ (hashed names) cached for a year,
//    everything else "no-cache";
//  - a path whose last segment has no extension (a client-side route) gets index.html;
//  - anything else 404 problem; refused paths 404 too, so probing learns nothing.
// An empty `web_root` serves nothing (404).
Response ServeStatic(std::string_view web_root, const Request& request);

}  // namespace tb::http
