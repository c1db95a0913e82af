// Sign-up, verification, passwords, login throttling and reset: AS-01 to AS-05.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>

#include "auth/testing/service_fixture.h"
#include "crypto/random.h"

namespace tb::auth {
namespace {

using testing::AuthServiceTest;

std::string Repeat(std::string_view unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

// AS-01: 12..128 code points, any Unicode, no truncation. Seven cases.
TEST_F(AuthServiceTest, PasswordLengthTable) {
  struct Row {
    std::string name;
    std::string password;
    bool accepted;
  };
  const Row rows[] = {
      {"11 characters", "qzvkwrtplmx", false},
      {"12 characters", "qzvkwrtplmxa", true},
      {"64 characters", Repeat("qzvkwrtp", 8), true},
      {"128 characters", Repeat("qzvkwrtp", 16), true},
      {"129 characters", Repeat("qzvkwrtp", 16) + "q", false},
      // 12 emoji are 48 bytes but 12 characters: counted as code points.
      {"emoji", Repeat("🔒", 6) + Repeat("🌍", 6), true},
      {"spaces", "   blue   moon   ", true},
  };
  int n = 0;
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    const std::string email = "table" + std::to_string(n++) + "@example.org";
    const Status s = service_.SignUp(Supplier(email, row.password));
    EXPECT_EQ(s.ok(), row.accepted) << s.ToString();
    EXPECT_EQ(store_.FindUserByEmail(email).value().has_value(), row.accepted);
    if (!row.accepted) {
      EXPECT_EQ(s.field(), "password");
    }
    if (row.accepted) {
      // No truncation: the full password logs in, the password minus its last character does not.
      ASSERT_TRUE(service_.VerifyEmail(mailer_.LastTokenFor(email)).ok());
      EXPECT_TRUE(service_.Login({email, row.password, ""}).ok());
      const std::string shorter = row.password.substr(0, row.password.size() - 1) + "x";
      EXPECT_EQ(service_.Login({email, shorter, ""}).status().code(), StatusCode::kUnauthenticated);
    }
  }
}

// AS-02: 200 passwords sampled evenly from the shipped list are all refused as common.
TEST_F(AuthServiceTest, RefusesTwoHundredCommonPasswords) {
  const char* source = std::getenv("TB_SOURCE_DIR");
  ASSERT_NE(source, nullptr) << "ctest sets TB_SOURCE_DIR";
  std::ifstream in(std::string(source) + "/data/common-passwords/top-10k.txt");
  std::vector<std::string> list;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) list.push_back(line);
  }
  ASSERT_GE(list.size(), 10'000u);
  for (std::size_t i = 0; i < 200; ++i) {
    const std::string& password = list[i * list.size() / 200];
    SCOPED_TRACE(password);
    const Status s = service_.CheckPassword(password);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(s.message(), PasswordPolicy::kCommonMessage);
  }
  // And through sign-up, with a list entry that is long enough to pass the length rule.
  const Status s = service_.SignUp(Supplier("common@example.org", "Scandinavian"));
  EXPECT_EQ(s.message(), PasswordPolicy::kCommonMessage);
  EXPECT_FALSE(store_.FindUserByEmail("common@example.org").value().has_value());
}

TEST_F(AuthServiceTest, SignUpCreatesAnUnverifiedUserOwningASupplier) {
  ASSERT_TRUE(service_.SignUp(Supplier(" Amina@Example.ORG ")).ok());
  const std::optional<UserRecord> user = store_.FindUserByEmail("amina@example.org").value();
  ASSERT_TRUE(user.has_value()) << "e-mail stored trimmed and lower-case";
  EXPECT_FALSE(user->email_verified_at.has_value());
  const std::vector<Membership> memberships = store_.MembershipsOf(user->id).value();
  ASSERT_EQ(memberships.size(), 1u);
  EXPECT_TRUE(memberships[0].owner);
  EXPECT_EQ(memberships[0].kind, OrganisationKind::kSupplier);
  EXPECT_EQ(memberships[0].roles, std::vector<Role>{Role::kSupplierUser});
  const OrganisationRecord org =
      store_.FindOrganisation(memberships[0].organisation).value().value();
  EXPECT_EQ(org.name, "Njeri Solar Ltd");
  EXPECT_EQ(org.country, "KE");
  ASSERT_EQ(mailer_.messages().size(), 1u);
  EXPECT_NE(mailer_.messages()[0].text.find("/verify-email#token="), std::string::npos);
  EXPECT_EQ(log_.Count("signup", "success"), 1u);

  const Result<LoginResult> before =
      service_.Login({"amina@example.org", std::string(kPassword), ""});
  EXPECT_EQ(AuthProblemCode(before.status()), "email_unverified");
  ASSERT_TRUE(service_.VerifyEmail(mailer_.LastTokenFor("amina@example.org")).ok());
  EXPECT_TRUE(service_.Login({"AMINA@example.org", std::string(kPassword), ""}).ok());
}

TEST_F(AuthServiceTest, SignUpRefusesBadFieldsNamingThem) {
  SignUpRequest r = Supplier("x@example.org");
  r.email = "not-an-address";
  EXPECT_EQ(service_.SignUp(r).field(), "email");
  r = Supplier("x@example.org");
  r.language = "de";
  EXPECT_EQ(service_.SignUp(r).field(), "language");
  r = Supplier("x@example.org");
  r.company_country = "Kenya";
  EXPECT_EQ(service_.SignUp(r).field(), "company.country");
  r = Supplier("x@example.org");
  r.company_name = "Evil\r\nBcc: all@example.org";
  EXPECT_EQ(service_.SignUp(r).field(), "company.name");
  r = Supplier("x@example.org");
  r.display_name = "  ";
  EXPECT_EQ(service_.SignUp(r).field(), "display_name");
  EXPECT_TRUE(store_.AllUsers().empty());
}

// No account oracle: a second sign-up answers the same, changes nothing and mails a notice.
TEST_F(AuthServiceTest, DuplicateSignUpLooksTheSameAndMailsANotice) {
  const UserId id = VerifiedSupplier("dup@example.org");
  const std::string hash_before = store_.FindUser(id).value()->password_hash;
  mailer_.Clear();
  SignUpRequest again = Supplier("DUP@example.org", "another long passphrase");
  again.language = "fr";
  EXPECT_TRUE(service_.SignUp(again).ok());
  EXPECT_EQ(store_.AllUsers().size(), 1u);
  EXPECT_EQ(store_.FindUser(id).value()->password_hash, hash_before);
  ASSERT_EQ(mailer_.messages().size(), 1u);
  EXPECT_EQ(mailer_.messages()[0].subject, "You already have a TenderBridge account")
      << "in the account's own language (en), not the request's";
  EXPECT_EQ(mailer_.messages()[0].text.find("#token="), std::string::npos);
}

// AS-04 (service level, 50 users; the 1,000-user figure is for the API test).
TEST_F(AuthServiceTest, HashesAreArgon2idAtOwaspCostWithUniqueSalts) {
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(service_.SignUp(Supplier("user" + std::to_string(i) + "@example.org")).ok());
  }
  std::set<std::string> salts;
  for (const UserRecord& user : store_.AllUsers()) {
    const std::string& h = user.password_hash;
    ASSERT_TRUE(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << h;
    // "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>": the salt is the fifth '$' field.
    const std::size_t salt_start = h.find('$', h.find("p=1")) + 1;
    salts.insert(h.substr(salt_start, h.find('$', salt_start) - salt_start));
  }
  EXPECT_EQ(salts.size(), 50u) << "0 duplicate salts";
}

// AS-05 for e-mail verification: single use, 10 minutes, only the hash stored.
TEST_F(AuthServiceTest, VerificationLinkIsSingleUseShortLivedAndStoredHashed) {
  ASSERT_TRUE(service_.SignUp(Supplier("v@example.org")).ok());
  const std::string token = mailer_.LastTokenFor("v@example.org");
  ASSERT_GE(token.size(), 43u) << "256 bits";
  for (const EmailTokenRecord& t : store_.AllEmailTokens()) {
    EXPECT_NE(t.token_hash, token);
    EXPECT_EQ(t.token_hash, crypto::Sha256Hex(token));
  }
  clock_.Advance(std::chrono::minutes(10));
  EXPECT_EQ(AuthProblemCode(service_.VerifyEmail(token)), "invalid_token") << "expired at 10 min";

  ASSERT_TRUE(service_.SignUp(Supplier("w@example.org")).ok());
  const std::string fresh = mailer_.LastTokenFor("w@example.org");
  clock_.Advance(std::chrono::minutes(9));
  EXPECT_TRUE(service_.VerifyEmail(fresh).ok());
  EXPECT_EQ(AuthProblemCode(service_.VerifyEmail(fresh)), "invalid_token") << "reuse";
  EXPECT_EQ(AuthProblemCode(service_.VerifyEmail("made-up")), "invalid_token");
}

// AS-05 for reset links, and "confirm ends every session".
TEST_F(AuthServiceTest, PasswordResetIsSingleUseExpiresAndEndsEverySession) {
  VerifiedSupplier("r@example.org");
  const LoginResult first = LoginOk("r@example.org");
  const LoginResult second = LoginOk("r@example.org");
  mailer_.Clear();

  EXPECT_TRUE(service_.RequestPasswordReset("nobody@example.org").ok()) << "no oracle";
  EXPECT_TRUE(mailer_.messages().empty());
  ASSERT_TRUE(service_.RequestPasswordReset("R@example.org").ok());
  const std::string token = mailer_.LastTokenFor("r@example.org");
  ASSERT_FALSE(token.empty());

  EXPECT_EQ(service_.ConfirmPasswordReset(token, "short").field(), "password");
  const std::string new_password = "a completely new passphrase";
  ASSERT_TRUE(service_.ConfirmPasswordReset(token, new_password).ok())
      << "a refused password did not use the link up";
  EXPECT_EQ(AuthProblemCode(service_.ConfirmPasswordReset(token, new_password)), "invalid_token");
  EXPECT_FALSE(service_.ResolveSession(first.session_token).ok());
  EXPECT_FALSE(service_.ResolveSession(second.session_token).ok());
  EXPECT_EQ(service_.Login({"r@example.org", std::string(kPassword), ""}).status().code(),
            StatusCode::kUnauthenticated);
  LoginOk("r@example.org", "", new_password);

  ASSERT_TRUE(service_.RequestPasswordReset("r@example.org").ok());
  const std::string late = mailer_.LastTokenFor("r@example.org");
  clock_.Advance(std::chrono::minutes(10) + std::chrono::seconds(1));
  EXPECT_EQ(AuthProblemCode(service_.ConfirmPasswordReset(late, "yet another passphrase")),
            "invalid_token");
  for (const EmailTokenRecord& t : store_.AllEmailTokens()) {
    EXPECT_NE(t.token_hash, token);
    EXPECT_NE(t.token_hash, late);
  }
}

TEST_F(AuthServiceTest, UnknownEmailAndWrongPasswordAnswerAlike) {
  VerifiedSupplier("known@example.org");
  const Status unknown =
      service_.Login({"unknown@example.org", std::string(kPassword), ""}).status();
  const Status wrong = service_.Login({"known@example.org", "wrong wrong wrong", ""}).status();
  EXPECT_EQ(unknown, wrong);
  EXPECT_EQ(AuthProblemCode(wrong), "invalid_credentials");
}

// AS-03: 500 wrong passwords within a minute cost at most 100 password checks, and the
// right password works once the back-off has passed: a soft lockout, never a permanent one.
TEST_F(AuthServiceTest, ThrottlesPasswordChecksPerAccount) {
  const UserId id = VerifiedSupplier("victim@example.org");
  const Timestamp start = clock_.Now();
  int throttled = 0;
  for (int i = 0; i < 500; ++i) {
    clock_.Advance(std::chrono::milliseconds(120));  // 500 attempts in 60 s
    const Status s =
        service_.Login({"victim@example.org", "guess number " + std::to_string(i), ""}).status();
    if (AuthProblemCode(s) == "throttled") ++throttled;
  }
  const LoginChecks checks = store_.LoginChecksSince(id, start).value();
  EXPECT_LE(checks.checks, 100);
  EXPECT_GE(throttled, 400);
  EXPECT_GT(service_.LoginRetryAfter("victim@example.org").count(), 0);
  EXPECT_EQ(log_.Count("login", "throttled"), static_cast<std::size_t>(throttled));

  // The legitimate user (from anywhere: the throttle is per account) after the back-off.
  clock_.Advance(std::chrono::seconds(service_.LoginRetryAfter("victim@example.org")));
  EXPECT_EQ(service_.LoginRetryAfter("victim@example.org").count(), 0);
  LoginOk("victim@example.org");
}

// AS-03 over a whole hour of a slower attack: still at most 100 checks in the hour.
TEST_F(AuthServiceTest, AnHourOfAttemptsStaysUnderTheHourlyCap) {
  AuthOptions options;
  options.failures_before_backoff = 1000;  // no back-off: only the hourly cap holds the line
  AuthService service(store_, mailer_, log_, clock_, options);
  const UserId id = VerifiedSupplier("cap@example.org");
  const Timestamp start = clock_.Now();
  for (int i = 0; i < 360; ++i) {
    clock_.Advance(std::chrono::seconds(10));
    (void)service.Login({"cap@example.org", "wrong guess " + std::to_string(i), ""});
  }
  // The run spans exactly one hour, so every check falls in one window.
  EXPECT_EQ(store_.LoginChecksSince(id, start).value().checks, 100);
}

}  // namespace
}  // namespace tb::auth
