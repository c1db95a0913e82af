#include "events/internal/json_fields.h"

#include <algorithm>
#include <cmath>

#include "core/text.h"
#include "core/unspsc.h"

namespace tb::events::internal {

using nlohmann::json;

FieldReader::FieldReader(const json& object, std::string path)
    : object_(object), path_(std::move(path)) {
  if (!object_.is_object()) Fail("must be an object", path_.empty() ? "/" : path_);
}

FieldReader& FieldReader::Fail(std::string message, std::string field) {
  if (status_.ok()) {
    status_ = Status::InvalidArgument(std::move(message)).WithField(std::move(field));
  }
  return *this;
}

const json* FieldReader::Find(std::string_view key) {
  if (!ok() || !object_.is_object()) return nullptr;
  auto it = object_.find(std::string(key));
  if (it == object_.end() || it->is_null()) return nullptr;
  return &*it;
}

const json* FieldReader::Object(std::string_view key) {
  const json* value = Find(key);
  if (value != nullptr && !value->is_object()) {
    Fail("must be an object", At(key));
    return nullptr;
  }
  return value;
}

FieldReader& FieldReader::Only(std::initializer_list<std::string_view> known) {
  if (!ok() || !object_.is_object()) return *this;
  for (const auto& [key, value] : object_.items()) {
    (void)value;
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      return Fail("unknown field", At(key));
    }
  }
  return *this;
}

FieldReader& FieldReader::Text(std::string_view key, std::string& out, std::size_t max_bytes) {
  const json* value = Find(key);
  if (value == nullptr) return *this;
  if (!value->is_string()) return Fail("must be a string", At(key));
  const std::string& text = value->get_ref<const std::string&>();
  if (!text::IsValidUtf8(text)) return Fail("must be valid UTF-8", At(key));
  if (text.size() > max_bytes) {
    return Fail("at most " + std::to_string(max_bytes) + " bytes", At(key));
  }
  out = std::string(text::Trim(text));
  return *this;
}

FieldReader& FieldReader::Int(std::string_view key, int& out, int low, int high) {
  const json* value = Find(key);
  if (value == nullptr) return *this;
  if (!value->is_number_integer()) return Fail("must be a whole number", At(key));
  const std::int64_t number = value->get<std::int64_t>();
  if (number < low || number > high) {
    return Fail("between " + std::to_string(low) + " and " + std::to_string(high), At(key));
  }
  out = static_cast<int>(number);
  return *this;
}

FieldReader& FieldReader::Int64(std::string_view key, std::int64_t& out) {
  const json* value = Find(key);
  if (value == nullptr) return *this;
  if (!value->is_number_integer()) return Fail("must be a whole number", At(key));
  out = value->get<std::int64_t>();
  return *this;
}

FieldReader& FieldReader::Number(std::string_view key, double& out, double low, double high) {
  const json* value = Find(key);
  if (value == nullptr) return *this;
  if (!value->is_number()) return Fail("must be a number", At(key));
  const double number = value->get<double>();
  if (!std::isfinite(number) || number < low || number > high) {
    return Fail("between " + std::to_string(low) + " and " + std::to_string(high), At(key));
  }
  out = number;
  return *this;
}

FieldReader& FieldReader::Bool(std::string_view key, bool& out) {
  const json* value = Find(key);
  if (value == nullptr) return *this;
  if (!value->is_boolean()) return Fail("must be true or false", At(key));
  out = value->get<bool>();
  return *this;
}

FieldReader& FieldReader::TextList(std::string_view key, std::vector<std::string>& out,
                                   std::size_t max_items, std::size_t max_bytes) {
  const json* value = Find(key);
  if (value == nullptr) return *this;
  if (!value->is_array()) return Fail("must be an array of strings", At(key));
  if (value->size() > max_items) {
    return Fail("at most " + std::to_string(max_items) + " entries", At(key));
  }
  std::vector<std::string> items;
  for (std::size_t i = 0; i < value->size(); ++i) {
    const json& element = (*value)[i];
    const std::string at = At(key) + "/" + std::to_string(i);
    if (!element.is_string()) return Fail("must be a string", at);
    const std::string& text = element.get_ref<const std::string&>();
    if (!text::IsValidUtf8(text) || text.size() > max_bytes) {
      return Fail("at most " + std::to_string(max_bytes) + " bytes of UTF-8", at);
    }
    std::string trimmed(text::Trim(text));
    if (trimmed.empty()) return Fail("must not be empty", at);
    items.push_back(std::move(trimmed));
  }
  out = std::move(items);
  return *this;
}

Status RefuseServerOwned(const json& body, std::initializer_list<std::string_view> server_owned) {
  if (!body.is_object()) return Status::InvalidArgument("must be an object").WithField("/");
  for (std::string_view key : server_owned) {
    if (body.contains(std::string(key))) {
      return Status::InvalidArgument("set by the server").WithField("/" + std::string(key));
    }
  }
  return Status::Ok();
}

Status NormaliseCodes(std::vector<std::string>& codes, const std::string& path) {
  std::vector<std::string> canonical;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    Result<UnspscCode> code = UnspscCode::Parse(codes[i]);
    if (!code.ok()) {
      return Status::InvalidArgument("not a UNSPSC code").WithField(path + "/" + std::to_string(i));
    }
    canonical.push_back(code->ToString());
  }
  std::sort(canonical.begin(), canonical.end());
  canonical.erase(std::unique(canonical.begin(), canonical.end()), canonical.end());
  codes = std::move(canonical);
  return Status::Ok();
}

}  // namespace tb::events::internal
