//! The ledger: movements of cash (đồng) or rice (grams) into or out of one program's fund in one
//! commune on one date, and the rules that keep it true.
//!
//! Invariants kept here, for every write path:
//! - a fund's cash or rice stock is never below zero at the end of any day: an entry dated in the
//!   past is accepted when the stock existed then, and refused when it would push any later
//!   balance below zero (checked from the per-month totals and each month's lowest point);
//! - a closed month accepts no new, changed or voided entry dated inside it;
//! - a posted movement is never updated or deleted: a void is a row of its own, with a reason,
//!   and the movement keeps its number;
//! - `month_totals` (receipts, payments, lowest running point per fund and month) is rewritten in
//!   the same transaction as the movements it sums, so balances never recount history.

use crate::audit::{self, Change};
use crate::book::{Book, Tx};
use crate::date::{self, Month};
use crate::error::{Error, Result};
use crate::lunar;
use crate::money::{Kg, Vnd};
use crate::place::{self, Commune, CommuneId};
use crate::text;
use crate::voucher::{self, Voucher, VoucherKind};
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The three charity models, each with its own fund.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Program {
    /// Nắm gạo tình thương
    Rice,
    /// Xe chuyển bệnh miễn phí
    Transport,
    /// Đội từ thiện sửa chữa cầu đường
    Repair,
}

impl Program {
    /// All programs, in display order.
    pub const ALL: [Program; 3] = [Program::Rice, Program::Transport, Program::Repair];

    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            Program::Rice => "rice",
            Program::Transport => "transport",
            Program::Repair => "repair",
        }
    }

    /// Vietnamese name of the model.
    pub fn label(self) -> &'static str {
        match self {
            Program::Rice => "Nắm gạo tình thương",
            Program::Transport => "Xe chuyển bệnh miễn phí",
            Program::Repair => "Sửa chữa cầu đường",
        }
    }

    /// Reads `rice`, `transport`, `repair` (or the Vietnamese short names).
    pub fn parse(input: &str) -> Result<Self> {
        match text::fold(input).as_str() {
            "rice" | "gao" | "nam gao" => Ok(Program::Rice),
            "transport" | "xe" | "chuyen benh" => Ok(Program::Transport),
            "repair" | "cau duong" => Ok(Program::Repair),
            _ => Err(Error::InvalidChoice {
                field: "Mô hình".into(),
                input: input.into(),
                allowed: "rice, transport, repair".into(),
            }),
        }
    }

    pub(crate) fn from_code(code: &str) -> Self {
        match code {
            "transport" => Program::Transport,
            "repair" => Program::Repair,
            _ => Program::Rice,
        }
    }
}

/// What a movement moves.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Ord, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Asset {
    /// Money, in đồng.
    Cash,
    /// Rice, in grams (shown in kg).
    Rice,
}

impl Asset {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            Asset::Cash => "cash",
            Asset::Rice => "rice",
        }
    }

    /// Vietnamese word.
    pub fn label(self) -> &'static str {
        match self {
            Asset::Cash => "tiền",
            Asset::Rice => "gạo",
        }
    }

    /// A stored amount printed with its unit.
    pub fn show(self, stored: i64) -> String {
        match self {
            Asset::Cash => Vnd::from_stored(stored).to_string(),
            Asset::Rice => Kg::from_stored(stored).to_string(),
        }
    }

    pub(crate) fn from_code(code: &str) -> Self {
        if code == "rice" {
            Asset::Rice
        } else {
            Asset::Cash
        }
    }
}

/// Into or out of the fund.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// thu / nhập
    In,
    /// chi / xuất
    Out,
}

impl Direction {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            Direction::In => "in",
            Direction::Out => "out",
        }
    }
}

/// What a receipt or payment was for (the rows of the monthly summary).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Nhận ủng hộ — gifts of money or rice.
    Donation,
    /// Thu gạo theo đợt — rice collected from households in a round.
    Collection,
    /// Thu khác
    OtherIn,
    /// Cấp phát, hỗ trợ hộ — rice or cash given to households.
    Handout,
    /// Nhiên liệu — fuel for trips.
    Fuel,
    /// Sửa chữa, bảo dưỡng xe
    Vehicle,
    /// Vật tư — cement, steel, sand, stone.
    Materials,
    /// Nhân công, hậu cần — meals and support for volunteers.
    Labour,
    /// Chi khác
    OtherOut,
}

