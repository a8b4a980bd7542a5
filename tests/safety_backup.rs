//! Backups and restore through the core API: a backup is a verified copy that never overwrites
//! anything; rotation keeps 30 days and 12 months and touches nothing else; restore checks a
//! backup before replacing anything and keeps the replaced book aside.

mod common;
mod safety_support;

use common::content;
use safety_support::{add_rounds, book_on_disk, bytes, files_in, now, open};
use sotinhthuong::backup::{self, KEEP_DAILY, KEEP_MONTHLY};
use sotinhthuong::{audit, Source};
use std::path::Path;

fn restore(backup: &Path, book: &Path) -> sotinhthuong::Result<sotinhthuong::restore::Restored> {
    sotinhthuong::restore::restore(backup, book, Source::Test, now())
}

#[test]
fn a_backup_is_one_verified_file_holding_the_whole_book() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (book, _) = book_on_disk(dir.path(), 10);
    let usb = dir.path().join("usb");
    std::fs::create_dir(&usb).expect("usb");
    let dest = usb.join("sao-luu.db");
    let verified = book.backup_to(&dest).expect("backup");
    assert_eq!(
        verified.fingerprint,
        audit::fingerprint(book.connection()).expect("fingerprint")
    );
    assert_eq!(verified.movements, 40);
    assert_eq!(
        verified.schema_version,
        sotinhthuong::storage::latest_version()
    );
    assert_eq!(
        files_in(&usb),
        ["sao-luu.db"],
        "one self-contained file: no -wal, -shm, -journal or temporary file beside it"
    );
    assert_eq!(
        backup::verify_file(&dest).expect("verify again"),
        verified,
        "verifying reads the file without changing it"
    );
    assert_eq!(files_in(&usb), ["sao-luu.db"]);
    let copy = open(&dest);
    assert_eq!(content(&copy), content(&book), "the copy holds every row");
    assert!(copy.check().expect("check").ok());
}

#[test]
fn a_backup_by_hand_is_named_by_the_time_and_never_overwrites_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (book, _) = book_on_disk(dir.path(), 2);
    let usb = dir.path().join("usb");
    std::fs::create_dir(&usb).expect("usb");
    let (first, _) = book.backup_into(&usb).expect("backup");
    assert_eq!(first.name, "so-tinh-thuong-saoluu-2026-11-27-100000.db");
    assert_eq!(first.day, None, "made by hand, so never rotated");
    let (second, _) = book
        .backup_into(&usb)
        .expect("second backup in the same second");
    assert_ne!(second.name, first.name);
    // A file the user already has is never overwritten.
    let theirs = usb.join("ghi-chu.db");
    std::fs::write(&theirs, "ghi chú của thủ quỹ").expect("write");
    let err = book.backup_to(&theirs).expect_err("refused");
    assert_eq!(err.code(), "file_exists");
    assert!(err.to_string().contains("không bị ghi đè"), "{err}");
    assert_eq!(bytes(&theirs), "ghi chú của thủ quỹ".as_bytes());
    // A folder that is not there (a USB stick pulled out) is named in the refusal.
    let err = book
        .backup_to(&dir.path().join("usb-da-rut").join("so.db"))
        .expect_err("refused");
    assert_eq!(err.code(), "unsuitable_folder");
    let err = book
        .backup_into(&dir.path().join("usb-da-rut"))
        .expect_err("refused");
    assert_eq!(err.code(), "unsuitable_folder");
}

