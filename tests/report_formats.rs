//! Every rendering of a report shows the same totals, to the đồng and the gram: the HTML, the
//! CSV, the XLSX read back with calamine, and the JSON.

mod report_support;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use report_support::{february, now, small_book, Fixture};
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;
use sotinhthuong::report::layout::{Cell, RowKind};
use sotinhthuong::report::{self, Format, Period, Report};
use sotinhthuong::{Asset, Program};
use std::io::Cursor;

/// A total row: its label and its numbers, in order.
type Totals = Vec<(String, Vec<Decimal>)>;

fn dec(s: &str) -> Decimal {
    s.parse::<Decimal>()
        .unwrap_or_else(|_| panic!("a number: {s:?}"))
        .normalize()
}

/// Reads "1.500.000" or "12,5" as printed on paper.
fn printed(s: &str) -> Decimal {
    dec(&s.replace('.', "").replace(',', "."))
}

/// The totals as the document holds them (the truth every rendering must show).
fn expected(report: &Report) -> Totals {
    let doc = report.document();
    let mut out = Vec::new();
    for t in doc.tables() {
        for row in t.totals.iter().filter(|r| r.kind == RowKind::Total) {
            let label = row
                .cells
                .iter()
                .find_map(|c| match c {
                    Cell::Text(s) => Some(s.clone()),
                    _ => None,
                })
                .expect("a total row has a label");
            let numbers = row
                .cells
                .iter()
                .filter_map(Cell::decimal)
                .map(|d| d.normalize())
                .collect();
            out.push((label, numbers));
        }
    }
    out.sort();
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The total rows of the HTML: `<tr class="total">` with their text and `num` cells.
fn html_totals(html: &str) -> Totals {
    let mut out = Vec::new();
    for chunk in html.split("<tr class=\"total\">").skip(1) {
        let row = chunk.split("</tr>").next().unwrap_or("");
        let mut label = None;
        let mut numbers = Vec::new();
        for cell in row.split("<td").skip(1) {
            let (attrs, rest) = cell.split_once('>').expect("a cell");
            let text = unescape(rest.split("</td>").next().unwrap_or(""));
            if attrs.contains("class=\"num\"") {
                numbers.push(printed(&text));
            } else if !text.is_empty() && label.is_none() {
                label = Some(text);
            }
        }
        out.push((label.expect("a label"), numbers));
    }
    out.sort();
    out
}

/// Splits CSV text (RFC 4180 quoting) into rows of fields.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    rows
}

/// The CSV rows that carry the document's total labels, read as plain numbers.
fn csv_totals(bytes: &[u8], labels: &[String]) -> Totals {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let text = text
        .strip_prefix('\u{feff}')
        .expect("the file starts with a BOM");
    let mut out = Vec::new();
    for row in parse_csv(text) {
        let Some(label) = row.iter().find(|f| labels.contains(f)) else {
            continue;
        };
        let numbers = row
            .iter()
            .filter(|f| {
                !f.is_empty()
                    && f.chars()
                        .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
            })
            .map(|f| dec(f))
            .collect();
        out.push((label.clone(), numbers));
    }
    out.sort();
    out
}

/// The XLSX rows that carry the document's total labels, their numeric cells as exact decimals.
fn xlsx_totals(bytes: Vec<u8>, labels: &[String]) -> Totals {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("an xlsx file");
    let sheet = book
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable");
    let mut out = Vec::new();
    for row in sheet.rows() {
        let Some(label) = row.iter().find_map(|c| match c {
            Data::String(s) if labels.contains(s) => Some(s.clone()),
            _ => None,
        }) else {
            continue;
        };
        let numbers = row
            .iter()
            .filter_map(|c| match c {
                Data::Float(f) => Some(
                    Decimal::from_f64(*f)
                        .expect("finite")
                        .round_dp(3)
                        .normalize(),
                ),
                Data::Int(i) => Some(Decimal::from(*i)),
                _ => None,
            })
            .collect();
        out.push((label, numbers));
    }
    out.sort();
    out
}

fn reports(f: &Fixture) -> Vec<Report> {
    let b = &f.book;
    vec![
        Report::Monthly(report::monthly_summary(b, f.phu_huu, february(), now()).expect("monthly")),
        Report::Overview(report::monthly_overview(b, february(), now()).expect("overview")),
        Report::FundBook(
            report::fund_book(
                b,
                f.phu_huu,
                Program::Rice,
                Asset::Rice,
                Period::Year(2026),
                now(),
            )
            .expect("fund book"),
        ),
        Report::RiceBook(report::rice_book(b, f.phu_huu, february(), now()).expect("rice book")),
        Report::TripLog(report::trip_log(b, f.phu_huu, february(), now()).expect("trips")),
        Report::Project(
            report::project_settlement(b, f.phu_huu, "CT-2026-0001", now()).expect("project"),
        ),
        Report::Disclosure(
            report::disclosure_list(b, f.phu_huu, february(), now()).expect("disclosure"),
        ),
    ]
}

#[test]
fn html_csv_and_xlsx_show_the_same_totals_as_the_report() {
    let f = small_book();
    for report in reports(&f) {
        let want = expected(&report);
        assert!(!want.is_empty());
        let labels: Vec<String> = want.iter().map(|(l, _)| l.clone()).collect();
        let html =
            String::from_utf8(report::render(&report, Format::Html).expect("html")).expect("utf-8");
        assert_eq!(
            html_totals(&html),
            want,
            "HTML of {}",
            report.document().title
        );
        let csv = report::render(&report, Format::Csv).expect("csv");
        assert_eq!(
            csv_totals(&csv, &labels),
            want,
            "CSV of {}",
            report.document().title
        );
        let xlsx = report::render(&report, Format::Xlsx).expect("xlsx");
        assert_eq!(
            xlsx_totals(xlsx, &labels),
            want,
            "XLSX of {}",
            report.document().title
        );
    }
}

