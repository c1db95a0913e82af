// Re-confirmation after a substantive amendment (issue #6 item 2; docs/bids.md
// "Re-confirmation") over the real SqlBidStore on both engines, with a FakeClock: who awaits
// re-confirmation, the confirmation's receipt and deadline rule (ET-01), and the opening that
// leaves unconfirmed bids sealed.
#include <gtest/gtest.h>

#include <set>

#include "tenders/bid_test_fixture.h"

namespace tb::tenders::testing {
namespace {

class BidReconfirmTest : public BidTest {
 protected:
  // What TenderService::Amend stores for a substantive amendment, as the tender-schema
  // contract defines it: the amendment row and reconfirm_after = now.
  void SubstantiveAmendment(const SeededTender& t, int number) {
    const std::string now = std::to_string(clock_->Now().micros());
    const std::string id = std::to_string(t.id.value);
    Exec(
        "INSERT INTO tender_amendments (tender_id, number, at_us, actor_id, rationale, "
        "changed_fields, changes, substantive, deadline_extended) VALUES (" +
        id + ", " + std::to_string(number) + ", " + now +
        ", 100, 'specification changed', '[\"items\"]', '{}', 1, 0)");
    Exec("UPDATE tenders SET reconfirm_required = 1, reconfirm_after_us = " + now +
         ", amendment_count = " + std::to_string(number) + " WHERE id = " + id);
  }

  Result<SubmitResult> Confirm(const auth::Actor& who, const SeededTender& t,
                               const std::string& bid, const std::string& key) {
    return bids_->Confirm(who, t.ocid, bid, key, std::nullopt);
  }

  bool Awaiting(const auth::Actor& who, const SeededTender& t, const std::string& bid) {
    Result<BidListing> listing = bids_->ListBids(who, t.ocid, std::nullopt);
    EXPECT_TRUE(listing.ok()) << listing.status().ToString();
    if (!listing.ok()) return false;
    for (const OwnBid& b : listing->own_bids) {
      if (b.bid_id == bid) return b.awaiting_reconfirmation;
    }
    ADD_FAILURE() << "no own bid " << bid;
    return false;
  }

  Result<ShareResult> Open(const SeededTender& t) {
    clock_->Set(deadline_ + std::chrono::minutes(5));
    const auth::Actor first = StaffActor(t.opening[0], auth::Role::kCommitteeMember);
    const auth::Actor second = StaffActor(t.opening[1], auth::Role::kCommitteeMember);
    EXPECT_TRUE(openings_
                    ->SubmitShare(first, t.ocid, EnvelopeKind::kSingle,
                                  t.shares.at(EnvelopeKind::kSingle).at(0))
                    .ok());
    return openings_->SubmitShare(second, t.ocid, EnvelopeKind::kSingle,
                                  t.shares.at(EnvelopeKind::kSingle).at(1));
  }

