// Meeting requests (issue #7 item 2): suggestions by UNSPSC overlap, requests within the
// quota, officers' decisions and auto-accept rules, cancellation.
#include <algorithm>
#include <map>
#include <set>

#include "auth/policy.h"
#include "events/event_service.h"
#include "events/internal/json_fields.h"
#include "events/internal/service_support.h"

namespace tb::events {

using internal::FindParticipant;
using internal::IsParticipantActor;
using nlohmann::json;

namespace {

// Code overlap of a supplier's offer and an agency's (or officer's) focus: for each supplier
// code the deepest level shared with any focus code, summed and scaled to 0..1.
double Overlap(const std::vector<std::string>& offer, const std::vector<std::string>& focus,
               std::vector<std::string>* shared) {
  if (offer.empty() || focus.empty()) return 0;
  double total = 0;
  for (const std::string& code : offer) {
    int best = 0;
    for (const std::string& f : focus) best = std::max(best, internal::SharedLevels(code, f));
    if (best > 0 && shared != nullptr) shared->push_back(code);
    total += best / 4.0;
  }
  return total / static_cast<double>(offer.size());
}

bool AutoAccepts(const Participant& officer, const MeetingRequest& request,
                 const Participant& supplier) {
  switch (officer.auto_accept) {
    case AutoAccept::kAll:
      return true;
    case AutoAccept::kPriorityOne:
      return request.priority == 1;
    case AutoAccept::kCodeOverlap:
      return Overlap(supplier.codes, officer.codes, nullptr) > 0;
    case AutoAccept::kNone:
      return false;
  }
  return false;
}

}  // namespace

Result<std::vector<Suggestion>> EventService::Suggestions(const auth::Actor& actor, EventId id) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  TB_ASSIGN_OR_RETURN(std::vector<Participant> all, store_.ListParticipants(id));
  std::vector<std::string> offer;
  bool registered = false;
  for (const Participant& p : all) {
    if (!p.cancelled && p.kind == ParticipantKind::kSupplier && IsParticipantActor(actor, p)) {
      registered = true;
      offer.insert(offer.end(), p.codes.begin(), p.codes.end());
    }
  }
  if (!registered) {
    return Status::FailedPrecondition("register your company for the event first");
  }
  std::map<std::int64_t, Suggestion> by_agency;
  std::map<std::int64_t, std::vector<std::string>> focus;
  for (const Participant& p : all) {
    if (p.cancelled || p.kind != ParticipantKind::kOfficer || !p.organisation.valid()) continue;
    Suggestion& s = by_agency[p.organisation.value];
    s.organisation = p.organisation;
    s.name = p.organisation_name;
    focus[p.organisation.value].insert(focus[p.organisation.value].end(), p.codes.begin(),
                                       p.codes.end());
  }
  std::vector<Suggestion> out;
  for (auto& [agency, suggestion] : by_agency) {
    suggestion.score = Overlap(offer, focus[agency], &suggestion.shared_codes);
    out.push_back(std::move(suggestion));
  }
  std::stable_sort(out.begin(), out.end(), [](const Suggestion& a, const Suggestion& b) {
    return a.score != b.score ? a.score > b.score : a.name < b.name;
  });
  (void)loaded;
  return out;
}

