//! The audit chain over every table the books print, beside the ledger's own rows.
//!
//! Movements and voids are written once and never changed, so each audit entry digests the rows
//! it wrote (see the parent module). The other tables change in place (a project's status, a
//! commune's merge, a month locked and unlocked, a setting), so they are covered by their
//! *state*: each table has a running digest, the sum modulo 2²⁵⁶ of the SHA-256 of each of its
//! rows' canonical text (a multiset hash: adding, changing or removing one row moves it, the
//! order of rows does not). A change records the rows it touches ([`track`]); when its audit
//! entry is written, each touched row's old hash is taken out of its table's digest and its new
//! hash put in, and the entry's hash covers the hash of all tables' digests (`state_hash`). So
//! the newest entry vouches for the whole state of these tables, and `check`, recounting them,
//! finds a row edited, added or deleted behind the program's back, and names its table.

use crate::book::Tx;
use crate::error::Result;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// One table the state digest covers: its name, the columns of its key, and all its columns in
/// the order of the canonical text.
pub(crate) struct Covered {
    pub table: &'static str,
    pub key: &'static [&'static str],
    pub columns: &'static [&'static str],
    /// The table in words, for `check`'s faults.
    pub label: &'static str,
}

/// Every table the state digest covers. Changing a column list changes the canonical text of
/// every row: the migration that does so must record a new baseline ([`baseline`]).
pub(crate) const COVERED: &[Covered] = &[
    Covered {
        table: "communes",
        key: &["id"],
        columns: &[
            "id",
            "uuid",
            "name",
            "name_fold",
            "kind",
            "district",
            "province",
            "valid_from",
            "valid_to",
            "became_part_of",
            "created_at",
        ],
        label: "xã/thị trấn",
    },
    Covered {
        table: "hamlets",
        key: &["id"],
        columns: &[
            "id",
            "uuid",
            "commune_id",
            "name",
            "name_fold",
            "valid_from",
            "valid_to",
            "became_part_of",
            "created_at",
        ],
        label: "ấp",
    },
    Covered {
        table: "households",
        key: &["id"],
        columns: &[
            "id",
            "uuid",
            "commune_id",
            "hamlet_id",
            "name",
            "name_fold",
            "created_at",
        ],
        label: "hộ",
    },
    Covered {
        table: "household_status",
        key: &["household_id", "year"],
        columns: &["household_id", "year", "status"],
        label: "diện hộ theo năm",
    },
    Covered {
        table: "parties",
        key: &["id"],
        columns: &[
            "id",
            "uuid",
            "kind",
            "name",
            "name_fold",
            "created_at",
            "merged_into",
        ],
        label: "người nộp / nhận",
    },
    Covered {
        table: "drivers",
        key: &["id"],
        columns: &["id", "uuid", "name", "name_fold", "phone", "created_at"],
        label: "tài xế",
    },
    Covered {
        table: "vehicles",
        key: &["id"],
        columns: &["id", "uuid", "name", "name_fold", "plate", "created_at"],
        label: "xe",
    },
    Covered {
        table: "destinations",
        key: &["id"],
        columns: &[
            "id",
            "uuid",
            "name",
            "name_fold",
            "default_distance",
            "created_at",
        ],
        label: "nơi đến",
    },
    Covered {
        table: "repair_projects",
        key: &["id"],
        columns: &[
            "id",
            "uuid",
            "commune_id",
            "code",
            "name",
            "name_fold",
            "kind",
            "hamlet_id",
            "size",
            "status",
            "start_date",
            "end_date",
            "estimate",
            "created_at",
        ],
        label: "công trình",
    },
    Covered {
        table: "repair_worklog",
        key: &["id"],
        columns: &[
            "id",
            "uuid",
            "project_id",
            "date",
            "volunteers",
            "workdays",
            "materials",
            "note",
            "created_at",
        ],
        label: "nhật ký thi công",
    },
    Covered {
        table: "trips",
        key: &["id"],
        columns: &[
            "id",
            "uuid",
            "commune_id",
            "number",
            "date",
            "patient",
            "from_hamlet_id",
            "destination_id",
            "distance",
            "driver_id",
            "vehicle_id",
            "purpose",
            "voided_at",
            "void_reason",
            "created_at",
        ],
        label: "chuyến xe",
    },
    Covered {
        table: "month_locks",
        key: &["commune_id", "month"],
        columns: &["commune_id", "month", "closed_at", "closed_by"],
        label: "khóa sổ tháng",
    },
    Covered {
        table: "openings",
        key: &["commune_id", "program", "asset"],
        columns: &["commune_id", "program", "asset", "date", "amount"],
        label: "số dư đầu kỳ",
    },
    Covered {
        table: "movement_sources",
        key: &["movement_id"],
        columns: &["movement_id", "paper_voucher", "fingerprint"],
        label: "số phiếu gốc của phiếu nhập từ sổ cũ",
    },
    Covered {
        table: "imported_rows",
        key: &["fingerprint"],
        columns: &["fingerprint", "kind", "audit_seq"],
        label: "dòng đã nhập từ bảng tính",
    },
    Covered {
        table: "settings",
        key: &["key"],
        columns: &["key", "value"],
        label: "thông tin đơn vị",
    },
];

