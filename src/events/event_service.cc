// Events and participants (issue #7 item 1): the builder, status, registration with its
// confirmation e-mail, staff-added and imported participants, check-in.
#include "events/event_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <set>

#include "auth/mailer.h"
#include "auth/policy.h"
#include "events/event_json.h"
#include "events/internal/instance_import.h"
#include "events/internal/service_support.h"
#include "scheduling/json_io.h"

namespace tb::events {

using internal::IsOrganiserStaff;
using internal::IsParticipantActor;
using nlohmann::json;

EventService::EventService(EventStore& store, const Clock& clock, OrganisationDirectory& directory,
                           auth::Mailer* mailer, EventServiceOptions options)
    : store_(store),
      clock_(clock),
      directory_(directory),
      mailer_(mailer),
      options_(std::move(options)) {}

EventService::~EventService() {
  std::vector<Worker> workers;
  {
    std::lock_guard lock(workers_mutex_);
    workers.swap(workers_);
  }
  // jthread joins on destruction.
}

bool EventService::CanManage(const auth::Actor& actor, const Event& event) const {
  return IsOrganiserStaff(actor, event);
}

Result<EventService::Loaded> EventService::Load(const auth::Actor& actor, EventId id) {
  Result<Event> event = store_.GetEvent(id);
  if (!event.ok()) {
    if (event.status().code() == StatusCode::kNotFound) {
      return Status::NotFound("no such event").WithField("id");
    }
    return event.status();
  }
  const bool manage = CanManage(actor, *event);
  if (event->status == EventStatus::kDraft && !manage) {
    return Status::NotFound("no such event").WithField("id");
  }
  return Loaded{std::move(event).value(), manage};
}

void EventService::Mail(const std::string& to, const std::string& subject,
                        const std::string& text) {
  if (mailer_ == nullptr || to.empty()) return;
  if (Status sent = mailer_->Send({to, subject, text}); !sent.ok()) {
    spdlog::warn("events: mail not sent: {}", sent.ToString());
  }
}

Result<Event> EventService::Create(const auth::Actor& actor, const json& body) {
  const std::vector<OrganisationId> centres = actor.OrganisationsWith(auth::Role::kCentreStaff);
  if (!auth::IsCentreStaff(actor) || centres.empty()) {
    return Status::PermissionDenied("only centre staff create events");
  }
  Event event;
  event.organiser = centres.front();
  if (Status s = ApplyEventJson(body, event); !s.ok()) return s;
  event.created_at = event.updated_at = clock_.Now();
  return store_.CreateEvent(std::move(event));
}

Result<EventView> EventService::Get(const auth::Actor& actor, EventId id) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  EventView view;
  view.manage = loaded.manage;
  TB_ASSIGN_OR_RETURN(view.slots, DeriveSlots(loaded.event));
  TB_ASSIGN_OR_RETURN(std::vector<Participant> participants,
                      store_.ListParticipants(loaded.event.id));
  std::map<std::int64_t, AgencyView> agencies;
  for (const Participant& p : participants) {
    if (p.cancelled || p.kind != ParticipantKind::kOfficer || !p.organisation.valid()) continue;
    AgencyView& agency = agencies[p.organisation.value];
    agency.organisation = p.organisation;
    agency.name = p.organisation_name;
    ++agency.officers;
    agency.codes.insert(agency.codes.end(), p.codes.begin(), p.codes.end());
    if (!p.focus.empty()) agency.focus.push_back(p.focus);
  }
  for (auto& [key, agency] : agencies) {
    std::sort(agency.codes.begin(), agency.codes.end());
    agency.codes.erase(std::unique(agency.codes.begin(), agency.codes.end()), agency.codes.end());
    view.agencies.push_back(std::move(agency));
  }
  view.event = std::move(loaded.event);
  return view;
}

Result<std::vector<Event>> EventService::List(const auth::Actor& actor) {
  TB_ASSIGN_OR_RETURN(std::vector<Event> all, store_.ListEvents());
  std::vector<Event> visible;
  for (Event& event : all) {
    if (event.status != EventStatus::kDraft || CanManage(actor, event)) {
      visible.push_back(std::move(event));
    }
  }
  return visible;
}

