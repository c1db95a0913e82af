#pragma once

#include "events/event_store.h"
#include "storage/database.h"

namespace tb::storage {

// events::EventStore over the portable Database interface (schema: migration 9). Rows keep
// their key columns (for the partial unique indexes that hold the one-registration,
// one-live-request and one-running-run rules under concurrency) and the rest of the row as
// the JSON of events/event_json.h. Thread-safe; `db` must outlive it.
class SqlEventStore final : public events::EventStore {
 public:
  explicit SqlEventStore(Database& db) : db_(db) {}

  Result<events::Event> CreateEvent(events::Event event) override;
  Result<events::Event> GetEvent(events::EventId id) override;
  Result<std::vector<events::Event>> ListEvents() override;
  Result<events::Event> UpdateEvent(events::Event event, std::int64_t expected_version) override;

  Result<events::Participant> AddParticipant(events::Participant participant) override;
  Result<events::Participant> UpdateParticipant(const events::Participant& participant) override;
  Result<events::Participant> GetParticipant(events::EventId event,
                                             events::ParticipantId id) override;
  Result<std::vector<events::Participant>> ListParticipants(events::EventId event) override;
  Status Import(events::EventId event, events::ImportBatch batch) override;

  Result<events::MeetingRequest> AddRequest(events::MeetingRequest request, int quota) override;
  Result<events::MeetingRequest> UpdateRequest(const events::MeetingRequest& request) override;
  Result<events::MeetingRequest> GetRequest(events::EventId event, events::RequestId id) override;
  Result<std::vector<events::MeetingRequest>> ListRequests(events::EventId event) override;

  Result<events::ScheduleRun> CreateRun(events::ScheduleRun run) override;
  Status FinishRun(const events::ScheduleRun& run,
                   const std::vector<events::Meeting>& meetings) override;
  Result<events::ScheduleRun> GetRun(events::EventId event, events::RunId id) override;
  Result<std::vector<events::ScheduleRun>> ListRuns(events::EventId event) override;
  Result<std::vector<events::Meeting>> RunMeetings(events::EventId event,
                                                   events::RunId id) override;
  Result<int> FailStaleRuns(Timestamp now, double grace_seconds) override;

  Result<std::vector<events::Meeting>> PublishRun(events::EventId event,
                                                  events::RunId run) override;
  Result<std::vector<events::Meeting>> ListMeetings(events::EventId event) override;
  Result<events::Meeting> GetMeeting(events::EventId event, events::MeetingId id) override;
  Result<events::Meeting> UpdateMeeting(const events::Meeting& meeting) override;

  Status SetPin(events::EventId event, const events::Pin& pin) override;
  Status DeletePin(events::EventId event, events::RequestId request) override;
  Result<std::vector<events::Pin>> ListPins(events::EventId event) override;

 private:
  Database& db_;
};

}  // namespace tb::storage
