//! Import of an office's own sheets, built here as offices make them (rust_xlsxwriter): title
//! rows and merged cells above a header over two rows, "Cộng" and opening-balance rows, blank
//! rows, dates as Excel dates, serial numbers and text, amounts as numbers and as text
//! "1.500.000", names typed in NFD, a TCVN3 column; and CSVs in the code pages of old PCs.
//! Each test checks the balances after the import, every refused row with its reason, that a
//! second import adds nothing, and that a refused import leaves the book as it was.

mod common;

use chrono::NaiveDate;
use common::{content, small_book};
use rust_xlsxwriter::{Format, Workbook};
use sotinhthuong::import::{self, read, Convert, ImportOptions, Kind, RowOutcome};
use sotinhthuong::opening::NewOpening;
use sotinhthuong::report::monthly_summary;
use sotinhthuong::{Asset, Book, Month, Program};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

fn options(kind: Kind) -> ImportOptions {
    ImportOptions {
        kind,
        commune: "Phú Hữu".into(),
        program: None,
        mapping: None,
        convert: Convert::Ask,
        good_rows_only: false,
        dry_run: false,
        source: "so-cu.xlsx".into(),
    }
}

fn outcome(report: &import::ImportReport, row: usize) -> &RowOutcome {
    &report
        .rows
        .iter()
        .find(|r| r.row == row)
        .unwrap_or_else(|| panic!("row {row} not in {:?}", report.rows))
        .outcome
}

fn refusal(report: &import::ImportReport, row: usize) -> String {
    match outcome(report, row) {
        RowOutcome::Refused { reason, .. } => reason.clone(),
        other => panic!("row {row}: expected a refusal, got {other:?}"),
    }
}

/// "Sổ quỹ tiền mặt" of the rice fund for January 2026, as a commune accountant keeps it.
fn cash_book_xlsx(dir: &Path) -> PathBuf {
    let path = dir.join("so-quy-2026.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Tháng 1").expect("name");
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    ws.merge_range(0, 0, 0, 6, "UBND XÃ PHÚ HỮU — BAN CÔNG TÁC MẶT TRẬN", &bold)
        .expect("title");
    ws.merge_range(1, 0, 1, 6, "SỔ QUỸ TIỀN MẶT — NẮM GẠO TÌNH THƯƠNG", &bold)
        .expect("title");
    // Row 3 (index 2) blank. A header over rows 4 and 5.
    ws.merge_range(3, 0, 4, 0, "Ngày tháng", &bold).expect("h");
    ws.merge_range(3, 1, 3, 2, "Số phiếu", &bold).expect("h");
    ws.write_string_with_format(4, 1, "Thu", &bold).expect("h");
    ws.write_string_with_format(4, 2, "Chi", &bold).expect("h");
    ws.merge_range(3, 3, 4, 3, "Diễn giải", &bold).expect("h");
    ws.merge_range(3, 4, 3, 6, "Số tiền", &bold).expect("h");
    ws.write_string_with_format(4, 4, "Thu", &bold).expect("h");
    ws.write_string_with_format(4, 5, "Chi", &bold).expect("h");
    ws.write_string_with_format(4, 6, "Tồn", &bold).expect("h");
    // Row 6: the opening balance carried in (passed over: it is set as the opening).
    ws.write_string(5, 3, "Số dư đầu kỳ").expect("r");
    ws.write_number(5, 6, 2_000_000.0).expect("r");
    // Row 7: an Excel date, a number.
    let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).expect("date");
    ws.write_datetime_with_format(6, 0, d(5), &date).expect("r");
    ws.write_string(6, 1, "01").expect("r");
    ws.write_string(6, 3, "Thu ủng hộ của bà con ấp Phú Hiệp")
        .expect("r");
    ws.write_number(6, 4, 1_500_000.0).expect("r");
    // Row 8: a date as text, an amount as text.
    ws.write_string(7, 0, "12/01/2026").expect("r");
    ws.write_string(7, 2, "01").expect("r");
    ws.write_string(7, 3, "Chi hỗ trợ hộ nghèo đón Tết")
        .expect("r");
    ws.write_string(7, 5, "3.000.000").expect("r");
    // Row 9: a date as a bare serial number (46041 = 15/01/2026).
    ws.write_number(8, 0, 46_041.0).expect("r");
    ws.write_string(8, 1, "02").expect("r");
    ws.write_string(8, 3, "Thu khác").expect("r");
    ws.write_string(8, 4, "250.000").expect("r");
    // Row 10: blank. Row 11: a payment larger than what is left (refused).
    ws.write_datetime_with_format(10, 0, d(20), &date)
        .expect("r");
    ws.write_string(10, 2, "02").expect("r");
    ws.write_string(10, 3, "Chi mua gạo").expect("r");
    ws.write_number(10, 5, 5_000_000.0).expect("r");
    // Row 12: an ambiguous amount (refused, never guessed).
    ws.write_datetime_with_format(11, 0, d(21), &date)
        .expect("r");
    ws.write_string(11, 1, "03").expect("r");
    ws.write_string(11, 3, "Thu ủng hộ").expect("r");
    ws.write_string(11, 4, "1,500").expect("r");
    // Row 13: the month's total.
    ws.write_string(12, 3, "Cộng tháng 1").expect("r");
    ws.write_number(12, 4, 1_750_000.0).expect("r");
    ws.write_number(12, 5, 3_000_000.0).expect("r");
    wb.save(&path).expect("save");
    path
}

