#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/language.h"
#include "core/timestamp.h"
#include "core/unspsc.h"
#include "notices/notice.h"

namespace tb::search {

// One entry of the `changes` log as the search projection sees it: the notice as it is now
// (upsert) or its removal (delete), with the log's `seq`. kProgress carries only a seq: the
// log was read up to it, and what it held was not a notice (a supplier change), so applying
// it moves LastAppliedSeq() forward without touching a document.
struct IndexChange {
  enum class Op { kUpsert, kDelete, kProgress };
  std::int64_t seq = 0;
  Op op = Op::kUpsert;
  NoticeId id;
  std::optional<notices::Notice> notice;  // required for kUpsert; notice->id must equal id

  static IndexChange Upsert(std::int64_t seq, notices::Notice notice) {
    IndexChange c;
    c.seq = seq;
    c.id = notice.id;
    c.notice = std::move(notice);
    return c;
  }
  static IndexChange Delete(std::int64_t seq, NoticeId id) {
    IndexChange c;
    c.seq = seq;
    c.op = Op::kDelete;
    c.id = id;
    return c;
  }
  static IndexChange Progress(std::int64_t seq) {
    IndexChange c;
    c.seq = seq;
    c.op = Op::kProgress;
    return c;
  }
};

struct ApplyReport {
  std::int64_t applied = 0;   // changes written in this batch
  std::int64_t skipped = 0;   // changes with seq <= the last applied seq (already in the index)
  std::int64_t last_seq = 0;  // the index's last applied seq after the batch
};

enum class SortOrder {
  kRelevance,  // BM25 with field weights, then docid
  kDeadline,   // soonest deadline first; notices without a deadline last
  kPublished,  // newest first; notices without a publication date last
};

// Lifecycle relative to SearchRequest::now. "open" includes "closing".
enum class OpenStatus { kOpen, kClosing, kClosed };

// A search. Every filter list is OR within itself and AND with the others. Empty = no filter.
struct SearchRequest {
  std::string query;        // free text; any bytes are accepted (see docs/search.md)
  Language language;        // the user's language: stemming, segmentation, expansion titles
  Timestamp now;            // for status filters and facets; the caller passes Clock::Now()

  std::vector<std::string> agencies;       // "UNDP" or the full name, any case
  std::vector<std::string> types;          // notice type names: "rfq", "itb", ...
  std::vector<std::string> countries;      // ISO 3166-1 alpha-2, any case
  std::vector<std::string> regions;        // "africa", "americas", "asia", "europe", "oceania"
  std::vector<std::string> codes;          // UNSPSC prefixes at any depth: "43", "4321", ...
  std::vector<std::string> languages;      // ISO 639-1 of the notice title
  std::vector<OpenStatus> statuses;
  int closing_within_days = 7;             // window of OpenStatus::kClosing and its facet
  std::optional<Timestamp> published_from, published_to;  // inclusive
  std::optional<Timestamp> deadline_from, deadline_to;    // inclusive
  // Estimated value range, compared only within one currency (no FX data exists): when
  // either bound is set, value_currency is required and notices in other currencies or
  // without an estimate are excluded. Amounts in minor units.
  std::string value_currency;
  std::optional<std::int64_t> value_min_minor, value_max_minor;
  std::optional<bool> sustainable;

  // UNSPSC codes (as returned in SearchResponse::expansions) the user removed from the
  // cross-language expansion.
  std::vector<std::string> removed_expansions;
  bool expand = true;  // cross-language expansion through UNSPSC titles
  // Only these notices (alerts match a saved search against a batch of changed notices);
  // empty = no filter.
  std::vector<NoticeId> ids;

  SortOrder sort = SortOrder::kRelevance;
  int page_size = 20;   // clamped to 1..100
  std::string cursor;   // empty for the first page; SearchResponse::next_cursor otherwise
  bool facets = true;   // exact facet counts over the whole match set
  int snippet_chars = 200;
};

struct Hit {
  NoticeId id;
  std::string public_id;
  std::string title;
  Language title_language;
  std::string agency;  // short agency name as filtered and faceted ("UNDP")
  std::string buyer;   // the buyer name as published
  std::string type;    // notice type name
  std::vector<std::string> countries;
  std::vector<std::string> codes;  // UNSPSC codes, 8 digits
  std::optional<Timestamp> published;
  std::optional<Timestamp> deadline;
  OpenStatus status = OpenStatus::kOpen;
  double score = 0;  // relevance weight; 0 for pure filter queries
  // HTML-safe text: everything escaped, matched words wrapped in <mark>...</mark>.
  std::string title_html;
  std::string snippet_html;
};

struct FacetValue {
  std::string value;
  std::int64_t count = 0;
  bool operator==(const FacetValue&) const = default;
};

// Counts over the whole match set of the request (query + all filters), most frequent first.
struct Facets {
  std::vector<FacetValue> agency, type, country, region, segment, status, language;
};

// One UNSPSC code the query was expanded with.
struct Expansion {
  std::string code;          // 8 digits, as in the catalogue
  std::string prefix;        // the index prefix searched: class "432115", family "4321", ...
  std::string title;         // the code's title in the request language (else English)
  std::string matched_text;  // the part of the query it matched
  std::string matched_language;
};

struct SearchResponse {
  std::vector<Hit> hits;
  std::int64_t total = 0;     // matches of the whole query (exact when facets were counted)
  bool total_exact = false;
  Facets facets;
  std::vector<Expansion> expansions;
  bool query_reinterpreted = false;  // the query could not be parsed and was read as words
  bool query_truncated = false;      // longer than kMaxQueryBytes; the rest was ignored
  std::string next_cursor;           // empty on the last page
  std::int64_t elapsed_micros = 0;
};

struct Suggestion {
  std::string text;  // a notice title
  NoticeId id;
};

std::string_view SortOrderName(SortOrder order);
std::optional<SortOrder> SortOrderFromName(std::string_view name);
std::string_view OpenStatusName(OpenStatus status);  // "open", "closing", "closed"
std::optional<OpenStatus> OpenStatusFromName(std::string_view name);

}  // namespace tb::search
