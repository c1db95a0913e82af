#pragma once

// Accounts for API tests against the real `tenderbridge serve`: a server with a mail sink,
// suppliers signed up and verified through the e-mailed link, officers and staff created
// with `tenderbridge user create` and enrolled in TOTP through the API, and requests made
// as the web UI makes them (cookie, Origin, X-CSRF-Token) or with an API token.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "crypto/totp.h"
#include "server_process.h"

namespace tb::api_test {

inline const std::string kBin = TB_BIN;
inline constexpr const char* kAccountPassword = "a long enough passphrase 7";

inline nlohmann::json Body(const httplib::Result& r) {
  return r ? nlohmann::json::parse(r->body, nullptr, false) : nlohmann::json();
}
inline std::string Code(const httplib::Result& r) {
  const nlohmann::json body = Body(r);
  return body.is_object() ? body.value("code", "") : "";
}

struct Account {
  std::string email;
  std::string cookie;  // "__Host-tb_session=..."
  std::string csrf;
  std::string bearer;  // an API token, when one was made
  std::int64_t user = 0;
  std::int64_t organisation = 0;  // the first membership's organisation (= supplier id)
};

// One `tenderbridge serve` per test process (gtest_discover_tests runs each test alone) on a
// fresh SQLite file, with rate limits raised for the volume of requests these tests send.
class AccountsApiTest : public ::testing::Test {
 protected:
  static void StartServer(const std::vector<std::string>& extra_args = {}) {
    dir_ = new TempDir();
    ASSERT_FALSE(dir_->path().empty());
    database_ = dir_->path() + "/tb.db";
    mail_dir_ = dir_->path() + "/mail";
    // Officers and staff exist before the server starts, as an operator would set them up.
    for (const auto& [email, role, organisation] : std::vector<std::array<std::string, 3>>{
             {"officer@undp.example", "agency_officer", "UNDP"},
             {"staff@centre.example", "centre_staff", ""},
         }) {
      const std::string password_file = dir_->path() + "/password";
      { std::ofstream(password_file) << kAccountPassword << "\n"; }
      std::vector<std::string> argv = {
          kBin,  "user",   "create", "--database",      database_,    "--email",
          email, "--role", role,     "--password-file", password_file};
      if (!organisation.empty()) {
        argv.push_back("--organisation");
        argv.push_back(organisation);
      }
      ASSERT_EQ(RunCommand(argv, dir_->path() + "/cli.log"), 0)
          << ReadFile(dir_->path() + "/cli.log");
    }
    server_ = new ServerProcess();
    std::vector<std::string> argv = {kBin,           "serve",
                                     "--database",   database_,
                                     "--port",       "0",
                                     "--port-file",  dir_->path() + "/port",
                                     "--mail-dir",   mail_dir_,
                                     "--threads",    "2",
                                     "--rate-limit", "signup:ip=100/60",
                                     "--rate-limit", "login:ip=100/60",
                                     "--rate-limit", "upload:ip=0/1",
                                     "--rate-limit", "upload:account=0/1"};
    argv.insert(argv.end(), extra_args.begin(), extra_args.end());
    ASSERT_TRUE(server_->Start(argv, dir_->path() + "/port", dir_->path() + "/server.log",
                               std::chrono::seconds(60)))
        << server_->error();
    origin_ = "http://127.0.0.1:" + std::to_string(server_->port());
  }
  static void TearDownTestSuite() {
    if (server_) {
      EXPECT_EQ(server_->Stop(), 0);
    }
    delete server_;
    server_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(server_ && server_->running());
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_read_timeout(120, 0);
    client_->set_write_timeout(120, 0);
  }

  // A request as the browser sends it (or with the account's API token when `bearer`).
  httplib::Result Send(const std::string& method, const std::string& path, const Account& who,
                       const std::string& body = "",
                       const std::string& content_type = "application/json",
                       httplib::Headers headers = {}, bool bearer = false) {
    if (bearer) {
      headers.emplace("Authorization", "Bearer " + who.bearer);
    } else {
      headers.emplace("Cookie", who.cookie);
      if (method != "GET") {
        headers.emplace("X-CSRF-Token", who.csrf);
        headers.emplace("Origin", origin_);
      }
    }
    if (method == "GET") return client_->Get(path.c_str(), headers);
    if (method == "DELETE") return client_->Delete(path.c_str(), headers);
    if (method == "PATCH") return client_->Patch(path.c_str(), headers, body, content_type.c_str());
    if (method == "PUT") return client_->Put(path.c_str(), headers, body, content_type.c_str());
    return client_->Post(path.c_str(), headers, body, content_type.c_str());
  }
  httplib::Result Public(const std::string& path, const nlohmann::json& body) {
    return client_->Post(path.c_str(), {{"Origin", origin_}}, body.dump(), "application/json");
  }

