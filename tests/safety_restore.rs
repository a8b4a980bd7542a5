//! Restore survives a power cut at any instant: the restore is stopped dead after each of its
//! steps (nothing cleaned up, as when the power goes), the book is opened again (which finishes
//! or undoes the restore), and each time the book's path holds the old book or the restored
//! one, whole, with no temporary copy or journal left. Also: a copy with its `-wal` beside it
//! restores with what the `-wal` holds; a missing path is never made a book; a `--db` that is
//! another program's file or a link is handled as the README says.

mod common;
mod safety_support;

use safety_support::{add_rounds, book_on_disk, content_at, files_in, now, open, sha, side};
use sotinhthuong::restore::{self, Stopped, STEPS};
use sotinhthuong::{Book, Source};
use std::path::{Path, PathBuf};

/// A book with 3 rounds (12 entries), a backup of it, then 2 more rounds in the book (20).
fn book_and_older_backup(dir: &Path) -> (PathBuf, PathBuf) {
    let (mut book, path) = book_on_disk(dir, 3);
    let backups = dir.join("usb");
    std::fs::create_dir(&backups).expect("usb");
    let backup = backups.join("sao-luu.db");
    book.backup_to(&backup).expect("backup");
    add_rounds(&mut book, 2);
    drop(book);
    (path, backup)
}

/// The files of the book's folder that a finished or undone restore may leave: the book, the
/// books set aside, and nothing temporary.
fn leftovers(dir: &Path) -> Vec<String> {
    files_in(dir)
        .into_iter()
        .filter(|n| n.contains(".tmp") || n.contains("khoi-phuc"))
        .collect()
}

#[test]
fn a_restore_stopped_after_any_step_leaves_the_old_book_or_the_restored_one() {
    for (i, step) in STEPS.iter().enumerate() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (path, backup) = book_and_older_backup(dir.path());
        let old = content_at(&path);
        let backup_bytes = sha(&backup);
        assert!(old.contains("movements|"), "the old book has entries");
        let stopped = restore::restore_with(&backup, &path, Source::Test, now(), &|s| s == *step);
        assert!(
            matches!(stopped, Err(Stopped::At(s)) if s == *step),
            "stopped after {step}"
        );
        // The power comes back: the next open finishes or undoes the restore.
        let book = open(&path);
        let movements: i64 = book
            .connection()
            .query_row("SELECT count(*) FROM movements", [], |r| r.get(0))
            .expect("count");
        let switched = i >= STEPS.iter().position(|s| *s == "switched").expect("step");
        if switched {
            assert_eq!(
                movements, 12,
                "after {step}: the restored book (12 entries)"
            );
        } else {
            assert_eq!(
                movements, 20,
                "after {step}: the old book, whole (20 entries)"
            );
            drop(book);
            assert_eq!(content_at(&path), old, "after {step}: not a row changed");
            let book = open(&path);
            assert!(book.check().expect("check").ok());
        }
        assert_eq!(
            leftovers(dir.path()),
            Vec::<String>::new(),
            "after {step}: no journal or temporary copy left"
        );
        assert_eq!(sha(&backup), backup_bytes, "the backup is only read");
        let kept = restore::set_aside_copies(&path);
        if switched {
            assert_eq!(kept.len(), 1, "after {step}: the old book is kept aside");
            assert_eq!(
                content_at(&kept[0]),
                old,
                "the kept book is the old one, whole"
            );
        } else {
            assert!(
                kept.is_empty(),
                "after {step}: nothing was replaced, nothing kept"
            );
        }
    }
}

#[test]
fn a_restore_that_finishes_keeps_the_old_book_and_its_log_aside() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, backup) = book_and_older_backup(dir.path());
    // The window has the book open and its newest entries are in the -wal.
    let writer = open(&path);
    let old = content_at(&path);
    drop(writer);
    let r = restore::restore(&backup, &path, Source::Test, now()).expect("restore");
    let aside = PathBuf::from(r.set_aside.expect("kept"));
    assert_eq!(content_at(&aside), old);
    assert_eq!(r.verified.movements, 12);
    let book = open(&path);
    assert!(book.check().expect("check").ok());
}

