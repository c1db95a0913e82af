// The Xapian implementation of SearchIndex. One WritableDatabase (the applier, under a mutex)
// and a pool of read-only Databases: Xapian objects are not thread-safe, so each search
// leases its own reader and reopen()s it to see the latest commit.
#include <xapian.h>

#include <chrono>
#include <unordered_set>

#include "core/text.h"
#include "search/internal/cursor.h"
#include "search/internal/document_builder.h"
#include "search/internal/facets.h"
#include "search/internal/layout.h"
#include "search/internal/projection_database.h"
#include "search/internal/query_builder.h"
#include "search/internal/text_analysis.h"
#include "search/search_index.h"
#include "search/unspsc_title_lookup.h"

namespace tb::search {
namespace {

using namespace internal;  // NOLINT: the notice index and its own internals

constexpr int kRelevanceWindow = 50;  // how far a relevance cursor looks for its anchor
constexpr std::size_t kFacetLimit = 50;
constexpr std::size_t kMaxFreshIds = 5'000'000;  // see XapianSearchIndex::fresh_

// Rejects documents at or before the keyset cursor among those whose sort value equals it
// (the value range on the query removes the ones strictly before).
class AfterCursor final : public Xapian::MatchDecider {
 public:
  AfterCursor(unsigned slot, std::string value, Xapian::docid docid)
      : slot_(slot), value_(std::move(value)), docid_(docid) {}
  bool operator()(const Xapian::Document& doc) const override {
    return doc.get_value(slot_) != value_ || doc.get_docid() > docid_;
  }

 private:
  unsigned slot_;
  std::string value_;
  Xapian::docid docid_;
};

class XapianSearchIndex final : public SearchIndex {
 public:
  XapianSearchIndex(std::unique_ptr<ProjectionDatabase> db, const UnspscTitleLookup* titles)
      : db_(std::move(db)), titles_(titles) {
    fresh_ = db_->empty_at_open();
  }

  Result<ApplyReport> Apply(std::span<const IndexChange> changes) override {
    std::int64_t previous = 0;
    for (const IndexChange& c : changes) {
      if (c.seq <= previous) {
        return Status::InvalidArgument("changes must come in increasing seq order").WithField("seq");
      }
      previous = c.seq;
      if (c.op == IndexChange::Op::kUpsert && (!c.notice || c.notice->id != c.id || !c.id.valid())) {
        return Status::InvalidArgument("an upsert needs its stored notice").WithField("notice");
      }
    }
    ApplyReport report;
    auto write = [&](Xapian::WritableDatabase& writer, std::int64_t last) -> Result<std::int64_t> {
      for (const IndexChange& c : changes) {
        if (c.seq <= last) {
          ++report.skipped;
          continue;
        }
        last = c.seq;
        if (c.op == IndexChange::Op::kProgress) continue;  // nothing to index, only the seq
        const std::string id_term = IdTerm(c.id);
        if (c.op == IndexChange::Op::kDelete) {
          writer.delete_document(id_term);
        } else if (fresh_ && fresh_ids_.insert(c.id.value).second) {
          // Known not to be in the index: add_document skips replace_document's lookup of
          // the id term (a first build or reindex applies every notice this way).
          writer.add_document(BuildDocument(*c.notice, titles_));
        } else {
          writer.replace_document(id_term, BuildDocument(*c.notice, titles_));
        }
        ++report.applied;
      }
      if (fresh_ && fresh_ids_.size() > kMaxFreshIds) EndFreshMode();
      return last;
    };
    TB_ASSIGN_OR_RETURN(report.last_seq, db_->ApplyBatch(write));
    return report;
  }

  Result<std::int64_t> LastAppliedSeq() override { return db_->LastSeq(); }

  Status Clear() override {
    return db_->Clear([this] {
      fresh_ids_.clear();
      fresh_ = true;
    });
  }

  Result<std::int64_t> DocumentCount() override {
    return WithReader<std::int64_t>(
        [](Xapian::Database& db) -> Result<std::int64_t> { return static_cast<std::int64_t>(db.get_doccount()); });
  }

  Result<SearchResponse> Search(const SearchRequest& request) override {
    const auto started = std::chrono::steady_clock::now();
    TB_ASSIGN_OR_RETURN(BuiltQuery built, BuildQuery(request, titles_));
    std::optional<Cursor> cursor;
    if (!request.cursor.empty()) {
      TB_ASSIGN_OR_RETURN(Cursor c, DecodeCursor(request.cursor));
      if (c.sort != request.sort) {
        return Status::InvalidArgument("the cursor belongs to another sort order").WithField("cursor");
      }
      cursor = c;
    }
    auto result = WithReader<SearchResponse>([&](Xapian::Database& db) -> Result<SearchResponse> {
      return RunSearch(db, request, built, cursor);
    });
    if (result.ok()) {
      result->elapsed_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::steady_clock::now() - started)
                                   .count();
    }
    return result;
  }

