//! Opening balances (số dư đầu kỳ): the money and rice an office holds on the day it starts
//! its books here. Not a receipt: they are the first month's opening line, never "Thu trong
//! tháng"; every rule of the books counts them; they change only while their month is open, each
//! change in the audit log; and ledger-cli agrees with our balances.

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::{content, rice_out, small_book};
use sotinhthuong::opening::NewOpening;
use sotinhthuong::report::monthly_summary;
use sotinhthuong::{Asset, Book, Direction, Month, NewCash, Program};

fn opening(
    book: &mut Book,
    program: Program,
    date: &str,
    cash: Option<&str>,
    kg: Option<&str>,
) -> sotinhthuong::Result<()> {
    book.set_opening(&NewOpening {
        commune: "Phú Hữu".into(),
        program: Some(program),
        date: date.into(),
        cash: cash.map(str::to_string),
        kg: kg.map(str::to_string),
    })
    .map(|_| ())
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 3, 0, 0)
        .single()
        .expect("now")
}

/// A book that starts on 01/10/2026 with 5.000.000 đ and 300 kg in the rice fund and
/// 2.000.000 đ in the transport fund.
fn started_book() -> Book {
    let mut book = small_book();
    opening(
        &mut book,
        Program::Rice,
        "01/10/2026",
        Some("5.000.000"),
        Some("300"),
    )
    .expect("rice");
    opening(
        &mut book,
        Program::Transport,
        "01/10/2026",
        Some("2.000.000"),
        None,
    )
    .expect("transport");
    book
}

#[test]
fn the_opening_balance_is_the_first_months_opening_line_never_a_receipt() {
    let mut book = started_book();
    rice_out(&mut book, "05/10/2026", "120").expect("a handout from the rice carried in");
    let c = book.find_commune("Phú Hữu").expect("commune").id;
    let october =
        monthly_summary(&book, c, Month::new(2026, 10).expect("m"), now()).expect("summary");
    let rice = october.fund(Program::Rice, Asset::Rice).expect("rice fund");
    assert_eq!(rice.opening.stored(), 300_000, "300 kg carried in");
    assert!(
        rice.receipts.is_empty(),
        "no receipt in October: {:?}",
        rice.receipts
    );
    assert_eq!(rice.closing.stored(), 180_000);
    let cash = october.fund(Program::Rice, Asset::Cash).expect("cash");
    assert_eq!(cash.opening.stored(), 5_000_000);
    assert!(cash.receipts.is_empty());
    let html = sotinhthuong::report::html::render(&october.document());
    assert!(
        html.contains("Số dư đầu kỳ chuyển sang ngày 01/10/2026"),
        "the printed summary names the opening balance carried in"
    );
    let november =
        monthly_summary(&book, c, Month::new(2026, 11).expect("m"), now()).expect("summary");
    assert!(
        sotinhthuong::report::html::render(&november.document()).contains("Tồn đầu tháng"),
        "later months carry the month before"
    );
    assert_eq!(
        november
            .fund(Program::Rice, Asset::Rice)
            .expect("rice")
            .opening
            .stored(),
        180_000
    );
    let b = book
        .balance(
            c,
            Program::Transport,
            NaiveDate::from_ymd_opt(2026, 11, 1).expect("d"),
        )
        .expect("balance");
    assert_eq!(b.cash.stored(), 2_000_000);
    let overview = book
        .overview(c, Month::new(2026, 10).expect("m"))
        .expect("overview");
    let rice_month = overview
        .programs
        .iter()
        .find(|p| p.program == Program::Rice)
        .expect("rice");
    assert_eq!(rice_month.opening_rice.stored(), 300_000);
    assert_eq!(rice_month.rice_in.stored(), 0, "the opening is not rice in");
    assert!(book.check().expect("check").ok());
}

#[test]
fn an_entry_before_the_start_date_is_refused_naming_the_date() {
    let mut book = started_book();
    let before = content(&book);
    let err = rice_out(&mut book, "30/09/2026", "5").expect_err("before the start");
    assert_eq!(err.code(), "before_start");
    assert!(err.to_string().contains("01/10/2026"), "{err}");
    assert_eq!(content(&book), before);
    let err = opening(
        &mut book,
        Program::Repair,
        "15/10/2026",
        Some("1.000.000"),
        None,
    )
    .expect_err("one start date for a commune");
    assert_eq!(err.code(), "start_date_differs", "{err}");
}

