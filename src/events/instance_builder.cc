#include "events/instance_builder.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "crypto/random.h"

namespace tb::events {
namespace {

using nlohmann::json;

std::string AgencyKey(const Participant& officer) {
  return officer.organisation.valid() ? "A" + std::to_string(officer.organisation.value)
                                      : "P" + std::to_string(officer.id.value);
}

// The slots a participant attends: inside one of its windows, or all when it has none.
std::vector<int> AvailableSlots(const Participant& p, const std::vector<EventSlot>& slots) {
  std::vector<int> out;
  for (const EventSlot& slot : slots) {
    if (p.availability.empty()) {
      out.push_back(slot.index);
      continue;
    }
    const std::string from = slot.start.substr(11), to = slot.end.substr(11);
    for (const Window& w : p.availability) {
      if (w.date == slot.date && w.start <= from && to <= w.end) {
        out.push_back(slot.index);
        break;
      }
    }
  }
  return out;
}

struct Caps {
  std::vector<int> per_day;
  int total = 0;
};

// Per-day caps for the days the participant attends (0 for the others) and the total.
Caps CapsOf(const Participant& p, int rule, const std::vector<int>& available,
            const std::vector<EventSlot>& slots, int day_count) {
  const int per_day = p.max_meetings_per_day > 0 ? std::min(p.max_meetings_per_day, rule) : rule;
  Caps caps;
  caps.per_day.assign(day_count, 0);
  std::set<int> days;
  for (int t : available) days.insert(slots[t].day);
  for (int day : days) {
    caps.per_day[day - 1] = per_day;
    caps.total += per_day;
  }
  if (p.max_meetings > 0) caps.total = std::min(caps.total, p.max_meetings);
  return caps;
}

std::string Fingerprint(const json& instance) {
  json core = instance;
  core.erase("fingerprint");
  core.erase("bounds");
  // The tool hashes json.dumps(sort_keys=True, separators=(",", ":")), ASCII-escaped.
  return "sha256:" + crypto::Sha256Hex(core.dump(-1, ' ', true));
}

}  // namespace

std::string OfficerKey(ParticipantId id) { return "O" + std::to_string(id.value); }
std::string SupplierKey(ParticipantId id) { return "S" + std::to_string(id.value); }
std::string RequestKey(RequestId id) { return "R" + std::to_string(id.value); }

Result<BuiltInstance> BuildInstance(const Event& event,
                                    const std::vector<Participant>& participants,
                                    const std::vector<MeetingRequest>& requests,
                                    std::uint64_t seed) {
  TB_ASSIGN_OR_RETURN(std::vector<EventSlot> slots, DeriveSlots(event));
  if (slots.empty()) {
    return Status::FailedPrecondition("the event has no meeting slots").WithField("/days");
  }
  BuiltInstance built;
  const int day_count = static_cast<int>(event.days.size());
  const bool pooled = event.table_mode == TableMode::kPooled;

  json slot_list = json::array();
  for (const EventSlot& slot : slots) {
    slot_list.push_back({{"index", slot.index},
                         {"id", slot.id},
                         {"day", slot.day},
                         {"session", slot.session},
                         {"start", slot.start},
                         {"end", slot.end}});
  }

  json tables = json::array(), agencies = json::array(), officers = json::array(),
       suppliers = json::array(), groups = json::array(), request_list = json::array();
  std::set<std::string> agency_keys;
  std::unordered_map<std::int64_t, const Participant*> live;
  std::map<std::string, std::vector<std::string>> interpreter_groups;
  int table_number = 0;

  if (pooled) {
    for (int i = 1; i <= event.pooled_tables; ++i)
      tables.push_back({{"id", "H" + std::to_string(i)}});
  }
  for (const Participant& p : participants) {
    if (p.cancelled) continue;
    live[p.id.value] = &p;
    const std::vector<int> available = AvailableSlots(p, slots);
    if (p.kind == ParticipantKind::kOfficer) {
      const std::string agency = AgencyKey(p);
      if (agency_keys.insert(agency).second) {
        agencies.push_back({{"id", agency}, {"popularity", 1}, {"segments", json::array()}});
      }
      const Caps caps =
          CapsOf(p, event.rules.officer_max_meetings_per_day, available, slots, day_count);
      json table = nullptr;
      if (!pooled) {
        ++table_number;
        const std::string id = p.table.empty() ? "T" + std::to_string(table_number) : p.table;
        tables.push_back({{"id", id}});
        table = id;
        built.tables[OfficerKey(p.id)] = id;
      }
      officers.push_back({{"id", OfficerKey(p.id)},
                          {"agency", agency},
                          {"table", table},
                          {"available_slots", available},
                          {"max_meetings", caps.total},
                          {"max_meetings_per_day", caps.per_day}});
      built.officers[OfficerKey(p.id)] = p.id;
    } else {
      const Caps caps =
          CapsOf(p, event.rules.supplier_max_meetings_per_day, available, slots, day_count);
      suppliers.push_back({{"id", SupplierKey(p.id)},
                           {"name", p.organisation_name.empty() ? p.name : p.organisation_name},
                           {"country", ""},
                           {"sme", false},
                           {"women_owned", false},
                           {"segments", json::array()},
                           {"delegates", std::max(1, p.delegates)},
                           {"available_slots", available},
                           {"max_meetings", caps.total},
                           {"max_meetings_per_day", caps.per_day}});
      built.suppliers[SupplierKey(p.id)] = p.id;
      if (!p.interpreter_group.empty()) {
        interpreter_groups[p.interpreter_group].push_back(SupplierKey(p.id));
      }
    }
  }
  for (const auto& [name, members] : interpreter_groups) {
    groups.push_back({{"id", "G-" + name},
                      {"members", members},
                      {"max_parallel", event.rules.interpreter_max_parallel}});
  }
  for (const MeetingRequest& r : requests) {
    if (r.status == RequestStatus::kCancelled) continue;
    auto supplier = live.find(r.supplier.value);
    if (supplier == live.end() || supplier->second->kind != ParticipantKind::kSupplier) continue;
    json target;
    if (r.targets_officer) {
      auto officer = live.find(r.target_officer.value);
      if (officer == live.end() || officer->second->kind != ParticipantKind::kOfficer) continue;
      target = {{"type", "officer"}, {"id", OfficerKey(r.target_officer)}};
    } else {
      const std::string agency = "A" + std::to_string(r.target_agency.value);
      if (agency_keys.insert(agency).second) {
        agencies.push_back({{"id", agency}, {"popularity", 1}, {"segments", json::array()}});
      }
      target = {{"type", "agency"}, {"id", agency}};
    }
    request_list.push_back({{"id", RequestKey(r.id)},
                            {"supplier", SupplierKey(r.supplier)},
                            {"target", std::move(target)},
                            {"priority", r.priority},
                            {"weight", PriorityWeight(r.priority)},
                            {"status", RequestStatusName(r.status)}});
    built.requests[RequestKey(r.id)] = r.id;
  }

  json instance = {
      {"schema", "tenderbridge.meetings.instance/1"},
      {"instance_id", "event-" + std::to_string(event.id.value)},
      {"generator",
       {{"name", "tenderbridge events"},
        {"version", "1"},
        {"preset", "event"},
        {"seed", seed},
        {"params", json::object()},
        {"note", "built from the event's participants and requests"}}},
      {"event",
       {{"name", event.name},
        {"timezone", event.time_zone},
        {"slot_minutes", event.slot_minutes},
        {"meeting_minutes", event.meeting_minutes},
        {"table_mode", pooled ? "pooled" : "dedicated"}}},
      {"rules",
       {{"schedulable_statuses", {"accepted"}},
        {"fairness_k", event.rules.fairness_k},
        {"supplier_max_consecutive", event.rules.supplier_max_consecutive},
        {"officer_max_consecutive", event.rules.officer_max_consecutive},
        {"one_meeting_per_pair", true},
        {"objective", {"fairness_k", "weight", "count", "supplier_idle"}}}},
      {"slots", std::move(slot_list)},
      {"tables", std::move(tables)},
      {"agencies", std::move(agencies)},
      {"officers", std::move(officers)},
      {"suppliers", std::move(suppliers)},
      {"groups", std::move(groups)},
      {"requests", std::move(request_list)},
  };
  instance["fingerprint"] = Fingerprint(instance);
  built.json = instance.dump(1, ' ', false) + "\n";
  built.slots = std::move(slots);
  return built;
}

}  // namespace tb::events
