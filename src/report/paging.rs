//! Pages, decided before printing: which blocks and table rows go on which A4 page.
//!
//! Print engines differ in what they do with paged CSS: WebKitGTK's print engine (the window's
//! "Lưu PDF") ignores `@page` margin boxes and does not repeat table headers, Chromium repeats
//! a `tfoot` under a running balance it no longer matches, and neither can print a carried
//! total. So the HTML is cut into pages here, one `<section class="page">` each, from a
//! conservative model of how tall each piece prints (font sizes and line heights of the style
//! sheet, column widths, words wrapped greedily with generous glyph widths). Each page then
//! carries its own number, its table headers, and, where a table with totals runs over,
//! "Cộng chuyển sang trang sau" at its foot and "Số trang trước chuyển sang" at the head of the
//! next page. The model errs on the tall side: a page prints a little short rather than spill.
//! A test prints every report with Chromium and checks that it has as many pages as planned.

use super::html::split_body;
use super::layout::{Block, Carry, Cell, Column, Document, Orientation, Row, RowKind, Table};

/// Millimetres per typographic point.
const PT: f64 = 25.4 / 72.0;

/// The height of one line of text at `size` pt with a `line-height` of `lh`, in mm, as WebKit
/// lays it out: rounded up to a whole CSS pixel (Chromium keeps the fraction, so its lines are
/// never taller than this).
fn line_mm(size: f64, lh: f64) -> f64 {
    (size * 4.0 / 3.0 * lh).ceil() * 25.4 / 96.0
}

/// The printable area of a page (A4 less the margins of Nghị định 30: 20/15/20/30 mm).
fn area(orientation: Orientation) -> (f64, f64) {
    match orientation {
        Orientation::Portrait => (210.0 - 45.0, 297.0 - 40.0),
        Orientation::Landscape => (297.0 - 45.0, 210.0 - 40.0),
    }
}

/// How much wider than the font's own metrics text prints, and a hair of height to spare:
/// WebKitGTK (the window's "Lưu PDF") rounds glyph advances to whole pixels, which makes its
/// text about 7 % wider than Chromium's (its line heights are rounded in `line_mm`).
const TALLER: f64 = 1.015;
const WIDER: f64 = 1.08;

/// The width of the printable area in mm (what a table's 100 % is).
pub(crate) fn printable_width(orientation: Orientation) -> f64 {
    area(orientation).0
}

/// Kept free at the foot of every page: the fingerprint line (8 pt, 1.5 mm above it) and a
/// margin for error. (The page number prints in the top margin.)
const FOOT: f64 = 4.5 + 1.5;
/// Nothing is taken from the top of pages 2..: the page number sits in the top margin.
///
/// Heights below count each block's top margin and not its bottom one: the style sheet's
/// bottom margins are never larger than the top margin of what follows, and adjacent vertical
/// margins collapse into the larger.
const PAGE_NUMBER: f64 = 0.0;

/// Advance widths of Times New Roman (and its metric twin Tinos), in thousandths of an em, for
/// a–z and A–Z, regular and bold.
const LOWER: [u16; 26] = [
    444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389,
    278, 500, 500, 722, 500, 500, 444,
];
const UPPER: [u16; 26] = [
    722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556,
    611, 722, 722, 944, 722, 722, 611,
];
const LOWER_BOLD: [u16; 26] = [
    500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389,
    333, 556, 500, 722, 500, 500, 444,
];
const UPPER_BOLD: [u16; 26] = [
    722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556,
    667, 722, 722, 1000, 722, 722, 667,
];

