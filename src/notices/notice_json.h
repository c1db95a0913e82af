#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "core/result.h"
#include "notices/notice.h"

namespace tb::notices {

// The public JSON form of a notice: the body of GET /api/v1/notices/{id} and the document
// the database keeps (docs/api.md shows it). Field names are snake_case; times RFC 3339 UTC;
// money {"amount": "1234.50", "currency": "USD"}; absent optional fields are omitted.
void to_json(nlohmann::json& out, const Notice& notice);

// Reads the same form back. InvalidArgument names the JSON pointer of the bad field.
Result<Notice> NoticeFromJson(const nlohmann::json& in);

std::string NoticeToJsonString(const Notice& notice);
Result<Notice> NoticeFromJsonString(std::string_view text);

}  // namespace tb::notices
