// Events, participants and requests (migration 9). Runs, meetings and pins are in
// sql_event_store_runs.cc.
#include "storage/sql_event_store.h"

#include <nlohmann/json.hpp>

#include "events/event_json.h"
#include "storage/sql_event_store_internal.h"

namespace tb::storage {

using events::Event;
using events::EventId;
using events::MeetingRequest;
using events::Participant;
using events::ParticipantId;
using events::RequestId;
using nlohmann::json;

namespace event_sql {

Result<json> ParseDoc(const std::string& text, std::string_view what) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Status::Internal("a stored " + std::string(what) + " is not JSON");
  return doc;
}

Result<Participant> ReadParticipant(const Statement& s) {
  TB_ASSIGN_OR_RETURN(json doc, ParseDoc(s.Text(1), "participant"));
  TB_ASSIGN_OR_RETURN(Participant p, events::ParticipantFromStored(doc));
  p.id = ParticipantId{s.Int64(0)};
  return p;
}

Result<MeetingRequest> ReadRequest(const Statement& s) {
  TB_ASSIGN_OR_RETURN(json doc, ParseDoc(s.Text(1), "meeting request"));
  TB_ASSIGN_OR_RETURN(MeetingRequest r, events::RequestFromStored(doc));
  r.id = RequestId{s.Int64(0)};
  return r;
}

Status InsertParticipant(Transaction& tx, Participant& p) {
  TB_ASSIGN_OR_RETURN(Statement * insert,
                      tx.Prepare("INSERT INTO event_participants (event_id, kind, "
                                 "organisation_id, user_id, cancelled, doc) VALUES (?, ?, ?, ?, "
                                 "?, ?) RETURNING id"));
  insert->BindInt64(1, p.event.value).BindText(2, events::ParticipantKindName(p.kind));
  if (p.organisation.valid()) {
    insert->BindInt64(3, p.organisation.value);
  } else {
    insert->BindNull(3);
  }
  if (p.user.valid()) {
    insert->BindInt64(4, p.user.value);
  } else {
    insert->BindNull(4);
  }
  insert->BindInt64(5, p.cancelled ? 1 : 0).BindText(6, events::ToStored(p).dump());
  Result<bool> row = insert->Step();
  if (!row.ok()) {
    if (row.status().code() == StatusCode::kAlreadyExists) {
      return Status::AlreadyExists(p.kind == events::ParticipantKind::kSupplier
                                       ? "this company is already registered for the event"
                                       : "this officer is already registered for the event");
    }
    return row.status();
  }
  p.id = ParticipantId{insert->Int64(0)};
  return Status::Ok();
}

Status InsertRequest(Transaction& tx, MeetingRequest& r) {
  TB_ASSIGN_OR_RETURN(Statement * insert,
                      tx.Prepare("INSERT INTO event_requests (event_id, supplier_id, target_kind, "
                                 "target_id, status, doc) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
  insert->BindInt64(1, r.event.value)
      .BindInt64(2, r.supplier.value)
      .BindText(3, r.targets_officer ? "officer" : "agency")
      .BindInt64(4, r.targets_officer ? r.target_officer.value : r.target_agency.value)
      .BindText(5, events::RequestStatusName(r.status))
      .BindText(6, events::ToStored(r).dump());
  Result<bool> row = insert->Step();
  if (!row.ok()) {
    if (row.status().code() == StatusCode::kAlreadyExists) {
      return Status::AlreadyExists("there is already an open request to this target")
          .WithField("/target");
    }
    return row.status();
  }
  r.id = RequestId{insert->Int64(0)};
  return Status::Ok();
}

}  // namespace event_sql

namespace {

using event_sql::ParseDoc;

Result<Event> ReadEventRow(const Statement& s) {
  TB_ASSIGN_OR_RETURN(json doc, ParseDoc(s.Text(1), "event"));
  TB_ASSIGN_OR_RETURN(Event event, events::EventFromStored(doc));
  event.id = EventId{s.Int64(0)};
  event.version = s.Int64(2);
  return event;
}

}  // namespace

Result<Event> SqlEventStore::CreateEvent(Event event) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kWrite));
  event.version = 1;
  TB_ASSIGN_OR_RETURN(Statement * insert,
                      tx->Prepare("INSERT INTO events (organiser_id, status, version, doc, "
                                  "created_at_us, updated_at_us) VALUES (?, ?, ?, ?, ?, ?) "
                                  "RETURNING id"));
  insert->BindInt64(1, event.organiser.value)
      .BindText(2, events::EventStatusName(event.status))
      .BindInt64(3, event.version)
      .BindText(4, events::ToStored(event).dump())
      .BindInt64(5, event.created_at.micros())
      .BindInt64(6, event.updated_at.micros());
  TB_ASSIGN_OR_RETURN(bool row, insert->Step());
  if (!row) return Status::Internal("insert returned no id");
  event.id = EventId{insert->Int64(0)};
  TB_RETURN_IF_ERROR(tx->Commit());
  return event;
}

