#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace tb::http {

// The rendered body of GET /api/v1/notices/{id} per notice, keyed by (internal id, version).
// A reader asks the store for the notice's current version (NoticeStore::Version, one
// primary-key look-up) and serves the cached bytes only when the versions are equal, so an
// entry is never served after a write has committed, whichever server sharing the database
// made it. Bounded by `max_bytes` (bodies and public ids); past that, entries are dropped in
// no particular order. Thread-safe: look-ups share a reader lock, so an I/O thread that is
// descheduled during one never stalls the others.
class NoticeCache {
 public:
  struct Entry {
    std::int64_t version = 0;
    std::string body;  // the JSON document as served
    std::string etag;  // StrongEtag(body), computed once
  };

  explicit NoticeCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  NoticeCache(const NoticeCache&) = delete;
  NoticeCache& operator=(const NoticeCache&) = delete;

  bool enabled() const { return max_bytes_ > 0; }

  // The entry for notice `id`, or null. The caller compares its version with the store's.
  std::shared_ptr<const Entry> Find(std::int64_t id) const;
  // Stores (or replaces) the entry for notice `id`. Ignored when disabled or too large.
  void Put(std::int64_t id, std::shared_ptr<const Entry> entry);

  // Public ids (ocids, "ungm-123") resolved to internal ids before. A public id names one
  // notice for good, so this needs no version; a stale mapping (a deleted notice) only sends
  // the caller back to the store, which answers NotFound for the old id.
  std::optional<std::int64_t> FindPublicId(std::string_view public_id) const;
  void PutPublicId(std::string_view public_id, std::int64_t id);

  std::size_t bytes() const;

 private:
  void EvictLocked(std::size_t incoming);

  const std::size_t max_bytes_;
  mutable std::shared_mutex mu_;
  std::unordered_map<std::int64_t, std::shared_ptr<const Entry>> entries_;  // Guarded by mu_.
  std::unordered_map<std::string, std::int64_t> public_ids_;                // Guarded by mu_.
  std::size_t bytes_ = 0;                                                   // Guarded by mu_.
};

}  // namespace tb::http
