#pragma once

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/actor.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "tenders/committee.h"
#include "tenders/procedure_rules.h"
#include "tenders/tender.h"
#include "tenders/tender_store.h"

namespace tb::auth {
class Mailer;
}  // namespace tb::auth
namespace tb::notices {
class NoticeStore;
}  // namespace tb::notices

namespace tb::tenders {

struct TenderServiceOptions {
  // Where the web UI is served ("https://tenders.example.org"), for the notice's link to the
  // tender page and the links in e-mails. Empty: relative links.
  std::string public_base_url;
  // The submission specification every tender publishes (ET-12). The bids module enforces
  // the limits; these values are what suppliers are told.
  std::int64_t max_envelope_bytes = 64ll << 20;
  int max_files_per_envelope = 100;
  std::vector<std::string> accepted_formats = {"pdf", "docx", "xlsx", "odt",
                                               "ods", "jpg",  "png",  "zip"};
};

// What GET /tenders/{ocid} shows: the tender, its envelopes' public keys (shares removed)
// and the actor's relation to it.
struct TenderView {
  Tender tender;
  std::vector<EnvelopeKey> keys;
  std::optional<Timestamp> clarifications_until;  // questions are taken before this
  bool owner = false;                             // the actor may edit it
};

// A clarification as the actor may see it: never who asked.
struct ClarificationView {
  Clarification clarification;
  bool mine = false;  // asked by the actor's own company
};

struct AmendmentRequest {
  nlohmann::json changes;  // a JSON merge patch of the editable fields
  std::string rationale;
  bool substantive = false;  // declared; some fields make it substantive anyway
};

struct TenderListQuery {
  std::vector<TenderState> states;
  OrganisationId buyer;
  TenderId before;
  int limit = 20;
};

// Tenders of issue #6 items 1 and 2 (docs/tendering.md): drafts, publication with the
// agency's procedure rules, the committee and the key ceremony's registration step,
// clarifications, amendments with notifications, cancellation and the deadline close.
//
// Access (deny by default, auth/policy.h): the owner of a tender is an agency officer of its
// buying organisation (MFA passed). A tender that is not public is readable only by its
// owners and its committee members; anyone else gets NotFound, exactly as for a missing
// tender. A write the actor may not make on a tender it can read is PermissionDenied and
// an "access.denied" audit entry (ET-08). Every state change appends its audit entry in
// the store's transaction (AU-01).
//
// Thread-safe. `store`, `clock`, `rules`, `notices` and `mailer` (both may be null: no
// notice, no mail) must outlive it.
class TenderService {
 public:
  TenderService(TenderStore& store, const Clock& clock, const ProcedureRuleBook& rules,
                notices::NoticeStore* notices, auth::Mailer* mailer,
                TenderServiceOptions options = {});

  TenderService(const TenderService&) = delete;
  TenderService& operator=(const TenderService&) = delete;

  // POST /tenders: a draft for `organisation` (invalid: the actor's only agency;
  // InvalidArgument field "organisation_id" when it has several). A "source_notice" in
  // `body` prefills the fields the body leaves out from that notice. PermissionDenied for
  // anyone but an agency officer of the organisation.
  Result<Tender> Create(const auth::Actor& actor, OrganisationId organisation,
                        const nlohmann::json& body);
  Result<TenderView> Get(const auth::Actor& actor, std::string_view ocid);
  // Public tenders, plus the drafts of the actor's agencies and of tenders on whose committee
  // the actor sits.
  Result<TenderPage> List(const auth::Actor& actor, const TenderListQuery& query);
  // PATCH /tenders/{ocid}: a JSON merge patch of the editable fields of a draft
  // (FailedPrecondition for a published tender: it changes by amendment). A version given
  // (If-Match) must be the stored one.
  Result<Tender> Patch(const auth::Actor& actor, std::string_view ocid, const nlohmann::json& patch,
                       std::optional<std::int64_t> expected_version);
  // Checks completeness (ValidateComplete), the procedure rules (CheckPublication), the
  // opening committee and a registered key for every envelope of the mode, then publishes
  // and writes the public notice.
  Result<Tender> Publish(const auth::Actor& actor, std::string_view ocid);
  // InvalidArgument (field "reason") without a reason; FailedPrecondition from a state that
  // cannot be cancelled.
  Result<Tender> Cancel(const auth::Actor& actor, std::string_view ocid, std::string reason);

  // PATCH /tenders/{ocid}/deadline (ET-04): the owner only, with a reason (field "reason").
  // `deadline` as in ApplyEditableJson, in `time_zone` (empty: the tender's). InvalidArgument
  // (field "deadline") for a deadline not in the future, or before the method's minimum
  // period after publication. On a published tender it is an amendment: one audit entry
  // ("tender.deadline_changed") and one notification per interested supplier.
  Result<Tender> ChangeDeadline(const auth::Actor& actor, std::string_view ocid,
                                const std::string& deadline, const std::string& time_zone,
                                const std::string& reason);
  // POST /tenders/{ocid}/amendments on a published tender before its deadline. Method,
  // envelope mode and currency cannot change (field "changes/<name>"). A substantive
  // amendment sets the re-confirmation flag and, inside the agency's amendment window,
  // moves the deadline so that the minimum remaining days are left.
  Result<Amendment> Amend(const auth::Actor& actor, std::string_view ocid,
                          const AmendmentRequest& request);
  Result<std::vector<Amendment>> Amendments(const auth::Actor& actor, std::string_view ocid);
  // An amendment (as Amend, substantive) whose only change is the tender's document list,
  // `documents` being the whole new list: the one way uploaded files change after
  // publication (TenderDocumentService; Amend itself refuses file changes).
  Result<Amendment> AmendDocuments(const auth::Actor& actor, std::string_view ocid,
                                   const std::vector<TenderDocument>& documents,
                                   const std::string& rationale);