/// A covered table by name.
pub(crate) fn covered(table: &str) -> Option<&'static Covered> {
    COVERED.iter().find(|c| c.table == table)
}

impl Covered {
    /// The SQL expression of a row's canonical text: every column quoted (so NULL, text and
    /// numbers stay apart), joined by the unit separator.
    fn canon(&self) -> String {
        let cols: Vec<String> = self.columns.iter().map(|c| format!("quote({c})")).collect();
        format!("concat_ws(char(31), '{}', {})", self.table, cols.join(", "))
    }

    fn where_key(&self) -> String {
        self.key
            .iter()
            .enumerate()
            .map(|(i, k)| format!("{k} = ?{}", i + 1))
            .collect::<Vec<_>>()
            .join(" AND ")
    }
}

/// A 256-bit sum of row hashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Sum([u64; 4]);

impl Sum {
    fn of(text: &str) -> Sum {
        let digest = Sha256::digest(text.as_bytes());
        let mut limbs = [0u64; 4];
        for (i, chunk) in digest.chunks(8).enumerate() {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            limbs[3 - i] = u64::from_be_bytes(b);
        }
        Sum(limbs)
    }

    fn add(self, other: Sum) -> Sum {
        let mut out = [0u64; 4];
        let mut carry = false;
        for (i, slot) in out.iter_mut().enumerate() {
            let (a, c1) = self.0[i].overflowing_add(other.0[i]);
            let (b, c2) = a.overflowing_add(u64::from(carry));
            *slot = b;
            carry = c1 || c2;
        }
        Sum(out)
    }

    fn sub(self, other: Sum) -> Sum {
        let mut out = [0u64; 4];
        let mut borrow = false;
        for (i, slot) in out.iter_mut().enumerate() {
            let (a, b1) = self.0[i].overflowing_sub(other.0[i]);
            let (b, b2) = a.overflowing_sub(u64::from(borrow));
            *slot = b;
            borrow = b1 || b2;
        }
        Sum(out)
    }

    fn hex(self) -> String {
        self.0.iter().rev().map(|l| format!("{l:016x}")).collect()
    }

    fn parse(text: &str) -> Option<Sum> {
        if text.len() != 64 {
            return None;
        }
        let mut limbs = [0u64; 4];
        for (i, slot) in limbs.iter_mut().enumerate() {
            let at = (3 - i) * 16;
            *slot = u64::from_str_radix(text.get(at..at + 16)?, 16).ok()?;
        }
        Some(Sum(limbs))
    }
}

/// The digest of each covered table, by name.
pub(crate) type Digests = BTreeMap<&'static str, Sum>;

/// One row a change touches, and its hash before the change (None: it did not exist).
#[derive(Clone)]
pub(crate) struct Touched {
    table: &'static Covered,
    key: Vec<Value>,
    before: Option<Sum>,
}

fn row_hash(conn: &Connection, c: &Covered, key: &[Value]) -> Result<Option<Sum>> {
    let sql = format!(
        "SELECT {} FROM {} WHERE {}",
        c.canon(),
        c.table,
        c.where_key()
    );
    let text: Option<String> = conn
        .prepare_cached(&sql)?
        .query_row(params_from_iter(key.iter()), |r| r.get(0))
        .optional()?;
    Ok(text.map(|t| Sum::of(&t)))
}

/// Records that the change in `tx` is about to write the row of `table` with this key (call it
/// before an update or delete, and before or after an insert): its state digest follows.
pub(crate) fn track(tx: &Tx, table: &str, key: &[Value]) -> Result<()> {
    let c = covered(table).ok_or_else(|| {
        crate::error::Error::Storage(format!("bảng {table} không thuộc chuỗi nhật ký"))
    })?;
    let mut touched = tx.touched.borrow_mut();
    if touched
        .iter()
        .any(|t| t.table.table == c.table && t.key == key)
    {
        return Ok(());
    }
    let before = row_hash(tx, c, key)?;
    touched.push(Touched {
        table: c,
        key: key.to_vec(),
        before,
    });
    Ok(())
}

/// [`track`] for a row just inserted (it did not exist before the change).
pub(crate) fn track_new(tx: &Tx, table: &str, key: &[Value]) -> Result<()> {
    let c = covered(table).ok_or_else(|| {
        crate::error::Error::Storage(format!("bảng {table} không thuộc chuỗi nhật ký"))
    })?;
    tx.touched.borrow_mut().push(Touched {
        table: c,
        key: key.to_vec(),
        before: None,
    });
    Ok(())
}

/// [`track`] for a row keyed by its integer id.
pub(crate) fn track_id(tx: &Tx, table: &str, id: i64) -> Result<()> {
    track(tx, table, &[Value::Integer(id)])
}

/// [`track_new`] for a row keyed by its integer id.
pub(crate) fn track_new_id(tx: &Tx, table: &str, id: i64) -> Result<()> {
    track_new(tx, table, &[Value::Integer(id)])
}

