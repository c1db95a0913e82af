#pragma once

#include <string>

namespace tb::http {

// The OpenAPI 3.1 document of /api/v1, served at /api/v1/openapi.json. Every route in
// Routes() has a path item here and every path item a route (openapi_test checks both ways).
const std::string& OpenApiDocument();

namespace internal {
// Parts of the document kept beside their routes: {"paths": {...}, "components": {...}},
// merged into the main document.
extern const char* const kAuthOpenApi;  // openapi_auth.cc
extern const char* const kSuppliersOpenApi;  // openapi_suppliers.cc
extern const char* const kAuditOpenApi;  // openapi_audit.cc
extern const char* const kBidsOpenApi;  // openapi_bids.cc
extern const char* const kTendersOpenApi;  // openapi_tenders.cc
extern const char* const kTenderDocumentsOpenApi;  // openapi_tender_documents.cc
extern const char* const kEvaluationOpenApi;  // openapi_evaluation.cc
extern const char* const kEventsOpenApi;  // openapi_events.cc
extern const char* const kAlertsOpenApi;  // openapi_alerts.cc
}  // namespace internal

}  // namespace tb::http
