#include "notices/ocds_writer.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace tb::notices::ocds {
namespace {

using json = nlohmann::json;

void PutString(json& out, const char* key, const std::string& value) {
  if (!value.empty()) out[key] = value;
}

void PutTime(json& out, const char* key, const std::optional<Timestamp>& value) {
  if (value) out[key] = value->ToRfc3339();
}

// OCDS amounts are numbers in major units. A double holds every amount below 2^53 minor
// units exactly enough that the shortest round-trip text (what nlohmann prints) is the
// decimal itself: 123450 USD minor units print as 1234.5.
json ValueJson(const Money& money) {
  const int exponent = std::max(0, CurrencyExponent(money.currency));
  double divisor = 1;
  for (int i = 0; i < exponent; ++i) divisor *= 10;
  json amount = money.amount_minor % static_cast<std::int64_t>(divisor) == 0
                    ? json(money.amount_minor / static_cast<std::int64_t>(divisor))
                    : json(static_cast<double>(money.amount_minor) / divisor);
  return {{"amount", amount}, {"currency", money.currency}};
}

json ReferenceJson(const OrganizationReference& ref) {
  json out = json::object();
  PutString(out, "id", ref.id);
  PutString(out, "name", ref.name);
  return out;
}

json PeriodJson(const Period& period) {
  json out = json::object();
  PutTime(out, "startDate", period.start);
  PutTime(out, "endDate", period.end);
  return out;
}

bool Empty(const Period& period) { return !period.start && !period.end; }
bool Empty(const OrganizationReference& ref) { return ref.id.empty() && ref.name.empty(); }

json PartyJson(const Organization& party) {
  json out = {{"id", party.id}};
  PutString(out, "name", party.name);
  if (!party.identifier_scheme.empty()) {
    out["identifier"] = {{"scheme", party.identifier_scheme}, {"id", party.identifier_id}};
    if (!party.name.empty()) out["identifier"]["legalName"] = party.name;
  }
  if (!party.country_name.empty()) out["address"] = {{"countryName", party.country_name}};
  if (!party.roles.empty()) out["roles"] = party.roles;
  if (!party.scale.empty()) out["details"] = {{"scale", party.scale}};
  return out;
}

json ItemJson(const Item& item) {
  json out = {{"id", item.id}};
  PutString(out, "description", item.description);
  if (!item.classification_id.empty()) {
    json c = {{"scheme", item.classification_scheme}, {"id", item.classification_id}};
    PutString(c, "description", item.classification_description);
    out["classification"] = std::move(c);
  }
  if (item.quantity > 0) out["quantity"] = item.quantity;
  if (!item.unit_name.empty()) out["unit"] = {{"name", item.unit_name}};
  PutString(out, "relatedLot", item.related_lot);
  return out;
}

json TenderJson(const Tender& t) {
  json out = {{"id", t.id}};
  PutString(out, "title", t.title);
  PutString(out, "description", t.description);
  PutString(out, "status", t.status);
  if (!Empty(t.procuring_entity)) out["procuringEntity"] = ReferenceJson(t.procuring_entity);
  if (t.value) out["value"] = ValueJson(*t.value);
  PutString(out, "procurementMethod", t.procurement_method);
  PutString(out, "procurementMethodDetails", t.procurement_method_details);
  PutString(out, "mainProcurementCategory", t.main_procurement_category);
  PutString(out, "awardCriteria", t.award_criteria);
  PutString(out, "awardCriteriaDetails", t.award_criteria_details);
  if (!t.submission_method.empty()) out["submissionMethod"] = t.submission_method;
  PutString(out, "submissionMethodDetails", t.submission_method_details);
  PutString(out, "eligibilityCriteria", t.eligibility_criteria);
  if (!Empty(t.tender_period)) out["tenderPeriod"] = PeriodJson(t.tender_period);
  if (!Empty(t.award_period)) out["awardPeriod"] = PeriodJson(t.award_period);
  if (t.number_of_tenderers) out["numberOfTenderers"] = *t.number_of_tenderers;
  if (!t.tenderers.empty()) {
    json list = json::array();
    for (const OrganizationReference& r : t.tenderers) list.push_back(ReferenceJson(r));
    out["tenderers"] = std::move(list);
  }
  if (!t.items.empty()) {
    json list = json::array();
    for (const Item& item : t.items) list.push_back(ItemJson(item));
    out["items"] = std::move(list);
  }
  if (!t.lots.empty()) {
    json list = json::array();
    for (const Lot& lot : t.lots) {
      json l = {{"id", lot.id}};
      PutString(l, "title", lot.title);
      PutString(l, "description", lot.description);
      if (lot.value) l["value"] = ValueJson(*lot.value);
      PutString(l, "status", lot.status);
      list.push_back(std::move(l));
    }
    out["lots"] = std::move(list);
  }
  if (!t.amendments.empty()) {
    json list = json::array();
    for (const Amendment& a : t.amendments) {
      json j = {{"id", a.id}, {"date", a.date.ToRfc3339()}};
      PutString(j, "rationale", a.rationale);
      PutString(j, "description", a.description);
      list.push_back(std::move(j));
    }
    out["amendments"] = std::move(list);
  }
  if (!t.documents.empty()) {
    json list = json::array();
    for (const Document& d : t.documents) {
      json j = {{"id", d.id}};
      PutString(j, "documentType", d.document_type);
      PutString(j, "title", d.title);
      PutString(j, "url", d.url);
      PutString(j, "language", d.language);
      PutTime(j, "datePublished", d.date_published);
      PutTime(j, "dateModified", d.date_modified);
      PutString(j, "format", d.format);
      PutString(j, "description", d.description);
      list.push_back(std::move(j));
    }
    out["documents"] = std::move(list);
  }
  return out;
}

json AwardJson(const Award& a) {
  json out = {{"id", a.id}};
  PutString(out, "title", a.title);
  PutString(out, "description", a.description);
  PutString(out, "status", a.status);
  out["date"] = a.date.ToRfc3339();
  if (a.value) out["value"] = ValueJson(*a.value);
  if (!a.suppliers.empty()) {
    json list = json::array();
    for (const OrganizationReference& r : a.suppliers) list.push_back(ReferenceJson(r));
    out["suppliers"] = std::move(list);
  }
  if (!Empty(a.contract_period)) out["contractPeriod"] = PeriodJson(a.contract_period);
  if (!a.related_lots.empty()) out["relatedLots"] = a.related_lots;
  return out;
}

json ContractJson(const Contract& c) {
  json out = {{"id", c.id}, {"awardID", c.award_id}};
  PutString(out, "title", c.title);
  PutString(out, "status", c.status);
  if (c.value) out["value"] = ValueJson(*c.value);
  if (!Empty(c.period)) out["period"] = PeriodJson(c.period);
  PutTime(out, "dateSigned", c.date_signed);
  return out;
}

}  // namespace

