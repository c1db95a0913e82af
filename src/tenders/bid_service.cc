#include "tenders/bid_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "auth/policy.h"
#include "crypto/envelope.h"
#include "crypto/random.h"

namespace tb::tenders {

bool CanReadOpenedBids(const auth::Actor& actor, const TenderForBids& tender,
                       const std::vector<std::string>& committee_roles) {
  return auth::CanActForAgency(actor, tender.agency) || !committee_roles.empty();
}

BidService::BidService(BidStore& store, BidEligibility& eligibility, SupplierFactsSource& facts,
                       const Clock& clock, const crypto::SigningKey& key,
                       auth::SecurityLog& security_log, BidLimits limits)
    : store_(store),
      eligibility_(eligibility),
      facts_(facts),
      clock_(clock),
      key_(key),
      security_log_(security_log),
      limits_(limits) {}

Result<OrganisationId> BidService::SupplierOf(const auth::Actor& actor,
                                              std::optional<OrganisationId> supplier) const {
  const std::vector<OrganisationId> own = actor.OrganisationsWith(auth::Role::kSupplierUser);
  if (supplier) {
    if (std::find(own.begin(), own.end(), *supplier) == own.end()) {
      return Status::PermissionDenied("you do not act for this company").WithField("supplier");
    }
    return *supplier;
  }
  if (own.empty()) return Status::PermissionDenied("only a supplier's users submit bids");
  if (own.size() > 1) {
    return Status::InvalidArgument("you act for several companies: name the one that bids")
        .WithField("supplier");
  }
  return own.front();
}

Result<TenderForBids> BidService::VisibleTender(std::string_view ocid) {
  TB_ASSIGN_OR_RETURN(std::optional<TenderForBids> tender, store_.FindTender(ocid));
  // A draft is its agency's business only: to everyone here it does not exist.
  if (!tender || tender->state == "draft") {
    return Status::NotFound("no such tender").WithField("ocid");
  }
  return *std::move(tender);
}

Result<SubmitResult> BidService::Write(const auth::Actor& actor, BidWrite write) {
  // A retry of an acknowledged request gets the stored receipt, byte for byte (DU-03).
  TB_ASSIGN_OR_RETURN(
      std::optional<std::string> stored,
      store_.ReceiptForIdempotencyKey(write.tender, write.supplier, write.idempotency_key));
  if (stored) {
    Result<Receipt> earlier = ParseReceipt(*stored);
    if (!earlier.ok()) return Status::Internal("a stored receipt does not parse");
    std::vector<StoredEnvelope> sent;
    for (const EnvelopeUpload& e : write.envelopes)
      sent.push_back({e.kind, e.sha256, e.bytes.size()});
    const bool same = earlier->facts.action != BidAction::kConfirmed &&
                      earlier->facts.bid == write.bid_id &&
                      (earlier->facts.action == BidAction::kWithdrawn) == write.withdraw &&
                      earlier->facts.envelopes == sent;
    if (!same) {
      return Status::FailedPrecondition(
                 "this Idempotency-Key was already used for a different submission; use a new "
                 "key for a new submission")
          .WithField("Idempotency-Key");
    }
    return SubmitResult{*std::move(stored), true};
  }
  write.user = actor.user;
  write.new_bid_ref_salt = crypto::RandomBytes(32);
  Result<BidWriteResult> written = store_.WriteBid(write, clock_, Signer());
  if (!written.ok()) {
    const Status& s = written.status();
    if (s.code() == StatusCode::kAlreadyExists && s.field() == "Idempotency-Key") {
      // A concurrent request with the same key committed first: answer as its retry.
      TB_ASSIGN_OR_RETURN(
          std::optional<std::string> winner,
          store_.ReceiptForIdempotencyKey(write.tender, write.supplier, write.idempotency_key));
      if (winner) return SubmitResult{*std::move(winner), true};
    }
    if (s.code() == StatusCode::kFailedPrecondition && s.field() == "deadline") {
      RecordLate(actor, write.ocid, write.supplier, write.bid_id, "bid_submission", s);
    }
    return s;
  }
  return SubmitResult{std::move(written->receipt), written->replayed};
}

BidEventSigner BidService::Signer() const {
  const crypto::SigningKey& key = key_;
  return [&key](const BidEventFacts& facts, const AuditLeaf& leaf) -> Result<SignedBidEvent> {
    ReceiptAuditProof proof;
    proof.leaf_index = leaf.leaf_index;
    proof.leaf_hash = leaf.leaf_hash;
    proof.entry = leaf.entry;
    proof.inclusion_path = leaf.inclusion_path;
    proof.tree_head = audit::SignTreeHead(leaf.tree_size, leaf.root, facts.receipt_time, key);
    return SignedBidEvent{SignReceipt(facts, proof, key), proof.tree_head};
  };
}

void BidService::RecordLate(const auth::Actor& actor, std::string_view ocid,
                            OrganisationId supplier, std::string_view bid_id,
                            std::string_view action, const Status& refusal) {
  // ET-09: the refusal and its time are in the database and the audit log; this line is for
  // the operator. No content, and the supplier only by id.
  spdlog::warn("{} refused: tender {} supplier {} bid {}: {}", action, ocid, supplier.value, bid_id,
               refusal.message());
  auth::SecurityEvent event;
  event.at = clock_.Now();
  event.actor = "user:" + std::to_string(actor.user.value);
  event.action = std::string(action);
  event.object = "tender:" + std::string(ocid);
  event.outcome = "refused_late";
  event.detail = refusal.message();
  security_log_.Record(event);
}

Result<SubmitResult> BidService::Confirm(const auth::Actor& actor, std::string_view ocid,
                                         std::string_view bid_id, std::string_view idempotency_key,
                                         std::optional<OrganisationId> supplier) {
  TB_RETURN_IF_ERROR(CheckBidId(bid_id));
  TB_RETURN_IF_ERROR(CheckIdempotencyKey(idempotency_key));
  TB_ASSIGN_OR_RETURN(OrganisationId company, SupplierOf(actor, supplier));
  TB_ASSIGN_OR_RETURN(TenderForBids tender, VisibleTender(ocid));
  BidConfirm confirm{tender.id, company, actor.user, std::string(bid_id),
                     std::string(idempotency_key)};
  Result<BidWriteResult> written = store_.ConfirmBid(confirm, clock_, Signer());
  if (!written.ok()) {
    const Status& s = written.status();
    if (s.code() == StatusCode::kAlreadyExists && s.field() == "Idempotency-Key") {
      TB_ASSIGN_OR_RETURN(std::optional<std::string> winner,
                          store_.ReceiptForIdempotencyKey(tender.id, company, idempotency_key));
      if (winner) return SubmitResult{*std::move(winner), true};
    }
    if (s.code() == StatusCode::kFailedPrecondition && s.field() == "deadline") {
      RecordLate(actor, tender.ocid, company, bid_id, "bid_confirmation", s);
    }
    return s;
  }
  return SubmitResult{std::move(written->receipt), written->replayed};
}

Result<SubmitResult> BidService::Submit(const auth::Actor& actor, const BidSubmission& submission) {
  TB_RETURN_IF_ERROR(CheckBidId(submission.bid_id));
  TB_RETURN_IF_ERROR(CheckIdempotencyKey(submission.idempotency_key));
  TB_ASSIGN_OR_RETURN(OrganisationId supplier, SupplierOf(actor, submission.supplier));
  TB_ASSIGN_OR_RETURN(TenderForBids tender, VisibleTender(submission.ocid));
  TB_RETURN_IF_ERROR(eligibility_.CheckCanBid(supplier));
  if (HasEligibilityRule(tender.eligibility)) {
    TB_ASSIGN_OR_RETURN(std::optional<SupplierFacts> facts, facts_.FactsOf(supplier));
    if (!facts) {
      return Status::PermissionDenied(
                 "this tender has eligibility rules; complete your company profile first")
          .WithField("eligibility");
    }
    TB_RETURN_IF_ERROR(CheckTenderEligibility(tender.eligibility, *facts));
  }

  const std::vector<EnvelopeKind> kinds = KindsOf(tender.mode);
  BidWrite write;
  write.tender = tender.id;
  write.ocid = tender.ocid;
  write.supplier = supplier;
  write.bid_id = submission.bid_id;
  write.idempotency_key = submission.idempotency_key;
  for (const SubmittedEnvelope& e : submission.envelopes) {
    const std::string name(EnvelopeKindName(e.kind));
    if (std::find(kinds.begin(), kinds.end(), e.kind) == kinds.end()) {
      return Status::InvalidArgument("this tender takes no " + name + " envelope").WithField(name);
    }
    const auto repeated =
        std::count_if(submission.envelopes.begin(), submission.envelopes.end(),
                      [&e](const SubmittedEnvelope& o) { return o.kind == e.kind; });
    if (repeated > 1) return Status::InvalidArgument("the envelope is given twice").WithField(name);
  }
  for (EnvelopeKind kind : kinds) {
    const std::string name(EnvelopeKindName(kind));
    auto given = std::find_if(submission.envelopes.begin(), submission.envelopes.end(),
                              [kind](const SubmittedEnvelope& e) { return e.kind == kind; });
    if (given == submission.envelopes.end()) {
      return Status::InvalidArgument("the " + name + " envelope is missing").WithField(name);
    }
    if (given->bytes.size() > limits_.max_envelope_bytes) {
      return Status::ResourceExhausted("the " + name + " envelope is larger than " +
                                       std::to_string(limits_.max_envelope_bytes >> 20) + " MiB")
          .WithField(name);
    }
    auto key = tender.keys.find(kind);
    if (key == tender.keys.end()) {
      return Status::FailedPrecondition("the tender has no registered key for its " + name +
                                        " envelope yet")
          .WithField(name);
    }
    Result<crypto::EnvelopeSummary> summary =
        crypto::InspectEnvelope(given->bytes, limits_.max_envelope_bytes);
    if (!summary.ok()) {
      return Status::InvalidArgument("the " + name + " envelope is not a valid sealed envelope: " +
                                     summary.status().message())
          .WithField(name);
    }
    const crypto::EnvelopeBinding expected{tender.ocid, kind, submission.bid_id};
    if (!(summary->binding == expected)) {
      return Status::InvalidArgument("the " + name +
                                     " envelope was sealed for another tender, envelope or bid "
                                     "id; seal it again for this one")
          .WithField(name);
    }
    if (summary->recipient != key->second) {
      return Status::InvalidArgument("the " + name +
                                     " envelope is not sealed to this tender's published key")
          .WithField(name);
    }
    write.envelopes.push_back({kind, given->bytes, summary->sha256});
  }
  return Write(actor, std::move(write));
}

Result<SubmitResult> BidService::Withdraw(const auth::Actor& actor, std::string_view ocid,
                                          std::string_view bid_id, std::string_view idempotency_key,
                                          std::optional<OrganisationId> supplier) {
  TB_RETURN_IF_ERROR(CheckBidId(bid_id));
  TB_RETURN_IF_ERROR(CheckIdempotencyKey(idempotency_key));
  TB_ASSIGN_OR_RETURN(OrganisationId company, SupplierOf(actor, supplier));
  TB_ASSIGN_OR_RETURN(TenderForBids tender, VisibleTender(ocid));
  BidWrite write;
  write.tender = tender.id;
  write.ocid = tender.ocid;
  write.supplier = company;
  write.bid_id = std::string(bid_id);
  write.withdraw = true;
  write.idempotency_key = std::string(idempotency_key);
  return Write(actor, std::move(write));
}

Result<BidListing> BidService::ListBids(const auth::Actor& actor, std::string_view ocid,
                                        std::optional<OrganisationId> supplier) {
  TB_ASSIGN_OR_RETURN(TenderForBids tender, VisibleTender(ocid));
  BidListing listing;
  if (actor.Has(auth::Role::kSupplierUser)) {
    TB_ASSIGN_OR_RETURN(OrganisationId company, SupplierOf(actor, supplier));
    TB_ASSIGN_OR_RETURN(listing.own_bids, store_.OwnBids(tender.id, company));
    for (OwnBid& bid : listing.own_bids) {
      bid.awaiting_reconfirmation = AwaitsReconfirmation(bid, tender.reconfirm_after);
    }
    listing.reconfirm_after = tender.reconfirm_after;
    listing.reconfirm_amendment = tender.reconfirm_amendment;
    listing.own = true;
    return listing;
  }
  TB_ASSIGN_OR_RETURN(std::vector<std::string> roles, store_.CommitteeRoles(tender.id, actor.user));
  if (!CanReadOpenedBids(actor, tender, roles) && !auth::IsAdministrator(actor)) {
    return Status::NotFound("no such tender").WithField("ocid");
  }
  const EnvelopeKind first = KindsOf(tender.mode).front();
  TB_ASSIGN_OR_RETURN(std::optional<OpeningRecord> record, store_.GetOpening(tender.id, first));
  // Administrators run the platform, not the procurement: they never see opened bids.
  if (!record || !CanReadOpenedBids(actor, tender, roles)) {
    listing.sealed = true;
    return listing;
  }
  listing.opened = std::move(record);
  return listing;
}

Result<std::string> BidService::GetReceipt(const auth::Actor& actor, std::string_view ocid,
                                           std::string_view bid_id, int version,
                                           std::optional<OrganisationId> supplier) {
  TB_ASSIGN_OR_RETURN(OrganisationId company, SupplierOf(actor, supplier));
  TB_ASSIGN_OR_RETURN(TenderForBids tender, VisibleTender(ocid));
  TB_ASSIGN_OR_RETURN(std::vector<OwnBid> bids, store_.OwnBids(tender.id, company));
  for (const OwnBid& bid : bids) {
    if (bid.bid_id != bid_id) continue;
    for (const BidVersion& v : bid.versions) {
      if (v.version == version) return v.receipt;
    }
  }
  return Status::NotFound("you have no such bid version").WithField("version");
}

ReceiptVerdict BidService::Verify(std::string_view receipt) const {
  return VerifyReceipt(receipt, key_.public_key());
}

}  // namespace tb::tenders