#[test]
fn an_opening_changes_only_while_its_month_is_open_and_never_below_what_was_paid_out() {
    let mut book = started_book();
    rice_out(&mut book, "05/10/2026", "250").expect("handout");
    let before = content(&book);
    let err = opening(&mut book, Program::Rice, "01/10/2026", None, Some("200"))
        .expect_err("250 kg were handed out of it");
    assert_eq!(err.code(), "stock_too_low", "{err}");
    assert_eq!(content(&book), before);
    opening(&mut book, Program::Rice, "01/10/2026", None, Some("310,5")).expect("corrected");
    let entries: Vec<(String, Option<String>, Option<String>)> = book
        .connection()
        .prepare(
            "SELECT action, before, after FROM audit_log WHERE action = 'set_opening' ORDER BY seq",
        )
        .expect("sql")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    let last = entries.last().expect("audited");
    assert!(
        last.1.as_deref().is_some_and(|b| b.contains("300000")),
        "before: {last:?}"
    );
    assert!(
        last.2.as_deref().is_some_and(|a| a.contains("310500")),
        "after: {last:?}"
    );
    book.close_month("Phú Hữu", Month::new(2026, 10).expect("m"))
        .expect("close");
    let before = content(&book);
    let err = opening(&mut book, Program::Rice, "01/10/2026", None, Some("400"))
        .expect_err("a closed month");
    assert_eq!(err.code(), "month_closed");
    assert_eq!(content(&book), before);
    let err = opening(&mut book, Program::Transport, "01/10/2026", None, Some("5"))
        .expect_err("no rice in the transport fund");
    assert_eq!(err.code(), "invalid_choice");
}

#[test]
fn an_opening_edited_in_the_file_is_found_by_check() {
    let book = started_book();
    assert!(book.check().expect("check").ok());
    book.connection()
        .execute("UPDATE openings SET amount = amount + 1000000 WHERE asset = 'cash' AND program = 'rice'", [])
        .expect("edit behind the program's back");
    let faults = book.check().expect("check").faults;
    assert!(
        faults.iter().any(|f| f.contains("số dư đầu kỳ")),
        "{faults:?}"
    );
}

#[test]
fn ledger_cli_agrees_with_balances_that_start_from_an_opening() {
    if std::process::Command::new("ledger")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("SKIPPED: `ledger` is not installed (apt install ledger); CI installs it");
        return;
    }
    let mut book = started_book();
    rice_out(&mut book, "05/10/2026", "120").expect("handout");
    book.record_cash(&NewCash {
        commune: "Phú Hữu".into(),
        program: Program::Transport,
        direction: Direction::Out,
        date: "03/10/2026".into(),
        amount: "700.000".into(),
        party: "Cây xăng Phú Hữu".into(),
        category: None,
        memo: String::new(),
    })
    .expect("payment from the cash carried in");
    let dir = tempfile::tempdir().expect("dir");
    let journal = dir.path().join("so.ledger");
    let mut f = std::fs::File::create(&journal).expect("file");
    sotinhthuong::export::write_ledger(&book, &mut f).expect("export");
    drop(f);
    let text = std::fs::read_to_string(&journal).expect("read");
    assert!(
        text.contains("Vốn:Xã Phú Hữu:Nắm gạo tình thương:Số dư đầu kỳ"),
        "{text}"
    );
    let c = book.find_commune("Phú Hữu").expect("c");
    let summary = monthly_summary(&book, c.id, Month::new(2026, 10).expect("m"), now()).expect("s");
    for (program, asset) in [
        (Program::Rice, Asset::Rice),
        (Program::Rice, Asset::Cash),
        (Program::Transport, Asset::Cash),
    ] {
        let account = sotinhthuong::export::fund_account(&c.title(), program, asset);
        let out = std::process::Command::new("ledger")
            .arg("-f")
            .arg(&journal)
            .args(["bal", "--flat", "--no-total", "-e", "2026/11/01"])
            .arg(format!(
                "^{}$",
                account.replace('(', "\\(").replace(')', "\\)")
            ))
            .output()
            .expect("ledger");
        let line = String::from_utf8_lossy(&out.stdout).to_string();
        let number: rust_decimal::Decimal = line
            .split_whitespace()
            .next()
            .unwrap_or("0")
            .replace(',', "")
            .parse()
            .expect("number");
        let theirs = match asset {
            Asset::Cash => i64::try_from(number.trunc()).expect("đồng"),
            Asset::Rice => {
                i64::try_from((number * rust_decimal::Decimal::from(1000)).trunc()).expect("g")
            }
        };
        let ours = summary.fund(program, asset).expect("fund").closing.stored();
        assert_eq!(theirs, ours, "{account}: ledger {line}");
    }
}
