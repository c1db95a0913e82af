#include "http/routes.h"

#include "auth/auth_service.h"
#include "http/event_routes.h"
#include "http/problem.h"
#include "http/query.h"
#include "http/rate_limit.h"

namespace tb::http {

std::span<const Route> Routes() {
  using auth::AccessRule;
  using auth::Role;
  static const AccessRule kPublic = AccessRule::Public();
  static const AccessRule kSignedIn = AccessRule::Authenticated();
  static const AccessRule kSupplierReaders = AccessRule::AnyOf(
      {Role::kSupplierUser, Role::kAgencyOfficer, Role::kCentreStaff, Role::kAdministrator});
  static const AccessRule kSupplierAndCentre =
      AccessRule::AnyOf({Role::kSupplierUser, Role::kCentreStaff, Role::kAdministrator});
  static const AccessRule kCentreStaff = AccessRule::AnyOf({Role::kCentreStaff});
  // Everyone who takes part in an event: its suppliers, officers and the centre's staff.
  static const AccessRule kEventPeople =
      AccessRule::AnyOf({Role::kSupplierUser, Role::kAgencyOfficer, Role::kCentreStaff});
  static const Route kRoutes[] = {
      {"GET", "/api/v1/notices", kPublic, &ListNotices},
      {"GET", "/api/v1/notices/{id}", kPublic, &GetNotice},
      {"GET", "/api/v1/unspsc", kPublic, &FindUnspsc},
      {"GET", "/api/v1/unspsc/{code}", kPublic, &GetUnspscCode},
      // Codes predicted from free text (code_suggestion_routes.cc): the profile wizard.
      {.method = "POST",
       .path = "/api/v1/unspsc/suggestions",
       .access = kSignedIn,
       .handler = &SuggestCodes,
       .rate = RateClass::kSearch},
      {.method = "GET",
       .path = "/api/v1/search/notices",
       .access = kPublic,
       .handler = &SearchNotices,
       .rate = RateClass::kSearch},
      {.method = "GET",
       .path = "/api/v1/search/suggest",
       .access = kPublic,
       .handler = &SuggestSearch,
       .rate = RateClass::kSearch},
      {"GET", "/api/v1/health", kPublic, &Health},
      {"GET", "/api/v1/openapi.json", kPublic, &OpenApi},
      {.method = "POST",
       .path = "/api/v1/admin/imports/{kind}",
       .access = AccessRule::AnyOf({Role::kCentreStaff, Role::kAdministrator}),
       .handler = &ImportUpload,
       .slow = true,
       .upload = true,
       .rate = RateClass::kUpload,
       .admin_token = true},
      // Accounts (auth_routes.cc). Password hashing (argon2id) runs off the I/O threads.
      {.method = "POST",
       .path = "/api/v1/auth/signup",
       .access = kPublic,
       .handler = &SignUp,
       .slow = true,
       .rate = RateClass::kSignup},
      {"POST", "/api/v1/auth/verify-email", kPublic, &VerifyEmail},
      {.method = "POST",
       .path = "/api/v1/auth/login",
       .access = kPublic,
       .handler = &LogIn,
       .slow = true,
       .rate = RateClass::kLogin},
      {"POST", "/api/v1/auth/logout", kSignedIn, &LogOut},
      {"GET", "/api/v1/auth/session", kPublic, &GetSession},
      {.method = "POST",
       .path = "/api/v1/auth/password-reset",
       .access = kPublic,
       .handler = &RequestPasswordReset,
       .rate = RateClass::kPasswordReset},
      {.method = "POST",
       .path = "/api/v1/auth/password-reset/confirm",
       .access = kPublic,
       .handler = &ConfirmPasswordReset,
       .slow = true},
      {"POST", "/api/v1/auth/totp/setup", kSignedIn, &BeginTotpSetup},
      {"POST", "/api/v1/auth/totp/confirm", kSignedIn, &ConfirmTotp},
      {.method = "POST",
       .path = "/api/v1/auth/reauthenticate",
       .access = kSignedIn,
       .handler = &Reauthenticate,
       .slow = true,
       .rate = RateClass::kLogin},
      {.method = "POST",
       .path = "/api/v1/auth/invitations/accept",
       .access = kPublic,
       .handler = &AcceptInvitation,
       .slow = true},
      // Owner of {id} or administrator: the service checks the organisation (object policy).
      {"POST", "/api/v1/organisations/{id}/invitations", kSignedIn, &InviteMember},
      {"GET", "/api/v1/organisations/{id}/members", kSignedIn, &ListMembers},
      {"POST", "/api/v1/organisations/{id}/members/{user}/roles", kSignedIn, &SetMemberRoles},
      // Membership management: owner or administrator, or the member itself leaving; the
      // service answers others' organisations as missing ones (AS-14).
      {"DELETE", "/api/v1/organisations/{id}/invitations/{invitation}", kSignedIn,
       &RevokeInvitation},
      {"DELETE", "/api/v1/organisations/{id}/members/{user}", kSignedIn, &RemoveMember},
      {"POST", "/api/v1/organisations/{id}/owner", kSignedIn, &TransferOwnership},
      {"GET", "/api/v1/auth/tokens", kSignedIn, &ListApiTokens},
      {"POST", "/api/v1/auth/tokens", kSignedIn, &CreateApiToken},
      {"DELETE", "/api/v1/auth/tokens/{id}", kSignedIn, &RevokeApiToken},
      // Suppliers (supplier_routes.cc, document_routes.cc): the route admits the roles that
      // may ever act on a supplier; SupplierService checks the object (a supplier user's own
      // company only; NotFound for anything else, AS-14).
      {"GET", "/api/v1/suppliers/{id}/profile", kSupplierReaders.WithScope("profile:read"),
       &GetSupplierProfile},
      {"PATCH", "/api/v1/suppliers/{id}/profile", kSupplierReaders.WithScope("profile:write"),
       &PatchSupplierProfile},
      {"GET", "/api/v1/suppliers/{id}/readiness", kSupplierReaders.WithScope("profile:read"),
       &GetSupplierReadiness},
      {.method = "POST",
       .path = "/api/v1/suppliers/{id}/documents",
       .access = AccessRule::AnyOf({Role::kSupplierUser}).WithScope("documents:write"),
       .handler = &UploadSupplierDocument,
       .slow = true,
       .upload = true,
       .rate = RateClass::kUpload},
      {"GET", "/api/v1/suppliers/{id}/documents", kSupplierReaders.WithScope("documents:read"),
       &ListSupplierDocuments},
      {"GET", "/api/v1/documents/{id}/content", kSupplierReaders.WithScope("documents:read"),
       &GetDocumentContent},
      {"DELETE", "/api/v1/documents/{id}",
       AccessRule::AnyOf({Role::kSupplierUser}).WithScope("documents:write"),
       &DeleteSupplierDocument},
      {"POST", "/api/v1/suppliers/{id}/review",
       AccessRule::AnyOf({Role::kSupplierUser, Role::kCentreStaff}).WithScope("profile:write"),
       &ReviewSupplier},
      {"GET", "/api/v1/suppliers/{id}/history", kSupplierAndCentre.WithScope("profile:read"),
       &GetSupplierHistory},
      {"GET", "/api/v1/suppliers/{id}/export/ungm", kSupplierAndCentre.WithScope("profile:read"),
       &ExportSupplierUngm},
      {"GET", "/api/v1/directory/suppliers",
       AccessRule::AnyOf({Role::kAgencyOfficer, Role::kCentreStaff, Role::kAdministrator})
           .WithScope("directory:read"),
       &SearchSupplierDirectory},
      // Sanctions review (sanctions_routes.cc): centre staff; a decision needs a step-up.
      {"GET", "/api/v1/sanctions/list", kCentreStaff.WithScope("sanctions:read"),
       &GetSanctionsList},
      {"GET", "/api/v1/sanctions/reviews", kCentreStaff.WithScope("sanctions:read"),
       &ListSanctionsReviews},
      {"GET", "/api/v1/sanctions/reviews/{id}", kCentreStaff.WithScope("sanctions:read"),
       &GetSanctionsReview},
      {"POST", "/api/v1/sanctions/reviews/{id}/decision", kCentreStaff, &DecideSanctionsReview},
      // The audit log (audit_routes.cc): public and read-only, so anyone can check a receipt
      // and the log's growth. Proofs read leaf hashes: budgeted like searches.
      {"GET", "/api/v1/audit/public-key", kPublic, &GetAuditPublicKey},
      {"GET", "/api/v1/audit/tree-heads/latest", kPublic, &GetLatestTreeHead},
      {"GET", "/api/v1/audit/tree-heads", kPublic, &ListTreeHeads},
      {.method = "GET",
       .path = "/api/v1/audit/proofs/inclusion",
       .access = kPublic,
       .handler = &GetInclusionProof,
       .rate = RateClass::kSearch},
      {.method = "GET",
       .path = "/api/v1/audit/proofs/consistency",
       .access = kPublic,
       .handler = &GetConsistencyProof,
       .rate = RateClass::kSearch},
      // Sealed bids and their opening (bid_routes.cc, docs/bids.md). BidService and
      // OpeningService check the object: a supplier's own bids only; opened data for the
      // tender's officers, committee and evaluators (ET-03, ET-07). Shares and withdrawals
      // need a step-up (AS-12), checked in the handler.
      {.method = "POST",
       .path = "/api/v1/tenders/{ocid}/bids/{bid}",
       .access = AccessRule::AnyOf({Role::kSupplierUser}),
       .handler = &SubmitBid,
       .slow = true,
       .upload = true,
       .rate = RateClass::kUpload},
      {"POST", "/api/v1/tenders/{ocid}/bids/{bid}/withdrawal",
       AccessRule::AnyOf({Role::kSupplierUser}), &WithdrawBid},
      {"POST", "/api/v1/tenders/{ocid}/bids/{bid}/confirmation",
       AccessRule::AnyOf({Role::kSupplierUser}), &ConfirmBid},
      {"GET", "/api/v1/tenders/{ocid}/bids", kSignedIn, &ListTenderBids},
      {"GET", "/api/v1/tenders/{ocid}/bids/{bid}/versions/{version}/receipt",
       AccessRule::AnyOf({Role::kSupplierUser}), &GetBidReceipt},
      {"POST", "/api/v1/receipts/verify", kPublic, &VerifyBidReceipt},
      {.method = "POST",
       .path = "/api/v1/tenders/{ocid}/openings/{kind}/shares",
       .access = kSignedIn,
       .handler = &SubmitOpeningShare,
       .slow = true},
      {"GET", "/api/v1/tenders/{ocid}/openings/{kind}", kSignedIn, &GetOpeningStatus},
      {"GET", "/api/v1/tenders/{ocid}/bids/{bid}/documents/{kind}/{index}", kSignedIn,
       &GetBidDocument},
      {"GET", "/api/v1/tenders/{ocid}/bid-abstract", kSignedIn, &GetBidAbstract},
      // Only with `serve --test-clock`, and only with the admin token (docs/bids.md).
      {.method = "POST",
       .path = "/api/v1/test/clock",
       .access = AccessRule::AnyOf({Role::kAdministrator}),
       .handler = &SetTestClock,
       .admin_token = true},
      // Tenders (tender_routes.cc, docs/tendering.md). The route admits the roles that may
      // ever act; TenderService checks the object (an officer of the buying agency; a
      // committee member of that tender) and answers 404 for a tender the caller may not
      // read. PATCH .../deadline admits every signed-in caller so that each refused attempt
      // is a 403 and an audit entry (ET-04, ET-08).
      {"GET", "/api/v1/tenders", kPublic, &ListTenders},
      {"POST", "/api/v1/tenders", AccessRule::AnyOf({Role::kAgencyOfficer}), &CreateTender},
      {"GET", "/api/v1/tenders/{ocid}", kPublic, &GetTender},
      {"PATCH", "/api/v1/tenders/{ocid}", AccessRule::AnyOf({Role::kAgencyOfficer}), &PatchTender},
      {"POST", "/api/v1/tenders/{ocid}/publish", AccessRule::AnyOf({Role::kAgencyOfficer}),
       &PublishTender},
      {"POST", "/api/v1/tenders/{ocid}/cancel", AccessRule::AnyOf({Role::kAgencyOfficer}),
       &CancelTender},
      {"PATCH", "/api/v1/tenders/{ocid}/deadline", kSignedIn, &ChangeTenderDeadline},
      {"GET", "/api/v1/tenders/{ocid}/committee",
       AccessRule::AnyOf({Role::kAgencyOfficer, Role::kCommitteeMember, Role::kEvaluator}),
       &GetTenderCommittee},
      {"PUT", "/api/v1/tenders/{ocid}/committee", AccessRule::AnyOf({Role::kAgencyOfficer}),
       &SetTenderCommittee},
      {"GET", "/api/v1/me/sealing-key", AccessRule::AnyOf({Role::kCommitteeMember}),
       &GetMySealingKey},
      {"PUT", "/api/v1/me/sealing-key", AccessRule::AnyOf({Role::kCommitteeMember}),
       &SetMySealingKey},
      {"PUT", "/api/v1/tenders/{ocid}/envelopes/{kind}/key",
       AccessRule::AnyOf({Role::kCommitteeMember}), &PutEnvelopeKey},
      {"GET", "/api/v1/tenders/{ocid}/envelopes/{kind}/my-share",
       AccessRule::AnyOf({Role::kCommitteeMember}), &GetMyEnvelopeShare},
      {"POST", "/api/v1/tenders/{ocid}/clarifications", AccessRule::AnyOf({Role::kSupplierUser}),
       &AskClarification},
      {"GET", "/api/v1/tenders/{ocid}/clarifications", kPublic, &ListClarifications},
      {"POST", "/api/v1/tenders/{ocid}/clarifications/{id}/answer",
       AccessRule::AnyOf({Role::kAgencyOfficer}), &AnswerClarification},
      {"POST", "/api/v1/tenders/{ocid}/amendments", AccessRule::AnyOf({Role::kAgencyOfficer}),
       &AmendTender},
      {"GET", "/api/v1/tenders/{ocid}/amendments", kPublic, &ListAmendments},
      // Uploaded documents (tender_document_routes.cc): the owner rule and the draft/public
      // split are TenderDocumentService's, as for the tender itself.
      {.method = "POST",
       .path = "/api/v1/tenders/{ocid}/documents",
       .access = AccessRule::AnyOf({Role::kAgencyOfficer}),
       .handler = &UploadTenderDocument,
       .slow = true,
       .upload = true,
       .rate = RateClass::kUpload},
      {"GET", "/api/v1/tenders/{ocid}/documents", kPublic, &ListTenderDocuments},
      {"GET", "/api/v1/tenders/{ocid}/documents/{id}/content", kPublic, &GetTenderDocumentContent},
      {"GET", "/api/v1/tenders/{ocid}/documents/{id}/versions/{version}/content", kPublic,
       &GetTenderDocumentVersion},
      {"DELETE", "/api/v1/tenders/{ocid}/documents/{id}", AccessRule::AnyOf({Role::kAgencyOfficer}),
       &DeleteTenderDocument},
      {"POST", "/api/v1/tenders/{ocid}/interest", AccessRule::AnyOf({Role::kSupplierUser}),
       &ExpressTenderInterest},
      {"GET", "/api/v1/tenders/{ocid}/interest", AccessRule::AnyOf({Role::kSupplierUser}),
       &GetTenderInterest},
      {"GET", "/api/v1/me/notifications", AccessRule::AnyOf({Role::kSupplierUser}),
       &ListMyNotifications},
      // Evaluation and award (evaluation_routes.cc, docs/evaluation.md). The route admits the
      // roles that may ever act; EvaluationService and AwardService check the tender, its
      // committee and the stage (ET-05, ET-07) and log refusals (ET-08).
      {"GET", "/api/v1/tenders/{ocid}/evaluation",
       AccessRule::AnyOf({Role::kAgencyOfficer, Role::kEvaluator}), &GetEvaluation},
      {"POST", "/api/v1/tenders/{ocid}/evaluation/declaration",
       AccessRule::AnyOf({Role::kEvaluator}), &DeclareConflicts},
      {"PUT", "/api/v1/tenders/{ocid}/evaluation/sheets/{bid}",
       AccessRule::AnyOf({Role::kEvaluator}), &PutScoringSheet},
      {"POST", "/api/v1/tenders/{ocid}/evaluation/start", AccessRule::AnyOf({Role::kAgencyOfficer}),
       &StartEvaluation},
      {"POST", "/api/v1/tenders/{ocid}/evaluation/technical-close",
       AccessRule::AnyOf({Role::kAgencyOfficer}), &CloseTechnicalEvaluation},
      {"POST", "/api/v1/tenders/{ocid}/evaluation/ranking",
       AccessRule::AnyOf({Role::kAgencyOfficer}), &RankEvaluatedBids},
      {"POST", "/api/v1/tenders/{ocid}/award/recommendation",
       AccessRule::AnyOf({Role::kAgencyOfficer}), &RecommendAward},
      {"POST", "/api/v1/tenders/{ocid}/award/approval", AccessRule::AnyOf({Role::kAgencyOfficer}),
       &DecideAward},
      {"POST", "/api/v1/tenders/{ocid}/award/notice", AccessRule::AnyOf({Role::kAgencyOfficer}),
       &NotifyAward},
      {"POST", "/api/v1/tenders/{ocid}/award/contract", AccessRule::AnyOf({Role::kAgencyOfficer}),
       &SignContract},
      {"POST", "/api/v1/tenders/{ocid}/award/cancellation",
       AccessRule::AnyOf({Role::kAgencyOfficer}), &CancelProcurement},
      {"GET", "/api/v1/tenders/{ocid}/award", kPublic, &GetAwardResult},
      {"POST", "/api/v1/tenders/{ocid}/award/debrief", AccessRule::AnyOf({Role::kSupplierUser}),
       &RequestDebrief},
      {"POST", "/api/v1/tenders/{ocid}/award/debriefs/{supplier}/answer",
       AccessRule::AnyOf({Role::kAgencyOfficer}), &AnswerDebrief},
      // OCDS 1.1 release packages (issue #6 item 6): public; nothing before publication and
      // nothing about bidders before the opening (ET-03).
      {"GET", "/api/v1/ocds/releases", kPublic, &ListOcdsReleases},
      {"GET", "/api/v1/ocds/tenders/{ocid}/releases", kPublic, &GetOcdsTenderReleases},
      // Alerts (alert_routes.cc, docs/alerts.md). AlertService scopes everything under /me to
      // the caller; the feeds are public because their token is the credential.
      {"GET", "/api/v1/me/alert-settings", kSignedIn, &GetAlertSettings},
      {"PUT", "/api/v1/me/alert-settings", kSignedIn, &PutAlertSettings},
      {"GET", "/api/v1/me/saved-searches", kSignedIn, &ListSavedSearches},
      {"POST", "/api/v1/me/saved-searches", kSignedIn, &CreateSavedSearch},
      {"DELETE", "/api/v1/me/saved-searches/{id}", kSignedIn, &DeleteSavedSearch},
      {"GET", "/api/v1/me/saved-notices", kSignedIn, &ListSavedNotices},
      {"PUT", "/api/v1/me/saved-notices/{id}", kSignedIn, &PutSavedNotice},
      {"DELETE", "/api/v1/me/saved-notices/{id}", kSignedIn, &DeleteSavedNotice},
      {"GET", "/api/v1/me/inbox", kSignedIn, &GetInbox},
      {"POST", "/api/v1/me/inbox/{id}/read", kSignedIn, &MarkAlertRead},
      {"POST", "/api/v1/me/inbox/read-all", kSignedIn, &MarkAllAlertsRead},
      {"GET", "/api/v1/me/recommendations", AccessRule::AnyOf({Role::kSupplierUser}),
       &GetRecommendations},
      {"GET", "/api/v1/notices/{id}/recommended-suppliers",
       AccessRule::AnyOf({Role::kAgencyOfficer, Role::kCentreStaff}), &GetRecommendedSuppliers},
      {"POST", "/api/v1/notices/{id}/invitations",
       AccessRule::AnyOf({Role::kAgencyOfficer, Role::kCentreStaff}), &InviteSuppliers},
      {.method = "GET",
       .path = "/api/v1/feeds/searches/{token}",
       .access = kPublic,
       .handler = &GetSearchFeed,
       .rate = RateClass::kSearch},
      {.method = "GET",
       .path = "/api/v1/feeds/deadlines/{token}",
       .access = kPublic,
       .handler = &GetDeadlineCalendar,
       .rate = RateClass::kSearch},
      {.method = "POST",
       .path = "/api/v1/alerts/unsubscribe",
       .access = kPublic,
       .handler = &UnsubscribeAlerts,
       .rate = RateClass::kPasswordReset},
      // Events (event_routes.cc, docs/events.md). The route admits the roles of the access
      // table that may ever act; EventService checks the event and the object (staff of the
      // organising centre; a supplier's own participant; an officer's own requests and
      // meetings) and answers 404 for what the caller may not read.
      {"GET", "/api/v1/events", kPublic, &ListEvents},
      {"POST", "/api/v1/events", kCentreStaff, &CreateEvent},
      {"GET", "/api/v1/events/{id}", kPublic, &GetEvent},
      {"PATCH", "/api/v1/events/{id}", kCentreStaff, &PatchEvent},
      {"POST", "/api/v1/events/{id}/status", kCentreStaff, &SetEventStatus},
      {"GET", "/api/v1/events/{id}/participants", kEventPeople, &ListEventParticipants},
      {"POST", "/api/v1/events/{id}/participants", kCentreStaff, &AddEventParticipant},
      {"PATCH", "/api/v1/events/{id}/participants/{participant}", kEventPeople,
       &PatchEventParticipant},
      {"POST", "/api/v1/events/{id}/participants/{participant}/check-in", kCentreStaff,
       &CheckInParticipant},
      {"POST", "/api/v1/events/{id}/registrations",
       AccessRule::AnyOf({Role::kSupplierUser, Role::kAgencyOfficer}), &RegisterForEvent},
      {"GET", "/api/v1/events/{id}/me", kSignedIn, &GetMyEventParticipants},
      // The instance document of an IPS-size event is ~0.4 MB (x10: ~4 MB): the import body
      // limit, and off the I/O threads (one transaction of a few thousand rows).
      {.method = "POST",
       .path = "/api/v1/events/{id}/import",
       .access = kCentreStaff,
       .handler = &ImportEventInstance,
       .slow = true,
       .upload = true},
      {"GET", "/api/v1/events/{id}/suggestions", AccessRule::AnyOf({Role::kSupplierUser}),
       &GetEventSuggestions},
      {"GET", "/api/v1/events/{id}/requests", kEventPeople, &ListMeetingRequests},
      {"POST", "/api/v1/events/{id}/requests", AccessRule::AnyOf({Role::kSupplierUser}),
       &CreateMeetingRequest},
      {"POST", "/api/v1/events/{id}/requests/{request}/decision",
       AccessRule::AnyOf({Role::kAgencyOfficer}), &DecideMeetingRequest},
      {"POST", "/api/v1/events/{id}/requests/{request}/cancel",
       AccessRule::AnyOf({Role::kSupplierUser}), &CancelMeetingRequest},
      {"POST", "/api/v1/events/{id}/schedule-runs", kCentreStaff, &StartScheduleRun},
      {"GET", "/api/v1/events/{id}/schedule-runs", kCentreStaff, &ListScheduleRuns},
      {"GET", "/api/v1/events/{id}/schedule-runs/{run}", kCentreStaff, &GetScheduleRun},
      {"GET", "/api/v1/events/{id}/schedule-runs/{run}/instance", kCentreStaff,
       &GetScheduleRunInstance},
      {"GET", "/api/v1/events/{id}/schedule-runs/{run}/schedule", kCentreStaff,
       &GetScheduleRunSchedule},
      {"POST", "/api/v1/events/{id}/schedule-runs/{run}/publish", kCentreStaff,
       &PublishScheduleRun},
      {"GET", "/api/v1/events/{id}/meetings", kEventPeople, &ListEventMeetings},
      {"PUT", "/api/v1/events/{id}/meetings/{meeting}/outcome",
       AccessRule::AnyOf({Role::kAgencyOfficer, Role::kCentreStaff}), &RecordMeetingOutcome},
      {"GET", "/api/v1/events/{id}/pins", kCentreStaff, &ListEventPins},
      {"POST", "/api/v1/events/{id}/pins", kCentreStaff, &SetEventPin},
      {"DELETE", "/api/v1/events/{id}/pins/{request}", kCentreStaff, &DeleteEventPin},
      {"GET", "/api/v1/events/{id}/agenda", kEventPeople, &GetEventAgenda},
      {"GET", "/api/v1/events/{id}/agenda.ics", kEventPeople, &GetEventAgendaIcs},
      {"GET", "/api/v1/events/{id}/table-plan",
       AccessRule::AnyOf({Role::kAgencyOfficer, Role::kCentreStaff}), &GetEventTablePlan},
  };
  return kRoutes;
}

bool MatchPath(std::string_view path_template, std::string_view path, PathParams& params) {
  params.clear();
  while (!path_template.empty() || !path.empty()) {
    if (path_template.empty() || path.empty()) return false;
    if (path_template.front() != '/' || path.front() != '/') return false;
    path_template.remove_prefix(1);
    path.remove_prefix(1);
    const std::string_view t = path_template.substr(0, path_template.find('/'));
    const std::string_view p = path.substr(0, path.find('/'));
    if (t.size() > 1 && t.front() == '{' && t.back() == '}') {
      if (p.empty()) return false;
      Result<std::string> decoded = PercentDecode(p, false);
      if (!decoded.ok()) return false;
      params.push_back(std::move(decoded).value());
    } else if (t != p) {
      return false;
    }
    path_template.remove_prefix(t.size());
    path.remove_prefix(p.size());
  }
  return true;
}

Response ForbiddenProblem(const Status& status, const Request& request, const auth::Actor& actor,
                          RouteContext& context) {
  if (context.deps.auth != nullptr) {
    context.deps.auth->RecordAccessDenied(
        actor, "route:" + request.method + " " + request.path, "forbidden",
        {request.request_id, std::string(RemoteAddress(request.remote))});
  }
  return ProblemResponse(status, request.path, 403, "forbidden");
}

}  // namespace tb::http
