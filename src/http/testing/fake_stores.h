#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "notices/notice_store.h"
#include "notices/unspsc_catalogue.h"

namespace tb::http::testing {

// A NoticeStore in memory for handler tests. It filters by buyer, source and type only and
// pages by position; it remembers the last List call so tests can check what the handler
// parsed. `fail_with` makes every call fail with that Status; `throw_on_get` makes Get throw,
// standing in for a bug. Thread-safe.
class FakeNoticeStore final : public notices::NoticeStore {
 public:
  // Stores `notice` as a new notice with the next id and one version; returns the id.
  NoticeId Add(notices::Notice notice);

  Result<std::vector<notices::WriteOutcome>> UpsertBatch(std::span<const notices::Notice> batch,
                                                         const MergeFn& merge) override;
  Result<notices::Notice> Get(NoticeId id) override;
  Result<notices::Notice> GetByPublicId(std::string_view public_id) override;
  Result<notices::NoticePage> List(const notices::NoticeFilter& filter, notices::NoticeOrder order,
                                   const notices::PageRequest& page, Timestamp now) override;
  Result<std::vector<notices::NoticeVersion>> History(NoticeId id) override;
  Result<std::int64_t> Version(NoticeId id) override;
  Result<std::int64_t> Count() override;

  std::optional<notices::NoticeFilter> last_filter;
  std::optional<notices::NoticeOrder> last_order;
  std::optional<Status> fail_with;
  bool throw_on_get = false;

 private:
  std::mutex mu_;
  std::vector<notices::Notice> notices_;                         // Guarded by mu_.
  std::map<std::int64_t, std::vector<notices::NoticeVersion>> versions_;  // Guarded by mu_.
};

// An UnspscCatalogue in memory: prefix search matches the start of any word of the title
// in the language, ASCII case-insensitively.
class FakeUnspscCatalogue final : public notices::UnspscCatalogue {
 public:
  Result<std::int64_t> UpsertBatch(std::span<const notices::UnspscEntry> entries) override;
  Result<notices::UnspscEntry> Get(UnspscCode code) override;
  Result<std::vector<notices::UnspscEntry>> GetMany(std::span<const UnspscCode> codes) override;
  Result<std::vector<notices::UnspscEntry>> FindByTitlePrefix(std::string_view prefix,
                                                              const Language& language,
                                                              int limit) override;
  Result<std::vector<notices::UnspscEntry>> All() override;
  Result<std::int64_t> Count() override;

 private:
  std::mutex mu_;
  std::map<UnspscCode, notices::UnspscEntry> entries_;  // Guarded by mu_.
};

// A notice with the fields the API tests look at.
notices::Notice MakeNotice(std::string public_id, std::string buyer, std::string title);

}  // namespace tb::http::testing
