#include "search/internal/query_builder.h"

#include "search/internal/document_builder.h"

#include <algorithm>
#include <array>
#include <limits>

#include "core/text.h"
#include "core/unspsc.h"
#include "notices/notice.h"
#include "search/internal/document_builder.h"
#include "search/internal/layout.h"
#include "search/internal/text_analysis.h"
#include "search/internal/text_query.h"
#include "search/search_index.h"
#include "search/unspsc_title_lookup.h"

namespace tb::search::internal {
namespace {

constexpr std::array<std::string_view, 9> kFields = {
    "agency", "type", "country", "region", "code", "lang", "language", "status", "sustainable"};

bool IsOperator(std::string_view token) {
  return token == "AND" || token == "OR" || token == "NOT" || token == "XOR" ||
         token == "NEAR" || token == "ADJ";
}

// Splits on white space, keeping "..." together (an unterminated quote runs to the end).
std::vector<std::string> Tokens(std::string_view text) {
  std::vector<std::string> tokens;
  std::string current;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (!quoted && (c == ' ' || c == '\t')) {
      if (!current.empty()) tokens.push_back(std::move(current));
      current.clear();
      continue;
    }
    current += c;
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

Xapian::Query Term(std::string_view prefix, std::string_view value) {
  return Xapian::Query(std::string(prefix) + std::string(value));
}

Xapian::Query TerminalLifecycle() {
  using notices::NoticeStatus;
  std::vector<Xapian::Query> terms;
  for (NoticeStatus s : {NoticeStatus::kCancelled, NoticeStatus::kUnsuccessful,
                         NoticeStatus::kComplete, NoticeStatus::kWithdrawn}) {
    terms.push_back(Term(kLifecyclePrefix, notices::NoticeStatusName(s)));
  }
  return AnyOf(std::move(terms));
}

Xapian::Query ValueRange(unsigned slot, double low, double high) {
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, Xapian::sortable_serialise(low),
                       Xapian::sortable_serialise(high));
}

double Seconds(Timestamp t) { return static_cast<double>(t.seconds()); }

// One filter value as a query; an empty query when the value names nothing (ignored).
Xapian::Query FilterTerm(const std::string& field, std::string_view raw, const SearchRequest& request) {
  std::string value(text::Trim(raw));
  if (value.size() >= 2 && value.front() == '"') value = value.substr(1);
  if (!value.empty() && value.back() == '"') value.pop_back();
  value = std::string(text::Trim(value));
  if (value.empty()) return Xapian::Query();
  if (field == "agency") return Term(kAgencyPrefix, Fold(value));
  if (field == "type") return Term(kTypePrefix, text::ToLowerAscii(value));
  if (field == "country") return Term(kCountryPrefix, text::ToUpperAscii(value));
  if (field == "region") return Term(kRegionPrefix, text::ToLowerAscii(value));
  if (field == "lang" || field == "language") {
    return Term(kLanguagePrefix, Language::FromTag(value).known() ? Language::FromTag(value).code()
                                                                  : text::ToLowerAscii(value));
  }
  if (field == "code") {
    auto code = UnspscCode::Parse(value);
    if (!code.ok()) return Xapian::Query();
    return Term(kCodePrefix, code->Prefix());
  }
  if (field == "status") {
    auto status = OpenStatusFromName(text::ToLowerAscii(value));
    if (!status) return Xapian::Query();
    return StatusQuery(*status, request.now, request.closing_within_days);
  }
  if (field == "sustainable") {
    const std::string v = text::ToLowerAscii(value);
    if (v == "true" || v == "yes" || v == "1") return Xapian::Query(std::string(kSustainableTerm));
    return Xapian::Query();
  }
  return Xapian::Query();
}

Xapian::Query FilterGroup(const std::string& field, const std::vector<std::string>& values,
                          const SearchRequest& request) {
  std::vector<Xapian::Query> any;
  for (const std::string& v : values) {
    Xapian::Query q = FilterTerm(field, v, request);
    if (!q.empty()) any.push_back(std::move(q));
  }
  return AnyOf(std::move(any));
}

Result<Xapian::Query> RequestFilters(const SearchRequest& request,
                                     const std::vector<FieldFilter>& inline_filters) {
  std::vector<Xapian::Query> all;
  auto add = [&all](Xapian::Query q) {
    if (!q.empty()) all.push_back(std::move(q));
  };
  add(FilterGroup("agency", request.agencies, request));
  add(FilterGroup("type", request.types, request));
  add(FilterGroup("country", request.countries, request));
  add(FilterGroup("region", request.regions, request));
  add(FilterGroup("code", request.codes, request));
  add(FilterGroup("lang", request.languages, request));
  {
    std::vector<Xapian::Query> any;
    for (NoticeId id : request.ids) any.emplace_back(IdTerm(id));
    add(AnyOf(std::move(any)));
  }
  {
    std::vector<Xapian::Query> any;
    for (OpenStatus s : request.statuses) {
      any.push_back(StatusQuery(s, request.now, request.closing_within_days));
    }
    add(AnyOf(std::move(any)));
  }
  if (request.published_from || request.published_to) {
    add(ValueRange(kPublishedSlot,
                   request.published_from ? Seconds(*request.published_from) : -kFar / 2,
                   request.published_to ? Seconds(*request.published_to) : kFar / 2));
  }
  if (request.deadline_from || request.deadline_to) {
    add(ValueRange(kDeadlineSlot, request.deadline_from ? Seconds(*request.deadline_from) : -kFar / 2,
                   request.deadline_to ? Seconds(*request.deadline_to) : kFar / 2));
  }
  if (request.value_min_minor || request.value_max_minor) {
    if (CurrencyExponent(text::ToUpperAscii(request.value_currency)) < 0) {
      return Status::InvalidArgument(
                 "an estimated value range needs the ISO 4217 currency it is expressed in")
          .WithField("value_currency");
    }
    const double lowest = -std::numeric_limits<double>::max();
    const double highest = std::numeric_limits<double>::max();
    add(Xapian::Query(
        Xapian::Query::OP_AND, Term(kCurrencyPrefix, text::ToUpperAscii(request.value_currency)),
        ValueRange(kValueSlot,
                   request.value_min_minor ? static_cast<double>(*request.value_min_minor) : lowest,
                   request.value_max_minor ? static_cast<double>(*request.value_max_minor) : highest)));
  }
  if (request.sustainable) {
    Xapian::Query term{std::string(kSustainableTerm)};
    add(*request.sustainable ? term
                             : Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, term));
  }

