#include "search/internal/document_builder.h"

#include <xapian.h>

#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/text.h"
#include "search/internal/field_indexing.h"
#include "search/internal/layout.h"
#include "search/internal/regions.h"
#include "search/internal/text_analysis.h"
#include "search/unspsc_title_lookup.h"

namespace tb::search::internal {
namespace {

constexpr std::string_view kSustainableKeywords[] = {
    // en
    "sustainab", "renewable", "solar", "photovolta", "recycl", "energy efficien", "green ",
    "biodegradable", "clean energy", "low carbon", "low-carbon",
    // fr
    "durable", "renouvelable", "solaire", "recyclage", "recycle",
    // es, pt
    "sostenible", "renovable", "reciclaj", "fotovolta", "sustentav", "reciclagem",
    // zh
    "可持续", "太阳能", "可再生", "回收", "环保", "光伏", "节能",
};

bool IsTerminal(notices::NoticeStatus status) {
  using notices::NoticeStatus;
  return status == NoticeStatus::kCancelled || status == NoticeStatus::kUnsuccessful ||
         status == NoticeStatus::kComplete || status == NoticeStatus::kWithdrawn;
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += kListSeparator;
    out += item;
  }
  return out;
}

}  // namespace

}  // namespace tb::search::internal

namespace tb::search {

std::string AgencyKey(std::string_view buyer) {
  std::string_view name = text::Trim(buyer);
  if (!name.empty() && name.back() == ')') {
    std::size_t open = name.rfind('(');
    if (open != std::string_view::npos) {
      std::string_view inner = text::Trim(name.substr(open + 1, name.size() - open - 2));
      if (!inner.empty() && inner.size() <= 12 && inner.find(' ') == std::string_view::npos) {
        return text::ToUpperAscii(inner);
      }
    }
  }
  return std::string(name);
}

bool LooksSustainable(const notices::Notice& notice) {
  std::string folded = internal::Fold(notice.title.text) + " " + internal::Fold(notice.description.text) + " ";
  for (const notices::Lot& lot : notice.lots) folded += internal::Fold(lot.title) + " ";
  for (std::string_view keyword : internal::kSustainableKeywords) {
    if (folded.find(keyword) != std::string::npos) return true;
  }
  return false;
}

}  // namespace tb::search

namespace tb::search::internal {

std::string IdTerm(NoticeId id) { return std::string(kIdPrefix) + std::to_string(id.value); }

Xapian::Document BuildDocument(const notices::Notice& notice, const UnspscTitleLookup* titles) {
  Xapian::Document doc;
  Xapian::TermGenerator generator;
  generator.set_document(doc);
  generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);

  const Language title_language = notice.title.language;
  const Language description_language =
      notice.description.language.known() ? notice.description.language : title_language;

  // Text fields, weighted by field (BM25 sees the wdf): title > codes > description.
  IndexField(generator, notice.title.text, title_language, kTitleWeight);
  generator.set_stemmer(StemmerFor(title_language));
  generator.index_text_without_positions(SplitElisions(notice.title.text), 1, std::string(kTitlePrefix));
  std::vector<std::string> codes;
  for (const UnspscCode& code : notice.unspsc) {
    codes.push_back(code.ToString());
    IndexCodeTitles(generator, code, titles, title_language, kCodeTitleWeight);
  }
  IndexField(generator, notice.description.text, description_language, kDescriptionWeight);
  IndexField(generator, notice.buyer, Language::English(), kAgencyWeight);
  for (const notices::Lot& lot : notice.lots) {
    IndexField(generator, lot.title, title_language, kLotWeight);
    IndexField(generator, lot.description, title_language, kLotWeight);
  }
  IndexField(generator, notice.reference, Language::English(), kLotWeight);

