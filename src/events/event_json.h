#pragma once

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "events/event.h"
#include "events/participant.h"

namespace tb::events {

// The API and storage forms of the events model (docs/events.md). Readers are strict:
// unknown fields, wrong types and server-owned fields are InvalidArgument naming the field
// as a JSON pointer.

nlohmann::json ToJson(const Event& event);
nlohmann::json ToJson(const EventSlot& slot);
nlohmann::json ToJson(const Participant& participant);
nlohmann::json ToJson(const MeetingRequest& request);
nlohmann::json ToJson(const ScheduleRun& run);  // without instance_json
nlohmann::json ToJson(const Meeting& meeting);
nlohmann::json ToJson(const Pin& pin);

// Applies the editable fields of `body` (a whole object or a merge patch) to `event`.
Status ApplyEventJson(const nlohmann::json& body, Event& event);
// The editable fields of a participant. `staff` may also set the fields only staff set
// (table, user, organisation, kind).
Status ApplyParticipantJson(const nlohmann::json& body, bool staff, Participant& participant);

// Storage round trips (every field, server-owned ones included).
Result<Event> EventFromStored(const nlohmann::json& doc);
Result<Participant> ParticipantFromStored(const nlohmann::json& doc);
Result<MeetingRequest> RequestFromStored(const nlohmann::json& doc);
Result<ScheduleRun> RunFromStored(const nlohmann::json& doc);
Result<Meeting> MeetingFromStored(const nlohmann::json& doc);
nlohmann::json ToStored(const Event& event);
nlohmann::json ToStored(const Participant& participant);
nlohmann::json ToStored(const MeetingRequest& request);
nlohmann::json ToStored(const ScheduleRun& run);
nlohmann::json ToStored(const Meeting& meeting);

}  // namespace tb::events
