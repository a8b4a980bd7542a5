//! Many communes, one picture: each commune's book sends a package of its closed months; a
//! consolidating book receives them by UUID, proves each first, keeps received communes
//! read-only, and its totals equal the sum of the communes' own monthly summaries. Tampered or
//! foreign packages are refused whole, the consolidating book unchanged to the last row.

mod common;

use chrono::{TimeZone, Utc};
use common::content;
use sotinhthuong::report::monthly_summary;
use sotinhthuong::rice::{NewCollection, NewHandout};
use sotinhthuong::{Asset, Book, Direction, Month, NewCash, NewCommune, Program, Source};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn clock() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 3, 0, 0)
        .single()
        .expect("now")
}

/// A commune's own book: a hamlet, a household, rice in and out and cash in October and
/// November 2026, one payment voided, October closed.
fn commune_book(name: &str) -> Book {
    let mut book = Book::open_in_memory(Source::Test)
        .expect("book")
        .with_actor("kế toán")
        .with_clock(Arc::new(clock));
    book.add_commune(&NewCommune {
        name: name.into(),
        ..Default::default()
    })
    .expect("commune");
    book.add_hamlet(name, "Ấp Một").expect("hamlet");
    book.add_household(name, "Nguyễn Thị Hoa", Some("Ấp Một"), None)
        .expect("household");
    for (day, kg, out) in [("15/10/2026", "800", "10"), ("15/11/2026", "650,5", "12,5")] {
        book.record_rice_in(&NewCollection {
            commune: name.into(),
            date: day.into(),
            kg: kg.into(),
            hamlet: Some("Ấp Một".into()),
            households: Some("40".into()),
            ..Default::default()
        })
        .expect("rice in");
        book.record_rice_out(&NewHandout {
            commune: name.into(),
            date: day.into(),
            kg: out.into(),
            household: "Nguyễn Thị Hoa".into(),
            memo: String::new(),
        })
        .expect("rice out");
        for (dir, amount, party) in [
            (Direction::In, "1.000.000", "Chùa Phước Hưng"),
            (Direction::Out, "200.000", "Bà Nguyễn Thị Hoa"),
        ] {
            book.record_cash(&NewCash {
                commune: name.into(),
                program: Program::Rice,
                direction: dir,
                date: day.into(),
                amount: amount.into(),
                party: party.into(),
                category: None,
                memo: String::new(),
            })
            .expect("cash");
        }
    }
    book.void_entry("PC-2026-0001", "ghi nhầm", None)
        .expect("void");
    book.close_month(name, Month::new(2026, 10).expect("m"))
        .expect("close");
    book
}

fn consolidating_book() -> Book {
    Book::open_in_memory(Source::Test)
        .expect("book")
        .with_actor("tỉnh")
        .with_clock(Arc::new(clock))
}

fn package(book: &Book, commune: &str, dir: &Path, name: &str) -> PathBuf {
    let c = book.find_commune(commune).expect("commune").id;
    let out = dir.join(name);
    book.export_package(c, None, &out).expect("package");
    out
}

fn oct() -> Month {
    Month::new(2026, 10).expect("m")
}

