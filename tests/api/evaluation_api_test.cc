// Evaluation, award and open data through the real `tenderbridge serve` (docs/evaluation.md):
// two sealed bids opened by two committee members, evaluators who must declare before they
// see or score (ET-05, ET-07, ET-08), the technical close and ranking, recommendation and
// four-eyes approval, the award notice with regret letters and a debriefing, the contract
// after the standstill (test clock), and the public OCDS package at every stage, validated
// by scripts/validate-ocds (nothing about bidders before the opening, ET-03).
//
// As in bid_api_test, the tender is seeded into the server's SQLite file by SQL (the
// tender-schema contract), with an envelope key the test splits 2 of 3.
#include <sqlite3.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <tuple>

#include "accounts_client.h"
#include "core/timestamp.h"
#include "crypto/envelope.h"
#include "crypto/random.h"
#include "crypto/sealing.h"
#include "crypto/shamir.h"

namespace tb::api_test {
namespace {

using nlohmann::json;

constexpr char kOcid[] = "ocds-apieval-000001";

// Weighted 70/30: experience (weight 60, 0..10) and a sustainability criterion (40, 0..10),
// a 50 % technical minimum and one pass/fail item.
constexpr char kEvaluationDoc[] =
    R"({"evaluation": {"method": "weighted", "technical_weight": 70, "financial_weight": 30,
        "minimum_technical_percent": 50,
        "criteria": [{"id": "exp", "title": "Experience", "weight": 60, "max_score": 10},
                     {"id": "green", "title": "Solar-powered pumping", "weight": 40,
                      "max_score": 10, "sustainability": true}],
        "compliance": [{"id": "form", "title": "Signed bid form"}]},
       "items": [{"id": "1", "description": "Solar water pump", "unspsc": "40151500",
                  "quantity": 12, "unit": "EA"}]})";

class EvaluationApiTest : public AccountsApiTest {
 protected:
  static void SetUpTestSuite() {
    admin_token_ = RandomToken();
    StartServer({"--test-clock", "--admin-token", admin_token_});
  }

  void CreateUser(const std::string& email, const std::string& role, const std::string& org) {
    const std::string password_file = dir_->path() + "/password";
    { std::ofstream(password_file) << kAccountPassword << "\n"; }
    ASSERT_EQ(RunCommand({kBin, "user", "create", "--database", database_, "--email", email,
                          "--role", role, "--password-file", password_file, "--organisation", org},
                         dir_->path() + "/cli.log"),
              0)
        << ReadFile(dir_->path() + "/cli.log");
  }

  Account Staff(const std::string& email) {
    Account a = LogIn(email);
    auto setup = Send("POST", "/api/v1/auth/totp/setup", a, "{}");
    EXPECT_TRUE(setup && setup->status == 200) << (setup ? setup->body : "no answer");
    auto key = crypto::Base32Decode(Body(setup).value("secret", ""));
    secrets_[email] = key.value_or({});
    const std::string code = crypto::TotpCode(secrets_[email], std::time(nullptr) + offset_);
    auto confirmed = Send("POST", "/api/v1/auth/totp/confirm", a, json({{"code", code}}).dump());
    EXPECT_TRUE(confirmed && confirmed->status == 204) << (confirmed ? confirmed->body : "");
    return a;
  }

  // A new session after the test clock jumped past the old one's lifetime (AS-10): password
  // and the authenticator code at the server's time.
  Account Relogin(const std::string& email) {
    const std::string code = crypto::TotpCode(secrets_.at(email), std::time(nullptr) + offset_);
    auto r = Public("/api/v1/auth/login",
                    {{"email", email}, {"password", kAccountPassword}, {"totp", code}});
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    Account a;
    a.email = email;
    if (!r || r->status != 200) return a;
    const std::string set_cookie = r->get_header_value("Set-Cookie");
    a.cookie = set_cookie.substr(0, set_cookie.find(';'));
    a.csrf = Body(r).value("csrf_token", "");
    a.user = Body(r)["user"].value("id", 0);
    return a;
  }

  void SetClock(std::time_t unix_seconds) {
    auto r = client_->Post("/api/v1/test/clock", {{"Authorization", "Bearer " + admin_token_}},
                           json({{"now", Timestamp::FromSeconds(unix_seconds).ToRfc3339()}}).dump(),
                           "application/json");
    ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    offset_ = unix_seconds - std::time(nullptr);
  }

