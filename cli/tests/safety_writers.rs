//! Two writers on one book — two processes, the window (a long-lived connection in this process)
//! and the CLI: each waits its turn (IMMEDIATE transactions, a 5-second busy timeout) or gets a
//! clear `busy` refusal, and the book is never corrupted.

use sotinhthuong::people::HouseholdStatus;
use sotinhthuong::{Book, Direction, NewCash, NewCommune, Program, Source};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn new_book(path: &Path) {
    let mut book = Book::create(path, Source::Test).expect("create");
    book.add_commune(&NewCommune {
        name: "Phú Hữu".into(),
        ..Default::default()
    })
    .expect("commune");
    book.add_household(
        "Phú Hữu",
        "Nguyễn Thị Hoa",
        None,
        Some(HouseholdStatus::Ngheo),
    )
    .expect("household");
}

fn gift(book: &mut Book, i: usize) -> sotinhthuong::Result<String> {
    book.record_cash(&NewCash {
        commune: "Phú Hữu".into(),
        program: Program::Transport,
        direction: Direction::In,
        date: "10/10/2025".into(),
        amount: format!("{}.000", 10 + i),
        party: "Cửa sổ".into(),
        category: None,
        memo: format!("ghi từ cửa sổ {i}"),
    })
    .map(|v| v.to_string())
}

#[test]
fn two_writer_processes_the_window_and_the_cli_at_once_leave_a_sound_book() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("so.db");
    new_book(&path);
    let db = path.to_str().expect("utf-8");
    let writers: Vec<_> = [11u64, 22]
        .iter()
        .map(|seed| {
            Command::new(env!("CARGO_BIN_EXE_sotinhthuong-writer"))
                .args(["--db", db, "--count", "150", "--seed", &seed.to_string()])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("writer")
        })
        .collect();
    let clis: Vec<_> = (0..12)
        .map(|i| {
            let amount = format!("{}.000", 100 + i);
            Command::new(env!("CARGO_BIN_EXE_sotinhthuong-cli"))
                .env("SOTINHTHUONG_DB", db)
                .args([
                    "record",
                    "cash-in",
                    "--commune",
                    "Phú Hữu",
                    "--program",
                    "repair",
                ])
                .args([
                    "--date",
                    "11/10/2025",
                    "--amount",
                    &amount,
                    "--party",
                    "Dòng lệnh",
                ])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("cli")
        })
        .collect();
    // Meanwhile the window, holding its connection open, saves entries of its own.
    let mut window = Book::open(&path, Source::Window).expect("window");
    let mut saved: BTreeSet<String> = BTreeSet::new();
    let mut busy = 0;
    for i in 0..60 {
        match gift(&mut window, i) {
            Ok(v) => {
                saved.insert(v);
            }
            Err(e) if e.code() == "busy" => busy += 1,
            Err(e) => panic!("the window's save failed: [{}] {e}", e.code()),
        }
    }
    for child in writers {
        let out = child.wait_with_output().expect("writer");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "a writer failed: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        for line in stdout.lines() {
            match line.split_once(' ') {
                Some(("saved", v)) => {
                    saved.insert(v.to_string());
                }
                Some(("refused", "busy")) => busy += 1,
                Some(("voided" | "refused", _)) => {}
                _ => panic!("unexpected line from a writer: {line}"),
            }
        }
    }
    for child in clis {
        let out = child.wait_with_output().expect("cli");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        match out.status.code() {
            Some(0) => {
                saved.insert(stdout.lines().last().unwrap_or("").to_string());
            }
            Some(1) if stderr.contains("[busy]") => busy += 1,
            other => panic!("the CLI ended with {other:?}: {stderr}"),
        }
    }
    let book = Book::open(&path, Source::Test).expect("reopen");
    let report = book.check().expect("check");
    assert!(report.ok(), "{:?}", report.faults);
    for v in &saved {
        book.find_voucher(v, Some("Phú Hữu"))
            .unwrap_or_else(|e| panic!("{v} was reported saved: {e}"));
    }
    assert!(saved.len() > 200, "{} entries saved", saved.len());
    eprintln!(
        "two writers: {} entries saved by two writer processes, the window and 12 CLI runs; {busy} busy refusals",
        saved.len()
    );
}

#[test]
fn a_writer_kept_waiting_too_long_gets_a_clear_busy_refusal_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("so.db");
    new_book(&path);
    // The window is in the middle of a long write (a big import, say) and holds the write lock.
    let window = Book::open(&path, Source::Window).expect("window");
    window
        .connection()
        .execute_batch("BEGIN IMMEDIATE")
        .expect("write lock");
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_sotinhthuong-cli"))
        .env("SOTINHTHUONG_DB", &path)
        .args([
            "record",
            "cash-in",
            "--commune",
            "Phú Hữu",
            "--program",
            "rice",
        ])
        .args([
            "--date",
            "11/10/2025",
            "--amount",
            "100.000",
            "--party",
            "Bà Tư",
        ])
        .output()
        .expect("cli");
    let waited = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("[busy]"), "{stderr}");
    assert!(
        stderr.contains("đang được một cửa sổ hoặc chương trình khác ghi")
            && stderr.contains("thử lại"),
        "the message says what is happening and what to do: {stderr}"
    );
    assert!(
        waited >= Duration::from_secs(4),
        "it waited its turn first ({waited:?})"
    );
    window
        .connection()
        .execute_batch("ROLLBACK")
        .expect("release");
    drop(window);
    let book = Book::open(&path, Source::Test).expect("reopen");
    let movements: i64 = book
        .connection()
        .query_row("SELECT count(*) FROM movements", [], |r| r.get(0))
        .expect("count");
    assert_eq!(movements, 0, "the refused entry left nothing");
    assert!(book.check().expect("check").ok());
    // Once the window is done, the same command goes through.
    let out = Command::new(env!("CARGO_BIN_EXE_sotinhthuong-cli"))
        .env("SOTINHTHUONG_DB", &path)
        .args([
            "record",
            "cash-in",
            "--commune",
            "Phú Hữu",
            "--program",
            "rice",
        ])
        .args([
            "--date",
            "11/10/2025",
            "--amount",
            "100.000",
            "--party",
            "Bà Tư",
        ])
        .output()
        .expect("cli");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
