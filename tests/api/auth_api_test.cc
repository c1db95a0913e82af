// Accounts through the real `tenderbridge serve` on 127.0.0.1 (issue #4, docs/accounts.md):
// sign-up with the e-mail read from the --mail-dir sink, log-in, sessions and cookies,
// CSRF, strict bodies, rate limits and no-store.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "server_process.h"

namespace tb::api_test {
namespace {

using nlohmann::json;

const std::string kBin = TB_BIN;
constexpr const char* kPassword = "a long enough passphrase 7";

json Body(const httplib::Result& r) { return r ? json::parse(r->body, nullptr, false) : json(); }
std::string Code(const httplib::Result& r) {
  const json body = Body(r);
  return body.is_object() ? body.value("code", "") : "";
}

struct Session {
  std::string cookie;  // "__Host-tb_session=..."
  std::string csrf;
};

// One server per test process (gtest_discover_tests runs each test alone), so every test
// starts from an empty database and empty rate-limit buckets.
class AuthApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    ASSERT_FALSE(dir_->path().empty());
    mail_dir_ = dir_->path() + "/mail";
    server_ = new ServerProcess();
    const std::string log = dir_->path() + "/server.log";
    ASSERT_TRUE(server_->Start(
        {kBin, "serve", "--database", dir_->path() + "/tb.db", "--port", "0", "--port-file",
         dir_->path() + "/port", "--mail-dir", mail_dir_, "--threads", "2",
         // Sign-up is limited to 5 per 10 minutes per address by default; the password
         // table below signs up more than that from 127.0.0.1.
         "--rate-limit", "signup:ip=100/60"},
        dir_->path() + "/port", log, std::chrono::seconds(30)))
        << server_->error();
    origin_ = "http://127.0.0.1:" + std::to_string(server_->port());
  }
  static void TearDownTestSuite() {
    if (server_) EXPECT_EQ(server_->Stop(), 0);
    delete server_;
    server_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(server_ && server_->running());
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_read_timeout(60, 0);
  }

  httplib::Result PostJson(const std::string& path, const json& body, httplib::Headers headers = {},
                           const Session* session = nullptr) {
    if (session != nullptr) {
      headers.emplace("Cookie", session->cookie);
      if (!headers.count("X-CSRF-Token")) headers.emplace("X-CSRF-Token", session->csrf);
    }
    if (!headers.count("Origin") && !headers.count("Sec-Fetch-Site")) {
      headers.emplace("Origin", origin_);
    }
    return client_->Post(path.c_str(), headers, body.dump(), "application/json");
  }
  httplib::Result GetAs(const std::string& path, const Session& session) {
    return client_->Get(path.c_str(), {{"Cookie", session.cookie}});
  }

  // Every message in the sink, oldest first.
  std::vector<std::string> Mails() {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(mail_dir_, ec)) {
      if (entry.path().extension() == ".eml") names.push_back(entry.path().string());
    }
    std::sort(names.begin(), names.end());
    std::vector<std::string> mails;
    for (const std::string& name : names) mails.push_back(ReadFile(name));
    return mails;
  }
  // The "#token=" of the newest message to `to`.
  std::string TokenMailedTo(const std::string& to) {
    std::vector<std::string> mails = Mails();
    for (auto it = mails.rbegin(); it != mails.rend(); ++it) {
      if (it->find("To: " + to) == std::string::npos) continue;
      const std::size_t at = it->find("#token=");
      if (at == std::string::npos) continue;
      const std::size_t start = at + 7;
      std::size_t end = start;
      while (end < it->size() && !std::isspace(static_cast<unsigned char>((*it)[end]))) ++end;
      return it->substr(start, end - start);
    }
    return {};
  }

  httplib::Result SignUp(const std::string& email, const std::string& password = kPassword) {
    return PostJson("/api/v1/auth/signup",
                    {{"email", email},
                     {"password", password},
                     {"display_name", "Amina"},
                     {"language", "en"},
                     {"company", {{"name", "Acme " + email}, {"country", "KE"}}}});
  }
  // Signs up and verifies `email`.
  void CreateAccount(const std::string& email, const std::string& password = kPassword) {
    auto signed_up = SignUp(email, password);
    ASSERT_TRUE(signed_up);
    ASSERT_EQ(signed_up->status, 202) << signed_up->body;
    const std::string token = TokenMailedTo(email);
    ASSERT_FALSE(token.empty()) << "no verification mail to " << email;
    auto verified = PostJson("/api/v1/auth/verify-email", {{"token", token}});
    ASSERT_TRUE(verified);
    ASSERT_EQ(verified->status, 204) << verified->body;
  }
  httplib::Result LogInResult(const std::string& email, const std::string& password = kPassword) {
    return PostJson("/api/v1/auth/login", {{"email", email}, {"password", password}});
  }
  Session LogIn(const std::string& email, const std::string& password = kPassword) {
    auto r = LogInResult(email, password);
    Session session;
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    if (!r) return session;
    const std::string set_cookie = r->get_header_value("Set-Cookie");
    session.cookie = set_cookie.substr(0, set_cookie.find(';'));
    session.csrf = Body(r).value("csrf_token", "");
    return session;
  }

  static inline TempDir* dir_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
  static inline std::string mail_dir_;
  static inline std::string origin_;
  std::unique_ptr<httplib::Client> client_;
};

