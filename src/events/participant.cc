#include "events/participant.h"

#include <array>
#include <utility>

namespace tb::events {
namespace {

template <typename E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [entry, name] : table) {
    if (entry == value) return name;
  }
  return table[0].second;
}

template <typename E, std::size_t N>
std::optional<E> ValueOf(const std::array<std::pair<E, std::string_view>, N>& table,
                         std::string_view name) {
  for (const auto& [entry, text] : table) {
    if (text == name) return entry;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<ParticipantKind, std::string_view>, 2> kKinds = {{
    {ParticipantKind::kOfficer, "officer"},
    {ParticipantKind::kSupplier, "supplier"},
}};
constexpr std::array<std::pair<AutoAccept, std::string_view>, 4> kAutoAccept = {{
    {AutoAccept::kNone, "none"},
    {AutoAccept::kAll, "all"},
    {AutoAccept::kPriorityOne, "priority_1"},
    {AutoAccept::kCodeOverlap, "code_overlap"},
}};
constexpr std::array<std::pair<RequestStatus, std::string_view>, 4> kRequestStatuses = {{
    {RequestStatus::kPending, "pending"},
    {RequestStatus::kAccepted, "accepted"},
    {RequestStatus::kDeclined, "declined"},
    {RequestStatus::kCancelled, "cancelled"},
}};
constexpr std::array<std::pair<RunStatus, std::string_view>, 3> kRunStatuses = {{
    {RunStatus::kRunning, "running"},
    {RunStatus::kDone, "done"},
    {RunStatus::kFailed, "failed"},
}};
constexpr std::array<std::pair<Outcome, std::string_view>, 3> kOutcomes = {{
    {Outcome::kFollowUp, "follow_up"},
    {Outcome::kInvitedToBid, "invited_to_bid"},
    {Outcome::kNotRelevant, "not_relevant"},
}};

}  // namespace

std::string_view ParticipantKindName(ParticipantKind kind) { return NameOf(kKinds, kind); }
std::optional<ParticipantKind> ParseParticipantKind(std::string_view name) {
  return ValueOf(kKinds, name);
}
std::string_view AutoAcceptName(AutoAccept rule) { return NameOf(kAutoAccept, rule); }
std::optional<AutoAccept> ParseAutoAccept(std::string_view name) {
  return ValueOf(kAutoAccept, name);
}
std::string_view RequestStatusName(RequestStatus status) {
  return NameOf(kRequestStatuses, status);
}
std::optional<RequestStatus> ParseRequestStatus(std::string_view name) {
  return ValueOf(kRequestStatuses, name);
}
std::string_view RunStatusName(RunStatus status) { return NameOf(kRunStatuses, status); }
std::string_view OutcomeName(Outcome outcome) { return NameOf(kOutcomes, outcome); }
std::optional<Outcome> ParseOutcome(std::string_view name) { return ValueOf(kOutcomes, name); }

int PriorityWeight(int priority) {
  switch (priority) {
    case 1:
      return 3;
    case 2:
      return 2;
    default:
      return 1;
  }
}

}  // namespace tb::events
