#pragma once

#include "notices/unspsc_catalogue.h"
#include "storage/database.h"

namespace tb::storage {

// notices::UnspscCatalogue over the portable Database interface. Titles are kept with a
// folded form (storage/text_fold.h) for the title search. Thread-safe; `db` must outlive it.
class SqlUnspscCatalogue final : public notices::UnspscCatalogue {
 public:
  explicit SqlUnspscCatalogue(Database& db) : db_(db) {}

  Result<std::int64_t> UpsertBatch(std::span<const notices::UnspscEntry> entries) override;
  Result<notices::UnspscEntry> Get(UnspscCode code) override;
  Result<std::vector<notices::UnspscEntry>> GetMany(std::span<const UnspscCode> codes) override;
  Result<std::vector<notices::UnspscEntry>> FindByTitlePrefix(std::string_view prefix,
                                                              const Language& language,
                                                              int limit) override;
  Result<std::vector<notices::UnspscEntry>> All() override;
  Result<std::int64_t> Count() override;

 private:
  Database& db_;
};

}  // namespace tb::storage
