#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string_view>

#include "http/http_types.h"

namespace tb::http {

// Strict JSON request bodies (AS-20, AS-21). Each write route declares the fields it takes;
// anything else is refused, so a client can never set a server-owned field (`role`,
// `status`, `organisation_id`) by adding it to a body (mass assignment).
enum class FieldType { kString, kBoolean, kInteger, kObject, kStringArray };

struct BodyField {
  std::string_view name;
  FieldType type;
  bool required = false;
  // The fields of a kObject, checked the same way (unknown nested fields name their path,
  // "company.role").
  std::span<const BodyField> fields = {};
};

// Reads `request.body` into `body` against `fields`. On failure returns the problem to send:
//   415 unsupported_media_type  Content-Type is not application/json (parameters allowed)
//   400 malformed_json          not JSON, or not an object, or a duplicate key
//   400 unknown_field           a field not in `fields` (`field` names it)
//   422 invalid_argument        a required field is missing, or has the wrong type, or is null
// `null` is refused for every field; an optional field is left out instead.
std::optional<Response> ReadJsonBody(const Request& request, std::span<const BodyField> fields,
                                     nlohmann::json& body);

// For routes whose service checks every field itself, with its JSON pointer (merge patches,
// bodies with nested lists): Content-Type application/json or application/merge-patch+json
// (415 otherwise, saying `expected_type`), and one JSON object without duplicate keys (400
// malformed_json otherwise). No field checks.
std::optional<Response> ReadJsonObject(const Request& request, nlohmann::json& body,
                                       std::string_view expected_type = "application/json");

}  // namespace tb::http