// AS-09 and the journey of docs/accounts.md.
TEST_F(AuthApiTest, SignUpVerifyLogInSessionLogOutThenTheOldCookieIs401) {
  auto signed_up = SignUp("amina@example.org");
  ASSERT_TRUE(signed_up);
  ASSERT_EQ(signed_up->status, 202) << signed_up->body;

  auto unverified = LogInResult("amina@example.org");
  ASSERT_TRUE(unverified);
  EXPECT_EQ(unverified->status, 403);
  EXPECT_EQ(Code(unverified), "email_unverified");

  const std::string token = TokenMailedTo("amina@example.org");
  ASSERT_FALSE(token.empty());
  auto verified = PostJson("/api/v1/auth/verify-email", {{"token", token}});
  ASSERT_TRUE(verified);
  EXPECT_EQ(verified->status, 204) << verified->body;
  auto reused = PostJson("/api/v1/auth/verify-email", {{"token", token}});
  ASSERT_TRUE(reused);
  EXPECT_EQ(reused->status, 400) << "a verification link works once (AS-05)";

  Session session = LogIn("amina@example.org");
  auto who = GetAs("/api/v1/auth/session", session);
  ASSERT_TRUE(who);
  ASSERT_EQ(who->status, 200);
  const json body = Body(who);
  EXPECT_EQ(body["user"]["email"], "amina@example.org");
  EXPECT_EQ(body["csrf_token"], session.csrf);
  ASSERT_EQ(body["memberships"].size(), 1u);
  EXPECT_EQ(body["memberships"][0]["kind"], "supplier");
  EXPECT_EQ(body["memberships"][0]["owner"], true);

  auto tokens = GetAs("/api/v1/auth/tokens", session);
  ASSERT_TRUE(tokens);
  EXPECT_EQ(tokens->status, 200);
  auto out = PostJson("/api/v1/auth/logout", json::object(), {}, &session);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 204) << out->body;
  auto replay = GetAs("/api/v1/auth/tokens", session);
  ASSERT_TRUE(replay);
  EXPECT_EQ(replay->status, 401);
  EXPECT_EQ(Code(replay), "unauthenticated");
  EXPECT_TRUE(Body(GetAs("/api/v1/auth/session", session))["user"].is_null());
}

// AS-07 and AS-11.
TEST_F(AuthApiTest, LogInSetsANewHostPrefixedSecureHttpOnlyLaxCookie) {
  CreateAccount("b@example.org");
  auto first = LogInResult("b@example.org");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200);
  const std::string set_cookie = first->get_header_value("Set-Cookie");
  EXPECT_TRUE(set_cookie.starts_with("__Host-tb_session=")) << set_cookie;
  int attributes = 0;
  for (const char* attribute : {"; Secure", "; HttpOnly", "; SameSite=Lax", "; Path=/"}) {
    if (set_cookie.find(attribute) != std::string::npos) ++attributes;
  }
  EXPECT_EQ(attributes, 4) << set_cookie;
  EXPECT_EQ(set_cookie.find("Domain"), std::string::npos);

  Session a = LogIn("b@example.org");
  Session b = LogIn("b@example.org");
  EXPECT_NE(a.cookie, b.cookie);
  EXPECT_GE(a.cookie.size(), std::string("__Host-tb_session=").size() + 43)
      << "256 random bits (AS-08)";
}