impl Category {
    /// All categories, in report order.
    pub const ALL: [Category; 9] = [
        Category::Donation,
        Category::Collection,
        Category::OtherIn,
        Category::Handout,
        Category::Fuel,
        Category::Vehicle,
        Category::Materials,
        Category::Labour,
        Category::OtherOut,
    ];

    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            Category::Donation => "donation",
            Category::Collection => "collection",
            Category::OtherIn => "other_in",
            Category::Handout => "handout",
            Category::Fuel => "fuel",
            Category::Vehicle => "vehicle",
            Category::Materials => "materials",
            Category::Labour => "labour",
            Category::OtherOut => "other_out",
        }
    }

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            Category::Donation => "Nhận ủng hộ",
            Category::Collection => "Thu gạo theo đợt",
            Category::OtherIn => "Thu khác",
            Category::Handout => "Cấp phát, hỗ trợ hộ",
            Category::Fuel => "Nhiên liệu",
            Category::Vehicle => "Sửa chữa, bảo dưỡng xe",
            Category::Materials => "Vật tư",
            Category::Labour => "Nhân công, hậu cần",
            Category::OtherOut => "Chi khác",
        }
    }

    /// Which way the category moves the fund.
    pub fn direction(self) -> Direction {
        match self {
            Category::Donation | Category::Collection | Category::OtherIn => Direction::In,
            _ => Direction::Out,
        }
    }

    /// Reads a code (or its label without diacritics); it must fit the direction.
    pub fn parse(input: &str, direction: Direction) -> Result<Self> {
        let folded = text::fold(input).replace([' ', '-'], "_");
        let found = Category::ALL.into_iter().find(|c| {
            c.code() == folded || text::fold(c.label()).replace([' ', ','], "_") == folded
        });
        match found {
            Some(c) if c.direction() == direction => Ok(c),
            _ => Err(Error::InvalidChoice {
                field: "Loại thu chi".into(),
                input: input.into(),
                allowed: Category::ALL
                    .iter()
                    .filter(|c| c.direction() == direction)
                    .map(|c| c.code())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }

    pub(crate) fn from_code(code: &str) -> Self {
        Category::ALL
            .into_iter()
            .find(|c| c.code() == code)
            .unwrap_or(Category::OtherIn)
    }
}

/// A movement about to be posted.
pub(crate) struct Entry<'a> {
    pub commune: &'a Commune,
    pub program: Program,
    pub asset: Asset,
    pub date: NaiveDate,
    pub amount: i64,
    pub category: Category,
    pub party_id: Option<i64>,
    pub household_id: Option<i64>,
    pub hamlet_id: Option<i64>,
    pub trip_id: Option<i64>,
    pub project_id: Option<i64>,
    pub households: Option<i64>,
    pub memo: &'a str,
}

/// Refuses a change dated in a closed month of the commune.
pub(crate) fn check_open(tx: &Tx, commune: &Commune, date_: NaiveDate) -> Result<()> {
    let month = Month::of(date_).to_string();
    let closed: Option<i64> = tx
        .query_row(
            "SELECT 1 FROM month_locks WHERE commune_id = ?1 AND month = ?2",
            params![commune.id.0, month],
            |r| r.get(0),
        )
        .optional()?;
    if closed.is_some() {
        return Err(Error::MonthClosed {
            commune: commune.title(),
            month: Month::of(date_).show(),
        });
    }
    Ok(())
}

/// Checks everything about a date of a new change in a commune: in range, place valid, month open.
pub(crate) fn check_date(tx: &Tx, commune: &Commune, date_: NaiveDate) -> Result<()> {
    place::check_writable(commune)?;
    date::check_range(date_, tx.today)?;
    place::check_valid_on(commune, date_)?;
    crate::opening::check_not_before_start(tx, commune, date_)?;
    check_open(tx, commune, date_)
}

/// Posts one movement under audit entry `seq`: takes its number, writes it, refreshes the month
/// totals and, for a payment, checks the fund stays non-negative on every date.
pub(crate) fn post(tx: &Tx, seq: i64, e: &Entry) -> Result<Voucher> {
    check_date(tx, e.commune, e.date)?;
    let number = insert_movement(tx, seq, e)?;
    refresh_month(tx, e.commune.id, e.program, e.asset, Month::of(e.date))?;
    if e.category.direction() == Direction::Out {
        check_fund(tx, e.commune, e.program, e.asset, e.amount)?;
    }
    Ok(number)
}

/// Takes the next number and writes one movement under audit entry `seq`, nothing else: the
/// caller has checked its date and keeps the month totals and the fund's stock (an import of
/// many rows refreshes each month once and checks the stock as it goes, see `import`).
pub(crate) fn insert_movement(tx: &Tx, seq: i64, e: &Entry) -> Result<Voucher> {
    let direction = e.category.direction();
    let kind = match (e.asset, direction) {
        (Asset::Cash, Direction::In) => VoucherKind::PT,
        (Asset::Cash, Direction::Out) => VoucherKind::PC,
        (Asset::Rice, Direction::In) => VoucherKind::PN,
        (Asset::Rice, Direction::Out) => VoucherKind::PX,
    };
    let number = voucher::next(tx, e.commune.id.0, kind, e.date.year())?;
    let uuid = uuid::Uuid::now_v7().to_string();
    let mut stmt = tx.prepare_cached(
        "INSERT INTO movements (uuid, commune_id, program, asset, direction, date, amount, category,
             party_id, household_id, hamlet_id, trip_id, project_id, households, memo,
             voucher_kind, voucher_year, voucher_seq, audit_seq, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    )?;
    stmt.execute(params![
        uuid,
        e.commune.id.0,
        e.program.code(),
        e.asset.code(),
        direction.code(),
        e.date,
        e.amount,
        e.category.code(),
        e.party_id,
        e.household_id,
        e.hamlet_id,
        e.trip_id,
        e.project_id,
        e.households,
        e.memo,
        kind.code(),
        number.year,
        number.seq,
        seq,
        tx.now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
    ])?;
    Ok(number)
}

/// Rewrites one fund-month row of `month_totals` from its movements (the month's cost only).
pub(crate) fn refresh_month(
    tx: &rusqlite::Connection,
    commune: CommuneId,
    program: Program,
    asset: Asset,
    month: Month,
) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "SELECT sum(CASE direction WHEN 'in' THEN amount ELSE 0 END),
                sum(CASE direction WHEN 'out' THEN amount ELSE 0 END), count(*)
         FROM movements m
         WHERE commune_id = ?1 AND program = ?2 AND asset = ?3 AND date BETWEEN ?4 AND ?5
           AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.movement_id = m.id)
         GROUP BY date ORDER BY date",
    )?;
    let days = stmt
        .query_map(
            params![
                commune.0,
                program.code(),
                asset.code(),
                month.first_day(),
                month.last_day()
            ],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let (mut total_in, mut total_out, mut entries, mut running, mut low) =
        (0i64, 0i64, 0i64, 0i64, 0i64);
    for (i, o, n) in days {
        total_in += i;
        total_out += o;
        entries += n;
        running += i - o;
        low = low.min(running);
    }
    if entries == 0 {
        tx.execute(
            "DELETE FROM month_totals WHERE commune_id = ?1 AND program = ?2 AND asset = ?3 AND month = ?4",
            params![commune.0, program.code(), asset.code(), month.to_string()],
        )?;
    } else {
        tx.prepare_cached(
            "INSERT INTO month_totals (commune_id, program, asset, month, total_in, total_out, low, entries)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (commune_id, program, asset, month) DO UPDATE SET
               total_in = excluded.total_in, total_out = excluded.total_out,
               low = excluded.low, entries = excluded.entries",
        )?
        .execute(params![
            commune.0,
            program.code(),
            asset.code(),
            month.to_string(),
            total_in,
            total_out,
            low,
            entries
        ])?;
    }
    Ok(())
}

