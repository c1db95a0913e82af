// Scheduler runs, publication, pins and outcomes (issue #7 items 3 and 6): the event's
// problem is written as the tool's instance, solved by scheduling::Optimise, checked by the
// independent checker and kept with the run until staff publish it.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <set>

#include "events/event_service.h"
#include "events/instance_builder.h"
#include "events/internal/service_support.h"
#include "scheduling/checker.h"
#include "scheduling/json_io.h"
#include "scheduling/optimiser.h"
#include "scheduling/reoptimise.h"

namespace tb::events {

using internal::FindParticipant;
using internal::IsParticipantActor;

namespace {

// A run lives at most its time limit plus the bounds, the checker and the writes; one still
// "running" this long after its limit belongs to a server that stopped.
constexpr double kRunGraceSeconds = 120;

std::int64_t IdOfKey(const std::string& key) {
  return key.size() > 1 ? std::stoll(key.substr(1)) : 0;
}

struct Placement {
  RequestId request;
  ParticipantId officer;
  int slot = 0;
  bool pinned = false;
};

// Warm-start meetings as optimiser indices; those that no longer map (request not
// schedulable, officer gone, slot out of range) are left out.
void AddInitial(const scheduling::Problem& problem, const std::vector<Placement>& placements,
                scheduling::OptimiserOptions& options) {
  std::map<std::string, int> officer_index;
  for (int o = 0; o < problem.officer_count(); ++o) officer_index[problem.officers[o].id] = o;
  std::map<std::string, int> request_index;
  for (std::size_t r = 0; r < problem.requests.size(); ++r) {
    request_index[problem.requests[r].id] = static_cast<int>(r);
  }
  std::set<int> placed;
  for (const Placement& p : placements) {
    auto r = request_index.find(RequestKey(p.request));
    auto o = officer_index.find(OfficerKey(p.officer));
    if (r == request_index.end() || o == officer_index.end()) continue;
    const int schedulable = problem.schedulable_of_request[r->second];
    if (schedulable < 0 || p.slot < 0 || p.slot >= problem.slot_count()) continue;
    if (!placed.insert(schedulable).second) continue;  // a pin wins over the published place
    options.initial.push_back({schedulable, o->second, p.slot});
    options.pinned.push_back(p.pinned ? 1 : 0);
  }
}

}  // namespace

Result<RunView> EventService::StartRun(const auth::Actor& actor, EventId id,
                                       const RunRequest& request) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  if (!loaded.manage)
    return Status::PermissionDenied("only the organiser's staff run the scheduler");
  if (loaded.event.status == EventStatus::kCancelled ||
      loaded.event.status == EventStatus::kFinished) {
    return Status::FailedPrecondition("the event is over");
  }
  if (request.mode != "full" && request.mode != "reoptimise") {
    return Status::InvalidArgument("full or reoptimise").WithField("mode");
  }
  if (!(request.time_limit_seconds >= 0.1 &&
        request.time_limit_seconds <= options_.max_time_limit_seconds)) {
    return Status::InvalidArgument("between 0.1 and " +
                                   std::to_string(options_.max_time_limit_seconds) + " seconds")
        .WithField("time_limit_seconds");
  }
  TB_ASSIGN_OR_RETURN(std::vector<Participant> participants, store_.ListParticipants(id));
  TB_ASSIGN_OR_RETURN(std::vector<MeetingRequest> requests, store_.ListRequests(id));
  TB_ASSIGN_OR_RETURN(BuiltInstance built,
                      BuildInstance(loaded.event, participants, requests, request.seed));
  TB_ASSIGN_OR_RETURN(std::vector<Pin> pins, store_.ListPins(id));
  std::vector<Meeting> published;
  if (request.mode == "reoptimise") {
    TB_ASSIGN_OR_RETURN(published, store_.ListMeetings(id));
  }
  // A run left "running" by a stopped server would block the event for good.
  if (Result<int> stale = store_.FailStaleRuns(clock_.Now(), kRunGraceSeconds); !stale.ok()) {
    return stale.status();
  }
  ScheduleRun run;
  run.event = id;
  run.mode = request.mode;
  run.time_limit_seconds = request.time_limit_seconds;
  run.seed = request.seed;
  run.started_at = clock_.Now();
  run.started_by = actor.user;
  run.instance_json = built.json;
  TB_ASSIGN_OR_RETURN(ScheduleRun stored, store_.CreateRun(std::move(run)));
  if (options_.run_inline) {
    Execute(stored, built.json, std::move(pins), std::move(published));
    TB_ASSIGN_OR_RETURN(ScheduleRun finished, store_.GetRun(id, stored.id));
    return RunView{std::move(finished), 1.0};
  }
  std::lock_guard lock(workers_mutex_);
  std::erase_if(workers_, [](const Worker& w) { return w.done->load(); });  // joins them
  auto done = std::make_shared<std::atomic<bool>>(false);
  workers_.push_back(
      {done, std::jthread([this, done, stored, json = built.json, pins = std::move(pins),
                           published = std::move(published)]() mutable {
         Execute(std::move(stored), std::move(json), std::move(pins), std::move(published));
         done->store(true);
       })});
  return RunView{stored, 0.0};
}

