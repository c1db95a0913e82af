#pragma once

#include <memory>
#include <string>
#include <utility>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "auth/auth_service.h"
#include "auth/testing/in_memory_auth_store.h"
#include "auth/testing/recording.h"
#include "http/api.h"
#include "http/testing/fake_stores.h"
#include "notices/import_service.h"

namespace tb::http::testing {

// An Api over in-memory stores, the real ImportService and AuthService and a fixed clock;
// requests go through the whole pipeline (Api::Handle) without sockets. Mail and security
// events are recorded; password hashing uses a cheap argon2id cost.
class ApiTest : public ::testing::Test {
 protected:
  // Builds the Api from `options` on first use, so tests may change options first.
  Api& api() {
    if (!api_) {
      ServerDeps deps{notices, unspsc, importer, clock};
      deps.auth = accounts_enabled ? &auth : nullptr;
      deps.security_log = &security_log;
      deps.suppliers = supplier_service;
      deps.screening = screening_service;
      deps.code_predictor = code_predictor;
      deps.unspsc_titles = unspsc_titles;
      api_ = std::make_unique<Api>(options, deps);
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
  bool accounts_enabled = true;
  // Set by suites of the supplier and sanctions routes before the first call; null: 503.
  suppliers::SupplierService* supplier_service = nullptr;
  screening::ScreeningService* screening_service = nullptr;
  // Set by the code suggestion suite; null: 503.
  const matching::CodePredictor* code_predictor = nullptr;
  const search::UnspscTitleLookup* unspsc_titles = nullptr;
  auth::testing::InMemoryAuthStore auth_store;
  auth::testing::RecordingMailer mailer;
  auth::testing::RecordingSecurityLog security_log;
  auth::AuthService auth{auth_store, mailer, security_log, clock, CheapAuthOptions()};

 private:
  static auth::AuthOptions CheapAuthOptions() {
    auth::AuthOptions o;
    o.password_hash = {.memory_kib = 1024, .iterations = 1};
    return o;
  }

  std::unique_ptr<Api> api_;
};

}  // namespace tb::http::testing