  static void Sql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(database_.c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 10000);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "") << "\n"
        << sql;
    sqlite3_free(error);
    sqlite3_close(db);
  }

  void SeedTender(const Account& officer, std::time_t deadline, const std::vector<Account>& members,
                  const std::vector<Account>& evaluators) {
    crypto::X25519KeyPair pair = crypto::GenerateX25519KeyPair();
    key_ = pair.public_key;
    auto shares = crypto::SplitSecret(pair.secret_key.span(), 2, 3);
    ASSERT_TRUE(shares.ok());
    shares_ = *shares;
    char hex[65];
    for (int i = 0; i < 32; ++i) std::snprintf(hex + 2 * i, 3, "%02x", key_[i]);
    const std::int64_t published_us = (std::int64_t{std::time(nullptr)} - 86'400) * 1'000'000;
    Sql("INSERT INTO tenders (ocid, organisation_id, created_by, state, deadline_us, time_zone, "
        "envelope_mode, evaluation_method, currency, version, method, reference, title, language, "
        "doc, opening_threshold, created_at_us, updated_at_us, published_at_us) VALUES ('" +
        std::string(kOcid) + "', " + std::to_string(officer.organisation) + ", " +
        std::to_string(officer.user) + ", 'published', " +
        std::to_string(std::int64_t{deadline} * 1'000'000) +
        ", 'UTC', 'single', 'weighted', 'USD', 1, 'rfp', 'RFP-7', 'Solar water pumps', 'en', '" +
        std::string(kEvaluationDoc) + "', 2, 0, 0, " + std::to_string(published_us) + ")");
    const std::string id = "(SELECT id FROM tenders WHERE ocid = '" + std::string(kOcid) + "')";
    for (std::size_t i = 0; i < members.size(); ++i) {
      Sql("INSERT INTO tender_committee (tender_id, user_id, role, position) VALUES (" + id + ", " +
          std::to_string(members[i].user) + ", 'opening', " + std::to_string(i + 1) + ")");
    }
    for (std::size_t i = 0; i < evaluators.size(); ++i) {
      Sql("INSERT INTO tender_committee (tender_id, user_id, role, position) VALUES (" + id + ", " +
          std::to_string(evaluators[i].user) + ", 'evaluator', " + std::to_string(i + 1) + ")");
    }
    Sql("INSERT INTO tender_envelope_keys (tender_id, envelope, public_key, threshold, created_by, "
        "created_at_us) VALUES (" +
        id + ", 'single', X'" + std::string(hex) + "', 2, " + std::to_string(members[0].user) +
        ", 0)");
  }

  void Bid(const Account& who, const std::string& bid, std::int64_t price_minor) {
    const std::string text = "offer of " + bid;
    crypto::PlainFile file{"offer.txt", std::vector<std::uint8_t>(text.begin(), text.end())};
    auto sealed = crypto::SealEnvelope({kOcid, crypto::EnvelopeKind::kSingle, bid}, key_,
                                       std::span<const crypto::PlainFile>(&file, 1),
                                       Money{price_minor, "USD"});
    ASSERT_TRUE(sealed.ok());
    FormPart part{"single", std::string(sealed->begin(), sealed->end()), "envelope.tbseal"};
    auto r = Send("POST", std::string("/api/v1/tenders/") + kOcid + "/bids/" + bid, who,
                  MultipartBody({part}), MultipartType(), {{"Idempotency-Key", bid}});
    ASSERT_TRUE(r && r->status == 201) << (r ? r->body : "no answer");
  }

  httplib::Result Put(const std::string& path, const Account& who, const json& body) {
    return client_->Put(path.c_str(),
                        {{"Cookie", who.cookie}, {"X-CSRF-Token", who.csrf}, {"Origin", origin_}},
                        body.dump(), "application/json");
  }

  static json Sheet(int exp, int green, bool form = true) {
    return {{"scores",
             {{{"criterion_id", "exp"}, {"score", exp}},
              {{"criterion_id", "green"}, {"score", green}}}},
            {"compliance", {{{"item_id", "form"}, {"passed", form}}}},
            {"comment", "scored"}};
  }

  // GET the public package, check it validates against the shipped schema; returns it.
  json OcdsPackage() {
    auto r = client_->Get((std::string("/api/v1/ocds/tenders/") + kOcid + "/releases").c_str());
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    const std::string file = dir_->path() + "/ocds.json";
    std::ofstream(file) << (r ? r->body : "");
    EXPECT_EQ(RunCommand({"/usr/bin/env", "python3",
                          std::string(TB_SOURCE_DIR) + "/scripts/validate-ocds", file},
                         dir_->path() + "/validate.log"),
              0)
        << ReadFile(dir_->path() + "/validate.log");
    return Body(r);
  }

  static inline std::string admin_token_;
  std::time_t offset_ = 0;
  crypto::X25519PublicKey key_{};
  std::vector<std::vector<std::uint8_t>> shares_;
  std::map<std::string, std::vector<std::uint8_t>> secrets_;
};

