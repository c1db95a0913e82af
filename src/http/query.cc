#include "http/query.h"

#include <cctype>
#include <charconv>

#include "core/unspsc.h"

namespace tb::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Status Bad(std::string_view name, std::string message) {
  return Status::InvalidArgument(std::move(message)).WithField(std::string(name));
}

Result<std::optional<Timestamp>> OptionalTime(const QueryParams& params, std::string_view name) {
  TB_ASSIGN_OR_RETURN(std::optional<std::string> text, SingleValue(params, name));
  if (!text) return std::optional<Timestamp>();
  Result<Timestamp> t = Timestamp::FromRfc3339(*text);
  if (!t.ok()) {
    return Bad(name, std::string(name) +
                         " must be an RFC 3339 time or a date (2024-03-07T12:00:00Z, 2024-03-07)");
  }
  return std::optional<Timestamp>(*t);
}

bool IsSourceName(std::string_view s) {
  if (s.empty() || s.size() > 32) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  }
  return true;
}

}  // namespace

Result<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size() || HexValue(text[i + 1]) < 0 || HexValue(text[i + 2]) < 0) {
        return Status::InvalidArgument("broken percent escape");
      }
      const char decoded = static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      if (decoded == '\0') return Status::InvalidArgument("NUL byte in URL");
      out.push_back(decoded);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Result<QueryParams> ParseQuery(std::string_view query) {
  QueryParams params;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    TB_ASSIGN_OR_RETURN(std::string name, PercentDecode(pair.substr(0, eq), true));
    std::string value;
    if (eq != std::string_view::npos) {
      TB_ASSIGN_OR_RETURN(value, PercentDecode(pair.substr(eq + 1), true));
    }
    params.emplace_back(std::move(name), std::move(value));
  }
  return params;
}

Status CheckKnownParams(const QueryParams& params, std::span<const std::string_view> known) {
  for (const auto& [name, value] : params) {
    bool found = false;
    for (std::string_view k : known) found = found || k == name;
    if (!found) {
      return Bad(name, "unknown query parameter \"" + name + "\"");
    }
  }
  return Status::Ok();
}

std::vector<std::string> Values(const QueryParams& params, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [key, value] : params) {
    if (key == name && !value.empty()) out.push_back(value);
  }
  return out;
}

Result<std::optional<std::string>> SingleValue(const QueryParams& params,
                                               std::string_view name) {
  std::vector<std::string> values = Values(params, name);
  if (values.size() > 1) return Bad(name, std::string(name) + " may be given only once");
  if (values.empty()) return std::optional<std::string>();
  return std::optional<std::string>(std::move(values.front()));
}

Result<bool> ParseBool(std::string_view text, std::string_view name) {
  if (text == "true") return true;
  if (text == "false") return false;
  return Bad(name, std::string(name) + " must be true or false");
}

Result<int> ParseInt(std::string_view text, int min, int max, std::string_view name) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < min ||
      value > max) {
    return Bad(name, std::string(name) + " must be a whole number from " + std::to_string(min) +
                         " to " + std::to_string(max));
  }
  return value;
}

std::span<const std::string_view> NoticeListParamNames() {
  static constexpr std::string_view kNames[] = {
      "buyer",  "type",           "country",      "unspsc",        "status",
      "open",   "published_from", "published_to", "deadline_from", "deadline_to",
      "source", "order",          "limit",        "cursor"};
  return kNames;
}

Result<NoticeListQuery> ParseNoticeListQuery(const QueryParams& params) {
  NoticeListQuery q;
  notices::NoticeFilter& f = q.filter;

  for (std::string& buyer : Values(params, "buyer")) {
    if (buyer.size() > 200) return Bad("buyer", "buyer is longer than 200 characters");
    f.buyers.push_back(std::move(buyer));
  }
  for (const std::string& type : Values(params, "type")) {
    std::optional<notices::NoticeType> t = notices::NoticeTypeFromName(type);
    if (!t) {
      return Bad("type", "type must be one of rfq, itb, rfp, eoi, rfi, individual_consultant, "
                         "grant, other");
    }
    f.types.push_back(*t);
  }
  for (std::string country : Values(params, "country")) {
    if (country.size() != 2 || !std::isalpha(static_cast<unsigned char>(country[0])) ||
        !std::isalpha(static_cast<unsigned char>(country[1]))) {
      return Bad("country", "country must be an ISO 3166-1 alpha-2 code (KE, CO)");
    }
    for (char& c : country) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    f.countries.push_back(std::move(country));
  }
  for (const std::string& code : Values(params, "unspsc")) {
    Result<UnspscCode> parsed = UnspscCode::Parse(code);
    if (!parsed.ok()) {
      return Bad("unspsc", "unspsc must be a UNSPSC code or prefix of 2, 4, 6 or 8 digits");
    }
    f.unspsc_prefixes.push_back(parsed->Prefix());
  }
  for (const std::string& status : Values(params, "status")) {
    std::optional<notices::NoticeStatus> s = notices::NoticeStatusFromName(status);
    if (!s) {
      return Bad("status", "status must be one of planning, planned, active, cancelled, "
                           "unsuccessful, complete, withdrawn");
    }
    f.statuses.push_back(*s);
  }
  TB_ASSIGN_OR_RETURN(std::optional<std::string> open, SingleValue(params, "open"));
  if (open) {
    TB_ASSIGN_OR_RETURN(bool value, ParseBool(*open, "open"));
    f.open = value;
  }
  TB_ASSIGN_OR_RETURN(f.published_from, OptionalTime(params, "published_from"));
  TB_ASSIGN_OR_RETURN(f.published_to, OptionalTime(params, "published_to"));
  TB_ASSIGN_OR_RETURN(f.deadline_from, OptionalTime(params, "deadline_from"));
  TB_ASSIGN_OR_RETURN(f.deadline_to, OptionalTime(params, "deadline_to"));
  if (f.published_from && f.published_to && *f.published_to < *f.published_from) {
    return Bad("published_to", "published_to is before published_from");
  }
  if (f.deadline_from && f.deadline_to && *f.deadline_to < *f.deadline_from) {
    return Bad("deadline_to", "deadline_to is before deadline_from");
  }
  TB_ASSIGN_OR_RETURN(std::optional<std::string> source, SingleValue(params, "source"));
  if (source) {
    if (!IsSourceName(*source)) {
      return Bad("source", "source must be a source name such as ungm, ocds, secop, austender");
    }
    f.source = *source;
  }
  TB_ASSIGN_OR_RETURN(std::optional<std::string> order, SingleValue(params, "order"));
  if (order) {
    if (*order == "newest") {
      q.order = notices::NoticeOrder::kNewest;
    } else if (*order == "deadline") {
      q.order = notices::NoticeOrder::kDeadline;
    } else {
      return Bad("order", "order must be newest or deadline");
    }
  }
  q.page.limit = kDefaultPageSize;
  TB_ASSIGN_OR_RETURN(std::optional<std::string> limit, SingleValue(params, "limit"));
  if (limit) {
    TB_ASSIGN_OR_RETURN(q.page.limit, ParseInt(*limit, 1, kMaxPageSize, "limit"));
  }
  TB_ASSIGN_OR_RETURN(std::optional<std::string> cursor, SingleValue(params, "cursor"));
  if (cursor) {
    if (cursor->size() > 512) return Bad("cursor", "cursor is not one this server issued");
    q.page.cursor = *cursor;
  }
  return q;
}

}  // namespace tb::http
