// The tender routes (docs/tendering.md, "API"): drafts, publication, cancellation, the
// deadline (ET-04), committee and the key ceremony's registration, clarifications,
// amendments, interest and notifications. TenderService makes every object check; a tender
// the caller may not read answers 404 exactly like a missing one.
#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <string>

#include "crypto/random.h"
#include "crypto/sealing.h"
#include "http/json_body.h"
#include "http/problem.h"
#include "http/query.h"
#include "http/response_filters.h"
#include "http/routes.h"
#include "http/tender_route_support.h"
#include "tenders/tender_json.h"
#include "tenders/tender_service.h"

namespace tb::http {
namespace {

using namespace tender_internal;  // NOLINT: this file's own support
using nlohmann::json;

tenders::TenderService& Tenders(RouteContext& context) { return *context.deps.tenders; }

// The tender as the caller may see it, with its ETag.
Response ViewResponse(const auth::Actor& actor, std::string_view ocid, const Request& request,
                      RouteContext& context, int status = 200) {
  Result<tenders::TenderView> view = Tenders(context).Get(actor, ocid);
  if (!view.ok()) return TenderProblem(view.status(), request, actor, context);
  Response response = JsonResponse(DumpJson(Tenders(context).ViewJson(*view)), status);
  response.SetHeader("ETag", TenderEtag(view->tender.version));
  if (status == 201) response.SetHeader("Location", "/api/v1/tenders/" + view->tender.ocid);
  return response;
}

Result<std::vector<UserId>> UserIds(const json& body, std::string_view name) {
  std::vector<UserId> users;
  const std::string key(name);
  if (!body.contains(key)) return users;
  if (!body[key].is_array())
    return Status::InvalidArgument("must be an array of user ids").WithField(key);
  for (std::size_t i = 0; i < body[key].size(); ++i) {
    const json& id = body[key][i];
    if (!id.is_number_integer() || id.get<std::int64_t>() <= 0) {
      return Status::InvalidArgument("must be a user id").WithField(key + "/" + std::to_string(i));
    }
    users.push_back(UserId{id.get<std::int64_t>()});
  }
  return users;
}

Result<std::array<std::uint8_t, 32>> Key32(const json& value, const std::string& field) {
  if (!value.is_string()) return Status::InvalidArgument("must be base64url text").WithField(field);
  Result<crypto::X25519PublicKey> key = crypto::ParseX25519PublicKey(value.get<std::string>());
  if (!key.ok()) return Status::InvalidArgument(key.status().message()).WithField(field);
  return *key;
}

Result<tenders::Envelope> EnvelopeOf(std::string_view segment) {
  std::optional<tenders::Envelope> envelope = tenders::ParseEnvelope(segment);
  if (!envelope) {
    return Status::NotFound("no such envelope: single, technical or financial")
        .WithField("envelope");
  }
  return *envelope;
}

Result<SupplierId> SupplierField(const json& body) {
  TB_ASSIGN_OR_RETURN(std::int64_t id, IntField(body, "supplier_id", 0));
  return SupplierId{id};
}

}  // namespace

Response ListTenders(const Request& request, const PathParams&, const auth::Actor& actor,
                     RouteContext& context) {
  if (context.deps.tenders == nullptr) return TendersUnavailable(request);
  const auto bad = [&](const Status& s) { return ProblemResponse(s, request.path, 400); };
  Result<QueryParams> params = ParseQuery(request.query);
  if (!params.ok()) return bad(params.status());
  static constexpr std::string_view kKnown[] = {"state", "buyer", "cursor", "limit"};
  if (Status known = CheckKnownParams(*params, kKnown); !known.ok()) return bad(known);
  tenders::TenderListQuery query;
  for (const std::string& state : Values(*params, "state")) {
    std::optional<tenders::TenderState> parsed = tenders::ParseTenderState(state);
    if (!parsed)
      return bad(Status::InvalidArgument("unknown state '" + state + "'").WithField("state"));
    if (std::find(query.states.begin(), query.states.end(), *parsed) == query.states.end()) {
      query.states.push_back(*parsed);
    }
  }
  for (std::string_view name : {"buyer", "cursor", "limit"}) {
    Result<std::optional<std::string>> value = SingleValue(*params, name);
    if (!value.ok()) return bad(value.status());
    if (!*value || (*value)->empty()) continue;
    const int max = name == "limit" ? 100 : std::numeric_limits<int>::max();
    Result<int> number = ParseInt(**value, 1, max, name);
    if (!number.ok()) return bad(number.status());
    if (name == "buyer") query.buyer = OrganisationId{*number};
    if (name == "cursor") query.before = TenderId{*number};
    if (name == "limit") query.limit = *number;
  }
  Result<tenders::TenderPage> page = Tenders(context).List(actor, query);
  if (!page.ok()) return TenderProblem(page.status(), request, actor, context);
  json items = json::array();
  for (const tenders::Tender& t : page->items) items.push_back(tenders::TenderSummaryJson(t));
  return JsonResponse(
      DumpJson({{"items", std::move(items)},
                {"next_cursor",
                 page->next.valid() ? json(std::to_string(page->next.value)) : json(nullptr)}}));
}

Response CreateTender(const Request& request, const PathParams&, const auth::Actor& actor,
                      RouteContext& context) {
  if (context.deps.tenders == nullptr) return TendersUnavailable(request);
  json body;
  if (std::optional<Response> problem = ReadJsonObject(request, body)) return *problem;
  Result<std::int64_t> organisation = IntField(body, "organisation_id", 0);
  if (!organisation.ok()) return TenderProblem(organisation.status(), request, actor, context);
  body.erase("organisation_id");
  Result<tenders::Tender> created =
      Tenders(context).Create(actor, OrganisationId{*organisation}, body);
  if (!created.ok()) return TenderProblem(created.status(), request, actor, context);
  return ViewResponse(actor, created->ocid, request, context, 201);
}

Response GetTender(const Request& request, const PathParams& params, const auth::Actor& actor,
                   RouteContext& context) {
  if (context.deps.tenders == nullptr) return TendersUnavailable(request);
  return ViewResponse(actor, params[0], request, context);
}

Response PatchTender(const Request& request, const PathParams& params, const auth::Actor& actor,
                     RouteContext& context) {
  if (context.deps.tenders == nullptr) return TendersUnavailable(request);
  Result<std::optional<std::int64_t>> version = IfMatchVersion(request, "tender");
  if (!version.ok()) return ProblemResponse(version.status(), request.path, 400);
  json patch;
  if (std::optional<Response> problem = ReadJsonObject(request, patch)) return *problem;
  Result<tenders::Tender> patched = Tenders(context).Patch(actor, params[0], patch, *version);
  if (!patched.ok()) return TenderProblem(patched.status(), request, actor, context);
  return ViewResponse(actor, params[0], request, context);
}

Response PublishTender(const Request& request, const PathParams& params, const auth::Actor& actor,
                       RouteContext& context) {
  if (context.deps.tenders == nullptr) return TendersUnavailable(request);
  Result<tenders::Tender> published = Tenders(context).Publish(actor, params[0]);
  if (!published.ok()) return TenderProblem(published.status(), request, actor, context);
  return ViewResponse(actor, params[0], request, context);
}

Response CancelTender(const Request& request, const PathParams& params, const auth::Actor& actor,
                      RouteContext& context) {
  if (context.deps.tenders == nullptr) return TendersUnavailable(request);
  json body;
  if (std::optional<Response> problem = ReadJsonObject(request, body)) return *problem;
  const Status fields = OnlyFields(body, {"reason"});
  Result<std::string> reason = TextField(body, "reason");
  if (!fields.ok() || !reason.ok()) {
    return TenderProblem(!fields.ok() ? fields : reason.status(), request, actor, context);
  }
  Result<tenders::Tender> cancelled = Tenders(context).Cancel(actor, params[0], *reason);
  if (!cancelled.ok()) return TenderProblem(cancelled.status(), request, actor, context);
  return ViewResponse(actor, params[0], request, context);
}

Response ChangeTenderDeadline(const Request& request, const PathParams& params,
                              const auth::Actor& actor, RouteContext& context) {
  if (context.deps.tenders == nullptr) return TendersUnavailable(request);
  json body;
  if (std::optional<Response> problem = ReadJsonObject(request, body)) return *problem;
  const Status fields = OnlyFields(body, {"deadline", "time_zone", "reason"});
  Result<std::string> deadline = TextField(body, "deadline");
  Result<std::string> zone = TextField(body, "time_zone");
  Result<std::string> reason = TextField(body, "reason");
  for (const Status* s : {&fields, &deadline.status(), &zone.status(), &reason.status()}) {
    if (!s->ok()) return TenderProblem(*s, request, actor, context, /*invalid_as_400=*/true);
  }
  Result<tenders::Tender> changed =
      Tenders(context).ChangeDeadline(actor, params[0], *deadline, *zone, *reason);
  if (!changed.ok()) {
    return TenderProblem(changed.status(), request, actor, context, /*invalid_as_400=*/true);
  }
  return ViewResponse(actor, params[0], request, context);
}

Response GetTenderCommittee(const Request& request, const PathParams& params,
                            const auth::Actor& actor, RouteContext& context) {
  if (context.deps.tenders == nullptr) return TendersUnavailable(request);
  Result<tenders::TenderService::CommitteeView> view =
      Tenders(context).GetCommittee(actor, params[0]);
  if (!view.ok()) return TenderProblem(view.status(), request, actor, context);
  return JsonResponse(DumpJson(CommitteeJson(*view)));
}

Response SetTenderCommittee(const Request& request, const PathParams& params,
                            const auth::Actor& actor, RouteContext& context) {
  if (context.deps.tenders == nullptr) return TendersUnavailable(request);
  json body;
  if (std::optional<Response> problem = ReadJsonObject(request, body)) return *problem;
  tenders::CommitteeAssignment assignment;
  const Status fields = OnlyFields(body, {"opening", "evaluators", "threshold"});
  if (!fields.ok()) return TenderProblem(fields, request, actor, context);
  Result<std::vector<UserId>> opening = UserIds(body, "opening");
  Result<std::vector<UserId>> evaluators = UserIds(body, "evaluators");
  Result<std::int64_t> threshold = IntField(body, "threshold", 2);
  for (const Status* s : {&opening.status(), &evaluators.status(), &threshold.status()}) {
    if (!s->ok()) return TenderProblem(*s, request, actor, context);
  }
  assignment.opening = *opening;
  assignment.evaluators = *evaluators;
  assignment.threshold = static_cast<int>(std::clamp<std::int64_t>(*threshold, -1, 1000));
  Result<tenders::TenderService::CommitteeView> view =
      Tenders(context).SetCommittee(actor, params[0], assignment);
  if (!view.ok()) return TenderProblem(view.status(), request, actor, context);
  return JsonResponse(DumpJson(CommitteeJson(*view)));
}

Response SetMySealingKey(const Request& request, const PathParams&, const auth::Actor& actor,
                         RouteContext& context) {
  if (context.deps.tenders == nullptr) return TendersUnavailable(request);
  json body;
  if (std::optional<Response> problem = ReadJsonObject(request, body)) return *problem;
  const Status fields = OnlyFields(body, {"public_key"});
  if (!fields.ok()) return TenderProblem(fields, request, actor, context);
  Result<std::array<std::uint8_t, 32>> key = Key32(body.value("public_key", json()), "public_key");
  if (!key.ok()) return TenderProblem(key.status(), request, actor, context);
  if (Status set = Tenders(context).SetSealingKey(actor, *key); !set.ok()) {
    return TenderProblem(set, request, actor, context);
  }
  return JsonResponse(DumpJson({{"public_key", crypto::Base64UrlEncode(*key)},
                                {"fingerprint", crypto::KeyFingerprint(*key)}}));
}

Response GetMySealingKey(const Request& request, const PathParams&, const auth::Actor& actor,
                         RouteContext& context) {
  if (context.deps.tenders == nullptr) return TendersUnavailable(request);
  Result<std::optional<std::array<std::uint8_t, 32>>> key = Tenders(context).MySealingKey(actor);
  if (!key.ok()) return TenderProblem(key.status(), request, actor, context);
  if (!key->has_value()) {
    return JsonResponse(DumpJson({{"public_key", nullptr}, {"fingerprint", nullptr}}));
  }
  return JsonResponse(DumpJson({{"public_key", crypto::Base64UrlEncode(**key)},
                                {"fingerprint", crypto::KeyFingerprint(**key)}}));
}

Response PutEnvelopeKey(const Request& request, const PathParams& params, const auth::Actor& actor,
                        RouteContext& context) {
  if (context.deps.tenders == nullptr) return TendersUnavailable(request);
  Result<tenders::Envelope> envelope = EnvelopeOf(params[1]);
  if (!envelope.ok()) return TenderProblem(envelope.status(), request, actor, context);
  json body;
  if (std::optional<Response> problem = ReadJsonObject(request, body)) return *problem;
  // "envelope" and "fingerprint" are optional echoes (what `tenderbridge tender keygen` prints,
  // docs/sealed-bids.md); when given they must agree with the path and the key, so a body made
  // for one envelope or key cannot be registered for another by mistake.
  const Status fields =
      OnlyFields(body, {"public_key", "threshold", "shares", "envelope", "fingerprint"});
  if (!fields.ok()) return TenderProblem(fields, request, actor, context);
  tenders::EnvelopeKey key;
  key.envelope = *envelope;
  Result<std::array<std::uint8_t, 32>> public_key =
      Key32(body.value("public_key", json()), "public_key");
  Result<std::int64_t> threshold = IntField(body, "threshold", 0);
  for (const Status* s : {&public_key.status(), &threshold.status()}) {
    if (!s->ok()) return TenderProblem(*s, request, actor, context);
  }
  key.public_key = *public_key;
  key.threshold = static_cast<int>(std::clamp<std::int64_t>(*threshold, -1, 1000));
  if (body.contains("envelope") && body["envelope"] != params[1]) {
    return TenderProblem(
        Status::InvalidArgument("names another envelope than the path").WithField("envelope"),
        request, actor, context);
  }
  if (body.contains("fingerprint") &&
      body["fingerprint"] != crypto::KeyFingerprint(key.public_key)) {
    return TenderProblem(
        Status::InvalidArgument("is not the SHA-256 of public_key").WithField("fingerprint"),
        request, actor, context);
  }
  const json shares = body.value("shares", json::array());
  if (!shares.is_array()) {
    return TenderProblem(Status::InvalidArgument("must be an array").WithField("shares"), request,
                         actor, context);
  }
  for (std::size_t i = 0; i < shares.size() && i < 256; ++i) {
    const std::string at = "shares/" + std::to_string(i);
    const json& share = shares[i];
    Status shape = share.is_object() ? OnlyFields(share, {"user_id", "sealed_share"})
                                     : Status::InvalidArgument("must be an object").WithField(at);
    if (!shape.ok()) {
      return TenderProblem(
          Status(shape).WithField(shape.field() == at ? at : at + "/" + shape.field()), request,
          actor, context);
    }
    Result<std::int64_t> user = IntField(share, "user_id", 0);
    Result<std::vector<std::uint8_t>> sealed =
        crypto::DecodeBase64Url(share.value("sealed_share", std::string()));
    if (!user.ok() || *user <= 0) {
      return TenderProblem(Status::InvalidArgument("must be a user id").WithField(at + "/user_id"),
                           request, actor, context);
    }
    if (!sealed.ok()) {
      return TenderProblem(
          Status::InvalidArgument("must be base64url").WithField(at + "/sealed_share"), request,
          actor, context);
    }
    key.shares.push_back({UserId{*user}, std::move(*sealed)});
  }
  Result<tenders::Tender> registered = Tenders(context).RegisterEnvelopeKey(actor, params[0], key);
  if (!registered.ok()) return TenderProblem(registered.status(), request, actor, context);
  return JsonResponse(DumpJson({{"envelope", tenders::EnvelopeName(key.envelope)},
                                {"public_key", crypto::Base64UrlEncode(key.public_key)},
                                {"fingerprint", crypto::KeyFingerprint(key.public_key)},
                                {"threshold", key.threshold},
                                {"version", registered->version}}),
                      201);
}

Response GetMyEnvelopeShare(const Request& request, const PathParams& params,
                            const auth::Actor& actor, RouteContext& context) {
  if (context.deps.tenders == nullptr) return TendersUnavailable(request);
  Result<tenders::Envelope> envelope = EnvelopeOf(params[1]);
  if (!envelope.ok()) return TenderProblem(envelope.status(), request, actor, context);
  Result<tenders::TenderService::MyShare> share =
      Tenders(context).GetMyShare(actor, params[0], *envelope);
  if (!share.ok()) return TenderProblem(share.status(), request, actor, context);
  Response response = JsonResponse(DumpJson(
      {{"envelope", tenders::EnvelopeName(share->key.envelope)},
       {"public_key", crypto::Base64UrlEncode(share->key.public_key)},
       {"fingerprint", crypto::KeyFingerprint(share->key.public_key)},
       {"threshold", share->key.threshold},
       {"position", share->position},
       {"sealed_share", crypto::Base64UrlEncode(share->key.shares.front().sealed_share)}}));
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

Response AskClarification(const Request& request, const PathParams& params,
                          const auth::Actor& actor, RouteContext& context) {
  if (context.deps.tenders == nullptr) return TendersUnavailable(request);
  json body;
  if (std::optional<Response> problem = ReadJsonObject(request, body)) return *problem;
  const Status fields = OnlyFields(body, {"question", "supplier_id"});
  Result<std::string> question = TextField(body, "question");
  Result<SupplierId> supplier = SupplierField(body);
  for (const Status* s : {&fields, &question.status(), &supplier.status()}) {
    if (!s->ok()) return TenderProblem(*s, request, actor, context);
  }
  Result<tenders::Clarification> asked =
      Tenders(context).Ask(actor, params[0], *question, *supplier);
  if (!asked.ok()) return TenderProblem(asked.status(), request, actor, context);
  return JsonResponse(DumpJson(ClarificationJson({*asked, true})), 201);
}

Response ListClarifications(const Request& request, const PathParams& params,
                            const auth::Actor& actor, RouteContext& context) {
  if (context.deps.tenders == nullptr) return TendersUnavailable(request);
  Result<std::vector<tenders::ClarificationView>> list =
      Tenders(context).Clarifications(actor, params[0]);
  if (!list.ok()) return TenderProblem(list.status(), request, actor, context);
  json items = json::array();
  for (const tenders::ClarificationView& c : *list) items.push_back(ClarificationJson(c));
  return JsonResponse(DumpJson({{"items", std::move(items)}}));
}

Response AnswerClarification(const Request& request, const PathParams& params,
                             const auth::Actor& actor, RouteContext& context) {
  if (context.deps.tenders == nullptr) return TendersUnavailable(request);
  std::int64_t id = 0;
  const std::string& segment = params[1];
  const auto [end, error] = std::from_chars(segment.data(), segment.data() + segment.size(), id);
  if (error != std::errc() || end != segment.data() + segment.size() || id <= 0) {
    return ServiceProblem(Status::NotFound("no such clarification").WithField("id"), request);
  }
  json body;
  if (std::optional<Response> problem = ReadJsonObject(request, body)) return *problem;
  const Status fields = OnlyFields(body, {"answer"});
  Result<std::string> answer = TextField(body, "answer");
  for (const Status* s : {&fields, &answer.status()}) {
    if (!s->ok()) return TenderProblem(*s, request, actor, context);
  }
  Result<tenders::Clarification> answered = Tenders(context).Answer(actor, params[0], id, *answer);
  if (!answered.ok()) return TenderProblem(answered.status(), request, actor, context);
  tenders::Clarification shown = *answered;
  shown.supplier = {};
  shown.asked_by = {};
  return JsonResponse(DumpJson(ClarificationJson({shown, false})));
}

Response AmendTender(const Request& request, const PathParams& params, const auth::Actor& actor,
                     RouteContext& context) {
  if (context.deps.tenders == nullptr) return TendersUnavailable(request);
  json body;
  if (std::optional<Response> problem = ReadJsonObject(request, body)) return *problem;
  const Status fields = OnlyFields(body, {"changes", "rationale", "substantive"});
  Result<std::string> rationale = TextField(body, "rationale");
  for (const Status* s : {&fields, &rationale.status()}) {
    if (!s->ok()) return TenderProblem(*s, request, actor, context);
  }
  if (body.contains("substantive") && !body["substantive"].is_boolean()) {
    return TenderProblem(Status::InvalidArgument("must be true or false").WithField("substantive"),
                         request, actor, context);
  }
  tenders::AmendmentRequest amendment{body.value("changes", json()), *rationale,
                                      body.value("substantive", false)};
  Result<tenders::Amendment> amended = Tenders(context).Amend(actor, params[0], amendment);
  if (!amended.ok()) return TenderProblem(amended.status(), request, actor, context);
  return JsonResponse(DumpJson(AmendmentJson(*amended)), 201);
}

Response ListAmendments(const Request& request, const PathParams& params, const auth::Actor& actor,
                        RouteContext& context) {
  if (context.deps.tenders == nullptr) return TendersUnavailable(request);
  Result<std::vector<tenders::Amendment>> list = Tenders(context).Amendments(actor, params[0]);
  if (!list.ok()) return TenderProblem(list.status(), request, actor, context);
  json items = json::array();
  for (const tenders::Amendment& a : *list) items.push_back(AmendmentJson(a));
  return JsonResponse(DumpJson({{"items", std::move(items)}}));
}

Response ExpressTenderInterest(const Request& request, const PathParams& params,
                               const auth::Actor& actor, RouteContext& context) {
  if (context.deps.tenders == nullptr) return TendersUnavailable(request);
  json body = json::object();
  if (!request.body.empty()) {
    if (std::optional<Response> problem = ReadJsonObject(request, body)) return *problem;
  }
  const Status fields = OnlyFields(body, {"supplier_id"});
  Result<SupplierId> supplier = SupplierField(body);
  for (const Status* s : {&fields, &supplier.status()}) {
    if (!s->ok()) return TenderProblem(*s, request, actor, context);
  }
  Result<bool> added = Tenders(context).ExpressInterest(actor, params[0], *supplier);
  if (!added.ok()) return TenderProblem(added.status(), request, actor, context);
  return JsonResponse(DumpJson({{"interested", true}}), *added ? 201 : 200);
}

Response GetTenderInterest(const Request& request, const PathParams& params,
                           const auth::Actor& actor, RouteContext& context) {
  if (context.deps.tenders == nullptr) return TendersUnavailable(request);
  Result<QueryParams> query = ParseQuery(request.query);
  Result<std::optional<std::string>> supplier =
      query.ok() ? SingleValue(*query, "supplier_id")
                 : Result<std::optional<std::string>>(query.status());
  if (!supplier.ok()) return ProblemResponse(supplier.status(), request.path, 400);
  SupplierId id;
  if (*supplier) {
    Result<int> parsed = ParseInt(**supplier, 1, std::numeric_limits<int>::max(), "supplier_id");
    if (!parsed.ok()) return ProblemResponse(parsed.status(), request.path, 400);
    id = SupplierId{*parsed};
  }
  Result<bool> interested = Tenders(context).Interested(actor, params[0], id);
  if (!interested.ok()) return TenderProblem(interested.status(), request, actor, context);
  return JsonResponse(DumpJson({{"interested", *interested}}));
}

Response ListMyNotifications(const Request& request, const PathParams&, const auth::Actor& actor,
                             RouteContext& context) {
  if (context.deps.tenders == nullptr) return TendersUnavailable(request);
  Result<std::vector<tenders::Notification>> list = Tenders(context).Notifications(actor, {});
  if (!list.ok()) return TenderProblem(list.status(), request, actor, context);
  json items = json::array();
  for (const tenders::Notification& n : *list) items.push_back(NotificationJson(n));
  return JsonResponse(DumpJson({{"items", std::move(items)}}));
}

}  // namespace tb::http
