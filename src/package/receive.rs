//! A consolidating book receives packages: proved first (see `verify`), then compared with what
//! it already holds of the commune, then added by UUID in one transaction.
//!
//! - The same package, or an overlapping one, adds nothing; a later one adds only what is new.
//! - A package whose entry (movement, void, trip, work-log day) has a known UUID but other
//!   content, whose closed month has another seal than the one received before, whose chain does
//!   not continue the chain received before, or which comes from another book than the commune's
//!   earlier packages (a re-installed office), is refused whole, naming the commune, the voucher
//!   or month, and the difference; the book is left as it was.
//! - Names and other details of places, people and projects follow the package (a household
//!   renamed at the commune is renamed here).
//! - A received commune is read-only here: its voucher numbers, dates, voids and closed months
//!   stay as they were, and nothing can be typed into it.

use super::verify::{read, Package};
use crate::audit::{self, Change};
use crate::book::{Book, Tx};
use crate::error::{Error, Result};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::path::Path;

/// What receiving a package did (or, in a dry run, would do).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Received {
    /// The commune, as the package names it.
    pub commune: String,
    /// The last month its figures run through (`yyyy-mm`).
    pub through: String,
    /// Months in the package, and how many of them are new here.
    pub months: usize,
    pub new_months: usize,
    /// Entries (movements) in the package, and how many are new here.
    pub movements: i64,
    pub new_movements: i64,
    pub new_voids: i64,
    pub new_trips: i64,
    /// The sending book's fingerprint.
    pub fingerprint: String,
    /// True when written; false for a dry run.
    pub written: bool,
}

impl Book {
    /// Receives the package at `path` (see the module docs); with `dry_run`, proves and
    /// compares it and writes nothing.
    pub fn receive_package(&mut self, path: &Path, dry_run: bool) -> Result<Received> {
        let pkg = read(path)?;
        let existing: Option<(i64, Option<String>, String)> = self
            .conn
            .query_row(
                "SELECT id, imported_from, name FROM communes WHERE uuid = ?1",
                [&pkg.commune_uuid],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let title = format!("{} {}", kind_word(&pkg.commune_kind), pkg.commune_name);
        if let Some((id, from, _)) = &existing {
            match from {
                None => {
                    return Err(Error::PackageRefused {
                        commune: title,
                        reason: "xã này là xã của chính sổ này; sổ không nhận gói của chính nó".into(),
                    })
                }
                Some(book) if *book != pkg.book_uuid => {
                    return Err(Error::PackageRefused {
                        commune: title,
                        reason: "gói đến từ một sổ khác với các gói đã nhận của xã này (máy cài lại, hay sổ khác?); hãy hỏi xã gửi lại từ đúng sổ".into(),
                    })
                }
                Some(_) => {}
            }
            let head: Option<(i64, String)> = self
                .conn
                .query_row(
                    "SELECT head_seq, head_hash FROM imported_heads WHERE commune_id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((seq, hash)) = head {
                if pkg.chain.get(&seq) != Some(&hash) {
                    return Err(Error::PackageRefused {
                        commune: title,
                        reason: format!(
                            "nhật ký của gói không nối tiếp gói đã nhận trước (mục {seq} khác): sổ của xã đã bị sửa hoặc thay sau lần gửi trước"
                        ),
                    });
                }
            }
            let seals: Vec<(String, Option<String>)> = self
                .conn
                .prepare("SELECT month, seal FROM month_locks WHERE commune_id = ?1")?
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (month, seal) in seals {
                if let Some((m, s)) = pkg.months.iter().find(|(m, _)| m.to_string() == month) {
                    if Some(s) != seal.as_ref() {
                        return Err(Error::PackageRefused {
                            commune: title,
                            reason: format!(
                                "số liệu tháng {} khác với gói đã nhận trước (dấu khóa sổ khác): xã đã mở sổ và sửa sau khi gửi",
                                m.show()
                            ),
                        });
                    }
                }
            }
        }
        let uri = format!(
            "file:{}?mode=ro&immutable=1",
            pkg.path
                .to_string_lossy()
                .replace('%', "%25")
                .replace('?', "%3f")
                .replace('#', "%23")
                .replace('\'', "''")
        );
        self.conn
            .execute_batch(&format!("ATTACH DATABASE '{uri}' AS pkg"))?;
        let result = if dry_run {
            self.rehearse(|tx| apply(tx, &pkg, &title))
        } else {
            self.write(|tx| apply(tx, &pkg, &title))
        };
        let detached = self.conn.execute_batch("DETACH DATABASE pkg");
        let mut received = result?;
        detached?;
        received.written = !dry_run;
        Ok(received)
    }
}

fn kind_word(kind: &str) -> &'static str {
    match kind {
        "thi_tran" => "Thị trấn",
        "phuong" => "Phường",
        _ => "Xã",
    }
}

