// Scheduler runs, the published schedule and pins of events (migration 9).
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "events/event_json.h"
#include "storage/sql_event_store.h"
#include "storage/sql_event_store_internal.h"

namespace tb::storage {

using events::EventId;
using events::Meeting;
using events::MeetingId;
using events::RunId;
using events::ScheduleRun;
using nlohmann::json;

namespace {

constexpr std::string_view kMeetingColumns =
    "id, event_id, run_id, request_id, supplier_id, officer_id, slot, table_name, pinned, "
    "cancelled, outcome, outcome_note";

Meeting ReadMeetingRow(const Statement& s) {
  Meeting m;
  m.id = MeetingId{s.Int64(0)};
  m.event = EventId{s.Int64(1)};
  m.run = RunId{s.Int64(2)};
  m.request = events::RequestId{s.Int64(3)};
  m.supplier = events::ParticipantId{s.Int64(4)};
  m.officer = events::ParticipantId{s.Int64(5)};
  m.slot = static_cast<int>(s.Int64(6));
  m.table = s.Text(7);
  m.pinned = s.Int64(8) != 0;
  m.cancelled = s.Int64(9) != 0;
  if (!s.IsNull(10)) m.outcome = events::ParseOutcome(s.Text(10));
  m.outcome_note = s.Text(11);
  return m;
}

Result<ScheduleRun> ReadRunRow(const Statement& s, bool with_instance) {
  TB_ASSIGN_OR_RETURN(json doc, event_sql::ParseDoc(s.Text(1), "scheduler run"));
  TB_ASSIGN_OR_RETURN(ScheduleRun run, events::RunFromStored(doc));
  run.id = RunId{s.Int64(0)};
  run.published = s.Int64(2) != 0;
  if (with_instance) run.instance_json = s.Text(3);
  return run;
}

Result<std::vector<Meeting>> ListEventMeetings(Transaction& tx, EventId event) {
  TB_ASSIGN_OR_RETURN(Statement * list,
                      tx.Prepare("SELECT " + std::string(kMeetingColumns) +
                                 " FROM event_meetings WHERE event_id = ? ORDER BY slot, id"));
  list->BindInt64(1, event.value);
  std::vector<Meeting> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, list->Step());
    if (!row) break;
    out.push_back(ReadMeetingRow(*list));
  }
  return out;
}

Result<std::vector<Meeting>> ReadRunMeetings(Transaction& tx, EventId event, RunId id) {
  TB_ASSIGN_OR_RETURN(Statement * find,
                      tx.Prepare("SELECT meetings FROM event_runs WHERE id = ? AND event_id = ?"));
  find->BindInt64(1, id.value).BindInt64(2, event.value);
  TB_ASSIGN_OR_RETURN(bool row, find->Step());
  if (!row) return Status::NotFound("no such run");
  TB_ASSIGN_OR_RETURN(json list, event_sql::ParseDoc(find->Text(0), "run's meetings"));
  std::vector<Meeting> out;
  for (const json& item : list) {
    TB_ASSIGN_OR_RETURN(Meeting m, events::MeetingFromStored(item));
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

Result<ScheduleRun> SqlEventStore::CreateRun(ScheduleRun run) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(Statement * insert,
                      tx->Prepare("INSERT INTO event_runs (event_id, status, published, doc, "
                                  "instance) VALUES (?, ?, 0, ?, ?) RETURNING id"));
  insert->BindInt64(1, run.event.value)
      .BindText(2, events::RunStatusName(run.status))
      .BindText(3, events::ToStored(run).dump())
      .BindText(4, run.instance_json);
  Result<bool> row = insert->Step();
  if (!row.ok()) {
    if (row.status().code() == StatusCode::kAlreadyExists) {
      return Status::FailedPrecondition("a scheduler run of this event is still running");
    }
    return row.status();
  }
  run.id = RunId{insert->Int64(0)};
  TB_RETURN_IF_ERROR(tx->Commit());
  return run;
}

Status SqlEventStore::FinishRun(const ScheduleRun& run, const std::vector<Meeting>& meetings) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kWrite));
  json list = json::array();
  for (const Meeting& m : meetings) list.push_back(events::ToStored(m));
  TB_ASSIGN_OR_RETURN(Statement * update,
                      tx->Prepare("UPDATE event_runs SET status = ?, doc = ?, meetings = ? "
                                  "WHERE id = ? AND event_id = ?"));
  update->BindText(1, events::RunStatusName(run.status))
      .BindText(2, events::ToStored(run).dump())
      .BindText(3, list.dump())
      .BindInt64(4, run.id.value)
      .BindInt64(5, run.event.value);
  TB_RETURN_IF_ERROR(update->Run());
  if (update->ChangedRows() != 1) return Status::NotFound("no such run");
  return tx->Commit();
}

