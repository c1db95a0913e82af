#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/timestamp.h"
#include "core/unspsc.h"

namespace tb::matching {

// score(notice, supplier) of ../shared/ALGORITHMS.md B.3: hard filters first, then a linear
// combination of features, used both ways (alerts rank suppliers for a notice; officers see
// the suppliers recommended for a notice or draft tender). Pure: no I/O. docs/matching.md.

// sim(a, b) of B.3: (leading two-digit levels shared) / 4 for codes at the same depth; when one
// is an ancestor of the other, the shared levels over the shallower depth times 0.8 per level
// of depth difference (a segment against a commodity inside it: 0.8^3). 0 for unrelated codes.
double CodeSimilarity(UnspscCode a, UnspscCode b);

// H(A, B) of B.3: mean over a in A of max over b in B of CodeSimilarity(a, b). 0 when either
// side is empty.
double HierarchySimilarity(std::span<const UnspscCode> notice, std::span<const UnspscCode> supplier);

// UNGM's Tender Alert Service rule (B.1): some pair of codes is equal, or one is the other's
// parent or child (one level apart).
bool TasRuleMatches(std::span<const UnspscCode> notice, std::span<const UnspscCode> supplier);

// What the ranker knows of a supplier. Built by the caller from the supplier registry (or, in
// the evaluation, from a winner's training-period history).
struct SupplierProfile {
  std::int64_t id = 0;
  std::vector<UnspscCode> codes;           // the codes the supplier declared (any depth)
  std::string text;                        // name, description, products: what BM25 reads
  std::vector<std::string> countries;      // ISO 3166-1 alpha-2 of the company's country
  bool sme = false;
  bool women_owned = false;
  std::vector<std::string> registered_agencies;  // agency short names ("UNDP"), any case
  // Past bids or awards, one entry per code (a repeated code counts several times).
  std::vector<UnspscCode> history;
  // The agencies of past awards, one entry per award (a repeated agency counts several times):
  // how often the supplier won with an agency, beside the 0/1 registration above. When it has
  // as many entries as `history`, entry i is the agency of history[i] (what a supplier did for
  // this agency in this field). Empty when unknown; the evaluation fills it from the
  // training-period wins.
  std::vector<std::string> agency_history;
  // The texts of past awards or bids, one entry per award: the most similar one says more
  // than the concatenated profile text. Empty when unknown.
  std::vector<std::string> history_texts;
  bool sanctioned = false;  // an unresolved sanctions hit: never recommended
};

// A predicted code with its probability (matching/code_predictor.h's CodeScore, kept apart so
// this header stays light).
struct WeightedCode {
  UnspscCode code;
  double weight = 0;
};

// What the ranker knows of a notice (or a draft tender).
struct NoticeFacts {
  std::string text;   // title and description
  std::string agency;  // short agency name
  std::vector<UnspscCode> codes;            // as published; hidden in the text-only regime
  std::vector<WeightedCode> predicted_codes;  // from the code predictor
  // Where the supplier must be from; empty means open to all.
  std::vector<std::string> eligible_countries;
  bool reserved_for_sme = false;           // hard filter when set
  bool reserved_for_women_owned = false;   // hard filter when set
  bool targets_sme_or_women_owned = false;  // a preference (feature), not a filter
  std::optional<Timestamp> deadline;
};

// The features of B.3, in the order of the weights.
enum class Feature : int {
  kText = 0,           // BM25 of the notice text against the supplier's text
  kCodes,              // H(notice codes, supplier codes)
  kPredictedCodes,     // H(predicted codes weighted by probability, supplier codes)
  kCountry,            // 1 when eligible by country, from the supplier's country
  kAgency,             // 1 when registered with the notice's agency
  kHistory,            // log(1 + past bids or awards of the supplier in the notice's families,
                       // each weighted by its code's similarity to the notice code)
  kTargeting,          // 1 when the notice targets SMEs/women-owned and the supplier is one
  kDeadline,           // feasibility of the time left, 0..1
  kAgencyHistory,      // log(1 + past awards with the notice's agency), / the query's maximum
  kCodeHistory,        // B.2b's codes ranker: sum over levels (commodity 8, class 4, family 2,
                       // segment 1) of log(1 + past awards under the notice code's prefix at that
                       // level), / the query's maximum
  kAgencyCodeHistory,  // log(1 + past awards with the notice's agency, each weighted by its
                       // code's similarity to the notice codes), / the query's maximum
  kSimilarAward,       // BM25 of the notice text against the supplier's most similar past award
                       // text (history_texts), / the query's maximum
};
inline constexpr int kFeatureCount = 12;
std::string_view FeatureName(Feature feature);  // "text", "codes", ...

using FeatureVector = std::array<double, kFeatureCount>;

// Why a supplier was filtered out before scoring.
enum class HardFilter { kNone, kDeadlinePassed, kSanctioned, kCountryIneligible, kReservation };

struct RankerWeights {
  FeatureVector weights{};
  // The defaults learned on the validation period (docs/matching.md says how and by which
  // command), used when no weights file is given.
  static RankerWeights Learned();
  // `{"format":"tenderbridge.ranker-weights/1","weights":{"text":..., ...}}`; InvalidArgument
  // naming the field for anything else. agency_history and code_history (added later) may be
  // left out of older files and then weigh 0 (so do agency_code_history and similar_award).
  static Result<RankerWeights> FromJson(std::string_view json);
  std::string ToJson() const;
};

// How a ranking is scored; the baselines of B.4 step 7 use the same candidates and filters.
enum class Scoring { kLearned, kRrf, kTasRule, kTextOnly, kCodesOnly };

struct RankOptions {
  Timestamp now;
  int limit = 100;          // recommendations returned, best first
  double min_score = 0;     // kLearned: drop recommendations scoring below this
  bool use_notice_codes = true;  // false: the text-only regime (codes hidden, predictions used)
  Scoring scoring = Scoring::kLearned;
};

struct Recommendation {
  std::size_t supplier = 0;   // index into the matcher's profiles
  std::int64_t supplier_id = 0;
  double score = 0;
  FeatureVector features{};   // normalised as scored
};

// One reason shown with an alert: "matches your code 43211500 Computers".
struct CodeReason {
  UnspscCode notice_code;
  UnspscCode supplier_code;
  double similarity = 0;
  bool predicted = false;  // the notice code came from the predictor
};
struct Explanation {
  std::vector<CodeReason> codes;        // best first, at most 3
  std::vector<std::string> shared_terms;  // the words that contributed most to BM25, at most 5
  bool country_eligible = false;
  bool registered_with_agency = false;
  bool targeted = false;                // SME or women-owned targeting applies
  int history_in_family = 0;            // past bids or awards in the notice's families
  FeatureVector contributions{};        // weight x feature, for the "why" chips
};

// Ranks a fixed set of suppliers against notices. Built once (the BM25 index over the
// profiles' text, the code indexes), then queried from any number of threads.
class SupplierMatcher {
 public:
  explicit SupplierMatcher(std::vector<SupplierProfile> suppliers,
                           RankerWeights weights = RankerWeights::Learned());
  ~SupplierMatcher();
  SupplierMatcher(SupplierMatcher&&) noexcept;
  SupplierMatcher& operator=(SupplierMatcher&&) noexcept;

