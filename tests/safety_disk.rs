//! A full disk or a read-only place during a save, through the core API: a clear refusal, and
//! nothing half-written — the book's content is unchanged and passes `check` afterwards.
//! (Real full disks and read-only folders, through the CLI: `cli/tests/safety_cli.rs`.)

mod common;
mod safety_support;

use common::content;
use safety_support::{add_rounds, book_on_disk, try_round};
use sotinhthuong::{Direction, Lang, NewCash, Program};

#[test]
fn a_full_disk_during_a_save_is_refused_clearly_and_nothing_is_half_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut book, _) = book_on_disk(dir.path(), 3);
    // why: SQLite's max_page_count makes the file unable to grow, as a full disk would.
    let pages: i64 = book
        .connection()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .expect("pages");
    book.connection()
        .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
            r.get::<_, i64>(0)
        })
        .expect("limit");
    let memo = "ủng hộ bà con vùng lũ ".repeat(45);
    let mut refused = None;
    for i in 0..200 {
        let before = content(&book);
        let result = book.record_cash(&NewCash {
            commune: "Phú Hữu".into(),
            program: Program::Rice,
            direction: Direction::In,
            date: "20/11/2026".into(),
            amount: "100.000".into(),
            party: format!("Nhà hảo tâm số {i}"),
            category: None,
            memo: memo.trim().to_string(),
        });
        if let Err(e) = result {
            assert_eq!(content(&book), before, "the refused save left no trace");
            refused = Some(e);
            break;
        }
    }
    let e = refused.expect("the disk filled up");
    assert_eq!(e.code(), "disk_full", "{e}");
    assert!(e.to_string().contains("Ổ đĩa đã đầy"), "{e}");
    assert!(e.message(Lang::En).contains("disk is full"), "{e:?}");
    assert!(e.is_refusal(), "the user can fix it: exit 1, not a crash");
    assert!(book.check().expect("check").ok(), "the book is whole");
    // Space is freed: saving works again and the numbers run on without a gap.
    book.connection()
        .query_row("PRAGMA max_page_count = 1073741823", [], |r| {
            r.get::<_, i64>(0)
        })
        .expect("lift");
    add_rounds(&mut book, 1);
    assert!(book.check().expect("check").ok());
}

#[test]
fn a_read_only_book_refuses_a_save_clearly_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut book, _) = book_on_disk(dir.path(), 2);
    // why: root ignores file permissions, so the connection is made read-only instead; real
    // read-only files and folders are tested through the CLI as an unprivileged user.
    book.connection()
        .execute_batch("PRAGMA query_only = 1")
        .expect("read-only");
    let before = content(&book);
    let e = try_round(&mut book).expect_err("refused");
    assert_eq!(e.code(), "read_only", "{e}");
    assert!(e.to_string().contains("chỉ cho đọc"), "{e}");
    assert!(e.message(Lang::En).contains("read-only"));
    assert_eq!(content(&book), before);
    book.connection()
        .execute_batch("PRAGMA query_only = 0")
        .expect("writable");
    assert_eq!(try_round(&mut book).expect("saved"), "PN-2026-0003");
    assert!(book.check().expect("check").ok());
}

#[test]
fn disk_errors_from_the_file_system_name_the_place_and_what_to_do() {
    use std::io::{Error, ErrorKind};
    let place = std::path::Path::new("/media/usb/sao-luu.db");
    let full = sotinhthuong::Error::io(place, Error::from(ErrorKind::StorageFull));
    assert_eq!(full.code(), "disk_full");
    assert!(full.to_string().contains("/media/usb/sao-luu.db"));
    let locked = sotinhthuong::Error::io(place, Error::from(ErrorKind::PermissionDenied));
    assert_eq!(locked.code(), "read_only");
    assert!(
        locked.to_string().contains("/media/usb/sao-luu.db"),
        "{locked}"
    );
    let other = sotinhthuong::Error::io(place, Error::other("bad sector"));
    assert_eq!(other.code(), "storage");
    assert!(other.to_string().contains("bad sector") && other.to_string().contains("sao-luu.db"));
}
