#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/result.h"
#include "events/event.h"
#include "events/participant.h"

namespace tb::events {

// Participants and requests of an imported instance, written in one transaction. Requests
// name their supplier and officer target by index into `participants`.
struct ImportBatch {
  std::vector<Participant> participants;
  struct Request {
    MeetingRequest request;
    int supplier_index = 0;
    int officer_index = -1;  // when the request targets an officer
  };
  std::vector<Request> requests;
};

// Storage of events (storage/sql_event_store.cc on SQLite and PostgreSQL). Every method is
// one transaction. NotFound for a missing row; Unavailable/Internal from the database.
class EventStore {
 public:
  virtual ~EventStore() = default;

  // Assigns id and version 1.
  virtual Result<Event> CreateEvent(Event event) = 0;
  virtual Result<Event> GetEvent(EventId id) = 0;
  virtual Result<std::vector<Event>> ListEvents() = 0;
  // FailedPrecondition when the stored version is not `expected_version`; bumps the version.
  virtual Result<Event> UpdateEvent(Event event, std::int64_t expected_version) = 0;

  // AlreadyExists when the event already has a participant of the same kind for the same
  // supplier company (suppliers) or the same user (officers).
  virtual Result<Participant> AddParticipant(Participant participant) = 0;
  virtual Result<Participant> UpdateParticipant(const Participant& participant) = 0;
  virtual Result<Participant> GetParticipant(EventId event, ParticipantId id) = 0;
  virtual Result<std::vector<Participant>> ListParticipants(EventId event) = 0;
  // Writes the whole batch or nothing; returns the stored participants and requests.
  virtual Status Import(EventId event, ImportBatch batch) = 0;

  // ResourceExhausted when the supplier already has `quota` live (pending or accepted)
  // requests; AlreadyExists for a second live request to the same target. Both are read in
  // the inserting transaction, so two concurrent requests cannot pass the quota.
  virtual Result<MeetingRequest> AddRequest(MeetingRequest request, int quota) = 0;
  virtual Result<MeetingRequest> UpdateRequest(const MeetingRequest& request) = 0;
  virtual Result<MeetingRequest> GetRequest(EventId event, RequestId id) = 0;
  virtual Result<std::vector<MeetingRequest>> ListRequests(EventId event) = 0;

  // Assigns the id. FailedPrecondition when a run of the event is still running.
  virtual Result<ScheduleRun> CreateRun(ScheduleRun run) = 0;
  // Stores the finished run and its meetings.
  virtual Status FinishRun(const ScheduleRun& run, const std::vector<Meeting>& meetings) = 0;
  virtual Result<ScheduleRun> GetRun(EventId event, RunId id) = 0;
  // Newest first, without instance_json.
  virtual Result<std::vector<ScheduleRun>> ListRuns(EventId event) = 0;
  virtual Result<std::vector<Meeting>> RunMeetings(EventId event, RunId id) = 0;
  // Marks as failed the runs still "running" although their time limit plus `grace_seconds`
  // has passed at `now` (their server stopped mid-run); returns how many. Runs of other
  // servers on the same PostgreSQL that are still within their time are left alone.
  virtual Result<int> FailStaleRuns(Timestamp now, double grace_seconds) = 0;

  // The run's meetings replace the event's published schedule (ids assigned); outcomes of
  // meetings whose request keeps the same officer and slot are kept.
  virtual Result<std::vector<Meeting>> PublishRun(EventId event, RunId run) = 0;
  virtual Result<std::vector<Meeting>> ListMeetings(EventId event) = 0;
  virtual Result<Meeting> GetMeeting(EventId event, MeetingId id) = 0;
  virtual Result<Meeting> UpdateMeeting(const Meeting& meeting) = 0;

  virtual Status SetPin(EventId event, const Pin& pin) = 0;
  virtual Status DeletePin(EventId event, RequestId request) = 0;
  virtual Result<std::vector<Pin>> ListPins(EventId event) = 0;
};

}  // namespace tb::events
