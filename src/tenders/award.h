#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "tenders/evaluation.h"
#include "tenders/evaluation_store.h"
#include "tenders/opening.h"

// Award rules and the pure parts of the award (docs/evaluation.md, "Award"): who may approve
// a recommendation, how long the standstill lasts, and what each unsuccessful bidder is told.
namespace tb::tenders {

// An agency's rules for the award. Defaults follow UN practice: four eyes (the approver is
// not the officer who recommended) and a ten-day standstill.
struct AwardRules {
  // False: the officer who recommended may approve too (small agencies, low values).
  bool approver_must_differ = true;
  int standstill_days = 10;  // calendar days of 24 hours from the award notice; 0..60
  bool operator==(const AwardRules&) const = default;
};

// The default rules and the overrides of named agencies. Immutable; thread-safe.
class AwardRuleBook {
 public:
  AwardRuleBook() = default;
  AwardRuleBook(AwardRules defaults, std::map<std::string, AwardRules, std::less<>> agencies)
      : defaults_(defaults), agencies_(std::move(agencies)) {}

  // {"default": {"approver_must_differ": true, "standstill_days": 10},
  //  "organisations": {"UNICEF": {"standstill_days": 7}}}: an organisation's fields override
  // the default's one by one. InvalidArgument naming the JSON path for an unknown field, a
  // wrong type, or standstill days outside 0..60.
  static Result<AwardRuleBook> FromJson(std::string_view json);

  // The rules of the agency named `organisation_name` (the tender's buyer_name).
  const AwardRules& For(std::string_view organisation_name) const;

 private:
  AwardRules defaults_;
  std::map<std::string, AwardRules, std::less<>> agencies_;
};

// The bids the evaluation works on: the decrypted bids of the technical (or single)
// opening, by receipt time. A bid that could not be decrypted is not evaluated: it is in
// `undecryptable` with the opening's error as reason.
struct BidsUnderEvaluation {
  std::vector<EvaluatedBid> bids;
  std::vector<ExcludedBid> undecryptable;
};
BidsUnderEvaluation BidsOf(const OpeningRecord& opening);

// The prices the ranking uses: those of the financial opening for two envelopes, of the
// single opening otherwise; bids that stated none are left out (RankBids excludes them).
std::vector<BidPrice> PricesOf(const OpeningRecord& opening);

// When the standstill ends for an award notified at `notified_at`.
Timestamp StandstillEnd(Timestamp notified_at, const AwardRules& rules);

// One letter for every bidder that does not win: the bidders excluded at any step (not
// qualified, no price, undecryptable) and every other ranked bid. `awarded` is the ranked bid
// awarded (usually rank 1; another when the recommendation deviated). Letters follow the
// ranking, then the exclusions in opening order.
// An excluded bid's letter carries its technical score when the tender has criteria.
std::vector<RegretLetter> RegretLetters(const Ranking& ranking,
                                        const TechnicalEvaluation& technical,
                                        const std::vector<ExcludedBid>& undecryptable,
                                        const RankedBid& awarded, const std::string& winner_name,
                                        Timestamp sent_at, Timestamp debrief_until);

}  // namespace tb::tenders
