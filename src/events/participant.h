#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/timestamp.h"
#include "events/event.h"

namespace tb::events {

enum class ParticipantKind { kOfficer, kSupplier };
std::string_view ParticipantKindName(ParticipantKind kind);
std::optional<ParticipantKind> ParseParticipantKind(std::string_view name);

// When an officer's incoming requests are accepted without a click.
enum class AutoAccept { kNone, kAll, kPriorityOne, kCodeOverlap };
std::string_view AutoAcceptName(AutoAccept rule);
std::optional<AutoAccept> ParseAutoAccept(std::string_view name);

struct Window {
  std::string date;
  std::string start;
  std::string end;
  bool operator==(const Window&) const = default;
};

// An officer (by agency) or a supplier company's delegation. A delegation of several people
// shares one company schedule; `delegates` of them hold meetings in parallel.
struct Participant {
  ParticipantId id;
  EventId event;
  ParticipantKind kind = ParticipantKind::kSupplier;
  std::string name;
  std::string email;
  OrganisationId organisation;  // agency or supplier company; may be unset for walk-ins
  std::string organisation_name;
  std::string job_title;
  UserId user;  // the linked account, if any
  int delegates = 1;
  std::vector<std::string> delegation;
  std::string interpreter_group;  // empty: none
  std::vector<std::string> languages;
  std::vector<Window> availability;  // empty: every slot
  int max_meetings_per_day = 0;      // 0: the event's rule
  int max_meetings = 0;              // over the whole event; 0: the per-day caps alone
  std::string pitch;
  std::vector<std::string> codes;  // UNSPSC
  std::string focus;
  std::string table;  // dedicated mode, assigned by the server
  AutoAccept auto_accept = AutoAccept::kNone;
  bool cancelled = false;
  std::optional<Timestamp> checked_in_at;
  std::string external_id;  // the id of an imported instance ("O001"), for round trips
  Timestamp created_at;
  bool operator==(const Participant&) const = default;
};

enum class RequestStatus { kPending, kAccepted, kDeclined, kCancelled };
std::string_view RequestStatusName(RequestStatus status);
std::optional<RequestStatus> ParseRequestStatus(std::string_view name);

struct MeetingRequest {
  RequestId id;
  EventId event;
  ParticipantId supplier;
  bool targets_officer = false;
  OrganisationId target_agency;  // when !targets_officer
  ParticipantId target_officer;  // when targets_officer
  int priority = 2;              // 1 high .. 3
  std::string reason;
  RequestStatus status = RequestStatus::kPending;
  UserId decided_by;
  std::optional<Timestamp> decided_at;
  Timestamp created_at;
  std::string external_id;
  bool operator==(const MeetingRequest&) const = default;
};

// The optimiser's objective weight of a priority (the tool's: 1 → 3, 2 → 2, 3 → 1).
int PriorityWeight(int priority);

enum class RunStatus { kRunning, kDone, kFailed };
std::string_view RunStatusName(RunStatus status);

struct RunFigures {
  long long meetings = 0, weight = 0, fairness = 0, breaks = 0, moved = 0;
  bool operator==(const RunFigures&) const = default;
};

// One scheduler run. Its meetings stay with it (run_meetings) until it is published.
struct ScheduleRun {
  RunId id;
  EventId event;
  std::string mode = "full";  // full, reoptimise
  RunStatus status = RunStatus::kRunning;
  double time_limit_seconds = 5;
  std::uint64_t seed = 1;
  Timestamp started_at;
  std::optional<Timestamp> finished_at;
  long long bound_count = 0, bound_weight = 0, bound_fairness = 0;
  RunFigures greedy;
  RunFigures result;
  bool feasible = false;
  std::vector<std::string> check_errors;
  bool published = false;
  std::string error;
  UserId started_by;
  std::string instance_json;  // the problem as the tool's instance document
  bool operator==(const ScheduleRun&) const = default;
};

enum class Outcome { kFollowUp, kInvitedToBid, kNotRelevant };
std::string_view OutcomeName(Outcome outcome);
std::optional<Outcome> ParseOutcome(std::string_view name);

struct Meeting {
  MeetingId id;
  EventId event;
  RunId run;
  RequestId request;
  ParticipantId supplier;
  ParticipantId officer;
  int slot = 0;
  std::string table;
  bool pinned = false;
  bool cancelled = false;
  std::optional<Outcome> outcome;
  std::string outcome_note;
  bool operator==(const Meeting&) const = default;
};

// A meeting staff fixed before the next run: this request, with this officer, at this slot.
struct Pin {
  RequestId request;
  ParticipantId officer;
  int slot = 0;
  bool operator==(const Pin&) const = default;
};

}  // namespace tb::events
