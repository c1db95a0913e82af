// Migration 7: sealed bids and their opening (issue #6 items 3 and 4, docs/bids.md). Bids
// and their versions with the signed receipts, the content-addressed ciphertexts, refused
// late submissions, committee shares held during an opening, opening records with the
// opened bids and their decrypted documents, and the technical qualification marks of
// two-envelope tenders. Reads the tender tables of migration 6 (tender-schema contract).
// The two texts differ only in types.
#include "storage/migrations/migrations.h"

namespace tb::storage {

extern const Migration kMigrationV7 = {
    7, "sealed bids, receipts and openings",
    R"sql(
CREATE TABLE bid_blobs (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  content BLOB NOT NULL
);
CREATE TABLE bids (
  tender_id INTEGER NOT NULL REFERENCES tenders (id),
  bid_id TEXT NOT NULL,
  supplier_id INTEGER NOT NULL,
  ref_salt BLOB NOT NULL,
  latest_version INTEGER NOT NULL,
  withdrawn INTEGER NOT NULL DEFAULT 0,
  created_at_us INTEGER NOT NULL,
  PRIMARY KEY (tender_id, bid_id)
);
CREATE INDEX bids_by_supplier ON bids (tender_id, supplier_id);
CREATE TABLE bid_versions (
  tender_id INTEGER NOT NULL,
  bid_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('received', 'replaced', 'withdrawn')),
  supplier_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  receipt_time_us INTEGER NOT NULL,
  idempotency_key TEXT NOT NULL,
  leaf_index INTEGER NOT NULL,
  receipt TEXT NOT NULL,
  PRIMARY KEY (tender_id, bid_id, version),
  UNIQUE (supplier_id, tender_id, idempotency_key),
  FOREIGN KEY (tender_id, bid_id) REFERENCES bids (tender_id, bid_id)
);
CREATE TABLE bid_envelopes (
  tender_id INTEGER NOT NULL,
  bid_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  envelope TEXT NOT NULL CHECK (envelope IN ('single', 'technical', 'financial')),
  sha256 TEXT NOT NULL REFERENCES bid_blobs (sha256),
  size INTEGER NOT NULL,
  PRIMARY KEY (tender_id, bid_id, version, envelope),
  FOREIGN KEY (tender_id, bid_id, version) REFERENCES bid_versions (tender_id, bid_id, version)
);
CREATE TABLE bid_refusals (
  id INTEGER PRIMARY KEY,
  tender_id INTEGER NOT NULL,
  supplier_id INTEGER NOT NULL,
  bid_id TEXT NOT NULL,
  at_us INTEGER NOT NULL,
  deadline_us INTEGER,
  reason TEXT NOT NULL
);
CREATE TABLE opening_shares (
  tender_id INTEGER NOT NULL,
  envelope TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  share BLOB NOT NULL,
  submitted_at_us INTEGER NOT NULL,
  PRIMARY KEY (tender_id, envelope, user_id)
);
CREATE TABLE openings (
  tender_id INTEGER NOT NULL,
  envelope TEXT NOT NULL,
  opened_at_us INTEGER NOT NULL,
  members TEXT NOT NULL,
  record TEXT NOT NULL,
  record_sha256 TEXT NOT NULL,
  PRIMARY KEY (tender_id, envelope)
);
CREATE TABLE opened_bids (
  tender_id INTEGER NOT NULL,
  envelope TEXT NOT NULL,
  bid_id TEXT NOT NULL,
  supplier_id INTEGER NOT NULL,
  supplier_name TEXT NOT NULL,
  version INTEGER NOT NULL,
  receipt_time_us INTEGER NOT NULL,
  envelope_sha256 TEXT NOT NULL,
  bid_ref_salt TEXT NOT NULL,
  decrypted INTEGER NOT NULL,
  error TEXT NOT NULL,
  price_minor INTEGER,
  price_currency TEXT,
  files TEXT NOT NULL,
  PRIMARY KEY (tender_id, envelope, bid_id)
);
CREATE TABLE bid_documents (
  tender_id INTEGER NOT NULL,
  bid_id TEXT NOT NULL,
  envelope TEXT NOT NULL,
  file_index INTEGER NOT NULL,
  name TEXT NOT NULL,
  content BLOB NOT NULL,
  PRIMARY KEY (tender_id, bid_id, envelope, file_index)
);
CREATE TABLE bid_qualifications (
  tender_id INTEGER NOT NULL,
  bid_id TEXT NOT NULL,
  qualified INTEGER NOT NULL,
  decided_by INTEGER NOT NULL,
  decided_at_us INTEGER NOT NULL,
  PRIMARY KEY (tender_id, bid_id)
);
)sql",
    R"sql(
