//! Reports: the monthly summary and the official printouts, built as data first, then rendered.
//!
//! Each report is a plain data structure (serde `Serialize`) computed from the books in one read
//! snapshot, so the figures and the book's fingerprint printed on it belong to the same state.
//! A report turns itself into a [`layout::Document`] (header, title, tables, signatures), and the
//! renderers ([`html`], [`csv`], [`xlsx`]) print that document; [`json`] serialises the report
//! itself. Because every rendering reads the same numbers, totals agree to the đồng and the gram.
//!
//! Invariants kept here:
//! - opening balances come only from `month_totals` (the sum of `total_in - total_out` of the
//!   months before), never from a recount of history, so a report costs what its period costs;
//! - a period's own figures come from its movements, voided entries excluded (they are listed,
//!   marked void, where auditors want every number, but never counted);
//! - no report reads the system clock: the time it was made is passed in.

pub mod csv;
pub mod disclosure;
mod fonts;
pub mod fund_book;
pub mod html;
pub mod json;
pub mod layout;
pub mod monthly;
mod paging;
pub mod project;
pub mod receipt;
pub mod request;
pub mod rice_book;
pub mod trips;
pub mod words;
pub mod xlsx;

pub use disclosure::{disclosure_list, DisclosureList};
pub use fund_book::{fund_book, FundBook, Period};
pub use monthly::{monthly_overview, monthly_summary, MonthlyOverview, MonthlySummary};
pub use project::{project_settlement, ProjectSettlement};
pub use receipt::{donor_receipt, DonorReceipt};
pub use request::{build, ReportName, ReportRequest};
pub use rice_book::{rice_book, RiceBook};
pub use trips::{trip_log, TripLog};

use crate::book::{vietnam_offset, Book};
use crate::date::Month;
use crate::error::{Error, Result};
use crate::ledger::{Asset, MovementRow, Program};
use crate::money::{Kg, Vnd};
use crate::place::Commune;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;

/// Any report, for shells that pick one by name and render it in a chosen format.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "report", rename_all = "snake_case")]
pub enum Report {
    /// Báo cáo tháng of one commune.
    Monthly(MonthlySummary),
    /// Báo cáo tháng of all communes side by side.
    Overview(MonthlyOverview),
    /// Sổ theo dõi quỹ (S07-X style).
    FundBook(FundBook),
    /// Sổ nhập – xuất – tồn gạo.
    RiceBook(RiceBook),
    /// Sổ theo dõi chuyến xe.
    TripLog(TripLog),
    /// Quyết toán công trình.
    Project(ProjectSettlement),
    /// Danh sách công khai.
    Disclosure(DisclosureList),
    /// Giấy biên nhận.
    Receipt(DonorReceipt),
}

impl Report {
    /// The printable document of the report.
    pub fn document(&self) -> layout::Document {
        match self {
            Report::Monthly(r) => r.document(),
            Report::Overview(r) => r.document(),
            Report::FundBook(r) => r.document(),
            Report::RiceBook(r) => r.document(),
            Report::TripLog(r) => r.document(),
            Report::Project(r) => r.document(),
            Report::Disclosure(r) => r.document(),
            Report::Receipt(r) => r.document(),
        }
    }
}

/// The formats a report is rendered to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Print-ready A4 HTML, self-contained.
    Html,
    /// UTF-8 CSV with a byte-order mark (Excel reads the diacritics).
    Csv,
    /// An Excel workbook with real numbers.
    Xlsx,
    /// The report's data as JSON.
    Json,
}

impl Format {
    /// Reads `html`, `csv`, `xlsx`, `json`.
    pub fn parse(input: &str) -> Result<Format> {
        match input.trim().to_lowercase().as_str() {
            "html" | "htm" => Ok(Format::Html),
            "csv" => Ok(Format::Csv),
            "xlsx" | "excel" => Ok(Format::Xlsx),
            "json" => Ok(Format::Json),
            _ => Err(Error::InvalidChoice {
                field: "Định dạng".into(),
                input: input.into(),
                allowed: "html, csv, xlsx, json".into(),
            }),
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
        }
    }
}

