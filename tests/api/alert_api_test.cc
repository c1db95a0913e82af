// Alerts through the real server (issue #5 item 8, docs/alerts.md): two supplier companies with
// different codes, one saved search; notices imported through the admin API reach the matching
// company's inbox (and its e-mail) within the bound, and nobody else's; For you, the feeds and
// the settings' validation answer as documented.
#include <chrono>
#include <ctime>
#include <filesystem>
#include <thread>

#include "accounts_client.h"

namespace tb::api_test {
namespace {

using nlohmann::json;

// Issue #5: "a new or amended notice reaches matching suppliers within a minute".
constexpr auto kAlertBound = std::chrono::seconds(60);
const std::string kAdminToken = "alert-api-test-admin-token-0123456789";

std::string NextYear(const char* rest) {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return std::to_string(utc.tm_year + 1900 + 1) + rest;
}

json Release(const std::string& ocid, const std::string& title, const std::string& description,
             const std::string& code) {
  json tender = {{"id", "T-" + ocid},
                 {"title", title},
                 {"description", description},
                 {"status", "active"},
                 {"tenderPeriod", {{"endDate", NextYear("-03-01T12:00:00Z")}}}};
  if (!code.empty()) {
    tender["items"] = {{{"id", "1"},
                        {"description", title},
                        {"classification", {{"scheme", "UNSPSC"}, {"id", code}}}}};
  }
  return {{"ocid", ocid},
          {"id", ocid + "-1"},
          {"date", "2026-11-01T00:00:00Z"},
          {"tag", {"tender"}},
          {"initiationType", "tender"},
          {"language", "en"},
          {"buyer", {{"id", "UNDP"}, {"name", "UNDP"}}},
          {"tender", tender}};
}

class AlertApiTest : public AccountsApiTest {
 protected:
  static void SetUpTestSuite() {
    StartServer({"--admin-token", kAdminToken, "--alert-interval-ms", "200"});
  }

  void Import(const std::vector<json>& releases) {
    const json package = {{"uri", "https://example.org/alert-api-test"},
                          {"version", "1.1"},
                          {"publishedDate", "2026-11-01T00:00:00Z"},
                          {"publisher", {{"name", "alert API test (fictional)"}}},
                          {"releases", releases}};
    auto r = client_->Post("/api/v1/admin/imports/ocds",
                           {{"Authorization", "Bearer " + kAdminToken}}, package.dump(),
                           "application/json");
    ASSERT_TRUE(r) << "no answer";
    ASSERT_EQ(r->status, 200) << r->body;
  }

  void SetCodes(const Account& a, const std::vector<std::string>& codes,
                const std::vector<std::string>& trading_names) {
    const std::string path = "/api/v1/suppliers/" + std::to_string(a.organisation) + "/profile";
    auto profile = Send("GET", path, a);
    ASSERT_TRUE(profile && profile->status == 200) << (profile ? profile->body : "no answer");
    const json patch = {{"unspsc_codes", codes}, {"trading_names", trading_names}};
    auto r = Send("PATCH", path, a, patch.dump(), "application/merge-patch+json",
                  {{"If-Match", profile->get_header_value("ETag")}});
    ASSERT_TRUE(r) << "no answer";
    ASSERT_EQ(r->status, 200) << r->body;
  }

  json Inbox(const Account& a) {
    auto r = Send("GET", "/api/v1/me/inbox?limit=50", a);
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    return Body(r);
  }

