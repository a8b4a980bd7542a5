-- Sổ Tình Thương, schema 2: the audit chain covers every table the books print (src/audit/state.rs).
-- Each covered table has a running digest (a sum of its rows' hashes); an entry that changed such
-- rows carries the hash of all the digests in `state_hash`, which its own hash covers.
ALTER TABLE audit_log ADD COLUMN state_hash TEXT;

CREATE TABLE audit_state (
    tbl    TEXT PRIMARY KEY,
    digest TEXT NOT NULL
) WITHOUT ROWID;
