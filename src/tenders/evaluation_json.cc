#include "tenders/evaluation_json.h"

#include <set>

namespace tb::tenders {
namespace {

using json = nlohmann::json;

json MoneyJson(const Money& m) { return {{"amount", m.ToDecimal()}, {"currency", m.currency}}; }

void PutTime(json& out, const char* key, const std::optional<Timestamp>& t) {
  if (t) out[key] = t->ToRfc3339();
}

void PutPoints(json& out, const char* key, const std::optional<Points>& p) {
  if (p) out[key] = PointsJson(*p);
}

// Reads the stored documents; the first error wins and names its JSON pointer.
class Reader {
 public:
  std::string String(const json& obj, const char* key, const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return {};
    if (!it->is_string()) {
      Fail(path + "/" + key, "must be a string");
      return {};
    }
    return it->get<std::string>();
  }
  std::int64_t Int(const json& obj, const char* key, const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return 0;
    if (!it->is_number_integer()) {
      Fail(path + "/" + key, "must be a whole number");
      return 0;
    }
    return it->get<std::int64_t>();
  }
  bool Bool(const json& obj, const char* key, const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return false;
    if (!it->is_boolean()) {
      Fail(path + "/" + key, "must be true or false");
      return false;
    }
    return it->get<bool>();
  }
  std::optional<Timestamp> Time(const json& obj, const char* key, const std::string& path) {
    const std::string text = String(obj, key, path);
    if (text.empty()) return std::nullopt;
    Result<Timestamp> t = Timestamp::FromRfc3339(text);
    if (!t.ok()) Fail(path + "/" + key, t.status().message());
    return t.ok() ? std::optional<Timestamp>(*t) : std::nullopt;
  }
  Timestamp RequiredTime(const json& obj, const char* key, const std::string& path) {
    std::optional<Timestamp> t = Time(obj, key, path);
    if (!t) Fail(path + "/" + key, "is required");
    return t.value_or(Timestamp());
  }
  std::optional<Money> MoneyAt(const json& obj, const char* key, const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return std::nullopt;
    const std::string p = path + "/" + key;
    if (!it->is_object()) {
      Fail(p, "must be an object with amount and currency");
      return std::nullopt;
    }
    Result<Money> m = Money::FromDecimal(String(*it, "amount", p), String(*it, "currency", p));
    if (!m.ok()) Fail(p, m.status().message());
    return m.ok() ? std::optional<Money>(*m) : std::nullopt;
  }
  std::optional<Points> PointsAt(const json& obj, const char* key, const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return std::nullopt;
    Result<Points> p = ParsePoints(*it, path + "/" + key);
    if (!p.ok()) Fail(path + "/" + key, p.status().message());
    return p.ok() ? std::optional<Points>(*p) : std::nullopt;
  }
  const json& Array(const json& obj, const char* key, const std::string& path) {
    static const json kEmpty = json::array();
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return kEmpty;
    if (!it->is_array()) {
      Fail(path + "/" + key, "must be an array");
      return kEmpty;
    }
    return *it;
  }
  void Fail(std::string pointer, std::string message) {
    if (status_.ok())
      status_ = Status::InvalidArgument(std::move(message)).WithField(std::move(pointer));
  }
  const Status& status() const { return status_; }

