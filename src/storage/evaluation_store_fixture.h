#pragma once

// The setup the evaluation store and OCDS export suites share: the people of
// tenders/testing/tender_fixtures.h, a two-envelope RFQ with a weighted evaluation and one
// compliance item, opened with two bids (rows written as the opening service writes them).

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log_reader.h"
#include "auth/testing/recording.h"
#include "storage/database.h"
#include "storage/storage.h"
#include "storage/test_backend.h"
#include "tenders/award.h"
#include "tenders/evaluation_store.h"
#include "tenders/tender_store.h"
#include "tenders/testing/tender_fixtures.h"

namespace tb::storage::testing {

using auth::OrganisationKind;
using auth::Role;
using tenders::testing::ActorOf;

inline const Timestamp kNow = Timestamp::FromSeconds(1'800'000'000);

inline tenders::ScoringSheet Sheet(std::string bid, int experience, int recycling,
                                   bool signed_form = true) {
  tenders::ScoringSheet s;
  s.bid_id = std::move(bid);
  s.scores = {{"experience", experience, "solid references"}, {"recycling", recycling, ""}};
  s.compliance = {{"form", signed_form, signed_form ? "" : "unsigned"}};
  s.comment = "checked";
  return s;
}

class EvaluationStoreFixture : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auth_ = MakeAuthStore(db());
    tenders_ = MakeTenderStore(db(), clock_);
    store_ = MakeEvaluationStore(db());
    auto people = tenders::testing::MakePeople(*auth_, kNow);
    ASSERT_TRUE(people.ok()) << people.status().ToString();
    p_ = *people;

    tenders::Tender t = tenders::testing::SampleTender();
    t.organisation = p_.agency;
    t.created_by = p_.officer;
    t.envelope_mode = tenders::EnvelopeMode::kTwo;
    t.deadline = kNow - std::chrono::hours(2);
    t.evaluation.minimum_technical_percent = 60;
    t.evaluation.compliance = {{"form", "Signed bid form"}};
    audit::Entry created{"tender.created", kNow, "user:1", "", {}};
    auto stored = tenders_->Create(t, created);
    ASSERT_TRUE(stored.ok()) << stored.status().ToString();
    tender_ = *stored;
    tenders::CommitteeAssignment committee{
        {p_.members[0], p_.members[1], p_.members[2]}, p_.evaluators, 2};
    auto assigned = tenders_->SetCommittee(tender_, committee, false,
                                           {"tender.committee_assigned", kNow, "user:1", "", {}});
    ASSERT_TRUE(assigned.ok()) << assigned.status().ToString();
    tender_ = *assigned;
    if (open_in_setup_) Open();
  }

  // The tender as opened: state 'opened' (published 500 hours ago unless it was published)
  // and the technical opening of two bids.
  void Open() {
    Exec("UPDATE tenders SET state = 'opened', published_at_us = COALESCE(published_at_us, " +
         std::to_string((kNow - std::chrono::hours(500)).micros()) +
         ") WHERE id = " + std::to_string(tender_.id.value));
    AddOpening("technical", {{"bid-a", p_.supplier_a, "Alpha Ltd", std::nullopt},
                             {"bid-b", p_.supplier_b, "Beta Ltd", std::nullopt}});
  }

  void Exec(const std::string& sql) {
    auto tx = db().Begin(TxMode::kWrite);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE((*tx)->Execute(sql).ok()) << sql;
    ASSERT_TRUE((*tx)->Commit().ok());
  }

