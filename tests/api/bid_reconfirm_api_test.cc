// Re-confirmation after a substantive amendment through the real `tenderbridge serve`
// (docs/bids.md "Re-confirmation"): the confirmation route with its step-up, the signed
// receipt (checked by the server's verifier), the supplier's listing, the late refusal with
// the test clock, and the opening record and bid abstract that list the unconfirmed bid as
// excluded with no price. The tender and the amendment's stored effect are seeded by SQL as
// in bid_api_test (the amendment route itself is covered by tender_api_test and the
// service suites).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>
#include <fstream>
#include <map>

#include "accounts_client.h"
#include "core/timestamp.h"
#include "crypto/envelope.h"
#include "crypto/random.h"
#include "crypto/sealing.h"
#include "crypto/shamir.h"
#include "crypto/totp.h"

namespace tb::api_test {
namespace {

using nlohmann::json;

class BidReconfirmApiTest : public AccountsApiTest {
 protected:
  static void SetUpTestSuite() {
    admin_token_ = RandomToken();
    StartServer({"--test-clock", "--admin-token", admin_token_});
  }

  void CreateUser(const std::string& email, const std::string& role,
                  const std::string& organisation) {
    const std::string password_file = dir_->path() + "/password";
    { std::ofstream(password_file) << kAccountPassword << "\n"; }
    ASSERT_EQ(
        RunCommand({kBin, "user", "create", "--database", database_, "--email", email, "--role",
                    role, "--password-file", password_file, "--organisation", organisation},
                   dir_->path() + "/cli.log"),
        0)
        << ReadFile(dir_->path() + "/cli.log");
  }

  // Signed in with TOTP enrolled (MFA passed), as a committee member must be.
  Account Staff(const std::string& email) {
    Account a = LogIn(email);
    auto setup = Send("POST", "/api/v1/auth/totp/setup", a, "{}");
    EXPECT_TRUE(setup && setup->status == 200) << (setup ? setup->body : "no answer");
    auto key = crypto::Base32Decode(Body(setup).value("secret", ""));
    EXPECT_TRUE(key.ok());
    const std::string code = crypto::TotpCode(key.value_or({}), std::time(nullptr) + offset_);
    auto confirmed = Send("POST", "/api/v1/auth/totp/confirm", a, json({{"code", code}}).dump());
    EXPECT_TRUE(confirmed && confirmed->status == 204) << (confirmed ? confirmed->body : "");
    return a;
  }

  void SetClock(std::time_t unix_seconds) {
    auto r =
        client_->Post("/api/v1/test/clock", {{"Authorization", "Bearer " + admin_token_}},
                      json({{"now", tb::Timestamp::FromSeconds(unix_seconds).ToRfc3339()}}).dump(),
                      "application/json");
    ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    offset_ = unix_seconds - std::time(nullptr);
  }

  static void Sql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(database_.c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 10000);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "") << "\n" << sql;
    sqlite3_free(error);
    sqlite3_close(db);
  }

  std::string Seal(const std::string& bid, const std::string& text, std::int64_t price) {
    crypto::PlainFile file{"offer.txt", std::vector<std::uint8_t>(text.begin(), text.end())};
    auto sealed =
        crypto::SealEnvelope({ocid_, crypto::EnvelopeKind::kSingle, bid}, key_,
                             std::span<const crypto::PlainFile>(&file, 1), tb::Money{price, "USD"});
    EXPECT_TRUE(sealed.ok());
    const std::vector<std::uint8_t> bytes = sealed.value_or({});
    return std::string(bytes.begin(), bytes.end());
  }

  httplib::Result Submit(const Account& who, const std::string& bid, const std::string& key,
                         std::int64_t price) {
    FormPart part{"single", Seal(bid, "offer of " + bid, price), "envelope.tbseal"};
    return Send("POST", "/api/v1/tenders/" + ocid_ + "/bids/" + bid, who, MultipartBody({part}),
                MultipartType(), {{"Idempotency-Key", key}});
  }

  httplib::Result Confirm(const Account& who, const std::string& bid, const std::string& key) {
    return Send("POST", "/api/v1/tenders/" + ocid_ + "/bids/" + bid + "/confirmation", who, "{}",
                "application/json", {{"Idempotency-Key", key}});
  }

