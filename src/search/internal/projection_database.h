#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

// The Xapian files behind one projected index (notices, suppliers). Private to search/.
namespace tb::search::internal {

// One index directory as a projection of the `changes` log (docs/search.md, "Projection
// semantics"): the one WritableDatabase, used under a mutex, the metadata key `last_seq`
// committed with every batch, and a pool of read-only Databases, each reopened before use
// because Xapian objects are not thread-safe. Thread-safe.
class ProjectionDatabase {
 public:
  // Opens (creating if needed) the database at `path`. `what` names the index in messages
  // ("search index"). Unavailable when another process holds the write lock; Internal for a
  // corrupt or unreadable database.
  static Result<std::unique_ptr<ProjectionDatabase>> Open(const std::string& path,
                                                          std::string what);

  ProjectionDatabase(const ProjectionDatabase&) = delete;
  ProjectionDatabase& operator=(const ProjectionDatabase&) = delete;

  // True when the database had no document when it was opened.
  bool empty_at_open() const { return empty_at_open_; }

  // The seq stored with the last batch; 0 for a new database. Internal on a read error.
  Result<std::int64_t> LastSeq();

  // Under the writer lock: reads the last seq, then runs `batch(writer, last)` inside one
  // Xapian transaction that also stores the seq `batch` returns, so the documents and the seq
  // are committed together or not at all. An error from `batch` cancels the transaction and
  // is returned as it is; a Xapian error cancels it and is Unavailable (retry).
  using Batch = std::function<Result<std::int64_t>(Xapian::WritableDatabase&, std::int64_t last)>;
  Result<std::int64_t> ApplyBatch(const Batch& batch);

  // Deletes every document and stores seq 0 in one commit; then, still under the writer
  // lock, calls `after_commit` (may be empty). Unavailable on a Xapian error.
  Status Clear(const std::function<void()>& after_commit = {});

  // Runs `fn(db)` on a reader reopened to the latest commit; retries when a commit lands
  // while the reader is in use (Xapian's DatabaseModifiedError). Unavailable after 10 tries
  // or when the database cannot be opened.
  template <typename T, typename Fn>
  Result<T> WithReader(Fn fn);

 private:
  ProjectionDatabase(std::string path, std::string what, Xapian::WritableDatabase writer);

  std::unique_ptr<Xapian::Database> LeaseReader();
  void ReturnReader(std::unique_ptr<Xapian::Database> db);

  const std::string path_;
  const std::string what_;
  bool empty_at_open_ = false;
  std::mutex writer_mu_;
  Xapian::WritableDatabase writer_;  // Guarded by writer_mu_.
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Xapian::Database>> pool_;  // Guarded by pool_mu_.
};

template <typename T, typename Fn>
Result<T> ProjectionDatabase::WithReader(Fn fn) {
  constexpr int kRetries = 10;  // a search spanning two commits must start again
  std::unique_ptr<Xapian::Database> db = LeaseReader();
  std::string error;
  for (int attempt = 0; attempt < kRetries; ++attempt) {
    // Under a steady stream of commits a slow search could be overtaken every time; the last
    // attempt holds the writer's lock, so it sees no commit and always finishes (the writer
    // waits one search at most).
    std::unique_lock<std::mutex> no_commits(writer_mu_, std::defer_lock);
    if (attempt == kRetries - 1) no_commits.lock();
    try {
      if (!db) {
        db = std::make_unique<Xapian::Database>(path_);
      } else {
        db->reopen();
      }
      Result<T> result = fn(*db);
      ReturnReader(std::move(db));
      return result;
    } catch (const Xapian::DatabaseModifiedError& e) {
      error = e.get_msg();
    } catch (const Xapian::Error& e) {
      db.reset();
      error = e.get_msg();
    }
  }
  return Status::Unavailable(what_ + " busy or unreadable: " + error);
}

}  // namespace tb::search::internal
