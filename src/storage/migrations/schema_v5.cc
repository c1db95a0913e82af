// Migration 5: the tamper-evident audit log (issue #6, SECURITY.md AU-01..AU-04;
// docs/audit-log.md). Entries and signed tree heads are append-only: triggers refuse every
// UPDATE and DELETE (and, on PostgreSQL, TRUNCATE) of their rows, so even the application's
// own database user cannot rewrite history in place. The frontier row is the appender's
// state (the log's size, the right edge of the Merkle tree and the number of stored heads);
// it is updated in the transaction of every append, and the verifier checks it against the
// entries, so it cannot be used to hide a change either. audit_signing_keys lists the keys
// heads are signed with, so each stored head names its key (the verifier trusts only the keys
// an auditor gives it).
#include "storage/migrations/migrations.h"

namespace tb::storage {

extern const Migration kMigrationV5 = {
    5, "audit log",
    R"sql(
CREATE TABLE audit_entries (
  leaf_index INTEGER PRIMARY KEY,
  entry BLOB NOT NULL,
  leaf_hash BLOB NOT NULL,
  at_us INTEGER NOT NULL
);
CREATE TABLE audit_tree_heads (
  seq INTEGER PRIMARY KEY,
  size INTEGER NOT NULL,
  root BLOB NOT NULL,
  at_us INTEGER NOT NULL,
  signature BLOB NOT NULL,
  key_id TEXT NOT NULL,
  UNIQUE (size, root, at_us)
);
CREATE INDEX audit_tree_heads_by_size ON audit_tree_heads (size);
CREATE TABLE audit_frontier (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  size INTEGER NOT NULL,
  nodes BLOB NOT NULL,
  head_count INTEGER NOT NULL
);
INSERT INTO audit_frontier (id, size, nodes, head_count) VALUES (1, 0, x'', 0);
CREATE TABLE audit_signing_keys (
  key_id TEXT PRIMARY KEY,
  public_key BLOB NOT NULL,
  registered_at_us INTEGER NOT NULL
);
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
CREATE TRIGGER audit_tree_heads_no_update BEFORE UPDATE ON audit_tree_heads
BEGIN SELECT RAISE(ABORT, 'audit_tree_heads is append-only'); END;
CREATE TRIGGER audit_tree_heads_no_delete BEFORE DELETE ON audit_tree_heads
BEGIN SELECT RAISE(ABORT, 'audit_tree_heads is append-only'); END;
CREATE TRIGGER audit_frontier_no_delete BEFORE DELETE ON audit_frontier
BEGIN SELECT RAISE(ABORT, 'audit_frontier cannot be deleted'); END;
CREATE TRIGGER audit_frontier_forward_only BEFORE UPDATE ON audit_frontier
WHEN NOT (
  (NEW.id = 1 AND NEW.size = OLD.size + 1 AND NEW.head_count = OLD.head_count
   AND NEW.size = (SELECT COALESCE(MAX(leaf_index), -1) + 1 FROM audit_entries))
  OR (NEW.id = 1 AND NEW.size = OLD.size AND NEW.nodes = OLD.nodes
      AND NEW.head_count = OLD.head_count + 1
      AND NEW.head_count = (SELECT COALESCE(MAX(seq), 0) FROM audit_tree_heads)))
BEGIN SELECT RAISE(ABORT, 'audit_frontier moves only one append or one head forward'); END;
CREATE TRIGGER audit_signing_keys_no_update BEFORE UPDATE ON audit_signing_keys
BEGIN SELECT RAISE(ABORT, 'audit_signing_keys is append-only'); END;
CREATE TRIGGER audit_signing_keys_no_delete BEFORE DELETE ON audit_signing_keys
BEGIN SELECT RAISE(ABORT, 'audit_signing_keys is append-only'); END;
)sql",
    R"sql(
CREATE TABLE audit_entries (
  leaf_index BIGINT PRIMARY KEY,
  entry BYTEA NOT NULL,
  leaf_hash BYTEA NOT NULL,
  at_us BIGINT NOT NULL
);
CREATE TABLE audit_tree_heads (
  seq BIGINT PRIMARY KEY,
  size BIGINT NOT NULL,
  root BYTEA NOT NULL,
  at_us BIGINT NOT NULL,
  signature BYTEA NOT NULL,
  key_id TEXT NOT NULL,
  UNIQUE (size, root, at_us)
);
CREATE INDEX audit_tree_heads_by_size ON audit_tree_heads (size);
CREATE TABLE audit_frontier (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  size BIGINT NOT NULL,
  nodes BYTEA NOT NULL,
  head_count BIGINT NOT NULL
);
INSERT INTO audit_frontier (id, size, nodes, head_count) VALUES (1, 0, '\x'::bytea, 0);
CREATE TABLE audit_signing_keys (
  key_id TEXT PRIMARY KEY,
  public_key BYTEA NOT NULL,
  registered_at_us BIGINT NOT NULL
);
CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$fn$;
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_tree_heads_append_only BEFORE UPDATE OR DELETE ON audit_tree_heads
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_tree_heads_no_truncate BEFORE TRUNCATE ON audit_tree_heads
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_frontier_no_delete BEFORE DELETE ON audit_frontier
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE FUNCTION audit_frontier_forward_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF (NEW.id = 1 AND NEW.size = OLD.size + 1 AND NEW.head_count = OLD.head_count
      AND NEW.size = (SELECT COALESCE(MAX(leaf_index), -1) + 1 FROM audit_entries))
     OR (NEW.id = 1 AND NEW.size = OLD.size AND NEW.nodes = OLD.nodes
         AND NEW.head_count = OLD.head_count + 1
         AND NEW.head_count = (SELECT COALESCE(MAX(seq), 0) FROM audit_tree_heads)) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_frontier moves only one append or one head forward'
    USING ERRCODE = 'insufficient_privilege';
END
$fn$;
CREATE TRIGGER audit_frontier_forward_only BEFORE UPDATE ON audit_frontier
  FOR EACH ROW EXECUTE FUNCTION audit_frontier_forward_only();
CREATE TRIGGER audit_frontier_no_truncate BEFORE TRUNCATE ON audit_frontier
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_signing_keys_append_only BEFORE UPDATE OR DELETE ON audit_signing_keys
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
)sql"};

}  // namespace tb::storage