TEST_F(EvaluationApiTest, FromOpeningToContractWithOpenDataAtEveryStep) {
  for (const char* m : {"m1@undp.example", "m2@undp.example", "m3@undp.example"}) {
    CreateUser(m, "committee_member", "UNDP");
  }
  CreateUser("e1@undp.example", "evaluator", "UNDP");
  CreateUser("e2@undp.example", "evaluator", "UNDP");
  CreateUser("colleague@undp.example", "agency_officer", "UNDP");
  CreateUser("officer@unicef.example", "agency_officer", "UNICEF");
  const Account officer = Staff("officer@undp.example");
  const Account colleague = Staff("colleague@undp.example");
  const Account outsider = Staff("officer@unicef.example");
  const std::vector<Account> members = {Staff("m1@undp.example"), Staff("m2@undp.example"),
                                        Staff("m3@undp.example")};
  const std::vector<Account> evaluators = {Staff("e1@undp.example"), Staff("e2@undp.example")};
  const Account acme = Supplier("bids@acme.example", "Acme Pumps");
  const Account globex = Supplier("bids@globex.example", "Globex Water");
  const std::time_t deadline = std::time(nullptr) + 600;
  SeedTender(officer, deadline, members, evaluators);
  const std::string base = std::string("/api/v1/tenders/") + kOcid;

  Bid(acme, "acme-1", 9'000'000);
  Bid(globex, "globex-1", 12'000'000);
  json package = OcdsPackage();
  ASSERT_EQ(package["releases"].size(), 1u);
  EXPECT_EQ(package.dump().find("Acme"), std::string::npos) << "ET-03: no bidder before opening";
  EXPECT_FALSE(package["releases"][0]["tender"].contains("numberOfTenderers"));
  auto early = Send("GET", base + "/evaluation", officer);
  ASSERT_TRUE(early);
  EXPECT_EQ(early->status, 409) << early->body;

  SetClock(deadline + 60);
  for (int i : {0, 2}) {
    auto r = Send("POST", base + "/openings/single/shares", members[i],
                  json({{"share", crypto::Base64UrlEncode(shares_.at(i))}}).dump());
    ASSERT_TRUE(r && (r->status == 202 || r->status == 200)) << (r ? r->body : "no answer");
  }
  package = OcdsPackage();
  ASSERT_EQ(package["releases"].size(), 2u);
  EXPECT_EQ(package["releases"][1]["tender"].value("numberOfTenderers", 0), 2);

  // ET-05/ET-08: no scoring before the declaration, and the refusal is logged.
  auto undeclared = Put(base + "/evaluation/sheets/acme-1", evaluators[0], Sheet(8, 7));
  ASSERT_TRUE(undeclared);
  EXPECT_EQ(undeclared->status, 403) << undeclared->body;
  auto names_only = Send("GET", base + "/evaluation", evaluators[0]);
  ASSERT_TRUE(names_only && names_only->status == 200) << (names_only ? names_only->body : "");
  EXPECT_EQ(Body(names_only)["bids"].size(), 0u);
  EXPECT_EQ(Body(names_only)["bidder_names"].size(), 2u);
  for (const Account& e : evaluators) {
    auto d = Send("POST", base + "/evaluation/declaration", e, json({{"conflict", false}}).dump());
    ASSERT_TRUE(d && d->status == 201) << (d ? d->body : "");
  }
  auto unknown_field = Put(base + "/evaluation/sheets/acme-1", evaluators[0],
                           json({{"scores", json::array()}, {"total", 99}}));
  ASSERT_TRUE(unknown_field);
  EXPECT_EQ(unknown_field->status, 400) << unknown_field->body;
  // A: 8/9 and 7/7 -> 70 × (0.85 × 60 + 0.7 × 40)/100 = 55.3; B: 9/9 and 9/9 -> 63.
  for (const auto& [e, bid, exp, green] :
       std::vector<std::tuple<int, std::string, int, int>>{{0, "acme-1", 8, 7},
                                                           {1, "acme-1", 9, 7},
                                                           {0, "globex-1", 9, 9},
                                                           {1, "globex-1", 9, 9}}) {
    auto r = Put(base + "/evaluation/sheets/" + bid, evaluators[e], Sheet(exp, green));
    ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "");
  }
  auto stranger = Send("GET", base + "/evaluation", outsider);
  ASSERT_TRUE(stranger);
  EXPECT_EQ(stranger->status, 404) << "ET-07: another agency's officer sees nothing";

  auto closed = Send("POST", base + "/evaluation/technical-close", officer, "{}");
  ASSERT_TRUE(closed && closed->status == 200) << (closed ? closed->body : "");
  const json record = Body(closed);
  EXPECT_EQ(record.value("stage", ""), "ranked");
  // Financial: A 30 (lowest), B 30 × 9/12 = 22.5; combined A 85.3, B 85.5: B first.
  ASSERT_EQ(record["ranking"]["ranked"].size(), 2u);
  EXPECT_EQ(record["ranking"]["ranked"][0].value("bid_id", ""), "globex-1");
  EXPECT_EQ(record["ranking"]["ranked"][0].value("combined", ""), "85.5");
  EXPECT_EQ(record["ranking"]["ranked"][1].value("combined", ""), "85.3");

  auto recommended =
      Send("POST", base + "/award/recommendation", officer, json({{"bid", "globex-1"}}).dump());
  ASSERT_TRUE(recommended && recommended->status == 200) << (recommended ? recommended->body : "");
  auto self = Send("POST", base + "/award/approval", officer, json({{"approve", true}}).dump());
  ASSERT_TRUE(self);
  EXPECT_EQ(self->status, 403) << "four eyes";
  auto approved =
      Send("POST", base + "/award/approval", colleague, json({{"approve", true}}).dump());
  ASSERT_TRUE(approved && approved->status == 200) << (approved ? approved->body : "");
  auto notice = Send("POST", base + "/award/notice", officer, "");
  ASSERT_TRUE(notice && notice->status == 200) << (notice ? notice->body : "");

  auto letter = Send("GET", base + "/award", acme);
  ASSERT_TRUE(letter && letter->status == 200);
  const json result = Body(letter);
  ASSERT_EQ(result["letters"].size(), 1u) << result.dump();
  EXPECT_EQ(result["letters"][0].value("combined", ""), "85.3");
  EXPECT_EQ(result["letters"][0].value("winner_combined", ""), "85.5");
  EXPECT_EQ(result["award"].value("supplier_name", ""), "Globex Water");
  auto debrief = Send("POST", base + "/award/debrief", acme,
                      json({{"message", "How was our solar score judged?"}}).dump());
  ASSERT_TRUE(debrief && debrief->status == 201) << (debrief ? debrief->body : "");
  auto anyone = client_->Get((base + "/award").c_str());
  ASSERT_TRUE(anyone && anyone->status == 200);
  EXPECT_EQ(Body(anyone)["letters"].size(), 0u);

  const json contract_body = {
      {"value", {{"amount", "120000.00"}, {"currency", "USD"}}},
      {"period_start", Timestamp::FromSeconds(deadline + 30 * 86'400).ToRfc3339()},
      {"period_end", Timestamp::FromSeconds(deadline + 400 * 86'400).ToRfc3339()}};
  auto too_early = Send("POST", base + "/award/contract", officer, contract_body.dump());
  ASSERT_TRUE(too_early);
  EXPECT_EQ(too_early->status, 409) << "standstill";
  SetClock(deadline + 11 * 86'400);
  auto contract =
      Send("POST", base + "/award/contract", Relogin("officer@undp.example"), contract_body.dump());
  ASSERT_TRUE(contract && contract->status == 200) << (contract ? contract->body : "");
  EXPECT_EQ(Body(contract).value("stage", ""), "contracted");

  package = OcdsPackage();
  std::vector<std::string> tags;
  for (const json& r : package["releases"]) tags.push_back(r["tag"][0].get<std::string>());
  EXPECT_EQ(tags, (std::vector<std::string>{"tender", "tenderUpdate", "award", "contract"}));
  const json& last = package["releases"].back();
  EXPECT_EQ(last["contracts"][0]["value"]["amount"], 120000);
  EXPECT_EQ(last["awards"][0]["status"], "active");
  auto all = client_->Get("/api/v1/ocds/releases");
  ASSERT_TRUE(all && all->status == 200);
  EXPECT_EQ(Body(all)["releases"].size(), 4u);

  // The CLI reads the same database and writes the same releases.
  const std::string exported = dir_->path() + "/export.json";
  ASSERT_EQ(RunCommand({kBin, "export", "ocds", "--database", database_, "--ocid", kOcid, "--out",
                        exported},
                       dir_->path() + "/export.log"),
            0)
      << ReadFile(dir_->path() + "/export.log");
  EXPECT_EQ(RunCommand({"/usr/bin/env", "python3",
                        std::string(TB_SOURCE_DIR) + "/scripts/validate-ocds", exported},
                       dir_->path() + "/validate.log"),
            0)
      << ReadFile(dir_->path() + "/validate.log");
  const json from_cli = json::parse(ReadFile(exported));
  EXPECT_EQ(from_cli["releases"], package["releases"]);
}

}  // namespace
}  // namespace tb::api_test
