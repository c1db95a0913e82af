#pragma once

#include <string>
#include <vector>

#include "auth/actor.h"
#include "events/event.h"
#include "events/participant.h"

namespace tb::events::internal {

// Centre staff (MFA passed) of the organising centre.
bool IsOrganiserStaff(const auth::Actor& actor, const Event& event);

// The actor is this participant: its own user, or (suppliers) a user of its company.
bool IsParticipantActor(const auth::Actor& actor, const Participant& participant);

// An agency officer (MFA passed) of the agency a request targets or, for a named officer,
// that officer's own user.
bool CanDecide(const auth::Actor& actor, const MeetingRequest& request,
               const std::vector<Participant>& participants);

// The same participant with what only staff and the participant itself see removed
// (e-mail, account, availability, delegation names).
Participant PublicView(Participant participant);

const Participant* FindParticipant(const std::vector<Participant>& participants, ParticipantId id);

// Shared UNSPSC prefix depth of two codes in levels (0-4).
int SharedLevels(const std::string& a, const std::string& b);

}  // namespace tb::events::internal