/// The width of a glyph in ems. A Vietnamese letter is as wide as its base letter (the marks sit
/// above or below it); anything unknown counts as a wide letter.
fn glyph_em(c: char, bold: bool) -> f64 {
    use unicode_normalization::UnicodeNormalization;
    let base = match c {
        'đ' => 'd',
        'Đ' => 'D',
        c if c.is_ascii() => c,
        c => std::iter::once(c).nfd().next().unwrap_or(c),
    };
    let table = |lower: &[u16; 26], upper: &[u16; 26]| match base {
        'a'..='z' => f64::from(lower[(base as u8 - b'a') as usize]) / 1000.0,
        'A'..='Z' => f64::from(upper[(base as u8 - b'A') as usize]) / 1000.0,
        _ => 0.0,
    };
    let w = if bold {
        table(&LOWER_BOLD, &UPPER_BOLD)
    } else {
        table(&LOWER, &UPPER)
    };
    if w > 0.0 {
        return w;
    }
    match base {
        ' ' | '.' | ',' => 0.25,
        ':' | ';' | '/' | '\'' | '|' => 0.28,
        '(' | ')' | '[' | ']' | '-' => 0.333,
        '0'..='9' | '–' => 0.5,
        '%' => 0.833,
        '—' => 1.0,
        _ => 0.72,
    }
}

/// How many lines `text` takes in a box `width` mm wide at `size` pt, words wrapped greedily as
/// a browser wraps them. A word longer than the line stays whole (the browser widens the column
/// rather than break it), so it counts as one line.
pub(crate) fn lines(text: &str, width: f64, size: f64, bold: bool) -> usize {
    let em = size * PT * WIDER;
    let room = (width / em).max(1.0);
    let space = glyph_em(' ', bold);
    let mut count = 1;
    let mut used = 0.0;
    for word in text.split(' ') {
        let w: f64 = word.chars().map(|c| glyph_em(c, bold)).sum();
        if used > 0.0 && used + space + w > room {
            count += 1;
            used = w;
        } else if used > 0.0 {
            used += space + w;
        } else {
            used = w;
        }
    }
    count
}

/// Type sizes of a data table (the style sheet's `table.data` and `table.data.dense`).
struct TableType {
    size: f64,
    line: f64,
    /// Padding left + right of a cell, mm.
    pad_x: f64,
    /// Padding top + bottom plus one border, mm.
    pad_y: f64,
}

fn table_type(t: &Table) -> TableType {
    if dense(t) {
        TableType {
            size: 9.5,
            line: line_mm(9.5, 1.15),
            pad_x: 3.0 * PT,
            // 1 pt of padding above and below, and a border rounded to a whole pixel.
            pad_y: (2.0 * 4.0 / 3.0 + 1.0) * 25.4 / 96.0,
        }
    } else {
        TableType {
            size: 10.5,
            line: line_mm(10.5, 1.12),
            pad_x: 6.0 * PT,
            // 0.4 pt of padding above and below, and a border rounded to a whole pixel.
            pad_y: (0.8 * 4.0 / 3.0 + 1.0) * 25.4 / 96.0,
        }
    }
}

/// Whether a table prints in the smaller type (many columns: the communes side by side).
pub(crate) fn dense(t: &Table) -> bool {
    t.columns.len() > 10
}

/// How wide `text` prints at `size` pt, in mm (on one line).
fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    text.chars().map(|c| glyph_em(c, bold)).sum::<f64>() * size * PT * WIDER
}

/// Whether a cell of this column prints on one line whatever its width: numbers, dates, codes.
fn one_line(c: &Column, cell: &Cell) -> bool {
    c.nowrap || cell.is_number() || matches!(cell, Cell::Date(_))
}

