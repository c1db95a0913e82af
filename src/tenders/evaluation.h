#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/money.h"
#include "core/result.h"
#include "core/timestamp.h"

// The evaluation engine of issue #6 item 5: compliance, evaluators' scoring sheets averaged,
// technical and financial scores, the minimum technical threshold of two-envelope tenders
// (ET-05) and the ranking with its tie rules. Pure functions, no I/O; docs/evaluation.md gives
// the formulas with worked examples.
namespace tb::tenders {

// A score with exactly four decimals, held as an integer number of 1/10,000 points
// (70.5 points is 705000). Every score is computed exactly from integers and rounded once,
// half away from zero, to this precision; ranking compares these rounded values, so the
// published figures and the order always agree and equal scores are really equal.
struct Points {
  std::int64_t e4 = 0;

  static constexpr Points Whole(std::int64_t points) { return Points{points * 10'000}; }
  // "49", "48.5", "33.3333": no trailing zeros, no exponent.
  std::string ToDecimal() const;
  double ToDouble() const { return static_cast<double>(e4) / 10'000.0; }

  constexpr Points operator+(Points other) const { return Points{e4 + other.e4}; }
  constexpr auto operator<=>(const Points&) const = default;
};

enum class EvaluationMethod {
  kLowestPrice,  // lowest-priced technically compliant bid
  kWeighted,     // technical and financial scores combined by weight (e.g. 70/30)
};
// "lowest_price" / "weighted", as in the tenders table (tender-schema.md).
std::string_view EvaluationMethodName(EvaluationMethod method);
std::optional<EvaluationMethod> ParseEvaluationMethod(std::string_view name);

// A scored criterion. Evaluators give each bid an integer 0..max_score on it; its share of
// the technical score is weight / (sum of all criteria weights). Sustainability criteria
// are ordinary criteria with the flag set: they count in the technical score by their
// weight and are also reported apart.
struct ScoringCriterion {
  std::string id;  // stable within the tender ("c1", "experience")
  std::string title;
  int weight = 0;      // 1..1000
  int max_score = 10;  // 1..1000
  bool sustainability = false;
  bool operator==(const ScoringCriterion&) const = default;
};

// A pass/fail requirement (a mandatory document, a minimum delivery time, eligibility). A
// bid that fails one is excluded, with the reason, whatever its scores.
struct ComplianceItem {
  std::string id;
  std::string title;
  bool operator==(const ComplianceItem&) const = default;
};

// How a tender's bids are evaluated: the tender's evaluation settings, gathered once.
struct EvaluationRules {
  EvaluationMethod method = EvaluationMethod::kLowestPrice;
  // Weighted only: the two add up to 100 (70/30, 80/20). Lowest price ignores them.
  int technical_weight = 70;
  int financial_weight = 30;
  // 0..100: the technical score a bid needs, in percent of the technical maximum, to be
  // qualified (and, with two envelopes, to have its financial envelope opened). 0 = none.
  int minimum_technical_percent = 0;
  std::string currency;                    // ISO 4217: every price must be in it
  std::vector<ScoringCriterion> criteria;  // weighted: at least one
  std::vector<ComplianceItem> compliance;

  // InvalidArgument naming the field ("criteria/2/weight", "technical_weight") when the
  // rules cannot be applied: weights outside their ranges, 70/20, duplicate ids, a weighted
  // method without criteria, a threshold without criteria, an unknown currency.
  Status Validate() const;
  // The maximum technical score: the technical weight for weighted tenders, 100 for lowest
  // price (where the technical score only gates and breaks ties).
  Points TechnicalMaximum() const;
  bool operator==(const EvaluationRules&) const = default;
};

// A bid as opened: who sent it and when it was received (from the opening record).
struct EvaluatedBid {
  std::string bid_id;
  SupplierId supplier;
  Timestamp received_at;
  bool operator==(const EvaluatedBid&) const = default;
};

struct CriterionMark {
  std::string criterion_id;
  int score = 0;  // 0..max_score
  std::string comment;
  bool operator==(const CriterionMark&) const = default;
};

struct ComplianceMark {
  std::string item_id;
  bool passed = false;
  std::string note;  // why it failed; shown in the exclusion reason
  bool operator==(const ComplianceMark&) const = default;
};

// One evaluator's assessment of one bid: a mark for every criterion and compliance item.
struct ScoringSheet {
  UserId evaluator;
  std::string bid_id;
  std::vector<CriterionMark> scores;
  std::vector<ComplianceMark> compliance;
  std::string comment;
  bool operator==(const ScoringSheet&) const = default;
};

struct CriterionResult {
  std::string criterion_id;
  Points average;       // mean of the evaluators' marks, on the 0..max_score scale
  Points contribution;  // its part of the technical score (display only: see docs)
  bool operator==(const CriterionResult&) const = default;
};

struct TechnicalResult {
  std::string bid_id;
  int sheet_count = 0;
  bool compliant = true;
  std::vector<std::string> failed_items;  // compliance item ids, in the rules' order
  std::vector<CriterionResult> criteria;  // in the rules' order
  Points technical;                       // out of rules.TechnicalMaximum()
  Points sustainability;                  // the part of `technical` from sustainability criteria
  bool meets_threshold = true;
  // Compliant and meets the threshold: goes on to the financial evaluation.
  bool qualified = true;
  std::string exclusion_reason;  // empty when qualified
  bool operator==(const TechnicalResult&) const = default;
};

// The checks EvaluateTechnical makes on one sheet, for refusing it when it is submitted:
// InvalidArgument naming "scores/j/score", "scores/j/criterion_id", "scores",
// "compliance/j/item_id" or "compliance" for a missing, unknown, repeated or out-of-range mark.
Status ValidateSheet(const EvaluationRules& rules, const ScoringSheet& sheet);

struct TechnicalEvaluation {
  std::vector<TechnicalResult> bids;  // in the order the bids were given
  std::vector<std::string> QualifiedBidIds() const;
  const TechnicalResult* Find(std::string_view bid_id) const;
  bool operator==(const TechnicalEvaluation&) const = default;
};

// Compliance and technical scores of every bid from the evaluators' sheets.
//  - A compliance item passes when more of the bid's sheets mark it passed than failed (a
//    tie fails: the bid must show it complies). A failed item excludes the bid; the reason
//    names the item and the evaluators' notes.
//  - Each criterion's marks are averaged over the bid's sheets; technical =
//    max × Σ(average_i / max_score_i × weight_i) / Σ weight_i, computed exactly and rounded
//    once to four decimals.
//  - meets_threshold: technical ≥ minimum_technical_percent % of the maximum.
// InvalidArgument (field "sheets/i/...") for a sheet of an unknown bid, a missing, unknown,
// repeated or out-of-range mark, or two sheets of one evaluator for one bid;
// FailedPrecondition when a bid has no sheet while the rules have criteria or compliance
// items; the Validate() errors of `rules`.
Result<TechnicalEvaluation> EvaluateTechnical(const EvaluationRules& rules,
                                              std::span<const EvaluatedBid> bids,
                                              std::span<const ScoringSheet> sheets);

// A price read at the (financial) opening, in minor units.
struct BidPrice {
  std::string bid_id;
  Money price;
  bool operator==(const BidPrice&) const = default;
};

// The rule that placed a bid below the one ranked just above it.
enum class TieRule {
  kNone,            // rank 1
  kCombinedScore,   // weighted: lower combined score
  kPrice,           // higher price (first rule of lowest price; a weighted tie-break)
  kTechnicalScore,  // lower technical score
  kReceiptTime,     // received later
  kLot,             // everything equal: the larger lot number (TieLot)
};
// "none", "combined_score", "price", "technical_score", "receipt_time", "lot".
std::string_view TieRuleName(TieRule rule);

struct RankedBid {
  std::string bid_id;
  SupplierId supplier;
  int rank = 0;  // 1 = best
  Money price;
  Points technical;
  Points financial;  // weighted: out of the financial weight; lowest price: out of 100
  Points combined;   // weighted: technical + financial; lowest price: = financial
  TieRule decided_by = TieRule::kNone;
  bool operator==(const RankedBid&) const = default;
};

struct ExcludedBid {
  std::string bid_id;
  SupplierId supplier;
  std::string reason;
  bool operator==(const ExcludedBid&) const = default;
};

struct Ranking {
  std::vector<RankedBid> ranked;      // rank 1 first
  std::vector<ExcludedBid> excluded;  // in the order the bids were given
  const RankedBid* winner() const { return ranked.empty() ? nullptr : &ranked.front(); }
  const RankedBid* Find(std::string_view bid_id) const;
  bool operator==(const Ranking&) const = default;
};

// The last tie-break, a drawing of lots nobody can steer and anyone can redo: lower-case hex
// SHA-256 of "tb-tie-lot-v1" || 0x00 || seed || 0x00 || bid id, the smaller first. Bid ids
// are chosen by suppliers, so they must not decide a tie themselves; the seed is fixed after
// every bid is in (the workflow uses the opening record's hash), so no bidder could aim.
std::string TieLot(std::string_view seed, std::string_view bid_id);

// Financial and combined scores of the qualified bids and their ranking. financial =
// financial weight × lowest price / price (lowest price: 100 × lowest / price). Order:
//   weighted:     combined ↓, technical ↓, price ↑, receipt time ↑, lot ↑
//   lowest price: price ↑, technical ↓, receipt time ↑, lot ↑
// so ranks are always distinct and the winner is unique. Bids not qualified are excluded
// with their technical reason; a qualified bid without a price is excluded with "no price".
// InvalidArgument (field "prices/i/...") for a price in another currency, not above zero,
// of an unknown or repeated bid; FailedPrecondition when `technical` does not cover `bids`.
Result<Ranking> RankBids(const EvaluationRules& rules, std::span<const EvaluatedBid> bids,
                         const TechnicalEvaluation& technical, std::span<const BidPrice> prices,
                         std::string_view tie_seed);

}  // namespace tb::tenders
