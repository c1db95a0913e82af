// POST /api/v1/unspsc/suggestions (issue #5 item 1): UNSPSC codes predicted from free text,
// for the supplier profile wizard ("describe what you sell") and any client coding a notice.
// The code predictor is the one `tenderbridge train` wrote (docs/matching.md); titles come
// from the UNSPSC catalogue in the requested language. `named` lists the codes whose titles
// the text names (search/unspsc_title_lookup.h), `probability` there being the match strength.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/language.h"
#include "http/json_body.h"
#include "http/problem.h"
#include "http/routes.h"
#include "matching/code_predictor.h"
#include "notices/unspsc_catalogue.h"
#include "search/unspsc_title_lookup.h"

namespace tb::http {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxTextBytes = 5000;

}  // namespace

Response SuggestCodes(const Request& request, const PathParams&, const auth::Actor&,
                      RouteContext& context) {
  const matching::CodePredictor* predictor = context.deps.code_predictor;
  if (predictor == nullptr) {
    return ProblemResponse(
        Status::Unavailable("code suggestions need the trained model (tenderbridge train)"),
        request.path, 503);
  }
  static constexpr BodyField kFields[] = {{"text", FieldType::kString, true},
                                          {"top", FieldType::kInteger},
                                          {"lang", FieldType::kString}};
  json body;
  if (std::optional<Response> bad = ReadJsonBody(request, kFields, body)) return *bad;
  const std::string text = body["text"].get<std::string>();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos || text.size() > kMaxTextBytes) {
    return ServiceProblem(Status::InvalidArgument("text must have 1 to " +
                                                  std::to_string(kMaxTextBytes) + " bytes")
                              .WithField("/text"),
                          request);
  }
  const std::int64_t top = body.value("top", std::int64_t{5});
  if (top < 1 || top > 20) {
    return ServiceProblem(Status::InvalidArgument("top must be 1 to 20").WithField("/top"), request);
  }
  const Language language = Language::FromTag(body.value("lang", std::string("en")));

  matching::PredictOptions options;
  options.top = static_cast<int>(top);
  const matching::Prediction p = predictor->Predict(text, options);
  std::vector<UnspscCode> codes;
  for (const auto* level : {&p.segments, &p.families, &p.classes}) {
    for (const matching::CodeScore& c : *level) codes.push_back(c.code);
  }
  Result<std::vector<notices::UnspscEntry>> entries = context.deps.unspsc.GetMany(codes);
  if (!entries.ok()) return ServiceProblem(entries.status(), request);
  auto title_of = [&](UnspscCode code) {
    for (const notices::UnspscEntry& e : *entries) {
      if (e.code == code) return e.TitleIn(language);
    }
    return predictor->Title(code);
  };
  auto level_json = [&](const std::vector<matching::CodeScore>& level) {
    json out = json::array();
    for (const matching::CodeScore& c : level) {
      out.push_back({{"code", c.code.ToString()},
                     {"title", title_of(c.code)},
                     {"probability", c.probability}});
    }
    return out;
  };
  // Codes whose title the description names, in any language the titles are in (the search's
  // cross-language expansion): exact where the predictor, trained on terse notices, guesses.
  json named = json::array();
  if (context.deps.unspsc_titles != nullptr) {
    for (const search::ExpansionCandidate& c : context.deps.unspsc_titles->Match(text, 5)) {
      named.push_back({{"code", c.code.ToString()},
                       {"title", context.deps.unspsc_titles->TitleOf(c.code, language)},
                       {"probability", std::min(1.0, c.score / 2.0)},
                       {"matched_text", c.matched_text}});
    }
  }
  return JsonResponse(json{{"segments", level_json(p.segments)},
                           {"families", level_json(p.families)},
                           {"classes", level_json(p.classes)},
                           {"named", named}}
                          .dump());
}

}  // namespace tb::http