#[test]
fn two_communes_are_received_side_by_side_and_their_totals_add_up() {
    let dir = tempfile::tempdir().expect("dir");
    let a = commune_book("Phú Hữu");
    let b = commune_book("Vĩnh Lộc");
    let pa = package(&a, "Phú Hữu", dir.path(), "phu-huu.sttp");
    let pb = package(&b, "Vĩnh Lộc", dir.path(), "vinh-loc.sttp");
    let summary = a
        .package_summary(a.find_commune("Phú Hữu").expect("c").id, None)
        .expect("summary");
    assert_eq!(summary.months, ["2026-10"], "only the closed month goes");
    assert_eq!(summary.movements, 4);
    let mut p = consolidating_book();
    let got = p.receive_package(&pa, false).expect("receive A");
    assert_eq!(
        (got.new_movements, got.new_voids, got.new_months),
        (4, 1, 1)
    );
    p.receive_package(&pb, false).expect("receive B");
    assert!(
        p.check().expect("check").ok(),
        "{:?}",
        p.check().expect("check").faults
    );
    for (book, name) in [(&a, "Phú Hữu"), (&b, "Vĩnh Lộc")] {
        let mine = monthly_summary(book, book.find_commune(name).expect("c").id, oct(), clock())
            .expect("s");
        let theirs =
            monthly_summary(&p, p.find_commune(name).expect("c").id, oct(), clock()).expect("s");
        for (program, asset) in [(Program::Rice, Asset::Rice), (Program::Rice, Asset::Cash)] {
            assert_eq!(
                mine.fund(program, asset).map(|f| f.closing.stored()),
                theirs.fund(program, asset).map(|f| f.closing.stored()),
                "{name} {program:?} {asset:?} to the đồng and the gram"
            );
        }
        assert_eq!(
            mine.meta.seal, theirs.meta.seal,
            "the printed seal is the same"
        );
    }
    // The same packages again add nothing.
    let before = content(&p);
    let again = p.receive_package(&pa, false).expect("again");
    assert_eq!((again.new_movements, again.new_months), (0, 0));
    let after = content(&p);
    let rows = |s: &str| s.lines().filter(|l| l.starts_with("movements|")).count();
    assert_eq!(rows(&after), rows(&before), "no entry doubled");
}

#[test]
fn a_later_package_adds_only_what_is_new() {
    let dir = tempfile::tempdir().expect("dir");
    let mut a = commune_book("Phú Hữu");
    let first = package(&a, "Phú Hữu", dir.path(), "thang-10.sttp");
    let mut p = consolidating_book();
    p.receive_package(&first, false).expect("October");
    a.close_month("Phú Hữu", Month::new(2026, 11).expect("m"))
        .expect("close November");
    let second = package(&a, "Phú Hữu", dir.path(), "thang-11.sttp");
    let got = p.receive_package(&second, false).expect("November");
    assert_eq!((got.new_movements, got.new_months), (4, 1));
    assert!(
        p.check().expect("check").ok(),
        "{:?}",
        p.check().expect("check").faults
    );
    // Received communes are read-only.
    let err = p
        .record_cash(&NewCash {
            commune: "Phú Hữu".into(),
            program: Program::Rice,
            direction: Direction::In,
            date: "20/11/2026".into(),
            amount: "1.000".into(),
            party: String::new(),
            category: None,
            memo: String::new(),
        })
        .expect_err("read-only");
    assert_eq!(err.code(), "received_commune");
    let err = p
        .close_month("Phú Hữu", Month::new(2026, 9).expect("m"))
        .expect_err("read-only");
    assert_eq!(err.code(), "received_commune");
}

/// Edits a copy of a package with a connection of its own, as someone would after export.
fn tampered(original: &Path, dir: &Path, name: &str, sql: &str) -> PathBuf {
    let copy = dir.join(name);
    std::fs::copy(original, &copy).expect("copy");
    let c = rusqlite::Connection::open(&copy).expect("open");
    c.execute_batch(sql)
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    copy
}

