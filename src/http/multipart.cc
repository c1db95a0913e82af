#include "http/multipart.h"

#include <algorithm>

#include <cstdint>

#include "http/http_types.h"

namespace tb::http {
namespace {

constexpr std::string_view kCrlf = "\r\n";

// RFC 2046 bchars: DIGIT / ALPHA / "'()+_,-./:=?" and space (not last).
bool IsBoundaryChar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsTokenChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u < 0x7f &&
         std::string_view("()<>@,;:\\\"/[]?={}").find(c) == std::string_view::npos;
}

// One `; key=value` parameter list (RFC 9110 §5.6.6) after a media type or disposition
// type. Values are tokens or quoted strings with backslash escapes. False when malformed.
struct Parameter {
  std::string name;  // lower case
  std::string value;
};
bool ParseParameters(std::string_view text, std::vector<Parameter>& parameters) {
  while (true) {
    text = TrimSpace(text);
    if (text.empty()) return true;
    if (text.front() != ';') return false;
    text.remove_prefix(1);
    text = TrimSpace(text);
    if (text.empty()) return true;  // a trailing ';' is common and harmless
    std::size_t i = 0;
    while (i < text.size() && IsTokenChar(text[i])) ++i;
    if (i == 0 || i >= text.size() || text[i] != '=') return false;
    Parameter parameter;
    for (char c : text.substr(0, i)) {
      parameter.name += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    text.remove_prefix(i + 1);
    if (!text.empty() && text.front() == '"') {
      std::size_t j = 1;
      bool closed = false;
      for (; j < text.size(); ++j) {
        if (text[j] == '\\' && j + 1 < text.size()) {
          parameter.value += text[++j];
        } else if (text[j] == '"') {
          closed = true;
          break;
        } else {
          parameter.value += text[j];
        }
      }
      if (!closed) return false;
      text.remove_prefix(j + 1);
    } else {
      std::size_t j = 0;
      while (j < text.size() && IsTokenChar(text[j])) ++j;
      if (j == 0) return false;
      parameter.value = std::string(text.substr(0, j));
      text.remove_prefix(j);
    }
    parameters.push_back(std::move(parameter));
  }
}

Status ParsePartHeaders(std::string_view block, MultipartPart& part) {
  bool disposition_seen = false;
  part.content_type = "text/plain";
  while (!block.empty()) {
    const std::size_t end = block.find(kCrlf);
    const std::string_view line = block.substr(0, end);
    block.remove_prefix(end == std::string_view::npos ? block.size() : end + kCrlf.size());
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      return Status::InvalidArgument("a part has a malformed header line").WithField("body");
    }
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = TrimSpace(line.substr(colon + 1));
    if (EqualsIgnoreCase(name, "content-disposition")) {
      if (disposition_seen) {
        return Status::InvalidArgument("a part has two Content-Disposition headers")
            .WithField("body");
      }
      disposition_seen = true;
      const std::size_t semicolon = value.find(';');
      if (!EqualsIgnoreCase(TrimSpace(value.substr(0, semicolon)), "form-data")) {
        return Status::InvalidArgument("a part is not form-data").WithField("body");
      }
      std::vector<Parameter> parameters;
      if (semicolon == std::string_view::npos ||
          !ParseParameters(value.substr(semicolon), parameters)) {
        return Status::InvalidArgument("a part has a malformed Content-Disposition")
            .WithField("body");
      }
      bool named = false;
      for (Parameter& parameter : parameters) {
        if (parameter.name == "name") {
          part.name = std::move(parameter.value);
          named = true;
        } else if (parameter.name == "filename") {
          part.filename = SafeDisplayFilename(parameter.value);
        }
      }
      if (!named || part.name.empty()) {
        return Status::InvalidArgument("a part has no name").WithField("body");
      }
    } else if (EqualsIgnoreCase(name, "content-type")) {
      if (value.empty()) {
        return Status::InvalidArgument("a part has an empty Content-Type").WithField("body");
      }
      part.content_type = std::string(value);
    }
  }
  if (!disposition_seen) {
    return Status::InvalidArgument("a part has no Content-Disposition").WithField("body");
  }
  return Status::Ok();
}

// Length of the UTF-8 sequence starting at s[i] and its code point; 0 when invalid.
std::size_t DecodeUtf8(std::string_view s, std::size_t i, std::uint32_t& code_point) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t length = 0;
  if (b0 < 0x80) {
    code_point = b0;
    return 1;
  } else if ((b0 & 0xe0) == 0xc0) {
    length = 2;
    code_point = b0 & 0x1f;
  } else if ((b0 & 0xf0) == 0xe0) {
    length = 3;
    code_point = b0 & 0x0f;
  } else if ((b0 & 0xf8) == 0xf0) {
    length = 4;
    code_point = b0 & 0x07;
  } else {
    return 0;
  }
  if (i + length > s.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xc0) != 0x80) return 0;
    code_point = (code_point << 6) | (b & 0x3f);
  }
  static constexpr std::uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code_point < kMinimum[length] || code_point > 0x10ffff ||
      (code_point >= 0xd800 && code_point <= 0xdfff)) {
    return 0;
  }
  return length;
}

bool IsUnsafeCodePoint(std::uint32_t c) {
  return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x200e || c == 0x200f ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0xfeff;
}

}  // namespace

