#include "tenders/tender.h"

#include <cmath>
#include <cstdio>
#include <set>

#include "core/text.h"
#include "core/unspsc.h"

namespace tb::tenders {
namespace {

struct Named {
  std::string_view name;
  int value;
};

template <typename Enum, std::size_t N>
std::string_view NameOf(const Named (&table)[N], Enum value) {
  for (const Named& n : table) {
    if (n.value == static_cast<int>(value)) return n.name;
  }
  return "";
}

template <typename Enum, std::size_t N>
std::optional<Enum> Parse(const Named (&table)[N], std::string_view name) {
  for (const Named& n : table) {
    if (n.name == name) return static_cast<Enum>(n.value);
  }
  return std::nullopt;
}

constexpr Named kStates[] = {
    {"draft", static_cast<int>(TenderState::kDraft)},
    {"published", static_cast<int>(TenderState::kPublished)},
    {"closed", static_cast<int>(TenderState::kClosed)},
    {"opened", static_cast<int>(TenderState::kOpened)},
    {"evaluation", static_cast<int>(TenderState::kEvaluation)},
    {"awarded", static_cast<int>(TenderState::kAwarded)},
    {"completed", static_cast<int>(TenderState::kCompleted)},
    {"cancelled", static_cast<int>(TenderState::kCancelled)},
};
constexpr Named kMethods[] = {
    {"rfq", static_cast<int>(ProcurementMethod::kRfq)},
    {"itb", static_cast<int>(ProcurementMethod::kItb)},
    {"rfp", static_cast<int>(ProcurementMethod::kRfp)},
};
constexpr Named kModes[] = {
    {"single", static_cast<int>(EnvelopeMode::kSingle)},
    {"two", static_cast<int>(EnvelopeMode::kTwo)},
};
constexpr Named kEnvelopes[] = {
    {"single", static_cast<int>(Envelope::kSingle)},
    {"technical", static_cast<int>(Envelope::kTechnical)},
    {"financial", static_cast<int>(Envelope::kFinancial)},
};

Status Invalid(std::string message, std::string field) {
  return Status::InvalidArgument(std::move(message)).WithField(std::move(field));
}

std::string At(std::string_view list, std::size_t index, std::string_view field) {
  std::string path(list);
  path.append("/").append(std::to_string(index)).append("/").append(field);
  return path;
}

// Length in code points, so that the limits mean the same in every script.
std::size_t Length(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

Status CheckText(std::string_view text, std::size_t max, std::string field) {
  if (!text::IsValidUtf8(text)) return Invalid("must be valid UTF-8 text", std::move(field));
  if (Length(text) > max) {
    return Invalid("must be at most " + std::to_string(max) + " characters", std::move(field));
  }
  return Status::Ok();
}

Status CheckId(std::string_view id, std::set<std::string>& seen, std::string field) {
  if (id.empty()) return Invalid("is required", std::move(field));
  if (id.size() > 40) return Invalid("must be at most 40 characters", std::move(field));
  for (unsigned char c : id) {
    if (c < 0x21 || c > 0x7E) return Invalid("must be printable ASCII without spaces", field);
  }
  if (!seen.insert(std::string(id)).second) {
    return Invalid("'" + std::string(id) + "' is used twice", std::move(field));
  }
  return Status::Ok();
}

bool IsCountryCode(std::string_view code) {
  return code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z';
}

Status CheckCountries(const std::vector<std::string>& countries, std::string_view field) {
  for (std::size_t i = 0; i < countries.size(); ++i) {
    if (!IsCountryCode(countries[i])) {
      return Invalid("'" + countries[i] + "' is not an ISO 3166-1 alpha-2 code",
                     std::string(field) + "/" + std::to_string(i));
    }
  }
  return Status::Ok();
}

Status CheckAmount(const std::optional<Money>& amount, const std::string& currency,
                   std::string field) {
  if (!amount) return Status::Ok();
  if (amount->currency != currency) {
    return Invalid("must be in the tender's currency " + currency, std::move(field));
  }
  if (amount->amount_minor <= 0) return Invalid("must be more than zero", std::move(field));
  return Status::Ok();
}

Status CheckEvaluation(const EvaluationRules& rules) {
  if (rules.method == EvaluationMethod::kWeighted) {
    if (rules.technical_weight < 1 || rules.technical_weight > 99) {
      return Invalid("must be 1..99", "evaluation/technical_weight");
    }
    if (rules.technical_weight + rules.financial_weight != 100) {
      return Invalid("technical and financial weights must add up to 100",
                     "evaluation/financial_weight");
    }
  }
  if (rules.minimum_technical_percent < 0 || rules.minimum_technical_percent > 100) {
    return Invalid("must be 0..100", "evaluation/minimum_technical_percent");
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < rules.criteria.size(); ++i) {
    const ScoringCriterion& c = rules.criteria[i];
    TB_RETURN_IF_ERROR(CheckId(c.id, ids, At("evaluation/criteria", i, "id")));
    if (text::Trim(c.title).empty()) {
      return Invalid("is required", At("evaluation/criteria", i, "title"));
    }
    TB_RETURN_IF_ERROR(CheckText(c.title, 300, At("evaluation/criteria", i, "title")));
    if (c.weight < 1 || c.weight > 1000) {
      return Invalid("must be 1..1000", At("evaluation/criteria", i, "weight"));
    }
    if (c.max_score < 1 || c.max_score > 1000) {
      return Invalid("must be 1..1000", At("evaluation/criteria", i, "max_score"));
    }
  }
  std::set<std::string> item_ids;
  for (std::size_t i = 0; i < rules.compliance.size(); ++i) {
    const ComplianceItem& c = rules.compliance[i];
    TB_RETURN_IF_ERROR(CheckId(c.id, item_ids, At("evaluation/compliance", i, "id")));
    if (text::Trim(c.title).empty()) {
      return Invalid("is required", At("evaluation/compliance", i, "title"));
    }
    TB_RETURN_IF_ERROR(CheckText(c.title, 300, At("evaluation/compliance", i, "title")));
  }
  return Status::Ok();
}

}  // namespace

std::string_view TenderStateName(TenderState state) { return NameOf(kStates, state); }
std::optional<TenderState> ParseTenderState(std::string_view name) {
  return Parse<TenderState>(kStates, name);
}
std::string_view ProcurementMethodName(ProcurementMethod method) {
  return NameOf(kMethods, method);
}
std::optional<ProcurementMethod> ParseProcurementMethod(std::string_view name) {
  return Parse<ProcurementMethod>(kMethods, name);
}
std::string_view EnvelopeModeName(EnvelopeMode mode) { return NameOf(kModes, mode); }
std::optional<EnvelopeMode> ParseEnvelopeMode(std::string_view name) {
  return Parse<EnvelopeMode>(kModes, name);
}
std::string_view EnvelopeName(Envelope envelope) { return NameOf(kEnvelopes, envelope); }
std::optional<Envelope> ParseEnvelope(std::string_view name) {
  return Parse<Envelope>(kEnvelopes, name);
}

std::vector<Envelope> EnvelopesOf(EnvelopeMode mode) {
  if (mode == EnvelopeMode::kSingle) return {Envelope::kSingle};
  return {Envelope::kTechnical, Envelope::kFinancial};
}

Status ValidateDraft(const Tender& t) {
  TB_RETURN_IF_ERROR(CheckText(t.reference, 100, "reference"));
  TB_RETURN_IF_ERROR(CheckText(t.title, 300, "title"));
  TB_RETURN_IF_ERROR(CheckText(t.description, 20000, "description"));
  if (!t.language.known()) return Invalid("must be an ISO 639-1 language code", "language");
  if (!t.main_category.empty() && t.main_category != "goods" && t.main_category != "services" &&
      t.main_category != "works") {
    return Invalid("must be goods, services or works", "main_category");
  }
  TB_RETURN_IF_ERROR(CheckCountries(t.countries, "countries"));
  if (CurrencyExponent(t.currency) < 0) {
    return Invalid("'" + t.currency + "' is not an ISO 4217 currency", "currency");
  }
  TB_RETURN_IF_ERROR(CheckAmount(t.estimated_value, t.currency, "estimated_value"));
  if (!t.time_zone.empty() && !time_zone::IsValid(t.time_zone)) {
    return Invalid("unknown time zone '" + t.time_zone + "'", "time_zone");
  }
  if (t.deadline && t.time_zone.empty()) {
    return Invalid("a deadline needs the time zone it was given in", "time_zone");
  }

  std::set<std::string> lot_ids;
  for (std::size_t i = 0; i < t.lots.size(); ++i) {
    const TenderLot& lot = t.lots[i];
    TB_RETURN_IF_ERROR(CheckId(lot.id, lot_ids, At("lots", i, "id")));
    TB_RETURN_IF_ERROR(CheckText(lot.title, 300, At("lots", i, "title")));
    TB_RETURN_IF_ERROR(CheckText(lot.description, 5000, At("lots", i, "description")));
    TB_RETURN_IF_ERROR(
        CheckAmount(lot.estimated_value, t.currency, At("lots", i, "estimated_value")));
  }
  std::set<std::string> item_ids;
  for (std::size_t i = 0; i < t.items.size(); ++i) {
    const TenderItem& item = t.items[i];
    TB_RETURN_IF_ERROR(CheckId(item.id, item_ids, At("items", i, "id")));
    if (!item.lot_id.empty() && !lot_ids.contains(item.lot_id)) {
      return Invalid("there is no lot '" + item.lot_id + "'", At("items", i, "lot_id"));
    }
    TB_RETURN_IF_ERROR(CheckText(item.description, 2000, At("items", i, "description")));
    if (!item.unspsc.empty()) {
      Result<UnspscCode> code = UnspscCode::Parse(item.unspsc);
      if (!code.ok()) {
        return Invalid("'" + item.unspsc + "' is not a UNSPSC code", At("items", i, "unspsc"));
      }
    }
    if (!std::isfinite(item.quantity) || item.quantity <= 0) {
      return Invalid("must be more than zero", At("items", i, "quantity"));
    }
    TB_RETURN_IF_ERROR(CheckText(item.unit, 40, At("items", i, "unit")));
  }
  if (!t.lots.empty()) {
    for (std::size_t i = 0; i < t.items.size(); ++i) {
      if (t.items[i].lot_id.empty()) {
        return Invalid("a tender with lots needs each item's lot", At("items", i, "lot_id"));
      }
    }
  }
  std::set<std::string> document_ids;
  for (std::size_t i = 0; i < t.documents.size(); ++i) {
    const TenderDocument& d = t.documents[i];
    TB_RETURN_IF_ERROR(CheckId(d.id, document_ids, At("documents", i, "id")));
    if (text::Trim(d.title).empty()) return Invalid("is required", At("documents", i, "title"));
    TB_RETURN_IF_ERROR(CheckText(d.title, 300, At("documents", i, "title")));
    TB_RETURN_IF_ERROR(ValidateDocumentFiles(d, At("documents", i, "")));
    const bool web = d.url.starts_with("https://") || d.url.starts_with("http://");
    bool clean = d.url.size() <= 2000;
    for (unsigned char c : d.url) clean = clean && c > 0x20 && c < 0x7F;
    if (d.files.empty() && (!web || !clean)) {
      return Invalid("must be an http(s) URL without spaces", At("documents", i, "url"));
    }
    TB_RETURN_IF_ERROR(CheckText(d.document_type, 60, At("documents", i, "document_type")));
    if (!d.language.empty() && !Language::FromTag(d.language).known()) {
      return Invalid("must be an ISO 639-1 code", At("documents", i, "language"));
    }
  }

  TB_RETURN_IF_ERROR(CheckEvaluation(t.evaluation));
  TB_RETURN_IF_ERROR(CheckCountries(t.eligibility.countries, "eligibility/countries"));
  if (t.bid_security.required) {
    if (!t.bid_security.amount) return Invalid("is required", "bid_security/amount");
    TB_RETURN_IF_ERROR(CheckAmount(t.bid_security.amount, t.currency, "bid_security/amount"));
  } else if (t.bid_security.amount) {
    return Invalid("is only given when a bid security is required", "bid_security/amount");
  }
  if (t.opening_threshold < 2 || t.opening_threshold > 254) {
    return Invalid("must be 2..254", "opening_threshold");
  }
  return Status::Ok();
}

Status ValidateComplete(const Tender& t) {
  TB_RETURN_IF_ERROR(ValidateDraft(t));
  if (text::Trim(t.title).empty()) return Invalid("is required", "title");
  if (text::Trim(t.description).empty()) return Invalid("is required", "description");
  if (t.main_category.empty()) return Invalid("is required", "main_category");
  if (t.items.empty()) return Invalid("at least one item is required", "items");
  for (std::size_t i = 0; i < t.items.size(); ++i) {
    if (text::Trim(t.items[i].description).empty()) {
      return Invalid("is required", At("items", i, "description"));
    }
    if (t.items[i].unspsc.empty()) return Invalid("is required", At("items", i, "unspsc"));
    if (text::Trim(t.items[i].unit).empty()) return Invalid("is required", At("items", i, "unit"));
  }
  if (!t.deadline) return Invalid("is required", "deadline");
  if (t.time_zone.empty()) return Invalid("is required", "time_zone");
  if (t.evaluation.method == EvaluationMethod::kWeighted && t.evaluation.criteria.empty()) {
    return Invalid("a weighted evaluation needs at least one criterion", "evaluation/criteria");
  }
  if (t.evaluation.minimum_technical_percent > 0 && t.evaluation.criteria.empty()) {
    return Invalid("a minimum technical score needs criteria", "evaluation/criteria");
  }
  return Status::Ok();
}

std::string OcidFor(TenderId id) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(id.value));
  return std::string("ocds-tbrdg1-") + digits;
}