/// The widths of a table's columns in mm, for a table `width` mm wide.
///
/// The columns' relative widths are a wish; what may not wrap (numbers, dates, voucher numbers,
/// the longest word of a label) gets at least its printed width, taken from the columns with room
/// to spare. The HTML prints these widths with `table-layout: fixed`, so every engine lays the
/// table out as planned here instead of widening columns by its own measure of the text.
pub(crate) fn column_widths(t: &Table, width: f64) -> Vec<f64> {
    let ty = table_type(t);
    let total: f64 = t
        .columns
        .iter()
        .map(|c| f64::from(c.width))
        .sum::<f64>()
        .max(1.0);
    let mut widths: Vec<f64> = t
        .columns
        .iter()
        .map(|c| f64::from(c.width) / total * width)
        .collect();
    let longest_word = |s: &str, bold: bool| {
        s.split(' ')
            .map(|w| text_width(w, ty.size, bold))
            .fold(0.0, f64::max)
    };
    let mins: Vec<f64> = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cells = t
                .rows
                .iter()
                .chain(t.totals.iter())
                .filter_map(|r| r.cells.get(i).map(|cell| (r.kind, cell)));
            let content = cells
                .map(|(kind, cell)| {
                    let bold = !matches!(kind, RowKind::Body | RowKind::Void);
                    let text = cell.printed();
                    if one_line(c, cell) {
                        text_width(&text, ty.size, bold)
                    } else {
                        longest_word(&text, bold)
                    }
                })
                .fold(longest_word(&c.label, true), f64::max);
            content + ty.pad_x + 0.8
        })
        .collect();
    // Widen what is too narrow, taking the room from the columns that have some to spare.
    let short: f64 = widths
        .iter()
        .zip(&mins)
        .map(|(w, m)| (m - w).max(0.0))
        .sum();
    let spare: f64 = widths
        .iter()
        .zip(&mins)
        .map(|(w, m)| (w - m).max(0.0))
        .sum();
    if short > 0.0 && spare > 0.0 {
        let take = (short / spare).min(1.0);
        for (w, m) in widths.iter_mut().zip(&mins) {
            if *w < *m {
                *w = *m;
            } else {
                *w -= (*w - m) * take;
            }
        }
        let sum: f64 = widths.iter().sum();
        for w in &mut widths {
            *w *= width / sum;
        }
    }
    widths
}

fn row_height(t: &Table, r: &Row, widths: &[f64]) -> f64 {
    let ty = table_type(t);
    let bold = !matches!(r.kind, RowKind::Body | RowKind::Void);
    let n = r
        .cells
        .iter()
        .zip(t.columns.iter().zip(widths))
        .map(|(c, (col, w))| {
            if one_line(col, c) || matches!(c, Cell::Empty) {
                1
            } else {
                lines(&c.printed(), w - ty.pad_x, ty.size, bold)
            }
        })
        .max()
        .unwrap_or(1);
    n as f64 * ty.line + ty.pad_y
}

fn header_height(t: &Table, widths: &[f64]) -> f64 {
    let ty = table_type(t);
    let cell =
        |text: &str, w: f64| lines(text, w - ty.pad_x, ty.size, true) as f64 * ty.line + ty.pad_y;
    let grouped = t.columns.iter().any(|c| c.group.is_some());
    if !grouped {
        return t
            .columns
            .iter()
            .zip(widths)
            .map(|(c, w)| cell(&c.label, *w))
            .fold(0.0, f64::max);
    }
    let mut top: f64 = 0.0;
    let mut second: f64 = 0.0;
    let mut spanning: f64 = 0.0;
    let mut i = 0;
    while i < t.columns.len() {
        match &t.columns[i].group {
            Some(g) => {
                let span: Vec<usize> = (i..t.columns.len())
                    .take_while(|j| t.columns[*j].group.as_ref() == Some(g))
                    .collect();
                let w: f64 = span.iter().map(|j| widths[*j]).sum();
                top = top.max(cell(g, w));
                for j in &span {
                    second = second.max(cell(&t.columns[*j].label, widths[*j]));
                }
                i += span.len();
            }
            None => {
                spanning = spanning.max(cell(&t.columns[i].label, widths[i]));
                i += 1;
            }
        }
    }
    (top + second).max(spanning)
}

