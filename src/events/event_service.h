#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "auth/actor.h"
#include "core/result.h"
#include "core/timestamp.h"
#include "events/event.h"
#include "events/event_store.h"
#include "events/participant.h"

namespace tb::auth {
class Mailer;
}  // namespace tb::auth

namespace tb::events {

// What the events module needs to know about organisations (wired in app/ from the account
// and supplier stores): names, whether one is an agency, a supplier's UNSPSC codes.
struct OrganisationInfo {
  OrganisationId id;
  std::string name;
  bool agency = false;
  bool supplier = false;
  std::vector<std::string> codes;
};

class OrganisationDirectory {
 public:
  virtual ~OrganisationDirectory() = default;
  // nullopt when there is no such organisation.
  virtual Result<std::optional<OrganisationInfo>> Find(OrganisationId id) = 0;
  // The agency organisation of this name, created when there is none (participant lists
  // imported by staff name agencies by acronym).
  virtual Result<OrganisationId> EnsureAgency(const std::string& name) = 0;
};

struct EventServiceOptions {
  std::string public_base_url;  // for links in e-mails; empty: relative links
  // Runs the optimiser in the calling thread (tests); otherwise on a worker thread.
  bool run_inline = false;
  double max_time_limit_seconds = 120;
};

// A participating agency as suppliers browse it.
struct AgencyView {
  OrganisationId organisation;
  std::string name;
  int officers = 0;
  std::vector<std::string> codes;  // union of its officers' focus codes
  std::vector<std::string> focus;  // its officers' focus sentences
};

struct EventView {
  Event event;
  std::vector<EventSlot> slots;
  std::vector<AgencyView> agencies;
  bool manage = false;  // the actor may edit it
};

struct Suggestion {
  OrganisationId organisation;
  std::string name;
  double score = 0;  // shared codes weighted by depth, 0..1
  std::vector<std::string> shared_codes;
};

struct RunRequest {
  std::string mode = "full";  // full, reoptimise
  double time_limit_seconds = 5;
  std::uint64_t seed = 1;
};

// A request with what the people who may see it need to decide: who asks, with its pitch
// and codes, and whom it addresses.
struct RequestView {
  MeetingRequest request;
  std::string supplier_name;  // the company (or the participant's name)
  std::string supplier_pitch;
  std::vector<std::string> supplier_codes;
  std::string target_name;  // the agency or the officer
};

// A run as the API shows it, with its progress (elapsed share of the time limit).
struct RunView {
  ScheduleRun run;
  double progress = 0;
};

// One line of a personal agenda.
struct AgendaEntry {
  std::string kind;   // meeting, item, break
  std::string item;   // the agenda item's id (items)
  std::string start;  // local ISO
  std::string end;
  Timestamp start_utc;
  Timestamp end_utc;
  std::string title;  // agenda item title or break label
  std::string room;   // room name (items) or table (meetings)
  // Meetings: the counterpart.
  std::optional<MeetingId> meeting;
  std::string counterpart;
  std::string counterpart_organisation;
  std::string pitch;
  std::vector<std::string> codes;
  int priority = 0;
  std::optional<Outcome> outcome;
};

struct Agenda {
  Participant participant;
  std::string event_name;
  std::string venue;
  std::string time_zone;
  std::vector<AgendaEntry> entries;  // in time order
};

// The service of issue #7 items 1, 2, 3, 5 and 6 (docs/events.md). Access as in the table of
// docs/events.md: reads the actor may not make answer NotFound, writes on readable objects
// PermissionDenied. Thread-safe. `store`, `clock`, `directory` and `mailer` (may be null)
// must outlive it; its destructor waits for running scheduler runs.
class EventService {
 public:
  EventService(EventStore& store, const Clock& clock, OrganisationDirectory& directory,
               auth::Mailer* mailer, EventServiceOptions options = {});
  ~EventService();
  EventService(const EventService&) = delete;
  EventService& operator=(const EventService&) = delete;

  // Events.
  Result<Event> Create(const auth::Actor& actor, const nlohmann::json& body);
  Result<EventView> Get(const auth::Actor& actor, EventId id);
  Result<std::vector<Event>> List(const auth::Actor& actor);
  Result<Event> Patch(const auth::Actor& actor, EventId id, const nlohmann::json& patch,
                      std::optional<std::int64_t> expected_version);
  Result<Event> SetStatus(const auth::Actor& actor, EventId id, std::string_view status);

