// OpeningService over the real SqlBidStore on both engines (SECURITY.md ET-05, ET-06, ET-08,
// ET-10, ET-11, CR-03, CR-04, CR-06).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "crypto/locked_bytes.h"
#include "tenders/bid_test_fixture.h"

namespace tb::tenders::testing {
namespace {

using OpeningServiceTest = BidTest;

std::span<const std::uint8_t> ShareOf(const SeededTender& t, EnvelopeKind kind, int position) {
  return t.shares.at(kind).at(position);
}

std::set<std::string> OpenedIds(const OpeningRecord& record) {
  std::set<std::string> ids;
  for (const OpenedBid& b : record.bids) ids.insert(b.bid_id);
  return ids;
}

// ET-10 + ET-06 positive: a supplier modifies one bid 3 times and withdraws another; two
// distinct members open; the record holds exactly the latest non-withdrawn versions, equal to
// what the receipts acknowledged.
TEST_P(OpeningServiceTest, OpensExactlyTheLatestNonWithdrawnVersions) {
  if (IsSkipped()) return;
  const SeededTender t = SeedTender("ocds-open-000001");
  const auth::Actor acme = SupplierActor(Organisation("supplier", "Acme Ltd"), 7);
  const auth::Actor globex = SupplierActor(Organisation("supplier", "Globex"), 8);
  std::map<std::string, Receipt> acknowledged;  // bid -> its latest receipt
  for (int v = 1; v <= 4; ++v) {
    clock_->Advance(std::chrono::seconds(1));
    Result<SubmitResult> r = Submit(acme, t, "acme-1", "acme v" + std::to_string(v),
                                    "a" + std::to_string(v), Money{1000 * v, "USD"});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    acknowledged["acme-1"] = *ParseReceipt(r->receipt);
  }
  ASSERT_TRUE(Submit(acme, t, "acme-2", "withdrawn one", "w1").ok());
  ASSERT_TRUE(bids_->Withdraw(acme, t.ocid, "acme-2", "w2", {}).ok());
  Result<SubmitResult> g = Submit(globex, t, "globex-1", "globex", "g1", Money{777, "USD"});
  ASSERT_TRUE(g.ok());
  acknowledged["globex-1"] = *ParseReceipt(g->receipt);

  clock_->Set(deadline_ + std::chrono::minutes(5));
  const auth::Actor first = StaffActor(t.opening[0], auth::Role::kCommitteeMember);
  const auth::Actor second = StaffActor(t.opening[2], auth::Role::kCommitteeMember);
  Result<ShareResult> one = openings_->SubmitShare(first, t.ocid, EnvelopeKind::kSingle,
                                                   ShareOf(t, EnvelopeKind::kSingle, 0));
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_FALSE(one->opened) << "k - 1 shares open nothing";
  EXPECT_EQ(one->shares_held, 1);
  Result<ShareResult> two = openings_->SubmitShare(second, t.ocid, EnvelopeKind::kSingle,
                                                   ShareOf(t, EnvelopeKind::kSingle, 2));
  ASSERT_TRUE(two.ok()) << two.status().ToString();
  ASSERT_TRUE(two->opened);
  ASSERT_TRUE(two->record.has_value());

  const OpeningRecord& record = *two->record;
  EXPECT_EQ(OpenedIds(record), (std::set<std::string>{"acme-1", "globex-1"}));
  for (const OpenedBid& b : record.bids) {
    SCOPED_TRACE(b.bid_id);
    const Receipt& receipt = acknowledged.at(b.bid_id);
    EXPECT_TRUE(b.decrypted) << b.error;
    EXPECT_EQ(b.version, receipt.facts.version);
    EXPECT_EQ(b.receipt_time, receipt.facts.receipt_time);
    EXPECT_EQ(b.envelope_sha256, receipt.facts.envelopes.at(0).sha256);
    ASSERT_EQ(b.files.size(), 1u);
  }
  EXPECT_EQ(record.bids[0].bid_id, "acme-1") << "ordered by receipt time";
  EXPECT_EQ(record.bids[0].price, (Money{4000, "USD"})) << "the latest version's price";
  EXPECT_EQ(record.bids[0].supplier_name, "Acme Ltd");
  Result<OpenedDocument> doc =
      openings_->GetDocument(first, t.ocid, "acme-1", EnvelopeKind::kSingle, 0);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(std::string(doc->content.begin(), doc->content.end()), "acme v4/single");

  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM opening_shares"), 0) << "shares deleted";
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM tenders WHERE state = 'opened'"), 1);
  EXPECT_EQ(AuditCount("opening.completed"), 1);
  EXPECT_EQ(AuditCount("opening.share_submitted"), 2);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM bid_documents WHERE bid_id = 'acme-2'"), 0)
      << "a withdrawn bid is never decrypted";

  // ET-11: the bidders (even one whose only bid was withdrawn) and the officer read the
  // abstract; a stranger does not.
  Result<BidAbstract> abstract = openings_->GetAbstract(acme, t.ocid);
  ASSERT_TRUE(abstract.ok()) << abstract.status().ToString();
  ASSERT_EQ(abstract->lines.size(), 2u);
  EXPECT_EQ(abstract->lines[1].supplier_name, "Globex");
  EXPECT_EQ(abstract->lines[1].price, (Money{777, "USD"}));
  EXPECT_TRUE(
      openings_->GetAbstract(StaffActor(UserId{100}, auth::Role::kAgencyOfficer), t.ocid).ok());
  const auth::Actor stranger = SupplierActor(Organisation("supplier", "Initech"), 9);
  EXPECT_EQ(openings_->GetAbstract(stranger, t.ocid).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(
      openings_->GetDocument(stranger, t.ocid, "acme-1", EnvelopeKind::kSingle, 0).status().code(),
      StatusCode::kNotFound);
  EXPECT_GE(log_.Count("access_denied"), 2) << "ET-08: denied reads are security events";
}

// ET-06 / CR-04 / ET-08: the four negative cases, each refused, each with exactly one audit
// entry and one security event.
TEST_P(OpeningServiceTest, RefusesEarlyDuplicateAndConflictedShares) {
  if (IsSkipped()) return;
  const SeededTender t = SeedTender("ocds-open-000002");
  ASSERT_TRUE(Submit(SupplierActor(Organisation("supplier", "Acme"), 7), t, "a", "x", "k").ok());
  const auth::Actor m1 = StaffActor(t.opening[0], auth::Role::kCommitteeMember);
  const auth::Actor m2 = StaffActor(t.opening[1], auth::Role::kCommitteeMember);

  // 1. Before the deadline, even with k valid shares.
  for (int i = 0; i < 2; ++i) {
    const auth::Actor& m = i == 0 ? m1 : m2;
    Result<ShareResult> early = openings_->SubmitShare(m, t.ocid, EnvelopeKind::kSingle,
                                                       ShareOf(t, EnvelopeKind::kSingle, i));
    EXPECT_EQ(early.status().code(), StatusCode::kFailedPrecondition);
  }
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM opening_shares"), 0);
  EXPECT_EQ(AuditCount("opening.refused"), 2);
  EXPECT_EQ(log_.Count("opening_refused"), 2);

  clock_->Set(deadline_ + std::chrono::seconds(1));
  // 2. k − 1 shares: held, nothing opened.
  Result<ShareResult> one = openings_->SubmitShare(m1, t.ocid, EnvelopeKind::kSingle,
                                                   ShareOf(t, EnvelopeKind::kSingle, 0));
  ASSERT_TRUE(one.ok());
  EXPECT_FALSE(one->opened);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM openings"), 0);
  // 3. One person giving a second share (even another member's).
  EXPECT_EQ(
      openings_
          ->SubmitShare(m1, t.ocid, EnvelopeKind::kSingle, ShareOf(t, EnvelopeKind::kSingle, 1))
          .status()
          .code(),
      StatusCode::kFailedPrecondition);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM openings"), 0);
  // 4. The tender's creator and an evaluator, even when listed on the committee.
  Exec("INSERT INTO tender_committee (tender_id, user_id, role, position) VALUES (" +
       std::to_string(t.id.value) + ", 100, 'opening', 4)");
  Exec("INSERT INTO tender_committee (tender_id, user_id, role, position) VALUES (" +
       std::to_string(t.id.value) + ", 201, 'opening', 5)");
  for (UserId conflicted : {t.creator, t.evaluators[0]}) {
    EXPECT_EQ(openings_
                  ->SubmitShare(StaffActor(conflicted, auth::Role::kCommitteeMember), t.ocid,
                                EnvelopeKind::kSingle, ShareOf(t, EnvelopeKind::kSingle, 1))
                  .status()
                  .code(),
              StatusCode::kPermissionDenied);
  }
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM openings"), 0);
  EXPECT_EQ(AuditCount("opening.refused"), 5) << "one entry per refused attempt";
  EXPECT_EQ(log_.Count("opening_refused"), 5) << "one alert per refused attempt";
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM tenders WHERE state = 'opened'"), 0);

  // The positive case still works afterwards.
  Result<ShareResult> done = openings_->SubmitShare(m2, t.ocid, EnvelopeKind::kSingle,
                                                    ShareOf(t, EnvelopeKind::kSingle, 1));
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_TRUE(done->opened);
}

// CR-06: any two of the three members open (one member's key lost).
TEST_P(OpeningServiceTest, AnyTwoOfThreeOpen) {
  if (IsSkipped()) return;
  const auth::Actor acme = SupplierActor(Organisation("supplier", "Acme"), 7);
  const std::pair<int, int> pairs[] = {{0, 1}, {0, 2}, {1, 2}};
  int n = 0;
  for (const auto& [a, b] : pairs) {
    SCOPED_TRACE(std::to_string(a) + "," + std::to_string(b));
    clock_->Set(deadline_ - std::chrono::hours(1));
    const SeededTender t = SeedTender("ocds-open-10000" + std::to_string(n++));
    ASSERT_TRUE(Submit(acme, t, "a", "x", "k").ok());
    clock_->Set(deadline_ + std::chrono::seconds(1));
    ASSERT_TRUE(openings_
                    ->SubmitShare(StaffActor(t.opening[a], auth::Role::kCommitteeMember), t.ocid,
                                  EnvelopeKind::kSingle, ShareOf(t, EnvelopeKind::kSingle, a))
                    .ok());
    Result<ShareResult> r =
        openings_->SubmitShare(StaffActor(t.opening[b], auth::Role::kCommitteeMember), t.ocid,
                               EnvelopeKind::kSingle, ShareOf(t, EnvelopeKind::kSingle, b));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_TRUE(r->opened);
    ASSERT_EQ(r->record->bids.size(), 1u);
    EXPECT_TRUE(r->record->bids[0].decrypted);
  }
}

// Shares of another key do not open, are dropped, and the refusal is logged (CR-03: the key is
// checked against the registered public key before any envelope is touched).
TEST_P(OpeningServiceTest, SharesOfAnotherKeyAreRefused) {
  if (IsSkipped()) return;
  const SeededTender t = SeedTender("ocds-open-000003");
  const SeededTender other = SeedTender("ocds-open-000004");
  clock_->Set(deadline_ + std::chrono::seconds(1));
  ASSERT_TRUE(openings_
                  ->SubmitShare(StaffActor(t.opening[0], auth::Role::kCommitteeMember), t.ocid,
                                EnvelopeKind::kSingle, ShareOf(other, EnvelopeKind::kSingle, 0))
                  .ok());
  Result<ShareResult> r =
      openings_->SubmitShare(StaffActor(t.opening[1], auth::Role::kCommitteeMember), t.ocid,
                             EnvelopeKind::kSingle, ShareOf(other, EnvelopeKind::kSingle, 1));
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM opening_shares"), 0);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM openings"), 0);
  EXPECT_EQ(AuditCount("opening.refused"), 1);
}

// CR-03 (b): the rebuilt key's memory holds zeros when it is released.
TEST_P(OpeningServiceTest, TheRebuiltKeyIsWiped) {
  if (IsSkipped()) return;
  static std::vector<std::vector<std::uint8_t>>* wiped = nullptr;
  std::vector<std::vector<std::uint8_t>> seen;
  wiped = &seen;
  crypto::LockedBytes::SetWipeObserverForTesting([](const std::uint8_t* data, std::size_t size) {
    if (wiped && size == 32) wiped->emplace_back(data, data + size);
  });
  const SeededTender t = SeedTender("ocds-open-000005");
  ASSERT_TRUE(Submit(SupplierActor(Organisation("supplier", "Acme"), 7), t, "a", "x", "k").ok());
  clock_->Set(deadline_ + std::chrono::seconds(1));
  seen.clear();
  ASSERT_TRUE(openings_
                  ->SubmitShare(StaffActor(t.opening[0], auth::Role::kCommitteeMember), t.ocid,
                                EnvelopeKind::kSingle, ShareOf(t, EnvelopeKind::kSingle, 0))
                  .ok());
  Result<ShareResult> r =
      openings_->SubmitShare(StaffActor(t.opening[1], auth::Role::kCommitteeMember), t.ocid,
                             EnvelopeKind::kSingle, ShareOf(t, EnvelopeKind::kSingle, 1));
  crypto::LockedBytes::SetWipeObserverForTesting(nullptr);
  wiped = nullptr;
  ASSERT_TRUE(r.ok() && r->opened);
  ASSERT_FALSE(seen.empty()) << "the key went through LockedBytes::Wipe";
  for (const auto& buffer : seen) {
    EXPECT_TRUE(std::all_of(buffer.begin(), buffer.end(), [](std::uint8_t b) { return b == 0; }));
  }
}

// ET-05: two envelopes. The financial envelope waits for every technical bid to be marked
// and opens only the qualified ones.
TEST_P(OpeningServiceTest, FinancialEnvelopesOpenOnlyForQualifiedBids) {
  if (IsSkipped()) return;
  const SeededTender t = SeedTender("ocds-open-000006", EnvelopeMode::kTwo);
  ASSERT_TRUE(Submit(SupplierActor(Organisation("supplier", "Acme"), 7), t, "good", "g", "k1",
                     Money{500, "USD"})
                  .ok());
  ASSERT_TRUE(Submit(SupplierActor(Organisation("supplier", "Globex"), 8), t, "weak", "w", "k2",
                     Money{400, "USD"})
                  .ok());
  clock_->Set(deadline_ + std::chrono::seconds(1));
  const auth::Actor m1 = StaffActor(t.opening[0], auth::Role::kCommitteeMember);
  const auth::Actor m2 = StaffActor(t.opening[1], auth::Role::kCommitteeMember);
  auto open = [&](EnvelopeKind kind) {
    Result<ShareResult> a = openings_->SubmitShare(m1, t.ocid, kind, ShareOf(t, kind, 0));
    if (!a.ok()) return a;
    return openings_->SubmitShare(m2, t.ocid, kind, ShareOf(t, kind, 1));
  };
  EXPECT_EQ(open(EnvelopeKind::kFinancial).status().code(), StatusCode::kFailedPrecondition)
      << "not before the technical opening";
  Result<ShareResult> technical = open(EnvelopeKind::kTechnical);
  ASSERT_TRUE(technical.ok() && technical->opened) << technical.status().ToString();
  EXPECT_FALSE(technical->record->bids[0].price.has_value()) << "no price at technical opening";

  // The evaluation's technical close writes the marks (evaluation_service_test covers who may
  // close it); here they are written as it writes them.
  const auth::Actor evaluator = StaffActor(t.evaluators[0], auth::Role::kEvaluator);
  auto mark = [&](const std::string& bid, bool qualified) {
    Exec("INSERT INTO bid_qualifications (tender_id, bid_id, qualified, decided_by, "
         "decided_at_us) VALUES (" + std::to_string(t.id.value) + ", '" + bid + "', " +
         (qualified ? "1" : "0") + ", " + std::to_string(t.evaluators[0].value) + ", 1)");
  };
  mark("good", true);
  EXPECT_EQ(open(EnvelopeKind::kFinancial).status().code(), StatusCode::kFailedPrecondition)
      << "not while a bid is unmarked";
  mark("weak", false);
  Result<ShareResult> financial = open(EnvelopeKind::kFinancial);
  ASSERT_TRUE(financial.ok() && financial->opened) << financial.status().ToString();
  EXPECT_EQ(OpenedIds(*financial->record), (std::set<std::string>{"good"}));
  EXPECT_EQ(financial->record->bids[0].price, (Money{500, "USD"}));
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM bid_documents WHERE bid_id = 'weak' AND "
                     "envelope = 'financial'"),
            0)
      << "0 financial envelopes decrypted for disqualified bids";
  Result<BidAbstract> abstract = openings_->GetAbstract(evaluator, t.ocid);
  EXPECT_FALSE(abstract.ok()) << "ET-07: an evaluator who has not declared reads nothing";
  Exec("INSERT INTO evaluation_declarations (tender_id, evaluator_id, conflict, statement, "
       "declared_at_us) VALUES (" + std::to_string(t.id.value) + ", " +
       std::to_string(t.evaluators[0].value) + ", 0, 'no conflict', 1)");
  abstract = openings_->GetAbstract(evaluator, t.ocid);
  ASSERT_TRUE(abstract.ok()) << abstract.status().ToString();
  for (const AbstractLine& line : abstract->lines) {
    EXPECT_EQ(line.price.has_value(), line.bid_id == "good");
  }
}

TEST_P(OpeningServiceTest, AbstractWaitsForTheOpeningForEveryone) {
  if (IsSkipped()) return;
  const SeededTender t = SeedTender("ocds-open-000007");
  const auth::Actor acme = SupplierActor(Organisation("supplier", "Acme"), 7);
  ASSERT_TRUE(Submit(acme, t, "a", "x", "k").ok());
  const auth::Actor stranger = SupplierActor(Organisation("supplier", "Initech"), 9);
  EXPECT_EQ(openings_->GetAbstract(acme, t.ocid).status(),
            openings_->GetAbstract(stranger, t.ocid).status())
      << "the same answer for a bidder and a non-bidder before opening";
}

TB_INSTANTIATE_BACKENDS(OpeningServiceTest);

}  // namespace
}  // namespace tb::tenders::testing