Result<std::vector<RequestView>> EventService::Requests(const auth::Actor& actor, EventId id,
                                                        std::optional<RequestStatus> status) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  if (!actor.authenticated()) return Status::Unauthenticated("sign in");
  TB_ASSIGN_OR_RETURN(std::vector<Participant> participants, store_.ListParticipants(id));
  TB_ASSIGN_OR_RETURN(std::vector<MeetingRequest> all, store_.ListRequests(id));
  std::map<std::int64_t, std::string> agency_names;
  for (const Participant& p : participants) {
    if (p.kind == ParticipantKind::kOfficer && p.organisation.valid()) {
      agency_names[p.organisation.value] = p.organisation_name;
    }
  }
  std::vector<RequestView> out;
  for (MeetingRequest& r : all) {
    if (status && r.status != *status) continue;
    const Participant* supplier = FindParticipant(participants, r.supplier);
    const bool own = supplier != nullptr && IsParticipantActor(actor, *supplier);
    if (!loaded.manage && !own && !internal::CanDecide(actor, r, participants)) continue;
    RequestView view;
    if (supplier != nullptr) {
      view.supplier_name =
          supplier->organisation_name.empty() ? supplier->name : supplier->organisation_name;
      view.supplier_pitch = supplier->pitch;
      view.supplier_codes = supplier->codes;
    }
    if (r.targets_officer) {
      const Participant* officer = FindParticipant(participants, r.target_officer);
      if (officer != nullptr) view.target_name = officer->name;
    } else {
      view.target_name = agency_names[r.target_agency.value];
    }
    view.request = std::move(r);
    out.push_back(std::move(view));
  }
  return out;
}

Result<MeetingRequest> EventService::Request(const auth::Actor& actor, EventId id,
                                             const json& body) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  if (!actor.authenticated()) return Status::Unauthenticated("sign in");
  internal::FieldReader reader(body, "");
  std::int64_t supplier_id = 0, target_id = 0;
  std::string target_type, reason;
  int priority = 2;
  reader.Only({"supplier", "target", "priority", "reason"})
      .Int64("supplier", supplier_id)
      .Int("priority", priority, 1, 3)
      .Text("reason", reason, 1200);
  const json* target = reader.Object("target");
  if (!reader.ok()) return reader.status();
  if (target == nullptr) return Status::InvalidArgument("required").WithField("/target");
  internal::FieldReader target_reader(*target, "/target");
  target_reader.Only({"type", "id"}).Text("type", target_type, 16).Int64("id", target_id);
  if (!target_reader.ok()) return target_reader.status();
  if (target_type != "agency" && target_type != "officer") {
    return Status::InvalidArgument("agency or officer").WithField("/target/type");
  }
  if (reason.size() > 280 * 4) return Status::InvalidArgument("too long").WithField("/reason");

  TB_ASSIGN_OR_RETURN(std::vector<Participant> participants, store_.ListParticipants(id));
  // The actor's own supplier participant: the one named, or its only one.
  const Participant* supplier = nullptr;
  for (const Participant& p : participants) {
    if (p.cancelled || p.kind != ParticipantKind::kSupplier || !IsParticipantActor(actor, p)) {
      continue;
    }
    if (supplier_id == 0 || p.id.value == supplier_id) {
      if (supplier != nullptr && supplier_id == 0) {
        return Status::InvalidArgument("you have several registrations; say which")
            .WithField("/supplier");
      }
      supplier = &p;
    }
  }
  if (supplier == nullptr) {
    return Status::PermissionDenied("register your company for the event first")
        .WithField("/supplier");
  }
  if (loaded.event.status != EventStatus::kOpen) {
    return Status::FailedPrecondition("requests are taken while the event is open");
  }
  MeetingRequest request;
  request.event = id;
  request.supplier = supplier->id;
  request.priority = priority;
  request.reason = reason;
  request.created_at = clock_.Now();
  const Participant* officer = nullptr;
  if (target_type == "officer") {
    officer = FindParticipant(participants, ParticipantId{target_id});
    if (officer == nullptr || officer->cancelled || officer->kind != ParticipantKind::kOfficer) {
      return Status::InvalidArgument("not an officer of this event").WithField("/target/id");
    }
    request.targets_officer = true;
    request.target_officer = officer->id;
  } else {
    const bool attends = std::any_of(participants.begin(), participants.end(), [&](auto& p) {
      return !p.cancelled && p.kind == ParticipantKind::kOfficer &&
             p.organisation.value == target_id;
    });
    if (!attends) {
      return Status::InvalidArgument("no officer of this agency attends").WithField("/target/id");
    }
    request.target_agency = OrganisationId{target_id};
  }
  // Auto-accept: the named officer's rule, or for an agency the rule of any of its officers.
  for (const Participant& p : participants) {
    const bool relevant = officer != nullptr
                              ? p.id == officer->id
                              : (!p.cancelled && p.kind == ParticipantKind::kOfficer &&
                                 p.organisation == request.target_agency);
    if (relevant && AutoAccepts(p, request, *supplier)) {
      request.status = RequestStatus::kAccepted;
      request.decided_at = request.created_at;
      break;
    }
  }
  Result<MeetingRequest> stored =
      store_.AddRequest(std::move(request), loaded.event.rules.request_quota);
  if (!stored.ok() && stored.status().code() == StatusCode::kResourceExhausted) {
    // 409 with field "quota": the supplier must cancel one first (413 would say "too big").
    return Status::FailedPrecondition("at most " +
                                      std::to_string(loaded.event.rules.request_quota) +
                                      " open requests per company; cancel one first")
        .WithField("quota");
  }
  return stored;
}

