#pragma once

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
#include "tenders/bid_store.h"
#include "tenders/opening.h"

namespace tb::tenders {

struct ShareResult {
  int shares_held = 0;
  int threshold = 0;
  bool opened = false;  // this share completed the opening
  std::optional<OpeningRecord> record;
};

// One line of the bid abstract (ET-11): a bid as opened, with its price once the envelope
// that states it has been opened.
struct AbstractLine {
  std::string bid_id;
  std::string supplier_name;
  Timestamp receipt_time;
  std::vector<std::pair<EnvelopeKind, std::string>> envelope_sha256;  // what was received
  std::optional<Money> price;
  bool decrypted = false;
  std::optional<bool> qualified;  // two envelopes: the technical evaluation's mark
  // Set when the opening left the bid sealed ("not re-confirmed after amendment N"): no
  // price, never decrypted; its hash still lets the bidder match it to its receipt.
  std::string excluded;
};

struct BidAbstract {
  std::string ocid;
  Timestamp opened_at;
  std::vector<AbstractLine> lines;
};

// The opening ceremony (SECURITY.md §5.2 step 4; docs/bids.md "Opening"). Committee members
// release their shares one by one; the share that reaches the envelope key's threshold
// rebuilds the key in locked memory, checks it against the registered public key, opens the
// latest non-withdrawn version of every bid (financial envelopes: only bids marked
// qualified, ET-05), writes the opening record atomically and wipes the key (CR-03).
// Refusals are committed with an "opening.refused" audit entry and recorded in the security
// log (ET-08). Thread-safe; everything given to the constructor must outlive it.
class OpeningService {
 public:
  OpeningService(BidStore& store, const Clock& clock, const crypto::SigningKey& key,
                 auth::SecurityLog& security_log);

  // A committee member's share (33 bytes: x || f(x), crypto/shamir.h). The caller has
  // checked the second factor. Errors: NotFound (no such tender), InvalidArgument (not a
  // share), PermissionDenied / FailedPrecondition from CheckShareGate, FailedPrecondition
  // when the shares held do not rebuild the registered key (they are dropped: the members
  // give them again).
  Result<ShareResult> SubmitShare(const auth::Actor& actor, std::string_view ocid,
                                  EnvelopeKind kind, std::span<const std::uint8_t> share,
                                  const auth::RequestMeta& meta = {});

  // Shares held and the threshold: the committee, the tender's officers and evaluators.
  Result<OpeningStatus> GetStatus(const auth::Actor& actor, std::string_view ocid,
                                  EnvelopeKind kind);

  // The opening record of an envelope (ET-07: officers of the agency, committee, evaluators).
  // FailedPrecondition before that opening.
  Result<OpeningRecord> GetRecord(const auth::Actor& actor, std::string_view ocid,
                                  EnvelopeKind kind);

  // A decrypted file of an opened bid (ET-07).
  Result<OpenedDocument> GetDocument(const auth::Actor& actor, std::string_view ocid,
                                     std::string_view bid_id, EnvelopeKind kind, int index);

  // ET-11: every bidder of the tender (any company that holds a bid, withdrawn or not), its
  // officers, committee and evaluators, after the technical (or single) opening.
  // FailedPrecondition before it (for everyone alike); NotFound for anyone else.
  Result<BidAbstract> GetAbstract(const auth::Actor& actor, std::string_view ocid);

 private:
  Result<TenderForBids> Tender(std::string_view ocid);
  // NotFound (and a security event, ET-08) unless the actor may read opened data.
  Status CheckReader(const auth::Actor& actor, const TenderForBids& tender, std::string_view what,
                     const auth::RequestMeta& meta = {});
  Result<ShareResult> Open(const auth::Actor& actor, const TenderForBids& tender, EnvelopeKind kind,
                           const auth::RequestMeta& meta);
  void RecordRefusal(const auth::Actor& actor, const TenderForBids& tender, EnvelopeKind kind,
                     const Status& reason, const auth::RequestMeta& meta);

  BidStore& store_;
  const Clock& clock_;
  const crypto::SigningKey& key_;
  auth::SecurityLog& security_log_;
};

}  // namespace tb::tenders
