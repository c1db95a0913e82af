// Sealed bids and their opening through the real `tenderbridge serve` (docs/bids.md,
// docs/receipts.md): receipts that verify (also with the python3 + openssl program of
// docs/receipts.md), idempotent retries (DU-03), versions and withdrawal (ET-10), the deadline
// with the test clock (ET-09, CR-04), the opening by two committee members (ET-06, ET-11),
// and the early-peek probe over every GET route (ET-03).
//
// The tender is seeded into the server's SQLite file by SQL, as the tender-schema contract
// defines its tables, with an envelope key the test splits 2 of 3: these tests do not depend
// on the tender routes, and hold each member's unsealed share as the member's machine would.
#include <sqlite3.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "accounts_client.h"
#include "core/timestamp.h"
#include "crypto/envelope.h"
#include "crypto/random.h"
#include "crypto/sealing.h"
#include "crypto/shamir.h"

namespace tb::api_test {
namespace {

using nlohmann::json;

std::string B64(std::span<const std::uint8_t> bytes) { return crypto::Base64UrlEncode(bytes); }

struct SeededTender {
  std::string ocid;
  crypto::X25519PublicKey key{};
  std::vector<std::vector<std::uint8_t>> shares;  // member position 1..3
};

class BidApiTest : public AccountsApiTest {
 protected:
  static void SetUpTestSuite() {
    admin_token_ = RandomToken();
    StartServer({"--test-clock", "--admin-token", admin_token_});
  }

