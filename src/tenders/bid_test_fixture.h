#pragma once

// What the bid and opening tests share: a database of either engine with a tender seeded by
// SQL as the tender-schema contract defines it, its envelope keys split 2 of 3, a fake clock,
// the real SqlBidStore, and envelopes sealed with the real engine. Tests only.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "audit/entry.h"
#include "auth/actor.h"
#include "auth/security_log.h"
#include "crypto/envelope.h"
#include "crypto/sealing.h"
#include "crypto/shamir.h"
#include "crypto/signing.h"
#include "storage/audit_append.h"
#include "storage/sql_bid_store.h"
#include "storage/test_backend.h"
#include "tenders/bid_service.h"
#include "tenders/opening_service.h"

namespace tb::tenders::testing {

class RecordingSecurityLog final : public auth::SecurityLog {
 public:
  void Record(const auth::SecurityEvent& event) override {
    std::lock_guard lock(mu_);
    events_.push_back(event);
  }
  std::vector<auth::SecurityEvent> Events() {
    std::lock_guard lock(mu_);
    return events_;
  }
  int Count(std::string_view action) {
    std::lock_guard lock(mu_);
    int n = 0;
    for (const auto& e : events_) n += e.action == action ? 1 : 0;
    return n;
  }

 private:
  std::mutex mu_;
  std::vector<auth::SecurityEvent> events_;
};

// One seeded tender: its keys (public) and each member's share (what a member would have
// unsealed locally).
struct SeededTender {
  TenderId id;
  std::string ocid;
  OrganisationId agency;
  UserId creator;
  std::vector<UserId> opening;  // the committee, positions 1..3
  std::vector<UserId> evaluators;
  std::map<EnvelopeKind, crypto::X25519PublicKey> keys;
  std::map<EnvelopeKind, std::vector<std::vector<std::uint8_t>>> shares;  // by member position
};

class BidTest : public storage::testing::BackendTest {
 protected:
  static constexpr std::int64_t kDeadlineUs = 1'900'000'000'000'000;
  const Timestamp deadline_ = Timestamp::FromMicros(kDeadlineUs);

  void SetUp() override {
    BackendTest::SetUp();
    if (::testing::Test::IsSkipped()) return;
    clock_ = std::make_unique<FakeClock>(deadline_ - std::chrono::hours(1));
    ASSERT_TRUE(storage::RegisterAuditSigningKey(db(), key_.public_key(), clock_->Now()).ok());
    store_ = std::make_unique<storage::SqlBidStore>(db());
    bids_ = std::make_unique<BidService>(*store_, eligibility_, facts_, *clock_, key_, log_);
    openings_ = std::make_unique<OpeningService>(*store_, *clock_, key_, log_);
    agency_ = Organisation("agency", "UN Agency");
  }

  void Exec(const std::string& sql) {
    auto tx = db().Begin(storage::TxMode::kWrite);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE((*tx)->Execute(sql).ok()) << sql;
    ASSERT_TRUE((*tx)->Commit().ok());
  }

  std::int64_t QueryInt(const std::string& sql) {
    auto tx = db().Begin(storage::TxMode::kRead);
    EXPECT_TRUE(tx.ok());
    auto s = (*tx)->Prepare(sql);
    EXPECT_TRUE(s.ok()) << sql;
    auto row = (*s)->Step();
    EXPECT_TRUE(row.ok());
    return row.ok() && *row ? (*s)->Int64(0) : -1;
  }

  OrganisationId Organisation(const std::string& kind, const std::string& name) {
    Exec("INSERT INTO organisations (kind, name, country, created_at_us) VALUES ('" + kind +
         "', '" + name + "', 'KE', 0)");
    return OrganisationId{QueryInt("SELECT id FROM organisations WHERE name = '" + name + "'")};
  }

  // A tender in `state` with its committee (users 101..103), evaluator 201 and creator 100,
  // and a key per envelope split 2 of 3 among the committee in order.
  SeededTender SeedTender(std::string ocid, EnvelopeMode mode = EnvelopeMode::kSingle,
                          std::string state = "published") {
    SeededTender t;
    t.ocid = std::move(ocid);
    t.agency = agency_;
    t.creator = UserId{100};
    t.opening = {UserId{101}, UserId{102}, UserId{103}};
    t.evaluators = {UserId{201}};
    Exec(
        "INSERT INTO tenders (ocid, organisation_id, created_by, state, deadline_us, time_zone, "
        "envelope_mode, evaluation_method, currency, version, method, reference, title, "
        "language, doc, opening_threshold, created_at_us, updated_at_us) VALUES ('" +
        t.ocid + "', " + std::to_string(agency_.value) + ", 100, '" + state + "', " +
        std::to_string(kDeadlineUs) + ", 'UTC', '" +
        (mode == EnvelopeMode::kTwo ? "two" : "single") +
        "', 'lowest_price', 'USD', 1, 'rfq', 'R1', 'Pumps', 'en', '{}', 2, 0, 0)");
    t.id = TenderId{QueryInt("SELECT id FROM tenders WHERE ocid = '" + t.ocid + "'")};
    const std::string id = std::to_string(t.id.value);
    for (int i = 0; i < 3; ++i) {
      Exec("INSERT INTO tender_committee (tender_id, user_id, role, position) VALUES (" + id +
           ", " + std::to_string(t.opening[i].value) + ", 'opening', " + std::to_string(i + 1) +
           ")");
    }
    Exec("INSERT INTO tender_committee (tender_id, user_id, role, position) VALUES (" + id +
         ", 201, 'evaluator', 1)");
    for (EnvelopeKind kind : KindsOf(mode)) {
      crypto::X25519KeyPair pair = crypto::GenerateX25519KeyPair();
      t.keys[kind] = pair.public_key;
      auto shares = crypto::SplitSecret(pair.secret_key.span(), 2, 3);
      EXPECT_TRUE(shares.ok());
      t.shares[kind] = *shares;
      auto tx = db().Begin(storage::TxMode::kWrite);
      EXPECT_TRUE(tx.ok());
      auto s = (*tx)->Prepare(
          "INSERT INTO tender_envelope_keys (tender_id, envelope, public_key, threshold, "
          "created_by, created_at_us) VALUES (?, ?, ?, 2, 101, 0)");
      EXPECT_TRUE(s.ok());
      (*s)->BindInt64(1, t.id.value)
          .BindText(2, EnvelopeKindName(kind))
          .BindBlob(3, pair.public_key);
      EXPECT_TRUE((*s)->Run().ok());
      EXPECT_TRUE((*tx)->Commit().ok());
    }
    return t;
  }

