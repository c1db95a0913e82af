#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "audit/tree_head.h"
#include "core/ids.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "tenders/bid.h"
#include "tenders/opening.h"
#include "tenders/receipt.h"

namespace tb::tenders {

// One envelope of a submission, checked by the service (InspectEnvelope) before the write.
struct EnvelopeUpload {
  EnvelopeKind kind = EnvelopeKind::kSingle;
  std::span<const std::uint8_t> bytes;
  std::string sha256;
};

// A submission, replacement or withdrawal to write.
struct BidWrite {
  TenderId tender;
  std::string ocid;
  OrganisationId supplier;
  UserId user;
  std::string bid_id;
  bool withdraw = false;
  std::string idempotency_key;
  std::vector<EnvelopeUpload> envelopes;       // KindsOf(mode) order; empty when withdraw
  std::vector<std::uint8_t> new_bid_ref_salt;  // 32 random bytes, used when the bid is new
};

// Where an audit entry landed, as the store's AppendAuditEntry reported it.
struct AuditLeaf {
  std::int64_t leaf_index = 0;
  std::int64_t tree_size = 0;
  Hash32 leaf_hash{};
  Hash32 root{};
  std::vector<Hash32> inclusion_path;
  std::vector<std::uint8_t> entry;  // audit::Encode of the appended entry
};

// What the service's signer returns from inside the write transaction: the receipt to store
// and hand out, and the head it carries (stored too, AU-03).
struct SignedBidEvent {
  std::string receipt;
  audit::TreeHead head;
};
using BidEventSigner =
    std::function<Result<SignedBidEvent>(const BidEventFacts& facts, const AuditLeaf& leaf)>;
// Signs a tree head over (size, root, at) for an opening.
using HeadSigner =
    std::function<audit::TreeHead(std::int64_t size, const Hash32& root, Timestamp at)>;

struct BidWriteResult {
  std::string receipt;
  bool replayed = false;  // the idempotency key was seen: this is the stored receipt
};

// How a share submission ended, after the store committed it (refusals are committed too,
// with their audit entry, ET-08).
struct ShareOutcome {
  Status refusal;  // Ok when the share was taken
  int shares_held = 0;
  int threshold = 0;
};

struct ShareSubmission {
  TenderId tender;
  EnvelopeKind kind = EnvelopeKind::kSingle;
  UserId user;
  std::vector<std::uint8_t> share;
};

// A bid version to open: the latest non-withdrawn version of a bid (ET-10).
struct SealedForOpening {
  std::string bid_id;
  OrganisationId supplier;
  std::string supplier_name;
  int version = 0;
  Timestamp receipt_time;
  std::string sha256;
  std::vector<std::uint8_t> ciphertext;
  std::string bid_ref_salt;  // hex
};

struct OpeningInputs {
  crypto::X25519PublicKey public_key{};
  int threshold = 0;
  std::vector<std::pair<UserId, std::vector<std::uint8_t>>> shares;  // submission order
  std::vector<SealedForOpening> bids;  // by receipt time; financial: qualified bids only
  // Technical or single envelope: bids still awaiting re-confirmation, for the record only
  // (the service never decrypts them). Empty for the financial envelope: those bids were
  // never opened technically, so never qualified.
  std::vector<UnconfirmedBid> excluded;
};

// A re-confirmation to write (docs/bids.md "Re-confirmation").
struct BidConfirm {
  TenderId tender;
  OrganisationId supplier;
  UserId user;
  std::string bid_id;
  std::string idempotency_key;
};

// A decrypted file stored for the evaluation panel (ET-07).
struct OpenedDocument {
  std::string bid_id;
  EnvelopeKind kind = EnvelopeKind::kSingle;
  int index = 0;
  std::string name;
  std::vector<std::uint8_t> content;
};

struct OpeningStatus {
  int shares_held = 0;
  int threshold = 0;
  bool opened = false;
  std::vector<UserId> members_submitted;
};

// Persistence of bids and openings (storage/sql_bid_store implements it; docs/bids.md gives
// the tables). Every write runs in one write transaction that reads the tender's state and
// deadline, appends its audit entry (AU-01) and commits before returning (DU-01).
// Thread-safe implementations.
class BidStore {
 public:
  virtual ~BidStore() = default;

  // The tender with its envelope keys; nullopt when no tender has this ocid.
  virtual Result<std::optional<TenderForBids>> FindTender(std::string_view ocid) = 0;

