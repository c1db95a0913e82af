#pragma once

#include <gtest/gtest.h>

#include <deque>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "auth/policy.h"
#include "crypto/totp.h"
#include "http/cookies.h"
#include "http/testing/api_fixture.h"
#include "sanctions/name_normalizer.h"
#include "screening/screening_service.h"
#include "screening/testing/in_memory_screening_store.h"
#include "suppliers/supplier_service.h"
#include "suppliers/testing/in_memory_supplier_store.h"
#include "suppliers/upload_checks.h"

namespace tb::http::testing {

inline constexpr const char* kSupplierTestOrigin = "http://tb.test";
inline constexpr const char* kSupplierTestPassword = "correct horse battery staple";

// The whole pipeline (Api::Handle) with the real SupplierService over an in-memory store,
// libmagic and the EICAR scanner, and the real ScreeningService over an in-memory store.
// Users are provisioned in the real AuthService and sign in through the API, so route
// rules, CSRF and MFA all apply as in production.
class SupplierApiTest : public ApiTest {
 protected:
  struct Session {
    std::string cookie;
    std::string csrf;
    UserId user;
    OrganisationId organisation;
    std::vector<std::uint8_t> totp_key;  // roles that need MFA
  };

  void SetUp() override {
    options.public_origins = {kSupplierTestOrigin};
    options.rate_limits = RateLimitOptions::Unlimited();
    Result<std::unique_ptr<suppliers::ContentTypeDetector>> detector =
        suppliers::ContentTypeDetector::Open();
    ASSERT_TRUE(detector.ok()) << detector.status().message();
    detector_ = std::move(detector).value();
    suppliers_ = std::make_unique<suppliers::SupplierService>(supplier_store, *detector_, scanner_,
                                                              clock, nullptr);
    Result<std::unique_ptr<sanctions::NameNormalizer>> normalizer =
        sanctions::NameNormalizer::Create();
    ASSERT_TRUE(normalizer.ok()) << normalizer.status().message();
    screening_ = std::make_unique<screening::ScreeningService>(screening_store, clock,
                                                               std::move(normalizer).value());
    supplier_service = suppliers_.get();
    screening_service = screening_.get();
  }

  // A verified user holding `role` in a new organisation of the role's kind, as sign-up
  // (suppliers) or `tenderbridge user create` (the rest) makes them.
  std::pair<UserId, OrganisationId> Provision(const std::string& email, auth::Role role,
                                              const std::string& organisation_name = "") {
    const auth::OrganisationKind kind =
        role == auth::Role::kSupplierUser ? auth::OrganisationKind::kSupplier
        : role == auth::Role::kCentreStaff || role == auth::Role::kAdministrator
            ? auth::OrganisationKind::kCentre
            : auth::OrganisationKind::kAgency;
    Result<OrganisationId> organisation = auth.ProvisionOrganisation(
        kind, organisation_name.empty() ? "Org of " + email : organisation_name, "KE");
    EXPECT_TRUE(organisation.ok()) << organisation.status().message();
    Result<UserId> user =
        auth.ProvisionUser(email, kSupplierTestPassword, "Name", *organisation, role);
    EXPECT_TRUE(user.ok()) << user.status().message();
    return {user.value_or(UserId{}), organisation.value_or(OrganisationId{})};
  }

  Session LogIn(const std::string& email) {
    const std::string body =
        nlohmann::json({{"email", email}, {"password", kSupplierTestPassword}}).dump();
    bodies_.push_back(body);
    Response r = Call("POST", "/api/v1/auth/login", "",
                      {{"content-type", "application/json"}, {"origin", kSupplierTestOrigin}},
                      bodies_.back());
    EXPECT_EQ(r.status, 200) << r.body;
    Session session;
    if (const std::string* set_cookie = r.Header("Set-Cookie")) {
      const std::string prefix = std::string(kSessionCookieName) + "=";
      session.cookie = set_cookie->substr(prefix.size(), set_cookie->find(';') - prefix.size());
    }
    session.csrf = Json(r).value("csrf_token", "");
    return session;
  }