/// Refuses the change in progress when the fund's end-of-day balance is below zero on any date.
/// `requested` is what the change takes out (for the message).
pub(crate) fn check_fund(
    tx: &Tx,
    commune: &Commune,
    program: Program,
    asset: Asset,
    requested: i64,
) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "SELECT month, total_in, total_out, low FROM month_totals
         WHERE commune_id = ?1 AND program = ?2 AND asset = ?3 ORDER BY month",
    )?;
    let mut rows = stmt.query(params![commune.id.0, program.code(), asset.code()])?;
    // why: the fund starts from its opening balance (no entry is dated before it).
    let start = crate::opening::of_fund(tx, commune.id.0, program, asset)?;
    let (mut opening, mut worst, mut worst_month) = (start, 0i64, String::new());
    while let Some(r) = rows.next()? {
        let low: i64 = r.get(3)?;
        if opening + low < worst {
            worst = opening + low;
            worst_month = r.get(0)?;
        }
        opening += r.get::<_, i64>(1)? - r.get::<_, i64>(2)?;
    }
    if worst < 0 {
        let month = worst_month
            .parse::<Month>()
            .map(|m| m.show())
            .unwrap_or(worst_month);
        return Err(Error::StockTooLow {
            commune: commune.title(),
            program: program.label().to_string(),
            asset: asset.label().to_string(),
            available: asset.show((requested + worst).max(0)),
            requested: asset.show(requested),
            month,
        });
    }
    Ok(())
}

