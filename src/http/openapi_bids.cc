// The sealed-bid and opening routes' part of the OpenAPI document (docs/bids.md,
// docs/receipts.md).
#include "http/openapi.h"

namespace tb::http::internal {

const char* const kBidsOpenApi = R"json({
  "paths": {
    "/api/v1/tenders/{ocid}/bids/{bid}": {
      "post": {
        "operationId": "submitBid",
        "summary": "Submit a sealed bid, or a new version of the caller's bid (ET-10). multipart/form-data with one part per envelope of the tender's mode, named single, or technical and financial, each the envelope bytes (docs/sealed-bids.md), and an optional supplier part when the caller acts for several companies. The receipt time is taken inside the transaction that checks the deadline: accepted iff received before it (ET-01, §3.4). A retry with the same Idempotency-Key returns the stored receipt byte for byte (DU-03).",
        "security": [{"session": []}],
        "parameters": [
          {"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}},
          {"name": "bid", "in": "path", "required": true, "description": "The bid id the supplier chose, 1..64 of [A-Za-z0-9_-]; the envelopes are bound to it.", "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"}},
          {"name": "Idempotency-Key", "in": "header", "required": true, "description": "1..128 printable ASCII characters; the same key on a retry.", "schema": {"type": "string"}}
        ],
        "requestBody": {"required": true, "content": {"multipart/form-data": {"schema": {"type": "object", "properties": {"single": {"type": "string", "format": "binary"}, "technical": {"type": "string", "format": "binary"}, "financial": {"type": "string", "format": "binary"}, "supplier": {"type": "integer"}}}}}},
        "responses": {
          "201": {"description": "The signed receipt, canonical JSON (docs/receipts.md). Idempotent-Replayed: true on a retry.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BidReceipt"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"description": "Late (received at or after the deadline: nothing stored, the refusal logged), the tender not open, the bid id taken by another bid of the tender, or the idempotency key used for another submission.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "413": {"$ref": "#/components/responses/Problem"},
          "415": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"},
          "429": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/bids/{bid}/withdrawal": {
      "post": {
        "operationId": "withdrawBid",
        "summary": "Withdraw the caller's bid before the deadline: a new version marking it withdrawn, with its own receipt; its envelopes stay sealed and are never opened (ET-10). Needs a step-up within 15 minutes (AS-12).",
        "security": [{"session": []}],
        "parameters": [
          {"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}},
          {"name": "bid", "in": "path", "required": true, "schema": {"type": "string"}},
          {"name": "Idempotency-Key", "in": "header", "required": true, "schema": {"type": "string"}}
        ],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "properties": {"supplier": {"type": "integer"}}}}}},
        "responses": {
          "201": {"description": "The signed receipt of the withdrawal.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BidReceipt"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/bids/{bid}/confirmation": {
      "post": {
        "operationId": "confirmBid",
        "summary": "Re-confirm the caller's bid after a substantive amendment (docs/bids.md, Re-confirmation): the latest version, received before the tender's reconfirm_after, is confirmed and will be opened; without it (or a replacement) the opening leaves the bid sealed. Answered with a signed receipt, action confirmed. The deadline rule is the submission's (receipt time < deadline, ET-01). Needs a step-up within 15 minutes (AS-12), as a withdrawal.",
        "security": [{"session": []}],
        "parameters": [
          {"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}},
          {"name": "bid", "in": "path", "required": true, "schema": {"type": "string"}},
          {"name": "Idempotency-Key", "in": "header", "required": true, "description": "1..128 printable ASCII characters; the same key on a retry returns the stored receipt.", "schema": {"type": "string"}}
        ],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "properties": {"supplier": {"type": "integer"}}}}}},
        "responses": {
          "201": {"description": "The signed receipt of the confirmation (Idempotent-Replayed: true on a retry).", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BidReceipt"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"description": "Late (at or after the deadline: refused and logged like a late bid), the tender not open, the bid withdrawn, not awaiting re-confirmation or already confirmed (field bid), or the idempotency key used for a submission.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/bids": {
      "get": {
        "operationId": "listTenderBids",
        "summary": "A supplier's user: its company's bids of the tender with every version and receipt, each with awaiting_reconfirmation and its confirmations, and the tender's reconfirm_after and reconfirm_amendment. The tender's officers, opening committee and evaluators: {sealed: true} until the opening (no count, no names: ET-03), then the opening record. Administrators always see {sealed: true}. Anyone else: 404.",
        "security": [{"session": []}],
        "parameters": [
          {"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}},
          {"name": "supplier", "in": "query", "description": "The company, when the caller acts for several.", "schema": {"type": "integer"}}
        ],
        "responses": {
          "200": {"description": "The bids the caller may see.", "content": {"application/json": {"schema": {"type": "object"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/bids/{bid}/versions/{version}/receipt": {
      "get": {
        "operationId": "getBidReceipt",
        "summary": "The stored receipt of one version of the caller's own bid, byte for byte as first handed out.",
        "security": [{"session": []}],
        "parameters": [
          {"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}},
          {"name": "bid", "in": "path", "required": true, "schema": {"type": "string"}},
          {"name": "version", "in": "path", "required": true, "schema": {"type": "integer"}},
          {"name": "supplier", "in": "query", "schema": {"type": "integer"}}
        ],
        "responses": {
          "200": {"description": "The receipt.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BidReceipt"}}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/receipts/verify": {
      "post": {
        "operationId": "verifyBidReceipt",
        "summary": "Check a receipt against this server's signing key: signature, tree head, leaf hash, audit entry and inclusion path (docs/receipts.md says how to do the same with python3 and openssl). Anyone may ask.",
        "security": [],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BidReceipt"}}}},
        "responses": {
          "200": {"description": "The verdict.", "content": {"application/json": {"schema": {"type": "object", "required": ["valid", "key_id", "public_key"], "properties": {"valid": {"type": "boolean"}, "reason": {"type": "string"}, "key_id": {"type": "string"}, "public_key": {"type": "string", "description": "base64url Ed25519 public key"}}}}}},
          "415": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/openings/{kind}/shares": {
      "post": {
        "operationId": "submitOpeningShare",
        "summary": "An opening-committee member releases its share of the envelope key after the deadline (a session with its authenticator code, and a step-up within 15 minutes). Refused before the deadline, twice by one member, or from the tender's creator or an evaluator (ET-06, CR-04; each refusal is an audit entry and a security event, ET-08). The share that reaches the threshold opens the envelopes.",
        "security": [{"session": []}],
        "parameters": [
          {"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}},
          {"name": "kind", "in": "path", "required": true, "schema": {"type": "string", "enum": ["single", "technical", "financial"]}}
        ],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["share"], "properties": {"share": {"type": "string", "description": "unpadded base64url of the 33-byte share"}}}}}},
        "responses": {
          "200": {"description": "This share opened the envelopes: the opening record.", "content": {"application/json": {"schema": {"type": "object"}}}},
          "202": {"description": "Held; more shares are needed.", "content": {"application/json": {"schema": {"type": "object"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/openings/{kind}": {
      "get": {
        "operationId": "getOpeningStatus",
        "summary": "Shares held against the threshold, who gave them, and the opening record once opened (with excluded: the bids left sealed as not re-confirmed after a substantive amendment) (the tender's officers, committee and evaluators: ET-07).",
        "security": [{"session": []}],
        "parameters": [
          {"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}},
          {"name": "kind", "in": "path", "required": true, "schema": {"type": "string", "enum": ["single", "technical", "financial"]}}
        ],
        "responses": {
          "200": {"description": "The ceremony's state.", "content": {"application/json": {"schema": {"type": "object"}}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/bids/{bid}/documents/{kind}/{index}": {
      "get": {
        "operationId": "getBidDocument",
        "summary": "A decrypted file of an opened bid, as an attachment (the tender's officers, committee and evaluators: ET-07).",
        "security": [{"session": []}],
        "parameters": [
          {"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}},
          {"name": "bid", "in": "path", "required": true, "schema": {"type": "string"}},
          {"name": "kind", "in": "path", "required": true, "schema": {"type": "string", "enum": ["single", "technical", "financial"]}},
          {"name": "index", "in": "path", "required": true, "schema": {"type": "integer"}}
        ],
        "responses": {
          "200": {"description": "The file.", "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/bid-abstract": {
      "get": {
        "operationId": "getBidAbstract",
        "summary": "The bid abstract (ET-11): bidders, receipt times, envelope hashes and prices once opened; a bid left sealed because it was not re-confirmed after a substantive amendment is listed with excluded (the reason), no price and decrypted false. Every company that holds a bid of the tender, and the tender's officers, committee and evaluators; 409 for everyone before the opening.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "The abstract.", "content": {"application/json": {"schema": {"type": "object"}}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/test/clock": {
      "post": {
        "operationId": "setTestClock",
        "summary": "Tests only: sets the server's clock. Exists only on a server started with --test-clock (404 otherwise) and takes only the admin token.",
        "security": [{"adminToken": []}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["now"], "properties": {"now": {"type": "string", "format": "date-time"}}}}}},
        "responses": {
          "200": {"description": "The clock now.", "content": {"application/json": {"schema": {"type": "object"}}}},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      }
    }
  },
  "components": {
    "schemas": {
      "BidReceipt": {
        "type": "object",
        "description": "docs/receipts.md: canonical JSON (sorted keys, no whitespace); the Ed25519 signature covers the same object without its signature member.",
        "required": ["v", "type", "tender", "bid", "version", "action", "supplier", "envelopes", "receipt_time", "receipt_time_us", "bid_ref", "bid_ref_salt", "audit", "key_id", "signature"],
        "properties": {
          "v": {"type": "integer", "const": 1},
          "type": {"type": "string", "const": "tenderbridge.bid-receipt"},
          "tender": {"type": "string"},
          "bid": {"type": "string"},
          "version": {"type": "integer"},
          "action": {"type": "string", "enum": ["received", "replaced", "withdrawn", "confirmed"], "description": "confirmed: a re-confirmation after a substantive amendment; version and envelopes are those of the version confirmed, receipt_time the confirmation's."},
          "supplier": {"type": "integer"},
          "envelopes": {"type": "array", "items": {"type": "object", "properties": {"kind": {"type": "string"}, "sha256": {"type": "string"}, "size": {"type": "integer"}}}},
          "receipt_time": {"type": "string", "format": "date-time"},
          "receipt_time_us": {"type": "integer"},
          "bid_ref": {"type": "string"},
          "bid_ref_salt": {"type": "string"},
          "audit": {"type": "object"},
          "key_id": {"type": "string"},
          "signature": {"type": "string"}
        }
      }
    }
  }
})json";

}  // namespace tb::http::internal
