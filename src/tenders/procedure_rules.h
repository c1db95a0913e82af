#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/money.h"
#include "core/result.h"
#include "tenders/tender.h"

// Procedure rules per agency, as tables (the way Prozorro keeps its procedure rules per
// procurement method): value thresholds and minimum tendering periods per method, the
// amendment window, committee sizes. A default table with per-organisation overrides, read
// from JSON (data/procedure-rules/default.json; docs/tendering.md gives the format).
namespace tb::tenders {

struct MethodRules {
  // The method may be used for estimated values in [min_value, max_value), compared only
  // when the tender's currency is the table's (there are no exchange rates yet).
  std::optional<std::int64_t> min_value_minor;
  std::optional<std::int64_t> max_value_minor;
  int min_tendering_days = 0;         // publication to deadline, calendar days
  int clarification_cutoff_days = 0;  // questions close this many days before the deadline
  bool operator==(const MethodRules&) const = default;
};

struct ProcedureRules {
  std::string currency = "USD";  // of the value thresholds
  std::map<ProcurementMethod, MethodRules> methods;
  // A substantive amendment made when fewer than `substantive_window_days` remain before
  // the deadline moves the deadline so that at least `minimum_remaining_days` remain.
  int substantive_window_days = 7;
  int minimum_remaining_days = 7;
  int min_opening_members = 3;  // n >= this
  int opening_threshold = 2;    // default k for new tenders
  bool operator==(const ProcedureRules&) const = default;

  const MethodRules& For(ProcurementMethod method) const;
  std::chrono::microseconds MinimumTenderingPeriod(ProcurementMethod method) const;
  std::chrono::microseconds ClarificationCutoff(ProcurementMethod method) const;
};

// The default table and the overrides of named organisations. Immutable once read;
// thread-safe.
class ProcedureRuleBook {
 public:
  // Reads the JSON table. InvalidArgument naming the JSON path ("default/methods/rfq/
  // min_tendering_days") for a missing section, a negative period, an unknown method, an
  // amount that is not a decimal in the table's currency, or a committee with k < 2 or
  // k >= n.
  static Result<ProcedureRuleBook> FromJson(std::string_view json);
  // The table compiled in from data/procedure-rules/default.json.
  static const ProcedureRuleBook& Default();

  // The rules for the agency named `organisation_name`: its override merged over the
  // default, field by field; the default when it has none.
  const ProcedureRules& For(std::string_view organisation_name) const;

  const ProcedureRules& defaults() const { return defaults_; }

 private:
  ProcedureRules defaults_;
  std::map<std::string, ProcedureRules, std::less<>> organisations_;
};

// Checks a tender against its agency's rules at publication: the method is allowed for the
// estimated value (field "method"), and the deadline leaves at least the method's minimum
// tendering period after `now` (field "deadline", naming the minimum and the earliest
// allowed deadline). InvalidArgument for either.
Status CheckPublication(const Tender& tender, const ProcedureRules& rules, Timestamp now);

}  // namespace tb::tenders
