// TenderService: deadline changes (ET-04), amendments with notifications, clarifications,
// interest and the suppliers' notifications.
#include <algorithm>
#include <set>

#include "auth/policy.h"
#include "tenders/internal/service_support.h"
#include "tenders/reconfirm_mail.h"
#include "tenders/tender_documents.h"
#include "tenders/tender_json.h"
#include "tenders/tender_service.h"

namespace tb::tenders {

using internal::Deny;
using internal::IsOwner;
using internal::MakeEntry;
using nlohmann::json;

namespace {

constexpr std::string_view kOwners = "only an agency officer of the buying organisation";

// Fields that change what a bidder must offer or prove: an amendment touching one is
// substantive whatever the officer declared (bids prepared before it may no longer answer
// the solicitation).
constexpr std::string_view kSubstantiveFields[] = {"description", "main_category", "lots",
                                                   "items",       "documents",     "evaluation",
                                                   "eligibility", "bid_security"};
// Fields that define the procedure and its keys; a change is a new tender, not an amendment.
constexpr std::string_view kFixedAfterPublication[] = {"method", "envelope_mode", "currency",
                                                       "source_notice"};

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += ",";
    out += p;
  }
  return out;
}

std::string Rfc(const std::optional<Timestamp>& t) { return t ? t->ToRfc3339() : ""; }

// The new deadline must be ahead of now and keep the method's minimum tendering period from
// publication (a shortening cannot undercut the period the rules guarantee).
Status CheckNewDeadline(const Tender& t, const ProcedureRules& rules, Timestamp now) {
  if (!t.deadline || *t.deadline <= now) {
    return Status::InvalidArgument("cannot be in the past: the new deadline must be after " +
                                   now.ToRfc3339())
        .WithField("deadline");
  }
  if (t.published_at) {
    const Timestamp earliest = *t.published_at + rules.MinimumTenderingPeriod(t.method);
    if (*t.deadline < earliest) {
      return Status::InvalidArgument(
                 "is too early: the tender was published " + t.published_at->ToRfc3339() + " and " +
                 std::string(ProcurementMethodName(t.method)) + " needs " +
                 std::to_string(rules.For(t.method).min_tendering_days) +
                 " days, so the deadline must be " + earliest.ToRfc3339() + " or later")
          .WithField("deadline");
    }
  }
  return Status::Ok();
}

std::string ChangesJson(const json& before, const json& after,
                        const std::vector<std::string>& fields) {
  json changes = json::object();
  for (const std::string& f : fields) {
    changes[f] = {{"before", before.contains(f) ? before[f] : json(nullptr)},
                  {"after", after.contains(f) ? after[f] : json(nullptr)}};
  }
  return changes.dump();
}

std::string AmendmentMail(const Tender& t, const Amendment& a, std::string_view base_url) {
  std::string text = "The tender \"" + t.title + "\" (" + t.ocid + ") of " + t.buyer_name +
                     " was amended (amendment " + std::to_string(a.number) + ").\n\n";
  text += "Changed: " + Join(a.changed_fields) + "\n";
  text += "Rationale: " + a.rationale + "\n";
  if (t.deadline) {
    Result<std::string> local = time_zone::FormatLocal(*t.deadline, t.time_zone);
    text.append("Deadline: ").append(t.deadline->ToRfc3339());
    if (local.ok()) text.append(" (").append(*local).append(" ").append(t.time_zone).append(")");
    text.append("\n");
  }
  if (a.substantive) {
    text +=
        "\nThis amendment is substantive: a bid submitted before it must be confirmed "
        "again (or replaced) before the deadline.\n";
  }
  text.append("\n").append(base_url).append("/tenders/").append(t.ocid).append("\n");
  return text;
}

audit::Entry InterestEntry(Timestamp now, const auth::Actor& actor, const Tender& tender,
                           SupplierId supplier) {
  return MakeEntry("tender.interest_registered", now, actor, tender,
                   {{"supplier", std::to_string(supplier.value)}});
}

}  // namespace

