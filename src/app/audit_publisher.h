#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "audit/tree_head.h"
#include "core/result.h"
#include "core/timestamp.h"

namespace tb::crypto {
class SigningKey;
}  // namespace tb::crypto
namespace tb::storage {
class Database;
}  // namespace tb::storage

namespace tb::app {

// Issues the audit log's signed tree heads (SECURITY.md AU-03): whenever the log has grown
// since the newest stored head, it signs a head of the current tree with the platform key
// and stores it, in one write transaction that holds the append lock, so the head is of a
// tree that really was committed. `serve` runs it every 60 s, so a head is never more than a
// minute behind an event; receipts, deadlines and openings add their own heads in between.
// Thread-safe. `db`, `key` and `clock` must outlive it; Stop() (or the destructor) ends the
// background thread.
class AuditPublisher {
 public:
  AuditPublisher(storage::Database& db, const crypto::SigningKey& key, const Clock& clock);
  ~AuditPublisher();

  AuditPublisher(const AuditPublisher&) = delete;
  AuditPublisher& operator=(const AuditPublisher&) = delete;

  // The head just stored, or nullopt when the log has not grown since the newest stored head
  // (an empty log gets no head). Errors of the database (Unavailable, Internal).
  Result<std::optional<audit::TreeHead>> PublishIfGrown();

  // Publishes now, then every `interval` on a background thread, until Stop(). Failures are
  // logged and retried at the next tick. Call once.
  void Start(std::chrono::milliseconds interval);

  // Ends the background thread after a last PublishIfGrown, so the entries of the final
  // minute are covered by a head too. Idempotent.
  void Stop();

 private:
  void Run(std::chrono::milliseconds interval);

  storage::Database& db_;
  const crypto::SigningKey& key_;
  const Clock& clock_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // Guarded by mu_.
  std::thread thread_;
};

}  // namespace tb::app
