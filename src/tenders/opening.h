#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/money.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "tenders/bid.h"

// The opening ceremony (issue #6 item 4; SECURITY.md ET-05, ET-06, ET-08, ET-11, CR-03,
// CR-04; docs/bids.md "Opening"): the values the opening service, its store and the routes
// share, and the gate every share submission passes.
namespace tb::tenders {

// What the gate needs to know, read inside the share's write transaction.
struct ShareGateFacts {
  std::string state;  // the tender's state
  std::optional<Timestamp> deadline;
  Timestamp now;  // the transaction's clock reading
  EnvelopeKind kind = EnvelopeKind::kSingle;
  EnvelopeMode mode = EnvelopeMode::kSingle;
  bool key_registered = false;          // tender_envelope_keys has this envelope
  bool is_opening_member = false;       // tender_committee role 'opening'
  bool is_creator = false;              // tenders.created_by
  bool is_evaluator = false;            // tender_committee role 'evaluator'
  bool already_submitted = false;       // this user's share for this envelope is held
  bool already_opened = false;          // this envelope's opening record exists
  bool technical_opened = false;        // two envelopes: the technical opening is done
  bool qualification_complete = false;  // every opened technical bid is marked (dis)qualified
};

// Ok when the share may be taken. Otherwise the refusal, whose message says why:
//   PermissionDenied    not an opening-committee member of this tender, or the tender's
//                       creator or one of its evaluators (ET-06, AS-16)
//   FailedPrecondition  before the deadline or in a state that does not open (CR-04), no
//                       key registered, this member already gave a share (one person
//                       cannot give two, ET-06), already opened, or the financial envelope
//                       before the technical evaluation has marked every bid (ET-05)
// The technical/single envelope opens when the tender is 'closed', or 'published' with the
// deadline passed (the closing job may not have run yet); the financial one when the tender
// is 'opened' or 'evaluation' after the technical opening.
Status CheckShareGate(const ShareGateFacts& facts);

// One file of an opened envelope.
struct OpenedFile {
  int index = 0;
  std::string name;
  std::uint64_t size = 0;
  std::string sha256;  // of the plaintext
  bool operator==(const OpenedFile&) const = default;
};

// One bid in an opening record (ET-11): who, when received, what was received, and what it
// says when it opened.
struct OpenedBid {
  std::string bid_id;
  OrganisationId supplier;
  std::string supplier_name;
  int version = 0;
  Timestamp receipt_time;
  std::string envelope_sha256;
  std::string bid_ref_salt;  // hex: links the bid's audit entries to it from now on
  bool decrypted = false;
  std::string error;           // why it did not open ("undecryptable: ..."), when not decrypted
  std::optional<Money> price;  // the manifest's price, when stated
  std::vector<OpenedFile> files;
  bool operator==(const OpenedBid&) const = default;
};

// A bid the opening left sealed: it awaited re-confirmation after a substantive amendment
// at the deadline (docs/bids.md "Re-confirmation"). Never decrypted, never evaluated; listed
// so that its bidder and an auditor see why (its hash still matches the bidder's receipt).
struct UnconfirmedBid {
  std::string bid_id;
  OrganisationId supplier;
  std::string supplier_name;
  int version = 0;
  Timestamp receipt_time;
  std::string envelope_sha256;
  std::string bid_ref_salt;  // hex
  std::string reason;        // "not re-confirmed after amendment N"
  bool operator==(const UnconfirmedBid&) const = default;
};

// The record of one envelope's opening, written atomically with the audit entry.
struct OpeningRecord {
  TenderId tender;
  std::string ocid;
  EnvelopeKind kind = EnvelopeKind::kSingle;
  Timestamp opened_at;
  std::vector<UserId> members;           // who released shares, in submission order
  std::vector<OpenedBid> bids;           // by receipt time, then bid id
  std::vector<UnconfirmedBid> excluded;  // by receipt time, then bid id
  std::string record_sha256;             // of RecordJson(*this) with this field empty
};

// The record as canonical JSON (sorted keys, no whitespace), the form whose SHA-256 the
// "opening.completed" audit entry names. "excluded" appears only when a bid was excluded,
// so that the records written before re-confirmation existed keep their hashes.
std::string RecordJson(const OpeningRecord& record);

}  // namespace tb::tenders
