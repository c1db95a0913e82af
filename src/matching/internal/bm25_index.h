#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace tb::matching::internal {

// Okapi BM25 over a fixed set of documents (the suppliers' profile text), with postings per
// term so that a query touches only the documents sharing one of its terms. Words are
// matching::MatchingWords (folded, accents stripped, CJK ideographs one word each).
// idf = ln(1 + (N - df + 0.5) / (df + 0.5)), never negative (Lucene's variant).
// Immutable after construction; const methods are thread-safe.
class Bm25Index {
 public:
  struct Posting {
    std::uint32_t doc;
    std::uint32_t tf;
  };
  // A query term known to the index, with its idf.
  struct QueryTerm {
    std::uint32_t term;
    double idf;
  };

  explicit Bm25Index(const std::vector<std::string>& documents, double k1 = 1.2, double b = 0.75);

  std::size_t document_count() const { return doc_length_.size(); }

  // The distinct words of `text` that occur in some document; words the index has never
  // seen cannot score and are left out.
  std::vector<QueryTerm> Query(std::string_view text) const;

  // Adds the BM25 score of every document sharing a term with `query` to `scores` (indexed
  // by document, sized document_count()), and appends each newly touched document to
  // `touched` (where scores[doc] was 0 before).
  void Accumulate(const std::vector<QueryTerm>& query, std::vector<double>& scores,
                  std::vector<std::uint32_t>& touched) const;

  // The BM25 score of one document, and each term's share of it (term word, score).
  double Score(const std::vector<QueryTerm>& query, std::uint32_t doc) const;
  std::vector<std::pair<std::string, double>> TermContributions(const std::vector<QueryTerm>& query,
                                                                std::uint32_t doc) const;

  const std::vector<Posting>& postings(std::uint32_t term) const { return postings_[term]; }

 private:
  double TermScore(double idf, std::uint32_t tf, std::uint32_t doc) const;
  std::uint32_t TermFrequency(std::uint32_t term, std::uint32_t doc) const;

  double k1_;
  double b_;
  double average_length_ = 0;
  std::unordered_map<std::string, std::uint32_t> term_ids_;
  std::vector<std::string> terms_;
  std::vector<std::vector<Posting>> postings_;  // by term, sorted by document
  std::vector<std::uint32_t> doc_length_;       // words per document
};

}  // namespace tb::matching::internal