/// A piece of a page.
#[derive(Debug, Clone)]
pub(crate) enum Piece<'a> {
    /// The official heading, the title and the subtitles (page 1).
    Heading,
    Block(&'a Block),
    /// Rows `from..to` of a table, under its header; `totals` when its last rows are here.
    Rows {
        table: &'a Table,
        from: usize,
        to: usize,
        brought: Option<Row>,
        carried: Option<Row>,
        totals: bool,
    },
    /// Notes and signatures.
    Closing,
}

/// The pages of a document, each a list of pieces.
pub(crate) fn paginate(doc: &Document) -> Vec<Vec<Piece<'_>>> {
    let (width, height) = area(doc.orientation);
    let mut p = Pager {
        pages: vec![Vec::new()],
        used: 0.0,
        room: (height - FOOT) / TALLER,
        height,
    };
    p.put(Piece::Heading, heading_height(doc, width));
    let closing = closing_height(doc, width);
    let last_table = doc
        .blocks
        .iter()
        .rposition(|b| matches!(b, Block::Table(_)));
    let tail_after = |i: usize| -> f64 {
        doc.blocks[i + 1..]
            .iter()
            .map(|b| block_height(b, width))
            .sum::<f64>()
            + closing
    };
    for (i, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Table(t) => {
                // The last table keeps its last row with its totals, the blocks after it and the
                // signatures, so that no page holds signatures alone.
                let keep = match Some(i) == last_table {
                    true if tail_after(i) <= 0.6 * height => tail_after(i),
                    _ => 0.0,
                };
                p.table(t, width, keep, doc.carry_totals);
            }
            Block::Heading { .. } => {
                // A heading stays with the start of what follows it: the headings under it and
                // the first block (or a table's header and first row).
                let mut next = 0.0;
                for b in &doc.blocks[i + 1..] {
                    match b {
                        Block::Heading { .. } => next += block_height(b, width),
                        Block::Table(t) => {
                            let w = column_widths(t, width);
                            next += 1.0
                                + header_height(t, &w)
                                + t.rows.first().map_or(0.0, |r| row_height(t, r, &w));
                            break;
                        }
                        other => {
                            next += block_height(other, width);
                            break;
                        }
                    }
                }
                let h = block_height(block, width);
                if p.used + h + next > p.room && !p.fresh() {
                    p.break_page();
                }
                p.put(Piece::Block(block), h);
            }
            _ => {
                let h = block_height(block, width);
                p.put(Piece::Block(block), h);
            }
        }
    }
    p.put(Piece::Closing, closing);
    p.pages
}

struct Pager<'a> {
    pages: Vec<Vec<Piece<'a>>>,
    used: f64,
    room: f64,
    height: f64,
}

impl<'a> Pager<'a> {
    fn fresh(&self) -> bool {
        self.pages.last().is_none_or(|p| p.is_empty())
    }

    fn break_page(&mut self) {
        self.pages.push(Vec::new());
        self.used = PAGE_NUMBER;
        self.room = (self.height - FOOT) / TALLER;
    }

    /// Puts a piece that is not split, on a new page if it does not fit this one.
    fn put(&mut self, piece: Piece<'a>, h: f64) {
        if self.used + h > self.room && !self.fresh() {
            self.break_page();
        }
        self.used += h;
        self.push(piece);
    }