  // Boolean terms (filters) and the values of facets, sorting and ranges.
  doc.add_boolean_term(IdTerm(notice.id));
  const std::string agency = AgencyKey(notice.buyer);
  if (!agency.empty()) {
    doc.add_boolean_term(std::string(kAgencyPrefix) + Fold(agency));
    doc.add_boolean_term(std::string(kAgencyPrefix) + Fold(text::Trim(notice.buyer)));
  }
  const std::string type(notices::NoticeTypeName(notice.type));
  doc.add_boolean_term(std::string(kTypePrefix) + type);
  std::vector<std::string> regions;
  for (const std::string& country : notice.countries) {
    const std::string upper = text::ToUpperAscii(country);
    doc.add_boolean_term(std::string(kCountryPrefix) + upper);
    std::string_view region = RegionOf(upper);
    if (!region.empty() &&
        std::find(regions.begin(), regions.end(), region) == regions.end()) {
      regions.emplace_back(region);
      doc.add_boolean_term(std::string(kRegionPrefix) + std::string(region));
    }
  }
  std::vector<std::string> segments;
  for (const UnspscCode& code : notice.unspsc) {
    AddCodePrefixTerms(doc, kCodePrefix, code, kCodeTermWdf);
    std::string segment = code.Prefix().substr(0, 2);
    if (std::find(segments.begin(), segments.end(), segment) == segments.end()) {
      segments.push_back(segment);
    }
  }
  const std::string language = title_language.known() ? title_language.code() : "und";
  doc.add_boolean_term(std::string(kLanguagePrefix) + language);
  doc.add_boolean_term(std::string(kLifecyclePrefix) +
                       std::string(notices::NoticeStatusName(notice.status)));
  if (notice.estimated_value) {
    doc.add_boolean_term(std::string(kCurrencyPrefix) +
                         text::ToUpperAscii(notice.estimated_value->currency));
    doc.add_value(kValueSlot,
                  Xapian::sortable_serialise(static_cast<double>(notice.estimated_value->amount_minor)));
  }
  if (LooksSustainable(notice)) doc.add_boolean_term(std::string(kSustainableTerm));

  doc.add_value(kDeadlineSlot, Xapian::sortable_serialise(
                                   notice.deadline ? static_cast<double>(notice.deadline->seconds())
                                                   : kFar));
  doc.add_value(kPublishedSlot,
                Xapian::sortable_serialise(notice.published
                                               ? static_cast<double>(notice.published->seconds())
                                               : -kFar));
  std::vector<std::string> countries;
  for (const std::string& c : notice.countries) countries.push_back(text::ToUpperAscii(c));
  // Facets read one record (slot 10); slots 3-9, which held the same fields one by one, are no
  // longer written (seven fewer value streams to update per document).
  const double deadline = notice.deadline ? static_cast<double>(notice.deadline->seconds()) : kFar;
  std::string record = std::to_string(static_cast<std::int64_t>(deadline));
  for (const std::string& field :
       {std::string(IsTerminal(notice.status) ? "1" : "0"), agency, type, language, Joined(countries),
        Joined(regions), Joined(segments)}) {
    record += kRecordSeparator;
    record += field;
  }
  doc.add_value(kFacetRecordSlot, record);

  nlohmann::json data = {
      {"id", notice.id.value},
      {"pid", notice.public_id},
      {"t", notice.title.text},
      {"tl", title_language.code()},
      {"ag", agency},
      {"b", notice.buyer},
      {"ty", type},
      {"c", countries},
      {"k", codes},
      {"x", IsTerminal(notice.status)},
      {"d", text::SanitizeUtf8(notice.description.text.substr(
                0, std::min(notice.description.text.size(), kStoredDescriptionBytes)))},
      {"dl", description_language.code()},
  };
  if (notice.published) data["p"] = notice.published->micros();
  if (notice.deadline) data["dd"] = notice.deadline->micros();
  doc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return doc;
}

StoredNotice ReadStored(const std::string& data) {
  StoredNotice out;
  nlohmann::json j = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return out;
  out.id = NoticeId{j.value("id", std::int64_t{0})};
  out.public_id = j.value("pid", "");
  out.title = j.value("t", "");
  out.title_language = j.value("tl", "");
  out.agency = j.value("ag", "");
  out.buyer = j.value("b", "");
  out.type = j.value("ty", "");
  out.countries = j.value("c", std::vector<std::string>{});
  out.codes = j.value("k", std::vector<std::string>{});
  out.terminal = j.value("x", false);
  out.description = j.value("d", "");
  out.description_language = j.value("dl", "");
  if (j.contains("p")) out.published = Timestamp::FromMicros(j["p"].get<std::int64_t>());
  if (j.contains("dd")) out.deadline = Timestamp::FromMicros(j["dd"].get<std::int64_t>());
  return out;
}

}  // namespace tb::search::internal
