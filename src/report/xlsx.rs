//! The XLSX rendering: one worksheet that opens in Excel and LibreOffice with real numbers.
//!
//! Amounts are written as numbers (never as text) from their exact decimals, formatted with
//! thousands separators (`#,##0` for đồng, up to three decimals for kg and km); dates are real
//! dates shown dd/mm/yyyy; total rows are bold with a rule above; voided lines are italic with
//! their amounts struck through. The sheet is set up to print on A4 with the same margins as the
//! HTML, the first table's header repeated on every page, and page numbers at the top.
//!
//! Excel stores every number as a binary double. Đồng amounts are whole numbers far below 2^53,
//! so they are exact; kilograms carry at most three decimals and round-trip to the gram.

use super::layout::{Block, Cell, Document, Orientation, Row, RowKind, Table};
use crate::error::{Error, Result};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

fn fail(e: XlsxError) -> Error {
    Error::Storage(format!("XLSX: {e}"))
}

/// Paper size code of A4 in the spreadsheet format.
const PAPER_A4: u8 = 9;

fn base() -> Format {
    Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(12)
}

fn number_format(c: &Cell) -> &'static str {
    let fractional = c.decimal().is_some_and(|d| !d.fract().is_zero());
    match c {
        Cell::Vnd(_) | Cell::Count(_) => "#,##0",
        Cell::Workdays(_) => "#,##0.0",
        Cell::Kg(_) | Cell::Km(_) if fractional => "#,##0.0##",
        _ => "#,##0",
    }
}

fn cell_format(c: &Cell, kind: RowKind) -> Format {
    let mut f = base().set_border(FormatBorder::Thin).set_text_wrap();
    f = match c {
        Cell::Date(_) => f
            .set_num_format("dd/mm/yyyy")
            .set_align(FormatAlign::Center),
        c if c.is_number() => f
            .set_num_format(number_format(c))
            .set_align(FormatAlign::Right),
        _ => f,
    };
    f = match kind {
        RowKind::Section | RowKind::Subtotal => f.set_bold(),
        RowKind::Balance => f.set_bold().set_italic(),
        RowKind::Total => f.set_bold().set_border_top(FormatBorder::Medium),
        RowKind::Void if c.is_number() => f.set_italic().set_font_strikethrough(),
        RowKind::Void => f.set_italic(),
        RowKind::Body => f,
    };
    f.set_align(FormatAlign::VerticalCenter)
}

fn write_cell(ws: &mut Worksheet, row: u32, col: u16, c: &Cell, f: &Format) -> Result<()> {
    match c {
        Cell::Empty => ws.write_blank(row, col, f).map(|_| ()),
        Cell::Text(s) => ws.write_string_with_format(row, col, s, f).map(|_| ()),
        Cell::Date(d) => ws.write_with_format(row, col, d, f).map(|_| ()),
        other => match other.decimal() {
            Some(d) => ws.write_with_format(row, col, d, f).map(|_| ()),
            None => ws.write_blank(row, col, f).map(|_| ()),
        },
    }
    .map_err(fail)
}

fn write_row(ws: &mut Worksheet, at: u32, r: &Row, widths: &[usize]) -> Result<()> {
    let mut lines = 1;
    for (i, c) in r.cells.iter().enumerate() {
        write_cell(ws, at, i as u16, c, &cell_format(c, r.kind))?;
        if let Cell::Text(t) = c {
            let width = widths
                .get(i)
                .copied()
                .unwrap_or(10)
                .saturating_sub(1)
                .max(1);
            lines = lines.max(t.chars().count().div_ceil(width));
        }
    }
    if lines > 1 {
        // why: neither Excel nor LibreOffice reliably grows a row for wrapped text written by a
        // program; the height is set from the longest text and its column's width.
        ws.set_row_height(at, ROW_HEIGHT * lines as u16)
            .map_err(fail)?;
    }
    Ok(())
}

/// Height of one line of 12 pt text, in points.
const ROW_HEIGHT: u16 = 16;

