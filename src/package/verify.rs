//! Reading a package and proving it before anything is written: its kind and format, SQLite's
//! integrity, its audit chain from the first entry to its head, the digest of the rows each full
//! entry wrote, and each closed month's seal from the month's rows.

use super::{FORMAT, PACKAGE_ID};
use crate::audit::{entry_hash, RowsDigest, GENESIS, MOVEMENT_CANON, VOID_CANON};
use crate::date::Month;
use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A package, read and proved.
#[derive(Debug, Clone)]
pub struct Package {
    pub path: PathBuf,
    pub commune_uuid: String,
    /// The commune as the package names it.
    pub commune_name: String,
    pub commune_kind: String,
    /// The sending book's identity.
    pub book_uuid: String,
    /// The last month sent.
    pub through: Month,
    /// The closed months sent, with their seals.
    pub months: Vec<(Month, String)>,
    /// The head of the sending book's chain: entry number and hash.
    pub head_seq: i64,
    pub head_hash: String,
    /// Every entry's hash by number (to check that a later package continues it).
    pub chain: HashMap<i64, String>,
    /// The sending book's fingerprint when the package was made.
    pub fingerprint: String,
    pub movements: i64,
}

/// An audit entry sent in full.
struct Full {
    at: String,
    actor: String,
    source: String,
    action: String,
    entity: String,
    entity_id: String,
    before: Option<String>,
    after: Option<String>,
    rows_digest: Option<String>,
    state: Option<String>,
}

/// True when `path` is a package file (by its header).
pub(crate) fn is_package(path: &Path) -> bool {
    header_app_id(path).is_some_and(|id| id == PACKAGE_ID)
}

fn header_app_id(path: &Path) -> Option<i64> {
    let mut head = [0u8; 72];
    std::fs::File::open(path).ok()?.read_exact(&mut head).ok()?;
    if &head[..16] != crate::output::SQLITE_MAGIC {
        return None;
    }
    Some(i64::from(u32::from_be_bytes([
        head[68], head[69], head[70], head[71],
    ])))
}

