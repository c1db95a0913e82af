#include "search/internal/cursor.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "core/text.h"

namespace tb::search::internal {
namespace {

constexpr char kHex[] = "0123456789abcdef";

std::string Hex(std::string_view bytes) {
  std::string out;
  for (char c : bytes) {
    out += kHex[(static_cast<unsigned char>(c) >> 4) & 0xF];
    out += kHex[static_cast<unsigned char>(c) & 0xF];
  }
  return out;
}

bool Unhex(std::string_view hex, std::string& out) {
  if (hex.size() % 2 != 0) return false;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out += static_cast<char>(hi << 4 | lo);
  }
  return true;
}

template <typename T>
bool ParseInt(std::string_view s, T& out) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

Status Bad() {
  return Status::InvalidArgument("the cursor is not one this search returned").WithField("cursor");
}

}  // namespace

std::string EncodeCursor(const Cursor& cursor) {
  std::string plain;
  if (cursor.sort == SortOrder::kRelevance) {
    char weight[64];
    std::snprintf(weight, sizeof weight, "%a", cursor.weight);
    plain = "r~" + std::to_string(cursor.offset) + "~" + std::to_string(cursor.docid) + "~" + weight;
  } else {
    plain = std::string(cursor.sort == SortOrder::kDeadline ? "d~" : "p~") +
            std::to_string(cursor.docid) + "~" + Hex(cursor.value);
  }
  return "c1" + Hex(plain);
}

Result<Cursor> DecodeCursor(std::string_view token) {
  std::string plain;
  if (token.size() < 2 || token.substr(0, 2) != "c1" || token.size() > 512 ||
      !Unhex(token.substr(2), plain)) {
    return Bad();
  }
  std::vector<std::string_view> parts = text::Split(plain, '~');
  Cursor c;
  if (parts.size() == 4 && parts[0] == "r") {
    c.sort = SortOrder::kRelevance;
    if (!ParseInt(parts[1], c.offset) || c.offset < 0 || !ParseInt(parts[2], c.docid)) return Bad();
    std::string weight(parts[3]);
    char* end = nullptr;
    c.weight = std::strtod(weight.c_str(), &end);
    if (end != weight.c_str() + weight.size()) return Bad();
    return c;
  }
  if (parts.size() == 3 && (parts[0] == "d" || parts[0] == "p")) {
    c.sort = parts[0] == "d" ? SortOrder::kDeadline : SortOrder::kPublished;
    if (!ParseInt(parts[1], c.docid) || !Unhex(parts[2], c.value)) return Bad();
    return c;
  }
  return Bad();
}

}  // namespace tb::search::internal
