//! Sổ theo dõi quỹ: the fund book of one program of one commune, voucher by voucher, in the
//! style of form S07-X (Thông tư 70/2019).
//!
//! Month blocks: the month's opening balance (from `month_totals`), every entry of the month in
//! date and number order with the running balance, "Cộng phát sinh tháng", the closing balance and
//! "Lũy kế từ đầu năm". Voided entries keep their line and number, marked void, so that auditors
//! see every number; they are never counted.

use super::layout::{Block, Cell, Column, Document, Orientation, Row, RowKind, Table};
use super::{
    describe, month_totals_between, opening_balance, slug, snapshot, Amount, CommuneName, Meta,
};
use crate::book::Book;
use crate::date::Month;
use crate::error::{Error, Result};
use crate::ledger::{Asset, Direction, Program};
use crate::place::CommuneId;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// The period of a fund book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "lowercase")]
pub enum Period {
    /// One month.
    Month(Month),
    /// A calendar year, month by month (up to the month the book is printed in).
    Year(i32),
}

impl Period {
    /// Reads `2026-02` or `02/2026` as a month, `2026` as a year.
    pub fn parse(input: &str) -> Result<Period> {
        let t = input.trim();
        if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
            let year: i32 = t.parse().map_err(|_| Error::InvalidMonth {
                input: input.into(),
            })?;
            return Ok(Period::Year(year));
        }
        t.parse::<Month>().map(Period::Month)
    }

    /// "tháng 02/2026", "năm 2026".
    pub fn show(self) -> String {
        match self {
            Period::Month(m) => format!("tháng {}", m.show()),
            Period::Year(y) => format!("năm {y}"),
        }
    }
}

/// The fund book of one fund (program and asset) of one commune for a period.
#[derive(Debug, Clone, Serialize)]
pub struct FundBook {
    pub meta: Meta,
    pub commune: CommuneName,
    pub program: Program,
    pub asset: Asset,
    pub period: Period,
    /// Balance at the start of the period.
    pub opening: Amount,
    pub months: Vec<FundBookMonth>,
    /// Receipts and payments of the whole period (voids excluded).
    pub total_in: Amount,
    pub total_out: Amount,
    /// Balance at the end of the period.
    pub closing: Amount,
}

/// One month block of the book.
#[derive(Debug, Clone, Serialize)]
pub struct FundBookMonth {
    pub month: Month,
    pub opening: Amount,
    /// "Số dư đầu tháng", or in the month the books start "Số dư đầu kỳ chuyển sang ngày …".
    pub opening_words: String,
    pub entries: Vec<FundBookEntry>,
    /// Cộng phát sinh tháng.
    pub total_in: Amount,
    pub total_out: Amount,
    pub closing: Amount,
    /// Lũy kế từ đầu năm.
    pub year_in: Amount,
    pub year_out: Amount,
}

/// One voucher line.
#[derive(Debug, Clone, Serialize)]
pub struct FundBookEntry {
    pub date: NaiveDate,
    pub voucher: String,
    pub description: String,
    pub receipt: Option<Amount>,
    pub payment: Option<Amount>,
    /// Running balance after the entry; `None` for a voided entry.
    pub balance: Option<Amount>,
    /// The reason, when the entry was voided.
    pub void_reason: Option<String>,
}

/// Builds the fund book of one program's fund (cash or rice) of a commune.
pub fn fund_book(
    book: &Book,
    commune: CommuneId,
    program: Program,
    asset: Asset,
    period: Period,
    now: DateTime<Utc>,
) -> Result<FundBook> {
    snapshot(book, || {
        let commune = book.commune(commune)?;
        let meta = Meta::new(book, Some(&commune), now)?;
        let conn = book.connection();
        let months: Vec<Month> = match period {
            Period::Month(m) => vec![m],
            Period::Year(y) => {
                let made = Month::of(meta.made_on);
                (1..=12)
                    .filter_map(|n| Month::new(y, n))
                    .filter(|m| *m <= made || m.number() == 1)
                    .collect()
            }
        };
        let mut blocks = Vec::new();
        for month in &months {
            let opening = opening_balance(conn, commune.id.0, program, asset, *month)?;
            let mut running = opening;
            let (mut total_in, mut total_out) = (0i64, 0i64);
            let mut entries = Vec::new();
            for row in book.month_movements(commune.id, *month)? {
                if row.program != program || row.asset != asset {
                    continue;
                }
                let amount = Some(Amount::of(asset, row.amount));
                let (receipt, payment) = match row.direction {
                    Direction::In => (amount, None),
                    Direction::Out => (None, amount),
                };
                let balance = if row.void_reason.is_some() {
                    None
                } else {
                    match row.direction {
                        Direction::In => {
                            total_in += row.amount;
                            running += row.amount;
                        }
                        Direction::Out => {
                            total_out += row.amount;
                            running -= row.amount;
                        }
                    }
                    Some(Amount::of(asset, running))
                };
                entries.push(FundBookEntry {
                    date: row.date,
                    voucher: row.voucher.clone(),
                    description: describe(&row),
                    receipt,
                    payment,
                    balance,
                    void_reason: row.void_reason.clone(),
                });
            }
            let january = Month::new(month.year(), 1).unwrap_or(*month);
            let (before_in, before_out) =
                month_totals_between(conn, commune.id.0, program, asset, january, month.prev())?;
            blocks.push(FundBookMonth {
                month: *month,
                opening: Amount::of(asset, opening),
                opening_words: super::opening_words(
                    conn,
                    commune.id.0,
                    *month,
                    "Số dư đầu tháng",
                    "Số dư đầu kỳ chuyển sang",
                )?,
                entries,
                total_in: Amount::of(asset, total_in),
                total_out: Amount::of(asset, total_out),
                closing: Amount::of(asset, opening + total_in - total_out),
                year_in: Amount::of(asset, before_in + total_in),
                year_out: Amount::of(asset, before_out + total_out),
            });
        }
        let opening = blocks
            .first()
            .map(|b| b.opening)
            .unwrap_or(Amount::of(asset, 0));
        let closing = blocks.last().map(|b| b.closing).unwrap_or(opening);
        let total_in = blocks.iter().map(|b| b.total_in.stored()).sum();
        let total_out = blocks.iter().map(|b| b.total_out.stored()).sum();
        Ok(FundBook {
            meta,
            commune: (&commune).into(),
            program,
            asset,
            period,
            opening,
            months: blocks,
            total_in: Amount::of(asset, total_in),
            total_out: Amount::of(asset, total_out),
            closing,
        })
    })
}

