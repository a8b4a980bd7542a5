//! The printable form of a report: what the renderers print, whatever the report.
//!
//! A [`Document`] is the official layout of Nghị định 30/2020 reduced to data: the heading
//! (parent and issuing body, national motto, place and date), a bold title and subject, blocks of
//! headings, facts and tables, and the signature blocks. Cells keep their exact typed values
//! (`Vnd`, `Kg`, …) so that the HTML prints "1.500.000 đ", the CSV a plain number and the XLSX a
//! real number, all from the same value. Total rows are marked, so each renderer makes them bold
//! and tests can find them.

use super::{Meta, Workdays};
use crate::money::{Kg, Km, Vnd};
use chrono::NaiveDate;
use serde::Serialize;

/// Page orientation; wide tables may be printed landscape (Nghị định 30 allows it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    Portrait,
    Landscape,
}

/// A report laid out for printing.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub orientation: Orientation,
    pub meta: Meta,
    /// A document number line under the issuing body ("Số:      /BC-UBND"), for reports that
    /// the office numbers by hand; empty for books and lists.
    pub number_line: String,
    /// Bold capitals: "BÁO CÁO", "SỔ THEO DÕI QUỸ".
    pub title: String,
    /// Lines under the title (the subject, the period).
    pub subtitle: Vec<String>,
    pub blocks: Vec<Block>,
    /// Signature blocks, left to right.
    pub signatures: Vec<Signature>,
    /// Lines printed small at the end (notes on voids, how totals are counted).
    pub notes: Vec<String>,
    /// Whether a table with totals that runs over a page prints what it carries: "Cộng chuyển
    /// sang trang sau" at the foot of the page and "Số trang trước chuyển sang" at the head of
    /// the next (summed columns summed so far, balances as they stand). Off for tables whose
    /// rows mix balances and flows (the monthly summary), where a sum would mean nothing.
    pub carry_totals: bool,
    /// A short name for the file and the worksheet ("bao-cao-thang-2026-02-phu-huu").
    pub file_stem: String,
    /// A worksheet name, at most 31 characters.
    pub sheet_name: String,
}

/// One block of the body.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A section heading ("I. NẮM GẠO TÌNH THƯƠNG").
    Heading { text: String },
    /// A paragraph of running text.
    Paragraph { text: String },
    /// Label–value lines ("Người nộp: …").
    Facts { lines: Vec<(String, Cell)> },
    /// A table.
    Table(Table),
}

/// A table with its header, body and total rows.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Total rows, printed at the foot (and repeated at the foot of each page by the HTML).
    pub totals: Vec<Row>,
}

/// A column: its label, an optional group label spanning neighbours with the same group, and a
/// relative width.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub label: String,
    pub group: Option<String>,
    pub numeric: bool,
    /// Printed centred (serial numbers).
    pub centred: bool,
    /// Never wrapped (voucher numbers, dates): a code split over two lines is misread.
    pub nowrap: bool,
    /// Relative width (the HTML turns the widths into percentages).
    pub width: u16,
    /// What a carried-totals line shows in this column.
    pub carry: Carry,
}

/// What a column shows on a carried-totals line when its table runs over a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Carry {
    /// Nothing (text, codes, dates).
    None,
    /// The sum of the ordinary rows so far (amounts, counts).
    Sum,
    /// The last value so far (a running balance).
    Last,
}

impl Column {
    /// A text column.
    pub fn text(label: &str, width: u16) -> Column {
        Column {
            label: label.to_string(),
            group: None,
            numeric: false,
            centred: false,
            nowrap: false,
            width,
            carry: Carry::None,
        }
    }

    /// The serial-number column ("STT"), centred.
    pub fn index() -> Column {
        Column {
            label: "STT".to_string(),
            group: None,
            numeric: false,
            centred: true,
            nowrap: true,
            width: 5,
            carry: Carry::None,
        }
    }

    /// A column of codes (voucher numbers, lunar dates), never wrapped.
    pub fn code(label: &str, width: u16) -> Column {
        Column {
            nowrap: true,
            ..Column::text(label, width)
        }
    }

    /// A number column.
    pub fn number(label: &str, width: u16) -> Column {
        Column {
            label: label.to_string(),
            group: None,
            numeric: true,
            centred: false,
            nowrap: false,
            width,
            carry: Carry::Sum,
        }
    }

    /// A running-balance column ("Tồn"): a carried line shows the balance as it stands.
    pub fn balance(label: &str, width: u16) -> Column {
        Column {
            carry: Carry::Last,
            ..Column::number(label, width)
        }
    }

    /// The same column under a group label.
    pub fn under(mut self, group: &str) -> Column {
        self.group = Some(group.to_string());
        self
    }
}

/// How a row is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// An ordinary line.
    Body,
    /// A line that opens a group (a program, a month), printed bold across the table.
    Section,
    /// A balance line (opening, closing), printed italic-bold.
    Balance,
    /// A subtotal ("Cộng phát sinh tháng", "Lũy kế từ đầu năm"), printed bold.
    Subtotal,
    /// The grand total, printed bold with a rule above.
    Total,
    /// A voided entry: shown with its number, its amounts struck through, never counted.
    Void,
}

