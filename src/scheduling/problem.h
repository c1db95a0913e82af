#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tb::scheduling {

// One instance of the meeting scheduling problem (../shared/ALGORITHMS.md A.4, A.8), as read
// from `tenderbridge.meetings.instance/1` JSON. Everything downstream works on indices; the
// string ids are kept only to write schedules and reports.
struct Slot {
  std::string id;  // "D1-1400"
  int day = 0;
  std::string session;  // slots of one session are consecutive
  std::string start;    // local ISO time
  std::string end;
  int session_index = 0;  // index into Problem::sessions
  int position = 0;       // position inside its session
  int day_index = 0;      // index into Problem::days (set by Finalize)
};

struct Officer {
  std::string id;
  std::string agency;
  std::optional<std::string> table;  // dedicated mode only
  std::vector<int> available_slots;  // sorted
  int max_meetings = 0;
  // Optional cap per day, indexed by day index (Problem::days); a missing entry or 0 means no
  // cap that day. Not part of the tool's instance format (the events module sets it).
  std::vector<int> max_meetings_per_day;
};

struct Supplier {
  std::string id;
  std::string name;
  int delegates = 1;
  std::vector<int> available_slots;  // sorted
  int max_meetings = 0;
  // As Officer::max_meetings_per_day; caps the supplier's meetings of the day, all of its
  // delegates together (as max_meetings does).
  std::vector<int> max_meetings_per_day;
};

struct Group {
  std::string id;
  std::vector<int> members;  // supplier indices
  int max_parallel = 0;
};

struct Request {
  std::string id;
  int supplier = 0;
  bool targets_officer = false;
  std::string target_id;
  int priority = 3;
  int weight = 1;
  std::string status;
};

// A request whose status is schedulable. `eligible` lists the officers that may hold it and
// share a slot with the supplier, in the instance's officer order (the tool's order).
struct Schedulable {
  int request = 0;  // index into Problem::requests
  int supplier = 0;
  int weight = 1;
  int priority = 3;
  std::vector<int> eligible;
};

struct Problem {
  std::string instance_id;
  std::string fingerprint;
  bool pooled_tables = false;
  std::vector<std::string> tables;
  int fairness_k = 0;
  int supplier_max_consecutive = 0;
  int officer_max_consecutive = 0;

  std::vector<Slot> slots;
  std::vector<std::vector<int>> sessions;  // slot indices per session, in order
  std::vector<int> days;  // distinct Slot::day values in slot order; day index = position here
  std::vector<Officer> officers;
  std::vector<Supplier> suppliers;
  std::vector<Group> groups;
  std::vector<Request> requests;

  // Derived by Finalize().
  std::vector<Schedulable> schedulable;
  std::vector<int> schedulable_of_request;                // -1 when not schedulable
  std::vector<std::vector<int>> schedulable_of_supplier;  // only those with eligible officers
  std::vector<int> group_of_supplier;                     // -1 when in no group
  std::vector<std::vector<char>> officer_available;       // [officer][slot]
  std::vector<std::vector<char>> supplier_available;      // [supplier][slot]
  std::vector<int> supplier_capacity;                     // c_s of A.4
  std::vector<int> officer_capacity;                      // c_o of A.4

  int slot_count() const { return static_cast<int>(slots.size()); }
  int officer_count() const { return static_cast<int>(officers.size()); }
  int supplier_count() const { return static_cast<int>(suppliers.size()); }
  int day_count() const { return static_cast<int>(days.size()); }

  // The per-day cap of officer o / supplier s on day index d, or -1 when uncapped.
  int OfficerDayCap(int o, int d) const { return DayCap(officers[o].max_meetings_per_day, d); }
  int SupplierDayCap(int s, int d) const { return DayCap(suppliers[s].max_meetings_per_day, d); }
  static int DayCap(const std::vector<int>& caps, int d) {
    return d < static_cast<int>(caps.size()) && caps[d] > 0 ? caps[d] : -1;
  }

  // κ(T', L) of A.4: the most meetings one person available at `available` can hold when no
  // more than `limit` of any limit+1 consecutive slots of a session are used.
  // With day >= 0, only the sessions of that day index count.
  int WindowCapacity(const std::vector<char>& available, int limit, int day = -1) const;

  // Fills the derived fields; called by the JSON reader and by tests that build problems.
  void Finalize(const std::vector<std::string>& schedulable_statuses);
};

// One meeting of a schedule: a schedulable request held by an officer at a slot. Tables are
// given when the schedule is written (ToScheduleFile): the officer's own table, or in pooled
// mode the first free table of the slot.
struct Meeting {
  int schedulable = 0;  // index into Problem::schedulable
  int officer = 0;
  int slot = 0;
  bool operator==(const Meeting&) const = default;
};

struct Schedule {
  std::string solver;
  std::vector<Meeting> meetings;
};

// A schedule as written in `tenderbridge.meetings.schedule/1` JSON, by id. The checker reads
// this form so that it can report unknown ids instead of refusing the file.
struct ScheduleEntry {
  std::string request;
  std::string officer;
  std::int64_t slot = 0;
  std::optional<std::string> table;
};

struct ScheduleFile {
  std::optional<std::string> instance_fingerprint;
  std::string solver;
  std::vector<ScheduleEntry> meetings;
};

}  // namespace tb::scheduling
