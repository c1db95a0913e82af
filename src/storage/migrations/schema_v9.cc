// Migration 9: events (issue #7, docs/events.md): the event document (versioned), its
// participants and meeting requests (key columns for the uniqueness rules, the rest as a JSON
// document), scheduler runs with their instance and meetings, the published schedule with
// outcomes, and pins. Partial unique indexes hold the rules that must survive concurrent
// writers: one live registration per company or officer, one live request per supplier and
// target, one running scheduler run per event. The two texts differ only in types.
#include "storage/migrations/migrations.h"

namespace tb::storage {

extern const Migration kMigrationV9 = {9, "events, participants, meeting requests and schedules",
                                       R"sql(
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  organiser_id INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft','open','closed','finished','cancelled')),
  version INTEGER NOT NULL,
  doc TEXT NOT NULL,
  created_at_us INTEGER NOT NULL,
  updated_at_us INTEGER NOT NULL
);
CREATE TABLE event_participants (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events (id),
  kind TEXT NOT NULL CHECK (kind IN ('officer','supplier')),
  organisation_id INTEGER,
  user_id INTEGER,
  cancelled INTEGER NOT NULL DEFAULT 0,
  doc TEXT NOT NULL
);
CREATE INDEX event_participants_by_event ON event_participants (event_id, id);
CREATE UNIQUE INDEX event_participants_one_company ON event_participants (event_id, organisation_id)
  WHERE kind = 'supplier' AND organisation_id IS NOT NULL AND cancelled = 0;
CREATE UNIQUE INDEX event_participants_one_officer ON event_participants (event_id, user_id)
  WHERE kind = 'officer' AND user_id IS NOT NULL AND cancelled = 0;
CREATE TABLE event_requests (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events (id),
  supplier_id INTEGER NOT NULL REFERENCES event_participants (id),
  target_kind TEXT NOT NULL CHECK (target_kind IN ('agency','officer')),
  target_id INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','accepted','declined','cancelled')),
  doc TEXT NOT NULL
);
CREATE INDEX event_requests_by_event ON event_requests (event_id, id);
CREATE UNIQUE INDEX event_requests_one_live ON event_requests (event_id, supplier_id, target_kind, target_id)
  WHERE status IN ('pending','accepted');
CREATE TABLE event_runs (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events (id),
  status TEXT NOT NULL CHECK (status IN ('running','done','failed')),
  published INTEGER NOT NULL DEFAULT 0,
  doc TEXT NOT NULL,
  instance TEXT NOT NULL,
  meetings TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX event_runs_by_event ON event_runs (event_id, id);
CREATE UNIQUE INDEX event_runs_one_running ON event_runs (event_id) WHERE status = 'running';
CREATE TABLE event_meetings (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events (id),
  run_id INTEGER NOT NULL REFERENCES event_runs (id),
  request_id INTEGER NOT NULL,
  supplier_id INTEGER NOT NULL,
  officer_id INTEGER NOT NULL,
  slot INTEGER NOT NULL,
  table_name TEXT NOT NULL,
  pinned INTEGER NOT NULL DEFAULT 0,
  cancelled INTEGER NOT NULL DEFAULT 0,
  outcome TEXT CHECK (outcome IN ('follow_up','invited_to_bid','not_relevant')),
  outcome_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX event_meetings_by_event ON event_meetings (event_id, slot, id);
CREATE TABLE event_pins (
  event_id INTEGER NOT NULL REFERENCES events (id),
  request_id INTEGER NOT NULL,
  officer_id INTEGER NOT NULL,
  slot INTEGER NOT NULL,
  PRIMARY KEY (event_id, request_id)
);
)sql",
                                       R"sql(
CREATE TABLE events (
  id BIGSERIAL PRIMARY KEY,
  organiser_id BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft','open','closed','finished','cancelled')),
  version BIGINT NOT NULL,
  doc TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL
);
CREATE TABLE event_participants (
  id BIGSERIAL PRIMARY KEY,
  event_id BIGINT NOT NULL REFERENCES events (id),
  kind TEXT NOT NULL CHECK (kind IN ('officer','supplier')),
  organisation_id BIGINT,
  user_id BIGINT,
  cancelled INTEGER NOT NULL DEFAULT 0,
  doc TEXT NOT NULL
);
CREATE INDEX event_participants_by_event ON event_participants (event_id, id);
CREATE UNIQUE INDEX event_participants_one_company ON event_participants (event_id, organisation_id)
  WHERE kind = 'supplier' AND organisation_id IS NOT NULL AND cancelled = 0;
CREATE UNIQUE INDEX event_participants_one_officer ON event_participants (event_id, user_id)
  WHERE kind = 'officer' AND user_id IS NOT NULL AND cancelled = 0;
CREATE TABLE event_requests (
  id BIGSERIAL PRIMARY KEY,
  event_id BIGINT NOT NULL REFERENCES events (id),
  supplier_id BIGINT NOT NULL REFERENCES event_participants (id),
  target_kind TEXT NOT NULL CHECK (target_kind IN ('agency','officer')),
  target_id BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','accepted','declined','cancelled')),
  doc TEXT NOT NULL
);
CREATE INDEX event_requests_by_event ON event_requests (event_id, id);
CREATE UNIQUE INDEX event_requests_one_live ON event_requests (event_id, supplier_id, target_kind, target_id)
  WHERE status IN ('pending','accepted');
CREATE TABLE event_runs (
  id BIGSERIAL PRIMARY KEY,
  event_id BIGINT NOT NULL REFERENCES events (id),
  status TEXT NOT NULL CHECK (status IN ('running','done','failed')),
  published INTEGER NOT NULL DEFAULT 0,
  doc TEXT NOT NULL,
  instance TEXT NOT NULL,
  meetings TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX event_runs_by_event ON event_runs (event_id, id);
CREATE UNIQUE INDEX event_runs_one_running ON event_runs (event_id) WHERE status = 'running';
CREATE TABLE event_meetings (
  id BIGSERIAL PRIMARY KEY,
  event_id BIGINT NOT NULL REFERENCES events (id),
  run_id BIGINT NOT NULL REFERENCES event_runs (id),
  request_id BIGINT NOT NULL,
  supplier_id BIGINT NOT NULL,
  officer_id BIGINT NOT NULL,
  slot INTEGER NOT NULL,
  table_name TEXT NOT NULL,
  pinned INTEGER NOT NULL DEFAULT 0,
  cancelled INTEGER NOT NULL DEFAULT 0,
  outcome TEXT CHECK (outcome IN ('follow_up','invited_to_bid','not_relevant')),
  outcome_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX event_meetings_by_event ON event_meetings (event_id, slot, id);
CREATE TABLE event_pins (
  event_id BIGINT NOT NULL REFERENCES events (id),
  request_id BIGINT NOT NULL,
  officer_id BIGINT NOT NULL,
  slot INTEGER NOT NULL,
  PRIMARY KEY (event_id, request_id)
);
)sql"};

}  // namespace tb::storage
