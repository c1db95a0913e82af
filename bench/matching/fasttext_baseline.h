#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tb::bench {

// fastText supervised (Debian's libfasttext, 0.9.2), measured against the liblinear code
// predictor in the same run: one flat softmax model over the labels given, word 1-2-grams
// and character 3-5-grams, one thread (fastText's only deterministic setting). Training reads
// a temporary file because that is fastText's only input.
class FastTextClassifier {
 public:
  FastTextClassifier();
  ~FastTextClassifier();

  // False when training failed (the reason on stderr).
  bool Train(const std::vector<std::string>& texts, const std::vector<std::string>& labels,
             std::uint32_t seed, int epochs);
  std::vector<std::string> Rank(const std::string& text, int k) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tb::bench
