// Migration 11: bidders' re-confirmation after a substantive amendment (issue #6 item 2,
// docs/bids.md "Re-confirmation"). One row per confirmation of a bid version, with its signed
// receipt and idempotency key; and the bids an opening left sealed because they were not
// re-confirmed (listed in the opening record, never decrypted). The two texts differ only in
// types.
#include "storage/migrations/migrations.h"

namespace tb::storage {

extern const Migration kMigrationV11 = {11, "bid re-confirmations and opening exclusions",
                                        R"sql(
CREATE TABLE bid_confirmations (
  tender_id INTEGER NOT NULL,
  bid_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  supplier_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  confirmed_at_us INTEGER NOT NULL,
  amendment INTEGER NOT NULL,
  idempotency_key TEXT NOT NULL,
  leaf_index INTEGER NOT NULL,
  receipt TEXT NOT NULL,
  PRIMARY KEY (tender_id, bid_id, confirmed_at_us),
  UNIQUE (supplier_id, tender_id, idempotency_key),
  FOREIGN KEY (tender_id, bid_id, version) REFERENCES bid_versions (tender_id, bid_id, version)
);
CREATE TABLE opening_exclusions (
  tender_id INTEGER NOT NULL,
  envelope TEXT NOT NULL,
  bid_id TEXT NOT NULL,
  supplier_id INTEGER NOT NULL,
  supplier_name TEXT NOT NULL,
  version INTEGER NOT NULL,
  receipt_time_us INTEGER NOT NULL,
  envelope_sha256 TEXT NOT NULL,
  bid_ref_salt TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (tender_id, envelope, bid_id)
);
)sql",
                                        R"sql(
CREATE TABLE bid_confirmations (
  tender_id BIGINT NOT NULL,
  bid_id TEXT NOT NULL,
  version BIGINT NOT NULL,
  supplier_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  confirmed_at_us BIGINT NOT NULL,
  amendment BIGINT NOT NULL,
  idempotency_key TEXT NOT NULL,
  leaf_index BIGINT NOT NULL,
  receipt TEXT NOT NULL,
  PRIMARY KEY (tender_id, bid_id, confirmed_at_us),
  UNIQUE (supplier_id, tender_id, idempotency_key),
  FOREIGN KEY (tender_id, bid_id, version) REFERENCES bid_versions (tender_id, bid_id, version)
);
CREATE TABLE opening_exclusions (
  tender_id BIGINT NOT NULL,
  envelope TEXT NOT NULL,
  bid_id TEXT NOT NULL,
  supplier_id BIGINT NOT NULL,
  supplier_name TEXT NOT NULL,
  version BIGINT NOT NULL,
  receipt_time_us BIGINT NOT NULL,
  envelope_sha256 TEXT NOT NULL,
  bid_ref_salt TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (tender_id, envelope, bid_id)
);
)sql"};

}  // namespace tb::storage