Result<Timestamp> DeadlineFromLocal(std::string_view local, std::string_view zone) {
  const Status bad = Invalid(
      "must be a local date and time such as 2026-12-01T17:00 (no offset: the time zone says "
      "where)",
      "deadline");
  if (zone.empty()) return Invalid("is required with a deadline", "time_zone");
  if (!time_zone::IsValid(zone)) {
    return Invalid("unknown time zone '" + std::string(zone) + "'", "time_zone");
  }
  // YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS, 'T' or a space between.
  if (local.size() != 16 && local.size() != 19) return bad;
  const auto digit = [&](std::size_t i) { return local[i] >= '0' && local[i] <= '9'; };
  const auto number = [&](std::size_t from, std::size_t count) {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) value = value * 10 + (local[i] - '0');
    return value;
  };
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15}) {
    if (!digit(i)) return bad;
  }
  if (local[4] != '-' || local[7] != '-' || (local[10] != 'T' && local[10] != ' ') ||
      local[13] != ':') {
    return bad;
  }
  LocalDateTime t;
  t.year = number(0, 4);
  t.month = number(5, 2);
  t.day = number(8, 2);
  t.hour = number(11, 2);
  t.minute = number(14, 2);
  if (local.size() == 19) {
    if (local[16] != ':' || !digit(17) || !digit(18)) return bad;
    t.second = number(17, 2);
  }
  Result<Timestamp> utc = time_zone::ToUtc(t, zone);
  if (!utc.ok()) return Status(utc.status()).WithField("deadline");
  return utc;
}

Result<std::string> LocalDeadlineText(Timestamp t, std::string_view zone) {
  TB_ASSIGN_OR_RETURN(std::string local, time_zone::FormatLocal(t, zone));
  return local.substr(0, 19);
}

}  // namespace tb::tenders