  void CreateUser(const std::string& email, const std::string& role,
                  const std::string& organisation) {
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

  // The server's time: the test clock moves it by `offset_`; TOTP codes follow it.
  std::time_t ServerNow() const { return std::time(nullptr) + offset_; }

  // A user made with `user create`, signed in, with TOTP enrolled (MFA passed).
  Account Staff(const std::string& email) {
    Account a = LogIn(email);
    auto setup = Send("POST", "/api/v1/auth/totp/setup", a, "{}");
    EXPECT_TRUE(setup && setup->status == 200) << (setup ? setup->body : "no answer");
    auto key = crypto::Base32Decode(Body(setup).value("secret", ""));
    EXPECT_TRUE(key.ok());
    totp_keys_[email] = key.value_or({});
    const std::string code = crypto::TotpCode(key.value_or({}), ServerNow());
    auto confirmed = Send("POST", "/api/v1/auth/totp/confirm", a, json({{"code", code}}).dump());
    EXPECT_TRUE(confirmed && confirmed->status == 204) << (confirmed ? confirmed->body : "");
    return a;
  }

  // Signs in again (after the clock moved past the session lifetime), with the TOTP code of
  // the server's time when the account has one.
  Account LogInAgain(const std::string& email) {
    json body = {{"email", email}, {"password", kAccountPassword}};
    if (totp_keys_.count(email)) body["totp"] = crypto::TotpCode(totp_keys_[email], ServerNow());
    auto r =
        client_->Post("/api/v1/auth/login", {{"Origin", origin_}}, body.dump(), "application/json");
    Account a;
    a.email = email;
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    if (!r || r->status != 200) return a;
    const std::string set_cookie = r->get_header_value("Set-Cookie");
    a.cookie = set_cookie.substr(0, set_cookie.find(';'));
    a.csrf = Body(r).value("csrf_token", "");
    a.user = Body(r)["user"].value("id", 0);
    return a;
  }

  httplib::Result Put(const std::string& path, const Account& who, const std::string& body) {
    return client_->Put(path.c_str(),
                        {{"Cookie", who.cookie}, {"X-CSRF-Token", who.csrf}, {"Origin", origin_}},
                        body, "application/json");
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

  // A published single-envelope tender of the officer's agency closing at `deadline`, with
  // `members` as its opening committee (2 of 3) and `evaluator`.
  SeededTender SeedTender(const std::string& ocid, const Account& officer, std::time_t deadline,
                          const std::vector<Account>& members, const Account& evaluator) {
    SeededTender t;
    t.ocid = ocid;
    crypto::X25519KeyPair pair = crypto::GenerateX25519KeyPair();
    t.key = pair.public_key;
    auto shares = crypto::SplitSecret(pair.secret_key.span(), 2, 3);
    EXPECT_TRUE(shares.ok());
    t.shares = shares.value_or({});
    char hex[65];
    for (int i = 0; i < 32; ++i) std::snprintf(hex + 2 * i, 3, "%02x", t.key[i]);
    Sql("INSERT INTO tenders (ocid, organisation_id, created_by, state, deadline_us, time_zone, "
        "envelope_mode, evaluation_method, currency, version, method, reference, title, language, "
        "doc, opening_threshold, created_at_us, updated_at_us) VALUES ('" +
        ocid + "', " + std::to_string(officer.organisation) + ", " + std::to_string(officer.user) +
        ", 'published', " + std::to_string(std::int64_t{deadline} * 1'000'000) +
        ", 'UTC', 'single', 'lowest_price', 'USD', 1, 'rfq', 'REF-1', 'Water pumps', 'en', '{}', "
        "2, 0, 0)");
    const std::string id = "(SELECT id FROM tenders WHERE ocid = '" + ocid + "')";
    for (std::size_t i = 0; i < members.size(); ++i) {
      Sql("INSERT INTO tender_committee (tender_id, user_id, role, position) VALUES (" + id + ", " +
          std::to_string(members[i].user) + ", 'opening', " + std::to_string(i + 1) + ")");
    }
    Sql("INSERT INTO tender_committee (tender_id, user_id, role, position) VALUES (" + id + ", " +
        std::to_string(evaluator.user) + ", 'evaluator', 1)");
    Sql("INSERT INTO tender_envelope_keys (tender_id, envelope, public_key, threshold, created_by, "
        "created_at_us) VALUES (" +
        id + ", 'single', X'" + std::string(hex) + "', 2, " + std::to_string(members[0].user) +
        ", 0)");
    return t;
  }

  static std::string Seal(const SeededTender& t, const std::string& bid, const std::string& text,
                          std::int64_t price_minor) {
    crypto::PlainFile file{"offer-" + text + ".txt",
                           std::vector<std::uint8_t>(text.begin(), text.end())};
    auto sealed = crypto::SealEnvelope({t.ocid, crypto::EnvelopeKind::kSingle, bid}, t.key,
                                       std::span<const crypto::PlainFile>(&file, 1),
                                       tb::Money{price_minor, "USD"});
    EXPECT_TRUE(sealed.ok());
    const std::vector<std::uint8_t> bytes = sealed.value_or({});
    return std::string(bytes.begin(), bytes.end());
  }

  httplib::Result SubmitBid(const Account& who, const SeededTender& t, const std::string& bid,
                            const std::string& envelope, const std::string& key) {
    FormPart part{"single", envelope, "envelope.tbseal"};
    return Send("POST", "/api/v1/tenders/" + t.ocid + "/bids/" + bid, who, MultipartBody({part}),
                MultipartType(), {{"Idempotency-Key", key}});
  }

  httplib::Result Share(const Account& member, const SeededTender& t, int position) {
    return Send("POST", "/api/v1/tenders/" + t.ocid + "/openings/single/shares", member,
                json({{"share", B64(t.shares.at(position))}}).dump());
  }

  json Verify(const std::string& receipt) {
    auto r = client_->Post("/api/v1/receipts/verify", receipt, "application/json");
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    return Body(r);
  }

  // The verify_receipt.py block of docs/receipts.md, run on `receipt`: its exit status.
  int RunDocumentedVerifier(const std::string& receipt, const std::string& public_key) {
    const std::string doc = ReadFile(std::string(TB_SOURCE_DIR) + "/docs/receipts.md");
    const std::string begin = "<!-- verify_receipt.py begin -->\n```python\n";
    const std::size_t from = doc.find(begin);
    const std::size_t to = doc.find("```\n<!-- verify_receipt.py end -->");
    EXPECT_NE(from, std::string::npos);
    EXPECT_NE(to, std::string::npos);
    if (from == std::string::npos || to == std::string::npos) return -1;
    const std::string script = dir_->path() + "/verify_receipt.py";
    const std::string receipt_file = dir_->path() + "/receipt.json";
    std::ofstream(script) << doc.substr(from + begin.size(), to - from - begin.size());
    std::ofstream(receipt_file, std::ios::binary) << receipt;
    return RunCommand({"/usr/bin/python3", script, receipt_file, public_key},
                      dir_->path() + "/verify.log");
  }

  static inline std::string admin_token_;
  std::time_t offset_ = 0;
  std::map<std::string, std::vector<std::uint8_t>> totp_keys_;
};

// The whole life of one tender's bids through the API.
TEST_F(BidApiTest, SubmitReplaceWithdrawThenOpenByTwoMembers) {
  CreateUser("m1@undp.example", "committee_member", "UNDP");
  CreateUser("m2@undp.example", "committee_member", "UNDP");
  CreateUser("m3@undp.example", "committee_member", "UNDP");
  CreateUser("eval@undp.example", "evaluator", "UNDP");
  const Account officer = Officer("officer@undp.example");
  const std::vector<Account> members = {Staff("m1@undp.example"), Staff("m2@undp.example"),
                                        Staff("m3@undp.example")};
  const Account evaluator = Staff("eval@undp.example");
  const Account acme = Supplier("bids@acme.example", "Acme Pumps");
  const Account globex = Supplier("bids@globex.example", "Globex Water");
  const Account stranger = Supplier("x@initech.example", "Initech");
  const std::time_t deadline = std::time(nullptr) + 600;
  const SeededTender t = SeedTender("ocds-apitest-000001", officer, deadline, members, evaluator);

  // Acme submits and replaces three times (ET-10); a retry of the last is byte-identical.
  std::string acme_receipt;
  std::string acme_envelope;
  for (int v = 1; v <= 4; ++v) {
    acme_envelope = Seal(t, "acme-7f3a9c", "acme offer " + std::to_string(v), 1000 * v);
    auto r = SubmitBid(acme, t, "acme-7f3a9c", acme_envelope, "acme-" + std::to_string(v));
    ASSERT_TRUE(r && r->status == 201) << (r ? r->body : "no answer");
    acme_receipt = r->body;
    EXPECT_EQ(Body(r).value("version", 0), v);
    EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store");
  }
  auto retry = SubmitBid(acme, t, "acme-7f3a9c", acme_envelope, "acme-4");
  ASSERT_TRUE(retry && retry->status == 201);
  EXPECT_EQ(retry->body, acme_receipt) << "DU-03: byte-identical receipt";
  EXPECT_EQ(retry->get_header_value("Idempotent-Replayed"), "true");
  auto same_key_other_bid =
      SubmitBid(acme, t, "acme-other", Seal(t, "acme-other", "z", 5), "acme-4");
  ASSERT_TRUE(same_key_other_bid);
  EXPECT_EQ(same_key_other_bid->status, 409);

  // Globex bids; Acme submits a second bid and withdraws it.
  auto g = SubmitBid(globex, t, "globex-22b1", Seal(t, "globex-22b1", "globex offer", 777), "g1");
  ASSERT_TRUE(g && g->status == 201) << (g ? g->body : "");
  auto second = SubmitBid(acme, t, "acme-second", Seal(t, "acme-second", "second", 1), "acme-s1");
  ASSERT_TRUE(second && second->status == 201);
  auto withdrawn = Send("POST", "/api/v1/tenders/" + t.ocid + "/bids/acme-second/withdrawal", acme,
                        "{}", "application/json", {{"Idempotency-Key", "acme-s2"}});
  ASSERT_TRUE(withdrawn && withdrawn->status == 201) << (withdrawn ? withdrawn->body : "");
  EXPECT_EQ(Body(withdrawn).value("action", ""), "withdrawn");
  auto taken = SubmitBid(globex, t, "acme-7f3a9c", Seal(t, "acme-7f3a9c", "copy", 1), "g2");
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->status, 409) << "bid ids are unique per tender";
  auto no_key = SubmitBid(globex, t, "globex-x", Seal(t, "globex-x", "y", 1), "");
  ASSERT_TRUE(no_key);
  EXPECT_EQ(no_key->status, 422) << no_key->body;

  // ET-02: every receipt verifies, on the server and with docs/receipts.md's program.
  const json verdict = Verify(acme_receipt);
  EXPECT_TRUE(verdict.value("valid", false)) << verdict.dump();
  const std::string public_key = verdict.value("public_key", "");
  EXPECT_EQ(RunDocumentedVerifier(acme_receipt, public_key), 0)
      << ReadFile(dir_->path() + "/verify.log");
  EXPECT_EQ(RunDocumentedVerifier(withdrawn->body, public_key), 0)
      << ReadFile(dir_->path() + "/verify.log");
  std::string flipped = acme_receipt;
  flipped[flipped.size() / 2] ^= 0x04;
  EXPECT_NE(RunDocumentedVerifier(flipped, public_key), 0);
  int rejected = 0;
  for (int i = 0; i < 100; ++i) {
    std::string tampered = acme_receipt;
    const std::vector<std::uint8_t> r = crypto::RandomBytes(4);
    const std::size_t bit =
        ((r[0] << 24 | r[1] << 16 | r[2] << 8 | r[3]) & 0x7fffffff) % (tampered.size() * 8);
    tampered[bit / 8] = static_cast<char>(tampered[bit / 8] ^ (1 << (bit % 8)));
    auto answer = client_->Post("/api/v1/receipts/verify", tampered, "application/json");
    if (answer && answer->status == 200 && !Body(answer).value("valid", true)) ++rejected;
  }
  EXPECT_EQ(rejected, 100);

  // The supplier's own listing and stored receipts; others see nothing before opening.
  auto own = Send("GET", "/api/v1/tenders/" + t.ocid + "/bids", acme);
  ASSERT_TRUE(own && own->status == 200);
  EXPECT_EQ(Body(own)["bids"].size(), 2u);
  auto stored =
      Send("GET", "/api/v1/tenders/" + t.ocid + "/bids/acme-7f3a9c/versions/4/receipt", acme);
  ASSERT_TRUE(stored && stored->status == 200);
  EXPECT_EQ(stored->body, acme_receipt);
  auto sealed = Send("GET", "/api/v1/tenders/" + t.ocid + "/bids", officer);
  ASSERT_TRUE(sealed && sealed->status == 200);
  EXPECT_TRUE(Body(sealed).value("sealed", false));
  EXPECT_FALSE(Body(sealed).contains("bids"));

  // CR-04: k valid shares before the deadline are refused (each an audit entry and alert).
  for (int i = 0; i < 2; ++i) {
    auto early = Share(members[i], t, i);
    ASSERT_TRUE(early);
    EXPECT_EQ(early->status, 409) << early->body;
  }
  auto abstract_early = Send("GET", "/api/v1/tenders/" + t.ocid + "/bid-abstract", acme);
  ASSERT_TRUE(abstract_early);
  EXPECT_EQ(abstract_early->status, 409);

  // The deadline passes (test clock): a late bid is refused and nothing of it stored.
  SetClock(deadline + 60);
  auto late = SubmitBid(globex, t, "globex-late", Seal(t, "globex-late", "late", 1), "g-late");
  ASSERT_TRUE(late);
  EXPECT_EQ(late->status, 409);
  EXPECT_NE(late->body.find("deadline has passed"), std::string::npos) << late->body;

  // ET-06: the creator is not a member; one member cannot give two shares; two members open.
  auto by_officer = Share(officer, t, 0);
  ASSERT_TRUE(by_officer);
  EXPECT_EQ(by_officer->status, 403) << by_officer->body;
  auto first = Share(members[0], t, 0);
  ASSERT_TRUE(first && first->status == 202) << (first ? first->body : "");
  auto twice = Share(members[0], t, 1);
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->status, 409);
  auto opened = Share(members[2], t, 2);
  ASSERT_TRUE(opened && opened->status == 200) << (opened ? opened->body : "");
  const json record = Body(opened)["opening"];
  ASSERT_EQ(record["bids"].size(), 2u) << record.dump();
  std::set<std::string> ids;
  for (const json& b : record["bids"]) {
    ids.insert(b.value("bid", ""));
    EXPECT_TRUE(b.value("decrypted", false)) << b.dump();
  }
  EXPECT_EQ(ids, (std::set<std::string>{"acme-7f3a9c", "globex-22b1"}));