/// A fund's balance at the end of a date.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balance {
    pub cash: Vnd,
    pub rice: Kg,
}

/// One movement as listed on screen and in the detailed ledger.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovementRow {
    pub id: i64,
    pub voucher: String,
    pub date: NaiveDate,
    /// The lunar date, e.g. "15/10/2026 ÂL".
    pub lunar: String,
    pub commune: String,
    pub program: Program,
    pub asset: Asset,
    pub direction: Direction,
    /// Stored units (đồng or grams).
    pub amount: i64,
    /// The amount with its unit, Vietnamese style.
    pub amount_text: String,
    pub category: Category,
    pub party: Option<String>,
    pub household: Option<String>,
    pub hamlet: Option<String>,
    pub households: Option<i64>,
    pub trip: Option<String>,
    pub project: Option<String>,
    pub memo: String,
    /// Set when the entry was voided: the reason.
    pub void_reason: Option<String>,
    /// The voucher number on the office's own paper or Excel book, for an imported entry.
    pub paper_voucher: Option<String>,
    /// The fund's balance just after this entry, in stored units: the "Tồn" column of a paper
    /// cash book. Given when a list is of one fund (commune, program, asset) in one month; None
    /// elsewhere and for a voided entry, which moved nothing.
    pub balance: Option<i64>,
}

/// What to list.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ListFilter {
    pub commune: Option<CommuneId>,
    pub month: Option<Month>,
    pub program: Option<Program>,
    pub asset: Option<Asset>,
    /// Matched without diacritics against counterparty, household, memo and voucher.
    pub search: Option<String>,
    pub offset: i64,
    pub limit: i64,
}

/// One page of a listing, with the count of all matching rows.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Page<T> {
    pub rows: Vec<T>,
    pub total: i64,
}

const ROW_SELECT: &str =
    "SELECT m.id, m.voucher_kind, m.voucher_year, m.voucher_seq, m.date, c.name,
        m.program, m.asset, m.direction, m.amount, m.category, p.name, h.name, a.name, m.households,
        t.number, r.code, m.memo, v.reason, nullif(ms.paper_voucher, '')
     FROM movements m
     JOIN communes c ON c.id = m.commune_id
     LEFT JOIN party_names p ON p.id = m.party_id
     LEFT JOIN households h ON h.id = m.household_id
     LEFT JOIN hamlets a ON a.id = m.hamlet_id
     LEFT JOIN trips t ON t.id = m.trip_id
     LEFT JOIN repair_projects r ON r.id = m.project_id
     LEFT JOIN voids v ON v.movement_id = m.id
     LEFT JOIN movement_sources ms ON ms.movement_id = m.id";

