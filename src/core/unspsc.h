#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tb {

// A UNSPSC code at any depth. The 8 digits are segment (2), family (2), class (2) and
// commodity (2); a code with trailing "00" pairs names the level above it: 43000000 is a
// segment, 43210000 a family, 43211500 a class, 43211503 a commodity.
class UnspscCode {
 public:
  enum class Level { kSegment = 1, kFamily = 2, kClass = 3, kCommodity = 4 };

  // Accepts 2, 4, 6 or 8 digits ("43", "4321", "432115", "43211503"), padding with zeros,
  // and the 10-digit form with a trailing business-function pair, which is dropped.
  // InvalidArgument for anything else, or for a segment below 10.
  static Result<UnspscCode> Parse(std::string_view text);

  std::uint32_t value() const { return value_; }
  Level level() const;
  // "43211503".
  std::string ToString() const;
  // The digits that identify the code at its level: "43", "4321", "432115", "43211503".
  // A code B lies under A when B.ToString() starts with A.Prefix().
  std::string Prefix() const;
  // The code one level up; a segment returns itself.
  UnspscCode Parent() const;
  // True when `other` is this code or lies under it.
  bool Contains(UnspscCode other) const;

  auto operator<=>(const UnspscCode&) const = default;

 private:
  explicit UnspscCode(std::uint32_t value) : value_(value) {}
  std::uint32_t value_ = 0;
};

}  // namespace tb
