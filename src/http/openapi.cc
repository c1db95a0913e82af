#include "http/openapi.h"

#include <nlohmann/json.hpp>

#include "http/routes.h"

namespace tb::http {
namespace {

// Hand-written so that the document reads as documentation; openapi_test keeps it honest.
constexpr const char* kDocument = R"json({
  "openapi": "3.1.0",
  "info": {
    "title": "TenderBridge API",
    "version": "1.0.0",
    "summary": "Procurement notices from UN agencies and open-contracting publishers.",
    "description": "Errors are RFC 9457 problem documents (application/problem+json) with a stable code and the offending field. GET responses carry a strong ETag (If-None-Match answers 304) and are gzip-compressed above 1 KB when the client accepts it."
  },
  "servers": [{"url": "/"}],
  "paths": {
    "/api/v1/notices": {
      "get": {
        "operationId": "listNotices",
        "summary": "List notices matching filters, one page at a time.",
        "description": "Repeated filter parameters mean any of the values. Unknown parameters are refused with 400 so that a typo does not silently list everything.",
        "parameters": [
          {"name": "buyer", "in": "query", "description": "Buyer agency name, exact, case-insensitive.", "schema": {"type": "array", "items": {"type": "string", "maxLength": 200}}, "style": "form", "explode": true},
          {"name": "type", "in": "query", "schema": {"type": "array", "items": {"$ref": "#/components/schemas/NoticeType"}}, "style": "form", "explode": true},
          {"name": "country", "in": "query", "description": "Beneficiary country, ISO 3166-1 alpha-2.", "schema": {"type": "array", "items": {"type": "string", "pattern": "^[A-Za-z]{2}$"}}, "style": "form", "explode": true},
          {"name": "unspsc", "in": "query", "description": "UNSPSC code or prefix (2, 4, 6 or 8 digits); matches codes under it.", "schema": {"type": "array", "items": {"type": "string", "pattern": "^[0-9]{2,10}$"}}, "style": "form", "explode": true},
          {"name": "status", "in": "query", "schema": {"type": "array", "items": {"$ref": "#/components/schemas/NoticeStatus"}}, "style": "form", "explode": true},
          {"name": "open", "in": "query", "description": "true: deadline still ahead; false: deadline passed.", "schema": {"type": "boolean"}},
          {"name": "published_from", "in": "query", "description": "Inclusive; RFC 3339 time or date.", "schema": {"type": "string", "format": "date-time"}},
          {"name": "published_to", "in": "query", "description": "Exclusive; RFC 3339 time or date.", "schema": {"type": "string", "format": "date-time"}},
          {"name": "deadline_from", "in": "query", "description": "Inclusive; RFC 3339 time or date.", "schema": {"type": "string", "format": "date-time"}},
          {"name": "deadline_to", "in": "query", "description": "Exclusive; RFC 3339 time or date.", "schema": {"type": "string", "format": "date-time"}},
          {"name": "source", "in": "query", "description": "ungm, undp, ocds, secop, austender, ...", "schema": {"type": "string", "pattern": "^[a-z0-9_-]{1,32}$"}},
          {"name": "order", "in": "query", "schema": {"type": "string", "enum": ["newest", "deadline"], "default": "newest"}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
          {"name": "cursor", "in": "query", "description": "next_cursor of the previous page.", "schema": {"type": "string"}}
        ],
        "responses": {
          "200": {"description": "One page.", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NoticePage"}}}},
          "304": {"description": "Not modified (If-None-Match)."},
          "400": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"},
          "503": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/notices/{id}": {
      "get": {
        "operationId": "getNotice",
        "summary": "One notice with its version history.",
        "parameters": [
          {"name": "id", "in": "path", "required": true, "description": "The internal integer id or the public id (ocid, ungm-...), URL-encoded.", "schema": {"type": "string"}}
        ],
        "responses": {
          "200": {"description": "The notice.", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NoticeWithVersions"}}}},
          "304": {"description": "Not modified (If-None-Match)."},
          "404": {"$ref": "#/components/responses/Problem"},
          "503": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/unspsc": {
      "get": {
        "operationId": "findUnspsc",
        "summary": "Look up UNSPSC codes by title prefix, or several codes at once.",
        "parameters": [
          {"name": "prefix", "in": "query", "description": "Start of a word of the title.", "schema": {"type": "string", "maxLength": 100}},
          {"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["en", "fr", "es", "zh"], "default": "en"}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10}},
          {"name": "codes", "in": "query", "description": "Comma-separated codes (or the parameter repeated), at most 200. Excludes prefix.", "schema": {"type": "string"}}
        ],
        "responses": {
          "200": {"description": "Matching entries.", "content": {"application/json": {"schema": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/UnspscEntry"}}}}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/unspsc/{code}": {
      "get": {
        "operationId": "getUnspsc",
        "summary": "One UNSPSC code with its titles.",
        "parameters": [
          {"name": "code", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{2,10}$"}}
        ],
        "responses": {
          "200": {"description": "The entry.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/UnspscEntry"}}}},
          "404": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/search/notices": {
      "get": {
        "operationId": "searchNotices",
        "summary": "Full-text search of notices in any UN language, with filters, facets and cross-language UNSPSC expansion.",
        "parameters": [
          {"name": "q", "in": "query", "description": "Words, \"phrases\", AND/OR/NOT, field prefixes (agency:, type:, country:, code:). Never refused: a malformed query is read as plain words.", "schema": {"type": "string"}},
          {"name": "lang", "in": "query", "description": "Language of the query and of expansion titles.", "schema": {"type": "string", "default": "en"}},
          {"name": "agency", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "explode": true},
          {"name": "type", "in": "query", "schema": {"type": "array", "items": {"type": "string", "enum": ["rfq", "itb", "rfp", "eoi", "rfi", "individual_consultant", "grant", "other"]}}, "explode": true},
          {"name": "country", "in": "query", "schema": {"type": "array", "items": {"type": "string", "pattern": "^[A-Za-z]{2}$"}}, "explode": true},
          {"name": "region", "in": "query", "schema": {"type": "array", "items": {"type": "string", "enum": ["africa", "americas", "asia", "europe", "oceania"]}}, "explode": true},
          {"name": "unspsc", "in": "query", "description": "UNSPSC prefix: segment, family, class or commodity.", "schema": {"type": "array", "items": {"type": "string", "pattern": "^[0-9]{2,8}$"}}, "explode": true},
          {"name": "language", "in": "query", "description": "Language of the notice title.", "schema": {"type": "array", "items": {"type": "string"}}, "explode": true},
          {"name": "status", "in": "query", "schema": {"type": "array", "items": {"type": "string", "enum": ["open", "closing", "closed"]}}, "explode": true},
          {"name": "closing_within_days", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 365, "default": 7}},
          {"name": "published_from", "in": "query", "schema": {"type": "string", "format": "date-time"}},
          {"name": "published_to", "in": "query", "schema": {"type": "string", "format": "date-time"}},
          {"name": "deadline_from", "in": "query", "schema": {"type": "string", "format": "date-time"}},
          {"name": "deadline_to", "in": "query", "schema": {"type": "string", "format": "date-time"}},
          {"name": "value_currency", "in": "query", "description": "Required with value_min/value_max: amounts are compared within one currency.", "schema": {"type": "string", "pattern": "^[A-Za-z]{3}$"}},
          {"name": "value_min", "in": "query", "schema": {"type": "string"}},
          {"name": "value_max", "in": "query", "schema": {"type": "string"}},
          {"name": "sustainable", "in": "query", "schema": {"type": "boolean"}},
          {"name": "remove_code", "in": "query", "description": "A code of the expansion the user removed.", "schema": {"type": "array", "items": {"type": "string"}}, "explode": true},
          {"name": "expand", "in": "query", "schema": {"type": "boolean", "default": true}},
          {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["relevance", "deadline", "published"], "default": "relevance"}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
          {"name": "cursor", "in": "query", "schema": {"type": "string"}},
          {"name": "facets", "in": "query", "schema": {"type": "boolean", "default": true}}
        ],
        "responses": {
          "200": {"description": "Hits, facets and expansion.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"},
          "503": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/search/suggest": {
      "get": {
        "operationId": "suggest",
        "summary": "Type-ahead: notice titles and UNSPSC titles starting with the text typed.",
        "parameters": [
          {"name": "q", "in": "query", "schema": {"type": "string"}},
          {"name": "lang", "in": "query", "schema": {"type": "string", "default": "en"}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 20, "default": 8}}
        ],
        "responses": {
          "200": {"description": "Suggestions.", "content": {"application/json": {"schema": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": {"type": "object", "required": ["kind", "text"], "properties": {"kind": {"type": "string", "enum": ["notice", "unspsc"]}, "text": {"type": "string"}, "id": {"type": "integer"}, "code": {"type": "string"}}}}}}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"},
          "503": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/health": {
      "get": {
        "operationId": "health",
        "summary": "Liveness and database reachability.",
        "responses": {
          "200": {"description": "Healthy.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}},
          "503": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/openapi.json": {
      "get": {
        "operationId": "openapi",
        "summary": "This document.",
        "responses": {"200": {"description": "OpenAPI 3.1 document.", "content": {"application/json": {"schema": {"type": "object"}}}}}
      }
    },
    "/api/v1/admin/imports/{kind}": {
      "post": {
        "operationId": "importFile",
        "summary": "Import one uploaded file (the body) of the given kind.",
        "security": [{"adminToken": []}, {"session": []}],
        "parameters": [
          {"name": "kind", "in": "path", "required": true, "schema": {"type": "string", "enum": ["ungm", "ocds", "secop", "austender", "unspsc"]}},
          {"name": "keep_going", "in": "query", "description": "Skip bad records and list them instead of stopping at the first.", "schema": {"type": "boolean", "default": false}}
        ],
        "requestBody": {"required": true, "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
        "responses": {
          "200": {"description": "What the import did.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ImportReport"}}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "413": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"},
          "429": {"$ref": "#/components/responses/Problem"},
          "503": {"description": "Neither an admin token nor accounts are configured."}
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "adminToken": {"type": "http", "scheme": "bearer", "description": "The server's --admin-token."}
    },
    "headers": {
      "ETag": {"description": "Strong entity tag of the body.", "schema": {"type": "string"}}
    },
    "responses": {
      "Problem": {"description": "An error.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
    },
    "schemas": {
      "Problem": {
        "type": "object",
        "required": ["type", "title", "status", "code"],
        "properties": {
          "type": {"type": "string", "format": "uri"},
          "title": {"type": "string"},
          "status": {"type": "integer"},
          "detail": {"type": "string"},
          "code": {"type": "string", "description": "Stable: invalid_argument, not_found, already_exists, failed_precondition, unauthenticated, permission_denied, resource_exhausted, unavailable, internal, method_not_allowed."},
          "field": {"type": "string", "description": "The offending parameter, field or location."},
          "instance": {"type": "string"}
        }
      },
      "NoticeType": {"type": "string", "enum": ["rfq", "itb", "rfp", "eoi", "rfi", "individual_consultant", "grant", "other"]},
      "NoticeStatus": {"type": "string", "enum": ["planning", "planned", "active", "cancelled", "unsuccessful", "complete", "withdrawn"]},
      "Money": {"type": "object", "required": ["amount", "currency"], "properties": {"amount": {"type": "string", "description": "Decimal, e.g. 1234.50"}, "currency": {"type": "string", "pattern": "^[A-Z]{3}$"}}},
      "Notice": {
        "type": "object",
        "required": ["id", "public_id", "title", "buyer", "type", "status", "countries", "unspsc", "lots", "documents", "source", "amendments"],
        "properties": {
          "id": {"type": "integer"},
          "public_id": {"type": "string"},
          "reference": {"type": "string"},
          "title": {"type": "string"},
          "title_language": {"type": "string"},
          "description": {"type": "string"},
          "description_language": {"type": "string"},
          "buyer": {"type": "string"},
          "buyer_id": {"type": "string"},
          "type": {"$ref": "#/components/schemas/NoticeType"},
          "status": {"$ref": "#/components/schemas/NoticeStatus"},
          "procurement_method": {"type": "string"},
          "main_category": {"type": "string"},
          "published": {"type": "string", "format": "date-time"},
          "deadline": {"type": "string", "format": "date-time"},
          "deadline_time_zone": {"type": "string"},
          "countries": {"type": "array", "items": {"type": "string"}},
          "unspsc": {"type": "array", "items": {"type": "string"}},
          "lots": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "description": {"type": "string"}, "status": {"type": "string"}, "value": {"$ref": "#/components/schemas/Money"}}}},
          "estimated_value": {"$ref": "#/components/schemas/Money"},
          "documents": {"type": "array", "items": {"type": "object", "required": ["url"], "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "url": {"type": "string"}, "document_type": {"type": "string"}, "format": {"type": "string"}, "language": {"type": "string"}, "published": {"type": "string", "format": "date-time"}}}},
          "contact": {"type": "object", "properties": {"name": {"type": "string"}, "email": {"type": "string"}, "telephone": {"type": "string"}, "url": {"type": "string"}, "address": {"type": "string"}}},
          "source": {"type": "string"},
          "source_url": {"type": "string"},
          "amendments": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "date": {"type": "string", "format": "date-time"}, "rationale": {"type": "string"}, "description": {"type": "string"}}}},
          "updated": {"type": "string", "format": "date-time"}
        }
      },
      "NoticeVersion": {
        "type": "object",
        "required": ["version", "recorded_at", "source", "changed_fields"],
        "properties": {"version": {"type": "integer"}, "recorded_at": {"type": "string", "format": "date-time"}, "source": {"type": "string"}, "changed_fields": {"type": "array", "items": {"type": "string"}}}
      },
      "NoticeWithVersions": {
        "allOf": [{"$ref": "#/components/schemas/Notice"}, {"type": "object", "required": ["versions"], "properties": {"versions": {"type": "array", "items": {"$ref": "#/components/schemas/NoticeVersion"}}}}]
      },
      "NoticePage": {
        "type": "object",
        "required": ["items", "next_cursor", "total"],
        "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Notice"}}, "next_cursor": {"type": ["string", "null"]}, "total": {"type": "integer"}}
      },
      "UnspscEntry": {
        "type": "object",
        "required": ["code", "level", "titles", "parent"],
        "properties": {"code": {"type": "string"}, "level": {"type": "string", "enum": ["segment", "family", "class", "commodity"]}, "titles": {"type": "object", "additionalProperties": {"type": "string"}}, "parent": {"type": ["string", "null"]}}
      },
      "SearchResponse": {
        "type": "object",
        "required": ["hits", "total", "total_exact", "facets", "expansions", "query_reinterpreted", "query_truncated", "next_cursor", "elapsed_micros"],
        "properties": {
          "hits": {"type": "array", "items": {"type": "object", "required": ["id", "public_id", "title", "title_html", "snippet_html", "status"], "properties": {"id": {"type": "integer"}, "public_id": {"type": "string"}, "title": {"type": "string"}, "title_language": {"type": "string"}, "agency": {"type": "string"}, "buyer": {"type": "string"}, "type": {"type": "string"}, "countries": {"type": "array", "items": {"type": "string"}}, "codes": {"type": "array", "items": {"type": "string"}}, "published": {"type": ["string", "null"], "format": "date-time"}, "deadline": {"type": ["string", "null"], "format": "date-time"}, "status": {"type": "string", "enum": ["open", "closing", "closed"]}, "score": {"type": "number"}, "title_html": {"type": "string", "description": "Escaped text with <mark> around matched words."}, "snippet_html": {"type": "string"}}}},
          "total": {"type": "integer"},
          "total_exact": {"type": "boolean"},
          "facets": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "object", "properties": {"value": {"type": "string"}, "count": {"type": "integer"}}}}},
          "expansions": {"type": "array", "items": {"type": "object", "properties": {"code": {"type": "string"}, "prefix": {"type": "string"}, "title": {"type": "string"}, "matched_text": {"type": "string"}, "matched_language": {"type": "string"}}}},
          "query_reinterpreted": {"type": "boolean"},
          "query_truncated": {"type": "boolean"},
          "next_cursor": {"type": ["string", "null"]},
          "elapsed_micros": {"type": "integer"}
        }
      },
      "Health": {
        "type": "object",
        "required": ["status", "database", "notices"],
        "properties": {"status": {"type": "string", "const": "ok"}, "database": {"type": "string", "enum": ["sqlite", "postgresql"]}, "notices": {"type": "integer"}}
      },
      "ImportReport": {
        "type": "object",
        "required": ["created", "updated", "unchanged", "rejected", "rejects"],
        "properties": {"created": {"type": "integer"}, "updated": {"type": "integer"}, "unchanged": {"type": "integer"}, "rejected": {"type": "integer"}, "rejects": {"type": "array", "items": {"type": "object", "properties": {"locator": {"type": "string"}, "code": {"type": "string"}, "message": {"type": "string"}, "field": {"type": "string"}}}}}
      }
    }
  }
})json";

}  // namespace

const std::string& OpenApiDocument() {
  static const std::string document = [] {
    nlohmann::json doc = nlohmann::json::parse(kDocument);
    // Each resource family documents its own paths and schemas in its own file.
    for (const char* part : {internal::kAuthOpenApi, internal::kSuppliersOpenApi,
                              internal::kBidsOpenApi, internal::kAuditOpenApi,
                              internal::kTendersOpenApi, internal::kTenderDocumentsOpenApi,
                              internal::kEvaluationOpenApi,
                              internal::kEventsOpenApi, internal::kAlertsOpenApi}) {
      const nlohmann::json fragment = nlohmann::json::parse(part);
      doc["paths"].update(fragment.value("paths", nlohmann::json::object()));
      const nlohmann::json components = fragment.value("components", nlohmann::json::object());
      for (const auto& [section, entries] : components.items()) {
        doc["components"][section].update(entries);
      }
    }
    return doc.dump();
  }();
  return document;
}

Response OpenApi(const Request&, const PathParams&, const auth::Actor&, RouteContext&) {
  Response response = JsonResponse(OpenApiDocument());
  response.SetHeader("Cache-Control", "public, max-age=300");
  return response;
}

}  // namespace tb::http
