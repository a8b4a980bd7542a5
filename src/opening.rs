//! Opening balances (số dư đầu kỳ): what an office already holds on the day it starts its books
//! here — the cash of each program's fund and the rice in store — carried from its paper or
//! Excel books.
//!
//! An opening balance is not a receipt: it is in no month's totals and no "Thu trong tháng"; it
//! enters every balance from the commune's start date on (the fund's stock checks, the monthly
//! summary's and the fund book's opening line, the overview). Invariants kept here:
//! - all opening balances of a commune are dated on one day, the commune's start date, and no
//!   entry of the commune is dated before it (refused with a message naming the date);
//! - an opening balance is set or changed only while its month is open, never so that a fund
//!   would go below zero on some later day, and each change is in the audit log with before and
//!   after (its row is covered by the chain's state digest, so `check` finds it edited).

use crate::audit::{self, Change};
use crate::book::{Book, Tx};
use crate::date::{self, Month};
use crate::error::{Error, Result};
use crate::ledger::{self, Asset, Program};
use crate::money::{Kg, Vnd};
use crate::place::{Commune, CommuneId};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// An opening balance as typed (CLI, window): amounts as text, as for entries.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewOpening {
    pub commune: String,
    pub program: Option<Program>,
    /// The commune's start date.
    pub date: String,
    /// Cash in the fund; blank leaves it as it is, "0" sets it to nothing.
    pub cash: Option<String>,
    /// Rice in store (the rice program only); blank leaves it, "0" sets it to nothing.
    pub kg: Option<String>,
}

/// One opening balance.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opening {
    pub commune_id: CommuneId,
    pub commune: String,
    pub program: Program,
    pub asset: Asset,
    pub date: NaiveDate,
    /// "1.500.000 đ" or "840,5 kg".
    pub amount: String,
    /// The amount in stored units (đồng, grams).
    pub stored: i64,
}

/// The commune's start date: the day of its opening balances, if it has any.
pub(crate) fn start_date(conn: &Connection, commune: CommuneId) -> Result<Option<NaiveDate>> {
    Ok(conn
        .prepare_cached("SELECT min(date) FROM openings WHERE commune_id = ?1")?
        .query_row([commune.0], |r| r.get(0))?)
}

/// The opening balance of a fund that counts in `month`'s balances (its start month or later),
/// in stored units; 0 when it has none.
pub(crate) fn counted_in(
    conn: &Connection,
    commune: i64,
    program: Program,
    asset: Asset,
    month: Month,
) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT amount FROM openings
             WHERE commune_id = ?1 AND program = ?2 AND asset = ?3 AND date <= ?4",
        )?
        .query_row(
            params![commune, program.code(), asset.code(), month.last_day()],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0))
}