 private:
  Status status_;
};

Status OnlyKnownFields(const json& obj, const std::string& path,
                       std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : obj.items()) {
    bool ok = false;
    for (std::string_view k : known) ok = ok || k == key;
    if (!ok) return Status::InvalidArgument("unknown field").WithField(path + "/" + key);
  }
  return Status::Ok();
}

TechnicalEvaluation TechnicalFrom(Reader& r, const json& doc, const std::string& path) {
  TechnicalEvaluation t;
  const json& bids = r.Array(doc, "bids", path);
  for (std::size_t i = 0; i < bids.size(); ++i) {
    const json& b = bids[i];
    const std::string p = path + "/bids/" + std::to_string(i);
    TechnicalResult res;
    res.bid_id = r.String(b, "bid_id", p);
    res.sheet_count = static_cast<int>(r.Int(b, "sheet_count", p));
    res.compliant = r.Bool(b, "compliant", p);
    for (const json& id : r.Array(b, "failed_items", p)) {
      if (id.is_string()) res.failed_items.push_back(id.get<std::string>());
    }
    const json& criteria = r.Array(b, "criteria", p);
    for (std::size_t j = 0; j < criteria.size(); ++j) {
      const std::string cp = p + "/criteria/" + std::to_string(j);
      res.criteria.push_back(
          CriterionResult{r.String(criteria[j], "criterion_id", cp),
                          r.PointsAt(criteria[j], "average", cp).value_or(Points{}),
                          r.PointsAt(criteria[j], "contribution", cp).value_or(Points{})});
    }
    res.technical = r.PointsAt(b, "technical", p).value_or(Points{});
    res.sustainability = r.PointsAt(b, "sustainability", p).value_or(Points{});
    res.meets_threshold = r.Bool(b, "meets_threshold", p);
    res.qualified = r.Bool(b, "qualified", p);
    res.exclusion_reason = r.String(b, "exclusion_reason", p);
    t.bids.push_back(std::move(res));
  }
  return t;
}

std::optional<TieRule> ParseTieRule(std::string_view name) {
  for (TieRule rule : {TieRule::kNone, TieRule::kCombinedScore, TieRule::kPrice,
                       TieRule::kTechnicalScore, TieRule::kReceiptTime, TieRule::kLot}) {
    if (TieRuleName(rule) == name) return rule;
  }
  return std::nullopt;
}

Ranking RankingFrom(Reader& r, const json& doc, const std::string& path) {
  Ranking out;
  const json& ranked = r.Array(doc, "ranked", path);
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    const json& b = ranked[i];
    const std::string p = path + "/ranked/" + std::to_string(i);
    RankedBid rb;
    rb.bid_id = r.String(b, "bid_id", p);
    rb.supplier = SupplierId{r.Int(b, "supplier", p)};
    rb.rank = static_cast<int>(r.Int(b, "rank", p));
    rb.price = r.MoneyAt(b, "price", p).value_or(Money{});
    rb.technical = r.PointsAt(b, "technical", p).value_or(Points{});
    rb.financial = r.PointsAt(b, "financial", p).value_or(Points{});
    rb.combined = r.PointsAt(b, "combined", p).value_or(Points{});
    std::optional<TieRule> rule = ParseTieRule(r.String(b, "decided_by", p));
    if (!rule) r.Fail(p + "/decided_by", "unknown tie rule");
    rb.decided_by = rule.value_or(TieRule::kNone);
    out.ranked.push_back(std::move(rb));
  }
  const json& excluded = r.Array(doc, "excluded", path);
  for (std::size_t i = 0; i < excluded.size(); ++i) {
    const std::string p = path + "/excluded/" + std::to_string(i);
    out.excluded.push_back(ExcludedBid{r.String(excluded[i], "bid_id", p),
                                       SupplierId{r.Int(excluded[i], "supplier", p)},
                                       r.String(excluded[i], "reason", p)});
  }
  return out;
}

}  // namespace

json PointsJson(Points points) { return points.ToDecimal(); }

Result<Points> ParsePoints(const json& value, const std::string& field) {
  auto bad = [&] {
    return Status::InvalidArgument("must be a decimal score with at most 4 decimals")
        .WithField(field);
  };
  if (!value.is_string()) return bad();
  const std::string text = value.get<std::string>();
  std::size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++i;
  std::int64_t whole = 0, fraction = 0;
  int digits = 0, decimals = -1;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && decimals < 0 && digits > 0) {
      decimals = 0;
      continue;
    }
    if (c < '0' || c > '9' || digits > 15) return bad();
    ++digits;
    if (decimals < 0) {
      whole = whole * 10 + (c - '0');
    } else {
      if (++decimals > 4) return bad();
      fraction = fraction * 10 + (c - '0');
    }
  }
  if (digits == 0 || decimals == 0) return bad();
  for (int d = std::max(decimals, 0); d < 4; ++d) fraction *= 10;
  const std::int64_t e4 = whole * 10'000 + fraction;
  return Points{negative ? -e4 : e4};
}