Result<Tender> TenderService::ChangeDeadline(const auth::Actor& actor, std::string_view ocid,
                                             const std::string& deadline,
                                             const std::string& time_zone,
                                             const std::string& reason) {
  TB_ASSIGN_OR_RETURN(Tender current, Loaded(actor, ocid));
  const Timestamp now = clock_.Now();
  if (!IsOwner(actor, current)) {
    return Deny(store_, now, actor, current, "change the deadline", kOwners);
  }
  TB_ASSIGN_OR_RETURN(std::string why, internal::RequiredText(reason, 2000, "reason"));
  if (current.state != TenderState::kDraft && current.state != TenderState::kPublished) {
    return Status::FailedPrecondition("the deadline of a " +
                                      std::string(TenderStateName(current.state)) +
                                      " tender can no longer change")
        .WithField("state");
  }
  if (deadline.empty()) return Status::InvalidArgument("is required").WithField("deadline");
  json editable = EditableJson(current);
  editable["deadline"] = deadline;
  if (!time_zone.empty()) editable["time_zone"] = time_zone;
  Tender changed = current;
  TB_RETURN_IF_ERROR(ApplyEditableJson(editable, changed));
  TB_RETURN_IF_ERROR(CheckNewDeadline(changed, RulesFor(current), now));
  if (changed.deadline == current.deadline && changed.time_zone == current.time_zone) {
    return Status::InvalidArgument("is the current deadline").WithField("deadline");
  }
  internal::Fields fields = {{"before", Rfc(current.deadline)},
                             {"after", Rfc(changed.deadline)},
                             {"time_zone", changed.time_zone},
                             {"reason", why}};
  if (current.state == TenderState::kDraft) {
    return store_.Update(changed, MakeEntry("tender.deadline_changed", now, actor, changed, fields),
                         {});
  }
  // Published: an amendment, with its notifications, in the one transaction that moves the
  // deadline, and only while the stored deadline is still ahead (read inside it).
  Amendment amendment;
  amendment.tender = current.id;
  amendment.number = current.amendment_count + 1;
  amendment.at = now;
  amendment.actor = actor.user;
  amendment.rationale = why;
  amendment.changed_fields = internal::ChangedFields(EditableJson(current), EditableJson(changed));
  amendment.changes_json =
      ChangesJson(EditableJson(current), EditableJson(changed), amendment.changed_fields);
  amendment.deadline_before = current.deadline;
  amendment.deadline_after = changed.deadline;
  changed.amendment_count = amendment.number;
  fields.emplace_back("amendment", std::to_string(amendment.number));
  TB_ASSIGN_OR_RETURN(
      TenderStore::Amended amended,
      store_.Amend(changed, amendment,
                   MakeEntry("tender.deadline_changed", now, actor, changed, fields),
                   {.stored_deadline_must_be_future = true}));
  Mail(amended.recipients,
       "Deadline changed: " + amended.tender.title + " (" + amended.tender.ocid + ")",
       AmendmentMail(amended.tender, amendment, options_.public_base_url));
  WriteNotice(amended.tender);
  return amended.tender;
}

Result<Amendment> TenderService::Amend(const auth::Actor& actor, std::string_view ocid,
                                       const AmendmentRequest& request) {
  return AmendTender(actor, ocid, request, /*files_from_upload=*/false);
}