  // The stored receipt of the version written with this idempotency key (DU-03).
  virtual Result<std::optional<std::string>> ReceiptForIdempotencyKey(TenderId tender,
                                                                      OrganisationId supplier,
                                                                      std::string_view key) = 0;

  // Writes a version in one transaction: reads the tender's state and deadline (locking the
  // row on PostgreSQL), then `clock` right before the insert; accepts iff the state is
  // 'published' and receipt time < deadline (§3.4). A new bid needs an unused bid id; the
  // version row, the content-addressed ciphertexts, the audit entry (BidAuditEntry), the
  // signed head and the receipt `sign` builds are committed together. A repeated
  // idempotency key returns the stored receipt (replayed). Errors:
  //   FailedPrecondition  late or not open (the refusal, its time and a "bid.refused_late"
  //                       entry are committed; nothing of the bid is stored); withdrawing a
  //                       withdrawn bid
  //   AlreadyExists       the bid id belongs to another supplier's bid of this tender
  //   NotFound            withdrawing a bid that does not exist
  virtual Result<BidWriteResult> WriteBid(const BidWrite& write, const Clock& clock,
                                          const BidEventSigner& sign) = 0;

  // Confirms the latest version of the supplier's bid in one write transaction that reads
  // the tender's state, deadline and reconfirm_after (row locked on PostgreSQL), then the
  // clock. The deadline rule is WriteBid's exactly (a late confirmation is refused, recorded
  // in bid_refusals and as "bid.refused_late"). Appends "bid.confirmed", stores a signed head
  // and the receipt `sign` builds (action confirmed, the confirmed version's envelopes).
  // A repeated idempotency key returns the stored receipt (replayed). Errors:
  //   NotFound            no bid of this supplier with this id
  //   FailedPrecondition  late (field "deadline"), not open (field "state"), withdrawn, or
  //                       not awaiting re-confirmation (field "bid")
  virtual Result<BidWriteResult> ConfirmBid(const BidConfirm& confirm, const Clock& clock,
                                            const BidEventSigner& sign) = 0;

  // The supplier's own bids of the tender with every version and receipt.
  virtual Result<std::vector<OwnBid>> OwnBids(TenderId tender, OrganisationId supplier) = 0;

  // The roles ('opening', 'evaluator') `user` holds on the tender's committee; 'evaluator' only once
  // they have declared no conflict of interest for the tender (ET-07).
  virtual Result<std::vector<std::string>> CommitteeRoles(TenderId tender, UserId user) = 0;

  // The organisations that hold a bid (any version) of the tender: who may read its abstract.
  virtual Result<std::vector<OrganisationId>> Bidders(TenderId tender) = 0;

  // Takes a share after CheckShareGate on facts read in the same transaction. Appends
  // "opening.share_submitted" or, on refusal, "opening.refused"; commits either way.
  virtual Result<ShareOutcome> AddShare(const ShareSubmission& submission, const Clock& clock) = 0;

  // Records a refusal decided outside AddShare (a key that does not match) with its audit
  // entry, and drops the held shares of the envelope so the ceremony can start again.
  virtual Status RefuseOpening(TenderId tender, EnvelopeKind kind, UserId user,
                               std::string_view reason, const Clock& clock, bool drop_shares) = 0;

  virtual Result<OpeningStatus> GetOpeningStatus(TenderId tender, EnvelopeKind kind) = 0;

  // The shares held and the bids to open for an envelope.
  virtual Result<OpeningInputs> LoadOpeningInputs(TenderId tender, EnvelopeKind kind) = 0;

  // Writes the opening atomically: the record and its bids, the decrypted documents, the
  // tender's move to 'opened' (technical or single envelope), the deletion of the shares,
  // the "opening.completed" entry and a signed head. False (and nothing written) when the
  // envelope was opened meanwhile by a concurrent submission.
  virtual Result<bool> CompleteOpening(const OpeningRecord& record,
                                       std::span<const OpenedDocument> documents,
                                       const Clock& clock, const HeadSigner& sign) = 0;

  virtual Result<std::optional<OpeningRecord>> GetOpening(TenderId tender, EnvelopeKind kind) = 0;

  // A decrypted file; NotFound when there is none.
  virtual Result<OpenedDocument> GetDocument(TenderId tender, std::string_view bid_id,
                                             EnvelopeKind kind, int index) = 0;

  // bid id -> qualified, as the evaluation's technical close marked them (ET-05; the
  // evaluation store writes bid_qualifications, docs/evaluation.md).
  virtual Result<std::vector<std::pair<std::string, bool>>> Qualifications(TenderId tender) = 0;
};

}  // namespace tb::tenders
