// Sealed bids and their opening (docs/bids.md, docs/receipts.md): submission, replacement and
// withdrawal with signed receipts, receipt verification, committee shares, the opening
// record, decrypted documents, the bid abstract, and the test clock
// of `serve --test-clock`. BidService and OpeningService make the object checks; this file
// checks the second factor of a share (AS-06, AS-12) and maps the rest to HTTP.
#include <charconv>
#include <nlohmann/json.hpp>
#include <string>

#include "auth/auth_service.h"
#include "http/json_body.h"
#include "http/multipart.h"
#include "http/problem.h"
#include "http/query.h"
#include "http/routes.h"
#include "tenders/bid_service.h"
#include "tenders/opening_service.h"
#include "tenders/receipt.h"

namespace tb::http {
namespace {

using nlohmann::json;
using tenders::EnvelopeKind;

Response BidsUnavailable(const Request& request) {
  return ProblemResponse(Status::Unavailable("bids are not available on this server"), request.path,
                         503);
}

auth::RequestMeta MetaOf(const Request& request) {
  std::string client = request.remote.substr(0, request.remote.rfind(':'));
  return {request.request_id, std::move(client)};
}

Result<EnvelopeKind> KindOf(std::string_view segment) {
  std::optional<EnvelopeKind> kind = tenders::ParseEnvelopeKind(segment);
  if (!kind) return Status::NotFound("no such envelope: use single, technical or financial");
  return *kind;
}

Result<int> PositiveInt(std::string_view text, std::string_view what) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) {
    return Status::NotFound("no such " + std::string(what));
  }
  return value;
}

// The company a request acts for: the "supplier" query parameter or multipart field, when
// the actor acts for several.
Result<std::optional<OrganisationId>> SupplierParam(std::string_view text) {
  if (text.empty()) return std::optional<OrganisationId>();
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) {
    return Status::InvalidArgument("not a company id").WithField("supplier");
  }
  return std::optional<OrganisationId>(OrganisationId{value});
}

Result<std::optional<OrganisationId>> SupplierFromQuery(const Request& request) {
  Result<QueryParams> params = ParseQuery(request.query);
  if (!params.ok()) return params.status();
  static constexpr std::string_view kKnown[] = {"supplier"};
  TB_RETURN_IF_ERROR(CheckKnownParams(*params, kKnown));
  TB_ASSIGN_OR_RETURN(std::optional<std::string> value, SingleValue(*params, "supplier"));
  return SupplierParam(value.value_or(""));
}

// The receipt exactly as stored and signed: the body is the canonical JSON itself.
Response ReceiptResponse(std::string receipt, int status, bool replayed) {
  Response response = JsonResponse(std::move(receipt), status);
  if (replayed) response.SetHeader("Idempotent-Replayed", "true");
  return response;
}

// AS-12: a password (and code, when enrolled) check within the step-up window, in a session;
// with `need_mfa` (AS-06), a session that passed its second factor. API tokens never qualify.
std::optional<Response> RequireStepUp(const Request& request, const auth::Actor& actor,
                                      RouteContext& context, std::string_view action,
                                      bool need_mfa) {
  if (context.deps.auth == nullptr) {
    return ProblemResponse(Status::Unavailable("accounts are not available"), request.path, 503);
  }
  if (actor.credential != auth::Credential::kSession || (need_mfa && !actor.mfa_verified)) {
    return ProblemResponse(
        Status::PermissionDenied("sign in with your authenticator code to " + std::string(action)),
        request.path, 403, "mfa_required");
  }
  const auto window = context.deps.auth->options().step_up_window;
  if (context.deps.clock.Now() - actor.authenticated_at > window) {
    return ProblemResponse(Status::PermissionDenied("confirm your password and authenticator "
                                                    "code again to " +
                                                    std::string(action)),
                           request.path, 403, "reauthentication_required");
  }
  return std::nullopt;
}

const std::string* IdempotencyKey(const Request& request) {
  return request.Header("idempotency-key");
}

json EnvelopesJson(const std::vector<tenders::StoredEnvelope>& envelopes) {
  json list = json::array();
  for (const tenders::StoredEnvelope& e : envelopes) {
    list.push_back({{"kind", EnvelopeKindName(e.kind)}, {"sha256", e.sha256}, {"size", e.size}});
  }
  return list;
}