// AmendDocuments (tender_documents.cc) also comes here, with uploaded files allowed.
Result<Amendment> TenderService::AmendTender(const auth::Actor& actor, std::string_view ocid,
                                             const AmendmentRequest& request,
                                             bool files_from_upload) {
  TB_ASSIGN_OR_RETURN(Tender current, Loaded(actor, ocid));
  const Timestamp now = clock_.Now();
  if (!IsOwner(actor, current))
    return Deny(store_, now, actor, current, "amend the tender", kOwners);
  if (current.state != TenderState::kPublished) {
    return Status::FailedPrecondition("only a published tender is amended; a draft is edited")
        .WithField("state");
  }
  if (!current.deadline || *current.deadline <= now) {
    return Status::FailedPrecondition("the deadline has passed").WithField("deadline");
  }
  TB_ASSIGN_OR_RETURN(std::string rationale,
                      internal::RequiredText(request.rationale, 2000, "rationale"));
  if (!request.changes.is_object() || request.changes.empty()) {
    return Status::InvalidArgument("must be a JSON object with the fields to change")
        .WithField("changes");
  }
  for (std::string_view fixed : kFixedAfterPublication) {
    if (request.changes.contains(std::string(fixed))) {
      return Status::InvalidArgument(
                 "cannot change after publication; cancel and publish a "
                 "new tender instead")
          .WithField("changes/" + std::string(fixed));
    }
  }
  const json before = EditableJson(current);
  json merged = before;
  merged.merge_patch(request.changes);
  Tender changed = current;
  if (Status applied = ApplyEditableJson(merged, changed); !applied.ok()) {
    return Status(applied).WithField("changes/" + applied.field());
  }
  TB_RETURN_IF_ERROR(ValidateComplete(changed));
  if (!files_from_upload) {
    if (Status files = CheckUploadedFiles(current, changed, /*published=*/true); !files.ok()) {
      return Status(files).WithField("changes/" + files.field());
    }
  }
  Amendment amendment;
  amendment.changed_fields = internal::ChangedFields(before, EditableJson(changed));
  if (amendment.changed_fields.empty()) {
    return Status::InvalidArgument("the changes leave the tender as it is").WithField("changes");
  }
  const ProcedureRules& rules = RulesFor(current);
  if (changed.deadline != current.deadline) {
    TB_RETURN_IF_ERROR(CheckNewDeadline(changed, rules, now));
  }
  amendment.substantive = request.substantive;
  for (const std::string& f : amendment.changed_fields) {
    for (std::string_view s : kSubstantiveFields) amendment.substantive |= f == s;
  }
  if (amendment.substantive) {
    // Prozorro's rule: bids made against the old conditions must be confirmed again, and a
    // change close to the deadline leaves bidders at least the minimum time to react.
    changed.reconfirm_required = true;
    changed.reconfirm_after = now;
    const auto window = std::chrono::hours(24) * rules.substantive_window_days;
    if (*changed.deadline - now < window) {
      const Timestamp earliest = now + std::chrono::hours(24) * rules.minimum_remaining_days;
      if (*changed.deadline < earliest) {
        TB_ASSIGN_OR_RETURN(
            Timestamp extended,
            internal::SameLocalTimeOnOrAfter(*changed.deadline, changed.time_zone, earliest));
        changed.deadline = extended;
        amendment.deadline_extended = true;
        if (std::find(amendment.changed_fields.begin(), amendment.changed_fields.end(),
                      "deadline") == amendment.changed_fields.end()) {
          amendment.changed_fields.push_back("deadline");
        }
      }
    }
  }
  amendment.tender = current.id;
  amendment.number = current.amendment_count + 1;
  amendment.at = now;
  amendment.actor = actor.user;
  amendment.rationale = rationale;
  amendment.changes_json = ChangesJson(before, EditableJson(changed), amendment.changed_fields);
  if (changed.deadline != current.deadline) {
    amendment.deadline_before = current.deadline;
    amendment.deadline_after = changed.deadline;
  }
  changed.amendment_count = amendment.number;
  internal::Fields fields = {{"amendment", std::to_string(amendment.number)},
                             {"changed", Join(amendment.changed_fields)},
                             {"substantive", amendment.substantive ? "true" : "false"},
                             {"rationale", rationale}};
  if (amendment.deadline_after) {
    fields.emplace_back("deadline_before", Rfc(amendment.deadline_before));
    fields.emplace_back("deadline_after", Rfc(amendment.deadline_after));
  }
  TB_ASSIGN_OR_RETURN(
      TenderStore::Amended amended,
      store_.Amend(changed, amendment, MakeEntry("tender.amended", now, actor, changed, fields),
                   {.stored_deadline_must_be_future = true}));
  // Bidders get the re-confirmation request instead (in their language); what the officer
  // gets back is the amendment alone, the same whatever the number of bidders (ET-03).
  Mail(WithoutBidders(amended.recipients, amended.bidders),
       "Amendment " + std::to_string(amendment.number) + ": " + amended.tender.title + " (" +
           amended.tender.ocid + ")",
       AmendmentMail(amended.tender, amendment, options_.public_base_url));
  SendReconfirmMails(mailer_, amended.bidders, amended.tender, amendment, options_.public_base_url);
  WriteNotice(amended.tender);
  return amendment;
}

Result<std::vector<Amendment>> TenderService::Amendments(const auth::Actor& actor,
                                                         std::string_view ocid) {
  TB_ASSIGN_OR_RETURN(Tender tender, Loaded(actor, ocid));
  return store_.ListAmendments(tender.id);
}

Result<Clarification> TenderService::Ask(const auth::Actor& actor, std::string_view ocid,
                                         const std::string& question, SupplierId supplier) {
  TB_ASSIGN_OR_RETURN(Tender tender, Loaded(actor, ocid));
  const Timestamp now = clock_.Now();
  Result<SupplierId> asker = internal::ActingSupplier(actor, supplier);
  if (!asker.ok()) {
    if (asker.status().code() != StatusCode::kPermissionDenied) return asker.status();
    return Deny(store_, now, actor, tender, "ask a clarification question",
                "only a supplier's own users");
  }
  TB_ASSIGN_OR_RETURN(std::string text, internal::RequiredText(question, 5000, "question"));
  if (tender.state != TenderState::kPublished) {
    return Status::FailedPrecondition("questions are taken while the tender is published")
        .WithField("state");
  }
  const Timestamp cutoff = *tender.deadline - RulesFor(tender).ClarificationCutoff(tender.method);
  if (now >= cutoff) {
    return Status::FailedPrecondition(
               "questions closed at " + cutoff.ToRfc3339() + " (" +
               std::to_string(RulesFor(tender).For(tender.method).clarification_cutoff_days) +
               " days before the deadline)")
        .WithField("question");
  }
  // The asker hears the answer like every other interested supplier.
  TB_RETURN_IF_ERROR(
      store_.AddInterest(tender.id, *asker, InterestEntry(now, actor, tender, *asker)).status());
  Clarification q;
  q.tender = tender.id;
  q.supplier = *asker;
  q.asked_by = actor.user;
  q.question = text;
  q.asked_at = now;
  return store_.AddClarification(q, MakeEntry("clarification.asked", now, actor, tender));
}

