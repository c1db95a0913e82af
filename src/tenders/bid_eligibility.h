#pragma once

#include <optional>
#include <string>

#include "core/ids.h"
#include "core/result.h"
#include "suppliers/profile.h"
#include "suppliers/readiness.h"
#include "tenders/tender.h"

namespace tb::screening {
class ScreeningStore;
}  // namespace tb::screening
namespace tb::suppliers {
class SupplierStore;
}  // namespace tb::suppliers

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

// What a tender's own eligibility rule is checked against, from the company's profile.
struct SupplierFacts {
  suppliers::UngmLevel level = suppliers::UngmLevel::kNone;  // readiness reached
  std::string country;                                       // address country
  std::optional<suppliers::PartyScale> scale;
  bool women_owned = false;  // declared; the profile checks 51 % owned and controlled
};

// Ok, or PermissionDenied naming the first rule of `rule` the company does not meet, with
// the field of the rule ("eligibility/countries"), so the supplier knows what to change.
Status CheckTenderEligibility(const Eligibility& rule, const SupplierFacts& facts);

// True when `rule` restricts anyone (a default rule does not).
bool HasEligibilityRule(const Eligibility& rule);

// Where the facts come from. nullopt: the company has no profile yet.
class SupplierFactsSource {
 public:
  virtual ~SupplierFactsSource() = default;
  virtual Result<std::optional<SupplierFacts>> FactsOf(OrganisationId supplier) = 0;
};

// The facts of the supplier register (the readiness level its last write recorded).
// `store` must outlive it.
class StoreSupplierFacts final : public SupplierFactsSource {
 public:
  explicit StoreSupplierFacts(suppliers::SupplierStore& store) : store_(store) {}
  Result<std::optional<SupplierFacts>> FactsOf(OrganisationId supplier) override;

 private:
  suppliers::SupplierStore& store_;
};

// Lets every company bid (tests above the sanctions rule).
class AnyoneMayBid final : public BidEligibility {
 public:
  Status CheckCanBid(OrganisationId) override { return Status::Ok(); }
};

}  // namespace tb::tenders
