#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "events/event.h"
#include "events/participant.h"

namespace tb::events {

// An event's scheduling problem written as the optimiser tool's instance document
// (`tenderbridge.meetings.instance/1`, ../shared/ALGORITHMS.md A.8), with the maps back from
// its ids to the event's rows. Writing the document first and parsing it with the
// optimiser's reader means the problem solved is exactly the one the API exports for the
// tool's `check`.
struct BuiltInstance {
  std::string json;  // the instance document
  std::vector<EventSlot> slots;
  std::map<std::string, ParticipantId> officers;   // "O12" -> participant
  std::map<std::string, ParticipantId> suppliers;  // "S40" -> participant
  std::map<std::string, RequestId> requests;       // "R7" -> request
  std::map<std::string, std::string> tables;       // officer id -> table (dedicated mode)
};

std::string OfficerKey(ParticipantId id);
std::string SupplierKey(ParticipantId id);
std::string RequestKey(RequestId id);

// Cancelled participants and requests (and requests whose supplier or target is cancelled)
// are left out; pending and declined requests are kept with their status, as the tool's
// instances keep them, and only accepted ones are schedulable. Availability windows become
// the slots they contain whole; caps per day come from the participant or the event's rules;
// interpreter groups become groups with the event's max_parallel.
Result<BuiltInstance> BuildInstance(const Event& event,
                                    const std::vector<Participant>& participants,
                                    const std::vector<MeetingRequest>& requests,
                                    std::uint64_t seed);

}  // namespace tb::events