void EventService::Execute(ScheduleRun run, std::string instance_json, std::vector<Pin> pins,
                           std::vector<Meeting> published) {
  std::vector<Meeting> meetings;
  try {
    Result<scheduling::Instance> instance = scheduling::ParseInstance(instance_json);
    if (!instance.ok()) throw std::runtime_error(instance.status().ToString());
    const scheduling::Problem& problem = instance->problem;

    std::vector<Placement> placements;
    std::set<std::int64_t> pinned_requests;
    for (const Pin& pin : pins) {
      placements.push_back({pin.request, pin.officer, pin.slot, true});
      pinned_requests.insert(pin.request.value);
    }
    for (const Meeting& m : published) {
      if (!m.cancelled) placements.push_back({m.request, m.officer, m.slot, m.pinned});
      if (m.pinned) pinned_requests.insert(m.request.value);
    }
    Result<scheduling::OptimiserResult> result = Status::Internal("not run");
    if (run.mode == "reoptimise" && !published.empty()) {
      // The published schedule (and the pins) as the warm start; the engine keeps what is
      // still feasible, penalises every move and reports moves and forced drops apart.
      scheduling::ScheduleFile warm;
      scheduling::ReoptimiseOptions options;
      options.time_limit_seconds = run.time_limit_seconds;
      options.seed = run.seed;
      std::set<std::int64_t> placed_requests;
      for (const Placement& p : placements) {
        if (!placed_requests.insert(p.request.value).second) continue;  // a pin wins
        warm.meetings.push_back({RequestKey(p.request), OfficerKey(p.officer), p.slot, {}});
        options.pinned.push_back(p.pinned ? 1 : 0);
      }
      result = scheduling::Reoptimise(problem, warm, options);
    } else {
      scheduling::OptimiserOptions options;
      options.time_limit_seconds = run.time_limit_seconds;
      options.seed = run.seed;
      AddInitial(problem, placements, options);
      result = scheduling::Optimise(problem, options);
    }
    if (!result.ok()) throw std::runtime_error(result.status().message());

    const scheduling::OptimiserStats& stats = result->stats;
    const scheduling::ScheduleFile file = scheduling::ToScheduleFile(problem, result->schedule);
    const scheduling::CheckReport report = scheduling::CheckSchedule(problem, file, stats.bounds);
    run.bound_count = stats.bounds.ub_count;
    run.bound_weight = stats.bounds.ub_weight;
    run.bound_fairness = stats.bounds.ub_fairness_sum;
    run.greedy = {stats.greedy_meetings, stats.greedy_weight, stats.greedy_fairness,
                  stats.greedy_breaks, 0};
    run.result = {report.meetings, report.weight, report.fairness_sum, report.supplier_breaks, 0};
    run.feasible = report.feasible;
    run.check_errors = report.errors;

    std::map<std::string, std::string> supplier_of_request;
    for (const scheduling::Request& r : problem.requests) {
      supplier_of_request[r.id] = problem.suppliers[r.supplier].id;
    }
    for (const scheduling::ScheduleEntry& entry : file.meetings) {
      Meeting m;
      m.event = run.event;
      m.run = run.id;
      m.request = RequestId{IdOfKey(entry.request)};
      m.supplier = ParticipantId{IdOfKey(supplier_of_request.at(entry.request))};
      m.officer = ParticipantId{IdOfKey(entry.officer)};
      m.slot = static_cast<int>(entry.slot);
      m.table = entry.table.value_or("");
      m.pinned = pinned_requests.contains(m.request.value);
      meetings.push_back(std::move(m));
    }
    run.result.moved = stats.moved;
    run.status = report.feasible ? RunStatus::kDone : RunStatus::kFailed;
    if (!report.feasible) run.error = "the checker refused the schedule";
  } catch (const std::exception& e) {
    run.status = RunStatus::kFailed;
    run.error = e.what();
    meetings.clear();
  }
  run.finished_at = clock_.Now();
  if (Status s = store_.FinishRun(run, meetings); !s.ok()) {
    spdlog::error("events: run {} could not be stored: {}", run.id.value, s.ToString());
  }
}

