#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "auth/actor.h"
#include "core/timestamp.h"
#include "tenders/evaluation_store.h"

// Shared by the evaluation and award tests: a UNDP RFP, weighted 70/30 with a 60 % technical
// minimum, opened with three bids (one of them undecryptable), its officers, evaluators and
// bidders as actors.
namespace tb::tenders::testing {

inline constexpr char kOcid[] = "ocds-tbrdg1-000001";
inline constexpr std::int64_t kAgency = 10;
inline const Timestamp kOpenedAt = Timestamp::FromSeconds(1'900'000'000);

inline Money Usd(std::int64_t minor) { return Money{minor, "USD"}; }

inline auth::Actor Person(std::int64_t user, std::int64_t organisation, auth::OrganisationKind kind,
                          std::vector<auth::Role> roles) {
  auth::Actor a;
  a.user = UserId{user};
  a.email = "user" + std::to_string(user) + "@example.org";
  a.credential = auth::Credential::kSession;
  a.mfa_enrolled = true;
  a.mfa_verified = true;
  a.memberships.push_back(
      auth::Membership{OrganisationId{organisation}, kind, false, std::move(roles)});
  return a;
}

inline auth::Actor Officer(std::int64_t user, std::int64_t agency = kAgency) {
  return Person(user, agency, auth::OrganisationKind::kAgency, {auth::Role::kAgencyOfficer});
}
inline auth::Actor Evaluator(std::int64_t user) {
  return Person(user, kAgency, auth::OrganisationKind::kAgency, {auth::Role::kEvaluator});
}
inline auth::Actor SupplierUser(std::int64_t user, std::int64_t supplier) {
  return Person(user, supplier, auth::OrganisationKind::kSupplier, {auth::Role::kSupplierUser});
}

inline EvaluationRules Rfp7030() {
  EvaluationRules r;
  r.method = EvaluationMethod::kWeighted;
  r.technical_weight = 70;
  r.financial_weight = 30;
  r.minimum_technical_percent = 60;
  r.currency = "USD";
  r.criteria = {{"c1", "Experience", 60, 10, false}, {"c2", "Environmental plan", 40, 10, true}};
  r.compliance = {{"k1", "Signed declaration of undertaking"}};
  return r;
}

inline OpenedBid Opened(std::string bid, std::int64_t supplier, std::string name, int second,
                        bool decrypted = true, std::optional<Money> price = std::nullopt) {
  OpenedBid b;
  b.bid_id = std::move(bid);
  b.supplier = OrganisationId{supplier};
  b.supplier_name = std::move(name);
  b.version = 1;
  b.receipt_time = kOpenedAt - std::chrono::hours(48) + std::chrono::seconds(second);
  b.envelope_sha256 = std::string(64, 'a');
  b.decrypted = decrypted;
  if (!decrypted) b.error = "undecryptable: authentication failed";
  b.price = price;
  return b;
}

// Two envelopes unless `single`; for a single envelope the opening carries the prices.
inline EvaluationSnapshot OpenedRfp(bool single = false) {
  EvaluationSnapshot s;
  Tender& t = s.tender;
  t.id = TenderId{1};
  t.ocid = kOcid;
  t.organisation = OrganisationId{kAgency};
  t.buyer_name = "UNDP";
  t.created_by = UserId{1};
  t.state = TenderState::kOpened;
  t.title = "Solar water pumps for rural clinics";
  t.method = ProcurementMethod::kRfp;
  t.currency = "USD";
  t.envelope_mode = single ? EnvelopeMode::kSingle : EnvelopeMode::kTwo;
  t.evaluation = Rfp7030();
  t.published_at = kOpenedAt - std::chrono::hours(24 * 30);
  t.deadline = kOpenedAt - std::chrono::hours(1);
  t.version = 7;
  s.evaluators = {UserId{21}, UserId{22}, UserId{23}};
  s.opening_members = {UserId{31}, UserId{32}, UserId{33}};
  OpeningRecord opening;
  opening.tender = t.id;
  opening.ocid = kOcid;
  opening.kind = single ? EnvelopeKind::kSingle : EnvelopeKind::kTechnical;
  opening.opened_at = kOpenedAt;
  opening.members = {UserId{31}, UserId{32}};
  opening.bids = {Opened("b-a", 101, "Alpha Pumps Ltd", 1, true,
                         single ? std::optional(Usd(10'000'000)) : std::nullopt),
                  Opened("b-b", 102, "Beta Hydro SA", 2, true,
                         single ? std::optional(Usd(8'000'000)) : std::nullopt),
                  Opened("b-c", 103, "Gamma Water", 3, false)};
  opening.record_sha256 = std::string(64, 'f');
  s.technical_opening = opening;
  return s;
}

inline OpeningRecord FinancialOpening(std::vector<std::pair<std::string, Money>> prices) {
  OpeningRecord opening;
  opening.tender = TenderId{1};
  opening.ocid = kOcid;
  opening.kind = EnvelopeKind::kFinancial;
  opening.opened_at = kOpenedAt + std::chrono::hours(72);
  int i = 0;
  for (auto& [bid, price] : prices) {
    opening.bids.push_back(Opened(bid, bid == "b-a" ? 101 : 102,
                                  bid == "b-a" ? "Alpha Pumps Ltd" : "Beta Hydro SA", ++i, true,
                                  price));
  }
  opening.record_sha256 = std::string(64, 'e');
  return opening;
}

inline ScoringSheet SheetFor(std::string bid, int c1, int c2, bool compliant = true) {
  ScoringSheet s;
  s.bid_id = std::move(bid);
  s.scores = {{"c1", c1, ""}, {"c2", c2, ""}};
  s.compliance = {{"k1", compliant, compliant ? "" : "declaration not signed"}};
  return s;
}

}  // namespace tb::tenders::testing