#[test]
fn bad_packages_are_refused_whole_and_change_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let a = commune_book("Phú Hữu");
    let good = package(&a, "Phú Hữu", dir.path(), "goc.sttp");
    let d = dir.path();
    let truncated = d.join("bi-cat.sttp");
    let bytes = std::fs::read(&good).expect("read");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).expect("truncate");
    let other = d.join("khac.sqlite");
    rusqlite::Connection::open(&other)
        .expect("other")
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .expect("other");
    let cases: Vec<(&str, PathBuf, &str)> = vec![
        ("a truncated file", truncated, "package_invalid"),
        ("another program's file", other, "package_invalid"),
        (
            "an amount edited",
            tampered(
                &good,
                d,
                "so-tien.sttp",
                "UPDATE movements SET amount = amount + 1000 WHERE voucher_kind = 'PT'",
            ),
            "package_invalid",
        ),
        (
            "a row deleted",
            tampered(
                &good,
                d,
                "xoa.sttp",
                "DELETE FROM movements WHERE voucher_kind = 'PX'",
            ),
            "package_invalid",
        ),
        (
            "a void removed",
            tampered(&good, d, "bo-huy.sttp", "DELETE FROM voids"),
            "package_invalid",
        ),
        (
            "the chain cut",
            tampered(
                &good,
                d,
                "cat-chuoi.sttp",
                "DELETE FROM audit_stubs WHERE seq = (SELECT min(seq) FROM audit_stubs)",
            ),
            "package_invalid",
        ),
        (
            "a newer schema",
            tampered(
                &good,
                d,
                "moi-hon.sttp",
                "UPDATE package_meta SET value = '99' WHERE key = 'schema'",
            ),
            "package_invalid",
        ),
        ("a book, not a package", PathBuf::new(), "package_invalid"),
    ];
    let mut p = consolidating_book();
    for (what, path, code) in cases {
        let path = if what == "a book, not a package" {
            let book_file = d.join("so.db");
            a.backup_to(&book_file).expect("a book file");
            book_file
        } else {
            path
        };
        let before = content(&p);
        let err = p.receive_package(&path, false).expect_err(what);
        assert_eq!(err.code(), code, "{what}: {err}");
        assert_eq!(
            content(&p),
            before,
            "{what}: the consolidating book is unchanged"
        );
    }
    // A package of the same commune from another book (a re-installed office).
    p.receive_package(&good, false).expect("the good one");
    let before = content(&p);
    let other_book = tampered(
        &good,
        d,
        "cai-lai.sttp",
        "UPDATE package_meta SET value = 'khac' WHERE key = 'book_uuid'",
    );
    let err = p
        .receive_package(&other_book, false)
        .expect_err("another book");
    assert_eq!(err.code(), "package_refused", "{err}");
    assert_eq!(content(&p), before);
}

#[test]
fn a_month_changed_after_it_was_sent_is_refused_naming_it() {
    let dir = tempfile::tempdir().expect("dir");
    let mut a = commune_book("Phú Hữu");
    let first = package(&a, "Phú Hữu", dir.path(), "lan-1.sttp");
    let mut p = consolidating_book();
    p.receive_package(&first, false).expect("first");
    // The commune reopens October, adds an entry, closes it again and sends it.
    a.reopen_month("Phú Hữu", oct()).expect("reopen");
    a.record_cash(&NewCash {
        commune: "Phú Hữu".into(),
        program: Program::Rice,
        direction: Direction::In,
        date: "20/10/2026".into(),
        amount: "50.000".into(),
        party: String::new(),
        category: None,
        memo: String::new(),
    })
    .expect("late slip");
    a.close_month("Phú Hữu", oct()).expect("close again");
    let second = package(&a, "Phú Hữu", dir.path(), "lan-2.sttp");
    let before = content(&p);
    let err = p
        .receive_package(&second, false)
        .expect_err("October changed");
    assert_eq!(err.code(), "package_refused");
    assert!(err.to_string().contains("10/2026"), "{err}");
    assert_eq!(content(&p), before);
}

#[test]
fn a_month_not_closed_is_never_sent() {
    let mut a = commune_book("Phú Hữu");
    let c = a.find_commune("Phú Hữu").expect("c").id;
    let err = a
        .package_summary(c, Some(Month::new(2026, 11).expect("m")))
        .expect_err("November is open");
    assert_eq!(err.code(), "package_open_month");
    a.reopen_month("Phú Hữu", oct()).expect("reopen");
    assert_eq!(
        a.package_summary(c, None)
            .expect_err("nothing closed")
            .code(),
        "package_empty"
    );
}
