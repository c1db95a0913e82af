#include "scheduling/json_io.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace tb::scheduling {
namespace {

using nlohmann::json;

Status Invalid(const std::string& pointer, const std::string& message) {
  return Status::InvalidArgument(message).WithField(pointer);
}

Result<json> Parse(std::string_view text) {
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    return Status::InvalidArgument(std::string("not valid JSON: ") + e.what());
  }
}

// Typed member access with the JSON pointer of the value in every error.
class Reader {
 public:
  Reader(const json& value, std::string pointer) : value_(value), pointer_(std::move(pointer)) {}

  Status ExpectObject() const {
    return value_.is_object() ? Status::Ok() : Invalid(pointer_, "must be an object");
  }
  Result<const json*> Member(const std::string& key) const {
    if (!value_.is_object()) return Invalid(pointer_, "must be an object");
    auto it = value_.find(key);
    if (it == value_.end()) return Invalid(pointer_ + "/" + key, "is missing");
    return &*it;
  }
  bool Has(const std::string& key) const { return value_.is_object() && value_.contains(key); }
  Result<std::string> String(const std::string& key) const {
    TB_ASSIGN_OR_RETURN(const json* v, Member(key));
    if (!v->is_string()) return Invalid(pointer_ + "/" + key, "must be a string");
    return v->get<std::string>();
  }
  Result<std::int64_t> Integer(const std::string& key, std::int64_t min_value) const {
    TB_ASSIGN_OR_RETURN(const json* v, Member(key));
    if (!v->is_number_integer()) return Invalid(pointer_ + "/" + key, "must be an integer");
    const std::int64_t n = v->get<std::int64_t>();
    if (n < min_value) {
      return Invalid(pointer_ + "/" + key, "must be at least " + std::to_string(min_value));
    }
    return n;
  }
  Result<bool> Boolean(const std::string& key) const {
    TB_ASSIGN_OR_RETURN(const json* v, Member(key));
    if (!v->is_boolean()) return Invalid(pointer_ + "/" + key, "must be true or false");
    return v->get<bool>();
  }
  Result<const json*> Array(const std::string& key) const {
    TB_ASSIGN_OR_RETURN(const json* v, Member(key));
    if (!v->is_array()) return Invalid(pointer_ + "/" + key, "must be an array");
    return v;
  }
  Reader Child(const std::string& key) const {
    return Reader(value_.at(key), pointer_ + "/" + key);
  }
  const std::string& pointer() const { return pointer_; }

 private:
  const json& value_;
  std::string pointer_;
};

// Sorted, duplicate-free slot indices within [0, slot_count).
Result<std::vector<int>> SlotList(const Reader& owner, const std::string& key, int slot_count) {
  TB_ASSIGN_OR_RETURN(const json* list, owner.Array(key));
  std::vector<int> out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& v = (*list)[i];
    const std::string pointer = owner.pointer() + "/" + key + "/" + std::to_string(i);
    if (!v.is_number_integer()) return Invalid(pointer, "must be a slot index");
    const std::int64_t t = v.get<std::int64_t>();
    if (t < 0 || t >= slot_count) return Invalid(pointer, "is not a slot index of this instance");
    if (!out.empty() && t <= out.back())
      return Invalid(pointer, "slot indices must be sorted and unique");
    out.push_back(static_cast<int>(t));
  }
  return out;
}

// Optional per-day caps: an extension of the tool's format (its `gen` never writes it and its
// `check` ignores it), one non-negative integer per day in slot order, 0 = no cap.
Result<std::vector<int>> DayCaps(const Reader& owner, int day_count) {
  std::vector<int> out;
  if (!owner.Has("max_meetings_per_day")) return out;
  TB_ASSIGN_OR_RETURN(const json* list, owner.Array("max_meetings_per_day"));
  const std::string pointer = owner.pointer() + "/max_meetings_per_day";
  if (static_cast<int>(list->size()) > day_count) {
    return Invalid(
        pointer, "has more entries than the instance has days (" + std::to_string(day_count) + ")");
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& v = (*list)[i];
    if (!v.is_number_integer() || v.get<std::int64_t>() < 0 || v.get<std::int64_t>() > 1000000) {
      return Invalid(pointer + "/" + std::to_string(i), "must be a non-negative integer");
    }
    out.push_back(static_cast<int>(v.get<std::int64_t>()));
  }
  return out;
}

