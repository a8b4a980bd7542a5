//! Import of the books an office already keeps: its registers (households, donors, drivers,
//! vehicles, destinations) and its past books (the cash book, the rice book, trips) from its
//! own .xlsx, .xls, .ods and .csv sheets, through the same rules as typed entries.
//!
//! - [`read`] reads the sheet; [`layout`] finds its header and guesses the columns (the clerk may
//!   correct them, and save the mapping for next month's sheet); [`legacy`] finds text in the old
//!   font encodings, converted only once the clerk agrees.
//! - Every row is read as the entry it would make, or passed over (blank, "Cộng", carried
//!   forward), or refused with its reason (a date that is not one, an unknown hamlet, an
//!   ambiguous amount, a closed month, stock below zero on a day).
//! - A dry run is the import itself, rolled back: it refuses exactly what the import would.
//! - One import is one transaction: all of its rows land, or (when a row is refused and the
//!   clerk did not ask for the good rows only) nothing does. Entries take the app's gapless
//!   numbers in date order and keep the paper voucher number ("Số phiếu gốc").
//! - Each imported row's fingerprint is kept, so the same file imported again adds nothing and
//!   says so.

pub mod layout;
pub mod legacy;
pub mod read;

pub use layout::{Field, Kind, Mapping};
pub use legacy::Legacy;
pub use read::{Cell, Table};

use crate::audit::{self, Change};
use crate::book::{Book, Tx};
use crate::corrections::Register;
use crate::error::{Error, Lang, Result};
use crate::ledger::{self, Asset, Category, Direction, Entry, Program};
use crate::money::{Kg, Km, Vnd};
use crate::people::{HouseholdId, HouseholdStatus};
use crate::place::{Commune, Hamlet};
use crate::text;
use chrono::{Datelike, NaiveDate};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What to do with text in an old font encoding.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "choice", content = "from")]
pub enum Convert {
    /// Not decided: an import that finds such text stops and asks.
    #[default]
    Ask,
    /// Keep the text as it is.
    Keep,
    /// Convert it from this encoding.
    From(Legacy),
}

/// The clerk's choices for an import.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportOptions {
    pub kind: Kind,
    /// The commune the rows belong to (registers of places and people).
    pub commune: String,
    /// The program of a cash book without a "Mô hình" column.
    pub program: Option<Program>,
    /// The columns, as guessed and corrected; None guesses them.
    pub mapping: Option<Mapping>,
    pub convert: Convert,
    /// Import the rows that pass and leave the refused ones; else nothing is written when any
    /// row is refused.
    pub good_rows_only: bool,
    /// Check everything and write nothing.
    pub dry_run: bool,
    /// The file's name, for the audit log.
    pub source: String,
}

/// What became of one row of the sheet.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum RowOutcome {
    /// Imported (or would be, in a dry run): the voucher or what was added.
    Imported { what: String },
    /// Not an entry: blank, a total, a repeated header.
    Skipped { reason: String },
    /// Already imported from this or an earlier file.
    Duplicate,
    /// Refused: why, in Vietnamese and English, and the error's code.
    Refused {
        code: String,
        reason: String,
        reason_en: String,
    },
}

/// One row's outcome, by its number in the sheet.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowReport {
    /// The row's number as the sheet shows it (1-based).
    pub row: usize,
    pub outcome: RowOutcome,
}

/// What an import did (or a dry run would do).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub kind: Kind,
    pub sheet: String,
    pub mapping: Mapping,
    /// Old-font text found in the sheet, and whether it was converted.
    pub legacy: Option<Legacy>,
    pub converted: bool,
    pub rows: Vec<RowReport>,
    pub imported: usize,
    pub skipped: usize,
    pub duplicates: usize,
    pub refused: usize,
    /// True when the rows were written to the book.
    pub written: bool,
    pub dry_run: bool,
}

/// A field of a kind of sheet, for the window's column choices.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChoice {
    pub field: Field,
    /// The field in Vietnamese words ("Ngày", "Số tiền thu").
    pub label: String,
    pub required: bool,
}

/// A column of the sheet: its letter and the header's words over it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewColumn {
    pub letter: String,
    pub header: String,
}

/// A row of the sheet as text, by its number in the sheet (1-based).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRow {
    pub row: usize,
    pub cells: Vec<String>,
}

/// Old-font text as the sheet holds it and as it reads once converted.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacySample {
    pub before: String,
    pub after: String,
}

/// What the clerk sees before an import: the sheet's first rows under the mapping (guessed, or
/// the one given), the fields still without a column, and old-font text found.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub kind: Kind,
    pub sheet: String,
    /// All sheets of the workbook, to choose from.
    pub sheets: Vec<String>,
    /// A CSV's encoding as read ("UTF-8", "windows-1258").
    pub encoding: Option<String>,
    /// The rows of the sheet after the header (entries, totals and blanks alike).
    pub data_rows: usize,
    pub columns: Vec<PreviewColumn>,
    /// The header's rows, then the first rows below it.
    pub header: Vec<PreviewRow>,
    pub first_rows: Vec<PreviewRow>,
    pub mapping: Mapping,
    /// Required fields the mapping leaves without a column.
    pub missing: Vec<Field>,
    pub fields: Vec<FieldChoice>,
    pub legacy: Option<Legacy>,
    pub samples: Vec<LegacySample>,
}

