//! Sổ nhập – xuất – tồn gạo: the rice stock of one commune for a month, movement by movement,
//! each with its solar and lunar date (rice is collected on lunar dates, above all ngày rằm).
//!
//! The opening stock comes from `month_totals`; the running stock and the month's totals from the
//! month's movements. Voided movements are listed with their number, marked, never counted.

use super::layout::{Block, Cell, Column, Document, Orientation, Row, RowKind, Table};
use super::{describe, opening_balance, slug, snapshot, CommuneName, Meta};
use crate::book::Book;
use crate::date::Month;
use crate::error::Result;
use crate::ledger::{Asset, Direction, Program};
use crate::lunar;
use crate::money::Kg;
use crate::place::CommuneId;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// The rice book of a commune for a month.
#[derive(Debug, Clone, Serialize)]
pub struct RiceBook {
    pub meta: Meta,
    pub commune: CommuneName,
    pub month: Month,
    pub opening: Kg,
    /// "Tồn đầu tháng", or in the month the books start "Tồn kho đầu kỳ ngày …".
    pub opening_words: String,
    pub rows: Vec<RiceBookRow>,
    pub total_in: Kg,
    pub total_out: Kg,
    pub closing: Kg,
    /// Households counted on the month's rice-in entries.
    pub households_gave: i64,
}

/// One movement of rice.
#[derive(Debug, Clone, Serialize)]
pub struct RiceBookRow {
    pub date: NaiveDate,
    /// "15/01/2026 ÂL"; empty outside the calendar's range.
    pub lunar: String,
    pub voucher: String,
    pub description: String,
    pub kg_in: Option<Kg>,
    pub kg_out: Option<Kg>,
    /// Stock after the movement; `None` when voided.
    pub stock: Option<Kg>,
    pub void_reason: Option<String>,
}

/// Builds the rice book of a commune for a month.
pub fn rice_book(
    book: &Book,
    commune: CommuneId,
    month: Month,
    now: DateTime<Utc>,
) -> Result<RiceBook> {
    snapshot(book, || {
        let commune = book.commune(commune)?;
        let meta = Meta::new(book, Some(&commune), now)?;
        let opening = opening_balance(
            book.connection(),
            commune.id.0,
            Program::Rice,
            Asset::Rice,
            month,
        )?;
        let (mut stock, mut total_in, mut total_out, mut households) = (opening, 0i64, 0i64, 0i64);
        let mut rows = Vec::new();
        for row in book.month_movements(commune.id, month)? {
            if row.program != Program::Rice || row.asset != Asset::Rice {
                continue;
            }
            let kg = Some(Kg::from_stored(row.amount));
            let live = row.void_reason.is_none();
            if live {
                match row.direction {
                    Direction::In => {
                        total_in += row.amount;
                        stock += row.amount;
                        households += row.households.unwrap_or(0);
                    }
                    Direction::Out => {
                        total_out += row.amount;
                        stock -= row.amount;
                    }
                }
            }
            rows.push(RiceBookRow {
                date: row.date,
                lunar: lunar::solar_to_lunar(row.date)
                    .map(|l| l.to_string())
                    .unwrap_or_default(),
                voucher: row.voucher.clone(),
                description: describe(&row),
                kg_in: (row.direction == Direction::In).then_some(kg).flatten(),
                kg_out: (row.direction == Direction::Out).then_some(kg).flatten(),
                stock: live.then_some(Kg::from_stored(stock)),
                void_reason: row.void_reason.clone(),
            });
        }
        Ok(RiceBook {
            meta,
            commune: (&commune).into(),
            month,
            opening: Kg::from_stored(opening),
            opening_words: super::opening_words(
                book.connection(),
                commune.id.0,
                month,
                "Tồn đầu tháng",
                "Tồn kho đầu kỳ",
            )?,
            rows,
            total_in: Kg::from_stored(total_in),
            total_out: Kg::from_stored(total_out),
            closing: Kg::from_stored(opening + total_in - total_out),
            households_gave: households,
        })
    })
}

impl RiceBook {
    /// The printable document.
    pub fn document(&self) -> Document {
        let mut doc = Document::new(
            &self.meta,
            "SỔ NHẬP – XUẤT – TỒN GẠO",
            vec![
                format!("{} — {}", Program::Rice.label(), self.commune.title),
                format!("Tháng {}", self.month.show()),
            ],
            slug(&["so-gao", &self.month.to_string(), &self.commune.name]),
            &format!("So gao {}", self.month),
        );
        doc.orientation = Orientation::Portrait;
        let g = "Số lượng (kg)";
        let columns = vec![
            Column::text("Ngày dương lịch", 10),
            Column::code("Ngày âm lịch", 10),
            Column::code("Số phiếu", 13),
            Column::text("Diễn giải", 40),
            Column::number("Nhập", 9).under(g),
            Column::number("Xuất", 9).under(g),
            Column::balance("Tồn", 9).under(g),
        ];
        let e = || Cell::Empty;
        let mut rows = vec![Row::new(
            RowKind::Balance,
            vec![
                e(),
                e(),
                e(),
                Cell::text(&self.opening_words),
                e(),
                e(),
                Cell::Kg(self.opening),
            ],
        )];
        for r in &self.rows {
            let (kind, description) = match &r.void_reason {
                Some(reason) => (
                    RowKind::Void,
                    format!("{} (ĐÃ HỦY: {reason})", r.description),
                ),
                None => (RowKind::Body, r.description.clone()),
            };
            rows.push(Row::new(
                kind,
                vec![
                    Cell::Date(r.date),
                    Cell::text(r.lunar.trim_end_matches(" ÂL")),
                    Cell::text(&r.voucher),
                    Cell::text(description),
                    r.kg_in.map(Cell::Kg).unwrap_or(Cell::Empty),
                    r.kg_out.map(Cell::Kg).unwrap_or(Cell::Empty),
                    r.stock.map(Cell::Kg).unwrap_or(Cell::Empty),
                ],
            ));
        }
        doc.blocks.push(Block::Table(Table {
            columns,
            rows,
            totals: vec![Row::new(
                RowKind::Total,
                vec![
                    e(),
                    e(),
                    e(),
                    Cell::text("Cộng tháng, tồn cuối tháng"),
                    Cell::Kg(self.total_in),
                    Cell::Kg(self.total_out),
                    Cell::Kg(self.closing),
                ],
            )],
        }));
        doc.blocks.push(Block::Facts {
            lines: vec![(
                "Số hộ góp gạo trong tháng".into(),
                Cell::Count(self.households_gave),
            )],
        });
        doc.notes.push(
            "Ngày âm lịch theo lịch Việt Nam (múi giờ UTC+7). Phiếu đã hủy vẫn ghi số để đối chiếu, không cộng vào số nhập, xuất, tồn."
                .into(),
        );
        doc
    }
}