  // Provisions `email` with `role` and signs in; roles that need MFA enrol a TOTP secret
  // through the API so the session is MFA-verified.
  Session SignedIn(const std::string& email, auth::Role role,
                   const std::string& organisation_name = "") {
    auto [user, organisation] = Provision(email, role, organisation_name);
    Session session = LogIn(email);
    session.user = user;
    session.organisation = organisation;
    if (auth::RoleRequiresMfa(role)) {
      Response setup = As(session, "POST", "/api/v1/auth/totp/setup");
      EXPECT_EQ(setup.status, 200) << setup.body;
      Result<std::vector<std::uint8_t>> key = crypto::Base32Decode(Json(setup).value("secret", ""));
      EXPECT_TRUE(key.ok());
      session.totp_key = key.value_or({});
      const std::string code = TotpNow(session);
      Response confirmed =
          As(session, "POST", "/api/v1/auth/totp/confirm", nlohmann::json({{"code", code}}).dump());
      EXPECT_EQ(confirmed.status, 204) << confirmed.body;
    }
    return session;
  }

  std::string TotpNow(const Session& session) const {
    return crypto::TotpCode(session.totp_key, clock.Now().micros() / 1'000'000);
  }

  // A request as the web UI sends it: cookie, Origin, X-CSRF-Token; a JSON body unless
  // `headers` names another Content-Type.
  Response As(const Session& session, std::string method, std::string path, std::string body = "",
              HeaderList headers = {}, std::string query = "") {
    headers.emplace_back("cookie", std::string(kSessionCookieName) + "=" + session.cookie);
    bool has_origin = false, has_csrf = false, has_type = false;
    for (const auto& [name, value] : headers) {
      has_origin = has_origin || name == "origin" || name == "sec-fetch-site";
      has_csrf = has_csrf || name == "x-csrf-token";
      has_type = has_type || name == "content-type";
    }
    if (!has_origin) headers.emplace_back("origin", kSupplierTestOrigin);
    if (!has_csrf) headers.emplace_back("x-csrf-token", session.csrf);
    if (!body.empty() && !has_type) headers.emplace_back("content-type", "application/json");
    bodies_.push_back(std::move(body));
    return Call(std::move(method), std::move(path), std::move(query), std::move(headers),
                bodies_.back());
  }

  struct Part {
    std::string name;
    std::string value;
    std::optional<std::string> filename;
  };
  static constexpr const char* kBoundary = "tbBoundary7MA4YWxkTrZu0gW";
  static std::string MultipartBody(const std::vector<Part>& parts) {
    std::string body;
    for (const Part& part : parts) {
      body += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" +
              part.name + "\"";
      if (part.filename) body += "; filename=\"" + *part.filename + "\"";
      body += "\r\n";
      if (part.filename) body += "Content-Type: application/octet-stream\r\n";
      body += "\r\n" + part.value + "\r\n";
    }
    body += std::string("--") + kBoundary + "--\r\n";
    return body;
  }
  static HeaderList MultipartHeaders() {
    return {{"content-type", std::string("multipart/form-data; boundary=") + kBoundary}};
  }
  static std::string Text(const std::vector<std::uint8_t>& bytes) {
    return std::string(bytes.begin(), bytes.end());
  }

  Response Upload(const Session& session, std::int64_t supplier, const std::string& kind,
                  const std::string& content, const std::string& filename = "file.pdf",
                  std::vector<Part> extra = {}) {
    std::vector<Part> parts = {{"kind", kind, std::nullopt}};
    parts.insert(parts.end(), extra.begin(), extra.end());
    parts.push_back({"file", content, filename});
    return As(session, "POST", "/api/v1/suppliers/" + std::to_string(supplier) + "/documents",
              MultipartBody(parts), MultipartHeaders());
  }

  static std::string Code(const Response& r) { return Json(r).value("code", ""); }

  suppliers::testing::InMemorySupplierStore supplier_store;
  screening::testing::InMemoryScreeningStore screening_store;

 private:
  std::unique_ptr<suppliers::ContentTypeDetector> detector_;
  suppliers::EicarScanner scanner_;
  std::unique_ptr<suppliers::SupplierService> suppliers_;
  std::unique_ptr<screening::ScreeningService> screening_;
  std::deque<std::string> bodies_;
};

}  // namespace tb::http::testing
