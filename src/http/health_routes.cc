// GET /api/v1/health: a load balancer's probe. It touches the database so that a server
// whose database is gone is taken out of rotation.
#include <nlohmann/json.hpp>

#include "http/problem.h"
#include "http/routes.h"
#include "notices/notice_store.h"

namespace tb::http {

Response Health(const Request& request, const PathParams&, const auth::Actor&,
                RouteContext& context) {
  Result<std::int64_t> count = context.deps.notices.Count();
  if (!count.ok()) {
    return ProblemResponse(Status::Unavailable("the database does not answer"), request.path, 503);
  }
  nlohmann::json body = {
      {"status", "ok"},
      {"database", context.options.database_kind},
      {"notices", *count},
  };
  Response response = JsonResponse(body.dump());
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace tb::http
