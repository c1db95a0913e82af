#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "core/result.h"

namespace tb::storage {
class ChangeLog;
}
namespace tb::notices {
class NoticeStore;
}
namespace tb::search {
class SearchIndex;
}

namespace tb::app {

// Keeps this node's search index in step with the database (ARCHITECTURE.md §3): reads the
// `changes` log after the index's last applied seq, loads each changed notice as it is now
// and applies the batch with its seq in one index commit. A crash or restart resumes from
// the index's own seq, so nothing is missed or applied twice; a notice the database no
// longer has is deleted from the index. Thread-safe: CatchUp() may be called while the
// background loop runs (calls are serialised). Everything passed in must outlive it.
class SearchProjection {
 public:
  SearchProjection(storage::ChangeLog& log, notices::NoticeStore& notices,
                   search::SearchIndex& index);
  ~SearchProjection();

  SearchProjection(const SearchProjection&) = delete;
  SearchProjection& operator=(const SearchProjection&) = delete;

  // Applies every change committed so far; returns how many were applied.
  Result<std::int64_t> CatchUp();

  // Runs CatchUp() every `interval` on a background thread until Stop() or destruction.
  // Errors are logged and retried at the next tick (the database or index may be busy).
  void Start(std::chrono::milliseconds interval);
  void Stop();

 private:
  Result<std::int64_t> CatchUpLocked();

  storage::ChangeLog& log_;
  notices::NoticeStore& notices_;
  search::SearchIndex& index_;
  std::mutex catch_up_mu_;  // serialises CatchUp: the index has one writer

  std::mutex loop_mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // Guarded by loop_mu_.
  std::thread loop_;
};

}  // namespace tb::app
