//! The audit log: every change, who made it, when, from where, before and after, hash-chained.
//!
//! Each entry's hash covers the previous entry's hash and all its own fields, so an entry changed,
//! removed or inserted afterwards breaks the chain. An entry that wrote ledger rows (movements,
//! voids) also carries a digest of those rows, so a row altered directly in the file is found.
//! The head of the chain is the book's fingerprint, printed on reports.

pub mod heads;
pub(crate) mod state;

use crate::book::Tx;
use crate::error::Result;
use chrono::SecondsFormat;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What one change did, before it is chained.
pub(crate) struct Change<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// The next sequence number, so rows written by a change can name their entry before it is written.
pub(crate) fn next_seq(conn: &Connection) -> Result<i64> {
    let last: Option<i64> = conn.query_row("SELECT max(seq) FROM audit_log", [], |r| r.get(0))?;
    Ok(last.unwrap_or(0) + 1)
}

fn head(conn: &Connection) -> Result<(i64, String)> {
    Ok(conn
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, GENESIS.to_string())))
}

pub(crate) use state::{track, track_id, track_new, track_new_id};

/// The hash of one entry from its fields. `state_hash` (the covered tables' state after the
/// change) is hashed only when present, so entries written before it existed keep their hashes.
#[allow(clippy::too_many_arguments)]
pub(crate) fn entry_hash(
    prev_hash: &str,
    seq: i64,
    at: &str,
    actor: &str,
    source: &str,
    action: &str,
    entity: &str,
    entity_id: &str,
    before: Option<&str>,
    after: Option<&str>,
    rows_digest: Option<&str>,
    state_hash: Option<&str>,
) -> String {
    let mut h = Sha256::new();
    for part in [
        prev_hash,
        &seq.to_string(),
        at,
        actor,
        source,
        action,
        entity,
        entity_id,
        before.unwrap_or("∅"),
        after.unwrap_or("∅"),
        rows_digest.unwrap_or("∅"),
    ] {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    if let Some(state) = state_hash {
        h.update(b"state");
        h.update([0x1f]);
        h.update(state.as_bytes());
        h.update([0x1f]);
    }
    hex::encode(h.finalize())
}

/// The digest of the ledger rows written under entry `seq` (movements by id, then voids), or None
/// when it wrote none. `floor` is the largest movement id before the change began: the rows of one
/// change are consecutive, so only ids above it are read.
pub(crate) fn rows_digest(conn: &Connection, seq: i64, floor: i64) -> Result<Option<String>> {
    let mut digest = RowsDigest::default();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {MOVEMENT_CANON} FROM movements WHERE id > ?1 AND audit_seq = ?2 ORDER BY id"
    ))?;
    let mut rows = stmt.query(params![floor, seq])?;
    while let Some(row) = rows.next()? {
        digest.add(row.get_ref(0)?.as_str().unwrap_or(""));
    }
    add_voids(conn, seq, &mut digest)?;
    Ok(digest.finish())
}

fn add_voids(conn: &Connection, seq: i64, digest: &mut RowsDigest) -> Result<()> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {VOID_CANON} FROM voids WHERE audit_seq = ?1 ORDER BY movement_id"
    ))?;
    let mut rows = stmt.query([seq])?;
    while let Some(row) = rows.next()? {
        digest.add(row.get_ref(0)?.as_str().unwrap_or(""));
    }
    Ok(())
}

/// Accumulates canonical row texts into a digest.
#[derive(Default)]
pub(crate) struct RowsDigest {
    hasher: Sha256,
    any: bool,
}

impl RowsDigest {
    /// Adds one row's canonical text.
    pub(crate) fn add(&mut self, canon: &str) {
        self.any = true;
        self.hasher.update(canon.as_bytes());
        self.hasher.update([0x1e]);
    }

    /// The hex digest, or None when no row was added.
    pub(crate) fn finish(self) -> Option<String> {
        self.any.then(|| hex::encode(self.hasher.finalize()))
    }
}

/// One SQL expression giving the canonical text of a movement row (every column but none derived).
pub(crate) const MOVEMENT_CANON: &str = "concat_ws(char(31), id, uuid, commune_id, program, asset, \
    direction, date, amount, category, ifnull(party_id, '∅'), ifnull(household_id, '∅'), \
    ifnull(hamlet_id, '∅'), ifnull(trip_id, '∅'), ifnull(project_id, '∅'), ifnull(households, '∅'), \
    memo, voucher_kind, voucher_year, voucher_seq, audit_seq, created_at)";

