// Tenders through the real server (docs/tendering.md): an officer creates a tender, assigns
// the committee (ET-06 refusals at assignment), the members register sealing keys and the
// envelope key is registered with real Shamir shares sealed to them; the tender is published
// with its key fingerprint and boundary rule (ET-12) and its notice is searchable; a supplier
// asks, the officer answers and the public sees the answer without the asker; a substantive
// amendment inside the window extends the deadline and notifies; and every role tries
// PATCH .../deadline (ET-04).
#include <chrono>
#include <ctime>
#include <filesystem>
#include <thread>

#include "accounts_client.h"
#include "core/timestamp.h"
#include "crypto/random.h"
#include "crypto/sealing.h"
#include "crypto/shamir.h"

namespace tb::api_test {
namespace {

using nlohmann::json;

class TenderApiTest : public AccountsApiTest {
 protected:
  static void SetUpTestSuite() {
    StartServer();
    for (const auto& [email, role] :
         std::vector<std::pair<std::string, std::string>>{{"m1@undp.example", "committee_member"},
                                                          {"m2@undp.example", "committee_member"},
                                                          {"m3@undp.example", "committee_member"},
                                                          {"e1@undp.example", "evaluator"}}) {
      const std::string password_file = dir_->path() + "/password";
      { std::ofstream(password_file) << kAccountPassword << "\n"; }
      ASSERT_EQ(
          RunCommand({kBin, "user", "create", "--database", database_, "--email", email, "--role",
                      role, "--organisation", "UNDP", "--password-file", password_file},
                     dir_->path() + "/cli.log"),
          0)
          << ReadFile(dir_->path() + "/cli.log");
    }
  }

  // "YYYY-MM-DDT17:00" in Nairobi (UTC+3, no DST), `days` from now.
  static std::string NairobiDay(int days) {
    const std::time_t t = std::time(nullptr) + 3 * 3600 + days * 86400;
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT17:00", std::gmtime(&t));
    return buffer;
  }

  static json TenderBody(int days) {
    return {{"reference", "RFQ/UNDP/2027/001"},
            {"title", "Solar water pumps for Turkana clinics"},
            {"description", "Supply and installation of 12 solar-powered water pumps."},
            {"method", "rfq"},
            {"main_category", "goods"},
            {"countries", {"KE"}},
            {"items",
             {{{"id", "1"},
               {"description", "Solar pump 2 kW"},
               {"unspsc", "40151500"},
               {"quantity", 12},
               {"unit", "EA"}}}},
            {"deadline", NairobiDay(days)},
            {"time_zone", "Africa/Nairobi"},
            {"evaluation", {{"method", "lowest_price"}}},
            {"currency", "USD"},
            {"estimated_value", "90000.00"}};
  }

  // PUT as the web UI sends it (Send covers GET, POST, PATCH and DELETE).
  httplib::Result Put(const std::string& path, const Account& who, const std::string& body) {
    const httplib::Headers headers = {
        {"Cookie", who.cookie}, {"X-CSRF-Token", who.csrf}, {"Origin", origin_}};
    return client_->Put(path.c_str(), headers, body, "application/json");
  }