#[test]
fn the_monthly_totals_read_the_same_in_every_format() {
    let f = small_book();
    let report = Report::Monthly(
        report::monthly_summary(&f.book, f.phu_huu, february(), now()).expect("summary"),
    );
    let closing = "Cộng các quỹ: tồn cuối tháng".to_string();
    let want = (closing.clone(), vec![dec("7000000"), dec("1608")]);

    let html =
        String::from_utf8(report::render(&report, Format::Html).expect("html")).expect("utf-8");
    assert!(html_totals(&html).contains(&want), "HTML");
    assert!(html.contains("<td class=\"num\">7.000.000</td><td class=\"num\">1.608</td>"));
    let csv = report::render(&report, Format::Csv).expect("csv");
    assert!(
        csv_totals(&csv, std::slice::from_ref(&closing)).contains(&want),
        "CSV"
    );
    let xlsx = report::render(&report, Format::Xlsx).expect("xlsx");
    assert!(
        xlsx_totals(xlsx, std::slice::from_ref(&closing)).contains(&want),
        "XLSX"
    );

    let json: serde_json::Value =
        serde_json::from_slice(&report::render(&report, Format::Json).expect("json"))
            .expect("valid JSON");
    assert_eq!(json["report"], "monthly");
    let funds = json["funds"].as_array().expect("funds");
    let closing_of = |program: &str, asset: &str| {
        funds
            .iter()
            .find(|f| f["program"] == program && f["asset"] == asset)
            .map(|f| dec(f["closing"].as_str().expect("an exact decimal string")))
    };
    let cash: Decimal = ["rice", "transport", "repair"]
        .iter()
        .filter_map(|p| closing_of(p, "cash"))
        .sum();
    assert_eq!(cash, dec("7000000"), "JSON cash closing");
    assert_eq!(
        closing_of("rice", "rice"),
        Some(dec("1608")),
        "JSON rice closing"
    );
}

#[test]
fn the_xlsx_holds_real_numbers_and_dates_not_text() {
    let f = small_book();
    let report = Report::RiceBook(
        report::rice_book(&f.book, f.phu_huu, february(), now()).expect("rice book"),
    );
    let bytes = report::render(&report, Format::Xlsx).expect("xlsx");
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("an xlsx file");
    let sheet = book
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable");
    let row = sheet
        .rows()
        .find(|r| {
            r.iter()
                .any(|c| matches!(c, Data::String(s) if s == "PN-2026-0002"))
        })
        .expect("the round's row");
    assert!(
        row.contains(&Data::Float(750.5)),
        "750,5 kg is a number: {row:?}"
    );
    assert!(
        row.iter().any(|c| matches!(c, Data::DateTime(_))),
        "the date is a real date: {row:?}"
    );
}

#[test]
fn the_csv_starts_with_a_bom_and_keeps_vietnamese_text() {
    let f = small_book();
    let report = Report::Disclosure(
        report::disclosure_list(&f.book, f.phu_huu, february(), now()).expect("list"),
    );
    let csv = report::render(&report, Format::Csv).expect("csv");
    assert_eq!(&csv[..3], b"\xEF\xBB\xBF", "UTF-8 byte-order mark");
    let text = std::str::from_utf8(&csv).expect("UTF-8");
    assert!(text.contains("DANH SÁCH CÔNG KHAI"));
    assert!(text.contains("Bà con ấp Phú Thạnh (30 hộ)"));
    assert!(text.contains("\r\n"), "CRLF line ends");
}

#[test]
fn the_html_loads_nothing_from_outside() {
    let f = small_book();
    for report in reports(&f) {
        let html =
            String::from_utf8(report::render(&report, Format::Html).expect("html")).expect("utf-8");
        assert!(
            !html.contains("http:") && !html.contains("https:"),
            "no URL in the page"
        );
        assert!(!html.contains("<script"), "no script");
        let urls = html.matches("url(").count();
        let data = html.matches("url(data:font/woff2;base64,").count();
        assert_eq!(urls, data, "the only URLs are the embedded fonts");
        assert!(html.contains("font-family: \"Times New Roman\", \"Tinos\", serif"));
        // Nghị định 30's margins, 20/15/20/30 mm: 12 mm of paper margin at top and bottom, an
        // 8 mm line for the page number at the top of each page, room left at the foot.
        assert!(html.contains("margin: 12mm 15mm 12mm 30mm"));
        assert!(html.contains(".page-number { height: 8mm;"));
    }
}

#[test]
fn every_row_of_every_table_has_one_cell_per_column() {
    let f = small_book();
    let mut all = reports(&f);
    all.push(Report::Receipt(
        report::donor_receipt(&f.book, f.phu_huu, &f.trip_donation, now()).expect("receipt"),
    ));
    for report in all {
        let doc = report.document();
        for t in doc.tables() {
            for row in t.rows.iter().chain(t.totals.iter()) {
                assert_eq!(
                    row.cells.len(),
                    t.columns.len(),
                    "{}: {:?}",
                    doc.title,
                    row.cells
                );
            }
        }
    }
}