    fn table(&mut self, t: &'a Table, width: f64, keep: f64, carry: bool) {
        let widths = column_widths(t, width);
        let head = 1.0 + header_height(t, &widths);
        let heights: Vec<f64> = t.rows.iter().map(|r| row_height(t, r, &widths)).collect();
        let totals: f64 = t.totals.iter().map(|r| row_height(t, r, &widths)).sum();
        let carries = carry && !t.totals.is_empty();
        let carry_row = if t.rows.is_empty() {
            table_type(t).line + table_type(t).pad_y
        } else {
            let forward = carry_line(t, t.rows.len(), true);
            let back = carry_line(t, t.rows.len(), false);
            row_height(t, &forward, &widths).max(row_height(t, &back, &widths))
        };
        let n = heights.len();
        if n == 0 {
            // "Không có số liệu trong kỳ" under the header, then the totals.
            let h = head + carry_row + totals;
            if self.used + h + keep > self.room && !self.fresh() {
                self.break_page();
            }
            self.used += h;
            self.push(Piece::Rows {
                table: t,
                from: 0,
                to: 0,
                brought: None,
                carried: None,
                totals: true,
            });
            return;
        }
        let mut from = 0;
        let mut brought: Option<Row> = None;
        loop {
            let fresh = self.fresh();
            let mut used = self.used + head + brought.as_ref().map_or(0.0, |_| carry_row);
            let mut to = from;
            while to < n {
                let last = to + 1 == n;
                let need = heights[to]
                    + if last {
                        totals + keep
                    } else if carries {
                        carry_row
                    } else {
                        0.0
                    };
                // On a fresh page at least one row goes in, whatever must follow it.
                if used + need <= self.room || (fresh && to == from) {
                    used += heights[to];
                    to += 1;
                } else {
                    break;
                }
            }
            if to == from {
                // Not even one row fits under the header here: the table starts a page.
                self.break_page();
                continue;
            }
            let done = to == n;
            let carried = (!done && carries).then(|| carry_line(t, to, true));
            used += if done {
                totals
            } else if carried.is_some() {
                carry_row
            } else {
                0.0
            };
            self.used = used;
            self.push(Piece::Rows {
                table: t,
                from,
                to,
                brought: brought.take(),
                carried,
                totals: done,
            });
            if done {
                return;
            }
            brought = carries.then(|| carry_line(t, to, false));
            from = to;
            self.break_page();
        }
    }

    fn push(&mut self, piece: Piece<'a>) {
        if let Some(page) = self.pages.last_mut() {
            page.push(piece);
        }
    }
}

/// The carried-totals line after the first `upto` rows: sums of the summed columns over the
/// ordinary rows so far, and the last balance of the balance columns.
pub(crate) fn carry_line(t: &Table, upto: usize, forward: bool) -> Row {
    let label = if forward {
        "Cộng chuyển sang trang sau"
    } else {
        "Số trang trước chuyển sang"
    };
    // The label goes in the widest text column.
    let label_at = t
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.numeric)
        .max_by_key(|(_, c)| c.width)
        .map_or(0, |(i, _)| i);
    let cells = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i == label_at {
                return Cell::text(label);
            }
            match c.carry {
                Carry::Sum => sum_column(&t.rows[..upto], i),
                Carry::Last => t.rows[..upto]
                    .iter()
                    .rev()
                    .map(|r| r.cells.get(i).cloned().unwrap_or(Cell::Empty))
                    .find(Cell::is_number)
                    .unwrap_or(Cell::Empty),
                Carry::None => Cell::Empty,
            }
        })
        .collect();
    Row::new(RowKind::Subtotal, cells)
}

fn sum_column(rows: &[Row], i: usize) -> Cell {
    let mut total: Option<Cell> = None;
    for r in rows.iter().filter(|r| r.kind == RowKind::Body) {
        let Some(c) = r.cells.get(i) else { continue };
        total = match (total, c) {
            (None, c) if c.is_number() => Some(c.clone()),
            (Some(Cell::Vnd(a)), Cell::Vnd(b)) => a.checked_add(*b).map(Cell::Vnd),
            (Some(Cell::Kg(a)), Cell::Kg(b)) => a.checked_add(*b).map(Cell::Kg),
            (Some(Cell::Km(a)), Cell::Km(b)) => a.checked_add(*b).map(Cell::Km),
            (Some(Cell::Count(a)), Cell::Count(b)) => Some(Cell::Count(a + b)),
            (Some(Cell::Workdays(a)), Cell::Workdays(b)) => {
                Some(Cell::Workdays(super::Workdays(a.0 + b.0)))
            }
            (t, _) => t,
        };
    }
    total.unwrap_or(Cell::Empty)
}

