#include "matching/internal/alert_support.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "search/notice_facets.h"

namespace tb::matching::internal {

using nlohmann::json;

std::string ExplanationJson(const Explanation& explanation,
                            const std::map<UnspscCode, std::string>& titles) {
  json codes = json::array();
  for (const CodeReason& r : explanation.codes) {
    json c = {{"notice_code", r.notice_code.ToString()},
              {"supplier_code", r.supplier_code.ToString()},
              {"similarity", r.similarity},
              {"predicted", r.predicted}};
    const auto title = titles.find(r.supplier_code);
    c["title"] = title != titles.end() ? title->second : "";
    codes.push_back(std::move(c));
  }
  return json{{"codes", codes},
              {"shared_terms", explanation.shared_terms},
              {"country_eligible", explanation.country_eligible},
              {"registered_with_agency", explanation.registered_with_agency},
              {"targeted", explanation.targeted},
              {"history_in_family", explanation.history_in_family}}
      .dump();
}

std::string ExplanationLine(const Explanation& explanation) {
  std::string out;
  for (const CodeReason& r : explanation.codes) {
    if (!out.empty()) out += ", ";
    out += r.notice_code.ToString();
    if (r.supplier_code != r.notice_code) out += " ~ " + r.supplier_code.ToString();
  }
  if (!explanation.shared_terms.empty()) {
    if (!out.empty()) out += "; ";
    for (std::size_t i = 0; i < explanation.shared_terms.size(); ++i) {
      if (i > 0) out += ", ";
      out += explanation.shared_terms[i];
    }
  }
  return out;
}

bool IsLive(const notices::Notice& notice, Timestamp now) {
  using notices::NoticeStatus;
  if (notice.status == NoticeStatus::kCancelled || notice.status == NoticeStatus::kComplete ||
      notice.status == NoticeStatus::kUnsuccessful || notice.status == NoticeStatus::kWithdrawn) {
    return false;
  }
  if (notice.deadline) return *notice.deadline > now;
  constexpr std::int64_t kRecentMicros = 30LL * 24 * 3600 * 1'000'000;
  return notice.published && notice.published->micros() > now.micros() - kRecentMicros;
}

bool PassesFilters(const AlertSettings& settings, const notices::Notice& notice) {
  if (!settings.agencies.empty()) {
    const std::string agency = text::ToUpperAscii(search::AgencyKey(notice.buyer));
    const std::string buyer = text::ToUpperAscii(notice.buyer);
    const bool any = std::ranges::any_of(settings.agencies, [&](const std::string& a) {
      const std::string wanted = text::ToUpperAscii(a);
      return wanted == agency || wanted == buyer;
    });
    if (!any) return false;
  }
  if (!settings.countries.empty()) {
    const bool any = std::ranges::any_of(settings.countries, [&](const std::string& c) {
      return std::ranges::find(notice.countries, text::ToUpperAscii(c)) != notice.countries.end();
    });
    if (!any) return false;
  }
  if (settings.value_min_minor || settings.value_max_minor) {
    if (!notice.estimated_value) return false;
    if (notice.estimated_value->currency != text::ToUpperAscii(settings.value_currency)) return false;
    const std::int64_t minor = notice.estimated_value->amount_minor;
    if (settings.value_min_minor && minor < *settings.value_min_minor) return false;
    if (settings.value_max_minor && minor > *settings.value_max_minor) return false;
  }
  if (settings.sustainable_only && !search::LooksSustainable(notice)) return false;
  return true;
}

}  // namespace tb::matching::internal