Result<ScheduleRun> SqlEventStore::GetRun(EventId event, RunId id) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * find,
                      tx->Prepare("SELECT id, doc, published, instance FROM event_runs WHERE "
                                  "id = ? AND event_id = ?"));
  find->BindInt64(1, id.value).BindInt64(2, event.value);
  TB_ASSIGN_OR_RETURN(bool row, find->Step());
  if (!row) return Status::NotFound("no such run");
  return ReadRunRow(*find, true);
}

Result<std::vector<ScheduleRun>> SqlEventStore::ListRuns(EventId event) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * list,
                      tx->Prepare("SELECT id, doc, published FROM event_runs WHERE event_id = ? "
                                  "ORDER BY id DESC"));
  list->BindInt64(1, event.value);
  std::vector<ScheduleRun> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, list->Step());
    if (!row) break;
    TB_ASSIGN_OR_RETURN(ScheduleRun run, ReadRunRow(*list, false));
    out.push_back(std::move(run));
  }
  return out;
}

Result<std::vector<Meeting>> SqlEventStore::RunMeetings(EventId event, RunId id) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kRead));
  return ReadRunMeetings(*tx, event, id);
}

Result<int> SqlEventStore::FailStaleRuns(Timestamp now, double grace_seconds) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(Statement * list,
                      tx->Prepare("SELECT id, doc, published FROM event_runs WHERE status = "
                                  "'running'"));
  std::vector<ScheduleRun> running;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, list->Step());
    if (!row) break;
    TB_ASSIGN_OR_RETURN(ScheduleRun run, ReadRunRow(*list, false));
    running.push_back(std::move(run));
  }
  std::erase_if(running, [&](const ScheduleRun& run) {
    const auto allowed = std::chrono::microseconds(
        static_cast<std::int64_t>((run.time_limit_seconds + grace_seconds) * 1e6));
    return run.started_at + allowed >= now;
  });
  for (ScheduleRun& run : running) {
    run.status = events::RunStatus::kFailed;
    run.error = "the server stopped during the run";
    TB_ASSIGN_OR_RETURN(
        Statement * update,
        tx->Prepare("UPDATE event_runs SET status = 'failed', doc = ? WHERE id = ?"));
    update->BindText(1, events::ToStored(run).dump()).BindInt64(2, run.id.value);
    TB_RETURN_IF_ERROR(update->Run());
  }
  TB_RETURN_IF_ERROR(tx->Commit());
  return static_cast<int>(running.size());
}

Result<std::vector<Meeting>> SqlEventStore::PublishRun(EventId event, RunId run) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(std::vector<Meeting> meetings, ReadRunMeetings(*tx, event, run));
  TB_ASSIGN_OR_RETURN(std::vector<Meeting> before, ListEventMeetings(*tx, event));
  // An outcome stays with a meeting that keeps its request, officer and slot.
  std::map<std::tuple<std::int64_t, std::int64_t, int>, const Meeting*> kept;
  for (const Meeting& m : before) kept[{m.request.value, m.officer.value, m.slot}] = &m;

  TB_ASSIGN_OR_RETURN(Statement * clear,
                      tx->Prepare("DELETE FROM event_meetings WHERE event_id = ?"));
  clear->BindInt64(1, event.value);
  TB_RETURN_IF_ERROR(clear->Run());
  for (Meeting& m : meetings) {
    if (auto it = kept.find({m.request.value, m.officer.value, m.slot}); it != kept.end()) {
      m.outcome = it->second->outcome;
      m.outcome_note = it->second->outcome_note;
    }
    TB_ASSIGN_OR_RETURN(Statement * insert,
                        tx->Prepare("INSERT INTO event_meetings (event_id, run_id, request_id, "
                                    "supplier_id, officer_id, slot, table_name, pinned, "
                                    "cancelled, outcome, outcome_note) VALUES (?, ?, ?, ?, ?, ?, "
                                    "?, ?, 0, ?, ?) RETURNING id"));
    insert->BindInt64(1, event.value)
        .BindInt64(2, run.value)
        .BindInt64(3, m.request.value)
        .BindInt64(4, m.supplier.value)
        .BindInt64(5, m.officer.value)
        .BindInt64(6, m.slot)
        .BindText(7, m.table)
        .BindInt64(8, m.pinned ? 1 : 0);
    if (m.outcome) {
      insert->BindText(9, events::OutcomeName(*m.outcome));
    } else {
      insert->BindNull(9);
    }
    insert->BindText(10, m.outcome_note);
    TB_ASSIGN_OR_RETURN(bool row, insert->Step());
    if (!row) return Status::Internal("insert returned no id");
    m.id = MeetingId{insert->Int64(0)};
    m.event = event;
    m.run = run;
    m.cancelled = false;
  }
  TB_ASSIGN_OR_RETURN(Statement * mark,
                      tx->Prepare("UPDATE event_runs SET published = CASE WHEN id = ? THEN 1 "
                                  "ELSE 0 END WHERE event_id = ?"));
  mark->BindInt64(1, run.value).BindInt64(2, event.value);
  TB_RETURN_IF_ERROR(mark->Run());
  TB_RETURN_IF_ERROR(tx->Commit());
  return meetings;
}