json PriceJson(const std::optional<Money>& price) {
  if (!price) return nullptr;
  return {{"amount", price->ToDecimal()},
          {"amount_minor", price->amount_minor},
          {"currency", price->currency}};
}

json OpenedBidJson(const tenders::OpenedBid& b, bool with_files) {
  json bid = {{"bid", b.bid_id},
              {"supplier_id", b.supplier.value},
              {"supplier_name", b.supplier_name},
              {"version", b.version},
              {"receipt_time", tenders::Rfc3339Micros(b.receipt_time)},
              {"envelope_sha256", b.envelope_sha256},
              {"bid_ref_salt", b.bid_ref_salt},
              {"decrypted", b.decrypted},
              {"price", PriceJson(b.price)}};
  if (!b.error.empty()) bid["error"] = b.error;
  if (with_files) {
    json files = json::array();
    for (const tenders::OpenedFile& f : b.files) {
      files.push_back(
          {{"index", f.index}, {"name", f.name}, {"size", f.size}, {"sha256", f.sha256}});
    }
    bid["files"] = std::move(files);
  }
  return bid;
}

json OpeningJson(const tenders::OpeningRecord& record) {
  json bids = json::array();
  for (const tenders::OpenedBid& b : record.bids) bids.push_back(OpenedBidJson(b, true));
  json members = json::array();
  for (UserId m : record.members) members.push_back(m.value);
  json excluded = json::array();
  for (const tenders::UnconfirmedBid& b : record.excluded) {
    excluded.push_back({{"bid", b.bid_id},
                        {"supplier_id", b.supplier.value},
                        {"supplier_name", b.supplier_name},
                        {"version", b.version},
                        {"receipt_time", tenders::Rfc3339Micros(b.receipt_time)},
                        {"envelope_sha256", b.envelope_sha256},
                        {"bid_ref_salt", b.bid_ref_salt},
                        {"reason", b.reason}});
  }
  return {{"tender", record.ocid},
          {"envelope", EnvelopeKindName(record.kind)},
          {"opened_at", tenders::Rfc3339Micros(record.opened_at)},
          {"members", std::move(members)},
          {"record_sha256", record.record_sha256},
          {"bids", std::move(bids)},
          {"excluded", std::move(excluded)}};
}

}  // namespace

Response SubmitBid(const Request& request, const PathParams& path_params, const auth::Actor& actor,
                   RouteContext& context) {
  if (context.deps.bids == nullptr) return BidsUnavailable(request);
  const std::string* content_type = request.Header("content-type");
  Result<std::string> boundary = MultipartBoundary(content_type ? *content_type : "");
  if (!boundary.ok()) {
    return ProblemResponse(boundary.status(), request.path, 415, "unsupported_media_type");
  }
  MultipartLimits limits;
  limits.max_parts = 4;
  limits.max_total_bytes = request.body.size() + 1;  // the route's upload limit already applies
  Result<std::vector<MultipartPart>> parts = ParseMultipart(request.body, *boundary, limits);
  if (!parts.ok()) {
    const int status = parts.status().code() == StatusCode::kResourceExhausted ? 413 : 400;
    return ProblemResponse(parts.status(), request.path, status, "malformed_multipart");
  }
  tenders::BidSubmission submission;
  submission.ocid = path_params.at(0);
  submission.bid_id = path_params.at(1);
  const std::string* key = IdempotencyKey(request);
  submission.idempotency_key = key ? *key : "";
  for (const MultipartPart& part : *parts) {
    if (part.name == "supplier") {
      Result<std::optional<OrganisationId>> supplier = SupplierParam(part.data);
      if (!supplier.ok()) return ServiceProblem(supplier.status(), request);
      submission.supplier = *supplier;
      continue;
    }
    std::optional<EnvelopeKind> kind = tenders::ParseEnvelopeKind(part.name);
    if (!kind) {
      return ProblemResponse(Status::InvalidArgument("unknown part \"" + part.name +
                                                     "\": name envelope parts single, "
                                                     "technical or financial")
                                 .WithField(part.name),
                             request.path, 400, "unknown_field");
    }
    submission.envelopes.push_back(
        {*kind,
         std::span(reinterpret_cast<const std::uint8_t*>(part.data.data()), part.data.size())});
  }
  Result<tenders::SubmitResult> result = context.deps.bids->Submit(actor, submission);
  if (!result.ok()) return ServiceProblem(result.status(), request);
  return ReceiptResponse(std::move(result->receipt), 201, result->replayed);
}