/// Renders a report in a format, as the bytes of the file to write.
pub fn render(report: &Report, format: Format) -> Result<Vec<u8>> {
    match format {
        Format::Html => Ok(html::render(&report.document()).into_bytes()),
        Format::Csv => Ok(csv::render(&report.document())),
        Format::Xlsx => xlsx::render(&report.document()),
        Format::Json => Ok(json::render(report)?.into_bytes()),
    }
}

/// Who signs, as printed under the signature blocks (from the office settings).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Signers {
    /// Người lập biểu.
    pub preparer: String,
    /// Kế toán.
    pub accountant: String,
    /// Thủ quỹ.
    pub cashier: String,
    /// Chủ tịch.
    pub chairman: String,
}

/// What every report carries: who issues it, where and when it was made, and the fingerprint of
/// the books it was made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meta {
    /// Parent body, in capitals ("UBND TỈNH AN GIANG").
    pub parent_body: String,
    /// Issuing body, in capitals ("ỦY BAN NHÂN DÂN XÃ PHÚ HỮU").
    pub issuing_body: String,
    /// The organisation that keeps the books, if set.
    pub organisation: String,
    /// Place name of the date line ("Phú Hữu").
    pub place: String,
    /// When the report was made (UTC).
    pub made_at: DateTime<Utc>,
    /// The day it was made, in Vietnam.
    pub made_on: NaiveDate,
    /// The head of the audit chain when the report was made (`audit::fingerprint`).
    pub fingerprint: String,
    /// Names for the signature blocks.
    pub signers: Signers,
}

impl Meta {
    /// The heading facts of a report about `commune` (or about all communes when `None`); office
    /// settings win, and blanks fall back to the commune's own names.
    pub(crate) fn new(book: &Book, commune: Option<&Commune>, now: DateTime<Utc>) -> Result<Meta> {
        let office = book.office()?;
        let upper = |s: &str| s.trim().to_uppercase();
        let parent_body = if office.parent_body.trim().is_empty() {
            match commune {
                Some(c) if !c.district.trim().is_empty() => {
                    format!("UBND HUYỆN {}", upper(&c.district))
                }
                Some(c) if !c.province.trim().is_empty() => {
                    format!("UBND TỈNH {}", upper(&c.province))
                }
                _ => String::new(),
            }
        } else {
            upper(&office.parent_body)
        };
        let issuing_body = if office.issuing_body.trim().is_empty() {
            commune
                .map(|c| format!("ỦY BAN NHÂN DÂN {}", upper(&c.title())))
                .unwrap_or_default()
        } else {
            upper(&office.issuing_body)
        };
        let place = if office.place.trim().is_empty() {
            commune.map(|c| c.name.clone()).unwrap_or_default()
        } else {
            office.place.trim().to_string()
        };
        Ok(Meta {
            parent_body,
            issuing_body,
            organisation: office.organisation.trim().to_string(),
            place,
            made_at: now,
            made_on: now.with_timezone(&vietnam_offset()).date_naive(),
            fingerprint: crate::audit::fingerprint(book.connection())?,
            signers: Signers {
                preparer: office.preparer,
                accountant: office.accountant,
                cashier: office.cashier,
                chairman: office.chairman,
            },
        })
    }

    /// "Phú Hữu, ngày 05 tháng 02 năm 2026" (day and month below 10 with a leading zero).
    pub fn place_date(&self) -> String {
        let date = self.made_on.format("ngày %d tháng %m năm %Y").to_string();
        if self.place.is_empty() {
            capitalise(&date)
        } else {
            format!("{}, {date}", self.place)
        }
    }