Status ReadSlots(const Reader& root, Problem& problem) {
  TB_ASSIGN_OR_RETURN(const json* slots, root.Array("slots"));
  std::set<std::string> closed_sessions;
  for (std::size_t i = 0; i < slots->size(); ++i) {
    Reader slot((*slots)[i], "/slots/" + std::to_string(i));
    TB_RETURN_IF_ERROR(slot.ExpectObject());
    TB_ASSIGN_OR_RETURN(std::int64_t index, slot.Integer("index", 0));
    if (index != static_cast<std::int64_t>(i)) {
      return Invalid(slot.pointer() + "/index", "must equal the slot's position in the list");
    }
    Slot out;
    TB_ASSIGN_OR_RETURN(out.id, slot.String("id"));
    TB_ASSIGN_OR_RETURN(std::int64_t day, slot.Integer("day", 0));
    out.day = static_cast<int>(day);
    TB_ASSIGN_OR_RETURN(out.session, slot.String("session"));
    TB_ASSIGN_OR_RETURN(out.start, slot.String("start"));
    TB_ASSIGN_OR_RETURN(out.end, slot.String("end"));
    // Windows and breaks never cross sessions, so a session must be one consecutive run.
    if (!problem.slots.empty() && problem.slots.back().session != out.session) {
      closed_sessions.insert(problem.slots.back().session);
    }
    if (closed_sessions.contains(out.session)) {
      return Invalid(slot.pointer() + "/session", "the slots of a session must be consecutive");
    }
    problem.slots.push_back(std::move(out));
  }
  return Status::Ok();
}

