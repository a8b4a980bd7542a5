//! The book can never be destroyed by the program itself (issue 14): a table of commands, each
//! with the exit code and error code it must give and the proof that the book, byte for byte
//! and row for row, is as it was. Outputs aimed at the book, its side files, a link to it, a
//! backup or another program's file; commands on a missing or empty path; files that must be
//! left untouched (another program's book with a pending log, a newer book, a backup being
//! checked, a damaged book); a faulty book's backup; English answers in English.

use assert_cmd::Command;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

fn cli(db: &Path, dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("sotinhthuong-cli").expect("binary");
    cmd.env("SOTINHTHUONG_DB", db)
        .env("SOTINHTHUONG_BACKUP_DIR", dir.join("sao-luu"))
        .env("SOTINHTHUONG_HEADS", dir.join("heads.json"));
    cmd
}

fn run(db: &Path, dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = cli(db, dir).args(args).output().expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(db: &Path, dir: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(db, dir, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

/// The error code on stderr's last line (`[protected_file]`).
fn code_of(stderr: &str) -> String {
    stderr
        .lines()
        .last()
        .and_then(|l| l.strip_prefix('['))
        .and_then(|l| l.strip_suffix(']'))
        .unwrap_or("")
        .to_string()
}

fn side(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn sha(path: &Path) -> String {
    match std::fs::read(path) {
        Ok(b) => hex::encode(Sha256::digest(&b)),
        Err(_) => "∅".into(),
    }
}

/// Every row of the book at `path` as SQLite reads it, its `-wal` folded in, read from a copy.
fn content(path: &Path) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let copy = dir.path().join("c.db");
    if std::fs::copy(path, &copy).is_err() {
        return "∅".into();
    }
    if side(path, "-wal").exists() {
        std::fs::copy(side(path, "-wal"), side(&copy, "-wal")).expect("wal");
    }
    let Ok(conn) = rusqlite::Connection::open(&copy) else {
        return "unreadable".into();
    };
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .unwrap_or_default();
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
    hex::encode(Sha256::digest(out.as_bytes()))
}

/// The book's state for the comparisons: its rows, and the bytes of the file and its `-wal`.
fn state(path: &Path) -> (String, String, String) {
    (content(path), sha(path), sha(&side(path, "-wal")))
}

/// A book `so.db` with entries, a verified backup of it in `usb/`, and the other files the
/// cases aim at.
struct Scene {
    dir: tempfile::TempDir,
    db: PathBuf,
    backup: PathBuf,
}

fn scene() -> Scene {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let db = d.join("so.db");
    ok(&db, d, &["init", "--preset", "an-phu-2024"]);
    ok(
        &db,
        d,
        &[
            "hamlet",
            "add",
            "--commune",
            "Phú Hữu",
            "--name",
            "Ấp Phú Hiệp",
        ],
    );
    for (date, kg) in [("01/10/2026", "120"), ("15/10/2026", "80,5")] {
        ok(
            &db,
            d,
            &[
                "record",
                "rice-in",
                "--commune",
                "Phú Hữu",
                "--date",
                date,
                "--kg",
                kg,
            ],
        );
    }
    ok(
        &db,
        d,
        &[
            "record",
            "cash-in",
            "--commune",
            "Phú Hữu",
            "--program",
            "rice",
            "--date",
            "02/10/2026",
            "--amount",
            "1.500.000",
            "--party",
            "Bà Tư",
        ],
    );
    let usb = d.join("usb");
    std::fs::create_dir(&usb).expect("usb");
    let out = ok(&db, d, &["backup", "--out", usb.to_str().expect("utf-8")]);
    let backup = PathBuf::from(out.lines().last().expect("backup path"));
    Scene { db, backup, dir }
}

/// A SQLite file of another program whose newest row is only in its `-wal`, as a program that
/// crashed leaves it (the file and its log copied while its connection was open).
fn foreign_with_pending_log(at: &Path) {
    let live = at.with_extension("live");
    let c = rusqlite::Connection::open(&live).expect("other");
    c.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
         CREATE TABLE so_quy(x); INSERT INTO so_quy VALUES (1);",
    )
    .expect("write");
    std::fs::copy(&live, at).expect("copy");
    std::fs::copy(side(&live, "-wal"), side(at, "-wal")).expect("copy wal");
    drop(c);
}

#[test]
fn no_output_can_land_on_the_book_a_backup_or_any_sqlite_file() {
    let s = scene();
    let d = s.dir.path();
    let db = &s.db;
    let foreign = d.join("ke-toan.db");
    foreign_with_pending_log(&foreign);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(db, d.join("lien-ket.html")).expect("symlink");
        std::fs::hard_link(db, d.join("cung-tep.csv")).expect("hard link");
    }
    std::fs::create_dir(d.join("thu-muc")).expect("folder");
    let monthly = |out: &str| -> Vec<String> {
        [
            "report",
            "monthly",
            "--commune",
            "Phú Hữu",
            "--month",
            "2026-10",
            "--format",
            "html",
            "--out",
            out,
        ]
        .iter()
        .map(|a| a.to_string())
        .collect()
    };
    let ledger = |out: &str| -> Vec<String> {
        ["export", "ledger", "--out", out]
            .iter()
            .map(|a| a.to_string())
            .collect()
    };
    let p = |name: &str| d.join(name).display().to_string();
    let backup = s.backup.display().to_string();
    let db_wal = side(db, "-wal").display().to_string();
    let db_shm = side(db, "-shm").display().to_string();
    // why: links to the book are made only where the tests can make them (unix).
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut cases: Vec<(&str, Vec<String>, &str)> = vec![
        (
            "a report over the book",
            monthly(&p("so.db")),
            "protected_file",
        ),
        (
            "a report over the book by another spelling",
            monthly(&format!("{}/./so.db", d.display())),
            "protected_file",
        ),
        (
            "a report over the book's -wal",
            monthly(&db_wal),
            "protected_file",
        ),
        (
            "a report over the book's -shm",
            monthly(&db_shm),
            "protected_file",
        ),
        ("a report over a backup", monthly(&backup), "protected_file"),
        (
            "a report over another program's SQLite file",
            monthly(&p("ke-toan.db")),
            "protected_file",
        ),
        (
            "a report over a folder",
            monthly(&p("thu-muc")),
            "protected_file",
        ),
        (
            "a report into a missing folder",
            monthly(&p("khong-co/bao-cao.html")),
            "unsuitable_folder",
        ),
        (
            "the ledger over the book",
            ledger(&p("so.db")),
            "protected_file",
        ),
        (
            "the ledger over a backup",
            ledger(&backup),
            "protected_file",
        ),
        (
            "the ledger over another program's -wal",
            ledger(&side(&foreign, "-wal").display().to_string()),
            "protected_file",
        ),
        (
            "a backup over the book",
            vec!["backup".into(), "--out".into(), p("so.db")],
            "file_exists",
        ),
        (
            "a backup over an older backup",
            vec!["backup".into(), "--out".into(), backup.clone()],
            "file_exists",
        ),
    ];
    #[cfg(unix)]
    {
        cases.push((
            "a report through a link to the book",
            monthly(&p("lien-ket.html")),
            "protected_file",
        ));
        cases.push((
            "the ledger over a hard link to the book",
            ledger(&p("cung-tep.csv")),
            "protected_file",
        ));
    }
    for (what, args, want) in &cases {
        let before = (state(db), state(&s.backup), state(&foreign));
        let files_before = std::fs::read_dir(d).expect("ls").count();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, _, err) = run(db, d, &args);
        assert_eq!(code, 1, "{what}: exit 1 ({err})");
        assert_eq!(code_of(&err), *want, "{what}: {err}");
        assert_eq!(
            (state(db), state(&s.backup), state(&foreign)),
            before,
            "{what}: the book, the backup and the other file are as they were"
        );
        assert_eq!(
            std::fs::read_dir(d).expect("ls").count(),
            files_before,
            "{what}: no file made or left beside them"
        );
    }
    // An ordinary file is replaced whole.
    let report = d.join("bao-cao.html");
    std::fs::write(&report, "tháng trước").expect("old report");
    let args = monthly(&report.display().to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    ok(db, d, &args);
    assert!(std::fs::read_to_string(&report)
        .expect("report")
        .contains("<html"));
}

#[test]
fn only_init_makes_a_book_and_a_missing_or_empty_path_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let missing = d.join("chua-co.db");
    for args in [
        vec!["check"],
        vec![
            "balance",
            "--commune",
            "Phú Hữu",
            "--program",
            "rice",
            "--date",
            "01/10/2026",
        ],
        vec![
            "record",
            "rice-in",
            "--commune",
            "Phú Hữu",
            "--date",
            "01/10/2026",
            "--kg",
            "5",
        ],
        vec!["commune", "list"],
        vec!["backup", "--out", "/tmp"],
    ] {
        let (code, _, err) = run(&missing, d, &args);
        assert_eq!(
            (code, code_of(&err).as_str()),
            (1, "no_such_book"),
            "{args:?}: {err}"
        );
        assert!(!missing.exists(), "{args:?}: no book made");
        assert!(!side(&missing, "-wal").exists() && !side(&missing, "-shm").exists());
    }
    let empty = d.join("rong.db");
    std::fs::write(&empty, b"").expect("empty");
    for args in [vec!["check"], vec!["commune", "list"], vec!["init"]] {
        let (code, _, err) = run(&empty, d, &args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(
            ["not_a_book", "book_exists"].contains(&code_of(&err).as_str()),
            "{args:?}: {err}"
        );
        assert_eq!(
            std::fs::metadata(&empty).expect("meta").len(),
            0,
            "{args:?}: still 0 bytes"
        );
    }
    let s = scene();
    let before = state(&s.db);
    let (code, _, err) = run(&s.db, s.dir.path(), &["init"]);
    assert_eq!((code, code_of(&err).as_str()), (1, "book_exists"), "{err}");
    assert_eq!(state(&s.db), before, "init on a book changes nothing");
    // The calendar needs no book at all.
    let out = Command::cargo_bin("sotinhthuong-cli")
        .expect("binary")
        .env_remove("SOTINHTHUONG_DB")
        .args(["lunar", "15/11/2026"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn refused_files_are_left_byte_for_byte_with_their_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    // Another program's file with a pending -wal.
    let foreign = d.join("ke-toan.db");
    foreign_with_pending_log(&foreign);
    // One of our books made newer by a later version, its newest change still in its -wal.
    let s = scene();
    let newer = d.join("moi-hon.db");
    {
        let live = d.join("moi-hon.live");
        std::fs::copy(&s.db, &live).expect("copy");
        let c = rusqlite::Connection::open(&live).expect("raw");
        c.execute_batch("PRAGMA wal_autocheckpoint = 0; PRAGMA user_version = 99;")
            .expect("newer");
        std::fs::copy(&live, &newer).expect("copy");
        std::fs::copy(side(&live, "-wal"), side(&newer, "-wal")).expect("copy wal");
    }
    for (file, want) in [(&foreign, "not_a_book"), (&newer, "schema_too_new")] {
        for args in [
            vec!["check"],
            vec!["commune", "list"],
            vec![
                "record",
                "rice-in",
                "--commune",
                "Phú Hữu",
                "--date",
                "01/10/2026",
                "--kg",
                "5",
            ],
        ] {
            let before = (sha(file), sha(&side(file, "-wal")));
            let (code, _, err) = run(file, d, &args);
            assert_eq!((code, code_of(&err).as_str()), (1, want), "{args:?}: {err}");
            assert_eq!(
                (sha(file), sha(&side(file, "-wal"))),
                before,
                "{}: file and -wal byte for byte",
                file.display()
            );
        }
    }
    // Restore refuses to put our book in the place of another program's file.
    let (code, _, err) = run(&foreign, d, &["restore", s.backup.to_str().expect("utf-8")]);
    assert_eq!((code, code_of(&err).as_str()), (1, "not_a_book"), "{err}");
    assert!(sha(&foreign) != "∅");
}

#[test]
fn checking_a_backup_reads_it_without_writing_a_byte_beside_it() {
    let s = scene();
    let folder = s.backup.parent().expect("folder").to_path_buf();
    let before: Vec<_> = std::fs::read_dir(&folder)
        .expect("ls")
        .map(|e| e.expect("e").file_name())
        .collect();
    let bytes = sha(&s.backup);
    let out = ok(&s.backup, s.dir.path(), &["check"]);
    assert!(out.contains("0 lỗi"), "{out}");
    assert_eq!(sha(&s.backup), bytes, "the backup's bytes");
    let after: Vec<_> = std::fs::read_dir(&folder)
        .expect("ls")
        .map(|e| e.expect("e").file_name())
        .collect();
    assert_eq!(after, before, "no -wal, -shm or journal made beside it");
}

#[test]
fn a_damaged_page_refuses_every_write() {
    let s = scene();
    let d = s.dir.path();
    // Fold the log in, then scribble over the last page (an index or data page).
    ok(&s.db, d, &["check"]);
    {
        let c = rusqlite::Connection::open(&s.db).expect("raw");
        c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .expect("checkpoint");
    }
    let mut bytes = std::fs::read(&s.db).expect("read");
    let page = 4096;
    let at = bytes.len() - page + 16;
    for b in &mut bytes[at..at + 512] {
        *b = 0xA5;
    }
    std::fs::write(&s.db, &bytes).expect("damage");
    let before = sha(&s.db);
    let (code, _, err) = run(
        &s.db,
        d,
        &[
            "record",
            "rice-in",
            "--commune",
            "Phú Hữu",
            "--date",
            "20/10/2026",
            "--kg",
            "5",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        ["book_damaged", "not_a_book"].contains(&code_of(&err).as_str()),
        "{err}"
    );
    assert_eq!(sha(&s.db), before, "nothing written into a damaged book");
}

#[test]
fn a_faulty_book_is_never_backed_up_as_verified() {
    let s = scene();
    let d = s.dir.path();
    {
        let c = rusqlite::Connection::open(&s.db).expect("raw");
        c.execute_batch("UPDATE movements SET amount = amount + 1000 WHERE voucher_kind = 'PT'")
            .expect("edit");
    }
    let usb2 = d.join("usb2");
    std::fs::create_dir(&usb2).expect("usb2");
    let (code, _, err) = run(
        &s.db,
        d,
        &["backup", "--out", usb2.to_str().expect("utf-8")],
    );
    assert_eq!(
        (code, code_of(&err).as_str()),
        (1, "backup_invalid"),
        "{err}"
    );
    assert!(err.contains("lỗi"), "names check's faults: {err}");
    assert_eq!(
        std::fs::read_dir(&usb2).expect("ls").count(),
        0,
        "no file left"
    );
}

/// Letters that only Vietnamese writing has, to find Vietnamese words in English answers.
fn vietnamese_letters(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| "ăâđêôơưĂÂĐÊÔƠƯ".contains(*c) || (*c as u32 >= 0x1EA0 && *c as u32 <= 0x1EF9))
        .collect()
}

#[test]
fn english_answers_are_english() {
    let s = scene();
    let d = s.dir.path();
    let db = &s.db;
    let cases: Vec<Vec<&str>> = vec![
        vec![
            "record",
            "cash-in",
            "--commune",
            "Phu Huu",
            "--program",
            "rice",
            "--date",
            "02/10/2026",
            "--amount",
            "1,500",
            "--party",
            "X",
        ],
        vec![
            "record",
            "cash-in",
            "--commune",
            "Phu Huu",
            "--program",
            "rice",
            "--date",
            "02/10/2026",
            "--amount",
            "abc",
            "--party",
            "X",
        ],
        vec![
            "record",
            "rice-in",
            "--commune",
            "Phu Huu",
            "--date",
            "02/10/2026",
            "--kg",
            "1.500",
        ],
        vec![
            "record",
            "rice-in",
            "--commune",
            "Phu Huu",
            "--date",
            "31/02/2026",
            "--kg",
            "5",
        ],
        vec![
            "record",
            "rice-in",
            "--commune",
            "Phu Huu",
            "--date",
            "02/10/2026",
            "--kg",
            "-5",
        ],
        vec![
            "record",
            "rice-out",
            "--commune",
            "Phu Huu",
            "--date",
            "02/10/2026",
            "--kg",
            "5000",
            "--household",
            "Không Có",
        ],
        vec!["void", "PN-2026-0001", "--reason", ""],
        vec![
            "hamlet",
            "add",
            "--commune",
            "Phu Huu",
            "--name",
            "Ap Phu Hiep",
        ],
        vec![
            "report",
            "monthly",
            "--commune",
            "Phu Huu",
            "--month",
            "2026-10",
            "--out",
            db.to_str().expect("utf-8"),
        ],
        vec![
            "commune",
            "merge",
            "--from",
            "Phu Huu",
            "--into",
            "Phu Huu",
            "--date",
            "01/01/2027",
        ],
        vec!["init"],
    ];
    for args in cases {
        let mut full = vec!["--lang", "en"];
        full.extend(args.iter().copied());
        let (code, _, err) = run(db, d, &full);
        assert_eq!(code, 1, "{args:?}: {err}");
        let message = err.lines().next().unwrap_or("").to_string();
        // User input and names stay as typed; everything else is English.
        let words: String = message
            .replace(&db.display().to_string(), "")
            .replace("Phú Hữu", "")
            .replace("Ấp Phú Hiệp", "")
            .replace("Không Có", "");
        assert_eq!(
            vietnamese_letters(&words),
            Vec::<char>::new(),
            "{args:?}: {message}"
        );
    }
}

/// Runs `script` with `sh` in a private mount namespace, when the tests may mount (as root, as
/// CI runs them); None when they may not.
#[cfg(unix)]
fn in_mount_namespace(script: &str) -> Option<std::process::Output> {
    let probe = std::process::Command::new("unshare")
        .args([
            "-m",
            "sh",
            "-c",
            "mount -t tmpfs -o size=16k tmpfs /mnt && umount /mnt",
        ])
        .output()
        .ok()?;
    if !probe.status.success() {
        return None;
    }
    std::process::Command::new("unshare")
        .args(["-m", "sh", "-eu", "-c", script])
        .output()
        .ok()
}

#[cfg(unix)]
#[test]
fn a_backup_on_a_read_only_usb_stick_is_checked() {
    let s = scene();
    let bin = assert_cmd::cargo::cargo_bin("sotinhthuong-cli");
    let folder = s.backup.parent().expect("folder");
    let ro = s.dir.path().join("usb-chi-doc");
    std::fs::create_dir(&ro).expect("mount point");
    let name = s
        .backup
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let script = format!(
        r#"
        mount --bind '{folder}' '{ro}'
        mount -o remount,ro,bind '{ro}'
        if touch '{ro}/thu-ghi' 2>/dev/null; then echo "the mount is writable"; exit 3; fi
        SOTINHTHUONG_HEADS='{heads}' SOTINHTHUONG_BACKUP_DIR='{ro}' '{bin}' --db '{ro}/{name}' check
        "#,
        folder = folder.display(),
        ro = ro.display(),
        heads = s.dir.path().join("heads.json").display(),
        bin = bin.display(),
    );
    let Some(out) = in_mount_namespace(&script) else {
        eprintln!("skipped: this machine does not let the tests mount (not root)");
        return;
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "check of a backup on read-only media: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("0 lỗi"), "{stdout}");
}