/// How many rows under the header a preview shows.
pub const PREVIEW_ROWS: usize = 12;

/// The preview of `table` read as `kind`, under `mapping` or the guessed one.
pub fn preview(table: &Table, kind: Kind, mapping: Option<&Mapping>) -> Preview {
    let mapping = match mapping {
        Some(m) if m.kind == kind => m.clone(),
        _ => layout::guess_loose(table, kind),
    };
    let as_row = |i: usize| PreviewRow {
        row: i + 1,
        cells: table.rows[i].iter().map(Cell::text).collect(),
    };
    let first = mapping.header_first.saturating_sub(1);
    let last = mapping.header_last.min(table.rows.len());
    let header = (first..last).map(as_row).collect();
    let first_rows = (last..table.rows.len().min(last + PREVIEW_ROWS))
        .map(as_row)
        .collect();
    let columns = layout::header_words(table, &mapping)
        .into_iter()
        .enumerate()
        .map(|(i, header)| PreviewColumn {
            letter: layout::column_letters(i),
            header,
        })
        .collect();
    let legacy = detect_legacy(table, &mapping);
    let mut samples: Vec<LegacySample> = Vec::new();
    if let Some(enc) = legacy {
        'rows: for row in table.rows.iter().skip(mapping.header_last) {
            for c in text_columns(&mapping) {
                if let Some(Cell::Text(t)) = row.get(c) {
                    let after = enc.decode(t);
                    if after != *t && !samples.iter().any(|s| s.before == *t) {
                        samples.push(LegacySample {
                            before: t.clone(),
                            after,
                        });
                        if samples.len() == 3 {
                            break 'rows;
                        }
                    }
                }
            }
        }
    }
    Preview {
        kind,
        sheet: table.name.clone(),
        sheets: table.sheets.clone(),
        encoding: table.encoding.clone(),
        data_rows: table.rows.len().saturating_sub(mapping.header_last),
        columns,
        header,
        first_rows,
        missing: layout::missing(&mapping),
        fields: kind
            .fields()
            .iter()
            .map(|(field, required)| FieldChoice {
                field: *field,
                label: field.label().into(),
                required: *required,
            })
            .collect(),
        mapping,
        legacy,
        samples,
    }
}

/// The old encoding the text columns of `table` seem to be in, under `mapping`.
pub fn detect_legacy(table: &Table, mapping: &Mapping) -> Option<Legacy> {
    let texts: Vec<String> = text_columns(mapping)
        .into_iter()
        .flat_map(|c| {
            table
                .rows
                .iter()
                .skip(mapping.header_last)
                .filter_map(move |r| match r.get(c) {
                    Some(Cell::Text(t)) => Some(t.clone()),
                    _ => None,
                })
        })
        .collect();
    legacy::detect(texts.iter().map(String::as_str))
}

fn text_columns(mapping: &Mapping) -> Vec<usize> {
    use Field::*;
    [
        Name,
        Party,
        Description,
        Hamlet,
        Household,
        Patient,
        Destination,
        Driver,
        Vehicle,
        Status,
    ]
    .into_iter()
    .filter_map(|f| mapping.column(f))
    .collect()
}

/// Reads a date cell: a date-formatted cell, an Excel serial number, or text dd/mm/yyyy.
pub(crate) fn parse_date(cell: &Cell) -> Result<NaiveDate> {
    match cell {
        Cell::Date(d) => Ok(*d),
        Cell::Number(n) => {
            let days = n.trunc();
            let serial: i64 = i64::try_from(days).unwrap_or(0);
            // why: a sheet's date stored as a bare number is Excel's serial day (1900 system).
            if n.fract().is_zero() && (20_000..=80_000).contains(&serial) {
                let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
                if let Some(d) = epoch.checked_add_signed(chrono::Duration::days(serial)) {
                    return Ok(d);
                }
            }
            Err(Error::InvalidDate {
                input: n.normalize().to_string(),
            })
        }
        Cell::Text(t) => crate::date::parse(t.trim()),
        Cell::Empty => Err(Error::EmptyText {
            field: "Ngày".into(),
        }),
    }
}

/// Reads an amount cell: a number as it is, text by the Vietnamese rule of typed amounts.
fn parse_vnd(cell: &Cell) -> Result<Option<Vnd>> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Text(t) if t.trim().is_empty() || t.trim() == "-" => Ok(None),
        Cell::Number(n) => Vnd::parse(&n.normalize().to_string().replace('.', ",")).map(Some),
        other => Vnd::parse(&other.text()).map(Some),
    }
}

fn parse_kg(cell: &Cell) -> Result<Option<Kg>> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Text(t) if t.trim().is_empty() || t.trim() == "-" => Ok(None),
        Cell::Number(n) => Kg::parse(&n.normalize().to_string().replace('.', ",")).map(Some),
        other => Kg::parse(&other.text()).map(Some),
    }
}

fn parse_km(cell: &Cell) -> Result<Option<Km>> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Text(t) if t.trim().is_empty() => Ok(None),
        Cell::Number(n) => Km::parse(&n.normalize().to_string().replace('.', ",")).map(Some),
        other => Km::parse(&other.text()).map(Some),
    }
}

