#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "notices/notice_store.h"
#include "notices/unspsc_catalogue.h"

namespace tb::notices::testing {

// A NoticeStore in memory for tests of code above the store (importers, services). It keeps
// the contract of UpsertBatch: records merged over the stored notice with the caller's
// MergeFn, written only when the Fingerprint changes, outcomes per record, same public_id
// applied in order, all or nothing. List is a linear scan. Thread-safe (one mutex).
class InMemoryNoticeStore final : public NoticeStore {
 public:
  Result<std::vector<WriteOutcome>> UpsertBatch(std::span<const Notice> batch, const MergeFn& merge) override;
  Result<Notice> Get(NoticeId id) override;
  Result<Notice> GetByPublicId(std::string_view public_id) override;
  Result<NoticePage> List(const NoticeFilter& filter, NoticeOrder order, const PageRequest& page,
                          Timestamp now) override;
  Result<std::vector<NoticeVersion>> History(NoticeId id) override;
  Result<std::int64_t> Version(NoticeId id) override;
  Result<std::int64_t> Count() override;

  // Test hook: UpsertBatch fails with Unavailable (writing nothing) when a batch holds a
  // record with this public_id.
  void FailBatchesContaining(std::string public_id);
  // Number of UpsertBatch calls that wrote (committed) anything or nothing but succeeded.
  int committed_batches() const;

 private:
  struct Stored {
    Notice notice;
    std::string fingerprint;
    std::vector<NoticeVersion> versions;
  };
  mutable std::mutex mu_;
  std::unordered_map<std::string, Stored> by_public_id_;
  std::map<std::int64_t, std::string> public_id_by_id_;
  std::int64_t next_id_ = 1;
  std::string fail_on_;
  int committed_batches_ = 0;
};

// A UnspscCatalogue in memory: titles per language merged on upsert.
class InMemoryUnspscCatalogue final : public UnspscCatalogue {
 public:
  Result<std::int64_t> UpsertBatch(std::span<const UnspscEntry> entries) override;
  Result<UnspscEntry> Get(UnspscCode code) override;
  Result<std::vector<UnspscEntry>> GetMany(std::span<const UnspscCode> codes) override;
  Result<std::vector<UnspscEntry>> FindByTitlePrefix(std::string_view prefix, const Language& language,
                                                     int limit) override;
  Result<std::vector<UnspscEntry>> All() override;
  Result<std::int64_t> Count() override;

 private:
  mutable std::mutex mu_;
  std::map<UnspscCode, UnspscEntry> entries_;
};

}  // namespace tb::notices::testing
