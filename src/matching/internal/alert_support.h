#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/language.h"
#include "matching/alert_store.h"
#include "matching/relevance.h"
#include "notices/notice.h"

namespace tb::matching::internal {

// The explanation as docs/alerts.md's "explanation" object, with the codes' titles from
// `titles` (missing ones are empty).
std::string ExplanationJson(const Explanation& explanation,
                            const std::map<UnspscCode, std::string>& titles);

// One line for e-mails: "26111600 ↔ 26111600; solar, panels".
std::string ExplanationLine(const Explanation& explanation);

// Whether the notice is still worth an alert at `now`: not cancelled or finished, and a
// deadline ahead, or no deadline and published in the last 30 days (historical records
// without a deadline, such as contract notices, are not opportunities).
bool IsLive(const notices::Notice& notice, Timestamp now);

// Whether a profile alert for `notice` passes the user's filters (agencies, countries,
// value range in one currency, sustainable only).
bool PassesFilters(const AlertSettings& settings, const notices::Notice& notice);

}  // namespace tb::matching::internal
