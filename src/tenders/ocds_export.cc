#include "tenders/ocds_export.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "suppliers/supplier_store.h"
#include "tenders/award.h"
#include "tenders/tender_json.h"

namespace tb::tenders {
namespace {

namespace ocds = notices::ocds;

std::string PartyId(OrganisationId organisation) {
  return "tenderbridge-org-" + std::to_string(organisation.value);
}

std::string_view MethodDetails(ProcurementMethod method) {
  switch (method) {
    case ProcurementMethod::kRfq:
      return "Request for quotation (RFQ)";
    case ProcurementMethod::kItb:
      return "Invitation to bid (ITB)";
    case ProcurementMethod::kRfp:
      return "Request for proposal (RFP)";
  }
  return "";
}

std::string AwardCriteriaDetails(const EvaluationRules& rules) {
  if (rules.method == EvaluationMethod::kLowestPrice) {
    std::string text = "Lowest-priced technically compliant bid";
    if (!rules.criteria.empty() && rules.minimum_technical_percent > 0) {
      text += "; minimum technical score " + std::to_string(rules.minimum_technical_percent) + " %";
    }
    return text;
  }
  std::string text = "Weighted: technical " + std::to_string(rules.technical_weight) +
                     ", financial " + std::to_string(rules.financial_weight) +
                     " (financial score = lowest price / price × " +
                     std::to_string(rules.financial_weight) + ")";
  if (rules.minimum_technical_percent > 0) {
    text += "; minimum technical score " + std::to_string(rules.minimum_technical_percent) +
            " % of " + std::to_string(rules.technical_weight);
  }
  text += "; criteria:";
  for (std::size_t i = 0; i < rules.criteria.size(); ++i) {
    const ScoringCriterion& c = rules.criteria[i];
    text += (i ? ", " : " ") + (c.title.empty() ? c.id : c.title) + " " + std::to_string(c.weight);
    if (c.sustainability) text += " (sustainability)";
  }
  return text;
}

std::string EligibilityText(const Eligibility& e) {
  std::vector<std::string> parts;
  if (e.minimum_level != suppliers::UngmLevel::kNone) {
    parts.push_back("UNGM registration at least " +
                    std::string(suppliers::UngmLevelName(e.minimum_level)));
  }
  if (!e.countries.empty()) {
    std::string list;
    for (const std::string& c : e.countries) list += (list.empty() ? "" : ", ") + c;
    parts.push_back("suppliers from " + list);
  }
  if (e.reserved_for_sme) parts.push_back("reserved for micro, small and medium enterprises");
  if (e.reserved_for_women_owned) parts.push_back("reserved for women-owned businesses");
  std::string text;
  for (const std::string& p : parts) text += (text.empty() ? "" : "; ") + p;
  return text;
}

// Uploaded documents: the download route's version-specific url (when the server knows its
// public origin; OCDS wants an absolute URI), the detected format, the first and the
// latest upload as published and modified (never before the tender's publication) and the
// SHA-256 in the description, so a reader can check the file without an extension.
ocds::Document UploadedDocument(const Tender& t, const TenderDocument& d,
                                std::string_view base_url) {
  ocds::Document out{d.id, d.document_type, d.title, "", d.language, t.published_at};
  const TenderDocumentFile& current = d.files.back();
  if (!base_url.empty()) out.url = std::string(base_url) + TenderDocumentPath(t.ocid, d);
  out.format = current.media_type;
  const auto not_before_publication = [&](Timestamp at) {
    return t.published_at && at < *t.published_at ? *t.published_at : at;
  };
  out.date_published = not_before_publication(d.files.front().uploaded_at);
  out.date_modified = not_before_publication(current.uploaded_at);
  out.description = "SHA-256 " + current.sha256 + "; version " + std::to_string(current.version) +
                    "; " + std::to_string(current.size) + " bytes; file " + current.filename;
  return out;
}

ocds::Tender TenderSection(const ProcessFacts& f, const Tender& t,
                           const std::vector<Amendment>& amendments, std::string status) {
  ocds::Tender out;
  out.id = t.ocid;
  out.title = t.title;
  out.description = t.description;
  out.status = std::move(status);
  out.procuring_entity = {PartyId(t.organisation), t.buyer_name};
  out.value = t.estimated_value;
  out.procurement_method = std::string(OcdsProcurementMethod(t));
  out.procurement_method_details = std::string(MethodDetails(t.method));
  out.main_procurement_category = t.main_category;
  out.award_criteria =
      t.evaluation.method == EvaluationMethod::kWeighted ? "ratedCriteria" : "priceOnly";
  out.award_criteria_details = AwardCriteriaDetails(t.evaluation);
  out.submission_method = {"electronicSubmission"};
  out.submission_method_details =
      std::string("Sealed electronic bids on TenderBridge, encrypted before upload") +
      (t.envelope_mode == EnvelopeMode::kTwo ? " in a technical and a financial envelope" : "") +
      "; a bid is accepted if and only if it is received before the deadline";
  out.eligibility_criteria = EligibilityText(t.eligibility);
  out.tender_period = {t.published_at, t.deadline};
  for (const TenderItem& item : t.items) {
    out.items.push_back(ocds::Item{item.id, item.description, "UNSPSC", item.unspsc, "",
                                   item.quantity, item.unit, item.lot_id});
  }
  for (const TenderLot& lot : t.lots) {
    out.lots.push_back(ocds::Lot{lot.id, lot.title, lot.description, lot.estimated_value, ""});
  }
  for (const TenderDocument& d : t.documents) {
    if (!d.files.empty()) {
      out.documents.push_back(UploadedDocument(t, d, f.document_base_url));
      continue;
    }
    out.documents.push_back(
        ocds::Document{d.id, d.document_type, d.title, d.url, d.language, t.published_at});
  }
  for (const Amendment& a : amendments) {
    std::string fields;
    for (const std::string& f : a.changed_fields) fields += (fields.empty() ? "" : ", ") + f;
    out.amendments.push_back(
        ocds::Amendment{t.ocid + "-amendment-" + std::to_string(a.number), a.at, a.rationale,
                        "Changed: " + fields + (a.substantive ? " (substantive)" : "")});
  }
  return out;
}

ocds::Release Base(const ProcessFacts& f, const Tender& as_of, std::string suffix,
                   std::vector<std::string> tag, Timestamp date) {
  ocds::Release r;
  r.ocid = f.tender.ocid;
  r.id = f.tender.ocid + "-" + suffix;
  r.date = date;
  r.tag = std::move(tag);
  r.language = as_of.language.code().empty() ? "en" : std::string(as_of.language.code());
  r.buyer = {PartyId(as_of.organisation), as_of.buyer_name};
  r.parties.push_back(ocds::Organization{
      PartyId(as_of.organisation), as_of.buyer_name, {"buyer", "procuringEntity"}, "", "", "", ""});
  return r;
}

// Tenderers and the bid statistics, from the opening on.
void AddBidders(const ProcessFacts& f, ocds::Release& r) {
  std::set<std::int64_t> seen;
  int sme = 0;
  for (const OpenedBid& bid : f.opening->bids) {
    if (!seen.insert(bid.supplier.value).second) continue;
    const std::string id = PartyId(bid.supplier);
    r.tender.tenderers.push_back({id, bid.supplier_name});
    auto scale = f.scales.find(bid.supplier.value);
    const std::string s = scale == f.scales.end() ? "" : scale->second;
    if (s == "sme" || s == "micro") ++sme;
    r.parties.push_back(ocds::Organization{id, bid.supplier_name, {"tenderer"}, "", "", "", s});
  }
  r.tender.number_of_tenderers = static_cast<int>(seen.size());
  const Timestamp at = f.opening->opened_at;
  const std::string base = f.tender.ocid + "-";
  const auto bids = static_cast<std::int64_t>(f.opening->bids.size());
  r.bid_statistics = {{base + "bids", "bids", bids, at,
                       "Bids opened (withdrawn bids and bids not re-confirmed after a "
                       "substantive amendment excluded)"},
                      {base + "electronicBids", "electronicBids", bids, at, ""},
                      {base + "smeBids", "smeBids", sme, at, ""}};
}

void AddAward(const ProcessFacts& f, ocds::Release& r, const std::string& status) {
  const AwardRecord& a = *f.record.award;
  ocds::Award award;
  award.id = a.award_id;
  award.title = "Award of " + f.tender.title;
  award.status = status;
  award.date = a.notified_at;
  award.value = a.value;
  award.suppliers = {{PartyId(a.supplier), a.supplier_name}};
  award.description = "Standstill period until " + a.standstill_ends.ToRfc3339();
  r.awards.push_back(std::move(award));
  for (ocds::Organization& p : r.parties) {
    if (p.id == PartyId(a.supplier)) p.roles.push_back("supplier");
  }
  r.tender.award_period = {a.notified_at, a.standstill_ends};
  const std::string base = f.tender.ocid + "-";
  r.bid_statistics.push_back({base + "validBids", "validBids",
                              static_cast<std::int64_t>(f.valid_bids), a.notified_at, ""});
  r.bid_statistics.push_back({base + "disqualifiedBids", "disqualifiedBids",
                              static_cast<std::int64_t>(f.excluded_bids), a.notified_at, ""});
}

}  // namespace

std::string_view OcdsProcurementMethod(const Tender& tender) {
  const suppliers::UngmLevel level = tender.eligibility.minimum_level;
  return level == suppliers::UngmLevel::kLevel1 || level == suppliers::UngmLevel::kLevel2
             ? "selective"
             : "open";
}

Tender TenderAsOf(const Tender& current, const std::vector<Amendment>& amendments,
                  std::size_t amendments_applied) {
  Tender t = current;
  for (std::size_t i = amendments.size(); i > amendments_applied; --i) {
    const Amendment& a = amendments[i - 1];
    const nlohmann::json changes = nlohmann::json::parse(a.changes_json, nullptr, false);
    if (!changes.is_object()) continue;
    nlohmann::json editable = EditableJson(t);
    for (const auto& [field, change] : changes.items()) {
      if (!change.is_object() || !change.contains("before")) continue;
      if (change["before"].is_null()) {
        editable.erase(field);
      } else {
        editable[field] = change["before"];
      }
    }
    Tender reverted = t;
    Status applied = ApplyEditableJson(editable, reverted);
    if (!applied.ok()) {
      spdlog::warn("ocds: amendment {} of {} cannot be reverted: {}", a.number, t.ocid,
                   applied.ToString());
      continue;
    }
    if (a.deadline_before) reverted.deadline = a.deadline_before;
    t = std::move(reverted);
  }
  return t;
}

std::vector<ocds::Release> BuildReleases(const ProcessFacts& f) {
  std::vector<ocds::Release> out;
  const Tender& now = f.tender;
  if (!now.published_at) return out;

  const Tender original = TenderAsOf(now, f.amendments, 0);
  ocds::Release tender = Base(f, original, "tender", {"tender"}, *now.published_at);
  tender.tender = TenderSection(f, original, {}, "active");
  out.push_back(std::move(tender));

  for (std::size_t i = 0; i < f.amendments.size(); ++i) {
    const Tender as_of = TenderAsOf(now, f.amendments, i + 1);
    ocds::Release r = Base(f, as_of, "amendment-" + std::to_string(f.amendments[i].number),
                           {"tenderAmendment"}, f.amendments[i].at);
    r.tender = TenderSection(
        f, as_of, {f.amendments.begin(), f.amendments.begin() + static_cast<long>(i) + 1},
        "active");
    out.push_back(std::move(r));
  }

  const bool cancelled = now.state == TenderState::kCancelled;
  if (f.opening) {
    ocds::Release r = Base(f, now, "opening", {"tenderUpdate"}, f.opening->opened_at);
    r.tender = TenderSection(f, now, f.amendments, "active");
    AddBidders(f, r);
    out.push_back(std::move(r));
  }
  if (f.record.award) {
    ocds::Release r = Base(f, now, "award", {"award"}, f.record.award->notified_at);
    r.tender = TenderSection(f, now, f.amendments, "complete");
    if (f.opening) AddBidders(f, r);
    AddAward(f, r, "pending");
    out.push_back(std::move(r));
  }
  if (f.record.contract) {
    const ContractRecord& c = *f.record.contract;
    ocds::Release r = Base(f, now, "contract", {"contract"}, c.signed_at);
    r.tender = TenderSection(f, now, f.amendments, "complete");
    if (f.opening) AddBidders(f, r);
    AddAward(f, r, "active");
    r.awards.back().contract_period = {c.period_start, c.period_end};
    r.contracts.push_back(ocds::Contract{c.contract_id,
                                         f.record.award->award_id,
                                         "Contract for " + now.title,
                                         "active",
                                         c.value,
                                         {c.period_start, c.period_end},
                                         c.signed_at});
    out.push_back(std::move(r));
  }
  if (cancelled) {
    const Timestamp at = f.record.cancelled_at.value_or(now.updated_at);
    std::vector<std::string> tag = {"tenderCancellation"};
    if (f.record.award) tag.push_back("awardCancellation");
    ocds::Release r = Base(f, now, "cancellation", tag, at);
    r.tender = TenderSection(f, now, f.amendments, "cancelled");
    std::string reason = f.record.cancellation_reason.empty() ? now.cancellation_reason
                                                              : f.record.cancellation_reason;
    r.tender.description = now.description + (reason.empty() ? "" : "\n\nCancelled: " + reason);
    if (f.opening) AddBidders(f, r);
    if (f.record.award) AddAward(f, r, "cancelled");
    out.push_back(std::move(r));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const ocds::Release& a, const ocds::Release& b) { return a.date < b.date; });
  return out;
}

