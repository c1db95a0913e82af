// Engine (a): TenderBridge's own search engine, tb::search::XapianSearchIndex, fed through
// Apply() in batches exactly as the changes-log projection feeds it.
#include <chrono>
#include <filesystem>

#include "engines.h"
#include "notice_corpus.h"
#include "search/search_index.h"
#include "search/unspsc_title_lookup.h"

namespace tb::bench::search {
namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

class XapianSession final : public EngineSession {
 public:
  XapianSession(tb::search::SearchIndex& index, bool facets) : index_(index), facets_(facets) {}

  Result<std::vector<std::int64_t>> Top10(const BenchQuery& q) override {
    tb::search::SearchRequest r;
    r.query = q.text;
    r.language = Language::FromTag(q.language);
    r.now = NoticeCorpus::Now();
    if (!q.agency.empty()) r.agencies.push_back(q.agency);
    if (!q.country.empty()) r.countries.push_back(q.country);
    if (!q.code_prefix.empty()) r.codes.push_back(q.code_prefix);
    if (!q.doc_language.empty()) r.languages.push_back(q.doc_language);
    if (q.open) r.statuses.push_back(tb::search::OpenStatus::kOpen);
    r.page_size = 10;
    r.facets = facets_;
    TB_ASSIGN_OR_RETURN(tb::search::SearchResponse response, index_.Search(r));
    std::vector<std::int64_t> ids;
    ids.reserve(response.hits.size());
    for (const auto& hit : response.hits) ids.push_back(hit.id.value);
    return ids;
  }

 private:
  tb::search::SearchIndex& index_;
  bool facets_;
};

class XapianEngine final : public Engine {
 public:
  XapianEngine(std::string dir, int batch) : dir_(std::move(dir)), batch_(batch) {}

  std::string name() const override { return facets_ ? "tenderbridge-xapian+facets" : "tenderbridge-xapian"; }
  void SetFacets(bool facets) override { facets_ = facets; }

  Result<BuildStats> Build(const NoticeCorpus& corpus, std::int64_t size) override {
    BuildStats stats;
    index_.reset();
    std::filesystem::remove_all(dir_);
    std::vector<tb::search::UnspscTitle> titles;
    for (const notices::UnspscEntry& entry : corpus.unspsc()) {
      for (const auto& [language, title] : entry.titles) {
        titles.push_back({entry.code, Language::FromTag(language), title});
      }
    }
    const auto started = Clock::now();
    lookup_ = tb::search::MakeInMemoryUnspscTitleLookup(std::move(titles));
    tb::search::IndexOptions options;
    options.path = dir_;
    options.titles = lookup_.get();
    TB_ASSIGN_OR_RETURN(index_, tb::search::OpenXapianSearchIndex(options));
    stats.seconds += Since(started);
    std::vector<tb::search::IndexChange> changes;
    for (std::int64_t from = 0; from < size; from += batch_) {
      const auto generating = Clock::now();
      changes.clear();
      for (std::int64_t i = from; i < std::min<std::int64_t>(size, from + batch_); ++i) {
        changes.push_back(tb::search::IndexChange::Upsert(i + 1, corpus.Generate(i)));
      }
      stats.generate_seconds += Since(generating);
      const auto applying = Clock::now();
      TB_ASSIGN_OR_RETURN(tb::search::ApplyReport report, index_->Apply(changes));
      stats.seconds += Since(applying);
      if (report.applied != static_cast<std::int64_t>(changes.size())) {
        return Status::Internal("xapian: batch not fully applied");
      }
    }
    stats.index_bytes = DiskBytes(dir_);
    stats.notes = "Apply() batches of " + std::to_string(batch_) + " notices, one commit each";
    return stats;
  }

  Result<std::unique_ptr<EngineSession>> Connect() override {
    if (!index_) return Status::FailedPrecondition("xapian: not built");
    return std::unique_ptr<EngineSession>(std::make_unique<XapianSession>(*index_, facets_));
  }

 private:
  std::string dir_;
  int batch_;
  bool facets_ = false;
  std::unique_ptr<tb::search::UnspscTitleLookup> lookup_;
  std::unique_ptr<tb::search::SearchIndex> index_;
};

}  // namespace

std::unique_ptr<Engine> MakeXapianEngine(std::string dir, int batch) {
  return std::make_unique<XapianEngine>(std::move(dir), batch);
}

}  // namespace tb::bench::search
