#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/money.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "crypto/envelope.h"
#include "tenders/tender.h"

// Sealed bids (issue #6 item 3; docs/bids.md): the values the bid service, its store and the
// routes share. A bid is named by the id its supplier chose; each submission, replacement or
// withdrawal is a new version with its own signed receipt (ET-01, ET-02, ET-10).
namespace tb::tenders {

// "single", "technical", "financial": the tender tables', the API's and the envelope's names.
using crypto::EnvelopeKind;
using crypto::EnvelopeKindName;
using crypto::ParseEnvelopeKind;

// The envelope kinds a submission to a tender of `mode` carries, in opening order.
std::vector<EnvelopeKind> KindsOf(EnvelopeMode mode);

// A bid id: 1..64 of [A-Za-z0-9_-] (the envelope format's rule). InvalidArgument with field
// "bid" otherwise.
Status CheckBidId(std::string_view bid_id);

// An Idempotency-Key header value (DU-03): 1..128 printable ASCII characters without
// spaces. InvalidArgument with field "Idempotency-Key" otherwise.
Status CheckIdempotencyKey(std::string_view key);

// kConfirmed is a re-confirmation after a substantive amendment: not a new version, but a
// receipt (and audit entry) for the version it confirms (docs/bids.md "Re-confirmation").
enum class BidAction { kReceived, kReplaced, kWithdrawn, kConfirmed };
// "received", "replaced", "withdrawn", "confirmed"; also the audit kinds "bid.<name>".
std::string_view BidActionName(BidAction action);
std::optional<BidAction> ParseBidAction(std::string_view name);

// The tender facts bids are checked against, read from the tender tables (tender-schema.md).
struct TenderForBids {
  TenderId id;
  std::string ocid;
  OrganisationId agency;
  UserId created_by;
  std::string state;  // 'draft', 'published', 'closed', 'opened', ...
  std::optional<Timestamp> deadline;
  EnvelopeMode mode = EnvelopeMode::kSingle;
  std::string currency;
  // The registered envelope public keys (ET-12) and their thresholds, by kind.
  std::map<EnvelopeKind, crypto::X25519PublicKey> keys;
  std::map<EnvelopeKind, int> thresholds;
  // The tender's own rule: UNGM level, countries, SME and women-owned reservations.
  Eligibility eligibility;
  // Set by the latest substantive amendment (number `reconfirm_amendment`): a bid whose
  // latest version was received before it must be re-confirmed (or replaced) before the
  // deadline, or it is left sealed at the opening.
  std::optional<Timestamp> reconfirm_after;
  int reconfirm_amendment = 0;
};

// One envelope of a bid version as stored: the ciphertext is kept whole (content-addressed
// by its SHA-256); the server never has its plaintext before opening.
struct StoredEnvelope {
  EnvelopeKind kind = EnvelopeKind::kSingle;
  std::string sha256;  // lower-case hex of the envelope bytes
  std::uint64_t size = 0;
  bool operator==(const StoredEnvelope&) const = default;
};

// One version of a bid as its supplier sees it.
struct BidVersion {
  std::string bid_id;
  int version = 0;  // 1, 2, ...
  BidAction action = BidAction::kReceived;
  Timestamp receipt_time;
  std::vector<StoredEnvelope> envelopes;  // empty for a withdrawal
  std::string receipt;                    // the signed receipt, canonical JSON (receipt.h)
  bool operator==(const BidVersion&) const = default;
};

// A re-confirmation of one version after a substantive amendment, with its signed receipt.
struct BidConfirmation {
  int version = 0;    // the version confirmed
  int amendment = 0;  // the substantive amendment it answered
  Timestamp confirmed_at;
  std::string receipt;
  bool operator==(const BidConfirmation&) const = default;
};

// A bid and all its versions, oldest first.
struct OwnBid {
  std::string bid_id;
  bool withdrawn = false;  // the latest version is a withdrawal
  std::vector<BidVersion> versions;
  std::vector<BidConfirmation> confirmations;  // oldest first
  // Set by the service from the tender (AwaitsReconfirmation).
  bool awaiting_reconfirmation = false;
};

// True when the bid's latest version was received before `reconfirm_after`, is not a
// withdrawal, and has no confirmation at or after `reconfirm_after` (a later substantive
// amendment moves it, so earlier confirmations stop counting).
bool AwaitsReconfirmation(const OwnBid& bid, std::optional<Timestamp> reconfirm_after);

// The salted reference under which a bid appears in the public audit log before opening
// (AU-06, ET-03): lower-case hex SHA-256 of "tb-bid-ref-v1" || 0x00 || salt (32 bytes) ||
// ocid || 0x00 || decimal supplier organisation id || 0x00 || bid id. The receipt carries the
// salt, and the opening record publishes it, so that anyone can link the entries then.
std::string BidReference(std::span<const std::uint8_t> salt, std::string_view ocid,
                         OrganisationId supplier, std::string_view bid_id);

}  // namespace tb::tenders