  Result<std::vector<Suggestion>> Suggest(std::string_view prefix, const Language& language,
                                          int limit) override {
    limit = std::clamp(limit, 1, 20);
    std::string text = CleanText(prefix, 200);
    if (text::Trim(text).empty()) return std::vector<Suggestion>{};
    if (ContainsHan(text)) text = SegmentChinese(text);
    return WithReader<std::vector<Suggestion>>([&](Xapian::Database& db) -> Result<std::vector<Suggestion>> {
      Xapian::QueryParser parser;
      parser.set_database(db);
      parser.set_default_op(Xapian::Query::OP_AND);
      parser.set_stemmer(Xapian::Stem(StemmerName(language)));
      Xapian::Query query;
      try {
        query = parser.parse_query(text,
                                   Xapian::QueryParser::FLAG_PARTIAL | Xapian::QueryParser::FLAG_CJK_NGRAM,
                                   std::string(kTitlePrefix));
      } catch (const Xapian::Error&) {
        return std::vector<Suggestion>{};  // nothing sensible to suggest for this text
      }
      Xapian::Enquire enquire(db);
      enquire.set_query(query);
      Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit) * 4);
      std::vector<Suggestion> out;
      std::vector<std::string> seen;
      for (auto it = mset.begin(); it != mset.end() && static_cast<int>(out.size()) < limit; ++it) {
        StoredNotice stored = ReadStored(it.get_document().get_data());
        std::string key = Fold(stored.title);
        if (stored.title.empty() || std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
        seen.push_back(std::move(key));
        out.push_back(Suggestion{stored.title, stored.id});
      }
      return out;
    });
  }

 private:
  template <typename T, typename Fn>
  Result<T> WithReader(Fn fn) {
    return db_->WithReader<T>(std::move(fn));
  }

  Result<SearchResponse> RunSearch(Xapian::Database& db, const SearchRequest& request,
                                   const BuiltQuery& built, const std::optional<Cursor>& cursor) {
    SearchResponse response;
    response.expansions = built.expansions;
    response.query_reinterpreted = built.reinterpreted;
    response.query_truncated = built.truncated;
    const int page = std::clamp(request.page_size, 1, 100);
    const Xapian::doccount all = db.get_doccount();

    Xapian::Enquire enquire(db);
    Xapian::Query query = built.query;
    std::unique_ptr<AfterCursor> decider;
    unsigned slot = 0;
    bool reverse = false;
    if (request.sort != SortOrder::kRelevance) {
      slot = request.sort == SortOrder::kDeadline ? kDeadlineSlot : kPublishedSlot;
      reverse = request.sort == SortOrder::kPublished;  // newest first
      // Ties in docid order (not relevance), so a (value, docid) keyset is a total order.
      enquire.set_sort_by_value(slot, reverse);
      if (cursor) {
        // Keyset: matches strictly after (value, docid) in (value, docid) order.
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              Xapian::Query(reverse ? Xapian::Query::OP_VALUE_LE : Xapian::Query::OP_VALUE_GE,
                                            slot, cursor->value));
        decider = std::make_unique<AfterCursor>(slot, cursor->value, cursor->docid);
      }
    }
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    enquire.set_query(query);

    // Facets count the whole match set of the request (without the keyset restriction) on
    // their own pass with BoolWeight: counting needs every match but no score, and a page
    // fetched with checkatleast = all would compute BM25 for every match and lose the
    // matcher's top-k pruning.
    FacetSpy spy(request.now, request.closing_within_days);

    Xapian::doccount first = 0;
    Xapian::doccount count = static_cast<Xapian::doccount>(page) + 1;
    if (cursor && request.sort == SortOrder::kRelevance) {
      first = static_cast<Xapian::doccount>(std::max<std::int64_t>(0, cursor->offset - kRelevanceWindow));
      count = static_cast<Xapian::doccount>(cursor->offset - first) + page + kRelevanceWindow + 1;
    }
    Xapian::MSet mset = enquire.get_mset(first, count, 0, nullptr, decider.get());

    // Where this page starts inside the fetched window.
    Xapian::doccount start = 0;
    if (cursor && request.sort == SortOrder::kRelevance) start = RelevanceStart(mset, *cursor);

    // Neither SNIPPET_BACKGROUND_MODEL (a term-frequency lookup for every word of the text)
    // nor SNIPPET_EXHAUSTIVE (scan all of it): on 1M notices they made a common one-word
    // query cost up to 0.9 s for ten snippets. Xapian then takes the first window that has
    // the query terms, which is what a result card needs.
    const int flags = Xapian::MSet::SNIPPET_CJK_NGRAM;
    Xapian::doccount index = 0;
    Xapian::MSetIterator last;
    for (auto it = mset.begin(); it != mset.end(); ++it, ++index) {
      if (index < start) continue;
      if (static_cast<int>(response.hits.size()) == page) {
        // There is at least one more match: the page gets a cursor.
        Cursor next;
        next.sort = request.sort;
        next.docid = *last;
        if (request.sort == SortOrder::kRelevance) {
          next.offset = static_cast<std::int64_t>(first + index);
          next.weight = last.get_weight();
        } else {
          next.value = last.get_document().get_value(slot);
        }
        response.next_cursor = EncodeCursor(next);
        break;
      }
      response.hits.push_back(MakeHit(mset, it, request, built.stemmer, flags));
      last = it;
    }

