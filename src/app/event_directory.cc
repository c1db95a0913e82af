#include "app/event_directory.h"

namespace tb::app {

Result<std::optional<events::OrganisationInfo>> StoreOrganisationDirectory::Find(
    OrganisationId id) {
  TB_ASSIGN_OR_RETURN(std::optional<auth::OrganisationRecord> organisation,
                      accounts_.FindOrganisation(id));
  if (!organisation) return std::optional<events::OrganisationInfo>();
  events::OrganisationInfo info;
  info.id = organisation->id;
  info.name = organisation->name;
  info.agency = organisation->kind == auth::OrganisationKind::kAgency;
  info.supplier = organisation->kind == auth::OrganisationKind::kSupplier;
  if (info.supplier) {
    // A supplier's id is its organisation's id (suppliers/supplier_store.h).
    Result<suppliers::SupplierRecord> record = suppliers_.Get(SupplierId{id.value});
    if (record.ok()) {
      for (const UnspscCode& code : record->profile.unspsc_codes) {
        info.codes.push_back(code.ToString());
      }
    } else if (record.status().code() != StatusCode::kNotFound) {
      return record.status();
    }
  }
  return std::optional<events::OrganisationInfo>(std::move(info));
}

Result<OrganisationId> StoreOrganisationDirectory::EnsureAgency(const std::string& name) {
  if (name.empty()) return Status::InvalidArgument("an agency needs a name").WithField("agency");
  TB_ASSIGN_OR_RETURN(std::optional<auth::OrganisationRecord> found,
                      accounts_.FindOrganisationByName(auth::OrganisationKind::kAgency, name));
  if (found) return found->id;
  auth::OrganisationRecord agency;
  agency.kind = auth::OrganisationKind::kAgency;
  agency.name = name;
  agency.created_at = clock_.Now();
  Result<OrganisationId> created = accounts_.CreateOrganisation(agency);
  if (created.ok() || created.status().code() != StatusCode::kAlreadyExists) return created;
  // Another request created it in between: use that one.
  TB_ASSIGN_OR_RETURN(found,
                      accounts_.FindOrganisationByName(auth::OrganisationKind::kAgency, name));
  if (!found) return Status::Internal("agency " + name + " exists and cannot be found");
  return found->id;
}

}  // namespace tb::app