  // ET-11: each bidder's abstract matches the receipts it holds.
  const json acme_facts = json::parse(acme_receipt);
  auto abstract = Send("GET", "/api/v1/tenders/" + t.ocid + "/bid-abstract", acme);
  ASSERT_TRUE(abstract && abstract->status == 200) << (abstract ? abstract->body : "");
  bool found = false;
  const json abstract_body = Body(abstract);
  for (const json& line : abstract_body["bids"]) {
    if (line.value("bid", "") != "acme-7f3a9c") continue;
    found = true;
    EXPECT_EQ(line.value("supplier_name", ""), "Acme Pumps");
    EXPECT_EQ(line.value("receipt_time", ""), acme_facts.value("receipt_time", "x"));
    EXPECT_EQ(line["envelope_sha256"].value("single", ""),
              acme_facts["envelopes"][0].value("sha256", "x"));
    EXPECT_EQ(line["price"].value("amount_minor", 0), 4000);
  }
  EXPECT_TRUE(found) << abstract->body;
  auto not_a_bidder = Send("GET", "/api/v1/tenders/" + t.ocid + "/bid-abstract", stranger);
  ASSERT_TRUE(not_a_bidder);
  EXPECT_EQ(not_a_bidder->status, 404);
  const std::string document_path =
      "/api/v1/tenders/" + t.ocid + "/bids/acme-7f3a9c/documents/single/0";
  auto undeclared = Send("GET", document_path, evaluator);
  ASSERT_TRUE(undeclared);
  EXPECT_EQ(undeclared->status, 404) << "ET-07: no bid content before the conflict declaration";
  auto declared = Send("POST", "/api/v1/tenders/" + t.ocid + "/evaluation/declaration", evaluator,
                       json({{"conflict", false}}).dump());
  ASSERT_TRUE(declared && declared->status / 100 == 2) << (declared ? declared->body : "");
  auto document = Send("GET", document_path, evaluator);
  ASSERT_TRUE(document && document->status == 200) << (document ? document->body : "");
  EXPECT_EQ(document->body, "acme offer 4");
  auto supplier_document =
      Send("GET", "/api/v1/tenders/" + t.ocid + "/bids/globex-22b1/documents/single/0", acme);
  ASSERT_TRUE(supplier_document);
  EXPECT_EQ(supplier_document->status, 404) << "ET-07: not for another bidder";
}

// ET-03 / CR-01: the early-peek probe. Bids whose documents hold canary strings, from
// companies whose names are canaries; then every GET route of the OpenAPI document as the
// public, another supplier, the officer, an administrator, a committee member and an
// evaluator. No response holds a plaintext canary; no tender, bid, audit, notice or search
// response names a bidder or differs with the number of bids; the server log, the mail
// directory and the database (dump and raw bytes) hold no plaintext canary.
TEST_F(BidApiTest, EarlyPeekProbeFindsNothing) {
  CreateUser("m1@undp.example", "committee_member", "UNDP");
  CreateUser("m2@undp.example", "committee_member", "UNDP");
  CreateUser("m3@undp.example", "committee_member", "UNDP");
  CreateUser("eval@undp.example", "evaluator", "UNDP");
  CreateUser("admin@centre.example", "administrator", "");
  const Account officer = Officer("officer@undp.example");
  const std::vector<Account> members = {Staff("m1@undp.example"), Staff("m2@undp.example"),
                                        Staff("m3@undp.example")};
  const Account evaluator = Staff("eval@undp.example");
  const Account admin = Staff("admin@centre.example");
  const std::string canary = "CANARYPLAIN" + RandomToken().substr(0, 12);
  const std::string name_a = "Canaryname" + RandomToken().substr(0, 8);
  const std::string name_b = "Canaryname" + RandomToken().substr(0, 8);
  const Account a = Supplier("a@canary-a.example", name_a);
  const Account b = Supplier("b@canary-b.example", name_b);
  const Account other = Supplier("o@other.example", "Other Supplies");
  const std::time_t deadline = std::time(nullptr) + 3600;
  const SeededTender t = SeedTender("ocds-peek-000001", officer, deadline, members, evaluator);
  const SeededTender empty = SeedTender("ocds-peek-000002", officer, deadline, members, evaluator);
  const std::vector<std::string> bid_ids = {"bidcanaryA1", "bidcanaryB1"};
  ASSERT_EQ(SubmitBid(a, t, bid_ids[0], Seal(t, bid_ids[0], canary + " price list", 123456), "p1")
                ->status,
            201);
  ASSERT_EQ(
      SubmitBid(b, t, bid_ids[1], Seal(t, bid_ids[1], canary + " technical offer", 654321), "p2")
          ->status,
      201);

  auto spec = client_->Get("/api/v1/openapi.json");
  ASSERT_TRUE(spec && spec->status == 200);
  const json paths = Body(spec)["paths"];
  ASSERT_TRUE(paths.is_object());
  auto fill = [&](std::string path, const std::string& ocid) {
    const std::vector<std::pair<std::string, std::string>> values = {
        {"{ocid}", ocid},       {"{bid}", bid_ids[0]},
        {"{kind}", "single"},   {"{version}", "1"},
        {"{index}", "0"},       {"{id}", std::to_string(a.organisation)},
        {"{code}", "43211503"}, {"{user}", std::to_string(a.user)}};
    for (const auto& [name, value] : values) {
      for (std::size_t at = path.find(name); at != std::string::npos; at = path.find(name)) {
        path.replace(at, name.size(), value);
      }
    }
    return std::regex_replace(path, std::regex("\\{[a-z_]+\\}"), "1");
  };
  const std::vector<std::pair<std::string, const Account*>> actors = {
      {"public", nullptr},       {"other supplier", &other}, {"officer", &officer},
      {"administrator", &admin}, {"committee", &members[0]}, {"evaluator", &evaluator}};
  int requests = 0, plain_hits = 0, name_hits = 0;
  std::set<std::string> differing;
  for (const auto& [path_template, item] : paths.items()) {
    if (!item.contains("get")) continue;
    const bool bid_related = std::regex_search(
        path_template, std::regex("tender|bid|opening|audit|notice|search|ocds|receipt"));
    for (const auto& [who, account] : actors) {
      SCOPED_TRACE(who + " GET " + path_template);
      auto get = [&](const std::string& ocid) {
        const std::string path = fill(path_template, ocid);
        return account ? Send("GET", path, *account) : client_->Get(path.c_str());
      };
      auto r = get(t.ocid);
      ASSERT_TRUE(r);
      ++requests;
      // The request path is echoed in problem bodies ("instance"); it is the prober's own.
      json body = json::parse(r->body, nullptr, false);
      if (body.is_object()) body.erase("instance");
      const std::string text = body.is_discarded() ? r->body : body.dump();
      if (text.find(canary) != std::string::npos) {
        ++plain_hits;
        ADD_FAILURE() << "plaintext canary in " << r->body.substr(0, 300);
      }
      if (bid_related &&
          (text.find(name_a) != std::string::npos || text.find(name_b) != std::string::npos ||
           text.find("bidcanary") != std::string::npos)) {
        ++name_hits;
        ADD_FAILURE() << "bidder revealed: " << r->body.substr(0, 300);
      }
      // The same request for a tender without bids: the answer must not differ but for the
      // ocid (no count, no existence of bids).
      if (bid_related && path_template.find("{ocid}") != std::string::npos &&
          path_template.find("{bid}") == std::string::npos) {
        auto r2 = get(empty.ocid);
        ASSERT_TRUE(r2);
        json body2 = json::parse(r2->body, nullptr, false);
        if (body2.is_object()) body2.erase("instance");
        std::string text2 = body2.is_discarded() ? r2->body : body2.dump();
        std::string normalised = text;
        for (std::size_t at = normalised.find(t.ocid); at != std::string::npos;
             at = normalised.find(t.ocid)) {
          normalised.replace(at, t.ocid.size(), empty.ocid);
        }
        if (r->status != r2->status || normalised != text2) {
          differing.insert(who + " GET " + path_template + " (" + std::to_string(r->status) + "/" +
                           std::to_string(r2->status) + ")");
        }
      }
    }
  }
  EXPECT_GT(requests, 100);
  EXPECT_EQ(plain_hits, 0);
  EXPECT_EQ(name_hits, 0);
  // Routes whose answer depends on the tender's own fields (title, state) are listed here
  // only if they differ; the bid routes must never.
  for (const std::string& d : differing) {
    EXPECT_EQ(d.find("bid"), std::string::npos) << "answer differs with bids: " << d;
    EXPECT_EQ(d.find("opening"), std::string::npos) << "answer differs with bids: " << d;
  }

  // Logs, mail and the database hold no plaintext (CR-01).
  EXPECT_EQ(ReadFile(dir_->path() + "/server.log").find(canary), std::string::npos);
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(mail_dir_, ec)) {
    if (entry.is_regular_file()) {
      EXPECT_EQ(ReadFile(entry.path().string()).find(canary), std::string::npos) << entry.path();
    }
  }
  for (const std::string& file : {database_, database_ + "-wal"}) {
    EXPECT_EQ(ReadFile(file).find(canary), std::string::npos) << file;
  }
  const std::string dump_file = dir_->path() + "/dump.sql";
  ASSERT_EQ(RunCommand({"/bin/sh", "-c", "sqlite3 '" + database_ + "' .dump > '" + dump_file + "'"},
                       dir_->path() + "/dump.log"),
            0);
  const std::string dump = ReadFile(dump_file);
  EXPECT_GT(dump.size(), 1000u);
  EXPECT_EQ(dump.find(canary), std::string::npos);
  // Hex dumps of BLOBs: the canary's hex must not be there either.
  std::string canary_hex;
  for (unsigned char c : canary) {
    char h[3];
    std::snprintf(h, sizeof h, "%02X", c);
    canary_hex += h;
  }
  EXPECT_EQ(dump.find(canary_hex), std::string::npos);
}

// The tender made through the tender routes (docs/tendering.md): committee, members' sealing
// keys, the envelope key registered with shares sealed to them, publication; a bid sealed
// with `tenderbridge bid seal`; six days later each member fetches its sealed share
// (my-share), unseals it locally and releases it; the bid opens. This holds the two modules
// to the tender-schema contract.
TEST_F(BidApiTest, OpensATenderMadeThroughTheTenderRoutes) {
  CreateUser("m1@undp.example", "committee_member", "UNDP");
  CreateUser("m2@undp.example", "committee_member", "UNDP");
  CreateUser("m3@undp.example", "committee_member", "UNDP");
  CreateUser("eval@undp.example", "evaluator", "UNDP");
  const Account officer = Staff("officer@undp.example");
  std::vector<Account> members = {Staff("m1@undp.example"), Staff("m2@undp.example"),
                                  Staff("m3@undp.example")};
  const Account evaluator = Staff("eval@undp.example");
  const Account supplier = Supplier("bids@pumps.example", "Pump Works");

  const std::time_t deadline_day = std::time(nullptr) + 6 * 86400;
  char deadline[32];
  std::tm deadline_tm = *std::gmtime(&deadline_day);
  std::strftime(deadline, sizeof deadline, "%Y-%m-%dT12:00", &deadline_tm);
  deadline_tm.tm_hour = 12;
  deadline_tm.tm_min = deadline_tm.tm_sec = 0;
  const std::time_t deadline_at = timegm(&deadline_tm);
  const json tender = {{"reference", "RFQ/UNDP/2027/009"},
                       {"title", "Solar water pumps"},
                       {"description", "Supply of 12 solar-powered water pumps."},
                       {"method", "rfq"},
                       {"main_category", "goods"},
                       {"countries", {"KE"}},
                       {"items",
                        {{{"id", "1"},
                          {"description", "Solar pump 2 kW"},
                          {"unspsc", "40151500"},
                          {"quantity", 12},
                          {"unit", "EA"}}}},
                       {"deadline", deadline},
                       {"time_zone", "UTC"},
                       {"evaluation", {{"method", "lowest_price"}}},
                       {"currency", "USD"}};
  auto created = Send("POST", "/api/v1/tenders", officer, tender.dump());
  ASSERT_TRUE(created && created->status == 201) << (created ? created->body : "no answer");
  const std::string ocid = Body(created).value("ocid", "");
  const std::string path = "/api/v1/tenders/" + ocid;
  auto assigned = Put(path + "/committee", officer,
                      json({{"opening", {members[0].user, members[1].user, members[2].user}},
                            {"evaluators", {evaluator.user}},
                            {"threshold", 2}})
                          .dump());
  ASSERT_TRUE(assigned && assigned->status == 200) << (assigned ? assigned->body : "");
  std::vector<crypto::X25519KeyPair> member_keys;
  for (const Account& m : members) {
    member_keys.push_back(crypto::GenerateX25519KeyPair());
    auto put = Put("/api/v1/me/sealing-key", m,
                   json({{"public_key", B64(member_keys.back().public_key)}}).dump());
    ASSERT_TRUE(put && put->status == 200) << (put ? put->body : "");
  }
  const crypto::X25519KeyPair envelope = crypto::GenerateX25519KeyPair();
  auto shares = crypto::SplitSecret(envelope.secret_key.span(), 2, 3);
  ASSERT_TRUE(shares.ok());
  json sealed_shares = json::array();
  for (std::size_t i = 0; i < members.size(); ++i) {
    sealed_shares.push_back(
        {{"user_id", members[i].user},
         {"sealed_share", B64(crypto::SealToPublicKey(member_keys[i].public_key, (*shares)[i]))}});
  }
  auto registered = Put(
      path + "/envelopes/single/key", members[0],
      json({{"public_key", B64(envelope.public_key)}, {"threshold", 2}, {"shares", sealed_shares}})
          .dump());
  ASSERT_TRUE(registered && registered->status == 201) << (registered ? registered->body : "");
  auto published = Send("POST", path + "/publish", officer, "{}");
  ASSERT_TRUE(published && published->status == 200) << (published ? published->body : "");

  // The supplier seals with the CLI, to the published key.
  const std::string offer = dir_->path() + "/offer.txt";
  const std::string sealed_file = dir_->path() + "/offer.tbseal";
  { std::ofstream(offer) << "twelve pumps, delivered"; }
  ASSERT_EQ(RunCommand({kBin, "bid", "seal", "--tender", ocid, "--bid", "pw-4c1e", "--envelope",
                        "single", "--public-key", B64(envelope.public_key), "--price", "48000.00",
                        "--currency", "USD", "--out", sealed_file, offer},
                       dir_->path() + "/seal.log"),
            0)
      << ReadFile(dir_->path() + "/seal.log");
  auto submitted = Send("POST", path + "/bids/pw-4c1e", supplier,
                        MultipartBody({{"single", ReadFile(sealed_file), "offer.tbseal"}}),
                        MultipartType(), {{"Idempotency-Key", "pw-1"}});
  ASSERT_TRUE(submitted && submitted->status == 201) << (submitted ? submitted->body : "");

  // Six days later (sessions have expired: everyone signs in again).
  SetClock(deadline_at + 60);
  for (std::size_t i : {0u, 2u}) {
    members[i] = LogInAgain(members[i].email);
    auto mine = Send("GET", path + "/envelopes/single/my-share", members[i]);
    ASSERT_TRUE(mine && mine->status == 200) << (mine ? mine->body : "");
    auto sealed = crypto::DecodeBase64Url(Body(mine).value("sealed_share", ""));
    ASSERT_TRUE(sealed.ok());
    auto share =
        crypto::OpenSealed(member_keys[i].public_key, member_keys[i].secret_key.span(), *sealed);
    ASSERT_TRUE(share.ok());
    auto released = Send("POST", path + "/openings/single/shares", members[i],
                         json({{"share", B64(share->span())}}).dump());
    ASSERT_TRUE(released) << "no answer";
    EXPECT_EQ(released->status, i == 0 ? 202 : 200) << released->body;
    if (i == 2) {
      const json bids = Body(released)["opening"]["bids"];
      ASSERT_EQ(bids.size(), 1u) << released->body;
      EXPECT_EQ(bids[0].value("supplier_name", ""), "Pump Works");
      EXPECT_EQ(bids[0]["price"].value("amount_minor", 0), 4800000);
      EXPECT_TRUE(bids[0].value("decrypted", false));
    }
  }
  auto state = client_->Get(path.c_str());
  ASSERT_TRUE(state && state->status == 200);
  EXPECT_EQ(Body(state).value("state", ""), "opened") << state->body.substr(0, 300);
}

// The test clock exists only with the flag, takes only the admin token, and the flag is
// refused on a non-loopback address.
TEST_F(BidApiTest, TestClockTakesOnlyTheAdminToken) {
  const Account officer = Officer("officer@undp.example");
  auto as_user =
      Send("POST", "/api/v1/test/clock", officer, json({{"now", "2030-01-01T00:00:00Z"}}).dump());
  ASSERT_TRUE(as_user);
  EXPECT_EQ(as_user->status, 403);
  const std::string log = dir_->path() + "/refused.log";
  EXPECT_NE(
      RunCommand({kBin, "serve", "--database", dir_->path() + "/other.db", "--host", "0.0.0.0",
                  "--port", "0", "--test-clock", "--index", dir_->path() + "/other-index"},
                 log),
      0)
      << ReadFile(log);
  EXPECT_NE(ReadFile(log).find("--test-clock"), std::string::npos);

  // Without the flag the route answers exactly like an unknown path, even to the admin token.
  ServerProcess plain;
  const std::string token = RandomToken();
  ASSERT_TRUE(plain.Start(
      {kBin, "serve", "--database", dir_->path() + "/plain.db", "--port", "0", "--port-file",
       dir_->path() + "/plain.port", "--admin-token", token, "--mail-dir",
       dir_->path() + "/plain-mail", "--index", dir_->path() + "/plain-index"},
      dir_->path() + "/plain.port", dir_->path() + "/plain.log", std::chrono::seconds(60)))
      << plain.error();
  httplib::Client client("127.0.0.1", plain.port());
  auto refused = client.Post("/api/v1/test/clock", {{"Authorization", "Bearer " + token}},
                             json({{"now", "2030-01-01T00:00:00Z"}}).dump(), "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 404);
  auto unknown = client.Post("/api/v1/test/clockx", {{"Authorization", "Bearer " + token}},
                             json({{"now", "2030-01-01T00:00:00Z"}}).dump(), "application/json");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(Body(refused).value("detail", "a"), Body(unknown).value("detail", "b"));
  EXPECT_EQ(plain.Stop(), 0);
}

}  // namespace
}  // namespace tb::api_test
