// GET /api/v1/unspsc/{code} and GET /api/v1/unspsc?prefix=|codes=.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/unspsc.h"
#include "http/problem.h"
#include "http/query.h"
#include "http/routes.h"
#include "notices/unspsc_catalogue.h"

namespace tb::http {
namespace {

constexpr int kMaxBatchCodes = 200;
constexpr int kDefaultPrefixLimit = 10;
constexpr int kMaxPrefixLimit = 50;

std::string_view LevelName(UnspscCode::Level level) {
  switch (level) {
    case UnspscCode::Level::kSegment: return "segment";
    case UnspscCode::Level::kFamily: return "family";
    case UnspscCode::Level::kClass: return "class";
    case UnspscCode::Level::kCommodity: return "commodity";
  }
  return "commodity";
}

nlohmann::json EntryJson(const notices::UnspscEntry& entry) {
  const bool segment = entry.code.level() == UnspscCode::Level::kSegment;
  return {
      {"code", entry.code.ToString()},
      {"level", LevelName(entry.code.level())},
      {"titles", entry.titles},
      {"parent", segment ? nlohmann::json(nullptr)
                         : nlohmann::json(entry.code.Parent().ToString())},
  };
}

Response Json(const nlohmann::json& body) {
  Response response = JsonResponse(DumpJson(body));
  // The catalogue changes only on an UNSPSC import; an hour of caching with revalidation
  // by ETag keeps look-ups cheap for the UI.
  response.SetHeader("Cache-Control", "public, max-age=3600");
  return response;
}

}  // namespace

Response GetUnspscCode(const Request& request, const PathParams& path_params, const auth::Actor&,
                       RouteContext& context) {
  const std::string& code = path_params.at(0);
  if (!request.query.empty()) {
    return ProblemResponse(Status::InvalidArgument("this route takes no query parameters")
                               .WithField(request.query.substr(0, request.query.find('='))),
                           request.path, 400);
  }
  Result<UnspscCode> parsed = UnspscCode::Parse(code);
  if (!parsed.ok()) {
    return ProblemResponse(
        Status::InvalidArgument("code must be a UNSPSC code of 2, 4, 6 or 8 digits")
            .WithField("code"),
        request.path);
  }
  Result<notices::UnspscEntry> entry = context.deps.unspsc.Get(*parsed);
  if (!entry.ok()) {
    if (entry.status().code() == StatusCode::kNotFound) {
      return ProblemResponse(
          Status::NotFound("UNSPSC code " + parsed->ToString() + " is not in the catalogue")
              .WithField("code"),
          request.path);
    }
    return ServiceProblem(entry.status(), request);
  }
  return Json(EntryJson(*entry));
}

Response FindUnspsc(const Request& request, const PathParams&, const auth::Actor&,
                    RouteContext& context) {
  Result<QueryParams> params = ParseQuery(request.query);
  if (!params.ok()) return ProblemResponse(params.status(), request.path, 400);
  static constexpr std::string_view kKnown[] = {"prefix", "lang", "limit", "codes"};
  if (Status known = CheckKnownParams(*params, kKnown); !known.ok()) {
    return ProblemResponse(known, request.path, 400);
  }
  auto bad = [&](std::string_view field, std::string message) {
    return ProblemResponse(Status::InvalidArgument(std::move(message)).WithField(std::string(field)),
                           request.path);
  };

  std::vector<std::string> code_values = Values(*params, "codes");
  Result<std::optional<std::string>> prefix = SingleValue(*params, "prefix");
  if (!prefix.ok()) return ProblemResponse(prefix.status(), request.path);
  if (!code_values.empty() && prefix->has_value()) {
    return bad("codes", "give either prefix or codes, not both");
  }

  std::vector<notices::UnspscEntry> found;
  if (!code_values.empty()) {
    std::vector<UnspscCode> codes;
    for (const std::string& value : code_values) {
      std::string_view rest = value;
      while (!rest.empty()) {
        const std::size_t comma = rest.find(',');
        const std::string_view item = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        if (item.empty()) continue;
        Result<UnspscCode> code = UnspscCode::Parse(item);
        if (!code.ok()) {
          return bad("codes", "\"" + std::string(item) + "\" is not a UNSPSC code");
        }
        codes.push_back(*code);
      }
    }
    if (codes.size() > static_cast<std::size_t>(kMaxBatchCodes)) {
      return bad("codes", "at most " + std::to_string(kMaxBatchCodes) + " codes per request");
    }
    if (params->size() != code_values.size()) {
      return bad("codes", "codes takes no lang or limit");
    }
    Result<std::vector<notices::UnspscEntry>> entries = context.deps.unspsc.GetMany(codes);
    if (!entries.ok()) return ServiceProblem(entries.status(), request);
    found = std::move(entries).value();
  } else {
    if (!prefix->has_value()) return bad("prefix", "give prefix (a title prefix) or codes");
    if ((*prefix)->size() > 100) return bad("prefix", "prefix is longer than 100 characters");
    Result<std::optional<std::string>> lang = SingleValue(*params, "lang");
    if (!lang.ok()) return ProblemResponse(lang.status(), request.path);
    Language language = Language::English();
    if (lang->has_value()) {
      const std::string& l = **lang;
      if (l != "en" && l != "fr" && l != "es" && l != "zh") {
        return bad("lang", "lang must be en, fr, es or zh");
      }
      language = Language::FromTag(l);
    }
    int limit = kDefaultPrefixLimit;
    Result<std::optional<std::string>> limit_text = SingleValue(*params, "limit");
    if (!limit_text.ok()) return ProblemResponse(limit_text.status(), request.path);
    if (limit_text->has_value()) {
      Result<int> parsed = ParseInt(**limit_text, 1, kMaxPrefixLimit, "limit");
      if (!parsed.ok()) return ProblemResponse(parsed.status(), request.path);
      limit = *parsed;
    }
    Result<std::vector<notices::UnspscEntry>> entries =
        context.deps.unspsc.FindByTitlePrefix(**prefix, language, limit);
    if (!entries.ok()) return ServiceProblem(entries.status(), request);
    found = std::move(entries).value();
  }
  nlohmann::json items = nlohmann::json::array();
  for (const notices::UnspscEntry& entry : found) items.push_back(EntryJson(entry));
  return Json({{"items", std::move(items)}});
}

}  // namespace tb::http