  static auth::Actor SupplierActor(OrganisationId company, std::int64_t user) {
    auth::Actor a;
    a.user = UserId{user};
    a.credential = auth::Credential::kSession;
    a.memberships.push_back(
        {company, auth::OrganisationKind::kSupplier, true, {auth::Role::kSupplierUser}});
    return a;
  }
  auth::Actor StaffActor(UserId user, auth::Role role) const {
    auth::Actor a;
    a.user = user;
    a.credential = auth::Credential::kSession;
    a.mfa_enrolled = a.mfa_verified = true;
    a.memberships.push_back({agency_, auth::OrganisationKind::kAgency, false, {role}});
    return a;
  }

  // A sealed envelope holding `text` as one file, with an optional price.
  static std::vector<std::uint8_t> Seal(const SeededTender& t, EnvelopeKind kind,
                                        const std::string& bid, const std::string& text,
                                        std::optional<Money> price = std::nullopt) {
    crypto::PlainFile file{"offer.txt", std::vector<std::uint8_t>(text.begin(), text.end())};
    auto sealed = crypto::SealEnvelope({t.ocid, kind, bid}, t.keys.at(kind),
                                       std::span<const crypto::PlainFile>(&file, 1), price);
    EXPECT_TRUE(sealed.ok()) << sealed.status().ToString();
    return sealed.value_or({});
  }

  // Submits one version of `bid` for `who` with the given envelopes, as the route does.
  Result<SubmitResult> Submit(const auth::Actor& who, const SeededTender& t, const std::string& bid,
                              const std::string& text, const std::string& key,
                              std::optional<Money> price = Money{100000, "USD"}) {
    std::vector<std::vector<std::uint8_t>> sealed;
    BidSubmission submission{t.ocid, bid, key, {}, std::nullopt};
    for (EnvelopeKind kind :
         t.keys.size() == 1 ? std::vector{EnvelopeKind::kSingle}
                            : std::vector{EnvelopeKind::kTechnical, EnvelopeKind::kFinancial}) {
      sealed.push_back(Seal(t, kind, bid, text + "/" + std::string(EnvelopeKindName(kind)),
                            kind == EnvelopeKind::kTechnical ? std::nullopt : price));
    }
    std::size_t i = 0;
    for (EnvelopeKind kind :
         t.keys.size() == 1 ? std::vector{EnvelopeKind::kSingle}
                            : std::vector{EnvelopeKind::kTechnical, EnvelopeKind::kFinancial}) {
      submission.envelopes.push_back({kind, sealed[i++]});
    }
    return bids_->Submit(who, submission);
  }

  // Every audit entry, decoded, in leaf order.
  std::vector<audit::Entry> AuditEntries() {
    std::vector<audit::Entry> entries;
    auto tx = db().Begin(storage::TxMode::kRead);
    EXPECT_TRUE(tx.ok());
    auto s = (*tx)->Prepare("SELECT entry FROM audit_entries ORDER BY leaf_index");
    EXPECT_TRUE(s.ok());
    for (;;) {
      auto row = (*s)->Step();
      if (!row.ok() || !*row) break;
      auto entry = audit::Decode((*s)->Blob(0));
      EXPECT_TRUE(entry.ok());
      if (entry.ok()) entries.push_back(*entry);
    }
    return entries;
  }
  int AuditCount(std::string_view kind, std::string_view subject = {}) {
    int n = 0;
    for (const audit::Entry& e : AuditEntries()) {
      n += e.kind == kind && (subject.empty() || e.subject == subject) ? 1 : 0;
    }
    return n;
  }

  const crypto::SigningKey key_ = crypto::SigningKey::Generate();
  std::unique_ptr<FakeClock> clock_;
  AnyoneMayBid eligibility_;
  // The companies' profile facts for tenders with an eligibility rule; none by default.
  struct FakeFacts final : SupplierFactsSource {
    std::map<std::int64_t, SupplierFacts> known;
    Result<std::optional<SupplierFacts>> FactsOf(OrganisationId supplier) override {
      auto it = known.find(supplier.value);
      if (it == known.end()) return std::optional<SupplierFacts>();
      return std::optional<SupplierFacts>(it->second);
    }
  } facts_;
  RecordingSecurityLog log_;
  std::unique_ptr<storage::SqlBidStore> store_;
  std::unique_ptr<BidService> bids_;
  std::unique_ptr<OpeningService> openings_;
  OrganisationId agency_;
};

}  // namespace tb::tenders::testing
