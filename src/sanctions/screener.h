#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "sanctions/name_normalizer.h"
#include "sanctions/sanctions_list.h"

namespace tb::sanctions {

enum class Decision { kClear, kPossibleHit, kHit };

// "clear", "possible_hit", "hit".
const char* DecisionName(Decision decision);

// Scores at or above `hit` are hits, at or above `possible_hit` possible hits. The defaults
// are the ones measured in docs/sanctions.md.
struct Thresholds {
  double possible_hit = 0.80;
  double hit = 0.93;
};

struct ScreenerOptions {
  Thresholds thresholds;
  // Candidates scoring at least this are reported (as evidence), even below possible_hit.
  double report_from = 0.60;
  std::size_t max_candidates = 10;
  // Added when the screened country is among the entry's nationalities or address
  // countries, subtracted when the entry has countries and it is not: evidence, not a gate.
  double country_weight = 0.03;
  // The evaluation turns these off to prove that romanisation, not the list's own
  // original-script spellings, makes a Cyrillic, Arabic or Chinese name match.
  bool index_original_script = true;
  bool index_non_latin_aliases = true;
};

// How a screened name matched one listed entry.
struct Candidate {
  std::size_t entry_index = 0;  // into list().entries
  std::string data_id;
  std::string reference_number;
  std::string listed_name;  // the listed spelling that matched best
  ListedName::Source listed_name_source = ListedName::Source::kPrimary;
  std::string screened_name;  // which of the screened names matched it
  double name_score = 0;      // name similarity in [0, 1]
  double score = 0;           // after the country evidence, in [0, 1]
  enum class Country { kNotCompared, kSame, kDifferent };
  Country country = Country::kNotCompared;
};

struct ScreeningResult {
  Decision decision = Decision::kClear;
  double top_score = 0;
  std::vector<Candidate> candidates;  // best first
};

// Screens names against one list. The constructor-time index holds every listed name
// (primary, aliases of any quality, original script) normalised by NameNormalizer, a token
// vocabulary with character-trigram and consonant-skeleton indexes for candidate
// generation, and per-token weights (rarer words weigh more; generic business words and
// very common name parts such as "al" or "muhammad" less).
//
// Score of a screened name against a listed name: tokens are aligned greedily, best pair
// first, where a pair is one token, or two adjacent tokens written together ("hong kong" /
// "hongkong", "shang hai" / "shanghai"), on either side; the score is the weighted Dice
// coefficient sum(similarity x weight of both sides) / (total weight of both names), so a
// missing or extra word lowers it and word order does not matter.
//
// Immutable after Build; Screen is thread-safe.
class Screener {
 public:
  // InvalidArgument for a list without entries (screening against nothing must not clear).
  static Result<std::unique_ptr<Screener>> Build(SanctionsList list,
                                                 std::shared_ptr<const NameNormalizer> normalizer,
                                                 ScreenerOptions options = {});
  ~Screener();

  // Screens a subject known under `names` (company name, trading names, owners).
  // `country_code` is ISO 3166-1 alpha-2 or empty. Names that normalise to nothing are
  // ignored; with no usable name at all the decision is clear with no candidates (the
  // caller refuses such input before it gets here).
  ScreeningResult Screen(std::span<const std::string> names,
                         std::string_view country_code = {}) const;

  const SanctionsList& list() const { return list_; }
  const ScreenerOptions& options() const { return options_; }

 private:
  struct Index;
  Screener(SanctionsList list, std::shared_ptr<const NameNormalizer> normalizer,
           ScreenerOptions options);

  SanctionsList list_;
  std::shared_ptr<const NameNormalizer> normalizer_;
  ScreenerOptions options_;
  std::unique_ptr<Index> index_;
};

}  // namespace tb::sanctions
