#pragma once

#include "core/ids.h"
#include "core/result.h"

namespace tb::screening {
class ScreeningStore;
}  // namespace tb::screening

namespace tb::tenders {

// Whether a company may submit a bid at all (docs/bids.md, "Who may bid"). Tender-specific
// eligibility (registration level, countries, reservations) is the tender's own rule.
// Implementations are thread-safe.
class BidEligibility {
 public:
  virtual ~BidEligibility() = default;
  // Ok, or PermissionDenied saying why the company may not bid.
  virtual Status CheckCanBid(OrganisationId supplier) = 0;
};

// The sanctions rule: a company may not bid while the newest screening of the company, or of
// one of its listed owners, is a hit or a possible hit that centre staff have not cleared
// (an open or confirmed review case). A company never screened, or screened as "unavailable"
// (no usable list, ET-14), may bid: the award checks the sanctions state again (AS-19).
// `store` must outlive it.
class ScreeningBidEligibility final : public BidEligibility {
 public:
  explicit ScreeningBidEligibility(screening::ScreeningStore& store) : store_(store) {}
  Status CheckCanBid(OrganisationId supplier) override;

 private:
  screening::ScreeningStore& store_;
};

// Lets every company bid (tests above the sanctions rule).
class AnyoneMayBid final : public BidEligibility {
 public:
  Status CheckCanBid(OrganisationId) override { return Status::Ok(); }
};

}  // namespace tb::tenders