    /// "05/02/2026 14:30" in Vietnam time.
    pub fn made_at_text(&self) -> String {
        self.made_at
            .with_timezone(&vietnam_offset())
            .format("%d/%m/%Y %H:%M")
            .to_string()
    }
}

/// An exact amount of one asset: đồng for cash, kilograms for rice. Serialised as the exact
/// decimal of its unit ("1500000", "12.500").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Amount {
    /// Money, in đồng.
    Cash(Vnd),
    /// Rice, in kilograms.
    Rice(Kg),
}

impl Amount {
    /// From the stored integer (đồng or grams) of an asset.
    pub fn of(asset: Asset, stored: i64) -> Amount {
        match asset {
            Asset::Cash => Amount::Cash(Vnd::from_stored(stored)),
            Asset::Rice => Amount::Rice(Kg::from_stored(stored)),
        }
    }

    /// The stored integer (đồng or grams).
    pub fn stored(self) -> i64 {
        match self {
            Amount::Cash(v) => v.stored(),
            Amount::Rice(k) => k.stored(),
        }
    }

    /// Which asset it is.
    pub fn asset(self) -> Asset {
        match self {
            Amount::Cash(_) => Asset::Cash,
            Amount::Rice(_) => Asset::Rice,
        }
    }
}

impl std::fmt::Display for Amount {
    /// "1.500.000 đ", "12,5 kg".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Amount::Cash(v) => v.fmt(f),
            Amount::Rice(k) => k.fmt(f),
        }
    }
}

/// Workdays in tenths (as the work log keeps them), shown with one decimal ("7,5").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Workdays(pub i64);

impl Workdays {
    /// The exact value in workdays.
    pub fn value(self) -> rust_decimal::Decimal {
        rust_decimal::Decimal::new(self.0, 1)
    }
}

impl std::fmt::Display for Workdays {
    /// "7,5", "12".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::money::format_decimal_vi(self.value()))
    }
}

/// A commune as a report names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommuneName {
    pub id: i64,
    /// "Phú Hữu".
    pub name: String,
    /// "Xã Phú Hữu".
    pub title: String,
}

impl From<&Commune> for CommuneName {
    fn from(c: &Commune) -> Self {
        CommuneName {
            id: c.id.0,
            name: c.name.clone(),
            title: c.title(),
        }
    }
}

/// The balance of a fund at the start of `month`: the sum of `month_totals` of the months before.
/// Never recounts movements, so it costs the same whatever the length of the history.
pub(crate) fn opening_balance(
    conn: &Connection,
    commune: i64,
    program: Program,
    asset: Asset,
    month: Month,
) -> Result<i64> {
    let carried: i64 = conn
        .prepare_cached(
            "SELECT ifnull(sum(total_in - total_out), 0) FROM month_totals
             WHERE commune_id = ?1 AND program = ?2 AND asset = ?3 AND month < ?4",
        )?
        .query_row(
            params![commune, program.code(), asset.code(), month.to_string()],
            |r| r.get(0),
        )?;
    Ok(crate::opening::counted_in(conn, commune, program, asset, month)? + carried)
}

/// The words of a month's opening line: `usual` ("Tồn đầu tháng"), or, in the month the
/// commune's books start, `carried` with the start date ("Số dư đầu kỳ chuyển sang ngày
/// 01/10/2026"): the opening balance carried in from the office's paper or Excel books.
pub(crate) fn opening_words(
    conn: &Connection,
    commune: i64,
    month: Month,
    usual: &str,
    carried: &str,
) -> Result<String> {
    Ok(
        match crate::opening::start_date(conn, crate::place::CommuneId(commune))? {
            Some(start) if Month::of(start) == month => {
                format!("{carried} ngày {}", crate::date::show(start))
            }
            _ => usual.to_string(),
        },
    )
}