/// One row read as what it will write.
enum Item {
    Money {
        date: NaiveDate,
        program: Program,
        asset: Asset,
        direction: Direction,
        amount: i64,
        category: Category,
        party: Option<String>,
        hamlet: Option<i64>,
        household: Option<HouseholdId>,
        households: Option<i64>,
        paper: String,
        memo: String,
    },
    Trip(Box<crate::transport::TripFacts>),
    Household {
        name: String,
        hamlet: Option<Hamlet>,
        status: Option<HouseholdStatus>,
        year: i32,
    },
    Named {
        register: Register,
        name: String,
        detail: Option<String>,
    },
}

impl Book {
    /// Imports `table` as the clerk chose (see the module docs). Refuses the whole file when
    /// its required columns are missing, or when it holds old-font text and the clerk has not
    /// said what to do with it; every other refusal is a row's, in the report.
    pub fn import_table(&mut self, table: &Table, options: &ImportOptions) -> Result<ImportReport> {
        self.import_table_with(table, options, &mut |_, _| true)
    }

    /// [`Book::import_table`], telling `progress` how far it is (`done` of `total` steps: each
    /// row read, then each row written) every few hundred rows. When `progress` returns false
    /// the import stops and everything is rolled back: [`Error::ImportCancelled`], the book
    /// unchanged.
    pub fn import_table_with(
        &mut self,
        table: &Table,
        options: &ImportOptions,
        progress: &mut dyn FnMut(usize, usize) -> bool,
    ) -> Result<ImportReport> {
        let kind = options.kind;
        let mapping = match &options.mapping {
            Some(m) => {
                for (field, required) in kind.fields() {
                    if *required && m.column(*field).is_none() {
                        return Err(Error::ImportColumns {
                            missing: field.label().into(),
                        });
                    }
                }
                m.clone()
            }
            None => layout::guess(table, kind)?,
        };
        let legacy = detect_legacy(table, &mapping);
        let from = match (options.convert, legacy) {
            (Convert::From(enc), _) => Some(enc),
            (Convert::Keep, _) | (Convert::Ask, None) => None,
            (Convert::Ask, Some(found)) => {
                return Err(Error::LegacyText {
                    encoding: found.label().into(),
                })
            }
        };
        let commune = self.find_commune(&options.commune)?;
        if kind == Kind::Cash
            && mapping.column(Field::Program).is_none()
            && options.program.is_none()
        {
            return Err(Error::EmptyText {
                field: "Mô hình (chọn mô hình của sổ quỹ)".into(),
            });
        }
        let today = self.today();
        // Read every row into an item, a pass-over or a refusal.
        let mut rows: Vec<RowReport> = Vec::new();
        let mut items: Vec<(usize, String, Item)> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let data_rows = table.rows.len().saturating_sub(mapping.header_last);
        let mut step = Steps {
            total: 2 * data_rows,
            done: 0,
            progress,
        };
        step.report()?;
        for (i, raw) in table.rows.iter().enumerate().skip(mapping.header_last) {
            let number = i + 1;
            step.advance()?;
            let row: Vec<Cell> = match from {
                Some(enc) => raw
                    .iter()
                    .map(|c| match c {
                        Cell::Text(t) => Cell::Text(enc.decode(t)),
                        other => other.clone(),
                    })
                    .collect(),
                None => raw.clone(),
            };
            if let Some(reason) = layout::passed_over(&row, &mapping) {
                rows.push(RowReport {
                    row: number,
                    outcome: RowOutcome::Skipped {
                        reason: reason.into(),
                    },
                });
                continue;
            }
            match self.read_item(&row, &mapping, options, &commune, today) {
                Ok(item) => {
                    let content = fingerprint_text(kind, &commune, &mapping, &row);
                    let nth = seen.entry(content.clone()).or_insert(0);
                    *nth += 1;
                    let print =
                        hex::encode(Sha256::digest(format!("{content}\u{1f}{nth}").as_bytes()));
                    items.push((number, print, item));
                }
                Err(e) => rows.push(RowReport {
                    row: number,
                    outcome: refused(&e),
                }),
            }
        }
        let source = options.source.clone();
        let sheet = table.name.clone();
        let mut outcomes: BTreeMap<usize, RowOutcome> = BTreeMap::new();
        let run = |tx: &Tx,
                   items: &mut Vec<(usize, String, Item)>,
                   outcomes: &mut BTreeMap<usize, RowOutcome>,
                   step: &mut Steps|
         -> Result<()> {
            // why: rows passed over or refused while reading are not written; count them done.
            step.done = data_rows + (data_rows - items.len());
            apply_items(tx, &commune, kind, items, outcomes, step)?;
            let imported = outcomes
                .values()
                .filter(|o| matches!(o, RowOutcome::Imported { .. }))
                .count();
            audit::record(
                tx,
                Change {
                    action: "import",
                    entity: "book",
                    entity_id: &source,
                    before: None,
                    after: Some(json!({"file": source, "sheet": sheet, "kind": kind,
                        "commune": commune.name, "rows": imported})),
                },
            )?;
            Ok(())
        };
        let write = !options.dry_run;
        let good_only = options.good_rows_only;
        let refused_while_reading = rows
            .iter()
            .any(|r| matches!(r.outcome, RowOutcome::Refused { .. }));
        let mut result = if write {
            self.write(|tx| {
                run(tx, &mut items, &mut outcomes, &mut step)?;
                let refused = refused_while_reading
                    || outcomes
                        .values()
                        .any(|o| matches!(o, RowOutcome::Refused { .. }));
                if refused && !good_only {
                    // why: all of an import lands, or nothing does.
                    return Err(Error::ImportRefused);
                }
                Ok(())
            })
        } else {
            self.rehearse(|tx| run(tx, &mut items, &mut outcomes, &mut step))
        };
        let mut written = write;
        if let Err(Error::ImportRefused) = result {
            written = false;
            result = Ok(());
        }
        result?;
        step.done = step.total;
        // why: the book is committed by now; the last call only shows the bar full.
        let _ = (step.progress)(step.total, step.total);
        rows.extend(
            outcomes
                .into_iter()
                .map(|(row, outcome)| RowReport { row, outcome }),
        );
        rows.sort_by_key(|r| r.row);
        if !written {
            for r in &mut rows {
                if let RowOutcome::Imported { what } = &r.outcome {
                    if write {
                        r.outcome = RowOutcome::Skipped {
                            reason: format!("không nhập vì có dòng bị từ chối ({what})"),
                        };
                    }
                }
            }
        }
        let count = |f: fn(&RowOutcome) -> bool| rows.iter().filter(|r| f(&r.outcome)).count();
        let report = ImportReport {
            kind,
            sheet: table.name.clone(),
            mapping,
            legacy,
            converted: from.is_some(),
            imported: if written || options.dry_run {
                count(|o| matches!(o, RowOutcome::Imported { .. }))
            } else {
                0
            },
            skipped: count(|o| matches!(o, RowOutcome::Skipped { .. })),
            duplicates: count(|o| matches!(o, RowOutcome::Duplicate)),
            refused: count(|o| matches!(o, RowOutcome::Refused { .. })),
            rows,
            written: written && !options.dry_run,
            dry_run: options.dry_run,
        };
        Ok(report)
    }