Result<Event> EventService::Patch(const auth::Actor& actor, EventId id, const json& patch,
                                  std::optional<std::int64_t> expected_version) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  if (!loaded.manage) return Status::PermissionDenied("only the organiser's staff edit an event");
  if (loaded.event.status == EventStatus::kFinished ||
      loaded.event.status == EventStatus::kCancelled) {
    return Status::FailedPrecondition("a finished or cancelled event cannot change");
  }
  if (expected_version && *expected_version != loaded.event.version) {
    return Status::FailedPrecondition("the event changed since it was read").WithField("If-Match");
  }
  Event event = loaded.event;
  if (Status s = ApplyEventJson(patch, event); !s.ok()) return s;
  event.updated_at = clock_.Now();
  return store_.UpdateEvent(std::move(event), loaded.event.version);
}

Result<Event> EventService::SetStatus(const auth::Actor& actor, EventId id,
                                      std::string_view status) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  if (!loaded.manage) return Status::PermissionDenied("only the organiser's staff change status");
  const std::optional<EventStatus> to = ParseEventStatus(status);
  if (!to) {
    return Status::InvalidArgument("open, closed, finished or cancelled").WithField("status");
  }
  if (!CanMoveEvent(loaded.event.status, *to)) {
    return Status::FailedPrecondition("an event that is " +
                                      std::string(EventStatusName(loaded.event.status)) +
                                      " cannot become " + std::string(status))
        .WithField("status");
  }
  if (*to == EventStatus::kOpen) {
    TB_ASSIGN_OR_RETURN(std::vector<EventSlot> slots, DeriveSlots(loaded.event));
    if (slots.empty()) {
      return Status::FailedPrecondition("add days and sessions with meeting slots first")
          .WithField("days");
    }
  }
  Event event = loaded.event;
  event.status = *to;
  event.updated_at = clock_.Now();
  return store_.UpdateEvent(std::move(event), loaded.event.version);
}

Result<std::vector<Participant>> EventService::Participants(const auth::Actor& actor, EventId id,
                                                            std::optional<ParticipantKind> kind) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  if (!actor.authenticated()) return Status::Unauthenticated("sign in to see participants");
  TB_ASSIGN_OR_RETURN(std::vector<Participant> all, store_.ListParticipants(id));
  std::vector<Participant> out;
  for (Participant& p : all) {
    if (kind && p.kind != *kind) continue;
    if (loaded.manage || IsParticipantActor(actor, p)) {
      out.push_back(std::move(p));
    } else if (p.kind == ParticipantKind::kOfficer && !p.cancelled) {
      out.push_back(internal::PublicView(std::move(p)));  // suppliers browse officers
    }
  }
  return out;
}

Result<Participant> EventService::AddParticipant(const auth::Actor& actor, EventId id,
                                                 const json& body) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  if (!loaded.manage) return Status::PermissionDenied("only the organiser's staff add people");
  if (!body.is_object() || !body.contains("kind")) {
    return Status::InvalidArgument("officer or supplier").WithField("/kind");
  }
  Participant p;
  p.event = id;
  if (Status s = ApplyParticipantJson(body, true, p); !s.ok()) return s;
  if (p.organisation.valid()) {
    TB_ASSIGN_OR_RETURN(std::optional<OrganisationInfo> org, directory_.Find(p.organisation));
    const bool fits = org && (p.kind == ParticipantKind::kOfficer ? org->agency : org->supplier);
    if (!fits) {
      return Status::InvalidArgument(p.kind == ParticipantKind::kOfficer ? "not an agency"
                                                                         : "not a supplier company")
          .WithField("/organisation");
    }
    p.organisation_name = org->name;
  }
  p.created_at = clock_.Now();
  return store_.AddParticipant(std::move(p));
}

Result<Participant> EventService::PatchParticipant(const auth::Actor& actor, EventId id,
                                                   ParticipantId participant, const json& patch) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  Result<Participant> stored = store_.GetParticipant(id, participant);
  if (!stored.ok() || !(loaded.manage || IsParticipantActor(actor, *stored))) {
    return Status::NotFound("no such participant").WithField("participant");
  }
  Participant p = *stored;
  if (Status s = ApplyParticipantJson(patch, loaded.manage, p); !s.ok()) return s;
  return store_.UpdateParticipant(p);
}