  std::size_t size() const;
  const SupplierProfile& profile(std::size_t supplier) const;

  HardFilter Filter(const NoticeFacts& notice, std::size_t supplier, Timestamp now) const;
  FeatureVector Features(const NoticeFacts& notice, std::size_t supplier,
                         bool use_notice_codes) const;
  std::vector<Recommendation> Rank(const NoticeFacts& notice, const RankOptions& options) const;
  Explanation Explain(const NoticeFacts& notice, std::size_t supplier, bool use_notice_codes) const;

  // Rank in two steps, so that an evaluation can score one candidate set several ways.
  // Candidates: the suppliers sharing a segment with the notice's codes (unless hidden) or
  // predicted codes, a BM25 term, or history in such a segment; hard filters applied; features
  // normalised by the per-query maximum over all generated candidates (before filtering, so a
  // supplier's features do not depend on who else is filtered out). In supplier order.
  struct Candidate {
    std::size_t supplier = 0;
    FeatureVector features{};
    bool tas = false;  // TasRuleMatches on the visible (or, hidden, the top predicted) code
  };
  std::vector<Candidate> Candidates(const NoticeFacts& notice, Timestamp now,
                                    bool use_notice_codes) const;
  std::vector<Recommendation> RankCandidates(std::span<const Candidate> candidates,
                                             const RankOptions& options) const;
  // Features() with kDeadline measured from `now`; the three-argument form, which has no
  // clock, counts every deadline as feasible (kDeadline 1).
  FeatureVector Features(const NoticeFacts& notice, std::size_t supplier, bool use_notice_codes,
                         Timestamp now) const;
  const RankerWeights& weights() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tb::matching
