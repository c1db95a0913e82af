#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tb::matching {

// The words of `text` for classification: NFKC, case-folded, accents stripped (SECOP I lost
// its accents at the source, so "LICITACIoN" and "LICITACIÓN" must meet as "licitacion"),
// split at anything that is not a letter or digit; each CJK ideograph is a word of its own,
// because Chinese has no spaces. Invalid UTF-8 is replaced, never refused.
std::vector<std::string> MatchingWords(std::string_view text);

// Which n-grams FeatureExtractor emits.
struct FeatureOptions {
  bool word_unigrams = true;
  bool word_bigrams = true;
  int char_min = 3;  // character n-grams of each word inside "<word>"; 0 turns them off
  int char_max = 5;
  // Multiplies the weight of character n-grams, so that the many n-grams of one word do not
  // drown its word feature.
  double char_weight = 0.5;

  bool operator==(const FeatureOptions&) const = default;
};

// A hashed feature and its raw weight: (1 + log count) times the group weight.
struct RawFeature {
  std::uint64_t hash;
  double weight;
};

// Turns text into hashed sparse features: word 1-2-grams and character 3-5-grams, as
// fastText does, hashed with 64-bit FNV-1a so a model needs no vocabulary strings.
// Features come out sorted by hash, each once, so equal text gives equal output.
// Stateless and thread-safe.
class FeatureExtractor {
 public:
  explicit FeatureExtractor(FeatureOptions options = {}) : options_(options) {}

  std::vector<RawFeature> Extract(std::string_view text) const;
  const FeatureOptions& options() const { return options_; }

 private:
  FeatureOptions options_;
};

// 64-bit FNV-1a, exposed for tests.
std::uint64_t Fnv1a64(std::string_view bytes, std::uint64_t seed = 14695981039346656037ull);

}  // namespace tb::matching
