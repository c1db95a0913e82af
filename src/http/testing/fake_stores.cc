#include "http/testing/fake_stores.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace tb::http::testing {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

notices::Notice MakeNotice(std::string public_id, std::string buyer, std::string title) {
  notices::Notice n;
  n.public_id = std::move(public_id);
  n.buyer = std::move(buyer);
  n.title = {std::move(title), Language::English()};
  n.type = notices::NoticeType::kRequestForQuotation;
  n.source = "ungm";
  n.countries = {"KE"};
  n.unspsc = {*UnspscCode::Parse("43211503")};
  n.published = Timestamp::FromSeconds(1'700'000'000);
  n.deadline = Timestamp::FromSeconds(1'800'000'000);
  return n;
}

NoticeId FakeNoticeStore::Add(notices::Notice notice) {
  std::lock_guard<std::mutex> lock(mu_);
  notice.id = NoticeId{static_cast<std::int64_t>(notices_.size()) + 1};
  versions_[notice.id.value] = {
      {.version = 1, .recorded_at = Timestamp::FromSeconds(1'700'000'100), .source = notice.source,
       .changed_fields = {}}};
  notices_.push_back(std::move(notice));
  return notices_.back().id;
}

Result<std::vector<notices::WriteOutcome>> FakeNoticeStore::UpsertBatch(
    std::span<const notices::Notice> batch, const MergeFn& merge) {
  if (fail_with) return *fail_with;
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<notices::WriteOutcome> outcomes;
  for (const notices::Notice& incoming : batch) {
    if (incoming.public_id.empty()) {
      return Status::InvalidArgument("empty public_id").WithField("public_id");
    }
    auto it = std::find_if(notices_.begin(), notices_.end(), [&](const notices::Notice& n) {
      return n.public_id == incoming.public_id;
    });
    if (it == notices_.end()) {
      notices::Notice stored = merge(nullptr, incoming);
      stored.id = NoticeId{static_cast<std::int64_t>(notices_.size()) + 1};
      versions_[stored.id.value].push_back(
          {.version = 1, .recorded_at = {}, .source = stored.source, .changed_fields = {}});
      notices_.push_back(std::move(stored));
      outcomes.push_back(notices::WriteOutcome::kNew);
      continue;
    }
    notices::Notice merged = merge(&*it, incoming);
    merged.id = it->id;
    if (merged == *it) {
      outcomes.push_back(notices::WriteOutcome::kUnchanged);
    } else {
      auto& v = versions_[it->id.value];
      v.push_back({.version = static_cast<int>(v.size()) + 1,
                   .recorded_at = {},
                   .source = merged.source,
                   .changed_fields = {}});
      *it = std::move(merged);
      outcomes.push_back(notices::WriteOutcome::kUpdated);
    }
  }
  return outcomes;
}

Result<notices::Notice> FakeNoticeStore::Get(NoticeId id) {
  if (throw_on_get) throw std::runtime_error("fake store bug");
  if (fail_with) return *fail_with;
  std::lock_guard<std::mutex> lock(mu_);
  if (id.value < 1 || id.value > static_cast<std::int64_t>(notices_.size())) {
    return Status::NotFound("no notice");
  }
  return notices_[static_cast<std::size_t>(id.value - 1)];
}

Result<notices::Notice> FakeNoticeStore::GetByPublicId(std::string_view public_id) {
  if (throw_on_get) throw std::runtime_error("fake store bug");
  if (fail_with) return *fail_with;
  std::lock_guard<std::mutex> lock(mu_);
  for (const notices::Notice& n : notices_) {
    if (n.public_id == public_id) return n;
  }
  return Status::NotFound("no notice");
}

Result<notices::NoticePage> FakeNoticeStore::List(const notices::NoticeFilter& filter,
                                                  notices::NoticeOrder order,
                                                  const notices::PageRequest& page, Timestamp) {
  if (fail_with) return *fail_with;
  std::lock_guard<std::mutex> lock(mu_);
  last_filter = filter;
  last_order = order;
  std::vector<const notices::Notice*> matching;
  for (const notices::Notice& n : notices_) {
    if (!filter.buyers.empty() &&
        std::none_of(filter.buyers.begin(), filter.buyers.end(),
                     [&](const std::string& b) { return Lower(b) == Lower(n.buyer); })) {
      continue;
    }
    if (!filter.source.empty() && filter.source != n.source) continue;
    if (!filter.types.empty() &&
        std::find(filter.types.begin(), filter.types.end(), n.type) == filter.types.end()) {
      continue;
    }
    matching.push_back(&n);
  }
  std::size_t start = 0;
  if (!page.cursor.empty()) {
    if (!page.cursor.starts_with("at:")) {
      return Status::InvalidArgument("cursor is not one this server issued").WithField("cursor");
    }
    start = std::stoul(page.cursor.substr(3));
  }
  notices::NoticePage out;
  out.total = static_cast<std::int64_t>(matching.size());
  const std::size_t end = std::min(matching.size(), start + static_cast<std::size_t>(page.limit));
  for (std::size_t i = start; i < end; ++i) out.items.push_back(*matching[i]);
  if (end < matching.size()) out.next_cursor = "at:" + std::to_string(end);
  return out;
}

Result<std::vector<notices::NoticeVersion>> FakeNoticeStore::History(NoticeId id) {
  if (fail_with) return *fail_with;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = versions_.find(id.value);
  if (it == versions_.end()) return Status::NotFound("no notice");
  return it->second;
}

Result<std::int64_t> FakeNoticeStore::Version(NoticeId id) {
  if (fail_with) return *fail_with;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = versions_.find(id.value);
  if (it == versions_.end() || it->second.empty()) return Status::NotFound("no notice");
  return std::int64_t{it->second.back().version};
}

Result<std::int64_t> FakeNoticeStore::Count() {
  if (fail_with) return *fail_with;
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<std::int64_t>(notices_.size());
}

Result<std::int64_t> FakeUnspscCatalogue::UpsertBatch(
    std::span<const notices::UnspscEntry> entries) {
  std::lock_guard<std::mutex> lock(mu_);
  std::int64_t changed = 0;
  for (const notices::UnspscEntry& e : entries) {
    auto [it, inserted] = entries_.try_emplace(e.code, e);
    if (inserted) {
      ++changed;
      continue;
    }
    notices::UnspscEntry merged = it->second;
    for (const auto& [lang, title] : e.titles) merged.titles[lang] = title;
    if (!(merged == it->second)) {
      it->second = std::move(merged);
      ++changed;
    }
  }
  return changed;
}

Result<notices::UnspscEntry> FakeUnspscCatalogue::Get(UnspscCode code) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(code);
  if (it == entries_.end()) return Status::NotFound("no such code");
  return it->second;
}

Result<std::vector<notices::UnspscEntry>> FakeUnspscCatalogue::GetMany(
    std::span<const UnspscCode> codes) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<notices::UnspscEntry> out;
  for (const auto& [code, entry] : entries_) {
    if (std::find(codes.begin(), codes.end(), code) != codes.end()) out.push_back(entry);
  }
  return out;
}

Result<std::vector<notices::UnspscEntry>> FakeUnspscCatalogue::FindByTitlePrefix(
    std::string_view prefix, const Language& language, int limit) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string p = Lower(prefix);
  std::vector<notices::UnspscEntry> out;
  for (const auto& [code, entry] : entries_) {
    auto it = entry.titles.find(language.code());
    if (it == entry.titles.end()) continue;
    const std::string title = Lower(it->second);
    bool match = false;
    for (std::size_t i = 0; i < title.size() && !match; ++i) {
      if ((i == 0 || title[i - 1] == ' ') && title.compare(i, p.size(), p) == 0) match = true;
    }
    if (match && static_cast<int>(out.size()) < limit) out.push_back(entry);
  }
  return out;
}

Result<std::vector<notices::UnspscEntry>> FakeUnspscCatalogue::All() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<notices::UnspscEntry> out;
  for (const auto& [code, entry] : entries_) out.push_back(entry);
  return out;
}

Result<std::int64_t> FakeUnspscCatalogue::Count() {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<std::int64_t>(entries_.size());
}

}  // namespace tb::http::testing