  static std::set<std::string> OpenedIds(const OpeningRecord& record) {
    std::set<std::string> ids;
    for (const OpenedBid& b : record.bids) ids.insert(b.bid_id);
    return ids;
  }
};

// The unconfirmed bid stays sealed and is listed with its reason; the confirmed one and the
// replacement received after the amendment are opened.
TEST_P(BidReconfirmTest, OpeningExcludesBidsNotReconfirmed) {
  if (IsSkipped()) return;
  const SeededTender t = SeedTender("ocds-reconf-000001");
  const auth::Actor acme = SupplierActor(Organisation("supplier", "Acme"), 7);
  const auth::Actor globex = SupplierActor(Organisation("supplier", "Globex"), 8);
  const auth::Actor initech = SupplierActor(Organisation("supplier", "Initech"), 9);
  clock_->Set(deadline_ - std::chrono::hours(5));
  Result<SubmitResult> acme_bid = Submit(acme, t, "acme", "acme offer", "a1");
  ASSERT_TRUE(acme_bid.ok()) << acme_bid.status().ToString();
  Result<SubmitResult> globex_bid = Submit(globex, t, "globex", "globex offer", "g1");
  ASSERT_TRUE(globex_bid.ok());
  ASSERT_TRUE(Submit(initech, t, "initech", "initech v1", "i1").ok());
  EXPECT_FALSE(Awaiting(acme, t, "acme")) << "nothing to confirm before any amendment";

  clock_->Advance(std::chrono::minutes(10));
  SubstantiveAmendment(t, 1);
  clock_->Advance(std::chrono::minutes(10));
  EXPECT_TRUE(Awaiting(acme, t, "acme"));
  EXPECT_TRUE(Awaiting(globex, t, "globex"));

  Result<SubmitResult> confirmed = Confirm(acme, t, "acme", "c1");
  ASSERT_TRUE(confirmed.ok()) << confirmed.status().ToString();
  EXPECT_FALSE(confirmed->replayed);
  EXPECT_TRUE(bids_->Verify(confirmed->receipt).valid) << bids_->Verify(confirmed->receipt).reason;
  Result<Receipt> receipt = ParseReceipt(confirmed->receipt);
  ASSERT_TRUE(receipt.ok());
  const Receipt original = *ParseReceipt(acme_bid->receipt);
  EXPECT_EQ(receipt->facts.action, BidAction::kConfirmed);
  EXPECT_EQ(receipt->facts.version, 1) << "the version confirmed, not a new one";
  EXPECT_EQ(receipt->facts.envelopes, original.facts.envelopes);
  EXPECT_EQ(receipt->facts.receipt_time, clock_->Now());
  EXPECT_FALSE(Awaiting(acme, t, "acme"));
  // The retry answers the stored receipt byte for byte.
  Result<SubmitResult> retry = Confirm(acme, t, "acme", "c1");
  ASSERT_TRUE(retry.ok());
  EXPECT_TRUE(retry->replayed);
  EXPECT_EQ(retry->receipt, confirmed->receipt);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM bid_confirmations"), 1);
  EXPECT_EQ(QueryInt("SELECT confirmed_at_us FROM bid_confirmations"), clock_->Now().micros());
  EXPECT_EQ(Submit(acme, t, "acme", "acme offer 2", "c1").status().field(), "Idempotency-Key")
      << "a confirmation's key cannot answer for a submission";
  // The same inside the store's transaction, where a request that raced the confirmation past
  // the service's check is caught.
  BidWrite raced;
  raced.tender = t.id;
  raced.ocid = t.ocid;
  raced.supplier = acme.memberships.front().organisation;
  raced.bid_id = "acme";
  raced.withdraw = true;
  raced.idempotency_key = "c1";
  Result<BidWriteResult> in_store = store_->WriteBid(
      raced, *clock_, [](const BidEventFacts&, const AuditLeaf&) -> Result<SignedBidEvent> {
        ADD_FAILURE() << "nothing may be signed for a refused key";
        return Status::Internal("not signed");
      });
  ASSERT_FALSE(in_store.ok());
  EXPECT_EQ(in_store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(in_store.status().field(), "Idempotency-Key");

  // The audit entry names neither the tender nor the company (ET-03, AU-06).
  int confirmations = 0;
  for (const audit::Entry& e : AuditEntries()) {
    if (e.kind != "bid.confirmed") continue;
    ++confirmations;
    EXPECT_EQ(e.actor, "bidder");
    for (const auto& [name, value] : e.fields) {
      EXPECT_EQ(value.find("Acme"), std::string::npos);
      EXPECT_EQ(value.find(t.ocid), std::string::npos);
    }
    EXPECT_EQ(e.subject.find(t.ocid), std::string::npos);
  }
  EXPECT_EQ(confirmations, 1);

  clock_->Advance(std::chrono::minutes(1));
  ASSERT_TRUE(Submit(initech, t, "initech", "initech v2", "i2").ok());
  EXPECT_FALSE(Awaiting(initech, t, "initech")) << "a replacement after the amendment counts";
  EXPECT_EQ(Confirm(initech, t, "initech", "i3").status().field(), "bid")
      << "a replacement needs no confirmation";

  Result<ShareResult> opened = Open(t);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  ASSERT_TRUE(opened->opened && opened->record.has_value());
  const OpeningRecord& record = *opened->record;
  EXPECT_EQ(OpenedIds(record), (std::set<std::string>{"acme", "initech"}));
  ASSERT_EQ(record.excluded.size(), 1u);
  const UnconfirmedBid& excluded = record.excluded.front();
  EXPECT_EQ(excluded.bid_id, "globex");
  EXPECT_EQ(excluded.supplier_name, "Globex");
  EXPECT_EQ(excluded.reason, "not re-confirmed after amendment 1");
  EXPECT_EQ(excluded.envelope_sha256,
            ParseReceipt(globex_bid->receipt)->facts.envelopes.at(0).sha256)
      << "the bidder can match the excluded bid to its receipt";
  for (const OpenedBid& b : record.bids) EXPECT_TRUE(b.decrypted) << b.bid_id << b.error;
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM bid_documents WHERE bid_id = 'globex'"), 0)
      << "an excluded bid is never decrypted";
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM opened_bids WHERE bid_id = 'globex'"), 0);

  // Stored with the record, read back the same, and in the bid abstract without a price.
  Result<std::optional<OpeningRecord>> stored = store_->GetOpening(t.id, EnvelopeKind::kSingle);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->excluded, record.excluded);
  EXPECT_NE(RecordJson(record).find("not re-confirmed after amendment 1"), std::string::npos);
  Result<BidAbstract> abstract = openings_->GetAbstract(globex, t.ocid);
  ASSERT_TRUE(abstract.ok()) << abstract.status().ToString();
  ASSERT_EQ(abstract->lines.size(), 3u);
  for (const AbstractLine& line : abstract->lines) {
    SCOPED_TRACE(line.bid_id);
    EXPECT_EQ(line.excluded.empty(), line.bid_id != "globex");
    EXPECT_EQ(line.price.has_value(), line.bid_id != "globex");
    EXPECT_EQ(line.decrypted, line.bid_id != "globex");
  }
}

// ET-01 for confirmations: deadline − 1 µs accepted, the deadline and + 1 µs refused exactly
// like a late bid (recorded, audited, logged), with nothing confirmed.
TEST_P(BidReconfirmTest, ConfirmationDeadlineBoundaryIsStrict) {
  if (IsSkipped()) return;
  const SeededTender t = SeedTender("ocds-reconf-000002");
  const auth::Actor acme = SupplierActor(Organisation("supplier", "Acme"), 7);
  const auth::Actor globex = SupplierActor(Organisation("supplier", "Globex"), 8);
  clock_->Set(deadline_ - std::chrono::hours(3));
  ASSERT_TRUE(Submit(acme, t, "acme", "x", "a1").ok());
  ASSERT_TRUE(Submit(globex, t, "globex", "y", "g1").ok());
  clock_->Advance(std::chrono::minutes(1));
  SubstantiveAmendment(t, 1);

  clock_->Set(deadline_ - std::chrono::microseconds(1));
  Result<SubmitResult> in_time = Confirm(acme, t, "acme", "c-early");
  ASSERT_TRUE(in_time.ok()) << in_time.status().ToString();
  EXPECT_EQ(ParseReceipt(in_time->receipt)->facts.receipt_time,
            deadline_ - std::chrono::microseconds(1));

  for (std::int64_t offset : {0, 1}) {
    SCOPED_TRACE(offset);
    clock_->Set(deadline_ + std::chrono::microseconds(offset));
    Result<SubmitResult> late = Confirm(globex, t, "globex", "c-late" + std::to_string(offset));
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_EQ(late.status().field(), "deadline");
    EXPECT_NE(late.status().message().find("deadline has passed"), std::string::npos);
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM bid_refusals WHERE reason = 'late_confirmation' "
                       "AND at_us = " +
                       std::to_string(kDeadlineUs + offset)),
              1);
  }
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM bid_confirmations"), 1);
  EXPECT_EQ(AuditCount("bid.refused_late"), 2);
  EXPECT_EQ(log_.Count("bid_confirmation"), 2);
}

