#pragma once

#include <vector>

#include "core/result.h"
#include "core/timestamp.h"
#include "events/event.h"
#include "events/event_service.h"
#include "events/event_store.h"
#include "scheduling/problem.h"

namespace tb::events::internal {

// InvalidArgument (field "slots") unless the event's slots are the instance's: same count,
// and each with the same day and local start time.
Status SameSlots(const std::vector<EventSlot>& slots, const scheduling::Problem& problem);

// The participants and requests of an optimiser instance as rows of the event: officers by
// agency (agencies looked up by name, created when missing), suppliers as delegations with
// their availability as windows, interpreter groups, requests with their statuses.
Result<ImportBatch> BatchFromInstance(const scheduling::Problem& problem,
                                      const std::vector<EventSlot>& slots,
                                      OrganisationDirectory& directory, EventId event,
                                      Timestamp now);

}  // namespace tb::events::internal