fn started(book: &mut Book) {
    book.set_opening(&NewOpening {
        commune: "Phú Hữu".into(),
        program: Some(Program::Rice),
        date: "01/01/2026".into(),
        cash: Some("2.000.000".into()),
        kg: Some("500".into()),
    })
    .expect("opening");
}

#[test]
fn a_years_cash_book_is_read_through_its_title_rows_merged_header_and_totals() {
    let dir = tempfile::tempdir().expect("dir");
    let file = cash_book_xlsx(dir.path());
    let mut book = small_book();
    started(&mut book);
    let table = read::read(&file, None, None).expect("read");
    let mapping = import::layout::guess(&table, Kind::Cash).expect("header found");
    assert_eq!(
        (mapping.header_first, mapping.header_last),
        (4, 5),
        "{mapping:?}"
    );
    for (field, column) in [
        (import::Field::Date, "A"),
        (import::Field::VoucherIn, "B"),
        (import::Field::VoucherOut, "C"),
        (import::Field::Description, "D"),
        (import::Field::Receipt, "E"),
        (import::Field::Payment, "F"),
        (import::Field::Balance, "G"),
    ] {
        assert_eq!(
            mapping.columns.get(&field).map(String::as_str),
            Some(column),
            "{field:?}: {mapping:?}"
        );
    }
    let mut o = options(Kind::Cash);
    o.program = Some(Program::Rice);
    // The dry run refuses the two bad rows and writes nothing.
    let before = content(&book);
    o.dry_run = true;
    let dry = book.import_table(&table, &o).expect("dry run");
    assert_eq!(content(&book), before, "a dry run writes nothing");
    assert!(
        refusal(&dry, 11).contains("Không đủ tiền"),
        "{}",
        refusal(&dry, 11)
    );
    assert!(
        refusal(&dry, 11).contains("20/01/2026"),
        "names the day: {}",
        refusal(&dry, 11)
    );
    assert!(refusal(&dry, 12).contains("1,500"), "{}", refusal(&dry, 12));
    for skipped in [6, 10, 13] {
        assert!(
            matches!(outcome(&dry, skipped), RowOutcome::Skipped { .. }),
            "row {skipped}"
        );
    }
    assert_eq!((dry.imported, dry.refused), (3, 2));
    // A whole import with refused rows writes nothing.
    o.dry_run = false;
    let refused = book.import_table(&table, &o).expect("import");
    assert!(!refused.written);
    assert_eq!(content(&book), before, "refused rows: nothing written");
    // The good rows only.
    o.good_rows_only = true;
    let done = book.import_table(&table, &o).expect("import");
    assert!(done.written);
    assert_eq!(done.imported, 3);
    let c = book.find_commune("Phú Hữu").expect("c").id;
    let january =
        monthly_summary(&book, c, Month::new(2026, 1).expect("m"), common::now()).expect("s");
    let cash = january.fund(Program::Rice, Asset::Cash).expect("fund");
    assert_eq!(
        cash.opening.stored(),
        2_000_000,
        "the opening is the opening, not a receipt"
    );
    assert_eq!(
        cash.closing.stored(),
        2_000_000 + 1_500_000 - 3_000_000 + 250_000
    );
    let rows = book
        .month_movements(c, Month::new(2026, 1).expect("m"))
        .expect("rows");
    let vouchers: Vec<(&str, Option<&str>)> = rows
        .iter()
        .map(|r| (r.voucher.as_str(), r.paper_voucher.as_deref()))
        .collect();
    assert_eq!(
        vouchers,
        [
            ("PT-2026-0001", Some("01")),
            ("PC-2026-0001", Some("01")),
            ("PT-2026-0002", Some("02")),
        ],
        "gapless numbers in date order, each keeping its paper number"
    );
    assert!(book.check().expect("check").ok());
    // The same file again adds nothing and says so.
    let again = book.import_table(&table, &o).expect("again");
    assert_eq!((again.imported, again.duplicates), (0, 3));
    assert_eq!(
        book.month_movements(c, Month::new(2026, 1).expect("m"))
            .expect("rows")
            .len(),
        3
    );
}