#[test]
fn daily_backups_keep_thirty_days_and_twelve_months_and_touch_nothing_else() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (book, _) = book_on_disk(dir.path(), 1);
    let folder = dir.path().join("Sao lưu");
    std::fs::create_dir(&folder).expect("folder");
    // Two years of old daily backups (empty files stand in for them), and files that are not
    // ours to delete: a backup by hand, another book's backups, the user's own notes.
    let start = chrono::NaiveDate::from_ymd_opt(2024, 11, 1).expect("date");
    for i in 0..730 {
        let day = start + chrono::Days::new(i);
        std::fs::write(folder.join(format!("so-tinh-thuong-saoluu-{day}.db")), b"")
            .expect("old backup");
    }
    let others = [
        "so-tinh-thuong-saoluu-2024-01-05-083000.db",
        "so-khac-saoluu-2024-01-05.db",
        "ghi-chu.txt",
        "so-tinh-thuong.db",
    ];
    for name in others {
        std::fs::write(folder.join(name), b"x").expect("other file");
    }
    // A copy a pulled stick left half-written yesterday, and one being written right now.
    let stale = folder.join("so-tinh-thuong-saoluu-2026-11-26.db.dang-ghi-4242-1.tmp");
    let fresh = folder.join("so-tinh-thuong-saoluu-2026-11-27.db.dang-ghi-4343-7.tmp-journal");
    std::fs::write(&stale, b"half").expect("stale");
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .and_then(|f| {
            f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(86_400))
        })
        .expect("yesterday");
    std::fs::write(&fresh, b"busy").expect("fresh");
    let (today, written) = book.backup_daily(&folder).expect("daily backup");
    assert!(written);
    assert_eq!(today.name, "so-tinh-thuong-saoluu-2026-11-27.db");
    assert_eq!(today.day, chrono::NaiveDate::from_ymd_opt(2026, 11, 27));
    let names = files_in(&folder);
    for name in others {
        assert!(names.contains(&name.to_string()), "{name} was kept");
    }
    assert!(
        !stale.exists(),
        "yesterday's half-written copy is cleared away"
    );
    assert!(
        fresh.exists(),
        "a copy being written by another program is left alone"
    );
    let daily: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with("so-tinh-thuong-saoluu-") && n.len() == 35)
        .collect();
    assert_eq!(
        daily.len(),
        KEEP_DAILY + KEEP_MONTHLY - 2,
        "the 30 newest days (they span this month and the last), and the newest day of each of \
         the 10 months before: {daily:?}"
    );
    assert!(
        daily.iter().any(|n| n.contains("2025-12-31")),
        "a month's last day is kept"
    );
    assert!(
        !daily.iter().any(|n| n.contains("2025-12-30")),
        "other days go"
    );
    assert!(
        !daily.iter().any(|n| n.contains("2025-11-")),
        "the 13th month goes"
    );
    assert_eq!(
        backup::list(&folder)
            .expect("list")
            .first()
            .map(|b| b.name.clone()),
        Some(today.name.clone()),
        "the list is newest first"
    );
}

#[test]
fn todays_backup_is_rewritten_only_when_the_book_has_changed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut book, _) = book_on_disk(dir.path(), 2);
    let folder = dir.path().join("sao-luu");
    let (first, written) = book.backup_daily(&folder).expect("first");
    assert!(written, "the folder is created and today's backup written");
    let (_, written) = book.backup_daily(&folder).expect("again");
    assert!(!written, "nothing changed, nothing written");
    add_rounds(&mut book, 1);
    let (again, written) = book.backup_daily(&folder).expect("after a change");
    assert!(written);
    assert_eq!(again.name, first.name, "one file per day");
    assert_eq!(
        backup::verify_file(Path::new(&again.path))
            .expect("verify")
            .fingerprint,
        audit::fingerprint(book.connection()).expect("fingerprint"),
        "today's backup holds the book as it stands"
    );
    assert_eq!(files_in(&folder).len(), 1);
}

#[test]
fn restore_replaces_the_book_records_it_and_keeps_the_replaced_book_aside() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut book, path) = book_on_disk(dir.path(), 3);
    let usb = dir.path().join("usb");
    std::fs::create_dir(&usb).expect("usb");
    let saved = book.backup_to(&usb.join("sao-luu.db")).expect("backup");
    let backed_up = content(&book);
    // Later work, then a mistake the office wants to undo by restoring.
    add_rounds(&mut book, 2);
    let later = content(&book);
    drop(book);
    let backup_bytes = bytes(&usb.join("sao-luu.db"));

    let r = restore(&usb.join("sao-luu.db"), &path).expect("restore");
    assert_eq!(
        bytes(&usb.join("sao-luu.db")),
        backup_bytes,
        "the backup is only read"
    );
    let aside = r.set_aside.expect("the replaced book is kept");
    assert!(
        aside.ends_with("so-tinh-thuong-thay-the-20261127-100000.db"),
        "{aside}"
    );
    assert_eq!(
        content(&open(Path::new(&aside))),
        later,
        "the replaced book is whole, with its last entries"
    );
    let restored = open(&path);
    assert!(restored.check().expect("check").ok());
    assert_eq!(r.verified.movements, saved.movements);
    assert_eq!(
        r.verified.audit_entries,
        saved.audit_entries + 1,
        "the restore is itself in the audit log"
    );
    let last_action: String = restored
        .connection()
        .query_row(
            "SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |row| row.get(0),
        )
        .expect("last entry");
    assert_eq!(last_action, "restore");
    let movements = |c: &str| -> Vec<String> {
        c.lines()
            .filter(|l| l.starts_with("movements|"))
            .map(String::from)
            .collect()
    };
    assert_eq!(
        movements(&content(&restored)),
        movements(&backed_up),
        "the book holds the backup's entries"
    );
    assert!(
        !files_in(dir.path()).iter().any(|n| n.ends_with(".tmp")),
        "no temporary file is left: {:?}",
        files_in(dir.path())
    );
}

