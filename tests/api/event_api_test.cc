// Events through the real server (docs/events.md): (a) a small hand journey — staff build an
// event with a break, officers and a supplier register, the supplier requests two meetings
// (its quota and a duplicate refused), the officer accepts, staff run the scheduler and
// publish, the supplier's agenda and ICS show the two meetings, the officer records an
// outcome, and another supplier can neither read the agenda nor decide; (b) an IPS-size event
// (data/meetings/ips2024-seed1.json, 250 people, 1,657 requests) imported, scheduled on a
// 2 s budget (at least 99.8 % of the count bound), and its run's instance and schedule checked by
// tools/meetings_gen.py `check`.
#include <libpq-fe.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <functional>
#include <thread>

#include "accounts_client.h"

namespace tb::api_test {
namespace {

using nlohmann::json;

// Besides StartServer's officer@undp.example and staff@centre.example: a second officer of UNDP
// (an agency request can go to either) and one of UNICEF. Each test enrols its own accounts
// in TOTP, so the tests may also run in one process.
const std::array<std::array<std::string, 3>, 2> kJourneyAccounts = {{
    {"officer2@undp.example", "agency_officer", "UNDP"},
    {"officer@unicef.example", "agency_officer", "UNICEF"},
}};

class EventApiTest : public AccountsApiTest {
 protected:
  static void SetUpTestSuite() {
    StartServer();
    for (const auto& account : kJourneyAccounts) CreateAccount(database_, account, dir_->path());
    CreateAccount(database_, {"ips@centre.example", "centre_staff", ""}, dir_->path());
  }

  httplib::Result Put(const std::string& path, const Account& who, const std::string& body) {
    const httplib::Headers headers = {
        {"Cookie", who.cookie}, {"X-CSRF-Token", who.csrf}, {"Origin", origin_}};
    return client_->Put(path.c_str(), headers, body, "application/json");
  }
  httplib::Result Post(const std::string& path, const Account& who, const json& body) {
    return Send("POST", path, who, body.dump());
  }

  // A date of next year, so the event lies ahead whatever day the test runs.
  static std::string NextYear(const char* month_day) {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    return std::to_string(utc.tm_year + 1900 + 1) + "-" + month_day;
  }