Result<Event> SqlEventStore::GetEvent(EventId id) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * find,
                      tx->Prepare("SELECT id, doc, version FROM events WHERE id = ?"));
  find->BindInt64(1, id.value);
  TB_ASSIGN_OR_RETURN(bool row, find->Step());
  if (!row) return Status::NotFound("no such event");
  return ReadEventRow(*find);
}

Result<std::vector<Event>> SqlEventStore::ListEvents() {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * list,
                      tx->Prepare("SELECT id, doc, version FROM events ORDER BY id DESC"));
  std::vector<Event> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, list->Step());
    if (!row) break;
    TB_ASSIGN_OR_RETURN(Event event, ReadEventRow(*list));
    out.push_back(std::move(event));
  }
  return out;
}

Result<Event> SqlEventStore::UpdateEvent(Event event, std::int64_t expected_version) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kWrite));
  event.version = expected_version + 1;
  TB_ASSIGN_OR_RETURN(Statement * update,
                      tx->Prepare("UPDATE events SET status = ?, version = ?, doc = ?, "
                                  "updated_at_us = ? WHERE id = ? AND version = ?"));
  update->BindText(1, events::EventStatusName(event.status))
      .BindInt64(2, event.version)
      .BindText(3, events::ToStored(event).dump())
      .BindInt64(4, event.updated_at.micros())
      .BindInt64(5, event.id.value)
      .BindInt64(6, expected_version);
  TB_RETURN_IF_ERROR(update->Run());
  if (update->ChangedRows() != 1) {
    return Status::FailedPrecondition("the event changed since it was read").WithField("If-Match");
  }
  TB_RETURN_IF_ERROR(tx->Commit());
  return event;
}

Result<Participant> SqlEventStore::AddParticipant(Participant participant) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kWrite));
  TB_RETURN_IF_ERROR(event_sql::InsertParticipant(*tx, participant));
  TB_RETURN_IF_ERROR(tx->Commit());
  return participant;
}

Result<Participant> SqlEventStore::UpdateParticipant(const Participant& p) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(Statement * update,
                      tx->Prepare("UPDATE event_participants SET kind = ?, organisation_id = ?, "
                                  "user_id = ?, cancelled = ?, doc = ? WHERE id = ? AND "
                                  "event_id = ?"));
  update->BindText(1, events::ParticipantKindName(p.kind));
  if (p.organisation.valid()) {
    update->BindInt64(2, p.organisation.value);
  } else {
    update->BindNull(2);
  }
  if (p.user.valid()) {
    update->BindInt64(3, p.user.value);
  } else {
    update->BindNull(3);
  }
  update->BindInt64(4, p.cancelled ? 1 : 0)
      .BindText(5, events::ToStored(p).dump())
      .BindInt64(6, p.id.value)
      .BindInt64(7, p.event.value);
  if (Status s = update->Run(); !s.ok()) {
    if (s.code() == StatusCode::kAlreadyExists) {
      return Status::AlreadyExists("another registration of the same company or officer exists");
    }
    return s;
  }
  if (update->ChangedRows() != 1) return Status::NotFound("no such participant");
  TB_RETURN_IF_ERROR(tx->Commit());
  return p;
}

Result<Participant> SqlEventStore::GetParticipant(EventId event, ParticipantId id) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * find,
                      tx->Prepare("SELECT id, doc FROM event_participants WHERE id = ? AND "
                                  "event_id = ?"));
  find->BindInt64(1, id.value).BindInt64(2, event.value);
  TB_ASSIGN_OR_RETURN(bool row, find->Step());
  if (!row) return Status::NotFound("no such participant");
  return event_sql::ReadParticipant(*find);
}

Result<std::vector<Participant>> SqlEventStore::ListParticipants(EventId event) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * list,
                      tx->Prepare("SELECT id, doc FROM event_participants WHERE event_id = ? "
                                  "ORDER BY id"));
  list->BindInt64(1, event.value);
  std::vector<Participant> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, list->Step());
    if (!row) break;
    TB_ASSIGN_OR_RETURN(Participant p, event_sql::ReadParticipant(*list));
    out.push_back(std::move(p));
  }
  return out;
}

