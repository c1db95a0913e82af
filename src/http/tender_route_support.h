#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "auth/actor.h"
#include "core/result.h"
#include "http/http_types.h"
#include "http/routes.h"
#include "tenders/tender_service.h"

// What the tender routes (tender_routes.cc) share: reading bodies, mapping service failures
// to problems and the JSON of committee, keys, clarifications, amendments and notifications.
// Internal to http/.
namespace tb::http::tender_internal {

Response TendersUnavailable(const Request& request);

// The problem for a failed TenderService call: an unknown field is 400 unknown_field; a
// write the actor may not make is 403 "forbidden" and a security event (AS-34; the service
// has written the audit entry); the rest as ServiceProblem maps them. With
// `invalid_as_400`, InvalidArgument is 400 (PATCH deadline, ET-04) instead of 422.
Response TenderProblem(const Status& status, const Request& request, const auth::Actor& actor,
                       RouteContext& context, bool invalid_as_400 = false);

// "v<version>" (ETag); http/response_filters.h IfMatchVersion reads it back.
std::string TenderEtag(std::int64_t version);

// Reads a whole number field (absent: `fallback`); InvalidArgument naming it otherwise.
Result<std::int64_t> IntField(const nlohmann::json& body, std::string_view name,
                              std::int64_t fallback);
// Reads a string field (absent: empty); InvalidArgument naming it when not a string.
Result<std::string> TextField(const nlohmann::json& body, std::string_view name);
// Refuses a key of `body` not in `known` (400 unknown_field through TenderProblem).
Status OnlyFields(const nlohmann::json& body, std::initializer_list<std::string_view> known);

nlohmann::json CommitteeJson(const tenders::TenderService::CommitteeView& view);
nlohmann::json ClarificationJson(const tenders::ClarificationView& view);
nlohmann::json AmendmentJson(const tenders::Amendment& amendment);
nlohmann::json NotificationJson(const tenders::Notification& notification);

}  // namespace tb::http::tender_internal