  // The committee with sealing keys and the registered envelope keys: owners and members.
  struct CommitteeView {
    std::vector<CommitteeMember> members;
    int threshold = 2;
    std::vector<EnvelopeKey> keys;  // shares: user ids only, no bytes
  };
  Result<CommitteeView> GetCommittee(const auth::Actor& actor, std::string_view ocid);
  // PUT /tenders/{ocid}/committee (ET-06 at assignment: CheckCommittee). In a draft both
  // lists may change (a changed opening committee or threshold discards registered keys);
  // later only the evaluators.
  Result<CommitteeView> SetCommittee(const auth::Actor& actor, std::string_view ocid,
                                     const CommitteeAssignment& assignment);
  // PUT /me/sealing-key: a committee member's personal X25519 public key.
  Status SetSealingKey(const auth::Actor& actor, const std::array<std::uint8_t, 32>& public_key);
  // GET /me/sealing-key: the member's registered key (nullopt before the first PUT), so the
  // key page can tell a member whether the key file in hand is the registered one.
  Result<std::optional<std::array<std::uint8_t, 32>>> MySealingKey(const auth::Actor& actor);
  // PUT /tenders/{ocid}/envelopes/{kind}/key: an opening member of the tender, while it is a
  // draft and every opening member has a sealing key (CheckEnvelopeKey for the rest).
  Result<Tender> RegisterEnvelopeKey(const auth::Actor& actor, std::string_view ocid,
                                     EnvelopeKey key);
  struct MyShare {
    EnvelopeKey key;  // with only the actor's share
    int position = 0;
  };
  // GET /tenders/{ocid}/envelopes/{kind}/my-share: opening members only.
  Result<MyShare> GetMyShare(const auth::Actor& actor, std::string_view ocid, Envelope envelope);

  // A supplier user asks, for its company `supplier` (invalid: its only one), while the
  // tender is published and before the clarification cut-off. Registers interest too.
  Result<Clarification> Ask(const auth::Actor& actor, std::string_view ocid,
                            const std::string& question, SupplierId supplier);
  // The owner answers; every interested supplier is notified.
  Result<Clarification> Answer(const auth::Actor& actor, std::string_view ocid, std::int64_t id,
                               const std::string& answer);
  // Answered ones for everyone; the owner also sees unanswered ones, a supplier its own.
  Result<std::vector<ClarificationView>> Clarifications(const auth::Actor& actor,
                                                        std::string_view ocid);

  // POST /tenders/{ocid}/interest: true when newly registered.
  Result<bool> ExpressInterest(const auth::Actor& actor, std::string_view ocid,
                               SupplierId supplier);
  Result<bool> Interested(const auth::Actor& actor, std::string_view ocid, SupplierId supplier);
  // The notifications of the actor's company.
  Result<std::vector<Notification>> Notifications(const auth::Actor& actor, SupplierId supplier);

  // The deadline job: closes every published tender whose deadline is <= `now` (audit
  // "tender.closed" with the deadline) and rewrites their notices. Returns how many.
  Result<int> CloseDueTenders(Timestamp now);
  // Rewrites the notices of public tenders whose notice is behind (after a failed write).
  Status SyncNotices();

  // The ET-12 submission specification of a tender (rule text, time source, formats, limits,
  // envelope keys and fingerprints) and the read form of a view.
  nlohmann::json SubmissionJson(const TenderView& view) const;
  nlohmann::json ViewJson(const TenderView& view) const;

  const ProcedureRules& RulesFor(const Tender& tender) const;

 private:
  // Writes the tender's public notice and records its version; a failure is logged and
  // SyncNotices retries it.
  void WriteNotice(const Tender& tender);
  // E-mails each recipient's users after a commit; failures are logged, not returned.
  void Mail(const std::vector<Recipient>& recipients, const std::string& subject,
            const std::string& text);
  Result<Tender> Loaded(const auth::Actor& actor, std::string_view ocid);
  // Amend's work; `files_from_upload` lets the request change uploaded files.
  Result<Amendment> AmendTender(const auth::Actor& actor, std::string_view ocid,
                                const AmendmentRequest& request, bool files_from_upload);

  TenderStore& store_;
  const Clock& clock_;
  const ProcedureRuleBook& rules_;
  notices::NoticeStore* notices_;
  auth::Mailer* mailer_;
  const TenderServiceOptions options_;
};

}  // namespace tb::tenders