  json OwnBid(const Account& who, const std::string& bid, json* listing = nullptr) {
    auto r = Send("GET", "/api/v1/tenders/" + ocid_ + "/bids", who);
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    if (listing != nullptr) *listing = Body(r);
    for (const json& b : Body(r).value("bids", json::array())) {
      if (b.value("bid", "") == bid) return b;
    }
    return json();
  }

  static inline std::string admin_token_;
  std::time_t offset_ = 0;
  std::string ocid_ = "ocds-apitest-reconf1";
  crypto::X25519PublicKey key_{};
};

TEST_F(BidReconfirmApiTest, UnconfirmedBidsStaySealedAtTheOpening) {
  CreateUser("m1@undp.example", "committee_member", "UNDP");
  CreateUser("m2@undp.example", "committee_member", "UNDP");
  CreateUser("m3@undp.example", "committee_member", "UNDP");
  const Account officer = Officer("officer@undp.example");
  const std::vector<Account> members = {Staff("m1@undp.example"), Staff("m2@undp.example"),
                                        Staff("m3@undp.example")};
  const Account acme = Supplier("bids@acme.example", "Acme Pumps");
  const Account globex = Supplier("bids@globex.example", "Globex Water");

  const std::time_t deadline = std::time(nullptr) + 600;
  crypto::X25519KeyPair pair = crypto::GenerateX25519KeyPair();
  key_ = pair.public_key;
  auto shares = crypto::SplitSecret(pair.secret_key.span(), 2, 3);
  ASSERT_TRUE(shares.ok());
  char hex[65];
  for (int i = 0; i < 32; ++i) std::snprintf(hex + 2 * i, 3, "%02x", key_[i]);
  Sql("INSERT INTO tenders (ocid, organisation_id, created_by, state, deadline_us, time_zone, "
      "envelope_mode, evaluation_method, currency, version, method, reference, title, language, "
      "doc, opening_threshold, created_at_us, updated_at_us) VALUES ('" +
      ocid_ + "', " + std::to_string(officer.organisation) + ", " + std::to_string(officer.user) +
      ", 'published', " + std::to_string(std::int64_t{deadline} * 1'000'000) +
      ", 'UTC', 'single', 'lowest_price', 'USD', 1, 'rfq', 'REF-9', 'Chlorine', 'en', '{}', 2, 0, "
      "0)");
  const std::string id = "(SELECT id FROM tenders WHERE ocid = '" + ocid_ + "')";
  for (std::size_t i = 0; i < members.size(); ++i) {
    Sql("INSERT INTO tender_committee (tender_id, user_id, role, position) VALUES (" + id + ", " +
        std::to_string(members[i].user) + ", 'opening', " + std::to_string(i + 1) + ")");
  }
  Sql("INSERT INTO tender_envelope_keys (tender_id, envelope, public_key, threshold, created_by, "
      "created_at_us) VALUES (" +
      id + ", 'single', X'" + std::string(hex) + "', 2, " + std::to_string(members[0].user) +
      ", 0)");

  auto a = Submit(acme, "acme-1", "a1", 1000);
  ASSERT_TRUE(a && a->status == 201) << (a ? a->body : "no answer");
  auto g = Submit(globex, "globex-1", "g1", 900);
  ASSERT_TRUE(g && g->status == 201) << (g ? g->body : "no answer");
  auto nothing = Confirm(acme, "acme-1", "c0");
  ASSERT_TRUE(nothing);
  EXPECT_EQ(nothing->status, 409) << "no substantive amendment yet: " << nothing->body;

  // What a substantive amendment stores (tender_service_amend.cc): reconfirm_after = now.
  const std::int64_t amended_us = (std::int64_t{std::time(nullptr)} + offset_ + 1) * 1'000'000;
  Sql("INSERT INTO tender_amendments (tender_id, number, at_us, actor_id, rationale, "
      "changed_fields, changes, substantive, deadline_extended) VALUES (" +
      id + ", 1, " + std::to_string(amended_us) + ", " + std::to_string(officer.user) +
      ", 'new specification', '[\"items\"]', '{}', 1, 0)");
  Sql("UPDATE tenders SET reconfirm_required = 1, reconfirm_after_us = " +
      std::to_string(amended_us) + ", amendment_count = 1 WHERE ocid = '" + ocid_ + "'");
  SetClock(std::time(nullptr) + offset_ + 5);

  json listing;
  const json before = OwnBid(acme, "acme-1", &listing);
  EXPECT_TRUE(before.value("awaiting_reconfirmation", false)) << before.dump();
  EXPECT_EQ(listing.value("reconfirm_amendment", 0), 1);

  auto confirmed = Confirm(acme, "acme-1", "c1");
  ASSERT_TRUE(confirmed && confirmed->status == 201) << (confirmed ? confirmed->body : "");
  EXPECT_EQ(Body(confirmed).value("action", ""), "confirmed");
  EXPECT_EQ(Body(confirmed).value("version", 0), 1);
  EXPECT_EQ(Body(confirmed)["envelopes"], Body(a)["envelopes"]);
  auto verdict = client_->Post("/api/v1/receipts/verify", confirmed->body, "application/json");
  ASSERT_TRUE(verdict && verdict->status == 200);
  EXPECT_TRUE(Body(verdict).value("valid", false)) << verdict->body;
  auto retry = Confirm(acme, "acme-1", "c1");
  ASSERT_TRUE(retry && retry->status == 201);
  EXPECT_EQ(retry->body, confirmed->body);
  EXPECT_EQ(retry->get_header_value("Idempotent-Replayed"), "true");
  const json after = OwnBid(acme, "acme-1");
  EXPECT_FALSE(after.value("awaiting_reconfirmation", true));
  EXPECT_EQ(after["confirmations"].size(), 1u);
  auto foreign = Confirm(globex, "acme-1", "x1");
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->status, 404) << "another company's bid is unknown";

  // At the deadline a confirmation is refused like a late bid (ET-01).
  SetClock(deadline);
  auto late = Confirm(globex, "globex-1", "g-late");
  ASSERT_TRUE(late);
  EXPECT_EQ(late->status, 409) << late->body;
  EXPECT_NE(late->body.find("deadline has passed"), std::string::npos) << late->body;

  auto sealed_abstract = Send("GET", "/api/v1/tenders/" + ocid_ + "/bid-abstract", acme);
  ASSERT_TRUE(sealed_abstract);
  EXPECT_EQ(sealed_abstract->status, 409) << "before the opening, the same answer as ever";

  // Two members open (their sessions are still within the step-up window).
  SetClock(deadline + 60);
  json opening;
  for (int position : {0, 1}) {
    auto r = Send("POST", "/api/v1/tenders/" + ocid_ + "/openings/single/shares", members[position],
                  json({{"share", crypto::Base64UrlEncode(shares->at(position))}}).dump());
    ASSERT_TRUE(r && (r->status == 202 || r->status == 200)) << (r ? r->body : "no answer");
    if (r->status == 200) opening = Body(r);
  }
  const json record = opening.value("opening", json::object());
  ASSERT_TRUE(record.contains("bids")) << opening.dump();
  ASSERT_EQ(record["bids"].size(), 1u) << record.dump();
  EXPECT_EQ(record["bids"][0].value("bid", ""), "acme-1");
  ASSERT_EQ(record["excluded"].size(), 1u) << record.dump();
  EXPECT_EQ(record["excluded"][0].value("bid", ""), "globex-1");
  EXPECT_EQ(record["excluded"][0].value("reason", ""), "not re-confirmed after amendment 1");
  EXPECT_EQ(record["excluded"][0].value("envelope_sha256", ""),
            Body(g)["envelopes"][0].value("sha256", ""));

  auto abstract = Send("GET", "/api/v1/tenders/" + ocid_ + "/bid-abstract", globex);
  ASSERT_TRUE(abstract && abstract->status == 200) << (abstract ? abstract->body : "");
  ASSERT_EQ(Body(abstract)["bids"].size(), 2u) << abstract->body;
  for (const json& line : Body(abstract)["bids"]) {
    const bool excluded = line.value("bid", "") == "globex-1";
    EXPECT_EQ(line.contains("excluded"), excluded) << line.dump();
    EXPECT_EQ(line["price"].is_null(), excluded) << line.dump();
    EXPECT_EQ(line.value("decrypted", !excluded), !excluded) << line.dump();
  }
}

}  // namespace
}  // namespace tb::api_test
