//! The running balance ("Tồn") of a fund book, as a paper sổ quỹ keeps it: each entry of a month
//! shows what the fund holds just after it, from the month's opening balance, in date and number
//! order; a voided entry moves nothing and shows no balance; a search narrows the rows, never the
//! balances.

mod common;

use common::{rice_in, rice_out, small_book};
use sotinhthuong::ledger::ListFilter;
use sotinhthuong::{Asset, Book, Direction, Month, NewCash, Program};
use std::collections::BTreeMap;

fn cash(book: &mut Book, direction: Direction, date: &str, amount: &str, party: &str) -> String {
    book.record_cash(&NewCash {
        commune: "Phú Hữu".into(),
        program: Program::Transport,
        direction,
        date: date.into(),
        amount: amount.into(),
        party: party.into(),
        category: None,
        memo: String::new(),
    })
    .expect("cash slip")
    .to_string()
}

/// Voucher → balance after it, for one fund's month as the screen lists it (newest first).
fn tons(
    book: &Book,
    program: Program,
    asset: Asset,
    month: &str,
    search: Option<&str>,
) -> BTreeMap<String, Option<i64>> {
    let commune = book.find_commune("Phú Hữu").unwrap();
    book.list_movements(&ListFilter {
        commune: Some(commune.id),
        month: Some(month.parse::<Month>().unwrap()),
        program: Some(program),
        asset: Some(asset),
        search: search.map(str::to_string),
        offset: 0,
        limit: 50,
    })
    .unwrap()
    .rows
    .into_iter()
    .map(|r| (r.voucher, r.balance))
    .collect()
}

#[test]
fn each_cash_entry_shows_the_fund_after_it_from_the_months_opening() {
    let mut book = small_book();
    // October leaves 1.000.000 đ in the transport fund: November's opening.
    cash(
        &mut book,
        Direction::In,
        "05/10/2026",
        "1.000.000",
        "Nguyễn Thị Hoa",
    );
    // November, typed out of order: the 20th first, then the 3rd and the 10th.
    let late = cash(
        &mut book,
        Direction::Out,
        "20/11/2026",
        "300.000",
        "Cây xăng",
    );
    let gift = cash(
        &mut book,
        Direction::In,
        "03/11/2026",
        "500.000",
        "Hội Phụ nữ",
    );
    let fuel = cash(
        &mut book,
        Direction::Out,
        "10/11/2026",
        "250.000",
        "Cây xăng",
    );
    let shown = tons(&book, Program::Transport, Asset::Cash, "2026-11", None);
    // 1.000.000 + 500.000 (3/11) − 250.000 (10/11) − 300.000 (20/11)
    assert_eq!(shown[&gift], Some(1_500_000));
    assert_eq!(shown[&fuel], Some(1_250_000));
    assert_eq!(
        shown[&late],
        Some(950_000),
        "the last entry's balance is the month's closing"
    );
    assert_eq!(
        book.balance(
            book.find_commune("Phú Hữu").unwrap().id,
            Program::Transport,
            "2026-11-30".parse().unwrap()
        )
        .unwrap()
        .cash
        .stored(),
        950_000,
        "the running balance ends where the fund's balance does"
    );
}

#[test]
fn a_voided_entry_moves_nothing_and_shows_no_balance() {
    let mut book = small_book();
    let gift = cash(
        &mut book,
        Direction::In,
        "03/11/2026",
        "500.000",
        "Hội Phụ nữ",
    );
    let wrong = cash(
        &mut book,
        Direction::Out,
        "05/11/2026",
        "200.000",
        "Cây xăng",
    );
    let fuel = cash(
        &mut book,
        Direction::Out,
        "10/11/2026",
        "100.000",
        "Cây xăng",
    );
    book.void_entry(&wrong, "Nhập nhầm số tiền", Some("Phú Hữu"))
        .unwrap();
    let shown = tons(&book, Program::Transport, Asset::Cash, "2026-11", None);
    assert_eq!(shown[&gift], Some(500_000));
    assert_eq!(shown[&wrong], None, "a void has no balance of its own");
    assert_eq!(
        shown[&fuel],
        Some(400_000),
        "the void's 200.000 đ is not taken off"
    );
}

#[test]
fn a_search_narrows_the_rows_but_not_the_balances() {
    let mut book = small_book();
    cash(
        &mut book,
        Direction::In,
        "03/11/2026",
        "500.000",
        "Hội Phụ nữ",
    );
    let fuel = cash(
        &mut book,
        Direction::Out,
        "10/11/2026",
        "100.000",
        "Cây xăng Phú Hữu",
    );
    let shown = tons(
        &book,
        Program::Transport,
        Asset::Cash,
        "2026-11",
        Some("cay xang"),
    );
    assert_eq!(shown.len(), 1, "only the fuel slip matches");
    assert_eq!(
        shown[&fuel],
        Some(400_000),
        "its balance still counts the gift before it"
    );
}

#[test]
fn the_rice_store_shows_its_stock_after_each_round_and_handout() {
    let mut book = small_book();
    let round = rice_in(&mut book, "15/11/2026", "880,5").unwrap();
    let handout = rice_out(&mut book, "16/11/2026", "40").unwrap();
    let shown = tons(&book, Program::Rice, Asset::Rice, "2026-11", None);
    assert_eq!(shown[&round], Some(880_500), "grams");
    assert_eq!(shown[&handout], Some(840_500));
}

#[test]
fn a_list_across_funds_or_months_carries_no_balance() {
    let mut book = small_book();
    cash(
        &mut book,
        Direction::In,
        "03/11/2026",
        "500.000",
        "Hội Phụ nữ",
    );
    let commune = book.find_commune("Phú Hữu").unwrap();
    let page = book
        .list_movements(&ListFilter {
            commune: Some(commune.id),
            limit: 50,
            ..Default::default()
        })
        .unwrap();
    assert!(!page.rows.is_empty());
    assert!(
        page.rows.iter().all(|r| r.balance.is_none()),
        "no one fund, no one balance"
    );
}