namespace {

using BidAct = Result<tenders::SubmitResult> (tenders::BidService::*)(
    const auth::Actor&, std::string_view, std::string_view, std::string_view,
    std::optional<OrganisationId>);

// A withdrawal or a re-confirmation: a step-up, an optional {"supplier"} body, the
// Idempotency-Key, and 201 with the signed receipt.
Response ActOnBid(const Request& request, const PathParams& path_params, const auth::Actor& actor,
                  RouteContext& context, std::string_view what, BidAct act) {
  if (context.deps.bids == nullptr) return BidsUnavailable(request);
  if (auto refused = RequireStepUp(request, actor, context, what, false)) return *refused;
  static constexpr BodyField kFields[] = {{"supplier", FieldType::kInteger}};
  json body;
  if (auto problem = ReadJsonBody(request, kFields, body)) return *problem;
  std::optional<OrganisationId> supplier;
  if (body.contains("supplier")) supplier = OrganisationId{body["supplier"].get<std::int64_t>()};
  const std::string* key = IdempotencyKey(request);
  Result<tenders::SubmitResult> result = (context.deps.bids->*act)(
      actor, path_params.at(0), path_params.at(1), key ? *key : "", supplier);
  if (!result.ok()) return ServiceProblem(result.status(), request);
  return ReceiptResponse(std::move(result->receipt), 201, result->replayed);
}

}  // namespace

Response WithdrawBid(const Request& request, const PathParams& path_params,
                     const auth::Actor& actor, RouteContext& context) {
  return ActOnBid(request, path_params, actor, context, "withdraw a bid",
                  &tenders::BidService::Withdraw);
}

// A re-confirmation after a substantive amendment: the same authorisation and step-up as a
// withdrawal, answered the same way (201 and the signed receipt, action "confirmed").
Response ConfirmBid(const Request& request, const PathParams& path_params, const auth::Actor& actor,
                    RouteContext& context) {
  return ActOnBid(request, path_params, actor, context, "confirm a bid",
                  &tenders::BidService::Confirm);
}

Response ListTenderBids(const Request& request, const PathParams& path_params,
                        const auth::Actor& actor, RouteContext& context) {
  if (context.deps.bids == nullptr) return BidsUnavailable(request);
  Result<std::optional<OrganisationId>> supplier = SupplierFromQuery(request);
  if (!supplier.ok()) return ProblemResponse(supplier.status(), request.path, 400);
  Result<tenders::BidListing> listing =
      context.deps.bids->ListBids(actor, path_params.at(0), *supplier);
  if (!listing.ok()) return ServiceProblem(listing.status(), request);
  json body = {{"tender", path_params.at(0)}};
  if (listing->own) {
    json bids = json::array();
    for (const tenders::OwnBid& bid : listing->own_bids) {
      json versions = json::array();
      for (const tenders::BidVersion& v : bid.versions) {
        versions.push_back({{"version", v.version},
                            {"action", tenders::BidActionName(v.action)},
                            {"receipt_time", tenders::Rfc3339Micros(v.receipt_time)},
                            {"envelopes", EnvelopesJson(v.envelopes)},
                            {"receipt", json::parse(v.receipt, nullptr, false)}});
      }
      json confirmations = json::array();
      for (const tenders::BidConfirmation& c : bid.confirmations) {
        confirmations.push_back({{"version", c.version},
                                 {"amendment", c.amendment},
                                 {"confirmed_at", tenders::Rfc3339Micros(c.confirmed_at)},
                                 {"receipt", json::parse(c.receipt, nullptr, false)}});
      }
      bids.push_back({{"bid", bid.bid_id},
                      {"withdrawn", bid.withdrawn},
                      {"awaiting_reconfirmation", bid.awaiting_reconfirmation},
                      {"confirmations", std::move(confirmations)},
                      {"versions", versions}});
    }
    body["own"] = true;
    // The tender's own facts (public on the tender page too), not anything about other bids.
    body["reconfirm_after"] = listing->reconfirm_after
                                  ? json(tenders::Rfc3339Micros(*listing->reconfirm_after))
                                  : json(nullptr);
    body["reconfirm_amendment"] =
        listing->reconfirm_after ? json(listing->reconfirm_amendment) : json(nullptr);
    body["bids"] = std::move(bids);
  } else if (listing->sealed) {
    // ET-03: no count, no names, nothing that differs with the number of bids.
    body["sealed"] = true;
    body["message"] = "bids stay sealed until the opening";
  } else {
    body["sealed"] = false;
    body["opening"] = OpeningJson(*listing->opened);
  }
  return JsonResponse(DumpJson(body));
}