json SheetJson(const ScoringSheet& sheet) {
  json scores = json::array();
  for (const CriterionMark& m : sheet.scores) {
    scores.push_back(
        {{"criterion_id", m.criterion_id}, {"score", m.score}, {"comment", m.comment}});
  }
  json compliance = json::array();
  for (const ComplianceMark& m : sheet.compliance) {
    compliance.push_back({{"item_id", m.item_id}, {"passed", m.passed}, {"note", m.note}});
  }
  return {{"bid_id", sheet.bid_id},
          {"evaluator", sheet.evaluator.value},
          {"scores", std::move(scores)},
          {"compliance", std::move(compliance)},
          {"comment", sheet.comment}};
}

Result<ScoringSheet> SheetFromJson(const json& body) {
  if (!body.is_object()) return Status::InvalidArgument("the sheet must be a JSON object");
  TB_RETURN_IF_ERROR(
      OnlyKnownFields(body, "", {"scores", "compliance", "comment", "bid_id", "evaluator"}));
  Reader r;
  ScoringSheet sheet;
  sheet.bid_id = r.String(body, "bid_id", "");
  sheet.comment = r.String(body, "comment", "");
  const json& scores = r.Array(body, "scores", "");
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const std::string p = "/scores/" + std::to_string(i);
    if (!scores[i].is_object()) return Status::InvalidArgument("must be an object").WithField(p);
    TB_RETURN_IF_ERROR(OnlyKnownFields(scores[i], p, {"criterion_id", "score", "comment"}));
    auto score = scores[i].find("score");
    if (score == scores[i].end() || !score->is_number_integer()) {
      return Status::InvalidArgument("must be a whole number").WithField(p + "/score");
    }
    const auto value = score->get<std::int64_t>();
    if (value < -1'000'000 || value > 1'000'000) {
      return Status::InvalidArgument("is out of range").WithField(p + "/score");
    }
    sheet.scores.push_back(CriterionMark{r.String(scores[i], "criterion_id", p),
                                         static_cast<int>(value),
                                         r.String(scores[i], "comment", p)});
  }
  const json& compliance = r.Array(body, "compliance", "");
  for (std::size_t i = 0; i < compliance.size(); ++i) {
    const std::string p = "/compliance/" + std::to_string(i);
    if (!compliance[i].is_object())
      return Status::InvalidArgument("must be an object").WithField(p);
    TB_RETURN_IF_ERROR(OnlyKnownFields(compliance[i], p, {"item_id", "passed", "note"}));
    auto passed = compliance[i].find("passed");
    if (passed == compliance[i].end() || !passed->is_boolean()) {
      return Status::InvalidArgument("must be true or false").WithField(p + "/passed");
    }
    sheet.compliance.push_back(ComplianceMark{r.String(compliance[i], "item_id", p),
                                              passed->get<bool>(),
                                              r.String(compliance[i], "note", p)});
  }
  if (!r.status().ok()) return r.status();
  return sheet;
}

json TechnicalJson(const TechnicalEvaluation& technical) {
  json bids = json::array();
  for (const TechnicalResult& t : technical.bids) {
    json criteria = json::array();
    for (const CriterionResult& c : t.criteria) {
      criteria.push_back({{"criterion_id", c.criterion_id},
                          {"average", PointsJson(c.average)},
                          {"contribution", PointsJson(c.contribution)}});
    }
    bids.push_back({{"bid_id", t.bid_id},
                    {"sheet_count", t.sheet_count},
                    {"compliant", t.compliant},
                    {"failed_items", t.failed_items},
                    {"criteria", std::move(criteria)},
                    {"technical", PointsJson(t.technical)},
                    {"sustainability", PointsJson(t.sustainability)},
                    {"meets_threshold", t.meets_threshold},
                    {"qualified", t.qualified},
                    {"exclusion_reason", t.exclusion_reason}});
  }
  return {{"bids", std::move(bids)}};
}

json RankingJson(const Ranking& ranking) {
  json ranked = json::array();
  for (const RankedBid& r : ranking.ranked) {
    ranked.push_back({{"bid_id", r.bid_id},
                      {"supplier", r.supplier.value},
                      {"rank", r.rank},
                      {"price", MoneyJson(r.price)},
                      {"technical", PointsJson(r.technical)},
                      {"financial", PointsJson(r.financial)},
                      {"combined", PointsJson(r.combined)},
                      {"decided_by", TieRuleName(r.decided_by)}});
  }
  json excluded = json::array();
  for (const ExcludedBid& e : ranking.excluded) {
    excluded.push_back(
        {{"bid_id", e.bid_id}, {"supplier", e.supplier.value}, {"reason", e.reason}});
  }
  return {{"ranked", std::move(ranked)}, {"excluded", std::move(excluded)}};
}

