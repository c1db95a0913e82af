#include "events/internal/service_support.h"

#include <algorithm>

#include "auth/policy.h"

namespace tb::events::internal {

bool IsOrganiserStaff(const auth::Actor& actor, const Event& event) {
  return auth::IsCentreStaff(actor) && actor.Has(auth::Role::kCentreStaff, event.organiser);
}

bool IsParticipantActor(const auth::Actor& actor, const Participant& participant) {
  if (!actor.authenticated()) return false;
  if (participant.user.valid() && participant.user == actor.user) return true;
  return participant.kind == ParticipantKind::kSupplier && participant.organisation.valid() &&
         auth::CanActForSupplier(actor, participant.organisation);
}

bool CanDecide(const auth::Actor& actor, const MeetingRequest& request,
               const std::vector<Participant>& participants) {
  if (!auth::IsAgencyOfficer(actor)) return false;
  if (request.targets_officer) {
    const Participant* officer = FindParticipant(participants, request.target_officer);
    return officer != nullptr && officer->user.valid() && officer->user == actor.user;
  }
  return auth::CanActForAgency(actor, request.target_agency);
}

Participant PublicView(Participant participant) {
  participant.email.clear();
  participant.user = UserId{};
  participant.availability.clear();
  participant.delegation.clear();
  participant.interpreter_group.clear();
  participant.checked_in_at.reset();
  participant.max_meetings_per_day = 0;
  participant.max_meetings = 0;
  participant.auto_accept = AutoAccept::kNone;
  return participant;
}

const Participant* FindParticipant(const std::vector<Participant>& participants, ParticipantId id) {
  auto it = std::find_if(participants.begin(), participants.end(),
                         [&](const Participant& p) { return p.id == id; });
  return it == participants.end() ? nullptr : &*it;
}

int SharedLevels(const std::string& a, const std::string& b) {
  int levels = 0;
  for (std::size_t i = 0; i + 1 < a.size() && i + 1 < b.size() && levels < 4; i += 2) {
    if (a[i] != b[i] || a[i + 1] != b[i + 1]) break;
    // "00" pairs are padding of a higher-level code: they match nothing below.
    if (a[i] == '0' && a[i + 1] == '0') break;
    ++levels;
  }
  return levels;
}

}  // namespace tb::events::internal
