// Migration 6: tenders (issue #6 items 1 and 2, docs/tendering.md): the tender with its
// committee, envelope keys and sealed key shares, the members' personal sealing keys,
// clarifications, amendments, registered interest and supplier notifications. The columns of
// tenders, tender_committee, tender_envelope_keys, tender_key_shares and tender_interest
// named in the tender-schema contract are read by the bids module by SQL: their names and
// meanings do not change. The two texts differ only in types.
#include "storage/migrations/migrations.h"

namespace tb::storage {

// `doc` holds the editable details (tenders::EditableJson without the deadline): lots,
// items, documents, evaluation, eligibility, bid security. notice_version is the tender
// version last written to the public notice (the notice is rewritten while it is behind).
// User and organisation ids have no foreign keys, as in migration 4, so that this schema
// does not depend on how accounts are stored.
extern const Migration kMigrationV6 = {
    6, "tenders, committees, envelope keys, clarifications, amendments",
    R"sql(
CREATE TABLE tenders (
  id INTEGER PRIMARY KEY,
  ocid TEXT NOT NULL UNIQUE,
  organisation_id INTEGER NOT NULL,
  created_by INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft','published','closed','opened','evaluation',
                                       'awarded','completed','cancelled')),
  deadline_us INTEGER,
  time_zone TEXT NOT NULL,
  envelope_mode TEXT NOT NULL CHECK (envelope_mode IN ('single','two')),
  evaluation_method TEXT NOT NULL CHECK (evaluation_method IN ('lowest_price','weighted')),
  currency TEXT NOT NULL,
  version INTEGER NOT NULL,
  method TEXT NOT NULL,
  reference TEXT NOT NULL,
  title TEXT NOT NULL,
  language TEXT NOT NULL,
  doc TEXT NOT NULL,
  opening_threshold INTEGER NOT NULL,
  amendment_count INTEGER NOT NULL DEFAULT 0,
  reconfirm_required INTEGER NOT NULL DEFAULT 0,
  reconfirm_after_us INTEGER,
  cancellation_reason TEXT NOT NULL DEFAULT '',
  created_at_us INTEGER NOT NULL,
  updated_at_us INTEGER NOT NULL,
  published_at_us INTEGER,
  closed_at_us INTEGER,
  notice_version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tenders_by_state_deadline ON tenders (state, deadline_us);
CREATE INDEX tenders_by_organisation ON tenders (organisation_id, id);
CREATE TABLE tender_committee (
  tender_id INTEGER NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('opening','evaluator')),
  position INTEGER NOT NULL,
  PRIMARY KEY (tender_id, user_id, role)
);
CREATE INDEX tender_committee_by_user ON tender_committee (user_id, tender_id);
CREATE TABLE tender_envelope_keys (
  tender_id INTEGER NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
  envelope TEXT NOT NULL CHECK (envelope IN ('single','technical','financial')),
  public_key BLOB NOT NULL UNIQUE,
  threshold INTEGER NOT NULL,
  created_by INTEGER NOT NULL,
  created_at_us INTEGER NOT NULL,
  PRIMARY KEY (tender_id, envelope)
);
CREATE TABLE tender_key_shares (
  tender_id INTEGER NOT NULL,
  envelope TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  sealed_share BLOB NOT NULL,
  PRIMARY KEY (tender_id, envelope, user_id),
  FOREIGN KEY (tender_id, envelope) REFERENCES tender_envelope_keys (tender_id, envelope)
    ON DELETE CASCADE
);
CREATE TABLE member_sealing_keys (
  user_id INTEGER PRIMARY KEY,
  public_key BLOB NOT NULL,
  created_at_us INTEGER NOT NULL
);
CREATE TABLE tender_interest (
  tender_id INTEGER NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
  supplier_id INTEGER NOT NULL,
  source TEXT NOT NULL DEFAULT 'interest',
  registered_at_us INTEGER NOT NULL,
  PRIMARY KEY (tender_id, supplier_id)
);
CREATE TABLE tender_clarifications (
  id INTEGER PRIMARY KEY,
  tender_id INTEGER NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  supplier_id INTEGER NOT NULL,
  asked_by INTEGER NOT NULL,
  question TEXT NOT NULL,
  asked_at_us INTEGER NOT NULL,
  answer TEXT,
  answered_by INTEGER,
  answered_at_us INTEGER,
  UNIQUE (tender_id, number)
);
CREATE TABLE tender_amendments (
  tender_id INTEGER NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  at_us INTEGER NOT NULL,
  actor_id INTEGER NOT NULL,
  rationale TEXT NOT NULL,
  changed_fields TEXT NOT NULL,
  changes TEXT NOT NULL,
  substantive INTEGER NOT NULL,
  deadline_before_us INTEGER,
  deadline_after_us INTEGER,
  deadline_extended INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (tender_id, number)
);
CREATE TABLE tender_notifications (
  id INTEGER PRIMARY KEY,
  tender_id INTEGER NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
  supplier_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  reference TEXT NOT NULL,
  created_at_us INTEGER NOT NULL
);
CREATE INDEX tender_notifications_by_supplier ON tender_notifications (supplier_id, id);
CREATE INDEX tender_notifications_by_tender ON tender_notifications (tender_id, kind, reference);
)sql",
    R"sql(
