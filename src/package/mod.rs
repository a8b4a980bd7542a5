//! Packages between offices: one commune's books, through a month, in one file that travels on a
//! USB stick or in a chat app to the province (or to a merged xã), where a consolidating book
//! receives it ([`receive`]).
//!
//! A package is a SQLite file of its own kind (`PRAGMA application_id` "STTP"), so that a book
//! can never be mistaken for one or a package for a book. It holds the commune's places and
//! people, its movements, voids, trips, projects and work-log days through the month, its opening
//! balances and office, its closed months with their seals (see `seal`), the voucher numbers it
//! holds back (entries of months not sent yet), and the sending book's audit chain up to its head:
//! the entries that made the package's rows in full, every other entry as its hashes only. So a
//! package proves itself: its chain verifies on its own from the first entry; the entry that
//! closed each month carries that month's seal, and the month's rows give that seal again; each
//! full entry's rows give its digest again. By default only closed months go, so what is sent is
//! final, and a month that is not closed but has entries before the cut is refused.
//!
//! Invariants: the file appears under its name only once written whole and verified (a temporary
//! file beside it, renamed into place); it never replaces a book, a backup or another SQLite file
//! (only an older package).

mod receive;
mod verify;

pub use receive::Received;
pub use verify::{read, Package};

use crate::book::Book;
use crate::date::Month;
use crate::error::{Error, Result};
use crate::place::CommuneId;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// `PRAGMA application_id` of a package ("STTP").
pub const PACKAGE_ID: i64 = 0x5354_5450;
/// The format of packages this program writes and reads.
pub const FORMAT: i64 = 1;

/// What a package holds (shown before it is saved, and before it is received).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// The commune, as its title ("Xã Phú Hữu").
    pub commune: String,
    /// The months sent, oldest first, as `yyyy-mm`.
    pub months: Vec<String>,
    /// The last month sent (`yyyy-mm`); its figures run through that month's last day.
    pub through: Option<String>,
    pub movements: i64,
    pub voids: i64,
    pub trips: i64,
    pub projects: i64,
    pub workdays: i64,
    pub households: i64,
    /// Receipts and payments of cash (đồng) and rice (grams) in the months sent, voids left out.
    pub cash_in: i64,
    pub cash_out: i64,
    pub rice_in: i64,
    pub rice_out: i64,
    /// The sending book's fingerprint when the package was made.
    pub fingerprint: String,
}