/// A TCVN3 sheet's text as it shows: the .VnTime codes read as Windows-1252 characters.
fn tcvn3(unicode: &str) -> String {
    let table: Vec<(char, u8)> = (0xA1u8..=0xFF)
        .filter_map(|b| {
            let c = import::legacy::Legacy::Tcvn3.decode(&char::from(b).to_string());
            c.chars().next().map(|ch| (ch, b))
        })
        .collect();
    unicode
        .chars()
        .map(|c| match table.iter().find(|(u, _)| *u == c) {
            Some((_, b)) => char::from(*b),
            None => c,
        })
        .collect()
}

fn households_xlsx(dir: &Path, names: &[(&str, &str, &str)]) -> PathBuf {
    let path = dir.join("danh-sach-ho-ngheo.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.merge_range(
        0,
        0,
        0,
        3,
        "DANH SÁCH HỘ NGHÈO NĂM 2026",
        &Format::new().set_bold(),
    )
    .expect("t");
    for (c, h) in ["STT", "Họ và tên chủ hộ", "Ấp", "Phân loại"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, c as u16, *h).expect("h");
    }
    for (i, (name, hamlet, status)) in names.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_number(r, 0, (i + 1) as f64).expect("n");
        ws.write_string(r, 1, *name).expect("n");
        ws.write_string(r, 2, *hamlet).expect("n");
        ws.write_string(r, 3, *status).expect("n");
    }
    let r = 3 + names.len() as u32;
    ws.write_string(r, 1, format!("Tổng cộng: {} hộ", names.len()))
        .expect("total");
    wb.save(&path).expect("save");
    path
}

#[test]
fn a_household_list_with_nfd_names_is_imported_and_an_unknown_hamlet_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let nfd: String = "Trần Văn Sáu".nfd().collect();
    let file = households_xlsx(
        dir.path(),
        &[
            (&nfd, "Phú Hiệp", "Hộ nghèo"),
            ("Võ Thị Mười", "Ấp Phú Hiệp", "cận nghèo"),
            ("Lê Văn Bảy", "Ấp Không Có", "hộ nghèo"),
            ("Nguyễn Thị Hoa", "Phú Hiệp", "hộ nghèo"),
        ],
    );
    let mut book = small_book();
    let table = read::read(&file, None, None).expect("read");
    let mut o = options(Kind::Households);
    o.good_rows_only = true;
    let report = book.import_table(&table, &o).expect("import");
    assert_eq!(report.imported, 2, "{:?}", report.rows);
    assert!(
        refusal(&report, 6).contains("Ấp Không Có"),
        "{}",
        refusal(&report, 6)
    );
    assert!(
        refusal(&report, 7).contains("Nguyễn Thị Hoa"),
        "a twin in the hamlet: {}",
        refusal(&report, 7)
    );
    assert!(
        matches!(outcome(&report, 8), RowOutcome::Skipped { .. }),
        "the total row"
    );
    let c = book.find_commune("Phú Hữu").expect("c");
    let six = book
        .find_household(&c, "Trần Văn Sáu")
        .expect("NFD stored as NFC");
    assert_eq!(six.name, "Trần Văn Sáu");
    assert_eq!(six.status.map(|s| s.code()), Some("ngheo"));
    let again = book.import_table(&table, &o).expect("again");
    assert_eq!((again.imported, again.duplicates), (0, 2));
}

