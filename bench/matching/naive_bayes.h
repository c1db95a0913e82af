#pragma once

#include <string>
#include <unordered_map>
#include <vector>

namespace tb::bench {

// The baseline of ../shared/ALGORITHMS.md B.2b, re-implemented to run in the same benchmark:
// multinomial Naive Bayes over binary word 1-2-gram features (lower-cased words split at
// anything that is not a letter or digit), add-alpha smoothing (alpha 0.1), one flat
// classifier per level whose labels are strings ("43", "4321", ...).
class NaiveBayes {
 public:
  explicit NaiveBayes(double alpha = 0.1) : alpha_(alpha) {}

  void Train(const std::vector<std::string>& texts, const std::vector<std::string>& labels);
  // The `k` most probable labels, best first (ties by label).
  std::vector<std::string> Rank(const std::string& text, std::size_t k) const;

  static std::vector<std::string> Features(const std::string& text);

 private:
  double alpha_;
  std::vector<std::string> labels_;
  std::vector<double> log_prior_;
  std::vector<double> log_unseen_;  // log(alpha / (total_c + alpha |V|))
  // feature -> (label index, log((count + alpha) / (total + alpha |V|)) - log_unseen)
  std::unordered_map<std::string, std::vector<std::pair<int, double>>> gains_;
};

}  // namespace tb::bench
