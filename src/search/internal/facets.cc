#include "search/internal/facets.h"

#include <algorithm>
#include <charconv>
#include <string_view>

#include "search/internal/facet_counts.h"
#include "search/internal/layout.h"

namespace tb::search::internal {

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
  std::vector<std::string_view> fields = RecordFields(record, 8);
  fields.resize(8);
  std::int64_t deadline = 0;
  std::from_chars(fields[0].data(), fields[0].data() + fields[0].size(), deadline);
  CountStatus(static_cast<double>(deadline), fields[1] == "1");
  CountValue(fields[2], agency_);
  CountValue(fields[3], type_);
  CountValue(fields[4], language_);
  CountList(fields[5], country_);
  CountList(fields[6], region_);
  CountList(fields[7], segment_);
}

void FacetSpy::CountSlots(const Xapian::Document& doc) {
  CountValue(doc.get_value(kAgencySlot), agency_);
  CountValue(doc.get_value(kTypeSlot), type_);
  CountValue(doc.get_value(kLanguageSlot), language_);
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
  if (status != OpenStatus::kClosed) CountValue(OpenStatusName(OpenStatus::kOpen), status_);
  if (status != OpenStatus::kOpen) CountValue(OpenStatusName(status), status_);
}

Xapian::MatchSpy* FacetSpy::clone() const {
  auto* copy = new FacetSpy(Timestamp(), 0);
  copy->now_ = now_;
  copy->closing_until_ = closing_until_;
  return copy;
}

Facets FacetSpy::Result(std::size_t limit) const {
  Facets f;
  f.agency = SortedFacet(agency_, limit);
  f.type = SortedFacet(type_, limit);
  f.country = SortedFacet(country_, limit);
  f.region = SortedFacet(region_, limit);
  f.segment = SortedFacet(segment_, limit);
  f.status = SortedFacet(status_, limit);
  f.language = SortedFacet(language_, limit);
  return f;
}

void CountValue(std::string_view value, FacetCounts& counts) {
  if (value.empty()) return;
  auto it = counts.find(value);
  if (it == counts.end()) {
    counts.emplace(std::string(value), 1);
  } else {
    ++it->second;
  }
}

void CountList(std::string_view joined, FacetCounts& counts) {
  std::size_t begin = 0;
  while (begin < joined.size()) {
    std::size_t end = joined.find(kListSeparator, begin);
    if (end == std::string_view::npos) end = joined.size();
    CountValue(joined.substr(begin, end - begin), counts);
    begin = end + 1;
  }
}

std::vector<std::string_view> RecordFields(std::string_view record, std::size_t max_fields) {
  std::vector<std::string_view> fields;
  std::size_t begin = 0;
  while (fields.size() < max_fields) {
    std::size_t end = record.find(kRecordSeparator, begin);
    if (end == std::string_view::npos) end = record.size();
    fields.push_back(record.substr(begin, end - begin));
    if (end == record.size()) break;
    begin = end + 1;
  }
  return fields;
}

std::vector<FacetValue> SortedFacet(const FacetCounts& counts, std::size_t limit) {
  std::vector<FacetValue> out;
  for (const auto& [value, count] : counts) out.push_back({value, count});
  std::stable_sort(out.begin(), out.end(),
                   [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace tb::search::internal