/// Column widths in characters: for each column position, the widest header or printed cell of
/// any table there (text capped at 32 characters, wrapped beyond), at least 5.
fn column_widths(doc: &Document, count: usize) -> Vec<usize> {
    let mut widths = vec![5usize; count];
    for t in doc.tables() {
        for (i, c) in t.columns.iter().enumerate() {
            let label = c.label.chars().count().div_ceil(2).max(
                c.label
                    .split_whitespace()
                    .map(|w| w.chars().count())
                    .max()
                    .unwrap_or(0),
            );
            widths[i] = widths[i].max(label + 1);
        }
        for row in t.rows.iter().chain(t.totals.iter()) {
            for (i, cell) in row.cells.iter().enumerate().take(count) {
                let chars = cell.printed().chars().count() + 2;
                let cap = if cell.is_number() || matches!(cell, Cell::Date(_)) {
                    20
                } else {
                    32
                };
                widths[i] = widths[i].max(chars.min(cap));
            }
        }
    }
    widths
}

/// Writes a table at row `at`; returns the next free row and the header's rows.
fn write_table(
    ws: &mut Worksheet,
    at: u32,
    t: &Table,
    widths: &[usize],
) -> Result<(u32, (u32, u32))> {
    let head = base()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let grouped = t.columns.iter().any(|c| c.group.is_some());
    let mut row = at;
    if grouped {
        let mut i = 0;
        while i < t.columns.len() {
            let c = &t.columns[i];
            match &c.group {
                Some(g) => {
                    let span = t.columns[i..]
                        .iter()
                        .take_while(|x| x.group.as_ref() == Some(g))
                        .count();
                    if span > 1 {
                        ws.merge_range(row, i as u16, row, (i + span - 1) as u16, g, &head)
                            .map_err(fail)?;
                    } else {
                        ws.write_string_with_format(row, i as u16, g, &head)
                            .map_err(fail)?;
                    }
                    for (j, col) in t.columns[i..i + span].iter().enumerate() {
                        ws.write_string_with_format(row + 1, (i + j) as u16, &col.label, &head)
                            .map_err(fail)?;
                    }
                    i += span;
                }
                None => {
                    ws.merge_range(row, i as u16, row + 1, i as u16, &c.label, &head)
                        .map_err(fail)?;
                    i += 1;
                }
            }
        }
        row += 2;
    } else {
        for (i, c) in t.columns.iter().enumerate() {
            ws.write_string_with_format(row, i as u16, &c.label, &head)
                .map_err(fail)?;
        }
        row += 1;
    }
    let header_rows = (at, row - 1);
    let lines = t
        .columns
        .iter()
        .zip(widths)
        .map(|(c, w)| c.label.chars().count().div_ceil(w.saturating_sub(1).max(1)))
        .max()
        .unwrap_or(1);
    if lines > 1 {
        ws.set_row_height(row - 1, ROW_HEIGHT * lines as u16)
            .map_err(fail)?;
    }
    for r in t.rows.iter().chain(t.totals.iter()) {
        write_row(ws, row, r, widths)?;
        row += 1;
    }
    Ok((row, header_rows))
}