Status ReadInstanceBody(const json& doc, Instance& instance) {
  Problem& problem = instance.problem;
  Reader root(doc, "");
  TB_RETURN_IF_ERROR(root.ExpectObject());
  TB_ASSIGN_OR_RETURN(std::string schema, root.String("schema"));
  if (schema != kInstanceSchema) {
    return Invalid("/schema", "must be \"" + std::string(kInstanceSchema) + "\"");
  }
  TB_ASSIGN_OR_RETURN(problem.instance_id, root.String("instance_id"));
  TB_ASSIGN_OR_RETURN(problem.fingerprint, root.String("fingerprint"));

  TB_ASSIGN_OR_RETURN(const json* event_value, root.Member("event"));
  (void)event_value;
  Reader event = root.Child("event");
  TB_ASSIGN_OR_RETURN(std::string table_mode, event.String("table_mode"));
  if (table_mode != "dedicated" && table_mode != "pooled") {
    return Invalid("/event/table_mode", "must be \"dedicated\" or \"pooled\"");
  }
  problem.pooled_tables = table_mode == "pooled";

  TB_ASSIGN_OR_RETURN(const json* rules_value, root.Member("rules"));
  (void)rules_value;
  Reader rules = root.Child("rules");
  std::vector<std::string> statuses = {"accepted"};
  if (rules.Has("schedulable_statuses")) {
    TB_ASSIGN_OR_RETURN(const json* list, rules.Array("schedulable_statuses"));
    statuses.clear();
    for (std::size_t i = 0; i < list->size(); ++i) {
      if (!(*list)[i].is_string()) {
        return Invalid("/rules/schedulable_statuses/" + std::to_string(i), "must be a string");
      }
      statuses.push_back((*list)[i].get<std::string>());
    }
  }
  TB_ASSIGN_OR_RETURN(std::int64_t k, rules.Integer("fairness_k", 0));
  TB_ASSIGN_OR_RETURN(std::int64_t lsup, rules.Integer("supplier_max_consecutive", 1));
  TB_ASSIGN_OR_RETURN(std::int64_t loff, rules.Integer("officer_max_consecutive", 1));
  problem.fairness_k = static_cast<int>(k);
  problem.supplier_max_consecutive = static_cast<int>(lsup);
  problem.officer_max_consecutive = static_cast<int>(loff);
  if (rules.Has("one_meeting_per_pair")) {
    TB_ASSIGN_OR_RETURN(bool one_per_pair, rules.Boolean("one_meeting_per_pair"));
    if (!one_per_pair) return Invalid("/rules/one_meeting_per_pair", "only true is supported");
  }

  TB_RETURN_IF_ERROR(ReadSlots(root, problem));
  const int slot_count = problem.slot_count();
  std::set<int> days;
  for (const Slot& slot : problem.slots) days.insert(slot.day);
  const int day_count = static_cast<int>(days.size());

  TB_ASSIGN_OR_RETURN(const json* tables, root.Array("tables"));
  std::set<std::string> table_ids;
  for (std::size_t i = 0; i < tables->size(); ++i) {
    Reader table((*tables)[i], "/tables/" + std::to_string(i));
    TB_ASSIGN_OR_RETURN(std::string id, table.String("id"));
    if (!table_ids.insert(id).second) return Invalid(table.pointer() + "/id", "duplicate table id");
    problem.tables.push_back(id);
  }

  TB_ASSIGN_OR_RETURN(const json* agencies, root.Array("agencies"));
  std::set<std::string> agency_ids;
  for (std::size_t i = 0; i < agencies->size(); ++i) {
    Reader agency((*agencies)[i], "/agencies/" + std::to_string(i));
    TB_ASSIGN_OR_RETURN(std::string id, agency.String("id"));
    if (!agency_ids.insert(id).second)
      return Invalid(agency.pointer() + "/id", "duplicate agency id");
  }

  TB_ASSIGN_OR_RETURN(const json* officers, root.Array("officers"));
  std::map<std::string, int> officer_index;
  for (std::size_t i = 0; i < officers->size(); ++i) {
    Reader officer((*officers)[i], "/officers/" + std::to_string(i));
    Officer out;
    TB_ASSIGN_OR_RETURN(out.id, officer.String("id"));
    if (!officer_index.emplace(out.id, static_cast<int>(i)).second) {
      return Invalid(officer.pointer() + "/id", "duplicate officer id");
    }
    TB_ASSIGN_OR_RETURN(out.agency, officer.String("agency"));
    if (!agency_ids.contains(out.agency))
      return Invalid(officer.pointer() + "/agency", "unknown agency");
    TB_ASSIGN_OR_RETURN(const json* table, officer.Member("table"));
    if (table->is_string()) {
      out.table = table->get<std::string>();
      if (!table_ids.contains(*out.table))
        return Invalid(officer.pointer() + "/table", "unknown table");
    } else if (!table->is_null()) {
      return Invalid(officer.pointer() + "/table", "must be a table id or null");
    }
    if (!problem.pooled_tables && !out.table) {
      return Invalid(officer.pointer() + "/table", "dedicated tables: every officer needs a table");
    }
    TB_ASSIGN_OR_RETURN(out.available_slots, SlotList(officer, "available_slots", slot_count));
    TB_ASSIGN_OR_RETURN(std::int64_t max_meetings, officer.Integer("max_meetings", 0));
    out.max_meetings = static_cast<int>(max_meetings);
    TB_ASSIGN_OR_RETURN(out.max_meetings_per_day, DayCaps(officer, day_count));
    problem.officers.push_back(std::move(out));
  }

  TB_ASSIGN_OR_RETURN(const json* suppliers, root.Array("suppliers"));
  std::map<std::string, int> supplier_index;
  for (std::size_t i = 0; i < suppliers->size(); ++i) {
    Reader supplier((*suppliers)[i], "/suppliers/" + std::to_string(i));
    Supplier out;
    TB_ASSIGN_OR_RETURN(out.id, supplier.String("id"));
    if (!supplier_index.emplace(out.id, static_cast<int>(i)).second) {
      return Invalid(supplier.pointer() + "/id", "duplicate supplier id");
    }
    if (supplier.Has("name")) {
      TB_ASSIGN_OR_RETURN(out.name, supplier.String("name"));
    }
    if (supplier.Has("delegates")) {
      TB_ASSIGN_OR_RETURN(std::int64_t delegates, supplier.Integer("delegates", 1));
      out.delegates = static_cast<int>(delegates);
    }
    TB_ASSIGN_OR_RETURN(out.available_slots, SlotList(supplier, "available_slots", slot_count));
    TB_ASSIGN_OR_RETURN(std::int64_t max_meetings, supplier.Integer("max_meetings", 0));
    out.max_meetings = static_cast<int>(max_meetings);
    TB_ASSIGN_OR_RETURN(out.max_meetings_per_day, DayCaps(supplier, day_count));
    problem.suppliers.push_back(std::move(out));
  }

  if (root.Has("groups")) {
    TB_ASSIGN_OR_RETURN(const json* groups, root.Array("groups"));
    std::set<int> grouped;
    for (std::size_t i = 0; i < groups->size(); ++i) {
      Reader group((*groups)[i], "/groups/" + std::to_string(i));
      Group out;
      TB_ASSIGN_OR_RETURN(out.id, group.String("id"));
      TB_ASSIGN_OR_RETURN(const json* members, group.Array("members"));
      for (std::size_t m = 0; m < members->size(); ++m) {
        const std::string pointer = group.pointer() + "/members/" + std::to_string(m);
        const json& member = (*members)[m];
        auto it = member.is_string() ? supplier_index.find(member.get<std::string>())
                                     : supplier_index.end();
        if (it == supplier_index.end()) return Invalid(pointer, "unknown supplier");
        if (!grouped.insert(it->second).second)
          return Invalid(pointer, "supplier is in two groups");
        out.members.push_back(it->second);
      }
      TB_ASSIGN_OR_RETURN(std::int64_t max_parallel, group.Integer("max_parallel", 0));
      out.max_parallel = static_cast<int>(max_parallel);
      problem.groups.push_back(std::move(out));
    }
  }

  TB_ASSIGN_OR_RETURN(const json* requests, root.Array("requests"));
  std::set<std::string> request_ids;
  for (std::size_t i = 0; i < requests->size(); ++i) {
    Reader request((*requests)[i], "/requests/" + std::to_string(i));
    Request out;
    TB_ASSIGN_OR_RETURN(out.id, request.String("id"));
    if (!request_ids.insert(out.id).second)
      return Invalid(request.pointer() + "/id", "duplicate request id");
    TB_ASSIGN_OR_RETURN(std::string supplier, request.String("supplier"));
    auto sit = supplier_index.find(supplier);
    if (sit == supplier_index.end())
      return Invalid(request.pointer() + "/supplier", "unknown supplier");
    out.supplier = sit->second;
    TB_ASSIGN_OR_RETURN(const json* target_value, request.Member("target"));
    (void)target_value;
    Reader target = request.Child("target");
    TB_ASSIGN_OR_RETURN(std::string type, target.String("type"));
    TB_ASSIGN_OR_RETURN(out.target_id, target.String("id"));
    if (type == "officer") {
      out.targets_officer = true;
      if (!officer_index.contains(out.target_id))
        return Invalid(target.pointer() + "/id", "unknown officer");
    } else if (type == "agency") {
      if (!agency_ids.contains(out.target_id))
        return Invalid(target.pointer() + "/id", "unknown agency");
    } else {
      return Invalid(target.pointer() + "/type", "must be \"agency\" or \"officer\"");
    }
    TB_ASSIGN_OR_RETURN(std::int64_t priority, request.Integer("priority", 1));
    TB_ASSIGN_OR_RETURN(std::int64_t weight, request.Integer("weight", 0));
    out.priority = static_cast<int>(priority);
    out.weight = static_cast<int>(weight);
    TB_ASSIGN_OR_RETURN(out.status, request.String("status"));
    problem.requests.push_back(std::move(out));
  }

  if (root.Has("bounds") && !doc.at("bounds").is_null()) {
    Reader bounds = root.Child("bounds");
    Bounds b;
    const std::pair<const char*, std::int64_t*> keys[] = {
        {"schedulable_requests", &b.schedulable_requests},
        {"schedulable_requests_with_common_slot", &b.schedulable_requests_with_common_slot},
        {"ub_supplier_capacity", &b.ub_supplier_capacity},
        {"ub_officer_capacity", &b.ub_officer_capacity},
        {"ub_slot_room", &b.ub_slot_room},
        {"ub_flow_plain", &b.ub_flow_plain},
        {"ub_flow_supplier_time", &b.ub_flow_supplier_time},
        {"ub_flow_officer_time", &b.ub_flow_officer_time},
        {"ub_count", &b.ub_count},
        {"ub_weight", &b.ub_weight},
        {"ub_fairness_sum", &b.ub_fairness_sum},
        {"fairness_target_sum", &b.fairness_target_sum},
        {"suppliers_that_could_reach_k", &b.suppliers_that_could_reach_k},
    };
    for (const auto& [key, target] : keys) {
      TB_ASSIGN_OR_RETURN(*target, bounds.Integer(key, 0));
    }
    instance.bounds = b;
  }

  problem.Finalize(statuses);
  return Status::Ok();
}

}  // namespace