Response GetBidReceipt(const Request& request, const PathParams& path_params,
                       const auth::Actor& actor, RouteContext& context) {
  if (context.deps.bids == nullptr) return BidsUnavailable(request);
  Result<int> version = PositiveInt(path_params.at(2), "bid version");
  if (!version.ok()) return ServiceProblem(version.status(), request);
  Result<std::optional<OrganisationId>> supplier = SupplierFromQuery(request);
  if (!supplier.ok()) return ProblemResponse(supplier.status(), request.path, 400);
  Result<std::string> receipt = context.deps.bids->GetReceipt(
      actor, path_params.at(0), path_params.at(1), *version, *supplier);
  if (!receipt.ok()) return ServiceProblem(receipt.status(), request);
  return ReceiptResponse(std::move(receipt).value(), 200, false);
}

Response VerifyBidReceipt(const Request& request, const PathParams&, const auth::Actor&,
                          RouteContext& context) {
  if (context.deps.bids == nullptr) return BidsUnavailable(request);
  const std::string* type = request.Header("content-type");
  if (type == nullptr || !type->starts_with("application/json")) {
    return ProblemResponse(Status::InvalidArgument("send the receipt as application/json"),
                           request.path, 415, "unsupported_media_type");
  }
  const tenders::ReceiptVerdict verdict = context.deps.bids->Verify(request.body);
  const crypto::SigningKey& key = context.deps.bids->signing_key();
  json body = {{"valid", verdict.valid},
               {"key_id", key.KeyId()},
               {"public_key", crypto::Base64UrlEncode(key.public_key())}};
  if (!verdict.valid) body["reason"] = verdict.reason;
  return JsonResponse(DumpJson(body));
}

Response SubmitOpeningShare(const Request& request, const PathParams& path_params,
                            const auth::Actor& actor, RouteContext& context) {
  if (context.deps.openings == nullptr) return BidsUnavailable(request);
  if (auto refused = RequireStepUp(request, actor, context, "release your opening share", true)) {
    return *refused;
  }
  Result<EnvelopeKind> kind = KindOf(path_params.at(1));
  if (!kind.ok()) return ServiceProblem(kind.status(), request);
  static constexpr BodyField kFields[] = {{"share", FieldType::kString, true}};
  json body;
  if (auto problem = ReadJsonBody(request, kFields, body)) return *problem;
  Result<std::vector<std::uint8_t>> share =
      crypto::DecodeBase64Url(body["share"].get<std::string>());
  if (!share.ok()) {
    return ServiceProblem(
        Status::InvalidArgument("the share is not unpadded base64url").WithField("share"), request);
  }
  Result<tenders::ShareResult> result =
      context.deps.openings->SubmitShare(actor, path_params.at(0), *kind, *share, MetaOf(request));
  std::fill(share->begin(), share->end(), 0);
  if (!result.ok()) return ServiceProblem(result.status(), request);
  json answer = {{"shares_held", result->shares_held},
                 {"threshold", result->threshold},
                 {"opened", result->opened}};
  if (result->record) answer["opening"] = OpeningJson(*result->record);
  return JsonResponse(DumpJson(answer), result->opened ? 200 : 202);
}

Response GetOpeningStatus(const Request& request, const PathParams& path_params,
                          const auth::Actor& actor, RouteContext& context) {
  if (context.deps.openings == nullptr) return BidsUnavailable(request);
  Result<EnvelopeKind> kind = KindOf(path_params.at(1));
  if (!kind.ok()) return ServiceProblem(kind.status(), request);
  Result<tenders::OpeningStatus> status =
      context.deps.openings->GetStatus(actor, path_params.at(0), *kind);
  if (!status.ok()) return ServiceProblem(status.status(), request);
  json members = json::array();
  for (UserId m : status->members_submitted) members.push_back(m.value);
  json body = {{"tender", path_params.at(0)},
               {"envelope", EnvelopeKindName(*kind)},
               {"threshold", status->threshold},
               {"shares_held", status->shares_held},
               {"members_submitted", std::move(members)},
               {"opened", status->opened}};
  if (status->opened) {
    Result<tenders::OpeningRecord> record =
        context.deps.openings->GetRecord(actor, path_params.at(0), *kind);
    if (!record.ok()) return ServiceProblem(record.status(), request);
    body["opening"] = OpeningJson(*record);
  }
  return JsonResponse(DumpJson(body));
}

