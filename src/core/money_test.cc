#include "core/money.h"

#include <gtest/gtest.h>

namespace tb {
namespace {

struct MoneyCase {
  const char* amount;
  const char* currency;
  bool ok;
  std::int64_t minor;
  const char* decimal;
};

TEST(Money, ParsesDecimalsInMinorUnits) {
  const MoneyCase cases[] = {
      {"1234.5", "USD", true, 123450, "1234.50"},
      {"1,234.50", "usd", true, 123450, "1234.50"},
      {"-3", "EUR", true, -300, "-3.00"},
      {"1500", "JPY", true, 1500, "1500"},
      {"1.234", "KWD", true, 1234, "1.234"},
      {"0.05", "USD", true, 5, "0.05"},
      {"10.000", "USD", true, 1000, "10.00"},  // harmless trailing zeros
      {"1.005", "USD", false, 0, ""},          // a fraction of a cent
      {"1.5", "JPY", false, 0, ""},
      {"12abc", "USD", false, 0, ""},
      {"", "USD", false, 0, ""},
      {"10", "XYZ", false, 0, ""},
      {"99999999999999999999", "USD", false, 0, ""},
  };
  for (const MoneyCase& c : cases) {
    SCOPED_TRACE(std::string(c.amount) + " " + c.currency);
    Result<Money> m = Money::FromDecimal(c.amount, c.currency);
    ASSERT_EQ(m.ok(), c.ok) << m.status().ToString();
    if (!c.ok) continue;
    EXPECT_EQ(m->amount_minor, c.minor);
    EXPECT_EQ(m->ToDecimal(), c.decimal);
  }
}

TEST(Money, NamesTheOffendingField) {
  EXPECT_EQ(Money::FromDecimal("1", "ZZZ").status().field(), "currency");
  EXPECT_EQ(Money::FromDecimal("x", "USD").status().field(), "amount");
}

}  // namespace
}  // namespace tb
