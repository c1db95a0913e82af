#pragma once

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "tenders/evaluation.h"
#include "tenders/evaluation_store.h"

// The JSON forms of the evaluation records: the API bodies (docs/api.md) and the documents
// the store keeps. Scores are decimal strings with up to four decimals ("54.6"), so they
// read back exactly; money is {"amount": "1234.50", "currency": "USD"}; times RFC 3339 UTC.
namespace tb::tenders {

nlohmann::json PointsJson(Points points);
// InvalidArgument (field `field`) for text that is not a decimal with at most 4 decimals.
Result<Points> ParsePoints(const nlohmann::json& value, const std::string& field);

nlohmann::json SheetJson(const ScoringSheet& sheet);
// A sheet as an evaluator sends it: {"scores": [{"criterion_id", "score", "comment"}],
// "compliance": [{"item_id", "passed", "note"}], "comment"}; bid_id and evaluator come from
// the route and the actor. InvalidArgument naming the JSON pointer of a wrong field; unknown
// fields are refused.
Result<ScoringSheet> SheetFromJson(const nlohmann::json& body);

nlohmann::json TechnicalJson(const TechnicalEvaluation& technical);
nlohmann::json RankingJson(const Ranking& ranking);
nlohmann::json LetterJson(const RegretLetter& letter);
nlohmann::json DebriefJson(const DebriefRequest& debrief);
nlohmann::json DeclarationJson(const Declaration& declaration);
nlohmann::json AwardJson(const AwardRecord& award);
nlohmann::json ContractJson(const ContractRecord& contract);

// The whole record as stored in evaluations.doc, and back. InvalidArgument for a document
// this version cannot read.
nlohmann::json EvaluationRecordJson(const EvaluationRecord& record);
Result<EvaluationRecord> EvaluationRecordFromJson(const nlohmann::json& doc);
Result<RegretLetter> LetterFromJson(const nlohmann::json& doc);

}  // namespace tb::tenders
