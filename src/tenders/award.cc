#include "tenders/award.h"

#include <chrono>
#include <nlohmann/json.hpp>

namespace tb::tenders {
namespace {

using json = nlohmann::json;

Status Bad(std::string message, std::string path) {
  return Status::InvalidArgument(std::move(message)).WithField(std::move(path));
}

Status ReadRules(const json& section, const std::string& path, AwardRules& rules) {
  if (!section.is_object()) return Bad("must be an object", path);
  for (const auto& [key, value] : section.items()) {
    const std::string at = path + "/" + key;
    if (key == "approver_must_differ") {
      if (!value.is_boolean()) return Bad("must be true or false", at);
      rules.approver_must_differ = value.get<bool>();
    } else if (key == "standstill_days") {
      if (!value.is_number_integer()) return Bad("must be a whole number of days", at);
      const auto days = value.get<std::int64_t>();
      if (days < 0 || days > 60) return Bad("must be between 0 and 60 days", at);
      rules.standstill_days = static_cast<int>(days);
    } else {
      return Bad("unknown field", at);
    }
  }
  return Status::Ok();
}

}  // namespace

Result<AwardRuleBook> AwardRuleBook::FromJson(std::string_view text) {
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return Bad("is not a JSON object", "");
  AwardRules defaults;
  std::map<std::string, AwardRules, std::less<>> agencies;
  for (const auto& [key, value] : doc.items()) {
    if (key == "default") {
      TB_RETURN_IF_ERROR(ReadRules(value, "default", defaults));
    } else if (key != "organisations") {
      return Bad("unknown field", key);
    }
  }
  if (doc.contains("organisations")) {
    const json& organisations = doc["organisations"];
    if (!organisations.is_object()) return Bad("must be an object", "organisations");
    for (const auto& [name, section] : organisations.items()) {
      AwardRules rules = defaults;
      TB_RETURN_IF_ERROR(ReadRules(section, "organisations/" + name, rules));
      agencies.emplace(name, rules);
    }
  }
  return AwardRuleBook(defaults, std::move(agencies));
}

const AwardRules& AwardRuleBook::For(std::string_view organisation_name) const {
  auto it = agencies_.find(organisation_name);
  return it == agencies_.end() ? defaults_ : it->second;
}

BidsUnderEvaluation BidsOf(const OpeningRecord& opening) {
  BidsUnderEvaluation out;
  for (const OpenedBid& bid : opening.bids) {
    const SupplierId supplier{bid.supplier.value};
    if (bid.decrypted) {
      out.bids.push_back(EvaluatedBid{bid.bid_id, supplier, bid.receipt_time});
    } else {
      out.undecryptable.push_back(
          ExcludedBid{bid.bid_id, supplier,
                      "the bid could not be opened" + (bid.error.empty() ? "" : ": " + bid.error)});
    }
  }
  return out;
}

std::vector<BidPrice> PricesOf(const OpeningRecord& opening) {
  std::vector<BidPrice> prices;
  for (const OpenedBid& bid : opening.bids) {
    if (bid.decrypted && bid.price) prices.push_back(BidPrice{bid.bid_id, *bid.price});
  }
  return prices;
}

Timestamp StandstillEnd(Timestamp notified_at, const AwardRules& rules) {
  return notified_at + std::chrono::hours(24 * rules.standstill_days);
}

std::vector<RegretLetter> RegretLetters(const Ranking& ranking,
                                        const TechnicalEvaluation& technical,
                                        const std::vector<ExcludedBid>& undecryptable,
                                        const RankedBid& awarded, const std::string& winner_name,
                                        Timestamp sent_at, Timestamp debrief_until) {
  auto letter = [&](SupplierId supplier, const std::string& bid_id) {
    RegretLetter l;
    l.supplier = OrganisationId{supplier.value};
    l.bid_id = bid_id;
    l.winner_name = winner_name;
    l.winner_technical = awarded.technical;
    l.winner_financial = awarded.financial;
    l.winner_combined = awarded.combined;
    l.winner_price = awarded.price;
    l.sent_at = sent_at;
    l.debrief_until = debrief_until;
    return l;
  };
  std::vector<RegretLetter> letters;
  const std::string of = " of " + std::to_string(ranking.ranked.size());
  for (const RankedBid& r : ranking.ranked) {
    if (r.bid_id == awarded.bid_id) continue;
    RegretLetter l = letter(r.supplier, r.bid_id);
    l.outcome = "not_selected";
    l.reason = "ranked " + std::to_string(r.rank) + of;
    l.rank = r.rank;
    l.technical = r.technical;
    l.financial = r.financial;
    l.combined = r.combined;
    l.price = r.price;
    letters.push_back(std::move(l));
  }
  for (const std::vector<ExcludedBid>* list : {&ranking.excluded, &undecryptable}) {
    for (const ExcludedBid& e : *list) {
      RegretLetter l = letter(e.supplier, e.bid_id);
      l.outcome = "not_qualified";
      l.reason = e.reason;
      const TechnicalResult* t = technical.Find(e.bid_id);
      if (t != nullptr && !t->criteria.empty()) l.technical = t->technical;
      letters.push_back(std::move(l));
    }
  }
  return letters;
}

}  // namespace tb::tenders
