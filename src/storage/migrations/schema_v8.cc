// Migration 8: evaluation and award (issue #6 item 5, docs/evaluation.md): evaluators'
// conflict-of-interest declarations, scoring sheets (every version kept), the evaluation
// record of each tender (stage, results, ranking, recommendation, approval, award, contract,
// as a JSON document), regret letters and debrief requests. The tender's state and the
// bid_qualifications of migration 7 are written by the same transactions. The two texts
// differ only in types.
#include "storage/migrations/migrations.h"

namespace tb::storage {

extern const Migration kMigrationV8 = {8, "evaluation, award, regret letters and debriefs",
                                       R"sql(
CREATE TABLE evaluations (
  tender_id INTEGER PRIMARY KEY REFERENCES tenders (id),
  stage TEXT NOT NULL CHECK (stage IN ('technical','financial','ranked','recommended','approved',
                                       'standstill','contracted','cancelled')),
  version INTEGER NOT NULL,
  doc TEXT NOT NULL,
  updated_at_us INTEGER NOT NULL
);
CREATE TABLE evaluation_declarations (
  tender_id INTEGER NOT NULL REFERENCES tenders (id),
  evaluator_id INTEGER NOT NULL,
  conflict INTEGER NOT NULL,
  statement TEXT NOT NULL,
  declared_at_us INTEGER NOT NULL,
  PRIMARY KEY (tender_id, evaluator_id)
);
CREATE TABLE evaluation_sheets (
  tender_id INTEGER NOT NULL REFERENCES tenders (id),
  bid_id TEXT NOT NULL,
  evaluator_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  sheet TEXT NOT NULL,
  submitted_at_us INTEGER NOT NULL,
  PRIMARY KEY (tender_id, bid_id, evaluator_id, version)
);
CREATE TABLE award_letters (
  tender_id INTEGER NOT NULL REFERENCES tenders (id),
  bid_id TEXT NOT NULL,
  supplier_id INTEGER NOT NULL,
  letter TEXT NOT NULL,
  sent_at_us INTEGER NOT NULL,
  PRIMARY KEY (tender_id, bid_id)
);
CREATE TABLE award_debriefs (
  tender_id INTEGER NOT NULL REFERENCES tenders (id),
  supplier_id INTEGER NOT NULL,
  requested_by INTEGER NOT NULL,
  requested_at_us INTEGER NOT NULL,
  message TEXT NOT NULL,
  answer TEXT NOT NULL DEFAULT '',
  answered_by INTEGER,
  answered_at_us INTEGER,
  PRIMARY KEY (tender_id, supplier_id)
);
)sql",
                                       R"sql(
CREATE TABLE evaluations (
  tender_id BIGINT PRIMARY KEY REFERENCES tenders (id),
  stage TEXT NOT NULL CHECK (stage IN ('technical','financial','ranked','recommended','approved',
                                       'standstill','contracted','cancelled')),
  version BIGINT NOT NULL,
  doc TEXT NOT NULL,
  updated_at_us BIGINT NOT NULL
);
CREATE TABLE evaluation_declarations (
  tender_id BIGINT NOT NULL REFERENCES tenders (id),
  evaluator_id BIGINT NOT NULL,
  conflict INTEGER NOT NULL,
  statement TEXT NOT NULL,
  declared_at_us BIGINT NOT NULL,
  PRIMARY KEY (tender_id, evaluator_id)
);
CREATE TABLE evaluation_sheets (
  tender_id BIGINT NOT NULL REFERENCES tenders (id),
  bid_id TEXT NOT NULL,
  evaluator_id BIGINT NOT NULL,
  version INTEGER NOT NULL,
  sheet TEXT NOT NULL,
  submitted_at_us BIGINT NOT NULL,
  PRIMARY KEY (tender_id, bid_id, evaluator_id, version)
);
CREATE TABLE award_letters (
  tender_id BIGINT NOT NULL REFERENCES tenders (id),
  bid_id TEXT NOT NULL,
  supplier_id BIGINT NOT NULL,
  letter TEXT NOT NULL,
  sent_at_us BIGINT NOT NULL,
  PRIMARY KEY (tender_id, bid_id)
);
CREATE TABLE award_debriefs (
  tender_id BIGINT NOT NULL REFERENCES tenders (id),
  supplier_id BIGINT NOT NULL,
  requested_by BIGINT NOT NULL,
  requested_at_us BIGINT NOT NULL,
  message TEXT NOT NULL,
  answer TEXT NOT NULL DEFAULT '',
  answered_by BIGINT,
  answered_at_us BIGINT,
  PRIMARY KEY (tender_id, supplier_id)
);
)sql"};

}  // namespace tb::storage