  // Polls the run until it is no longer running (bounded), and returns it.
  json AwaitRun(const std::string& run_path, const Account& staff) {
    json run;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
    while (std::chrono::steady_clock::now() < deadline) {
      auto r = Send("GET", run_path, staff);
      EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
      if (!r || r->status != 200) return run;
      run = Body(r);
      if (run.value("status", "") != "running") return run;
      EXPECT_GE(run.value("progress", -1.0), 0.0);
      EXPECT_LE(run.value("progress", 2.0), 1.0);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "the run did not finish within 90 s: " << run.dump();
    return run;
  }

  // "2027-05-14T09:20" in Shanghai (UTC+8, no DST) -> "20270514T012000Z", DTSTART in UTC.
  // The test's sessions start after 08:00, so the date stays.
  static std::string ShanghaiToUtcStamp(const std::string& local) {
    if (local.size() < 16) return "malformed local time " + local;
    const int hour = std::stoi(local.substr(11, 2)) - 8;
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%s%s%sT%02d%s00Z", local.substr(0, 4).c_str(),
                  local.substr(5, 2).c_str(), local.substr(8, 2).c_str(), hour,
                  local.substr(14, 2).c_str());
    return buffer;
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

  void HandJourney();
  void ScheduleIpsEvent(const std::string& staff_email, const std::string& work_dir);

  static void CreateAccount(const std::string& database, const std::array<std::string, 3>& account,
                            const std::string& work_dir) {
    const auto& [email, role, organisation] = account;
    const std::string password_file = work_dir + "/password";
    { std::ofstream(password_file) << kAccountPassword << "\n"; }
    std::vector<std::string> argv = {
        kBin,  "user",   "create", "--database",      database,     "--email",
        email, "--role", role,     "--password-file", password_file};
    if (!organisation.empty()) {
      argv.push_back("--organisation");
      argv.push_back(organisation);
    }
    ASSERT_EQ(RunCommand(argv, work_dir + "/cli.log"), 0) << ReadFile(work_dir + "/cli.log");
  }

  // Runs `body` against a server of its own on a fresh PostgreSQL schema whose database has
  // `accounts` ({email, role, organisation}): the helpers' client, origin and mail sink point at
  // it meanwhile; `body` gets the server's working directory. Without TB_TEST_POSTGRES_URL the test
  // is skipped (failed under CI).
  void OnPostgres(const std::vector<std::array<std::string, 3>>& accounts,
                  const std::function<void(const std::string& work_dir)>& body) {
    const char* url = std::getenv("TB_TEST_POSTGRES_URL");
    if (url == nullptr || *url == '\0') {
      if (std::getenv("CI") != nullptr || std::getenv("TB_REQUIRE_POSTGRES") != nullptr) {
        FAIL() << "TB_TEST_POSTGRES_URL is not set (run under scripts/with-postgres)";
      }
      GTEST_SKIP() << "TB_TEST_POSTGRES_URL is not set";
    }
    const std::string base_url = url;
    const std::string schema = "events_" + RandomToken().substr(0, 12);
    ASSERT_EQ(ExecSql(base_url, "CREATE SCHEMA " + schema), "");
    const std::string database = base_url + (base_url.find('?') == std::string::npos ? "?" : "&") +
                                 "options=-csearch_path%3D" + schema;
    const std::string work = dir_->path() + "/" + schema;
    std::filesystem::create_directories(work);
    for (const auto& account : accounts) {
      CreateAccount(database, account, work);
      if (HasFatalFailure()) return;
    }
    ServerProcess server;
    ASSERT_TRUE(
        server.Start({kBin, "serve", "--database", database, "--index", work + "/index", "--port",
                      "0", "--port-file", work + "/port", "--mail-dir", work + "/mail", "--threads",
                      "2", "--rate-limit", "signup:ip=100/60", "--rate-limit", "login:ip=100/60"},
                     work + "/port", work + "/server.log", std::chrono::seconds(60)))
        << server.error();
    const std::string sqlite_origin = origin_;
    const std::string sqlite_mail = mail_dir_;
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server.port());
    client_->set_read_timeout(120, 0);
    origin_ = "http://127.0.0.1:" + std::to_string(server.port());
    mail_dir_ = work + "/mail";
    body(work);
    origin_ = sqlite_origin;
    mail_dir_ = sqlite_mail;
    EXPECT_EQ(server.Stop(), 0) << ReadFile(work + "/server.log");
    (void)ExecSql(base_url,
                  "SET client_min_messages = warning; DROP SCHEMA " + schema + " CASCADE");
  }

  // Runs `sql` on the database at `url`; empty on success, the error otherwise.
  static std::string ExecSql(const std::string& url, const std::string& sql) {
    PGconn* conn = PQconnectdb(url.c_str());
    std::string error;
    if (PQstatus(conn) != CONNECTION_OK) {
      error = PQerrorMessage(conn);
    } else {
      PGresult* result = PQexec(conn, sql.c_str());
      if (PQresultStatus(result) != PGRES_COMMAND_OK) error = PQerrorMessage(conn);
      PQclear(result);
    }
    PQfinish(conn);
    return error;
  }

