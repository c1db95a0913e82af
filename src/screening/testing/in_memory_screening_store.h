#pragma once

#include <algorithm>
#include <map>
#include <mutex>

#include "sanctions/list_diff.h"
#include "screening/screening_store.h"

namespace tb::screening::testing {

// ScreeningStore in memory, for service tests. Entries are kept as JSON, as the SQL store
// keeps them, so `corrupt_entries` can make a stored list unreadable. Thread-safe.
class InMemoryScreeningStore final : public ScreeningStore {
 public:
  Result<ListVersion> AddListVersion(const ListVersion& version,
                                     std::span<const sanctions::ListedEntry> entries) override {
    std::lock_guard lock(mu_);
    for (const ListVersion& v : versions_) {
      if (v.sha256 == version.sha256) return Status::AlreadyExists("list version exists");
    }
    ListVersion stored = version;
    stored.id = static_cast<std::int64_t>(versions_.size()) + 1;
    versions_.push_back(stored);
    auto& docs = entries_[stored.id];
    for (const auto& e : entries) docs.push_back(sanctions::EntryToJson(e));
    return stored;
  }
  Result<std::optional<ListVersion>> CurrentListVersion() override {
    std::lock_guard lock(mu_);
    if (versions_.empty()) return std::optional<ListVersion>();
    return std::optional<ListVersion>(versions_.back());
  }
  Result<std::vector<sanctions::ListedEntry>> ListEntries(std::int64_t version_id) override {
    std::lock_guard lock(mu_);
    std::vector<sanctions::ListedEntry> out;
    for (const std::string& doc : entries_[version_id]) {
      TB_ASSIGN_OR_RETURN(sanctions::ListedEntry e, sanctions::EntryFromJson(doc));
      out.push_back(std::move(e));
    }
    return out;
  }
  Result<std::optional<sanctions::ListedEntry>> ListEntry(std::int64_t version_id,
                                                          std::string_view data_id) override {
    TB_ASSIGN_OR_RETURN(std::vector<sanctions::ListedEntry> all, ListEntries(version_id));
    for (auto& e : all) {
      if (e.data_id == data_id) return std::optional<sanctions::ListedEntry>(std::move(e));
    }
    return std::optional<sanctions::ListedEntry>();
  }
  Result<std::pair<ScreeningRecord, std::int64_t>> AddScreening(const ScreeningRecord& screening,
                                                                bool open_review) override {
    std::lock_guard lock(mu_);
    ScreeningRecord stored = screening;
    stored.id = static_cast<std::int64_t>(screenings_.size()) + 1;
    screenings_.push_back(stored);
    std::int64_t review_id = 0;
    if (open_review) {
      ReviewCase c;
      c.id = review_id = static_cast<std::int64_t>(reviews_.size()) + 1;
      c.screening_id = stored.id;
      c.subject_kind = stored.subject_kind;
      c.subject_id = stored.subject_id;
      c.opened_at = stored.at;
      reviews_.push_back(c);
    }
    return std::pair{stored, review_id};
  }
  Result<std::optional<ScreeningRecord>> GetScreening(std::int64_t id) override {
    std::lock_guard lock(mu_);
    if (id < 1 || id > static_cast<std::int64_t>(screenings_.size())) return std::optional<ScreeningRecord>();
    return std::optional<ScreeningRecord>(screenings_[id - 1]);
  }
  Result<std::optional<ScreeningRecord>> LatestScreening(std::string_view kind,
                                                         std::string_view id) override {
    std::lock_guard lock(mu_);
    for (auto it = screenings_.rbegin(); it != screenings_.rend(); ++it) {
      if (it->subject_kind == kind && it->subject_id == id) return std::optional<ScreeningRecord>(*it);
    }
    return std::optional<ScreeningRecord>();
  }
  Result<std::vector<ReviewCase>> ListReviews(std::optional<ReviewStatus> status,
                                              std::int64_t after_id, int limit) override {
    std::lock_guard lock(mu_);
    std::vector<ReviewCase> out;
    for (const ReviewCase& c : reviews_) {
      if (c.id > after_id && (!status || c.status == *status) && static_cast<int>(out.size()) < limit) {
        out.push_back(c);
      }
    }
    return out;
  }
  Result<std::optional<ReviewCase>> GetReview(std::int64_t id) override {
    std::lock_guard lock(mu_);
    if (id < 1 || id > static_cast<std::int64_t>(reviews_.size())) return std::optional<ReviewCase>();
    return std::optional<ReviewCase>(reviews_[id - 1]);
  }
  Result<ReviewCase> DecideReview(std::int64_t id, ReviewStatus decision, UserId reviewer,
                                  std::string_view note, Timestamp at) override {
    std::lock_guard lock(mu_);
    if (id < 1 || id > static_cast<std::int64_t>(reviews_.size())) return Status::NotFound("no case");
    ReviewCase& c = reviews_[id - 1];
    if (c.status != ReviewStatus::kOpen) return Status::FailedPrecondition("already decided");
    c.status = decision;
    c.reviewer = reviewer;
    c.note = note;
    c.decided_at = at;
    return c;
  }

  void CorruptEntries(std::int64_t version_id) {
    std::lock_guard lock(mu_);
    for (std::string& doc : entries_[version_id]) doc = "{broken";
  }
  std::size_t screening_count() {
    std::lock_guard lock(mu_);
    return screenings_.size();
  }

 private:
  std::mutex mu_;
  std::vector<ListVersion> versions_;
  std::map<std::int64_t, std::vector<std::string>> entries_;
  std::vector<ScreeningRecord> screenings_;
  std::vector<ReviewCase> reviews_;
};

}  // namespace tb::screening::testing
