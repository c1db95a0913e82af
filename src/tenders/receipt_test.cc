#include "tenders/receipt.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "audit/merkle.h"
#include "crypto/random.h"

namespace tb::tenders {
namespace {

BidEventFacts SampleFacts() {
  BidEventFacts facts;
  facts.tender = "ocds-tbrdg1-000042";
  facts.bid = "bid-7f3a";
  facts.version = 2;
  facts.action = BidAction::kReplaced;
  facts.supplier = OrganisationId{12};
  facts.envelopes = {{EnvelopeKind::kTechnical, std::string(64, 'a'), 1234},
                     {EnvelopeKind::kFinancial, std::string(64, 'b'), 99}};
  facts.receipt_time = Timestamp::FromMicros(1'767'225'600'000'001);
  facts.bid_ref_salt = std::vector<std::uint8_t>(32, 7);
  return facts;
}

// A receipt whose entry is leaf `earlier` of a log that already holds `earlier` other leaves.
std::string MakeReceipt(const BidEventFacts& facts, const crypto::SigningKey& key, int earlier) {
  audit::Frontier frontier;
  for (int i = 0; i < earlier; ++i) {
    const std::vector<std::uint8_t> other = {static_cast<std::uint8_t>(i), 1, 2};
    frontier.Append(audit::LeafHash(other));
  }
  ReceiptAuditProof proof;
  proof.entry = audit::Encode(BidAuditEntry(facts));
  proof.leaf_index = frontier.size();
  proof.leaf_hash = audit::LeafHash(proof.entry);
  proof.inclusion_path = frontier.NextLeafPath();
  frontier.Append(proof.leaf_hash);
  proof.tree_head = audit::SignTreeHead(frontier.size(), frontier.Root(), facts.receipt_time, key);
  return SignReceipt(facts, proof, key);
}

TEST(Receipt, GenuineReceiptsVerifyAtEveryLogSize) {
  const crypto::SigningKey key = crypto::SigningKey::Generate();
  for (int earlier = 0; earlier < 40; ++earlier) {
    SCOPED_TRACE(earlier);
    const ReceiptVerdict verdict =
        VerifyReceipt(MakeReceipt(SampleFacts(), key, earlier), key.public_key());
    EXPECT_TRUE(verdict.valid) << verdict.reason;
  }
}

TEST(Receipt, ParsesBackToTheSignedFacts) {
  const crypto::SigningKey key = crypto::SigningKey::Generate();
  const std::string text = MakeReceipt(SampleFacts(), key, 5);
  Result<Receipt> parsed = ParseReceipt(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->facts, SampleFacts());
  EXPECT_EQ(parsed->key_id, key.KeyId());
  EXPECT_EQ(parsed->audit.leaf_index, 5);
  EXPECT_NE(text.find("\"receipt_time\":\"2026-01-01T00:00:00.000001Z\""), std::string::npos)
      << text;
}

TEST(Receipt, IsCanonicalJsonSoPrettyPrintedCopiesStillVerify) {
  const crypto::SigningKey key = crypto::SigningKey::Generate();
  const std::string text = MakeReceipt(SampleFacts(), key, 3);
  const nlohmann::json document = nlohmann::json::parse(text);
  EXPECT_EQ(document.dump(), text) << "served bytes are the canonical form";
  EXPECT_TRUE(VerifyReceipt(document.dump(2), key.public_key()).valid);
}

// ET-02: 1,000 copies, each with one random bit flipped, are all rejected.
TEST(Receipt, EveryOneBitFlipIsRejected) {
  const crypto::SigningKey key = crypto::SigningKey::Generate();
  const std::string genuine = MakeReceipt(SampleFacts(), key, 11);
  ASSERT_TRUE(VerifyReceipt(genuine, key.public_key()).valid);
  int rejected = 0;
  for (int i = 0; i < 1000; ++i) {
    const std::vector<std::uint8_t> r = crypto::RandomBytes(8);
    std::uint64_t pick = 0;
    for (std::uint8_t b : r) pick = pick << 8 | b;
    const std::size_t bit = pick % (genuine.size() * 8);
    std::string tampered = genuine;
    tampered[bit / 8] = static_cast<char>(tampered[bit / 8] ^ (1 << (bit % 8)));
    const ReceiptVerdict verdict = VerifyReceipt(tampered, key.public_key());
    if (!verdict.valid) {
      ++rejected;
      EXPECT_FALSE(verdict.reason.empty());
    } else {
      ADD_FAILURE() << "bit " << bit << " flipped and still valid";
    }
  }
  EXPECT_EQ(rejected, 1000);
}

TEST(Receipt, NamesWhatIsWrong) {
  const crypto::SigningKey key = crypto::SigningKey::Generate();
  const crypto::SigningKey other = crypto::SigningKey::Generate();
  const std::string genuine = MakeReceipt(SampleFacts(), key, 2);
  EXPECT_NE(VerifyReceipt(genuine, other.public_key()).reason.find("another key"),
            std::string::npos);
  EXPECT_NE(VerifyReceipt("not json", key.public_key()).reason.find("not JSON"), std::string::npos);

  // A receipt re-signed by the right key over facts its audit entry does not state.
  Result<Receipt> parsed = ParseReceipt(genuine);
  ASSERT_TRUE(parsed.ok());
  BidEventFacts changed = parsed->facts;
  changed.version = 3;
  const std::string forged = SignReceipt(changed, parsed->audit, key);
  EXPECT_NE(VerifyReceipt(forged, key.public_key()).reason.find("does not state the receipt"),
            std::string::npos)
      << VerifyReceipt(forged, key.public_key()).reason;

  // A path that leads elsewhere.
  ReceiptAuditProof wrong_path = parsed->audit;
  wrong_path.inclusion_path.front()[0] ^= 1;
  EXPECT_NE(VerifyReceipt(SignReceipt(parsed->facts, wrong_path, key), key.public_key())
                .reason.find("inclusion path"),
            std::string::npos);
}

TEST(Receipt, AuditEntryHidesTenderAndSupplier) {
  const audit::Entry entry = BidAuditEntry(SampleFacts());
  const std::vector<std::uint8_t> bytes = audit::Encode(entry);
  const std::string text(bytes.begin(), bytes.end());
  EXPECT_EQ(text.find("ocds-tbrdg1-000042"), std::string::npos);
  EXPECT_EQ(entry.actor, "bidder");
  EXPECT_EQ(entry.kind, "bid.replaced");
  EXPECT_EQ(entry.subject.rfind("bid:", 0), 0u);
  // Another salt gives an unlinkable reference.
  BidEventFacts other = SampleFacts();
  other.bid_ref_salt[0] = 8;
  EXPECT_NE(BidAuditEntry(other).subject, entry.subject);
}

TEST(Receipt, Rfc3339MicrosAlwaysHasSixDigits) {
  EXPECT_EQ(Rfc3339Micros(Timestamp::FromSeconds(0)), "1970-01-01T00:00:00.000000Z");
  EXPECT_EQ(Rfc3339Micros(Timestamp::FromMicros(1'500'000)), "1970-01-01T00:00:01.500000Z");
}

}  // namespace
}  // namespace tb::tenders