pub(crate) fn row_from(r: &rusqlite::Row) -> rusqlite::Result<MovementRow> {
    let kind: String = r.get(1)?;
    let date: NaiveDate = r.get(4)?;
    let asset = Asset::from_code(&r.get::<_, String>(7)?);
    let amount: i64 = r.get(9)?;
    Ok(MovementRow {
        id: r.get(0)?,
        voucher: format!(
            "{}-{:04}-{:04}",
            kind,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?
        ),
        date,
        lunar: lunar::solar_to_lunar(date)
            .map(|l| l.to_string())
            .unwrap_or_default(),
        commune: r.get(5)?,
        program: Program::from_code(&r.get::<_, String>(6)?),
        asset,
        direction: if r.get::<_, String>(8)? == "in" {
            Direction::In
        } else {
            Direction::Out
        },
        amount,
        amount_text: asset.show(amount),
        category: Category::from_code(&r.get::<_, String>(10)?),
        party: r.get(11)?,
        household: r.get(12)?,
        hamlet: r.get(13)?,
        households: r.get(14)?,
        trip: r.get(15)?,
        project: r.get(16)?,
        memo: r.get(17)?,
        void_reason: r.get(18)?,
        paper_voucher: r.get(19)?,
        balance: None,
    })
}

impl Book {
    /// The balance of one program's fund in a commune at the end of `date`: cash, and rice for the
    /// rice program. Costs one month of movements, whatever the history.
    pub fn balance(&self, commune: CommuneId, program: Program, on: NaiveDate) -> Result<Balance> {
        let month = Month::of(on);
        let mut out = [0i64; 2];
        for (i, asset) in [Asset::Cash, Asset::Rice].into_iter().enumerate() {
            let before = self.opening_of(commune, program, asset, month)?;
            let within: i64 = self
                .conn
                .prepare_cached(
                    "SELECT ifnull(sum(CASE direction WHEN 'in' THEN amount ELSE -amount END), 0)
                 FROM movements m
                 WHERE commune_id = ?1 AND program = ?2 AND asset = ?3 AND date BETWEEN ?4 AND ?5
                   AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.movement_id = m.id)",
                )?
                .query_row(
                    params![
                        commune.0,
                        program.code(),
                        asset.code(),
                        month.first_day(),
                        on
                    ],
                    |r| r.get(0),
                )?;
            let start = match crate::opening::start_date(&self.conn, commune)? {
                Some(s) if on >= s => {
                    crate::opening::of_fund(&self.conn, commune.0, program, asset)?
                }
                _ => 0,
            };
            out[i] = start + before + within;
        }
        Ok(Balance {
            cash: Vnd::from_stored(out[0]),
            rice: Kg::from_stored(out[1]),
        })
    }

    /// A page of movements, newest first within the filter; `total` counts all that match.
    pub fn list_movements(&self, filter: &ListFilter) -> Result<Page<MovementRow>> {
        let mut clauses = Vec::new();
        let mut values: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(c) = filter.commune {
            values.push(c.0.into());
            clauses.push(format!("m.commune_id = ?{}", values.len()));
        }
        if let Some(m) = filter.month {
            values.push(m.first_day().to_string().into());
            clauses.push(format!("m.date >= ?{}", values.len()));
            values.push(m.last_day().to_string().into());
            clauses.push(format!("m.date <= ?{}", values.len()));
        }
        if let Some(p) = filter.program {
            values.push(p.code().to_string().into());
            clauses.push(format!("m.program = ?{}", values.len()));
        }
        if let Some(a) = filter.asset {
            values.push(a.code().to_string().into());
            clauses.push(format!("m.asset = ?{}", values.len()));
        }
        if let Some(s) = filter.search.as_deref().filter(|s| !s.trim().is_empty()) {
            values.push(format!("%{}%", text::fold(s)).into());
            let n = values.len();
            clauses.push(format!(
                // why: party_names (the name a merged party now goes by) has no folded
                // name; the party is found by its own fold or the one it was merged into.
                "(EXISTS (SELECT 1 FROM parties q LEFT JOIN parties k ON k.id = q.merged_into
                          WHERE q.id = m.party_id AND (q.name_fold LIKE ?{n} OR k.name_fold LIKE ?{n}))
                  OR h.name_fold LIKE ?{n} OR lower(m.memo) LIKE ?{n}
                  OR lower(m.voucher_kind || '-' || m.voucher_year || '-' || printf('%04d', m.voucher_seq)) LIKE ?{n})"
            ));
        }
        let filter_sql = if clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", clauses.join(" AND "))
        };
        let total: i64 = self.conn.query_row(
            &format!(
                "SELECT count(*) FROM movements m
                 LEFT JOIN party_names p ON p.id = m.party_id
                 LEFT JOIN households h ON h.id = m.household_id{filter_sql}"
            ),
            rusqlite::params_from_iter(values.iter()),
            |r| r.get(0),
        )?;
        let limit = if filter.limit <= 0 {
            100
        } else {
            filter.limit.min(1000)
        };
        let sql = format!(
            "{ROW_SELECT}{filter_sql} ORDER BY m.date DESC, m.id DESC LIMIT {limit} OFFSET {}",
            filter.offset.max(0)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt
            .query_map(rusqlite::params_from_iter(values.iter()), row_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if let (Some(commune), Some(month), Some(program), Some(asset)) =
            (filter.commune, filter.month, filter.program, filter.asset)
        {
            // why: a search narrows the rows shown, never the balance: each row keeps the
            // balance of the whole fund after it.
            let running = self.running_balances(commune, program, asset, month)?;
            for row in &mut rows {
                row.balance = running.get(&row.id).copied();
            }
        }
        Ok(Page { rows, total })
    }

    /// What one fund held when `month` began (stored units), from the per-month totals.
    fn opening_of(
        &self,
        commune: CommuneId,
        program: Program,
        asset: Asset,
        month: Month,
    ) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT ifnull(sum(total_in - total_out), 0) FROM month_totals
                 WHERE commune_id = ?1 AND program = ?2 AND asset = ?3 AND month < ?4",
            )?
            .query_row(
                params![commune.0, program.code(), asset.code(), month.to_string()],
                |r| r.get(0),
            )?)
    }

    /// The balance of one fund after each live entry of a month (movement id → stored units),
    /// entries taken in date and number order from the month's opening balance. Costs one month
    /// of movements, whatever the history.
    pub fn running_balances(
        &self,
        commune: CommuneId,
        program: Program,
        asset: Asset,
        month: Month,
    ) -> Result<std::collections::HashMap<i64, i64>> {
        let opening = self.opening_of(commune, program, asset, month)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.id, sum(CASE m.direction WHEN 'in' THEN m.amount ELSE -m.amount END)
                 OVER (ORDER BY m.date, m.id ROWS UNBOUNDED PRECEDING)
             FROM movements m
             WHERE m.commune_id = ?1 AND m.program = ?2 AND m.asset = ?3
               AND m.date BETWEEN ?4 AND ?5
               AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.movement_id = m.id)",
        )?;
        let rows = stmt.query_map(
            params![
                commune.0,
                program.code(),
                asset.code(),
                month.first_day(),
                month.last_day()
            ],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
        )?;
        let mut out = std::collections::HashMap::new();
        for row in rows {
            let (id, within) = row?;
            let balance = opening
                .checked_add(within)
                .ok_or_else(|| Error::Storage("số dư vượt giới hạn lưu trữ".into()))?;
            out.insert(id, balance);
        }
        Ok(out)
    }

    /// All movements of a commune in a month, in date and number order (for reports and `list`).
    pub fn month_movements(&self, commune: CommuneId, month: Month) -> Result<Vec<MovementRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{ROW_SELECT} WHERE m.commune_id = ?1 AND m.date BETWEEN ?2 AND ?3 ORDER BY m.date, m.id"
        ))?;
        let rows = stmt
            .query_map(
                params![commune.0, month.first_day(), month.last_day()],
                row_from,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Finds the movement with a voucher number; `commune` settles numbers shared by communes.
    pub fn find_voucher(&self, voucher: &str, commune: Option<&str>) -> Result<MovementRow> {
        let v: Voucher = voucher.parse()?;
        let commune_id = match commune {
            Some(c) if !c.trim().is_empty() => Some(self.find_commune(c)?.id),
            _ => None,
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "{ROW_SELECT} WHERE m.voucher_kind = ?1 AND m.voucher_year = ?2 AND m.voucher_seq = ?3
               AND (?4 IS NULL OR m.commune_id = ?4)"
        ))?;
        let rows = stmt
            .query_map(
                params![v.kind.code(), v.year, v.seq, commune_id.map(|c| c.0)],
                row_from,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        match rows.len() {
            0 => Err(Error::UnknownVoucher {
                voucher: v.to_string(),
            }),
            1 => Ok(rows.into_iter().next().ok_or(Error::UnknownVoucher {
                voucher: v.to_string(),
            })?),
            _ => Err(Error::AmbiguousVoucher {
                voucher: v.to_string(),
                communes: rows
                    .iter()
                    .map(|r| r.commune.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }

    /// Voids a posted entry (or a trip, by its CX number, with all its entries), keeping its
    /// number. Returns the numbers voided.
    pub fn void_entry(
        &mut self,
        number: &str,
        reason: &str,
        commune: Option<&str>,
    ) -> Result<Vec<String>> {
        let reason = text::memo("Lý do hủy", reason)?;
        if reason.is_empty() {
            return Err(Error::EmptyText {
                field: "Lý do hủy".into(),
            });
        }
        let v: Voucher = number.parse()?;
        if v.kind == VoucherKind::CX {
            return self.void_trip(&v, &reason, commune);
        }
        let row = self.find_voucher(number, commune)?;
        if row.void_reason.is_some() {
            return Err(Error::AlreadyVoided {
                voucher: row.voucher,
            });
        }
        let commune = self.find_commune_by_movement(row.id)?;
        self.write(|tx| {
            let seq = audit::next_seq(tx)?;
            void_movement(tx, seq, &commune, &row, &reason)?;
            audit::append(
                tx,
                seq,
                Change {
                    action: "void",
                    entity: "movement",
                    entity_id: &row.voucher,
                    before: Some(json!({"voucher": row.voucher, "amount": row.amount_text})),
                    after: Some(json!({"void_reason": reason})),
                },
            )?;
            Ok(vec![row.voucher.clone()])
        })
    }

    pub(crate) fn find_commune_by_movement(&self, movement: i64) -> Result<Commune> {
        let id: i64 = self.conn.query_row(
            "SELECT commune_id FROM movements WHERE id = ?1",
            [movement],
            |r| r.get(0),
        )?;
        self.commune(CommuneId(id))
    }

    /// Closes a month of a commune (khóa sổ): no entry dated in it can be added, changed or voided.
    pub fn close_month(&mut self, commune: &str, month: Month) -> Result<()> {
        let commune = self.find_commune(commune)?;
        crate::place::check_writable(&commune)?;
        self.write(|tx| {
            if is_closed(tx, commune.id, month)? {
                return Err(Error::MonthState {
                    commune: commune.title(),
                    month: month.show(),
                    state: "đã khóa sổ rồi".into(),
                });
            }
            // why: the month's rows are sealed as they are closed; the seal is printed on the
            // month's reports and travels in packages.
            let seal = crate::seal::compute(tx, "main", commune.id.0, month)?;
            tx.execute(
                "INSERT INTO month_locks (commune_id, month, closed_at, closed_by, seal) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![commune.id.0, month.to_string(), tx.now, tx.actor, seal],
            )?;
            audit::track_new(tx, "month_locks", &[commune.id.0.into(), month.to_string().into()])?;
            audit::record(
                tx,
                Change {
                    action: "close_month",
                    entity: "commune",
                    entity_id: &commune.uuid,
                    before: None,
                    after: Some(json!({"month": month, "seal": seal})),
                },
            )?;
            Ok(())
        })
    }

    /// Reopens a closed month (mở sổ).
    pub fn reopen_month(&mut self, commune: &str, month: Month) -> Result<()> {
        let commune = self.find_commune(commune)?;
        crate::place::check_writable(&commune)?;
        self.write(|tx| {
            if !is_closed(tx, commune.id, month)? {
                return Err(Error::MonthState {
                    commune: commune.title(),
                    month: month.show(),
                    state: "chưa khóa sổ".into(),
                });
            }
            audit::track(
                tx,
                "month_locks",
                &[commune.id.0.into(), month.to_string().into()],
            )?;
            tx.execute(
                "DELETE FROM month_locks WHERE commune_id = ?1 AND month = ?2",
                params![commune.id.0, month.to_string()],
            )?;
            audit::record(
                tx,
                Change {
                    action: "reopen_month",
                    entity: "commune",
                    entity_id: &commune.uuid,
                    before: Some(json!({"month": month})),
                    after: None,
                },
            )?;
            Ok(())
        })
    }

    /// Whether a commune's month is closed.
    pub fn month_closed(&self, commune: CommuneId, month: Month) -> Result<bool> {
        is_closed(&self.conn, commune, month)
    }

    /// Records a cash receipt or payment of one program (phiếu thu / phiếu chi).
    pub fn record_cash(&mut self, cash: &NewCash) -> Result<Voucher> {
        let commune = self.find_commune(&cash.commune)?;
        let amount = Vnd::parse(&cash.amount)?;
        let on = date::parse(&cash.date)?;
        let category = match cash.category.as_deref().filter(|c| !c.trim().is_empty()) {
            Some(c) => Category::parse(c, cash.direction)?,
            None => default_category(cash.program, cash.direction),
        };
        let memo = text::memo("Nội dung", &cash.memo)?;
        self.write(|tx| {
            let party = match cash.direction {
                Direction::In => crate::people::party_for(tx, Some(&cash.party))?,
                Direction::Out => crate::people::payee_for(tx, &cash.party)?,
            };
            let seq = audit::next_seq(tx)?;
            let number = post(
                tx,
                seq,
                &Entry {
                    commune: &commune,
                    program: cash.program,
                    asset: Asset::Cash,
                    date: on,
                    amount: amount.stored(),
                    category,
                    party_id: Some(party),
                    household_id: None,
                    hamlet_id: None,
                    trip_id: None,
                    project_id: None,
                    households: None,
                    memo: &memo,
                },
            )?;
            audit::append(
                tx,
                seq,
                Change {
                    action: "record",
                    entity: "movement",
                    entity_id: &number.to_string(),
                    before: None,
                    after: Some(
                        json!({"commune": commune.name, "program": cash.program.code(),
                        "date": on, "amount": amount.stored(), "category": category.code(),
                        "party": cash.party, "memo": memo}),
                    ),
                },
            )?;
            Ok(number)
        })
    }
}

/// A cash receipt or payment as typed (strings are parsed and checked by the core).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewCash {
    pub commune: String,
    pub program: Program,
    pub direction: Direction,
    pub date: String,
    pub amount: String,
    /// Donor, supplier or recipient; blank means "nhà hảo tâm".
    pub party: String,
    pub category: Option<String>,
    pub memo: String,
}

/// The category used when the slip names none.
pub fn default_category(program: Program, direction: Direction) -> Category {
    match (program, direction) {
        (_, Direction::In) => Category::Donation,
        (Program::Rice, Direction::Out) => Category::Handout,
        (Program::Transport, Direction::Out) => Category::Fuel,
        (Program::Repair, Direction::Out) => Category::Materials,
    }
}

pub(crate) fn is_closed(
    conn: &rusqlite::Connection,
    commune: CommuneId,
    month: Month,
) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM month_locks WHERE commune_id = ?1 AND month = ?2",
            params![commune.0, month.to_string()],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Voids one movement under audit entry `seq`: month must be open; a voided receipt must not
/// leave the fund short on any date.
pub(crate) fn void_movement(
    tx: &Tx,
    seq: i64,
    commune: &Commune,
    row: &MovementRow,
    reason: &str,
) -> Result<()> {
    check_open(tx, commune, row.date)?;
    tx.execute(
        "INSERT INTO voids (movement_id, reason, voided_at, actor, audit_seq) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            row.id,
            reason,
            tx.now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            tx.actor,
            seq
        ],
    )?;
    refresh_month(tx, commune.id, row.program, row.asset, Month::of(row.date))?;
    if row.direction == Direction::In {
        check_fund(tx, commune, row.program, row.asset, row.amount)?;
    }
    Ok(())
}
