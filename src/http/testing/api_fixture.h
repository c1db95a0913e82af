#pragma once

#include <memory>
#include <string>
#include <utility>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/api.h"
#include "http/testing/fake_stores.h"
#include "notices/import_service.h"

namespace tb::http::testing {

// An Api over in-memory stores, the real ImportService and a fixed clock; requests go
// through the whole pipeline (Api::Handle) without sockets.
class ApiTest : public ::testing::Test {
 protected:
  // Builds the Api from `options` on first use, so tests may change options first.
  Api& api() {
    if (!api_) {
      api_ = std::make_unique<Api>(options, ServerDeps{notices, unspsc, importer, clock});
    }
    return *api_;
  }

  Response Call(std::string method, std::string path, std::string query = "",
                HeaderList headers = {}, std::string_view body = {}) {
    Request request;
    request.method = std::move(method);
    request.path = std::move(path);
    request.query = std::move(query);
    request.headers = std::move(headers);
    request.body = body;
    request.remote = "127.0.0.1:1";
    return api().Handle(request);
  }
  Response Get(std::string path, std::string query = "", HeaderList headers = {}) {
    return Call("GET", std::move(path), std::move(query), std::move(headers));
  }

  static nlohmann::json Json(const Response& response) {
    return nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  }

  FakeNoticeStore notices;
  FakeUnspscCatalogue unspsc;
  FakeClock clock{Timestamp::FromSeconds(1'750'000'000)};
  notices::ImportService importer{notices, unspsc, clock};
  ServerOptions options;

 private:
  std::unique_ptr<Api> api_;
};

}  // namespace tb::http::testing
