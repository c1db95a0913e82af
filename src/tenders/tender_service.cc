// TenderService: drafts, reads, publication, cancellation, the deadline close and the public
// notice. Amendments and clarifications are in tender_service_amend.cc, the committee and
// keys in tender_service_committee.cc.
#include "tenders/tender_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "auth/mailer.h"
#include "auth/policy.h"
#include "crypto/random.h"
#include "crypto/sealing.h"
#include "notices/notice_store.h"
#include "tenders/internal/service_support.h"
#include "tenders/lifecycle.h"
#include "tenders/tender_documents.h"
#include "tenders/tender_json.h"
#include "tenders/tender_notice.h"

namespace tb::tenders {

using internal::CanRead;
using internal::Deny;
using internal::IsOwner;
using internal::MakeEntry;
using internal::NoSuchTender;
using nlohmann::json;

namespace {

constexpr std::string_view kOwners = "only an agency officer of the buying organisation";

std::string Fingerprints(const std::vector<EnvelopeKey>& keys) {
  std::string out;
  for (const EnvelopeKey& k : keys) {
    if (!out.empty()) out += ",";
    out.append(EnvelopeName(k.envelope)).append(":").append(crypto::KeyFingerprint(k.public_key));
  }
  return out;
}

// Publication needs, for every envelope of the mode, a key split among exactly the current
// opening committee with its threshold (keys are registered against the committee of the
// time; a later change discards them, but check again rather than trust that).
Status CheckKeysForPublication(const Tender& t, const std::vector<CommitteeMember>& committee,
                               const std::vector<EnvelopeKey>& keys, int min_members) {
  std::vector<UserId> opening;
  for (const CommitteeMember& m : committee) {
    if (m.role == CommitteeRole::kOpening) opening.push_back(m.user);
  }
  if (static_cast<int>(opening.size()) < min_members) {
    return Status::FailedPrecondition("the tender needs an opening committee of at least " +
                                      std::to_string(min_members) + " members")
        .WithField("committee");
  }
  for (Envelope envelope : EnvelopesOf(t.envelope_mode)) {
    const auto key = std::find_if(keys.begin(), keys.end(),
                                  [&](const EnvelopeKey& k) { return k.envelope == envelope; });
    if (key == keys.end()) {
      return Status::FailedPrecondition("the " + std::string(EnvelopeName(envelope)) +
                                        " envelope has no registered key (key ceremony)")
          .WithField("envelopes/" + std::string(EnvelopeName(envelope)));
    }
    Status valid = CheckEnvelopeKey(*key, t.envelope_mode, opening, t.opening_threshold);
    if (!valid.ok()) {
      return Status::FailedPrecondition("the " + std::string(EnvelopeName(envelope)) +
                                        " key does not match the committee: " + valid.message())
          .WithField("envelopes/" + std::string(EnvelopeName(envelope)));
    }
  }
  return Status::Ok();
}

}  // namespace

TenderService::TenderService(TenderStore& store, const Clock& clock, const ProcedureRuleBook& rules,
                             notices::NoticeStore* notices, auth::Mailer* mailer,
                             TenderServiceOptions options)
    : store_(store),
      clock_(clock),
      rules_(rules),
      notices_(notices),
      mailer_(mailer),
      options_(std::move(options)) {}

const ProcedureRules& TenderService::RulesFor(const Tender& tender) const {
  return rules_.For(tender.buyer_name);
}

Result<Tender> TenderService::Loaded(const auth::Actor& actor, std::string_view ocid) {
  Result<Tender> tender = store_.Get(ocid);
  if (!tender.ok()) {
    if (tender.status().code() == StatusCode::kNotFound) return NoSuchTender();
    return tender.status();
  }
  TB_ASSIGN_OR_RETURN(bool readable, CanRead(store_, actor, *tender));
  if (!readable) return NoSuchTender();
  return tender;
}

Result<Tender> TenderService::Create(const auth::Actor& actor, OrganisationId organisation,
                                     const json& body) {
  if (!organisation.valid()) {
    std::vector<OrganisationId> agencies;
    for (OrganisationId org : actor.OrganisationsWith(auth::Role::kAgencyOfficer)) {
      if (auth::CanActForAgency(actor, org)) agencies.push_back(org);
    }
    if (agencies.empty()) {
      return Status::PermissionDenied(std::string(kOwners) + " may create its tenders");
    }
    if (agencies.size() > 1) {
      return Status::InvalidArgument("you are an officer of several agencies; name one")
          .WithField("organisation_id");
    }
    organisation = agencies.front();
  }
  if (!auth::CanActForAgency(actor, organisation)) {
    return Status::PermissionDenied(std::string(kOwners) + " may create its tenders");
  }
  if (!body.is_object()) return Status::InvalidArgument("must be a JSON object").WithField("body");
  Tender draft;
  json editable = body;
  if (body.contains("source_notice") && body["source_notice"].is_string() &&
      !body["source_notice"].get<std::string>().empty() && notices_ != nullptr) {
    const std::string source = body["source_notice"].get<std::string>();
    Result<notices::Notice> notice = notices_->GetByPublicId(source);
    if (!notice.ok()) {
      return Status::InvalidArgument("there is no notice '" + source + "'")
          .WithField("source_notice");
    }
    // The body wins over the notice, field by field.
    editable = EditableJson(TenderFromNotice(*notice));
    editable.merge_patch(body);
  }
  TB_RETURN_IF_ERROR(ApplyEditableJson(editable, draft));
  TB_RETURN_IF_ERROR(CheckUploadedFiles(Tender{}, draft, /*published=*/false));
  draft.organisation = organisation;
  draft.created_by = actor.user;
  draft.state = TenderState::kDraft;
  draft.opening_threshold = rules_.defaults().opening_threshold;
  const Timestamp now = clock_.Now();
  draft.created_at = now;
  return store_.Create(draft,
                       MakeEntry("tender.created", now, actor, draft,
                                 {{"organisation", std::to_string(organisation.value)},
                                  {"method", std::string(ProcurementMethodName(draft.method))}}));
}

Result<TenderView> TenderService::Get(const auth::Actor& actor, std::string_view ocid) {
  TB_ASSIGN_OR_RETURN(Tender tender, Loaded(actor, ocid));
  TenderView view;
  TB_ASSIGN_OR_RETURN(view.keys, store_.EnvelopeKeys(tender.id));
  for (EnvelopeKey& key : view.keys) key.shares.clear();
  const std::vector<Envelope> envelopes = EnvelopesOf(tender.envelope_mode);
  std::erase_if(view.keys, [&](const EnvelopeKey& k) {
    return std::find(envelopes.begin(), envelopes.end(), k.envelope) == envelopes.end();
  });
  if (tender.deadline) {
    view.clarifications_until =
        *tender.deadline - RulesFor(tender).ClarificationCutoff(tender.method);
  }
  view.owner = IsOwner(actor, tender);
  view.tender = std::move(tender);
  return view;
}

Result<TenderPage> TenderService::List(const auth::Actor& actor, const TenderListQuery& query) {
  TenderFilter filter;
  filter.states = query.states;
  filter.buyer = query.buyer;
  filter.before = query.before;
  filter.limit = query.limit;
  for (OrganisationId org : actor.OrganisationsWith(auth::Role::kAgencyOfficer)) {
    if (auth::CanActForAgency(actor, org)) filter.private_of.push_back(org);
  }
  if (actor.authenticated()) filter.member = actor.user;
  return store_.List(filter);
}

Result<Tender> TenderService::Patch(const auth::Actor& actor, std::string_view ocid,
                                    const json& patch,
                                    std::optional<std::int64_t> expected_version) {
  TB_ASSIGN_OR_RETURN(Tender current, Loaded(actor, ocid));
  const Timestamp now = clock_.Now();
  if (!IsOwner(actor, current))
    return Deny(store_, now, actor, current, "edit the tender", kOwners);
  if (current.state != TenderState::kDraft) {
    return Status::FailedPrecondition(
               "only a draft is edited; a published tender changes by amendment")
        .WithField("state");
  }
  if (expected_version && *expected_version != current.version) {
    return Status::FailedPrecondition("the tender was changed by someone else; reload it")
        .WithField("If-Match");
  }
  if (!patch.is_object()) return Status::InvalidArgument("must be a JSON object").WithField("body");
  const json before = EditableJson(current);
  json merged = before;
  merged.merge_patch(patch);
  Tender edited = current;
  TB_RETURN_IF_ERROR(ApplyEditableJson(merged, edited));
  TB_RETURN_IF_ERROR(CheckUploadedFiles(current, edited, /*published=*/false));
  const std::vector<std::string> changed = internal::ChangedFields(before, EditableJson(edited));
  std::string names;
  for (const std::string& f : changed) {
    if (!names.empty()) names += ",";
    names += f;
  }
  return store_.Update(
      edited, MakeEntry("tender.draft_updated", now, actor, edited, {{"changed", names}}), {});
}

Result<Tender> TenderService::Publish(const auth::Actor& actor, std::string_view ocid) {
  TB_ASSIGN_OR_RETURN(Tender tender, Loaded(actor, ocid));
  const Timestamp now = clock_.Now();
  if (!IsOwner(actor, tender))
    return Deny(store_, now, actor, tender, "publish the tender", kOwners);
  TB_RETURN_IF_ERROR(CheckTransition(tender.state, TenderState::kPublished, TenderActor::kOwner));
  TB_RETURN_IF_ERROR(ValidateComplete(tender));
  const ProcedureRules& rules = RulesFor(tender);
  TB_RETURN_IF_ERROR(CheckPublication(tender, rules, now));
  TB_ASSIGN_OR_RETURN(std::vector<CommitteeMember> committee, store_.Committee(tender.id));
  TB_ASSIGN_OR_RETURN(std::vector<EnvelopeKey> keys, store_.EnvelopeKeys(tender.id));
  TB_RETURN_IF_ERROR(CheckKeysForPublication(tender, committee, keys, rules.min_opening_members));
  tender.state = TenderState::kPublished;
  tender.published_at = now;
  TB_ASSIGN_OR_RETURN(
      Tender published,
      store_.Update(
          tender,
          MakeEntry("tender.published", now, actor, tender,
                    {{"deadline", tender.deadline->ToRfc3339()},
                     {"method", std::string(ProcurementMethodName(tender.method))},
                     {"envelope_mode", std::string(EnvelopeModeName(tender.envelope_mode))},
                     {"keys", Fingerprints(keys)}}),
          {}));
  WriteNotice(published);
  return published;
}

Result<Tender> TenderService::Cancel(const auth::Actor& actor, std::string_view ocid,
                                     std::string reason) {
  TB_ASSIGN_OR_RETURN(Tender tender, Loaded(actor, ocid));
  const Timestamp now = clock_.Now();
  if (!IsOwner(actor, tender))
    return Deny(store_, now, actor, tender, "cancel the tender", kOwners);
  TB_ASSIGN_OR_RETURN(std::string why, internal::RequiredText(reason, 2000, "reason"));
  TB_RETURN_IF_ERROR(CheckTransition(tender.state, TenderState::kCancelled, TenderActor::kOwner));
  const TenderState from = tender.state;
  tender.state = TenderState::kCancelled;
  tender.cancellation_reason = why;
  TB_ASSIGN_OR_RETURN(
      Tender cancelled,
      store_.Update(tender,
                    MakeEntry("tender.cancelled", now, actor, tender,
                              {{"from", std::string(TenderStateName(from))}, {"reason", why}}),
                    {}));
  if (cancelled.published_at) WriteNotice(cancelled);
  return cancelled;
}

Result<int> TenderService::CloseDueTenders(Timestamp now) {
  const auth::Actor system;
  TB_ASSIGN_OR_RETURN(std::vector<Tender> closed, store_.CloseDue(now, [&](const Tender& t) {
    audit::Entry entry =
        MakeEntry("tender.closed", now, system, t, {{"deadline", t.deadline->ToRfc3339()}});
    entry.actor = "system";
    return entry;
  }));
  for (const Tender& t : closed) WriteNotice(t);
  return static_cast<int>(closed.size());
}

Status TenderService::SyncNotices() {
  if (notices_ == nullptr) return Status::Ok();
  TB_ASSIGN_OR_RETURN(std::vector<Tender> behind, store_.NoticesBehind(50));
  for (const Tender& t : behind) WriteNotice(t);
  return Status::Ok();
}

void TenderService::WriteNotice(const Tender& tender) {
  if (notices_ == nullptr || (!tender.published_at && !IsPublicState(tender.state))) return;
  Result<std::vector<Amendment>> amendments = store_.ListAmendments(tender.id);
  if (!amendments.ok()) {
    spdlog::warn("tenders: notice of {} not written: {}", tender.ocid,
                 amendments.status().ToString());
    return;
  }
  const notices::Notice notice = NoticeFromTender(tender, *amendments, options_.public_base_url);
  // The tender is the source of truth: its notice is replaced whole, never merged.
  Result<std::vector<notices::WriteOutcome>> written = notices_->UpsertBatch(
      std::span<const notices::Notice>(&notice, 1),
      [](const notices::Notice*, const notices::Notice& incoming) { return incoming; });
  if (!written.ok()) {
    spdlog::warn("tenders: notice of {} not written (retried later): {}", tender.ocid,
                 written.status().ToString());
    return;
  }
  if (Status marked = store_.MarkNoticeWritten(tender.id, tender.version); !marked.ok()) {
    spdlog::warn("tenders: notice version of {} not recorded: {}", tender.ocid, marked.ToString());
  }
}

void TenderService::Mail(const std::vector<Recipient>& recipients, const std::string& subject,
                         const std::string& text) {
  if (mailer_ == nullptr) return;
  for (const Recipient& r : recipients) {
    for (const std::string& to : r.emails) {
      if (Status sent = mailer_->Send({to, subject, text, "", ""}); !sent.ok()) {
        spdlog::warn("tenders: mail to supplier {} not sent: {}", r.supplier.value,
                     sent.ToString());
      }
    }
  }
}

json TenderService::SubmissionJson(const TenderView& view) const {
  const Tender& t = view.tender;
  json envelopes = json::array();
  for (const EnvelopeKey& k : view.keys) {
    envelopes.push_back({{"envelope", EnvelopeName(k.envelope)},
                         {"public_key", crypto::Base64UrlEncode(k.public_key)},
                         {"fingerprint", crypto::KeyFingerprint(k.public_key)},
                         {"algorithm", "X25519"}});
  }
  const std::string deadline = t.deadline ? t.deadline->ToRfc3339() : "(not set)";
  return {{"rule",
           "A bid is accepted if and only if its receipt time is strictly before the deadline "
           "(receipt_time < " +
               deadline +
               "). The receipt time is the server's UTC clock, in "
               "microseconds, read after the whole submission has arrived and been checked, inside "
               "the transaction that stores it; a bid received at the deadline or later is refused "
               "and nothing of it is kept. Bids may be replaced or withdrawn until the deadline."},
          {"deadline", t.deadline ? json(deadline) : json(nullptr)},
          {"time_source", "the server's UTC clock (NTP-synchronised), microsecond resolution"},
          {"boundary", "receipt_time < deadline"},
          {"encryption",
           "each envelope is sealed in the bidder's browser or with `tenderbridge bid seal` to the "
           "envelope's X25519 public key: files with crypto_secretstream_xchacha20poly1305, file "
           "keys and the manifest with crypto_box_seal (libsodium); envelope format TBSEAL v1"},
          {"envelope_format", "TBSEAL v1 (docs/sealed-bids.md)"},
          {"max_envelope_bytes", options_.max_envelope_bytes},
          {"max_files_per_envelope", options_.max_files_per_envelope},
          {"accepted_formats", options_.accepted_formats},
          {"envelopes", std::move(envelopes)}};
}

json TenderService::ViewJson(const TenderView& view) const {
  json body = TenderJson(view.tender);
  body["submission"] = SubmissionJson(view);
  body["clarifications_until"] =
      view.clarifications_until ? json(view.clarifications_until->ToRfc3339()) : json(nullptr);
  body["can_edit"] = view.owner;
  return body;
}

}  // namespace tb::tenders