#[test]
fn a_backup_that_fails_any_check_is_refused_and_the_book_is_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (book, path) = book_on_disk(dir.path(), 30);
    let good = dir.path().join("tot.db");
    book.backup_to(&good).expect("backup");
    drop(book);
    let good_bytes = bytes(&good);
    let edited = |name: &str, sql: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, &good_bytes).expect("copy");
        rusqlite::Connection::open(&p)
            .and_then(|c| c.execute_batch(sql))
            .expect("edit");
        p
    };
    let written = |name: &str, content: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, content).expect("write");
        p
    };
    let mut scribbled = good_bytes.clone();
    let middle = scribbled.len() / 2 / 4096 * 4096;
    scribbled[middle..middle + 4096].fill(0x5A);
    let cases = [
        (
            "a missing file",
            dir.path().join("khong-co.db"),
            "không tìm thấy",
        ),
        ("an empty file", written("rong.db", b""), "tệp rỗng"),
        (
            "a text file",
            written("ghi-chu.db", "Danh sách hộ nghèo".as_bytes()),
            "không phải tệp SQLite",
        ),
        (
            "a truncated backup",
            written("cut.db", &good_bytes[..good_bytes.len() / 2]),
            "",
        ),
        (
            "a backup with a damaged page",
            written("hong.db", &scribbled),
            "",
        ),
        (
            "a backup made by a newer version",
            edited("moi.db", "PRAGMA user_version = 99"),
            "mới hơn",
        ),
        (
            "another program's database",
            edited("khac.db", "PRAGMA application_id = 1"),
            "",
        ),
        (
            "a backup whose entry was changed behind the program's back",
            edited(
                "sua.db",
                "UPDATE movements SET amount = amount * 10 WHERE id = 3",
            ),
            "lỗi",
        ),
        (
            "a backup whose audit entry was removed",
            edited(
                "xoa.db",
                "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)",
            ),
            "lỗi",
        ),
    ];
    let book_before = bytes(&path);
    let folder_before = files_in(dir.path());
    for (what, backup, says) in cases {
        let err = restore(&backup, &path).expect_err(what);
        assert_eq!(err.code(), "backup_invalid", "{what}: {err}");
        let message = err.to_string();
        assert!(
            message.contains(says) && message.contains("không bị thay đổi"),
            "{what}: {message}"
        );
        assert_eq!(bytes(&path), book_before, "{what}: the book is untouched");
        assert_eq!(
            files_in(dir.path()),
            folder_before,
            "{what}: nothing set aside, nothing left behind"
        );
    }
    let err = restore(&path, &path).expect_err("the book itself");
    assert_eq!(err.code(), "backup_invalid");
    assert!(open(&path).check().expect("check").ok());
}

#[test]
fn a_damaged_book_is_replaced_from_a_backup_and_kept_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (book, path) = book_on_disk(dir.path(), 5);
    let good = dir.path().join("tot.db");
    book.backup_to(&good).expect("backup");
    drop(book);
    // The book is damaged (a power cut while a disk failed, say): it no longer opens.
    let mut damaged = bytes(&path);
    damaged.truncate(damaged.len() / 3);
    std::fs::write(&path, &damaged).expect("damage");
    assert_eq!(
        sotinhthuong::Book::open(&path, Source::Test)
            .err()
            .map(|e| e.code()),
        Some("not_a_book")
    );
    let r = restore(&good, &path).expect("restore");
    let aside = r.set_aside.expect("kept");
    assert_eq!(
        bytes(Path::new(&aside)),
        damaged,
        "the damaged file is kept as it was"
    );
    assert!(open(&path).check().expect("check").ok());
}

#[test]
fn two_backups_in_the_same_second_take_two_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (book, path) = book_on_disk(dir.path(), 3);
    drop(book);
    let usb = dir.path().join("usb");
    std::fs::create_dir(&usb).expect("usb");
    // The window and the CLI back the same book up at the same second (the clock is fixed).
    let made: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let (path, usb) = (&path, &usb);
                s.spawn(move || open(path).backup_into(usb).map(|(f, _)| f.name))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread").expect("each backup is made"))
            .collect()
    });
    let mut names = made.clone();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 4, "four backups, four names: {made:?}");
    assert_eq!(
        files_in(&usb).len(),
        4,
        "and nothing else: {:?}",
        files_in(&usb)
    );
    for n in names {
        backup::verify_file(&usb.join(n)).expect("each one whole and verified");
    }
}