Result<std::vector<Meeting>> SqlEventStore::ListMeetings(EventId event) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kRead));
  return ListEventMeetings(*tx, event);
}

Result<Meeting> SqlEventStore::GetMeeting(EventId event, MeetingId id) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * find,
                      tx->Prepare("SELECT " + std::string(kMeetingColumns) +
                                  " FROM event_meetings WHERE id = ? AND event_id = ?"));
  find->BindInt64(1, id.value).BindInt64(2, event.value);
  TB_ASSIGN_OR_RETURN(bool row, find->Step());
  if (!row) return Status::NotFound("no such meeting");
  return ReadMeetingRow(*find);
}

Result<Meeting> SqlEventStore::UpdateMeeting(const Meeting& m) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(Statement * update,
                      tx->Prepare("UPDATE event_meetings SET pinned = ?, cancelled = ?, "
                                  "outcome = ?, outcome_note = ? WHERE id = ? AND event_id = ?"));
  update->BindInt64(1, m.pinned ? 1 : 0).BindInt64(2, m.cancelled ? 1 : 0);
  if (m.outcome) {
    update->BindText(3, events::OutcomeName(*m.outcome));
  } else {
    update->BindNull(3);
  }
  update->BindText(4, m.outcome_note).BindInt64(5, m.id.value).BindInt64(6, m.event.value);
  TB_RETURN_IF_ERROR(update->Run());
  if (update->ChangedRows() != 1) return Status::NotFound("no such meeting");
  TB_RETURN_IF_ERROR(tx->Commit());
  return m;
}

Status SqlEventStore::SetPin(EventId event, const events::Pin& pin) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(Statement * clear,
                      tx->Prepare("DELETE FROM event_pins WHERE event_id = ? AND request_id = ?"));
  clear->BindInt64(1, event.value).BindInt64(2, pin.request.value);
  TB_RETURN_IF_ERROR(clear->Run());
  TB_ASSIGN_OR_RETURN(Statement * insert,
                      tx->Prepare("INSERT INTO event_pins (event_id, request_id, officer_id, slot) "
                                  "VALUES (?, ?, ?, ?)"));
  insert->BindInt64(1, event.value)
      .BindInt64(2, pin.request.value)
      .BindInt64(3, pin.officer.value)
      .BindInt64(4, pin.slot);
  TB_RETURN_IF_ERROR(insert->Run());
  return tx->Commit();
}

Status SqlEventStore::DeletePin(EventId event, events::RequestId request) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(Statement * clear,
                      tx->Prepare("DELETE FROM event_pins WHERE event_id = ? AND request_id = ?"));
  clear->BindInt64(1, event.value).BindInt64(2, request.value);
  TB_RETURN_IF_ERROR(clear->Run());
  if (clear->ChangedRows() != 1) return Status::NotFound("no such pin");
  return tx->Commit();
}

Result<std::vector<events::Pin>> SqlEventStore::ListPins(EventId event) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * list,
                      tx->Prepare("SELECT request_id, officer_id, slot FROM event_pins WHERE "
                                  "event_id = ? ORDER BY request_id"));
  list->BindInt64(1, event.value);
  std::vector<events::Pin> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, list->Step());
    if (!row) break;
    out.push_back({events::RequestId{list->Int64(0)}, events::ParticipantId{list->Int64(1)},
                   static_cast<int>(list->Int64(2))});
  }
  return out;
}

}  // namespace tb::storage
