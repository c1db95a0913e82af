#include "tenders/evaluation.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "crypto/digest.h"
#include "crypto/random.h"

namespace tb::tenders {
namespace {

// GCC and Clang's 128-bit integer: products of weights, marks and prices stay exact.
__extension__ typedef __int128 Int128;

// Criteria scales are multiplied together through their least common multiple; beyond this
// the exact arithmetic could overflow, and no real tender has such scales.
constexpr std::int64_t kMaxScaleLcm = 1'000'000'000;

// round(numerator / denominator × 10^4), half away from zero, for denominator > 0.
Points RoundToPoints(Int128 numerator, Int128 denominator) {
  Int128 scaled = numerator * 10'000;
  const bool negative = scaled < 0;
  if (negative) scaled = -scaled;
  Int128 quotient = scaled / denominator;
  if ((scaled % denominator) * 2 >= denominator) ++quotient;
  return Points{static_cast<std::int64_t>(negative ? -quotient : quotient)};
}

std::string Index(std::string_view list, std::size_t i, std::string_view field = {}) {
  std::string out = std::string(list) + "/" + std::to_string(i);
  if (!field.empty()) out.append("/").append(field);
  return out;
}

// The marks of one bid, gathered from its sheets.
struct BidMarks {
  int sheets = 0;
  std::map<std::string, std::int64_t> score_sums;              // by criterion id
  std::map<std::string, std::pair<int, int>> compliance;       // item id -> (passed, failed)
  std::map<std::string, std::vector<std::string>> fail_notes;  // item id -> notes
};

Status CheckSheet(const EvaluationRules& rules, const ScoringSheet& sheet,
                  const std::string& prefix) {
  std::set<std::string> seen;
  for (std::size_t j = 0; j < sheet.scores.size(); ++j) {
    const CriterionMark& mark = sheet.scores[j];
    const std::string field = prefix + Index("scores", j);
    auto criterion =
        std::find_if(rules.criteria.begin(), rules.criteria.end(),
                     [&](const ScoringCriterion& c) { return c.id == mark.criterion_id; });
    if (criterion == rules.criteria.end()) {
      return Status::InvalidArgument("no criterion \"" + mark.criterion_id + "\" in this tender")
          .WithField(field + "/criterion_id");
    }
    if (!seen.insert(mark.criterion_id).second) {
      return Status::InvalidArgument("criterion \"" + mark.criterion_id + "\" is scored twice")
          .WithField(field + "/criterion_id");
    }
    if (mark.score < 0 || mark.score > criterion->max_score) {
      return Status::InvalidArgument("the score must be between 0 and " +
                                     std::to_string(criterion->max_score))
          .WithField(field + "/score");
    }
  }
  for (const ScoringCriterion& c : rules.criteria) {
    if (!seen.contains(c.id)) {
      return Status::InvalidArgument("criterion \"" + c.id + "\" is not scored")
          .WithField(prefix + "scores");
    }
  }
  std::set<std::string> seen_items;
  for (std::size_t j = 0; j < sheet.compliance.size(); ++j) {
    const ComplianceMark& mark = sheet.compliance[j];
    const std::string field = prefix + Index("compliance", j, "item_id");
    const bool known = std::any_of(rules.compliance.begin(), rules.compliance.end(),
                                   [&](const ComplianceItem& c) { return c.id == mark.item_id; });
    if (!known) {
      return Status::InvalidArgument("no compliance item \"" + mark.item_id + "\" in this tender")
          .WithField(field);
    }
    if (!seen_items.insert(mark.item_id).second) {
      return Status::InvalidArgument("compliance item \"" + mark.item_id + "\" is marked twice")
          .WithField(field);
    }
  }
  for (const ComplianceItem& c : rules.compliance) {
    if (!seen_items.contains(c.id)) {
      return Status::InvalidArgument("compliance item \"" + c.id + "\" is not marked")
          .WithField(prefix + "compliance");
    }
  }
  return Status::Ok();
}

// Σ over `criteria` of sum_i × weight_i / max_i, as numerator / (common scale) with the
// common scale the LCM of the maxima, so the division happens once, at rounding.
Int128 WeightedScoreSum(const std::vector<ScoringCriterion>& criteria,
                        const std::map<std::string, std::int64_t>& sums, std::int64_t lcm,
                        bool sustainability_only) {
  Int128 total = 0;
  for (const ScoringCriterion& c : criteria) {
    if (sustainability_only && !c.sustainability) continue;
    auto it = sums.find(c.id);
    const std::int64_t sum = it == sums.end() ? 0 : it->second;
    total += static_cast<Int128>(sum) * c.weight * (lcm / c.max_score);
  }
  return total;
}

}  // namespace

std::string Points::ToDecimal() const {
  const std::int64_t magnitude = e4 < 0 ? -e4 : e4;
  std::string out = e4 < 0 ? "-" : "";
  out += std::to_string(magnitude / 10'000);
  std::int64_t fraction = magnitude % 10'000;
  if (fraction == 0) return out;
  std::string digits = std::to_string(fraction);
  digits.insert(0, 4 - digits.size(), '0');
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  return out + "." + digits;
}

Status ValidateSheet(const EvaluationRules& rules, const ScoringSheet& sheet) {
  return CheckSheet(rules, sheet, "");
}

std::string_view EvaluationMethodName(EvaluationMethod method) {
  return method == EvaluationMethod::kWeighted ? "weighted" : "lowest_price";
}

std::optional<EvaluationMethod> ParseEvaluationMethod(std::string_view name) {
  if (name == "lowest_price") return EvaluationMethod::kLowestPrice;
  if (name == "weighted") return EvaluationMethod::kWeighted;
  return std::nullopt;
}

std::string_view TieRuleName(TieRule rule) {
  switch (rule) {
    case TieRule::kNone:
      return "none";
    case TieRule::kCombinedScore:
      return "combined_score";
    case TieRule::kPrice:
      return "price";
    case TieRule::kTechnicalScore:
      return "technical_score";
    case TieRule::kReceiptTime:
      return "receipt_time";
    case TieRule::kLot:
      return "lot";
  }
  return "none";
}

Status EvaluationRules::Validate() const {
  if (method == EvaluationMethod::kWeighted) {
    if (technical_weight < 1 || technical_weight > 99) {
      return Status::InvalidArgument("the technical weight must be between 1 and 99")
          .WithField("technical_weight");
    }
    if (technical_weight + financial_weight != 100) {
      return Status::InvalidArgument("the technical and financial weights must add up to 100")
          .WithField("financial_weight");
    }
    if (criteria.empty()) {
      return Status::InvalidArgument("a weighted evaluation needs at least one criterion")
          .WithField("criteria");
    }
  }
  if (minimum_technical_percent < 0 || minimum_technical_percent > 100) {
    return Status::InvalidArgument("the minimum technical score must be between 0 and 100 %")
        .WithField("minimum_technical_percent");
  }
  if (minimum_technical_percent > 0 && criteria.empty()) {
    return Status::InvalidArgument("a minimum technical score needs scored criteria")
        .WithField("minimum_technical_percent");
  }
  if (CurrencyExponent(currency) < 0) {
    return Status::InvalidArgument("\"" + currency + "\" is not an ISO 4217 currency")
        .WithField("currency");
  }
  std::set<std::string> ids;
  std::int64_t lcm = 1;
  for (std::size_t i = 0; i < criteria.size(); ++i) {
    const ScoringCriterion& c = criteria[i];
    if (c.id.empty() || !ids.insert(c.id).second) {
      return Status::InvalidArgument("each criterion needs an id of its own")
          .WithField(Index("criteria", i, "id"));
    }
    if (c.weight < 1 || c.weight > 1000) {
      return Status::InvalidArgument("a criterion weight must be between 1 and 1000")
          .WithField(Index("criteria", i, "weight"));
    }
    if (c.max_score < 1 || c.max_score > 1000) {
      return Status::InvalidArgument("a criterion's maximum score must be between 1 and 1000")
          .WithField(Index("criteria", i, "max_score"));
    }
    lcm = std::lcm(lcm, static_cast<std::int64_t>(c.max_score));
    if (lcm > kMaxScaleLcm) {
      return Status::InvalidArgument(
                 "the criteria's maximum scores are too varied; use a common scale")
          .WithField(Index("criteria", i, "max_score"));
    }
  }
  std::set<std::string> item_ids;
  for (std::size_t i = 0; i < compliance.size(); ++i) {
    if (compliance[i].id.empty() || !item_ids.insert(compliance[i].id).second) {
      return Status::InvalidArgument("each compliance item needs an id of its own")
          .WithField(Index("compliance", i, "id"));
    }
  }
  return Status::Ok();
}

Points EvaluationRules::TechnicalMaximum() const {
  return Points::Whole(method == EvaluationMethod::kWeighted ? technical_weight : 100);
}

std::vector<std::string> TechnicalEvaluation::QualifiedBidIds() const {
  std::vector<std::string> ids;
  for (const TechnicalResult& r : bids) {
    if (r.qualified) ids.push_back(r.bid_id);
  }
  return ids;
}

const TechnicalResult* TechnicalEvaluation::Find(std::string_view bid_id) const {
  for (const TechnicalResult& r : bids) {
    if (r.bid_id == bid_id) return &r;
  }
  return nullptr;
}

const RankedBid* Ranking::Find(std::string_view bid_id) const {
  for (const RankedBid& r : ranked) {
    if (r.bid_id == bid_id) return &r;
  }
  return nullptr;
}

Result<TechnicalEvaluation> EvaluateTechnical(const EvaluationRules& rules,
                                              std::span<const EvaluatedBid> bids,
                                              std::span<const ScoringSheet> sheets) {
  TB_RETURN_IF_ERROR(rules.Validate());
  std::map<std::string, BidMarks> marks;
  for (std::size_t i = 0; i < bids.size(); ++i) {
    if (!marks.emplace(bids[i].bid_id, BidMarks{}).second) {
      return Status::InvalidArgument("bid " + bids[i].bid_id + " is listed twice")
          .WithField(Index("bids", i, "bid_id"));
    }
  }
  std::set<std::pair<std::int64_t, std::string>> sheet_keys;
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const ScoringSheet& sheet = sheets[i];
    auto bid = marks.find(sheet.bid_id);
    if (bid == marks.end()) {
      return Status::InvalidArgument("bid " + sheet.bid_id + " is not under evaluation")
          .WithField(Index("sheets", i, "bid_id"));
    }
    if (!sheet_keys.emplace(sheet.evaluator.value, sheet.bid_id).second) {
      return Status::InvalidArgument("evaluator " + std::to_string(sheet.evaluator.value) +
                                     " has two sheets for bid " + sheet.bid_id)
          .WithField(Index("sheets", i, "evaluator"));
    }
    TB_RETURN_IF_ERROR(CheckSheet(rules, sheet, Index("sheets", i) + "/"));
    BidMarks& m = bid->second;
    ++m.sheets;
    for (const CriterionMark& mark : sheet.scores) m.score_sums[mark.criterion_id] += mark.score;
    for (const ComplianceMark& mark : sheet.compliance) {
      auto& [passed, failed] = m.compliance[mark.item_id];
      if (mark.passed) {
        ++passed;
      } else {
        ++failed;
        if (!mark.note.empty()) m.fail_notes[mark.item_id].push_back(mark.note);
      }
    }
  }

  std::int64_t lcm = 1;
  std::int64_t total_weight = 0;
  for (const ScoringCriterion& c : rules.criteria) {
    lcm = std::lcm(lcm, static_cast<std::int64_t>(c.max_score));
    total_weight += c.weight;
  }
  const Points maximum = rules.TechnicalMaximum();
  const bool needs_sheets = !rules.criteria.empty() || !rules.compliance.empty();

  TechnicalEvaluation out;
  for (const EvaluatedBid& bid : bids) {
    const BidMarks& m = marks.at(bid.bid_id);
    if (needs_sheets && m.sheets == 0) {
      return Status::FailedPrecondition("bid " + bid.bid_id + " has no scoring sheet");
    }
    TechnicalResult r;
    r.bid_id = bid.bid_id;
    r.sheet_count = m.sheets;
    std::string reasons;
    for (const ComplianceItem& item : rules.compliance) {
      auto it = m.compliance.find(item.id);
      const auto [passed, failed] = it == m.compliance.end() ? std::pair{0, 0} : it->second;
      if (passed > failed) continue;
      r.compliant = false;
      r.failed_items.push_back(item.id);
      std::string reason = "fails \"" + (item.title.empty() ? item.id : item.title) + "\"";
      auto notes = m.fail_notes.find(item.id);
      if (notes != m.fail_notes.end()) {
        std::string joined;
        for (const std::string& note : notes->second) joined += (joined.empty() ? "" : "; ") + note;
        reason += " (" + joined + ")";
      }
      reasons += (reasons.empty() ? "" : ", ") + reason;
    }
    if (!rules.criteria.empty()) {
      const Int128 denominator = static_cast<Int128>(total_weight) * m.sheets * lcm;
      const Int128 points = maximum.e4 / 10'000;
      r.technical = RoundToPoints(
          points * WeightedScoreSum(rules.criteria, m.score_sums, lcm, false), denominator);
      r.sustainability = RoundToPoints(
          points * WeightedScoreSum(rules.criteria, m.score_sums, lcm, true), denominator);
      for (const ScoringCriterion& c : rules.criteria) {
        const std::int64_t sum = m.score_sums.count(c.id) ? m.score_sums.at(c.id) : 0;
        r.criteria.push_back(CriterionResult{
            c.id, RoundToPoints(sum, m.sheets),
            RoundToPoints(points * sum * c.weight,
                          static_cast<Int128>(c.max_score) * m.sheets * total_weight)});
      }
      // threshold % of the maximum, compared on the published four-decimal score.
      const std::int64_t needed = maximum.e4 * rules.minimum_technical_percent / 100;
      r.meets_threshold = r.technical.e4 >= needed;
      if (!r.meets_threshold) {
        const std::string below = "technical score " + r.technical.ToDecimal() +
                                  " is below the minimum of " + Points{needed}.ToDecimal();
        reasons += (reasons.empty() ? "" : ", ") + below;
      }
    }
    r.qualified = r.compliant && r.meets_threshold;
    r.exclusion_reason = reasons;
    out.bids.push_back(std::move(r));
  }
  return out;
}

std::string TieLot(std::string_view seed, std::string_view bid_id) {
  constexpr std::string_view kDomain = "tb-tie-lot-v1";
  crypto::Sha256Hasher hasher;
  auto feed = [&](std::string_view text) {
    hasher.Update(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
  };
  feed(kDomain);
  hasher.Update(std::uint8_t{0});
  feed(seed);
  hasher.Update(std::uint8_t{0});
  feed(bid_id);
  return crypto::HexEncode(hasher.Finish());
}

Result<Ranking> RankBids(const EvaluationRules& rules, std::span<const EvaluatedBid> bids,
                         const TechnicalEvaluation& technical, std::span<const BidPrice> prices,
                         std::string_view tie_seed) {
  TB_RETURN_IF_ERROR(rules.Validate());
  std::map<std::string, Money> price_of;
  for (std::size_t i = 0; i < prices.size(); ++i) {
    const BidPrice& p = prices[i];
    const bool known = std::any_of(bids.begin(), bids.end(),
                                   [&](const EvaluatedBid& b) { return b.bid_id == p.bid_id; });
    if (!known) {
      return Status::InvalidArgument("bid " + p.bid_id + " is not under evaluation")
          .WithField(Index("prices", i, "bid_id"));
    }
    if (p.price.currency != rules.currency) {
      return Status::InvalidArgument("the price of bid " + p.bid_id + " is in " + p.price.currency +
                                     ", not in the tender's " + rules.currency)
          .WithField(Index("prices", i, "currency"));
    }
    if (p.price.amount_minor <= 0) {
      return Status::InvalidArgument("the price of bid " + p.bid_id + " must be above zero")
          .WithField(Index("prices", i, "amount"));
    }
    if (!price_of.emplace(p.bid_id, p.price).second) {
      return Status::InvalidArgument("bid " + p.bid_id + " has two prices")
          .WithField(Index("prices", i, "bid_id"));
    }
  }

  Ranking out;
  std::vector<std::pair<const EvaluatedBid*, const TechnicalResult*>> candidates;
  for (const EvaluatedBid& bid : bids) {
    const TechnicalResult* t = technical.Find(bid.bid_id);
    if (t == nullptr) {
      return Status::FailedPrecondition("bid " + bid.bid_id + " has no technical result");
    }
    if (!t->qualified) {
      out.excluded.push_back(ExcludedBid{bid.bid_id, bid.supplier, t->exclusion_reason});
    } else if (!price_of.contains(bid.bid_id)) {
      out.excluded.push_back(ExcludedBid{bid.bid_id, bid.supplier, "no price"});
    } else {
      candidates.emplace_back(&bid, t);
    }
  }
  if (candidates.empty()) return out;

  std::int64_t lowest = price_of.at(candidates.front().first->bid_id).amount_minor;
  for (const auto& [bid, t] : candidates) {
    lowest = std::min(lowest, price_of.at(bid->bid_id).amount_minor);
  }
  const bool weighted = rules.method == EvaluationMethod::kWeighted;
  const std::int64_t financial_weight = weighted ? rules.financial_weight : 100;
  for (const auto& [bid, t] : candidates) {
    RankedBid r;
    r.bid_id = bid->bid_id;
    r.supplier = bid->supplier;
    r.price = price_of.at(bid->bid_id);
    r.technical = t->technical;
    r.financial =
        RoundToPoints(static_cast<Int128>(financial_weight) * lowest, r.price.amount_minor);
    r.combined = weighted ? r.technical + r.financial : r.financial;
    out.ranked.push_back(std::move(r));
  }

  std::map<std::string, Timestamp> received;
  std::map<std::string, std::string> lot;
  for (const EvaluatedBid& b : bids) received[b.bid_id] = b.received_at;
  for (const RankedBid& r : out.ranked) lot[r.bid_id] = TieLot(tie_seed, r.bid_id);
  // The first rule on which `a` and `b` differ, and whether it puts `a` first.
  auto first_difference = [&](const RankedBid& a, const RankedBid& b) -> std::pair<TieRule, bool> {
    if (weighted && a.combined != b.combined)
      return {TieRule::kCombinedScore, a.combined > b.combined};
    if (!weighted && a.price.amount_minor != b.price.amount_minor) {
      return {TieRule::kPrice, a.price.amount_minor < b.price.amount_minor};
    }
    if (a.technical != b.technical) return {TieRule::kTechnicalScore, a.technical > b.technical};
    if (weighted && a.price.amount_minor != b.price.amount_minor) {
      return {TieRule::kPrice, a.price.amount_minor < b.price.amount_minor};
    }
    const Timestamp ta = received.at(a.bid_id), tb = received.at(b.bid_id);
    if (ta != tb) return {TieRule::kReceiptTime, ta < tb};
    return {TieRule::kLot, lot.at(a.bid_id) < lot.at(b.bid_id)};
  };
  std::sort(out.ranked.begin(), out.ranked.end(), [&](const RankedBid& a, const RankedBid& b) {
    return a.bid_id != b.bid_id && first_difference(a, b).second;
  });
  for (std::size_t i = 0; i < out.ranked.size(); ++i) {
    out.ranked[i].rank = static_cast<int>(i) + 1;
    out.ranked[i].decided_by =
        i == 0 ? TieRule::kNone : first_difference(out.ranked[i - 1], out.ranked[i]).first;
  }
  return out;
}

}  // namespace tb::tenders
