#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tb::events::internal {

// Reads the fields of one JSON object strictly and keeps the first error, so a reader is a
// flat list of calls followed by one status() check. Absent and null fields leave the
// output unchanged (the caller starts from defaults or from the stored value). Paths are
// JSON pointers ("/days/0/sessions/1/end").
class FieldReader {
 public:
  FieldReader(const nlohmann::json& object, std::string path);

  const Status& status() const { return status_; }
  bool ok() const { return status_.ok(); }
  const std::string& path() const { return path_; }
  std::string At(std::string_view key) const { return path_ + "/" + std::string(key); }

  // Refuses every key not listed.
  FieldReader& Only(std::initializer_list<std::string_view> known);
  // Trimmed text of at most `max_bytes` valid UTF-8.
  FieldReader& Text(std::string_view key, std::string& out, std::size_t max_bytes);
  FieldReader& Int(std::string_view key, int& out, int low, int high);
  FieldReader& Int64(std::string_view key, std::int64_t& out);
  FieldReader& Number(std::string_view key, double& out, double low, double high);
  FieldReader& Bool(std::string_view key, bool& out);
  FieldReader& TextList(std::string_view key, std::vector<std::string>& out, std::size_t max_items,
                        std::size_t max_bytes);
  // Calls `read(element, path)` for each element of an array of objects; the result
  // replaces `out`.
  template <typename T, typename Read>
  FieldReader& Objects(std::string_view key, std::vector<T>& out, std::size_t max_items,
                       Read read) {
    const nlohmann::json* value = Find(key);
    if (value == nullptr) return *this;
    if (!value->is_array()) return Fail("must be an array", At(key));
    if (value->size() > max_items) {
      return Fail("at most " + std::to_string(max_items) + " entries", At(key));
    }
    std::vector<T> items;
    for (std::size_t i = 0; i < value->size(); ++i) {
      const std::string at = At(key) + "/" + std::to_string(i);
      if (!(*value)[i].is_object()) return Fail("must be an object", at);
      T item{};
      if (Status s = read((*value)[i], at, item); !s.ok()) {
        status_ = std::move(s);
        return *this;
      }
      items.push_back(std::move(item));
    }
    out = std::move(items);
    return *this;
  }
  // An object member, or nullptr (absent, null, or not an object: then an error).
  const nlohmann::json* Object(std::string_view key);
  // The member itself when present and not null.
  const nlohmann::json* Find(std::string_view key);

  FieldReader& Fail(std::string message, std::string field);

 private:
  const nlohmann::json& object_;
  std::string path_;
  Status status_;
};

// InvalidArgument naming the first key of `body` that is in `server_owned`.
Status RefuseServerOwned(const nlohmann::json& body,
                         std::initializer_list<std::string_view> server_owned);

// Canonical UNSPSC codes ("43211503") of a list of codes at any depth; InvalidArgument
// naming the offending element.
Status NormaliseCodes(std::vector<std::string>& codes, const std::string& path);

}  // namespace tb::events::internal
