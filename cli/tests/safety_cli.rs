//! Data safety through the command line: hostile input (the table of `tests/safety_hostile.rs`,
//! typed at the terminal) refused with exit 1, its code and nothing changed; odd but valid input
//! accepted; files edited behind the program's back found by `check`; damaged books never
//! overwritten and replaced from a backup; read-only places and full disks refused clearly with
//! the book unchanged; and `backup`, `restore`, `backups list`.

use assert_cmd::Command;
use sotinhthuong::{Book, Source};
use std::path::{Path, PathBuf};

fn cli(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("sotinhthuong-cli").expect("binary");
    cmd.env("SOTINHTHUONG_DB", db)
        .env_remove("SOTINHTHUONG_BACKUP_DIR")
        .env_remove("SOTINHTHUONG_LANG");
    cmd
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = cli(db).args(args).output().expect("run");
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Runs a command that must be refused: exit 1, the code on stderr's last line, and a message.
fn refused(db: &Path, args: &[&str]) -> (String, String) {
    let out = cli(db).args(args).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let code = stderr
        .lines()
        .last()
        .and_then(|l| l.strip_prefix('['))
        .and_then(|l| l.strip_suffix(']'))
        .unwrap_or("")
        .to_string();
    assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
    (code, stderr)
}

/// Every row of every table, to prove a refused command changed nothing.
fn digest(db: &Path) -> String {
    let book = Book::open(db, Source::Test).expect("open");
    let conn = book.connection();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .expect("tables")
        .query_map([], |r| r.get(0))
        .expect("tables")
        .collect::<Result<_, _>>()
        .expect("tables");
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

/// A book of xã Phú Hữu (An Phú's 14 units) with a hamlet, a household, rice, cash, a voided
/// receipt and a closed August 2025.
fn book() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("so.db");
    ok(&db, &["init", "--preset", "an-phu-2024"]);
    ok(
        &db,
        &[
            "hamlet",
            "add",
            "--commune",
            "Phú Hữu",
            "--name",
            "Ấp Phú Hiệp",
        ],
    );
    ok(
        &db,
        &[
            "household",
            "add",
            "--commune",
            "Phú Hữu",
            "--name",
            "Nguyễn Thị Hoa",
        ],
    );
    for (date, kg) in [("15/08/2025", "50"), ("01/10/2025", "100")] {
        ok(
            &db,
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
    for amount in ["1.000.000", "200.000"] {
        ok(&db, &cash_args("01/10/2025", amount, "Bà Tư", ""));
    }
    ok(&db, &["void", "PT-2025-0002", "--reason", "ghi nhầm"]);
    ok(
        &db,
        &["close-month", "--commune", "Phú Hữu", "--month", "2025-08"],
    );
    (dir, db)
}

fn cash_args<'a>(date: &'a str, amount: &'a str, party: &'a str, memo: &'a str) -> Vec<&'a str> {
    vec![
        "record",
        "cash-in",
        "--commune",
        "Phú Hữu",
        "--program",
        "rice",
        "--date",
        date,
        "--amount",
        amount,
        "--party",
        party,
        "--memo",
        memo,
    ]
}

/// "Nguyễn Thị Hoà" as a Telex tool may send it: base letters and combining marks (NFD).
fn nfd() -> String {
    "Nguye\u{302}\u{303}n Thi\u{323} Hoa\u{300}".to_string()
}

#[test]
fn hostile_input_at_the_terminal_is_refused_with_its_code_and_changes_nothing() {
    let (dir, db) = book();
    let long = "Ngô".repeat(67) + "x";
    let long_memo = "ủng hộ ".repeat(143) + "x";
    let theirs = dir.path().join("cua-ho.db");
    std::fs::write(&theirs, "của thủ quỹ").expect("file");
    let theirs = theirs.display().to_string();
    let gone = dir
        .path()
        .join("usb-da-rut")
        .join("so.db")
        .display()
        .to_string();
    let text = dir.path().join("ghi-chu.txt");
    std::fs::write(&text, "Danh sách hộ nghèo").expect("file");
    let text = text.display().to_string();
    let mut cases: Vec<(Vec<String>, &str)> = Vec::new();
    let own = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
    for (date, code) in [
        ("30/02/2025", "invalid_date"),
        ("29/02/2025", "invalid_date"),
        ("01/13/2025", "invalid_date"),
        ("2025-13-01", "invalid_date"),
        ("32/10/2025", "invalid_date"),
        ("hôm qua", "invalid_date"),
        ("", "invalid_date"),
        ("5/10/25", "invalid_date"),
        ("31/12/1999", "date_out_of_range"),
        ("01/01/2099", "date_out_of_range"),
    ] {
        cases.push((own(cash_args(date, "100.000", "Bà Tư", "")), code));
    }
    for (amount, code) in [
        ("-100.000", "not_positive"),
        ("0", "not_positive"),
        ("100.000.000.001", "too_large"),
        ("999999999999999999999999999999", "too_large"),
        ("1e6", "invalid_number"),
        ("một trăm nghìn", "invalid_number"),
        ("1,500", "invalid_number"),
        ("100.000,5", "invalid_number"),
        ("１００.０００", "invalid_number"),
        (" ", "empty_text"),
    ] {
        cases.push((own(cash_args("05/11/2025", amount, "Bà Tư", "")), code));
    }
    for (kg, code) in [
        ("-5", "not_positive"),
        ("100.001", "invalid_number"),
        ("100001", "too_large"),
    ] {
        cases.push((
            own(vec![
                "record",
                "rice-in",
                "--commune",
                "Phú Hữu",
                "--date",
                "05/11/2025",
                "--kg",
                kg,
            ]),
            code,
        ));
    }
    cases.push((
        own(cash_args("05/11/2025", "100.000", &long, "")),
        "text_too_long",
    ));
    cases.push((
        own(cash_args("05/11/2025", "100.000", "Bà Tư", &long_memo)),
        "text_too_long",
    ));
    cases.push((
        own(cash_args("05/11/2025", "100.000", "Hoa\u{1b}[31m", "")),
        "control_characters",
    ));
    cases.push((
        own(cash_args(
            "05/11/2025",
            "100.000",
            "Bà Tư",
            "dòng 1\ndòng 2",
        )),
        "control_characters",
    ));
    cases.push((
        own(cash_args("05/11/2025", "100.000", "Nguyễn\tVăn A", "")),
        "control_characters",
    ));
    cases.push((
        own(vec![
            "record",
            "cash-in",
            "--commune",
            "Xã Không Có",
            "--program",
            "rice",
            "--date",
            "05/11/2025",
            "--amount",
            "100.000",
            "--party",
            "Bà Tư",
        ]),
        "unknown_commune",
    ));
    cases.push((
        own(vec![
            "record",
            "rice-in",
            "--commune",
            "Phú Hữu",
            "--date",
            "05/11/2025",
            "--kg",
            "5",
            "--hamlet",
            "Ấp Ma",
        ]),
        "unknown_hamlet",
    ));
    cases.push((
        own(vec![
            "record",
            "rice-out",
            "--commune",
            "Phú Hữu",
            "--date",
            "05/11/2025",
            "--kg",
            "5",
            "--household",
            "Người Lạ",
        ]),
        "unknown_household",
    ));
    cases.push((
        own(vec![
            "project",
            "log",
            "--commune",
            "Phú Hữu",
            "--project",
            "CT-2025-0099",
            "--date",
            "05/11/2025",
            "--volunteers",
            "5",
            "--workdays",
            "5",
        ]),
        "unknown_project",
    ));
    cases.push((
        own(vec![
            "record",
            "rice-out",
            "--commune",
            "Phú Hữu",
            "--date",
            "05/11/2025",
            "--kg",
            "10000",
            "--household",
            "Nguyễn Thị Hoa",
        ]),
        "stock_too_low",
    ));
    cases.push((
        own(vec![
            "record",
            "rice-in",
            "--commune",
            "Phú Hữu",
            "--date",
            "20/08/2025",
            "--kg",
            "5",
        ]),
        "month_closed",
    ));
    cases.push((
        own(vec!["void", "PN-2025-0001", "--reason", "ghi nhầm"]),
        "month_closed",
    ));
    cases.push((
        own(vec!["void", "PT-2025-0002", "--reason", "lại"]),
        "already_voided",
    ));
    cases.push((
        own(vec!["void", "PT-2025-9999", "--reason", "thử"]),
        "unknown_voucher",
    ));
    cases.push((
        own(vec!["void", "không phải số", "--reason", "thử"]),
        "unknown_voucher",
    ));
    cases.push((
        own(vec!["void", "PT-2025-0001", "--reason", " "]),
        "empty_text",
    ));
    cases.push((
        own(vec![
            "close-month",
            "--commune",
            "Phú Hữu",
            "--month",
            "2025-08",
        ]),
        "month_state",
    ));
    cases.push((
        own(vec![
            "close-month",
            "--commune",
            "Phú Hữu",
            "--month",
            "2025-13",
        ]),
        "invalid_month",
    ));
    cases.push((
        own(vec!["list", "--commune", "Phú Hữu", "--month", "13/2025"]),
        "invalid_month",
    ));
    cases.push((
        own(vec![
            "record",
            "cash-in",
            "--commune",
            "Phú Hữu",
            "--program",
            "rice",
            "--date",
            "05/11/2025",
            "--amount",
            "100.000",
            "--party",
            "Bà Tư",
            "--category",
            "ăn trưa",
        ]),
        "invalid_choice",
    ));
    cases.push((
        own(vec![
            "household",
            "add",
            "--commune",
            "Phú Hữu",
            "--name",
            "Trần Giàu",
            "--status",
            "giau",
        ]),
        "invalid_choice",
    ));
    cases.push((
        own(vec!["commune", "add", "--name", "Xã Mới", "--kind", "tinh"]),
        "invalid_choice",
    ));
    cases.push((
        own(vec![
            "project",
            "add",
            "--commune",
            "Phú Hữu",
            "--name",
            "Nhà văn hóa",
            "--kind",
            "nha",
        ]),
        "invalid_choice",
    ));
    cases.push((
        own(vec!["commune", "add", "--name", "Phú Hữu"]),
        "duplicate_name",
    ));
    cases.push((
        own(vec!["commune", "add", "--name", "Phường 3", "--kind", "xa"]),
        "commune_kind_conflict",
    ));
    cases.push((own(vec!["backup", "--out", &theirs]), "file_exists"));
    cases.push((own(vec!["backup", "--out", &gone]), "unsuitable_folder"));
    cases.push((own(vec!["restore", &text]), "backup_invalid"));
    let count = cases.len();
    let before = digest(&db);
    let book_bytes = std::fs::read(&db).expect("bytes");
    let mut failures = Vec::new();
    for (args, want) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, stderr) = refused(&db, &args);
        if code != *want {
            failures.push(format!("{args:?}: [{code}] instead of [{want}]: {stderr}"));
        }
        if !stderr.starts_with("Lỗi: ") || stderr.lines().count() < 2 {
            failures.push(format!("{args:?}: unclear message: {stderr}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(digest(&db), before, "no refused command changed the book");
    assert_eq!(
        std::fs::read(&theirs).expect("theirs"),
        "của thủ quỹ".as_bytes()
    );
    assert_eq!(
        std::fs::read(&db).expect("bytes"),
        book_bytes,
        "not even a byte of the file changed"
    );
    eprintln!("bad inputs refused at the terminal: {count}");
}

#[test]
fn odd_but_valid_input_at_the_terminal_is_accepted_and_stored_as_typed() {
    let (_dir, db) = book();
    let nfd_name = nfd();
    let accepted = [
        // NFD in, NFC out, the tone mark of "oa" placed by the one rule (README, Data safety).
        (nfd_name.as_str(), "ủng hộ", "Nguyễn Thị Hòa"),
        (
            "Bà Tư",
            "Robert'); DROP TABLE movements;--",
            "Robert'); DROP TABLE movements;--",
        ),
        ("Bà Tư", "Gạo 🌾🍚 cho bà con ❤️", "Gạo 🌾🍚 cho bà con ❤️"),
        ("Mohamad Sa Ly", "", "Mohamad Sa Ly"),
        ("ស្រី ពៅ", "", "ស្រី ពៅ"),
        ("ꨌꩌ ꨚꨰ", "", "ꨌꩌ ꨚꨰ"),
    ];
    for (party, memo, shown) in accepted {
        let out = ok(&db, &cash_args("05/11/2025", "1 500 000", party, memo));
        assert!(
            out.trim_end().ends_with(|c: char| c.is_ascii_digit()),
            "{out}"
        );
        let list = ok(&db, &["list", "--commune", "phu huu", "--month", "11/2025"]);
        let last = list.lines().rev().nth(1).unwrap_or("");
        assert!(
            last.contains(shown),
            "{shown:?} stored as typed (NFC): {last}"
        );
        assert!(last.contains("1.500.000 đ"), "{last}");
    }
    ok(
        &db,
        &[
            "household",
            "add",
            "--commune",
            "Phú Hữu",
            "--name",
            "Chau Sóc Khêl",
        ],
    );
    let households = ok(
        &db,
        &[
            "household",
            "list",
            "--commune",
            "Phú Hữu",
            "--search",
            "chau soc",
        ],
    );
    assert!(households.contains("Chau Sóc Khêl"), "{households}");
    assert!(ok(&db, &["check"]).contains("0 lỗi"));
}

#[test]
fn a_file_edited_behind_the_programs_back_makes_check_exit_1() {
    let edits = [
        (
            "a payment made larger",
            "UPDATE movements SET amount = amount + 1000 WHERE voucher_kind = 'PT'",
        ),
        (
            "an entry slipped in",
            "INSERT INTO movements (uuid, commune_id, program, asset, direction, date, amount,
                 category, memo, voucher_kind, voucher_year, voucher_seq, audit_seq, created_at)
             SELECT 'x', commune_id, program, asset, direction, date, amount, category, memo,
                 voucher_kind, voucher_year, 99, audit_seq + 1000, created_at
             FROM movements WHERE voucher_kind = 'PT' LIMIT 1",
        ),
        ("a void removed", "DELETE FROM voids"),
        (
            "an audit entry in the middle removed",
            "DELETE FROM audit_log WHERE seq = 5",
        ),
        (
            "an audit entry reworded",
            "UPDATE audit_log SET actor = 'ai đó' WHERE seq = 3",
        ),
    ];
    for (what, sql) in edits {
        let (_dir, db) = book();
        assert!(ok(&db, &["check"]).contains("0 lỗi"));
        {
            // A separate program opens the file and edits it.
            let conn = rusqlite::Connection::open(&db).expect("sqlite");
            conn.execute_batch(sql).expect(what);
        }
        let out = cli(&db).arg("check").output().expect("run");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{what}: {stdout}");
        assert!(stdout.contains("LỖI:"), "{what}: {stdout}");
    }
}

#[test]
fn a_damaged_book_is_refused_untouched_and_replaced_from_a_backup() {
    let (dir, db) = book();
    let usb = dir.path().join("usb");
    std::fs::create_dir(&usb).expect("usb");
    let out = ok(&db, &["backup", "--out", usb.to_str().expect("utf-8")]);
    let backup = PathBuf::from(out.lines().last().expect("path"));
    assert!(backup.exists(), "{out}");
    // The disk fails: the book loses its second half.
    let mut damaged = std::fs::read(&db).expect("bytes");
    damaged.truncate(damaged.len() / 2);
    std::fs::write(&db, &damaged).expect("damage");
    let (code, stderr) = refused(&db, &["list", "--commune", "Phú Hữu", "--month", "2025-10"]);
    assert_eq!(code, "not_a_book", "{stderr}");
    assert!(stderr.contains("khôi phục từ bản sao lưu"), "{stderr}");
    assert_eq!(
        std::fs::read(&db).expect("bytes"),
        damaged,
        "never overwritten"
    );
    let out = ok(&db, &["restore", backup.to_str().expect("utf-8")]);
    let aside = out
        .lines()
        .find_map(|l| l.strip_prefix("Sổ cũ được giữ lại ở "))
        .expect("the replaced book is named");
    assert_eq!(
        std::fs::read(aside).expect("aside"),
        damaged,
        "kept as it was"
    );
    assert!(ok(&db, &["check"]).contains("0 lỗi"));
    assert!(
        ok(&db, &["list", "--commune", "Phú Hữu", "--month", "2025-10"]).contains("PT-2025-0001")
    );
}

#[test]
#[cfg_attr(
    windows,
    ignore = "windows: Documents is Windows' known folder there, which HOME does not move; cli/tests/windows_cli.rs checks the default folder on Windows"
)]
fn backups_are_listed_newest_first_from_the_default_folder_or_dir() {
    let (dir, db) = book();
    let home = dir.path().join("nha");
    std::fs::create_dir(&home).expect("home");
    let listed = |args: &[&str]| -> String {
        let out = cli(&db)
            .env("HOME", &home)
            .env_remove("XDG_CONFIG_HOME")
            .args(args)
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let default = home
        .join("Documents")
        .join("Sổ Tình Thương")
        .join("Sao lưu");
    let empty = listed(&["backups", "list"]);
    assert!(
        empty.contains("Chưa có bản sao lưu nào") && empty.contains(&default.display().to_string()),
        "{empty}"
    );
    std::fs::create_dir_all(&default).expect("default folder");
    let first = ok(&db, &["backup", "--out", default.to_str().expect("utf-8")]);
    ok(&db, &cash_args("06/11/2025", "10.000", "Bà Tư", ""));
    let second = ok(&db, &["backup", "--out", default.to_str().expect("utf-8")]);
    let list = listed(&["backups", "list"]);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 2, "{list}");
    assert!(
        lines[0].ends_with(second.lines().last().unwrap_or("?")),
        "newest first: {list}"
    );
    assert!(
        lines[1].ends_with(first.lines().last().unwrap_or("?")),
        "{list}"
    );
    assert!(
        lines[0].contains("\tthủ công\t") && lines[0].contains(" KB\t"),
        "{list}"
    );
    let other = dir.path().join("usb");
    std::fs::create_dir(&other).expect("usb");
    assert!(
        listed(&["backups", "list", "--dir", other.to_str().expect("utf-8")]).contains("Chưa có")
    );
}

/// How to run a command without the power to write where root could: as `nobody` through
/// `setpriv` when the tests run as root (root ignores file permissions), else as ourselves.
#[cfg(unix)]
fn unprivileged() -> Option<Vec<String>> {
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")?;
    if !root {
        return Some(Vec::new());
    }
    let works = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
        .status()
        .is_ok_and(|s| s.success());
    works.then(|| {
        [
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ]
        .map(String::from)
        .to_vec()
    })
}

#[cfg(unix)]
fn run_unprivileged(prefix: &[String], db: &Path, args: &[&str]) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("sotinhthuong-cli");
    let mut cmd = match prefix.split_first() {
        Some((first, rest)) => {
            let mut c = std::process::Command::new(first);
            c.args(rest).arg(&bin);
            c
        }
        None => std::process::Command::new(&bin),
    };
    cmd.env("SOTINHTHUONG_DB", db)
        .env_remove("SOTINHTHUONG_BACKUP_DIR")
        .args(args)
        .output()
        .expect("run")
}

#[cfg(unix)]
#[test]
fn a_read_only_book_or_folder_refuses_a_save_clearly_and_nothing_is_half_written() {
    use std::os::unix::fs::PermissionsExt;
    let Some(prefix) = unprivileged() else {
        eprintln!("skipped: running as root without setpriv, so nothing is read-only");
        return;
    };
    let set = |p: &Path, mode: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).expect("chmod")
    };
    let (dir, db) = book();
    set(dir.path(), 0o755);
    let before = digest(&db);
    let bytes = std::fs::read(&db).expect("bytes");
    let record = cash_args("05/11/2025", "100.000", "Bà Tư", "");
    let expect_read_only = |what: &str, out: std::process::Output| {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{what}: {stderr}");
        assert!(
            stderr.contains("[read_only]") && stderr.contains("chỉ cho đọc"),
            "{what}: {stderr}"
        );
    };
    // The book file is read-only (its folder is not).
    let shared = dir.path().join("chung");
    std::fs::create_dir(&shared).expect("dir");
    set(&shared, 0o777);
    let ro_file = shared.join("so.db");
    std::fs::copy(&db, &ro_file).expect("copy");
    set(&ro_file, 0o444);
    expect_read_only(
        "a read-only file",
        run_unprivileged(&prefix, &ro_file, &record),
    );
    assert_eq!(std::fs::read(&ro_file).expect("bytes"), bytes);
    // The folder is read-only (a write-protected USB stick): the book cannot be opened to write.
    let locked = dir.path().join("khoa");
    std::fs::create_dir(&locked).expect("dir");
    let ro_dir_book = locked.join("so.db");
    std::fs::copy(&db, &ro_dir_book).expect("copy");
    set(&ro_dir_book, 0o666);
    set(&locked, 0o555);
    expect_read_only(
        "a read-only folder",
        run_unprivileged(&prefix, &ro_dir_book, &record),
    );
    assert_eq!(std::fs::read(&ro_dir_book).expect("bytes"), bytes);
    // A backup into a read-only folder leaves nothing there.
    let out = run_unprivileged(
        &prefix,
        &ro_file,
        &["backup", "--out", locked.to_str().expect("utf-8")],
    );
    expect_read_only("a backup into a read-only folder", out);
    assert_eq!(
        std::fs::read_dir(&locked).expect("dir").count(),
        1,
        "only the book is there"
    );
    set(&locked, 0o755);
    set(&ro_file, 0o644);
    assert_eq!(digest(&ro_file), before);
    assert_eq!(digest(&ro_dir_book), before);
}