CREATE TABLE bid_blobs (
  sha256 TEXT PRIMARY KEY,
  size BIGINT NOT NULL,
  content BYTEA NOT NULL
);
CREATE TABLE bids (
  tender_id BIGINT NOT NULL REFERENCES tenders (id),
  bid_id TEXT NOT NULL,
  supplier_id BIGINT NOT NULL,
  ref_salt BYTEA NOT NULL,
  latest_version BIGINT NOT NULL,
  withdrawn BIGINT NOT NULL DEFAULT 0,
  created_at_us BIGINT NOT NULL,
  PRIMARY KEY (tender_id, bid_id)
);
CREATE INDEX bids_by_supplier ON bids (tender_id, supplier_id);
CREATE TABLE bid_versions (
  tender_id BIGINT NOT NULL,
  bid_id TEXT NOT NULL,
  version BIGINT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('received', 'replaced', 'withdrawn')),
  supplier_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  receipt_time_us BIGINT NOT NULL,
  idempotency_key TEXT NOT NULL,
  leaf_index BIGINT NOT NULL,
  receipt TEXT NOT NULL,
  PRIMARY KEY (tender_id, bid_id, version),
  UNIQUE (supplier_id, tender_id, idempotency_key),
  FOREIGN KEY (tender_id, bid_id) REFERENCES bids (tender_id, bid_id)
);
CREATE TABLE bid_envelopes (
  tender_id BIGINT NOT NULL,
  bid_id TEXT NOT NULL,
  version BIGINT NOT NULL,
  envelope TEXT NOT NULL CHECK (envelope IN ('single', 'technical', 'financial')),
  sha256 TEXT NOT NULL REFERENCES bid_blobs (sha256),
  size BIGINT NOT NULL,
  PRIMARY KEY (tender_id, bid_id, version, envelope),
  FOREIGN KEY (tender_id, bid_id, version) REFERENCES bid_versions (tender_id, bid_id, version)
);
CREATE TABLE bid_refusals (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  tender_id BIGINT NOT NULL,
  supplier_id BIGINT NOT NULL,
  bid_id TEXT NOT NULL,
  at_us BIGINT NOT NULL,
  deadline_us BIGINT,
  reason TEXT NOT NULL
);
CREATE TABLE opening_shares (
  tender_id BIGINT NOT NULL,
  envelope TEXT NOT NULL,
  user_id BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  share BYTEA NOT NULL,
  submitted_at_us BIGINT NOT NULL,
  PRIMARY KEY (tender_id, envelope, user_id)
);
CREATE TABLE openings (
  tender_id BIGINT NOT NULL,
  envelope TEXT NOT NULL,
  opened_at_us BIGINT NOT NULL,
  members TEXT NOT NULL,
  record TEXT NOT NULL,
  record_sha256 TEXT NOT NULL,
  PRIMARY KEY (tender_id, envelope)
);
CREATE TABLE opened_bids (
  tender_id BIGINT NOT NULL,
  envelope TEXT NOT NULL,
  bid_id TEXT NOT NULL,
  supplier_id BIGINT NOT NULL,
  supplier_name TEXT NOT NULL,
  version BIGINT NOT NULL,
  receipt_time_us BIGINT NOT NULL,
  envelope_sha256 TEXT NOT NULL,
  bid_ref_salt TEXT NOT NULL,
  decrypted BIGINT NOT NULL,
  error TEXT NOT NULL,
  price_minor BIGINT,
  price_currency TEXT,
  files TEXT NOT NULL,
  PRIMARY KEY (tender_id, envelope, bid_id)
);
CREATE TABLE bid_documents (
  tender_id BIGINT NOT NULL,
  bid_id TEXT NOT NULL,
  envelope TEXT NOT NULL,
  file_index BIGINT NOT NULL,
  name TEXT NOT NULL,
  content BYTEA NOT NULL,
  PRIMARY KEY (tender_id, bid_id, envelope, file_index)
);
CREATE TABLE bid_qualifications (
  tender_id BIGINT NOT NULL,
  bid_id TEXT NOT NULL,
  qualified BIGINT NOT NULL,
  decided_by BIGINT NOT NULL,
  decided_at_us BIGINT NOT NULL,
  PRIMARY KEY (tender_id, bid_id)
);
)sql"};

}  // namespace tb::storage
