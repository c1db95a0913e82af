#pragma once

#include "auth/auth_store.h"
#include "core/timestamp.h"
#include "events/event_service.h"
#include "suppliers/supplier_store.h"

namespace tb::app {

// events::OrganisationDirectory over the account store (names and kinds of organisations)
// and the supplier register (a supplier's UNSPSC codes, from its profile). A supplier
// organisation without a profile yet has no codes. Agencies named by an imported participant
// list are created in the account store as a centre would provision them. Thread-safe as the
// stores are; the stores and the clock must outlive it.
class StoreOrganisationDirectory final : public events::OrganisationDirectory {
 public:
  StoreOrganisationDirectory(auth::AuthStore& accounts, suppliers::SupplierStore& suppliers,
                             const Clock& clock)
      : accounts_(accounts), suppliers_(suppliers), clock_(clock) {}

  Result<std::optional<events::OrganisationInfo>> Find(OrganisationId id) override;
  Result<OrganisationId> EnsureAgency(const std::string& name) override;

 private:
  auth::AuthStore& accounts_;
  suppliers::SupplierStore& suppliers_;
  const Clock& clock_;
};

}  // namespace tb::app