#[test]
fn a_tcvn3_column_is_found_and_converted_once_the_clerk_agrees() {
    let dir = tempfile::tempdir().expect("dir");
    let file = households_xlsx(
        dir.path(),
        &[
            (&tcvn3("Nguyễn Văn Được"), "Phú Hiệp", &tcvn3("hộ nghèo")),
            (
                &tcvn3("Huỳnh Thị Mười Một"),
                "Phú Hiệp",
                &tcvn3("cận nghèo"),
            ),
        ],
    );
    let mut book = small_book();
    let before = content(&book);
    let table = read::read(&file, None, None).expect("read");
    let err = book
        .import_table(&table, &options(Kind::Households))
        .expect_err("the clerk is asked first");
    assert_eq!(err.code(), "legacy_text");
    assert!(err.to_string().contains("TCVN3"), "{err}");
    assert_eq!(content(&book), before);
    let mut o = options(Kind::Households);
    o.convert = Convert::From(import::Legacy::Tcvn3);
    let report = book.import_table(&table, &o).expect("converted");
    assert_eq!(report.imported, 2, "{:?}", report.rows);
    let c = book.find_commune("Phú Hữu").expect("c");
    let names: Vec<String> = book
        .list_households(c.id, 2026, None)
        .expect("list")
        .into_iter()
        .map(|h| h.name)
        .collect();
    assert!(
        book.find_household(&c, "Nguyễn Văn Được").is_ok(),
        "{names:?} from {:?}",
        tcvn3("Nguyễn Văn Được")
    );
    assert!(book.find_household(&c, "Huỳnh Thị Mười Một").is_ok());
}

#[test]
fn csv_files_of_old_pcs_are_read_in_their_code_page() {
    let dir = tempfile::tempdir().expect("dir");
    let text = "Họ và tên;Ấp;Diện hộ\r\nPhạm Thị Yến;Phú Hiệp;hộ nghèo\r\nĐặng Văn Ơn;Phú Hiệp;cận nghèo\r\n";
    // why: Windows-1258 writes the tones as combining marks after the letter (â, ơ, ư… are
    // letters of their own), so the text is decomposed that way before it is encoded.
    let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut composed = String::new();
    let mut pending_tone: Option<char> = None;
    for c in text.nfd() {
        if tones.contains(&c) {
            pending_tone = Some(c);
            continue;
        }
        if unicode_normalization::char::is_combining_mark(c) {
            let base = composed.pop().unwrap_or(' ');
            composed.extend(format!("{base}{c}").nfc());
            continue;
        }
        if let Some(t) = pending_tone.take() {
            composed.push(t);
        }
        composed.push(c);
    }
    if let Some(t) = pending_tone.take() {
        composed.push(t);
    }
    let (cp1258, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&composed);
    assert!(!unmappable);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    for (name, bytes, enc) in [
        ("cp1258.csv", cp1258.into_owned(), "windows-1258"),
        ("utf8-bom.csv", bom, "UTF-8"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).expect("write");
        let table = read::read(&path, None, None).expect("read");
        assert_eq!(table.encoding.as_deref(), Some(enc), "{name}");
        let mut book = small_book();
        let report = book
            .import_table(&table, &options(Kind::Households))
            .expect("import");
        assert_eq!(report.imported, 2, "{name}: {:?}", report.rows);
        let c = book.find_commune("Phú Hữu").expect("c");
        assert_eq!(
            book.find_household(&c, "Đặng Văn Ơn").expect(name).name,
            "Đặng Văn Ơn"
        );
    }
}

