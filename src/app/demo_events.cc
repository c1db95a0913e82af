// The events side of the demo (issue #7): a replay of the 2024 UN International
// Procurement Seminar with the FICTIONAL participants of the optimiser's IPS instance
// (data/meetings/ips2024-seed1.json), scheduled and published, and an open procurement fair
// with an agenda, the demo UNDP officer and the first demo companies with pending requests.
#include "app/demo_events.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "app/context.h"
#include "auth/auth_store.h"
#include "events/event_service.h"

namespace tb::app {
namespace {

using nlohmann::json;

constexpr std::string_view kDemoDomain = "demo.tenderbridge.example";

Result<std::string> ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The demo account `email` as the actor it would be after logging in with its second factor.
Result<std::optional<auth::Actor>> DemoActor(auth::AuthStore& store, const std::string& email) {
  TB_ASSIGN_OR_RETURN(std::optional<auth::UserRecord> user, store.FindUserByEmail(email));
  if (!user) return std::optional<auth::Actor>();
  auth::Actor actor;
  actor.user = user->id;
  actor.email = user->email;
  actor.credential = auth::Credential::kSession;
  TB_ASSIGN_OR_RETURN(actor.memberships, store.MembershipsOf(user->id));
  actor.mfa_enrolled = actor.mfa_verified = true;
  return std::optional<auth::Actor>(std::move(actor));
}

const char* kSeminar = R"json({
  "name": "UN International Procurement Seminar 2024 (replay with fictional participants)",
  "description": "Two days of agency briefings and one-on-one meetings between UN procurement officers and suppliers. The participants and requests are the fictional IPS instance of the scheduling benchmark, not real companies.",
  "venue": "Ningbo International Conference Center", "city": "Ningbo", "time_zone": "Asia/Shanghai",
  "days": [{"date": "2024-11-13", "sessions": [{"name": "Afternoon meetings", "start": "14:00", "end": "17:20"}]},
           {"date": "2024-11-14", "sessions": [{"name": "Morning meetings", "start": "09:00", "end": "12:00"},
                                               {"name": "Afternoon meetings", "start": "13:30", "end": "16:30"}]}],
  "rooms": [{"id": "plenary", "name": "Plenary hall", "capacity": 400}],
  "agenda": [{"id": "opening", "kind": "plenary", "title": "Opening: doing business with the UN",
              "date": "2024-11-13", "start": "09:30", "end": "10:30", "room": "plenary"},
             {"id": "briefings", "kind": "briefing", "title": "Agency briefings: what the UN buys",
              "date": "2024-11-13", "start": "10:45", "end": "12:15", "room": "plenary"}]
})json";

const char* kFair = R"json({
  "name": "Sustainable UN Procurement Fair, Qingpu (demo)",
  "description": "A one-day fair of the one-stop centre: briefings on UNGM registration and green procurement, then one-on-one meetings with agency officers. Demo event; participants are fictional.",
  "venue": "Qingpu one-stop service centre", "city": "Shanghai", "time_zone": "Asia/Shanghai",
  "slot_minutes": 20, "meeting_minutes": 15,
  "days": [{"date": "2027-03-18", "sessions": [{"name": "Morning meetings", "start": "10:30", "end": "12:10"},
                                               {"name": "Afternoon meetings", "start": "14:00", "end": "16:40"}]}],
  "breaks": [{"date": "2027-03-18", "start": "15:00", "end": "15:20", "label": "Tea"}],
  "table_mode": "pooled", "pooled_tables": 12,
  "rooms": [{"id": "hall", "name": "Main hall", "capacity": 200}, {"id": "room-2", "name": "Training room", "capacity": 40}],
  "agenda": [{"id": "welcome", "kind": "plenary", "title": "Welcome and programme", "date": "2027-03-18",
              "start": "09:00", "end": "09:20", "room": "hall"},
             {"id": "ungm", "kind": "training", "title": "Registering on UNGM: Basic, Level 1 and Level 2",
              "date": "2027-03-18", "start": "09:20", "end": "10:00", "room": "room-2",
              "speakers": [{"name": "Demo trainer (fictional)", "affiliation": "Service centre"}]},
             {"id": "green", "kind": "panel", "title": "Green and low-carbon supply in UN tenders",
              "date": "2027-03-18", "start": "13:00", "end": "13:50", "room": "hall"}],
  "rules": {"request_quota": 6}
})json";

