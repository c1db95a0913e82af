// Migration 3: supplier profiles (issue #4), their side tables for the directory filters and
// number uniqueness, documents over the content-addressed `blobs` table of migration 1, and
// the supplier_events history. A supplier's id is its organisation's id, so `suppliers.id`
// is assigned by the caller, not generated. The two texts differ only in types.
#include "storage/migrations/migrations.h"

namespace tb::storage {

// supplier_numbers' primary key is the uniqueness rule itself: one (kind, country, number)
// belongs to one supplier. number is NormaliseCompanyNumber's form.
extern const Migration kMigrationV3 = {
    3, "suppliers, supplier documents and events",
    R"sql(
CREATE TABLE suppliers (
  id INTEGER PRIMARY KEY,
  doc TEXT NOT NULL,
  names_folded TEXT NOT NULL,
  sort_name TEXT NOT NULL,
  legal_name TEXT NOT NULL,
  legal_name_latin TEXT NOT NULL,
  country TEXT NOT NULL,
  party_scale TEXT NOT NULL,
  women_owned INTEGER NOT NULL,
  state TEXT NOT NULL,
  review_comment TEXT NOT NULL,
  ungm_number TEXT NOT NULL,
  coc_accepted_us INTEGER,
  readiness_level INTEGER NOT NULL,
  created_at_us INTEGER NOT NULL,
  updated_at_us INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX suppliers_by_name ON suppliers (sort_name, id);
CREATE TABLE supplier_numbers (
  kind TEXT NOT NULL,
  country TEXT NOT NULL,
  number TEXT NOT NULL,
  supplier_id INTEGER NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
  PRIMARY KEY (kind, country, number)
);
CREATE INDEX supplier_numbers_by_supplier ON supplier_numbers (supplier_id);
CREATE TABLE supplier_countries (
  supplier_id INTEGER NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
  country TEXT NOT NULL,
  PRIMARY KEY (supplier_id, country)
) WITHOUT ROWID;
CREATE INDEX supplier_countries_by_country ON supplier_countries (country, supplier_id);
CREATE TABLE supplier_unspsc (
  supplier_id INTEGER NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  PRIMARY KEY (supplier_id, code)
) WITHOUT ROWID;
CREATE INDEX supplier_unspsc_by_code ON supplier_unspsc (code, supplier_id);
CREATE TABLE supplier_certificates (
  supplier_id INTEGER NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  PRIMARY KEY (supplier_id, type)
) WITHOUT ROWID;
CREATE INDEX supplier_certificates_by_type ON supplier_certificates (type, supplier_id);
CREATE TABLE supplier_documents (
  id INTEGER PRIMARY KEY,
  supplier_id INTEGER NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  display_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL REFERENCES blobs (sha256),
  uploaded_at_us INTEGER NOT NULL,
  uploaded_by INTEGER NOT NULL,
  valid_from_us INTEGER,
  valid_until_us INTEGER,
  fiscal_year INTEGER NOT NULL,
  audited INTEGER NOT NULL,
  language TEXT NOT NULL,
  translation_of INTEGER REFERENCES supplier_documents (id) ON DELETE SET NULL
);
CREATE INDEX supplier_documents_by_supplier ON supplier_documents (supplier_id, id);
CREATE INDEX supplier_documents_by_expiry ON supplier_documents (valid_until_us);
CREATE TABLE supplier_events (
  id INTEGER PRIMARY KEY,
  supplier_id INTEGER NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
  at_us INTEGER NOT NULL,
  actor_user INTEGER NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX supplier_events_by_supplier ON supplier_events (supplier_id, id);
)sql",
    R"sql(
CREATE TABLE suppliers (
  id BIGINT PRIMARY KEY,
  doc TEXT NOT NULL,
  names_folded TEXT NOT NULL,
  sort_name TEXT NOT NULL,
  legal_name TEXT NOT NULL,
  legal_name_latin TEXT NOT NULL,
  country TEXT NOT NULL,
  party_scale TEXT NOT NULL,
  women_owned INTEGER NOT NULL,
  state TEXT NOT NULL,
  review_comment TEXT NOT NULL,
  ungm_number TEXT NOT NULL,
  coc_accepted_us BIGINT,
  readiness_level INTEGER NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  version BIGINT NOT NULL
);
CREATE INDEX suppliers_by_name ON suppliers (sort_name, id);
CREATE TABLE supplier_numbers (
  kind TEXT NOT NULL,
  country TEXT NOT NULL,
  number TEXT NOT NULL,
  supplier_id BIGINT NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
  PRIMARY KEY (kind, country, number)
);
CREATE INDEX supplier_numbers_by_supplier ON supplier_numbers (supplier_id);
CREATE TABLE supplier_countries (
  supplier_id BIGINT NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
  country TEXT NOT NULL,
  PRIMARY KEY (supplier_id, country)
);
CREATE INDEX supplier_countries_by_country ON supplier_countries (country, supplier_id);
CREATE TABLE supplier_unspsc (
  supplier_id BIGINT NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  PRIMARY KEY (supplier_id, code)
);
CREATE INDEX supplier_unspsc_by_code ON supplier_unspsc (code, supplier_id);
CREATE TABLE supplier_certificates (
  supplier_id BIGINT NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  PRIMARY KEY (supplier_id, type)
);
CREATE INDEX supplier_certificates_by_type ON supplier_certificates (type, supplier_id);
CREATE TABLE supplier_documents (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  supplier_id BIGINT NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  display_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL REFERENCES blobs (sha256),
  uploaded_at_us BIGINT NOT NULL,
  uploaded_by BIGINT NOT NULL,
  valid_from_us BIGINT,
  valid_until_us BIGINT,
  fiscal_year INTEGER NOT NULL,
  audited INTEGER NOT NULL,
  language TEXT NOT NULL,
  translation_of BIGINT REFERENCES supplier_documents (id) ON DELETE SET NULL
);
CREATE INDEX supplier_documents_by_supplier ON supplier_documents (supplier_id, id);
CREATE INDEX supplier_documents_by_expiry ON supplier_documents (valid_until_us);
CREATE TABLE supplier_events (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  supplier_id BIGINT NOT NULL REFERENCES suppliers (id) ON DELETE CASCADE,
  at_us BIGINT NOT NULL,
  actor_user BIGINT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX supplier_events_by_supplier ON supplier_events (supplier_id, id);
)sql"};

}  // namespace tb::storage
