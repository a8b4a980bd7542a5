//! `check`: the books checked against themselves.
//!
//! SQLite's own integrity and foreign keys; month totals against a full recount; every fund's
//! end-of-day balance never below zero; voucher, trip (CX) and project (CT) numbers of each
//! commune, kind and year running 1..n without gaps and matching their counters; and the audit
//! chain with the digests of the ledger rows and the state of every other table it covers (a
//! row changed, added or deleted behind the program's back is found here).

use crate::audit;
use crate::book::Book;
use crate::error::Result;
use serde::Serialize;
use std::collections::BTreeMap;

/// What `check` found.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckReport {
    /// Movements examined.
    pub movements: i64,
    /// Audit entries examined.
    pub audit_entries: i64,
    /// One line per fault, in Vietnamese; empty when the books are sound.
    pub faults: Vec<String>,
}

impl CheckReport {
    /// True when nothing is wrong.
    pub fn ok(&self) -> bool {
        self.faults.is_empty()
    }
}

impl Book {
    /// The head of the book's chain (for backups and the window's settings to remember), or
    /// None for a book with no entry yet. `place` says where it will be kept.
    pub fn chain_head(&self, place: &str) -> Result<Option<audit::heads::KnownHead>> {
        audit::heads::head(&self.conn, place)
    }

    /// Holds the book against heads of its chain kept outside it (see [`audit::heads`]).
    pub fn compare_heads(
        &self,
        heads: &[audit::heads::KnownHead],
    ) -> Result<audit::heads::HeadReport> {
        audit::heads::compare(&self.conn, heads)
    }