  // Participants.
  Result<std::vector<Participant>> Participants(const auth::Actor& actor, EventId id,
                                                std::optional<ParticipantKind> kind);
  Result<Participant> AddParticipant(const auth::Actor& actor, EventId id,
                                     const nlohmann::json& body);
  Result<Participant> PatchParticipant(const auth::Actor& actor, EventId id,
                                       ParticipantId participant, const nlohmann::json& patch);
  // An officer registers itself; a supplier user its company (body "supplier" when it has
  // several). Sends the confirmation e-mail.
  Result<Participant> Register(const auth::Actor& actor, EventId id, const nlohmann::json& body);
  Result<std::vector<Participant>> Mine(const auth::Actor& actor, EventId id);
  Result<Participant> CheckIn(const auth::Actor& actor, EventId id, ParticipantId participant);
  // A tenderbridge.meetings.instance/1 document; returns {participants, requests} counts.
  Result<std::pair<int, int>> Import(const auth::Actor& actor, EventId id,
                                     std::string_view instance_json);

  // Requests.
  Result<std::vector<Suggestion>> Suggestions(const auth::Actor& actor, EventId id);
  Result<std::vector<RequestView>> Requests(const auth::Actor& actor, EventId id,
                                            std::optional<RequestStatus> status);
  Result<MeetingRequest> Request(const auth::Actor& actor, EventId id, const nlohmann::json& body);
  Result<MeetingRequest> Decide(const auth::Actor& actor, EventId id, RequestId request,
                                bool accept);
  Result<MeetingRequest> CancelRequest(const auth::Actor& actor, EventId id, RequestId request);

  // Scheduling.
  Result<RunView> StartRun(const auth::Actor& actor, EventId id, const RunRequest& request);
  Result<std::vector<RunView>> Runs(const auth::Actor& actor, EventId id);
  Result<RunView> GetRun(const auth::Actor& actor, EventId id, RunId run);
  // The tool's instance and schedule documents of a run.
  Result<std::string> RunInstance(const auth::Actor& actor, EventId id, RunId run);
  Result<std::string> RunSchedule(const auth::Actor& actor, EventId id, RunId run);
  Result<std::vector<Meeting>> Publish(const auth::Actor& actor, EventId id, RunId run);
  Result<std::vector<Meeting>> Meetings(const auth::Actor& actor, EventId id);
  Status SetPin(const auth::Actor& actor, EventId id, const Pin& pin);
  Status DeletePin(const auth::Actor& actor, EventId id, RequestId request);
  Result<std::vector<Pin>> Pins(const auth::Actor& actor, EventId id);
  Result<Meeting> RecordOutcome(const auth::Actor& actor, EventId id, MeetingId meeting,
                                std::string_view outcome, std::string note);

  // Agendas.
  Result<Agenda> AgendaOf(const auth::Actor& actor, EventId id, ParticipantId participant);
  Result<std::string> AgendaIcs(const auth::Actor& actor, EventId id, ParticipantId participant);
  // slot -> table -> meeting, for the hall.
  Result<nlohmann::json> TablePlan(const auth::Actor& actor, EventId id, std::optional<int> slot);

  // Marks runs left running by a stopped server as failed (start-up; StartRun does it too):
  // those still "running" two minutes after their time limit.
  Status RecoverRuns();

 private:
  struct Loaded {
    Event event;
    bool manage = false;  // the actor is staff of the organiser
  };
  Result<Loaded> Load(const auth::Actor& actor, EventId id);
  bool CanManage(const auth::Actor& actor, const Event& event) const;
  void Execute(ScheduleRun run, std::string instance_json, std::vector<Pin> pins,
               std::vector<Meeting> published);
  void Mail(const std::string& to, const std::string& subject, const std::string& text);

  EventStore& store_;
  const Clock& clock_;
  OrganisationDirectory& directory_;
  auth::Mailer* mailer_;
  const EventServiceOptions options_;
  // Scheduler runs at work. A finished thread is still joinable (and keeps its stack) until
  // joined, so each records when it is done and the next StartRun joins those.
  struct Worker {
    std::shared_ptr<std::atomic<bool>> done;
    std::jthread thread;
  };
  std::mutex workers_mutex_;
  std::vector<Worker> workers_;
};

}  // namespace tb::events