Result<std::string> MultipartBoundary(std::string_view content_type) {
  const std::size_t semicolon = content_type.find(';');
  if (!EqualsIgnoreCase(TrimSpace(content_type.substr(0, semicolon)), "multipart/form-data")) {
    return Status::InvalidArgument("the body must be multipart/form-data")
        .WithField("Content-Type");
  }
  std::vector<Parameter> parameters;
  if (semicolon == std::string_view::npos ||
      !ParseParameters(content_type.substr(semicolon), parameters)) {
    return Status::InvalidArgument("multipart/form-data needs a boundary")
        .WithField("Content-Type");
  }
  for (const Parameter& parameter : parameters) {
    if (parameter.name != "boundary") continue;
    const std::string& b = parameter.value;
    bool valid = !b.empty() && b.size() <= 70 && b.back() != ' ';
    for (char c : b) valid = valid && IsBoundaryChar(c);
    if (!valid) {
      return Status::InvalidArgument("the multipart boundary is not valid")
          .WithField("Content-Type");
    }
    return b;
  }
  return Status::InvalidArgument("multipart/form-data needs a boundary").WithField("Content-Type");
}

Result<std::vector<MultipartPart>> ParseMultipart(std::string_view body, std::string_view boundary,
                                                  const MultipartLimits& limits) {
  if (body.size() > limits.max_total_bytes) {
    return Status::ResourceExhausted("the upload is larger than " +
                                     std::to_string(limits.max_total_bytes) + " bytes")
        .WithField("body");
  }
  if (boundary.empty()) return Status::InvalidArgument("empty boundary").WithField("body");
  const std::string delimiter = "--" + std::string(boundary);
  const std::string next_delimiter = std::string(kCrlf) + delimiter;

  std::size_t pos = 0;
  if (body.substr(0, delimiter.size()) != delimiter) {
    const std::size_t found = body.find(next_delimiter);
    if (found == std::string_view::npos) {
      return Status::InvalidArgument("the body has no multipart boundary").WithField("body");
    }
    pos = found + kCrlf.size();
  }
  pos += delimiter.size();

  std::vector<MultipartPart> parts;
  while (true) {
    if (body.substr(pos, 2) == "--") return parts;  // the close delimiter
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, kCrlf.size()) != kCrlf) {
      return Status::InvalidArgument("a multipart boundary is not followed by a line end")
          .WithField("body");
    }
    pos += kCrlf.size();
    if (parts.size() == limits.max_parts) {
      return Status::ResourceExhausted("more than " + std::to_string(limits.max_parts) + " parts")
          .WithField("body");
    }

    MultipartPart part;
    std::size_t data_start = 0;
    if (body.substr(pos, kCrlf.size()) == kCrlf) {
      data_start = pos + kCrlf.size();  // no headers at all: refused below
    } else {
      const std::size_t window = std::min(body.size() - pos, limits.max_header_bytes + 4);
      const std::size_t end = body.substr(pos, window).find("\r\n\r\n");
      if (end == std::string_view::npos) {
        if (window < body.size() - pos) {
          return Status::ResourceExhausted("a part's headers are longer than " +
                                           std::to_string(limits.max_header_bytes) + " bytes")
              .WithField("body");
        }
        return Status::InvalidArgument("the body ends inside a part's headers").WithField("body");
      }
      TB_RETURN_IF_ERROR(ParsePartHeaders(body.substr(pos, end), part));
      data_start = pos + end + 4;
    }
    if (part.name.empty()) {
      return Status::InvalidArgument("a part has no Content-Disposition").WithField("body");
    }
    const std::size_t data_end = body.find(next_delimiter, data_start);
    if (data_end == std::string_view::npos) {
      return Status::InvalidArgument("the body ends without the closing multipart boundary")
          .WithField("body");
    }
    part.data = body.substr(data_start, data_end - data_start);
    parts.push_back(std::move(part));
    pos = data_end + next_delimiter.size();
  }
}

std::string SafeDisplayFilename(std::string_view filename) {
  const std::size_t slash = filename.find_last_of("/\\");
  if (slash != std::string_view::npos) filename.remove_prefix(slash + 1);
  std::string safe;
  for (std::size_t i = 0; i < filename.size();) {
    std::uint32_t code_point = 0;
    const std::size_t length = DecodeUtf8(filename, i, code_point);
    if (length == 0) {
      ++i;  // an invalid byte is dropped
      continue;
    }
    if (!IsUnsafeCodePoint(code_point)) {
      if (safe.size() + length > 255) break;
      safe.append(filename.substr(i, length));
    }
    i += length;
  }
  const std::string_view trimmed = TrimSpace(safe);
  if (trimmed.empty() || trimmed == "." || trimmed == "..") return "file";
  return std::string(trimmed);
}

Status CheckFormFields(const std::vector<MultipartPart>& parts,
                       std::span<const std::string_view> known, std::string_view* problem) {
  std::vector<std::string_view> seen;
  for (const MultipartPart& part : parts) {
    if (std::find(known.begin(), known.end(), part.name) == known.end()) {
      *problem = "unknown_field";
      return Status::InvalidArgument("unknown field \"" + part.name + "\"").WithField(part.name);
    }
    if (std::find(seen.begin(), seen.end(), part.name) != seen.end()) {
      *problem = "malformed_multipart";
      return Status::InvalidArgument("the field \"" + part.name + "\" is given twice")
          .WithField(part.name);
    }
    seen.push_back(part.name);
  }
  return Status::Ok();
}

}  // namespace tb::http