  static int Count(const std::string& text, const std::string& needle) {
    int n = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos;
         at = text.find(needle, at + needle.size())) {
      ++n;
    }
    return n;
  }
};

// (a) of the file comment on the server `client_` talks to, whose database has the accounts
// of kJourneyAccounts and staff@centre.example and officer@undp.example.
void EventApiTest::HandJourney() {
  Account staff = Officer("staff@centre.example");
  Account officer = Officer("officer@undp.example");
  Account colleague = Officer("officer2@undp.example");
  Account unicef = Officer("officer@unicef.example");
  Account alpha = Supplier("a@alpha.example", "Alpha Solar", "CN");
  Account beta = Supplier("b@beta.example", "Beta Pumps", "KE");

  // One day, two sessions, a break inside the first: 09:00-11:00 less 10:00-10:20 gives 5
  // slots of 20 minutes, 14:00-16:00 gives 6.
  const std::string day = NextYear("05-14");
  const json event_body = {
      {"name", "Procurement fair, Qingpu"},
      {"venue", "Qingpu service centre"},
      {"city", "Shanghai"},
      {"time_zone", "Asia/Shanghai"},
      {"slot_minutes", 20},
      {"meeting_minutes", 15},
      {"days",
       {{{"date", day},
         {"sessions",
          {{{"name", "Morning"}, {"start", "09:00"}, {"end", "11:00"}},
           {{"name", "Afternoon"}, {"start", "14:00"}, {"end", "16:00"}}}}}}},
      {"breaks", {{{"date", day}, {"start", "10:00"}, {"end", "10:20"}, {"label", "Tea"}}}},
      {"rules", {{"request_quota", 2}}}};
  EXPECT_EQ(Send("POST", "/api/v1/events", alpha, event_body.dump())->status, 403)
      << "suppliers do not create events";
  auto created = Send("POST", "/api/v1/events", staff, event_body.dump());
  ASSERT_TRUE(created && created->status == 201) << (created ? created->body : "no answer");
  const json event = Body(created);
  const std::string path = "/api/v1/events/" + std::to_string(event.value("id", 0));
  EXPECT_EQ(created->get_header_value("Location"), path);
  EXPECT_EQ(event.value("status", ""), "draft");
  ASSERT_EQ(event["slots"].size(), 11u) << event["slots"].dump();
  for (const json& slot : event["slots"]) {
    EXPECT_NE(slot.value("start", ""), day + "T10:00") << "no slot overlaps the break";
  }
  EXPECT_EQ(event["slots"][0].value("id", ""), "D1-0900");
  EXPECT_EQ(client_->Get(path.c_str())->status, 404) << "a draft is not public";

  // The builder edits with If-Match; without it, or with a stale tag, nothing changes.
  const std::string etag = created->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  const json rename = {{"description", "One-on-one meetings with UN buyers."}};
  EXPECT_EQ(Send("PATCH", path, staff, rename.dump(), "application/merge-patch+json")->status, 428);
  auto patched = Send("PATCH", path, staff, rename.dump(), "application/merge-patch+json",
                      {{"If-Match", etag}});
  ASSERT_TRUE(patched && patched->status == 200) << (patched ? patched->body : "no answer");
  EXPECT_EQ(Body(patched).value("description", ""), "One-on-one meetings with UN buyers.");
  EXPECT_EQ(Send("PATCH", path, staff, rename.dump(), "application/merge-patch+json",
                 {{"If-Match", etag}})
                ->status,
            409)
      << "a stale ETag";

  auto opened = Post(path + "/status", staff, {{"status", "open"}});
  ASSERT_TRUE(opened && opened->status == 200) << (opened ? opened->body : "no answer");
  auto listed = client_->Get("/api/v1/events");
  ASSERT_TRUE(listed && listed->status == 200);
  ASSERT_EQ(Body(listed)["items"].size(), 1u) << "open events are public";

  // Officers register themselves, the supplier its company.
  auto me = Post(path + "/registrations", officer,
                 {{"focus", "Solar energy for clinics"}, {"codes", {"26100000"}}});
  ASSERT_TRUE(me && me->status == 201) << (me ? me->body : "no answer");
  const std::int64_t officer_participant = Body(me).value("id", 0);
  EXPECT_EQ(Body(me).value("kind", ""), "officer");
  ASSERT_EQ(Post(path + "/registrations", colleague, json::object())->status, 201);
  ASSERT_EQ(Post(path + "/registrations", unicef, json::object())->status, 201);
  EXPECT_EQ(Post(path + "/registrations", officer, json::object())->status, 409)
      << "already registered";
  auto registered = Post(path + "/registrations", alpha,
                         {{"pitch", "Solar pumps made in Jiangsu"}, {"codes", {"26101500"}}});
  ASSERT_TRUE(registered && registered->status == 201)
      << (registered ? registered->body : "no answer");
  const std::int64_t supplier = Body(registered).value("id", 0);
  EXPECT_EQ(Body(registered).value("kind", ""), "supplier");
  auto mine = Send("GET", path + "/me", alpha);
  ASSERT_TRUE(mine && mine->status == 200);
  ASSERT_EQ(Body(mine)["items"].size(), 1u);
  EXPECT_EQ(Body(mine)["items"][0].value("id", 0), supplier);
  EXPECT_TRUE(MailedTo("a@alpha.example", "Registered: Procurement fair, Qingpu"))
      << "the confirmation e-mail";
  // A supplier browses the officers, never the other suppliers.
  auto browsed = Send("GET", path + "/participants?q=undp", alpha);
  ASSERT_TRUE(browsed && browsed->status == 200) << (browsed ? browsed->body : "no answer");
  const json browsed_items = Body(browsed)["items"];
  EXPECT_EQ(browsed_items.size(), 2u) << browsed->body;
  for (const json& p : browsed_items) EXPECT_EQ(p.value("kind", ""), "officer") << p.dump();

  // The public page names the agencies, not the people.
  auto page = client_->Get(path.c_str());
  ASSERT_TRUE(page && page->status == 200);
  EXPECT_EQ(page->body.find("officer@undp.example"), std::string::npos);
  bool undp_listed = false;
  const json agencies = Body(page)["agencies"];
  for (const json& agency : agencies) {
    if (agency.value("organisation", 0) == officer.organisation) {
      undp_listed = true;
      EXPECT_EQ(agency.value("officers", 0), 2);
    }
  }
  EXPECT_TRUE(undp_listed) << agencies.dump();

  // Two requests: one to UNDP (any officer), one to the officer by name; a duplicate and a
  // third over the quota of 2 are refused.
  const json to_agency = {{"supplier", supplier},
                          {"target", {{"type", "agency"}, {"id", officer.organisation}}},
                          {"priority", 1},
                          {"reason", "Solar pumps for health centres"}};
  auto first = Post(path + "/requests", alpha, to_agency);
  ASSERT_TRUE(first && first->status == 201) << (first ? first->body : "no answer");
  auto duplicate = Post(path + "/requests", alpha, to_agency);
  ASSERT_TRUE(duplicate);
  EXPECT_EQ(duplicate->status, 409) << duplicate->body;
  auto second = Post(path + "/requests", alpha,
                     {{"supplier", supplier},
                      {"target", {{"type", "officer"}, {"id", officer_participant}}},
                      {"priority", 2}});
  ASSERT_TRUE(second && second->status == 201) << (second ? second->body : "no answer");
  auto over = Post(path + "/requests", alpha,
                   {{"supplier", supplier},
                    {"target", {{"type", "agency"}, {"id", unicef.organisation}}},
                    {"priority", 3}});
  ASSERT_TRUE(over);
  EXPECT_EQ(over->status, 409) << over->body;
  EXPECT_EQ(Code(over), "quota_exceeded");

  // The officer sees both (to itself and to its agency) and accepts them; the other
  // supplier may not decide.
  auto incoming = Send("GET", path + "/requests?status=pending", officer);
  ASSERT_TRUE(incoming && incoming->status == 200);
  const json pending = Body(incoming)["items"];
  ASSERT_EQ(pending.size(), 2u) << incoming->body;
  (void)Post(path + "/registrations", beta, json::object());
  for (const json& request : pending) {
    const std::string decide =
        path + "/requests/" + std::to_string(request.value("id", 0)) + "/decision";
    auto refused = Post(decide, beta, {{"decision", "accept"}});
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403) << "a supplier never decides: " << refused->body;
    auto accepted = Post(decide, officer, {{"decision", "accept"}});
    ASSERT_TRUE(accepted && accepted->status == 200) << (accepted ? accepted->body : "");
    EXPECT_EQ(Body(accepted).value("status", ""), "accepted");
  }