#[test]
fn a_rice_book_imports_rounds_and_handouts_and_refuses_stock_below_zero_on_its_day() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("so-gao.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["Ngày", "Ấp", "Hộ nhận", "Số kg nhập", "Số kg xuất"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).expect("h");
    }
    type SheetRow<'a> = (&'a str, &'a str, &'a str, Option<f64>, Option<f64>);
    let rows: [SheetRow; 4] = [
        ("15/02/2026", "Phú Hiệp", "", Some(820.5), None),
        ("16/02/2026", "", "Nguyễn Thị Hoa", None, Some(10.0)),
        ("16/02/2026", "", "Lê Văn Út", None, Some(900.0)),
        ("17/02/2026", "", "Không Có Ai", None, Some(5.0)),
    ];
    for (i, (d, hamlet, hh, kin, kout)) in rows.iter().enumerate() {
        let r = 1 + i as u32;
        ws.write_string(r, 0, *d).expect("d");
        ws.write_string(r, 1, *hamlet).expect("a");
        ws.write_string(r, 2, *hh).expect("h");
        if let Some(k) = kin {
            ws.write_number(r, 3, *k).expect("k");
        }
        if let Some(k) = kout {
            ws.write_number(r, 4, *k).expect("k");
        }
    }
    wb.save(&path).expect("save");
    let mut book = small_book();
    let table = read::read(&path, None, None).expect("read");
    let mut o = options(Kind::Rice);
    o.good_rows_only = true;
    let report = book.import_table(&table, &o).expect("import");
    assert_eq!(report.imported, 2, "{:?}", report.rows);
    assert!(
        refusal(&report, 4).contains("16/02/2026"),
        "{}",
        refusal(&report, 4)
    );
    assert!(
        refusal(&report, 5).contains("Không Có Ai"),
        "{}",
        refusal(&report, 5)
    );
    let c = book.find_commune("Phú Hữu").expect("c").id;
    let b = book
        .balance(
            c,
            Program::Rice,
            NaiveDate::from_ymd_opt(2026, 2, 28).expect("d"),
        )
        .expect("balance");
    assert_eq!(b.rice.stored(), 810_500, "820,5 − 10 kg, to the gram");
    assert!(book.check().expect("check").ok());
}

/// A year of a cash book, a receipt and a payment a day, under a one-row header.
fn long_cash_book_xlsx(dir: &Path, rows: usize) -> PathBuf {
    let path = dir.join("so-quy-ca-nam.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "SỔ QUỸ TIỀN MẶT NĂM 2026")
        .expect("title");
    for (c, h) in ["Ngày", "Số phiếu", "Diễn giải", "Thu", "Chi"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, c as u16, *h).expect("header");
    }
    for i in 0..rows {
        let r = 3 + i as u32;
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).expect("d")
            + chrono::Duration::days((i % 300) as i64);
        ws.write_string(r, 0, day.format("%d/%m/%Y").to_string())
            .expect("r");
        ws.write_string(r, 1, format!("{:04}", i + 1)).expect("r");
        ws.write_string(r, 2, format!("Ủng hộ đợt {}", i + 1))
            .expect("r");
        ws.write_number(r, 3, 10_000.0).expect("r");
    }
    wb.save(&path).expect("save");
    path
}

fn file_bytes(path: &Path) -> Vec<Vec<u8>> {
    ["", "-wal", "-shm"]
        .iter()
        .map(|s| {
            let mut p = path.as_os_str().to_owned();
            p.push(s);
            std::fs::read(PathBuf::from(p)).unwrap_or_default()
        })
        .collect()
}

