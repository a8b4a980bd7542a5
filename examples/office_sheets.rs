//! Writes the sheets a commune office brings on its first day, as its clerks keep them in
//! Excel, for the window's end-to-end import test (tests/e2e/office-books.test.mjs) and for
//! measuring a long import by hand:
//!
//! - `danh-sach-ho-ngheo-2026.xlsx`: the household list of Xã Phú Hữu (title rows, one header
//!   row, a name typed in NFD, a "Tổng cộng" row);
//! - `so-quy-xe-chuyen-benh-2026.xlsx`: the cash book of the patient-transport fund, January to
//!   March 2026 (title rows, a header over two rows, an Excel date, text dates, a bare serial
//!   date, text amounts "2.500.000", "Cộng" rows, a blank row, a counterparty column headed
//!   "Đối tượng" that no guess maps), with two rows the book must refuse: one dated before the
//!   books start (28/12/2025) and a payment larger than the fund holds (10/02/2026);
//! - with `--long N`, `so-quy-N.xlsx`: N rows of a year's cash book (two receipts a payment).
//!
//! Usage: `cargo run --example office_sheets -- OUT_DIR [--long 50000]`. Prints the files made.

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(
        args.next()
            .ok_or("usage: office_sheets OUT_DIR [--long N]")?,
    );
    std::fs::create_dir_all(&out)?;
    let mut long = None;
    while let Some(a) = args.next() {
        if a == "--long" {
            long = Some(args.next().ok_or("--long N")?.parse::<u32>()?);
        }
    }
    println!("{}", households(&out)?.display());
    println!("{}", cash_book(&out)?.display());
    if let Some(rows) = long {
        println!("{}", long_cash_book(&out, rows)?.display());
    }
    Ok(())
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn title(ws: &mut Worksheet, last_col: u16, lines: &[&str]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (r, line) in lines.iter().enumerate() {
        ws.merge_range(r as u32, 0, r as u32, last_col, line, &bold)?;
    }
    Ok(())
}