Status SeedSeminar(events::EventService& service, const auth::Actor& staff,
                   const std::string& data_dir) {
  TB_ASSIGN_OR_RETURN(events::Event event, service.Create(staff, json::parse(kSeminar)));
  TB_ASSIGN_OR_RETURN(std::string instance, ReadText(std::filesystem::path(data_dir) / "meetings" /
                                                     "ips2024-seed1.json"));
  TB_RETURN_IF_ERROR(service.SetStatus(staff, event.id, "open").status());
  TB_ASSIGN_OR_RETURN(auto imported, service.Import(staff, event.id, instance));
  TB_RETURN_IF_ERROR(service.SetStatus(staff, event.id, "closed").status());
  TB_ASSIGN_OR_RETURN(events::RunView run, service.StartRun(staff, event.id, {"full", 2.0, 1}));
  // Runs execute on a worker thread; the demo waits for this one (2 s of search).
  for (int waited = 0; run.run.status == events::RunStatus::kRunning && waited < 600; ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    TB_ASSIGN_OR_RETURN(run, service.GetRun(staff, event.id, run.run.id));
  }
  if (run.run.status != events::RunStatus::kDone) {
    return Status::Internal("the demo seminar's scheduler run failed: " + run.run.error);
  }
  TB_ASSIGN_OR_RETURN(std::vector<events::Meeting> meetings,
                      service.Publish(staff, event.id, run.run.id));
  spdlog::info(
      "demo events: seminar replay with {} participants, {} requests, {} meetings "
      "({:.2f} % of the count bound)",
      imported.first, imported.second, meetings.size(),
      run.run.bound_count > 0 ? 100.0 * run.run.result.meetings / run.run.bound_count : 0.0);
  return Status::Ok();
}

Status SeedFair(events::EventService& service, auth::AuthStore& store, const auth::Actor& staff,
                const std::string& data_dir) {
  TB_ASSIGN_OR_RETURN(events::Event event, service.Create(staff, json::parse(kFair)));
  TB_RETURN_IF_ERROR(service.SetStatus(staff, event.id, "open").status());
  TB_ASSIGN_OR_RETURN(std::optional<auth::Actor> officer,
                      DemoActor(store, "officer.undp@" + std::string(kDemoDomain)));
  if (!officer) return Status::Ok();
  TB_ASSIGN_OR_RETURN(
      events::Participant undp,
      service.Register(*officer, event.id,
                       json{{"name", "Demo UNDP Officer (fictional)"},
                            {"focus", "Solar energy, health supplies and IT for country offices"},
                            {"codes", {"26110000", "42000000", "43000000"}}}));
  (void)undp;
  TB_ASSIGN_OR_RETURN(std::string companies_text,
                      ReadText(std::filesystem::path(data_dir) / "demo" / "suppliers.json"));
  const json demo = json::parse(companies_text, nullptr, false);
  if (!demo.is_object() || !demo.contains("suppliers") || !demo["suppliers"].is_array()) {
    return Status::InvalidArgument("data/demo/suppliers.json has no \"suppliers\" list");
  }
  const json& companies = demo["suppliers"];
  int registered = 0;
  for (const json& company : companies) {
    if (registered == 3) break;
    if (!company.contains("user_email")) continue;
    TB_ASSIGN_OR_RETURN(std::optional<auth::Actor> user,
                        DemoActor(store, company["user_email"].get<std::string>()));
    if (!user) continue;
    Result<events::Participant> participant =
        service.Register(*user, event.id, json{{"pitch", "Demo company (fictional)"}});
    if (!participant.ok()) continue;
    ++registered;
    TB_RETURN_IF_ERROR(
        service
            .Request(*user, event.id,
                     json{{"target", {{"type", "agency"}, {"id", undp.organisation.value}}},
                          {"priority", 1},
                          {"reason", "We would like to present our products."}})
            .status());
  }
  spdlog::info("demo events: open fair with the demo UNDP officer and {} companies", registered);
  return Status::Ok();
}

}  // namespace

Status LoadDemoEvents(Context& context, const std::string& data_dir) {
  events::EventService* service = context.events();
  if (service == nullptr) return Status::FailedPrecondition("events services are not open");
  TB_ASSIGN_OR_RETURN(std::optional<auth::Actor> staff,
                      DemoActor(context.auth_store(), "staff@" + std::string(kDemoDomain)));
  if (!staff) return Status::FailedPrecondition("the demo centre staff account is missing");
  TB_ASSIGN_OR_RETURN(std::vector<events::Event> existing, service->List(*staff));
  if (!existing.empty()) {
    spdlog::info("demo events: already there");
    return Status::Ok();
  }
  TB_RETURN_IF_ERROR(SeedSeminar(*service, *staff, data_dir));
  return SeedFair(*service, context.auth_store(), *staff, data_dir);
}

}  // namespace tb::app
