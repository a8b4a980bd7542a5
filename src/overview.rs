//! The "Tổng quan" figures: this month of each model in one commune, and twelve months of rice
//! and cash in and out for a chart. Read from `month_totals` only, so it costs a few rows whatever
//! the size of the history.

use crate::book::Book;
use crate::date::Month;
use crate::error::Result;
use crate::ledger::Program;
use crate::money::{Kg, Vnd};
use crate::place::CommuneId;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One model's fund over a month.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramMonth {
    pub program: Program,
    pub opening_cash: Vnd,
    pub cash_in: Vnd,
    pub cash_out: Vnd,
    pub closing_cash: Vnd,
    pub opening_rice: Kg,
    pub rice_in: Kg,
    pub rice_out: Kg,
    pub closing_rice: Kg,
    /// Entries posted in the month (voided ones excluded).
    pub entries: i64,
}

/// One month of the chart (all programs together).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartMonth {
    pub month: Month,
    pub cash_in: Vnd,
    pub cash_out: Vnd,
    pub rice_in: Kg,
    pub rice_out: Kg,
}

/// The overview of a commune's month.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub commune_id: CommuneId,
    pub month: Month,
    pub closed: bool,
    pub programs: Vec<ProgramMonth>,
    /// The twelve months ending with `month`, oldest first.
    pub chart: Vec<ChartMonth>,
}

impl Book {
    /// This month per model and twelve months for the chart; see the module docs.
    pub fn overview(&self, commune: CommuneId, month: Month) -> Result<Overview> {
        let mut first = month;
        for _ in 0..11 {
            first = first.prev();
        }
        // (program, asset) → (sum before the month, in, out, entries)
        let mut funds: HashMap<(String, String), (i64, i64, i64, i64)> = HashMap::new();
        let mut chart: HashMap<String, [i64; 4]> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT program, asset, month, total_in, total_out, entries FROM month_totals
             WHERE commune_id = ?1 AND month <= ?2",
        )?;
        let mut rows = stmt.query(params![commune.0, month.to_string()])?;
        while let Some(r) = rows.next()? {
            let (program, asset, m): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let (i, o, n): (i64, i64, i64) = (r.get(3)?, r.get(4)?, r.get(5)?);
            let f = funds
                .entry((program, asset.clone()))
                .or_insert((0, 0, 0, 0));
            if m == month.to_string() {
                f.1 += i;
                f.2 += o;
                f.3 += n;
            } else {
                f.0 += i - o;
            }
            if m >= first.to_string() {
                let c = chart.entry(m).or_insert([0; 4]);
                let base = if asset == "rice" { 2 } else { 0 };
                c[base] += i;
                c[base + 1] += o;
            }
        }
        for p in Program::ALL {
            for asset in [crate::ledger::Asset::Cash, crate::ledger::Asset::Rice] {
                let start = crate::opening::counted_in(&self.conn, commune.0, p, asset, month)?;
                if start != 0 {
                    funds
                        .entry((p.code().to_string(), asset.code().to_string()))
                        .or_insert((0, 0, 0, 0))
                        .0 += start;
                }
            }
        }
        let get = |p: Program, a: &str| {
            funds
                .get(&(p.code().to_string(), a.to_string()))
                .copied()
                .unwrap_or((0, 0, 0, 0))
        };
        let programs = Program::ALL
            .into_iter()
            .map(|p| {
                let (co, ci, cx, cn) = get(p, "cash");
                let (ro, ri, rx, rn) = get(p, "rice");
                ProgramMonth {
                    program: p,
                    opening_cash: Vnd::from_stored(co),
                    cash_in: Vnd::from_stored(ci),
                    cash_out: Vnd::from_stored(cx),
                    closing_cash: Vnd::from_stored(co + ci - cx),
                    opening_rice: Kg::from_stored(ro),
                    rice_in: Kg::from_stored(ri),
                    rice_out: Kg::from_stored(rx),
                    closing_rice: Kg::from_stored(ro + ri - rx),
                    entries: cn + rn,
                }
            })
            .collect();
        let mut months = Vec::with_capacity(12);
        let mut m = first;
        for _ in 0..12 {
            let c = chart.get(&m.to_string()).copied().unwrap_or([0; 4]);
            months.push(ChartMonth {
                month: m,
                cash_in: Vnd::from_stored(c[0]),
                cash_out: Vnd::from_stored(c[1]),
                rice_in: Kg::from_stored(c[2]),
                rice_out: Kg::from_stored(c[3]),
            });
            m = m.next();
        }
        Ok(Overview {
            commune_id: commune,
            month,
            closed: self.month_closed(commune, month)?,
            programs,
            chart: months,
        })
    }
}
