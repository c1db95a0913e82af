#include "http/routes.h"

#include "http/query.h"

namespace tb::http {

std::span<const Route> Routes() {
  static constexpr Route kRoutes[] = {
      {"GET", "/api/v1/notices", &ListNotices},
      {"GET", "/api/v1/notices/{id}", &GetNotice},
      {"GET", "/api/v1/unspsc", &FindUnspsc},
      {"GET", "/api/v1/unspsc/{code}", &GetUnspscCode},
      {"GET", "/api/v1/search/notices", &SearchNotices},
      {"GET", "/api/v1/search/suggest", &SuggestSearch},
      {"GET", "/api/v1/health", &Health},
      {"GET", "/api/v1/openapi.json", &OpenApi},
      {"POST", "/api/v1/admin/imports/{kind}", &ImportUpload, /*slow=*/true, /*upload=*/true},
  };
  return kRoutes;
}

bool MatchPath(std::string_view path_template, std::string_view path, std::string& param) {
  while (!path_template.empty() || !path.empty()) {
    if (path_template.empty() || path.empty()) return false;
    if (path_template.front() != '/' || path.front() != '/') return false;
    path_template.remove_prefix(1);
    path.remove_prefix(1);
    const std::string_view t = path_template.substr(0, path_template.find('/'));
    const std::string_view p = path.substr(0, path.find('/'));
    if (t.size() > 1 && t.front() == '{' && t.back() == '}') {
      if (p.empty()) return false;
      Result<std::string> decoded = PercentDecode(p, false);
      if (!decoded.ok()) return false;
      param = std::move(decoded).value();
    } else if (t != p) {
      return false;
    }
    path_template.remove_prefix(t.size());
    path.remove_prefix(p.size());
  }
  return true;
}

}  // namespace tb::http
