//! The whole book exported as a ledger-cli journal gives, in `ledger` itself, the same month-end
//! balances as our monthly summary: an auditor's independent check of our figures.

mod common;

use chrono::{TimeZone, Utc};
use common::{rice_in, rice_out, small_book};
use sotinhthuong::export::{fund_account, write_ledger};
use sotinhthuong::report::monthly_summary;
use sotinhthuong::{Asset, Direction, Month, NewCash, Program};
use std::process::Command;

fn ledger_available() -> bool {
    Command::new("ledger")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `ledger bal` of one account at the end of a day, as stored units (đồng or grams).
fn ledger_balance(
    journal: &std::path::Path,
    account: &str,
    end_exclusive: &str,
    asset: Asset,
) -> i64 {
    let out = Command::new("ledger")
        .args(["-f"])
        .arg(journal)
        .args(["bal", "--flat", "--no-total", "-e", end_exclusive])
        .arg(format!("^{}$", regex_escape(account)))
        .output()
        .expect("run ledger");
    assert!(
        out.status.success(),
        "ledger failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let Some(line) = text.lines().find(|l| l.contains(account)) else {
        return 0;
    };
    let number = line
        .split_whitespace()
        .next()
        .unwrap_or("0")
        .replace(',', "");
    let value: rust_decimal::Decimal = number.parse().expect("a number from ledger");
    match asset {
        Asset::Cash => i64::try_from(value.trunc()).expect("whole đồng"),
        Asset::Rice => {
            i64::try_from((value * rust_decimal::Decimal::from(1000)).trunc()).expect("grams")
        }
    }
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            if "()[]{}.*+?^$|\\".contains(c) {
                vec!['\\', c]
            } else {
                vec![c]
            }
        })
        .collect()
}

#[test]
#[cfg_attr(
    wine,
    ignore = "wine: ledger-cli is a Linux program here; the Linux run compares the balances"
)]
fn ledger_cli_gives_the_same_month_end_balances_as_our_monthly_summary() {
    if !ledger_available() {
        eprintln!("SKIPPED: `ledger` is not installed (apt install ledger); CI installs it");
        return;
    }
    let mut book = small_book();
    rice_in(&mut book, "15/10/2026", "850,5").unwrap();
    rice_out(&mut book, "16/10/2026", "10").unwrap();
    rice_in(&mut book, "15/11/2026", "700,25").unwrap();
    rice_out(&mut book, "16/11/2026", "12,125").unwrap();
    let cash = |program, dir, date: &str, amount: &str| NewCash {
        commune: "Phú Hữu".into(),
        program,
        direction: dir,
        date: date.into(),
        amount: amount.into(),
        party: "Chùa Phước Hưng".into(),
        category: None,
        memo: "Ủng hộ (đợt 1)".into(),
    };
    book.record_cash(&cash(
        Program::Transport,
        Direction::In,
        "02/11/2026",
        "1.500.000",
    ))
    .unwrap();
    book.record_cash(&cash(
        Program::Transport,
        Direction::Out,
        "03/11/2026",
        "700.000",
    ))
    .unwrap();
    book.record_cash(&cash(
        Program::Rice,
        Direction::In,
        "05/11/2026",
        "2.000.000",
    ))
    .unwrap();
    let v = book
        .record_cash(&cash(Program::Rice, Direction::Out, "06/11/2026", "50.000"))
        .unwrap();
    book.void_entry(&v.to_string(), "ghi nhầm", None).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("so.ledger");
    let mut file = std::fs::File::create(&journal).unwrap();
    assert_eq!(
        write_ledger(&book, &mut file).unwrap(),
        7,
        "the void is a comment, not a transaction"
    );
    drop(file);

    let c = book.find_commune("Phú Hữu").unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 3, 0, 0).unwrap();
    for (month, end) in [
        (Month::new(2026, 10).unwrap(), "2026/11/01"),
        (Month::new(2026, 11).unwrap(), "2026/12/01"),
    ] {
        let summary = monthly_summary(&book, c.id, month, now).unwrap();
        for (program, asset) in [
            (Program::Rice, Asset::Rice),
            (Program::Rice, Asset::Cash),
            (Program::Transport, Asset::Cash),
            (Program::Repair, Asset::Cash),
        ] {
            let ours = summary
                .fund(program, asset)
                .map(|f| f.closing.stored())
                .unwrap_or(0);
            let theirs = ledger_balance(
                &journal,
                &fund_account(&c.title(), program, asset),
                end,
                asset,
            );
            assert_eq!(
                theirs, ours,
                "{month} {program:?} {asset:?}: ledger {theirs} vs summary {ours}"
            );
        }
    }
    let rice_nov = summary_rice(&book, c.id, now);
    assert_eq!(
        rice_nov, 1_528_625,
        "850,5 − 10 + 700,25 − 12,125 kg, to the gram"
    );
}

fn summary_rice(
    book: &sotinhthuong::Book,
    commune: sotinhthuong::CommuneId,
    now: chrono::DateTime<Utc>,
) -> i64 {
    monthly_summary(book, commune, Month::new(2026, 11).unwrap(), now)
        .unwrap()
        .fund(Program::Rice, Asset::Rice)
        .map(|f| f.closing.stored())
        .unwrap_or(0)
}