  // The tender service mails from a background thread (mail::MakeBackgroundMailer), so the
  // mail may land just after the response: wait up to 10 s for the first one to appear.
  int MailsTo(const std::string& to, const std::string& needle) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (;;) {
      int count = 0;
      std::error_code ec;
      for (const auto& entry : std::filesystem::directory_iterator(mail_dir_, ec)) {
        const std::string mail = ReadFile(entry.path().string());
        if (mail.find("To: " + to) != std::string::npos && mail.find(needle) != std::string::npos) {
          ++count;
        }
      }
      if (count > 0 || std::chrono::steady_clock::now() > give_up) return count;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  std::size_t NotificationCount(const Account& supplier) {
    return Body(Send("GET", "/api/v1/me/notifications", supplier))["items"].size();
  }
};

TEST_F(TenderApiTest, TheLifeOfATenderUpToItsAmendments) {
  Account officer = Officer("officer@undp.example");
  std::vector<Account> members = {Officer("m1@undp.example"), Officer("m2@undp.example"),
                                  Officer("m3@undp.example")};
  Account evaluator = Officer("e1@undp.example");
  Account staff = Officer("staff@centre.example");
  Account alpha = Supplier("a@alpha.example", "Alpha Pumps", "KE");
  Account beta = Supplier("b@beta.example", "Beta Water", "UG");

  // A draft with a deadline 6 days ahead (RFQ needs 5; the amendment window is 7).
  auto created = Send("POST", "/api/v1/tenders", officer, TenderBody(6).dump());
  ASSERT_TRUE(created && created->status == 201) << (created ? created->body : "no answer");
  const std::string ocid = Body(created).value("ocid", "");
  const std::string path = "/api/v1/tenders/" + ocid;
  EXPECT_EQ(created->get_header_value("Location"), path);
  EXPECT_EQ(client_->Get(path.c_str())->status, 404) << "a draft is not public";
  EXPECT_EQ(Send("GET", path, alpha)->status, 404);
  auto gap = Send("PATCH", path, officer,
                  json({{"deadline", "2027-03-28T02:30"}, {"time_zone", "Europe/Paris"}}).dump(),
                  "application/merge-patch+json");
  ASSERT_TRUE(gap);
  EXPECT_EQ(gap->status, 422) << gap->body;
  EXPECT_EQ(Body(gap).value("field", ""), "deadline") << "ET-13";

  // The committee; ET-06 refusals at assignment.
  const auto committee = [&](json opening, json evaluators) {
    return Put(path + "/committee", officer,
               json({{"opening", opening}, {"evaluators", evaluators}, {"threshold", 2}}).dump());
  };
  auto with_creator = committee({members[0].user, members[1].user, officer.user}, json::array());
  EXPECT_EQ(with_creator->status, 422);
  EXPECT_EQ(Body(with_creator).value("field", ""), "opening/2");
  auto double_role =
      committee({members[0].user, members[1].user, members[2].user}, {members[2].user});
  EXPECT_EQ(double_role->status, 422);
  EXPECT_EQ(Body(double_role).value("field", ""), "evaluators/0");
  auto assigned = committee({members[0].user, members[1].user, members[2].user}, {evaluator.user});
  ASSERT_EQ(assigned->status, 200) << assigned->body;

  // Sealing keys, then the envelope key split 2-of-3 with each share sealed to its member.
  std::vector<crypto::X25519KeyPair> member_keys;
  EXPECT_TRUE(Body(Send("GET", "/api/v1/me/sealing-key", members[0]))["public_key"].is_null());
  for (const Account& m : members) {
    member_keys.push_back(crypto::GenerateX25519KeyPair());
    auto put =
        Put("/api/v1/me/sealing-key", m,
            json({{"public_key", crypto::Base64UrlEncode(member_keys.back().public_key)}}).dump());
    ASSERT_EQ(put->status, 200) << put->body;
  }
  EXPECT_EQ(Put("/api/v1/me/sealing-key", officer, R"({"public_key":"AAAA"})")->status, 403);
  // The key page reads the registered key back; another role gets 403.
  const json mine = Body(Send("GET", "/api/v1/me/sealing-key", members[1]));
  EXPECT_EQ(mine["public_key"], crypto::Base64UrlEncode(member_keys[1].public_key));
  EXPECT_EQ(mine["fingerprint"], crypto::KeyFingerprint(member_keys[1].public_key));
  EXPECT_EQ(Send("GET", "/api/v1/me/sealing-key", officer)->status, 403);
  const crypto::X25519KeyPair envelope = crypto::GenerateX25519KeyPair();
  auto shares = crypto::SplitSecret(envelope.secret_key.span(), 2, 3);
  ASSERT_TRUE(shares.ok());
  json share_list = json::array();
  for (std::size_t i = 0; i < members.size(); ++i) {
    share_list.push_back({{"user_id", members[i].user},
                          {"sealed_share", crypto::Base64UrlEncode(crypto::SealToPublicKey(
                                               member_keys[i].public_key, (*shares)[i]))}});
  }
  // The body `tenderbridge tender keygen` prints: the route accepts its echo fields when they
  // agree with the path and the key, and refuses them when they do not.
  const json key_body = {{"envelope", "single"},
                         {"public_key", crypto::Base64UrlEncode(envelope.public_key)},
                         {"fingerprint", crypto::KeyFingerprint(envelope.public_key)},
                         {"threshold", 2},
                         {"shares", share_list}};
  json wrong_envelope = key_body;
  wrong_envelope["envelope"] = "technical";
  auto refused = Put(path + "/envelopes/single/key", members[0], wrong_envelope.dump());
  EXPECT_EQ(refused->status, 422);
  EXPECT_EQ(Body(refused).value("field", ""), "envelope");
  json wrong_fingerprint = key_body;
  wrong_fingerprint["fingerprint"] = std::string(64, '0');
  refused = Put(path + "/envelopes/single/key", members[0], wrong_fingerprint.dump());
  EXPECT_EQ(refused->status, 422);
  EXPECT_EQ(Body(refused).value("field", ""), "fingerprint");
  EXPECT_EQ(Put(path + "/envelopes/single/key", officer, key_body.dump())->status, 403);
  auto registered = Put(path + "/envelopes/single/key", members[0], key_body.dump());
  ASSERT_EQ(registered->status, 201) << registered->body;
  const std::string fingerprint = crypto::KeyFingerprint(envelope.public_key);
  EXPECT_EQ(Body(registered).value("fingerprint", ""), fingerprint);

  // Two members' shares, unsealed locally, rebuild the envelope's secret key.
  std::vector<std::vector<std::uint8_t>> opened;
  for (std::size_t i : {1u, 2u}) {
    auto mine = Send("GET", path + "/envelopes/single/my-share", members[i]);
    ASSERT_EQ(mine->status, 200) << mine->body;
    auto sealed = crypto::DecodeBase64Url(Body(mine).value("sealed_share", ""));
    ASSERT_TRUE(sealed.ok());
    auto share =
        crypto::OpenSealed(member_keys[i].public_key, member_keys[i].secret_key.span(), *sealed);
    ASSERT_TRUE(share.ok()) << share.status().ToString();
    opened.emplace_back(share->span().begin(), share->span().end());
  }
  auto secret = crypto::CombineShares(opened);
  ASSERT_TRUE(secret.ok());
  EXPECT_TRUE(crypto::SecretKeyMatches(secret->span(), envelope.public_key));

  // Published: the public page shows the fingerprint and the rule (ET-12); search finds it.
  auto published = Send("POST", path + "/publish", officer, "{}");
  ASSERT_EQ(published->status, 200) << published->body;
  auto page = client_->Get(path.c_str());
  ASSERT_EQ(page->status, 200);
  const json submission = Body(page)["submission"];
  EXPECT_EQ(submission["boundary"], "receipt_time < deadline");
  EXPECT_EQ(submission["envelopes"][0]["fingerprint"], fingerprint);
  EXPECT_EQ(Body(client_->Get(("/api/v1/notices/" + ocid).c_str()))["source"], "tenderbridge");
  bool found = false;
  for (int attempt = 0; attempt < 100 && !found; ++attempt) {
    auto hits = client_->Get("/api/v1/search/notices?q=Turkana%20solar%20pumps");
    found = hits && hits->body.find(ocid) != std::string::npos;
    if (!found) std::this_thread::sleep_for(std::chrono::milliseconds(100));  // bounded wait
  }
  EXPECT_TRUE(found) << "the published tender's notice is searchable";

  // A question, an answer, and a public view that never names the asker.
  ASSERT_EQ(Send("POST", path + "/interest", beta, "{}")->status, 201);
  auto asked = Send("POST", path + "/clarifications", alpha,
                    json({{"question", "Is a 1.5 kW pump acceptable?"}}).dump());
  ASSERT_EQ(asked->status, 201) << asked->body;
  EXPECT_EQ(Body(client_->Get((path + "/clarifications").c_str()))["items"].size(), 0u);
  auto answered = Send(
      "POST", path + "/clarifications/" + std::to_string(Body(asked).value("id", 0)) + "/answer",
      officer, json({{"answer", "No: 2 kW at least."}}).dump());
  ASSERT_EQ(answered->status, 200) << answered->body;
  auto anonymous = client_->Get((path + "/clarifications").c_str());
  ASSERT_EQ(anonymous->status, 200);
  const json items = Body(anonymous)["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["answer"], "No: 2 kW at least.");
  for (const std::string& secret_word : {std::string("Alpha"), std::string("a@alpha.example"),
                                         std::string("supplier"), std::string("asked_by")}) {
    EXPECT_EQ(anonymous->body.find(secret_word), std::string::npos) << secret_word;
  }
  EXPECT_EQ(MailsTo("b@beta.example", "No: 2 kW at least."), 1);

  // A substantive amendment 6 days before the deadline moves it to 7 days out and notifies.
  const std::time_t before_amendment = std::time(nullptr);
  auto amended = Send("POST", path + "/amendments", officer,
                      json({{"changes",
                             {{"items",
                               {{{"id", "1"},
                                 {"description", "Solar pump 3 kW"},
                                 {"unspsc", "40151500"},
                                 {"quantity", 12},
                                 {"unit", "EA"}}}}}},
                            {"rationale", "Pumps of 3 kW are needed"}})
                          .dump());
  ASSERT_EQ(amended->status, 201) << amended->body;
  EXPECT_TRUE(Body(amended).value("substantive", false));
  EXPECT_TRUE(Body(amended).value("deadline_extended", false));
  const auto moved = tb::Timestamp::FromRfc3339(Body(amended).value("deadline_after", ""));
  ASSERT_TRUE(moved.ok());
  EXPECT_GE(moved->seconds(), before_amendment + 7 * 86400);
  EXPECT_TRUE(Body(client_->Get(path.c_str())).value("reconfirm_required", false));
  EXPECT_EQ(NotificationCount(alpha), 2u) << "the answer and the amendment";
  EXPECT_EQ(NotificationCount(beta), 2u);
  EXPECT_EQ(MailsTo("a@alpha.example", "Pumps of 3 kW are needed"), 1);

  // ET-04: every other role is refused; the owner moves it; the past is refused.
  const json later = {{"deadline", NairobiDay(14)}, {"reason", "Site visit added"}};
  for (const Account* who : {&members[0], &evaluator, &alpha, &staff}) {
    auto refused = Send("PATCH", path + "/deadline", *who, later.dump());
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403) << who->email << ": " << refused->body;
    EXPECT_EQ(Code(refused), "forbidden");
  }
  EXPECT_EQ(client_
                ->Patch((path + "/deadline").c_str(), {{"Origin", origin_}}, later.dump(),
                        "application/json")
                ->status,
            401);
  auto past = Send("PATCH", path + "/deadline", officer,
                   json({{"deadline", NairobiDay(-1)}, {"reason", "oops"}}).dump());
  EXPECT_EQ(past->status, 400) << past->body;
  EXPECT_EQ(Body(past).value("field", ""), "deadline");
  auto no_reason =
      Send("PATCH", path + "/deadline", officer, json({{"deadline", NairobiDay(14)}}).dump());
  EXPECT_EQ(no_reason->status, 400);
  EXPECT_EQ(Body(no_reason).value("field", ""), "reason");
  EXPECT_EQ(NotificationCount(alpha), 2u) << "refused attempts notify nobody";
  auto moved_again = Send("PATCH", path + "/deadline", officer, later.dump());
  ASSERT_EQ(moved_again->status, 200) << moved_again->body;
  EXPECT_EQ(Body(moved_again).value("amendment_count", 0), 2);
  EXPECT_EQ(NotificationCount(alpha), 3u);
  EXPECT_EQ(NotificationCount(beta), 3u);
  auto amendments = Body(client_->Get((path + "/amendments").c_str()))["items"];
  ASSERT_EQ(amendments.size(), 2u);
  EXPECT_EQ(amendments[1]["changed_fields"], json({"deadline"}));
}

}  // namespace
}  // namespace tb::api_test
