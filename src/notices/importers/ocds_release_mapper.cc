#include "notices/importers/ocds_release_mapper.h"

#include <fmt/format.h>

#include <cmath>

#include "core/text.h"
#include "notices/importers/country_codes.h"
#include "notices/importers/ungm_common.h"

namespace tb::notices::importers {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

std::string_view Str(element e, std::string_view key) {
  std::string_view value;
  if (e.is_object() && e[key].get_string().get(value) == simdjson::SUCCESS) return text::Trim(value);
  return {};
}

bool Get(element e, std::string_view key, element& out) {
  return e.is_object() && e[key].get(out) == simdjson::SUCCESS && !out.is_null();
}

bool GetArray(element e, std::string_view key, array& out) {
  return e.is_object() && e[key].get_array().get(out) == simdjson::SUCCESS;
}

// A JSON number or numeric string as decimal text.
std::string NumberText(element e) {
  std::int64_t i;
  std::uint64_t u;
  double d;
  std::string_view s;
  if (e.get_int64().get(i) == simdjson::SUCCESS) return std::to_string(i);
  if (e.get_uint64().get(u) == simdjson::SUCCESS) return std::to_string(u);
  if (e.get_double().get(d) == simdjson::SUCCESS && std::isfinite(d)) return fmt::format("{:.6f}", d);
  if (e.get_string().get(s) == simdjson::SUCCESS) return std::string(text::Trim(s));
  return {};
}

// Money from an OCDS Value {amount, currency}. nullopt when absent; error names `pointer`.
Result<std::optional<Money>> ValueOf(element value, const std::string& pointer) {
  element amount;
  if (!Get(value, "amount", amount)) return std::optional<Money>();
  const std::string currency = text::ToUpperAscii(Str(value, "currency"));
  if (currency.empty()) return std::optional<Money>();
  std::string number = NumberText(amount);
  const int exponent = CurrencyExponent(currency);
  if (exponent < 0) {
    return Status::InvalidArgument("unknown currency \"" + currency + "\"").WithField(pointer + "/currency");
  }
  // Binary doubles print with noise digits; round to the currency's minor unit.
  if (const std::size_t dot = number.find('.'); dot != std::string::npos) {
    double d = 0;
    if (amount.get_double().get(d) == simdjson::SUCCESS) {
      number = fmt::format("{:.{}f}", d, exponent);
    } else if (number.size() - dot - 1 > static_cast<std::size_t>(exponent)) {
      number.resize(dot + (exponent > 0 ? 1 + exponent : 0));
    }
  }
  auto money = Money::FromDecimal(number, currency);
  if (!money.ok()) return money.status().WithField(pointer + "/amount");
  return std::optional<Money>(*money);
}

Result<std::optional<Timestamp>> TimeOf(element e, std::string_view key, const std::string& pointer) {
  const std::string_view text = Str(e, key);
  if (text.empty()) return std::optional<Timestamp>();
  auto t = Timestamp::FromRfc3339(text);
  if (!t.ok()) return t.status().WithField(pointer + "/" + std::string(key));
  return std::optional<Timestamp>(*t);
}

void AddCountry(std::string_view name, Notice& notice) {
  if (name.empty()) return;
  auto codes = CountryCodes::Default();
  if (!codes.ok()) return;  // countries are optional in OCDS; the UNGM readers report this
  if (auto code = (*codes)->Lookup(name)) notice.countries.push_back(*code);
}

void AddClassification(element classification, element item, Notice& notice) {
  const std::string_view scheme = Str(classification, "scheme");
  if (!text::StartsWithIgnoreCase(scheme, "UNSPSC")) return;
  std::string id = std::string(Str(classification, "id"));
  element raw;
  if (id.empty() && Get(classification, "id", raw)) id = NumberText(raw);
  // Colombia Compra puts the code in item.id and leaves classification.id out.
  if (id.empty() && Get(item, "id", raw)) id = NumberText(raw);
  if (auto code = UnspscCode::Parse(text::Trim(id)); code.ok()) notice.unspsc.push_back(*code);
}

void AddItems(element parent, Notice& notice) {
  array items;
  if (!GetArray(parent, "items", items)) return;
  for (element item : items) {
    element classification;
    if (Get(item, "classification", classification)) AddClassification(classification, item, notice);
    array more;
    if (GetArray(item, "additionalClassifications", more)) {
      for (element c : more) AddClassification(c, item, notice);
    }
    element address;
    if (Get(item, "deliveryAddress", address)) AddCountry(Str(address, "countryName"), notice);
  }
}

Status AddDocuments(element tender, Notice& notice) {
  array documents;
  if (!GetArray(tender, "documents", documents)) return Status::Ok();
  std::size_t i = 0;
  for (element d : documents) {
    Document doc;
    doc.id = std::string(Str(d, "id"));
    element raw;
    if (doc.id.empty() && Get(d, "id", raw)) doc.id = NumberText(raw);
    doc.title = std::string(Str(d, "title"));
    doc.url = std::string(Str(d, "url"));
    doc.document_type = std::string(Str(d, "documentType"));
    doc.format = std::string(Str(d, "format"));
    doc.language = Language::FromTag(Str(d, "language"));
    TB_ASSIGN_OR_RETURN(doc.published, TimeOf(d, "datePublished", "/tender/documents/" + std::to_string(i)));
    if (!doc.id.empty() || !doc.url.empty()) notice.documents.push_back(std::move(doc));
    ++i;
  }
  return Status::Ok();
}

Status AddAmendments(element tender, Notice& notice) {
  array amendments;
  if (GetArray(tender, "amendments", amendments)) {
    std::size_t i = 0;
    for (element a : amendments) {
      Amendment amendment;
      const std::string pointer = "/tender/amendments/" + std::to_string(i++);
      TB_ASSIGN_OR_RETURN(amendment.date, TimeOf(a, "date", pointer));
      amendment.id = std::string(Str(a, "id"));
      if (amendment.id.empty()) amendment.id = std::string(Str(a, "date"));
      amendment.rationale = std::string(Str(a, "rationale"));
      amendment.description = std::string(Str(a, "description"));
      notice.amendments.push_back(std::move(amendment));
    }
  }
  element old;  // OCDS 1.0: a single tender.amendment
  if (Get(tender, "amendment", old) && old.is_object()) {
    Amendment amendment;
    TB_ASSIGN_OR_RETURN(amendment.date, TimeOf(old, "date", "/tender/amendment"));
    amendment.id = std::string(Str(old, "date"));
    if (amendment.id.empty()) amendment.id = "amendment";
    amendment.rationale = std::string(Str(old, "rationale"));
    notice.amendments.push_back(std::move(amendment));
  }
  return Status::Ok();
}

void AddParties(element release, Notice& notice) {
  array parties;
  if (!GetArray(release, "parties", parties)) return;
  for (element party : parties) {
    array roles;
    bool buyer = false;
    if (GetArray(party, "roles", roles)) {
      for (element r : roles) {
        std::string_view role;
        if (r.get_string().get(role) == simdjson::SUCCESS &&
            (role == "buyer" || role == "procuringEntity")) {
          buyer = true;
        }
      }
    }
    if (!buyer) continue;
    if (notice.buyer.empty()) notice.buyer = std::string(Str(party, "name"));
    if (notice.buyer_id.empty()) notice.buyer_id = std::string(Str(party, "id"));
    element address;
    if (Get(party, "address", address)) AddCountry(Str(address, "countryName"), notice);
    element contact;
    if (notice.contact == Contact{} && Get(party, "contactPoint", contact)) {
      notice.contact.name = std::string(Str(contact, "name"));
      notice.contact.email = std::string(Str(contact, "email"));
      notice.contact.telephone = std::string(Str(contact, "telephone"));
      notice.contact.url = std::string(Str(contact, "url"));
    }
  }
}

NoticeStatus StatusFrom(std::string_view status) {
  if (auto s = NoticeStatusFromName(text::ToLowerAscii(status))) return *s;
  return NoticeStatus::kActive;
}

}  // namespace