/// Runs `script` with `sh` in a private mount namespace (so its tmpfs disappears with it), when
/// the tests may mount; None when they may not.
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
fn a_full_disk_refuses_a_save_and_a_backup_clearly_and_leaves_the_book_whole() {
    let (dir, db) = book();
    let before = digest(&db);
    let bin = assert_cmd::cargo::cargo_bin("sotinhthuong-cli");
    let disk = dir.path().join("o-day");
    let usb = dir.path().join("usb-day");
    let out = dir.path().join("ket-qua");
    for d in [&disk, &usb, &out] {
        std::fs::create_dir(d).expect("dir");
    }
    let size = std::fs::metadata(&db).expect("meta").len() / 1024 + 64;
    // A disk with room for the book and its index but not for much more; a USB stick of 32 KB.
    let script = format!(
        r#"
        cli='{bin}'; disk='{disk}'; usb='{usb}'; out='{out}'; book='{book}'
        mount -t tmpfs -o size={size}k tmpfs "$disk"
        mount -t tmpfs -o size=32k tmpfs "$usb"
        cp "$book" "$disk/so.db"
        SOTINHTHUONG_DB="$disk/so.db" "$cli" list --commune 'Phú Hữu' --month 2025-10 > /dev/null
        head -c $(( $(df -k --output=avail "$disk" | tail -1) * 1024 )) /dev/zero > "$disk/day" 2>/dev/null || true
        memo=$(head -c 990 /dev/zero | tr '\0' a)
        for i in 1 2 3 4 5 6; do
          SOTINHTHUONG_DB="$disk/so.db" "$cli" record cash-in --commune 'Phú Hữu' --program rice \
            --date 05/11/2025 --amount 100.000 --party "Bà Tư $i" --memo "$memo" \
            >> "$out/save.out" 2>> "$out/save.err" || echo "exit $?" >> "$out/save.err"
        done
        rm "$disk/day"
        SOTINHTHUONG_DB="$disk/so.db" "$cli" check > "$out/check.out" || echo "exit $?" >> "$out/check.out"
        cp "$disk/so.db" "$out/so.db"
        SOTINHTHUONG_DB="$book" "$cli" backup --out "$usb" > "$out/backup.out" 2> "$out/backup.err" || echo "exit $?" >> "$out/backup.err"
        ls -A "$usb" > "$out/usb.ls"
        "#,
        bin = bin.display(),
        disk = disk.display(),
        usb = usb.display(),
        out = out.display(),
        book = db.display(),
    );
    let Some(result) = in_mount_namespace(&script) else {
        eprintln!("skipped: these tests may not mount a small disk here");
        return;
    };
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap_or_default();
    let (saved, errors) = (read("save.out"), read("save.err"));
    assert!(
        errors.contains("exit 1")
            && (errors.contains("[disk_full]") || errors.contains("[disk_io]")),
        "a save on a full disk is refused clearly: {errors}\n(saved: {saved})"
    );
    assert!(
        errors.contains("ổ đĩa") || errors.contains("Ổ đĩa"),
        "{errors}"
    );
    eprintln!(
        "a save on a full disk: {}",
        errors.lines().next().unwrap_or("")
    );
    assert!(
        read("check.out").contains("0 lỗi"),
        "after space is freed the book checks: {}",
        read("check.out")
    );
    // Whatever was saved before the disk filled is whole; what was refused left no trace.
    let copy = out.join("so.db");
    let after = digest(&copy);
    let saved_count = saved.lines().filter(|l| l.starts_with("PT-")).count();
    let rows = |d: &str| d.lines().filter(|l| l.starts_with("movements|")).count();
    assert_eq!(rows(&after), rows(&before) + saved_count, "{saved}");
    let backup_err = read("backup.err");
    assert!(
        backup_err.contains("exit 1")
            && (backup_err.contains("[disk_full]") || backup_err.contains("[disk_io]")),
        "a backup onto a full USB stick is refused clearly: {backup_err}"
    );
    assert_eq!(
        read("usb.ls").trim(),
        "",
        "no half backup is left on the stick"
    );
    eprintln!(
        "a backup on a full stick: {}",
        backup_err.lines().next().unwrap_or("")
    );
    assert_eq!(digest(&db), before, "the book backed up is untouched");
}
