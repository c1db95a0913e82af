#include "search/internal/supplier_document.h"

#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "core/text.h"
#include "search/internal/field_indexing.h"
#include "search/internal/layout.h"
#include "search/internal/text_analysis.h"

namespace tb::search::internal {
namespace {

bool HasNonAscii(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// A name is indexed as written and, when folding changes more than case, folded as well, so
// "equipements" finds "Équipements" and "équipements" still finds it too. Supplier names
// carry no language: they are stemmed as English, as the directory's queries are.
void IndexName(Xapian::TermGenerator& generator, std::string_view name) {
  IndexField(generator, name, Language::English(), kNameWeight);
  if (HasNonAscii(name)) {
    const std::string folded = Fold(name);
    if (folded != name) IndexField(generator, folded, Language::English(), kNameWeight);
  }
}

void AddFlag(Xapian::Document& doc, std::string_view prefix, bool value) {
  doc.add_boolean_term(std::string(prefix) + (value ? "1" : "0"));
}

}  // namespace

std::string SupplierIdTerm(SupplierId id) {
  std::string term(kIdPrefix);
  term += std::to_string(id.value);  // append, not operator+: g++ 12 warns falsely (-Wrestrict)
  return term;
}

std::string SupplierSortKey(const SupplierDocument& supplier) {
  const std::string_view latin = text::Trim(supplier.legal_name_latin);
  std::string key = Fold(latin.empty() ? text::Trim(supplier.legal_name) : latin);
  // NUL sorts below every character, so "ab" comes before "ab c"; the zero-padded id orders
  // equal names and makes every key unique (the keyset cursor relies on it).
  char id[24];
  std::snprintf(id, sizeof id, "%020lld", static_cast<long long>(supplier.id.value));
  key += '\0';
  key += id;
  return key;
}

Xapian::Document BuildSupplierDocument(const SupplierDocument& s, const UnspscTitleLookup* titles) {
  Xapian::Document doc;
  Xapian::TermGenerator generator;
  generator.set_document(doc);
  generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);

  IndexName(generator, s.legal_name);
  IndexName(generator, s.legal_name_latin);
  for (const std::string& name : s.trading_names) IndexName(generator, name);
  for (const UnspscCode& code : s.codes) {
    IndexCodeTitles(generator, code, titles, Language(), kSupplierCodeTitleWeight);
  }
  IndexField(generator, s.description, Language::English(), kSupplierDescriptionWeight);

  doc.add_boolean_term(SupplierIdTerm(s.id));
  for (const UnspscCode& code : s.codes) {
    AddCodePrefixTerms(doc, kCodePrefix, code, 0);
    doc.add_boolean_term(std::string(kListedCodePrefix) + code.Prefix());
  }
  std::set<std::string> countries(s.countries_of_operation.begin(), s.countries_of_operation.end());
  if (!s.country.empty()) countries.insert(s.country);
  for (const std::string& c : countries) {
    doc.add_boolean_term(std::string(kSupplierCountryPrefix) + text::ToUpperAscii(c));
  }
  if (!s.size.empty()) doc.add_boolean_term(std::string(kSizePrefix) + s.size);
  AddFlag(doc, kWomenOwnedPrefix, s.women_owned);
  AddFlag(doc, kDisabilityPrefix, s.disability_inclusive);
  if (s.sme) AddFlag(doc, kSmePrefix, *s.sme);
  std::set<std::string> certificates(s.certificates.begin(), s.certificates.end());
  for (const std::string& c : certificates) {
    doc.add_boolean_term(std::string(kCertificatePrefix) + c);
  }
  for (int level = 0; level <= s.readiness_level; ++level) {
    doc.add_boolean_term(std::string(kLevelAtLeastPrefix) + std::to_string(level));
  }
  if (!s.review_state.empty())
    doc.add_boolean_term(std::string(kReviewStatePrefix) + s.review_state);

  doc.add_value(kNameSortSlot, SupplierSortKey(s));
  std::string certificate_list;
  for (const std::string& c : certificates) {
    if (!certificate_list.empty()) certificate_list += kListSeparator;
    certificate_list += c;
  }
  std::string record = text::ToUpperAscii(s.country);
  for (const std::string& field : {s.size, std::string(s.women_owned ? "true" : "false"),
                                   std::to_string(s.readiness_level), certificate_list}) {
    record += kRecordSeparator;
    record += field;
  }
  doc.add_value(kSupplierFacetSlot, record);

  std::vector<std::string> codes;
  for (const UnspscCode& code : s.codes) codes.push_back(code.ToString());
  nlohmann::json data = {
      {"id", s.id.value},
      {"n", s.legal_name},
      {"nl", s.legal_name_latin},
      {"tn", s.trading_names},
      {"d", text::SanitizeUtf8(
                s.description.substr(0, std::min(s.description.size(), kStoredDescriptionBytes)))},
      {"k", codes},
      {"c", s.country},
      {"co", s.countries_of_operation},
      {"sz", s.size},
      {"w", s.women_owned},
      {"di", s.disability_inclusive},
      {"ce", s.certificates},
      {"l", s.readiness_level},
      {"st", s.review_state},
  };
  if (s.sme) data["sme"] = *s.sme;
  doc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return doc;
}

SupplierDocument ReadStoredSupplier(const std::string& data) {
  SupplierDocument s;
  nlohmann::json j = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return s;
  s.id = SupplierId{j.value("id", std::int64_t{0})};
  s.legal_name = j.value("n", "");
  s.legal_name_latin = j.value("nl", "");
  s.trading_names = j.value("tn", std::vector<std::string>{});
  s.description = j.value("d", "");
  for (const std::string& code : j.value("k", std::vector<std::string>{})) {
    if (Result<UnspscCode> parsed = UnspscCode::Parse(code); parsed.ok())
      s.codes.push_back(*parsed);
  }
  s.country = j.value("c", "");
  s.countries_of_operation = j.value("co", std::vector<std::string>{});
  s.size = j.value("sz", "");
  if (j.contains("sme")) s.sme = j.value("sme", false);
  s.women_owned = j.value("w", false);
  s.disability_inclusive = j.value("di", false);
  s.certificates = j.value("ce", std::vector<std::string>{});
  s.readiness_level = j.value("l", 0);
  s.review_state = j.value("st", "");
  return s;
}

}  // namespace tb::search::internal
