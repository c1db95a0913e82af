#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/entry.h"
#include "core/ids.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "tenders/committee.h"
#include "tenders/tender.h"

namespace tb::tenders {

// A supplier's question and, once given, the officer's answer. Who asked (`supplier`,
// `asked_by`) is kept for the record and never shown by the public API.
struct Clarification {
  std::int64_t id = 0;  // assigned by the store
  TenderId tender;
  int number = 0;  // 1, 2, ... within the tender, assigned by the store
  SupplierId supplier;
  UserId asked_by;
  std::string question;
  Timestamp asked_at;
  std::string answer;  // empty until answered
  UserId answered_by;
  std::optional<Timestamp> answered_at;
  bool operator==(const Clarification&) const = default;
};

// One change to a published tender (OCDS tender.amendments[]).
struct Amendment {
  TenderId tender;
  int number = 0;  // 1, 2, ...: tender.amendment_count after it
  Timestamp at;
  UserId actor;
  std::string rationale;
  std::vector<std::string> changed_fields;  // top-level editable fields: "items", "deadline"
  std::string changes_json;  // {"<field>": {"before": ..., "after": ...}} in the editable form
  bool substantive = false;
  std::optional<Timestamp> deadline_before;
  std::optional<Timestamp> deadline_after;
  // The deadline was moved by the minimum-remaining-days rule, not (only) by the officer.
  bool deadline_extended = false;
  bool operator==(const Amendment&) const = default;
};

// A row of tender_notifications: what an interested supplier was told.
struct Notification {
  std::int64_t id = 0;
  TenderId tender;
  std::string ocid;
  std::string title;
  SupplierId supplier;
  std::string kind;       // "amendment", "clarification"
  std::string reference;  // the amendment or clarification number
  Timestamp at;
  bool operator==(const Notification&) const = default;
};

// An interested supplier to e-mail after a commit: its users' addresses.
struct Recipient {
  SupplierId supplier;
  std::vector<std::string> emails;
  bool operator==(const Recipient&) const = default;
};

// A user of a company holding a bid of the tender, to be asked to re-confirm after a
// substantive amendment (read from the bids by the server; never shown to the officer, ET-03).
struct BidderRecipient {
  SupplierId supplier;
  std::string email;
  std::string language;  // the user's interface language
  bool operator==(const BidderRecipient&) const = default;
};

struct TenderFilter {
  std::vector<TenderState> states;  // empty: any
  OrganisationId buyer;             // invalid: any
  // Besides published tenders, the unpublished ones of these organisations and of tenders
  // on whose committee `member` sits.
  std::vector<OrganisationId> private_of;
  UserId member;
  TenderId before;  // cursor: tenders with a smaller id (newest first)
  int limit = 20;   // 1..100
};

struct TenderPage {
  std::vector<Tender> items;
  TenderId next;  // invalid on the last page
};

// Persistence of tenders, declared here and implemented in storage/ (SqlTenderStore). Every
// write that changes state appends its audit entry (storage::AppendAuditEntry) in the same
// transaction (AU-01), and a write to the tender, its committee or keys checks and bumps
// `version` (optimistic concurrency: FailedPrecondition "the tender was changed by someone
// else" when the stored version is not the one given). Thread-safe.
class TenderStore {
 public:
  virtual ~TenderStore() = default;

  // Stores a new draft: assigns id, ocid (OcidFor), version 1. The entry's subject is set
  // to "tender:<ocid>".
  virtual Result<Tender> Create(const Tender& tender, audit::Entry entry) = 0;
  // NotFound ("no such tender", field "ocid").
  virtual Result<Tender> Get(std::string_view ocid) = 0;
  // InvalidArgument for a limit outside 1..100.
  virtual Result<TenderPage> List(const TenderFilter& filter) = 0;

  struct WriteOptions {
    // Read the clock inside the transaction and refuse (FailedPrecondition, field
    // "deadline") when the stored deadline is not after it: a deadline that has passed
    // cannot be moved, even before the close job ran.
    bool stored_deadline_must_be_future = false;
  };
  // Replaces the stored tender (all columns and details) when its version is
  // `tender.version`; returns it with version + 1 and updated_at = entry.at. Changing the
  // envelope mode drops the keys of envelopes the new mode has not.
  virtual Result<Tender> Update(const Tender& tender, const audit::Entry& entry,
                                WriteOptions options) = 0;