Result<Clarification> TenderService::Answer(const auth::Actor& actor, std::string_view ocid,
                                            std::int64_t id, const std::string& answer) {
  TB_ASSIGN_OR_RETURN(Tender tender, Loaded(actor, ocid));
  const Timestamp now = clock_.Now();
  if (!IsOwner(actor, tender)) {
    return Deny(store_, now, actor, tender, "answer clarification questions", kOwners);
  }
  TB_ASSIGN_OR_RETURN(std::string text, internal::RequiredText(answer, 20000, "answer"));
  if (tender.state != TenderState::kPublished) {
    return Status::FailedPrecondition("answers are published while the tender is published")
        .WithField("state");
  }
  TB_ASSIGN_OR_RETURN(
      TenderStore::Answered answered,
      store_.AnswerClarification(tender.id, id, text, actor.user,
                                 MakeEntry("clarification.answered", now, actor, tender)));
  const Clarification& c = answered.clarification;
  Mail(answered.recipients,
       "Clarification " + std::to_string(c.number) + " answered: " + tender.title + " (" +
           tender.ocid + ")",
       "Question " + std::to_string(c.number) + ":\n" + c.question + "\n\nAnswer:\n" + c.answer +
           "\n\n" + options_.public_base_url + "/tenders/" + tender.ocid + "\n");
  return c;
}

Result<std::vector<ClarificationView>> TenderService::Clarifications(const auth::Actor& actor,
                                                                     std::string_view ocid) {
  TB_ASSIGN_OR_RETURN(Tender tender, Loaded(actor, ocid));
  TB_ASSIGN_OR_RETURN(std::vector<Clarification> all, store_.ListClarifications(tender.id));
  const bool owner = IsOwner(actor, tender);
  std::set<SupplierId> own;
  for (OrganisationId org : actor.OrganisationsWith(auth::Role::kSupplierUser)) {
    if (auth::CanActForSupplier(actor, org)) own.insert(SupplierId{org.value});
  }
  std::vector<ClarificationView> out;
  for (Clarification& c : all) {
    const bool mine = own.contains(c.supplier);
    if (!c.answered_at && !owner && !mine) continue;
    // Who asked stays in the store for the record; no reader gets it, not even the owner,
    // so that the answer cannot favour or disfavour the asker.
    c.supplier = {};
    c.asked_by = {};
    out.push_back({std::move(c), mine});
  }
  return out;
}

Result<bool> TenderService::ExpressInterest(const auth::Actor& actor, std::string_view ocid,
                                            SupplierId supplier) {
  TB_ASSIGN_OR_RETURN(Tender tender, Loaded(actor, ocid));
  const Timestamp now = clock_.Now();
  Result<SupplierId> who = internal::ActingSupplier(actor, supplier);
  if (!who.ok()) {
    if (who.status().code() != StatusCode::kPermissionDenied) return who.status();
    return Deny(store_, now, actor, tender, "express interest", "only a supplier's own users");
  }
  if (tender.state != TenderState::kPublished) {
    return Status::FailedPrecondition("interest is registered while the tender is published")
        .WithField("state");
  }
  return store_.AddInterest(tender.id, *who, InterestEntry(now, actor, tender, *who));
}

Result<bool> TenderService::Interested(const auth::Actor& actor, std::string_view ocid,
                                       SupplierId supplier) {
  TB_ASSIGN_OR_RETURN(Tender tender, Loaded(actor, ocid));
  TB_ASSIGN_OR_RETURN(SupplierId who, internal::ActingSupplier(actor, supplier));
  return store_.HasInterest(tender.id, who);
}

Result<std::vector<Notification>> TenderService::Notifications(const auth::Actor& actor,
                                                               SupplierId supplier) {
  TB_ASSIGN_OR_RETURN(SupplierId who, internal::ActingSupplier(actor, supplier));
  return store_.NotificationsFor(who, 100);
}

}  // namespace tb::tenders