Result<ProcessFacts> OcdsExporter::Facts(std::string_view ocid) {
  TB_ASSIGN_OR_RETURN(EvaluationSnapshot s, evaluations_.Load(ocid));
  if (!s.tender.published_at) return Status::NotFound("no such tender").WithField("ocid");
  ProcessFacts f;
  f.tender = s.tender;
  f.document_base_url = document_base_url_;
  TB_ASSIGN_OR_RETURN(f.amendments, tenders_.ListAmendments(s.tender.id));
  f.opening = s.technical_opening;
  f.record = s.record;
  if (s.record.ranking) {
    f.valid_bids = s.record.ranking->ranked.size();
    f.excluded_bids = s.record.ranking->excluded.size();
  }
  if (suppliers_ != nullptr && f.opening) {
    for (const OpenedBid& bid : f.opening->bids) {
      Result<suppliers::SupplierRecord> supplier = suppliers_->Get(SupplierId{bid.supplier.value});
      if (!supplier.ok() || !supplier->profile.party_scale) continue;
      const suppliers::PartyScale scale = *supplier->profile.party_scale;
      f.scales[bid.supplier.value] = scale == suppliers::PartyScale::kMicro   ? "micro"
                                     : scale == suppliers::PartyScale::kLarge ? "large"
                                                                              : "sme";
    }
  }
  return f;
}

Result<std::vector<ocds::Release>> OcdsExporter::Releases(const std::vector<std::string>& ocids) {
  std::vector<std::string> list = ocids;
  if (list.empty()) {
    TenderFilter filter;
    filter.states = {TenderState::kPublished,  TenderState::kClosed,  TenderState::kOpened,
                     TenderState::kEvaluation, TenderState::kAwarded, TenderState::kCompleted,
                     TenderState::kCancelled};
    filter.limit = 100;
    for (;;) {
      TB_ASSIGN_OR_RETURN(TenderPage page, tenders_.List(filter));
      for (const Tender& t : page.items) {
        if (t.published_at) list.push_back(t.ocid);
      }
      if (!page.next.valid()) break;
      filter.before = page.next;
    }
    std::reverse(list.begin(), list.end());  // oldest process first
  }
  std::vector<ocds::Release> out;
  for (const std::string& ocid : list) {
    TB_ASSIGN_OR_RETURN(ProcessFacts facts, Facts(ocid));
    std::vector<ocds::Release> releases = BuildReleases(facts);
    out.insert(out.end(), releases.begin(), releases.end());
  }
  return out;
}

}  // namespace tb::tenders
