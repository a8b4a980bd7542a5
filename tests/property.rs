//! Property: any sequence of valid and invalid operations keeps every balance equal to a recount,
//! never below zero on any date, and a refused operation leaves the book exactly as it was.

mod common;

use common::{content, small_book};
use proptest::prelude::*;
use sotinhthuong::rice::{NewCollection, NewHandout};
use sotinhthuong::{Direction, Month, NewCash, Program};

#[derive(Debug, Clone)]
enum Op {
    RiceIn {
        day: u32,
        kg: u32,
    },
    RiceOut {
        day: u32,
        kg: u32,
    },
    Cash {
        program: u8,
        out: bool,
        day: u32,
        thousands: u32,
    },
    Void {
        pick: usize,
    },
    Close {
        month: u32,
    },
    Reopen {
        month: u32,
    },
    Garbage {
        text: String,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (1u32..90, 1u32..60).prop_map(|(day, kg)| Op::RiceIn { day, kg }),
        4 => (1u32..90, 1u32..60).prop_map(|(day, kg)| Op::RiceOut { day, kg }),
        3 => (0u8..3, any::<bool>(), 1u32..90, 1u32..2000).prop_map(|(program, out, day, thousands)| Op::Cash { program, out, day, thousands }),
        2 => (0usize..50).prop_map(|pick| Op::Void { pick }),
        1 => (9u32..12).prop_map(|month| Op::Close { month }),
        1 => (9u32..12).prop_map(|month| Op::Reopen { month }),
        1 => ".{0,12}".prop_map(|text| Op::Garbage { text }),
    ]
}

/// Day `n` counted from 01/09/2026, as dd/mm/yyyy.
fn day(n: u32) -> String {
    let d = chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap() + chrono::Days::new(n as u64);
    d.format("%d/%m/%Y").to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn random_operations_keep_the_books_true(ops in prop::collection::vec(op(), 1..30)) {
        let mut book = small_book();
        let mut numbers: Vec<String> = Vec::new();
        for op in ops {
            let before = content(&book);
            let result: sotinhthuong::Result<Option<String>> = match &op {
                Op::RiceIn { day: d, kg } => book.record_rice_in(&NewCollection {
                    commune: "Phú Hữu".into(), date: day(*d), kg: kg.to_string(), ..Default::default()
                }).map(|v| Some(v.to_string())),
                Op::RiceOut { day: d, kg } => book.record_rice_out(&NewHandout {
                    commune: "Phú Hữu".into(), date: day(*d), kg: kg.to_string(),
                    household: "Nguyễn Thị Hoa".into(), memo: String::new(),
                }).map(|v| Some(v.to_string())),
                Op::Cash { program, out, day: d, thousands } => book.record_cash(&NewCash {
                    commune: "Phú Hữu".into(),
                    program: Program::ALL[*program as usize],
                    direction: if *out { Direction::Out } else { Direction::In },
                    date: day(*d),
                    amount: format!("{}.000", thousands),
                    party: "Nhà hảo tâm".into(), category: None, memo: String::new(),
                }).map(|v| Some(v.to_string())),
                Op::Void { pick } => match numbers.get(*pick % numbers.len().max(1)) {
                    Some(n) => book.void_entry(n, "thử hủy", None).map(|_| None),
                    None => Ok(None),
                },
                Op::Close { month } => book.close_month("Phú Hữu", Month::new(2026, *month).unwrap()).map(|_| None),
                Op::Reopen { month } => book.reopen_month("Phú Hữu", Month::new(2026, *month).unwrap()).map(|_| None),
                Op::Garbage { text } => book.record_rice_in(&NewCollection {
                    commune: "Phú Hữu".into(), date: text.clone(), kg: text.clone(), ..Default::default()
                }).map(|v| Some(v.to_string())),
            };
            match result {
                Ok(Some(n)) => numbers.push(n),
                Ok(None) => {}
                Err(e) => {
                    prop_assert!(e.is_refusal(), "storage fault: {e}");
                    prop_assert_eq!(content(&book), before, "refused {:?} ({}) changed the book", op, e.code());
                }
            }
        }
        let report = book.check().unwrap();
        prop_assert!(report.ok(), "{:?}", report.faults);
        // Every day-end balance from the core equals a plain recount, and is never negative.
        let c = book.find_commune("Phú Hữu").unwrap();
        for n in 0..95 {
            let on = sotinhthuong::date::parse(&day(n)).unwrap();
            for program in Program::ALL {
                let b = book.balance(c.id, program, on).unwrap();
                let recount = |asset: &str| -> i64 {
                    book.connection().query_row(
                        "SELECT ifnull(sum(CASE direction WHEN 'in' THEN amount ELSE -amount END), 0)
                         FROM movements m WHERE program = ?1 AND asset = ?2 AND date <= ?3
                           AND id NOT IN (SELECT movement_id FROM voids)",
                        rusqlite_params(program.code(), asset, &on.to_string()),
                        |r| r.get(0),
                    ).unwrap()
                };
                prop_assert_eq!(b.cash.stored(), recount("cash"));
                prop_assert_eq!(b.rice.stored(), recount("rice"));
                prop_assert!(b.cash.stored() >= 0 && b.rice.stored() >= 0);
            }
        }
    }
}

fn rusqlite_params<'a>(a: &'a str, b: &'a str, c: &'a str) -> [&'a str; 3] {
    [a, b, c]
}