/// Refuses the package when an entry it shares with the book (by UUID) differs.
fn refuse_differences(tx: &Tx, title: &str) -> Result<()> {
    let differs: Option<(String, String)> = tx
        .query_row(
            "SELECT p.voucher_kind || '-' || p.voucher_year || '-' || printf('%04d', p.voucher_seq),
                    CASE WHEN p.amount <> m.amount THEN 'số tiền / số kg'
                         WHEN p.date <> m.date THEN 'ngày'
                         WHEN p.direction <> m.direction OR p.asset <> m.asset OR p.program <> m.program THEN 'loại phiếu'
                         WHEN p.category <> m.category THEN 'loại thu chi'
                         WHEN p.memo <> m.memo THEN 'nội dung'
                         WHEN p.voucher_kind <> m.voucher_kind OR p.voucher_year <> m.voucher_year
                              OR p.voucher_seq <> m.voucher_seq THEN 'số phiếu'
                         ELSE 'người nộp / nhận' END
             FROM pkg.movements p JOIN main.movements m ON m.uuid = p.uuid
             WHERE p.amount <> m.amount OR p.date <> m.date OR p.direction <> m.direction
                OR p.asset <> m.asset OR p.program <> m.program OR p.category <> m.category
                OR p.memo <> m.memo OR p.voucher_kind <> m.voucher_kind
                OR p.voucher_year <> m.voucher_year OR p.voucher_seq <> m.voucher_seq
                OR ifnull((SELECT uuid FROM pkg.parties WHERE id = p.party_id), '')
                   <> ifnull((SELECT uuid FROM main.parties WHERE id = m.party_id), '')
             LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((voucher, what)) = differs {
        return Err(Error::PackageConflict {
            commune: title.to_string(),
            voucher,
            difference: what,
        });
    }
    let unvoided: Option<String> = tx
        .query_row(
            "SELECT m.voucher_kind || '-' || m.voucher_year || '-' || printf('%04d', m.voucher_seq)
             FROM main.voids v JOIN main.movements m ON m.id = v.movement_id
             JOIN pkg.movements p ON p.uuid = m.uuid
             WHERE NOT EXISTS (SELECT 1 FROM pkg.voids pv WHERE pv.movement_id = p.id) LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(voucher) = unvoided {
        return Err(Error::PackageConflict {
            commune: title.to_string(),
            voucher,
            difference: "đã hủy trong gói trước nhưng không hủy trong gói này".into(),
        });
    }
    let trip: Option<(String, String)> = tx
        .query_row(
            "SELECT p.number, CASE WHEN p.date <> t.date THEN 'ngày' WHEN p.patient <> t.patient THEN 'bệnh nhân'
                                   WHEN p.distance <> t.distance THEN 'số km' ELSE 'hủy chuyến' END
             FROM pkg.trips p JOIN main.trips t ON t.uuid = p.uuid
             WHERE p.date <> t.date OR p.patient <> t.patient OR p.distance <> t.distance
                OR p.number <> t.number OR ifnull(p.voided_at, '') <> ifnull(t.voided_at, '')
             LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((voucher, what)) = trip {
        return Err(Error::PackageConflict {
            commune: title.to_string(),
            voucher,
            difference: what.to_string(),
        });
    }
    Ok(())
}

fn apply(tx: &Tx, pkg: &Package, title: &str) -> Result<Received> {
    tx.execute_batch("CREATE UNIQUE INDEX IF NOT EXISTS movements_uuid ON movements(uuid)")?;
    refuse_differences(tx, title)?;
    let count = |sql: &str| -> Result<i64> { Ok(tx.query_row(sql, [], |r| r.get(0))?) };
    let new_movements = count(
        "SELECT count(*) FROM pkg.movements WHERE uuid NOT IN (SELECT uuid FROM main.movements)",
    )?;
    let new_voids = count(
        "SELECT count(*) FROM pkg.voids v JOIN pkg.movements p ON p.id = v.movement_id
         WHERE NOT EXISTS (SELECT 1 FROM main.voids mv JOIN main.movements m ON m.id = mv.movement_id WHERE m.uuid = p.uuid)",
    )?;
    let new_trips =
        count("SELECT count(*) FROM pkg.trips WHERE uuid NOT IN (SELECT uuid FROM main.trips)")?;
    let new_months = count(&format!(
        "SELECT count(*) FROM pkg.month_locks pl WHERE NOT EXISTS (
           SELECT 1 FROM main.month_locks ml JOIN main.communes c ON c.id = ml.commune_id
           WHERE c.uuid = '{}' AND ml.month = pl.month)",
        pkg.commune_uuid
    ))?;
    // why: movements written by this change are digested by its entry; it takes its number now.
    let seq = audit::next_seq(tx)?;
    let now = tx.now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let book = &pkg.book_uuid;
    let id_of = |table: &str, col: &str| -> String {
        format!("(SELECT id FROM main.{table} WHERE uuid = (SELECT uuid FROM pkg.{table} WHERE id = {col}))")
    };
    let steps: Vec<String> = vec![
        // The commune, received read-only.
        format!(
            "INSERT INTO main.communes (uuid, name, name_fold, kind, district, province, valid_from, valid_to, created_at, imported_from)
             SELECT uuid, name, name_fold, kind, district, province, valid_from, valid_to, created_at, '{book}'
             FROM pkg.communes WHERE uuid = '{u}' AND uuid NOT IN (SELECT uuid FROM main.communes)",
            u = pkg.commune_uuid
        ),
        format!(
            "UPDATE main.communes SET (name, name_fold, kind, district, province, valid_from, valid_to) =
               (SELECT name, name_fold, kind, district, province, valid_from, valid_to FROM pkg.communes WHERE uuid = '{u}')
             WHERE uuid = '{u}'",
            u = pkg.commune_uuid
        ),
        format!(
            "INSERT INTO main.hamlets (uuid, commune_id, name, name_fold, valid_from, valid_to, created_at)
             SELECT uuid, {c}, name, name_fold, valid_from, valid_to, created_at FROM pkg.hamlets
             WHERE uuid NOT IN (SELECT uuid FROM main.hamlets)",
            c = id_of("communes", "commune_id")
        ),
        "UPDATE main.hamlets SET (name, name_fold) = (SELECT name, name_fold FROM pkg.hamlets p WHERE p.uuid = main.hamlets.uuid)
         WHERE uuid IN (SELECT uuid FROM pkg.hamlets)".into(),
        format!(
            "INSERT INTO main.households (uuid, commune_id, hamlet_id, name, name_fold, created_at)
             SELECT uuid, {c}, {h}, name, name_fold, created_at FROM pkg.households
             WHERE uuid NOT IN (SELECT uuid FROM main.households)",
            c = id_of("communes", "commune_id"),
            h = id_of("hamlets", "hamlet_id")
        ),
        format!(
            "UPDATE main.households SET (name, name_fold, hamlet_id) = (SELECT p.name, p.name_fold,
               (SELECT id FROM main.hamlets WHERE uuid = (SELECT uuid FROM pkg.hamlets WHERE id = p.hamlet_id))
               FROM pkg.households p WHERE p.uuid = main.households.uuid)
             WHERE uuid IN (SELECT uuid FROM pkg.households)"
        ),
        "INSERT OR REPLACE INTO main.household_status (household_id, year, status)
         SELECT (SELECT id FROM main.households WHERE uuid = (SELECT uuid FROM pkg.households WHERE id = s.household_id)), s.year, s.status
         FROM pkg.household_status s".into(),
        "INSERT INTO main.parties (uuid, kind, name, name_fold, created_at)
         SELECT uuid, kind, name, name_fold, created_at FROM pkg.parties WHERE uuid NOT IN (SELECT uuid FROM main.parties)".into(),
        "UPDATE main.parties SET (name, name_fold) = (SELECT name, name_fold FROM pkg.parties p WHERE p.uuid = main.parties.uuid)
         WHERE uuid IN (SELECT uuid FROM pkg.parties)".into(),
        "UPDATE main.parties SET merged_into = (SELECT id FROM main.parties k WHERE k.uuid =
           (SELECT kk.uuid FROM pkg.parties pp JOIN pkg.parties kk ON kk.id = pp.merged_into WHERE pp.uuid = main.parties.uuid))
         WHERE uuid IN (SELECT uuid FROM pkg.parties WHERE merged_into IS NOT NULL)".into(),
        "INSERT INTO main.drivers (uuid, name, name_fold, phone, created_at)
         SELECT uuid, name, name_fold, phone, created_at FROM pkg.drivers WHERE uuid NOT IN (SELECT uuid FROM main.drivers)".into(),
        "INSERT INTO main.vehicles (uuid, name, name_fold, plate, created_at)
         SELECT uuid, name, name_fold, plate, created_at FROM pkg.vehicles WHERE uuid NOT IN (SELECT uuid FROM main.vehicles)".into(),
        "INSERT INTO main.destinations (uuid, name, name_fold, default_distance, created_at)
         SELECT uuid, name, name_fold, default_distance, created_at FROM pkg.destinations WHERE uuid NOT IN (SELECT uuid FROM main.destinations)".into(),
        format!(
            "INSERT INTO main.repair_projects (uuid, commune_id, code, name, name_fold, kind, hamlet_id, size, status, start_date, end_date, estimate, created_at)
             SELECT uuid, {c}, code, name, name_fold, kind, {h}, size, status, start_date, end_date, estimate, created_at
             FROM pkg.repair_projects WHERE uuid NOT IN (SELECT uuid FROM main.repair_projects)",
            c = id_of("communes", "commune_id"),
            h = id_of("hamlets", "hamlet_id")
        ),
        "UPDATE main.repair_projects SET (name, name_fold, size, status, start_date, end_date, estimate) =
           (SELECT name, name_fold, size, status, start_date, end_date, estimate FROM pkg.repair_projects p WHERE p.uuid = main.repair_projects.uuid)
         WHERE uuid IN (SELECT uuid FROM pkg.repair_projects)".into(),
        format!(
            "INSERT INTO main.repair_worklog (uuid, project_id, date, volunteers, workdays, materials, note, created_at)
             SELECT uuid, {p}, date, volunteers, workdays, materials, note, created_at FROM pkg.repair_worklog
             WHERE uuid NOT IN (SELECT uuid FROM main.repair_worklog)",
            p = id_of("repair_projects", "project_id")
        ),
        format!(
            "INSERT INTO main.trips (uuid, commune_id, number, date, patient, from_hamlet_id, destination_id, distance,
                                     driver_id, vehicle_id, purpose, voided_at, void_reason, created_at)
             SELECT uuid, {c}, number, date, patient, {h}, {d}, distance, {dr}, {v}, purpose, voided_at, void_reason, created_at
             FROM pkg.trips WHERE uuid NOT IN (SELECT uuid FROM main.trips)",
            c = id_of("communes", "commune_id"),
            h = id_of("hamlets", "from_hamlet_id"),
            d = id_of("destinations", "destination_id"),
            dr = id_of("drivers", "driver_id"),
            v = id_of("vehicles", "vehicle_id")
        ),
        format!(
            "INSERT INTO main.movements (uuid, commune_id, program, asset, direction, date, amount, category,
                 party_id, household_id, hamlet_id, trip_id, project_id, households, memo,
                 voucher_kind, voucher_year, voucher_seq, audit_seq, created_at)
             SELECT p.uuid, {c}, p.program, p.asset, p.direction, p.date, p.amount, p.category,
                 {party}, {hh}, {h}, {t}, {pr}, p.households, p.memo,
                 p.voucher_kind, p.voucher_year, p.voucher_seq, {seq}, p.created_at
             FROM pkg.movements p WHERE p.uuid NOT IN (SELECT uuid FROM main.movements) ORDER BY p.id",
            c = id_of("communes", "p.commune_id"),
            party = id_of("parties", "p.party_id"),
            hh = id_of("households", "p.household_id"),
            h = id_of("hamlets", "p.hamlet_id"),
            t = id_of("trips", "p.trip_id"),
            pr = id_of("repair_projects", "p.project_id")
        ),
        format!(
            "INSERT INTO main.voids (movement_id, reason, voided_at, actor, audit_seq)
             SELECT (SELECT id FROM main.movements WHERE uuid = p.uuid), v.reason, v.voided_at, v.actor, {seq}
             FROM pkg.voids v JOIN pkg.movements p ON p.id = v.movement_id
             WHERE NOT EXISTS (SELECT 1 FROM main.voids mv WHERE mv.movement_id = (SELECT id FROM main.movements WHERE uuid = p.uuid))"
        ),
        "INSERT OR IGNORE INTO main.movement_sources (movement_id, paper_voucher, fingerprint)
         SELECT (SELECT id FROM main.movements WHERE uuid = p.uuid), s.paper_voucher, NULL
         FROM pkg.movement_sources s JOIN pkg.movements p ON p.id = s.movement_id".into(),
        format!(
            "INSERT INTO main.month_locks (commune_id, month, closed_at, closed_by, seal)
             SELECT {c}, month, closed_at, closed_by, seal FROM pkg.month_locks l
             WHERE NOT EXISTS (SELECT 1 FROM main.month_locks m WHERE m.commune_id = {c} AND m.month = l.month)",
            c = id_of("communes", "l.commune_id")
        ),
        format!(
            "INSERT OR REPLACE INTO main.openings (commune_id, program, asset, date, amount)
             SELECT {c}, program, asset, date, amount FROM pkg.openings o",
            c = id_of("communes", "o.commune_id")
        ),
        format!(
            "INSERT OR REPLACE INTO main.commune_offices (commune_id, key, value)
             SELECT {c}, key, value FROM pkg.commune_offices o",
            c = id_of("communes", "o.commune_id")
        ),
    ];
    for sql in steps {
        tx.execute_batch(&sql)?;
    }
    let commune: i64 = tx.query_row(
        "SELECT id FROM main.communes WHERE uuid = ?1",
        [&pkg.commune_uuid],
        |r| r.get(0),
    )?;
    tx.execute(
        "DELETE FROM main.held_numbers WHERE commune_id = ?1",
        [commune],
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO main.held_numbers (commune_id, kind, year, seq)
         SELECT ?1, kind, year, seq FROM pkg.held_numbers",
        [commune],
    )?;
    // The counters stand where the commune's numbers stand, those held back included.
    tx.execute_batch(&format!(
        "INSERT OR REPLACE INTO main.number_counters (commune_id, kind, year, last)
         SELECT {commune}, kind, year, max(seq) FROM (
           SELECT voucher_kind AS kind, voucher_year AS year, voucher_seq AS seq FROM main.movements WHERE commune_id = {commune}
           UNION ALL SELECT 'CX', CAST(substr(number, 4, 4) AS INTEGER), CAST(substr(number, 9) AS INTEGER) FROM main.trips WHERE commune_id = {commune}
           UNION ALL SELECT 'CT', CAST(substr(code, 4, 4) AS INTEGER), CAST(substr(code, 9) AS INTEGER) FROM main.repair_projects WHERE commune_id = {commune}
           UNION ALL SELECT kind, year, seq FROM main.held_numbers WHERE commune_id = {commune})
         GROUP BY kind, year"
    ))?;
    tx.execute(
        "INSERT OR REPLACE INTO main.imported_heads (commune_id, book_uuid, head_seq, head_hash, through, fingerprint, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            commune,
            pkg.book_uuid,
            pkg.head_seq,
            pkg.head_hash,
            pkg.through.to_string(),
            pkg.fingerprint,
            now
        ],
    )?;
    // Month totals of every fund-month the package touched.
    let touched: Vec<(String, String, String)> = tx
        .prepare(
            "SELECT DISTINCT program, asset, substr(date, 1, 7) FROM main.movements WHERE commune_id = ?1",
        )?
        .query_map([commune], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (program, asset, month) in touched {
        crate::ledger::refresh_month(
            tx,
            crate::place::CommuneId(commune),
            crate::ledger::Program::from_code(&program),
            crate::ledger::Asset::from_code(&asset),
            month.parse()?,
        )?;
    }
    audit::append_with_baseline(
        tx,
        seq,
        Change {
            action: "receive_package",
            entity: "commune",
            entity_id: &pkg.commune_uuid,
            before: None,
            after: Some(
                json!({"commune": title, "through": pkg.through, "book": pkg.book_uuid,
                "head": pkg.head_seq, "fingerprint": pkg.fingerprint, "new_movements": new_movements}),
            ),
        },
    )?;
    Ok(Received {
        commune: title.to_string(),
        through: pkg.through.to_string(),
        months: pkg.months.len(),
        new_months: new_months as usize,
        movements: pkg.movements,
        new_movements,
        new_voids,
        new_trips,
        fingerprint: pkg.fingerprint.clone(),
        written: false,
    })
}
