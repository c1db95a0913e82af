#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tb::text {

// Small text helpers shared by parsers. All work on UTF-8 bytes and leave non-ASCII alone.
std::string_view Trim(std::string_view s);
std::string ToLowerAscii(std::string_view s);
std::string ToUpperAscii(std::string_view s);
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);
bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle);
std::vector<std::string_view> Split(std::string_view s, char sep);
// Collapses runs of white space (including newlines) to one space and trims.
std::string CollapseWhitespace(std::string_view s);
// True when `s` is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);
// Replaces ill-formed UTF-8 sequences with U+FFFD so the text can be stored and served.
std::string SanitizeUtf8(std::string_view s);

}  // namespace tb::text