CREATE TABLE tenders (
  id BIGSERIAL PRIMARY KEY,
  ocid TEXT NOT NULL UNIQUE,
  organisation_id BIGINT NOT NULL,
  created_by BIGINT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft','published','closed','opened','evaluation',
                                       'awarded','completed','cancelled')),
  deadline_us BIGINT,
  time_zone TEXT NOT NULL,
  envelope_mode TEXT NOT NULL CHECK (envelope_mode IN ('single','two')),
  evaluation_method TEXT NOT NULL CHECK (evaluation_method IN ('lowest_price','weighted')),
  currency TEXT NOT NULL,
  version BIGINT NOT NULL,
  method TEXT NOT NULL,
  reference TEXT NOT NULL,
  title TEXT NOT NULL,
  language TEXT NOT NULL,
  doc TEXT NOT NULL,
  opening_threshold INTEGER NOT NULL,
  amendment_count INTEGER NOT NULL DEFAULT 0,
  reconfirm_required INTEGER NOT NULL DEFAULT 0,
  reconfirm_after_us BIGINT,
  cancellation_reason TEXT NOT NULL DEFAULT '',
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  published_at_us BIGINT,
  closed_at_us BIGINT,
  notice_version BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX tenders_by_state_deadline ON tenders (state, deadline_us);
CREATE INDEX tenders_by_organisation ON tenders (organisation_id, id);
CREATE TABLE tender_committee (
  tender_id BIGINT NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('opening','evaluator')),
  position INTEGER NOT NULL,
  PRIMARY KEY (tender_id, user_id, role)
);
CREATE INDEX tender_committee_by_user ON tender_committee (user_id, tender_id);
CREATE TABLE tender_envelope_keys (
  tender_id BIGINT NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
  envelope TEXT NOT NULL CHECK (envelope IN ('single','technical','financial')),
  public_key BYTEA NOT NULL UNIQUE,
  threshold INTEGER NOT NULL,
  created_by BIGINT NOT NULL,
  created_at_us BIGINT NOT NULL,
  PRIMARY KEY (tender_id, envelope)
);
CREATE TABLE tender_key_shares (
  tender_id BIGINT NOT NULL,
  envelope TEXT NOT NULL,
  user_id BIGINT NOT NULL,
  sealed_share BYTEA NOT NULL,
  PRIMARY KEY (tender_id, envelope, user_id),
  FOREIGN KEY (tender_id, envelope) REFERENCES tender_envelope_keys (tender_id, envelope)
    ON DELETE CASCADE
);
CREATE TABLE member_sealing_keys (
  user_id BIGINT PRIMARY KEY,
  public_key BYTEA NOT NULL,
  created_at_us BIGINT NOT NULL
);
CREATE TABLE tender_interest (
  tender_id BIGINT NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
  supplier_id BIGINT NOT NULL,
  source TEXT NOT NULL DEFAULT 'interest',
  registered_at_us BIGINT NOT NULL,
  PRIMARY KEY (tender_id, supplier_id)
);
CREATE TABLE tender_clarifications (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  tender_id BIGINT NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  supplier_id BIGINT NOT NULL,
  asked_by BIGINT NOT NULL,
  question TEXT NOT NULL,
  asked_at_us BIGINT NOT NULL,
  answer TEXT,
  answered_by BIGINT,
  answered_at_us BIGINT,
  UNIQUE (tender_id, number)
);
CREATE TABLE tender_amendments (
  tender_id BIGINT NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  at_us BIGINT NOT NULL,
  actor_id BIGINT NOT NULL,
  rationale TEXT NOT NULL,
  changed_fields TEXT NOT NULL,
  changes TEXT NOT NULL,
  substantive INTEGER NOT NULL,
  deadline_before_us BIGINT,
  deadline_after_us BIGINT,
  deadline_extended INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (tender_id, number)
);
CREATE TABLE tender_notifications (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  tender_id BIGINT NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
  supplier_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  reference TEXT NOT NULL,
  created_at_us BIGINT NOT NULL
);
CREATE INDEX tender_notifications_by_supplier ON tender_notifications (supplier_id, id);
CREATE INDEX tender_notifications_by_tender ON tender_notifications (tender_id, kind, reference);
)sql"};

}  // namespace tb::storage
