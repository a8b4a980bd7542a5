//! Small books for tests: a fixed clock and a commune with a hamlet and households.
#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use sotinhthuong::people::HouseholdStatus;
use sotinhthuong::rice::{NewCollection, NewHandout};
use sotinhthuong::{Book, NewCommune, Source};
use std::sync::Arc;

/// A book on 27/11/2026 with xã Phú Hữu, ấp Phú Hiệp and two poor households.
pub fn small_book() -> Book {
    let mut book = Book::open_in_memory(Source::Test)
        .expect("memory book")
        .with_actor("kiểm thử")
        .with_clock(Arc::new(|| {
            Utc.with_ymd_and_hms(2026, 11, 27, 3, 0, 0).unwrap()
        }));
    book.add_commune(&NewCommune {
        name: "Phú Hữu".into(),
        ..Default::default()
    })
    .expect("commune");
    book.add_hamlet("Phú Hữu", "Ấp Phú Hiệp").expect("hamlet");
    book.add_household(
        "Phú Hữu",
        "Nguyễn Thị Hoa",
        Some("Ấp Phú Hiệp"),
        Some(HouseholdStatus::Ngheo),
    )
    .expect("household");
    book.add_household(
        "Phú Hữu",
        "Lê Văn Út",
        None,
        Some(HouseholdStatus::CanNgheo),
    )
    .expect("household");
    book
}

pub fn rice_in(book: &mut Book, date: &str, kg: &str) -> sotinhthuong::Result<String> {
    book.record_rice_in(&NewCollection {
        commune: "Phú Hữu".into(),
        date: date.into(),
        kg: kg.into(),
        hamlet: Some("Ấp Phú Hiệp".into()),
        households: Some("40".into()),
        ..Default::default()
    })
    .map(|v| v.to_string())
}

pub fn rice_out(book: &mut Book, date: &str, kg: &str) -> sotinhthuong::Result<String> {
    book.record_rice_out(&NewHandout {
        commune: "Phú Hữu".into(),
        date: date.into(),
        kg: kg.into(),
        household: "Nguyễn Thị Hoa".into(),
        memo: String::new(),
    })
    .map(|v| v.to_string())
}

/// A digest of every table's content, to prove a refused operation changed nothing.
pub fn content(book: &Book) -> String {
    let conn = book.connection();
    let mut out = String::new();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            out.push_str(&t);
            for i in 0..n {
                out.push_str(&format!("|{:?}", r.get_ref(i).unwrap()));
            }
            out.push('\n');
        }
    }
    out
}

/// The fixed clock of [`small_book`]: 27/11/2026 10:00 in Vietnam.
pub fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 3, 0, 0)
        .single()
        .expect("now")
}