  // The inbox item about the notice titled `title`, waiting up to the bound; null if none.
  json AwaitAlert(const Account& a, const std::string& title) {
    const auto deadline = std::chrono::steady_clock::now() + kAlertBound;
    do {
      const json inbox = Inbox(a);  // named: a temporary's ["items"] would dangle in the loop
      for (const json& item : inbox["items"]) {
        if (item["notice"].value("title", "") == title) return item;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    } while (std::chrono::steady_clock::now() < deadline);
    return json();
  }

  static std::string ServerLogTail() {
    const std::string log = ReadFile(dir_->path() + "/server.log");
    return log.size() > 4000 ? log.substr(log.size() - 4000) : log;
  }

  bool MailedTo(const std::string& to, const std::string& needle) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(mail_dir_, ec)) {
      const std::string mail = ReadFile(entry.path().string());
      if (mail.find("To: " + to) != std::string::npos && mail.find(needle) != std::string::npos) {
        return true;
      }
    }
    return false;
  }
};

TEST_F(AlertApiTest, ImportedNoticesReachTheMatchingSuppliersOnly) {
  Account solar = Supplier("owner@sunpower.example", "Sun Power Ltd", "CN");
  Account builder = Supplier("owner@builder.example", "Great Wall Builders", "CN");
  SetCodes(solar, {"26111600"}, {"Solar photovoltaic panels"});
  SetCodes(builder, {"72101500"}, {"Building construction"});
  auto saved = Send("POST", "/api/v1/me/saved-searches", builder,
                    json({{"name", "Boreholes"}, {"query", "q=boreholes"}}).dump());
  ASSERT_TRUE(saved && saved->status == 201) << (saved ? saved->body : "no answer");
  const std::string feed_url = Body(saved).value("feed_url", "");

  const auto imported_at = std::chrono::steady_clock::now();
  Import({Release("ocds-tbalert-1", "Solar panels for rural clinics",
                  "Supply and installation of solar photovoltaic panels.", "26111600"),
          Release("ocds-tbalert-2", "Drilling of boreholes in Turkana",
                  "Drilling and equipping of five water boreholes.", "")});

  const json solar_alert = AwaitAlert(solar, "Solar panels for rural clinics");
  ASSERT_FALSE(solar_alert.is_null()) << "no alert within " << kAlertBound.count() << " s; server log:\n"
                                     << ServerLogTail();
  EXPECT_LT(std::chrono::steady_clock::now() - imported_at, kAlertBound);
  EXPECT_EQ(solar_alert["reason"], "profile");
  EXPECT_GT(solar_alert.value("score", 0.0), 0.0);
  EXPECT_LE(solar_alert.value("score", 2.0), 1.0);
  ASSERT_TRUE(solar_alert["explanation"].is_object()) << solar_alert.dump();
  EXPECT_EQ(solar_alert["explanation"]["codes"][0]["notice_code"], "26111600");

  const json borehole_alert = AwaitAlert(builder, "Drilling of boreholes in Turkana");
  ASSERT_FALSE(borehole_alert.is_null());
  EXPECT_EQ(borehole_alert["reason"], "saved_search");
  EXPECT_EQ(borehole_alert["saved_search"]["name"], "Boreholes");

  // Both notices have been projected (the builder saw the second one): whatever did not
  // reach an inbox by now never will.
  const json builder_inbox = Inbox(builder);
  for (const json& item : builder_inbox["items"]) {
    EXPECT_NE(item["notice"].value("title", ""), "Solar panels for rural clinics");
  }
  const json solar_inbox = Inbox(solar);
  for (const json& item : solar_inbox["items"]) {
    EXPECT_NE(item["notice"].value("title", ""), "Drilling of boreholes in Turkana");
  }

  // Instant e-mail (the default) with the unsubscribe header.
  const auto mail_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!MailedTo("owner@sunpower.example", "List-Unsubscribe") &&
         std::chrono::steady_clock::now() < mail_deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_TRUE(MailedTo("owner@sunpower.example", "Solar panels for rural clinics"));
  EXPECT_FALSE(MailedTo("owner@builder.example", "Solar panels for rural clinics"));

  // Read state.
  const std::int64_t id = solar_alert.value("id", 0);
  auto read = Send("POST", "/api/v1/me/inbox/" + std::to_string(id) + "/read", solar, "{}");
  ASSERT_TRUE(read && read->status == 204) << (read ? read->body : "no answer");
  EXPECT_EQ(Inbox(solar).value("unread", -1), 0);
  // Another user's alert answers like a missing one.
  auto foreign = Send("POST", "/api/v1/me/inbox/" + std::to_string(id) + "/read", builder, "{}");
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->status, 404);