  // Inline filters: same field = OR, exclusions subtracted.
  std::vector<std::pair<std::string, std::vector<Xapian::Query>>> include;
  std::vector<Xapian::Query> exclude;
  for (const FieldFilter& f : inline_filters) {
    Xapian::Query q = FilterTerm(f.field == "language" ? "lang" : f.field, f.value, request);
    if (q.empty()) continue;
    if (f.exclude) {
      exclude.push_back(std::move(q));
      continue;
    }
    auto it = std::find_if(include.begin(), include.end(),
                           [&](const auto& group) { return group.first == f.field; });
    if (it == include.end()) {
      include.emplace_back(f.field, std::vector<Xapian::Query>{});
      it = include.end() - 1;
    }
    it->second.push_back(std::move(q));
  }
  for (auto& [field, queries] : include) add(AnyOf(std::move(queries)));

  Xapian::Query filter;
  if (!all.empty()) filter = Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
  if (!exclude.empty()) {
    filter = Xapian::Query(Xapian::Query::OP_AND_NOT, filter.empty() ? Xapian::Query::MatchAll : filter,
                           AnyOf(std::move(exclude)));
  }
  return filter;
}

}  // namespace

SplitQuery SplitFieldFilters(std::string_view query) {
  SplitQuery out;
  std::vector<std::string> kept;
  bool negate_next = false;
  for (std::string& token : Tokens(query)) {
    std::string_view t = token;
    bool exclude = false;
    if (!t.empty() && t.front() == '-') {
      exclude = true;
      t.remove_prefix(1);
    }
    const std::size_t colon = t.find(':');
    const std::string field =
        colon == std::string_view::npos ? "" : text::ToLowerAscii(t.substr(0, colon));
    const bool is_field =
        !field.empty() && std::find(kFields.begin(), kFields.end(), field) != kFields.end();
    if (!is_field) {
      if (negate_next) kept.emplace_back("NOT");
      negate_next = false;
      if (token == "NOT") {
        negate_next = true;  // decided by the next token
        continue;
      }
      kept.push_back(std::move(token));
      continue;
    }
    out.filters.push_back(FieldFilter{field, std::string(t.substr(colon + 1)), exclude || negate_next});
    negate_next = false;
    // An operator left dangling before the filter is dropped with it.
    if (!kept.empty() && IsOperator(kept.back())) kept.pop_back();
  }
  if (negate_next) kept.emplace_back("NOT");
  while (!kept.empty() && IsOperator(kept.front())) kept.erase(kept.begin());
  while (!kept.empty() && IsOperator(kept.back())) kept.pop_back();
  for (const std::string& token : kept) {
    if (!out.text.empty()) out.text += ' ';
    out.text += token;
  }
  return out;
}

Xapian::Query StatusQuery(OpenStatus status, Timestamp now, int closing_within_days) {
  const double t = Seconds(now);
  switch (status) {
    case OpenStatus::kOpen:
      return Xapian::Query(Xapian::Query::OP_AND_NOT,
                           Xapian::Query(Xapian::Query::OP_VALUE_GE, kDeadlineSlot,
                                         Xapian::sortable_serialise(t)),
                           TerminalLifecycle());
    case OpenStatus::kClosing:
      return Xapian::Query(
          Xapian::Query::OP_AND_NOT,
          ValueRange(kDeadlineSlot, t, t + 86400.0 * std::max(0, closing_within_days)),
          TerminalLifecycle());
    case OpenStatus::kClosed:
      return Xapian::Query(Xapian::Query::OP_OR,
                           Xapian::Query(Xapian::Query::OP_VALUE_LE, kDeadlineSlot,
                                         Xapian::sortable_serialise(t - 1)),
                           TerminalLifecycle());
  }
  return Xapian::Query();
}

Result<BuiltQuery> BuildQuery(const SearchRequest& request, const UnspscTitleLookup* titles) {
  BuiltQuery built;
  const std::string clean = CleanText(request.query, kMaxQueryBytes, &built.truncated);
  SplitQuery split = SplitFieldFilters(clean);
  TB_ASSIGN_OR_RETURN(Xapian::Query filter, RequestFilters(request, split.filters));

  built.stemmer = Xapian::Stem(StemmerName(request.language));
  TextQueryOptions options;
  options.titles = titles;
  options.expand = request.expand;
  options.removed_expansions = &request.removed_expansions;
  TextQuery parsed =
      BuildTextQuery(split.text, request.language, built.stemmer, kCodePrefix, options);
  Xapian::Query text = std::move(parsed.query);
  built.expansions = std::move(parsed.expansions);
  built.reinterpreted = parsed.reinterpreted;

  if (text.empty() && filter.empty()) {
    built.query = Xapian::Query::MatchAll;
  } else if (filter.empty()) {
    built.query = text;
  } else {
    built.query = Xapian::Query(Xapian::Query::OP_FILTER, text.empty() ? Xapian::Query::MatchAll : text,
                                filter);
  }
  return built;
}

}  // namespace tb::search::internal
