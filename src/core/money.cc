#include "core/money.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>

namespace tb {
namespace {

// Currencies whose exponent is not 2 (ISO 4217, 2024 list). Every other listed code has 2.
struct Exponent {
  std::string_view code;
  int exponent;
};
constexpr std::array<Exponent, 24> kUnusualExponents{{
    {"BHD", 3}, {"BIF", 0}, {"CLF", 4}, {"CLP", 0}, {"DJF", 0}, {"GNF", 0},
    {"IQD", 3}, {"ISK", 0}, {"JOD", 3}, {"JPY", 0}, {"KMF", 0}, {"KRW", 0},
    {"KWD", 3}, {"LYD", 3}, {"OMR", 3}, {"PYG", 0}, {"RWF", 0}, {"TND", 3},
    {"UGX", 0}, {"UYI", 0}, {"UYW", 4}, {"VND", 0}, {"VUV", 0}, {"XAF", 0},
}};
constexpr std::array<std::string_view, 6> kMoreZeroExponent{"XOF", "XPF", "XDR", "XAU", "XAG", "XXX"};

// Active ISO 4217 codes with exponent 2 (the common case); kept sorted for binary search.
constexpr std::array<std::string_view, 132> kTwoDecimalCodes{
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF",
    "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR",
    "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF",
    "IDR", "ILS", "INR", "IRR", "JMD", "KES", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK", "LBP",
    "LKR", "LRD", "LSL", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
    "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "PAB", "PEN", "PGK",
    "PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD",
    "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TOP",
    "TRY", "TTD", "TWD", "TZS", "UAH", "USD", "UYU", "UZS", "VES", "WST", "XCD", "YER", "ZAR",
    "ZMW", "ZWL",
};

}  // namespace

int CurrencyExponent(std::string_view currency) {
  for (const Exponent& e : kUnusualExponents) {
    if (e.code == currency) return e.exponent;
  }
  if (std::find(kMoreZeroExponent.begin(), kMoreZeroExponent.end(), currency) !=
      kMoreZeroExponent.end()) {
    return 0;
  }
  return std::binary_search(kTwoDecimalCodes.begin(), kTwoDecimalCodes.end(), currency) ? 2 : -1;
}

Result<Money> Money::FromDecimal(std::string_view amount, std::string_view currency) {
  std::string code(currency);
  std::transform(code.begin(), code.end(), code.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  const int exponent = CurrencyExponent(code);
  if (exponent < 0) {
    return Status::InvalidArgument("'" + code + "' is not an ISO 4217 currency code")
        .WithField("currency");
  }
  std::string_view text = amount;
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  const auto bad = [&] {
    return Status::InvalidArgument("'" + std::string(amount.substr(0, 40)) +
                                   "' is not an amount of money")
        .WithField("amount");
  };
  if (text.empty()) return bad();
  bool negative = false;
  if (text.front() == '-' || text.front() == '+') {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  std::int64_t units = 0;
  int decimals = -1;  // -1 until the decimal point is seen
  bool any_digit = false;
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max() / 10;
  for (char c : text) {
    if (c == ',' && decimals < 0) continue;  // thousands separator
    if (c == '.' && decimals < 0) {
      decimals = 0;
      continue;
    }
    if (c < '0' || c > '9') return bad();
    if (decimals >= 0) {
      if (decimals == exponent) {
        if (c != '0') {
          return Status::InvalidArgument(code + " has " + std::to_string(exponent) +
                                         " decimals; '" + std::string(amount) + "' has more")
              .WithField("amount");
        }
        continue;  // trailing zeros beyond the exponent are harmless
      }
      ++decimals;
    }
    if (units > kMax) return Status::InvalidArgument("amount is too large").WithField("amount");
    units = units * 10 + (c - '0');
    any_digit = true;
  }
  if (!any_digit) return bad();
  for (int i = std::max(decimals, 0); i < exponent; ++i) {
    if (units > kMax) return Status::InvalidArgument("amount is too large").WithField("amount");
    units *= 10;
  }
  return Money{negative ? -units : units, code};
}

std::string Money::ToDecimal() const {
  const int exponent = std::max(CurrencyExponent(currency), 0);
  const bool negative = amount_minor < 0;
  // Negate in unsigned arithmetic so INT64_MIN does not overflow.
  std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(amount_minor)
                                     : static_cast<std::uint64_t>(amount_minor);
  std::string digits = std::to_string(magnitude);
  if (exponent > 0) {
    if (digits.size() <= static_cast<std::size_t>(exponent)) {
      digits.insert(0, exponent + 1 - digits.size(), '0');
    }
    digits.insert(digits.size() - exponent, ".");
  }
  return negative ? "-" + digits : digits;
}

}  // namespace tb