Result<std::vector<RunView>> EventService::Runs(const auth::Actor& actor, EventId id) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  if (!loaded.manage) return Status::NotFound("no such event").WithField("id");
  TB_ASSIGN_OR_RETURN(std::vector<ScheduleRun> runs, store_.ListRuns(id));
  std::vector<RunView> out;
  const Timestamp now = clock_.Now();
  for (ScheduleRun& run : runs) {
    double progress = 1.0;
    if (run.status == RunStatus::kRunning) {
      const double elapsed = static_cast<double>((now - run.started_at).count()) / 1e6;
      progress = std::clamp(elapsed / std::max(0.1, run.time_limit_seconds), 0.0, 0.99);
    }
    out.push_back({std::move(run), progress});
  }
  return out;
}

Result<RunView> EventService::GetRun(const auth::Actor& actor, EventId id, RunId run) {
  TB_ASSIGN_OR_RETURN(std::vector<RunView> runs, Runs(actor, id));
  for (RunView& view : runs) {
    if (view.run.id == run) return std::move(view);
  }
  return Status::NotFound("no such run").WithField("run");
}

Result<std::string> EventService::RunInstance(const auth::Actor& actor, EventId id, RunId run) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  if (!loaded.manage) return Status::NotFound("no such event").WithField("id");
  TB_ASSIGN_OR_RETURN(ScheduleRun stored, store_.GetRun(id, run));
  return stored.instance_json;
}

Result<std::string> EventService::RunSchedule(const auth::Actor& actor, EventId id, RunId run) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  if (!loaded.manage) return Status::NotFound("no such event").WithField("id");
  TB_ASSIGN_OR_RETURN(ScheduleRun stored, store_.GetRun(id, run));
  if (stored.status == RunStatus::kRunning) return Status::FailedPrecondition("still running");
  TB_ASSIGN_OR_RETURN(std::vector<Meeting> meetings, store_.RunMeetings(id, run));
  Result<scheduling::Instance> instance = scheduling::ParseInstance(stored.instance_json);
  if (!instance.ok()) return Status::Internal("the run's instance does not parse");
  scheduling::ScheduleFile file;
  file.instance_fingerprint = instance->problem.fingerprint;
  file.solver = "tenderbridge events run " + std::to_string(run.value);
  for (const Meeting& m : meetings) {
    file.meetings.push_back({RequestKey(m.request), OfficerKey(m.officer), m.slot,
                             m.table.empty() ? std::nullopt : std::optional(m.table)});
  }
  return scheduling::WriteSchedule(file);
}

Result<std::vector<Meeting>> EventService::Publish(const auth::Actor& actor, EventId id,
                                                   RunId run) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  if (!loaded.manage) return Status::PermissionDenied("only the organiser's staff publish");
  TB_ASSIGN_OR_RETURN(ScheduleRun stored, store_.GetRun(id, run));
  if (stored.status != RunStatus::kDone || !stored.feasible) {
    return Status::FailedPrecondition("only a finished run that passed the checker is published")
        .WithField("run");
  }
  TB_ASSIGN_OR_RETURN(std::vector<Meeting> before, store_.ListMeetings(id));
  TB_ASSIGN_OR_RETURN(std::vector<Meeting> after, store_.PublishRun(id, run));
  // Everyone whose list of (request, officer, slot) changed is told.
  auto agenda_of = [](const std::vector<Meeting>& meetings) {
    std::map<std::int64_t, std::set<std::tuple<std::int64_t, std::int64_t, int>>> by_person;
    for (const Meeting& m : meetings) {
      if (m.cancelled) continue;
      by_person[m.supplier.value].insert({m.request.value, m.officer.value, m.slot});
      by_person[m.officer.value].insert({m.request.value, m.officer.value, m.slot});
    }
    return by_person;
  };
  auto old_agendas = agenda_of(before), new_agendas = agenda_of(after);
  std::set<std::int64_t> people;
  for (const auto& [person, set] : old_agendas) people.insert(person);
  for (const auto& [person, set] : new_agendas) people.insert(person);
  TB_ASSIGN_OR_RETURN(std::vector<Participant> participants, store_.ListParticipants(id));
  for (std::int64_t person : people) {
    if (old_agendas[person] == new_agendas[person]) continue;
    const Participant* p = FindParticipant(participants, ParticipantId{person});
    if (p == nullptr) continue;
    Mail(p->email,
         loaded.event.name + ": your meeting agenda " +
             (old_agendas[person].empty() ? "is ready" : "changed"),
         "You have " + std::to_string(new_agendas[person].size()) + " meetings at " +
             loaded.event.name + ".\nYour agenda: " + options_.public_base_url + "/events/" +
             std::to_string(id.value) + "/agenda\n");
  }
  return after;
}