Result<Participant> EventService::Register(const auth::Actor& actor, EventId id, const json& body) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  if (!actor.authenticated()) return Status::Unauthenticated("sign in to register");
  if (loaded.event.status != EventStatus::kOpen) {
    return Status::FailedPrecondition("registration is not open");
  }
  if (!body.is_object()) return Status::InvalidArgument("must be an object").WithField("/");
  json fields = body;
  Participant p;
  p.event = id;
  p.user = actor.user;
  p.email = actor.email;
  const bool officer = auth::IsAgencyOfficer(actor);
  const auth::Role role = officer ? auth::Role::kAgencyOfficer : auth::Role::kSupplierUser;
  const char* org_field = officer ? "organisation" : "supplier";
  std::vector<OrganisationId> orgs = actor.OrganisationsWith(role);
  if (orgs.empty()) {
    return Status::PermissionDenied("only agency officers and supplier users register");
  }
  OrganisationId org = orgs.front();
  if (fields.contains(org_field)) {
    if (!fields[org_field].is_number_integer()) {
      return Status::InvalidArgument("an organisation id").WithField(std::string("/") + org_field);
    }
    org = OrganisationId{fields[org_field].get<std::int64_t>()};
    if (std::find(orgs.begin(), orgs.end(), org) == orgs.end()) {
      return Status::PermissionDenied("not one of your organisations")
          .WithField(std::string("/") + org_field);
    }
    fields.erase(org_field);
  } else if (orgs.size() > 1) {
    return Status::InvalidArgument("you belong to several; say which")
        .WithField(std::string("/") + org_field);
  }
  p.kind = officer ? ParticipantKind::kOfficer : ParticipantKind::kSupplier;
  p.organisation = org;
  TB_ASSIGN_OR_RETURN(std::optional<OrganisationInfo> info, directory_.Find(org));
  if (info) {
    p.organisation_name = info->name;
    if (!officer) p.codes = info->codes;
  }
  if (!fields.contains("name")) {
    // Not the e-mail address: officers' names are shown to the suppliers of the event.
    const std::string org_name = info ? info->name : "";
    p.name = officer ? "Officer" + (org_name.empty() ? "" : ", " + org_name)
                     : (org_name.empty() ? "Supplier" : org_name);
  }
  if (Status s = ApplyParticipantJson(fields, false, p); !s.ok()) return s;
  p.created_at = clock_.Now();
  TB_ASSIGN_OR_RETURN(Participant stored, store_.AddParticipant(std::move(p)));
  Mail(stored.email, "Registered: " + loaded.event.name,
       "You are registered for " + loaded.event.name +
           (loaded.event.venue.empty() ? "" : " at " + loaded.event.venue) + ".\nYour agenda: " +
           options_.public_base_url + "/events/" + std::to_string(id.value) + "/agenda\n");
  return stored;
}

Result<std::vector<Participant>> EventService::Mine(const auth::Actor& actor, EventId id) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  (void)loaded;
  if (!actor.authenticated()) return Status::Unauthenticated("sign in");
  TB_ASSIGN_OR_RETURN(std::vector<Participant> all, store_.ListParticipants(id));
  std::vector<Participant> mine;
  for (Participant& p : all) {
    if (!p.cancelled && IsParticipantActor(actor, p)) mine.push_back(std::move(p));
  }
  return mine;
}

Result<Participant> EventService::CheckIn(const auth::Actor& actor, EventId id,
                                          ParticipantId participant) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  if (!loaded.manage) return Status::PermissionDenied("only the organiser's staff check people in");
  TB_ASSIGN_OR_RETURN(Participant p, store_.GetParticipant(id, participant));
  if (p.cancelled) return Status::FailedPrecondition("the participant's registration is cancelled");
  p.checked_in_at = clock_.Now();
  return store_.UpdateParticipant(p);
}

Result<std::pair<int, int>> EventService::Import(const auth::Actor& actor, EventId id,
                                                 std::string_view instance_json) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  if (!loaded.manage) return Status::PermissionDenied("only the organiser's staff import");
  TB_ASSIGN_OR_RETURN(scheduling::Instance instance, scheduling::ParseInstance(instance_json));
  const scheduling::Problem& problem = instance.problem;
  TB_ASSIGN_OR_RETURN(std::vector<EventSlot> slots, DeriveSlots(loaded.event));
  if (Status s = internal::SameSlots(slots, problem); !s.ok()) return s;
  TB_ASSIGN_OR_RETURN(ImportBatch batch,
                      internal::BatchFromInstance(problem, slots, directory_, id, clock_.Now()));
  const int people = static_cast<int>(batch.participants.size());
  const int requests = static_cast<int>(batch.requests.size());
  if (Status s = store_.Import(id, std::move(batch)); !s.ok()) return s;
  return std::make_pair(people, requests);
}

}  // namespace tb::events
