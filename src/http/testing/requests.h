#pragma once

#include <string>
#include <utility>

#include "http/http_types.h"

namespace tb::http::testing {

inline Request MakeRequest(std::string method, std::string path, HeaderList headers = {}) {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  request.headers = std::move(headers);
  return request;
}

}  // namespace tb::http::testing