#[test]
fn an_import_stopped_midway_leaves_the_book_byte_for_byte_unchanged() {
    let dir = tempfile::tempdir().expect("dir");
    let file = long_cash_book_xlsx(dir.path(), 3_000);
    let db = dir.path().join("so.db");
    {
        let mut book = Book::create(&db, sotinhthuong::Source::Test).expect("create");
        book.add_commune(&sotinhthuong::NewCommune {
            name: "Phú Hữu".into(),
            ..Default::default()
        })
        .expect("commune");
    }
    let table = read::read(&file, None, None).expect("read");
    let mut o = options(Kind::Cash);
    o.program = Some(Program::Transport);
    // Stopped while reading the rows, then while writing them (inside the transaction).
    for stop_at in [0.25, 0.75] {
        let before = file_bytes(&db);
        let mut book = Book::open(&db, sotinhthuong::Source::Test).expect("open");
        let content_before = content(&book);
        let mut calls: Vec<(usize, usize)> = Vec::new();
        let err = book
            .import_table_with(&table, &o, &mut |done, total| {
                calls.push((done, total));
                (done as f64) < stop_at * total as f64
            })
            .expect_err("the clerk stopped it");
        assert_eq!(err.code(), "import_cancelled");
        assert_eq!(
            content(&book),
            content_before,
            "stopped at {stop_at}: nothing written"
        );
        drop(book);
        assert!(
            file_bytes(&db) == before,
            "stopped at {stop_at}: the book's files are byte-for-byte as they were"
        );
        assert!(calls.len() > 3, "progress told as it goes: {calls:?}");
        assert!(
            calls.windows(2).all(|w| w[0].0 <= w[1].0),
            "progress never runs back: {calls:?}"
        );
    }
    // Not stopped: the bar reaches its end and every row is written.
    let mut book = Book::open(&db, sotinhthuong::Source::Test).expect("open");
    let mut last = (0, 1);
    let report = book
        .import_table_with(&table, &o, &mut |done, total| {
            last = (done, total);
            true
        })
        .expect("import");
    assert!(report.written);
    assert_eq!(report.imported, 3_000);
    assert_eq!(last.0, last.1, "the last call shows the bar full");
    assert_eq!(last.1, 2 * 3_000);
}

#[test]
fn the_preview_shows_the_header_found_the_columns_by_their_words_and_what_is_left_to_choose() {
    let dir = tempfile::tempdir().expect("dir");
    let file = cash_book_xlsx(dir.path());
    let table = read::read(&file, None, None).expect("read");
    let p = import::preview(&table, Kind::Cash, None);
    assert_eq!((p.mapping.header_first, p.mapping.header_last), (4, 5));
    assert_eq!(p.header.iter().map(|r| r.row).collect::<Vec<_>>(), [4, 5]);
    assert_eq!(p.first_rows.first().map(|r| r.row), Some(6));
    let words: Vec<(&str, &str)> = p
        .columns
        .iter()
        .map(|c| (c.letter.as_str(), c.header.as_str()))
        .collect();
    assert_eq!(
        &words[..7],
        [
            ("A", "Ngày tháng"),
            ("B", "Số phiếu: Thu"),
            ("C", "Số phiếu: Chi"),
            ("D", "Diễn giải"),
            ("E", "Số tiền: Thu"),
            ("F", "Số tiền: Chi"),
            ("G", "Số tiền: Tồn"),
        ],
        "a merged parent is carried over its children"
    );
    assert_eq!(
        p.first_rows[1].cells[0], "05/01/2026",
        "a date cell reads as dd/mm/yyyy"
    );
    assert!(p.missing.is_empty());
    assert_eq!(p.data_rows, table.rows.len() - 5);
    // A household list read as a cash book: the date column is left for the clerk to choose.
    let list = households_xlsx(dir.path(), &[("Lê Văn Tám", "Phú Hiệp", "hộ nghèo")]);
    let t = read::read(&list, None, None).expect("read");
    let p = import::preview(&t, Kind::Cash, None);
    assert_eq!(p.missing, [import::Field::Date]);
    assert!(import::layout::guess(&t, Kind::Cash).is_err());
    // The clerk's corrected mapping is shown as given.
    let mut m = import::preview(&table, Kind::Cash, None).mapping;
    m.columns.insert(import::Field::Party, "D".into());
    m.columns.remove(&import::Field::Description);
    let p = import::preview(&table, Kind::Cash, Some(&m));
    assert_eq!(p.mapping, m);
}

#[test]
fn the_preview_shows_old_font_text_before_and_after_conversion() {
    let dir = tempfile::tempdir().expect("dir");
    let file = households_xlsx(
        dir.path(),
        &[(&tcvn3("Nguyễn Văn Được"), "Phú Hiệp", &tcvn3("hộ nghèo"))],
    );
    let table = read::read(&file, None, None).expect("read");
    let p = import::preview(&table, Kind::Households, None);
    assert_eq!(p.legacy, Some(import::Legacy::Tcvn3));
    assert!(
        p.samples
            .iter()
            .any(|s| s.after == "Nguyễn Văn Được" && s.before == tcvn3("Nguyễn Văn Được")),
        "{:?}",
        p.samples
    );
}
