#pragma once

#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "auth/actor.h"
#include "auth/policy.h"
#include "auth/security_log.h"
#include "http/http_types.h"
#include "http/notice_cache.h"
#include "http/rate_limit.h"
#include "http/server.h"

namespace tb::http {

// What handlers work on. Owned by Api; references outlive every request.
struct RouteContext {
  const ServerOptions& options;
  ServerDeps deps;
  // ImportService is thread-compatible: one import at a time.
  std::mutex& import_mutex;
  // Rendered notice documents (GET /api/v1/notices/{id}).
  NoticeCache& notice_cache;
  // Per-account budgets handlers spend once they know the account (a login's e-mail).
  RateLimiter& rate_limiter;
  // Security events (AS-34); never null.
  auth::SecurityLog& security_log;
};

// The decoded {param} segments of the matched path template, in template order.
using PathParams = std::vector<std::string>;

// A handler gets the request, the decoded path parameters, the actor the pipeline resolved
// (auth::Actor::Public() when nobody is logged in; the route's Access rule has already
// admitted it) and returns the whole response. Handlers do not throw on bad input.
using Handler = Response (*)(const Request& request, const PathParams& path_params,
                             const auth::Actor& actor, RouteContext& context);

// One API route. Every /api/v1 route is in the one table below, which the OpenAPI test
// compares with docs served at /api/v1/openapi.json.
struct Route {
  std::string_view method;  // "GET", "POST"
  std::string_view path;    // "/api/v1/notices/{id}": {param}s are whole segments
  auth::AccessRule access;  // who may call it; no default, so a row without one fails to compile
  Handler handler;
  bool slow = false;    // blocks for long (imports, password hashing): off the I/O threads
  bool upload = false;  // body limit is max_import_bytes instead of max_body_bytes
  RateClass rate = RateClass::kNone;  // per-IP budget checked before the handler
  // The operator's configured admin bearer token (ServerOptions::admin_token) also admits,
  // with no actor: `tenderbridge import --server` and scripts use it.
  bool admin_token = false;
};

// The route table.
std::span<const Route> Routes();

// 403 "forbidden" for a service's PermissionDenied on an object the actor may read, with
// the access.denied security event (AS-34) the route check writes for its own refusals.
Response ForbiddenProblem(const Status& status, const Request& request, const auth::Actor& actor,
                          RouteContext& context);

// Matches a raw (percent-encoded) request path against a template. On a match, `params`
// receives the decoded {param} segments in order. False for no match or a broken escape.
bool MatchPath(std::string_view path_template, std::string_view path, PathParams& params);

// The handlers, one file per resource.
// Alerts (alert_routes.cc, docs/alerts.md).
Response GetAlertSettings(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response PutAlertSettings(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ListSavedSearches(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response CreateSavedSearch(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response DeleteSavedSearch(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ListSavedNotices(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response PutSavedNotice(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response DeleteSavedNotice(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetInbox(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response MarkAlertRead(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response MarkAllAlertsRead(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetRecommendations(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetRecommendedSuppliers(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response InviteSuppliers(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetSearchFeed(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetDeadlineCalendar(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response UnsubscribeAlerts(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response SuggestCodes(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ListNotices(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetNotice(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetUnspscCode(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response FindUnspsc(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response SearchNotices(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response SuggestSearch(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response Health(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ImportUpload(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response OpenApi(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
// Accounts (auth_routes.cc, docs/accounts.md).
Response SignUp(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response VerifyEmail(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response LogIn(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response LogOut(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetSession(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response RequestPasswordReset(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ConfirmPasswordReset(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response BeginTotpSetup(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ConfirmTotp(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response Reauthenticate(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response InviteMember(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response AcceptInvitation(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response SetMemberRoles(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ListMembers(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response RevokeInvitation(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response RemoveMember(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response TransferOwnership(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ListApiTokens(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response CreateApiToken(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response RevokeApiToken(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
// Suppliers (supplier_routes.cc, document_routes.cc, directory_routes.cc).
Response GetSupplierProfile(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response PatchSupplierProfile(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetSupplierReadiness(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ReviewSupplier(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetSupplierHistory(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ExportSupplierUngm(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response UploadSupplierDocument(const Request&, const PathParams&, const auth::Actor&,
                                RouteContext&);
Response ListSupplierDocuments(const Request&, const PathParams&, const auth::Actor&,
                               RouteContext&);
Response GetDocumentContent(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response DeleteSupplierDocument(const Request&, const PathParams&, const auth::Actor&,
                                RouteContext&);
Response SearchSupplierDirectory(const Request&, const PathParams&, const auth::Actor&,
                                 RouteContext&);
// Sanctions review (sanctions_routes.cc).
Response GetSanctionsList(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ListSanctionsReviews(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetSanctionsReview(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response DecideSanctionsReview(const Request&, const PathParams&, const auth::Actor&,
                               RouteContext&);
// The audit log, public and read-only (audit_routes.cc, docs/audit-log.md).
Response GetAuditPublicKey(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetLatestTreeHead(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ListTreeHeads(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetInclusionProof(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetConsistencyProof(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
// Sealed bids and their opening (bid_routes.cc, docs/bids.md).
Response SubmitBid(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response WithdrawBid(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ConfirmBid(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ListTenderBids(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetBidReceipt(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response VerifyBidReceipt(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response SubmitOpeningShare(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetOpeningStatus(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetBidDocument(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetBidAbstract(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response SetTestClock(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
// Evaluation, award and OCDS open data (evaluation_routes.cc, docs/evaluation.md).
Response GetEvaluation(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response DeclareConflicts(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response PutScoringSheet(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response StartEvaluation(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response CloseTechnicalEvaluation(const Request&, const PathParams&, const auth::Actor&,
                                  RouteContext&);
Response RankEvaluatedBids(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response RecommendAward(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response DecideAward(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response NotifyAward(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response SignContract(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response CancelProcurement(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetAwardResult(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response RequestDebrief(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response AnswerDebrief(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ListOcdsReleases(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetOcdsTenderReleases(const Request&, const PathParams&, const auth::Actor&,
                               RouteContext&);
// Tenders, committee and keys, clarifications, amendments (tender_routes.cc, docs/tendering.md).
Response ListTenders(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response CreateTender(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetTender(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response PatchTender(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response PublishTender(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response CancelTender(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ChangeTenderDeadline(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetTenderCommittee(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response SetTenderCommittee(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response SetMySealingKey(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetMySealingKey(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response PutEnvelopeKey(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetMyEnvelopeShare(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response AskClarification(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ListClarifications(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response AnswerClarification(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response AmendTender(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ListAmendments(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
// Uploaded tender documents (tender_document_routes.cc, docs/tendering.md).
Response UploadTenderDocument(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ListTenderDocuments(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response GetTenderDocumentContent(const Request&, const PathParams&, const auth::Actor&,
                                  RouteContext&);
Response GetTenderDocumentVersion(const Request&, const PathParams&, const auth::Actor&,
                                  RouteContext&);
Response DeleteTenderDocument(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ExpressTenderInterest(const Request&, const PathParams&, const auth::Actor&,
                               RouteContext&);
Response GetTenderInterest(const Request&, const PathParams&, const auth::Actor&, RouteContext&);
Response ListMyNotifications(const Request&, const PathParams&, const auth::Actor&, RouteContext&);

}  // namespace tb::http