// A later substantive amendment moves reconfirm_after: the earlier confirmation no longer
// counts, and the opening names the later amendment.
TEST_P(BidReconfirmTest, SecondAmendmentInvalidatesEarlierConfirmation) {
  if (IsSkipped()) return;
  const SeededTender t = SeedTender("ocds-reconf-000003");
  const auth::Actor acme = SupplierActor(Organisation("supplier", "Acme"), 7);
  clock_->Set(deadline_ - std::chrono::hours(10));
  ASSERT_TRUE(Submit(acme, t, "acme", "x", "a1").ok());
  clock_->Advance(std::chrono::minutes(1));
  SubstantiveAmendment(t, 1);
  clock_->Advance(std::chrono::minutes(1));
  ASSERT_TRUE(Confirm(acme, t, "acme", "c1").ok());
  EXPECT_EQ(Confirm(acme, t, "acme", "c1b").status().field(), "bid") << "already confirmed";
  EXPECT_FALSE(Awaiting(acme, t, "acme"));

  clock_->Advance(std::chrono::minutes(1));
  SubstantiveAmendment(t, 2);
  EXPECT_TRUE(Awaiting(acme, t, "acme"));

  Result<ShareResult> opened = Open(t);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  ASSERT_TRUE(opened->record.has_value());
  EXPECT_TRUE(opened->record->bids.empty());
  ASSERT_EQ(opened->record->excluded.size(), 1u);
  EXPECT_EQ(opened->record->excluded.front().reason, "not re-confirmed after amendment 2");
}

TEST_P(BidReconfirmTest, ConfirmationRefusals) {
  if (IsSkipped()) return;
  const SeededTender t = SeedTender("ocds-reconf-000004");
  const auth::Actor acme = SupplierActor(Organisation("supplier", "Acme"), 7);
  const auth::Actor globex = SupplierActor(Organisation("supplier", "Globex"), 8);
  clock_->Set(deadline_ - std::chrono::hours(10));
  ASSERT_TRUE(Submit(acme, t, "acme", "x", "a1").ok());
  ASSERT_TRUE(Submit(acme, t, "gone", "x", "a2").ok());
  ASSERT_TRUE(bids_->Withdraw(acme, t.ocid, "gone", "a3", {}).ok());

  Result<SubmitResult> nothing = Confirm(acme, t, "acme", "c0");
  EXPECT_EQ(nothing.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(nothing.status().field(), "bid") << "no substantive amendment: nothing to confirm";

  clock_->Advance(std::chrono::minutes(1));
  SubstantiveAmendment(t, 1);
  EXPECT_EQ(Confirm(acme, t, "gone", "c1").status().field(), "bid") << "withdrawn";
  EXPECT_EQ(Confirm(globex, t, "acme", "c2").status().code(), StatusCode::kNotFound)
      << "another company's bid is not found, as an unknown one";
  EXPECT_EQ(Confirm(acme, t, "nope", "c3").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Confirm(acme, t, "acme", "a1").status().field(), "Idempotency-Key")
      << "a key already used for a submission";
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM bid_confirmations"), 0);
  EXPECT_EQ(AuditCount("bid.confirmed"), 0);
}

TB_INSTANTIATE_BACKENDS(BidReconfirmTest);

}  // namespace
}  // namespace tb::tenders::testing
