#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "matching/alert_service.h"
#include "matching/relevance.h"

namespace tb::matching {

// The ranker over the suppliers as they were when it was built (AlertService rebuilds it
// after InvalidateSuppliers), with the directory's facts in the ranker's order.
struct AlertService::Matcher {
  std::vector<MatchableSupplier> suppliers;
  SupplierMatcher ranker;
  std::unordered_map<std::int64_t, std::size_t> by_supplier_id;
};

}  // namespace tb::matching