Result<Instance> ParseInstance(std::string_view json_text) {
  TB_ASSIGN_OR_RETURN(json doc, Parse(json_text));
  Instance instance;
  TB_RETURN_IF_ERROR(ReadInstanceBody(doc, instance));
  return instance;
}

Result<ScheduleFile> ParseSchedule(std::string_view json_text) {
  TB_ASSIGN_OR_RETURN(json doc, Parse(json_text));
  Reader root(doc, "");
  TB_RETURN_IF_ERROR(root.ExpectObject());
  ScheduleFile file;
  if (root.Has("schema")) {
    TB_ASSIGN_OR_RETURN(std::string schema, root.String("schema"));
    if (schema != kScheduleSchema)
      return Invalid("/schema", "must be \"" + std::string(kScheduleSchema) + "\"");
  }
  if (root.Has("instance_fingerprint") && !doc.at("instance_fingerprint").is_null()) {
    TB_ASSIGN_OR_RETURN(file.instance_fingerprint, root.String("instance_fingerprint"));
  }
  if (root.Has("solver")) {
    TB_ASSIGN_OR_RETURN(file.solver, root.String("solver"));
  }
  TB_ASSIGN_OR_RETURN(const json* meetings, root.Array("meetings"));
  for (std::size_t i = 0; i < meetings->size(); ++i) {
    Reader meeting((*meetings)[i], "/meetings/" + std::to_string(i));
    ScheduleEntry entry;
    TB_ASSIGN_OR_RETURN(entry.request, meeting.String("request"));
    TB_ASSIGN_OR_RETURN(entry.officer, meeting.String("officer"));
    TB_ASSIGN_OR_RETURN(entry.slot,
                        meeting.Integer("slot", std::numeric_limits<std::int64_t>::min()));
    if (meeting.Has("table") && !(*meetings)[i].at("table").is_null()) {
      TB_ASSIGN_OR_RETURN(entry.table, meeting.String("table"));
    }
    file.meetings.push_back(std::move(entry));
  }
  return file;
}

