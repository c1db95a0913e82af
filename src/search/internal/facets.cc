#include "search/internal/facets.h"

#include <algorithm>
#include <string_view>

#include "search/internal/layout.h"

namespace tb::search::internal {
namespace {

void CountList(const std::string& joined, std::map<std::string, std::int64_t>& counts) {
  std::size_t begin = 0;
  while (begin < joined.size()) {
    std::size_t end = joined.find(kListSeparator, begin);
    if (end == std::string::npos) end = joined.size();
    if (end > begin) ++counts[joined.substr(begin, end - begin)];
    begin = end + 1;
  }
}

std::vector<FacetValue> Sorted(const std::map<std::string, std::int64_t>& counts, std::size_t limit) {
  std::vector<FacetValue> out;
  for (const auto& [value, count] : counts) out.push_back({value, count});
  std::stable_sort(out.begin(), out.end(),
                   [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace

OpenStatus StatusAt(double deadline_seconds, bool terminal, double now, double closing_until) {
  if (terminal || deadline_seconds < now) return OpenStatus::kClosed;
  if (deadline_seconds <= closing_until) return OpenStatus::kClosing;
  return OpenStatus::kOpen;
}

FacetSpy::FacetSpy(Timestamp now, int closing_within_days)
    : now_(static_cast<double>(now.seconds())),
      closing_until_(now_ + 86400.0 * std::max(0, closing_within_days)) {}

void FacetSpy::operator()(const Xapian::Document& doc, double /*weight*/) {
  if (std::string v = doc.get_value(kAgencySlot); !v.empty()) ++agency_[v];
  if (std::string v = doc.get_value(kTypeSlot); !v.empty()) ++type_[v];
  if (std::string v = doc.get_value(kLanguageSlot); !v.empty()) ++language_[v];
  CountList(doc.get_value(kCountriesSlot), country_);
  CountList(doc.get_value(kRegionsSlot), region_);
  CountList(doc.get_value(kSegmentsSlot), segment_);
  const std::string deadline = doc.get_value(kDeadlineSlot);
  const double seconds = deadline.empty() ? kFar : Xapian::sortable_unserialise(deadline);
  const OpenStatus status =
      StatusAt(seconds, doc.get_value(kLifecycleSlot) == "1", now_, closing_until_);
  // "open" counts what the open filter returns, which includes the closing ones.
  if (status != OpenStatus::kClosed) ++status_[std::string(OpenStatusName(OpenStatus::kOpen))];
  if (status != OpenStatus::kOpen) ++status_[std::string(OpenStatusName(status))];
}

Xapian::MatchSpy* FacetSpy::clone() const {
  auto* copy = new FacetSpy(Timestamp(), 0);
  copy->now_ = now_;
  copy->closing_until_ = closing_until_;
  return copy;
}

Facets FacetSpy::Result(std::size_t limit) const {
  Facets f;
  f.agency = Sorted(agency_, limit);
  f.type = Sorted(type_, limit);
  f.country = Sorted(country_, limit);
  f.region = Sorted(region_, limit);
  f.segment = Sorted(segment_, limit);
  f.status = Sorted(status_, limit);
  f.language = Sorted(language_, limit);
  return f;
}

}  // namespace tb::search::internal