json LetterJson(const RegretLetter& l) {
  json out = {{"supplier", l.supplier.value},
              {"bid_id", l.bid_id},
              {"outcome", l.outcome},
              {"reason", l.reason},
              {"winner_name", l.winner_name},
              {"winner_price", MoneyJson(l.winner_price)},
              {"sent_at", l.sent_at.ToRfc3339()},
              {"debrief_until", l.debrief_until.ToRfc3339()}};
  if (l.rank) out["rank"] = *l.rank;
  PutPoints(out, "technical", l.technical);
  PutPoints(out, "financial", l.financial);
  PutPoints(out, "combined", l.combined);
  if (l.price) out["price"] = MoneyJson(*l.price);
  PutPoints(out, "winner_technical", l.winner_technical);
  PutPoints(out, "winner_financial", l.winner_financial);
  PutPoints(out, "winner_combined", l.winner_combined);
  return out;
}

Result<RegretLetter> LetterFromJson(const json& doc) {
  if (!doc.is_object()) return Status::InvalidArgument("a letter must be a JSON object");
  Reader r;
  RegretLetter l;
  l.supplier = OrganisationId{r.Int(doc, "supplier", "")};
  l.bid_id = r.String(doc, "bid_id", "");
  l.outcome = r.String(doc, "outcome", "");
  l.reason = r.String(doc, "reason", "");
  if (doc.contains("rank")) l.rank = static_cast<int>(r.Int(doc, "rank", ""));
  l.technical = r.PointsAt(doc, "technical", "");
  l.financial = r.PointsAt(doc, "financial", "");
  l.combined = r.PointsAt(doc, "combined", "");
  l.price = r.MoneyAt(doc, "price", "");
  l.winner_name = r.String(doc, "winner_name", "");
  l.winner_technical = r.PointsAt(doc, "winner_technical", "");
  l.winner_financial = r.PointsAt(doc, "winner_financial", "");
  l.winner_combined = r.PointsAt(doc, "winner_combined", "");
  l.winner_price = r.MoneyAt(doc, "winner_price", "").value_or(Money{});
  l.sent_at = r.RequiredTime(doc, "sent_at", "");
  l.debrief_until = r.RequiredTime(doc, "debrief_until", "");
  if (!r.status().ok()) return r.status();
  return l;
}

json DebriefJson(const DebriefRequest& d) {
  json out = {{"supplier", d.supplier.value},
              {"requested_at", d.requested_at.ToRfc3339()},
              {"message", d.message},
              {"answer", d.answer}};
  PutTime(out, "answered_at", d.answered_at);
  return out;
}

json DeclarationJson(const Declaration& d) {
  return {{"evaluator", d.evaluator.value},
          {"conflict", d.conflict},
          {"statement", d.statement},
          {"at", d.at.ToRfc3339()}};
}

json AwardJson(const AwardRecord& a) {
  return {{"award_id", a.award_id},
          {"bid_id", a.bid_id},
          {"supplier", a.supplier.value},
          {"supplier_name", a.supplier_name},
          {"value", MoneyJson(a.value)},
          {"status", a.status},
          {"notified_at", a.notified_at.ToRfc3339()},
          {"standstill_ends", a.standstill_ends.ToRfc3339()}};
}

json ContractJson(const ContractRecord& c) {
  return {{"contract_id", c.contract_id},
          {"value", MoneyJson(c.value)},
          {"period_start", c.period_start.ToRfc3339()},
          {"period_end", c.period_end.ToRfc3339()},
          {"signed_at", c.signed_at.ToRfc3339()},
          {"signed_by", c.signed_by.value}};
}