NoticeType OcdsNoticeType(std::string_view details, std::string_view method, std::string_view title) {
  static constexpr std::pair<std::string_view, NoticeType> kWords[] = {
      {"quotation", NoticeType::kRequestForQuotation},  {"cotizaci", NoticeType::kRequestForQuotation},
      {"rfq", NoticeType::kRequestForQuotation},        {"proposal", NoticeType::kRequestForProposal},
      {"rfp", NoticeType::kRequestForProposal},         {"expression of interest", NoticeType::kExpressionOfInterest},
      {"manifestaci", NoticeType::kExpressionOfInterest}, {"information", NoticeType::kRequestForInformation},
      {"consult", NoticeType::kIndividualConsultant},   {"grant", NoticeType::kGrant},
      {"invitation to bid", NoticeType::kInvitationToBid}, {"tender", NoticeType::kInvitationToBid},
      {"licitaci", NoticeType::kInvitationToBid},       {"rft", NoticeType::kInvitationToBid},
      {"appel d'offres", NoticeType::kInvitationToBid},
  };
  const std::string lower = text::ToLowerAscii(details);
  for (const auto& [word, type] : kWords) {
    if (lower.find(word) != std::string::npos) return type;
  }
  // An open procedure is an invitation to bid; other methods say nothing about the form.
  if (text::ToLowerAscii(method) == "open") return NoticeType::kInvitationToBid;
  return InferNoticeType("", title);
}

bool IsLinkedRelease(element release) {
  return release.is_object() && release["ocid"].error() != simdjson::SUCCESS &&
         release["url"].error() == simdjson::SUCCESS;
}

