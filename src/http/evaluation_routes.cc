// Evaluation, award and open data (docs/evaluation.md): evaluators' declarations and scoring
// sheets, the technical close and the ranking, recommendation, approval, award notice,
// debriefings, contract and cancellation, the award result, and the public OCDS release
// packages. EvaluationService and AwardService make the object checks (who on which tender,
// at which stage: ET-05, ET-07) and record refusals (ET-08); this file maps them to HTTP.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http/json_body.h"
#include "http/problem.h"
#include "http/query.h"
#include "http/routes.h"
#include "http/tender_route_support.h"
#include "notices/ocds_writer.h"
#include "tenders/award_service.h"
#include "tenders/evaluation_json.h"
#include "tenders/evaluation_service.h"
#include "tenders/ocds_export.h"

namespace tb::http {
namespace {

using nlohmann::json;

Response Unavailable(const Request& request, std::string_view what) {
  return ProblemResponse(
      Status::Unavailable(std::string(what) + " is not available on this server"), request.path,
      503);
}

json MoneyJson(const Money& m) {
  return {{"amount", m.ToDecimal()}, {"amount_minor", m.amount_minor}, {"currency", m.currency}};
}

json RulesJson(const tenders::EvaluationRules& rules) {
  json criteria = json::array();
  for (const tenders::ScoringCriterion& c : rules.criteria) {
    criteria.push_back({{"id", c.id},
                        {"title", c.title},
                        {"weight", c.weight},
                        {"max_score", c.max_score},
                        {"sustainability", c.sustainability}});
  }
  json compliance = json::array();
  for (const tenders::ComplianceItem& c : rules.compliance) {
    compliance.push_back({{"id", c.id}, {"title", c.title}});
  }
  return {{"method", tenders::EvaluationMethodName(rules.method)},
          {"technical_weight", rules.technical_weight},
          {"financial_weight", rules.financial_weight},
          {"minimum_technical_percent", rules.minimum_technical_percent},
          {"criteria", std::move(criteria)},
          {"compliance", std::move(compliance)}};
}

json ViewJson(const tenders::EvaluationView& v) {
  json out = {{"tender", v.ocid},
              {"stage", tenders::EvaluationStageName(v.stage)},
              {"tender_state", tenders::TenderStateName(v.tender_state)},
              {"version", v.version},
              {"roles",
               {{"owner", v.roles.owner},
                {"evaluator", v.roles.evaluator},
                {"declared", v.roles.declared},
                {"recused", v.roles.recused}}},
              {"rules", RulesJson(v.rules)},
              {"bidder_names", v.bidder_names}};
  out["own_declaration"] =
      v.own_declaration ? tenders::DeclarationJson(*v.own_declaration) : json(nullptr);
  json bids = json::array();
  for (const tenders::BidUnderReview& b : v.bids) {
    json files = json::array();
    for (const tenders::OpenedFile& f : b.files) {
      files.push_back(
          {{"index", f.index}, {"name", f.name}, {"size", f.size}, {"sha256", f.sha256}});
    }
    bids.push_back({{"bid", b.bid_id},
                    {"supplier", b.supplier.value},
                    {"supplier_name", b.supplier_name},
                    {"receipt_time", b.receipt_time.ToRfc3339()},
                    {"decrypted", b.decrypted},
                    {"files", std::move(files)},
                    {"price", b.price ? MoneyJson(*b.price) : json(nullptr)}});
  }
  out["bids"] = std::move(bids);
  json sheets = json::array();
  for (const tenders::StoredSheet& s : v.sheets) {
    json sheet = tenders::SheetJson(s.sheet);
    sheet["version"] = s.version;
    sheet["submitted_at"] = s.submitted_at.ToRfc3339();
    sheets.push_back(std::move(sheet));
  }
  out["sheets"] = std::move(sheets);
  json progress = json::array();
  for (const tenders::EvaluatorProgress& p : v.progress) {
    progress.push_back({{"evaluator", p.evaluator.value},
                        {"declared", p.declared},
                        {"conflict", p.conflict},
                        {"sheets", p.sheets}});
  }
  out["progress"] = std::move(progress);
  out["technical"] = v.technical ? tenders::TechnicalJson(*v.technical) : json(nullptr);
  out["ranking"] = v.ranking ? tenders::RankingJson(*v.ranking) : json(nullptr);
  if (v.roles.owner || v.roles.panel()) out["record"] = tenders::EvaluationRecordJson(v.record);
  return out;
}

Response RecordResponse(const Result<tenders::EvaluationRecord>& record, const Request& request) {
  if (!record.ok()) return ServiceProblem(record.status(), request);
  return JsonResponse(DumpJson(tenders::EvaluationRecordJson(*record)));
}

// A POST whose body is optional or empty; an object when given.
std::optional<Response> ReadOptional(const Request& request, std::span<const BodyField> fields,
                                     json& body) {
  if (request.body.empty()) {
    body = json::object();
    return std::nullopt;
  }
  return ReadJsonBody(request, fields, body);
}

Result<Timestamp> TimeField(const json& body, const char* name) {
  Result<Timestamp> t = Timestamp::FromRfc3339(body.value(name, ""));
  if (!t.ok()) return Status::InvalidArgument("must be an RFC 3339 time").WithField(name);
  return *t;
}

Response OcdsPackage(const Request& request, RouteContext& context,
                     const std::vector<std::string>& ocids, const std::string& uri) {
  if (context.deps.ocds == nullptr) return Unavailable(request, "open data");
  Result<std::vector<notices::ocds::Release>> releases = context.deps.ocds->Releases(ocids);
  if (!releases.ok()) return ServiceProblem(releases.status(), request);
  if (releases->empty()) {
    return ProblemResponse(Status::NotFound("no published tendering process"), request.path);
  }
  notices::ocds::PackageInfo info;
  info.uri = uri;
  info.published_date = context.deps.clock.Now();
  Response response = JsonResponse(DumpJson(notices::ocds::PackageJson(*releases, info)));
  return response;
}

std::string PublicUri(const Request& request, RouteContext& context) {
  const std::string origin =
      context.options.public_origins.empty()
          ? "http://" + context.options.host + ":" + std::to_string(context.options.port)
          : context.options.public_origins.front();
  return origin + request.path + (request.query.empty() ? "" : "?" + request.query);
}

}  // namespace

Response GetEvaluation(const Request& request, const PathParams& path_params,
                       const auth::Actor& actor, RouteContext& context) {
  if (context.deps.evaluation == nullptr) return Unavailable(request, "evaluation");
  Result<tenders::EvaluationView> view = context.deps.evaluation->View(actor, path_params.at(0));
  if (!view.ok()) return ServiceProblem(view.status(), request);
  return JsonResponse(DumpJson(ViewJson(*view)));
}

Response DeclareConflicts(const Request& request, const PathParams& path_params,
                          const auth::Actor& actor, RouteContext& context) {
  if (context.deps.evaluation == nullptr) return Unavailable(request, "evaluation");
  static constexpr BodyField kFields[] = {{"conflict", FieldType::kBoolean, true},
                                          {"statement", FieldType::kString}};
  json body;
  if (auto problem = ReadJsonBody(request, kFields, body)) return *problem;
  Result<tenders::Declaration> declared = context.deps.evaluation->Declare(
      actor, path_params.at(0), body["conflict"].get<bool>(), body.value("statement", ""));
  if (!declared.ok()) return ServiceProblem(declared.status(), request);
  return JsonResponse(DumpJson(tenders::DeclarationJson(*declared)), 201);
}

Response PutScoringSheet(const Request& request, const PathParams& path_params,
                         const auth::Actor& actor, RouteContext& context) {
  if (context.deps.evaluation == nullptr) return Unavailable(request, "evaluation");
  json body;
  if (auto problem = ReadJsonObject(request, body)) return *problem;
  if (body.contains("bid_id") || body.contains("evaluator")) {
    return ProblemResponse(Status::InvalidArgument("unknown field")
                               .WithField(body.contains("bid_id") ? "bid_id" : "evaluator"),
                           request.path, 400, "unknown_field");
  }
  Result<tenders::ScoringSheet> sheet = tenders::SheetFromJson(body);
  if (!sheet.ok()) {
    const bool unknown = sheet.status().message() == "unknown field";
    return ProblemResponse(sheet.status(), request.path, unknown ? 400 : 422,
                           unknown ? "unknown_field" : std::string_view());
  }
  sheet->bid_id = path_params.at(1);
  Result<tenders::StoredSheet> stored =
      context.deps.evaluation->SubmitSheet(actor, path_params.at(0), std::move(*sheet));
  if (!stored.ok()) return ServiceProblem(stored.status(), request);
  json out = tenders::SheetJson(stored->sheet);
  out["version"] = stored->version;
  out["submitted_at"] = stored->submitted_at.ToRfc3339();
  return JsonResponse(DumpJson(out));
}

Response StartEvaluation(const Request& request, const PathParams& path_params,
                         const auth::Actor& actor, RouteContext& context) {
  if (context.deps.evaluation == nullptr) return Unavailable(request, "evaluation");
  return RecordResponse(context.deps.evaluation->Start(actor, path_params.at(0)), request);
}

Response CloseTechnicalEvaluation(const Request& request, const PathParams& path_params,
                                  const auth::Actor& actor, RouteContext& context) {
  if (context.deps.evaluation == nullptr) return Unavailable(request, "evaluation");
  return RecordResponse(context.deps.evaluation->CloseTechnical(actor, path_params.at(0)), request);
}

Response RankEvaluatedBids(const Request& request, const PathParams& path_params,
                           const auth::Actor& actor, RouteContext& context) {
  if (context.deps.evaluation == nullptr) return Unavailable(request, "evaluation");
  return RecordResponse(context.deps.evaluation->Rank(actor, path_params.at(0)), request);
}

Response RecommendAward(const Request& request, const PathParams& path_params,
                        const auth::Actor& actor, RouteContext& context) {
  if (context.deps.awards == nullptr) return Unavailable(request, "award");
  static constexpr BodyField kFields[] = {{"bid", FieldType::kString, true},
                                          {"justification", FieldType::kString}};
  json body;
  if (auto problem = ReadJsonBody(request, kFields, body)) return *problem;
  return RecordResponse(
      context.deps.awards->Recommend(actor, path_params.at(0), body["bid"].get<std::string>(),
                                     body.value("justification", "")),
      request);
}

Response DecideAward(const Request& request, const PathParams& path_params,
                     const auth::Actor& actor, RouteContext& context) {
  if (context.deps.awards == nullptr) return Unavailable(request, "award");
  static constexpr BodyField kFields[] = {{"approve", FieldType::kBoolean, true},
                                          {"comment", FieldType::kString}};
  json body;
  if (auto problem = ReadJsonBody(request, kFields, body)) return *problem;
  return RecordResponse(
      context.deps.awards->Decide(actor, path_params.at(0), body["approve"].get<bool>(),
                                  body.value("comment", "")),
      request);
}

Response NotifyAward(const Request& request, const PathParams& path_params,
                     const auth::Actor& actor, RouteContext& context) {
  if (context.deps.awards == nullptr) return Unavailable(request, "award");
  json body;
  if (auto problem = ReadOptional(request, std::span<const BodyField>(), body)) return *problem;
  return RecordResponse(context.deps.awards->Notify(actor, path_params.at(0)), request);
}

Response SignContract(const Request& request, const PathParams& path_params,
                      const auth::Actor& actor, RouteContext& context) {
  if (context.deps.awards == nullptr) return Unavailable(request, "award");
  static constexpr BodyField kValue[] = {{"amount", FieldType::kString, true},
                                         {"currency", FieldType::kString, true}};
  static constexpr BodyField kFields[] = {{"value", FieldType::kObject, true, kValue},
                                          {"period_start", FieldType::kString, true},
                                          {"period_end", FieldType::kString, true}};
  json body;
  if (auto problem = ReadJsonBody(request, kFields, body)) return *problem;
  Result<Money> value = Money::FromDecimal(body["value"]["amount"].get<std::string>(),
                                           body["value"]["currency"].get<std::string>());
  if (!value.ok()) return ServiceProblem(Status(value.status()).WithField("value"), request);
  Result<Timestamp> start = TimeField(body, "period_start");
  if (!start.ok()) return ServiceProblem(start.status(), request);
  Result<Timestamp> end = TimeField(body, "period_end");
  if (!end.ok()) return ServiceProblem(end.status(), request);
  return RecordResponse(
      context.deps.awards->SignContract(actor, path_params.at(0), {*value, *start, *end}), request);
}

Response CancelProcurement(const Request& request, const PathParams& path_params,
                           const auth::Actor& actor, RouteContext& context) {
  if (context.deps.awards == nullptr) return Unavailable(request, "award");
  static constexpr BodyField kFields[] = {{"reason", FieldType::kString, true}};
  json body;
  if (auto problem = ReadJsonBody(request, kFields, body)) return *problem;
  return RecordResponse(
      context.deps.awards->Cancel(actor, path_params.at(0), body["reason"].get<std::string>()),
      request);
}

Response GetAwardResult(const Request& request, const PathParams& path_params,
                        const auth::Actor& actor, RouteContext& context) {
  if (context.deps.awards == nullptr) return Unavailable(request, "award");
  Result<tenders::AwardResult> result = context.deps.awards->Read(actor, path_params.at(0));
  if (!result.ok()) return ServiceProblem(result.status(), request);
  json out = {{"tender", result->ocid},
              {"stage", tenders::EvaluationStageName(result->stage)},
              {"award", result->award ? tenders::AwardJson(*result->award) : json(nullptr)},
              {"won", result->won}};
  if (result->contract) {
    out["contract"] = {{"contract_id", result->contract->contract_id},
                       {"value", MoneyJson(result->contract->value)},
                       {"period_start", result->contract->period_start.ToRfc3339()},
                       {"period_end", result->contract->period_end.ToRfc3339()},
                       {"signed_at", result->contract->signed_at.ToRfc3339()}};
  } else {
    out["contract"] = nullptr;
  }
  if (!result->cancellation_reason.empty())
    out["cancellation_reason"] = result->cancellation_reason;
  json letters = json::array();
  for (const tenders::RegretLetter& l : result->letters) letters.push_back(tenders::LetterJson(l));
  out["letters"] = std::move(letters);
  json debriefs = json::array();
  for (const tenders::DebriefRequest& d : result->debriefs)
    debriefs.push_back(tenders::DebriefJson(d));
  out["debriefs"] = std::move(debriefs);
  return JsonResponse(DumpJson(out));
}

Response RequestDebrief(const Request& request, const PathParams& path_params,
                        const auth::Actor& actor, RouteContext& context) {
  if (context.deps.awards == nullptr) return Unavailable(request, "award");
  static constexpr BodyField kFields[] = {{"message", FieldType::kString, true}};
  json body;
  if (auto problem = ReadJsonBody(request, kFields, body)) return *problem;
  Result<tenders::DebriefRequest> asked = context.deps.awards->RequestDebrief(
      actor, path_params.at(0), body["message"].get<std::string>());
  if (!asked.ok()) return ServiceProblem(asked.status(), request);
  return JsonResponse(DumpJson(tenders::DebriefJson(*asked)), 201);
}

Response AnswerDebrief(const Request& request, const PathParams& path_params,
                       const auth::Actor& actor, RouteContext& context) {
  if (context.deps.awards == nullptr) return Unavailable(request, "award");
  static constexpr BodyField kFields[] = {{"answer", FieldType::kString, true}};
  json body;
  if (auto problem = ReadJsonBody(request, kFields, body)) return *problem;
  std::int64_t supplier = 0;
  try {
    std::size_t used = 0;
    supplier = std::stoll(path_params.at(1), &used);
    if (used != path_params.at(1).size()) supplier = 0;
  } catch (const std::exception&) {
    supplier = 0;
  }
  if (supplier <= 0)
    return ProblemResponse(Status::NotFound("no such debrief request"), request.path);
  Result<tenders::DebriefRequest> answered = context.deps.awards->AnswerDebrief(
      actor, path_params.at(0), OrganisationId{supplier}, body["answer"].get<std::string>());
  if (!answered.ok()) return ServiceProblem(answered.status(), request);
  return JsonResponse(DumpJson(tenders::DebriefJson(*answered)));
}

Response ListOcdsReleases(const Request& request, const PathParams&, const auth::Actor&,
                          RouteContext& context) {
  Result<QueryParams> params = ParseQuery(request.query);
  if (!params.ok()) return ProblemResponse(params.status(), request.path, 400);
  static constexpr std::string_view kKnown[] = {"ocid"};
  if (Status known = CheckKnownParams(*params, kKnown); !known.ok()) {
    return ProblemResponse(known, request.path, 400);
  }
  std::vector<std::string> ocids;
  for (const auto& [name, value] : *params) {
    if (name == "ocid") ocids.push_back(value);
  }
  return OcdsPackage(request, context, ocids, PublicUri(request, context));
}

Response GetOcdsTenderReleases(const Request& request, const PathParams& path_params,
                               const auth::Actor&, RouteContext& context) {
  return OcdsPackage(request, context, {path_params.at(0)}, PublicUri(request, context));
}

}  // namespace tb::http