impl FundBook {
    /// The printable document: one table, a block per month.
    pub fn document(&self) -> Document {
        let (what, unit, inn, out) = match self.asset {
            Asset::Cash => ("tiền", "đồng", "Thu", "Chi"),
            Asset::Rice => ("gạo", "kg", "Nhập", "Xuất"),
        };
        let period_slug = match self.period {
            Period::Month(m) => m.to_string(),
            Period::Year(y) => y.to_string(),
        };
        let mut doc = Document::new(
            &self.meta,
            "SỔ THEO DÕI QUỸ",
            vec![
                format!(
                    "Quỹ {} ({what}) — {}",
                    self.program.label(),
                    self.commune.title
                ),
                super::capitalise(&self.period.show()),
            ],
            slug(&[
                "so-quy",
                self.program.code(),
                self.asset.code(),
                &period_slug,
                &self.commune.name,
            ]),
            &format!("So quy {} {}", self.program.code(), period_slug),
        );
        doc.orientation = Orientation::Portrait;
        let group = format!("Số {what} ({unit})");
        let columns = vec![
            Column::text("Ngày", 11),
            Column::code("Số phiếu", 14),
            Column::text("Diễn giải", 39),
            Column::number(inn, 12).under(&group),
            Column::number(out, 12).under(&group),
            Column::balance("Tồn", 12).under(&group),
        ];
        let mut rows = Vec::new();
        let blank = || Cell::Empty;
        for m in &self.months {
            rows.push(Row::new(
                RowKind::Section,
                vec![
                    blank(),
                    blank(),
                    Cell::text(format!("Tháng {}", m.month.show())),
                    blank(),
                    blank(),
                    blank(),
                ],
            ));
            rows.push(Row::new(
                RowKind::Balance,
                vec![
                    blank(),
                    blank(),
                    Cell::text(&m.opening_words),
                    blank(),
                    blank(),
                    Cell::amount(m.opening),
                ],
            ));
            for e in &m.entries {
                let (kind, description) = match &e.void_reason {
                    Some(reason) => (
                        RowKind::Void,
                        format!("{} (ĐÃ HỦY: {reason})", e.description),
                    ),
                    None => (RowKind::Body, e.description.clone()),
                };
                rows.push(Row::new(
                    kind,
                    vec![
                        Cell::Date(e.date),
                        Cell::text(&e.voucher),
                        Cell::text(description),
                        Cell::maybe(e.receipt),
                        Cell::maybe(e.payment),
                        Cell::maybe(e.balance),
                    ],
                ));
            }
            rows.push(Row::new(
                RowKind::Subtotal,
                vec![
                    blank(),
                    blank(),
                    Cell::text("Cộng phát sinh tháng"),
                    Cell::amount(m.total_in),
                    Cell::amount(m.total_out),
                    blank(),
                ],
            ));
            rows.push(Row::new(
                RowKind::Balance,
                vec![
                    blank(),
                    blank(),
                    Cell::text("Số dư cuối tháng"),
                    blank(),
                    blank(),
                    Cell::amount(m.closing),
                ],
            ));
            rows.push(Row::new(
                RowKind::Subtotal,
                vec![
                    blank(),
                    blank(),
                    Cell::text("Lũy kế từ đầu năm"),
                    Cell::amount(m.year_in),
                    Cell::amount(m.year_out),
                    blank(),
                ],
            ));
        }
        doc.blocks.push(Block::Table(Table {
            columns,
            rows,
            totals: vec![Row::new(
                RowKind::Total,
                vec![
                    blank(),
                    blank(),
                    Cell::text(format!("Cộng {}", self.period.show())),
                    Cell::amount(self.total_in),
                    Cell::amount(self.total_out),
                    Cell::amount(self.closing),
                ],
            )],
        }));
        let voided = self
            .months
            .iter()
            .flat_map(|m| &m.entries)
            .filter(|e| e.void_reason.is_some())
            .count();
        doc.notes.push(format!(
            "Số dư đầu tháng lấy từ số tổng hợp các tháng trước. Phiếu đã hủy vẫn ghi số để đối chiếu, không cộng vào số phát sinh ({voided} phiếu)."
        ));
        doc
    }
}
