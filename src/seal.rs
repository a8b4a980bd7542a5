//! The seal of a closed month: one hash of everything a commune recorded in that month, taken
//! when the month is closed (khóa sổ), printed on the month's reports, and carried in the
//! packages sent to the province, where it is computed again from the rows received.
//!
//! The month's rows are its movements (voided ones too), their voids, its trips and its
//! projects' work-log days, each in a canonical text that names other rows by their UUID (never
//! by this book's integer ids), so the same month gives the same seal in the commune's book, in
//! a package and in the consolidating office's book. A month reopened and closed again is sealed
//! again; a seal that changed is how a consolidating office learns a month was changed after it
//! was sent.

use crate::date::Month;
use crate::error::Result;
use rusqlite::{params, Connection};
use sha2::{Digest, Sha256};

/// The canonical rows of a commune's month, each a text, in a fixed order. `commune` is the
/// commune's id in the database `conn` reads (a book, or an attached package `schema`).
pub(crate) fn month_rows(
    conn: &Connection,
    schema: &str,
    commune: i64,
    month: Month,
) -> Result<Vec<String>> {
    let (first, last) = (month.first_day(), month.last_day());
    let s = schema;
    let mut rows = Vec::new();
    let queries = [
        format!(
            "SELECT concat_ws(char(31), 'movement', m.uuid, c.uuid, m.program, m.asset, m.direction,
                    m.date, m.amount, m.category, ifnull(p.uuid, '∅'), ifnull(h.uuid, '∅'),
                    ifnull(a.uuid, '∅'), ifnull(t.uuid, '∅'), ifnull(r.uuid, '∅'),
                    ifnull(m.households, '∅'), m.memo, m.voucher_kind, m.voucher_year,
                    m.voucher_seq, m.created_at,
                    ifnull(v.reason, '∅'), ifnull(v.voided_at, '∅'), ifnull(v.actor, '∅'))
             FROM {s}.movements m JOIN {s}.communes c ON c.id = m.commune_id
             LEFT JOIN {s}.parties p ON p.id = m.party_id
             LEFT JOIN {s}.households h ON h.id = m.household_id
             LEFT JOIN {s}.hamlets a ON a.id = m.hamlet_id
             LEFT JOIN {s}.trips t ON t.id = m.trip_id
             LEFT JOIN {s}.repair_projects r ON r.id = m.project_id
             LEFT JOIN {s}.voids v ON v.movement_id = m.id
             WHERE m.commune_id = ?1 AND m.date BETWEEN ?2 AND ?3
             ORDER BY m.voucher_kind, m.voucher_year, m.voucher_seq"
        ),
        format!(
            "SELECT concat_ws(char(31), 'trip', t.uuid, t.number, t.date, t.patient,
                    ifnull(a.uuid, '∅'), d.uuid, t.distance, ifnull(dr.uuid, '∅'),
                    ifnull(ve.uuid, '∅'), t.purpose, ifnull(t.voided_at, '∅'),
                    ifnull(t.void_reason, '∅'), t.created_at)
             FROM {s}.trips t
             LEFT JOIN {s}.hamlets a ON a.id = t.from_hamlet_id
             JOIN {s}.destinations d ON d.id = t.destination_id
             LEFT JOIN {s}.drivers dr ON dr.id = t.driver_id
             LEFT JOIN {s}.vehicles ve ON ve.id = t.vehicle_id
             WHERE t.commune_id = ?1 AND t.date BETWEEN ?2 AND ?3
             ORDER BY t.number"
        ),
        format!(
            "SELECT concat_ws(char(31), 'workday', w.uuid, p.uuid, w.date, w.volunteers, w.workdays,
                    w.materials, w.note, w.created_at)
             FROM {s}.repair_worklog w JOIN {s}.repair_projects p ON p.id = w.project_id
             WHERE p.commune_id = ?1 AND w.date BETWEEN ?2 AND ?3
             ORDER BY w.uuid"
        ),
    ];
    for sql in queries {
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut q = stmt.query(params![commune, first, last])?;
        while let Some(r) = q.next()? {
            rows.push(r.get::<_, String>(0)?);
        }
    }
    Ok(rows)
}

/// The seal of a commune's month from its canonical rows and the commune's UUID.
pub(crate) fn seal_of(commune_uuid: &str, month: Month, rows: &[String]) -> String {
    let mut h = Sha256::new();
    h.update(b"seal-v1");
    h.update([0x1f]);
    h.update(commune_uuid.as_bytes());
    h.update([0x1f]);
    h.update(month.to_string().as_bytes());
    for r in rows {
        h.update([0x1e]);
        h.update(r.as_bytes());
    }
    hex::encode(h.finalize())
}

/// The seal of `commune`'s `month` as the database `conn` (schema `schema`) holds it now.
pub(crate) fn compute(
    conn: &Connection,
    schema: &str,
    commune: i64,
    month: Month,
) -> Result<String> {
    let uuid: String = conn.query_row(
        &format!("SELECT uuid FROM {schema}.communes WHERE id = ?1"),
        [commune],
        |r| r.get(0),
    )?;
    Ok(seal_of(
        &uuid,
        month,
        &month_rows(conn, schema, commune, month)?,
    ))
}

/// The seal as printed: its first 12 hex digits.
pub fn short(seal: &str) -> String {
    seal.chars().take(12).collect()
}

/// The seal of a closed month of the book, if it is closed and sealed.
pub(crate) fn of_month(conn: &Connection, commune: i64, month: Month) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached("SELECT seal FROM month_locks WHERE commune_id = ?1 AND month = ?2")?
        .query_row(params![commune, month.to_string()], |r| {
            r.get::<_, Option<String>>(0)
        })
        .optional()?
        .flatten())
}