  // The scheduler: both meetings fit, at the bound, and the independent check agrees.
  auto started = Post(path + "/schedule-runs", staff,
                      {{"mode", "full"}, {"time_limit_seconds", 1}, {"seed", 7}});
  ASSERT_TRUE(started && started->status == 202) << (started ? started->body : "no answer");
  const std::string run_path = started->get_header_value("Location");
  ASSERT_FALSE(run_path.empty());
  EXPECT_EQ(Send("GET", run_path, alpha)->status, 403) << "runs are for staff";
  const json run = AwaitRun(run_path, staff);
  ASSERT_EQ(run.value("status", ""), "done") << run.dump();
  EXPECT_EQ(run["bounds"].value("count", 0), 2);
  EXPECT_EQ(run["result"].value("meetings", 0), 2);
  EXPECT_DOUBLE_EQ(run["pct_of_bound"].value("count", 0.0), 100.0);
  EXPECT_TRUE(run["check"].value("feasible", false)) << run["check"].dump();
  EXPECT_TRUE(run["check"]["errors"].empty());

  auto published = Post(run_path + "/publish", staff, json::object());
  ASSERT_TRUE(published && published->status == 200) << (published ? published->body : "");
  ASSERT_EQ(Body(published)["items"].size(), 2u);

  // The supplier's agenda: two meetings at distinct slots, one with each UNDP officer.
  auto agenda = Send("GET", path + "/agenda", alpha);
  ASSERT_TRUE(agenda && agenda->status == 200) << (agenda ? agenda->body : "no answer");
  std::vector<json> meetings;
  const json entries = Body(agenda)["entries"];
  for (const json& entry : entries) {
    if (entry.value("kind", "") == "meeting") meetings.push_back(entry);
  }
  ASSERT_EQ(meetings.size(), 2u) << agenda->body;
  EXPECT_NE(meetings[0].value("start", ""), meetings[1].value("start", ""));
  for (const json& m : meetings) {
    EXPECT_TRUE(m.value("start", "").starts_with(day)) << m.dump();
    EXPECT_FALSE(m.value("room", "").empty()) << "a table: " << m.dump();
  }

