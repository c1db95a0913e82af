// libFuzzer target fuzz_receipt (issue #6 item 8): the bid receipt reader and verifier
// (tenders/receipt.h), which suppliers and auditors run on documents anyone may hand them.
// Property: the one receipt signed at start-up (by a key from a fixed seed) verifies, and an
// input verifies only if it is that receipt in some JSON layout (its canonical form is the
// genuine one). Starts from fuzz/corpus/receipt/genuine.json, which is that receipt (write it
// again with TB_RECEIPT_FUZZ_WRITE_SEED=PATH if the format changes).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "audit/merkle.h"
#include "tenders/receipt.h"

namespace {

using namespace tb;

struct Genuine {
  crypto::SigningKey key;
  std::string receipt;
};

const Genuine& Reference() {
  static const Genuine genuine = [] {
    std::uint8_t seed[32];
    for (int i = 0; i < 32; ++i) seed[i] = static_cast<std::uint8_t>(i * 7 + 1);
    crypto::SigningKey key = crypto::SigningKey::FromSeed(seed).value();
    tenders::BidEventFacts facts;
    facts.tender = "ocds-tbrdg1-000042";
    facts.bid = "bid-7f3a";
    facts.version = 2;
    facts.action = tenders::BidAction::kReplaced;
    facts.supplier = OrganisationId{12};
    facts.envelopes = {{crypto::EnvelopeKind::kSingle, std::string(64, 'a'), 1234}};
    facts.receipt_time = Timestamp::FromMicros(1'767'225'600'000'001);
    facts.bid_ref_salt = std::vector<std::uint8_t>(32, 7);
    audit::Frontier frontier;
    for (std::uint8_t i = 0; i < 5; ++i)
      frontier.Append(audit::LeafHash(std::vector<std::uint8_t>{i}));
    tenders::ReceiptAuditProof proof;
    proof.entry = audit::Encode(tenders::BidAuditEntry(facts));
    proof.leaf_index = frontier.size();
    proof.leaf_hash = audit::LeafHash(proof.entry);
    proof.inclusion_path = frontier.NextLeafPath();
    frontier.Append(proof.leaf_hash);
    proof.tree_head =
        audit::SignTreeHead(frontier.size(), frontier.Root(), facts.receipt_time, key);
    std::string receipt = tenders::SignReceipt(facts, proof, key);
    if (!tenders::VerifyReceipt(receipt, key.public_key()).valid) std::abort();
    if (const char* path = std::getenv("TB_RECEIPT_FUZZ_WRITE_SEED")) {
      if (std::FILE* f = std::fopen(path, "wb")) {
        std::fwrite(receipt.data(), 1, receipt.size(), f);
        std::fclose(f);
      }
    }
    return Genuine{key, receipt};
  }();
  return genuine;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Genuine& genuine = Reference();
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)tenders::ParseReceipt(text);  // must not crash on anything
  if (tenders::VerifyReceipt(text, genuine.key.public_key()).valid) {
    const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
    if (parsed.is_discarded() || parsed.dump() != genuine.receipt) std::abort();
  }
  return 0;
}