Response GetBidDocument(const Request& request, const PathParams& path_params,
                        const auth::Actor& actor, RouteContext& context) {
  if (context.deps.openings == nullptr) return BidsUnavailable(request);
  Result<EnvelopeKind> kind = KindOf(path_params.at(2));
  if (!kind.ok()) return ServiceProblem(kind.status(), request);
  Result<int> index = PositiveInt(path_params.at(3), "document");
  if (!index.ok()) return ServiceProblem(index.status(), request);
  Result<tenders::OpenedDocument> document = context.deps.openings->GetDocument(
      actor, path_params.at(0), path_params.at(1), *kind, *index);
  if (!document.ok()) return ServiceProblem(document.status(), request);
  // AS-29: never rendered by the browser; the name is only a display name.
  Response response;
  response.status = 200;
  response.body.assign(document->content.begin(), document->content.end());
  response.headers.emplace_back("Content-Type", "application/octet-stream");
  std::string fallback;
  for (char c : SafeDisplayFilename(document->name)) {
    const auto byte = static_cast<unsigned char>(c);
    fallback.push_back(byte < 0x20 || byte >= 0x7F || c == '"' || c == '\\' ? '_' : c);
  }
  response.headers.emplace_back(
      "Content-Disposition",
      "attachment; filename=\"" + (fallback.empty() ? "document" : fallback) + "\"");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

Response GetBidAbstract(const Request& request, const PathParams& path_params,
                        const auth::Actor& actor, RouteContext& context) {
  if (context.deps.openings == nullptr) return BidsUnavailable(request);
  Result<tenders::BidAbstract> abstract =
      context.deps.openings->GetAbstract(actor, path_params.at(0));
  if (!abstract.ok()) return ServiceProblem(abstract.status(), request);
  json lines = json::array();
  for (const tenders::AbstractLine& line : abstract->lines) {
    json hashes = json::object();
    for (const auto& [kind, sha] : line.envelope_sha256)
      hashes[std::string(EnvelopeKindName(kind))] = sha;
    json entry = {{"bid", line.bid_id},
                  {"supplier_name", line.supplier_name},
                  {"receipt_time", tenders::Rfc3339Micros(line.receipt_time)},
                  {"envelope_sha256", std::move(hashes)},
                  {"decrypted", line.decrypted},
                  {"price", PriceJson(line.price)}};
    if (line.qualified) entry["qualified"] = *line.qualified;
    if (!line.excluded.empty()) entry["excluded"] = line.excluded;
    lines.push_back(std::move(entry));
  }
  return JsonResponse(DumpJson({{"tender", abstract->ocid},
                                {"opened_at", tenders::Rfc3339Micros(abstract->opened_at)},
                                {"bids", std::move(lines)}}));
}

Response SetTestClock(const Request& request, const PathParams&, const auth::Actor& actor,
                      RouteContext& context) {
  // Without `serve --test-clock` the route does not exist, exactly as an unknown path.
  if (!context.deps.set_test_clock) {
    return ProblemResponse(Status::NotFound("no such route"), request.path);
  }
  if (actor.authenticated()) {
    return ProblemResponse(Status::PermissionDenied("the test clock takes the admin token only"),
                           request.path, 403, "forbidden");
  }
  static constexpr BodyField kFields[] = {{"now", FieldType::kString, true}};
  json body;
  if (auto problem = ReadJsonBody(request, kFields, body)) return *problem;
  Result<Timestamp> now = Timestamp::FromRfc3339(body["now"].get<std::string>());
  if (!now.ok()) return ServiceProblem(Status(now.status()).WithField("now"), request);
  if (Status set = context.deps.set_test_clock(*now); !set.ok())
    return ServiceProblem(set, request);
  return JsonResponse(DumpJson({{"now", tenders::Rfc3339Micros(context.deps.clock.Now())}}));
}

}  // namespace tb::http