  // The same two meetings in the calendar, in UTC (Shanghai is UTC+8).
  auto ics = Send("GET", path + "/agenda.ics", alpha);
  ASSERT_TRUE(ics && ics->status == 200) << (ics ? ics->body : "no answer");
  EXPECT_TRUE(ics->get_header_value("Content-Type").starts_with("text/calendar"));
  EXPECT_TRUE(ics->body.starts_with("BEGIN:VCALENDAR\r\n"));
  const int vevents = Count(ics->body, "BEGIN:VEVENT\r\n");
  EXPECT_EQ(vevents, 2) << "the two meetings; the tea break is no calendar event";
  EXPECT_EQ(Count(ics->body, "\r\nDTSTART:"), vevents) << "DTSTART without TZID: UTC";
  for (const json& m : meetings) {
    const std::string start = ShanghaiToUtcStamp(m.value("start", ""));
    EXPECT_NE(ics->body.find("\r\nDTSTART:" + start + "\r\n"), std::string::npos)
        << start << " in\n"
        << ics->body;
  }

  // The officer records the outcome of its meeting.
  auto officer_meetings = Send("GET", path + "/meetings", officer);
  ASSERT_TRUE(officer_meetings && officer_meetings->status == 200);
  json own;
  const json officer_items = Body(officer_meetings)["items"];
  for (const json& m : officer_items) {
    if (m.value("officer", 0) == officer_participant) own = m;
  }
  ASSERT_TRUE(own.is_object()) << officer_meetings->body;
  const std::string outcome_path =
      path + "/meetings/" + std::to_string(own.value("id", 0)) + "/outcome";
  EXPECT_EQ(Put(outcome_path, beta, json({{"outcome", "follow_up"}}).dump())->status, 403);
  auto outcome = Put(outcome_path, officer,
                     json({{"outcome", "invited_to_bid"}, {"note", "Send the RFQ"}}).dump());
  ASSERT_TRUE(outcome && outcome->status == 200) << (outcome ? outcome->body : "no answer");
  EXPECT_EQ(Body(outcome).value("outcome", ""), "invited_to_bid");

