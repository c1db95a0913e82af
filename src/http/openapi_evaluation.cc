// The evaluation, award and OCDS routes' part of the OpenAPI document (docs/evaluation.md).
#include "http/openapi.h"

namespace tb::http::internal {

const char* const kEvaluationOpenApi = R"json({
  "paths": {
    "/api/v1/tenders/{ocid}/evaluation": {
      "get": {
        "operationId": "getEvaluation",
        "summary": "The evaluation as the caller may see it (docs/evaluation.md, 'Who sees what'). The buying agency's officers: stage, each evaluator's progress (counts only until the technical close), then every sheet, the technical results and the ranking. An evaluator of the tender: before its declaration the bidders' names only; after declaring no conflict, the opened bids and its own sheets, every sheet after the technical close; after declaring a conflict, its declaration only. 409 before the opening; 404 (and an access.denied audit entry) for anyone else.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "The view.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EvaluationView"}}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/evaluation/declaration": {
      "post": {
        "operationId": "declareConflicts",
        "summary": "An evaluator's conflict-of-interest declaration, once, after the opening and before it may see or score any bid. conflict=true (with a statement saying what it is) recuses the evaluator from the tender.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["conflict"], "properties": {"conflict": {"type": "boolean"}, "statement": {"type": "string", "maxLength": 4000}}}}}},
        "responses": {
          "201": {"description": "The declaration.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Declaration"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/evaluation/sheets/{bid}": {
      "put": {
        "operationId": "putScoringSheet",
        "summary": "The caller's scoring sheet for one opened bid: an integer 0..max_score for every criterion and a pass/fail for every compliance item. Replacing it keeps the earlier versions. Only evaluators who declared no conflict; only before the technical close.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "bid", "in": "path", "required": true, "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ScoringSheetInput"}}}},
        "responses": {
          "200": {"description": "The stored sheet with its version.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ScoringSheet"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"},
          "415": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/evaluation/start": {
      "post": {
        "operationId": "startEvaluation",
        "summary": "The buying agency's officer moves an opened tender to 'evaluation'. Idempotent.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {"200": {"$ref": "#/components/responses/EvaluationRecord"}, "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "409": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/tenders/{ocid}/evaluation/technical-close": {
      "post": {
        "operationId": "closeTechnicalEvaluation",
        "summary": "Closes the technical evaluation: needs every sheet of every evaluator who declared no conflict; computes compliance and technical scores and marks each technically opened bid qualified or not, which decides whose financial envelopes open (ET-05). Single envelope: ranks at once with the prices read at the opening.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {"200": {"$ref": "#/components/responses/EvaluationRecord"}, "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "409": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/tenders/{ocid}/evaluation/ranking": {
      "post": {
        "operationId": "rankBids",
        "summary": "Two envelopes, after the financial opening: financial score = financial weight × lowest price / price, combined score, ranking with the documented tie rules (combined, technical, price, receipt time, lot).",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {"200": {"$ref": "#/components/responses/EvaluationRecord"}, "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "409": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/tenders/{ocid}/award/recommendation": {
      "post": {
        "operationId": "recommendAward",
        "summary": "Recommends a ranked bid for award; a bid not ranked first needs a justification.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["bid"], "properties": {"bid": {"type": "string"}, "justification": {"type": "string", "maxLength": 4000}}}}}},
        "responses": {"200": {"$ref": "#/components/responses/EvaluationRecord"}, "400": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "409": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/tenders/{ocid}/award/approval": {
      "post": {
        "operationId": "decideAward",
        "summary": "An officer of the buying agency approves the recommendation or sends it back (approve=false with a comment). Never an evaluator of the tender; not the recommending officer unless the agency's award rules allow it.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["approve"], "properties": {"approve": {"type": "boolean"}, "comment": {"type": "string", "maxLength": 4000}}}}}},
        "responses": {"200": {"$ref": "#/components/responses/EvaluationRecord"}, "400": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "409": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/tenders/{ocid}/award/notice": {
      "post": {
        "operationId": "notifyAward",
        "summary": "Publishes the award notice: the tender becomes 'awarded', the award 'pending' until the standstill ends, and every other bidder gets its regret letter.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {"200": {"$ref": "#/components/responses/EvaluationRecord"}, "400": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "409": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/tenders/{ocid}/award/contract": {
      "post": {
        "operationId": "signContract",
        "summary": "Records the signed contract after the standstill: the award becomes active and the tender completed.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["value", "period_start", "period_end"], "properties": {"value": {"type": "object", "additionalProperties": false, "required": ["amount", "currency"], "properties": {"amount": {"type": "string"}, "currency": {"type": "string"}}}, "period_start": {"type": "string", "format": "date-time"}, "period_end": {"type": "string", "format": "date-time"}}}}}},
        "responses": {"200": {"$ref": "#/components/responses/EvaluationRecord"}, "400": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "409": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/tenders/{ocid}/award/cancellation": {
      "post": {
        "operationId": "cancelProcurement",
        "summary": "Cancels the procurement after the opening, with a reason: the tender becomes 'cancelled' and a pending award 'cancelled'.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["reason"], "properties": {"reason": {"type": "string", "maxLength": 4000}}}}}},
        "responses": {"200": {"$ref": "#/components/responses/EvaluationRecord"}, "400": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "409": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/tenders/{ocid}/award": {
      "get": {
        "operationId": "getAwardResult",
        "summary": "The award notice once published (winner, value, date, standstill end) and the contract once signed, for anyone; a bidder also gets its own regret letter (its scores beside the winner's) and debrief requests. Before the notice: the stage only.",
        "parameters": [{"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "The award result.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AwardResult"}}}},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/award/debrief": {
      "post": {
        "operationId": "requestDebrief",
        "summary": "A bidder that got a regret letter asks for a debriefing, before the standstill ends; once per company.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["message"], "properties": {"message": {"type": "string", "maxLength": 4000}}}}}},
        "responses": {
          "201": {"description": "The request.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DebriefRequest"}}}},
          "400": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "409": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/award/debriefs/{supplier}/answer": {
      "post": {
        "operationId": "answerDebrief",
        "summary": "The buying agency's officer answers a bidder's debrief request.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "supplier", "in": "path", "required": true, "schema": {"type": "integer"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["answer"], "properties": {"answer": {"type": "string", "maxLength": 4000}}}}}},
        "responses": {
          "200": {"description": "The answered request.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DebriefRequest"}}}},
          "400": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}, "409": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/ocds/releases": {
      "get": {
        "operationId": "listOcdsReleases",
        "summary": "An OCDS 1.1 release package (schema 1.1.5 with the lots, bid and party-scale extensions) of the given processes (ocid, repeatable) or of every published one: one release per publication, amendment, opening, award, contract and cancellation. Nothing for unpublished tenders; no bidder before the opening (ET-03); bid statistics are counts only.",
        "parameters": [{"name": "ocid", "in": "query", "required": false, "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true}],
        "responses": {
          "200": {"description": "The release package.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OcdsReleasePackage"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "503": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/ocds/tenders/{ocid}/releases": {
      "get": {
        "operationId": "getOcdsTenderReleases",
        "summary": "The release package of one tendering process; 404 for a tender never published.",
        "parameters": [{"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "The release package.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OcdsReleasePackage"}}}},
          "404": {"$ref": "#/components/responses/Problem"},
          "503": {"$ref": "#/components/responses/Problem"}
        }
      }
    }
  },
  "components": {
    "responses": {
      "EvaluationRecord": {"description": "The evaluation record after the step.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EvaluationRecord"}}}}
    },
    "schemas": {
      "Points": {"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]{1,4})?$", "description": "A score with at most four decimals, exact."},
      "ScoringSheetInput": {"type": "object", "additionalProperties": false, "properties": {
        "scores": {"type": "array", "items": {"type": "object", "additionalProperties": false, "required": ["criterion_id", "score"], "properties": {"criterion_id": {"type": "string"}, "score": {"type": "integer"}, "comment": {"type": "string"}}}},
        "compliance": {"type": "array", "items": {"type": "object", "additionalProperties": false, "required": ["item_id", "passed"], "properties": {"item_id": {"type": "string"}, "passed": {"type": "boolean"}, "note": {"type": "string"}}}},
        "comment": {"type": "string"}}},
      "ScoringSheet": {"allOf": [{"$ref": "#/components/schemas/ScoringSheetInput"}], "type": "object", "properties": {"bid_id": {"type": "string"}, "evaluator": {"type": "integer"}, "version": {"type": "integer"}, "submitted_at": {"type": "string", "format": "date-time"}}},
      "Declaration": {"type": "object", "properties": {"evaluator": {"type": "integer"}, "conflict": {"type": "boolean"}, "statement": {"type": "string"}, "at": {"type": "string", "format": "date-time"}}},
      "EvaluationRecord": {"type": "object", "required": ["stage", "version"], "properties": {
        "stage": {"type": "string", "enum": ["technical", "financial", "ranked", "recommended", "approved", "standstill", "contracted", "cancelled"]},
        "version": {"type": "integer"},
        "technical": {"type": "object"}, "ranking": {"type": "object"}, "recommendation": {"type": "object"},
        "approval": {"type": "object"}, "award": {"$ref": "#/components/schemas/Award"}, "contract": {"type": "object"},
        "last_rejection": {"type": "string"}, "cancellation_reason": {"type": "string"}}},
      "EvaluationView": {"type": "object", "required": ["tender", "stage", "roles", "rules", "bids", "sheets"], "properties": {
        "tender": {"type": "string"}, "stage": {"type": "string"}, "tender_state": {"type": "string"}, "version": {"type": "integer"},
        "roles": {"type": "object"}, "rules": {"type": "object"}, "bidder_names": {"type": "array", "items": {"type": "string"}},
        "own_declaration": {"oneOf": [{"$ref": "#/components/schemas/Declaration"}, {"type": "null"}]},
        "bids": {"type": "array", "items": {"type": "object"}},
        "sheets": {"type": "array", "items": {"$ref": "#/components/schemas/ScoringSheet"}},
        "progress": {"type": "array", "items": {"type": "object"}},
        "technical": {"type": ["object", "null"]}, "ranking": {"type": ["object", "null"]},
        "record": {"$ref": "#/components/schemas/EvaluationRecord"}}},
      "Award": {"type": "object", "properties": {"award_id": {"type": "string"}, "bid_id": {"type": "string"}, "supplier": {"type": "integer"}, "supplier_name": {"type": "string"}, "value": {"type": "object"}, "status": {"type": "string", "enum": ["pending", "active", "cancelled"]}, "notified_at": {"type": "string", "format": "date-time"}, "standstill_ends": {"type": "string", "format": "date-time"}}},
      "RegretLetter": {"type": "object", "properties": {"supplier": {"type": "integer"}, "bid_id": {"type": "string"}, "outcome": {"type": "string", "enum": ["not_qualified", "not_selected"]}, "reason": {"type": "string"}, "rank": {"type": "integer"}, "technical": {"$ref": "#/components/schemas/Points"}, "financial": {"$ref": "#/components/schemas/Points"}, "combined": {"$ref": "#/components/schemas/Points"}, "winner_name": {"type": "string"}, "winner_technical": {"$ref": "#/components/schemas/Points"}, "winner_financial": {"$ref": "#/components/schemas/Points"}, "winner_combined": {"$ref": "#/components/schemas/Points"}, "debrief_until": {"type": "string", "format": "date-time"}}},
      "DebriefRequest": {"type": "object", "properties": {"supplier": {"type": "integer"}, "requested_at": {"type": "string", "format": "date-time"}, "message": {"type": "string"}, "answer": {"type": "string"}, "answered_at": {"type": "string", "format": "date-time"}}},
      "AwardResult": {"type": "object", "required": ["tender", "stage", "award", "won", "letters", "debriefs"], "properties": {"tender": {"type": "string"}, "stage": {"type": "string"}, "award": {"oneOf": [{"$ref": "#/components/schemas/Award"}, {"type": "null"}]}, "contract": {"type": ["object", "null"]}, "won": {"type": "boolean"}, "cancellation_reason": {"type": "string"}, "letters": {"type": "array", "items": {"$ref": "#/components/schemas/RegretLetter"}}, "debriefs": {"type": "array", "items": {"$ref": "#/components/schemas/DebriefRequest"}}}},
      "OcdsReleasePackage": {"type": "object", "description": "OCDS 1.1 release package; see https://standard.open-contracting.org/1.1/en/schema/release_package/ and data/ocds/schema-1.1.5.", "required": ["uri", "version", "publishedDate", "publisher", "releases"], "properties": {"uri": {"type": "string"}, "version": {"type": "string", "const": "1.1"}, "extensions": {"type": "array", "items": {"type": "string"}}, "publishedDate": {"type": "string", "format": "date-time"}, "publisher": {"type": "object"}, "releases": {"type": "array", "items": {"type": "object"}}}}
    }
  }
})json";

}  // namespace tb::http::internal
