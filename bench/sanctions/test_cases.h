#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sanctions/sanctions_list.h"

namespace tb::bench {

// One screening question with its known answer: a name made from a listed entry (the
// answer is that entry's DATAID) or a clean company name (no DATAID).
struct ScreeningCase {
  std::string category;  // "typo", "reorder", ..., "clean"
  std::string name;
  std::string expected_data_id;  // empty for clean names
  bool needs_romanisation = false;  // screened against the list without original scripts
};

// A deterministic generator (splitmix64): the same seed gives the same cases on every
// platform, which std::uniform_int_distribution does not promise.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next();
  // Uniform in [0, n).
  std::size_t Below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(Next() % n); }

 private:
  std::uint64_t state_;
};

// Cases built from the list itself, per listed entry where the perturbation applies:
//   typo           primary name with one edit (substitute, delete, insert, swap) in one word
//   two_typos      two edits in two different words (names of 3+ words)
//   reorder        words of the primary name shuffled
//   dropped_middle an individual's middle name left out (4+ words: one dropped)
//   alias_typo     a random Latin alias with one edit
//   legal_form     an entity's name with a legal form added and the case changed
//   original_script the list's own Arabic / Cyrillic spelling (NAME_ORIGINAL_SCRIPT)
//   chinese        a Chinese-character alias of an entity (traditional characters)
std::vector<ScreeningCase> MakeListedCases(const sanctions::SanctionsList& list,
                                           std::uint64_t seed);

}  // namespace tb::bench
