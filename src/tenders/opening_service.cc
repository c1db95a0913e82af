#include "tenders/opening_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>

#include "auth/policy.h"
#include "crypto/envelope.h"
#include "crypto/key_ceremony.h"
#include "crypto/locked_bytes.h"
#include "crypto/sealing.h"
#include "crypto/shamir.h"
#include "tenders/bid_service.h"

namespace tb::tenders {
namespace {

// Every way to pick `k` of the first `m` items, as index lists (m is the committee size,
// a handful, so the count stays small).
void Combinations(int m, int k, std::vector<int>& current, int from,
                  std::vector<std::vector<int>>& out) {
  if (static_cast<int>(current.size()) == k) {
    out.push_back(current);
    return;
  }
  for (int i = from; i < m; ++i) {
    current.push_back(i);
    Combinations(m, k, current, i + 1, out);
    current.pop_back();
  }
}

// The envelope key rebuilt from `threshold` of the held shares, always including the newest
// (the others were tried when they arrived). nullopt when no choice rebuilds `public_key`.
std::optional<crypto::LockedBytes> RebuildKey(
    const std::vector<std::pair<UserId, std::vector<std::uint8_t>>>& shares, int threshold,
    const crypto::X25519PublicKey& public_key) {
  const int held = static_cast<int>(shares.size());
  if (threshold < 2 || held < threshold || held > 32) return std::nullopt;
  std::vector<std::vector<int>> picks;
  std::vector<int> current;
  Combinations(held - 1, threshold - 1, current, 0, picks);
  for (std::vector<int>& pick : picks) {
    pick.push_back(held - 1);
    std::vector<std::vector<std::uint8_t>> chosen;
    for (int i : pick) chosen.push_back(shares[i].second);
    Result<crypto::LockedBytes> secret = crypto::RecombineEnvelopeKey(chosen, public_key);
    if (secret.ok()) return std::move(secret).value();
  }
  return std::nullopt;
}

}  // namespace

OpeningService::OpeningService(BidStore& store, const Clock& clock, const crypto::SigningKey& key,
                               auth::SecurityLog& security_log)
    : store_(store), clock_(clock), key_(key), security_log_(security_log) {}

Result<TenderForBids> OpeningService::Tender(std::string_view ocid) {
  TB_ASSIGN_OR_RETURN(std::optional<TenderForBids> tender, store_.FindTender(ocid));
  if (!tender || tender->state == "draft")
    return Status::NotFound("no such tender").WithField("ocid");
  return *std::move(tender);
}

Status OpeningService::CheckReader(const auth::Actor& actor, const TenderForBids& tender,
                                   std::string_view what, const auth::RequestMeta& meta) {
  TB_ASSIGN_OR_RETURN(std::vector<std::string> roles, store_.CommitteeRoles(tender.id, actor.user));
  if (CanReadOpenedBids(actor, tender, roles)) return Status::Ok();
  auth::SecurityEvent event;
  event.at = clock_.Now();
  event.actor = actor.authenticated() ? "user:" + std::to_string(actor.user.value) : "public";
  event.action = "access_denied";
  event.object = "tender:" + tender.ocid + "/" + std::string(what);
  event.outcome = "denied";
  event.request_id = meta.request_id;
  event.client = meta.client;
  event.detail = "not an officer, committee member or evaluator of the tender (ET-07)";
  security_log_.Record(event);
  return Status::NotFound("no such " + std::string(what));
}

void OpeningService::RecordRefusal(const auth::Actor& actor, const TenderForBids& tender,
                                   EnvelopeKind kind, const Status& reason,
                                   const auth::RequestMeta& meta) {
  // ET-08: the audit entry is committed by the store; this is the alert.
  auth::SecurityEvent event;
  event.at = clock_.Now();
  event.actor = "user:" + std::to_string(actor.user.value);
  event.action = "opening_refused";
  event.object = "tender:" + tender.ocid + "/openings/" + std::string(EnvelopeKindName(kind));
  event.outcome = "denied";
  event.request_id = meta.request_id;
  event.client = meta.client;
  event.detail = reason.message();
  security_log_.Record(event);
}

Result<ShareResult> OpeningService::SubmitShare(const auth::Actor& actor, std::string_view ocid,
                                                EnvelopeKind kind,
                                                std::span<const std::uint8_t> share,
                                                const auth::RequestMeta& meta) {
  TB_ASSIGN_OR_RETURN(TenderForBids tender, Tender(ocid));
  if (share.size() != 33 || share[0] == 0) {
    return Status::InvalidArgument(
               "a share is 33 bytes (x, then 32 bytes), base64url-encoded, as `tenderbridge "
               "committee share unseal` prints it")
        .WithField("share");
  }
  ShareSubmission submission{tender.id, kind, actor.user,
                             std::vector<std::uint8_t>(share.begin(), share.end())};
  TB_ASSIGN_OR_RETURN(ShareOutcome outcome, store_.AddShare(submission, clock_));
  if (!outcome.refusal.ok()) {
    RecordRefusal(actor, tender, kind, outcome.refusal, meta);
    return outcome.refusal;
  }
  ShareResult result{outcome.shares_held, outcome.threshold, false, std::nullopt};
  if (outcome.shares_held < outcome.threshold) return result;
  return Open(actor, tender, kind, meta);
}

Result<ShareResult> OpeningService::Open(const auth::Actor& actor, const TenderForBids& tender,
                                         EnvelopeKind kind, const auth::RequestMeta& meta) {
  TB_ASSIGN_OR_RETURN(OpeningInputs inputs, store_.LoadOpeningInputs(tender.id, kind));
  std::optional<crypto::LockedBytes> key =
      RebuildKey(inputs.shares, inputs.threshold, inputs.public_key);
  if (!key) {
    const Status refusal = Status::FailedPrecondition(
        "the shares given do not rebuild the envelope key registered for this tender; they "
        "have been discarded and each member must give the share again");
    TB_RETURN_IF_ERROR(store_.RefuseOpening(tender.id, kind, actor.user,
                                            "shares do not rebuild the registered key", clock_,
                                            /*drop_shares=*/true));
    RecordRefusal(actor, tender, kind, refusal, meta);
    return refusal;
  }
  OpeningRecord record;
  record.tender = tender.id;
  record.ocid = tender.ocid;
  record.kind = kind;
  for (const auto& [user, share] : inputs.shares) record.members.push_back(user);
  std::vector<OpenedDocument> documents;
  for (const SealedForOpening& sealed : inputs.bids) {
    OpenedBid bid;
    bid.bid_id = sealed.bid_id;
    bid.supplier = sealed.supplier;
    bid.supplier_name = sealed.supplier_name;
    bid.version = sealed.version;
    bid.receipt_time = sealed.receipt_time;
    bid.envelope_sha256 = sealed.sha256;
    bid.bid_ref_salt = sealed.bid_ref_salt;
    const crypto::EnvelopeBinding binding{tender.ocid, kind, sealed.bid_id};
    Result<crypto::EnvelopeContents> contents =
        crypto::OpenEnvelope(sealed.ciphertext, binding, key->span());
    if (!contents.ok()) {
      // The receipt's hash proves what was received, so blame is decidable (§5.3).
      bid.error = "undecryptable: " + contents.status().message();
    } else {
      bid.decrypted = true;
      // Only the financial envelope (or the single one) states the price the method reads.
      if (kind != EnvelopeKind::kTechnical) bid.price = contents->price;
      for (std::size_t i = 0; i < contents->files.size(); ++i) {
        crypto::PlainFile& file = contents->files[i];
        bid.files.push_back(
            {static_cast<int>(i), file.name, file.content.size(), crypto::Sha256Hex(file.content)});
        documents.push_back(
            {sealed.bid_id, kind, static_cast<int>(i), file.name, std::move(file.content)});
      }
    }
    record.bids.push_back(std::move(bid));
  }
  record.excluded = std::move(inputs.excluded);
  // CR-03: the key is wiped as soon as the envelopes are open, before anything is written.
  key->Wipe();
  key.reset();
  std::sort(record.bids.begin(), record.bids.end(), [](const OpenedBid& a, const OpenedBid& b) {
    return a.receipt_time != b.receipt_time ? a.receipt_time < b.receipt_time : a.bid_id < b.bid_id;
  });
  record.opened_at = clock_.Now();
  record.record_sha256.clear();
  const std::string json = RecordJson(record);
  record.record_sha256 =
      crypto::Sha256Hex(std::span(reinterpret_cast<const std::uint8_t*>(json.data()), json.size()));
  const crypto::SigningKey& signing = key_;
  HeadSigner sign = [&signing](std::int64_t size, const Hash32& root, Timestamp at) {
    return audit::SignTreeHead(size, root, at, signing);
  };
  TB_ASSIGN_OR_RETURN(bool written, store_.CompleteOpening(record, documents, clock_, sign));
  ShareResult result;
  result.threshold = inputs.threshold;
  result.shares_held = static_cast<int>(inputs.shares.size());
  result.opened = true;
  if (written) {
    spdlog::info("tender {} {} envelopes opened: {} bids", tender.ocid, EnvelopeKindName(kind),
                 record.bids.size());
    result.record = std::move(record);
  } else {
    // Opened meanwhile by a concurrent share: answer with the stored record.
    TB_ASSIGN_OR_RETURN(result.record, store_.GetOpening(tender.id, kind));
  }
  return result;
}

Result<OpeningStatus> OpeningService::GetStatus(const auth::Actor& actor, std::string_view ocid,
                                                EnvelopeKind kind) {
  TB_ASSIGN_OR_RETURN(TenderForBids tender, Tender(ocid));
  TB_RETURN_IF_ERROR(CheckReader(actor, tender, "opening"));
  return store_.GetOpeningStatus(tender.id, kind);
}

Result<OpeningRecord> OpeningService::GetRecord(const auth::Actor& actor, std::string_view ocid,
                                                EnvelopeKind kind) {
  TB_ASSIGN_OR_RETURN(TenderForBids tender, Tender(ocid));
  TB_RETURN_IF_ERROR(CheckReader(actor, tender, "opening"));
  TB_ASSIGN_OR_RETURN(std::optional<OpeningRecord> record, store_.GetOpening(tender.id, kind));
  if (!record) {
    return Status::FailedPrecondition("the " + std::string(EnvelopeKindName(kind)) +
                                      " envelopes have not been opened");
  }
  return *std::move(record);
}

Result<OpenedDocument> OpeningService::GetDocument(const auth::Actor& actor, std::string_view ocid,
                                                   std::string_view bid_id, EnvelopeKind kind,
                                                   int index) {
  TB_ASSIGN_OR_RETURN(TenderForBids tender, Tender(ocid));
  TB_RETURN_IF_ERROR(CheckReader(actor, tender, "document"));
  return store_.GetDocument(tender.id, bid_id, kind, index);
}

Result<BidAbstract> OpeningService::GetAbstract(const auth::Actor& actor, std::string_view ocid) {
  TB_ASSIGN_OR_RETURN(TenderForBids tender, Tender(ocid));
  const std::vector<EnvelopeKind> kinds = KindsOf(tender.mode);
  TB_ASSIGN_OR_RETURN(std::optional<OpeningRecord> first,
                      store_.GetOpening(tender.id, kinds.front()));
  if (!first) {
    // The same answer for everyone, bidder or not: it says nothing about the bids.
    return Status::FailedPrecondition("the bid abstract is published at the opening");
  }
  TB_ASSIGN_OR_RETURN(std::vector<std::string> roles, store_.CommitteeRoles(tender.id, actor.user));
  bool allowed = CanReadOpenedBids(actor, tender, roles);
  if (!allowed) {
    TB_ASSIGN_OR_RETURN(std::vector<OrganisationId> bidders, store_.Bidders(tender.id));
    for (OrganisationId own : actor.OrganisationsWith(auth::Role::kSupplierUser)) {
      if (std::find(bidders.begin(), bidders.end(), own) != bidders.end()) allowed = true;
    }
  }
  if (!allowed) TB_RETURN_IF_ERROR(CheckReader(actor, tender, "bid abstract"));
  std::optional<OpeningRecord> financial;
  std::vector<std::pair<std::string, bool>> marks;
  if (tender.mode == EnvelopeMode::kTwo) {
    TB_ASSIGN_OR_RETURN(financial, store_.GetOpening(tender.id, EnvelopeKind::kFinancial));
    TB_ASSIGN_OR_RETURN(marks, store_.Qualifications(tender.id));
  }
  BidAbstract abstract{tender.ocid, first->opened_at, {}};
  for (const OpenedBid& bid : first->bids) {
    AbstractLine line;
    line.bid_id = bid.bid_id;
    line.supplier_name = bid.supplier_name;
    line.receipt_time = bid.receipt_time;
    line.envelope_sha256.emplace_back(kinds.front(), bid.envelope_sha256);
    line.price = bid.price;
    line.decrypted = bid.decrypted;
    for (const auto& [id, qualified] : marks) {
      if (id == bid.bid_id) line.qualified = qualified;
    }
    if (financial) {
      for (const OpenedBid& f : financial->bids) {
        if (f.bid_id != bid.bid_id) continue;
        line.envelope_sha256.emplace_back(EnvelopeKind::kFinancial, f.envelope_sha256);
        line.price = f.price;
      }
    }
    abstract.lines.push_back(std::move(line));
  }
  for (const UnconfirmedBid& bid : first->excluded) {
    AbstractLine line;
    line.bid_id = bid.bid_id;
    line.supplier_name = bid.supplier_name;
    line.receipt_time = bid.receipt_time;
    line.envelope_sha256.emplace_back(kinds.front(), bid.envelope_sha256);
    line.excluded = bid.reason;
    abstract.lines.push_back(std::move(line));
  }
  return abstract;
}

}  // namespace tb::tenders
