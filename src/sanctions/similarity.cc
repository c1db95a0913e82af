#include "sanctions/similarity.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace tb::sanctions {

double JaroWinkler(std::string_view a, std::string_view b) {
  if (a == b) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const int la = static_cast<int>(a.size());
  const int lb = static_cast<int>(b.size());
  const int window = std::max(0, std::max(la, lb) / 2 - 1);
  // Names are short; fixed buffers keep the hot loop free of allocation.
  std::array<bool, 64> a_matched{};
  std::array<bool, 64> b_matched{};
  if (la > 64 || lb > 64) {
    // Very long tokens: fall back to edit similarity.
    const int d = EditDistance(a, b);
    return 1.0 - static_cast<double>(d) / std::max(la, lb);
  }
  int matches = 0;
  for (int i = 0; i < la; ++i) {
    const int lo = std::max(0, i - window);
    const int hi = std::min(lb - 1, i + window);
    for (int j = lo; j <= hi; ++j) {
      if (b_matched[j] || a[i] != b[j]) continue;
      a_matched[i] = b_matched[j] = true;
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0.0;
  int transpositions = 0;
  for (int i = 0, j = 0; i < la; ++i) {
    if (!a_matched[i]) continue;
    while (!b_matched[j]) ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  const double m = matches;
  const double jaro = (m / la + m / lb + (m - transpositions / 2.0) / m) / 3.0;
  int prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a[prefix] == b[prefix]) ++prefix;
  return jaro + prefix * 0.1 * (1.0 - jaro);
}

namespace {

int EditDistanceLong(std::string_view a, std::string_view b) {
  std::vector<int> prev(b.size() + 1), row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, row);
  }
  return prev[b.size()];
}

}  // namespace

int EditDistance(std::string_view a, std::string_view b) {
  // Optimal string alignment: Levenshtein plus the swap of two neighbours as one edit, the
  // commonest typing slip ("Mohmamad").
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  // Names are short: three rows on the stack keep the hot loop free of allocation.
  if (m >= 64) return EditDistanceLong(a, b);
  std::array<int, 64> prev2{}, prev{}, row{};
  for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        row[j] = std::min(row[j], prev2[j - 2] + 1);
      }
    }
    std::swap(prev2, prev);
    std::swap(prev, row);
  }
  return prev[m];
}

double TokenSimilarity(std::string_view a, std::string_view b) {
  if (a == b) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  auto has_digit = [](std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  };
  if (has_digit(a) || has_digit(b)) return 0.0;
  const std::size_t longer = std::max(a.size(), b.size());
  // Short words and acronyms ("ali", "imu", "ncg") must be equal: one edit in three letters
  // makes another word.
  if (longer <= 3) return 0.0;
  // Jaro-Winkler alone is lenient with words of different lengths that share a prefix
  // ("manpower" / "manex" 0.82); the edit similarity alone is harsh on short words. Their
  // mean keeps one slip in a 5-letter word above 0.8 and drops the rest.
  const double edit = 1.0 - static_cast<double>(EditDistance(a, b)) / longer;
  return (JaroWinkler(a, b) + edit) / 2.0;
}

}  // namespace tb::sanctions
