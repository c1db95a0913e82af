#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace tb {

// An amount of money in the currency's minor units (cents for USD, none for JPY, fils for
// KWD: ISO 4217's exponent). Never a double, so sums and comparisons are exact.
struct Money {
  std::int64_t amount_minor = 0;
  std::string currency;  // ISO 4217 alphabetic code, upper case ("USD")

  // Parses a decimal amount as published ("1234.5", "1,234.50", "-3") in `currency`.
  // InvalidArgument for an unknown currency code, for text that is not a number, for more
  // decimals than the currency has, and for amounts that overflow 64 bits.
  static Result<Money> FromDecimal(std::string_view amount, std::string_view currency);

  // "1234.50" (no grouping), with the currency's number of decimals.
  std::string ToDecimal() const;

  bool operator==(const Money&) const = default;
};

// ISO 4217 minor-unit exponent of `currency` (2 for USD, 0 for JPY, 3 for KWD); -1 when the
// code is not a known active currency.
int CurrencyExponent(std::string_view currency);

}  // namespace tb
