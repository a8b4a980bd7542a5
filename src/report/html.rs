//! The HTML rendering: a self-contained, print-ready A4 page in the layout of Nghị định 30/2020.
//!
//! - Page: A4 (landscape for wide tables), margins top and bottom 20 mm, left 30 mm, right 15 mm.
//! - Font: "Times New Roman" where the machine has it, else the embedded Tinos (its metric twin),
//!   then any serif; black text only.
//! - Heading: left, the parent body in capitals over the issuing body in bold capitals with a short
//!   rule; right, the national title in bold capitals over the motto in bold with a rule as long
//!   as the motto, then the italic place and date line.
//! - Pages are cut here, not by the print engine (see `paging`): each page is a
//!   `<section class="page">` with its number centred at the top from page 2, its tables'
//!   headers, the totals a table carries over ("Cộng chuyển sang trang sau", "Số trang trước
//!   chuyển sang"), and the book's fingerprint with "trang i/n" at the bottom right, so a loose
//!   page can be matched to its report. The same pages print from Chromium, WebKitGTK (the
//!   window's "Lưu PDF") and WebView2, none of which has to support CSS page-margin boxes.
//!
//! Nothing is loaded from the network: no URL appears but the `data:` URLs of the fonts.

use super::fonts::font_faces;
use super::layout::{Block, Cell, Column, Document, Orientation, Row, RowKind, Signature, Table};
use super::paging::{self, Piece};

