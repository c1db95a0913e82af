#include "suppliers/ungm_export.h"

#include <utility>

#include "suppliers/profile_json.h"

namespace tb::suppliers {
namespace {

using ordered = nlohmann::ordered_json;

ordered Numbers(const std::vector<CompanyNumber>& list) {
  ordered out = ordered::array();
  for (const CompanyNumber& n : list) out.push_back({{"country", n.country}, {"number", n.number}});
  return out;
}

ordered DocumentSummary(const DocumentInfo& d) {
  ordered out = {{"document_id", d.id.value}, {"name", d.display_name}};
  if (!d.language.empty()) out["language"] = d.language;
  if (d.valid_until) out["valid_until"] = DateText(*d.valid_until);
  if (d.translation_of) out["translation_of"] = d.translation_of->value;
  return out;
}

ordered DocumentsOf(std::span<const DocumentInfo> docs, DocumentKind kind) {
  ordered out = ordered::array();
  for (const DocumentInfo& d : docs) {
    if (d.kind == kind) out.push_back(DocumentSummary(d));
  }
  return out;
}

// Turns a key like "legal_name_latin" into the label "Legal name latin".
std::string Label(const std::string& key) {
  std::string out = key;
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string Scalar(const ordered& v) {
  if (v.is_string()) {
    // One value per line: a line break inside a value could fake another field.
    std::string s = v.get<std::string>();
    for (char& c : s) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    return s;
  }
  if (v.is_null()) return "";
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  return v.dump();
}

void WriteText(const ordered& v, int indent, std::string& out) {
  const std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
  if (v.is_object()) {
    for (const auto& [key, value] : v.items()) {
      if (value.is_structured()) {
        out += pad + Label(key) + ":\n";
        WriteText(value, indent + 1, out);
      } else {
        out += pad + Label(key) + ": " + Scalar(value) + "\n";
      }
    }
  } else if (v.is_array()) {
    if (v.empty()) out += pad + "(none)\n";
    for (const ordered& element : v) {
      if (element.is_structured()) {
        out += pad + "-\n";
        WriteText(element, indent + 1, out);
      } else {
        out += pad + "- " + Scalar(element) + "\n";
      }
    }
  } else {
    out += pad + Scalar(v) + "\n";
  }
}

}  // namespace

ordered UngmExportJson(const SupplierRecord& record, std::span<const DocumentInfo> documents,
                       const Readiness& readiness,
                       const std::map<std::string, std::string>& code_titles,
                       const Language& language) {
  const Profile& p = record.profile;
  ordered out;
  out["general_information"] = {
      {"legal_name", p.legal_name},
      {"legal_name_latin", p.legal_name_latin},
      {"trading_names", p.trading_names},
      {"country_of_registration", p.address.country},
      {"registration_numbers", Numbers(p.registration_numbers)},
      {"tax_numbers", Numbers(p.tax_numbers)},
      {"year_established", p.year_established ? ordered(*p.year_established) : ordered(nullptr)},
      {"company_size", p.party_scale ? ordered(PartyScaleName(*p.party_scale)) : ordered(nullptr)},
      {"sme", p.sme ? ordered(*p.sme) : ordered(nullptr)},
      {"website", p.website},
  };
  out["address"] = {{"street", p.address.street},
                    {"city", p.address.city},
                    {"postal_code", p.address.postal_code},
                    {"region", p.address.region},
                    {"country", p.address.country}};
  ordered contacts = ordered::array();
  for (const Contact& c : p.contacts) {
    contacts.push_back(
        {{"name", c.name}, {"position", c.position}, {"email", c.email}, {"phone", c.phone}});
  }
  out["contacts"] = std::move(contacts);
  out["countries"] = p.countries_of_operation;
  ordered codes = ordered::array();
  for (const UnspscCode& code : p.unspsc_codes) {
    const auto title = code_titles.find(code.ToString());
    codes.push_back(
        {{"code", code.ToString()}, {"title", title == code_titles.end() ? "" : title->second}});
  }
  out["unspsc_codes"] = std::move(codes);
  out["declarations"] = {
      {"code_of_conduct_accepted_at", record.code_of_conduct_accepted_at
                                          ? ordered(record.code_of_conduct_accepted_at->ToRfc3339())
                                          : ordered(nullptr)},
      {"women_owned", p.women_owned.declared},
      {"women_ownership_percent", p.women_owned.ownership_percent},
      {"disability_inclusive", p.disability_inclusive},
  };
  ordered references = ordered::array();
  for (const Reference& r : p.references) {
    references.push_back({{"client_name", r.client_name},
                          {"contact_name", r.contact_name},
                          {"contact_email", r.contact_email},
                          {"description", r.description},
                          {"year", r.year},
                          {"country", r.country}});
  }
  ordered owners = ordered::array();
  for (const Owner& o : p.owners) {
    owners.push_back(
        {{"name", o.name}, {"share_percent", o.share_percent}, {"country", o.country}});
  }
  out["level_1"] = {
      {"incorporation_certificates",
       DocumentsOf(documents, DocumentKind::kIncorporationCertificate)},
      {"translations", DocumentsOf(documents, DocumentKind::kTranslation)},
      {"references", std::move(references)},
      {"owners", std::move(owners)},
      {"ownership_structure_documents", DocumentsOf(documents, DocumentKind::kOwnershipStructure)},
  };
  ordered statements = ordered::array();
  for (const DocumentInfo& d : documents) {
    if (d.kind == DocumentKind::kFinancialStatement) {
      statements.push_back({{"fiscal_year", d.fiscal_year}, {"audited", d.audited}});
    }
  }
  out["level_2"] = {
      {"year_established", p.year_established ? ordered(*p.year_established) : ordered(nullptr)},
      {"reference_letters", DocumentsOf(documents, DocumentKind::kReferenceLetter)},
      {"financial_statements", std::move(statements)},
  };
  ordered certificates = ordered::array();
  for (const Certificate& c : p.certificates) {
    certificates.push_back(
        {{"type", c.type},
         {"name", c.name},
         {"number", c.number},
         {"issuer", c.issuer},
         {"valid_until", c.valid_until ? ordered(DateText(*c.valid_until)) : ordered(nullptr)}});
  }
  out["certificates"] = std::move(certificates);
  const Sustainability& s = p.sustainability;
  out["sustainability"] = {
      {"un_global_compact_participant", s.un_global_compact_participant},
      {"un_global_compact_id", s.un_global_compact_id},
      {"hlcm_indicators", s.hlcm_indicators},
      {"emissions_disclosed", s.emissions.discloses},
      {"emissions_reporting_year", s.emissions.reporting_year},
      {"emissions_scopes", s.emissions.scopes},
      {"emissions_report_url", s.emissions.report_url},
  };
  ordered levels = ordered::array();
  for (const LevelReadiness& level : readiness.levels) {
    ordered next = ordered::array();
    for (const ChecklistItem& item : level.items) {
      if (!item.done) next.push_back(RenderNextStep(item.next, language));
    }
    levels.push_back({{"level", UngmLevelName(level.level)},
                      {"score", level.score},
                      {"next_steps", std::move(next)}});
  }
  out["readiness"] = {{"reached", UngmLevelName(readiness.reached)}, {"levels", std::move(levels)}};
  out["review"] = {{"state", ReviewStateName(record.state)}, {"ungm_number", record.ungm_number}};
  return out;
}

std::string UngmExportText(const ordered& exported) {
  std::string out;
  for (const auto& [section, value] : exported.items()) {
    out += Label(section) + "\n";
    WriteText(value, 1, out);
    out += "\n";
  }
  return out;
}

}  // namespace tb::suppliers