/// One SQL expression giving the canonical text of a void row.
pub(crate) const VOID_CANON: &str =
    "concat_ws(char(31), movement_id, reason, voided_at, actor, audit_seq)";

/// Writes entry `seq` (from [`next_seq`]) for a change, after its ledger rows are written.
pub(crate) fn append(tx: &Tx, seq: i64, change: Change) -> Result<i64> {
    let digest = rows_digest(tx, seq, tx.movement_floor)?;
    let state_hash = state::settle(tx)?;
    let at = tx.now.to_rfc3339_opts(SecondsFormat::Millis, true);
    let who = Who {
        at: &at,
        actor: tx.actor,
        source: tx.source.as_str(),
    };
    write_entry(tx, seq, &who, change, digest, state_hash)
}

/// When, by whom and from where an entry was written.
pub(crate) struct Who<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    pub source: &'a str,
}

/// Writes entry `seq` chained to the current head.
fn write_entry(
    conn: &Connection,
    seq: i64,
    who: &Who,
    change: Change,
    digest: Option<String>,
    state_hash: Option<String>,
) -> Result<i64> {
    let (last, prev_hash) = head(conn)?;
    if last + 1 != seq {
        // why: rows were written naming entry `seq`; any other number would orphan them.
        return Err(crate::error::Error::Storage(format!(
            "nhật ký: mục dự kiến {seq} nhưng mục cuối là {last}"
        )));
    }
    let before = change.before.map(|v| v.to_string());
    let after = change.after.map(|v| v.to_string());
    let hash = entry_hash(
        &prev_hash,
        seq,
        who.at,
        who.actor,
        who.source,
        change.action,
        change.entity,
        change.entity_id,
        before.as_deref(),
        after.as_deref(),
        digest.as_deref(),
        state_hash.as_deref(),
    );
    conn.execute(
        "INSERT INTO audit_log (seq, at, actor, source, action, entity, entity_id, before, after,
                                rows_digest, prev_hash, hash, state_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            seq,
            who.at,
            who.actor,
            who.source,
            change.action,
            change.entity,
            change.entity_id,
            before,
            after,
            digest,
            prev_hash,
            hash,
            state_hash
        ],
    )?;
    Ok(seq)
}

/// Appends an entry whose state is the covered tables counted afresh: for a bulk writer (the
/// demo) that wrote rows without tracking them one by one.
pub(crate) fn record_baseline(tx: &Tx, change: Change) -> Result<i64> {
    tx.touched.borrow_mut().clear();
    let seq = next_seq(tx)?;
    let state_hash = Some(state::baseline(tx)?);
    let at = tx.now.to_rfc3339_opts(SecondsFormat::Millis, true);
    let who = Who {
        at: &at,
        actor: tx.actor,
        source: tx.source.as_str(),
    };
    write_entry(tx, seq, &who, change, None, state_hash)
}

/// Records, inside a migration's transaction, that the schema moved from `from` to `to`, with
/// the covered tables counted afresh (the migration may have changed their canonical text).
pub(crate) fn record_migration(conn: &Connection, from: i64, to: i64, at: &str) -> Result<i64> {
    let seq = next_seq(conn)?;
    let state_hash = Some(state::baseline(conn)?);
    let who = Who {
        at,
        actor: "chương trình",
        source: "migration",
    };
    let change = Change {
        action: "migrate",
        entity: "book",
        entity_id: "schema",
        before: Some(serde_json::json!({ "schema": from })),
        after: Some(serde_json::json!({ "schema": to })),
    };
    write_entry(conn, seq, &who, change, None, state_hash)
}

/// Appends an entry for a change that wrote no ledger rows.
pub(crate) fn record(tx: &Tx, change: Change) -> Result<i64> {
    let seq = next_seq(tx)?;
    append(tx, seq, change)
}

/// The book's fingerprint: the first 16 hex digits of the chain's head, and its length.
pub fn fingerprint(conn: &Connection) -> Result<String> {
    let (seq, hash) = head(conn)?;
    Ok(format!("{}#{}", &hash[..16.min(hash.len())], seq))
}

