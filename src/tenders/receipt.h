#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "audit/entry.h"
#include "audit/tree_head.h"
#include "core/ids.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "crypto/signing.h"
#include "tenders/bid.h"

// Signed bid receipts (SECURITY.md ET-02, AU-05; docs/receipts.md gives the exact bytes so
// that an outside auditor can check one with python3 and openssl alone).
namespace tb::tenders {

using Hash32 = std::array<std::uint8_t, 32>;

// What happened to a bid, as the receipt and the audit entry state it.
struct BidEventFacts {
  std::string tender;  // ocid
  std::string bid;
  int version = 0;
  BidAction action = BidAction::kReceived;
  OrganisationId supplier;
  std::vector<StoredEnvelope> envelopes;  // in KindsOf order; empty for a withdrawal
  Timestamp receipt_time;
  std::vector<std::uint8_t> bid_ref_salt;  // 32 random bytes, fixed per bid
  bool operator==(const BidEventFacts&) const = default;
};

// The audit entry of a bid event: kind "bid.<action>", at the receipt time, actor "bidder",
// subject "bid:<BidReference>", fields ("version", n) then (kind, ciphertext sha256) per
// envelope. Neither the tender nor the supplier appears in clear, so the public log shows
// neither who bid nor how many bids a tender has before its opening (ET-03, AU-06).
audit::Entry BidAuditEntry(const BidEventFacts& facts);

// The entry of a refused late submission (ET-09): kind "bid.refused_late", at the time the
// refusal was decided, subject as above, fields ("deadline_us", ...).
audit::Entry LateRefusalEntry(const BidEventFacts& facts, Timestamp deadline);

// Where the bid event's entry sits in the audit log, with the signed head it is proved in.
struct ReceiptAuditProof {
  std::int64_t leaf_index = 0;
  Hash32 leaf_hash{};
  std::vector<std::uint8_t> entry;  // audit::Encode(BidAuditEntry(facts))
  std::vector<Hash32> inclusion_path;
  audit::TreeHead tree_head;  // size = leaf_index + 1 at receipt, at = receipt time
  bool operator==(const ReceiptAuditProof&) const = default;
};

struct Receipt {
  BidEventFacts facts;
  ReceiptAuditProof audit;
  std::string key_id;  // crypto::SigningKey::KeyId() of the signer
  std::array<std::uint8_t, 64> signature{};
  bool operator==(const Receipt&) const = default;
};

// The receipt as canonical JSON (RFC 8785 for the value types used here: keys sorted,
// no whitespace, integers, ASCII strings), signed: the signature covers the canonical JSON
// of the same object without its "signature" member.
std::string SignReceipt(const BidEventFacts& facts, const ReceiptAuditProof& proof,
                        const crypto::SigningKey& key);

// The bytes the receipt's signature covers.
std::string ReceiptSignedBytes(const Receipt& receipt);

// Reads a receipt (any JSON layout; it is canonicalised before checking). InvalidArgument
// naming the member for anything that is not a receipt of version 1.
Result<Receipt> ParseReceipt(std::string_view text);

// "2024-03-07T12:00:00.000001Z": always six fractional digits.
std::string Rfc3339Micros(Timestamp t);

struct ReceiptVerdict {
  bool valid = false;
  std::string reason;  // empty when valid; else what failed, for a person to read
};

// Checks everything a receipt claims without asking the server: its form, that it is signed
// by `public_key` (key id and Ed25519 signature), that its tree head is signed by the same
// key at the receipt time, that the leaf hash is the hash of the carried entry, that the entry
// states exactly the receipt's facts and bid reference, and that the inclusion path leads from
// the leaf to the tree head's root (RFC 9162 §2.1.3.2).
ReceiptVerdict VerifyReceipt(std::string_view text, const std::array<std::uint8_t, 32>& public_key);

}  // namespace tb::tenders
