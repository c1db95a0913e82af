#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "scheduling/bounds.h"
#include "scheduling/problem.h"

namespace tb::scheduling {

inline constexpr std::string_view kInstanceSchema = "tenderbridge.meetings.instance/1";
inline constexpr std::string_view kScheduleSchema = "tenderbridge.meetings.schedule/1";

struct Instance {
  Problem problem;
  std::optional<Bounds> bounds;  // the file's `bounds`, when present
};

// Reads a `tenderbridge.meetings.instance/1` document. Strict: a missing or mistyped key, an
// unknown id, a duplicate id, a slot index out of range or a session split in two is an
// InvalidArgument whose field is a JSON pointer ("/requests/12/target/id").
Result<Instance> ParseInstance(std::string_view json_text);

// Reads a `tenderbridge.meetings.schedule/1` document. Ids are not resolved here: the checker
// reports unknown ones meeting by meeting.
Result<ScheduleFile> ParseSchedule(std::string_view json_text);

// Resolves ids against the problem; unknown ids or unschedulable requests are errors.
Result<Schedule> ResolveSchedule(const Problem& problem, const ScheduleFile& file);

// Gives every meeting its table (the officer's own, or in pooled mode the first free table of
// the slot, officers in order) and sorts meetings by slot then officer, as the tool does.
ScheduleFile ToScheduleFile(const Problem& problem, const Schedule& schedule);

// JSON text in the tool's layout (one-space indent, trailing newline).
std::string WriteSchedule(const ScheduleFile& file);
std::string WriteBounds(const Bounds& bounds);

}  // namespace tb::scheduling
