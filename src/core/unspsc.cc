#include "core/unspsc.h"

#include <cstdio>

namespace tb {

Result<UnspscCode> UnspscCode::Parse(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  const auto bad = [&] {
    return Status::InvalidArgument("'" + std::string(text.substr(0, 20)) +
                                   "' is not a UNSPSC code (2, 4, 6 or 8 digits)")
        .WithField("unspsc");
  };
  if (text.size() == 10) text.remove_suffix(2);
  if (text.empty() || text.size() > 8 || text.size() % 2 != 0) return bad();
  std::uint32_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return bad();
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
  }
  for (std::size_t i = text.size(); i < 8; ++i) value *= 10;
  if (value < 10'000'000) return bad();
  return UnspscCode(value);
}

UnspscCode::Level UnspscCode::level() const {
  if (value_ % 1'000'000 == 0) return Level::kSegment;
  if (value_ % 10'000 == 0) return Level::kFamily;
  if (value_ % 100 == 0) return Level::kClass;
  return Level::kCommodity;
}

std::string UnspscCode::ToString() const {
  char buf[12];
  std::snprintf(buf, sizeof buf, "%08u", value_);
  return buf;
}

std::string UnspscCode::Prefix() const {
  return ToString().substr(0, 2 * static_cast<std::size_t>(level()));
}

UnspscCode UnspscCode::Parent() const {
  switch (level()) {
    case Level::kSegment: return *this;
    case Level::kFamily: return UnspscCode(value_ / 1'000'000 * 1'000'000);
    case Level::kClass: return UnspscCode(value_ / 10'000 * 10'000);
    case Level::kCommodity: return UnspscCode(value_ / 100 * 100);
  }
  return *this;
}

bool UnspscCode::Contains(UnspscCode other) const {
  const std::string prefix = Prefix();
  return other.ToString().compare(0, prefix.size(), prefix) == 0;
}

}  // namespace tb
