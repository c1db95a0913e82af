// BidService over the real SqlBidStore on both engines, with a FakeClock (SECURITY.md ET-01,
// ET-02, ET-09, ET-10, DU-03, §3.4 T1).
#include <gtest/gtest.h>

#include "tenders/bid_test_fixture.h"

namespace tb::tenders::testing {
namespace {

using BidServiceTest = BidTest;

// §3.4 T1: deadline − 1 µs accepted; the deadline and deadline + 1 µs refused, with nothing
// of the bid stored, the refusal and its time recorded, and a "bid.refused_late" entry.
TEST_P(BidServiceTest, DeadlineBoundaryIsStrict) {
  if (IsSkipped()) return;
  const SeededTender t = SeedTender("ocds-test-000001");
  const auth::Actor supplier = SupplierActor(Organisation("supplier", "Acme"), 7);

  clock_->Set(deadline_ - std::chrono::microseconds(1));
  Result<SubmitResult> accepted = Submit(supplier, t, "early", "x", "k1");
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  Result<Receipt> receipt = ParseReceipt(accepted->receipt);
  ASSERT_TRUE(receipt.ok());
  EXPECT_EQ(receipt->facts.receipt_time, deadline_ - std::chrono::microseconds(1))
      << "the stored and signed time is the clock's reading inside the transaction";
  EXPECT_TRUE(bids_->Verify(accepted->receipt).valid);

  for (std::int64_t offset : {0, 1}) {
    SCOPED_TRACE(offset);
    clock_->Set(deadline_ + std::chrono::microseconds(offset));
    const std::string bid = "late" + std::to_string(offset);
    Result<SubmitResult> late = Submit(supplier, t, bid, "y", "k-late" + std::to_string(offset));
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_EQ(late.status().field(), "deadline");
    EXPECT_NE(late.status().message().find("deadline has passed"), std::string::npos);
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM bids WHERE bid_id = '" + bid + "'"), 0);
    EXPECT_EQ(QueryInt("SELECT at_us FROM bid_refusals WHERE bid_id = '" + bid + "'"),
              kDeadlineUs + offset);
  }
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM bid_blobs"), 1) << "no ciphertext of a late bid";
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM bid_versions"), 1);
  EXPECT_EQ(AuditCount("bid.refused_late"), 2);
  EXPECT_EQ(log_.Count("bid_submission"), 2) << "each refusal is logged with its time";
}

// The closing job may not have run: acceptance never depends on the state moving.
TEST_P(BidServiceTest, RefusesAfterTheDeadlineEvenWhileStillPublished) {
  if (IsSkipped()) return;
  const SeededTender t = SeedTender("ocds-test-000002");
  const auth::Actor supplier = SupplierActor(Organisation("supplier", "Acme"), 7);
  clock_->Set(deadline_ + std::chrono::hours(5));
  EXPECT_EQ(Submit(supplier, t, "b", "x", "k").status().code(), StatusCode::kFailedPrecondition);
  Exec("UPDATE tenders SET state = 'cancelled' WHERE id = " + std::to_string(t.id.value));
  clock_->Set(deadline_ - std::chrono::hours(5));
  EXPECT_EQ(Submit(supplier, t, "b", "x", "k2").status().field(), "state");
}

// DU-03: a retry returns the stored receipt byte for byte and stores nothing new.
TEST_P(BidServiceTest, RetryWithTheSameKeyReturnsTheSameReceipt) {
  if (IsSkipped()) return;
  const SeededTender t = SeedTender("ocds-test-000003");
  const auth::Actor supplier = SupplierActor(Organisation("supplier", "Acme"), 7);
  Result<SubmitResult> first = Submit(supplier, t, "b1", "x", "same-key");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  clock_->Advance(std::chrono::seconds(3));
  // The retry carries the same bytes (a client resends what it sent).
  Result<Receipt> parsed = ParseReceipt(first->receipt);
  ASSERT_TRUE(parsed.ok());
  auto replay = store_->ReceiptForIdempotencyKey(t.id, parsed->facts.supplier, "same-key");
  ASSERT_TRUE(replay.ok() && replay->has_value());
  EXPECT_EQ(**replay, first->receipt);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM bid_versions"), 1);

  // The same key for another submission is refused rather than answered with a wrong receipt.
  Result<SubmitResult> other = Submit(supplier, t, "b2", "y", "same-key");
  EXPECT_EQ(other.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(other.status().field(), "Idempotency-Key");
}

TEST_P(BidServiceTest, ByteIdenticalRetryIsReplayed) {
  if (IsSkipped()) return;
  const SeededTender t = SeedTender("ocds-test-000004");
  const auth::Actor supplier = SupplierActor(Organisation("supplier", "Acme"), 7);
  const std::vector<std::uint8_t> sealed = Seal(t, EnvelopeKind::kSingle, "b1", "offer");
  const BidSubmission submission{t.ocid, "b1", "retry-key", {{EnvelopeKind::kSingle, sealed}}, {}};
  Result<SubmitResult> first = bids_->Submit(supplier, submission);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  clock_->Advance(std::chrono::seconds(1));
  Result<SubmitResult> second = bids_->Submit(supplier, submission);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_TRUE(second->replayed);
  EXPECT_EQ(second->receipt, first->receipt);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM bid_versions"), 1);
}

TEST_P(BidServiceTest, RefusesEnvelopesThatDoNotBelong) {
  if (IsSkipped()) return;
  const SeededTender t = SeedTender("ocds-test-000005");
  const SeededTender other = SeedTender("ocds-test-000006");
  const auth::Actor supplier = SupplierActor(Organisation("supplier", "Acme"), 7);
  auto submit = [&](const std::vector<std::uint8_t>& bytes, const std::string& bid) {
    return bids_->Submit(supplier, {t.ocid, bid, "k-" + bid, {{EnvelopeKind::kSingle, bytes}}, {}});
  };
  EXPECT_EQ(submit(Seal(t, EnvelopeKind::kSingle, "b1", "x"), "b2").status().field(), "single")
      << "bound to another bid id";
  EXPECT_EQ(submit(Seal(other, EnvelopeKind::kSingle, "b1", "x"), "b1").status().code(),
            StatusCode::kInvalidArgument)
      << "bound to another tender";
  EXPECT_EQ(submit({1, 2, 3}, "b1").status().code(), StatusCode::kInvalidArgument) << "garbage";
  EXPECT_EQ(bids_->Submit(supplier, {t.ocid, "b1", "k", {}, {}}).status().code(),
            StatusCode::kInvalidArgument)
      << "no envelope";
  EXPECT_EQ(bids_->Submit(supplier, {t.ocid, "bad id!", "k", {}, {}}).status().field(), "bid");
  EXPECT_EQ(bids_->Submit(supplier, {t.ocid, "b1", "", {}, {}}).status().field(),
            "Idempotency-Key");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM bid_blobs"), 0);
}

// The tender's own rule (docs/bids.md, "Who may bid"): each unmet part refuses the bid with its
// field and stores nothing; a company meeting every part bids.
TEST_P(BidServiceTest, TheTendersEligibilityRuleIsCheckedAtSubmission) {
  if (IsSkipped()) return;
  const SeededTender t = SeedTender("ocds-test-000031");
  Exec(
      "UPDATE tenders SET doc = '{\"eligibility\": {\"minimum_ungm_level\": \"level_1\", "
      "\"countries\": [\"KE\", \"UG\"], \"reserved_for_sme\": true, "
      "\"reserved_for_women_owned\": true}}' WHERE id = " +
      std::to_string(t.id.value));
  const OrganisationId company = Organisation("supplier", "Acme");
  const auth::Actor supplier = SupplierActor(company, 7);
  EXPECT_EQ(Submit(supplier, t, "b0", "x", "k0").status().field(), "eligibility")
      << "no profile yet";
  SupplierFacts facts{suppliers::UngmLevel::kBasic, "KE", suppliers::PartyScale::kSmall, true};
  const std::pair<SupplierFacts, std::string> refusals[] = {
      {facts, "eligibility/minimum_ungm_level"},
      {{suppliers::UngmLevel::kLevel1, "CN", suppliers::PartyScale::kSmall, true},
       "eligibility/countries"},
      {{suppliers::UngmLevel::kLevel2, "UG", suppliers::PartyScale::kLarge, true},
       "eligibility/reserved_for_sme"},
      {{suppliers::UngmLevel::kLevel2, "UG", std::nullopt, true}, "eligibility/reserved_for_sme"},
      {{suppliers::UngmLevel::kLevel1, "KE", suppliers::PartyScale::kMicro, false},
       "eligibility/reserved_for_women_owned"},
  };
  int attempt = 0;
  for (const auto& [given, field] : refusals) {
    SCOPED_TRACE(field);
    facts_.known[company.value] = given;
    Result<SubmitResult> refused =
        Submit(supplier, t, "b" + std::to_string(++attempt), "x", "k" + std::to_string(attempt));
    EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied);
    EXPECT_EQ(refused.status().field(), field);
  }
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM bid_versions"), 0);
  facts_.known[company.value] = {suppliers::UngmLevel::kLevel1, "UG",
                                 suppliers::PartyScale::kMedium, true};
  EXPECT_TRUE(Submit(supplier, t, "ok", "x", "k-ok").ok());
}

TEST_P(BidServiceTest, BidIdsAreUniquePerTender) {
  if (IsSkipped()) return;
  const SeededTender t = SeedTender("ocds-test-000007");
  const auth::Actor acme = SupplierActor(Organisation("supplier", "Acme"), 7);
  const auth::Actor globex = SupplierActor(Organisation("supplier", "Globex"), 8);
  ASSERT_TRUE(Submit(acme, t, "shared-id", "x", "k1").ok());
  EXPECT_EQ(Submit(globex, t, "shared-id", "y", "k2").status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(bids_->Withdraw(globex, t.ocid, "shared-id", "k3", {}).status().code(),
            StatusCode::kAlreadyExists)
      << "another supplier's bid cannot be withdrawn";
}

// ET-10: three modifications give four versions, each with its own receipt and audit entry;
// a withdrawal is a version too; the supplier sees only its own bids.
TEST_P(BidServiceTest, VersionsReceiptsAndOwnListing) {
  if (IsSkipped()) return;
  const SeededTender t = SeedTender("ocds-test-000008");
  const OrganisationId acme_id = Organisation("supplier", "Acme");
  const auth::Actor acme = SupplierActor(acme_id, 7);
  const auth::Actor globex = SupplierActor(Organisation("supplier", "Globex"), 8);
  for (int v = 1; v <= 4; ++v) {
    clock_->Advance(std::chrono::seconds(1));
    Result<SubmitResult> r =
        Submit(acme, t, "a", "version " + std::to_string(v), "a" + std::to_string(v));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    Result<Receipt> receipt = ParseReceipt(r->receipt);
    ASSERT_TRUE(receipt.ok());
    EXPECT_EQ(receipt->facts.version, v);
    EXPECT_EQ(receipt->facts.action, v == 1 ? BidAction::kReceived : BidAction::kReplaced);
  }
  ASSERT_TRUE(Submit(acme, t, "w", "to withdraw", "w1").ok());
  Result<SubmitResult> withdrawn = bids_->Withdraw(acme, t.ocid, "w", "w2", {});
  ASSERT_TRUE(withdrawn.ok()) << withdrawn.status().ToString();
  EXPECT_TRUE(bids_->Verify(withdrawn->receipt).valid);
  EXPECT_EQ(bids_->Withdraw(acme, t.ocid, "w", "w3", {}).status().code(),
            StatusCode::kFailedPrecondition);

  Result<BidListing> own = bids_->ListBids(acme, t.ocid, {});
  ASSERT_TRUE(own.ok());
  ASSERT_EQ(own->own_bids.size(), 2u);
  EXPECT_EQ(own->own_bids[0].versions.size(), 4u);
  EXPECT_TRUE(own->own_bids[1].withdrawn);
  EXPECT_EQ(own->own_bids[0].versions[3].envelopes.size(), 1u);
  Result<BidListing> theirs = bids_->ListBids(globex, t.ocid, {});
  ASSERT_TRUE(theirs.ok());
  EXPECT_TRUE(theirs->own_bids.empty()) << "another supplier sees none of them";

  Result<Receipt> first = ParseReceipt(own->own_bids[0].versions[0].receipt);
  ASSERT_TRUE(first.ok());
  const std::string subject = BidAuditEntry(first->facts).subject;
  EXPECT_EQ(AuditCount("bid.received", subject) + AuditCount("bid.replaced", subject), 4);
  Result<std::string> again = bids_->GetReceipt(acme, t.ocid, "a", 2, {});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, own->own_bids[0].versions[1].receipt);
  EXPECT_EQ(bids_->GetReceipt(globex, t.ocid, "a", 2, {}).status().code(), StatusCode::kNotFound);
}

// ET-03 at the service: officers, committee and administrators learn nothing before opening.
TEST_P(BidServiceTest, StaffSeeOnlyThatBidsAreSealed) {
  if (IsSkipped()) return;
  const SeededTender t = SeedTender("ocds-test-000009");
  ASSERT_TRUE(Submit(SupplierActor(Organisation("supplier", "Acme"), 7), t, "a", "x", "k").ok());
  for (const auth::Actor& staff : {StaffActor(UserId{100}, auth::Role::kAgencyOfficer),
                                   StaffActor(UserId{101}, auth::Role::kCommitteeMember)}) {
    Result<BidListing> listing = bids_->ListBids(staff, t.ocid, {});
    ASSERT_TRUE(listing.ok()) << listing.status().ToString();
    EXPECT_TRUE(listing->sealed);
    EXPECT_TRUE(listing->own_bids.empty());
    EXPECT_FALSE(listing->opened.has_value());
  }
  auth::Actor stranger = StaffActor(UserId{555}, auth::Role::kEvaluator);
  stranger.memberships[0].organisation = OrganisationId{9999};
  EXPECT_EQ(bids_->ListBids(stranger, t.ocid, {}).status().code(), StatusCode::kNotFound);
}

TEST_P(BidServiceTest, DraftTendersDoNotExistForBidders) {
  if (IsSkipped()) return;
  const SeededTender t = SeedTender("ocds-test-000010", EnvelopeMode::kSingle, "draft");
  EXPECT_EQ(
      Submit(SupplierActor(Organisation("supplier", "Acme"), 7), t, "a", "x", "k").status().code(),
      StatusCode::kNotFound);
}

TB_INSTANTIATE_BACKENDS(BidServiceTest);

}  // namespace
}  // namespace tb::tenders::testing
