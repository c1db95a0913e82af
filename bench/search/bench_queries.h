#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace tb::bench::search {

class NoticeCorpus;

// One benchmark query. `text` is 1-4 lower-case words separated by single spaces, with no
// punctuation, so every engine reads it as the same AND of words. Filters are optional;
// each engine maps them to its own filter (Xapian filter terms, SQL WHERE clauses).
struct BenchQuery {
  enum class Kind { kSpeed, kQuality };
  Kind kind = Kind::kSpeed;
  std::string text;
  std::string language;     // ISO 639-1 of the words (stemming / text search configuration)
  std::string agency;       // exact buyer name
  std::string country;      // ISO 3166-1 alpha-2
  std::string code_prefix;  // UNSPSC prefix: 2 (segment) or 4 (family) digits
  std::string doc_language; // notice title language
  bool open = false;        // deadline at or after NoticeCorpus::Now()
  std::string target_code;  // kQuality: the 8-digit code whose title made the query

  bool has_filter() const {
    return !agency.empty() || !country.empty() || !code_prefix.empty() || !doc_language.empty() || open;
  }
};

// Builds the fixed query set deterministically from the corpus vocabulary: `speed` queries
// are 1-4 consecutive content words of real titles or code titles, 40% with one filter;
// `quality` queries are the English titles (at most 4 content words) of real codes used by
// at least 5 labelled real notices, graded by code overlap.
std::vector<BenchQuery> GenerateQueries(const NoticeCorpus& corpus, std::uint64_t seed, int speed, int quality);

// Tab-separated, one query a line, with a header (bench/search/queries.txt).
Status SaveQueries(const std::vector<BenchQuery>& queries, const std::string& path);
Result<std::vector<BenchQuery>> LoadQueries(const std::string& path);

// Graded relevance of a notice with `codes` (8-digit values) for a query made from
// `target`: 3 same code (commodity), 2 same class, 1 same family, 0 otherwise.
int Grade(std::uint32_t target, const std::vector<std::uint32_t>& codes);

// nDCG@k of `grades` (in ranked order) against the ideal ranking, which has `ideal_counts[g]`
// documents of grade g (g = 1..3) in the whole corpus. 0 when nothing is relevant.
double NdcgAt(const std::vector<int>& grades, const std::int64_t ideal_counts[4], int k);

}  // namespace tb::bench::search
