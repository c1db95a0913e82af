#include "events/internal/instance_import.h"

#include <map>
#include <string>

namespace tb::events::internal {
namespace {

// Maximal runs of available slots inside one session, as local windows.
std::vector<Window> WindowsOf(const std::vector<int>& available,
                              const std::vector<EventSlot>& slots) {
  std::vector<Window> windows;
  if (available.size() == slots.size()) return windows;  // every slot: no windows
  for (std::size_t i = 0; i < available.size();) {
    std::size_t j = i;
    while (j + 1 < available.size() && available[j + 1] == available[j] + 1 &&
           slots[available[j + 1]].session == slots[available[i]].session) {
      ++j;
    }
    const EventSlot& first = slots[available[i]];
    const EventSlot& last = slots[available[j]];
    windows.push_back({first.date, first.start.substr(11), last.end.substr(11)});
    i = j + 1;
  }
  return windows;
}

}  // namespace

Status SameSlots(const std::vector<EventSlot>& slots, const scheduling::Problem& problem) {
  if (slots.size() != problem.slots.size()) {
    return Status::InvalidArgument("the event has " + std::to_string(slots.size()) +
                                   " meeting slots and the instance " +
                                   std::to_string(problem.slots.size()))
        .WithField("slots");
  }
  for (std::size_t t = 0; t < slots.size(); ++t) {
    const scheduling::Slot& theirs = problem.slots[t];
    // The instance's start is local "YYYY-MM-DDTHH:MM"; only the day number and the clock
    // must agree (an instance may be generated for another year's dates).
    const std::string their_clock = theirs.start.size() >= 16 ? theirs.start.substr(11, 5) : "";
    if (theirs.day != slots[t].day || their_clock != slots[t].start.substr(11, 5)) {
      return Status::InvalidArgument("slot " + std::to_string(t) + " is day " +
                                     std::to_string(theirs.day) + " " + their_clock +
                                     " in the instance but day " + std::to_string(slots[t].day) +
                                     " " + slots[t].start.substr(11, 5) + " in the event")
          .WithField("slots");
    }
  }
  return Status::Ok();
}

Result<ImportBatch> BatchFromInstance(const scheduling::Problem& problem,
                                      const std::vector<EventSlot>& slots,
                                      OrganisationDirectory& directory, EventId event,
                                      Timestamp now) {
  ImportBatch batch;
  std::map<std::string, OrganisationId> agencies;
  auto agency_of = [&](const std::string& name) -> Result<OrganisationId> {
    auto it = agencies.find(name);
    if (it != agencies.end()) return it->second;
    TB_ASSIGN_OR_RETURN(OrganisationId id, directory.EnsureAgency(name));
    agencies.emplace(name, id);
    return id;
  };
  std::map<std::string, int> officer_index, supplier_index;
  for (const scheduling::Officer& o : problem.officers) {
    Participant p;
    p.event = event;
    p.kind = ParticipantKind::kOfficer;
    p.name = "Officer " + o.id + " (" + o.agency + ")";
    TB_ASSIGN_OR_RETURN(p.organisation, agency_of(o.agency));
    p.organisation_name = o.agency;
    p.table = o.table.value_or("");
    p.availability = WindowsOf(o.available_slots, slots);
    p.max_meetings = o.max_meetings;
    p.external_id = o.id;
    p.created_at = now;
    officer_index[o.id] = static_cast<int>(batch.participants.size());
    batch.participants.push_back(std::move(p));
  }
  std::map<int, std::string> group_of;
  for (const scheduling::Group& g : problem.groups) {
    for (int member : g.members) group_of[member] = g.id;
  }
  for (std::size_t s = 0; s < problem.suppliers.size(); ++s) {
    const scheduling::Supplier& sup = problem.suppliers[s];
    Participant p;
    p.event = event;
    p.kind = ParticipantKind::kSupplier;
    p.name = sup.name.empty() ? sup.id : sup.name;
    p.organisation_name = p.name;
    p.delegates = sup.delegates;
    p.availability = WindowsOf(sup.available_slots, slots);
    p.max_meetings = sup.max_meetings;
    if (auto it = group_of.find(static_cast<int>(s)); it != group_of.end()) {
      p.interpreter_group = it->second;
    }
    p.external_id = sup.id;
    p.created_at = now;
    supplier_index[sup.id] = static_cast<int>(batch.participants.size());
    batch.participants.push_back(std::move(p));
  }
  for (const scheduling::Request& r : problem.requests) {
    ImportBatch::Request row;
    row.request.event = event;
    row.request.priority = r.priority;
    const std::optional<RequestStatus> status = ParseRequestStatus(r.status);
    row.request.status = status.value_or(RequestStatus::kPending);
    row.request.created_at = now;
    row.request.external_id = r.id;
    row.supplier_index = supplier_index.at(problem.suppliers[r.supplier].id);
    if (r.targets_officer) {
      row.request.targets_officer = true;
      row.officer_index = officer_index.at(r.target_id);
    } else {
      TB_ASSIGN_OR_RETURN(row.request.target_agency, agency_of(r.target_id));
    }
    batch.requests.push_back(std::move(row));
  }
  return batch;
}

}  // namespace tb::events::internal
