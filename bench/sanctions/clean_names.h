#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace tb::bench {

struct CleanName {
  std::string source;  // "austender", "secop", "ocds"
  std::string name;
};

// Supplier and buyer names from the real procurement data in `data_dir` (data/): AusTender
// suppliers and agencies, SECOP entities and contractors, OCDS parties (all publishers but
// the fictional example). Names are de-duplicated (case-insensitively) and `count` of them
// drawn with `seed`, spread over the three sources as evenly as they allow. None of these
// organisations is on the UN list as far as anyone knows; a flag raised on one is counted
// as a false positive, and docs/sanctions.md lists them.
Result<std::vector<CleanName>> LoadCleanNames(const std::string& data_dir, std::size_t count,
                                              std::uint64_t seed);

}  // namespace tb::bench
