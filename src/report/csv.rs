//! The CSV rendering: UTF-8 with a byte-order mark, so that Excel opens the Vietnamese text
//! correctly, comma-separated, CRLF line ends (RFC 4180).
//!
//! The file starts with the heading lines (title, subject, fingerprint, time made), then each
//! block: headings as one-cell lines, facts as label–value lines, tables with their header line,
//! body lines and total lines. Numbers are written plain for machines: "1500000" đồng, "12.5" kg
//! (dot decimals, no grouping), so any program reads them exactly; the column labels carry units.

use super::layout::{Block, Cell, Document, RowKind, Table};

/// The byte-order mark that tells Excel the file is UTF-8.
pub const BOM: &str = "\u{feff}";

fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn line(out: &mut String, cells: impl IntoIterator<Item = String>) {
    let fields: Vec<String> = cells.into_iter().map(|c| field(&c)).collect();
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

fn table(out: &mut String, t: &Table) {
    if t.columns.iter().any(|c| c.group.is_some()) {
        line(
            out,
            t.columns
                .iter()
                .map(|c| c.group.clone().unwrap_or_default()),
        );
    }
    line(out, t.columns.iter().map(|c| c.label.clone()));
    for row in t.rows.iter().chain(t.totals.iter()) {
        let mut cells: Vec<String> = row.cells.iter().map(Cell::machine).collect();
        if row.kind == RowKind::Void {
            // why: a machine reading the file must not add a voided amount; the marker column
            // says why its amounts are there.
            cells.push("ĐÃ HỦY".to_string());
        }
        line(out, cells);
    }
}

/// The document as CSV bytes (with the BOM).
pub fn render(doc: &Document) -> Vec<u8> {
    let mut out = String::from(BOM);
    let m = &doc.meta;
    for heading in [&m.parent_body, &m.issuing_body] {
        if !heading.is_empty() {
            line(&mut out, [heading.clone()]);
        }
    }
    line(&mut out, [doc.title.clone()]);
    for s in &doc.subtitle {
        line(&mut out, [s.clone()]);
    }
    line(&mut out, ["Mã sổ".to_string(), m.fingerprint.clone()]);
    if let Some(seal) = &m.seal {
        line(&mut out, ["Khóa sổ".to_string(), seal.clone()]);
    }
    line(&mut out, ["Lập lúc".to_string(), m.made_at_text()]);
    for block in &doc.blocks {
        out.push_str("\r\n");
        match block {
            Block::Heading { text } | Block::Paragraph { text } => line(&mut out, [text.clone()]),
            Block::Facts { lines } => {
                for (label, value) in lines {
                    line(&mut out, [label.clone(), value.machine()]);
                }
            }
            Block::Table(t) => table(&mut out, t),
        }
    }
    if !doc.notes.is_empty() {
        out.push_str("\r\n");
        for n in &doc.notes {
            line(&mut out, [n.clone()]);
        }
    }
    out.into_bytes()
}
