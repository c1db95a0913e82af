// The tender routes' part of the OpenAPI document (docs/tendering.md): drafts, publication,
// the deadline (ET-04), committee and key registration, clarifications, amendments,
// interest and notifications.
#include "http/openapi.h"

namespace tb::http::internal {

const char* const kTendersOpenApi = R"json({
  "paths": {
    "/api/v1/tenders": {
      "get": {
        "operationId": "listTenders",
        "summary": "Tenders newest first: every published one (and later states) for anyone; an agency officer also sees its agency's drafts, a committee member the drafts of its committees.",
        "parameters": [
          {"name": "state", "in": "query", "description": "Repeatable: draft, published, closed, opened, evaluation, awarded, completed, cancelled.", "schema": {"type": "string"}},
          {"name": "buyer", "in": "query", "description": "The buying organisation's id.", "schema": {"type": "integer"}},
          {"name": "cursor", "in": "query", "description": "next_cursor of the previous page.", "schema": {"type": "string"}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}}
        ],
        "responses": {
          "200": {"description": "A page.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TenderList"}}}},
          "400": {"$ref": "#/components/responses/Problem"}
        }
      },
      "post": {
        "operationId": "createTender",
        "summary": "Create a draft (agency officers, for their agency; organisation_id when the officer serves several). With source_notice, the fields the body leaves out are taken from that notice. Unknown fields are 400 unknown_field.",
        "security": [{"session": []}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TenderInput"}}}},
        "responses": {
          "201": {"description": "The draft; Location names it.", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tender"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "415": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}": {
      "get": {
        "operationId": "getTender",
        "summary": "A tender with its submission specification (ET-12: the boundary rule receipt_time < deadline, time source, formats, limits, each envelope's public key and SHA-256 fingerprint) and the clarification cut-off. A draft the caller may not read is 404 like a missing tender.",
        "parameters": [{"name": "ocid", "in": "path", "required": true, "description": "The tender's ocid (ocds-tbrdg1-000042).", "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "The tender.", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tender"}}}},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      },
      "patch": {
        "operationId": "patchTender",
        "summary": "Edit a draft with a JSON merge patch of TenderInput (officers of the buying agency). A published tender changes by amendment (409).",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "description": "The tender's ocid (ocds-tbrdg1-000042).", "schema": {"type": "string"}}, {"name": "If-Match", "in": "header", "description": "The ETag the change was made on; a stale one is 409.", "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {"application/merge-patch+json": {"schema": {"$ref": "#/components/schemas/TenderInput"}}, "application/json": {"schema": {"$ref": "#/components/schemas/TenderInput"}}}},
        "responses": {
          "200": {"description": "The draft after the change.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tender"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/publish": {
      "post": {
        "operationId": "publishTender",
        "summary": "Publish a complete draft: the agency's procedure rules (method threshold, minimum tendering period; field deadline or method), an opening committee and a registered key for every envelope. Writes the public notice (id = ocid, source tenderbridge).",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "description": "The tender's ocid (ocds-tbrdg1-000042).", "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "The published tender.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tender"}}}},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/cancel": {
      "post": {
        "operationId": "cancelTender",
        "summary": "Cancel with a reason (any state before completion).",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "description": "The tender's ocid (ocds-tbrdg1-000042).", "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}}}}}},
        "responses": {
          "200": {"description": "The cancelled tender.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tender"}}}},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/deadline": {
      "patch": {
        "operationId": "changeTenderDeadline",
        "summary": "Move the deadline (ET-04): officers of the buying agency only, with a reason; every other caller's attempt is 403 and an audit entry. Never into the past and never inside the method's minimum period from publication (400, field deadline). On a published tender it is an amendment that notifies every interested supplier.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "description": "The tender's ocid (ocds-tbrdg1-000042).", "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["deadline", "reason"], "properties": {"deadline": {"type": "string", "description": "Local wall-clock time in time_zone (2027-02-01T17:00), or an RFC 3339 instant."}, "time_zone": {"type": "string", "description": "IANA zone; default: the tender's."}, "reason": {"type": "string"}}}}}},
        "responses": {
          "200": {"description": "The tender with its new deadline.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tender"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/committee": {
      "get": {
        "operationId": "getTenderCommittee",
        "summary": "The opening committee (with each member's sealing key) and the evaluators, the threshold k and the registered envelope keys: the buying agency's officers and the tender's committee members.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "description": "The tender's ocid (ocds-tbrdg1-000042).", "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "The committee.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Committee"}}}},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      },
      "put": {
        "operationId": "setTenderCommittee",
        "summary": "Assign the committee (ET-06 at assignment: the creator and the evaluators never open; opening members hold committee_member and evaluators evaluator in the buying agency; n >= 3, 2 <= k < n). In a draft a changed opening committee discards registered keys; once published only evaluators change.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "description": "The tender's ocid (ocds-tbrdg1-000042).", "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {"opening": {"type": "array", "items": {"type": "integer"}}, "evaluators": {"type": "array", "items": {"type": "integer"}}, "threshold": {"type": "integer"}}}}}},
        "responses": {
          "200": {"description": "The committee.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Committee"}}}},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/me/sealing-key": {
      "get": {
        "operationId": "getMySealingKey",
        "summary": "The committee member's registered sealing key and its fingerprint; both null before the first PUT.",
        "security": [{"session": []}],
        "responses": {
          "200": {"description": "The key and its fingerprint, or nulls.", "content": {"application/json": {"schema": {"type": "object", "properties": {"public_key": {"type": ["string", "null"]}, "fingerprint": {"type": ["string", "null"]}}}}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"}
        }
      },
      "put": {
        "operationId": "setMySealingKey",
        "summary": "A committee member's personal X25519 public key, to which its key shares are sealed (SECURITY.md §5.2).",
        "security": [{"session": []}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["public_key"], "properties": {"public_key": {"type": "string", "description": "32 bytes, unpadded base64url."}}}}}},
        "responses": {
          "200": {"description": "The key and its fingerprint.", "content": {"application/json": {"schema": {"type": "object", "properties": {"public_key": {"type": "string"}, "fingerprint": {"type": "string"}}}}}},
          "403": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/envelopes/{kind}/key": {
      "put": {
        "operationId": "putEnvelopeKey",
        "summary": "Key ceremony step 1: an opening member of the draft uploads the envelope's public key and one sealed Shamir share (81 bytes) per opening member. Never the secret key.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "description": "The tender's ocid (ocds-tbrdg1-000042).", "schema": {"type": "string"}}, {"name": "kind", "in": "path", "required": true, "schema": {"type": "string", "enum": ["single", "technical", "financial"]}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["public_key", "threshold", "shares"], "properties": {"public_key": {"type": "string"}, "threshold": {"type": "integer"}, "shares": {"type": "array", "items": {"type": "object", "required": ["user_id", "sealed_share"], "properties": {"user_id": {"type": "integer"}, "sealed_share": {"type": "string"}}}}}}}}},
        "responses": {
          "201": {"description": "Registered: the key and its fingerprint.", "content": {"application/json": {"schema": {"type": "object"}}}},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/envelopes/{kind}/my-share": {
      "get": {
        "operationId": "getMyEnvelopeShare",
        "summary": "The caller's sealed share of the envelope key (opening members of the tender only).",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "description": "The tender's ocid (ocds-tbrdg1-000042).", "schema": {"type": "string"}}, {"name": "kind", "in": "path", "required": true, "schema": {"type": "string", "enum": ["single", "technical", "financial"]}}],
        "responses": {
          "200": {"description": "The sealed share with the key it belongs to.", "content": {"application/json": {"schema": {"type": "object", "properties": {"envelope": {"type": "string"}, "public_key": {"type": "string"}, "fingerprint": {"type": "string"}, "threshold": {"type": "integer"}, "position": {"type": "integer"}, "sealed_share": {"type": "string"}}}}}},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/clarifications": {
      "get": {
        "operationId": "listClarifications",
        "summary": "Answered questions for everyone, never who asked; the buying agency's officers also see unanswered ones, a supplier its own (mine).",
        "parameters": [{"name": "ocid", "in": "path", "required": true, "description": "The tender's ocid (ocds-tbrdg1-000042).", "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "The clarifications.", "content": {"application/json": {"schema": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Clarification"}}}}}}},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      },
      "post": {
        "operationId": "askClarification",
        "summary": "A supplier user asks while the tender is published, before the cut-off (clarifications_until); registers the company's interest.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "description": "The tender's ocid (ocds-tbrdg1-000042).", "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["question"], "properties": {"question": {"type": "string"}, "supplier_id": {"type": "integer"}}}}}},
        "responses": {
          "201": {"description": "The question.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Clarification"}}}},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/clarifications/{id}/answer": {
      "post": {
        "operationId": "answerClarification",
        "summary": "The buying agency answers once; the answer is published to all and every interested supplier is notified.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "description": "The tender's ocid (ocds-tbrdg1-000042).", "schema": {"type": "string"}}, {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["answer"], "properties": {"answer": {"type": "string"}}}}}},
        "responses": {
          "200": {"description": "The answered clarification.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Clarification"}}}},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/amendments": {
      "get": {
        "operationId": "listAmendments",
        "summary": "The amendments of a tender, oldest first.",
        "parameters": [{"name": "ocid", "in": "path", "required": true, "description": "The tender's ocid (ocds-tbrdg1-000042).", "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "The amendments.", "content": {"application/json": {"schema": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Amendment"}}}}}}},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      },
      "post": {
        "operationId": "amendTender",
        "summary": "Amend a published tender before its deadline: changes is a JSON merge patch of TenderInput (method, envelope_mode, currency are fixed). A substantive amendment (declared, or touching description, items, lots, documents, evaluation, eligibility, bid_security) asks bidders to re-confirm and, inside the agency's window, moves the deadline to leave the minimum remaining days. Every interested supplier is notified.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "description": "The tender's ocid (ocds-tbrdg1-000042).", "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["changes", "rationale"], "properties": {"changes": {"type": "object"}, "rationale": {"type": "string"}, "substantive": {"type": "boolean"}}}}}},
        "responses": {
          "201": {"description": "The amendment.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Amendment"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/interest": {
      "get": {
        "operationId": "getTenderInterest",
        "summary": "Whether the caller's company registered interest.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "description": "The tender's ocid (ocds-tbrdg1-000042).", "schema": {"type": "string"}}, {"name": "supplier_id", "in": "query", "schema": {"type": "integer"}}],
        "responses": {
          "200": {"description": "Interest.", "content": {"application/json": {"schema": {"type": "object", "properties": {"interested": {"type": "boolean"}}}}}},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      },
      "post": {
        "operationId": "expressTenderInterest",
        "summary": "Express interest in a published tender: the company is then notified of amendments and answers.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "description": "The tender's ocid (ocds-tbrdg1-000042).", "schema": {"type": "string"}}],
        "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"supplier_id": {"type": "integer"}}}}}},
        "responses": {
          "200": {"description": "Already registered.", "content": {"application/json": {"schema": {"type": "object"}}}},
          "201": {"description": "Registered.", "content": {"application/json": {"schema": {"type": "object"}}}},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/me/notifications": {
      "get": {
        "operationId": "listMyNotifications",
        "summary": "Amendments and answers the caller's company was notified of, newest first.",
        "security": [{"session": []}],
        "responses": {
          "200": {"description": "Notifications.", "content": {"application/json": {"schema": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/TenderNotification"}}}}}}},
          "403": {"$ref": "#/components/responses/Problem"}
        }
      }
    }
  },
  "components": {
    "schemas": {
      "TenderInput": {
        "type": "object",
        "description": "The editable fields (docs/tendering.md). Amounts are decimal strings in the tender's currency.",
        "properties": {
          "reference": {"type": "string"}, "title": {"type": "string"}, "description": {"type": "string"},
          "language": {"type": "string"}, "method": {"type": "string", "enum": ["rfq", "itb", "rfp"]},
          "main_category": {"type": "string", "enum": ["", "goods", "services", "works"]},
          "countries": {"type": "array", "items": {"type": "string"}},
          "lots": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "description": {"type": "string"}, "estimated_value": {"type": ["string", "null"]}}}},
          "items": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "lot_id": {"type": "string"}, "description": {"type": "string"}, "unspsc": {"type": "string"}, "quantity": {"type": "number"}, "unit": {"type": "string"}}}},
          "documents": {"type": "array", "description": "Linked documents (url) and uploaded ones (kind and files, set only by POST /api/v1/tenders/{ocid}/documents: an edit that changes files is 422).", "items": {"type": "object", "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "url": {"type": "string"}, "document_type": {"type": "string"}, "language": {"type": "string"}, "kind": {"$ref": "#/components/schemas/TenderDocumentKind"}, "files": {"type": "array", "items": {"$ref": "#/components/schemas/TenderDocumentFile"}}}}},
          "deadline": {"type": "string", "description": "Local wall-clock time in time_zone (2027-02-01T17:00); a time in a DST gap or overlap is refused (ET-13). Or an RFC 3339 instant."},
          "time_zone": {"type": "string"},
          "envelope_mode": {"type": "string", "enum": ["single", "two"]},
          "evaluation": {"type": "object", "properties": {"method": {"type": "string", "enum": ["lowest_price", "weighted"]}, "technical_weight": {"type": "integer"}, "financial_weight": {"type": "integer"}, "minimum_technical_percent": {"type": "integer"}, "criteria": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "weight": {"type": "integer"}, "max_score": {"type": "integer"}, "sustainability": {"type": "boolean"}}}}, "compliance": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "title": {"type": "string"}}}}}},
          "eligibility": {"type": "object", "properties": {"minimum_ungm_level": {"type": "string", "enum": ["none", "basic", "level_1", "level_2"]}, "countries": {"type": "array", "items": {"type": "string"}}, "reserved_for_sme": {"type": "boolean"}, "reserved_for_women_owned": {"type": "boolean"}}},
          "bid_security": {"type": "object", "properties": {"required": {"type": "boolean"}, "amount": {"type": ["string", "null"]}}},
          "currency": {"type": "string"}, "estimated_value": {"type": ["string", "null"]},
          "source_notice": {"type": "string"}, "organisation_id": {"type": "integer", "description": "POST only."}
        }
      },
      "Tender": {
        "type": "object",
        "description": "TenderInput's fields (deadline as UTC) plus the server's.",
        "properties": {
          "ocid": {"type": "string"}, "state": {"type": "string"},
          "buyer": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}},
          "deadline": {"type": ["string", "null"]}, "deadline_local": {"type": ["string", "null"]},
          "clarifications_until": {"type": ["string", "null"]}, "opening_threshold": {"type": "integer"},
          "amendment_count": {"type": "integer"}, "reconfirm_required": {"type": "boolean"},
          "reconfirm_after": {"type": ["string", "null"]}, "cancellation_reason": {"type": "string"},
          "published_at": {"type": ["string", "null"]}, "version": {"type": "integer"}, "can_edit": {"type": "boolean"},
          "submission": {"type": "object", "properties": {"rule": {"type": "string"}, "boundary": {"type": "string"}, "deadline": {"type": ["string", "null"]}, "time_source": {"type": "string"}, "encryption": {"type": "string"}, "envelope_format": {"type": "string"}, "max_envelope_bytes": {"type": "integer"}, "max_files_per_envelope": {"type": "integer"}, "accepted_formats": {"type": "array", "items": {"type": "string"}}, "envelopes": {"type": "array", "items": {"type": "object", "properties": {"envelope": {"type": "string"}, "public_key": {"type": "string"}, "fingerprint": {"type": "string"}, "algorithm": {"type": "string"}}}}}}
        }
      },
      "TenderList": {
        "type": "object",
        "properties": {
          "items": {"type": "array", "items": {"type": "object", "properties": {"ocid": {"type": "string"}, "title": {"type": "string"}, "state": {"type": "string"}, "buyer": {"type": "object"}, "method": {"type": "string"}, "deadline": {"type": ["string", "null"]}, "time_zone": {"type": "string"}, "currency": {"type": "string"}, "published_at": {"type": ["string", "null"]}}}},
          "next_cursor": {"type": ["string", "null"]}
        }
      },
      "Committee": {
        "type": "object",
        "properties": {
          "threshold": {"type": "integer"},
          "opening": {"type": "array", "items": {"type": "object", "properties": {"user_id": {"type": "integer"}, "display_name": {"type": "string"}, "position": {"type": "integer"}, "sealing_key": {"type": ["string", "null"]}, "sealing_key_fingerprint": {"type": ["string", "null"]}}}},
          "evaluators": {"type": "array", "items": {"type": "object", "properties": {"user_id": {"type": "integer"}, "display_name": {"type": "string"}, "position": {"type": "integer"}}}},
          "envelopes": {"type": "array", "items": {"type": "object", "properties": {"envelope": {"type": "string"}, "public_key": {"type": "string"}, "fingerprint": {"type": "string"}, "threshold": {"type": "integer"}, "registered_by": {"type": "integer"}, "registered_at": {"type": "string"}, "share_holders": {"type": "array", "items": {"type": "integer"}}}}}
        }
      },
      "Clarification": {
        "type": "object",
        "properties": {"id": {"type": "integer"}, "number": {"type": "integer"}, "question": {"type": "string"}, "asked_at": {"type": "string"}, "answer": {"type": ["string", "null"]}, "answered_at": {"type": ["string", "null"]}, "mine": {"type": "boolean"}}
      },
      "Amendment": {
        "type": "object",
        "properties": {"number": {"type": "integer"}, "at": {"type": "string"}, "rationale": {"type": "string"}, "changed_fields": {"type": "array", "items": {"type": "string"}}, "changes": {"type": "object"}, "substantive": {"type": "boolean"}, "deadline_before": {"type": ["string", "null"]}, "deadline_after": {"type": ["string", "null"]}, "deadline_extended": {"type": "boolean"}}
      },
      "TenderNotification": {
        "type": "object",
        "properties": {"id": {"type": "integer"}, "tender": {"type": "string"}, "title": {"type": "string"}, "kind": {"type": "string", "enum": ["amendment", "clarification"]}, "reference": {"type": "string"}, "at": {"type": "string"}}
      }
    }
  }
})json";

}  // namespace tb::http::internal
