// The Xapian implementation of SupplierIndex, on the notice index's internals: the same
// projection database (one writer, pooled readers, last_seq committed with each batch), text
// analysis, query parsing with UNSPSC expansion, code-prefix terms and facet counting.
#include "search/supplier_index.h"

#include <xapian.h>

#include <algorithm>
#include <limits>

#include "core/text.h"
#include "search/internal/facet_counts.h"
#include "search/internal/field_indexing.h"
#include "search/internal/layout.h"
#include "search/internal/projection_database.h"
#include "search/internal/supplier_document.h"
#include "search/internal/text_analysis.h"
#include "search/internal/text_query.h"
#include "search/search_index.h"

namespace tb::search {
namespace {

using internal::AnyOf;
using internal::FacetCounts;

// Counts the facet record (kSupplierFacetSlot) of every match. Certificates are a list, which
// ValueCountMatchSpy cannot count once per value.
class SupplierFacetSpy final : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double /*weight*/) override {
    const std::string record = doc.get_value(internal::kSupplierFacetSlot);
    std::vector<std::string_view> fields = internal::RecordFields(record, 5);
    fields.resize(5);
    internal::CountValue(fields[0], country_);
    internal::CountValue(fields[1], size_);
    internal::CountValue(fields[2], women_owned_);
    internal::CountValue(fields[3], level_);
    internal::CountList(fields[4], certificate_);
  }
  Xapian::MatchSpy* clone() const override { return new SupplierFacetSpy(); }
  std::string name() const override { return "tb.SupplierFacetSpy"; }

  SupplierFacets Result() const {
    constexpr std::size_t kAll = std::numeric_limits<std::size_t>::max();
    return {internal::SortedFacet(country_, kAll), internal::SortedFacet(size_, kAll),
            internal::SortedFacet(women_owned_, kAll), internal::SortedFacet(certificate_, kAll),
            internal::SortedFacet(level_, kAll)};
  }

 private:
  FacetCounts country_, size_, women_owned_, certificate_, level_;
};

Xapian::Query Terms(std::string_view prefix, const std::vector<std::string>& values,
                    bool upper = false) {
  std::vector<Xapian::Query> any;
  for (const std::string& v : values) {
    const std::string_view trimmed = text::Trim(v);
    if (trimmed.empty()) continue;
    any.emplace_back(std::string(prefix) +
                     (upper ? text::ToUpperAscii(trimmed) : text::ToLowerAscii(trimmed)));
  }
  return AnyOf(std::move(any));
}

Xapian::Query Flag(std::string_view prefix, bool value) {
  return Xapian::Query(std::string(prefix) + (value ? "1" : "0"));
}

// A code asked for matches a supplier listing a code under it (XC, every ancestor prefix of
// every listed code) or listing one of its ancestors as such (XE): asked 43211503, a
// supplier of class 432115 or family 4321 offers it.
Xapian::Query CodeQuery(UnspscCode code) {
  std::vector<Xapian::Query> any{Xapian::Query(std::string(internal::kCodePrefix) + code.Prefix())};
  for (UnspscCode up = code; up.level() != UnspscCode::Level::kSegment;) {
    up = up.Parent();
    any.emplace_back(std::string(internal::kListedCodePrefix) + up.Prefix());
  }
  return AnyOf(std::move(any));
}