/// The months of `commune` a package through `through` sends: every month up to it that has
/// rows, each of which must be closed. `None` takes the latest closed month.
fn months_to_send(
    conn: &Connection,
    commune: &crate::place::Commune,
    through: Option<Month>,
) -> Result<Vec<Month>> {
    let through = match through {
        Some(m) => m,
        None => {
            let last: Option<String> = conn.query_row(
                "SELECT max(month) FROM month_locks WHERE commune_id = ?1",
                [commune.id.0],
                |r| r.get(0),
            )?;
            match last {
                Some(m) => m.parse()?,
                None => {
                    return Err(Error::PackageEmpty {
                        commune: commune.title(),
                    })
                }
            }
        }
    };
    let mut with_rows: Vec<String> = conn
        .prepare(
            "SELECT DISTINCT substr(date, 1, 7) FROM movements WHERE commune_id = ?1 AND date <= ?2
             UNION SELECT DISTINCT substr(date, 1, 7) FROM trips WHERE commune_id = ?1 AND date <= ?2
             UNION SELECT DISTINCT substr(w.date, 1, 7) FROM repair_worklog w
               JOIN repair_projects p ON p.id = w.project_id WHERE p.commune_id = ?1 AND w.date <= ?2
             UNION SELECT month FROM month_locks WHERE commune_id = ?1 AND month <= ?3",
        )?
        .query_map(
            params![commune.id.0, through.last_day(), through.to_string()],
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<_>>()?;
    with_rows.sort();
    with_rows.dedup();
    let mut months = Vec::new();
    for m in with_rows {
        let month: Month = m.parse()?;
        if !crate::ledger::is_closed(conn, commune.id, month)? {
            return Err(Error::PackageOpenMonth {
                commune: commune.title(),
                month: month.show(),
            });
        }
        months.push(month);
    }
    if months.is_empty() {
        return Err(Error::PackageEmpty {
            commune: commune.title(),
        });
    }
    Ok(months)
}

impl Book {
    /// What a package of `commune` through `through` (None: its latest closed month) would
    /// hold; refused like the package itself (an open month with entries, nothing closed).
    pub fn package_summary(&self, commune: CommuneId, through: Option<Month>) -> Result<Summary> {
        let c = self.commune(commune)?;
        let months = months_to_send(&self.conn, &c, through)?;
        let last = months
            .last()
            .copied()
            .ok_or_else(|| Error::PackageEmpty { commune: c.title() })?;
        let end = last.last_day();
        let count = |sql: &str| -> Result<i64> {
            Ok(self
                .conn
                .query_row(sql, params![c.id.0, end], |r| r.get(0))?)
        };
        let money = |asset: &str, dir: &str| -> Result<i64> {
            Ok(self.conn.query_row(
                "SELECT ifnull(sum(amount), 0) FROM movements m WHERE commune_id = ?1 AND date <= ?2
                   AND asset = ?3 AND direction = ?4
                   AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.movement_id = m.id)",
                params![c.id.0, end, asset, dir],
                |r| r.get(0),
            )?)
        };
        Ok(Summary {
            commune: c.title(),
            months: months.iter().map(|m| m.to_string()).collect(),
            through: Some(last.to_string()),
            movements: count("SELECT count(*) FROM movements WHERE commune_id = ?1 AND date <= ?2")?,
            voids: count(
                "SELECT count(*) FROM voids v JOIN movements m ON m.id = v.movement_id
                 WHERE m.commune_id = ?1 AND m.date <= ?2",
            )?,
            trips: count("SELECT count(*) FROM trips WHERE commune_id = ?1 AND date <= ?2")?,
            projects: count(
                "SELECT count(*) FROM repair_projects WHERE commune_id = ?1
                   AND (start_date IS NULL OR start_date <= ?2)",
            )?,
            workdays: count(
                "SELECT count(*) FROM repair_worklog w JOIN repair_projects p ON p.id = w.project_id
                 WHERE p.commune_id = ?1 AND w.date <= ?2",
            )?,
            households: count("SELECT count(*) FROM households WHERE commune_id = ?1 AND ?2 IS NOT NULL")?,
            cash_in: money("cash", "in")?,
            cash_out: money("cash", "out")?,
            rice_in: money("rice", "in")?,
            rice_out: money("rice", "out")?,
            fingerprint: crate::audit::fingerprint(&self.conn)?,
        })
    }

    /// Writes the package of `commune` through `through` (None: its latest closed month) to
    /// `out`; see the module docs. Returns what it holds.
    pub fn export_package(
        &self,
        commune: CommuneId,
        through: Option<Month>,
        out: &Path,
    ) -> Result<Summary> {
        let summary = self.package_summary(commune, through)?;
        let last: Month = summary.through.as_deref().unwrap_or_default().parse()?;
        let books: Vec<&Path> = self.path().into_iter().collect();
        let target = match crate::output::check_target(out, &books) {
            Ok(t) => t,
            // why: a package sent before may be replaced by a newer one of the same name.
            Err(Error::ProtectedFile { .. }) if verify::is_package(out) => crate::output::Target {
                given: out.to_path_buf(),
                real: std::fs::canonicalize(out).map_err(|e| Error::io(out, e))?,
            },
            Err(e) => return Err(e),
        };
        let tmp = crate::output::temporary_beside(&target.real, "dang-ghi");
        let made = (|| -> Result<()> {
            write_package(&self.conn, commune, last, &tmp)?;
            // why: a package is called made only once it reads back and verifies.
            verify::read(&tmp)?;
            std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(&tmp)
                .and_then(|f| f.sync_all())
                .map_err(|e| Error::io(&tmp, e))?;
            std::fs::rename(&tmp, &target.real).map_err(|e| Error::io(&target.real, e))?;
            crate::output::sync_folder(&target.real);
            Ok(())
        })();
        if made.is_err() {
            for suffix in ["", "-journal"] {
                let _ = std::fs::remove_file(crate::output::with_suffix(&tmp, suffix));
            }
        }
        made?;
        Ok(summary)
    }
}