fn heading_height(doc: &Document, width: f64) -> f64 {
    let m = &doc.meta;
    let line = |size: f64| line_mm(size, 1.25);
    let mut left = 0.0;
    if !m.parent_body.is_empty() {
        left += line(12.5);
    }
    left += split_body(&m.issuing_body).len() as f64 * line(12.5) + 0.5;
    if !doc.number_line.is_empty() {
        left += line(13.0) + 5.0 * PT;
    }
    let right = line(12.5) + line(13.5) + 1.5 * PT + line(13.5) + 5.0 * PT;
    let subtitles: f64 = doc
        .subtitle
        .iter()
        .map(|s| lines(s, width, 13.5, true) as f64 * line(13.5) + PT)
        .sum();
    f64::max(left, right)
        + 6.0
        + lines(&doc.title, width, 14.0, true) as f64 * line(14.0)
        + subtitles
        + 5.0
}

fn block_height(block: &Block, width: f64) -> f64 {
    let line = line_mm(13.0, 1.25);
    match block {
        Block::Heading { text } => lines(text, width, 13.0, true) as f64 * line + 2.5,
        Block::Paragraph { text } => lines(text, width - 10.0, 13.0, false) as f64 * line + 1.5,
        Block::Facts { lines: facts } => {
            let pairs = facts_per_line(facts);
            let rows = facts.len().div_ceil(pairs);
            let label_w = width * 0.5;
            let extra: usize = if pairs == 1 {
                facts
                    .iter()
                    .map(|(l, v)| {
                        let used: f64 =
                            l.chars().map(|c| glyph_em(c, false)).sum::<f64>() * 13.0 * PT + 4.0;
                        lines(
                            &v.printed(),
                            (width - 6.0 - used).max(label_w / 2.0),
                            13.0,
                            false,
                        ) - 1
                    })
                    .sum()
            } else {
                0
            };
            (rows + extra) as f64 * (line + PT) + 1.0
        }
        Block::Table(t) => {
            let w = column_widths(t, width);
            1.0 + header_height(t, &w)
                + t.rows
                    .iter()
                    .chain(t.totals.iter())
                    .map(|r| row_height(t, r, &w))
                    .sum::<f64>()
        }
    }
}

/// Facts print two to a line when there are four or more short figures.
pub(crate) fn facts_per_line(facts: &[(String, Cell)]) -> usize {
    if facts.len() >= 4 && facts.iter().all(|(_, v)| v.is_number()) {
        2
    } else {
        1
    }
}

