#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <vector>

#include "app/periodic_task.h"
#include "core/result.h"

namespace tb::storage {
class ChangeLog;
struct Change;
}  // namespace tb::storage
namespace tb::notices {
class NoticeStore;
}
namespace tb::search {
class SearchIndex;
class SupplierIndex;
}  // namespace tb::search
namespace tb::suppliers {
class SupplierStore;
}

namespace tb::app {

// Keeps this node's search index in step with the database (ARCHITECTURE.md §3): reads the
// `changes` log after the index's last applied seq, loads each changed notice as it is now
// and applies the batch with its seq in one index commit. A crash or restart resumes from
// the index's own seq, so nothing is missed or applied twice; a notice the database no
// longer has is deleted from the index. Changes of other entities only move the index's seq.
// With FollowSuppliers(), the supplier directory index follows the same log the same way
// (each index keeps its own seq). Thread-safe: CatchUp() may be called while the background
// loop runs (calls are serialised). Everything passed in must outlive it.
class SearchProjection {
 public:
  SearchProjection(storage::ChangeLog& log, notices::NoticeStore& notices,
                   search::SearchIndex& index);
  ~SearchProjection();

  // Also keeps `index` in step with the "supplier" changes, loading each changed supplier
  // from `store`. Call before CatchUp() or Start().
  void FollowSuppliers(suppliers::SupplierStore& store, search::SupplierIndex& index);

  SearchProjection(const SearchProjection&) = delete;
  SearchProjection& operator=(const SearchProjection&) = delete;

  // Applies every change committed so far; returns how many were applied (notices and
  // suppliers).
  Result<std::int64_t> CatchUp();

  // Brings the supplier index up to the changes committed when called, reading past notices
  // without indexing them, so that a directory search sees every write that finished before
  // it, on this server or another (the background loop may be busy with a notice import).
  // Unavailable when the index is more than `max_gap` changes behind (a fresh index still
  // filling): the caller should answer from the database instead. FailedPrecondition
  // without FollowSuppliers().
  Status CatchUpSuppliers(std::int64_t max_gap);

  // Runs CatchUp() every `interval` on a background thread until Stop() or destruction.
  // Errors are logged and retried at the next tick (the database or index may be busy).
  void Start(std::chrono::milliseconds interval);
  void Stop();

 private:
  Result<std::int64_t> CatchUpLocked();
  // The batch's notice changes after `after` (each notice once, at its last seq), ending with
  // a progress mark at the batch's last seq when that is not a notice.
  Result<std::int64_t> ApplyNotices(const std::vector<storage::Change>& changes,
                                    std::int64_t after);
  // The batch's supplier changes the supplier index has not applied, and the batch's last seq
  // as read. Takes supplier_mu_.
  Result<std::int64_t> ApplySuppliers(const std::vector<storage::Change>& changes);

  storage::ChangeLog& log_;
  notices::NoticeStore& notices_;
  search::SearchIndex& index_;
  suppliers::SupplierStore* supplier_store_ = nullptr;  // set by FollowSuppliers
  search::SupplierIndex* supplier_index_ = nullptr;
  std::mutex catch_up_mu_;  // serialises CatchUp: the index has one writer
  // Serialises the supplier index's appliers: CatchUp's and CatchUpSuppliers'. Taken after
  // catch_up_mu_ when both are held.
  std::mutex supplier_mu_;

  PeriodicTask loop_;  // last: stopped before the members its ticks use
};

}  // namespace tb::app
