#pragma once

// TenderService over the real SQL stores (tenders, notices, accounts) on both engines, with a
// FakeClock, a recording mailer and the default procedure rules; the people of
// tender_fixtures.h; and the key ceremony's first step done with real keys (X25519 pairs for
// the members, the envelope key split 2-of-3 with Shamir, each share sealed to its member).

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "audit/audit_log_reader.h"
#include "auth/testing/recording.h"
#include "crypto/sealing.h"
#include "crypto/shamir.h"
#include "notices/notice_store.h"
#include "storage/storage.h"
#include "storage/test_backend.h"
#include "tenders/tender_json.h"
#include "tenders/tender_service.h"
#include "tenders/testing/tender_fixtures.h"

namespace tb::tenders::testing {

// 2027-01-04T06:00:00Z, a Monday morning in Nairobi (09:00).
inline const Timestamp kStart = Timestamp::FromRfc3339("2027-01-04T06:00:00Z").value();

class TenderServiceTest : public storage::testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auth_ = storage::MakeAuthStore(db());
    store_ = storage::MakeTenderStore(db(), clock_);
    notices_ = storage::MakeNoticeStore(db(), clock_);
    TenderServiceOptions options;
    options.public_base_url = "https://tenders.example.org";
    service_ = std::make_unique<TenderService>(*store_, clock_, ProcedureRuleBook::Default(),
                                               notices_.get(), &mailer_, options);
    Result<People> people = MakePeople(*auth_, kStart);
    ASSERT_TRUE(people.ok()) << people.status().ToString();
    p_ = *people;
    using auth::OrganisationKind;
    using auth::Role;
    officer_ = ActorOf(p_.officer, p_.agency, OrganisationKind::kAgency, {Role::kAgencyOfficer});
    colleague_ =
        ActorOf(p_.colleague, p_.agency, OrganisationKind::kAgency, {Role::kAgencyOfficer});
    other_officer_ = ActorOf(p_.other_officer, p_.other_agency, OrganisationKind::kAgency,
                             {Role::kAgencyOfficer});
    for (UserId m : p_.members) {
      members_.push_back(
          ActorOf(m, p_.agency, OrganisationKind::kAgency, {Role::kCommitteeMember}));
    }
    evaluator_ =
        ActorOf(p_.evaluators[0], p_.agency, OrganisationKind::kAgency, {Role::kEvaluator});
    supplier_a_ = ActorOf(p_.supplier_user_a, p_.supplier_a, OrganisationKind::kSupplier,
                          {Role::kSupplierUser});
    supplier_b_ = ActorOf(p_.supplier_user_b, p_.supplier_b, OrganisationKind::kSupplier,
                          {Role::kSupplierUser});
    supplier_c_ = ActorOf(p_.supplier_user_c, p_.supplier_c, OrganisationKind::kSupplier,
                          {Role::kSupplierUser});
    staff_ = ActorOf(p_.staff, p_.centre, OrganisationKind::kCentre, {Role::kCentreStaff});
    admin_ = ActorOf(p_.admin, p_.centre, OrganisationKind::kCentre, {Role::kAdministrator});
  }

  // A complete draft whose deadline is `days` ahead at 17:00 Nairobi time.
  Tender Draft(int days = 10) {
    nlohmann::json body = EditableJson(SampleTender());
    Result<std::string> date =
        LocalDeadlineText(clock_.Now() + std::chrono::hours(24 * days), "Africa/Nairobi");
    body["deadline"] = date.value_or("").substr(0, 10) + "T17:00";
    Result<Tender> created = service_->Create(officer_, {}, body);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : Tender{};
  }

  // Members 0..2 open (k = 2), evaluator 0 evaluates.
  void AssignCommittee(const Tender& t) {
    auto set = service_->SetCommittee(
        officer_, t.ocid, {{p_.members[0], p_.members[1], p_.members[2]}, {p_.evaluators[0]}, 2});
    ASSERT_TRUE(set.ok()) << set.status().ToString();
  }

  void GiveMembersSealingKeys() {
    for (std::size_t i = 0; i < members_.size(); ++i) {
      crypto::X25519KeyPair pair = crypto::GenerateX25519KeyPair();
      member_keys_[p_.members[i].value] = pair.public_key;
      ASSERT_TRUE(service_->SetSealingKey(members_[i], pair.public_key).ok());
    }
  }

  // The dealer's upload: a fresh envelope key split 2-of-3, each share sealed to its member.
  EnvelopeKey SplitKey(Envelope envelope, const std::vector<UserId>& opening, int k = 2) {
    crypto::X25519KeyPair pair = crypto::GenerateX25519KeyPair();
    EnvelopeKey key;
    key.envelope = envelope;
    key.public_key = pair.public_key;
    key.threshold = k;
    auto shares = crypto::SplitSecret(pair.secret_key.span(), k, static_cast<int>(opening.size()));
    EXPECT_TRUE(shares.ok()) << shares.status().ToString();
    for (std::size_t i = 0; shares.ok() && i < opening.size(); ++i) {
      key.shares.push_back(
          {opening[i], crypto::SealToPublicKey(member_keys_[opening[i].value], (*shares)[i])});
    }
    return key;
  }

  // Committee, sealing keys, the envelope keys and publication.
  Tender Published(int days = 10) {
    Tender t = Draft(days);
    AssignCommittee(t);
    GiveMembersSealingKeys();
    for (Envelope e : EnvelopesOf(t.envelope_mode)) {
      auto registered = service_->RegisterEnvelopeKey(
          members_[0], t.ocid, SplitKey(e, {p_.members[0], p_.members[1], p_.members[2]}));
      EXPECT_TRUE(registered.ok()) << registered.status().ToString();
    }
    auto published = service_->Publish(officer_, t.ocid);
    EXPECT_TRUE(published.ok()) << published.status().ToString();
    return published.ok() ? *published : t;
  }

  std::vector<audit::Entry> AuditEntries() {
    std::vector<audit::Entry> entries;
    auto reader = storage::MakeAuditLogReader(db());
    Status scanned = reader->Scan([](const auto&, const auto&) { return Status::Ok(); },
                                  [&](const audit::StoredEntry& stored) {
                                    Result<audit::Entry> entry = audit::Decode(stored.entry);
                                    if (!entry.ok()) return entry.status();
                                    entries.push_back(*entry);
                                    return Status::Ok();
                                  });
    EXPECT_TRUE(scanned.ok()) << scanned.ToString();
    return entries;
  }
  long CountAudit(const std::string& kind) {
    const std::vector<audit::Entry> entries = AuditEntries();
    return std::count_if(entries.begin(), entries.end(),
                         [&](const audit::Entry& e) { return e.kind == kind; });
  }
  std::size_t NotificationsOf(OrganisationId supplier) {
    return store_->NotificationsFor(SupplierId{supplier.value}, 200).value_or({}).size();
  }

  FakeClock clock_{kStart};
  auth::testing::RecordingMailer mailer_;
  std::unique_ptr<auth::AuthStore> auth_;
  std::unique_ptr<TenderStore> store_;
  std::unique_ptr<notices::NoticeStore> notices_;
  std::unique_ptr<TenderService> service_;
  People p_;
  std::map<std::int64_t, crypto::X25519PublicKey> member_keys_;
  auth::Actor officer_, colleague_, other_officer_, evaluator_, supplier_a_, supplier_b_,
      supplier_c_, staff_, admin_;
  std::vector<auth::Actor> members_;
};

}  // namespace tb::tenders::testing