    if (request.facets) {
      Xapian::Enquire counting(db);
      counting.set_query(built.query);
      counting.set_weighting_scheme(Xapian::BoolWeight());
      counting.add_matchspy(&spy);
      Xapian::MSet counted = counting.get_mset(0, 0, all);
      response.total = counted.get_matches_estimated();
    } else if (decider != nullptr) {
      // A keyset page's own estimate counts only what follows the cursor.
      Xapian::Enquire counting(db);
      counting.set_query(built.query);
      counting.set_weighting_scheme(Xapian::BoolWeight());
      response.total = counting.get_mset(0, 0).get_matches_estimated();
    } else {
      response.total = mset.get_matches_estimated();
    }
    response.total_exact = request.facets;
    if (request.facets) response.facets = spy.Result(kFacetLimit);
    return response;
  }

  // The index in `mset` of the first match after the cursor's anchor: the anchor docid when
  // it is in the window, else the first match ranked below (weight, docid).
  static Xapian::doccount RelevanceStart(const Xapian::MSet& mset, const Cursor& cursor) {
    Xapian::doccount index = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it, ++index) {
      if (*it == cursor.docid) return index + 1;
    }
    index = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it, ++index) {
      const double w = it.get_weight();
      if (w < cursor.weight || (w == cursor.weight && *it > cursor.docid)) return index;
    }
    return mset.size();
  }

  static Hit MakeHit(const Xapian::MSet& mset, const Xapian::MSetIterator& it,
                     const SearchRequest& request, const Xapian::Stem& stemmer, int flags) {
    const Xapian::Document doc = it.get_document();
    StoredNotice stored = ReadStored(doc.get_data());
    Hit hit;
    hit.id = stored.id;
    hit.public_id = stored.public_id;
    hit.title = stored.title;
    hit.title_language = Language::FromTag(stored.title_language);
    hit.agency = stored.agency;
    hit.buyer = stored.buyer;
    hit.type = stored.type;
    hit.countries = stored.countries;
    hit.codes = stored.codes;
    hit.published = stored.published;
    hit.deadline = stored.deadline;
    hit.score = it.get_weight();
    const double now = static_cast<double>(request.now.seconds());
    hit.status = StatusAt(stored.deadline ? static_cast<double>(stored.deadline->seconds()) : kFar,
                          stored.terminal, now,
                          now + 86400.0 * std::max(0, request.closing_within_days));
    // Xapian escapes the text it returns; it is unescaped and escaped again by us, so the
    // markers become <mark> and nothing else can. Markers cannot come from the text itself:
    // control characters are removed first.
    const std::string title = CleanText(stored.title, 4096);
    hit.title_html = MarkedToHtml(UnescapeXapianHtml(mset.snippet(title, title.size() + 16, stemmer,
                                               Xapian::MSet::SNIPPET_CJK_NGRAM, std::string(1, kMarkStart),
                                               std::string(1, kMarkEnd), "")));
    const std::string description = CleanText(stored.description, kStoredDescriptionBytes);
    const std::size_t chars = static_cast<std::size_t>(std::clamp(request.snippet_chars, 20, 1000));
    hit.snippet_html = MarkedToHtml(UnescapeXapianHtml(mset.snippet(description, chars, stemmer, flags,
                                                 std::string(1, kMarkStart), std::string(1, kMarkEnd),
                                                 "\xE2\x80\xA6")));
    return hit;
  }

  void EndFreshMode() {
    fresh_ = false;
    fresh_ids_ = {};
  }

  std::unique_ptr<ProjectionDatabase> db_;
  // "Fresh" while every notice in the index was added by this object since the index was
  // empty (opened empty or cleared): fresh_ids_ then holds every id ever added, so an id not
  // in it is certainly not in the index. An id in it may be (or was deleted): replace. A
  // cancelled batch leaves extra ids in the set, which only costs a replace. Ended past
  // kMaxFreshIds ids to bound memory (~40 bytes an id). Both are used only inside
  // ProjectionDatabase's writer lock (ApplyBatch, Clear).
  bool fresh_ = false;
  std::unordered_set<std::int64_t> fresh_ids_;
  const UnspscTitleLookup* titles_;
};

}  // namespace

Result<std::unique_ptr<SearchIndex>> OpenXapianSearchIndex(const IndexOptions& options) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<ProjectionDatabase> db,
                      ProjectionDatabase::Open(options.path, "search index"));
  return std::unique_ptr<SearchIndex>(
      std::make_unique<XapianSearchIndex>(std::move(db), options.titles));
}

}  // namespace tb::search
