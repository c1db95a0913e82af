// The uploaded tender documents' part of the OpenAPI document (docs/tendering.md, "Tender
// documents").
#include "http/openapi.h"

namespace tb::http::internal {

const char* const kTenderDocumentsOpenApi = R"json({
  "paths": {
    "/api/v1/tenders/{ocid}/documents": {
      "get": {
        "operationId": "listTenderDocuments",
        "summary": "The tender's documents, linked and uploaded, each uploaded one with every version (download url, size, SHA-256), and the upload limits. Public once the tender is; a draft only for its agency's officers and committee (anyone else 404, as for a missing tender).",
        "parameters": [{"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "The documents.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TenderDocumentList"}}}},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      },
      "post": {
        "operationId": "uploadTenderDocument",
        "summary": "Upload a file (agency officers of the buying organisation). Without document_id a new document (kind required); with it a new version. In a draft the file is added or replaced directly; once published it is a substantive amendment (rationale required): interested suppliers are notified, bids must be re-confirmed, a late change extends the deadline, and older versions stay downloadable. The file is checked before anything is stored: size (413 file_too_large), type by its bytes (415 unsupported_media_type: PDF, DOCX, XLSX, PNG, JPEG), zip directory, malware (422 malware_detected).",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {"multipart/form-data": {"schema": {"$ref": "#/components/schemas/TenderDocumentUpload"}}}},
        "responses": {
          "201": {"description": "The document as stored; Location is the new version's download url; amendment is set after publication.", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TenderDocumentUploaded"}}}},
          "400": {"$ref": "#/components/responses/Problem"},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"},
          "413": {"$ref": "#/components/responses/Problem"},
          "415": {"$ref": "#/components/responses/Problem"},
          "422": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/documents/{id}": {
      "delete": {
        "operationId": "deleteTenderDocument",
        "summary": "Remove a document from a draft (agency officers of the buying organisation). A published tender's documents are not removed (409): upload a new version instead.",
        "security": [{"session": []}],
        "parameters": [{"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {
          "204": {"description": "Removed.", "headers": {"ETag": {"$ref": "#/components/headers/ETag"}}},
          "401": {"$ref": "#/components/responses/Problem"},
          "403": {"$ref": "#/components/responses/Problem"},
          "404": {"$ref": "#/components/responses/Problem"},
          "409": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/documents/{id}/content": {
      "get": {
        "operationId": "getTenderDocumentContent",
        "summary": "The current version's bytes as an attachment (Content-Disposition with an ASCII filename and the UTF-8 filename*, RFC 6266/8187; the detected type; nosniff; X-Content-SHA256).",
        "parameters": [{"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "The file.", "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      }
    },
    "/api/v1/tenders/{ocid}/documents/{id}/versions/{version}/content": {
      "get": {
        "operationId": "getTenderDocumentVersion",
        "summary": "One version's bytes, as the current one's. Versions replaced by amendments stay here.",
        "parameters": [{"name": "ocid", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "version", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}}],
        "responses": {
          "200": {"description": "The file.", "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
          "404": {"$ref": "#/components/responses/Problem"}
        }
      }
    }
  },
  "components": {
    "schemas": {
      "TenderDocumentKind": {"type": "string", "enum": ["technical_specification", "terms_of_reference", "form", "bill_of_quantities", "contract_draft", "other"]},
      "TenderDocumentFile": {
        "type": "object",
        "required": ["version", "filename", "format", "size", "sha256", "uploaded_at"],
        "properties": {
          "version": {"type": "integer", "minimum": 1},
          "filename": {"type": "string", "description": "Sanitised: no path, no control or bidi characters."},
          "format": {"type": "string", "description": "Detected from the bytes."},
          "size": {"type": "integer"},
          "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
          "uploaded_at": {"type": "string", "format": "date-time"},
          "url": {"type": "string", "description": "This version's download path (read forms only)."}
        }
      },
      "TenderDocumentView": {
        "type": "object",
        "required": ["id", "title", "document_type", "uploaded", "url", "files"],
        "properties": {
          "id": {"type": "string"}, "title": {"type": "string"},
          "kind": {"oneOf": [{"$ref": "#/components/schemas/TenderDocumentKind"}, {"type": "null"}]},
          "document_type": {"type": "string", "description": "OCDS documentType, from the kind."},
          "language": {"type": ["string", "null"]},
          "uploaded": {"type": "boolean"},
          "url": {"type": "string", "description": "The link of a linked document; the current version's download path of an uploaded one."},
          "current": {"oneOf": [{"$ref": "#/components/schemas/TenderDocumentFile"}, {"type": "null"}]},
          "files": {"type": "array", "items": {"$ref": "#/components/schemas/TenderDocumentFile"}}
        }
      },
      "TenderDocumentList": {
        "type": "object",
        "properties": {
          "items": {"type": "array", "items": {"$ref": "#/components/schemas/TenderDocumentView"}},
          "state": {"type": "string"},
          "limits": {"type": "object", "properties": {"max_file_bytes": {"type": "integer"}, "max_documents": {"type": "integer"}, "formats": {"type": "array", "items": {"type": "string"}}}}
        }
      },
      "TenderDocumentUploaded": {
        "allOf": [{"$ref": "#/components/schemas/TenderDocumentView"}, {"type": "object", "properties": {"tender_version": {"type": "integer"}, "amendment": {"type": ["object", "null"]}}}]
      },
      "TenderDocumentUpload": {
        "type": "object",
        "required": ["file"],
        "properties": {
          "file": {"type": "string", "format": "binary"},
          "kind": {"$ref": "#/components/schemas/TenderDocumentKind"},
          "title": {"type": "string", "description": "Default: the file name (new documents) or the current title."},
          "language": {"type": "string", "description": "ISO 639-1."},
          "document_id": {"type": "string", "description": "Upload a new version of this document."},
          "rationale": {"type": "string", "description": "Required once published: the amendment's rationale."}
        }
      }
    }
  }
})json";

}  // namespace tb::http::internal