    /// Reads one row into the item it will write, or why it cannot be.
    fn read_item(
        &self,
        row: &[Cell],
        mapping: &Mapping,
        options: &ImportOptions,
        commune: &Commune,
        today: NaiveDate,
    ) -> Result<Item> {
        let get = |f: Field| -> &Cell {
            mapping
                .column(f)
                .and_then(|c| row.get(c))
                .unwrap_or(&Cell::Empty)
        };
        let text_of = |f: Field| -> String { get(f).text().trim().to_string() };
        let optional = |f: Field| -> Option<String> {
            let t = text_of(f);
            (!t.is_empty()).then_some(t)
        };
        Ok(match options.kind {
            Kind::Households => {
                let name = text::name("Tên hộ", &text_of(Field::Name))?;
                let hamlet = optional(Field::Hamlet)
                    .map(|h| self.find_hamlet(commune, &h))
                    .transpose()?;
                let status = optional(Field::Status)
                    .map(|s| HouseholdStatus::parse(&s))
                    .transpose()?;
                let year = match get(Field::Year) {
                    Cell::Empty => today.year(),
                    c => c
                        .text()
                        .trim()
                        .parse::<i32>()
                        .map_err(|_| Error::InvalidNumber {
                            field: "Năm".into(),
                            input: c.text(),
                            hint: "hãy gõ một số nguyên".into(),
                        })?,
                };
                Item::Household {
                    name,
                    hamlet,
                    status,
                    year,
                }
            }
            Kind::Parties | Kind::Drivers | Kind::Vehicles | Kind::Destinations => {
                let register = match options.kind {
                    Kind::Parties => Register::Party,
                    Kind::Drivers => Register::Driver,
                    Kind::Vehicles => Register::Vehicle,
                    _ => Register::Destination,
                };
                let name = text::name("Tên", &text_of(Field::Name))?;
                let detail = match options.kind {
                    Kind::Drivers => optional(Field::Phone),
                    Kind::Vehicles => optional(Field::Plate),
                    Kind::Destinations => parse_km(get(Field::Km))?.map(|k| k.stored().to_string()),
                    _ => None,
                };
                Item::Named {
                    register,
                    name,
                    detail,
                }
            }
            Kind::Cash => {
                let date = parse_date(get(Field::Date))?;
                let receipt = parse_vnd(get(Field::Receipt))?;
                let payment = parse_vnd(get(Field::Payment))?;
                let (direction, amount) = match (receipt, payment) {
                    (Some(a), None) => (Direction::In, a),
                    (None, Some(a)) => (Direction::Out, a),
                    (Some(_), Some(_)) => {
                        return Err(Error::ImportRow {
                            reason: "dòng có cả số tiền thu và số tiền chi; mỗi dòng là một phiếu"
                                .into(),
                        })
                    }
                    (None, None) => {
                        return Err(Error::ImportRow {
                            reason: "dòng không có số tiền thu hay chi".into(),
                        })
                    }
                };
                let program = match optional(Field::Program) {
                    Some(p) => Program::parse(&p)?,
                    None => options.program.ok_or_else(|| Error::EmptyText {
                        field: "Mô hình".into(),
                    })?,
                };
                let paper = match direction {
                    Direction::In => optional(Field::VoucherIn),
                    Direction::Out => optional(Field::VoucherOut),
                }
                .or_else(|| optional(Field::Voucher))
                .unwrap_or_default();
                let party = optional(Field::Party)
                    .map(|p| text::name("Người nộp/nhận", &p))
                    .transpose()?;
                Item::Money {
                    date,
                    program,
                    asset: Asset::Cash,
                    direction,
                    amount: amount.stored(),
                    category: ledger::default_category(program, direction),
                    party,
                    hamlet: None,
                    household: None,
                    households: None,
                    paper: text::clean("Số phiếu", &paper, 40)?,
                    memo: text::memo("Diễn giải", &text_of(Field::Description))?,
                }
            }
            Kind::Rice => {
                let date = parse_date(get(Field::Date))?;
                let kg_in = parse_kg(get(Field::KgIn))?;
                let kg_out = parse_kg(get(Field::KgOut))?;
                let (direction, kg) = match (kg_in, kg_out) {
                    (Some(k), None) => (Direction::In, k),
                    (None, Some(k)) => (Direction::Out, k),
                    (Some(_), Some(_)) => {
                        return Err(Error::ImportRow {
                            reason: "dòng có cả số kg nhập và số kg xuất; mỗi dòng là một phiếu"
                                .into(),
                        })
                    }
                    (None, None) => {
                        return Err(Error::ImportRow {
                            reason: "dòng không có số kg nhập hay xuất".into(),
                        })
                    }
                };
                let hamlet = optional(Field::Hamlet)
                    .map(|h| self.find_hamlet(commune, &h))
                    .transpose()?;
                let household = match direction {
                    Direction::Out => {
                        let name = optional(Field::Household).ok_or_else(|| Error::EmptyText {
                            field: "Hộ nhận".into(),
                        })?;
                        let typed = match &hamlet {
                            Some(h) => format!("{name} ({})", h.name),
                            None => name,
                        };
                        Some(self.find_household(commune, &typed)?.id)
                    }
                    Direction::In => None,
                };
                let households = match get(Field::Households) {
                    Cell::Empty => None,
                    c => Some(
                        c.text()
                            .trim()
                            .parse::<i64>()
                            .ok()
                            .filter(|n| (1..=100_000).contains(n))
                            .ok_or_else(|| Error::InvalidNumber {
                                field: "Số hộ góp gạo".into(),
                                input: c.text(),
                                hint: "hãy gõ một số nguyên, ví dụ 35".into(),
                            })?,
                    ),
                };
                Item::Money {
                    date,
                    program: Program::Rice,
                    asset: Asset::Rice,
                    direction,
                    amount: kg.stored(),
                    category: match direction {
                        Direction::In => Category::Collection,
                        Direction::Out => Category::Handout,
                    },
                    party: None,
                    hamlet: hamlet.map(|h| h.id.0),
                    household,
                    households,
                    paper: text::clean(
                        "Số phiếu",
                        &optional(Field::Voucher).unwrap_or_default(),
                        40,
                    )?,
                    memo: text::memo("Diễn giải", &text_of(Field::Description))?,
                }
            }
            Kind::Trips => {
                let on = parse_date(get(Field::Date))?;
                let from = optional(Field::Hamlet)
                    .map(|h| self.find_hamlet(commune, &h))
                    .transpose()?;
                Item::Trip(Box::new(crate::transport::TripFacts {
                    commune: commune.clone(),
                    on,
                    patient: text::name("Tên bệnh nhân", &text_of(Field::Patient))?,
                    to: text::name("Nơi đến", &text_of(Field::Destination))?,
                    km: parse_km(get(Field::Km))?,
                    from,
                    driver: optional(Field::Driver)
                        .map(|d| text::name("Tài xế", &d))
                        .transpose()?,
                    vehicle: optional(Field::Vehicle)
                        .map(|v| text::name("Xe", &v))
                        .transpose()?,
                    purpose: text::memo("Lý do chuyến đi", &text_of(Field::Description))?,
                    fuel: parse_vnd(get(Field::Cost))?,
                    other: None,
                    donation: None,
                    donor: None,
                }))
            }
        })
    }