json EvaluationRecordJson(const EvaluationRecord& rec) {
  json out = {{"format", 1}, {"stage", EvaluationStageName(rec.stage)}, {"version", rec.version}};
  PutTime(out, "started_at", rec.started_at);
  if (rec.technical) out["technical"] = TechnicalJson(*rec.technical);
  if (rec.technical_closed_by.valid()) out["technical_closed_by"] = rec.technical_closed_by.value;
  PutTime(out, "technical_closed_at", rec.technical_closed_at);
  if (rec.ranking) out["ranking"] = RankingJson(*rec.ranking);
  PutTime(out, "ranked_at", rec.ranked_at);
  if (rec.recommendation) {
    out["recommendation"] = {{"bid_id", rec.recommendation->bid_id},
                             {"by", rec.recommendation->by.value},
                             {"at", rec.recommendation->at.ToRfc3339()},
                             {"justification", rec.recommendation->justification}};
  }
  if (!rec.last_rejection.empty()) out["last_rejection"] = rec.last_rejection;
  if (rec.approval) {
    out["approval"] = {{"by", rec.approval->by.value},
                       {"at", rec.approval->at.ToRfc3339()},
                       {"comment", rec.approval->comment}};
  }
  if (rec.award) out["award"] = AwardJson(*rec.award);
  if (rec.contract) out["contract"] = ContractJson(*rec.contract);
  if (!rec.cancellation_reason.empty()) out["cancellation_reason"] = rec.cancellation_reason;
  PutTime(out, "cancelled_at", rec.cancelled_at);
  return out;
}

Result<EvaluationRecord> EvaluationRecordFromJson(const json& doc) {
  if (!doc.is_object() || doc.value("format", 0) != 1) {
    return Status::InvalidArgument("not an evaluation record of format 1");
  }
  Reader r;
  EvaluationRecord rec;
  std::optional<EvaluationStage> stage = ParseEvaluationStage(r.String(doc, "stage", ""));
  if (!stage) return Status::InvalidArgument("unknown stage").WithField("/stage");
  rec.stage = *stage;
  rec.version = r.Int(doc, "version", "");
  rec.started_at = r.Time(doc, "started_at", "");
  if (doc.contains("technical")) rec.technical = TechnicalFrom(r, doc["technical"], "/technical");
  rec.technical_closed_by = UserId{r.Int(doc, "technical_closed_by", "")};
  rec.technical_closed_at = r.Time(doc, "technical_closed_at", "");
  if (doc.contains("ranking")) rec.ranking = RankingFrom(r, doc["ranking"], "/ranking");
  rec.ranked_at = r.Time(doc, "ranked_at", "");
  if (doc.contains("recommendation")) {
    const json& j = doc["recommendation"];
    rec.recommendation = Recommendation{r.String(j, "bid_id", "/recommendation"),
                                        UserId{r.Int(j, "by", "/recommendation")},
                                        r.RequiredTime(j, "at", "/recommendation"),
                                        r.String(j, "justification", "/recommendation")};
  }
  rec.last_rejection = r.String(doc, "last_rejection", "");
  if (doc.contains("approval")) {
    const json& j = doc["approval"];
    rec.approval =
        Approval{UserId{r.Int(j, "by", "/approval")}, r.RequiredTime(j, "at", "/approval"),
                 r.String(j, "comment", "/approval")};
  }
  if (doc.contains("award")) {
    const json& j = doc["award"];
    const std::string p = "/award";
    rec.award = AwardRecord{r.String(j, "award_id", p),
                            r.String(j, "bid_id", p),
                            OrganisationId{r.Int(j, "supplier", p)},
                            r.String(j, "supplier_name", p),
                            r.MoneyAt(j, "value", p).value_or(Money{}),
                            r.String(j, "status", p),
                            r.RequiredTime(j, "notified_at", p),
                            r.RequiredTime(j, "standstill_ends", p)};
  }
  if (doc.contains("contract")) {
    const json& j = doc["contract"];
    const std::string p = "/contract";
    rec.contract = ContractRecord{
        r.String(j, "contract_id", p),        r.MoneyAt(j, "value", p).value_or(Money{}),
        r.RequiredTime(j, "period_start", p), r.RequiredTime(j, "period_end", p),
        r.RequiredTime(j, "signed_at", p),    UserId{r.Int(j, "signed_by", p)}};
  }
  rec.cancellation_reason = r.String(doc, "cancellation_reason", "");
  rec.cancelled_at = r.Time(doc, "cancelled_at", "");
  if (!r.status().ok()) return r.status();
  return rec;
}

}  // namespace tb::tenders
