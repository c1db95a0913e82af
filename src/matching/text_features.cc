#include "matching/text_features.h"

#include <utf8proc.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace tb::matching {
namespace {

bool IsCjk(utf8proc_int32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F) ||
         (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF);
}

bool IsWordChar(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

std::string Fold(std::string_view text) {
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
      static_cast<utf8proc_ssize_t>(text.size()), &out,
      static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                     UTF8PROC_STRIPMARK | UTF8PROC_IGNORE));
  if (n < 0) {
    // Invalid UTF-8: keep the ASCII letters and digits rather than refusing the text.
    std::string ascii;
    for (char c : text) {
      const auto u = static_cast<unsigned char>(c);
      ascii.push_back(u < 0x80 ? static_cast<char>(std::tolower(u)) : ' ');
    }
    return ascii;
  }
  std::string folded(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return folded;
}

// Byte offsets of the code points of `word`, plus its end.
std::vector<std::size_t> CodePointStarts(std::string_view word) {
  std::vector<std::size_t> starts;
  std::size_t i = 0;
  while (i < word.size()) {
    starts.push_back(i);
    const auto lead = static_cast<unsigned char>(word[i]);
    i += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  }
  starts.push_back(word.size());
  return starts;
}

bool AllDigits(std::string_view word) {
  return std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::uint64_t Fnv1a64(std::string_view bytes, std::uint64_t seed) {
  std::uint64_t h = seed;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

std::vector<std::string> MatchingWords(std::string_view text) {
  const std::string folded = Fold(text);
  std::vector<std::string> words;
  std::string current;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(folded.data());
  utf8proc_ssize_t remaining = static_cast<utf8proc_ssize_t>(folded.size());
  while (remaining > 0) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t len = utf8proc_iterate(p, remaining, &cp);
    if (len <= 0) break;  // cannot happen after utf8proc_map; stop rather than loop
    const std::string_view bytes(reinterpret_cast<const char*>(p), static_cast<std::size_t>(len));
    if (IsCjk(cp)) {
      if (!current.empty()) words.push_back(std::move(current));
      current.clear();
      words.emplace_back(bytes);
    } else if (IsWordChar(cp)) {
      current.append(bytes);
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
    p += len;
    remaining -= len;
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

std::vector<RawFeature> FeatureExtractor::Extract(std::string_view text) const {
  const std::vector<std::string> words = MatchingWords(text);
  std::vector<RawFeature> features;
  // A leading group byte keeps a word, a bigram and an n-gram with the same bytes apart.
  const auto add = [&](char group, std::string_view bytes, double weight) {
    const std::uint64_t seed = Fnv1a64(std::string_view(&group, 1));
    features.push_back({Fnv1a64(bytes, seed), weight});
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (options_.word_unigrams) add('w', word, 1.0);
    if (options_.word_bigrams && i + 1 < words.size()) add('b', word + " " + words[i + 1], 1.0);
    if (options_.char_min <= 0 || AllDigits(word)) continue;
    const std::string bounded = "<" + word + ">";
    const std::vector<std::size_t> starts = CodePointStarts(bounded);
    const int points = static_cast<int>(starts.size()) - 1;
    // A word no longer than the smallest n-gram is already a word feature.
    if (points <= options_.char_min) continue;
    for (int n = options_.char_min; n <= options_.char_max; ++n) {
      for (int s = 0; s + n <= points; ++s) {
        add('c', std::string_view(bounded).substr(starts[s], starts[s + n] - starts[s]),
            options_.char_weight);
      }
    }
  }
  std::sort(features.begin(), features.end(),
            [](const RawFeature& a, const RawFeature& b) { return a.hash < b.hash; });
  // Sub-linear term frequency: a word said twice is not twice the evidence.
  std::vector<RawFeature> merged;
  int count = 0;
  for (std::size_t i = 0; i < features.size(); ++i) {
    ++count;
    if (i + 1 < features.size() && features[i + 1].hash == features[i].hash) continue;
    merged.push_back({features[i].hash, features[i].weight * (1.0 + std::log(count))});
    count = 0;
  }
  return merged;
}

}  // namespace tb::matching
