// POST /api/v1/admin/imports/{kind}: the upload form of `tenderbridge import`.
#include <istream>
#include <mutex>
#include <streambuf>
#include <string>

#include <nlohmann/json.hpp>

#include "http/problem.h"
#include "http/query.h"
#include "http/routes.h"
#include "notices/import_service.h"

namespace tb::http {
namespace {

// Reads the request body in place: uploads can be hundreds of megabytes.
class ViewStreamBuf : public std::streambuf {
 public:
  explicit ViewStreamBuf(std::string_view data) {
    char* begin = const_cast<char*>(data.data());
    setg(begin, begin, begin + data.size());
  }
};

}  // namespace

Response ImportUpload(const Request& request, const PathParams& path_params, const auth::Actor&,
                      RouteContext& context) {
  const std::string& kind_name = path_params.at(0);
  // The pipeline admitted the admin token or centre staff (the route table).
  Result<QueryParams> params = ParseQuery(request.query);
  if (!params.ok()) return ProblemResponse(params.status(), request.path, 400);
  static constexpr std::string_view kKnown[] = {"keep_going"};
  if (Status known = CheckKnownParams(*params, kKnown); !known.ok()) {
    return ProblemResponse(known, request.path, 400);
  }
  notices::ImportOptions options;
  Result<std::optional<std::string>> keep_going = SingleValue(*params, "keep_going");
  if (!keep_going.ok()) return ProblemResponse(keep_going.status(), request.path);
  if (keep_going->has_value()) {
    Result<bool> value = ParseBool(**keep_going, "keep_going");
    if (!value.ok()) return ProblemResponse(value.status(), request.path);
    options.keep_going = *value;
  }

  Result<notices::ImportKind> kind = notices::ImportKindFromName(kind_name);
  if (!kind.ok()) {
    return ProblemResponse(
        Status::InvalidArgument("kind must be ungm, ocds, secop, austender or unspsc")
            .WithField("kind"),
        request.path);
  }
  if (request.body.empty()) {
    return ProblemResponse(Status::InvalidArgument("the upload is empty").WithField("body"),
                           request.path);
  }

  ViewStreamBuf buffer(request.body);
  std::istream in(&buffer);
  Result<notices::ImportReport> report = Status::Internal("not run");
  {
    std::lock_guard<std::mutex> lock(context.import_mutex);
    report = context.deps.importer.ImportStream(*kind, in, "upload", options);
  }
  if (!report.ok()) {
    if (report.status().code() == StatusCode::kInternal) {
      return ProblemResponse(
          Status::Internal("internal error; request id " + request.request_id), request.path);
    }
    return ProblemResponse(report.status(), request.path);
  }

  nlohmann::json rejects = nlohmann::json::array();
  for (const notices::RejectedRecord& reject : report->rejects) {
    rejects.push_back({{"locator", reject.locator},
                       {"code", StatusCodeName(reject.status.code())},
                       {"message", reject.status.message()},
                       {"field", reject.status.field()}});
  }
  nlohmann::json body = {
      {"created", report->created},     {"updated", report->updated},
      {"unchanged", report->unchanged}, {"rejected", report->rejected},
      {"rejects", std::move(rejects)},
  };
  Response response = JsonResponse(DumpJson(body));
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace tb::http
