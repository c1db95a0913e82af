#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "sanctions/list_diff.h"
#include "sanctions/list_reader.h"
#include "sanctions/screener.h"
#include "screening/screening_store.h"

namespace tb::screening {

// Someone to screen: a supplier company (its legal and trading names) or a listed owner.
struct ScreeningSubject {
  std::string kind;  // "supplier", "owner"
  std::string id;
  std::vector<std::string> names;
  std::string country;  // ISO 3166-1 alpha-2 or empty
};

// Everyone who must be screened again when the list changes. The supplier service
// implements it; ScreeningService calls it after each import of a new list version.
class ScreeningSubjectSource {
 public:
  virtual ~ScreeningSubjectSource() = default;
  // Calls `visit` once per subject; stops and returns the first failure `visit` returns.
  virtual Status ForEachSubject(const std::function<Status(const ScreeningSubject&)>& visit) = 0;
};

struct ScreeningOptions {
  // A list whose own dateGenerated is older than this (at screening time) is stale: it can
  // still find hits, but never clears (ET-14). See docs/sanctions.md for why the list's date
  // and not the import time counts.
  std::chrono::hours max_list_age = std::chrono::hours(24 * 30);
  sanctions::ScreenerOptions screener;
  sanctions::CountryResolver country_code;  // for the list's country names; may be empty
  std::size_t max_list_bytes = std::size_t{64} << 20;
};

struct RescreenReport {
  std::int64_t screened = 0, clear = 0, possible_hits = 0, hits = 0, unavailable = 0;
};

struct ImportReport {
  ListVersion version;
  bool unchanged = false;     // the same file (hash) was already the current list
  sanctions::ListDiff diff;   // against the previous current list (all added when none)
  RescreenReport rescreen;    // empty when unchanged or no subject source was given
};

// A candidate as shown to a reviewer: the screened name beside the listed entry.
struct ReviewEvidence {
  sanctions::ListedEntry entry;
  std::string listed_name;
  std::string screened_name;
  double score = 0;
};

struct ReviewDetail {
  ReviewCase review;
  ScreeningRecord screening;
  std::vector<ReviewEvidence> evidence;  // best first
};

// Screens suppliers and owners against the UN Security Council Consolidated List, records
// every screening with the list version and hash, and routes possible hits and hits to
// centre staff as review cases. Fails closed (ET-14): with no list, an unreadable stored
// list, or a list older than `max_list_age`, the decision is never "clear".
// Access rules (centre staff only, step-up for decisions) are enforced by the HTTP routes;
// this service trusts its caller. Thread-safe. `store` and `clock` must outlive it.
class ScreeningService {
 public:
  ScreeningService(ScreeningStore& store, const Clock& clock,
                   std::shared_ptr<const sanctions::NameNormalizer> normalizer,
                   ScreeningOptions options = {});

  // Reads and stores a new list version from the exact bytes of the official XML, diffs it
  // against the current one and, when `subjects` is given, screens every subject again.
  // InvalidArgument (from the reader) for a broken, truncated or hostile file: nothing is
  // stored and the current list stays. FailedPrecondition for a list generated before the
  // current one (an old file must not replace a newer list). Importing the current file
  // again is not an error: `unchanged` is set and nobody is re-screened.
  Result<ImportReport> ImportList(std::string_view xml, ScreeningSubjectSource* subjects);

  // Screens and records one subject. When the decision is possible_hit or hit and the
  // subject has an id, an open review case is created with the screening. InvalidArgument
  // when no name has any letter or digit, or the country is not two letters.
  Result<ScreeningRecord> Screen(const ScreeningSubject& subject);

  // Screens every subject again against the current list.
  Result<RescreenReport> RescreenAll(ScreeningSubjectSource& subjects);

  // For the routes: GET /sanctions/list, GET /sanctions/reviews, GET /sanctions/reviews/{id},
  // POST /sanctions/reviews/{id}/decision.
  Result<std::optional<ListVersion>> CurrentList();
  Result<std::vector<ReviewCase>> ListReviews(std::optional<ReviewStatus> status,
                                              std::int64_t after_id, int limit);
  // NotFound for an unknown case.
  Result<ReviewDetail> GetReview(std::int64_t id);
  // `decision` is "clear" or "confirm" (InvalidArgument otherwise, field "decision"); a
  // note is required (field "note"). NotFound / FailedPrecondition as the store says.
  Result<ReviewCase> DecideReview(std::int64_t id, std::string_view decision, UserId reviewer,
                                  std::string_view note);

 private:
  struct Loaded {
    ListVersion version;
    std::shared_ptr<const sanctions::Screener> screener;  // null when the list is broken
    std::string broken_reason;
  };
  // The screener of the current stored version, rebuilt when another process imported a
  // newer one. nullopt when no list was ever imported.
  Result<std::optional<Loaded>> Current();

  ScreeningStore& store_;
  const Clock& clock_;
  std::shared_ptr<const sanctions::NameNormalizer> normalizer_;
  const ScreeningOptions options_;
  std::mutex mu_;
  std::optional<Loaded> loaded_;  // Guarded by mu_.
};

}  // namespace tb::screening