    /// The import mappings saved in the book, by name.
    pub fn saved_mappings(&self) -> Result<Vec<(String, Mapping)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, mapping FROM import_mappings ORDER BY name")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(n, m)| serde_json::from_str(&m).ok().map(|m| (n, m)))
            .collect())
    }

    /// Saves a mapping under `name` to be used for next month's sheet.
    pub fn save_mapping(&mut self, name: &str, mapping: &Mapping) -> Result<()> {
        let name = text::name("Tên cách đọc cột", name)?;
        let json = serde_json::to_string(mapping)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO import_mappings (name, kind, mapping) VALUES (?1, ?2, ?3)
                 ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, mapping = excluded.mapping",
                params![name, serde_json::to_string(&mapping.kind)?, json],
            )?;
            Ok(())
        })
    }
}

fn refused(e: &Error) -> RowOutcome {
    RowOutcome::Refused {
        code: e.code().into(),
        reason: e.message(Lang::Vi),
        reason_en: e.message(Lang::En),
    }
}

/// The canonical text of a row's mapped fields, the base of its fingerprint.
fn fingerprint_text(kind: Kind, commune: &Commune, mapping: &Mapping, row: &[Cell]) -> String {
    let mut parts = vec![format!("{kind:?}"), commune.uuid.clone()];
    for (field, col) in &mapping.columns {
        if *field == Field::Balance {
            continue;
        }
        let cell = layout::column_index(col).and_then(|c| row.get(c));
        let value = match cell {
            Some(Cell::Date(d)) => d.to_string(),
            Some(c) if *field == Field::Date => parse_date(c)
                .map(|d| d.to_string())
                .unwrap_or_else(|_| c.text()),
            Some(c) => text::fold(&c.text()),
            None => String::new(),
        };
        parts.push(format!("{field:?}={value}"));
    }
    parts.join("\u{1e}")
}