Result<std::vector<Meeting>> EventService::Meetings(const auth::Actor& actor, EventId id) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  if (!actor.authenticated()) return Status::Unauthenticated("sign in");
  TB_ASSIGN_OR_RETURN(std::vector<Meeting> all, store_.ListMeetings(id));
  if (loaded.manage) return all;
  TB_ASSIGN_OR_RETURN(std::vector<Participant> participants, store_.ListParticipants(id));
  std::vector<Meeting> mine;
  for (Meeting& m : all) {
    const Participant* s = FindParticipant(participants, m.supplier);
    const Participant* o = FindParticipant(participants, m.officer);
    if ((s != nullptr && IsParticipantActor(actor, *s)) ||
        (o != nullptr && IsParticipantActor(actor, *o))) {
      mine.push_back(std::move(m));
    }
  }
  return mine;
}

Status EventService::SetPin(const auth::Actor& actor, EventId id, const Pin& pin) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  if (!loaded.manage) return Status::PermissionDenied("only the organiser's staff pin meetings");
  Result<MeetingRequest> request = store_.GetRequest(id, pin.request);
  if (!request.ok()) return Status::InvalidArgument("no such request").WithField("request");
  if (request->status != RequestStatus::kAccepted) {
    return Status::InvalidArgument("only an accepted request is pinned").WithField("request");
  }
  Result<Participant> officer = store_.GetParticipant(id, pin.officer);
  if (!officer.ok() || officer->kind != ParticipantKind::kOfficer || officer->cancelled) {
    return Status::InvalidArgument("not an officer of this event").WithField("officer");
  }
  const bool eligible = request->targets_officer ? request->target_officer == officer->id
                                                 : request->target_agency == officer->organisation;
  if (!eligible) {
    return Status::InvalidArgument("the request is not addressed to this officer")
        .WithField("officer");
  }
  TB_ASSIGN_OR_RETURN(std::vector<EventSlot> slots, DeriveSlots(loaded.event));
  if (pin.slot < 0 || pin.slot >= static_cast<int>(slots.size())) {
    return Status::InvalidArgument("no such slot").WithField("slot");
  }
  return store_.SetPin(id, pin);
}

Status EventService::DeletePin(const auth::Actor& actor, EventId id, RequestId request) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  if (!loaded.manage) return Status::PermissionDenied("only the organiser's staff pin meetings");
  return store_.DeletePin(id, request);
}

Result<std::vector<Pin>> EventService::Pins(const auth::Actor& actor, EventId id) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  if (!loaded.manage) return Status::NotFound("no such event").WithField("id");
  return store_.ListPins(id);
}

Result<Meeting> EventService::RecordOutcome(const auth::Actor& actor, EventId id,
                                            MeetingId meeting_id, std::string_view outcome,
                                            std::string note) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  Result<Meeting> meeting = store_.GetMeeting(id, meeting_id);
  if (!meeting.ok()) return Status::NotFound("no such meeting").WithField("meeting");
  Result<Participant> officer = store_.GetParticipant(id, meeting->officer);
  const bool own = officer.ok() && officer->user.valid() && officer->user == actor.user;
  if (!own && !loaded.manage) {
    Result<Participant> supplier = store_.GetParticipant(id, meeting->supplier);
    if (supplier.ok() && IsParticipantActor(actor, *supplier)) {
      return Status::PermissionDenied("the officer records the outcome");
    }
    return Status::NotFound("no such meeting").WithField("meeting");
  }
  const std::optional<Outcome> parsed = ParseOutcome(outcome);
  if (!parsed) {
    return Status::InvalidArgument("follow_up, invited_to_bid or not_relevant")
        .WithField("outcome");
  }
  if (note.size() > 2000) return Status::InvalidArgument("at most 2000 bytes").WithField("note");
  Meeting updated = *meeting;
  updated.outcome = *parsed;
  updated.outcome_note = std::move(note);
  return store_.UpdateMeeting(updated);
}

Status EventService::RecoverRuns() {
  Result<int> failed = store_.FailStaleRuns(clock_.Now(), kRunGraceSeconds);
  if (!failed.ok()) return failed.status();
  if (*failed > 0) spdlog::warn("events: {} scheduler runs interrupted by a stop", *failed);
  return Status::Ok();
}

}  // namespace tb::events
