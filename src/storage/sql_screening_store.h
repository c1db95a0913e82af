#pragma once

#include "screening/screening_store.h"
#include "storage/database.h"

namespace tb::storage {

// screening::ScreeningStore over the portable Database interface (schema: migration 4).
// Thread-safe; `db` must outlive it.
class SqlScreeningStore final : public screening::ScreeningStore {
 public:
  explicit SqlScreeningStore(Database& db) : db_(db) {}

  Result<screening::ListVersion> AddListVersion(
      const screening::ListVersion& version,
      std::span<const sanctions::ListedEntry> entries) override;
  Result<std::optional<screening::ListVersion>> CurrentListVersion() override;
  Result<std::vector<sanctions::ListedEntry>> ListEntries(std::int64_t version_id) override;
  Result<std::optional<sanctions::ListedEntry>> ListEntry(std::int64_t version_id,
                                                          std::string_view data_id) override;
  Result<std::pair<screening::ScreeningRecord, std::int64_t>> AddScreening(
      const screening::ScreeningRecord& screening, bool open_review) override;
  Result<std::optional<screening::ScreeningRecord>> GetScreening(std::int64_t id) override;
  Result<std::optional<screening::ScreeningRecord>> LatestScreening(
      std::string_view subject_kind, std::string_view subject_id) override;
  Result<std::vector<screening::ReviewCase>> ListReviews(
      std::optional<screening::ReviewStatus> status, std::int64_t after_id, int limit) override;
  Result<std::optional<screening::ReviewCase>> GetReview(std::int64_t id) override;
  Result<screening::ReviewCase> DecideReview(std::int64_t id, screening::ReviewStatus decision,
                                             UserId reviewer, std::string_view note,
                                             Timestamp at) override;

 private:
  Database& db_;
};

}  // namespace tb::storage