// AS-18 over HTTP.
TEST_F(AuthApiTest, CsrfRefusesForeignOriginMissingAndStaleTokensButNeverACorrectRequest) {
  CreateAccount("c@example.org");
  Session stale = LogIn("c@example.org");
  Session session = LogIn("c@example.org");
  const std::string path = "/api/v1/auth/totp/setup";
  const std::vector<std::pair<std::string, httplib::Headers>> refused = {
      {"foreign Origin", {{"Origin", "http://evil.example"}}},
      {"no token", {{"X-CSRF-Token", ""}}},
      {"stale token", {{"X-CSRF-Token", stale.csrf}}},
      {"cross-site", {{"Sec-Fetch-Site", "cross-site"}}},
  };
  for (const auto& [name, headers] : refused) {
    SCOPED_TRACE(name);
    auto r = PostJson(path, json::object(), headers, &session);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403) << r->body;
    EXPECT_EQ(Code(r), "csrf");
  }
  int refusals = 0;
  for (int i = 0; i < 20; ++i) {
    auto r = PostJson(path, json::object(), {}, &session);
    if (!r || r->status != 200) ++refusals;
    auto fetch = PostJson(path, json::object(), {{"Sec-Fetch-Site", "same-origin"}}, &session);
    if (!fetch || fetch->status != 200) ++refusals;
  }
  EXPECT_EQ(refusals, 0);
  auto localhost =
      PostJson(path, json::object(),
               {{"Origin", "http://localhost:" + std::to_string(server_->port())}}, &session);
  ASSERT_TRUE(localhost);
  EXPECT_EQ(localhost->status, 200) << "localhost is this server's origin too";
}

// AS-20: server-owned fields on each write route: 400 naming the field, and nothing changes.
TEST_F(AuthApiTest, InjectedServerOwnedFieldsAreRefusedOnEveryWriteRoute) {
  CreateAccount("d@example.org");
  Session session = LogIn("d@example.org");
  const json before = Body(GetAs("/api/v1/auth/session", session));
  const std::size_t mails_before = Mails().size();
  const std::vector<std::pair<std::string, json>> routes = {
      {"/api/v1/auth/signup",
       {{"email", "new@example.org"},
        {"password", kPassword},
        {"display_name", "N"},
        {"company", {{"name", "New"}, {"country", "KE"}}}}},
      {"/api/v1/auth/verify-email", {{"token", "x"}}},
      {"/api/v1/auth/login", {{"email", "d@example.org"}, {"password", kPassword}}},
      {"/api/v1/auth/password-reset", {{"email", "d@example.org"}}},
      {"/api/v1/auth/password-reset/confirm", {{"token", "x"}, {"password", kPassword}}},
      {"/api/v1/auth/totp/confirm", {{"code", "123456"}}},
      {"/api/v1/auth/reauthenticate", {{"password", kPassword}}},
      {"/api/v1/auth/invitations/accept", {{"token", "x"}}},
      {"/api/v1/organisations/1/invitations",
       {{"email", "x@example.org"}, {"roles", json::array()}}},
      {"/api/v1/organisations/1/members/1/roles", {{"roles", json::array()}}},
      {"/api/v1/auth/tokens", {{"name", "t"}, {"scopes", json::array()}}},
  };
  for (const auto& [path, valid] : routes) {
    for (const char* field : {"role", "status", "organisation_id"}) {
      SCOPED_TRACE(path + " + " + field);
      json body = valid;
      body[field] = field == std::string("organisation_id") ? json(1) : json("administrator");
      auto r = PostJson(path, body, {}, &session);
      ASSERT_TRUE(r);
      EXPECT_EQ(r->status, 400) << r->body;
      EXPECT_EQ(Code(r), "unknown_field");
      EXPECT_EQ(Body(r).value("field", ""), field);
    }
  }
  EXPECT_EQ(Body(GetAs("/api/v1/auth/session", session)), before);
  EXPECT_EQ(Mails().size(), mails_before) << "no route acted on a refused body";
  auto no_user = LogInResult("new@example.org");
  ASSERT_TRUE(no_user);
  EXPECT_EQ(no_user->status, 401);
}

