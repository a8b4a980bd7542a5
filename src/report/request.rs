//! Choosing a report by name, as the CLI (`report NAME …`) and the window's Báo cáo screen do:
//! one request type, one function that builds the report, so both shells ask the same way.

use super::{
    disclosure_list, donor_receipt, fund_book, monthly_overview, monthly_summary,
    project_settlement, rice_book, trip_log, Period, Report,
};
use crate::book::Book;
use crate::date::Month;
use crate::error::{Error, Result};
use crate::ledger::{Asset, Program};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The reports by name.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReportName {
    /// Báo cáo tháng (one commune, or all side by side).
    Monthly,
    /// Sổ theo dõi quỹ of one program (month or year).
    FundBook,
    /// Sổ nhập – xuất – tồn gạo.
    RiceBook,
    /// Sổ theo dõi chuyến xe.
    Trips,
    /// Quyết toán công trình.
    Project,
    /// Danh sách công khai.
    Disclosure,
    /// Giấy biên nhận.
    Receipt,
}

impl ReportName {
    /// All names, in menu order.
    pub const ALL: [ReportName; 7] = [
        ReportName::Monthly,
        ReportName::FundBook,
        ReportName::RiceBook,
        ReportName::Trips,
        ReportName::Project,
        ReportName::Disclosure,
        ReportName::Receipt,
    ];

    /// The name typed on the command line.
    pub fn code(self) -> &'static str {
        match self {
            ReportName::Monthly => "monthly",
            ReportName::FundBook => "fund-book",
            ReportName::RiceBook => "rice-book",
            ReportName::Trips => "trips",
            ReportName::Project => "project",
            ReportName::Disclosure => "disclosure",
            ReportName::Receipt => "receipt",
        }
    }

    /// Reads a name as typed.
    pub fn parse(input: &str) -> Result<ReportName> {
        ReportName::ALL
            .into_iter()
            .find(|n| n.code() == input.trim())
            .ok_or_else(|| Error::InvalidChoice {
                field: "Báo cáo".into(),
                input: input.into(),
                allowed: ReportName::ALL.map(|n| n.code()).join(", "),
            })
    }
}

/// What to print: the report and its selectors (those it does not need are ignored).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportRequest {
    pub name: ReportName,
    /// The commune, by name; for `monthly`, None (or `all`) gives all communes side by side.
    pub commune: Option<String>,
    pub all: bool,
    /// `yyyy-mm` (or `mm/yyyy`).
    pub month: Option<String>,
    /// Fund book: a month, or a year (`2026`); defaults to `month`.
    pub period: Option<String>,
    /// Fund book: which program (default rice).
    pub program: Option<Program>,
    /// Fund book: cash or rice (default cash).
    pub asset: Option<Asset>,
    /// Project settlement: the project's code or name.
    pub project: Option<String>,
    /// Receipt: the PT or PN voucher number.
    pub voucher: Option<String>,
}

fn required<'a>(value: &'a Option<String>, field: &str) -> Result<&'a str> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| Error::EmptyText {
            field: field.to_string(),
        })
}

/// Builds the report a request names, as of `now`.
pub fn build(book: &Book, request: &ReportRequest, now: DateTime<Utc>) -> Result<Report> {
    let commune = || -> Result<_> { Ok(book.find_commune(required(&request.commune, "Xã")?)?.id) };
    let month = || -> Result<Month> { required(&request.month, "Tháng")?.parse() };
    Ok(match request.name {
        ReportName::Monthly if request.all || request.commune.is_none() => {
            Report::Overview(monthly_overview(book, month()?, now)?)
        }
        ReportName::Monthly => Report::Monthly(monthly_summary(book, commune()?, month()?, now)?),
        ReportName::FundBook => {
            let period = match request.period.as_deref().filter(|p| !p.trim().is_empty()) {
                Some(p) => Period::parse(p)?,
                None => Period::Month(month()?),
            };
            Report::FundBook(fund_book(
                book,
                commune()?,
                request.program.unwrap_or(Program::Rice),
                request.asset.unwrap_or(Asset::Cash),
                period,
                now,
            )?)
        }
        ReportName::RiceBook => Report::RiceBook(rice_book(book, commune()?, month()?, now)?),
        ReportName::Trips => Report::TripLog(trip_log(book, commune()?, month()?, now)?),
        ReportName::Project => Report::Project(project_settlement(
            book,
            commune()?,
            required(&request.project, "Công trình")?,
            now,
        )?),
        ReportName::Disclosure => {
            Report::Disclosure(disclosure_list(book, commune()?, month()?, now)?)
        }
        ReportName::Receipt => Report::Receipt(donor_receipt(
            book,
            commune()?,
            required(&request.voucher, "Số phiếu")?,
            now,
        )?),
    })
}