  // Another supplier reads neither the agenda nor the calendar of the first (AS-14: 404).
  const std::string of_alpha = "?participant=" + std::to_string(supplier);
  EXPECT_EQ(Send("GET", path + "/agenda" + of_alpha, beta)->status, 404);
  EXPECT_EQ(Send("GET", path + "/agenda.ics" + of_alpha, beta)->status, 404);
  EXPECT_EQ(Send("GET", path + "/agenda" + of_alpha, staff)->status, 200) << "staff may";

  // On the day: staff check the supplier in; the hall plan shows both meetings.
  const std::string check_in = path + "/participants/" + std::to_string(supplier) + "/check-in";
  EXPECT_EQ(Post(check_in, officer, json::object())->status, 403);
  auto arrived = Post(check_in, staff, json::object());
  ASSERT_TRUE(arrived && arrived->status == 200) << (arrived ? arrived->body : "no answer");
  EXPECT_TRUE(Body(arrived)["checked_in_at"].is_string());
  auto plan = Send("GET", path + "/table-plan", officer);
  ASSERT_TRUE(plan && plan->status == 200) << (plan ? plan->body : "no answer");
  EXPECT_EQ(Count(plan->body, "\"meeting\":"), 2) << plan->body;
}

TEST_F(EventApiTest, ASupplierMeetsTwoOfficersAtTheTimesTheSchedulerChose) { HandJourney(); }

