//! Files that are not sound books: refused with `not_a_book` (or, when the damage lies deep in the
//! file, found by `check`), and never overwritten; a row changed in the file behind the program's
//! back is found by `check`.

mod common;
mod safety_support;

use safety_support::{book_on_disk, bytes, open};
use sotinhthuong::{Book, Source};
use std::path::Path;

const PAGE: usize = 4096;

/// A real book of many pages, closed (its log folded in), as bytes.
fn real_book_bytes(dir: &Path) -> Vec<u8> {
    let (book, path) = book_on_disk(dir, 120);
    drop(book);
    let b = bytes(&path);
    assert!(
        b.len() > 40 * PAGE,
        "the book spans many pages ({} bytes)",
        b.len()
    );
    assert!(
        !dir.join("so-tinh-thuong.db-wal").exists(),
        "closed cleanly"
    );
    b
}

/// Opening `path` as a book must be refused as `not_a_book` with the path in the message, and
/// leave the file byte for byte as it was.
fn assert_refused_untouched(path: &Path, what: &str) {
    let before = bytes(path);
    let err = match Book::open(path, Source::Test) {
        Ok(_) => panic!("{what}: opened as a book"),
        Err(e) => e,
    };
    assert_eq!(err.code(), "not_a_book", "{what}: {err}");
    let message = err.to_string();
    assert!(
        message.contains(&path.display().to_string()) && message.contains("khôi phục"),
        "{what}: the message names the file and says how to recover: {message}"
    );
    assert!(
        err.message(sotinhthuong::Lang::En).contains("restore"),
        "{what}: English message"
    );
    assert_eq!(bytes(path), before, "{what}: the file was not overwritten");
}

#[test]
fn files_that_are_not_books_are_refused_and_never_overwritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = real_book_bytes(&dir.path().join("src").tap_mkdir());
    let mut header_only = b"SQLite format 3\0".to_vec();
    header_only.extend(std::iter::repeat_n(0xA5u8, 84));
    let mut garbage_after_magic = b"SQLite format 3\0".to_vec();
    garbage_after_magic.extend((0..(8 * PAGE)).map(|i| (i * 7919 % 251) as u8));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("a text file", "Danh sách hộ nghèo ấp Phú Hiệp\n".into()),
        (
            "a spreadsheet",
            b"PK\x03\x04\x14\x00\x06\x00 not really xlsx".to_vec(),
        ),
        (
            "random bytes",
            (0..5000).map(|i| (i * 31 % 256) as u8).collect(),
        ),
        ("seven bytes", b"SQLite ".to_vec()),
        ("only a SQLite header", header_only),
        ("garbage after the SQLite magic", garbage_after_magic),
        ("a book cut to its first page", book[..PAGE].to_vec()),
        ("a book cut in half", book[..book.len() / 2].to_vec()),
        (
            "a book missing its last page",
            book[..book.len() - PAGE].to_vec(),
        ),
        ("a book with its first page zeroed", {
            let mut b = book.clone();
            b[100..PAGE].fill(0);
            b
        }),
    ];
    for (what, content) in cases {
        let path = dir.path().join("so.db");
        std::fs::write(&path, &content).expect("write");
        assert_refused_untouched(&path, what);
        assert!(
            !dir.path().join("so.db-wal").exists()
                || bytes(&dir.path().join("so.db-wal")).is_empty(),
            "{what}: nothing written beside it"
        );
        for side in ["so.db-wal", "so.db-shm"] {
            let _ = std::fs::remove_file(dir.path().join(side));
        }
    }
}

#[test]
fn another_programs_sqlite_file_and_a_folder_are_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("khac.db");
    {
        let c = rusqlite::Connection::open(&path).expect("sqlite");
        c.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Hoa');")
            .expect("foreign table");
    }
    assert_refused_untouched(&path, "another program's database");
    let folder = dir.path().join("thu-muc.db");
    std::fs::create_dir(&folder).expect("dir");
    let err = Book::open(&folder, Source::Test).err().map(|e| e.code());
    assert_eq!(err, Some("not_a_book"), "a folder is not a book");
}

/// `check` on a book must find damage: either as faults or as a `not_a_book` refusal.
fn check_finds_damage(book: &Book) -> bool {
    match book.check() {
        Ok(report) => !report.ok(),
        Err(e) => e.code() == "not_a_book",
    }
}

#[test]
fn damage_deep_inside_a_book_is_found_by_check_and_never_papered_over() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = real_book_bytes(&dir.path().join("src").tap_mkdir());
    // Scribble over pages in the middle of the file (the data, not the header or the schema).
    let mut damaged = good.clone();
    let middle = (damaged.len() / PAGE / 2) * PAGE;
    for (i, b) in damaged[middle..middle + 3 * PAGE].iter_mut().enumerate() {
        *b = (i * 13 % 256) as u8;
    }
    let path = dir.path().join("so.db");
    std::fs::write(&path, &damaged).expect("write");
    // why: the header and the schema are whole, so the file opens (reading every page at each
    // start would cost what the whole history costs); `check` reads everything and finds it.
    let mut book = Book::open(&path, Source::Test).expect("header and schema are whole");
    assert!(check_finds_damage(&book), "check finds the damage");
    // A damaged book takes no new entry, even one whose pages are sound: it is refused with
    // the damaged-book message, and the damage stays visible.
    let refused =
        safety_support::try_round(&mut book).expect_err("a damaged book takes no new entry");
    assert_eq!(refused.code(), "book_damaged", "{refused}");
    assert!(refused.to_string().contains("khôi phục"), "{refused}");
    assert!(check_finds_damage(&book), "the damage is still found");
    drop(book);
    assert_eq!(
        &bytes(&path)[middle..middle + 3 * PAGE],
        &damaged[middle..middle + 3 * PAGE],
        "the damaged pages are left as they were, for a backup to replace"
    );
}

#[test]
fn a_row_changed_in_the_file_behind_the_programs_back_is_found_by_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (book, path) = book_on_disk(dir.path(), 6);
    assert!(book.check().expect("check").ok());
    drop(book);
    // Another program edits the file: one payment becomes larger.
    {
        let c = rusqlite::Connection::open(&path).expect("raw connection");
        let changed = c
            .execute(
                "UPDATE movements SET amount = amount + 1000 WHERE id = (SELECT max(id) FROM movements)",
                [],
            )
            .expect("edit");
        assert_eq!(changed, 1);
    }
    let report = open(&path).check().expect("check");
    assert!(
        report
            .faults
            .iter()
            .any(|f| f.contains("đã bị sửa ngoài chương trình")),
        "{:?}",
        report.faults
    );
}

trait MkDir {
    fn tap_mkdir(self) -> Self;
}

impl MkDir for std::path::PathBuf {
    fn tap_mkdir(self) -> Self {
        std::fs::create_dir_all(&self).expect("mkdir");
        self
    }
}
