#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/timestamp.h"
#include "core/unspsc.h"
#include "matching/relevance.h"

namespace tb::bench {

// One AusTender contract notice as the ranking evaluation needs it: the award names the
// winner, which the notices importer does not keep (a Notice has no winner field).
struct Award {
  std::string id;        // contract_id
  std::string text;      // contract_description
  std::string agency;    // agency_name
  std::string supplier;  // supplier_abn, or "name:" + supplier_name when the ABN is empty
  UnspscCode code;
  Timestamp signed_at;
  std::size_t order = 0;  // position in the file, to break ties in time
};

// data/austender/austender-cn-*.csv, read with the importers' CSV reader; rows without a
// code, a description, a date or a supplier are skipped. Sorted by date signed, then file order.
Result<std::vector<Award>> LoadAwards(const std::string& data_dir);

// B.4 steps 1-2: the oldest `train_share` of the awards, the next `validation_share`, the
// rest; then near-duplicates dropped (same folded description and agency within 30 days):
// within a part, a repeat of the same award to the same supplier; across parts, any notice of
// a later part whose (description, agency) appeared in an earlier part in the 30 days before.
struct AwardSplit {
  std::vector<Award> train, validation, test;
  std::size_t dropped_within = 0, dropped_across = 0;
};
AwardSplit SplitAwards(const std::vector<Award>& sorted, double train_share,
                       double validation_share);

// The winners of `awards` as supplier profiles: codes = distinct won codes, history = one
// code per award, text = their descriptions, registered_agencies = agencies won with; id =
// position. `keys` receives each profile's supplier key.
std::vector<matching::SupplierProfile> ProfilesFromAwards(const std::vector<Award>& awards,
                                                          std::vector<std::string>* keys);

}  // namespace tb::bench