  // For you, and the Atom feed of the saved search (no session: the token is the credential).
  auto mine = Send("GET", "/api/v1/me/recommendations", solar);
  ASSERT_TRUE(mine && mine->status == 200) << (mine ? mine->body : "no answer");
  ASSERT_FALSE(Body(mine)["items"].empty());
  EXPECT_EQ(Body(mine)["items"][0]["notice"]["title"], "Solar panels for rural clinics");
  auto feed = client_->Get(feed_url.c_str());
  ASSERT_TRUE(feed && feed->status == 200);
  EXPECT_NE(feed->get_header_value("Content-Type").find("application/atom+xml"), std::string::npos);
  EXPECT_NE(feed->body.find("Drilling of boreholes in Turkana"), std::string::npos);
  auto no_feed = client_->Get("/api/v1/feeds/searches/not-a-token");
  ASSERT_TRUE(no_feed);
  EXPECT_EQ(no_feed->status, 404);
}

TEST_F(AlertApiTest, SettingsAreValidatedAndAmendmentsOfSavedNoticesAlwaysArrive) {
  Account a = Supplier("owner@follower.example", "Follower Trading", "KE");
  auto bad = Send("PUT", "/api/v1/me/alert-settings", a,
                  json({{"frequency", "hourly"}}).dump());
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422) << bad->body;
  auto unknown = Send("PUT", "/api/v1/me/alert-settings", a,
                      json({{"frequency", "daily"}, {"role", "admin"}}).dump());
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 422) << unknown->body;
  // Profile alerts narrowed to another agency; e-mail off.
  auto put = Send("PUT", "/api/v1/me/alert-settings", a,
                  json({{"frequency", "weekly"}, {"email", false}, {"agencies", {"UNICEF"}},
                        {"value_min_minor", nullptr}})
                      .dump());
  ASSERT_TRUE(put && put->status == 200) << (put ? put->body : "no answer");
  EXPECT_EQ(Body(put)["frequency"], "weekly");

  Import({Release("ocds-tbalert-3", "Laboratory reagents", "Reagents for the national lab.", "")});
  json notices;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  do {
    notices = Body(Send("GET", "/api/v1/notices?limit=10", a));
  } while (notices["items"].empty() && std::chrono::steady_clock::now() < deadline);
  std::int64_t id = 0;
  for (const json& n : notices["items"]) {
    if (n.value("title", "") == "Laboratory reagents") id = n.value("id", 0);
  }
  ASSERT_GT(id, 0) << notices.dump();
  auto saved = Send("PUT", "/api/v1/me/saved-notices/" + std::to_string(id), a, "");
  ASSERT_TRUE(saved && saved->status == 204) << (saved ? saved->body : "no answer");
  auto list = Send("GET", "/api/v1/me/saved-notices", a);
  ASSERT_TRUE(list && list->status == 200);
  const std::string calendar = Body(list).value("calendar_url", "");
  auto ics = client_->Get(calendar.c_str());
  ASSERT_TRUE(ics && ics->status == 200);
  EXPECT_NE(ics->body.find("SUMMARY:Laboratory reagents"), std::string::npos);

  // The amendment: the same ocid with a changed description, a later release.
  json amended = Release("ocds-tbalert-3", "Laboratory reagents",
                         "Reagents for the national lab. Quantities doubled.", "");
  amended["id"] = "ocds-tbalert-3-2";
  amended["date"] = "2026-11-02T00:00:00Z";
  Import({amended});
  const json alert = AwaitAlert(a, "Laboratory reagents");
  ASSERT_FALSE(alert.is_null()) << "no amendment alert within the bound; server log:\n"
                                << ServerLogTail();
  EXPECT_EQ(alert["reason"], "amendment");
  EXPECT_EQ(alert.value("version", 0), 2);
}

}  // namespace
}  // namespace tb::api_test
