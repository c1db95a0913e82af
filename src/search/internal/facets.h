#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <string_view>

#include "search/internal/facet_counts.h"
#include "search/search_types.h"

// Facet counting over a match set. Private to search/.
namespace tb::search::internal {

// Counts, for every document the matcher accepts, its agency, type, countries, regions,
// segments, title language and open/closing/closed status at `now`. Multi-valued slots
// (countries, regions, segments) count once per value, which ValueCountMatchSpy cannot do.
class FacetSpy final : public Xapian::MatchSpy {
 public:
  FacetSpy(Timestamp now, int closing_within_days);

  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override;
  std::string name() const override { return "tb.FacetSpy"; }

  // Values most frequent first, then by value; at most `limit` per facet.
  Facets Result(std::size_t limit) const;

 private:
  double now_;
  double closing_until_;
  using Counts = FacetCounts;
  void CountRecord(std::string_view record);
  void CountSlots(const Xapian::Document& doc);
  void CountStatus(double deadline_seconds, bool terminal);

  Counts agency_, type_, country_, region_, segment_, status_,
      language_;
};

// The status of a stored document at `now`.
OpenStatus StatusAt(double deadline_seconds, bool terminal, double now, double closing_until);

}  // namespace tb::search::internal
