#include "notices/importers/ungm_common.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>

#include "core/text.h"

namespace tb::notices::importers {
namespace {

constexpr std::pair<std::string_view, std::string_view> kAgencyNames[] = {
    {"INTERNATIONAL ORGANIZATION FOR MIGRATION", "IOM"},
    {"FOOD AND AGRICULTURE ORGANISATION", "FAO"},
    {"FOOD AND AGRICULTURE ORGANIZATION", "FAO"},
    {"UNITED NATIONS DEVELOPMENT PROGRAMME", "UNDP"},
    {"UNITED NATIONS OFFICE FOR PROJECT SERVICES", "UNOPS"},
    {"UNITED NATIONS CHILDRENS FUND", "UNICEF"},
    {"UNITED NATIONS CHILDREN'S FUND", "UNICEF"},
    {"UNITED NATIONS INDUSTRIAL DEVELOPMENT ORGANIZATION", "UNIDO"},
    {"UNITED NATIONS RELIEF AND WORKS AGENCY", "UNRWA"},
    {"UNITED NATIONS POPULATION FUND", "UNFPA"},
    {"UNITED NATIONS HIGH COMMISSIONER FOR REFUGEES", "UNHCR"},
    {"WORLD FOOD PROGRAMME", "WFP"},
    {"WORLD HEALTH ORGANIZATION", "WHO"},
};

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

int ParseInt(std::string_view s, bool* ok) {
  *ok = AllDigits(s) && s.size() <= 6;
  return *ok ? std::atoi(std::string(s).c_str()) : 0;
}

int MonthFromName(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  const std::string lower = text::ToLowerAscii(name.substr(0, 3));
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (name.size() >= 3 && lower == kMonths[i]) return static_cast<int>(i) + 1;
  }
  return 0;
}

// "03-Sep-2025" / "03-Sep-25" into `local` (time left alone).
bool ParseDate(std::string_view s, LocalDateTime& local) {
  const auto parts = text::Split(text::Trim(s), '-');
  if (parts.size() != 3) return false;
  bool ok1, ok3;
  local.day = ParseInt(parts[0], &ok1);
  local.month = MonthFromName(parts[1]);
  local.year = ParseInt(parts[2], &ok3);
  if (!ok1 || !ok3 || local.month == 0 || parts[1].size() != 3) return false;
  if (parts[2].size() == 2) local.year += 2000;
  else if (parts[2].size() != 4) return false;
  return local.day >= 1 && local.day <= 31;
}

// "15:33" or "12:00 PM".
bool ParseClock(std::string_view s, LocalDateTime& local) {
  s = text::Trim(s);
  const std::size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon + 3 > s.size()) return false;
  bool ok1, ok2;
  local.hour = ParseInt(s.substr(0, colon), &ok1);
  local.minute = ParseInt(s.substr(colon + 1, 2), &ok2);
  if (!ok1 || !ok2 || local.minute > 59) return false;
  const std::string rest = text::ToUpperAscii(text::Trim(s.substr(colon + 3)));
  if (rest == "AM" || rest == "PM") {
    if (local.hour < 1 || local.hour > 12) return false;
    if (local.hour == 12) local.hour = 0;
    if (rest == "PM") local.hour += 12;
  } else if (!rest.empty()) {
    return false;
  }
  return local.hour <= 23;
}

Status BadTime(std::string_view text) {
  return Status::InvalidArgument("not a date and time in the UNGM form: \"" +
                                 text::CollapseWhitespace(text.substr(0, 80)) + "\"");
}

}  // namespace

std::string NormalizeAgency(std::string_view organisation, std::string_view reference) {
  const std::string upper = text::ToUpperAscii(text::Trim(organisation));
  for (const auto& [name, acronym] : kAgencyNames) {
    if (upper.starts_with(name)) return std::string(acronym);
  }
  if (upper == "UNITED NATIONS SYSTEM" || upper == "UNITED NATIONS SECRETARIAT") {
    if (text::StartsWithIgnoreCase(reference, "UNW-")) return "UN Women";
    if (text::ContainsIgnoreCase(reference, "UNECA")) return "ECA";
    return "UN Secretariat";
  }
  // "... (ACRONYM)" at the end.
  const std::string_view trimmed = text::Trim(organisation);
  if (trimmed.ends_with(')')) {
    const std::size_t open = trimmed.rfind('(');
    if (open != std::string_view::npos) {
      const std::string acronym(trimmed.substr(open + 1, trimmed.size() - open - 2));
      if (acronym == "IMO") return "IOM";
      if (!acronym.empty()) return acronym;
    }
  }
  return std::string(trimmed);
}