// (b) of the file comment on the server `client_` talks to, as `staff_email` (centre staff
// the test has not signed in yet); files go to `work_dir`.
void EventApiTest::ScheduleIpsEvent(const std::string& staff_email, const std::string& work_dir) {
  const std::string source = TB_SOURCE_DIR;
  const std::string instance_file = source + "/data/meetings/ips2024-seed1.json";
  const std::string instance_text = ReadFile(instance_file);
  ASSERT_FALSE(instance_text.empty()) << instance_file;
  const json instance = json::parse(instance_text);
  const long long ub_count = instance["bounds"].value("ub_count", 0LL);
  ASSERT_GT(ub_count, 1000);
  Account staff = Officer(staff_email);

  // The event whose days and sessions give the instance's 28 slots.
  const json event_body = {
      {"name", "UN International Procurement Seminar (synthetic, IPS 2024 scale)"},
      {"city", "Ningbo"},
      {"time_zone", "Asia/Shanghai"},
      {"slot_minutes", 20},
      {"meeting_minutes", 15},
      {"days",
       {{{"date", "2024-11-13"},
         {"sessions", {{{"name", "S1"}, {"start", "14:00"}, {"end", "17:20"}}}}},
        {{"date", "2024-11-14"},
         {"sessions",
          {{{"name", "S2"}, {"start", "09:00"}, {"end", "12:00"}},
           {{"name", "S3"}, {"start", "13:30"}, {"end", "16:30"}}}}}}},
      {"rules",
       {{"request_quota", 13},
        {"fairness_k", 3},
        {"supplier_max_consecutive", 4},
        {"officer_max_consecutive", 6}}}};
  auto created = Send("POST", "/api/v1/events", staff, event_body.dump());
  ASSERT_TRUE(created && created->status == 201) << (created ? created->body : "no answer");
  const json event = Body(created);
  const std::string path = "/api/v1/events/" + std::to_string(event.value("id", 0));
  ASSERT_EQ(event["slots"].size(), instance["slots"].size());
  for (std::size_t i = 0; i < event["slots"].size(); ++i) {
    EXPECT_EQ(event["slots"][i].value("id", ""), instance["slots"][i].value("id", "")) << i;
    EXPECT_EQ(event["slots"][i].value("start", ""), instance["slots"][i].value("start", ""));
  }

  auto imported = Send("POST", path + "/import", staff, instance_text);
  ASSERT_TRUE(imported && imported->status == 200) << (imported ? imported->body : "no answer");
  EXPECT_EQ(Body(imported).value("participants", 0),
            static_cast<int>(instance["officers"].size() + instance["suppliers"].size()));
  EXPECT_EQ(Body(imported).value("requests", 0), static_cast<int>(instance["requests"].size()));

  auto started = Send("POST", path + "/schedule-runs", staff,
                      json({{"mode", "full"}, {"time_limit_seconds", 2}}).dump());
  ASSERT_TRUE(started && started->status == 202) << (started ? started->body : "no answer");
  const std::string run_path = started->get_header_value("Location");
  auto second = Send("POST", path + "/schedule-runs", staff, "{}");
  ASSERT_TRUE(second);
  if (second->status != 409) {
    // Only possible when the first run had already stopped (at the bound, before its limit).
    EXPECT_EQ(second->status, 202) << second->body;
    EXPECT_EQ(Body(Send("GET", run_path, staff)).value("status", ""), "done")
        << "one run at a time: " << second->body;
  }
  const json run = AwaitRun(run_path, staff);
  ASSERT_EQ(run.value("status", ""), "done") << run.dump();
  EXPECT_TRUE(run["check"].value("feasible", false)) << run["check"].dump();
  EXPECT_EQ(run["bounds"].value("count", 0LL), ub_count)
      << "the imported event is the instance: the same bound";
  EXPECT_GE(run["result"].value("meetings", 0LL) * 1000, ub_count * 998) << run.dump();

  // The tool's own checker on the run's instance and schedule documents.
  auto instance_doc = Send("GET", run_path + "/instance", staff);
  auto schedule_doc = Send("GET", run_path + "/schedule", staff);
  ASSERT_TRUE(instance_doc && instance_doc->status == 200);
  ASSERT_TRUE(schedule_doc && schedule_doc->status == 200);
  EXPECT_EQ(Body(instance_doc).value("schema", ""), "tenderbridge.meetings.instance/1");
  EXPECT_EQ(Body(schedule_doc).value("schema", ""), "tenderbridge.meetings.schedule/1");
  const std::string instance_out = work_dir + "/run-instance.json";
  const std::string schedule_out = work_dir + "/run-schedule.json";
  { std::ofstream(instance_out, std::ios::binary) << instance_doc->body; }
  { std::ofstream(schedule_out, std::ios::binary) << schedule_doc->body; }
  const std::string report_file = work_dir + "/check.json";
  ASSERT_EQ(RunCommand({"/bin/sh", "-c", "exec python3 \"$0\" check \"$1\" \"$2\" 2>/dev/null",
                        source + "/tools/meetings_gen.py", instance_out, schedule_out},
                       report_file),
            0)
      << ReadFile(report_file);
  const json report = json::parse(ReadFile(report_file), nullptr, false);
  ASSERT_TRUE(report.is_object()) << ReadFile(report_file);
  EXPECT_TRUE(report.value("feasible", false));
  EXPECT_EQ(report.value("meetings", 0LL), run["result"].value("meetings", -1LL))
      << "the tool counts what the run reported";
  EXPECT_GE(report.value("meetings", 0LL) * 1000, ub_count * 998) << report.dump();
}

TEST_F(EventApiTest, AnIpsSizeEventIsScheduledOnATwoSecondBudgetAndTheToolAgrees) {
  ScheduleIpsEvent("ips@centre.example", dir_->path());
}

// The same on PostgreSQL (scripts/with-postgres, as CI runs the suites): each on a server of
// its own over a fresh schema, so the rows go through the SQL store of the other engine.
TEST_F(EventApiTest, OnPostgreSqlTheJourneyEndsInTheSameAgenda) {
  std::vector<std::array<std::string, 3>> accounts(kJourneyAccounts.begin(),
                                                   kJourneyAccounts.end());
  accounts.push_back({"staff@centre.example", "centre_staff", ""});
  accounts.push_back({"officer@undp.example", "agency_officer", "UNDP"});
  OnPostgres(accounts, [&](const std::string&) { HandJourney(); });
}

TEST_F(EventApiTest, OnPostgreSqlTheIpsSizeEventIsScheduledToo) {
  OnPostgres({{"ips@centre.example", "centre_staff", ""}},
             [&](const std::string& work) { ScheduleIpsEvent("ips@centre.example", work); });
}

}  // namespace
}  // namespace tb::api_test
