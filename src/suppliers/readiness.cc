#include "suppliers/readiness.h"

#include <algorithm>
#include <set>
#include <utility>

#include "core/text.h"
#include "suppliers/profile_json.h"

namespace tb::suppliers {
namespace {

constexpr int kReferencesNeeded = 3;
constexpr int kReferenceLettersNeeded = 3;
constexpr int kStatementYearsNeeded = 3;
constexpr int kYearsInBusinessNeeded = 3;
// Audits lag a year or more behind, so "recent" reaches back four fiscal years.
constexpr int kStatementLookBackYears = 4;

bool Blank(std::string_view s) { return text::Trim(s).empty(); }

bool Current(const DocumentInfo& d, Timestamp now) {
  return !d.valid_until || *d.valid_until >= now;
}

ChecklistItem Item(std::string id, bool done, std::string key = {},
                   std::map<std::string, std::string> params = {}) {
  ChecklistItem item{std::move(id), done, {}};
  if (!done) item.next = NextStep{"readiness." + std::move(key), std::move(params)};
  return item;
}

std::vector<ChecklistItem> BasicItems(const SupplierRecord& r) {
  const Profile& p = r.profile;
  std::vector<std::string> missing;
  if (Blank(p.legal_name)) missing.push_back("legal_name");
  if (!p.year_established) missing.push_back("year_established");
  if (p.registration_numbers.empty()) missing.push_back("registration_numbers");
  if (!p.party_scale) missing.push_back("party_scale");
  std::string missing_list;
  for (const std::string& field : missing) {
    missing_list += (missing_list.empty() ? "" : ", ") + field;
  }
  const bool address =
      !Blank(p.address.street) && !Blank(p.address.city) && !p.address.country.empty();
  const bool contact = std::any_of(p.contacts.begin(), p.contacts.end(), [](const Contact& c) {
    return !Blank(c.name) && !c.email.empty();
  });
  return {
      Item("general_information", missing.empty(), "general_information",
           {{"missing", missing_list}}),
      Item("address", address, "address"),
      Item("countries", !p.countries_of_operation.empty(), "countries"),
      Item("contacts", contact, "contacts"),
      Item("codes", !p.unspsc_codes.empty(), "codes"),
      Item("code_of_conduct", r.code_of_conduct_accepted_at.has_value(), "code_of_conduct"),
  };
}

ChecklistItem IncorporationItem(std::span<const DocumentInfo> docs, Timestamp now) {
  std::optional<Timestamp> expired_on;
  bool untranslated = false;
  for (const DocumentInfo& d : docs) {
    if (d.kind != DocumentKind::kIncorporationCertificate) continue;
    if (!Current(d, now)) {
      if (!expired_on || *d.valid_until > *expired_on) expired_on = d.valid_until;
      continue;
    }
    if (d.language == "en") return Item("incorporation_certificate", true);
    const bool translated = std::any_of(docs.begin(), docs.end(), [&](const DocumentInfo& t) {
      return t.kind == DocumentKind::kTranslation && t.translation_of == d.id &&
             (t.language.empty() || t.language == "en") && Current(t, now);
    });
    if (translated) return Item("incorporation_certificate", true);
    untranslated = true;
  }
  if (untranslated) return Item("incorporation_certificate", false, "incorporation_translation");
  if (expired_on) {
    return Item("incorporation_certificate", false, "incorporation_expired",
                {{"date", DateText(*expired_on)}});
  }
  return Item("incorporation_certificate", false, "incorporation_certificate");
}

std::vector<ChecklistItem> Level1Items(const SupplierRecord& r, std::span<const DocumentInfo> docs,
                                       Timestamp now) {
  const Profile& p = r.profile;
  const int references =
      static_cast<int>(std::count_if(p.references.begin(), p.references.end(),
                                     [](const Reference& ref) { return !Blank(ref.client_name); }));
  const bool ownership =
      !p.owners.empty() || std::any_of(docs.begin(), docs.end(), [&](const DocumentInfo& d) {
        return d.kind == DocumentKind::kOwnershipStructure && Current(d, now);
      });
  return {
      IncorporationItem(docs, now),
      Item("references", references >= kReferencesNeeded, "references",
           {{"missing", std::to_string(kReferencesNeeded - references)}}),
      Item("ownership_structure", ownership, "ownership_structure"),
  };
}

std::vector<ChecklistItem> Level2Items(const SupplierRecord& r, std::span<const DocumentInfo> docs,
                                       Timestamp now) {
  const int this_year = YearOf(now);
  ChecklistItem years = Item("years_in_business", false, "year_established");
  if (r.profile.year_established) {
    const int qualifies_from = *r.profile.year_established + kYearsInBusinessNeeded;
    years = Item("years_in_business", this_year >= qualifies_from, "years_in_business",
                 {{"year", std::to_string(qualifies_from)}});
  }
  const int letters =
      static_cast<int>(std::count_if(docs.begin(), docs.end(), [&](const DocumentInfo& d) {
        return d.kind == DocumentKind::kReferenceLetter && Current(d, now);
      }));
  std::set<int> audited_years;
  for (const DocumentInfo& d : docs) {
    if (d.kind == DocumentKind::kFinancialStatement && d.audited && Current(d, now) &&
        d.fiscal_year >= this_year - kStatementLookBackYears) {
      audited_years.insert(d.fiscal_year);
    }
  }
  const int statements = static_cast<int>(audited_years.size());
  return {
      std::move(years),
      Item("reference_letters", letters >= kReferenceLettersNeeded, "reference_letters",
           {{"missing", std::to_string(kReferenceLettersNeeded - letters)}}),
      Item("financial_statements", statements >= kStatementYearsNeeded, "financial_statements",
           {{"missing", std::to_string(kStatementYearsNeeded - statements)}}),
  };
}

LevelReadiness Level(UngmLevel level, std::vector<ChecklistItem> items) {
  LevelReadiness out{level, std::move(items), 0, false};
  const auto done = std::count_if(out.items.begin(), out.items.end(),
                                  [](const ChecklistItem& i) { return i.done; });
  out.score =
      out.items.empty() ? 100 : static_cast<int>(done * 100 / static_cast<long>(out.items.size()));
  out.complete = done == static_cast<long>(out.items.size());
  return out;
}

}  // namespace

std::string_view UngmLevelName(UngmLevel level) {
  switch (level) {
    case UngmLevel::kBasic:
      return "basic";
    case UngmLevel::kLevel1:
      return "level_1";
    case UngmLevel::kLevel2:
      return "level_2";
    case UngmLevel::kNone:
      break;
  }
  return "none";
}

std::optional<UngmLevel> ParseUngmLevel(std::string_view name) {
  for (UngmLevel l :
       {UngmLevel::kNone, UngmLevel::kBasic, UngmLevel::kLevel1, UngmLevel::kLevel2}) {
    if (UngmLevelName(l) == name) return l;
  }
  return std::nullopt;
}

Readiness AssessReadiness(const SupplierRecord& record, std::span<const DocumentInfo> documents,
                          Timestamp now) {
  Readiness out;
  out.levels.push_back(Level(UngmLevel::kBasic, BasicItems(record)));
  out.levels.push_back(Level(UngmLevel::kLevel1, Level1Items(record, documents, now)));
  out.levels.push_back(Level(UngmLevel::kLevel2, Level2Items(record, documents, now)));
  for (const LevelReadiness& level : out.levels) {
    if (!level.complete) break;
    out.reached = level.level;
  }
  return out;
}

std::string RenderNextStep(const NextStep& step, const Language& language) {
  std::optional<std::string_view> pattern = ReadinessMessageTemplate(step.key, language.code());
  if (!pattern) pattern = ReadinessMessageTemplate(step.key, "en");
  if (!pattern) return step.key;
  std::string out;
  for (std::size_t i = 0; i < pattern->size();) {
    if ((*pattern)[i] == '{') {
      const std::size_t close = pattern->find('}', i);
      if (close != std::string_view::npos) {
        const auto it = step.params.find(std::string(pattern->substr(i + 1, close - i - 1)));
        if (it != step.params.end()) {
          out += it->second;
          i = close + 1;
          continue;
        }
      }
    }
    out.push_back((*pattern)[i++]);
  }
  return out;
}

nlohmann::json ReadinessToJson(const Readiness& readiness, const Language* language) {
  nlohmann::json levels = nlohmann::json::array();
  for (const LevelReadiness& level : readiness.levels) {
    nlohmann::json items = nlohmann::json::array();
    for (const ChecklistItem& item : level.items) {
      nlohmann::json j = {{"id", item.id}, {"done", item.done}};
      if (!item.done) {
        j["next"] = {{"key", item.next.key}, {"params", item.next.params}};
        if (language) j["message"] = RenderNextStep(item.next, *language);
      }
      items.push_back(std::move(j));
    }
    levels.push_back({{"level", UngmLevelName(level.level)},
                      {"score", level.score},
                      {"complete", level.complete},
                      {"items", std::move(items)}});
  }
  return {{"reached", UngmLevelName(readiness.reached)}, {"levels", std::move(levels)}};
}

}  // namespace tb::suppliers