NoticeType InferNoticeType(std::string_view reference, std::string_view title) {
  // Reference prefixes, longest first so "LRPS" is not read as "RFP"-less "LR...".
  static constexpr std::pair<std::string_view, NoticeType> kPrefixes[] = {
      {"LRFQ", NoticeType::kRequestForQuotation}, {"LRQS", NoticeType::kRequestForQuotation},
      {"LRPS", NoticeType::kRequestForProposal},  {"LRFP", NoticeType::kRequestForProposal},
      {"LITB", NoticeType::kInvitationToBid},     {"RFQ", NoticeType::kRequestForQuotation},
      {"ITB", NoticeType::kInvitationToBid},      {"IFB", NoticeType::kInvitationToBid},
      {"RFP", NoticeType::kRequestForProposal},   {"EOI", NoticeType::kExpressionOfInterest},
      {"REOI", NoticeType::kExpressionOfInterest}, {"RFI", NoticeType::kRequestForInformation},
      {"IC", NoticeType::kIndividualConsultant},  {"CFP", NoticeType::kGrant},
  };
  const std::string ref = text::ToUpperAscii(text::Trim(reference));
  for (const auto& [prefix, type] : kPrefixes) {
    if (ref.starts_with(prefix)) {
      const char next = ref.size() > prefix.size() ? ref[prefix.size()] : '\0';
      // "IC" must be a whole token ("IC/2024/1"), not the start of "ICT".
      if (prefix == "IC" && std::isalpha(static_cast<unsigned char>(next))) continue;
      return type;
    }
  }
  static constexpr std::pair<std::string_view, NoticeType> kTitleWords[] = {
      {"request for quotation", NoticeType::kRequestForQuotation},
      {"rfq", NoticeType::kRequestForQuotation},
      {"invitation to bid", NoticeType::kInvitationToBid},
      {"itb", NoticeType::kInvitationToBid},
      {"request for proposal", NoticeType::kRequestForProposal},
      {"rfp", NoticeType::kRequestForProposal},
      {"expression of interest", NoticeType::kExpressionOfInterest},
      {"expressions of interest", NoticeType::kExpressionOfInterest},
      {"eoi", NoticeType::kExpressionOfInterest},
      {"request for information", NoticeType::kRequestForInformation},
      {"individual consultant", NoticeType::kIndividualConsultant},
      {"national consultant", NoticeType::kIndividualConsultant},
      {"international consultant", NoticeType::kIndividualConsultant},
      {"consultant individuel", NoticeType::kIndividualConsultant},
      {"consultor individual", NoticeType::kIndividualConsultant},
      {"ic-", NoticeType::kIndividualConsultant},
      {"call for proposals", NoticeType::kGrant},
      {"grant", NoticeType::kGrant},
  };
  const std::string lower = text::ToLowerAscii(title);
  for (const auto& [words, type] : kTitleWords) {
    std::size_t at = lower.find(words);
    while (at != std::string::npos) {
      const bool starts = at == 0 || !std::isalnum(static_cast<unsigned char>(lower[at - 1]));
      const std::size_t end = at + words.size();
      const bool ends = words.back() == '-' || end == lower.size() ||
                        !std::isalnum(static_cast<unsigned char>(lower[end]));
      if (starts && ends) return type;
      at = lower.find(words, at + 1);
    }
  }
  return NoticeType::kOther;
}

SplitReference SplitAmendmentSuffix(std::string_view reference) {
  const std::string_view ref = text::Trim(reference);
  // ",N": the UNGM list marks the N-th amendment this way ("UNDP-HQ-01791,2").
  const std::size_t comma = ref.rfind(',');
  if (comma != std::string_view::npos && comma > 0 && AllDigits(ref.substr(comma + 1)) &&
      ref.size() - comma - 1 <= 3) {
    return {std::string(ref.substr(0, comma)),
            std::atoi(std::string(ref.substr(comma + 1)).c_str())};
  }
  // "UNDP-KEN-00242-2": UNDP references are AGENCY-OFFICE-NNNNN; a fourth short numeric
  // part is the amendment.
  const auto parts = text::Split(ref, '-');
  if (parts.size() == 4 && text::StartsWithIgnoreCase(ref, "UNDP-") && AllDigits(parts[2]) &&
      parts[2].size() == 5 && AllDigits(parts[3]) && parts[3].size() <= 2) {
    return {std::string(ref.substr(0, ref.size() - parts[3].size() - 1)),
            std::atoi(std::string(parts[3]).c_str())};
  }
  return {std::string(ref), 0};
}