const std::vector<std::string>& ExtensionUrls() {
  static const std::vector<std::string> kUrls = {
      "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/"
      "v1.1.5/extension.json",
      "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/"
      "v1.1.5/extension.json",
      "https://raw.githubusercontent.com/open-contracting-extensions/"
      "ocds_partyDetails_scale_extension/v1.1.5/extension.json",
  };
  return kUrls;
}

void to_json(json& out, const Release& r) {
  out = json{{"ocid", r.ocid}, {"id", r.id}, {"date", r.date.ToRfc3339()}, {"tag", r.tag}};
  PutString(out, "initiationType", r.initiation_type);
  PutString(out, "language", r.language);
  if (!r.parties.empty()) {
    json list = json::array();
    for (const Organization& p : r.parties) list.push_back(PartyJson(p));
    out["parties"] = std::move(list);
  }
  if (!Empty(r.buyer)) out["buyer"] = ReferenceJson(r.buyer);
  if (!r.tender.id.empty()) out["tender"] = TenderJson(r.tender);
  if (!r.bid_statistics.empty()) {
    json list = json::array();
    for (const BidStatistic& s : r.bid_statistics) {
      json j = {
          {"id", s.id}, {"measure", s.measure}, {"value", s.value}, {"date", s.date.ToRfc3339()}};
      PutString(j, "notes", s.notes);
      list.push_back(std::move(j));
    }
    out["bids"] = {{"statistics", std::move(list)}};
  }
  if (!r.awards.empty()) {
    json list = json::array();
    for (const Award& a : r.awards) list.push_back(AwardJson(a));
    out["awards"] = std::move(list);
  }
  if (!r.contracts.empty()) {
    json list = json::array();
    for (const Contract& c : r.contracts) list.push_back(ContractJson(c));
    out["contracts"] = std::move(list);
  }
}

json PackageJson(std::span<const Release> releases, const PackageInfo& info) {
  json out = {{"uri", info.uri},
              {"version", "1.1"},
              {"extensions", ExtensionUrls()},
              {"publishedDate", info.published_date.ToRfc3339()}};
  json publisher = {{"name", info.publisher_name}};
  PutString(publisher, "uri", info.publisher_uri);
  out["publisher"] = std::move(publisher);
  PutString(out, "license", info.license);
  PutString(out, "publicationPolicy", info.publication_policy);
  json list = json::array();
  for (const Release& r : releases) list.push_back(r);
  out["releases"] = std::move(list);
  return out;
}

}  // namespace tb::notices::ocds