/// Escapes text for HTML content and attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Times New Roman", "Tinos", serif; font-size: 13pt; color: #000; line-height: 1.25; margin: 0; }
section.page { break-after: page; page-break-after: always; }
section.page:last-child { break-after: auto; page-break-after: auto; }
.page-number { height: 8mm; text-align: center; font-size: 13pt; line-height: 1; overflow: hidden; }
.stamp { text-align: right; font-size: 8pt; line-height: 1; margin-top: 1.5mm; }
@media screen {
  body { background: #d9d9d9; padding: 6mm 0; }
  section.page { background: #fff; margin: 0 auto 6mm auto; padding: 12mm 15mm 12mm 30mm; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.35); }
}
.heading { width: 100%; border-collapse: collapse; margin-bottom: 6mm; }
.heading td { vertical-align: top; text-align: center; padding: 0; }
.heading .left { width: 40%; }
.heading .right { width: 60%; }
.parent { font-size: 12.5pt; text-transform: uppercase; white-space: nowrap; }
.issuer { font-size: 12.5pt; font-weight: bold; text-transform: uppercase; white-space: nowrap; }
.short-rule { width: 32%; margin: 1pt auto 0 auto; border-top: 0.75pt solid #000; height: 0; }
.number { font-size: 13pt; margin-top: 5pt; }
.nation { font-size: 12.5pt; font-weight: bold; white-space: nowrap; }
.motto { font-size: 13.5pt; font-weight: bold; }
.motto span { display: inline-block; border-bottom: 0.75pt solid #000; padding-bottom: 1pt; white-space: nowrap; }
.place-date { font-size: 13.5pt; font-style: italic; margin-top: 5pt; white-space: nowrap; }
h1 { font-size: 14pt; font-weight: bold; text-align: center; margin: 0; text-transform: uppercase; }
.subtitle { font-size: 13.5pt; font-weight: bold; text-align: center; margin: 1pt 0 0 0; }
.subtitles { margin-bottom: 5mm; }
h2 { font-size: 13pt; font-weight: bold; margin: 2.5mm 0 1mm 0; break-after: avoid; page-break-after: avoid; }
p.text { margin: 1.5mm 0; text-align: justify; text-indent: 10mm; }
.facts { border-collapse: collapse; margin: 1mm 0 1mm 6mm; width: calc(100% - 6mm); break-inside: avoid; page-break-inside: avoid; }
.facts td.label { width: 1%; }
.facts.cols2 td.value { width: 49%; }
.facts td { padding: 0.5pt 4pt 0.5pt 0; vertical-align: top; }
.facts td.label { white-space: nowrap; }
.facts td.label::after { content: ":"; }
.facts td.value.num { font-weight: bold; }
table.data { width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 10.5pt; line-height: 1.12; margin: 1mm 0 2mm 0; }
table.data th, table.data td { border: 0.6pt solid #000; padding: 0.4pt 3pt; vertical-align: middle; }
table.data th { font-weight: bold; text-align: center; }
table.data tr { break-inside: avoid; page-break-inside: avoid; }
table.data td.num { text-align: right; white-space: nowrap; }
table.data td.date, table.data td.centre { text-align: center; white-space: nowrap; }
table.data td.code { white-space: nowrap; }
table.data.dense { font-size: 9.5pt; line-height: 1.15; }
table.data.dense th, table.data.dense td { padding: 1pt 1.5pt; }
table.data tr.section td { font-weight: bold; }
table.data tr.balance td { font-weight: bold; font-style: italic; }
table.data tr.subtotal td { font-weight: bold; }
table.data tr.total td { font-weight: bold; }
table.data tr.carry td { font-weight: bold; font-style: italic; }
table.data tr.void td { font-style: italic; }
table.data tr.void td.num { text-decoration: line-through; }
table.data tbody tr.total td { border-top: 1.2pt solid #000; }
.notes { font-size: 10.5pt; font-style: italic; margin: 2mm 0 0 0; }
.notes p { margin: 0.5mm 0; }
.signatures { width: 100%; border-collapse: collapse; margin-top: 3mm; }
.signatures td { text-align: center; vertical-align: top; padding: 0 2pt; }
.signatures tr.titles td { vertical-align: bottom; }
.signatures .title { font-weight: bold; font-size: 12.5pt; white-space: nowrap; }
.signatures .hint { font-style: italic; font-size: 12pt; }
.signatures .space { height: 20mm; }
.signatures .name { font-weight: bold; font-size: 13pt; }
"#;

/// The document as a complete HTML page.
pub fn render(doc: &Document) -> String {
    let mut h = String::with_capacity(200_000);
    let orientation = match doc.orientation {
        Orientation::Portrait => "portrait",
        Orientation::Landscape => "landscape",
    };
    let stamp = doc.meta.stamp();
    h.push_str("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str(&format!(
        "<title>{}</title>\n",
        escape(
            &std::iter::once(doc.title.as_str())
                .chain(doc.subtitle.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(" — ")
        )
    ));
    h.push_str("<style>\n");
    h.push_str(&font_faces());
    // why: Nghị định 30's margins are 20/15/20/30 mm. The paper's margin (@page, and GTK's page
    // setup for "Lưu PDF") is 12 mm at top and bottom; each page opens with an 8 mm line holding
    // its number (empty on page 1), and its pieces were chosen to end, fingerprint line included,
    // 20 mm above the paper's edge. Nothing has a fixed height: a page the model misjudged by a
    // few millimetres runs into its bottom margin rather than onto another sheet.
    let (width, height) = match doc.orientation {
        Orientation::Portrait => (165, 297),
        Orientation::Landscape => (252, 210),
    };
    h.push_str(&format!(
        "@page {{ size: A4 {orientation}; margin: 12mm 15mm 12mm 30mm; }}\n\
         @media screen {{ section.page {{ width: {width}mm; min-height: {}mm; }} }}\n",
        height - 24
    ));
    h.push_str(STYLE);
    h.push_str("</style>\n</head>\n<body>\n");
    let pages = paging::paginate(doc);
    let table_width = paging::printable_width(doc.orientation);
    // Each table's column widths, worked out once however many pages it runs over.
    let mut widths: std::collections::HashMap<*const Table, Vec<f64>> =
        std::collections::HashMap::new();
    let count = pages.len();
    for (i, page) in pages.iter().enumerate() {
        h.push_str("<section class=\"page\">\n");
        if i > 0 {
            h.push_str(&format!("<div class=\"page-number\">{}</div>\n", i + 1));
        } else {
            h.push_str("<div class=\"page-number\"></div>\n");
        }
        for piece in page {
            match piece {
                Piece::Heading => {
                    heading(&mut h, doc);
                    h.push_str(&format!(
                        "<h1>{}</h1>\n<div class=\"subtitles\">\n",
                        escape(&doc.title)
                    ));
                    for s in &doc.subtitle {
                        h.push_str(&format!("<p class=\"subtitle\">{}</p>\n", escape(s)));
                    }
                    h.push_str("</div>\n");
                }
                Piece::Block(block) => body_block(&mut h, table_width, block),
                Piece::Rows {
                    table: t,
                    from,
                    to,
                    brought,
                    carried,
                    totals,
                } => table(
                    &mut h,
                    widths
                        .entry(std::ptr::from_ref(*t))
                        .or_insert_with(|| paging::column_widths(t, table_width)),
                    t,
                    &t.rows[*from..*to],
                    brought.as_ref(),
                    carried.as_ref(),
                    *totals,
                ),
                Piece::Closing => {
                    if !doc.notes.is_empty() {
                        h.push_str("<div class=\"notes\">\n");
                        for n in &doc.notes {
                            h.push_str(&format!("<p>Ghi chú: {}</p>\n", escape(n)));
                        }
                        h.push_str("</div>\n");
                    }
                    signatures(&mut h, &doc.signatures);
                }
            }
        }
        h.push_str(&format!(
            "<div class=\"stamp\">{} · trang {}/{count}</div>\n</section>\n",
            escape(&stamp),
            i + 1
        ));
    }
    h.push_str("</body>\n</html>\n");
    h
}

/// How many A4 pages the document prints on.
pub fn page_count(doc: &Document) -> usize {
    paging::paginate(doc).len()
}

fn body_block(h: &mut String, table_width: f64, block: &Block) {
    match block {
        Block::Heading { text } => h.push_str(&format!("<h2>{}</h2>\n", escape(text))),
        Block::Paragraph { text } => {
            h.push_str(&format!("<p class=\"text\">{}</p>\n", escape(text)))
        }
        Block::Facts { lines } => {
            // why: short figures go two to a line, so that a summary keeps to its pages.
            let pairs = paging::facts_per_line(lines);
            h.push_str(&format!("<table class=\"facts cols{pairs}\">\n"));
            for chunk in lines.chunks(pairs) {
                h.push_str("<tr>");
                for (label, value) in chunk {
                    let class = if value.is_number() {
                        "value num"
                    } else {
                        "value"
                    };
                    h.push_str(&format!(
                        "<td class=\"label\">{}</td><td class=\"{class}\">{}</td>",
                        escape(label),
                        escape(&value.printed())
                    ));
                }
                h.push_str("</tr>\n");
            }
            h.push_str("</table>\n");
        }
        Block::Table(t) => table(
            h,
            &paging::column_widths(t, table_width),
            t,
            &t.rows,
            None,
            None,
            true,
        ),
    }
}

fn heading(h: &mut String, doc: &Document) {
    let m = &doc.meta;
    h.push_str("<table class=\"heading\"><tr>\n<td class=\"left\">\n");
    if !m.parent_body.is_empty() {
        h.push_str(&format!(
            "<div class=\"parent\">{}</div>\n",
            escape(&m.parent_body)
        ));
    }
    for line in split_body(&m.issuing_body) {
        h.push_str(&format!("<div class=\"issuer\">{}</div>\n", escape(&line)));
    }
    h.push_str("<div class=\"short-rule\"></div>\n");
    if !doc.number_line.is_empty() {
        h.push_str(&format!(
            "<div class=\"number\">{}</div>\n",
            escape(&doc.number_line).replace("  ", "&nbsp; ")
        ));
    }
    h.push_str("</td>\n<td class=\"right\">\n");
    h.push_str("<div class=\"nation\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>\n");
    h.push_str("<div class=\"motto\"><span>Độc lập - Tự do - Hạnh phúc</span></div>\n");
    h.push_str(&format!(
        "<div class=\"place-date\">{}</div>\n",
        escape(&m.place_date())
    ));
    h.push_str("</td>\n</tr></table>\n");
}

/// Splits a long body name where official headings break it, before the unit word:
/// "ỦY BAN NHÂN DÂN" / "XÃ PHÚ HỮU". Short names stay on one line.
pub(crate) fn split_body(name: &str) -> Vec<String> {
    const UNITS: [&str; 6] = [
        " XÃ ",
        " THỊ TRẤN ",
        " PHƯỜNG ",
        " HUYỆN ",
        " TỈNH ",
        " THÀNH PHỐ ",
    ];
    if name.chars().count() <= 22 {
        return vec![name.to_string()];
    }
    let cut = UNITS
        .iter()
        .filter_map(|u| name.find(u))
        .filter(|i| *i > 0)
        .min();
    match cut {
        Some(i) => vec![name[..i].trim().to_string(), name[i..].trim().to_string()],
        None => vec![name.to_string()],
    }
}

fn row_class(kind: RowKind) -> &'static str {
    match kind {
        RowKind::Body => "body",
        RowKind::Section => "section",
        RowKind::Balance => "balance",
        RowKind::Subtotal => "subtotal",
        RowKind::Total => "total",
        RowKind::Void => "void",
    }
}

fn cell(h: &mut String, c: &Cell, column: Option<&Column>) {
    let class = match c {
        Cell::Date(_) => " class=\"date\"",
        _ if column.is_some_and(|c| c.centred) => " class=\"centre\"",
        _ if column.is_some_and(|c| c.nowrap) => " class=\"code\"",
        c if c.is_number() => " class=\"num\"",
        _ => "",
    };
    h.push_str(&format!("<td{class}>{}</td>", escape(&c.printed())));
}

fn row(h: &mut String, r: &Row, columns: &[Column]) {
    h.push_str(&format!("<tr class=\"{}\">", row_class(r.kind)));
    for (i, c) in r.cells.iter().enumerate() {
        cell(h, c, columns.get(i));
    }
    h.push_str("</tr>\n");
}

fn header(h: &mut String, columns: &[Column]) {
    let grouped = columns.iter().any(|c| c.group.is_some());
    h.push_str("<thead>\n<tr>");
    let mut i = 0;
    while i < columns.len() {
        let c = &columns[i];
        match &c.group {
            Some(g) if grouped => {
                let span = columns[i..]
                    .iter()
                    .take_while(|x| x.group.as_ref() == Some(g))
                    .count();
                h.push_str(&format!("<th colspan=\"{span}\">{}</th>", escape(g)));
                i += span;
            }
            _ => {
                let rowspan = if grouped { " rowspan=\"2\"" } else { "" };
                h.push_str(&format!("<th{rowspan}>{}</th>", escape(&c.label)));
                i += 1;
            }
        }
    }
    h.push_str("</tr>\n");
    if grouped {
        h.push_str("<tr>");
        for c in columns.iter().filter(|c| c.group.is_some()) {
            h.push_str(&format!("<th>{}</th>", escape(&c.label)));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</thead>\n");
}

/// A table, or the slice of its rows on one page: its header, the line brought forward from
/// the page before, the rows, its totals (on the page with its last rows) or the line carried
/// to the next page.
fn table(
    h: &mut String,
    widths: &[f64],
    t: &Table,
    rows: &[Row],
    brought: Option<&Row>,
    carried: Option<&Row>,
    totals: bool,
) {
    // why: a table of many columns (the communes side by side) only fits the page in a smaller
    // size; numbers never wrap, so their columns would otherwise push past the margin.
    let class = if paging::dense(t) {
        "data dense"
    } else {
        "data"
    };
    h.push_str(&format!("<table class=\"{class}\">\n<colgroup>"));
    // The widths the pages were planned with (see `paging::column_widths`), as shares.
    let width: f64 = widths.iter().sum::<f64>().max(1.0);
    for w in widths {
        h.push_str(&format!("<col style=\"width:{:.2}%\">", w / width * 100.0));
    }
    h.push_str("</colgroup>\n");
    header(h, &t.columns);
    h.push_str("<tbody>\n");
    if let Some(r) = brought {
        carry_row(h, r, &t.columns);
    }
    if t.rows.is_empty() {
        h.push_str(&format!(
            "<tr class=\"body\"><td colspan=\"{}\" style=\"text-align:center;font-style:italic\">Không có số liệu trong kỳ</td></tr>\n",
            t.columns.len()
        ));
    }
    for r in rows {
        row(h, r, &t.columns);
    }
    if totals {
        for r in &t.totals {
            row(h, r, &t.columns);
        }
    }
    if let Some(r) = carried {
        carry_row(h, r, &t.columns);
    }
    h.push_str("</tbody>\n</table>\n");
}

fn carry_row(h: &mut String, r: &Row, columns: &[Column]) {
    h.push_str("<tr class=\"carry\">");
    for (i, c) in r.cells.iter().enumerate() {
        cell(h, c, columns.get(i));
    }
    h.push_str("</tr>\n");
}

fn signatures(h: &mut String, sigs: &[Signature]) {
    if sigs.is_empty() {
        return;
    }
    // why: one table row per part (titles, hints, room to sign, names), so that hints and names
    // line up across the blocks even when one title takes two lines.
    let widths: Vec<u32> = sigs
        .iter()
        .map(|s| {
            if s.title.iter().any(|t| t.chars().count() > 16) {
                34
            } else {
                22
            }
        })
        .collect();
    let total: u32 = widths.iter().sum::<u32>().max(1);
    h.push_str("<table class=\"signatures\">\n<tr class=\"titles\">");
    for (s, w) in sigs.iter().zip(&widths) {
        h.push_str(&format!("<td style=\"width:{}%\">", w * 100 / total));
        for t in &s.title {
            h.push_str(&format!("<div class=\"title\">{}</div>", escape(t)));
        }
        h.push_str("</td>");
    }
    h.push_str("</tr>\n<tr>");
    for s in sigs {
        h.push_str(&format!("<td class=\"hint\">{}</td>", escape(&s.hint)));
    }
    h.push_str("</tr>\n<tr>");
    for _ in sigs {
        h.push_str("<td class=\"space\"></td>");
    }
    h.push_str("</tr>\n<tr>");
    for s in sigs {
        h.push_str(&format!("<td class=\"name\">{}</td>", escape(&s.name)));
    }
    h.push_str("</tr>\n</table>\n");
}