fn known(tx: &Tx, print: &str) -> Result<bool> {
    let in_sources: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM movement_sources WHERE fingerprint = ?1)")?
        .query_row([print], |r| r.get(0))?;
    if in_sources {
        return Ok(true);
    }
    Ok(tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM imported_rows WHERE fingerprint = ?1)")?
        .query_row([print], |r| r.get(0))?)
}

/// Writes the items inside `tx`, each row's outcome into `outcomes`.
fn apply_items(
    tx: &Tx,
    commune: &Commune,
    kind: Kind,
    items: &mut [(usize, String, Item)],
    outcomes: &mut BTreeMap<usize, RowOutcome>,
    step: &mut Steps,
) -> Result<()> {
    // why: entries take the app's gapless numbers in date order, as the paper books ran.
    items.sort_by_key(|(row, _, item)| {
        let date = match item {
            Item::Money { date, .. } => Some(*date),
            Item::Trip(t) => Some(t.on),
            _ => None,
        };
        (date, *row)
    });
    let mut registered: Vec<String> = Vec::new();
    let mut money: Vec<usize> = Vec::new();
    for (i, (row, print, item)) in items.iter().enumerate() {
        if !matches!(item, Item::Money { .. }) {
            step.advance()?;
        }
        if known(tx, print)? {
            outcomes.insert(*row, RowOutcome::Duplicate);
            continue;
        }
        match item {
            Item::Money { .. } => money.push(i),
            Item::Household {
                name,
                hamlet,
                status,
                year,
            } => {
                let done = tx.attempt(|| {
                    crate::people::insert_household(
                        tx,
                        commune,
                        hamlet.as_ref(),
                        name,
                        *status,
                        *year,
                    )
                });
                match done {
                    Ok(_) => {
                        registered.push(print.clone());
                        outcomes.insert(*row, RowOutcome::Imported { what: name.clone() });
                    }
                    Err(e) => {
                        outcomes.insert(*row, refused(&e));
                    }
                }
            }
            Item::Named {
                register,
                name,
                detail,
            } => {
                let done = tx.attempt(|| add_named(tx, *register, name, detail.as_deref()));
                match done {
                    Ok(added) => {
                        registered.push(print.clone());
                        outcomes.insert(
                            *row,
                            if added {
                                RowOutcome::Imported { what: name.clone() }
                            } else {
                                RowOutcome::Skipped {
                                    reason: format!("“{name}” đã có trong danh mục"),
                                }
                            },
                        );
                    }
                    Err(e) => {
                        outcomes.insert(*row, refused(&e));
                    }
                }
            }
            Item::Trip(facts) => match tx.attempt(|| crate::transport::write_trip(tx, facts)) {
                Ok(trip) => {
                    registered.push(print.clone());
                    outcomes.insert(*row, RowOutcome::Imported { what: trip.number });
                }
                Err(e) => {
                    outcomes.insert(*row, refused(&e));
                }
            },
        }
    }
    if !money.is_empty() {
        apply_money(tx, commune, items, &money, outcomes, step)?;
    }
    if !registered.is_empty() {
        let seq = audit::next_seq(tx)?;
        let mut stmt = tx.prepare_cached(
            "INSERT INTO imported_rows (fingerprint, kind, audit_seq) VALUES (?1, ?2, ?3)",
        )?;
        for print in &registered {
            stmt.execute(params![print, format!("{kind:?}").to_lowercase(), seq])?;
            audit::track_new(tx, "imported_rows", &[print.clone().into()])?;
        }
    }
    Ok(())
}

