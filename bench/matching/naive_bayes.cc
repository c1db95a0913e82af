#include "naive_bayes.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

namespace tb::bench {

std::vector<std::string> NaiveBayes::Features(const std::string& text) {
  std::vector<std::string> words;
  std::string current;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    // Bytes of multi-byte UTF-8 letters count as word characters, like Python's \w on text.
    if (std::isalnum(u) || u >= 0x80 || c == '_') {
      current.push_back(static_cast<char>(std::tolower(u)));
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  std::set<std::string> features(words.begin(), words.end());
  for (std::size_t i = 0; i + 1 < words.size(); ++i) features.insert(words[i] + " " + words[i + 1]);
  return {features.begin(), features.end()};
}

void NaiveBayes::Train(const std::vector<std::string>& texts,
                       const std::vector<std::string>& labels) {
  std::map<std::string, int> label_index;
  for (const std::string& l : labels) label_index.emplace(l, 0);
  labels_.clear();
  for (auto& [label, index] : label_index) {
    index = static_cast<int>(labels_.size());
    labels_.push_back(label);
  }
  const std::size_t classes = labels_.size();
  std::vector<double> documents(classes, 0), totals(classes, 0);
  std::unordered_map<std::string, std::map<int, double>> counts;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const int c = label_index[labels[i]];
    documents[c] += 1;
    for (const std::string& f : Features(texts[i])) {
      counts[f][c] += 1;
      totals[c] += 1;
    }
  }
  const double vocabulary = static_cast<double>(counts.size());
  log_prior_.assign(classes, 0);
  log_unseen_.assign(classes, 0);
  for (std::size_t c = 0; c < classes; ++c) {
    log_prior_[c] = std::log(documents[c] / static_cast<double>(texts.size()));
    log_unseen_[c] = std::log(alpha_ / (totals[c] + alpha_ * vocabulary));
  }
  gains_.clear();
  for (auto& [feature, per_class] : counts) {
    auto& gains = gains_[feature];
    for (const auto& [c, n] : per_class) {
      gains.emplace_back(
          c, std::log((n + alpha_) / (totals[c] + alpha_ * vocabulary)) - log_unseen_[c]);
    }
  }
}

std::vector<std::string> NaiveBayes::Rank(const std::string& text, std::size_t k) const {
  std::vector<double> score = log_prior_;
  for (const std::string& f : Features(text)) {
    auto it = gains_.find(f);
    if (it == gains_.end()) continue;  // unseen in training: not in the vocabulary
    for (std::size_t c = 0; c < score.size(); ++c) score[c] += log_unseen_[c];
    for (const auto& [c, gain] : it->second) score[c] += gain;
  }
  std::vector<int> order(score.size());
  std::iota(order.begin(), order.end(), 0);
  const std::size_t top = std::min(k, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(),
                    [&](int a, int b) {
                      return score[a] != score[b] ? score[a] > score[b] : labels_[a] < labels_[b];
                    });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < top; ++i) out.push_back(labels_[order[i]]);
  return out;
}

}  // namespace tb::bench
