#include "tenders/bid_eligibility.h"

#include <optional>
#include <string>

#include "screening/screening_store.h"

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

}  // namespace tb::tenders
