#pragma once

#include <string_view>

#include "auth/actor.h"
#include "core/ids.h"
#include "core/language.h"
#include "core/result.h"
#include "http/http_types.h"
#include "http/query.h"
#include "http/routes.h"
#include "suppliers/documents.h"

// What the supplier, document, directory and sanctions routes share: ids from the path,
// the mapping of service failures to problems, the reader's language and the lazy creation
// of a company's supplier record. Internal to http/.
namespace tb::http::internal {

// 503 for a route whose service this server was started without.
Response SuppliersUnavailable(const Request& request);
Response ScreeningUnavailable(const Request& request);

// A positive decimal id from a path segment. Anything else is the same NotFound the
// service answers for a missing object ("no such supplier", field "id"), so a malformed id
// cannot be told apart from a missing or a forbidden one (AS-14).
Result<SupplierId> ParseSupplierId(std::string_view segment);
Result<suppliers::DocumentId> ParseDocumentId(std::string_view segment);

// The problem for a failed SupplierService call: an unknown or server-owned field is 400
// "unknown_field" (AS-20); a write the actor may not make is 403 "forbidden" and a security
// event; the rest as ServiceProblem maps them.
Response SupplierProblem(const Status& status, const Request& request, const auth::Actor& actor,
                         RouteContext& context);

// The language to answer in: ?lang= when given (InvalidArgument when it is not a language
// tag), else the first of the six UN languages in Accept-Language by preference, else
// English.
Result<Language> ReaderLanguage(const Request& request, const QueryParams& params);

// Sign-up creates the supplier organisation, not its supplier record (auth/ does not know
// suppliers/). When `actor` is a supplier user of organisation `id`, the organisation is a
// supplier company and no record exists yet, this creates the draft record from the
// organisation's name and country. True when a record was created now or by a concurrent
// request; false when the actor is not the company's or there is nothing to create.
bool CreateOwnSupplierIfMissing(const auth::Actor& actor, SupplierId id, RouteContext& context);

inline const Status& StatusOf(const Status& status) { return status; }
template <typename T>
const Status& StatusOf(const Result<T>& result) {
  return result.status();
}

// Runs `call` (a SupplierService call on supplier `id`); when it answers NotFound and the
// actor's own company has no record yet, creates it and runs `call` once more.
template <typename Call>
auto CallCreatingOwnSupplier(const auth::Actor& actor, SupplierId id, RouteContext& context,
                             Call call) -> decltype(call()) {
  auto result = call();
  if (!StatusOf(result).ok() && StatusOf(result).code() == StatusCode::kNotFound &&
      CreateOwnSupplierIfMissing(actor, id, context)) {
    result = call();
  }
  return result;
}

}  // namespace tb::http::internal
