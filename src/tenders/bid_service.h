#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "auth/actor.h"
#include "auth/security_log.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "crypto/signing.h"
#include "tenders/bid.h"
#include "tenders/bid_eligibility.h"
#include "tenders/bid_store.h"
#include "tenders/receipt.h"

namespace tb::tenders {

struct BidLimits {
  // One envelope's ciphertext (the documents of one envelope, sealed).
  std::uint64_t max_envelope_bytes = std::uint64_t{64} << 20;
};

struct SubmittedEnvelope {
  EnvelopeKind kind = EnvelopeKind::kSingle;
  std::span<const std::uint8_t> bytes;  // valid during the call
};

struct BidSubmission {
  std::string ocid;
  std::string bid_id;
  std::string idempotency_key;
  std::vector<SubmittedEnvelope> envelopes;
  // The company to bid for when the actor acts for several; else its only one.
  std::optional<OrganisationId> supplier;
};

struct SubmitResult {
  std::string receipt;    // canonical JSON, signed (receipt.h)
  bool replayed = false;  // a retry: the receipt stored for this idempotency key
};

// What a route may show of a tender's bids to a given actor (ET-03): a supplier sees its own
// bids; the tender's officer, committee and evaluators see that bids are sealed (no count,
// no names) until the opening, then the opened set.
struct BidListing {
  bool own = false;  // `own_bids` is the actor's company's
  // For the supplier: the tender's re-confirmation cut-off and the amendment that set it.
  std::optional<Timestamp> reconfirm_after;
  int reconfirm_amendment = 0;
  bool sealed = false;  // before the opening: nothing else is said
  std::vector<OwnBid> own_bids;
  std::optional<OpeningRecord> opened;  // technical or single opening record
};

// Sealed-bid submission, replacement and withdrawal with signed receipts (ET-01, ET-02,
// ET-09, ET-10, DU-01, DU-03; docs/bids.md). Envelopes are checked without any key
// (crypto::InspectEnvelope): the binding must name this tender, envelope kind and bid id,
// and the recipient must be the tender's registered envelope key. Thread-safe. Everything
// given to the constructor must outlive the service.
class BidService {
 public:
  BidService(BidStore& store, BidEligibility& eligibility, SupplierFactsSource& facts,
             const Clock& clock, const crypto::SigningKey& key, auth::SecurityLog& security_log,
             BidLimits limits = {});

  // Submits a new bid or a new version of the actor's bid (ET-10). Errors:
  //   InvalidArgument     bad bid id or idempotency key, envelopes missing, extra, repeated,
  //                       malformed, bound to something else or sealed to another key
  //                       (field names the envelope kind)
  //   ResourceExhausted   an envelope over the size limit
  //   NotFound            no such tender (drafts are not shown)
  //   PermissionDenied    not a supplier user of the company; the company may not bid
  //                       (BidEligibility) or does not meet the tender's own rule (field
  //                       "eligibility/...": level, countries, SME or women-owned)
  //   FailedPrecondition  late (receipt time >= deadline) or the tender is not open; the
  //                       idempotency key was used for a different submission
  //   AlreadyExists       another supplier's bid of this tender has this id
  Result<SubmitResult> Submit(const auth::Actor& actor, const BidSubmission& submission);

  // Withdraws the actor's bid (a new version marking it withdrawn; its envelopes stay
  // sealed in the record). The same errors, and NotFound for an unknown bid.
  Result<SubmitResult> Withdraw(const auth::Actor& actor, std::string_view ocid,
                                std::string_view bid_id, std::string_view idempotency_key,
                                std::optional<OrganisationId> supplier);

  // Re-confirms the latest version of the actor's bid after a substantive amendment
  // (docs/bids.md "Re-confirmation"): a signed receipt with action "confirmed" for that
  // version. The same deadline rule and errors as Withdraw, and FailedPrecondition (field
  // "bid") when the bid is withdrawn or does not await re-confirmation.
  Result<SubmitResult> Confirm(const auth::Actor& actor, std::string_view ocid,
                               std::string_view bid_id, std::string_view idempotency_key,
                               std::optional<OrganisationId> supplier);

  // GET /tenders/{ocid}/bids. NotFound for a tender the actor has no part in.
  Result<BidListing> ListBids(const auth::Actor& actor, std::string_view ocid,
                              std::optional<OrganisationId> supplier);

  // The stored receipt of one version of the actor's own bid; NotFound otherwise.
  Result<std::string> GetReceipt(const auth::Actor& actor, std::string_view ocid,
                                 std::string_view bid_id, int version,
                                 std::optional<OrganisationId> supplier);

  // Checks a receipt against this server's key (receipt.h VerifyReceipt). Anyone may ask.
  ReceiptVerdict Verify(std::string_view receipt) const;

  const crypto::SigningKey& signing_key() const { return key_; }

 private:
  Result<OrganisationId> SupplierOf(const auth::Actor& actor,
                                    std::optional<OrganisationId> supplier) const;
  Result<TenderForBids> VisibleTender(std::string_view ocid);
  Result<SubmitResult> Write(const auth::Actor& actor, BidWrite write);
  BidEventSigner Signer() const;
  void RecordLate(const auth::Actor& actor, std::string_view ocid, OrganisationId supplier,
                  std::string_view bid_id, std::string_view action, const Status& refusal);

  BidStore& store_;
  BidEligibility& eligibility_;
  SupplierFactsSource& facts_;
  const Clock& clock_;
  const crypto::SigningKey& key_;
  auth::SecurityLog& security_log_;
  const BidLimits limits_;
};

// Who may see what of an opened tender (ET-07): the officers of its agency (MFA passed),
// its opening committee and its evaluators.
bool CanReadOpenedBids(const auth::Actor& actor, const TenderForBids& tender,
                       const std::vector<std::string>& committee_roles);

}  // namespace tb::tenders
