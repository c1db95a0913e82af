#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "auth/auth_service.h"
#include "auth/policy.h"
#include "auth/testing/in_memory_auth_store.h"
#include "auth/testing/recording.h"
#include "core/timestamp.h"

namespace tb::auth::testing {

// An AuthService over an in-memory store, a recording mailer and security log, and a
// FakeClock at 2025-03-01T09:00:00Z. Helpers create verified users and sign them in.
class AuthServiceTest : public ::testing::Test {
 protected:
  AuthServiceTest()
      : clock_(Timestamp::FromRfc3339("2025-03-01T09:00:00Z").value()),
        service_(store_, mailer_, log_, clock_) {}

  static constexpr std::string_view kPassword = "violet tractor on the hill";

  static SignUpRequest Supplier(std::string email, std::string password = std::string(kPassword)) {
    SignUpRequest r;
    r.email = std::move(email);
    r.password = std::move(password);
    r.display_name = "Amina Njeri";
    r.language = "en";
    r.company_name = "Njeri Solar Ltd";
    r.company_country = "KE";
    return r;
  }

  // Signs a supplier up and verifies its e-mail through the mailed link.
  UserId VerifiedSupplier(const std::string& email) {
    EXPECT_TRUE(service_.SignUp(Supplier(email)).ok());
    EXPECT_TRUE(service_.VerifyEmail(mailer_.LastTokenFor(email)).ok());
    return store_.FindUserByEmail(email).value()->id;
  }

  LoginResult LoginOk(const std::string& email, std::string totp = {},
                      std::string password = std::string(kPassword)) {
    Result<LoginResult> r = service_.Login({email, password, totp});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : LoginResult{};
  }

  OrganisationId SupplierOrgOf(UserId user) {
    return store_.MembershipsOf(user).value().at(0).organisation;
  }

  InMemoryAuthStore store_;
  RecordingMailer mailer_;
  RecordingSecurityLog log_;
  FakeClock clock_;
  AuthService service_;
};

}  // namespace tb::auth::testing
