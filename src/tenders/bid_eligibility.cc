#include "tenders/bid_eligibility.h"

#include <algorithm>
#include <optional>
#include <string>

#include "screening/screening_store.h"
#include "suppliers/supplier_store.h"

namespace tb::tenders {
namespace {

using screening::ReviewCase;
using screening::ReviewStatus;
using screening::ScreeningDecision;
using screening::ScreeningRecord;

// The review case opened for a screening, if any. Cases are few (one per possible hit), so
// a scan in pages is cheap next to an upload.
Result<std::optional<ReviewCase>> CaseOf(screening::ScreeningStore& store,
                                         std::int64_t screening_id) {
  std::int64_t after = 0;
  for (;;) {
    TB_ASSIGN_OR_RETURN(std::vector<ReviewCase> page, store.ListReviews(std::nullopt, after, 500));
    for (const ReviewCase& c : page) {
      if (c.screening_id == screening_id) return std::optional<ReviewCase>(c);
    }
    if (page.size() < 500) return std::optional<ReviewCase>();
    after = page.back().id;
  }
}

// Ok unless the newest screening of the subject blocks bidding.
Status CheckSubject(screening::ScreeningStore& store, const std::string& kind,
                    const std::string& id, bool& found) {
  TB_ASSIGN_OR_RETURN(std::optional<ScreeningRecord> latest, store.LatestScreening(kind, id));
  found = latest.has_value();
  if (!latest) return Status::Ok();
  if (latest->decision != ScreeningDecision::kHit &&
      latest->decision != ScreeningDecision::kPossibleHit) {
    return Status::Ok();
  }
  TB_ASSIGN_OR_RETURN(std::optional<ReviewCase> review, CaseOf(store, latest->id));
  if (review && review->status == ReviewStatus::kCleared) return Status::Ok();
  const std::string who = kind == "supplier" ? "your company" : "an owner of your company";
  if (review && review->status == ReviewStatus::kConfirmed) {
    return Status::PermissionDenied(
        who + " matches an entry of the UN Security Council Consolidated List: it may not bid");
  }
  return Status::PermissionDenied(
      who +
      " may match the UN Security Council Consolidated List; it may bid once the "
      "service centre has cleared the match");
}

}  // namespace

Status ScreeningBidEligibility::CheckCanBid(OrganisationId supplier) {
  const std::string id = std::to_string(supplier.value);
  bool found = false;
  TB_RETURN_IF_ERROR(CheckSubject(store_, "supplier", id, found));
  // Owners are screened as "<supplier id>/owners/<n>" in profile order
  // (app/supplier_screening_source.h); the first gap ends the list.
  for (int n = 0; n < 1000; ++n) {
    TB_RETURN_IF_ERROR(CheckSubject(store_, "owner", id + "/owners/" + std::to_string(n), found));
    if (!found) break;
  }
  return Status::Ok();
}

bool HasEligibilityRule(const Eligibility& rule) {
  return rule.minimum_level != suppliers::UngmLevel::kNone || !rule.countries.empty() ||
         rule.reserved_for_sme || rule.reserved_for_women_owned;
}

Status CheckTenderEligibility(const Eligibility& rule, const SupplierFacts& facts) {
  if (static_cast<int>(facts.level) < static_cast<int>(rule.minimum_level)) {
    return Status::PermissionDenied("this tender is open to suppliers whose profile reaches UNGM " +
                                    std::string(suppliers::UngmLevelName(rule.minimum_level)) +
                                    "; yours reaches " +
                                    std::string(suppliers::UngmLevelName(facts.level)))
        .WithField("eligibility/minimum_ungm_level");
  }
  if (!rule.countries.empty() && std::find(rule.countries.begin(), rule.countries.end(),
                                           facts.country) == rule.countries.end()) {
    return Status::PermissionDenied("this tender is open to suppliers from " +
                                    [&] {
                                      std::string list;
                                      for (const std::string& c : rule.countries) {
                                        list += (list.empty() ? "" : ", ") + c;
                                      }
                                      return list;
                                    }() +
                                    (facts.country.empty()
                                         ? "; your profile names no country"
                                         : "; your company is in " + facts.country))
        .WithField("eligibility/countries");
  }
  if (rule.reserved_for_sme && (!facts.scale || *facts.scale == suppliers::PartyScale::kLarge)) {
    return Status::PermissionDenied(
               "this tender is reserved for micro, small and medium enterprises; your profile "
               "does not say the company is one")
        .WithField("eligibility/reserved_for_sme");
  }
  if (rule.reserved_for_women_owned && !facts.women_owned) {
    return Status::PermissionDenied(
               "this tender is reserved for women-owned businesses; your profile does not "
               "declare the company one")
        .WithField("eligibility/reserved_for_women_owned");
  }
  return Status::Ok();
}

Result<std::optional<SupplierFacts>> StoreSupplierFacts::FactsOf(OrganisationId supplier) {
  Result<suppliers::DirectoryRecord> found = store_.GetForDirectory(SupplierId{supplier.value});
  if (!found.ok()) {
    if (found.status().code() == StatusCode::kNotFound) return std::optional<SupplierFacts>();
    return found.status();
  }
  const suppliers::Profile& p = found->record.profile;
  SupplierFacts facts;
  facts.level = found->level;
  facts.country = p.address.country;
  facts.scale = p.party_scale;
  facts.women_owned = p.women_owned.declared;
  return std::optional<SupplierFacts>(std::move(facts));
}

}  // namespace tb::tenders
