// Migration 10: alerts (issue #5, docs/alerts.md): each user's alert settings (the filters as
// one JSON document), saved searches and saved notices, capability tokens for the calendar
// and unsubscribe links, the alerts (the inbox; unique per user, notice and version, so a
// re-run or a second node cannot alert twice), the e-mail deliveries with their retry state,
// and the alert projection's position in the `changes` log. The two texts differ only in types.
#include "storage/migrations/migrations.h"

namespace tb::storage {

extern const Migration kMigrationV10 = {10, "alerts, saved searches, saved notices, deliveries",
                                        R"sql(
CREATE TABLE alert_settings (
  user_id INTEGER PRIMARY KEY,
  frequency TEXT NOT NULL CHECK (frequency IN ('instant','daily','weekly','off')),
  email INTEGER NOT NULL,
  use_profile INTEGER NOT NULL,
  filters TEXT NOT NULL,
  updated_at_us INTEGER NOT NULL,
  last_digest_at_us INTEGER
);
CREATE TABLE saved_searches (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  query TEXT NOT NULL,
  feed_token TEXT NOT NULL UNIQUE,
  created_at_us INTEGER NOT NULL
);
CREATE INDEX saved_searches_by_user ON saved_searches (user_id, id);
CREATE TABLE saved_notices (
  user_id INTEGER NOT NULL,
  notice_id INTEGER NOT NULL,
  saved_at_us INTEGER NOT NULL,
  PRIMARY KEY (user_id, notice_id)
);
CREATE INDEX saved_notices_by_notice ON saved_notices (notice_id);
CREATE TABLE alert_user_tokens (
  user_id INTEGER PRIMARY KEY,
  calendar_token TEXT NOT NULL UNIQUE,
  unsubscribe_token TEXT NOT NULL UNIQUE
);
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL,
  notice_id INTEGER NOT NULL,
  notice_version INTEGER NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('profile','saved_search','amendment','invitation')),
  saved_search_id INTEGER,
  score DOUBLE PRECISION NOT NULL,
  explanation TEXT NOT NULL,
  created_at_us INTEGER NOT NULL,
  read_at_us INTEGER,
  emailed INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX alerts_once_per_version ON alerts (user_id, notice_id, notice_version)
  WHERE reason <> 'invitation';
CREATE UNIQUE INDEX alerts_one_invitation ON alerts (user_id, notice_id) WHERE reason = 'invitation';
CREATE INDEX alerts_inbox ON alerts (user_id, id);
CREATE INDEX alerts_by_notice ON alerts (notice_id);
CREATE TABLE alert_deliveries (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('instant','daily','weekly')),
  alert_ids TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at_us INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  sent_at_us INTEGER,
  created_at_us INTEGER NOT NULL
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_at_us) WHERE sent_at_us IS NULL;
CREATE INDEX alert_deliveries_by_user ON alert_deliveries (user_id, id);
CREATE TABLE alert_projection (
  name TEXT PRIMARY KEY,
  seq INTEGER NOT NULL
);
INSERT INTO alert_projection (name, seq) VALUES ('alerts', 0);
)sql",
                                        R"sql(
CREATE TABLE alert_settings (
  user_id BIGSERIAL PRIMARY KEY,
  frequency TEXT NOT NULL CHECK (frequency IN ('instant','daily','weekly','off')),
  email BIGINT NOT NULL,
  use_profile BIGINT NOT NULL,
  filters TEXT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  last_digest_at_us BIGINT
);
CREATE TABLE saved_searches (
  id BIGSERIAL PRIMARY KEY,
  user_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  query TEXT NOT NULL,
  feed_token TEXT NOT NULL UNIQUE,
  created_at_us BIGINT NOT NULL
);
CREATE INDEX saved_searches_by_user ON saved_searches (user_id, id);
CREATE TABLE saved_notices (
  user_id BIGINT NOT NULL,
  notice_id BIGINT NOT NULL,
  saved_at_us BIGINT NOT NULL,
  PRIMARY KEY (user_id, notice_id)
);
CREATE INDEX saved_notices_by_notice ON saved_notices (notice_id);
CREATE TABLE alert_user_tokens (
  user_id BIGSERIAL PRIMARY KEY,
  calendar_token TEXT NOT NULL UNIQUE,
  unsubscribe_token TEXT NOT NULL UNIQUE
);
CREATE TABLE alerts (
  id BIGSERIAL PRIMARY KEY,
  user_id BIGINT NOT NULL,
  notice_id BIGINT NOT NULL,
  notice_version BIGINT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('profile','saved_search','amendment','invitation')),
  saved_search_id BIGINT,
  score DOUBLE PRECISION NOT NULL,
  explanation TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  read_at_us BIGINT,
  emailed BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX alerts_once_per_version ON alerts (user_id, notice_id, notice_version)
  WHERE reason <> 'invitation';
CREATE UNIQUE INDEX alerts_one_invitation ON alerts (user_id, notice_id) WHERE reason = 'invitation';
CREATE INDEX alerts_inbox ON alerts (user_id, id);
CREATE INDEX alerts_by_notice ON alerts (notice_id);
CREATE TABLE alert_deliveries (
  id BIGSERIAL PRIMARY KEY,
  user_id BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('instant','daily','weekly')),
  alert_ids TEXT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at_us BIGINT NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  sent_at_us BIGINT,
  created_at_us BIGINT NOT NULL
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_at_us) WHERE sent_at_us IS NULL;
CREATE INDEX alert_deliveries_by_user ON alert_deliveries (user_id, id);
CREATE TABLE alert_projection (
  name TEXT PRIMARY KEY,
  seq BIGINT NOT NULL
);
INSERT INTO alert_projection (name, seq) VALUES ('alerts', 0);
)sql"};

}  // namespace tb::storage