  struct Row {
    std::string bid;
    OrganisationId supplier;
    std::string name;
    std::optional<std::int64_t> price;
  };
  // What the opening service writes (migration 7's tables), without the ceremony.
  void AddOpening(const std::string& envelope, const std::vector<Row>& rows) {
    auto tx = db().Begin(TxMode::kWrite);
    ASSERT_TRUE(tx.ok());
    auto opening = (*tx)->Prepare(
        "INSERT INTO openings (tender_id, envelope, opened_at_us, members, record, record_sha256) "
        "VALUES (?, ?, ?, '[]', '{}', ?)");
    ASSERT_TRUE(opening.ok());
    (*opening)
        ->BindInt64(1, tender_.id.value)
        .BindText(2, envelope)
        .BindInt64(3, kNow.micros())
        .BindText(4, std::string(64, envelope == "technical" ? 'a' : 'b'));
    ASSERT_TRUE((*opening)->Run().ok());
    int second = 0;
    for (const Row& r : rows) {
      auto bid = (*tx)->Prepare(
          "INSERT INTO opened_bids (tender_id, envelope, bid_id, supplier_id, supplier_name, "
          "version, receipt_time_us, envelope_sha256, bid_ref_salt, decrypted, error, price_minor, "
          "price_currency, files) VALUES (?, ?, ?, ?, ?, 1, ?, ?, '00', 1, '', ?, ?, "
          "'[{\"index\":0,\"name\":\"offer.pdf\",\"size\":10,\"sha256\":\"cc\"}]')");
      ASSERT_TRUE(bid.ok());
      (*bid)
          ->BindInt64(1, tender_.id.value)
          .BindText(2, envelope)
          .BindText(3, r.bid)
          .BindInt64(4, r.supplier.value)
          .BindText(5, r.name)
          .BindInt64(6, (kNow - std::chrono::hours(3) + std::chrono::seconds(++second)).micros())
          .BindText(7, std::string(64, 'd'));
      if (r.price) {
        (*bid)->BindInt64(8, *r.price).BindText(9, "USD");
      } else {
        (*bid)->BindNull(8).BindNull(9);
      }
      ASSERT_TRUE((*bid)->Run().ok());
    }
    ASSERT_TRUE((*tx)->Commit().ok());
  }

  std::vector<std::string> AuditKinds() {
    std::vector<std::string> kinds;
    auto reader = MakeAuditLogReader(db());
    Status scanned = reader->Scan([](const auto&, const auto&) { return Status::Ok(); },
                                  [&](const audit::StoredEntry& stored) {
                                    Result<audit::Entry> entry = audit::Decode(stored.entry);
                                    if (!entry.ok()) return entry.status();
                                    kinds.push_back(entry->kind);
                                    return Status::Ok();
                                  });
    EXPECT_TRUE(scanned.ok()) << scanned.ToString();
    return kinds;
  }

  std::int64_t Count(const std::string& sql) {
    auto tx = db().Begin(TxMode::kRead);
    EXPECT_TRUE(tx.ok());
    auto s = (*tx)->Prepare(sql);
    EXPECT_TRUE(s.ok()) << sql;
    auto row = (*s)->Step();
    EXPECT_TRUE(row.ok() && *row) << sql;
    return (*s)->Int64(0);
  }

  auth::Actor Officer() {
    return ActorOf(p_.officer, p_.agency, OrganisationKind::kAgency, {Role::kAgencyOfficer});
  }
  auth::Actor Colleague() {
    return ActorOf(p_.colleague, p_.agency, OrganisationKind::kAgency, {Role::kAgencyOfficer});
  }
  auth::Actor Evaluator(int i) {
    return ActorOf(p_.evaluators[i], p_.agency, OrganisationKind::kAgency, {Role::kEvaluator});
  }

  bool open_in_setup_ = true;  // derived suites that publish and amend first set it false
  FakeClock clock_{kNow};
  auth::testing::RecordingSecurityLog log_;
  tenders::AwardRuleBook rules_;
  std::unique_ptr<auth::AuthStore> auth_;
  std::unique_ptr<tenders::TenderStore> tenders_;
  std::unique_ptr<tenders::EvaluationStore> store_;
  tenders::testing::People p_;
  tenders::Tender tender_;
};

}  // namespace tb::storage::testing
