#include "storage/notice_query.h"

#include <array>
#include <cctype>
#include <charconv>

#include "core/text.h"
#include "storage/text_fold.h"

namespace tb::storage {
namespace {

constexpr std::string_view kBase64Url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string Base64UrlEncode(std::string_view in) {
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : in) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kBase64Url[(acc >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(kBase64Url[(acc << (6 - bits)) & 63]);
  return out;
}

bool Base64UrlDecode(std::string_view in, std::string& out) {
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const std::size_t v = kBase64Url.find(c);
    if (v == std::string_view::npos) return false;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return true;
}

bool ParseInt64(std::string_view s, std::int64_t& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

// Appends "column IN (?, ?, ...)" for `values`.
void AppendIn(SqlCondition& cond, std::string_view column, const std::vector<std::string>& values) {
  cond.sql += " AND ";
  cond.sql += column;
  cond.sql += " IN (";
  for (std::size_t i = 0; i < values.size(); ++i) {
    cond.sql += i == 0 ? "?" : ", ?";
    cond.params.emplace_back(values[i]);
  }
  cond.sql += ")";
}

Status Invalid(std::string message, std::string field) {
  return Status::InvalidArgument(std::move(message)).WithField(std::move(field));
}

}  // namespace

Result<SqlCondition> NoticeFilterCondition(const notices::NoticeFilter& filter, Timestamp now) {
  SqlCondition cond;
  cond.sql = "1 = 1";
  if (!filter.buyers.empty()) {
    std::vector<std::string> folded;
    for (const std::string& b : filter.buyers) folded.push_back(FoldText(text::Trim(b)));
    AppendIn(cond, "n.buyer_folded", folded);
  }
  if (!filter.types.empty()) {
    std::vector<std::string> names;
    for (notices::NoticeType t : filter.types) names.emplace_back(notices::NoticeTypeName(t));
    AppendIn(cond, "n.type", names);
  }
  if (!filter.statuses.empty()) {
    std::vector<std::string> names;
    for (notices::NoticeStatus s : filter.statuses) {
      names.emplace_back(notices::NoticeStatusName(s));
    }
    AppendIn(cond, "n.status", names);
  }
  if (!filter.countries.empty()) {
    std::vector<std::string> codes;
    for (const std::string& c : filter.countries) {
      std::string code = text::ToUpperAscii(text::Trim(c));
      if (code.size() != 2 || !std::isalpha(static_cast<unsigned char>(code[0])) ||
          !std::isalpha(static_cast<unsigned char>(code[1]))) {
        return Invalid("a country must be an ISO 3166-1 alpha-2 code: " + c, "country");
      }
      codes.push_back(std::move(code));
    }
    cond.sql += " AND EXISTS (SELECT 1 FROM notice_countries c WHERE c.notice_id = n.id";
    AppendIn(cond, "c.country", codes);
    cond.sql += ")";
  }
  if (!filter.unspsc_prefixes.empty()) {
    cond.sql += " AND EXISTS (SELECT 1 FROM notice_unspsc u WHERE u.notice_id = n.id AND (";
    for (std::size_t i = 0; i < filter.unspsc_prefixes.size(); ++i) {
      const std::string_view prefix = text::Trim(filter.unspsc_prefixes[i]);
      const bool digits = !prefix.empty() && prefix.size() <= 8 &&
                          prefix.find_first_not_of("0123456789") == std::string_view::npos;
      if (!digits) {
        return Invalid("a UNSPSC prefix is 1 to 8 digits: " + std::string(prefix), "unspsc");
      }
      // Codes are stored as 8 digits, so a prefix is the range [prefix00.., prefix99..].
      std::string low(prefix), high(prefix);
      low.resize(8, '0');
      high.resize(8, '9');
      cond.sql += i == 0 ? "u.code BETWEEN ? AND ?" : " OR u.code BETWEEN ? AND ?";
      cond.params.emplace_back(std::move(low));
      cond.params.emplace_back(std::move(high));
    }
    cond.sql += "))";
  }
  if (filter.open.has_value()) {
    cond.sql += *filter.open ? " AND n.deadline_us > ?" : " AND n.deadline_us <= ?";
    cond.params.emplace_back(now.micros());
  }
  const auto range = [&](std::string_view column, const std::optional<Timestamp>& from,
                         const std::optional<Timestamp>& to) {
    if (from) {
      cond.sql += " AND " + std::string(column) + " >= ?";
      cond.params.emplace_back(from->micros());
    }
    if (to) {
      cond.sql += " AND " + std::string(column) + " < ?";
      cond.params.emplace_back(to->micros());
    }
  };
  range("n.published_us", filter.published_from, filter.published_to);
  range("n.deadline_us", filter.deadline_from, filter.deadline_to);
  if (!filter.source.empty()) {
    cond.sql += " AND n.source = ?";
    cond.params.emplace_back(filter.source);
  }
  return cond;
}

std::string EncodeCursor(const NoticeCursor& cursor) {
  const char order = cursor.order == notices::NoticeOrder::kNewest ? 'n' : 'd';
  return Base64UrlEncode(std::string(1, order) + "1:" + std::to_string(cursor.key) + ":" +
                         std::to_string(cursor.id));
}

Result<NoticeCursor> DecodeCursor(std::string_view text, notices::NoticeOrder expected) {
  const Status bad = Invalid("the cursor is not valid for this list", "cursor");
  std::string raw;
  if (text.size() > 64 || !Base64UrlDecode(text, raw) || raw.size() < 3) return bad;
  NoticeCursor cursor;
  if (raw.starts_with("n1:")) {
    cursor.order = notices::NoticeOrder::kNewest;
  } else if (raw.starts_with("d1:")) {
    cursor.order = notices::NoticeOrder::kDeadline;
  } else {
    return bad;
  }
  if (cursor.order != expected) return bad;
  const std::string_view rest = std::string_view(raw).substr(3);
  const std::size_t colon = rest.find(':');
  if (colon == std::string_view::npos || !ParseInt64(rest.substr(0, colon), cursor.key) ||
      !ParseInt64(rest.substr(colon + 1), cursor.id) || cursor.id <= 0) {
    return bad;
  }
  return cursor;
}

}  // namespace tb::storage
