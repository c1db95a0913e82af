#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "sanctions/sanctions_list.h"

namespace tb::screening {

// One imported version of the UN list.
struct ListVersion {
  std::int64_t id = 0;
  std::string date_generated;  // as published
  Timestamp generated_at;
  std::string sha256;
  Timestamp loaded_at;
  std::int64_t individual_count = 0;
  std::int64_t entity_count = 0;

  std::int64_t entry_count() const { return individual_count + entity_count; }
};

enum class ScreeningDecision {
  kClear,
  kPossibleHit,
  kHit,
  // No usable list (none imported, unreadable, or older than the allowed age): the subject
  // is not cleared (ET-14) and is screened again when a usable list arrives.
  kUnavailable,
};

// "clear", "possible_hit", "hit", "unavailable".
const char* ScreeningDecisionName(ScreeningDecision decision);
std::optional<ScreeningDecision> ParseScreeningDecision(std::string_view name);

// One screening as recorded: who, under which names, the decision and the evidence.
struct ScreeningRecord {
  std::int64_t id = 0;
  std::string subject_kind;  // "supplier", "owner"; "adhoc" for the CLI
  std::string subject_id;    // empty for ad-hoc screenings
  std::vector<std::string> names;
  std::string country;  // ISO 3166-1 alpha-2 or empty
  ScreeningDecision decision = ScreeningDecision::kUnavailable;
  std::string reason;   // why unavailable, or a note such as "list is stale"
  std::int64_t list_version_id = 0;  // 0 when no list was usable
  std::string list_sha256;
  std::string list_date_generated;
  std::string candidates_json;  // JSON array, see docs/sanctions.md
  Timestamp at;
};

enum class ReviewStatus { kOpen, kCleared, kConfirmed };
const char* ReviewStatusName(ReviewStatus status);  // "open", "cleared", "confirmed"
std::optional<ReviewStatus> ParseReviewStatus(std::string_view name);

// A possible hit or hit waiting for (or decided by) centre staff.
struct ReviewCase {
  std::int64_t id = 0;
  std::int64_t screening_id = 0;
  std::string subject_kind;
  std::string subject_id;
  ReviewStatus status = ReviewStatus::kOpen;
  UserId reviewer;  // invalid while open
  std::string note;
  Timestamp opened_at;
  std::optional<Timestamp> decided_at;
};

// Persistence for screening (storage/ implements it). Thread-safe implementations.
class ScreeningStore {
 public:
  virtual ~ScreeningStore() = default;

  // Stores a list version (its id is assigned) with all its entries, in one transaction.
  // AlreadyExists when a version with the same SHA-256 is stored.
  virtual Result<ListVersion> AddListVersion(const ListVersion& version,
                                             std::span<const sanctions::ListedEntry> entries) = 0;
  // The most recently imported version; nullopt when none was ever imported.
  virtual Result<std::optional<ListVersion>> CurrentListVersion() = 0;
  // Every entry of a version, in list order. InvalidArgument when a stored entry cannot be
  // read back (the caller treats the list as broken).
  virtual Result<std::vector<sanctions::ListedEntry>> ListEntries(std::int64_t version_id) = 0;
  virtual Result<std::optional<sanctions::ListedEntry>> ListEntry(std::int64_t version_id,
                                                                  std::string_view data_id) = 0;

  // Records a screening (its id is assigned) and, when `open_review`, an open review case
  // for it in the same transaction. Returns the stored screening and the case id (0 if none).
  virtual Result<std::pair<ScreeningRecord, std::int64_t>> AddScreening(
      const ScreeningRecord& screening, bool open_review) = 0;
  virtual Result<std::optional<ScreeningRecord>> GetScreening(std::int64_t id) = 0;
  // The newest screening of a subject; nullopt when it was never screened.
  virtual Result<std::optional<ScreeningRecord>> LatestScreening(std::string_view subject_kind,
                                                                 std::string_view subject_id) = 0;

  // Review cases by id, oldest first, with id > `after_id`; all statuses when nullopt.
  virtual Result<std::vector<ReviewCase>> ListReviews(std::optional<ReviewStatus> status,
                                                      std::int64_t after_id, int limit) = 0;
  virtual Result<std::optional<ReviewCase>> GetReview(std::int64_t id) = 0;
  // Sets an open case to cleared or confirmed. NotFound for an unknown id;
  // FailedPrecondition when the case is no longer open (two reviewers at once: one wins).
  virtual Result<ReviewCase> DecideReview(std::int64_t id, ReviewStatus decision, UserId reviewer,
                                          std::string_view note, Timestamp at) = 0;
};

}  // namespace tb::screening