/// One entry as read back, for the audit view and `check`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, serde::Serialize)]
pub struct Entry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub source: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub rows_digest: Option<String>,
    pub prev_hash: String,
    pub hash: String,
    /// The covered tables' state after the change, when it touched them.
    pub state_hash: Option<String>,
}

/// Walks the whole chain and the ledger rows; returns one line per fault found.
///
/// The movements are read once, in id order, beside the entries in sequence order (a merge):
/// each entry's rows must follow the previous entry's, so a row moved, added or changed behind
/// the program's back shows up as a digest that does not match or a row no entry accounts for.
pub fn verify(conn: &Connection) -> Result<Vec<String>> {
    let mut faults = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT seq, at, actor, source, action, entity, entity_id, before, after, rows_digest,
                prev_hash, hash, state_hash FROM audit_log ORDER BY seq",
    )?;
    let mut entries = stmt.query([])?;
    let mut movement_stmt = conn.prepare(&format!(
        "SELECT audit_seq, {MOVEMENT_CANON}, id FROM movements ORDER BY id"
    ))?;
    let mut movements = movement_stmt.query([])?;
    let mut pending: Option<(i64, String, i64)> = next_movement(&mut movements)?;
    let mut stray = 0usize;
    let mut prev = GENESIS.to_string();
    let mut expected_seq = 1;
    let mut newest_state: Option<String> = None;
    while let Some(r) = entries.next()? {
        let e = Entry {
            seq: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            source: r.get(3)?,
            action: r.get(4)?,
            entity: r.get(5)?,
            entity_id: r.get(6)?,
            before: r.get(7)?,
            after: r.get(8)?,
            rows_digest: r.get(9)?,
            prev_hash: r.get(10)?,
            hash: r.get(11)?,
            state_hash: r.get(12)?,
        };
        if e.seq != expected_seq {
            faults.push(format!(
                "nhật ký: thiếu mục {expected_seq} (gặp mục {})",
                e.seq
            ));
        }
        expected_seq = e.seq + 1;
        if e.prev_hash != prev {
            faults.push(format!("nhật ký: mục {} không nối với mục trước", e.seq));
        }
        let hash = entry_hash(
            &e.prev_hash,
            e.seq,
            &e.at,
            &e.actor,
            &e.source,
            &e.action,
            &e.entity,
            &e.entity_id,
            e.before.as_deref(),
            e.after.as_deref(),
            e.rows_digest.as_deref(),
            e.state_hash.as_deref(),
        );
        if hash != e.hash {
            faults.push(format!(
                "nhật ký: mục {} đã bị sửa (mã băm không khớp)",
                e.seq
            ));
        }
        let mut digest = RowsDigest::default();
        while let Some((seq, canon, _)) = &pending {
            if *seq > e.seq {
                break;
            }
            if *seq == e.seq {
                digest.add(canon);
            } else {
                stray += 1;
            }
            pending = next_movement(&mut movements)?;
        }
        add_voids(conn, e.seq, &mut digest)?;
        if digest.finish() != e.rows_digest {
            faults.push(format!(
                "sổ: dữ liệu phiếu ghi ở mục nhật ký {} ({} {}) đã bị sửa ngoài chương trình",
                e.seq, e.action, e.entity_id
            ));
        }
        prev = e.hash;
        if e.state_hash.is_some() {
            newest_state = e.state_hash;
        }
    }
    while pending.is_some() {
        stray += 1;
        pending = next_movement(&mut movements)?;
    }
    let stray_voids: i64 = conn.query_row(
        "SELECT count(*) FROM voids WHERE audit_seq NOT IN (SELECT seq FROM audit_log)",
        [],
        |r| r.get(0),
    )?;
    if stray > 0 || stray_voids > 0 {
        faults.push(format!(
            "sổ: {} dòng không khớp với nhật ký (thêm hoặc sửa ngoài chương trình)",
            stray + stray_voids as usize
        ));
    }
    faults.extend(state::verify(conn, newest_state.as_deref())?);
    Ok(faults)
}

fn next_movement(rows: &mut rusqlite::Rows) -> Result<Option<(i64, String, i64)>> {
    Ok(match rows.next()? {
        Some(r) => Some((r.get(0)?, r.get(1)?, r.get(2)?)),
        None => None,
    })
}