Result<Schedule> ResolveSchedule(const Problem& problem, const ScheduleFile& file) {
  std::map<std::string, int> request_index, officer_index;
  for (std::size_t r = 0; r < problem.requests.size(); ++r)
    request_index[problem.requests[r].id] = static_cast<int>(r);
  for (std::size_t o = 0; o < problem.officers.size(); ++o)
    officer_index[problem.officers[o].id] = static_cast<int>(o);
  Schedule schedule;
  schedule.solver = file.solver;
  for (std::size_t i = 0; i < file.meetings.size(); ++i) {
    const ScheduleEntry& entry = file.meetings[i];
    const std::string pointer = "/meetings/" + std::to_string(i);
    auto r = request_index.find(entry.request);
    if (r == request_index.end() || problem.schedulable_of_request[r->second] < 0) {
      return Invalid(pointer + "/request", "unknown or unschedulable request");
    }
    auto o = officer_index.find(entry.officer);
    if (o == officer_index.end()) return Invalid(pointer + "/officer", "unknown officer");
    if (entry.slot < 0 || entry.slot >= problem.slot_count())
      return Invalid(pointer + "/slot", "unknown slot");
    schedule.meetings.push_back(
        {problem.schedulable_of_request[r->second], o->second, static_cast<int>(entry.slot)});
  }
  return schedule;
}

