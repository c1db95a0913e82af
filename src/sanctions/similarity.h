#pragma once

#include <string_view>

namespace tb::sanctions {

// Jaro-Winkler similarity of two byte strings in [0, 1] (prefix scale 0.1, prefix up to 4):
// 1 for equal strings, 0 when nothing matches.
double JaroWinkler(std::string_view a, std::string_view b);

// Edit distance (insert, delete, substitute one byte, swap two neighbours: optimal string
// alignment).
int EditDistance(std::string_view a, std::string_view b);

// How alike two name tokens are, in [0, 1]. Exact = 1. Tokens with digits must be equal.
// Short tokens (up to 3 bytes) must be equal, because Jaro-Winkler
// rates "kim" and "kin" 0.91. Longer tokens take the mean of Jaro-Winkler and the
// normalised edit similarity 1 - distance / longer length.
double TokenSimilarity(std::string_view a, std::string_view b);

}  // namespace tb::sanctions
