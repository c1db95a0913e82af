#include "notices/testing/in_memory_notice_store.h"

#include <algorithm>

#include "core/text.h"

namespace tb::notices::testing {
namespace {

bool Matches(const Notice& n, const NoticeFilter& f, Timestamp now) {
  const auto in = [](const auto& list, const auto& value) {
    return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
  };
  if (!f.buyers.empty() &&
      std::none_of(f.buyers.begin(), f.buyers.end(), [&](const std::string& b) {
        return text::ToLowerAscii(b) == text::ToLowerAscii(n.buyer);
      })) {
    return false;
  }
  if (!in(f.types, n.type) || !in(f.statuses, n.status)) return false;
  if (!f.countries.empty() && std::none_of(n.countries.begin(), n.countries.end(), [&](const std::string& c) {
        return std::find(f.countries.begin(), f.countries.end(), c) != f.countries.end();
      })) {
    return false;
  }
  if (!f.unspsc_prefixes.empty() && std::none_of(n.unspsc.begin(), n.unspsc.end(), [&](UnspscCode c) {
        return std::any_of(f.unspsc_prefixes.begin(), f.unspsc_prefixes.end(),
                           [&](const std::string& p) { return c.ToString().starts_with(p); });
      })) {
    return false;
  }
  if (f.open && (!n.deadline || (*n.deadline > now) != *f.open)) return false;
  if (f.published_from && (!n.published || *n.published < *f.published_from)) return false;
  if (f.published_to && (!n.published || *n.published >= *f.published_to)) return false;
  if (f.deadline_from && (!n.deadline || *n.deadline < *f.deadline_from)) return false;
  if (f.deadline_to && (!n.deadline || *n.deadline >= *f.deadline_to)) return false;
  if (!f.source.empty() && f.source != n.source) return false;
  return true;
}

}  // namespace

void InMemoryNoticeStore::FailBatchesContaining(std::string public_id) {
  std::lock_guard lock(mu_);
  fail_on_ = std::move(public_id);
}

int InMemoryNoticeStore::committed_batches() const {
  std::lock_guard lock(mu_);
  return committed_batches_;
}

Result<std::vector<WriteOutcome>> InMemoryNoticeStore::UpsertBatch(std::span<const Notice> batch,
                                                                   const MergeFn& merge) {
  std::lock_guard lock(mu_);
  // Stage every change; commit only when the whole batch went through.
  std::unordered_map<std::string, Stored> staged;
  std::int64_t next_id = next_id_;
  std::vector<WriteOutcome> outcomes;
  outcomes.reserve(batch.size());
  for (const Notice& incoming : batch) {
    if (incoming.public_id.empty()) return Status::InvalidArgument("a notice needs a public_id").WithField("public_id");
    if (!fail_on_.empty() && incoming.public_id == fail_on_) return Status::Unavailable("injected failure");
    const Stored* current = nullptr;
    if (auto it = staged.find(incoming.public_id); it != staged.end()) {
      current = &it->second;
    } else if (auto it2 = by_public_id_.find(incoming.public_id); it2 != by_public_id_.end()) {
      current = &it2->second;
    }
    Notice merged = merge(current ? &current->notice : nullptr, incoming);
    merged.public_id = incoming.public_id;
    merged.id = current ? current->notice.id : NoticeId{next_id++};
    std::string fingerprint = Fingerprint(merged);
    if (current && current->fingerprint == fingerprint) {
      outcomes.push_back(WriteOutcome::kUnchanged);
      continue;
    }
    Stored next;
    if (current) next.versions = current->versions;
    next.versions.push_back({static_cast<int>(next.versions.size()) + 1, Timestamp(), merged.source, {}});
    outcomes.push_back(current ? WriteOutcome::kUpdated : WriteOutcome::kNew);
    next.notice = std::move(merged);
    next.fingerprint = std::move(fingerprint);
    staged[incoming.public_id] = std::move(next);
  }
  for (auto& [public_id, stored] : staged) {
    public_id_by_id_[stored.notice.id.value] = public_id;
    by_public_id_[public_id] = std::move(stored);
  }
  next_id_ = next_id;
  ++committed_batches_;
  return outcomes;
}

Result<Notice> InMemoryNoticeStore::Get(NoticeId id) {
  std::lock_guard lock(mu_);
  const auto it = public_id_by_id_.find(id.value);
  if (it == public_id_by_id_.end()) return Status::NotFound("no such notice");
  return by_public_id_.at(it->second).notice;
}

Result<Notice> InMemoryNoticeStore::GetByPublicId(std::string_view public_id) {
  std::lock_guard lock(mu_);
  const auto it = by_public_id_.find(std::string(public_id));
  if (it == by_public_id_.end()) return Status::NotFound("no such notice");
  return it->second.notice;
}

Result<NoticePage> InMemoryNoticeStore::List(const NoticeFilter& filter, NoticeOrder order,
                                             const PageRequest& page, Timestamp now) {
  std::lock_guard lock(mu_);
  std::vector<const Notice*> hits;
  for (const auto& [id, public_id] : public_id_by_id_) {
    const Notice& n = by_public_id_.at(public_id).notice;
    if (Matches(n, filter, now)) hits.push_back(&n);
  }
  if (order == NoticeOrder::kNewest) {
    std::stable_sort(hits.begin(), hits.end(), [](const Notice* a, const Notice* b) {
      if (a->published != b->published) {
        if (!a->published) return false;
        if (!b->published) return true;
        return *a->published > *b->published;
      }
      return a->id.value > b->id.value;
    });
  } else {
    std::stable_sort(hits.begin(), hits.end(), [](const Notice* a, const Notice* b) {
      if (a->deadline != b->deadline) {
        if (!a->deadline) return false;
        if (!b->deadline) return true;
        return *a->deadline < *b->deadline;
      }
      return a->id.value < b->id.value;
    });
  }
  // The cursor is an offset tagged with the order: enough for a test fake.
  const std::string tag = order == NoticeOrder::kNewest ? "n:" : "d:";
  std::size_t offset = 0;
  if (!page.cursor.empty()) {
    if (!page.cursor.starts_with(tag)) return Status::InvalidArgument("bad cursor").WithField("cursor");
    offset = static_cast<std::size_t>(std::strtoll(page.cursor.c_str() + 2, nullptr, 10));
  }
  NoticePage out;
  out.total = static_cast<std::int64_t>(hits.size());
  const std::size_t limit = static_cast<std::size_t>(std::clamp(page.limit, 1, 100));
  for (std::size_t i = offset; i < hits.size() && out.items.size() < limit; ++i) out.items.push_back(*hits[i]);
  if (offset + out.items.size() < hits.size()) out.next_cursor = tag + std::to_string(offset + out.items.size());
  return out;
}

Result<std::vector<NoticeVersion>> InMemoryNoticeStore::History(NoticeId id) {
  std::lock_guard lock(mu_);
  const auto it = public_id_by_id_.find(id.value);
  if (it == public_id_by_id_.end()) return Status::NotFound("no such notice");
  return by_public_id_.at(it->second).versions;
}

Result<std::int64_t> InMemoryNoticeStore::Version(NoticeId id) {
  std::lock_guard lock(mu_);
  const auto it = public_id_by_id_.find(id.value);
  if (it == public_id_by_id_.end()) return Status::NotFound("no such notice");
  const std::vector<NoticeVersion>& versions = by_public_id_.at(it->second).versions;
  return versions.empty() ? std::int64_t{0} : std::int64_t{versions.back().version};
}

Result<std::int64_t> InMemoryNoticeStore::Count() {
  std::lock_guard lock(mu_);
  return static_cast<std::int64_t>(by_public_id_.size());
}

Result<std::int64_t> InMemoryUnspscCatalogue::UpsertBatch(std::span<const UnspscEntry> entries) {
  std::lock_guard lock(mu_);
  std::int64_t changed = 0;
  for (const UnspscEntry& e : entries) {
    auto [it, inserted] = entries_.try_emplace(e.code, e);
    if (inserted) {
      ++changed;
      continue;
    }
    UnspscEntry merged = it->second;
    for (const auto& [lang, title] : e.titles) merged.titles[lang] = title;
    if (!(merged == it->second)) {
      it->second = std::move(merged);
      ++changed;
    }
  }
  return changed;
}

Result<UnspscEntry> InMemoryUnspscCatalogue::Get(UnspscCode code) {
  std::lock_guard lock(mu_);
  const auto it = entries_.find(code);
  if (it == entries_.end()) return Status::NotFound("no such UNSPSC code");
  return it->second;
}

Result<std::vector<UnspscEntry>> InMemoryUnspscCatalogue::GetMany(std::span<const UnspscCode> codes) {
  std::lock_guard lock(mu_);
  std::vector<UnspscEntry> out;
  for (UnspscCode c : codes) {
    if (auto it = entries_.find(c); it != entries_.end()) out.push_back(it->second);
  }
  std::sort(out.begin(), out.end(), [](const UnspscEntry& a, const UnspscEntry& b) { return a.code < b.code; });
  out.erase(std::unique(out.begin(), out.end(), [](const UnspscEntry& a, const UnspscEntry& b) { return a.code == b.code; }), out.end());
  return out;
}

Result<std::vector<UnspscEntry>> InMemoryUnspscCatalogue::FindByTitlePrefix(std::string_view prefix,
                                                                             const Language& language, int limit) {
  std::lock_guard lock(mu_);
  std::vector<UnspscEntry> out;
  const std::string p = text::ToLowerAscii(prefix);
  for (const auto& [code, e] : entries_) {
    const std::string title = text::ToLowerAscii(e.TitleIn(language));
    const std::size_t at = title.find(p);
    if (at != std::string::npos && (at == 0 || title[at - 1] == ' ')) out.push_back(e);
  }
  std::stable_sort(out.begin(), out.end(), [](const UnspscEntry& a, const UnspscEntry& b) {
    return a.code.level() < b.code.level();
  });
  if (out.size() > static_cast<std::size_t>(std::clamp(limit, 1, 50))) out.resize(std::clamp(limit, 1, 50));
  return out;
}

Result<std::vector<UnspscEntry>> InMemoryUnspscCatalogue::All() {
  std::lock_guard lock(mu_);
  std::vector<UnspscEntry> out;
  for (const auto& [code, entry] : entries_) out.push_back(entry);
  return out;
}

Result<std::int64_t> InMemoryUnspscCatalogue::Count() {
  std::lock_guard lock(mu_);
  return static_cast<std::int64_t>(entries_.size());
}

}  // namespace tb::notices::testing
