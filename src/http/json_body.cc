#include "http/json_body.h"

#include <set>
#include <string>
#include <vector>

#include "http/problem.h"

namespace tb::http {
namespace {

// True when the media type of a Content-Type value (parameters allowed) is `type`.
bool IsMediaType(std::string_view value, std::string_view type) {
  std::string_view media = value.substr(0, value.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  return EqualsIgnoreCase(media, type);
}

std::optional<Response> UnsupportedMediaType(const Request& request, std::string_view expected) {
  return ProblemResponse(Status::InvalidArgument("the body must be " + std::string(expected))
                             .WithField("Content-Type"),
                         request.path, 415, "unsupported_media_type");
}

// The body as one JSON object. Duplicate keys are refused: two parsers (a proxy, this
// server) could otherwise read different values from one body.
std::optional<Response> ParseObject(const Request& request, nlohmann::json& body) {
  std::vector<std::set<std::string>> open_objects;
  std::string duplicate_key;
  const nlohmann::json::parser_callback_t refuse_duplicates =
      [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        using Event = nlohmann::json::parse_event_t;
        if (event == Event::object_start) open_objects.emplace_back();
        if (event == Event::object_end && !open_objects.empty()) open_objects.pop_back();
        if (event == Event::key && !open_objects.empty() && duplicate_key.empty() &&
            !open_objects.back().insert(parsed.get<std::string>()).second) {
          duplicate_key = parsed.get<std::string>();
        }
        return true;
      };
  body = nlohmann::json::parse(request.body, refuse_duplicates, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object() || !duplicate_key.empty()) {
    return ProblemResponse(
        Status::InvalidArgument(!duplicate_key.empty() ? "duplicate key \"" + duplicate_key + "\""
                                                       : "the body must be a JSON object")
            .WithField("body"),
        request.path, 400, "malformed_json");
  }
  return std::nullopt;
}

bool HasType(const nlohmann::json& value, FieldType type) {
  switch (type) {
    case FieldType::kString:
      return value.is_string();
    case FieldType::kBoolean:
      return value.is_boolean();
    case FieldType::kInteger:
      return value.is_number_integer();
    case FieldType::kObject:
      return value.is_object();
    case FieldType::kStringArray:
      if (!value.is_array()) return false;
      for (const auto& item : value) {
        if (!item.is_string()) return false;
      }
      return true;
  }
  return false;
}

std::string_view TypeName(FieldType type) {
  switch (type) {
    case FieldType::kString:
      return "a string";
    case FieldType::kBoolean:
      return "true or false";
    case FieldType::kInteger:
      return "an integer";
    case FieldType::kObject:
      return "an object";
    case FieldType::kStringArray:
      return "an array of strings";
  }
  return "a value";
}

std::optional<Response> Check(const Request& request, const nlohmann::json& object,
                              std::span<const BodyField> fields, const std::string& prefix) {
  for (const auto& [name, value] : object.items()) {
    const BodyField* spec = nullptr;
    for (const BodyField& field : fields) {
      if (field.name == name) spec = &field;
    }
    const std::string path = prefix + name;
    if (spec == nullptr) {
      return ProblemResponse(
          Status::InvalidArgument("unknown field \"" + path + "\"").WithField(path), request.path,
          400, "unknown_field");
    }
    if (!HasType(value, spec->type)) {
      return ProblemResponse(
          Status::InvalidArgument(path + " must be " + std::string(TypeName(spec->type)))
              .WithField(path),
          request.path);
    }
    if (spec->type == FieldType::kObject) {
      if (auto problem = Check(request, value, spec->fields, path + ".")) return problem;
    }
  }
  for (const BodyField& field : fields) {
    if (field.required && !object.contains(field.name)) {
      const std::string path = prefix + std::string(field.name);
      return ProblemResponse(Status::InvalidArgument(path + " is required").WithField(path),
                             request.path);
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<Response> ReadJsonBody(const Request& request, std::span<const BodyField> fields,
                                     nlohmann::json& body) {
  const std::string* content_type = request.Header("content-type");
  if (content_type == nullptr || !IsMediaType(*content_type, "application/json")) {
    return UnsupportedMediaType(request, "application/json");
  }
  if (std::optional<Response> problem = ParseObject(request, body)) return problem;
  return Check(request, body, fields, "");
}

std::optional<Response> ReadJsonObject(const Request& request, nlohmann::json& body,
                                       std::string_view expected_type) {
  const std::string* content_type = request.Header("content-type");
  if (content_type == nullptr || !(IsMediaType(*content_type, "application/json") ||
                                   IsMediaType(*content_type, "application/merge-patch+json"))) {
    return UnsupportedMediaType(request, expected_type);
  }
  return ParseObject(request, body);
}

}  // namespace tb::http
