#pragma once

#include "auth/actor.h"
#include "suppliers/documents.h"
#include "suppliers/profile.h"

namespace tb::suppliers::testing {

// A record whose Basic items are all done (code of conduct accepted at `accepted`).
inline SupplierRecord BasicCompleteRecord(std::int64_t id, Timestamp accepted) {
  SupplierRecord r;
  r.id = SupplierId{id};
  r.organisation = OrganisationId{id};
  Profile& p = r.profile;
  p.legal_name = "Acme Ltd";
  p.year_established = 2015;
  p.registration_numbers = {{"KE", "PVT-" + std::to_string(id)}};
  p.party_scale = PartyScale::kSmall;
  p.address = {"1 Road", "Nairobi", "00100", "", "KE"};
  p.countries_of_operation = {"KE"};
  p.contacts = {{"Ann", "CEO", "ann@acme.co.ke", ""}};
  p.unspsc_codes = {*UnspscCode::Parse("43211500")};
  r.code_of_conduct_accepted_at = accepted;
  r.version = 1;
  return r;
}

inline auth::Actor SupplierUser(std::int64_t user, std::int64_t organisation) {
  auth::Actor a;
  a.user = UserId{user};
  a.credential = auth::Credential::kSession;
  a.memberships = {{OrganisationId{organisation},
                    auth::OrganisationKind::kSupplier,
                    true,
                    {auth::Role::kSupplierUser}}};
  return a;
}

inline auth::Actor Staff(std::int64_t user, auth::Role role, bool mfa = true) {
  auth::Actor a;
  a.user = UserId{user};
  a.credential = auth::Credential::kSession;
  a.mfa_enrolled = mfa;
  a.mfa_verified = mfa;
  const auth::OrganisationKind kind = role == auth::Role::kAgencyOfficer
                                          ? auth::OrganisationKind::kAgency
                                          : auth::OrganisationKind::kCentre;
  a.memberships = {{OrganisationId{900 + user}, kind, false, {role}}};
  return a;
}

}  // namespace tb::suppliers::testing
