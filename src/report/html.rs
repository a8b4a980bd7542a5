//! The HTML rendering: a self-contained, print-ready A4 page in the layout of Nghị định 30/2020.
//!
//! - Page: A4 (landscape for wide tables), margins top and bottom 20 mm, left 30 mm, right 15 mm.
//! - Font: "Times New Roman" where the machine has it, else the embedded Tinos (its metric twin),
//!   then any serif; black text only.
//! - Heading: left, the parent body in capitals over the issuing body in bold capitals with a short
//!   rule; right, the national title in bold capitals over the motto in bold with a rule as long
//!   as the motto, then the italic place and date line.
//! - Tables repeat their header on every page (`thead`) and carry their totals at the foot of every
//!   page they run over (`tfoot`, which Chromium and WebKit repeat when printing).
//! - Page numbers: centred at the top from page 2, by CSS page-margin boxes
//!   (`@page { @top-center { content: counter(page) } }`, suppressed on `@page :first`), which
//!   Chromium prints since version 131. Each page also carries the book's fingerprint at the
//!   bottom right, so a loose page can be matched to its report.
//!
//! Nothing is loaded from the network: no URL appears but the `data:` URLs of the fonts.

use super::fonts::font_faces;
use super::layout::{Block, Cell, Column, Document, Orientation, Row, RowKind, Signature, Table};

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

/// Escapes text for a CSS string literal.
fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("\\3C "),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

