//! The chain's head kept outside the book, so that what the book alone cannot show is found.
//!
//! Inside one file, the newest entries cut off together with their audit entries, or an edit
//! with the whole chain computed again, leaves a chain that verifies. What exposes it is a head
//! (entry number and hash) remembered elsewhere: every backup holds the head of the book as it
//! was copied, and the window writes the head of its book to its own settings (`heads.json`)
//! whenever it backs up or closes. [`compare`] holds the book against such heads: a head whose
//! entry the book no longer has means its newest changes are gone; a head whose entry has
//! another hash means the chain was rewritten. Heads older than the book's last restore are
//! passed over (a restore brings back an older chain on purpose).

use crate::error::{Error, Result};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// A head of a book's chain seen somewhere outside the book.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownHead {
    /// The book's identity (`book_uuid` in its settings).
    pub book: String,
    /// The entry number of the head.
    pub seq: i64,
    /// The entry's hash.
    pub hash: String,
    /// When that entry was written (UTC, RFC 3339).
    pub at: String,
    /// Where the head was seen: a backup's file name, or "cửa sổ" (the window's settings).
    pub place: String,
}

/// What comparing a book with the heads found.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadReport {
    /// Heads of this book that were compared.
    pub compared: usize,
    /// Heads passed over because a restore came after them.
    pub before_restore: usize,
    /// One line per fault, in Vietnamese.
    pub faults: Vec<String>,
}

/// The book's identity, if it has one (books from schema 2 on).
pub fn book_uuid(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'book_uuid'",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

/// The book's head as it stands, or None for a book with no entry yet.
pub fn head(conn: &Connection, place: &str) -> Result<Option<KnownHead>> {
    let Some(book) = book_uuid(conn)? else {
        return Ok(None);
    };
    let last: Option<(i64, String, String)> = conn
        .query_row(
            "SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(last.map(|(seq, hash, at)| KnownHead {
        book,
        seq,
        hash,
        at,
        place: place.to_string(),
    }))
}

/// "12/11/2026 14:05" in Vietnam's time, from an entry's UTC time.
fn shown(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| {
            t.with_timezone(&crate::book::vietnam_offset())
                .format("%d/%m/%Y %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| at.to_string())
}

/// Holds the book on `conn` against `heads` (of any book: only its own are compared).
pub fn compare(conn: &Connection, heads: &[KnownHead]) -> Result<HeadReport> {
    let mut report = HeadReport::default();
    let Some(me) = book_uuid(conn)? else {
        return Ok(report);
    };
    let last_restore: Option<String> = conn.query_row(
        "SELECT max(at) FROM audit_log WHERE action = 'restore'",
        [],
        |r| r.get(0),
    )?;
    let newest: i64 = conn.query_row("SELECT ifnull(max(seq), 0) FROM audit_log", [], |r| {
        r.get(0)
    })?;
    let mut missing: Option<&KnownHead> = None;
    let mut rewritten: Option<&KnownHead> = None;
    let mut stmt = conn.prepare_cached("SELECT hash FROM audit_log WHERE seq = ?1")?;
    for h in heads.iter().filter(|h| h.book == me) {
        let hash: Option<String> = stmt.query_row([h.seq], |r| r.get(0)).optional()?;
        if hash.as_deref() == Some(h.hash.as_str()) {
            report.compared += 1;
            continue;
        }
        // why: RFC 3339 UTC times with the same precision sort as text.
        if last_restore.as_deref().is_some_and(|r| h.at.as_str() <= r) {
            report.before_restore += 1;
            continue;
        }
        report.compared += 1;
        match hash {
            None if missing.is_none_or(|m| h.seq > m.seq) => missing = Some(h),
            Some(_) if rewritten.is_none_or(|w| h.seq < w.seq) => rewritten = Some(h),
            _ => {}
        }
    }
    if let Some(h) = missing {
        report.faults.push(format!(
            "sổ: thiếu {} thay đổi mới nhất so với {} (lúc {}, mục {}; sổ chỉ còn tới mục {}): các phiếu và nhật ký mới nhất đã bị cắt khỏi sổ; hãy so với bản sao lưu đó",
            h.seq - newest,
            h.place,
            shown(&h.at),
            h.seq,
            newest
        ));
    }
    if let Some(h) = rewritten {
        report.faults.push(format!(
            "sổ: nhật ký khác với {} (lúc {}) ở mục {}: sổ đã bị sửa rồi tính lại chuỗi nhật ký; hãy so với bản sao lưu đó",
            h.place,
            shown(&h.at),
            h.seq
        ));
    }
    Ok(report)
}

/// The heads of the backups in `folder` (any book's; unreadable files are passed over). Each
/// is read as an immutable file: nothing is written to the folder.
pub fn in_backups(folder: &Path) -> Vec<KnownHead> {
    let Ok(files) = crate::backup::list(folder) else {
        return Vec::new();
    };
    files
        .iter()
        .filter_map(|b| {
            let conn = crate::storage::open_immutable(Path::new(&b.path)).ok()?;
            head(&conn, &format!("bản sao lưu {}", b.name))
                .ok()
                .flatten()
        })
        .collect()
}

/// The heads the window remembered, from its `heads.json` (none when it does not exist).
pub fn load(file: &Path) -> Vec<KnownHead> {
    std::fs::read(file)
        .ok()
        .and_then(|b| serde_json::from_slice::<Vec<KnownHead>>(&b).ok())
        .unwrap_or_default()
}

/// Remembers `head` in `file` (one head per book, the newest), written whole or not at all.
pub fn remember(file: &Path, head: &KnownHead) -> Result<()> {
    let mut heads = load(file);
    heads.retain(|h| h.book != head.book);
    heads.push(KnownHead {
        place: "cửa sổ".to_string(),
        ..head.clone()
    });
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let bytes = serde_json::to_vec_pretty(&heads)?;
    crate::output::write(file, &[], &bytes)?;
    Ok(())
}
