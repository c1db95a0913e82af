#pragma once

// People, organisations and a complete draft for the tender store and service tests. The
// accounts are written through an AuthStore, so that a SQL tender store finds their roles
// (committee eligibility) and e-mail addresses (notifications) as in production.

#include <string>
#include <vector>

#include "auth/actor.h"
#include "auth/auth_store.h"
#include "core/result.h"
#include "tenders/tender.h"

namespace tb::tenders::testing {

struct People {
  OrganisationId agency;        // "UNDP": the buyer
  OrganisationId other_agency;  // "UNICEF"
  OrganisationId centre;
  OrganisationId supplier_a, supplier_b, supplier_c;
  UserId officer, colleague;       // agency officers of `agency`
  UserId other_officer;            // agency officer of `other_agency`
  std::vector<UserId> members;     // 4 committee_member of `agency`
  std::vector<UserId> evaluators;  // 2 evaluator of `agency`
  UserId outside_member;           // committee_member of `other_agency`
  UserId supplier_user_a, supplier_user_b, supplier_user_c;
  UserId staff, admin;
};

inline Result<UserId> AddUser(auth::AuthStore& store, const std::string& email, OrganisationId org,
                              std::vector<auth::Role> roles, Timestamp now) {
  auth::UserRecord user;
  user.email = email;
  user.display_name = "Test " + email.substr(0, email.find('@'));
  user.language = "en";
  user.created_at = now;
  user.email_verified_at = now;
  TB_ASSIGN_OR_RETURN(UserId id, store.CreateUser(user));
  TB_RETURN_IF_ERROR(store.AddMembership(id, org, false, roles));
  return id;
}

inline Result<People> MakePeople(auth::AuthStore& store, Timestamp now) {
  using auth::OrganisationKind;
  using auth::Role;
  People p;
  const auto org = [&](OrganisationKind kind, const std::string& name) {
    return store.CreateOrganisation({OrganisationId{}, kind, name, "", now});
  };
  TB_ASSIGN_OR_RETURN(p.agency,
                      org(OrganisationKind::kAgency, "United Nations Development Programme"));
  TB_ASSIGN_OR_RETURN(p.other_agency,
                      org(OrganisationKind::kAgency, "United Nations Children's Fund"));
  TB_ASSIGN_OR_RETURN(p.centre, org(OrganisationKind::kCentre, "Centre"));
  TB_ASSIGN_OR_RETURN(p.supplier_a, org(OrganisationKind::kSupplier, "Alpha Ltd"));
  TB_ASSIGN_OR_RETURN(p.supplier_b, org(OrganisationKind::kSupplier, "Beta Ltd"));
  TB_ASSIGN_OR_RETURN(p.supplier_c, org(OrganisationKind::kSupplier, "Gamma Ltd"));
  TB_ASSIGN_OR_RETURN(p.officer,
                      AddUser(store, "officer@undp.test", p.agency, {Role::kAgencyOfficer}, now));
  TB_ASSIGN_OR_RETURN(p.colleague,
                      AddUser(store, "colleague@undp.test", p.agency, {Role::kAgencyOfficer}, now));
  TB_ASSIGN_OR_RETURN(p.other_officer, AddUser(store, "officer@unicef.test", p.other_agency,
                                               {Role::kAgencyOfficer}, now));
  for (int i = 1; i <= 4; ++i) {
    TB_ASSIGN_OR_RETURN(UserId m, AddUser(store, "member" + std::to_string(i) + "@undp.test",
                                          p.agency, {Role::kCommitteeMember}, now));
    p.members.push_back(m);
  }
  for (int i = 1; i <= 2; ++i) {
    TB_ASSIGN_OR_RETURN(UserId e, AddUser(store, "evaluator" + std::to_string(i) + "@undp.test",
                                          p.agency, {Role::kEvaluator}, now));
    p.evaluators.push_back(e);
  }
  TB_ASSIGN_OR_RETURN(p.outside_member, AddUser(store, "member@unicef.test", p.other_agency,
                                                {Role::kCommitteeMember}, now));
  TB_ASSIGN_OR_RETURN(p.supplier_user_a,
                      AddUser(store, "a@alpha.test", p.supplier_a, {Role::kSupplierUser}, now));
  TB_ASSIGN_OR_RETURN(p.supplier_user_b,
                      AddUser(store, "b@beta.test", p.supplier_b, {Role::kSupplierUser}, now));
  TB_ASSIGN_OR_RETURN(p.supplier_user_c,
                      AddUser(store, "c@gamma.test", p.supplier_c, {Role::kSupplierUser}, now));
  TB_ASSIGN_OR_RETURN(p.staff,
                      AddUser(store, "staff@centre.test", p.centre, {Role::kCentreStaff}, now));
  TB_ASSIGN_OR_RETURN(p.admin,
                      AddUser(store, "admin@centre.test", p.centre, {Role::kAdministrator}, now));
  return p;
}

// A signed-in actor with one membership, second factor passed.
inline auth::Actor ActorOf(UserId user, OrganisationId org, auth::OrganisationKind kind,
                           std::vector<auth::Role> roles) {
  auth::Actor actor;
  actor.user = user;
  actor.credential = auth::Credential::kSession;
  actor.mfa_enrolled = true;
  actor.mfa_verified = true;
  actor.memberships = {{org, kind, false, std::move(roles)}};
  return actor;
}

// A complete RFQ for laptops with one lot, two items, a document and a weighted evaluation;
// no deadline (callers set one in Africa/Nairobi, which has no DST).
inline Tender SampleTender() {
  Tender t;
  t.reference = "RFQ/UNDP/2026/017";
  t.title = "Supply of laptops for district health offices";
  t.description = "Laptops with three years of on-site warranty, delivered to Nairobi.";
  t.method = ProcurementMethod::kRfq;
  t.main_category = "goods";
  t.countries = {"KE"};
  t.lots = {{"1", "Laptops", "", Money{4'000'000, "USD"}}};
  t.items = {{"1", "1", "Laptop, 14 inch", "43211503", 40, "EA"},
             {"2", "1", "Docking station", "43211602", 40, "EA"}};
  t.documents = {{"tor", "Terms of reference", "https://example.org/tor.pdf",
                  "technicalSpecifications", "en"}};
  t.time_zone = "Africa/Nairobi";
  t.evaluation.method = EvaluationMethod::kWeighted;
  t.evaluation.technical_weight = 70;
  t.evaluation.financial_weight = 30;
  t.evaluation.criteria = {{"experience", "Experience", 60, 10, false},
                           {"recycling", "Take-back and recycling", 40, 10, true}};
  t.evaluation.currency = "USD";
  t.eligibility.countries = {"KE", "UG"};
  t.eligibility.reserved_for_sme = true;
  t.bid_security = {true, Money{100'000, "USD"}};
  t.currency = "USD";
  t.estimated_value = Money{4'000'000, "USD"};
  return t;
}

}  // namespace tb::tenders::testing