Result<Timestamp> ParseGmtOffsetTime(std::string_view text, std::string* zone) {
  // "03-Sep-2025 15:33 (GMT -4.00)"
  const std::string_view t = text::Trim(text);
  const std::size_t open = t.find("(GMT");
  const std::size_t space = t.find(' ');
  if (open == std::string_view::npos || space == std::string_view::npos || space > open ||
      !t.ends_with(')')) {
    return BadTime(text);
  }
  LocalDateTime local;
  if (!ParseDate(t.substr(0, space), local) ||
      !ParseClock(t.substr(space + 1, open - space - 1), local)) {
    return BadTime(text);
  }
  std::string offset(text::Trim(t.substr(open + 4, t.size() - open - 5)));  // "-4.00"
  offset.erase(std::remove(offset.begin(), offset.end(), ' '), offset.end());
  int sign = 1;
  if (!offset.empty() && (offset[0] == '-' || offset[0] == '+')) {
    sign = offset[0] == '-' ? -1 : 1;
    offset.erase(0, 1);
  }
  const std::size_t dot = offset.find_first_of(".:");
  bool ok_h = false, ok_m = true;
  const int hours = ParseInt(offset.substr(0, dot), &ok_h);
  // UNGM writes minutes after the dot ("5.30" is UTC+05:30).
  const int minutes = dot == std::string::npos ? 0 : ParseInt(offset.substr(dot + 1), &ok_m);
  if (!ok_h || !ok_m || hours > 14 || minutes > 59) return BadTime(text);
  TB_ASSIGN_OR_RETURN(Timestamp as_utc, time_zone::ToUtc(local, "UTC"));
  const std::int64_t offset_seconds = sign * (hours * 3600 + minutes * 60);
  if (zone != nullptr) {
    zone->clear();
    // IANA's Etc/GMT zones have the POSIX sign: UTC-4 is "Etc/GMT+4".
    if (minutes == 0) {
      *zone = hours == 0 ? "UTC" : std::string("Etc/GMT") + (sign < 0 ? "+" : "-") + std::to_string(hours);
    }
  }
  return as_utc - std::chrono::seconds(offset_seconds);
}

Result<Timestamp> ParseNewYorkTime(std::string_view text, std::string* zone) {
  // "09-Sep-25\n12:00 PM (New York time)"
  const std::string t = text::CollapseWhitespace(text);
  const std::size_t open = t.find('(');
  if (open == std::string::npos || !text::ContainsIgnoreCase(t.substr(open), "new york")) {
    return BadTime(text);
  }
  const std::size_t space = t.find(' ');
  LocalDateTime local;
  if (space == std::string::npos || space > open || !ParseDate(t.substr(0, space), local) ||
      !ParseClock(std::string_view(t).substr(space + 1, open - space - 1), local)) {
    return BadTime(text);
  }
  TB_ASSIGN_OR_RETURN(Timestamp utc, time_zone::ToUtc(local, "America/New_York"));
  if (zone != nullptr) *zone = "America/New_York";
  return utc;
}

Result<Timestamp> ParseDayMonthYear(std::string_view text) {
  LocalDateTime local;
  if (!ParseDate(text, local)) return BadTime(text);
  return time_zone::ToUtc(local, "UTC");
}

std::string UngmNoticeNumber(std::string_view url) {
  const std::string_view marker = "/Notice/";
  const std::size_t at = url.find(marker);
  if (at == std::string_view::npos) return {};
  std::string digits;
  for (std::size_t i = at + marker.size(); i < url.size() && std::isdigit(static_cast<unsigned char>(url[i])); ++i) {
    digits.push_back(url[i]);
  }
  return digits;
}

std::string UngmPublicId(std::string_view url, std::string_view agency, std::string_view reference) {
  const std::string number = UngmNoticeNumber(url);
  if (!number.empty()) return "ungm-" + number;
  if (reference.empty()) return {};
  return text::ToLowerAscii(agency) + "-" + std::string(reference);
}

std::string BreaksToNewlines(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  for (std::size_t i = 0; i < html.size();) {
    if (html[i] == '<' && i + 3 < html.size() && (html[i + 1] == 'b' || html[i + 1] == 'B') &&
        (html[i + 2] == 'r' || html[i + 2] == 'R')) {
      const std::size_t close = html.find('>', i);
      const std::string_view inner = close == std::string_view::npos ? std::string_view{} : html.substr(i + 3, close - i - 3);
      if (close != std::string_view::npos && text::Trim(inner).find_first_not_of('/') == std::string_view::npos) {
        out.push_back('\n');
        i = close + 1;
        continue;
      }
    }
    out.push_back(html[i++]);
  }
  return out;
}

}  // namespace tb::notices::importers