  struct Amended {
    Tender tender;
    std::vector<Recipient> recipients;
    std::vector<BidderRecipient> bidders;  // substantive amendments only
  };
  // Update plus the amendment row and one notification row ("amendment", its number) per
  // supplier in tender_interest; returns those suppliers with their users' e-mail addresses.
  // A substantive amendment also adds one "reconfirm" notification per company holding a
  // bid that is not withdrawn, and returns those companies' users in `bidders`.
  virtual Result<Amended> Amend(const Tender& tender, const Amendment& amendment,
                                const audit::Entry& entry, WriteOptions options) = 0;
  // Oldest first.
  virtual Result<std::vector<Amendment>> ListAmendments(TenderId tender) = 0;

  // Opening members then evaluators, each in position order, with display names and
  // personal sealing keys.
  virtual Result<std::vector<CommitteeMember>> Committee(TenderId tender) = 0;
  // Which of `users` hold committee_member and evaluator in `organisation`.
  virtual Result<CommitteeEligibility> EligibilityIn(OrganisationId organisation,
                                                     const std::vector<UserId>& users) = 0;
  // Replaces the committee and stores the threshold (version-checked as Update). With
  // `discard_keys`, removes the tender's envelope keys and shares in the same transaction.
  virtual Result<Tender> SetCommittee(const Tender& tender, const CommitteeAssignment& committee,
                                      bool discard_keys, const audit::Entry& entry) = 0;

  // Stores (or replaces) one envelope's key and shares (version-checked as Update).
  // AlreadyExists (field "public_key") when the key is another tender's or envelope's.
  virtual Result<Tender> PutEnvelopeKey(const Tender& tender, const EnvelopeKey& key,
                                        const audit::Entry& entry) = 0;
  virtual Result<std::vector<EnvelopeKey>> EnvelopeKeys(TenderId tender) = 0;

  // A committee member's personal X25519 key, replaced when set again.
  virtual Status SetSealingKey(UserId user, const std::array<std::uint8_t, 32>& public_key,
                               const audit::Entry& entry) = 0;
  virtual Result<std::optional<std::array<std::uint8_t, 32>>> SealingKey(UserId user) = 0;

  // Stores a question (id and number assigned).
  virtual Result<Clarification> AddClarification(const Clarification& question,
                                                 const audit::Entry& entry) = 0;
  struct Answered {
    Clarification clarification;
    std::vector<Recipient> recipients;
  };
  // Records the answer and one notification row ("clarification", its number) per
  // interested supplier. NotFound (field "id") when the tender has no such clarification;
  // AlreadyExists when it was answered already.
  virtual Result<Answered> AnswerClarification(TenderId tender, std::int64_t id,
                                               const std::string& answer, UserId by,
                                               const audit::Entry& entry) = 0;
  // In number order.
  virtual Result<std::vector<Clarification>> ListClarifications(TenderId tender) = 0;

  // Registers the supplier's interest with `entry` (at = registration time); false, and no
  // entry, when it was registered already.
  virtual Result<bool> AddInterest(TenderId tender, SupplierId supplier,
                                   const audit::Entry& entry) = 0;
  virtual Result<bool> HasInterest(TenderId tender, SupplierId supplier) = 0;
  // The supplier's notifications, newest first, at most `limit` (1..200).
  virtual Result<std::vector<Notification>> NotificationsFor(SupplierId supplier, int limit) = 0;

  // Appends an audit entry on its own (refused attempts: "access.denied").
  virtual Status RecordAudit(const audit::Entry& entry) = 0;

  // Moves every published tender whose deadline is <= `now` to closed, each with the entry
  // `entry_for` makes, in one transaction; returns them as closed.
  virtual Result<std::vector<Tender>> CloseDue(
      Timestamp now, const std::function<audit::Entry(const Tender&)>& entry_for) = 0;

  // Published (at some time) tenders whose public notice is behind their version, oldest
  // first, at most `limit`.
  virtual Result<std::vector<Tender>> NoticesBehind(int limit) = 0;
  // Records that the notice shows `version` (never lowers it).
  virtual Status MarkNoticeWritten(TenderId tender, std::int64_t version) = 0;
};

}  // namespace tb::tenders