fn closing_height(doc: &Document, width: f64) -> f64 {
    let notes: f64 = doc
        .notes
        .iter()
        .map(|n| {
            lines(&format!("Ghi chú: {n}"), width, 10.5, false) as f64 * line_mm(10.5, 1.25) + 1.0
        })
        .sum::<f64>()
        + if doc.notes.is_empty() { 0.0 } else { 2.0 };
    let signatures = if doc.signatures.is_empty() {
        0.0
    } else {
        let titles = doc
            .signatures
            .iter()
            .map(|s| s.title.len())
            .max()
            .unwrap_or(1) as f64;
        3.0 + titles * line_mm(12.5, 1.25) + line_mm(12.0, 1.25) + 20.0 + line_mm(13.0, 1.25)
    };
    notes + signatures
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_takes_one_line_and_long_text_wraps() {
        assert_eq!(lines("Nguyễn Văn An", 60.0, 10.5, false), 1);
        let long = "Ủng hộ sửa cầu ".repeat(12);
        let n = lines(&long, 60.0, 10.5, false);
        assert!((4..=8).contains(&n), "{n}");
        // A word longer than the line stays whole: the column is widened for it instead.
        assert_eq!(lines("STT", 5.0, 10.5, true), 1);
        let name = "Bệnh viện Đa khoa khu vực tỉnh An Giang";
        assert_eq!(lines(name, 80.0, 10.5, false), 1);
        assert_eq!(lines(name, 40.0, 10.5, false), 2);
        assert_eq!(lines("", 10.0, 10.5, false), 1);
    }

    fn book_table() -> Table {
        use crate::money::Vnd;
        let vnd = |s: &str| Cell::Vnd(Vnd::parse(s).expect("amount"));
        let day = |d: u32| Cell::Date(chrono::NaiveDate::from_ymd_opt(2026, 2, d).expect("date"));
        Table {
            columns: vec![
                Column::text("Ngày", 4),
                Column::code("Số phiếu", 4),
                Column::text("Diễn giải", 60),
                Column::number("Thu", 12),
                Column::number("Chi", 12),
                Column::balance("Tồn", 12),
            ],
            rows: vec![
                Row::new(
                    RowKind::Balance,
                    vec![
                        Cell::Empty,
                        Cell::Empty,
                        Cell::text("Số dư đầu tháng"),
                        Cell::Empty,
                        Cell::Empty,
                        vnd("1.000.000"),
                    ],
                ),
                Row::body(vec![
                    day(2),
                    Cell::text("PT-2026-0001"),
                    Cell::text("Nhận ủng hộ"),
                    vnd("500.000"),
                    Cell::Empty,
                    vnd("1.500.000"),
                ]),
                Row::new(
                    RowKind::Void,
                    vec![
                        day(3),
                        Cell::text("PC-2026-0001"),
                        Cell::text("Đã hủy"),
                        Cell::Empty,
                        vnd("900.000"),
                        Cell::Empty,
                    ],
                ),
                Row::body(vec![
                    day(4),
                    Cell::text("PC-2026-0002"),
                    Cell::text("Mua xăng"),
                    Cell::Empty,
                    vnd("200.000"),
                    vnd("1.300.000"),
                ]),
                Row::body(vec![
                    day(5),
                    Cell::text("PT-2026-0002"),
                    Cell::text("Nhận ủng hộ"),
                    vnd("100.000"),
                    Cell::Empty,
                    vnd("1.400.000"),
                ]),
            ],
            totals: vec![Row::new(
                RowKind::Total,
                vec![
                    Cell::Empty,
                    Cell::Empty,
                    Cell::text("Cộng"),
                    vnd("600.000"),
                    vnd("200.000"),
                    vnd("1.400.000"),
                ],
            )],
        }
    }

    #[test]
    fn columns_too_narrow_for_dates_and_voucher_numbers_take_room_from_the_text() {
        let t = book_table();
        let w = column_widths(&t, 165.0);
        assert!((w.iter().sum::<f64>() - 165.0).abs() < 1e-6, "{w:?}");
        let date = text_width("05/02/2026", 10.5, false);
        let voucher = text_width("PT-2026-0002", 10.5, false);
        assert!(w[0] > date && w[1] > voucher, "{w:?}");
        assert!(
            w[2] < 165.0 * 60.0 / 104.0,
            "the text column gave room: {w:?}"
        );
    }

    #[test]
    fn a_carried_line_sums_what_counts_and_keeps_the_balance_as_it_stands() {
        let t = book_table();
        let after = |n: usize| {
            carry_line(&t, n, true)
                .cells
                .iter()
                .map(Cell::printed)
                .collect::<Vec<_>>()
        };
        // After the voided row: only the gift counts; the balance is the last printed one.
        assert_eq!(
            after(3),
            [
                "",
                "",
                "Cộng chuyển sang trang sau",
                "500.000",
                "",
                "1.500.000"
            ]
        );
        assert_eq!(after(4)[3..], ["500.000", "200.000", "1.300.000"]);
        assert_eq!(
            carry_line(&t, 4, false).cells[2].printed(),
            "Số trang trước chuyển sang"
        );
    }
}