/// Receipts and payments of a fund over whole months `from..=to`, from `month_totals`.
pub(crate) fn month_totals_between(
    conn: &Connection,
    commune: i64,
    program: Program,
    asset: Asset,
    from: Month,
    to: Month,
) -> Result<(i64, i64)> {
    Ok(conn
        .prepare_cached(
            "SELECT ifnull(sum(total_in), 0), ifnull(sum(total_out), 0) FROM month_totals
             WHERE commune_id = ?1 AND program = ?2 AND asset = ?3 AND month BETWEEN ?4 AND ?5",
        )?
        .query_row(
            params![
                commune,
                program.code(),
                asset.code(),
                from.to_string(),
                to.to_string()
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
}

/// Runs `build` inside one read transaction, so every query of a report (and its fingerprint)
/// sees the same state of the books even if another window writes meanwhile.
pub(crate) fn snapshot<T>(book: &Book, build: impl FnOnce() -> Result<T>) -> Result<T> {
    let conn = book.connection();
    if !conn.is_autocommit() {
        // why: already inside a transaction (a caller's own snapshot); nest nothing.
        return build();
    }
    let tx = conn.unchecked_transaction()?;
    let out = build();
    // why: a read-only transaction; ending it cannot lose anything, so its result is not needed.
    let _ = tx.rollback();
    out
}

/// How a movement reads in a book's description column: what, from or to whom, and the memo.
pub(crate) fn describe(row: &MovementRow) -> String {
    let rice_in = row.asset == Asset::Rice && row.direction == crate::ledger::Direction::In;
    let who = match (&row.household, &row.party, &row.hamlet) {
        (Some(h), _, Some(a)) => Some(format!("{h} ({})", hamlet_label(a))),
        (Some(h), _, None) => Some(h.clone()),
        (None, Some(p), _) => Some(p.clone()),
        // why: a rice round without a named giver is the hamlet's households; other entries
        // carry a hamlet only as where they happened (a trip's starting point).
        (None, None, Some(a)) if rice_in => {
            Some(lower_first(&hamlet_givers(Some(a), row.households)))
        }
        _ => None,
    };
    let what = row.category.label().to_string();
    let mut parts = vec![match who {
        Some(w) => format!("{what}: {w}"),
        None => what,
    }];
    if !row.memo.trim().is_empty() {
        parts.push(row.memo.trim().to_string());
    }
    // why: an entry carried in from the office's own book keeps the number on that paper.
    if let Some(paper) = &row.paper_voucher {
        parts.push(format!("số phiếu gốc {paper}"));
    }
    parts.join(" — ")
}

/// A hamlet as running text: "ấp Phú Hiệp"; a name that already starts with its unit word
/// ("Ấp Phú Hiệp", "Khóm 3") is kept as it is, lowercased only in its first letter.
pub(crate) fn hamlet_label(name: &str) -> String {
    let folded = crate::text::fold(name);
    if ["ap ", "khom ", "to ", "thon ", "ban ", "phum ", "soc "]
        .iter()
        .any(|w| folded.starts_with(w))
    {
        lower_first(name)
    } else {
        format!("ấp {name}")
    }
}

/// The households of a hamlet as givers of a rice round: "Bà con ấp Phú Hiệp (35 hộ)".
pub(crate) fn hamlet_givers(hamlet: Option<&str>, households: Option<i64>) -> String {
    let place = hamlet
        .map(hamlet_label)
        .unwrap_or_else(|| "trong xã".to_string());
    match households {
        Some(n) => format!("Bà con {place} ({n} hộ)"),
        None => format!("Bà con {place}"),
    }
}

/// Lowercases the first letter ("Xã Phú Hữu" → "xã Phú Hữu").
pub(crate) fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Uppercases the first letter.
pub(crate) fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A file-name-safe stem: lowercase ASCII words joined by dashes ("bao-cao-thang-phu-huu").
pub(crate) fn slug(parts: &[&str]) -> String {
    let joined = parts.join(" ");
    let folded = crate::text::fold(&joined);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}
