//! Books on disk for the data-safety tests: a fixed clock, a commune with households, a few months
//! of entries, and the bytes of files to prove that a refused operation touched nothing.
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use sotinhthuong::people::HouseholdStatus;
use sotinhthuong::rice::{NewCollection, NewHandout};
use sotinhthuong::{Book, Direction, NewCash, NewCommune, Program, Source};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// 27/11/2026 10:00 in Vietnam.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 3, 0, 0)
        .single()
        .expect("time")
}

/// Opens the book at `path` on the fixed clock, creating it when no file is there.
pub fn open(path: &Path) -> Book {
    let book = if path.exists() {
        Book::open(path, Source::Test)
    } else {
        Book::create(path, Source::Test)
    };
    book.expect("open book")
        .with_actor("kiểm thử")
        .with_clock(Arc::new(now))
}

/// Every row of every table of the book file at `path` as SQLite reads it (its `-wal` folded
/// in), read from a copy so the file and its side files are not touched. "" when no book is
/// there or it cannot be read.
pub fn content_at(path: &Path) -> String {
    let Ok(dir) = tempfile::tempdir() else {
        return String::new();
    };
    let copy = dir.path().join("copy.db");
    if std::fs::copy(path, &copy).is_err() {
        return String::new();
    }
    let wal = side(path, "-wal");
    if wal.exists() {
        std::fs::copy(&wal, side(&copy, "-wal")).expect("copy wal");
    }
    let Ok(conn) = rusqlite::Connection::open(&copy) else {
        return String::new();
    };
    let tables: Vec<String> = match conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
    {
        Ok(t) => t,
        Err(_) => return String::new(),
    };
    let mut out = String::new();
    for t in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{t}\""))
            .expect("select");
        let n = stmt.column_count();
        let mut rows = stmt.query([]).expect("rows");
        while let Some(r) = rows.next().expect("row") {
            out.push_str(&t);
            for i in 0..n {
                out.push_str(&format!("|{:?}", r.get_ref(i).expect("value")));
            }
            out.push('\n');
        }
    }
    out
}

/// `path` with a SQLite side-file suffix (`-wal`, `-shm`, `-journal`).
pub fn side(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// The SHA-256 of a file's bytes, or "∅" when it does not exist.
pub fn sha(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    match std::fs::read(path) {
        Ok(b) => hex::encode(Sha256::digest(&b)),
        Err(_) => "∅".into(),
    }
}

/// A new book file `so-tinh-thuong.db` in `dir` with xã Phú Hữu, ấp Phú Hiệp, two households and
/// `entries` rounds of rice and cash (each round: a collection, a handout, a gift, a payment).
pub fn book_on_disk(dir: &Path, entries: usize) -> (Book, PathBuf) {
    let path = dir.join("so-tinh-thuong.db");
    let mut book = open(&path);
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
    book.add_household("Phú Hữu", "Lê Văn Út", None, None)
        .expect("household");
    add_rounds(&mut book, entries);
    (book, path)
}

/// Adds `n` rounds (four entries each) spread over September to November 2026.
pub fn add_rounds(book: &mut Book, n: usize) {
    for i in 0..n {
        let day = format!("{:02}/{:02}/2026", 1 + i % 28, 9 + (i / 28) % 3);
        book.record_rice_in(&NewCollection {
            commune: "Phú Hữu".into(),
            date: day.clone(),
            kg: format!("{},5", 100 + i),
            hamlet: Some("Ấp Phú Hiệp".into()),
            households: Some("35".into()),
            memo: format!("đợt thu gạo số {i}"),
            ..Default::default()
        })
        .expect("rice in");
        book.record_rice_out(&NewHandout {
            commune: "Phú Hữu".into(),
            date: day.clone(),
            kg: "10".into(),
            household: "Nguyễn Thị Hoa".into(),
            memo: String::new(),
        })
        .expect("rice out");
        for direction in [Direction::In, Direction::Out] {
            book.record_cash(&NewCash {
                commune: "Phú Hữu".into(),
                program: Program::Rice,
                direction,
                date: day.clone(),
                amount: if direction == Direction::In {
                    "500.000".into()
                } else {
                    "50.000".into()
                },
                party: if direction == Direction::In {
                    "Nhà hảo tâm".into()
                } else {
                    "Bà Nguyễn Thị Hoa".into()
                },
                category: None,
                memo: "ủng hộ bà con".into(),
            })
            .expect("cash");
        }
    }
}

/// The bytes of a file (empty when it does not exist).
pub fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

/// The names of the files in a folder, sorted.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// One more collection round, as a write that may be refused.
pub fn try_round(book: &mut Book) -> sotinhthuong::Result<String> {
    book.record_rice_in(&NewCollection {
        commune: "Phú Hữu".into(),
        date: "20/11/2026".into(),
        kg: "12".into(),
        ..Default::default()
    })
    .map(|v| v.to_string())
}