ScheduleFile ToScheduleFile(const Problem& problem, const Schedule& schedule) {
  std::vector<Meeting> meetings = schedule.meetings;
  std::sort(meetings.begin(), meetings.end(), [](const Meeting& a, const Meeting& b) {
    return a.slot != b.slot ? a.slot < b.slot : a.officer < b.officer;
  });
  ScheduleFile file;
  file.instance_fingerprint = problem.fingerprint;
  file.solver = schedule.solver;
  std::vector<std::size_t> tables_used(problem.slots.size(), 0);
  for (const Meeting& m : meetings) {
    ScheduleEntry entry;
    entry.request = problem.requests[problem.schedulable[m.schedulable].request].id;
    entry.officer = problem.officers[m.officer].id;
    entry.slot = m.slot;
    if (problem.pooled_tables) {
      std::size_t& used = tables_used[m.slot];
      if (used < problem.tables.size()) entry.table = problem.tables[used];
      ++used;
    } else {
      entry.table = problem.officers[m.officer].table;
    }
    file.meetings.push_back(std::move(entry));
  }
  return file;
}

std::string WriteSchedule(const ScheduleFile& file) {
  json meetings = json::array();
  for (const ScheduleEntry& entry : file.meetings) {
    meetings.push_back({{"request", entry.request},
                        {"officer", entry.officer},
                        {"slot", entry.slot},
                        {"table", entry.table ? json(*entry.table) : json(nullptr)}});
  }
  json doc = {{"schema", kScheduleSchema},
              {"instance_fingerprint",
               file.instance_fingerprint ? json(*file.instance_fingerprint) : json(nullptr)},
              {"solver", file.solver},
              {"meetings", std::move(meetings)}};
  return doc.dump(1) + "\n";
}

std::string WriteBounds(const Bounds& b) {
  json doc = {{"schedulable_requests", b.schedulable_requests},
              {"schedulable_requests_with_common_slot", b.schedulable_requests_with_common_slot},
              {"ub_supplier_capacity", b.ub_supplier_capacity},
              {"ub_officer_capacity", b.ub_officer_capacity},
              {"ub_slot_room", b.ub_slot_room},
              {"ub_flow_plain", b.ub_flow_plain},
              {"ub_flow_supplier_time", b.ub_flow_supplier_time},
              {"ub_flow_officer_time", b.ub_flow_officer_time},
              {"ub_count", b.ub_count},
              {"ub_weight", b.ub_weight},
              {"ub_fairness_sum", b.ub_fairness_sum},
              {"fairness_target_sum", b.fairness_target_sum},
              {"suppliers_that_could_reach_k", b.suppliers_that_could_reach_k}};
  return doc.dump(1) + "\n";
}

}  // namespace tb::scheduling
