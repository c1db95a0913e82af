#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/language.h"
#include "core/result.h"
#include "core/unspsc.h"

namespace tb::notices {

// A UNSPSC code with its titles: "en" always (when known), and "fr", "es", "zh", ... where
// the multilingual v7 set has the same code.
struct UnspscEntry {
  UnspscCode code = *UnspscCode::Parse("10");
  std::map<std::string, std::string> titles;  // language code -> title

  // The title in `language`, falling back to English, then to any title.
  std::string TitleIn(const Language& language) const;
  bool operator==(const UnspscEntry&) const = default;
};

// The reference list of UNSPSC codes, declared here and implemented in storage/.
// Thread-safe.
class UnspscCatalogue {
 public:
  virtual ~UnspscCatalogue() = default;

  // Inserts or updates entries in one transaction; titles of other languages already stored
  // for a code are kept. Returns how many entries were new or changed.
  virtual Result<std::int64_t> UpsertBatch(std::span<const UnspscEntry> entries) = 0;

  // NotFound when the code is not in the catalogue.
  virtual Result<UnspscEntry> Get(UnspscCode code) = 0;

  // The entries among `codes` that the catalogue has, in code order.
  virtual Result<std::vector<UnspscEntry>> GetMany(std::span<const UnspscCode> codes) = 0;

  // Codes whose title in `language` has a word starting with `prefix` (case- and
  // accent-insensitive for Latin scripts; for Chinese, titles containing the prefix),
  // segments and families first, then by code; at most `limit` (1..50).
  virtual Result<std::vector<UnspscEntry>> FindByTitlePrefix(std::string_view prefix,
                                                             const Language& language,
                                                             int limit) = 0;

  // Every entry with all its titles, in code order (the search engine's title look-up loads
  // it once at start: about 26k codes, a few MB).
  virtual Result<std::vector<UnspscEntry>> All() = 0;

  virtual Result<std::int64_t> Count() = 0;
};

}  // namespace tb::notices
