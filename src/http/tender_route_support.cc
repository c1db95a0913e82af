#include "http/tender_route_support.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include "auth/auth_service.h"
#include "crypto/random.h"
#include "crypto/sealing.h"
#include "http/problem.h"
#include "http/rate_limit.h"
#include "tenders/tender_json.h"

namespace tb::http::tender_internal {
namespace {

using nlohmann::json;

json Time(const std::optional<Timestamp>& t) { return t ? json(t->ToRfc3339()) : json(nullptr); }

json KeyJson(const std::optional<std::array<std::uint8_t, 32>>& key) {
  return key ? json(crypto::Base64UrlEncode(*key)) : json(nullptr);
}

}  // namespace

Response TendersUnavailable(const Request& request) {
  return ProblemResponse(Status::Unavailable("tenders are not available on this server"),
                         request.path, 503);
}

Response TenderProblem(const Status& status, const Request& request, const auth::Actor& actor,
                       RouteContext& context, bool invalid_as_400) {
  if (tenders::IsUnknownField(status)) {
    return ProblemResponse(status, request.path, 400, "unknown_field");
  }
  if (status.code() == StatusCode::kPermissionDenied) {
    return ForbiddenProblem(status, request, actor, context);
  }
  if (invalid_as_400 && status.code() == StatusCode::kInvalidArgument) {
    return ProblemResponse(status, request.path, 400);
  }
  return ServiceProblem(status, request);
}

std::string TenderEtag(std::int64_t version) { return "\"v" + std::to_string(version) + "\""; }

Result<std::int64_t> IntField(const json& body, std::string_view name, std::int64_t fallback) {
  const std::string key(name);
  if (!body.contains(key)) return fallback;
  if (!body[key].is_number_integer()) {
    return Status::InvalidArgument("must be a whole number").WithField(key);
  }
  return body[key].get<std::int64_t>();
}

Result<std::string> TextField(const json& body, std::string_view name) {
  const std::string key(name);
  if (!body.contains(key)) return std::string();
  if (!body[key].is_string()) return Status::InvalidArgument("must be a string").WithField(key);
  return body[key].get<std::string>();
}

Status OnlyFields(const json& body, std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : body.items()) {
    (void)value;
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      return Status::InvalidArgument("unknown field").WithField(key);
    }
  }
  return Status::Ok();
}

json CommitteeJson(const tenders::TenderService::CommitteeView& view) {
  json opening = json::array();
  json evaluators = json::array();
  for (const tenders::CommitteeMember& m : view.members) {
    json member = {
        {"user_id", m.user.value}, {"display_name", m.display_name}, {"position", m.position}};
    if (m.role == tenders::CommitteeRole::kOpening) {
      member["sealing_key"] = KeyJson(m.sealing_key);
      member["sealing_key_fingerprint"] =
          m.sealing_key ? json(crypto::KeyFingerprint(*m.sealing_key)) : json(nullptr);
      opening.push_back(std::move(member));
    } else {
      evaluators.push_back(std::move(member));
    }
  }
  json envelopes = json::array();
  for (const tenders::EnvelopeKey& k : view.keys) {
    json holders = json::array();
    for (const tenders::EnvelopeKey::Share& s : k.shares) holders.push_back(s.user.value);
    envelopes.push_back({{"envelope", tenders::EnvelopeName(k.envelope)},
                         {"public_key", crypto::Base64UrlEncode(k.public_key)},
                         {"fingerprint", crypto::KeyFingerprint(k.public_key)},
                         {"threshold", k.threshold},
                         {"registered_by", k.created_by.value},
                         {"registered_at", k.created_at.ToRfc3339()},
                         {"share_holders", std::move(holders)}});
  }
  return {{"threshold", view.threshold},
          {"opening", std::move(opening)},
          {"evaluators", std::move(evaluators)},
          {"envelopes", std::move(envelopes)}};
}

json ClarificationJson(const tenders::ClarificationView& view) {
  const tenders::Clarification& c = view.clarification;
  return {{"id", c.id},
          {"number", c.number},
          {"question", c.question},
          {"asked_at", c.asked_at.ToRfc3339()},
          {"answer", c.answered_at ? json(c.answer) : json(nullptr)},
          {"answered_at", Time(c.answered_at)},
          {"mine", view.mine}};
}

json AmendmentJson(const tenders::Amendment& a) {
  json changes = json::parse(a.changes_json, nullptr, false);
  return {{"number", a.number},
          {"at", a.at.ToRfc3339()},
          {"rationale", a.rationale},
          {"changed_fields", a.changed_fields},
          {"changes", changes.is_discarded() ? json::object() : changes},
          {"substantive", a.substantive},
          {"deadline_before", Time(a.deadline_before)},
          {"deadline_after", Time(a.deadline_after)},
          {"deadline_extended", a.deadline_extended}};
}

json NotificationJson(const tenders::Notification& n) {
  return {{"id", n.id},     {"tender", n.ocid},         {"title", n.title},
          {"kind", n.kind}, {"reference", n.reference}, {"at", n.at.ToRfc3339()}};
}

}  // namespace tb::http::tender_internal