/// The document as the bytes of an .xlsx file.
pub fn render(doc: &Document) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let name: String = doc
        .sheet_name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .take(31)
        .collect();
    ws.set_name(if name.trim().is_empty() {
        "Bao cao".to_string()
    } else {
        name
    })
    .map_err(fail)?;
    ws.set_paper_size(PAPER_A4);
    if doc.orientation == Orientation::Landscape {
        ws.set_landscape();
    }
    // why: the margins of Nghị định 30 in inches (the unit of the format): 30 mm left, 15 mm
    // right, 20 mm top and bottom.
    ws.set_margins(1.18, 0.59, 0.79, 0.79, 0.3, 0.3);
    ws.set_header("&C&P");
    ws.set_footer(format!(
        "&R&8Mã sổ {}",
        doc.meta.fingerprint.replace('&', "&&")
    ));

    let width = doc
        .tables()
        .map(|t| t.columns.len())
        .max()
        .unwrap_or(4)
        .max(4);
    let last = (width - 1) as u16;
    let widths = column_widths(doc, width);
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as u16, *w as u16).map_err(fail)?;
    }
    // why: a wide table scales down to the paper's width rather than spilling onto a second
    // sheet of paper sideways; its length runs over as many pages as it needs.
    ws.set_print_fit_to_pages(1, 0);

    let plain = base();
    let bold = base().set_bold();
    let centre = |f: Format| f.set_align(FormatAlign::Center);
    // why: the national title is the longest heading line; the right part gets the wider share.
    let split = (width * 2 / 5).max(1) as u16;
    let mut row: u32 = 0;
    let m = &doc.meta;
    // The heading: left the bodies, right the national title, motto and date line.
    ws.merge_range(
        row,
        0,
        row,
        split - 1,
        &m.parent_body,
        &centre(plain.clone()),
    )
    .map_err(fail)?;
    ws.merge_range(
        row,
        split,
        row,
        last,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        &centre(bold.clone().set_font_size(11)),
    )
    .map_err(fail)?;
    row += 1;
    ws.merge_range(
        row,
        0,
        row,
        split - 1,
        &m.issuing_body,
        &centre(bold.clone()),
    )
    .map_err(fail)?;
    ws.merge_range(
        row,
        split,
        row,
        last,
        "Độc lập - Tự do - Hạnh phúc",
        &centre(
            bold.clone()
                .set_underline(rust_xlsxwriter::FormatUnderline::Single),
        ),
    )
    .map_err(fail)?;
    row += 1;
    ws.merge_range(
        row,
        0,
        row,
        split - 1,
        &doc.number_line,
        &centre(plain.clone()),
    )
    .map_err(fail)?;
    ws.merge_range(
        row,
        split,
        row,
        last,
        &m.place_date(),
        &centre(plain.clone().set_italic()),
    )
    .map_err(fail)?;
    row += 2;
    ws.merge_range(
        row,
        0,
        row,
        last,
        &doc.title,
        &centre(bold.clone().set_font_size(14)),
    )
    .map_err(fail)?;
    row += 1;
    for s in &doc.subtitle {
        ws.merge_range(row, 0, row, last, s, &centre(bold.clone()))
            .map_err(fail)?;
        row += 1;
    }
    row += 1;
    let mut repeat: Option<(u32, u32)> = None;
    for block in &doc.blocks {
        match block {
            Block::Heading { text } => {
                ws.write_string_with_format(row, 0, text, &bold)
                    .map_err(fail)?;
                row += 1;
            }
            Block::Paragraph { text } => {
                ws.merge_range(row, 0, row, last, text, &plain.clone().set_text_wrap())
                    .map_err(fail)?;
                row += 1;
            }
            Block::Facts { lines } => {
                // Label over the first half, value over the rest, so neither is cut.
                let split = split.max(1);
                for (label, value) in lines {
                    ws.merge_range(row, 0, row, split - 1, &format!("{label}:"), &plain)
                        .map_err(fail)?;
                    let f = match value {
                        Cell::Date(_) => plain
                            .clone()
                            .set_num_format("dd/mm/yyyy")
                            .set_align(FormatAlign::Left),
                        v if v.is_number() => bold
                            .clone()
                            .set_num_format(number_format(v))
                            .set_align(FormatAlign::Left),
                        _ => plain.clone().set_text_wrap(),
                    };
                    ws.merge_range(row, split, row, last, "", &f)
                        .map_err(fail)?;
                    write_cell(ws, row, split, value, &f)?;
                    let room: usize = widths[split as usize..].iter().sum::<usize>().max(1);
                    let lines = value.printed().chars().count().div_ceil(room);
                    if lines > 1 {
                        ws.set_row_height(row, ROW_HEIGHT * lines as u16)
                            .map_err(fail)?;
                    }
                    row += 1;
                }
            }
            Block::Table(t) => {
                let (next, header) = write_table(ws, row, t, &widths)?;
                repeat.get_or_insert(header);
                row = next + 1;
            }
        }
    }
    if let Some((first, last_row)) = repeat {
        ws.set_repeat_rows(first, last_row).map_err(fail)?;
    }
    for n in &doc.notes {
        ws.merge_range(
            row,
            0,
            row,
            last,
            &format!("Ghi chú: {n}"),
            &plain.clone().set_italic().set_text_wrap(),
        )
        .map_err(fail)?;
        row += 1;
    }
    row += 1;
    // Signatures: spread across the width, titles bold, hint italic, names four rows below.
    let count = doc.signatures.len().max(1);
    for (i, s) in doc.signatures.iter().enumerate() {
        let col = ((i * width) / count) as u16;
        let title = s.title.join(" / ");
        ws.write_string_with_format(row, col, &title, &bold)
            .map_err(fail)?;
        ws.write_string_with_format(row + 1, col, &s.hint, &plain.clone().set_italic())
            .map_err(fail)?;
        ws.write_string_with_format(row + 5, col, &s.name, &bold)
            .map_err(fail)?;
    }
    row += 7;
    ws.write_string_with_format(row, 0, m.stamp(), &plain.clone().set_font_size(9))
        .map_err(fail)?;
    wb.save_to_buffer().map_err(fail)
}
