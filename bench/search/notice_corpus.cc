#include "notice_corpus.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "core/text.h"
#include "notices/import_service.h"
#include "notices/testing/in_memory_notice_store.h"

namespace tb::bench::search {
namespace {

using notices::Notice;

constexpr std::size_t kMaxTitleWords = 24;
constexpr std::size_t kMaxDescriptionPiece = 600;

// Source groups and their share of the synthetic notices: UN notices are few in data/, so
// they are over-weighted against AusTender's 40k short contract lines.
struct SourceGroup {
  const char* name;
  double weight;
};
constexpr SourceGroup kSources[] = {{"austender", 0.35}, {"secop", 0.30}, {"ocds", 0.25}, {"ungm", 0.10}};

std::size_t SourceGroupOf(const std::string& source) {
  if (source == "undp") return 3;
  for (std::size_t i = 0; i < std::size(kSources); ++i) {
    if (source == kSources[i].name) return i;
  }
  return 2;
}

// Beneficiary countries of UN notices, added to the countries found in the data so that
// country filters have realistic spread.
constexpr const char* kUnCountries[] = {"AF", "BD", "BF", "CD", "CO", "ET", "HT", "IQ", "JO", "KE",
                                        "LB", "ML", "MM", "MZ", "NE", "NG", "PK", "PS", "SD", "SO",
                                        "SS", "SY", "TD", "UA", "UG", "YE", "ZW", "PH", "PE", "GT"};

std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\n' && text[i] != '\t') ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

std::string Join(const std::vector<std::string_view>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to && i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out.append(words[i]);
  }
  return out;
}

// A UTF-8-safe prefix of at most `max` bytes.
std::string Cut(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

std::uint32_t ClassOf(const Notice& n) {
  if (n.unspsc.empty()) return 0;
  return n.unspsc.front().value() / 100;
}

}  // namespace

std::uint64_t Rng::Next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

Timestamp NoticeCorpus::Now() { return Timestamp::FromSeconds(1'772'323'200); }  // 2026-03-01

Result<std::unique_ptr<NoticeCorpus>> NoticeCorpus::Load(const std::string& data_dir, std::uint64_t seed) {
  notices::testing::InMemoryNoticeStore store;
  notices::testing::InMemoryUnspscCatalogue catalogue;
  FakeClock clock(Now());
  notices::ImportService importer(store, catalogue, clock);
  notices::ImportOptions options;
  options.keep_going = true;  // a few real records are refused; the rest is what we want
  options.batch_size = 5000;
  TB_ASSIGN_OR_RETURN(notices::ImportReport report, notices::LoadDemoData(importer, data_dir, options));
  (void)report;  // counts are not needed: the store holds what was accepted

  std::unique_ptr<NoticeCorpus> corpus(new NoticeCorpus());
  corpus->seed_ = seed;
  TB_ASSIGN_OR_RETURN(corpus->unspsc_, catalogue.All());
  TB_ASSIGN_OR_RETURN(std::int64_t count, store.Count());
  std::set<std::string> countries(std::begin(kUnCountries), std::end(kUnCountries));
  for (std::int64_t id = 1; id <= count; ++id) {
    Result<Notice> notice = store.Get(NoticeId{id});
    if (!notice.ok() || text::Trim(notice->title.text).empty()) continue;
    for (const std::string& c : notice->countries) countries.insert(c);
    corpus->templates_.push_back(std::move(*notice));
  }
  if (corpus->templates_.empty()) return Status::NotFound("no notices in " + data_dir).WithField("data_dir");
  corpus->countries_.assign(countries.begin(), countries.end());

  corpus->by_source_.resize(std::size(kSources));
  std::map<std::uint32_t, std::vector<std::uint32_t>> by_class;
  for (std::uint32_t i = 0; i < corpus->templates_.size(); ++i) {
    const Notice& n = corpus->templates_[i];
    corpus->by_source_[SourceGroupOf(n.source)].push_back(i);
    if (std::uint32_t c = ClassOf(n); c != 0) by_class[c].push_back(i);
  }
  for (std::size_t g = 0; g < std::size(kSources); ++g) {
    corpus->source_weights_.push_back(corpus->by_source_[g].empty() ? 0.0 : kSources[g].weight);
  }
  corpus->by_class_.assign(by_class.begin(), by_class.end());
  return corpus;
}

std::size_t NoticeCorpus::TemplateOf(std::int64_t index) const {
  Rng rng(seed_ * 0x100000001B3ULL + static_cast<std::uint64_t>(index));
  double total = 0;
  for (double w : source_weights_) total += w;
  double pick = rng.Unit() * total;
  std::size_t group = 0;
  for (; group + 1 < source_weights_.size(); ++group) {
    if (pick < source_weights_[group]) break;
    pick -= source_weights_[group];
  }
  while (by_source_[group].empty()) --group;  // rounding past the last non-empty group
  const std::vector<std::uint32_t>& members = by_source_[group];
  return members[rng.Below(members.size())];
}

notices::Notice NoticeCorpus::Generate(std::int64_t index) const {
  const std::size_t t = TemplateOf(index);
  const Notice& base = templates_[t];
  // A second stream, so the template choice above stays a cheap prefix of the generation.
  Rng rng((seed_ + 0x5851F42D4C957F2DULL) * 0x2545F4914F6CDD1DULL + static_cast<std::uint64_t>(index));

  // A sibling: another real notice with a code of the same class (same source otherwise).
  const Notice* sibling = &base;
  if (std::uint32_t c = ClassOf(base); c != 0) {
    auto it = std::lower_bound(by_class_.begin(), by_class_.end(), c,
                               [](const auto& entry, std::uint32_t key) { return entry.first < key; });
    if (it != by_class_.end() && it->first == c) sibling = &templates_[it->second[rng.Below(it->second.size())]];
  } else {
    const auto& members = by_source_[SourceGroupOf(base.source)];
    sibling = &templates_[members[rng.Below(members.size())]];
  }

  Notice n;
  n.id = NoticeId{index + 1};
  n.public_id = "bench-" + std::to_string(index);
  n.reference = base.reference;
  // Unknown languages are read as English, as query generation assumes.
  n.title.language = base.title.language.known() ? base.title.language : Language::English();
  n.description.language = base.description.language.known() ? base.description.language : n.title.language;

  // Title: the real title (40%), or the start of it joined with a phrase of the sibling's.
  const auto base_words = Words(base.title.text);
  if (rng.Unit() < 0.4 || base_words.size() < 2) {
    n.title.text = Cut(base.title.text, 300);
  } else {
    const auto sib_words = Words(sibling->title.text);
    const std::size_t keep = 2 + rng.Below(std::max<std::size_t>(1, std::min<std::size_t>(base_words.size(), 8) - 1));
    n.title.text = Join(base_words, 0, std::min(keep, kMaxTitleWords));
    if (!sib_words.empty()) {
      const std::size_t len = 2 + rng.Below(4);
      const std::size_t from = rng.Below(sib_words.size());
      n.title.text += ' ';
      n.title.text += Join(sib_words, from, std::min(from + len, from + kMaxTitleWords - keep));
    }
  }

  // Description: pieces of the template's and the sibling's descriptions (or titles).
  const std::string& own = base.description.text.empty() ? base.title.text : base.description.text;
  n.description.text = Cut(own, kMaxDescriptionPiece);
  if (rng.Unit() < 0.6) {
    const std::string& other = sibling->description.text.empty() ? sibling->title.text : sibling->description.text;
    n.description.text += "\n";
    n.description.text += Cut(other, kMaxDescriptionPiece / 2);
  }

  // Agency: the template's buyer, or the buyer of another real notice (frequency-weighted).
  n.buyer = rng.Unit() < 0.6 ? base.buyer : templates_[rng.Below(templates_.size())].buyer;
  n.type = base.type;
  n.status = notices::NoticeStatus::kActive;
  n.procurement_method = base.procurement_method;
  n.main_category = base.main_category;
  n.unspsc = base.unspsc;
  if (rng.Unit() < 0.6 && !base.countries.empty()) {
    n.countries = base.countries;
  } else {
    n.countries.push_back(countries_[rng.Below(countries_.size())]);
    if (rng.Unit() < 0.15) n.countries.push_back(countries_[rng.Below(countries_.size())]);
  }
  const std::int64_t day = 86'400;
  const std::int64_t published = Now().micros() / 1'000'000 - static_cast<std::int64_t>(rng.Below(180)) * day;
  n.published = Timestamp::FromSeconds(published);
  n.deadline = Timestamp::FromSeconds(published + (5 + static_cast<std::int64_t>(rng.Below(86))) * day +
                                      static_cast<std::int64_t>(rng.Below(day)));
  if (base.estimated_value) {
    Money value = *base.estimated_value;
    value.amount_minor = static_cast<std::int64_t>(static_cast<double>(value.amount_minor) * (0.5 + 1.5 * rng.Unit()));
    n.estimated_value = value;
  }
  n.source = base.source;
  n.updated = n.published;
  notices::Normalize(n);
  return n;
}

std::string NoticeCorpus::EnglishTitle(UnspscCode code) const {
  auto it = std::lower_bound(unspsc_.begin(), unspsc_.end(), code,
                             [](const notices::UnspscEntry& e, UnspscCode key) { return e.code < key; });
  if (it == unspsc_.end() || it->code != code) return {};
  auto en = it->titles.find("en");
  return en == it->titles.end() ? std::string() : std::string(text::Trim(en->second));
}

}  // namespace tb::bench::search
