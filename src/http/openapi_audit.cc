// The audit log routes' part of the OpenAPI document (docs/audit-log.md).
#include "http/openapi.h"

namespace tb::http::internal {

const char* const kAuditOpenApi = R"json({
  "paths": {
    "/api/v1/audit/public-key": {
      "get": {
        "operationId": "getAuditPublicKey",
        "summary": "The platform's Ed25519 public key, which signs receipts and tree heads. Public. Compare it with the key published out of band (tender notices, the agency's site) before trusting it.",
        "responses": {
          "200": {"description": "The key.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AuditPublicKey"}}}},
          "503": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/audit/tree-heads/latest": {
      "get": {
        "operationId": "getLatestTreeHead",
        "summary": "The newest signed tree head (AU-03). Public.",
        "responses": {
          "200": {"description": "The head.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TreeHead"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "404": {"description": "No head has been signed yet (an empty log).", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "503": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/audit/tree-heads": {
      "get": {
        "operationId": "listTreeHeads",
        "summary": "Every signed tree head stored, oldest first, in pages: a monitor keeps `next_after` and asks again. Save them and pass them to `tenderbridge audit verify --heads`. Public.",
        "parameters": [
          {"name": "after", "in": "query", "description": "Only heads with a larger seq (default 0: from the first).", "schema": {"type": "integer", "minimum": 0}},
          {"name": "limit", "in": "query", "description": "Page size, 1..1000 (default 100).", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}
        ],
        "responses": {
          "200": {"description": "A page of heads.", "content": {"application/json": {"schema": {"type": "object", "required": ["items", "next_after"], "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/TreeHead"}}, "next_after": {"type": ["integer", "null"], "description": "The `after` of the next page; null on the last page."}}}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"},
          "503": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/audit/proofs/inclusion": {
      "get": {
        "operationId": "getInclusionProof",
        "summary": "The audit path (RFC 6962 §2.1.1) of leaf `leaf` in the tree of the first `size` entries: with the leaf hash from a receipt and the root of a signed head of that size, it proves the entry is in the log (AU-05). Public.",
        "parameters": [
          {"name": "leaf", "in": "query", "required": true, "description": "0-based leaf index (a receipt's audit.leaf_index).", "schema": {"type": "integer", "minimum": 0}},
          {"name": "size", "in": "query", "required": true, "description": "Tree size of a signed head, greater than leaf.", "schema": {"type": "integer", "minimum": 1}}
        ],
        "responses": {
          "200": {"description": "The proof.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/InclusionProof"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "422": {"description": "leaf is not below size, or size is beyond the log (field names which).", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "429": {"$ref": "#/components/responses/Problem"},
          "503": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/audit/proofs/consistency": {
      "get": {
        "operationId": "getConsistencyProof",
        "summary": "The consistency proof (RFC 6962 §2.1.2) that the tree of the first `from` entries is a prefix of the tree of the first `to`: between two signed heads it proves the log only grew (AU-03). Public.",
        "parameters": [
          {"name": "from", "in": "query", "required": true, "description": "Size of the older head.", "schema": {"type": "integer", "minimum": 0}},
          {"name": "to", "in": "query", "required": true, "description": "Size of the newer head, at least from.", "schema": {"type": "integer", "minimum": 0}}
        ],
        "responses": {
          "200": {"description": "The proof.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ConsistencyProof"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "422": {"description": "from exceeds to, or to is beyond the log (field names which).", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "429": {"$ref": "#/components/responses/Problem"},
          "503": {"$ref": "#/components/responses/Problem"}
        }
      }
    }
  },
  "components": {
    "schemas": {
      "AuditPublicKey": {
        "type": "object",
        "required": ["algorithm", "key_id", "public_key", "public_key_base64url", "public_key_pem"],
        "properties": {
          "algorithm": {"const": "Ed25519"},
          "key_id": {"type": "string", "description": "First 16 hex digits of SHA-256(public key); tree heads name their key by it."},
          "public_key": {"type": "string", "description": "32 bytes, lower-case hex."},
          "public_key_base64url": {"type": "string", "description": "The same 32 bytes, unpadded base64url (what `audit verify --public-key` takes)."},
          "public_key_pem": {"type": "string", "description": "SubjectPublicKeyInfo PEM, for `openssl pkeyutl -verify -pubin -inkey`."}
        }
      },
      "TreeHead": {
        "type": "object",
        "required": ["seq", "tree_size", "root_hash", "timestamp", "timestamp_us", "signature", "key_id"],
        "properties": {
          "seq": {"type": "integer", "description": "1, 2, ... in the order heads were stored."},
          "tree_size": {"type": "integer"},
          "root_hash": {"type": "string", "description": "32 bytes, lower-case hex."},
          "timestamp": {"type": "string", "format": "date-time"},
          "timestamp_us": {"type": "integer", "description": "UTC microseconds: the signed value."},
          "signature": {"type": "string", "description": "64-byte Ed25519 signature, lower-case hex, over \"TBSTH\" 0x01 size(u64 BE) timestamp_us(i64 BE) root (docs/audit-log.md)."},
          "key_id": {"type": "string"}
        }
      },
      "InclusionProof": {
        "type": "object",
        "required": ["leaf_index", "tree_size", "leaf_hash", "root_hash", "audit_path"],
        "properties": {
          "leaf_index": {"type": "integer"},
          "tree_size": {"type": "integer"},
          "leaf_hash": {"type": "string", "description": "SHA-256(0x00 || entry) as stored, hex."},
          "root_hash": {"type": "string", "description": "The root the server computes for tree_size; check the proof against a signed head's root, not this one."},
          "audit_path": {"type": "array", "items": {"type": "string"}, "description": "Hex hashes, nearest sibling first."}
        }
      },
      "ConsistencyProof": {
        "type": "object",
        "required": ["first", "second", "first_root_hash", "second_root_hash", "consistency_path"],
        "properties": {
          "first": {"type": "integer"},
          "second": {"type": "integer"},
          "first_root_hash": {"type": "string"},
          "second_root_hash": {"type": "string"},
          "consistency_path": {"type": "array", "items": {"type": "string"}, "description": "Hex hashes in RFC 6962 order; empty when first is 0 or equals second."}
        }
      }
    }
  }
})json";

}  // namespace tb::http::internal
