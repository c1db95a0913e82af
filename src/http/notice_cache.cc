#include "http/notice_cache.h"

namespace tb::http {
namespace {

// Map node, key and control overhead per entry, roughly; it keeps many tiny entries honest.
constexpr std::size_t kEntryOverhead = 96;

std::size_t Cost(const NoticeCache::Entry& entry) {
  return entry.body.size() + entry.etag.size() + kEntryOverhead;
}

}  // namespace

std::shared_ptr<const NoticeCache::Entry> NoticeCache::Find(std::int64_t id) const {
  std::shared_lock lock(mu_);
  auto it = entries_.find(id);
  return it == entries_.end() ? nullptr : it->second;
}

void NoticeCache::Put(std::int64_t id, std::shared_ptr<const Entry> entry) {
  if (!entry) return;
  const std::size_t cost = Cost(*entry);
  if (cost > max_bytes_ / 4) return;  // also covers a disabled cache (max_bytes_ == 0)
  std::unique_lock lock(mu_);
  auto it = entries_.find(id);
  if (it != entries_.end()) {
    bytes_ -= Cost(*it->second);
    entries_.erase(it);
  }
  EvictLocked(cost);
  entries_.emplace(id, std::move(entry));
  bytes_ += cost;
}

std::optional<std::int64_t> NoticeCache::FindPublicId(std::string_view public_id) const {
  std::shared_lock lock(mu_);
  auto it = public_ids_.find(std::string(public_id));
  if (it == public_ids_.end()) return std::nullopt;
  return it->second;
}

void NoticeCache::PutPublicId(std::string_view public_id, std::int64_t id) {
  const std::size_t cost = public_id.size() + kEntryOverhead;
  if (cost > max_bytes_ / 4) return;
  std::unique_lock lock(mu_);
  if (public_ids_.contains(std::string(public_id))) return;
  EvictLocked(cost);
  public_ids_.emplace(std::string(public_id), id);
  bytes_ += cost;
}

std::size_t NoticeCache::bytes() const {
  std::shared_lock lock(mu_);
  return bytes_;
}

void NoticeCache::EvictLocked(std::size_t incoming) {
  // Dropping whatever comes first in the table is crude but O(1) and lock-cheap; the cache
  // exists for hot notices, which come straight back.
  while (bytes_ + incoming > max_bytes_ && !entries_.empty()) {
    auto it = entries_.begin();
    bytes_ -= Cost(*it->second);
    entries_.erase(it);
  }
  while (bytes_ + incoming > max_bytes_ && !public_ids_.empty()) {
    auto it = public_ids_.begin();
    bytes_ -= it->first.size() + kEntryOverhead;
    public_ids_.erase(it);
  }
}

}  // namespace tb::http