/// The opening balance of a fund whatever the month (the stock checks start from it).
pub(crate) fn of_fund(
    conn: &Connection,
    commune: i64,
    program: Program,
    asset: Asset,
) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT amount FROM openings WHERE commune_id = ?1 AND program = ?2 AND asset = ?3",
        )?
        .query_row(params![commune, program.code(), asset.code()], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

/// Refuses an entry of `commune` dated before its start date.
pub(crate) fn check_not_before_start(tx: &Tx, commune: &Commune, on: NaiveDate) -> Result<()> {
    match start_date(tx, commune.id)? {
        Some(start) if on < start => Err(Error::BeforeStart {
            commune: commune.title(),
            date: date::show(on),
            start: date::show(start),
        }),
        _ => Ok(()),
    }
}

/// Reads an opening amount: "0" is allowed (nothing held), else as an entry's amount.
fn amount(asset: Asset, typed: &str) -> Result<i64> {
    let t = typed.trim();
    if t.chars()
        .all(|c| c == '0' || c == '.' || c == ',' || c == ' ')
        && t.contains('0')
    {
        return Ok(0);
    }
    Ok(match asset {
        Asset::Cash => Vnd::parse(t)?.stored(),
        Asset::Rice => Kg::parse(t)?.stored(),
    })
}

impl Book {
    /// Sets the opening balances of one program of a commune (see the module docs); returns
    /// the commune's opening balances as they now stand.
    pub fn set_opening(&mut self, new: &NewOpening) -> Result<Vec<Opening>> {
        let commune = self.find_commune(&new.commune)?;
        let program = new.program.ok_or_else(|| Error::EmptyText {
            field: "Mô hình".into(),
        })?;
        let on = date::parse(&new.date)?;
        let mut wanted = Vec::new();
        if let Some(cash) = new.cash.as_deref().filter(|c| !c.trim().is_empty()) {
            wanted.push((Asset::Cash, amount(Asset::Cash, cash)?));
        }
        if let Some(kg) = new.kg.as_deref().filter(|k| !k.trim().is_empty()) {
            if program != Program::Rice {
                return Err(Error::InvalidChoice {
                    field: "Tồn kho gạo đầu kỳ".into(),
                    input: kg.to_string(),
                    allowed: "chỉ mô hình Nắm gạo tình thương có gạo".into(),
                });
            }
            wanted.push((Asset::Rice, amount(Asset::Rice, kg)?));
        }
        if wanted.is_empty() {
            return Err(Error::EmptyText {
                field: "Số dư đầu kỳ (tiền hoặc gạo)".into(),
            });
        }
        self.write(|tx| {
            date::check_range(on, tx.today)?;
            crate::place::check_valid_on(&commune, on)?;
            ledger::check_open(tx, &commune, on)?;
            if let Some(start) = start_date(tx, commune.id)? {
                if start != on {
                    return Err(Error::StartDateDiffers {
                        commune: commune.title(),
                        start: date::show(start),
                        date: date::show(on),
                    });
                }
            }
            let earlier: Option<(String, String)> = tx
                .query_row(
                    "SELECT date, voucher_kind || '-' || voucher_year || '-' || printf('%04d', voucher_seq)
                     FROM movements WHERE commune_id = ?1 AND date < ?2 ORDER BY date LIMIT 1",
                    params![commune.id.0, on],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((d, voucher)) = earlier {
                return Err(Error::BeforeStart {
                    commune: commune.title(),
                    date: NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                        .map(date::show)
                        .unwrap_or(d),
                    start: format!("{} (phiếu {voucher} có trước ngày đó)", date::show(on)),
                });
            }
            for (asset, stored) in &wanted {
                let key = [
                    commune.id.0.into(),
                    program.code().to_string().into(),
                    asset.code().to_string().into(),
                ];
                let before: Option<i64> = tx
                    .query_row(
                        "SELECT amount FROM openings WHERE commune_id = ?1 AND program = ?2 AND asset = ?3",
                        params![commune.id.0, program.code(), asset.code()],
                        |r| r.get(0),
                    )
                    .optional()?;
                audit::track(tx, "openings", &key)?;
                tx.execute(
                    "INSERT INTO openings (commune_id, program, asset, date, amount) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (commune_id, program, asset) DO UPDATE SET date = excluded.date, amount = excluded.amount",
                    params![commune.id.0, program.code(), asset.code(), on, stored],
                )?;
                // why: a smaller opening must not leave a payment already recorded without
                // the money it was paid from.
                let less = (before.unwrap_or(0) - stored).max(0);
                ledger::check_fund(tx, &commune, program, *asset, less)?;
                audit::record(
                    tx,
                    Change {
                        action: "set_opening",
                        entity: "commune",
                        entity_id: &commune.uuid,
                        before: Some(json!({"program": program.code(), "asset": asset.code(), "amount": before})),
                        after: Some(json!({"program": program.code(), "asset": asset.code(),
                            "date": on, "amount": stored})),
                    },
                )?;
            }
            Ok(())
        })?;
        self.list_openings(Some(commune.id))
    }

    /// The opening balances, of one commune or all, by commune, program and asset.
    pub fn list_openings(&self, commune: Option<CommuneId>) -> Result<Vec<Opening>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.commune_id, o.program, o.asset, o.date, o.amount FROM openings o
             WHERE ?1 IS NULL OR o.commune_id = ?1
             ORDER BY o.commune_id, CASE o.program WHEN 'rice' THEN 0 WHEN 'transport' THEN 1 ELSE 2 END, o.asset",
        )?;
        let rows = stmt
            .query_map([commune.map(|c| c.0)], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, NaiveDate>(3)?,
                    r.get::<_, i64>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (cid, program, asset, on, stored) in rows {
            let c = self.commune(CommuneId(cid))?;
            let asset = Asset::from_code(&asset);
            out.push(Opening {
                commune_id: c.id,
                commune: c.title(),
                program: Program::from_code(&program),
                asset,
                date: on,
                amount: asset.show(stored),
                stored,
            });
        }
        Ok(out)
    }

    /// The commune's start date, if its opening balances are set.
    pub fn start_date(&self, commune: CommuneId) -> Result<Option<NaiveDate>> {
        start_date(&self.conn, commune)
    }
}