#[test]
fn a_copy_made_by_hand_with_its_wal_restores_every_committed_entry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (book, path) = book_on_disk(dir.path(), 3);
    // A clerk copies the book and its -wal to a USB stick while the window has it open: the
    // newest entries are only in the -wal.
    let usb = dir.path().join("usb");
    std::fs::create_dir(&usb).expect("usb");
    let hand = usb.join("so-chep-tay.db");
    std::fs::copy(&path, &hand).expect("copy");
    assert!(side(&path, "-wal").exists(), "the open book has a -wal");
    std::fs::copy(side(&path, "-wal"), side(&hand, "-wal")).expect("copy wal");
    let in_wal: i64 = book
        .connection()
        .query_row("SELECT count(*) FROM movements", [], |r| r.get(0))
        .expect("count");
    drop(book);
    let hand_bytes = (sha(&hand), sha(&side(&hand, "-wal")));
    let target = dir.path().join("khoi-phuc.db");
    let r = restore::restore(&hand, &target, Source::Test, now()).expect("restore");
    assert_eq!(
        r.verified.movements, in_wal,
        "every committed entry, those in the -wal too"
    );
    assert_eq!(
        (sha(&hand), sha(&side(&hand, "-wal"))),
        hand_bytes,
        "the copy and its -wal are only read"
    );
}

#[test]
fn restore_refuses_to_replace_another_programs_file_and_leaves_it_byte_for_byte() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, backup) = book_and_older_backup(dir.path());
    let other = dir.path().join("ke-toan.db");
    {
        let c = rusqlite::Connection::open(&other).expect("other");
        c.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            .expect("write");
        c.execute_batch("PRAGMA wal_autocheckpoint = 0; INSERT INTO t VALUES (2);")
            .expect("write");
        // why: leave the second insert in the -wal, as a program that crashed would.
        std::mem::forget(c);
    }
    let before = (sha(&other), sha(&side(&other, "-wal")));
    let err = restore::restore(&backup, &other, Source::Test, now())
        .err()
        .map(|e| e.code());
    assert_eq!(err, Some("not_a_book"));
    assert_eq!((sha(&other), sha(&side(&other, "-wal"))), before);
    assert!(restore::set_aside_copies(&other).is_empty());
}

#[cfg(unix)]
#[test]
fn restore_through_a_link_restores_the_real_book_and_keeps_the_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, backup) = book_and_older_backup(dir.path());
    let link = dir.path().join("so-tat.db");
    std::os::unix::fs::symlink(&path, &link).expect("link");
    restore::restore(&backup, &link, Source::Test, now()).expect("restore");
    assert!(std::fs::symlink_metadata(&link)
        .expect("meta")
        .file_type()
        .is_symlink());
    let book = Book::open(&path, Source::Test).expect("open");
    let n: i64 = book
        .connection()
        .query_row("SELECT count(*) FROM movements", [], |r| r.get(0))
        .expect("count");
    assert_eq!(n, 12, "the real book was restored");
}

#[test]
fn a_start_that_finds_the_book_missing_names_the_copy_set_aside_and_makes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, backup) = book_and_older_backup(dir.path());
    restore::restore(&backup, &path, Source::Test, now()).expect("restore");
    // Someone deletes the book.
    std::fs::remove_file(&path).expect("delete");
    let _ = std::fs::remove_file(side(&path, "-wal"));
    let _ = std::fs::remove_file(side(&path, "-shm"));
    let err = Book::open(&path, Source::Test).err().expect("refused");
    assert_eq!(err.code(), "no_such_book");
    assert!(
        err.to_string().contains("thay-the"),
        "the message names the book set aside: {err}"
    );
    assert!(!path.exists(), "no empty book was made in its place");
}

#[test]
fn only_create_makes_a_book_and_never_over_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("chua-co.db");
    assert_eq!(
        Book::open(&missing, Source::Test).err().map(|e| e.code()),
        Some("no_such_book")
    );
    assert!(!missing.exists());
    let empty = dir.path().join("rong.db");
    std::fs::write(&empty, b"").expect("empty");
    assert_eq!(
        Book::open(&empty, Source::Test).err().map(|e| e.code()),
        Some("not_a_book")
    );
    assert_eq!(
        Book::create(&empty, Source::Test).err().map(|e| e.code()),
        Some("book_exists")
    );
    assert_eq!(std::fs::metadata(&empty).expect("meta").len(), 0);
    let (mut book, path) = book_on_disk(dir.path(), 1);
    add_rounds(&mut book, 1);
    drop(book);
    let before = sha(&path);
    assert_eq!(
        Book::create(&path, Source::Test).err().map(|e| e.code()),
        Some("book_exists")
    );
    assert_eq!(sha(&path), before);
    // A -wal left by a deleted book would be read into a new one: refused.
    let orphan = dir.path().join("mo-coi.db");
    std::fs::write(side(&orphan, "-wal"), b"old log").expect("wal");
    assert_eq!(
        Book::create(&orphan, Source::Test).err().map(|e| e.code()),
        Some("book_exists")
    );
    assert!(!orphan.exists());
}
