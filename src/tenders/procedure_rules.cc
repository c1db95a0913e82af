#include "tenders/procedure_rules.h"

#include <nlohmann/json.hpp>

namespace tb::tenders {

// Defined in the file generated from default_procedure_rules.cc.in.
extern const std::string_view kDefaultProcedureRulesJson;

namespace {

using nlohmann::json;

Status Bad(std::string message, std::string path) {
  return Status::InvalidArgument(std::move(message)).WithField(std::move(path));
}

Result<int> Days(const json& object, std::string_view key, const std::string& path) {
  const json& value = object.at(std::string(key));
  if (!value.is_number_integer() || value.get<std::int64_t>() < 0 ||
      value.get<std::int64_t>() > 3650) {
    return Bad("must be a whole number of days, 0..3650", path + "/" + std::string(key));
  }
  return value.get<int>();
}

Result<std::int64_t> Amount(const json& value, const std::string& currency,
                            const std::string& path) {
  if (!value.is_string()) return Bad("must be a decimal amount as a string", path);
  Result<Money> money = Money::FromDecimal(value.get<std::string>(), currency);
  if (!money.ok()) return Bad(money.status().message(), path);
  if (money->amount_minor < 0) return Bad("must not be negative", path);
  return money->amount_minor;
}

// Applies the keys present in `section` over `rules` (a whole default, or an override).
Status Apply(const json& section, const std::string& path, bool is_default, ProcedureRules& rules) {
  if (!section.is_object()) return Bad("must be an object", path);
  for (const auto& [key, value] : section.items()) {
    if (key == "currency") {
      if (!value.is_string() || CurrencyExponent(value.get<std::string>()) < 0) {
        return Bad("must be an ISO 4217 currency code", path + "/currency");
      }
      rules.currency = value.get<std::string>();
    } else if (key == "methods") {
      if (!value.is_object()) return Bad("must be an object", path + "/methods");
      for (const auto& [name, method] : value.items()) {
        const std::string at = path + "/methods/" + name;
        const std::optional<ProcurementMethod> parsed = ParseProcurementMethod(name);
        if (!parsed) return Bad("unknown method (rfq, itb, rfp)", at);
        if (!method.is_object()) return Bad("must be an object", at);
        MethodRules& m = rules.methods[*parsed];
        for (const auto& [field, v] : method.items()) {
          if (field == "min_tendering_days") {
            TB_ASSIGN_OR_RETURN(m.min_tendering_days, Days(method, field, at));
          } else if (field == "clarification_cutoff_days") {
            TB_ASSIGN_OR_RETURN(m.clarification_cutoff_days, Days(method, field, at));
          } else if (field == "min_value") {
            TB_ASSIGN_OR_RETURN(m.min_value_minor, Amount(v, rules.currency, at + "/" + field));
          } else if (field == "max_value") {
            TB_ASSIGN_OR_RETURN(m.max_value_minor, Amount(v, rules.currency, at + "/" + field));
          } else {
            return Bad("unknown field", at + "/" + field);
          }
        }
      }
    } else if (key == "amendments") {
      if (!value.is_object()) return Bad("must be an object", path + "/amendments");
      for (const auto& [field, v] : value.items()) {
        (void)v;
        const std::string at = path + "/amendments";
        if (field == "substantive_window_days") {
          TB_ASSIGN_OR_RETURN(rules.substantive_window_days, Days(value, field, at));
        } else if (field == "minimum_remaining_days") {
          TB_ASSIGN_OR_RETURN(rules.minimum_remaining_days, Days(value, field, at));
        } else {
          return Bad("unknown field", at + "/" + field);
        }
      }
    } else if (key == "committee") {
      if (!value.is_object()) return Bad("must be an object", path + "/committee");
      for (const auto& [field, v] : value.items()) {
        const std::string at = path + "/committee/" + field;
        if (!v.is_number_integer() || v.get<std::int64_t>() < 2 || v.get<std::int64_t>() > 254) {
          return Bad("must be a whole number, 2..254", at);
        }
        if (field == "min_opening_members") {
          rules.min_opening_members = v.get<int>();
        } else if (field == "opening_threshold") {
          rules.opening_threshold = v.get<int>();
        } else {
          return Bad("unknown field", at);
        }
      }
    } else {
      return Bad("unknown field", path + "/" + key);
    }
  }
  if (is_default) {
    for (ProcurementMethod m :
         {ProcurementMethod::kRfq, ProcurementMethod::kItb, ProcurementMethod::kRfp}) {
      if (!rules.methods.contains(m)) {
        return Bad("every method needs its rules",
                   path + "/methods/" + std::string(ProcurementMethodName(m)));
      }
    }
  }
  // k of n with 2 <= k < n (SECURITY.md §5.2): the smallest committee must still need two.
  if (rules.opening_threshold >= rules.min_opening_members) {
    return Bad("the opening threshold must be below the minimum committee size",
               path + "/committee/opening_threshold");
  }
  for (const auto& [method, m] : rules.methods) {
    if (m.min_value_minor && m.max_value_minor && *m.min_value_minor >= *m.max_value_minor) {
      return Bad("min_value must be below max_value",
                 path + "/methods/" + std::string(ProcurementMethodName(method)));
    }
  }
  return Status::Ok();
}

std::chrono::microseconds DaysOf(int days) { return std::chrono::hours(24) * days; }

std::string Decimal(std::int64_t minor, const std::string& currency) {
  return Money{minor, currency}.ToDecimal() + " " + currency;
}

}  // namespace

const MethodRules& ProcedureRules::For(ProcurementMethod method) const {
  static const MethodRules kNone;
  const auto it = methods.find(method);
  return it == methods.end() ? kNone : it->second;
}

std::chrono::microseconds ProcedureRules::MinimumTenderingPeriod(ProcurementMethod method) const {
  return DaysOf(For(method).min_tendering_days);
}

std::chrono::microseconds ProcedureRules::ClarificationCutoff(ProcurementMethod method) const {
  return DaysOf(For(method).clarification_cutoff_days);
}

Result<ProcedureRuleBook> ProcedureRuleBook::FromJson(std::string_view text) {
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return Bad("is not a JSON object", "rules");
  if (doc.value("format", "") != "tenderbridge-procedure-rules" || doc.value("version", 0) != 1) {
    return Bad("must be a tenderbridge-procedure-rules table of version 1", "format");
  }
  if (!doc.contains("default")) return Bad("is required", "default");
  ProcedureRuleBook book;
  TB_RETURN_IF_ERROR(Apply(doc["default"], "default", /*is_default=*/true, book.defaults_));
  if (doc.contains("organisations")) {
    const json& organisations = doc["organisations"];
    if (!organisations.is_object()) return Bad("must be an object", "organisations");
    for (const auto& [name, section] : organisations.items()) {
      ProcedureRules rules = book.defaults_;
      TB_RETURN_IF_ERROR(Apply(section, "organisations/" + name, /*is_default=*/false, rules));
      book.organisations_.emplace(name, std::move(rules));
    }
  }
  for (const auto& [key, value] : doc.items()) {
    (void)value;
    if (key != "format" && key != "version" && key != "default" && key != "organisations" &&
        key != "description") {
      return Bad("unknown field", key);
    }
  }
  return book;
}

const ProcedureRuleBook& ProcedureRuleBook::Default() {
  // The compiled-in table is checked by procedure_rules_test; a broken one is a build bug.
  static const ProcedureRuleBook kBook = [] {
    Result<ProcedureRuleBook> book = FromJson(kDefaultProcedureRulesJson);
    return book.ok() ? std::move(book).value() : ProcedureRuleBook();
  }();
  return kBook;
}

const ProcedureRules& ProcedureRuleBook::For(std::string_view organisation_name) const {
  const auto it = organisations_.find(organisation_name);
  return it == organisations_.end() ? defaults_ : it->second;
}

Status CheckPublication(const Tender& tender, const ProcedureRules& rules, Timestamp now) {
  const MethodRules& method = rules.For(tender.method);
  const std::string name(ProcurementMethodName(tender.method));
  if (tender.estimated_value && tender.estimated_value->currency == rules.currency) {
    const std::int64_t value = tender.estimated_value->amount_minor;
    if (method.max_value_minor && value >= *method.max_value_minor) {
      return Bad("an estimated value of " + Decimal(value, rules.currency) +
                     " needs another method: " + name + " is for values below " +
                     Decimal(*method.max_value_minor, rules.currency),
                 "method");
    }
    if (method.min_value_minor && value < *method.min_value_minor) {
      return Bad(name + " is for estimated values of at least " +
                     Decimal(*method.min_value_minor, rules.currency),
                 "method");
    }
  }
  if (!tender.deadline) return Bad("is required", "deadline");
  const Timestamp earliest = now + rules.MinimumTenderingPeriod(tender.method);
  if (*tender.deadline <= now) return Bad("must be in the future", "deadline");
  if (*tender.deadline < earliest) {
    return Bad(
        "is too early: " + name + " needs at least " + std::to_string(method.min_tendering_days) +
            " days of tendering, so the deadline must be " + earliest.ToRfc3339() + " or later",
        "deadline");
  }
  return Status::Ok();
}

}  // namespace tb::tenders
