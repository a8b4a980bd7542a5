//! Export of the whole book as a ledger-cli journal, so an auditor can check our figures with an
//! independent tool (`ledger -f so.ledger bal`).
//!
//! Each movement that is not void becomes one balanced transaction between the fund account
//! `Quỹ:<commune>:<program>:<Tiền|Gạo>` and a receipts or payments account
//! `Thu:<commune>:<program>:<category>` / `Chi:…`. Cash is in the commodity `VND` (whole đồng),
//! rice in `KG` (three decimals, to the gram). Voided entries are listed as comments with their
//! reason, so every number is accounted for. Opening balances (số dư đầu kỳ) are postings from
//! the equity account `Vốn:<commune>:<program>:Số dư đầu kỳ`, never receipts.

use crate::book::Book;
use crate::error::Result;
use crate::ledger::{Asset, Category, Direction, Program};
use rust_decimal::Decimal;
use std::io::Write;

/// The fund account of a commune's program and asset.
pub fn fund_account(commune_title: &str, program: Program, asset: Asset) -> String {
    format!(
        "Quỹ:{}:{}:{}",
        commune_title,
        program.label(),
        if asset == Asset::Rice {
            "Gạo"
        } else {
            "Tiền"
        }
    )
}

fn quantity(asset: Asset, stored: i64) -> String {
    match asset {
        Asset::Cash => format!("{stored} VND"),
        Asset::Rice => format!("{} KG", Decimal::new(stored, 3)),
    }
}

/// Writes the journal of every movement, in date and number order.
pub fn write_ledger(book: &Book, out: &mut impl Write) -> Result<usize> {
    let io = |e: std::io::Error| crate::Error::io(std::path::Path::new(""), e);
    let conn = book.connection();
    let titles: std::collections::HashMap<i64, String> = book
        .list_communes(true)?
        .into_iter()
        .map(|c| (c.id.0, c.title()))
        .collect();
    writeln!(
        out,
        "; Sổ Tình Thương — sổ xuất cho ledger-cli\n; dấu vân tay của sổ: {}\n\ncommodity VND\n    format 1000 VND\ncommodity KG\n    format 1000.000 KG\n",
        crate::audit::fingerprint(conn)?
    )
    .map_err(io)?;
    // Opening balances first: a posting against the equity account of the books carried in,
    // never a receipt.
    for o in book.list_openings(None)? {
        if o.stored == 0 {
            continue;
        }
        let title = titles.get(&o.commune_id.0).cloned().unwrap_or_default();
        writeln!(
            out,
            "{} * Số dư đầu kỳ\n    {}  {}\n    Vốn:{}:{}:Số dư đầu kỳ\n",
            o.date.format("%Y/%m/%d"),
            fund_account(&title, o.program, o.asset),
            quantity(o.asset, o.stored),
            title,
            o.program.label()
        )
        .map_err(io)?;
    }
    let mut stmt = conn.prepare(
        "SELECT m.commune_id, m.program, m.asset, m.direction, m.date, m.amount, m.category,
                m.voucher_kind || '-' || m.voucher_year || '-' || printf('%04d', m.voucher_seq),
                coalesce(p.name, h.name, a.name, ''), m.memo, v.reason
         FROM movements m
         LEFT JOIN party_names p ON p.id = m.party_id
         LEFT JOIN households h ON h.id = m.household_id
         LEFT JOIN hamlets a ON a.id = m.hamlet_id
         LEFT JOIN voids v ON v.movement_id = m.id
         ORDER BY m.date, m.id",
    )?;
    let mut rows = stmt.query([])?;
    let mut written = 0;
    while let Some(r) = rows.next()? {
        let commune: i64 = r.get(0)?;
        let title = titles.get(&commune).cloned().unwrap_or_default();
        let program = Program::from_code(&r.get::<_, String>(1)?);
        let asset = Asset::from_code(&r.get::<_, String>(2)?);
        let direction = if r.get::<_, String>(3)? == "in" {
            Direction::In
        } else {
            Direction::Out
        };
        let date: String = r.get(4)?;
        let amount: i64 = r.get(5)?;
        let category = Category::from_code(&r.get::<_, String>(6)?);
        let voucher: String = r.get(7)?;
        let who: String = r.get(8)?;
        let memo: String = r.get(9)?;
        let void: Option<String> = r.get(10)?;
        let payee = clean(&format!("{voucher} {who}"));
        if let Some(reason) = void {
            writeln!(out, "; {date} {payee}: ĐÃ HỦY ({})\n", clean(&reason)).map_err(io)?;
            continue;
        }
        let fund = fund_account(&title, program, asset);
        let other = format!(
            "{}:{}:{}:{}",
            if direction == Direction::In {
                "Thu"
            } else {
                "Chi"
            },
            title,
            program.label(),
            category.label().replace(',', "")
        );
        let q = quantity(asset, amount);
        let (first, second) = if direction == Direction::In {
            (&fund, &other)
        } else {
            (&other, &fund)
        };
        writeln!(
            out,
            "{} * {payee}\n    ; {}\n    {first}  {q}\n    {second}\n",
            date.replace('-', "/"),
            clean(&memo),
        )
        .map_err(io)?;
        written += 1;
    }
    Ok(written)
}

/// One line, no characters ledger reads as syntax at the start of a note.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