/// Adds an entry of a named list unless one of that name is there; true when it was added.
fn add_named(tx: &Tx, register: Register, name: &str, detail: Option<&str>) -> Result<bool> {
    let table = match register {
        Register::Party => "parties",
        Register::Driver => "drivers",
        Register::Vehicle => "vehicles",
        Register::Destination => "destinations",
    };
    let before: i64 = tx.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
    let id = match register {
        Register::Party => crate::people::party_for(tx, Some(name))?,
        _ => crate::people::find_or_create(tx, table, name, None)?,
    };
    let after: i64 = tx.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
    if let Some(detail) = detail.filter(|d| !d.is_empty()) {
        let column = match register {
            Register::Driver => "phone",
            Register::Vehicle => "plate",
            Register::Destination => "default_distance",
            Register::Party => return Ok(after > before),
        };
        let empty: bool = tx.query_row(
            &format!("SELECT {column} IS NULL OR {column} = '' FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )?;
        if empty {
            audit::track_id(tx, table, id)?;
            tx.execute(
                &format!("UPDATE {table} SET {column} = ?1 WHERE id = ?2"),
                params![detail, id],
            )?;
            audit::record(
                tx,
                Change {
                    action: "set_detail",
                    entity: table,
                    entity_id: &id.to_string(),
                    before: None,
                    after: Some(json!({ column: detail })),
                },
            )?;
        }
    }
    Ok(after > before)
}

/// Writes the cash or rice rows under one audit entry: each row's date and the fund's stock on
/// every later day checked as it goes (see [`StockTracker`]), then each month touched refreshed.
fn apply_money(
    tx: &Tx,
    commune: &Commune,
    items: &[(usize, String, Item)],
    money: &[usize],
    outcomes: &mut BTreeMap<usize, RowOutcome>,
    step: &mut Steps,
) -> Result<()> {
    // Parties first: creating one writes its own audit entry, before this import's entry.
    let mut parties: HashMap<String, i64> = HashMap::new();
    for &i in money {
        if let Item::Money {
            party: Some(p),
            direction,
            ..
        } = &items[i].2
        {
            if !parties.contains_key(p) {
                let id = match direction {
                    Direction::In => crate::people::party_for(tx, Some(p)),
                    Direction::Out => crate::people::payee_for(tx, p),
                };
                if let Ok(id) = id {
                    parties.insert(p.clone(), id);
                }
            }
        }
    }
    let seq = audit::next_seq(tx)?;
    let start = crate::opening::start_date(tx, commune.id)?;
    let closed: BTreeSet<String> = tx
        .prepare("SELECT month FROM month_locks WHERE commune_id = ?1")?
        .query_map([commune.id.0], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut trackers: HashMap<(Program, Asset), StockTracker> = HashMap::new();
    let mut touched: BTreeSet<(Program, Asset, crate::date::Month)> = BTreeSet::new();
    let mut any = false;
    for &i in money {
        step.advance()?;
        let (row, print, item) = &items[i];
        let Item::Money {
            date,
            program,
            asset,
            direction,
            amount,
            category,
            party,
            hamlet,
            household,
            households,
            paper,
            memo,
        } = item
        else {
            continue;
        };
        let checked = (|| -> Result<()> {
            crate::date::check_range(*date, tx.today)?;
            crate::place::check_valid_on(commune, *date)?;
            if let Some(s) = start {
                if *date < s {
                    return Err(Error::BeforeStart {
                        commune: commune.title(),
                        date: crate::date::show(*date),
                        start: crate::date::show(s),
                    });
                }
            }
            let month = crate::date::Month::of(*date);
            if closed.contains(&month.to_string()) {
                return Err(Error::MonthClosed {
                    commune: commune.title(),
                    month: month.show(),
                });
            }
            if let (Some(p), Direction::Out) = (party, direction) {
                if !parties.contains_key(p) {
                    crate::people::payee_for(tx, p)?;
                }
            }
            Ok(())
        })();
        if let Err(e) = checked {
            outcomes.insert(*row, refused(&e));
            continue;
        }
        let key = (*program, *asset);
        let tracker = match trackers.entry(key) {
            std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => {
                let days: Vec<NaiveDate> = money
                    .iter()
                    .filter_map(|&j| match &items[j].2 {
                        Item::Money {
                            date,
                            program,
                            asset,
                            ..
                        } if (*program, *asset) == key => Some(*date),
                        _ => None,
                    })
                    .collect();
                v.insert(StockTracker::new(tx, commune, *program, *asset, &days)?)
            }
        };
        let signed = if *direction == Direction::In {
            *amount
        } else {
            -*amount
        };
        if let Err(low) = tracker.add(*date, signed) {
            let e = Error::StockTooLowOn {
                commune: commune.title(),
                program: program.label().into(),
                asset: asset.label().into(),
                available: asset.show(low.available.max(0)),
                requested: asset.show(*amount),
                date: crate::date::show(low.day),
            };
            outcomes.insert(*row, refused(&e));
            continue;
        }
        let entry = Entry {
            commune,
            program: *program,
            asset: *asset,
            date: *date,
            amount: *amount,
            category: *category,
            party_id: party.as_ref().and_then(|p| parties.get(p).copied()),
            household_id: household.map(|h| h.0),
            hamlet_id: *hamlet,
            trip_id: None,
            project_id: None,
            households: *households,
            memo,
        };
        let number = ledger::insert_movement(tx, seq, &entry)?;
        let id = tx.last_insert_rowid();
        tx.prepare_cached(
            "INSERT INTO movement_sources (movement_id, paper_voucher, fingerprint) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, paper, print])?;
        audit::track_new_id(tx, "movement_sources", id)?;
        touched.insert((*program, *asset, crate::date::Month::of(*date)));
        outcomes.insert(
            *row,
            RowOutcome::Imported {
                what: number.to_string(),
            },
        );
        any = true;
    }
    for (program, asset, month) in &touched {
        ledger::refresh_month(tx, commune.id, *program, *asset, *month)?;
    }
    // why: a net under the tracker: the stock rule is checked once more the usual way.
    for (program, asset) in trackers.keys() {
        ledger::check_fund(tx, commune, *program, *asset, 0)?;
    }
    if any {
        audit::append(
            tx,
            seq,
            Change {
                action: "import_entries",
                entity: "commune",
                entity_id: &commune.uuid,
                before: None,
                after: Some(json!({"entries": touched.len()})),
            },
        )?;
    }
    Ok(())
}

/// How far an import is, told to the clerk's progress hook every [`Steps::EVERY`] steps.
struct Steps<'a> {
    total: usize,
    done: usize,
    progress: &'a mut dyn FnMut(usize, usize) -> bool,
}

impl Steps<'_> {
    /// Rows between two calls of the hook: often enough for a smooth bar and a quick stop,
    /// rare enough to cost nothing.
    const EVERY: usize = 250;

    fn report(&mut self) -> Result<()> {
        if (self.progress)(self.done.min(self.total), self.total) {
            Ok(())
        } else {
            Err(Error::ImportCancelled)
        }
    }

    fn advance(&mut self) -> Result<()> {
        self.done += 1;
        if self.done.is_multiple_of(Self::EVERY) {
            self.report()?;
        }
        Ok(())
    }
}

/// The lowest balance a refused payment would have left.
struct Low {
    available: i64,
    day: NaiveDate,
}

/// A fund's end-of-day balances over the days that matter to an import (its existing entries'
/// days and the import's), kept in a segment tree: adding an entry on a day adds to every later
/// day, and a payment is refused when the lowest balance from its day on would drop below zero.
struct StockTracker {
    days: Vec<NaiveDate>,
    min: Vec<i64>,
    lazy: Vec<i64>,
    n: usize,
}

impl StockTracker {
    fn new(
        tx: &Tx,
        commune: &Commune,
        program: Program,
        asset: Asset,
        import_days: &[NaiveDate],
    ) -> Result<StockTracker> {
        let mut net: BTreeMap<NaiveDate, i64> = BTreeMap::new();
        let mut stmt = tx.prepare(
            "SELECT date, sum(CASE direction WHEN 'in' THEN amount ELSE -amount END)
             FROM movements m WHERE commune_id = ?1 AND program = ?2 AND asset = ?3
               AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.movement_id = m.id)
             GROUP BY date",
        )?;
        let rows = stmt
            .query_map(params![commune.id.0, program.code(), asset.code()], |r| {
                Ok((r.get::<_, NaiveDate>(0)?, r.get::<_, i64>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (d, v) in rows {
            net.insert(d, v);
        }
        for d in import_days {
            net.entry(*d).or_insert(0);
        }
        let days: Vec<NaiveDate> = net.keys().copied().collect();
        let mut running = crate::opening::of_fund(tx, commune.id.0, program, asset)?;
        let balances: Vec<i64> = net
            .values()
            .map(|v| {
                running += v;
                running
            })
            .collect();
        let n = days.len().max(1);
        let mut t = StockTracker {
            days,
            min: vec![i64::MAX; 4 * n],
            lazy: vec![0; 4 * n],
            n,
        };
        if !balances.is_empty() {
            t.build(1, 0, n - 1, &balances);
        }
        Ok(t)
    }

    fn build(&mut self, node: usize, lo: usize, hi: usize, values: &[i64]) {
        if lo == hi {
            self.min[node] = values[lo];
            return;
        }
        let mid = (lo + hi) / 2;
        self.build(2 * node, lo, mid, values);
        self.build(2 * node + 1, mid + 1, hi, values);
        self.min[node] = self.min[2 * node].min(self.min[2 * node + 1]);
    }

    fn push(&mut self, node: usize) {
        let add = self.lazy[node];
        if add != 0 {
            for child in [2 * node, 2 * node + 1] {
                self.min[child] = self.min[child].saturating_add(add);
                self.lazy[child] += add;
            }
            self.lazy[node] = 0;
        }
    }

    fn range_add(&mut self, node: usize, lo: usize, hi: usize, from: usize, add: i64) {
        if hi < from {
            return;
        }
        if lo >= from {
            self.min[node] = self.min[node].saturating_add(add);
            self.lazy[node] += add;
            return;
        }
        self.push(node);
        let mid = (lo + hi) / 2;
        self.range_add(2 * node, lo, mid, from, add);
        self.range_add(2 * node + 1, mid + 1, hi, from, add);
        self.min[node] = self.min[2 * node].min(self.min[2 * node + 1]);
    }

    /// The lowest balance from day index `from` on, and the first day it is reached.
    fn range_min(&mut self, node: usize, lo: usize, hi: usize, from: usize) -> (i64, usize) {
        if hi < from {
            return (i64::MAX, usize::MAX);
        }
        if lo == hi {
            return (self.min[node], lo);
        }
        if lo >= from {
            // Descend to the first leaf holding the minimum.
            self.push(node);
            let mid = (lo + hi) / 2;
            return if self.min[2 * node] <= self.min[2 * node + 1] {
                self.range_min(2 * node, lo, mid, from)
            } else {
                self.range_min(2 * node + 1, mid + 1, hi, from)
            };
        }
        self.push(node);
        let mid = (lo + hi) / 2;
        let left = self.range_min(2 * node, lo, mid, from);
        let right = self.range_min(2 * node + 1, mid + 1, hi, from);
        if left.0 <= right.0 {
            left
        } else {
            right
        }
    }

    /// Adds `signed` on `day`; refuses (changing nothing) when a balance would drop below zero.
    fn add(&mut self, day: NaiveDate, signed: i64) -> std::result::Result<(), Low> {
        let Ok(at) = self.days.binary_search(&day) else {
            return Ok(());
        };
        if signed < 0 {
            let (low, where_) = self.range_min(1, 0, self.n - 1, at);
            if low.saturating_add(signed) < 0 {
                return Err(Low {
                    available: low,
                    day: self.days.get(where_).copied().unwrap_or(day),
                });
            }
        }
        self.range_add(1, 0, self.n - 1, at, signed);
        Ok(())
    }
}

/// Reads the column mapping of a file saved by [`Mapping`]'s JSON (the CLI's `--map FILE`).
pub fn mapping_from_json(text: &str) -> Result<Mapping> {
    serde_json::from_str(text).map_err(|e| Error::ImportFile {
        path: "cách đọc cột".into(),
        detail: format!("không đọc được ({e})"),
    })
}