/// Reads and proves the package at `path`; any fault refuses it whole, saying what is wrong.
pub fn read(path: &Path) -> Result<Package> {
    let shown = path.display().to_string();
    let bad = |detail: String| Error::PackageInvalid {
        path: shown.clone(),
        detail,
    };
    let meta = std::fs::metadata(path).map_err(|_| bad("không tìm thấy tệp".into()))?;
    if meta.len() == 0 {
        return Err(bad("tệp rỗng".into()));
    }
    match header_app_id(path) {
        None => {
            return Err(bad(
                "không phải tệp gói số liệu (không phải tệp SQLite)".into()
            ))
        }
        Some(id) if id == crate::storage::APPLICATION_ID => {
            return Err(bad(
                "đây là một sổ, không phải gói số liệu; hãy “Gửi số liệu” từ sổ đó".into(),
            ))
        }
        Some(id) if id != PACKAGE_ID => {
            return Err(bad(
                "tệp SQLite của chương trình khác, không phải gói số liệu".into(),
            ))
        }
        Some(_) => {}
    }
    let uri = format!(
        "file:{}?immutable=1",
        path.to_string_lossy()
            .replace('%', "%25")
            .replace('?', "%3f")
            .replace('#', "%23")
    );
    let conn = Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| bad(format!("không mở được ({e})")))?;
    let sql = |e: rusqlite::Error| bad(format!("tệp hỏng hoặc bị cắt ({e})"));
    let integrity: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(sql)?;
    if integrity != "ok" {
        return Err(bad(format!("tệp hỏng hoặc bị cắt ({integrity})")));
    }
    let get = |key: &str| -> Result<String> {
        conn.query_row(
            "SELECT value FROM package_meta WHERE key = ?1",
            [key],
            |r| r.get(0),
        )
        .map_err(|_| bad(format!("thiếu thông tin “{key}” của gói")))
    };
    let format: i64 = get("format")?.parse().unwrap_or(i64::MAX);
    let schema: i64 = get("schema")?.parse().unwrap_or(i64::MAX);
    if format > FORMAT || schema > crate::storage::latest_version() {
        return Err(bad(format!(
            "gói được tạo bởi phiên bản mới hơn (định dạng {format}, lược đồ {schema}); hãy cập nhật chương trình"
        )));
    }
    let commune_uuid = get("commune_uuid")?;
    let through: Month = get("through")?
        .parse()
        .map_err(|_| bad("tháng cuối không hợp lệ".into()))?;
    let book_uuid = get("book_uuid")?;
    let fingerprint = get("fingerprint")?;
    let (commune_id, commune_name, commune_kind): (i64, String, String) = conn
        .query_row(
            "SELECT id, name, kind FROM communes WHERE uuid = ?1",
            [&commune_uuid],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .map_err(|_| bad("gói không có xã của nó".into()))?;

    // The chain: full entries and stubs, one per number from 1 to the head, each linked.
    let mut chain: HashMap<i64, String> = HashMap::new();
    let mut closes: HashMap<String, (i64, Option<String>)> = HashMap::new();
    let mut digests: HashMap<i64, Option<String>> = HashMap::new();
    let mut entries: Vec<(i64, String, String, Option<Full>)> = Vec::new();
    {
        let mut stmt = conn
            .prepare(
                "SELECT seq, prev_hash, hash, at, actor, source, action, entity, entity_id, before, after,
                        rows_digest, state_hash FROM audit_log",
            )
            .map_err(sql)?;
        let mut rows = stmt.query([]).map_err(sql)?;
        while let Some(r) = rows.next().map_err(sql)? {
            entries.push((
                r.get(0).map_err(sql)?,
                r.get(1).map_err(sql)?,
                r.get(2).map_err(sql)?,
                Some(Full {
                    at: r.get(3).map_err(sql)?,
                    actor: r.get(4).map_err(sql)?,
                    source: r.get(5).map_err(sql)?,
                    action: r.get(6).map_err(sql)?,
                    entity: r.get(7).map_err(sql)?,
                    entity_id: r.get(8).map_err(sql)?,
                    before: r.get(9).map_err(sql)?,
                    after: r.get(10).map_err(sql)?,
                    rows_digest: r.get(11).map_err(sql)?,
                    state: r.get(12).map_err(sql)?,
                }),
            ));
        }
        let mut stmt = conn
            .prepare("SELECT seq, prev_hash, hash FROM audit_stubs")
            .map_err(sql)?;
        let mut rows = stmt.query([]).map_err(sql)?;
        while let Some(r) = rows.next().map_err(sql)? {
            entries.push((
                r.get(0).map_err(sql)?,
                r.get(1).map_err(sql)?,
                r.get(2).map_err(sql)?,
                None,
            ));
        }
    }
    entries.sort_by_key(|e| e.0);
    let mut prev = GENESIS.to_string();
    for (i, (seq, prev_hash, hash, full)) in entries.iter().enumerate() {
        if *seq != i as i64 + 1 {
            return Err(bad(format!("chuỗi nhật ký bị cắt: thiếu mục {}", i + 1)));
        }
        if *prev_hash != prev {
            return Err(bad(format!("chuỗi nhật ký không nối được ở mục {seq}")));
        }
        if let Some(Full {
            at,
            actor,
            source,
            action,
            entity,
            entity_id,
            before,
            after,
            rows_digest,
            state,
        }) = full
        {
            let again = entry_hash(
                prev_hash,
                *seq,
                at,
                actor,
                source,
                action,
                entity,
                entity_id,
                before.as_deref(),
                after.as_deref(),
                rows_digest.as_deref(),
                state.as_deref(),
            );
            if again != *hash {
                return Err(bad(format!("mục nhật ký {seq} đã bị sửa sau khi gửi")));
            }
            digests.insert(*seq, rows_digest.clone());
            if entity_id == &commune_uuid && (action == "close_month" || action == "reopen_month") {
                let json: serde_json::Value =
                    serde_json::from_str(after.as_deref().or(before.as_deref()).unwrap_or("{}"))
                        .unwrap_or_default();
                if let Some(m) = json.get("month").and_then(|m| m.as_str()) {
                    let seal = (action == "close_month")
                        .then(|| {
                            json.get("seal")
                                .and_then(|s| s.as_str())
                                .map(str::to_string)
                        })
                        .flatten();
                    closes.insert(m.to_string(), (*seq, seal));
                }
            }
        }
        chain.insert(*seq, hash.clone());
        prev = hash.clone();
    }
    let (head_seq, head_hash) = entries
        .last()
        .map(|e| (e.0, e.2.clone()))
        .ok_or_else(|| bad("gói không có nhật ký".into()))?;

    // The rows each full entry wrote give its digest again.
    let mut found: HashMap<i64, RowsDigest> = HashMap::new();
    {
        let mut stmt = conn
            .prepare(&format!(
                "SELECT audit_seq, {MOVEMENT_CANON} FROM movements ORDER BY id"
            ))
            .map_err(sql)?;
        let mut rows = stmt.query([]).map_err(sql)?;
        while let Some(r) = rows.next().map_err(sql)? {
            let seq: i64 = r.get(0).map_err(sql)?;
            found
                .entry(seq)
                .or_default()
                .add(r.get_ref(1).map_err(sql)?.as_str().unwrap_or(""));
        }
        let mut stmt = conn
            .prepare(&format!(
                "SELECT audit_seq, {VOID_CANON} FROM voids ORDER BY movement_id"
            ))
            .map_err(sql)?;
        let mut rows = stmt.query([]).map_err(sql)?;
        while let Some(r) = rows.next().map_err(sql)? {
            let seq: i64 = r.get(0).map_err(sql)?;
            found
                .entry(seq)
                .or_default()
                .add(r.get_ref(1).map_err(sql)?.as_str().unwrap_or(""));
        }
    }
    for (seq, wanted) in &digests {
        let got = found.remove(seq).and_then(RowsDigest::finish);
        if got != *wanted {
            return Err(bad(format!(
                "các phiếu ghi ở mục nhật ký {seq} đã bị sửa, thêm hoặc xóa sau khi gửi"
            )));
        }
    }

    // Each closed month: sealed by the entry that closed it, and its rows give that seal.
    let mut months = Vec::new();
    {
        let mut stmt = conn
            .prepare("SELECT month, seal FROM month_locks WHERE commune_id = ?1 ORDER BY month")
            .map_err(sql)?;
        let locks: Vec<(String, Option<String>)> = stmt
            .query_map([commune_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(sql)?
            .collect::<rusqlite::Result<_>>()
            .map_err(sql)?;
        for (m, seal) in locks {
            let month: Month = m
                .parse()
                .map_err(|_| bad(format!("tháng khóa sổ “{m}” không hợp lệ")))?;
            let seal =
                seal.ok_or_else(|| bad(format!("tháng {} chưa có dấu khóa sổ", month.show())))?;
            match closes.get(&m) {
                Some((_, Some(s))) if *s == seal => {}
                _ => {
                    return Err(bad(format!(
                        "dấu khóa sổ tháng {} không khớp với nhật ký",
                        month.show()
                    )))
                }
            }
            let again = crate::seal::compute(&conn, "main", commune_id, month)
                .map_err(|e| bad(e.to_string()))?;
            if again != seal {
                return Err(bad(format!(
                    "số liệu tháng {} đã bị sửa, thêm hoặc xóa sau khi khóa sổ",
                    month.show()
                )));
            }
            months.push((month, seal));
        }
    }
    // Every row sent lies in a sealed month.
    let unsealed: Option<String> = conn
        .query_row(
            "SELECT m FROM (
               SELECT substr(date, 1, 7) AS m FROM movements UNION SELECT substr(date, 1, 7) FROM trips
               UNION SELECT substr(date, 1, 7) FROM repair_worklog)
             WHERE m NOT IN (SELECT month FROM month_locks) LIMIT 1",
            [],
            |r| r.get(0),
        )
        .ok();
    if let Some(m) = unsealed {
        return Err(bad(format!("gói có số liệu tháng {m} chưa khóa sổ")));
    }
    let movements: i64 = conn
        .query_row("SELECT count(*) FROM movements", [], |r| r.get(0))
        .map_err(sql)?;
    Ok(Package {
        path: path.to_path_buf(),
        commune_uuid,
        commune_name,
        commune_kind,
        book_uuid,
        through,
        months,
        head_seq,
        head_hash,
        chain,
        fingerprint,
        movements,
    })
}