  std::string TokenMailedTo(const std::string& to) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(mail_dir_, ec)) {
      if (entry.path().extension() == ".eml") names.push_back(entry.path().string());
    }
    std::sort(names.rbegin(), names.rend());
    for (const std::string& name : names) {
      const std::string mail = ReadFile(name);
      if (mail.find("To: " + to) == std::string::npos) continue;
      const std::size_t at = mail.find("#token=");
      if (at == std::string::npos) continue;
      std::size_t end = at + 7;
      while (end < mail.size() && !std::isspace(static_cast<unsigned char>(mail[end]))) ++end;
      return mail.substr(at + 7, end - at - 7);
    }
    return {};
  }

  Account LogIn(const std::string& email) {
    Account a;
    a.email = email;
    auto r = Public("/api/v1/auth/login", {{"email", email}, {"password", kAccountPassword}});
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    if (!r || r->status != 200) return a;
    const std::string set_cookie = r->get_header_value("Set-Cookie");
    a.cookie = set_cookie.substr(0, set_cookie.find(';'));
    a.csrf = Body(r).value("csrf_token", "");
    a.user = Body(r)["user"].value("id", 0);
    auto session = Send("GET", "/api/v1/auth/session", a);
    const nlohmann::json memberships = Body(session)["memberships"];
    if (memberships.is_array() && !memberships.empty()) {
      a.organisation = memberships[0].value("organisation_id", 0);
    }
    return a;
  }

  // Signs up a supplier company through the API, verifies the e-mail from the sink, signs in.
  Account Supplier(const std::string& email, const std::string& company,
                   const std::string& country = "KE") {
    auto r =
        Public("/api/v1/auth/signup", {{"email", email},
                                       {"password", kAccountPassword},
                                       {"display_name", "Owner"},
                                       {"language", "en"},
                                       {"company", {{"name", company}, {"country", country}}}});
    EXPECT_TRUE(r && r->status == 202) << (r ? r->body : "no answer");
    const std::string token = TokenMailedTo(email);
    EXPECT_FALSE(token.empty()) << "no verification mail to " << email;
    auto verified = Public("/api/v1/auth/verify-email", {{"token", token}});
    EXPECT_TRUE(verified && verified->status == 204);
    return LogIn(email);
  }

  // Signs in an account made by StartServer and enrols TOTP, so the session passed MFA.
  Account Officer(const std::string& email) {
    Account a = LogIn(email);
    auto setup = Send("POST", "/api/v1/auth/totp/setup", a, "{}");
    EXPECT_TRUE(setup && setup->status == 200) << (setup ? setup->body : "no answer");
    auto key = crypto::Base32Decode(Body(setup).value("secret", ""));
    EXPECT_TRUE(key.ok());
    const std::string code = crypto::TotpCode(key.value_or({}), std::time(nullptr));
    auto confirmed =
        Send("POST", "/api/v1/auth/totp/confirm", a, nlohmann::json({{"code", code}}).dump());
    EXPECT_TRUE(confirmed && confirmed->status == 204) << (confirmed ? confirmed->body : "");
    return a;
  }

  void AddApiToken(Account& a, const std::vector<std::string>& scopes) {
    auto r = Send("POST", "/api/v1/auth/tokens", a,
                  nlohmann::json({{"name", "matrix"}, {"scopes", scopes}}).dump());
    EXPECT_TRUE(r && r->status == 201) << (r ? r->body : "no answer");
    a.bearer = Body(r).value("token", "");
  }

  static inline TempDir* dir_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
  static inline std::string database_;
  static inline std::string mail_dir_;
  static inline std::string origin_;
  std::unique_ptr<httplib::Client> client_;
};

inline constexpr const char* kTestBoundary = "tbApiBoundary9f3c";

struct FormPart {
  std::string name;
  std::string value;
  const char* filename = nullptr;   // a file part when set
  std::string filename_bytes = {};  // used instead of `filename` when not empty (NUL bytes)
};

inline std::string MultipartBody(const std::vector<FormPart>& parts) {
  std::string body;
  for (const FormPart& part : parts) {
    body += std::string("--") + kTestBoundary + "\r\nContent-Disposition: form-data; name=\"" +
            part.name + "\"";
    const std::string filename = !part.filename_bytes.empty() ? part.filename_bytes
                                 : part.filename              ? part.filename
                                                              : "";
    if (!filename.empty()) body += "; filename=\"" + filename + "\"";
    body += "\r\n";
    if (!filename.empty()) body += "Content-Type: application/pdf\r\n";
    body += "\r\n" + part.value + "\r\n";
  }
  return body + "--" + kTestBoundary + "--\r\n";
}
inline std::string MultipartType() {
  return std::string("multipart/form-data; boundary=") + kTestBoundary;
}

}  // namespace tb::api_test