Result<Notice> MapOcdsRelease(element release) {
  if (!release.is_object()) return Status::InvalidArgument("a release must be a JSON object").WithField("");
  Notice notice;
  notice.public_id = std::string(Str(release, "ocid"));
  if (notice.public_id.empty()) return Status::InvalidArgument("the release has no ocid").WithField("/ocid");
  notice.source = "ocds";
  const Language language = Language::FromTag(Str(release, "language"));
  TB_ASSIGN_OR_RETURN(notice.updated, TimeOf(release, "date", ""));

  element tender;
  const bool has_tender = Get(release, "tender", tender) && tender.is_object();
  if (has_tender) {
    notice.reference = std::string(Str(tender, "id"));
    notice.title = {std::string(Str(tender, "title")), language};
    notice.description = {std::string(Str(tender, "description")), language};
    notice.status = StatusFrom(Str(tender, "status"));
    notice.procurement_method = std::string(Str(tender, "procurementMethod"));
    notice.main_category = std::string(Str(tender, "mainProcurementCategory"));
    notice.type = OcdsNoticeType(Str(tender, "procurementMethodDetails"), notice.procurement_method,
                                 notice.title.text);
    element period;
    if (Get(tender, "tenderPeriod", period)) {
      TB_ASSIGN_OR_RETURN(notice.deadline, TimeOf(period, "endDate", "/tender/tenderPeriod"));
      TB_ASSIGN_OR_RETURN(notice.published, TimeOf(period, "startDate", "/tender/tenderPeriod"));
    }
    TB_ASSIGN_OR_RETURN(auto date_published, TimeOf(tender, "datePublished", "/tender"));
    if (date_published) notice.published = date_published;
    element value;
    if (Get(tender, "value", value)) {
      TB_ASSIGN_OR_RETURN(notice.estimated_value, ValueOf(value, "/tender/value"));
    }
    AddItems(tender, notice);
    array lots;
    if (GetArray(tender, "lots", lots)) {
      std::size_t i = 0;
      for (element l : lots) {
        Lot lot;
        lot.id = std::string(Str(l, "id"));
        lot.title = std::string(Str(l, "title"));
        lot.description = std::string(Str(l, "description"));
        lot.status = std::string(Str(l, "status"));
        element lot_value;
        if (Get(l, "value", lot_value)) {
          TB_ASSIGN_OR_RETURN(lot.value, ValueOf(lot_value, "/tender/lots/" + std::to_string(i) + "/value"));
        }
        notice.lots.push_back(std::move(lot));
        ++i;
      }
    }
    TB_RETURN_IF_ERROR(AddDocuments(tender, notice));
    TB_RETURN_IF_ERROR(AddAmendments(tender, notice));
    element entity;
    if (Get(tender, "procuringEntity", entity) && notice.buyer.empty()) {
      notice.buyer = std::string(Str(entity, "name"));
    }
  }
  // Titles for releases without a tender title: the first award or contract title.
  for (const char* section : {"awards", "contracts"}) {
    array list;
    if (!notice.title.text.empty() || !GetArray(release, section, list)) continue;
    for (element e : list) {
      if (const auto t = Str(e, "title"); !t.empty()) {
        notice.title = {std::string(t), language};
        break;
      }
    }
  }
  element buyer;
  if (Get(release, "buyer", buyer)) {
    const std::string name(Str(buyer, "name"));
    if (!name.empty()) notice.buyer = name;
    notice.buyer_id = std::string(Str(buyer, "id"));
    element identifier;
    if (notice.buyer_id.empty() && Get(buyer, "identifier", identifier)) {
      const auto scheme = Str(identifier, "scheme");
      const auto id = Str(identifier, "id");
      if (!id.empty()) notice.buyer_id = scheme.empty() ? std::string(id) : std::string(scheme) + "-" + std::string(id);
    }
    element address;
    if (Get(buyer, "address", address)) AddCountry(Str(address, "countryName"), notice);
    element contact;
    if (Get(buyer, "contactPoint", contact)) {
      notice.contact.name = std::string(Str(contact, "name"));
      notice.contact.email = std::string(Str(contact, "email"));
      notice.contact.telephone = std::string(Str(contact, "telephone"));
      notice.contact.url = std::string(Str(contact, "url"));
    }
  }
  AddParties(release, notice);
  // The publication date is the first release's; later releases carry their own date in
  // `updated` only, so a merge does not move the publication forward.
  if (!notice.published && has_tender) {
    array tags;
    bool tender_tag = !GetArray(release, "tag", tags);
    if (!tender_tag) {
      for (element t : tags) {
        std::string_view tag;
        if (t.get_string().get(tag) == simdjson::SUCCESS && (tag == "tender" || tag == "planning")) tender_tag = true;
      }
    }
    if (tender_tag) notice.published = notice.updated;
  }
  if (const auto url = Str(release, "urlSECOP"); !url.empty()) notice.source_url = std::string(url);
  if (notice.source_url.empty()) {
    for (const Document& d : notice.documents) {
      if (d.document_type == "tenderNotice" && !d.url.empty()) {
        notice.source_url = d.url;
        break;
      }
    }
  }
  notice.title.text = text::SanitizeUtf8(notice.title.text);
  notice.description.text = text::SanitizeUtf8(notice.description.text);
  Normalize(notice);
  return notice;
}

}  // namespace tb::notices::importers