Result<MeetingRequest> EventService::Decide(const auth::Actor& actor, EventId id,
                                            RequestId request_id, bool accept) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  TB_ASSIGN_OR_RETURN(std::vector<Participant> participants, store_.ListParticipants(id));
  Result<MeetingRequest> request = store_.GetRequest(id, request_id);
  if (!request.ok()) return Status::NotFound("no such request").WithField("request");
  const Participant* supplier = FindParticipant(participants, request->supplier);
  const bool decider = internal::CanDecide(actor, *request, participants);
  if (!decider) {
    if (loaded.manage || (supplier != nullptr && IsParticipantActor(actor, *supplier))) {
      return Status::PermissionDenied("only the officers the request is addressed to decide");
    }
    return Status::NotFound("no such request").WithField("request");
  }
  if (request->status == RequestStatus::kCancelled) {
    return Status::FailedPrecondition("the supplier cancelled this request");
  }
  if (loaded.event.status == EventStatus::kFinished ||
      loaded.event.status == EventStatus::kCancelled) {
    return Status::FailedPrecondition("the event is over");
  }
  MeetingRequest updated = *request;
  updated.status = accept ? RequestStatus::kAccepted : RequestStatus::kDeclined;
  updated.decided_by = actor.user;
  updated.decided_at = clock_.Now();
  TB_ASSIGN_OR_RETURN(MeetingRequest stored, store_.UpdateRequest(updated));
  if (supplier != nullptr && request->status != updated.status) {
    Mail(supplier->email,
         loaded.event.name + ": meeting request " + std::string(accept ? "accepted" : "declined"),
         "Your meeting request #" + std::to_string(stored.id.value) + " was " +
             (accept ? "accepted" : "declined") + ".\n");
  }
  return stored;
}

Result<MeetingRequest> EventService::CancelRequest(const auth::Actor& actor, EventId id,
                                                   RequestId request_id) {
  TB_ASSIGN_OR_RETURN(Loaded loaded, Load(actor, id));
  TB_ASSIGN_OR_RETURN(std::vector<Participant> participants, store_.ListParticipants(id));
  Result<MeetingRequest> request = store_.GetRequest(id, request_id);
  if (!request.ok()) return Status::NotFound("no such request").WithField("request");
  const Participant* supplier = FindParticipant(participants, request->supplier);
  const bool own = supplier != nullptr && IsParticipantActor(actor, *supplier);
  if (!own && !loaded.manage) {
    if (internal::CanDecide(actor, *request, participants)) {
      return Status::PermissionDenied("officers decline; the supplier cancels");
    }
    return Status::NotFound("no such request").WithField("request");
  }
  if (request->status == RequestStatus::kCancelled) return *request;
  MeetingRequest updated = *request;
  updated.status = RequestStatus::kCancelled;
  return store_.UpdateRequest(updated);
}

}  // namespace tb::events