Xapian::Query Filters(const SupplierQuery& q) {
  using namespace internal;  // NOLINT: the term prefixes
  std::vector<Xapian::Query> all;
  auto add = [&all](Xapian::Query query) {
    if (!query.empty()) all.push_back(std::move(query));
  };
  {
    std::vector<Xapian::Query> codes;
    for (const UnspscCode& code : q.codes) codes.push_back(CodeQuery(code));
    add(AnyOf(std::move(codes)));
  }
  add(Terms(kSupplierCountryPrefix, q.countries, /*upper=*/true));
  add(Terms(kSizePrefix, q.sizes));
  add(Terms(kCertificatePrefix, q.certificates));
  add(Terms(kReviewStatePrefix, q.review_states));
  if (q.women_owned) add(Flag(kWomenOwnedPrefix, *q.women_owned));
  if (q.disability_inclusive) add(Flag(kDisabilityPrefix, *q.disability_inclusive));
  if (q.sme) add(Flag(kSmePrefix, *q.sme));
  if (q.min_readiness_level) {
    add(Xapian::Query(std::string(kLevelAtLeastPrefix) +
                      std::to_string(std::clamp(*q.min_readiness_level, 0, 3))));
  }
  if (all.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
}

class XapianSupplierIndex final : public SupplierIndex {
 public:
  XapianSupplierIndex(std::unique_ptr<internal::ProjectionDatabase> db,
                      const UnspscTitleLookup* titles)
      : db_(std::move(db)), titles_(titles) {}

  Result<ApplyReport> Apply(std::span<const SupplierChange> changes,
                            std::int64_t through_seq) override {
    std::int64_t previous = 0;
    for (const SupplierChange& c : changes) {
      if (c.seq <= previous || c.seq > through_seq) {
        return Status::InvalidArgument(
                   "changes must come in increasing seq order, up to the seq read")
            .WithField("seq");
      }
      previous = c.seq;
      if (c.op == SupplierChange::Op::kUpsert &&
          (!c.document || c.document->id != c.id || !c.id.valid())) {
        return Status::InvalidArgument("an upsert needs the supplier's document")
            .WithField("document");
      }
    }
    ApplyReport report;
    TB_ASSIGN_OR_RETURN(report.last_seq,
                        db_->ApplyBatch([&](Xapian::WritableDatabase& writer,
                                            std::int64_t last) -> Result<std::int64_t> {
                          for (const SupplierChange& c : changes) {
                            if (c.seq <= last) {
                              ++report.skipped;
                              continue;
                            }
                            const std::string id_term = internal::SupplierIdTerm(c.id);
                            if (c.op == SupplierChange::Op::kDelete) {
                              writer.delete_document(id_term);
                            } else {
                              writer.replace_document(
                                  id_term, internal::BuildSupplierDocument(*c.document, titles_));
                            }
                            ++report.applied;
                          }
                          return std::max(last, through_seq);
                        }));
    return report;
  }

  Result<std::int64_t> LastAppliedSeq() override { return db_->LastSeq(); }

  Status Clear() override { return db_->Clear(); }

  Result<std::int64_t> DocumentCount() override {
    return db_->WithReader<std::int64_t>([](Xapian::Database& db) -> Result<std::int64_t> {
      return static_cast<std::int64_t>(db.get_doccount());
    });
  }

  Result<SupplierSearchResponse> Search(const SupplierQuery& q) override {
    bool truncated = false;
    const std::string text = internal::CleanText(q.text, kMaxQueryBytes, &truncated);
    const Xapian::Query filter = Filters(q);
    return db_->WithReader<SupplierSearchResponse>(
        [&](Xapian::Database& db) -> Result<SupplierSearchResponse> {
          SupplierSearchResponse response;
          response.query_truncated = truncated;
          internal::TextQueryOptions options;
          options.titles = titles_;
          options.expand = q.expand;
          options.removed_expansions = &q.removed_expansions;
          options.partial_words_of = &db;  // the last word is a prefix: names are typed
          // Names are indexed with the English stemmer whatever their language (a profile
          // has none), so the text is parsed with it too; the reader's language only decides
          // which UNSPSC titles may expand it.
          internal::TextQuery parsed =
              internal::BuildTextQuery(text, q.language, internal::StemmerFor(Language::English()),
                                       internal::kCodePrefix, options);
          response.expansions = std::move(parsed.expansions);
          response.query_reinterpreted = parsed.reinterpreted;
          Xapian::Query query = parsed.query;
          if (query.empty()) query = Xapian::Query::MatchAll;  // no words: every supplier
          if (!filter.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
          TB_RETURN_IF_ERROR(ListPage(db, query, q, response));
          CountAll(db, query, response);
          return response;
        });
  }

 private:
  static Status ListPage(Xapian::Database& db, const Xapian::Query& query, const SupplierQuery& q,
                         SupplierSearchResponse& response) {
    Xapian::Query page_query = query;
    if (q.after.valid()) {
      const std::string id_term = internal::SupplierIdTerm(q.after);
      Xapian::PostingIterator anchor = db.postlist_begin(id_term);
      if (anchor == db.postlist_end(id_term)) {
        return Status::InvalidArgument("the cursor names no supplier").WithField("cursor");
      }
      // Sort keys are unique, and key + NUL is the least string above the key: strictly after.
      std::string from = db.get_document(*anchor).get_value(internal::kNameSortSlot);
      from += '\0';
      page_query =
          Xapian::Query(Xapian::Query::OP_FILTER, query,
                        Xapian::Query(Xapian::Query::OP_VALUE_GE, internal::kNameSortSlot, from));
    }
    const auto page = static_cast<Xapian::doccount>(std::clamp(q.page_size, 1, 100));
    Xapian::Enquire enquire(db);
    enquire.set_query(page_query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());  // listed by name: no score needed
    enquire.set_sort_by_value(internal::kNameSortSlot, /*reverse=*/false);
    Xapian::MSet mset = enquire.get_mset(0, page + 1);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      if (response.hits.size() == page) {
        response.next = response.hits.back().id;
        break;
      }
      response.hits.push_back(internal::ReadStoredSupplier(it.get_document().get_data()));
    }
    return Status::Ok();
  }

  // The total and the facets cover every match, whatever the cursor: a pass of its own with
  // BoolWeight, which needs every match but no score.
  static void CountAll(Xapian::Database& db, const Xapian::Query& query,
                       SupplierSearchResponse& response) {
    SupplierFacetSpy spy;
    Xapian::Enquire counting(db);
    counting.set_query(query);
    counting.set_weighting_scheme(Xapian::BoolWeight());
    counting.add_matchspy(&spy);
    Xapian::MSet counted = counting.get_mset(0, 0, db.get_doccount());
    response.total = counted.get_matches_estimated();
    response.facets = spy.Result();
  }

  std::unique_ptr<internal::ProjectionDatabase> db_;
  const UnspscTitleLookup* titles_;
};

}  // namespace

Result<std::unique_ptr<SupplierIndex>> OpenXapianSupplierIndex(
    const SupplierIndexOptions& options) {
  TB_ASSIGN_OR_RETURN(std::unique_ptr<internal::ProjectionDatabase> db,
                      internal::ProjectionDatabase::Open(options.path, "supplier index"));
  return std::unique_ptr<SupplierIndex>(
      std::make_unique<XapianSupplierIndex>(std::move(db), options.titles));
}

}  // namespace tb::search