/// The digests as the book keeps them (`audit_state`), or None for a book that has none yet.
fn stored(conn: &Connection) -> Result<Option<Digests>> {
    let mut stmt = conn.prepare_cached("SELECT tbl, digest FROM audit_state")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if rows.is_empty() {
        return Ok(None);
    }
    let mut out = Digests::new();
    for c in COVERED {
        let sum = rows
            .iter()
            .find(|(t, _)| t == c.table)
            .and_then(|(_, d)| Sum::parse(d))
            .unwrap_or_default();
        out.insert(c.table, sum);
    }
    Ok(Some(out))
}

/// Every covered table's digest counted from its rows.
pub(crate) fn recount(conn: &Connection) -> Result<Digests> {
    let mut out = Digests::new();
    for c in COVERED {
        let mut sum = Sum::default();
        let mut stmt = conn.prepare(&format!("SELECT {} FROM {}", c.canon(), c.table))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            sum = sum.add(Sum::of(r.get_ref(0)?.as_str().unwrap_or("")));
        }
        out.insert(c.table, sum);
    }
    Ok(out)
}

/// The one hash of all tables' digests that an audit entry carries.
pub(crate) fn combined(digests: &Digests) -> String {
    let mut h = Sha256::new();
    for (table, sum) in digests {
        h.update(table.as_bytes());
        h.update([0x1f]);
        h.update(sum.hex().as_bytes());
        h.update([0x1e]);
    }
    hex::encode(h.finalize())
}

fn store(conn: &Connection, digests: &Digests) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO audit_state (tbl, digest) VALUES (?1, ?2)
         ON CONFLICT (tbl) DO UPDATE SET digest = excluded.digest",
    )?;
    for (table, sum) in digests {
        stmt.execute(rusqlite::params![table, sum.hex()])?;
    }
    Ok(())
}

/// Folds the rows the change touched into the digests and returns the state hash for its audit
/// entry, or None when it touched no covered row.
pub(crate) fn settle(tx: &Tx) -> Result<Option<String>> {
    let touched: Vec<Touched> = std::mem::take(&mut *tx.touched.borrow_mut());
    if touched.is_empty() {
        return Ok(None);
    }
    let mut digests = match stored(tx)? {
        Some(d) => d,
        // why: a new book, or one made before the chain covered these tables: its first
        // change counts the tables once (the rows it touches are counted as they are now, so
        // their old hashes are not taken out).
        None => {
            let d = recount(tx)?;
            store(tx, &d)?;
            return Ok(Some(combined(&d)));
        }
    };
    for t in &touched {
        let after = row_hash(tx, t.table, &t.key)?;
        if after == t.before {
            continue;
        }
        let sum = digests.entry(t.table.table).or_default();
        if let Some(b) = t.before {
            *sum = sum.sub(b);
        }
        if let Some(a) = after {
            *sum = sum.add(a);
        }
    }
    store(tx, &digests)?;
    Ok(Some(combined(&digests)))
}

/// Counts the tables afresh and stores the count as the state: for a migration that changes
/// the canonical text of rows, or a bulk writer (the demo) that wrote rows without [`track`].
/// Returns the state hash for the audit entry that records it.
pub(crate) fn baseline(conn: &Connection) -> Result<String> {
    let d = recount(conn)?;
    store(conn, &d)?;
    Ok(combined(&d))
}

/// What `check` finds wrong with the covered tables: the newest entry's state hash against the
/// tables counted now, naming each table whose rows differ from what the program last wrote.
pub(crate) fn verify(conn: &Connection, newest_state: Option<&str>) -> Result<Vec<String>> {
    let Some(expected) = newest_state else {
        return Ok(Vec::new());
    };
    let now = recount(conn)?;
    if combined(&now) == expected {
        return Ok(Vec::new());
    }
    let kept = stored(conn)?;
    let mut faults = Vec::new();
    match kept {
        Some(kept) if combined(&kept) == expected => {
            for c in COVERED {
                if kept.get(c.table) != now.get(c.table) {
                    faults.push(format!(
                        "sổ: bảng {} ({}) đã bị sửa, thêm hoặc xóa dòng ngoài chương trình",
                        c.label, c.table
                    ));
                }
            }
        }
        _ => faults.push(
            "sổ: danh mục, chuyến xe, công trình, khóa sổ hoặc thông tin đơn vị đã bị sửa ngoài chương trình (dấu trạng thái không khớp nhật ký)"
                .to_string(),
        ),
    }
    Ok(faults)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_are_order_free_and_subtraction_undoes_addition() {
        let (a, b, c) = (Sum::of("a"), Sum::of("b"), Sum::of("c"));
        assert_eq!(a.add(b).add(c), c.add(a).add(b));
        assert_eq!(a.add(b).sub(a), b);
        assert_eq!(Sum::default().sub(a).add(a), Sum::default());
        assert_eq!(Sum::parse(&a.hex()), Some(a));
    }
}