// AS-21.
TEST_F(AuthApiTest, WrongContentTypeIs415) {
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded"}) {
    auto r = client_->Post("/api/v1/auth/login", {{"Origin", origin_}},
                           R"({"email":"a@b.org","password":"x"})", type);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 415) << type;
  }
}

// AS-30: the default login budget is 10 a minute per address.
TEST_F(AuthApiTest, ALoginBurstGets429WithRetryAfter) {
  int limited = 0, answered = 0;
  for (int i = 0; i < 30; ++i) {
    auto r = LogInResult("nobody" + std::to_string(i) + "@example.org", "wrong password 123");
    ASSERT_TRUE(r);
    if (r->status == 429) {
      ++limited;
      EXPECT_GE(std::stoi(r->get_header_value("Retry-After")), 1);
    } else {
      EXPECT_EQ(r->status, 401);
      ++answered;
    }
  }
  EXPECT_EQ(answered, 10);
  EXPECT_EQ(limited, 20);
}

// AS-36.
TEST_F(AuthApiTest, AuthenticatedResponsesAreNoStore) {
  CreateAccount("e@example.org");
  Session session = LogIn("e@example.org");
  for (const char* path :
       {"/api/v1/auth/session", "/api/v1/auth/tokens", "/api/v1/openapi.json", "/api/v1/notices"}) {
    auto r = GetAs(path, session);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store") << path;
  }
}

// AS-01 through the API: 11, 12, 64, 128, 129 characters, emoji, spaces; no truncation.
TEST_F(AuthApiTest, PasswordLengthTable) {
  struct Row {
    std::string password;
    bool accepted;
  };
  const std::string base = "Kq7#vLm2@xZp9$wRt4&nBc8!yHd3%jFg6^sMe5*uAo1";
  const std::vector<Row> rows = {
      {base.substr(0, 11), false},
      {base.substr(0, 12), true},
      {(base + base).substr(0, 64), true},
      {(base + base + base + base).substr(0, 128), true},
      {(base + base + base + base).substr(0, 129), false},
      {"\xF0\x9F\x94\x92\xF0\x9F\x8C\x8D\xF0\x9F\x9A\x80 tender \xF0\x9F\x93\x9C", true},
      {"  spaces   inside  and around  ", true},
  };
  int as_specified = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE(i);
    const std::string email = "pw" + std::to_string(i) + "@example.org";
    auto r = SignUp(email, rows[i].password);
    ASSERT_TRUE(r);
    if (rows[i].accepted ? r->status == 202
                         : (r->status == 422 && Body(r).value("field", "") == "password")) {
      ++as_specified;
    } else {
      ADD_FAILURE() << r->status << " " << r->body;
    }
  }
  EXPECT_EQ(as_specified, 7);

  // The 128-character password is whole: its first 127 characters do not open the account.
  const std::string token = TokenMailedTo("pw3@example.org");
  ASSERT_FALSE(token.empty());
  ASSERT_EQ(PostJson("/api/v1/auth/verify-email", {{"token", token}})->status, 204);
  const std::string full = rows[3].password;
  auto truncated = LogInResult("pw3@example.org", full.substr(0, 127));
  ASSERT_TRUE(truncated);
  EXPECT_EQ(truncated->status, 401);
  auto whole = LogInResult("pw3@example.org", full);
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->status, 200);
}

TEST_F(AuthApiTest, AnExistingEmailGetsTheSameAnswer) {
  CreateAccount("f@example.org");
  auto again = SignUp("f@example.org");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 202) << "no account oracle";
}

}  // namespace
}  // namespace tb::api_test