/// Copies the commune's rows through `last` into a new package file at `tmp`.
fn write_package(conn: &Connection, commune: CommuneId, last: Month, tmp: &Path) -> Result<()> {
    let uri = tmp.to_string_lossy().replace('\'', "''");
    conn.execute_batch(&format!("ATTACH DATABASE '{uri}' AS pkg"))?;
    let written = (|| -> Result<()> {
        conn.execute_batch("BEGIN")?;
        let copied = copy_rows(conn, commune.0, last);
        match copied {
            Ok(()) => conn.execute_batch("COMMIT")?,
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                return Err(e);
            }
        }
        Ok(())
    })();
    let detached = conn.execute_batch("DETACH DATABASE pkg");
    written?;
    detached?;
    Ok(())
}

fn copy_rows(conn: &Connection, c: i64, last: Month) -> Result<()> {
    let end = last.last_day().to_string();
    let through = last.to_string();
    conn.execute_batch(&format!(
        "PRAGMA pkg.application_id = {PACKAGE_ID}; PRAGMA pkg.journal_mode = DELETE;"
    ))?;
    let copies: Vec<String> = vec![
        format!("CREATE TABLE pkg.communes AS SELECT * FROM main.communes WHERE id = {c}"),
        format!("CREATE TABLE pkg.hamlets AS SELECT * FROM main.hamlets WHERE commune_id = {c}"),
        format!("CREATE TABLE pkg.households AS SELECT * FROM main.households WHERE commune_id = {c}"),
        format!(
            "CREATE TABLE pkg.household_status AS SELECT s.* FROM main.household_status s
             JOIN main.households h ON h.id = s.household_id WHERE h.commune_id = {c}"
        ),
        format!(
            "CREATE TABLE pkg.movements AS SELECT * FROM main.movements
             WHERE commune_id = {c} AND date <= '{end}'"
        ),
        format!(
            "CREATE TABLE pkg.voids AS SELECT v.* FROM main.voids v
             JOIN pkg.movements m ON m.id = v.movement_id"
        ),
        format!(
            "CREATE TABLE pkg.trips AS SELECT * FROM main.trips WHERE commune_id = {c} AND date <= '{end}'"
        ),
        format!(
            "CREATE TABLE pkg.repair_projects AS SELECT * FROM main.repair_projects
             WHERE commune_id = {c} AND (start_date IS NULL OR start_date <= '{end}'
               OR id IN (SELECT project_id FROM pkg.movements WHERE project_id IS NOT NULL))"
        ),
        format!(
            "CREATE TABLE pkg.repair_worklog AS SELECT w.* FROM main.repair_worklog w
             JOIN pkg.repair_projects p ON p.id = w.project_id WHERE w.date <= '{end}'"
        ),
        "CREATE TABLE pkg.parties AS SELECT * FROM main.parties
         WHERE id IN (SELECT party_id FROM pkg.movements)
            OR id IN (SELECT merged_into FROM main.parties WHERE id IN (SELECT party_id FROM pkg.movements))"
            .into(),
        "CREATE TABLE pkg.drivers AS SELECT * FROM main.drivers WHERE id IN (SELECT driver_id FROM pkg.trips)".into(),
        "CREATE TABLE pkg.vehicles AS SELECT * FROM main.vehicles WHERE id IN (SELECT vehicle_id FROM pkg.trips)".into(),
        "CREATE TABLE pkg.destinations AS SELECT * FROM main.destinations WHERE id IN (SELECT destination_id FROM pkg.trips)".into(),
        format!("CREATE TABLE pkg.month_locks AS SELECT * FROM main.month_locks WHERE commune_id = {c} AND month <= '{through}'"),
        format!("CREATE TABLE pkg.openings AS SELECT * FROM main.openings WHERE commune_id = {c}"),
        format!("CREATE TABLE pkg.commune_offices AS SELECT * FROM main.commune_offices WHERE commune_id = {c}"),
        "CREATE TABLE pkg.movement_sources AS SELECT s.* FROM main.movement_sources s JOIN pkg.movements m ON m.id = s.movement_id".into(),
        // Voucher, trip and project numbers of the years sent, held back in later months.
        format!(
            "CREATE TABLE pkg.held_numbers AS
             SELECT voucher_kind AS kind, voucher_year AS year, voucher_seq AS seq FROM main.movements
               WHERE commune_id = {c} AND date > '{end}'
                 AND voucher_year <= {year}
             UNION ALL SELECT 'CX', CAST(substr(number, 4, 4) AS INTEGER), CAST(substr(number, 9) AS INTEGER)
               FROM main.trips WHERE commune_id = {c} AND date > '{end}'
                 AND CAST(substr(number, 4, 4) AS INTEGER) <= {year}
             UNION ALL SELECT 'CT', CAST(substr(code, 4, 4) AS INTEGER), CAST(substr(code, 9) AS INTEGER)
               FROM main.repair_projects WHERE commune_id = {c}
                 AND id NOT IN (SELECT id FROM pkg.repair_projects)
                 AND CAST(substr(code, 4, 4) AS INTEGER) <= {year}",
            year = last.year()
        ),
    ];
    for sql in copies {
        conn.execute_batch(&sql)?;
    }
    // The audit chain up to the head: in full the entries that made the package's rows, every
    // other one by its hashes only.
    let uuid: String =
        conn.query_row("SELECT uuid FROM main.communes WHERE id = ?1", [c], |r| {
            r.get(0)
        })?;
    conn.execute_batch(&format!(
        "CREATE TABLE pkg.audit_log AS SELECT * FROM main.audit_log WHERE 0;
         CREATE TABLE pkg.audit_stubs (seq INTEGER PRIMARY KEY, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
         CREATE TEMP TABLE package_entries (seq INTEGER PRIMARY KEY);
         INSERT OR IGNORE INTO package_entries SELECT audit_seq FROM pkg.movements;
         INSERT OR IGNORE INTO package_entries SELECT audit_seq FROM pkg.voids;
         INSERT OR IGNORE INTO package_entries SELECT seq FROM main.audit_log
           WHERE entity_id = '{uuid}' AND action IN ('close_month', 'reopen_month', 'create', 'merge', 'set_opening');"
    ))?;
    // why: an entry that also wrote rows outside the package cannot be checked from it; it is
    // sent by its hashes only (its months' seals vouch for those rows).
    conn.execute_batch(
        "DELETE FROM package_entries WHERE seq IN (
           SELECT audit_seq FROM main.movements m
           WHERE m.audit_seq IN (SELECT seq FROM package_entries)
             AND m.id NOT IN (SELECT id FROM pkg.movements));
         DELETE FROM package_entries WHERE seq IN (
           SELECT audit_seq FROM main.voids v
           WHERE v.audit_seq IN (SELECT seq FROM package_entries)
             AND v.movement_id NOT IN (SELECT id FROM pkg.movements));
         INSERT INTO pkg.audit_log SELECT * FROM main.audit_log WHERE seq IN (SELECT seq FROM package_entries);
         INSERT INTO pkg.audit_stubs SELECT seq, prev_hash, hash FROM main.audit_log
           WHERE seq NOT IN (SELECT seq FROM package_entries);
         DROP TABLE temp.package_entries;",
    )?;
    let book: Option<String> = crate::audit::heads::book_uuid(conn)?;
    let fingerprint = crate::audit::fingerprint(conn)?;
    conn.execute_batch(
        "CREATE TABLE pkg.package_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    )?;
    let merged_into: Option<String> = conn
        .query_row(
            "SELECT t.uuid FROM main.communes c JOIN main.communes t ON t.id = c.became_part_of WHERE c.id = ?1",
            [c],
            |r| r.get(0),
        )
        .optional()?;
    let mut meta = conn.prepare("INSERT INTO pkg.package_meta (key, value) VALUES (?1, ?2)")?;
    for (k, v) in [
        ("format", FORMAT.to_string()),
        ("schema", crate::storage::latest_version().to_string()),
        ("commune_uuid", uuid),
        ("through", through),
        ("book_uuid", book.unwrap_or_default()),
        ("fingerprint", fingerprint),
        ("merged_into", merged_into.unwrap_or_default()),
    ] {
        meta.execute(params![k, v])?;
    }
    Ok(())
}

/// A package file's name for a commune and month: `so-lieu-<commune>-<yyyy-mm>.sttp`.
pub fn file_name(commune: &str, through: &str) -> PathBuf {
    let slug: String = crate::text::fold(commune)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    PathBuf::from(format!("so-lieu-{slug}-{through}.sttp"))
}