/// One row.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub kind: RowKind,
    pub cells: Vec<Cell>,
}

impl Row {
    /// A row of a kind.
    pub fn new(kind: RowKind, cells: Vec<Cell>) -> Row {
        Row { kind, cells }
    }

    /// An ordinary row.
    pub fn body(cells: Vec<Cell>) -> Row {
        Row::new(RowKind::Body, cells)
    }
}

/// One cell, with its exact value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Cell {
    Empty,
    Text(String),
    Vnd(Vnd),
    Kg(Kg),
    Km(Km),
    /// A count (households, trips, patients).
    Count(i64),
    Workdays(Workdays),
    Date(NaiveDate),
}

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// An amount of either asset.
    pub fn amount(a: super::Amount) -> Cell {
        match a {
            super::Amount::Cash(v) => Cell::Vnd(v),
            super::Amount::Rice(k) => Cell::Kg(k),
        }
    }

    /// An optional amount: empty when `None`.
    pub fn maybe(a: Option<super::Amount>) -> Cell {
        a.map(Cell::amount).unwrap_or(Cell::Empty)
    }

    /// Whether the cell holds a number.
    pub fn is_number(&self) -> bool {
        matches!(
            self,
            Cell::Vnd(_) | Cell::Kg(_) | Cell::Km(_) | Cell::Count(_) | Cell::Workdays(_)
        )
    }

    /// As printed on paper: "1.500.000", "12,5", "05/02/2026" (units are in the column label).
    pub fn printed(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Vnd(v) => v.plain(),
            Cell::Kg(k) => k.plain(),
            Cell::Km(k) => k.plain(),
            Cell::Count(n) => crate::money::format_decimal_vi((*n).into()),
            Cell::Workdays(w) => w.to_string(),
            Cell::Date(d) => crate::date::show(*d),
        }
    }

    /// As written to a machine-readable file: plain digits with a dot for decimals
    /// ("1500000", "12.5"), dates as dd/mm/yyyy.
    pub fn machine(&self) -> String {
        match self {
            Cell::Vnd(v) => v.value().normalize().to_string(),
            Cell::Kg(k) => k.value().normalize().to_string(),
            Cell::Km(k) => k.value().normalize().to_string(),
            Cell::Count(n) => n.to_string(),
            Cell::Workdays(w) => w.value().normalize().to_string(),
            other => other.printed(),
        }
    }

    /// The exact numeric value, if any.
    pub fn decimal(&self) -> Option<rust_decimal::Decimal> {
        match self {
            Cell::Vnd(v) => Some(v.value()),
            Cell::Kg(k) => Some(k.value()),
            Cell::Km(k) => Some(k.value()),
            Cell::Count(n) => Some((*n).into()),
            Cell::Workdays(w) => Some(w.value()),
            _ => None,
        }
    }
}

/// One signature block: its title lines (bold), the "(Ký, họ tên)" hint, and the name.
#[derive(Debug, Clone, Serialize)]
pub struct Signature {
    pub title: Vec<String>,
    pub hint: String,
    pub name: String,
}

impl Signature {
    fn one(title: &[&str], name: &str) -> Signature {
        Signature {
            title: title.iter().map(|s| s.to_string()).collect(),
            hint: "(Ký, họ tên)".to_string(),
            name: name.trim().to_string(),
        }
    }

    /// The four blocks of a financial report: preparer, accountant, cashier, chairman.
    pub fn standard(meta: &Meta) -> Vec<Signature> {
        vec![
            Signature::one(&["Người lập biểu"], &meta.signers.preparer),
            Signature::one(&["Kế toán"], &meta.signers.accountant),
            Signature::one(&["Thủ quỹ"], &meta.signers.cashier),
            Signature::one(&["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], &meta.signers.chairman),
        ]
    }

    /// The blocks of a receipt: the giver, the cashier who received, the chairman.
    pub fn receipt(meta: &Meta, giver: &str) -> Vec<Signature> {
        vec![
            Signature::one(&["Người nộp"], giver),
            Signature::one(&["Thủ quỹ"], &meta.signers.cashier),
            Signature::one(&["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], &meta.signers.chairman),
        ]
    }
}

impl Document {
    /// A portrait document with the standard signatures and no blocks yet.
    pub fn new(
        meta: &Meta,
        title: &str,
        subtitle: Vec<String>,
        file_stem: String,
        sheet_name: &str,
    ) -> Document {
        Document {
            orientation: Orientation::Portrait,
            meta: meta.clone(),
            number_line: String::new(),
            title: title.to_string(),
            subtitle,
            blocks: Vec::new(),
            signatures: Signature::standard(meta),
            notes: Vec::new(),
            carry_totals: true,
            file_stem,
            sheet_name: sheet_name.chars().take(31).collect(),
        }
    }

    /// Every table of the document, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }
}
