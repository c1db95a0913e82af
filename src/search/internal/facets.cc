#include "search/internal/facets.h"

#include <algorithm>
#include <charconv>
#include <string_view>

#include "search/internal/layout.h"

namespace tb::search::internal {
namespace {

void Count(std::string_view value, std::map<std::string, std::int64_t, std::less<>>& counts) {
  if (value.empty()) return;
  auto it = counts.find(value);
  if (it == counts.end()) {
    counts.emplace(std::string(value), 1);
  } else {
    ++it->second;
  }
}

void CountList(std::string_view joined, std::map<std::string, std::int64_t, std::less<>>& counts) {
  std::size_t begin = 0;
  while (begin < joined.size()) {
    std::size_t end = joined.find(kListSeparator, begin);
    if (end == std::string_view::npos) end = joined.size();
    Count(joined.substr(begin, end - begin), counts);
    begin = end + 1;
  }
}

std::vector<FacetValue> Sorted(const std::map<std::string, std::int64_t, std::less<>>& counts, std::size_t limit) {
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
  const std::string record = doc.get_value(kFacetRecordSlot);
  if (record.empty()) {
    CountSlots(doc);  // an index built before the record slot existed
  } else {
    CountRecord(record);
  }
}

void FacetSpy::CountRecord(std::string_view record) {
  std::string_view fields[8];
  std::size_t n = 0;
  std::size_t begin = 0;
  while (n < 8) {
    std::size_t end = record.find(kRecordSeparator, begin);
    if (end == std::string_view::npos) end = record.size();
    fields[n++] = record.substr(begin, end - begin);
    if (end == record.size()) break;
    begin = end + 1;
  }
  std::int64_t deadline = 0;
  std::from_chars(fields[0].data(), fields[0].data() + fields[0].size(), deadline);
  CountStatus(static_cast<double>(deadline), fields[1] == "1");
  Count(fields[2], agency_);
  Count(fields[3], type_);
  Count(fields[4], language_);
  CountList(fields[5], country_);
  CountList(fields[6], region_);
  CountList(fields[7], segment_);
}

void FacetSpy::CountSlots(const Xapian::Document& doc) {
  Count(doc.get_value(kAgencySlot), agency_);
  Count(doc.get_value(kTypeSlot), type_);
  Count(doc.get_value(kLanguageSlot), language_);
  CountList(doc.get_value(kCountriesSlot), country_);
  CountList(doc.get_value(kRegionsSlot), region_);
  CountList(doc.get_value(kSegmentsSlot), segment_);
  const std::string deadline = doc.get_value(kDeadlineSlot);
  CountStatus(deadline.empty() ? kFar : Xapian::sortable_unserialise(deadline),
              doc.get_value(kLifecycleSlot) == "1");
}

void FacetSpy::CountStatus(double deadline_seconds, bool terminal) {
  const OpenStatus status = StatusAt(deadline_seconds, terminal, now_, closing_until_);
  // "open" counts what the open filter returns, which includes the closing ones.
  if (status != OpenStatus::kClosed) Count(OpenStatusName(OpenStatus::kOpen), status_);
  if (status != OpenStatus::kOpen) Count(OpenStatusName(status), status_);
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
