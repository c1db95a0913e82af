// The supplier, document, directory and sanctions routes' part of the OpenAPI document
// (docs/accounts.md, docs/suppliers.md, docs/sanctions.md).
#include "http/openapi.h"

namespace tb::http::internal {

const char* const kSuppliersOpenApi = R"json({
  "paths": {
    "/api/v1/suppliers/{id}/profile": {
      "get": {
        "operationId": "getSupplierProfile",
        "summary": "A supplier's profile (its supplier users; agency officers, centre staff and administrators read). A supplier the caller may not read answers 404 exactly like a missing one. The company's own first request creates its draft profile from the sign-up's company name and country.",
        "security": [{"session": []}, {"apiToken": ["profile:read"]}],
        "parameters": [
          {"name": "id", "in": "path", "required": true, "description": "The supplier id, which is its organisation's id.", "schema": {"type": "integer"}},
          {"name": "lang", "in": "query", "description": "Language of titles and messages; default: Accept-Language, else en.", "schema": {"type": "string", "enum": ["en", "fr", "es", "zh", "ar", "ru"]}}
        ],
        "responses": {
          "200": {"description": "The profile; ETag \"v<version>-<lang>\" is what If-Match sends back.", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SupplierProfile"}}}},
          "304": {"description": "Not modified (If-None-Match)."},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "503": {"$ref": "#/components/responses/Problem"}
        }
      },
      "patch": {
        "operationId": "patchSupplierProfile",
        "summary": "Change the profile with a JSON merge patch (RFC 7396; the company's supplier users only). Unknown and server-owned fields are 400 unknown_field with their JSON pointer.",
        "security": [{"session": []}, {"apiToken": ["profile:write"]}],
        "parameters": [
          {"name": "id", "in": "path", "required": true, "description": "The supplier id, which is its organisation's id.", "schema": {"type": "integer"}},
          {"name": "lang", "in": "query", "description": "Language of titles and messages; default: Accept-Language, else en.", "schema": {"type": "string", "enum": ["en", "fr", "es", "zh", "ar", "ru"]}},
          {"name": "If-Match", "in": "header", "description": "The ETag of the profile this change was made on; a stale one is 409.", "schema": {"type": "string"}}
        ],
        "requestBody": {"required": true, "content": {"application/merge-patch+json": {"schema": {"$ref": "#/components/schemas/ProfilePatch"}}, "application/json": {"schema": {"$ref": "#/components/schemas/ProfilePatch"}}}},
        "responses": {
          "200": {"description": "The profile after the change.", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SupplierProfile"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"description": "Stale If-Match, or a registration or tax number another company holds (field names it).", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "415": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/suppliers/{id}/readiness": {
      "get": {
        "operationId": "getSupplierReadiness",
        "summary": "The checklist toward each UNGM level, with the next steps in the reader's language (?lang=, else Accept-Language).",
        "security": [{"session": []}, {"apiToken": ["profile:read"]}],
        "parameters": [{"name": "id", "in": "path", "required": true, "description": "The supplier id, which is its organisation's id.", "schema": {"type": "integer"}}, {"name": "lang", "in": "query", "description": "Language of titles and messages; default: Accept-Language, else en.", "schema": {"type": "string", "enum": ["en", "fr", "es", "zh", "ar", "ru"]}}],
        "responses": {
          "200": {"description": "Readiness.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Readiness"}}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/suppliers/{id}/documents": {
      "get": {
        "operationId": "listSupplierDocuments",
        "summary": "The company's documents the caller may read (financial statements: the company and agency officers only).",
        "security": [{"session": []}, {"apiToken": ["documents:read"]}],
        "parameters": [{"name": "id", "in": "path", "required": true, "description": "The supplier id, which is its organisation's id.", "schema": {"type": "integer"}}],
        "responses": {
          "200": {"description": "Documents, oldest first.", "content": {"application/json": {"schema": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/SupplierDocument"}}}}}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      },
      "post": {
        "operationId": "uploadSupplierDocument",
        "summary": "Upload a document (the company's supplier users). The type is read from the content (PDF, DOCX, XLSX, PNG, JPEG); the file name is only a display name.",
        "security": [{"session": []}, {"apiToken": ["documents:write"]}],
        "parameters": [{"name": "id", "in": "path", "required": true, "description": "The supplier id, which is its organisation's id.", "schema": {"type": "integer"}}],
        "requestBody": {"required": true, "content": {"multipart/form-data": {"schema": {"$ref": "#/components/schemas/DocumentUpload"}}}},
        "responses": {
          "201": {"description": "Stored.", "headers": {"Location": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SupplierDocument"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "413": {"description": "The file is over 20 MiB, the company's quota (200 MiB, 300 documents) is used up, or a zip-based file expands too far.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "415": {"description": "Not multipart/form-data, or a file type outside the allowlist (unsupported_media_type).", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "422": {"description": "Bad metadata, an empty or damaged file, or malware (malware_detected).", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "429": {"$ref": "#/components/responses/RateLimited"}
        }
      }
    },
    "/api/v1/documents/{id}/content": {
      "get": {
        "operationId": "getDocumentContent",
        "summary": "Download a document: always Content-Disposition: attachment (RFC 6266 filename*), nosniff, the detected type, no-store.",
        "security": [{"session": []}, {"apiToken": ["documents:read"]}],
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
        "responses": {
          "200": {"description": "The bytes.", "headers": {"Content-Disposition": {"schema": {"type": "string"}}}, "content": {"application/pdf": {}, "image/png": {}, "image/jpeg": {}, "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/documents/{id}": {
      "delete": {
        "operationId": "deleteSupplierDocument",
        "summary": "Remove a document (the company's supplier users).",
        "security": [{"session": []}, {"apiToken": ["documents:write"]}],
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
        "responses": {"204": {"description": "Removed."}, "401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}
      }
    },
    "/api/v1/suppliers/{id}/review": {
      "post": {
        "operationId": "reviewSupplier",
        "summary": "Move the profile through the centre's review: submit (the company, Basic level complete), start_review, request_changes (comment), mark_ready, mark_registered (ungm_number) by centre staff.",
        "security": [{"session": []}, {"apiToken": ["profile:write"]}],
        "parameters": [{"name": "id", "in": "path", "required": true, "description": "The supplier id, which is its organisation's id.", "schema": {"type": "integer"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReviewRequest"}}}},
        "responses": {
          "200": {"description": "The profile in its new state.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SupplierProfile"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"},
          "415": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/suppliers/{id}/history": {
      "get": {
        "operationId": "getSupplierHistory",
        "summary": "Who changed what and when (the company, centre staff, administrators).",
        "security": [{"session": []}, {"apiToken": ["profile:read"]}],
        "parameters": [{"name": "id", "in": "path", "required": true, "description": "The supplier id, which is its organisation's id.", "schema": {"type": "integer"}}],
        "responses": {
          "200": {"description": "Events, oldest first.", "content": {"application/json": {"schema": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/SupplierEvent"}}}}}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/suppliers/{id}/export/ungm": {
      "get": {
        "operationId": "exportSupplierUngm",
        "summary": "The profile in the order of UNGM's registration forms, as JSON or (Accept: text/plain) as text.",
        "security": [{"session": []}, {"apiToken": ["profile:read"]}],
        "parameters": [{"name": "id", "in": "path", "required": true, "description": "The supplier id, which is its organisation's id.", "schema": {"type": "integer"}}, {"name": "lang", "in": "query", "description": "Language of titles and messages; default: Accept-Language, else en.", "schema": {"type": "string", "enum": ["en", "fr", "es", "zh", "ar", "ru"]}}],
        "responses": {
          "200": {"description": "The export.", "content": {"application/json": {"schema": {"type": "object"}}, "text/plain": {"schema": {"type": "string"}}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "406": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/directory/suppliers": {
      "get": {
        "operationId": "searchSupplierDirectory",
        "summary": "Find suppliers (agency officers, centre staff, administrators), with facet counts over the matching set.",
        "security": [{"session": []}, {"apiToken": ["directory:read"]}],
        "parameters": [
          {"name": "q", "in": "query", "description": "Words of legal, Latin or trading names (word prefixes).", "schema": {"type": "string"}},
          {"name": "code", "in": "query", "description": "UNSPSC code at any depth.", "schema": {"type": "string", "pattern": "^[0-9]{2,8}$"}},
          {"name": "country", "in": "query", "schema": {"type": "string", "pattern": "^[A-Za-z]{2}$"}},
          {"name": "size", "in": "query", "schema": {"type": "string", "enum": ["micro", "small", "medium", "large"]}},
          {"name": "women_owned", "in": "query", "schema": {"type": "boolean"}},
          {"name": "certificate", "in": "query", "schema": {"type": "string"}},
          {"name": "level", "in": "query", "description": "Readiness reached at least.", "schema": {"type": "string", "enum": ["none", "basic", "level_1", "level_2"]}},
          {"name": "cursor", "in": "query", "schema": {"type": "string"}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}}
        ],
        "responses": {
          "200": {"description": "One page.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DirectoryPage"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/sanctions/list": {
      "get": {
        "operationId": "getSanctionsList",
        "summary": "The current UN Security Council Consolidated List (centre staff): its version, hash, load time and entry counts.",
        "security": [{"session": []}, {"apiToken": ["sanctions:read"]}],
        "responses": {
          "200": {"description": "The current list, or null when none was imported.", "content": {"application/json": {"schema": {"type": "object", "required": ["current"], "properties": {"current": {"oneOf": [{"$ref": "#/components/schemas/SanctionsListVersion"}, {"type": "null"}]}}}}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/sanctions/reviews": {
      "get": {
        "operationId": "listSanctionsReviews",
        "summary": "Possible hits and hits waiting for (or decided by) centre staff, oldest first.",
        "security": [{"session": []}, {"apiToken": ["sanctions:read"]}],
        "parameters": [
          {"name": "status", "in": "query", "schema": {"type": "string", "enum": ["open", "cleared", "confirmed", "all"], "default": "open"}},
          {"name": "after", "in": "query", "description": "next_cursor of the previous page.", "schema": {"type": "string"}},
          {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}}
        ],
        "responses": {
          "200": {"description": "One page.", "content": {"application/json": {"schema": {"type": "object", "required": ["items", "next_cursor"], "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/SanctionsReviewSummary"}}, "next_cursor": {"type": ["string", "null"]}}}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/sanctions/reviews/{id}": {
      "get": {
        "operationId": "getSanctionsReview",
        "summary": "One case: the screened names beside the listed entry, the scores and the list version.",
        "security": [{"session": []}, {"apiToken": ["sanctions:read"]}],
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
        "responses": {
          "200": {"description": "The case.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SanctionsReviewCase"}}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/sanctions/reviews/{id}/decision": {
      "post": {
        "operationId": "decideSanctionsReview",
        "summary": "Clear or confirm an open case (centre staff, with a step-up within 15 minutes: otherwise 403 reauthentication_required; see POST /api/v1/auth/reauthenticate).",
        "security": [{"session": []}],
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["decision", "note"], "properties": {"decision": {"type": "string", "enum": ["clear", "confirm"]}, "note": {"type": "string"}}}}}},
        "responses": {
          "200": {"description": "The decided case.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SanctionsReviewCase"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"description": "forbidden, mfa_required, csrf or reauthentication_required.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"description": "The case was already decided.", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "415": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    }
  },
  "components": {
    "schemas": {
      "CompanyNumber": {"type": "object", "required": ["country", "number"], "properties": {"country": {"type": "string"}, "number": {"type": "string"}}},
      "ProfilePatch": {
        "type": "object",
        "description": "Any subset of the writable fields of docs/suppliers.md (null resets a field), plus code_of_conduct_accepted.",
        "properties": {
          "legal_name": {"type": ["string", "null"]}, "legal_name_latin": {"type": ["string", "null"]},
          "trading_names": {"type": ["array", "null"], "items": {"type": "string"}},
          "registration_numbers": {"type": ["array", "null"], "items": {"$ref": "#/components/schemas/CompanyNumber"}},
          "tax_numbers": {"type": ["array", "null"], "items": {"$ref": "#/components/schemas/CompanyNumber"}},
          "year_established": {"type": ["integer", "null"]},
          "address": {"type": ["object", "null"], "properties": {"street": {"type": "string"}, "city": {"type": "string"}, "postal_code": {"type": "string"}, "region": {"type": "string"}, "country": {"type": "string"}}},
          "countries_of_operation": {"type": ["array", "null"], "items": {"type": "string"}},
          "contacts": {"type": ["array", "null"], "items": {"type": "object", "properties": {"name": {"type": "string"}, "position": {"type": "string"}, "email": {"type": "string"}, "phone": {"type": "string"}}}},
          "website": {"type": ["string", "null"]},
          "unspsc_codes": {"type": ["array", "null"], "items": {"type": "string"}},
          "party_scale": {"type": ["string", "null"], "enum": ["micro", "small", "medium", "large", null]},
          "sme": {"type": ["boolean", "null"]},
          "women_owned": {"type": ["object", "null"], "properties": {"declared": {"type": "boolean"}, "ownership_percent": {"type": "integer"}, "controlled": {"type": "boolean"}}},
          "disability_inclusive": {"type": ["boolean", "null"]},
          "certificates": {"type": ["array", "null"], "items": {"type": "object", "properties": {"type": {"type": "string"}, "name": {"type": "string"}, "number": {"type": "string"}, "issuer": {"type": "string"}, "valid_until": {"type": "string", "format": "date"}}}},
          "sustainability": {"type": ["object", "null"]},
          "references": {"type": ["array", "null"], "items": {"type": "object", "properties": {"client_name": {"type": "string"}, "contact_name": {"type": "string"}, "contact_email": {"type": "string"}, "description": {"type": "string"}, "year": {"type": "integer"}, "country": {"type": "string"}}}},
          "owners": {"type": ["array", "null"], "items": {"type": "object", "properties": {"name": {"type": "string"}, "share_percent": {"type": "integer"}, "country": {"type": "string"}}}},
          "code_of_conduct_accepted": {"type": "boolean"}
        }
      },
      "SupplierProfile": {
        "allOf": [
          {"$ref": "#/components/schemas/ProfilePatch"},
          {"type": "object", "required": ["id", "state", "version", "created_at", "updated_at"], "properties": {
            "id": {"type": "integer"},
            "state": {"type": "string", "enum": ["draft", "submitted", "in_review", "changes_requested", "ready", "registered"]},
            "review_comment": {"type": "string"}, "ungm_number": {"type": "string"},
            "code_of_conduct_accepted_at": {"type": ["string", "null"], "format": "date-time"},
            "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"},
            "version": {"type": "integer"},
            "unspsc_code_titles": {"type": "object", "additionalProperties": {"type": "string"}}
          }}
        ]
      },
      "Readiness": {
        "type": "object",
        "required": ["reached", "levels", "state", "can_submit", "language"],
        "properties": {
          "reached": {"type": "string", "enum": ["none", "basic", "level_1", "level_2"]},
          "state": {"type": "string"},
          "can_submit": {"type": "boolean", "description": "Basic complete and the profile in draft or changes_requested."},
          "language": {"type": "string"},
          "levels": {"type": "array", "items": {"type": "object", "required": ["level", "score", "complete", "items"], "properties": {
            "level": {"type": "string"}, "score": {"type": "integer"}, "complete": {"type": "boolean"},
            "items": {"type": "array", "items": {"type": "object", "required": ["id", "done"], "properties": {"id": {"type": "string"}, "done": {"type": "boolean"}, "next": {"type": "object", "properties": {"key": {"type": "string"}, "params": {"type": "object", "additionalProperties": {"type": "string"}}}}, "message": {"type": "string"}}}}
          }}}
        }
      },
      "DocumentKind": {"type": "string", "enum": ["incorporation_certificate", "certificate", "reference_letter", "financial_statement", "women_owned_evidence", "ownership_structure", "translation", "other"]},
      "DocumentUpload": {
        "type": "object",
        "required": ["kind", "file"],
        "properties": {
          "kind": {"$ref": "#/components/schemas/DocumentKind"},
          "valid_from": {"type": "string", "format": "date"}, "valid_until": {"type": "string", "format": "date"},
          "fiscal_year": {"type": "integer"}, "audited": {"type": "boolean"},
          "language": {"type": "string", "description": "ISO 639-1"}, "translation_of": {"type": "integer"},
          "file": {"type": "string", "format": "binary"}
        }
      },
      "SupplierDocument": {
        "type": "object",
        "required": ["id", "supplier_id", "kind", "filename", "content_type", "size", "sha256", "uploaded_at"],
        "properties": {
          "id": {"type": "integer"}, "supplier_id": {"type": "integer"},
          "kind": {"$ref": "#/components/schemas/DocumentKind"},
          "filename": {"type": "string", "description": "Sanitised display name; never a path."},
          "content_type": {"type": "string"}, "size": {"type": "integer"}, "sha256": {"type": "string"},
          "uploaded_at": {"type": "string", "format": "date-time"}, "uploaded_by": {"type": ["integer", "null"]},
          "valid_from": {"type": ["string", "null"], "format": "date"}, "valid_until": {"type": ["string", "null"], "format": "date"},
          "expired": {"type": "boolean"}, "fiscal_year": {"type": ["integer", "null"]}, "audited": {"type": "boolean"},
          "language": {"type": ["string", "null"]}, "translation_of": {"type": ["integer", "null"]}
        }
      },
      "ReviewRequest": {
        "type": "object", "additionalProperties": false, "required": ["action"],
        "properties": {"action": {"type": "string", "enum": ["submit", "start_review", "request_changes", "mark_ready", "mark_registered"]}, "comment": {"type": "string"}, "ungm_number": {"type": "string"}}
      },
      "SupplierEvent": {
        "type": "object", "required": ["id", "at", "actor", "action", "detail"],
        "properties": {"id": {"type": "integer"}, "at": {"type": "string", "format": "date-time"}, "actor": {"type": ["integer", "null"]}, "action": {"type": "string"}, "detail": {"type": "object"}}
      },
      "DirectoryPage": {
        "type": "object", "required": ["items", "total", "facets", "next_cursor"],
        "properties": {
          "items": {"type": "array", "items": {"type": "object", "required": ["id", "legal_name"], "properties": {"id": {"type": "integer"}, "legal_name": {"type": "string"}, "legal_name_latin": {"type": "string"}, "country": {"type": "string"}, "size": {"type": ["string", "null"]}, "women_owned": {"type": "boolean"}, "readiness_level": {"type": "string"}, "state": {"type": "string"}}}},
          "total": {"type": "integer"},
          "facets": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "object", "properties": {"value": {"type": "string"}, "count": {"type": "integer"}}}}},
          "next_cursor": {"type": ["string", "null"]}
        }
      },
      "SanctionsListVersion": {
        "type": "object",
        "required": ["id", "date_generated", "sha256", "loaded_at", "entry_count"],
        "properties": {"id": {"type": "integer"}, "date_generated": {"type": "string"}, "generated_at": {"type": "string", "format": "date-time"}, "sha256": {"type": "string"}, "loaded_at": {"type": "string", "format": "date-time"}, "individual_count": {"type": "integer"}, "entity_count": {"type": "integer"}, "entry_count": {"type": "integer"}}
      },
      "SanctionsEntry": {
        "type": "object",
        "properties": {"id": {"type": "string"}, "reference": {"type": "string"}, "list": {"type": "string"}, "type": {"type": "string", "enum": ["individual", "entity"]}, "listed_on": {"type": "string"}, "names": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}, "kind": {"type": "string"}, "quality": {"type": "string"}}}}, "countries": {"type": "array", "items": {"type": "string"}}, "nationalities": {"type": "array", "items": {"type": "string"}}, "address_countries": {"type": "array", "items": {"type": "string"}}, "comments": {"type": "string"}}
      },
      "SanctionsReviewSummary": {
        "type": "object",
        "required": ["id", "status", "supplier", "subject", "list_version", "created_at"],
        "properties": {
          "id": {"type": "integer"},
          "status": {"type": "string", "enum": ["open", "cleared", "confirmed"]},
          "screening_decision": {"type": "string", "enum": ["possible_hit", "hit"]},
          "score": {"type": ["number", "null"]},
          "subject": {"type": "object", "properties": {"kind": {"type": "string", "enum": ["supplier", "owner"]}, "id": {"type": "string"}}},
          "supplier": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}}},
          "entry": {"type": ["object", "null"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "reference": {"type": "string"}, "list": {"type": "string"}}},
          "list_version": {"type": "string"}, "list_sha256": {"type": "string"},
          "created_at": {"type": "string", "format": "date-time"}, "decided_at": {"type": ["string", "null"], "format": "date-time"}
        }
      },
      "SanctionsReviewCase": {
        "allOf": [
          {"$ref": "#/components/schemas/SanctionsReviewSummary"},
          {"type": "object", "properties": {
            "supplier": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "names": {"type": "array", "items": {"type": "string"}}, "country": {"type": "string"}}},
            "entry": {"oneOf": [{"$ref": "#/components/schemas/SanctionsEntry"}, {"type": "null"}]},
            "matches": {"type": "array", "items": {"type": "object", "properties": {"supplier_name": {"type": "string"}, "entry_name": {"type": "string"}, "entry_id": {"type": "string"}, "score": {"type": "number"}}}},
            "candidates": {"type": "array", "items": {"type": "object", "properties": {"entry": {"$ref": "#/components/schemas/SanctionsEntry"}, "score": {"type": "number"}}}},
            "screening": {"type": "object", "properties": {"id": {"type": "integer"}, "decision": {"type": "string"}, "reason": {"type": "string"}, "at": {"type": "string", "format": "date-time"}}},
            "decision": {"oneOf": [{"type": "null"}, {"type": "object", "properties": {"decision": {"type": "string", "enum": ["clear", "confirm"]}, "note": {"type": "string"}, "decided_by": {"type": ["string", "null"]}, "decided_at": {"type": ["string", "null"], "format": "date-time"}}}]}
          }}
        ]
      }
    }
  }
})json";

}  // namespace tb::http::internal