fn households(dir: &Path) -> Result<PathBuf, XlsxError> {
    let path = dir.join("danh-sach-ho-ngheo-2026.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("DS hộ nghèo")?;
    title(
        ws,
        4,
        &[
            "UBND XÃ PHÚ HỮU",
            "DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2026",
        ],
    )?;
    let bold = Format::new().set_bold();
    for (c, h) in ["STT", "Họ và tên chủ hộ", "Ấp", "Phân loại", "Năm"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(3, c as u16, *h, &bold)?;
    }
    let nfd: String = "Trần Thị Bé".nfd().collect();
    let rows: [(&str, &str, &str); 6] = [
        ("Nguyễn Văn Ba", "Phú Thạnh", "Hộ nghèo"),
        (&nfd, "Phú Thạnh", "Hộ cận nghèo"),
        ("Lê Văn Tư", "Vĩnh Phú", "Hộ nghèo"),
        (
            "Nguyễn Thị Ngọc Bích Phượng",
            "Vĩnh Thạnh",
            "Hoàn cảnh khó khăn",
        ),
        ("Võ Văn Năm", "Phú Hiệp", "Hộ nghèo"),
        ("Lê Văn Tư", "Phú Hiệp", "Hộ cận nghèo"),
    ];
    for (i, (name, hamlet, status)) in rows.iter().enumerate() {
        let r = 4 + i as u32;
        ws.write_number(r, 0, (i + 1) as f64)?;
        ws.write_string(r, 1, *name)?;
        ws.write_string(r, 2, *hamlet)?;
        ws.write_string(r, 3, *status)?;
        ws.write_number(r, 4, 2026.0)?;
    }
    ws.write_string(4 + rows.len() as u32, 1, "Tổng cộng: 6 hộ")?;
    wb.save(&path)?;
    Ok(path)
}

/// How a row's date is written: a date cell, text, or Excel's bare serial number.
enum When {
    Date(NaiveDate),
    Text(&'static str),
    Serial(f64),
}

enum Amount {
    None,
    Number(f64),
    Text(&'static str),
}

/// A row of the cash book as the clerk wrote it: the date cell, the paper number ("PT 01",
/// "PC 02"), the words, the counterparty, the receipt and the payment.
type CashRow = (
    When,
    &'static str,
    &'static str,
    &'static str,
    Amount,
    Amount,
);

fn cash_book(dir: &Path) -> Result<PathBuf, XlsxError> {
    let path = dir.join("so-quy-xe-chuyen-benh-2026.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Sổ quỹ 2026")?;
    title(
        ws,
        7,
        &[
            "UBND XÃ PHÚ HỮU — BAN CÔNG TÁC MẶT TRẬN",
            "SỔ QUỸ TIỀN MẶT — XE CHUYỂN BỆNH MIỄN PHÍ — NĂM 2026",
        ],
    )?;
    let bold = Format::new().set_bold();
    let dmy = Format::new().set_num_format("dd/mm/yyyy");
    // A header over rows 4 and 5.
    ws.merge_range(3, 0, 4, 0, "Ngày tháng", &bold)?;
    ws.merge_range(3, 1, 3, 2, "Số phiếu", &bold)?;
    ws.write_string_with_format(4, 1, "Thu", &bold)?;
    ws.write_string_with_format(4, 2, "Chi", &bold)?;
    ws.merge_range(3, 3, 4, 3, "Diễn giải", &bold)?;
    ws.merge_range(3, 4, 4, 4, "Đối tượng", &bold)?;
    ws.merge_range(3, 5, 3, 7, "Số tiền", &bold)?;
    ws.write_string_with_format(4, 5, "Thu", &bold)?;
    ws.write_string_with_format(4, 6, "Chi", &bold)?;
    ws.write_string_with_format(4, 7, "Tồn", &bold)?;
    // Row 6: the balance carried in.
    ws.write_string(5, 3, "Số dư đầu kỳ")?;
    ws.write_number(5, 7, 1_000_000.0)?;
    use Amount::{None as No, Number as N, Text as T};
    let rows: Vec<Option<CashRow>> = vec![
        // Row 7: from last year's sheet, before the books start: refused.
        Some((
            When::Text("28/12/2025"),
            "PT 45",
            "Ủng hộ cuối năm 2025",
            "Ông Trần Văn Minh",
            T("200.000"),
            No,
        )),
        Some((
            When::Date(date(2026, 1, 5)),
            "PT 01",
            "Ủng hộ tiền xăng xe chuyển bệnh",
            "Bà Huỳnh Thị Kim Chi",
            N(5_000_000.0),
            No,
        )),
        Some((
            When::Text("12/01/2026"),
            "PC 01",
            "Chi tiền xăng chuyến đi Long Xuyên",
            "Nguyễn Văn Tài",
            No,
            T("300.000"),
        )),
        // 46037 is 15/01/2026 as Excel numbers its days.
        Some((
            When::Serial(46_037.0),
            "PC 02",
            "Chi sửa xe",
            "Tiệm sửa xe Phú Hữu",
            No,
            N(1_200_000.0),
        )),
        Some((
            When::Text("Cộng tháng 1"),
            "",
            "",
            "",
            N(5_000_000.0),
            N(1_500_000.0),
        )),
        None,
        Some((
            When::Date(date(2026, 2, 3)),
            "PT 02",
            "Hội Phụ nữ xã ủng hộ",
            "Hội Phụ nữ xã Phú Hữu",
            T("2.500.000"),
            No,
        )),
        // Row 14: more than the fund holds that day (7.000.000 đ): refused.
        Some((
            When::Date(date(2026, 2, 10)),
            "PC 03",
            "Chi mua lốp xe",
            "Cửa hàng Thành Công",
            No,
            N(9_000_000.0),
        )),
        Some((
            When::Text("20/02/2026"),
            "PC 04",
            "Chi tiền xăng tháng 2",
            "Nguyễn Văn Tài",
            No,
            T("450.000"),
        )),
        Some((
            When::Text("Cộng tháng 2"),
            "",
            "",
            "",
            T("2.500.000"),
            T("9.450.000"),
        )),
        Some((
            When::Date(date(2026, 3, 2)),
            "PT 03",
            "Ủng hộ của bà con ấp Phú Thạnh",
            "Ông Trần Văn Minh",
            N(1_000_000.0),
            No,
        )),
        Some((
            When::Date(date(2026, 3, 15)),
            "PC 05",
            "Chi tiền xăng tháng 3",
            "Nguyễn Văn Tài",
            No,
            N(380_000.0),
        )),
        Some((
            When::Text("Cộng tháng 3"),
            "",
            "",
            "",
            N(1_000_000.0),
            N(380_000.0),
        )),
        Some((
            When::Text("Cộng lũy kế từ đầu năm"),
            "",
            "",
            "",
            N(8_500_000.0),
            N(11_330_000.0),
        )),
    ];
    let mut balance = 1_000_000.0;
    for (i, row) in rows.into_iter().enumerate() {
        let r = 6 + i as u32;
        let Some((when, paper, words, party, receipt, payment)) = row else {
            continue;
        };
        let total = matches!(when, When::Text(t) if t.starts_with("Cộng"));
        match when {
            When::Date(d) => {
                ws.write_datetime_with_format(r, 0, d, &dmy)?;
            }
            When::Serial(n) => {
                ws.write_number(r, 0, n)?;
            }
            When::Text(t) if total => {
                ws.write_string(r, 3, t)?;
            }
            When::Text(t) => {
                ws.write_string(r, 0, t)?;
            }
        }
        let col = if paper.starts_with("PT") { 1 } else { 2 };
        if !paper.is_empty() {
            ws.write_string(r, col, paper.trim_start_matches(['P', 'T', 'C', ' ']))?;
        }
        if !words.is_empty() {
            ws.write_string(r, 3, words)?;
        }
        if !party.is_empty() {
            ws.write_string(r, 4, party)?;
        }
        let mut amount = |c: u16, a: Amount, sign: f64| -> Result<(), XlsxError> {
            match a {
                Amount::None => {}
                Amount::Number(n) => {
                    ws.write_number(r, c, n)?;
                    if !total {
                        balance += sign * n;
                    }
                }
                Amount::Text(t) => {
                    ws.write_string(r, c, t)?;
                    if !total {
                        balance += sign * t.replace('.', "").parse::<f64>().unwrap_or(0.0);
                    }
                }
            }
            Ok(())
        };
        amount(5, receipt, 1.0)?;
        amount(6, payment, -1.0)?;
        if !total {
            ws.write_number(r, 7, balance)?;
        }
    }
    wb.save(&path)?;
    Ok(path)
}

fn long_cash_book(dir: &Path, rows: u32) -> Result<PathBuf, XlsxError> {
    let path = dir.join(format!("so-quy-{rows}.xlsx"));
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let dmy = Format::new().set_num_format("dd/mm/yyyy");
    title(ws, 5, &["SỔ QUỸ TIỀN MẶT — XE CHUYỂN BỆNH MIỄN PHÍ"])?;
    let bold = Format::new().set_bold();
    ws.merge_range(2, 0, 3, 0, "Ngày", &bold)?;
    ws.merge_range(2, 1, 2, 2, "Số phiếu", &bold)?;
    ws.write_string(3, 1, "Thu")?;
    ws.write_string(3, 2, "Chi")?;
    ws.merge_range(2, 3, 3, 3, "Diễn giải", &bold)?;
    ws.merge_range(2, 4, 2, 5, "Số tiền", &bold)?;
    ws.write_string(3, 4, "Thu")?;
    ws.write_string(3, 5, "Chi")?;
    let first = date(2026, 1, 1);
    for i in 0..rows {
        let r = 4 + i;
        let day = first + chrono::Days::new(u64::from(i) * 330 / u64::from(rows.max(1)));
        ws.write_datetime_with_format(r, 0, day, &dmy)?;
        // Two receipts for each payment, so the fund never runs dry.
        if i % 3 == 2 {
            ws.write_string(r, 2, (i / 3 + 1).to_string())?;
            ws.write_string(r, 3, format!("Chi tiền xăng chuyến số {i}"))?;
            ws.write_number(r, 5, 150_000.0)?;
        } else {
            ws.write_string(r, 1, (i * 2 / 3 + 1).to_string())?;
            ws.write_string(r, 3, format!("Ủng hộ của bà con, phiếu {i}"))?;
            ws.write_number(r, 4, 100_000.0)?;
        }
    }
    wb.save(&path)?;
    Ok(path)
}
