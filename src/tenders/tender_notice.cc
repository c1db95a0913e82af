#include "tenders/tender_notice.h"

#include <string>

#include "core/unspsc.h"

namespace tb::tenders {
namespace {

notices::NoticeType TypeOf(ProcurementMethod method) {
  switch (method) {
    case ProcurementMethod::kRfq:
      return notices::NoticeType::kRequestForQuotation;
    case ProcurementMethod::kItb:
      return notices::NoticeType::kInvitationToBid;
    case ProcurementMethod::kRfp:
      return notices::NoticeType::kRequestForProposal;
  }
  return notices::NoticeType::kOther;
}

// OCDS tender.status: active while the process runs, complete once awarded.
notices::NoticeStatus StatusOf(TenderState state) {
  switch (state) {
    case TenderState::kDraft:
      return notices::NoticeStatus::kPlanning;
    case TenderState::kCancelled:
      return notices::NoticeStatus::kCancelled;
    case TenderState::kAwarded:
    case TenderState::kCompleted:
      return notices::NoticeStatus::kComplete;
    default:
      return notices::NoticeStatus::kActive;
  }
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += ", ";
    out += p;
  }
  return out;
}

}  // namespace

notices::Notice NoticeFromTender(const Tender& t, const std::vector<Amendment>& amendments,
                                 std::string_view public_base_url) {
  notices::Notice n;
  n.public_id = t.ocid;
  n.reference = t.reference;
  n.title = {t.title, t.language};
  n.description = {t.description, t.language};
  n.buyer = t.buyer_name;
  n.buyer_id = "tenderbridge-organisation-" + std::to_string(t.organisation.value);
  n.type = TypeOf(t.method);
  n.status = StatusOf(t.state);
  n.procurement_method = "open";
  n.main_category = t.main_category;
  n.published = t.published_at;
  n.deadline = t.deadline;
  n.deadline_time_zone = t.time_zone;
  n.countries = t.countries;
  for (const TenderItem& item : t.items) {
    if (Result<UnspscCode> code = UnspscCode::Parse(item.unspsc); code.ok()) {
      n.unspsc.push_back(*code);
    }
  }
  for (const TenderLot& lot : t.lots) {
    n.lots.push_back({lot.id, lot.title, lot.description, lot.estimated_value,
                      t.state == TenderState::kCancelled ? "cancelled" : "active"});
  }
  n.estimated_value = t.estimated_value;
  for (const TenderDocument& d : t.documents) {
    notices::Document doc;
    doc.id = d.id;
    doc.title = d.title;
    // Uploaded files: the current version's download route (the notice is public only
    // once the tender is, and so is the route).
    doc.url =
        d.files.empty() ? d.url : std::string(public_base_url) + TenderDocumentPath(t.ocid, d);
    if (!d.files.empty()) doc.format = d.files.back().media_type;
    doc.document_type = d.document_type;
    doc.language = d.language.empty() ? t.language : Language::FromTag(d.language);
    doc.published = t.published_at;
    n.documents.push_back(std::move(doc));
  }
  n.source = "tenderbridge";
  n.source_url = std::string(public_base_url) + "/tenders/" + t.ocid;
  for (const Amendment& a : amendments) {
    n.amendments.push_back(
        {std::to_string(a.number), a.at, a.rationale, "changed: " + Join(a.changed_fields)});
  }
  n.updated = t.updated_at;
  notices::Normalize(n);
  return n;
}

Tender TenderFromNotice(const notices::Notice& notice) {
  Tender t;
  t.source_notice = notice.public_id;
  t.reference = notice.reference;
  t.title = notice.title.text;
  t.description = notice.description.text;
  if (notice.title.language.known()) t.language = notice.title.language;
  switch (notice.type) {
    case notices::NoticeType::kInvitationToBid:
      t.method = ProcurementMethod::kItb;
      break;
    case notices::NoticeType::kRequestForProposal:
      t.method = ProcurementMethod::kRfp;
      break;
    default:
      t.method = ProcurementMethod::kRfq;
  }
  if (notice.main_category == "goods" || notice.main_category == "services" ||
      notice.main_category == "works") {
    t.main_category = notice.main_category;
  }
  t.countries = notice.countries;
  if (notice.estimated_value) {
    t.currency = notice.estimated_value->currency;
    t.estimated_value = notice.estimated_value;
  }
  for (const notices::Lot& lot : notice.lots) {
    TenderLot l{lot.id, lot.title, lot.description, std::nullopt};
    if (lot.value && lot.value->currency == t.currency) l.estimated_value = lot.value;
    t.lots.push_back(std::move(l));
  }
  int index = 0;
  for (const UnspscCode& code : notice.unspsc) {
    TenderItem item;
    item.id = std::to_string(++index);
    item.lot_id = t.lots.empty() ? "" : t.lots.front().id;  // the officer reassigns
    item.description = notice.title.text;
    item.unspsc = code.ToString();
    item.quantity = 1;
    item.unit = "lot";
    t.items.push_back(std::move(item));
  }
  index = 0;
  for (const notices::Document& d : notice.documents) {
    if (!d.url.starts_with("https://") && !d.url.starts_with("http://")) continue;
    // Publishers' document ids are not always usable as ours (spaces, length, repeats).
    TenderDocument doc;
    doc.id = "doc-" + std::to_string(++index);
    doc.title = d.title.empty() ? d.url : d.title;
    doc.url = d.url;
    doc.document_type = d.document_type;
    doc.language = d.language.known() ? d.language.code() : "";
    t.documents.push_back(std::move(doc));
  }
  return t;
}

}  // namespace tb::tenders