const STYLE: &str = r#"
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Times New Roman", "Tinos", serif; font-size: 13pt; color: #000; line-height: 1.25; margin: 0; }
@media screen { body { max-width: 250mm; margin: 12mm auto; padding: 0 10mm; } }
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
h2 { font-size: 13pt; font-weight: bold; margin: 3mm 0 1mm 0; break-after: avoid; page-break-after: avoid; }
p.text { margin: 2mm 0; text-align: justify; text-indent: 10mm; }
.facts { border-collapse: collapse; margin: 1mm 0 1mm 6mm; width: calc(100% - 6mm); break-inside: avoid; page-break-inside: avoid; }
.facts td.label { width: 1%; }
.facts.cols2 td.value { width: 49%; }
.facts td { padding: 0.5pt 4pt 0.5pt 0; vertical-align: top; }
.facts td.label { white-space: nowrap; }
.facts td.label::after { content: ":"; }
.facts td.value.num { font-weight: bold; }
table.data { width: 100%; border-collapse: collapse; font-size: 10.5pt; line-height: 1.2; margin: 1mm 0 2mm 0; }
table.data th, table.data td { border: 0.6pt solid #000; padding: 0.8pt 3pt; vertical-align: middle; }
table.data th { font-weight: bold; text-align: center; }
table.data thead { display: table-header-group; }
table.data tfoot { display: table-footer-group; }
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
table.data tfoot tr:first-child td { border-top: 1.2pt solid #000; }
table.data tr.void td { font-style: italic; }
table.data tr.void td.num { text-decoration: line-through; }
.closing { break-before: avoid; page-break-before: avoid; break-inside: avoid; page-break-inside: avoid; }
table.data tbody tr.total td { border-top: 1.2pt solid #000; }
.notes { font-size: 10.5pt; font-style: italic; margin: 2mm 0 0 0; }
.notes p { margin: 0.5mm 0; }
.signatures { width: 100%; border-collapse: collapse; margin-top: 5mm; }
.signatures td { text-align: center; vertical-align: top; padding: 0 2pt; }
.signatures tr.titles td { vertical-align: bottom; }
.signatures .title { font-weight: bold; font-size: 12.5pt; white-space: nowrap; }
.signatures .hint { font-style: italic; font-size: 12pt; }
.signatures .space { height: 20mm; }
.signatures .name { font-weight: bold; font-size: 13pt; }
.stamp { font-size: 9pt; margin-top: 4mm; color: #000; }
"#;

/// The document as a complete HTML page.
pub fn render(doc: &Document) -> String {
    let mut h = String::with_capacity(200_000);
    let orientation = match doc.orientation {
        Orientation::Portrait => "portrait",
        Orientation::Landscape => "landscape",
    };
    let stamp = format!(
        "Mã sổ {} · lập {}",
        doc.meta.fingerprint,
        doc.meta.made_at_text()
    );
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
    h.push_str(&format!(
        "@page {{ size: A4 {orientation}; margin: 20mm 15mm 20mm 30mm;\n\
         @top-center {{ content: counter(page); font-family: \"Times New Roman\", \"Tinos\", serif; font-size: 13pt; }}\n\
         @bottom-right {{ content: {}; font-family: \"Times New Roman\", \"Tinos\", serif; font-size: 8pt; }} }}\n\
         @page :first {{ @top-center {{ content: none; }} }}\n",
        css_string(&stamp)
    ));
    h.push_str(STYLE);
    h.push_str("</style>\n</head>\n<body>\n");
    heading(&mut h, doc);
    h.push_str(&format!(
        "<h1>{}</h1>\n<div class=\"subtitles\">\n",
        escape(&doc.title)
    ));
    for s in &doc.subtitle {
        h.push_str(&format!("<p class=\"subtitle\">{}</p>\n", escape(s)));
    }
    h.push_str("</div>\n");
    for block in &doc.blocks {
        match block {
            Block::Heading { text } => h.push_str(&format!("<h2>{}</h2>\n", escape(text))),
            Block::Paragraph { text } => {
                h.push_str(&format!("<p class=\"text\">{}</p>\n", escape(text)))
            }
            Block::Facts { lines } => {
                // why: short figures go two to a line, so that a summary keeps to its pages.
                let pairs = if lines.len() >= 4 && lines.iter().all(|(_, v)| v.is_number()) {
                    2
                } else {
                    1
                };
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
            Block::Table(t) => table(&mut h, t, doc.repeat_totals),
        }
    }
    // why: the notes, signatures and stamp stay together and never open a page on their own;
    // Chromium then carries the last rows of the table over with them.
    h.push_str("<div class=\"closing\">\n");
    if !doc.notes.is_empty() {
        h.push_str("<div class=\"notes\">\n");
        for n in &doc.notes {
            h.push_str(&format!("<p>Ghi chú: {}</p>\n", escape(n)));
        }
        h.push_str("</div>\n");
    }
    signatures(&mut h, &doc.signatures);
    h.push_str(&format!("<div class=\"stamp\">{}</div>\n", escape(&stamp)));
    h.push_str("</div>\n");
    h.push_str("</body>\n</html>\n");
    h
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

fn table(h: &mut String, t: &Table, repeat_totals: bool) {
    let total: u32 = t
        .columns
        .iter()
        .map(|c| u32::from(c.width))
        .sum::<u32>()
        .max(1);
    // why: a table of many columns (the communes side by side) only fits the page in a smaller
    // size; numbers never wrap, so their columns would otherwise push past the margin.
    let class = if t.columns.len() > 10 {
        "data dense"
    } else {
        "data"
    };
    h.push_str(&format!("<table class=\"{class}\">\n<colgroup>"));
    for c in &t.columns {
        let tenths = u32::from(c.width) * 1000 / total;
        h.push_str(&format!(
            "<col style=\"width:{}.{}%\">",
            tenths / 10,
            tenths % 10
        ));
    }
    h.push_str("</colgroup>\n");
    header(h, &t.columns);
    if repeat_totals && !t.totals.is_empty() {
        h.push_str("<tfoot>\n");
        for r in &t.totals {
            row(h, r, &t.columns);
        }
        h.push_str("</tfoot>\n");
    }
    h.push_str("<tbody>\n");
    if t.rows.is_empty() {
        h.push_str(&format!(
            "<tr class=\"body\"><td colspan=\"{}\" style=\"text-align:center;font-style:italic\">Không có số liệu trong kỳ</td></tr>\n",
            t.columns.len()
        ));
    }
    for r in &t.rows {
        row(h, r, &t.columns);
    }
    if !repeat_totals {
        for r in &t.totals {
            row(h, r, &t.columns);
        }
    }
    h.push_str("</tbody>\n</table>\n");
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
