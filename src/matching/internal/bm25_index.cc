#include "matching/internal/bm25_index.h"

#include <algorithm>
#include <cmath>

#include "matching/text_features.h"

namespace tb::matching::internal {

Bm25Index::Bm25Index(const std::vector<std::string>& documents, double k1, double b)
    : k1_(k1), b_(b) {
  doc_length_.reserve(documents.size());
  std::unordered_map<std::uint32_t, std::uint32_t> counts;
  std::uint64_t total_length = 0;
  for (std::uint32_t doc = 0; doc < documents.size(); ++doc) {
    const std::vector<std::string> words = MatchingWords(documents[doc]);
    counts.clear();
    for (const std::string& word : words) {
      auto [it, inserted] = term_ids_.try_emplace(word, static_cast<std::uint32_t>(terms_.size()));
      if (inserted) {
        terms_.push_back(word);
        postings_.emplace_back();
      }
      ++counts[it->second];
    }
    // Documents are visited in order, so every posting list stays sorted by document.
    for (const auto& [term, tf] : counts) postings_[term].push_back({doc, tf});
    doc_length_.push_back(static_cast<std::uint32_t>(words.size()));
    total_length += words.size();
  }
  if (!documents.empty()) average_length_ = static_cast<double>(total_length) / documents.size();
}

std::vector<Bm25Index::QueryTerm> Bm25Index::Query(std::string_view text) const {
  std::vector<QueryTerm> query;
  const double n = static_cast<double>(document_count());
  for (const std::string& word : MatchingWords(text)) {
    const auto it = term_ids_.find(word);
    if (it == term_ids_.end()) continue;
    if (std::any_of(query.begin(), query.end(),
                    [&](const QueryTerm& q) { return q.term == it->second; })) {
      continue;
    }
    const double df = static_cast<double>(postings_[it->second].size());
    query.push_back({it->second, std::log(1.0 + (n - df + 0.5) / (df + 0.5))});
  }
  return query;
}

double Bm25Index::TermScore(double idf, std::uint32_t tf, std::uint32_t doc) const {
  const double length_ratio = average_length_ > 0 ? doc_length_[doc] / average_length_ : 1.0;
  const double f = static_cast<double>(tf);
  return idf * f * (k1_ + 1.0) / (f + k1_ * (1.0 - b_ + b_ * length_ratio));
}

void Bm25Index::Accumulate(const std::vector<QueryTerm>& query, std::vector<double>& scores,
                           std::vector<std::uint32_t>& touched) const {
  for (const QueryTerm& q : query) {
    for (const Posting& p : postings_[q.term]) {
      if (scores[p.doc] == 0) touched.push_back(p.doc);
      scores[p.doc] += TermScore(q.idf, p.tf, p.doc);
    }
  }
}

std::uint32_t Bm25Index::TermFrequency(std::uint32_t term, std::uint32_t doc) const {
  const std::vector<Posting>& list = postings_[term];
  const auto it = std::lower_bound(list.begin(), list.end(), doc,
                                   [](const Posting& p, std::uint32_t d) { return p.doc < d; });
  return it != list.end() && it->doc == doc ? it->tf : 0;
}

double Bm25Index::Score(const std::vector<QueryTerm>& query, std::uint32_t doc) const {
  double score = 0;
  for (const QueryTerm& q : query) {
    if (const std::uint32_t tf = TermFrequency(q.term, doc); tf > 0) {
      score += TermScore(q.idf, tf, doc);
    }
  }
  return score;
}

std::vector<std::pair<std::string, double>> Bm25Index::TermContributions(
    const std::vector<QueryTerm>& query, std::uint32_t doc) const {
  std::vector<std::pair<std::string, double>> out;
  for (const QueryTerm& q : query) {
    if (const std::uint32_t tf = TermFrequency(q.term, doc); tf > 0) {
      out.emplace_back(terms_[q.term], TermScore(q.idf, tf, doc));
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& x, const auto& y) { return x.second > y.second; });
  return out;
}

}  // namespace tb::matching::internal