Status SqlEventStore::Import(EventId event, events::ImportBatch batch) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kWrite));
  for (Participant& p : batch.participants) {
    p.event = event;
    TB_RETURN_IF_ERROR(event_sql::InsertParticipant(*tx, p));
  }
  for (events::ImportBatch::Request& row : batch.requests) {
    MeetingRequest& r = row.request;
    r.event = event;
    if (row.supplier_index < 0 ||
        row.supplier_index >= static_cast<int>(batch.participants.size())) {
      return Status::InvalidArgument("request names no imported supplier");
    }
    r.supplier = batch.participants[row.supplier_index].id;
    if (r.targets_officer) {
      if (row.officer_index < 0 ||
          row.officer_index >= static_cast<int>(batch.participants.size())) {
        return Status::InvalidArgument("request names no imported officer");
      }
      r.target_officer = batch.participants[row.officer_index].id;
    }
    TB_RETURN_IF_ERROR(event_sql::InsertRequest(*tx, r));
  }
  return tx->Commit();
}

Result<MeetingRequest> SqlEventStore::AddRequest(MeetingRequest request, int quota) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kWrite));
  // Serialises requests of one supplier on PostgreSQL (SQLite has one writer anyway), so
  // the count below cannot be passed by two concurrent inserts.
  TB_ASSIGN_OR_RETURN(Statement * lock,
                      tx->Prepare(tx->engine() == Engine::kPostgres
                                      ? "SELECT id FROM event_participants WHERE id = ? FOR UPDATE"
                                      : "SELECT id FROM event_participants WHERE id = ?"));
  lock->BindInt64(1, request.supplier.value);
  TB_ASSIGN_OR_RETURN(bool exists, lock->Step());
  if (!exists) return Status::NotFound("no such participant");
  TB_ASSIGN_OR_RETURN(Statement * count,
                      tx->Prepare("SELECT COUNT(*) FROM event_requests WHERE supplier_id = ? AND "
                                  "status IN ('pending', 'accepted')"));
  count->BindInt64(1, request.supplier.value);
  TB_ASSIGN_OR_RETURN(bool counted, count->Step());
  if (counted && count->Int64(0) >= quota) {
    return Status::ResourceExhausted("the supplier's request quota is used up");
  }
  TB_RETURN_IF_ERROR(event_sql::InsertRequest(*tx, request));
  TB_RETURN_IF_ERROR(tx->Commit());
  return request;
}

Result<MeetingRequest> SqlEventStore::UpdateRequest(const MeetingRequest& r) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kWrite));
  TB_ASSIGN_OR_RETURN(Statement * update,
                      tx->Prepare("UPDATE event_requests SET status = ?, doc = ? WHERE id = ? "
                                  "AND event_id = ?"));
  update->BindText(1, events::RequestStatusName(r.status))
      .BindText(2, events::ToStored(r).dump())
      .BindInt64(3, r.id.value)
      .BindInt64(4, r.event.value);
  if (Status s = update->Run(); !s.ok()) {
    if (s.code() == StatusCode::kAlreadyExists) {
      return Status::AlreadyExists("there is already an open request to this target");
    }
    return s;
  }
  if (update->ChangedRows() != 1) return Status::NotFound("no such request");
  TB_RETURN_IF_ERROR(tx->Commit());
  return r;
}

Result<MeetingRequest> SqlEventStore::GetRequest(EventId event, RequestId id) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * find,
                      tx->Prepare("SELECT id, doc FROM event_requests WHERE id = ? AND "
                                  "event_id = ?"));
  find->BindInt64(1, id.value).BindInt64(2, event.value);
  TB_ASSIGN_OR_RETURN(bool row, find->Step());
  if (!row) return Status::NotFound("no such request");
  return event_sql::ReadRequest(*find);
}

Result<std::vector<MeetingRequest>> SqlEventStore::ListRequests(EventId event) {
  TB_ASSIGN_OR_RETURN(auto tx, db_.Begin(TxMode::kRead));
  TB_ASSIGN_OR_RETURN(Statement * list,
                      tx->Prepare("SELECT id, doc FROM event_requests WHERE event_id = ? "
                                  "ORDER BY id"));
  list->BindInt64(1, event.value);
  std::vector<MeetingRequest> out;
  for (;;) {
    TB_ASSIGN_OR_RETURN(bool row, list->Step());
    if (!row) break;
    TB_ASSIGN_OR_RETURN(MeetingRequest r, event_sql::ReadRequest(*list));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace tb::storage