    /// Checks the whole book; see the module docs.
    pub fn check(&self) -> Result<CheckReport> {
        let conn = &self.conn;
        let mut faults = Vec::new();
        let integrity: Vec<String> = conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if integrity != ["ok"] {
            faults.extend(integrity.into_iter().map(|l| format!("SQLite: {l}")));
        }
        let fk: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })?;
        if fk > 0 {
            faults.push(format!("SQLite: {fk} liên kết khóa ngoại bị hỏng"));
        }

        // Month totals against a recount, and the lowest end-of-day balance of every fund.
        type Key = (i64, String, String, String);
        let mut recount: BTreeMap<Key, (i64, i64, i64, i64)> = BTreeMap::new();
        {
            let mut stmt = conn.prepare(
                "SELECT commune_id, program, asset, substr(date, 1, 7), date,
                        sum(CASE direction WHEN 'in' THEN amount ELSE 0 END),
                        sum(CASE direction WHEN 'out' THEN amount ELSE 0 END), count(*)
                 FROM movements m WHERE NOT EXISTS (SELECT 1 FROM voids v WHERE v.movement_id = m.id)
                 GROUP BY commune_id, program, asset, date
                 ORDER BY commune_id, program, asset, date",
            )?;
            let mut rows = stmt.query([])?;
            let mut fund: Option<(i64, String, String)> = None;
            let (mut balance, mut month_running) = (0i64, 0i64);
            let mut current_month = String::new();
            while let Some(r) = rows.next()? {
                let key_fund = (
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                );
                let month: String = r.get(3)?;
                let date: String = r.get(4)?;
                let (i, o, n): (i64, i64, i64) = (r.get(5)?, r.get(6)?, r.get(7)?);
                if fund.as_ref() != Some(&key_fund) {
                    fund = Some(key_fund.clone());
                    // why: a fund starts from its opening balance (số dư đầu kỳ).
                    balance = crate::opening::of_fund(
                        conn,
                        key_fund.0,
                        crate::ledger::Program::from_code(&key_fund.1),
                        crate::ledger::Asset::from_code(&key_fund.2),
                    )?;
                    current_month.clear();
                }
                if month != current_month {
                    current_month = month.clone();
                    month_running = 0;
                }
                balance += i - o;
                month_running += i - o;
                if balance < 0 {
                    faults.push(format!(
                        "quỹ {} {} của xã #{}: tồn âm ({}) vào ngày {date}",
                        key_fund.1, key_fund.2, key_fund.0, balance
                    ));
                }
                let e = recount
                    .entry((key_fund.0, key_fund.1, key_fund.2, month))
                    .or_insert((0, 0, 0, 0));
                e.0 += i;
                e.1 += o;
                e.2 = e.2.min(month_running);
                e.3 += n;
            }
        }
        let mut kept: BTreeMap<Key, (i64, i64, i64, i64)> = BTreeMap::new();
        {
            let mut stmt = conn.prepare(
                "SELECT commune_id, program, asset, month, total_in, total_out, low, entries FROM month_totals",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                kept.insert(
                    (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?),
                    (r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?),
                );
            }
        }
        for key in recount
            .keys()
            .chain(kept.keys())
            .collect::<std::collections::BTreeSet<_>>()
        {
            let (a, b) = (recount.get(key), kept.get(key));
            if a != b {
                faults.push(format!(
                    "tổng tháng {} quỹ {} {} của xã #{}: lưu {:?}, đếm lại {:?}",
                    key.3, key.1, key.2, key.0, b, a
                ));
            }
        }

        // No entry before its commune's start date (the day of its opening balances).
        {
            let mut stmt = conn.prepare(
                "SELECT m.commune_id, count(*), min(m.date), o.start FROM movements m
                 JOIN (SELECT commune_id, min(date) AS start FROM openings GROUP BY commune_id) o
                   ON o.commune_id = m.commune_id
                 WHERE m.date < o.start GROUP BY m.commune_id",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let (c, n, first, start): (i64, i64, String, String) =
                    (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
                faults.push(format!(
                    "xã #{c}: {n} phiếu trước ngày đầu kỳ {start} (sớm nhất {first})"
                ));
            }
        }

        // Voucher numbers: 1..n without gaps, counter = n.
        {
            let mut stmt = conn.prepare(
                "SELECT m.commune_id, m.voucher_kind, m.voucher_year, count(*), max(m.voucher_seq),
                        (SELECT last FROM number_counters n WHERE n.commune_id = m.commune_id
                           AND n.kind = m.voucher_kind AND n.year = m.voucher_year)
                 FROM movements m GROUP BY m.commune_id, m.voucher_kind, m.voucher_year",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let (c, k, y, n, max, last): (i64, String, i64, i64, i64, Option<i64>) = (
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                );
                if n != max || last != Some(max) {
                    faults.push(format!(
                        "số phiếu {k}-{y} của xã #{c}: có {n} phiếu, số lớn nhất {max}, bộ đếm {last:?} (có chỗ trống hoặc trùng)"
                    ));
                }
            }
        }

        // Trip (CX) and project (CT) numbers: 1..n without gaps per commune and year, counter = n.
        for (table, column, kind) in [("trips", "number", "CX"), ("repair_projects", "code", "CT")]
        {
            let mut stmt = conn.prepare(&format!(
                "SELECT t.commune_id, substr(t.{column}, 4, 4) AS y, count(*),
                        max(CAST(substr(t.{column}, 9) AS INTEGER)),
                        count(DISTINCT t.{column}),
                        (SELECT last FROM number_counters n WHERE n.commune_id = t.commune_id
                           AND n.kind = '{kind}' AND n.year = CAST(substr(t.{column}, 4, 4) AS INTEGER))
                 FROM {table} t GROUP BY t.commune_id, y"
            ))?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let (c, y, n, max, distinct, last): (i64, String, i64, i64, i64, Option<i64>) = (
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                );
                if n != max || distinct != n || last != Some(max) {
                    faults.push(format!(
                        "số {kind}-{y} của xã #{c}: có {n} số, số lớn nhất {max}, bộ đếm {last:?} (có chỗ trống hoặc trùng)"
                    ));
                }
            }
            // A counter ahead of every number: the newest ones were deleted.
            let mut stmt = conn.prepare(&format!(
                "SELECT n.commune_id, n.year, n.last FROM number_counters n
                 WHERE n.kind = '{kind}' AND n.last > 0 AND NOT EXISTS (
                   SELECT 1 FROM {table} t WHERE t.commune_id = n.commune_id
                     AND CAST(substr(t.{column}, 4, 4) AS INTEGER) = n.year)"
            ))?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let (c, y, last): (i64, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
                faults.push(format!(
                    "số {kind}-{y} của xã #{c}: bộ đếm đã tới {last} nhưng không còn số nào (đã bị xóa)"
                ));
            }
        }
        // The same for vouchers whose every movement of a year was deleted.
        {
            let mut stmt = conn.prepare(
                "SELECT n.commune_id, n.kind, n.year, n.last FROM number_counters n
                 WHERE n.kind IN ('PT', 'PC', 'PN', 'PX') AND n.last > 0 AND NOT EXISTS (
                   SELECT 1 FROM movements m WHERE m.commune_id = n.commune_id
                     AND m.voucher_kind = n.kind AND m.voucher_year = n.year)",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let (c, k, y, last): (i64, String, i64, i64) =
                    (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
                faults.push(format!(
                    "số phiếu {k}-{y} của xã #{c}: bộ đếm đã tới {last} nhưng không còn phiếu nào (đã bị xóa)"
                ));
            }
        }

        faults.extend(audit::verify(conn)?);
        let movements = conn.query_row("SELECT count(*) FROM movements", [], |r| r.get(0))?;
        let audit_entries = conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?;
        Ok(CheckReport {
            movements,
            audit_entries,
            faults,
        })
    }
}
