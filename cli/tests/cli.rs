//! The command-line contract: every command, its output and its exit code, refusals included.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn cli(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("sotinhthuong-cli").expect("binary");
    cmd.env("SOTINHTHUONG_DB", db)
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

fn last_line(s: &str) -> &str {
    s.lines().last().unwrap_or("")
}

fn book() -> (tempfile::TempDir, std::path::PathBuf) {
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
            "--hamlet",
            "phu hiep",
            "--status",
            "can-ngheo",
        ],
    );
    (dir, db)
}

#[test]
fn init_with_a_preset_lists_its_communes_one_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    ok(&db, &["init", "--preset", "an-phu-2024"]);
    let list = ok(&db, &["commune", "list"]);
    assert_eq!(list.lines().count(), 14);
    assert!(list.lines().any(|l| l == "Vĩnh Hội Đông"));
    let db2 = dir.path().join("b.db");
    ok(&db2, &["init", "--preset", "an-phu-2025"]);
    assert_eq!(
        ok(&db2, &["commune", "list"]).lines().collect::<Vec<_>>(),
        ["An Phú", "Vĩnh Hậu", "Nhơn Hội", "Khánh Bình", "Phú Hữu"]
    );
    // A second init on a book is refused: a new book is never made over a file.
    cli(&db)
        .args(["init", "--preset", "an-phu-2025"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("[book_exists]"));
}

#[test]
fn a_month_of_rice_work_prints_voucher_numbers_and_balances() {
    let (_dir, db) = book();
    let out = ok(
        &db,
        &[
            "record",
            "rice-in",
            "--commune",
            "Phú Hữu",
            "--date",
            "15/11/2026",
            "--kg",
            "850,5",
            "--hamlet",
            "Ấp Phú Hiệp",
            "--households",
            "42",
        ],
    );
    assert_eq!(last_line(&out), "PN-2026-0001");
    let out = ok(
        &db,
        &[
            "record",
            "rice-out",
            "--commune",
            "phu huu",
            "--date",
            "2026-11-16",
            "--kg",
            "10",
            "--household",
            "nguyen thi hoa",
        ],
    );
    assert_eq!(last_line(&out), "PX-2026-0001");
    let out = ok(
        &db,
        &[
            "record",
            "cash-in",
            "--commune",
            "Phú Hữu",
            "--program",
            "rice",
            "--date",
            "16/11/2026",
            "--amount",
            "1.500.000",
            "--party",
            "Chùa Phước Hưng",
            "--memo",
            "Ủng hộ",
        ],
    );
    assert_eq!(last_line(&out), "PT-2026-0001");
    let out = ok(
        &db,
        &[
            "record",
            "cash-out",
            "--commune",
            "Phú Hữu",
            "--program",
            "rice",
            "--date",
            "16/11/2026",
            "--amount",
            "50000",
            "--party",
            "Nguyễn Thị Hoa",
        ],
    );
    assert_eq!(last_line(&out), "PC-2026-0001");
    let bal = ok(
        &db,
        &[
            "balance",
            "--commune",
            "Phú Hữu",
            "--program",
            "rice",
            "--date",
            "30/11/2026",
        ],
    );
    assert_eq!(bal, "Tiền mặt: 1.450.000 đ\nGạo: 840,5 kg\n");
    let bal = ok(
        &db,
        &[
            "balance",
            "--commune",
            "Phú Hữu",
            "--program",
            "rice",
            "--date",
            "15/11/2026",
        ],
    );
    assert_eq!(bal, "Tiền mặt: 0 đ\nGạo: 850,5 kg\n");
    let list = ok(&db, &["list", "--commune", "Phú Hữu", "--month", "2026-11"]);
    assert!(
        list.contains("PN-2026-0001")
            && list.contains("850,5 kg")
            && list.contains("Nguyễn Thị Hoa")
    );
    assert_eq!(last_line(&list), "Số phiếu: 4");
    ok(&db, &["check"]);
}

#[test]
fn refusals_exit_1_with_a_vietnamese_message_and_change_nothing() {
    let (_dir, db) = book();
    ok(
        &db,
        &[
            "record",
            "rice-in",
            "--commune",
            "Phú Hữu",
            "--date",
            "15/11/2026",
            "--kg",
            "20",
        ],
    );
    let before = std::fs::read(&db).unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "record",
                "rice-out",
                "--commune",
                "Phú Hữu",
                "--date",
                "16/11/2026",
                "--kg",
                "25",
                "--household",
                "Nguyễn Thị Hoa",
            ],
            "Không đủ gạo",
        ),
        (
            &[
                "record",
                "rice-out",
                "--commune",
                "Phú Hữu",
                "--date",
                "30/02/2026",
                "--kg",
                "2",
                "--household",
                "Nguyễn Thị Hoa",
            ],
            "không hợp lệ",
        ),
        (
            &[
                "record",
                "rice-out",
                "--commune",
                "Phú Hữu",
                "--date",
                "16/11/2026",
                "--kg",
                "2",
                "--household",
                "Không Có",
            ],
            "Không có hộ",
        ),
        (
            &[
                "record",
                "rice-in",
                "--commune",
                "Xã Ma",
                "--date",
                "16/11/2026",
                "--kg",
                "2",
            ],
            "Không có xã",
        ),
        (
            &[
                "record",
                "rice-in",
                "--commune",
                "Phú Hữu",
                "--date",
                "16/11/2026",
                "--kg",
                "-2",
            ],
            "phải lớn hơn 0",
        ),
        (
            &[
                "record",
                "rice-in",
                "--commune",
                "Phú Hữu",
                "--date",
                "16/11/2026",
                "--kg",
                "1.500",
            ],
            "không rõ",
        ),
        (
            &[
                "record",
                "cash-in",
                "--commune",
                "Phú Hữu",
                "--program",
                "rice",
                "--date",
                "16/11/2026",
                "--amount",
                "mười nghìn",
                "--party",
                "A",
            ],
            "không đọc được",
        ),
        (
            &[
                "record",
                "rice-in",
                "--commune",
                "Phú Hữu",
                "--date",
                "16/11/1999",
                "--kg",
                "2",
            ],
            "ngoài khoảng",
        ),
        (
            &["void", "PN-2026-0099", "--reason", "x"],
            "Không tìm thấy phiếu",
        ),
        (
            &["reopen-month", "--commune", "Phú Hữu", "--month", "2026-11"],
            "chưa khóa sổ",
        ),
        (
            &["close-month", "--commune", "Phú Hữu", "--month", "2026-13"],
            "Tháng",
        ),
    ];
    for (args, expected) in cases {
        cli(&db)
            .args(*args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(*expected));
    }
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "no refusal wrote to the book"
    );
}

#[test]
fn wrong_usage_exits_2() {
    let (_dir, db) = book();
    cli(&db).args(["frobnicate"]).assert().code(2);
    cli(&db)
        .args(["record", "rice-in", "--commune", "Phú Hữu"])
        .assert()
        .code(2);
    cli(&db)
        .args([
            "balance",
            "--commune",
            "Phú Hữu",
            "--program",
            "gold",
            "--date",
            "01/01/2026",
        ])
        .assert()
        .code(2);
    Command::cargo_bin("sotinhthuong-cli")
        .unwrap()
        .env_remove("SOTINHTHUONG_DB")
        .args(["check"])
        .assert()
        .code(2);
}

#[test]
fn void_close_and_reopen_work_from_the_terminal() {
    let (_dir, db) = book();
    ok(
        &db,
        &[
            "record",
            "rice-in",
            "--commune",
            "Phú Hữu",
            "--date",
            "15/11/2026",
            "--kg",
            "20",
        ],
    );
    ok(
        &db,
        &[
            "record",
            "rice-out",
            "--commune",
            "Phú Hữu",
            "--date",
            "16/11/2026",
            "--kg",
            "5",
            "--household",
            "Nguyễn Thị Hoa",
        ],
    );
    assert!(
        ok(&db, &["void", "PX-2026-0001", "--reason", "cấp nhầm"]).contains("Đã hủy PX-2026-0001")
    );
    cli(&db)
        .args(["void", "PX-2026-0001", "--reason", "lần hai"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("đã bị hủy"));
    let list = ok(&db, &["list", "--commune", "Phú Hữu", "--month", "11/2026"]);
    assert!(list.contains("[ĐÃ HỦY: cấp nhầm]"));
    ok(
        &db,
        &["close-month", "--commune", "Phú Hữu", "--month", "2026-11"],
    );
    cli(&db)
        .args([
            "record",
            "rice-in",
            "--commune",
            "Phú Hữu",
            "--date",
            "20/11/2026",
            "--kg",
            "3",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("đã khóa sổ"));
    cli(&db)
        .args(["void", "PN-2026-0001", "--reason", "x"])
        .assert()
        .code(1);
    ok(
        &db,
        &["reopen-month", "--commune", "Phú Hữu", "--month", "2026-11"],
    );
    assert_eq!(
        last_line(&ok(
            &db,
            &[
                "record",
                "rice-in",
                "--commune",
                "Phú Hữu",
                "--date",
                "20/11/2026",
                "--kg",
                "3"
            ]
        )),
        "PN-2026-0002"
    );
    ok(&db, &["check"]);
}

#[test]
fn trips_and_repair_projects_are_recorded_with_their_numbers() {
    let (_dir, db) = book();
    ok(
        &db,
        &[
            "record",
            "cash-in",
            "--commune",
            "Phú Hữu",
            "--program",
            "transport",
            "--date",
            "01/11/2026",
            "--amount",
            "2.000.000",
            "--party",
            "nhà hảo tâm",
        ],
    );
    let out = ok(
        &db,
        &[
            "record",
            "trip",
            "--commune",
            "Phú Hữu",
            "--date",
            "03/11/2026",
            "--patient",
            "Lê Văn Út",
            "--to",
            "Bệnh viện Chợ Rẫy",
            "--km",
            "240",
            "--driver",
            "Trần Văn Lộc",
            "--cost",
            "700.000",
        ],
    );
    assert_eq!(last_line(&out), "PC-2026-0001");
    assert!(out.contains("CX-2026-0001"));
    let out = ok(
        &db,
        &[
            "record",
            "trip",
            "--commune",
            "Phú Hữu",
            "--date",
            "04/11/2026",
            "--patient",
            "Y Ly",
            "--to",
            "Bệnh viện Chợ Rẫy",
        ],
    );
    assert_eq!(
        last_line(&out),
        "CX-2026-0002",
        "a trip without cost prints its trip number; the km came from the destination"
    );
    ok(
        &db,
        &[
            "destination",
            "set",
            "--name",
            "Trung tâm Y tế An Phú",
            "--km",
            "6",
        ],
    );
    assert!(ok(&db, &["destination", "list"]).contains("Trung tâm Y tế An Phú\t6"));

    let out = ok(
        &db,
        &[
            "project",
            "add",
            "--commune",
            "Phú Hữu",
            "--name",
            "Cầu gỗ rạch Ông Cả",
            "--kind",
            "bridge",
            "--hamlet",
            "Ấp Phú Hiệp",
            "--estimate",
            "6.000.000",
            "--start",
            "05/11/2026",
        ],
    );
    assert_eq!(last_line(&out), "CT-2026-0001");
    assert_eq!(
        last_line(&ok(
            &db,
            &[
                "project",
                "contribute",
                "--commune",
                "Phú Hữu",
                "--project",
                "CT-2026-0001",
                "--date",
                "05/11/2026",
                "--amount",
                "6.500.000",
                "--party",
                "Hội Phụ nữ xã"
            ]
        )),
        "PT-2026-0002"
    );
    assert_eq!(
        last_line(&ok(
            &db,
            &[
                "project",
                "cost",
                "--commune",
                "Phú Hữu",
                "--project",
                "CT-2026-0001",
                "--date",
                "06/11/2026",
                "--amount",
                "4.200.000",
                "--party",
                "Cửa hàng VLXD Út Hiền",
                "--category",
                "materials"
            ]
        )),
        "PC-2026-0002"
    );
    ok(
        &db,
        &[
            "project",
            "log",
            "--commune",
            "Phú Hữu",
            "--project",
            "cau go rach ong ca",
            "--date",
            "06/11/2026",
            "--volunteers",
            "12",
            "--workdays",
            "11,5",
            "--materials",
            "20 bao xi măng",
        ],
    );
    ok(
        &db,
        &[
            "project",
            "status",
            "--commune",
            "Phú Hữu",
            "--project",
            "CT-2026-0001",
            "--status",
            "done",
            "--date",
            "20/11/2026",
        ],
    );
    let list = ok(&db, &["project", "list", "--commune", "Phú Hữu"]);
    assert!(
        list.contains("Hoàn thành")
            && list.contains("6.500.000 đ")
            && list.contains("4.200.000 đ")
            && list.contains("11,5"),
        "{list}"
    );
    let show = ok(
        &db,
        &[
            "project",
            "show",
            "--commune",
            "Phú Hữu",
            "--project",
            "CT-2026-0001",
        ],
    );
    assert!(show.contains("20 bao xi măng"));
    assert!(ok(
        &db,
        &["void", "CX-2026-0001", "--reason", "bệnh nhân không đi"]
    )
    .contains("Đã hủy PC-2026-0001"));
    ok(&db, &["check"]);
}

#[test]
fn a_commune_added_with_its_kind_in_the_name_is_titled_with_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kind.db");
    ok(&db, &["init", "--preset", "none"]);
    let added = ok(&db, &["commune", "add", "--name", "Xã Vĩnh Trường"]);
    assert_eq!(added.trim(), "Đã thêm Xã Vĩnh Trường");
    let added = ok(&db, &["commune", "add", "--name", "TT Long Bình"]);
    assert_eq!(added.trim(), "Đã thêm Thị trấn Long Bình");
    assert_eq!(
        ok(&db, &["commune", "list"]).lines().collect::<Vec<_>>(),
        ["Vĩnh Trường", "Long Bình"]
    );
    // A word that contradicts the kind asked for is refused, in English too, and adds nothing.
    cli(&db)
        .args([
            "--lang",
            "en",
            "commune",
            "add",
            "--name",
            "Phường 3",
            "--kind",
            "xa",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "says phường but the chosen kind is xã",
        ));
    assert_eq!(ok(&db, &["commune", "list"]).lines().count(), 2);
}

#[test]
fn english_messages_are_available() {
    let (_dir, db) = book();
    cli(&db)
        .args([
            "--lang",
            "en",
            "record",
            "rice-out",
            "--commune",
            "Phú Hữu",
            "--date",
            "16/11/2026",
            "--kg",
            "5",
            "--household",
            "Nguyễn Thị Hoa",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Not enough"));
}

#[test]
fn demo_builds_a_book_that_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let out = ok(
        &db,
        &["demo", "--seed", "3", "--movements", "5000", "--years", "2"],
    );
    assert!(out.contains("5000 phiếu"), "{out}");
    assert_eq!(ok(&db, &["commune", "list"]).lines().count(), 14);
    assert!(ok(&db, &["check"]).contains("0 lỗi"));
    cli(&db)
        .args(["demo"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("đã có dữ liệu"));
}

#[test]
fn check_exits_1_when_the_file_was_changed_behind_its_back() {
    let (_dir, db) = book();
    ok(
        &db,
        &[
            "record",
            "rice-in",
            "--commune",
            "Phú Hữu",
            "--date",
            "15/11/2026",
            "--kg",
            "20",
        ],
    );
    {
        let conn = rusqlite_free_update(&db);
        assert!(conn);
    }
    cli(&db)
        .args(["check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("LỖI"));
}

/// Changes a movement with the sqlite3-compatible core connection, as a tamperer would.
fn rusqlite_free_update(db: &Path) -> bool {
    let book = sotinhthuong::Book::open(db, sotinhthuong::Source::Test).expect("open");
    book.connection()
        .execute("UPDATE movements SET amount = amount * 2", [])
        .is_ok()
}

#[test]
fn lunar_dates_and_ram_are_printed() {
    let (_dir, db) = book();
    assert!(ok(&db, &["lunar", "17/02/2007"]).contains("01/01/2007 ÂL"));
    assert_eq!(
        ok(&db, &["lunar", "--ram", "8", "--year", "2024"]),
        "17/09/2024\n"
    );
}

#[test]
fn a_payment_names_its_payee_and_an_anonymous_gift_says_so() {
    let (_dir, db) = book();
    let args = |dir: &str, party: &str| -> Vec<String> {
        [
            "record",
            dir,
            "--commune",
            "Phú Hữu",
            "--program",
            "rice",
            "--date",
            "02/10/2026",
            "--amount",
            "100.000",
            "--party",
            party,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    let out = ok(
        &db,
        &args("cash-in", "")
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert!(out.contains("PT-2026-"), "{out}");
    assert!(out.contains("Nhà hảo tâm (không nêu tên)"), "{out}");
    for party in ["", "  ", "nhà hảo tâm", "Ẩn danh"] {
        cli(&db)
            .args(args("cash-out", party))
            .assert()
            .code(1)
            .stderr(
                predicate::str::contains("[empty_text]")
                    .or(predicate::str::contains("[anonymous_payee]")),
            );
    }
    ok(
        &db,
        &[
            "project",
            "add",
            "--commune",
            "Phú Hữu",
            "--name",
            "Cầu Kênh Ba",
            "--kind",
            "bridge",
        ],
    );
    cli(&db)
        .args([
            "project",
            "cost",
            "--commune",
            "Phú Hữu",
            "--project",
            "Cầu Kênh Ba",
            "--date",
            "02/10/2026",
            "--amount",
            "50.000",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Người nhận tiền"));
}

#[test]
fn a_household_list_is_imported_from_csv_with_a_dry_run_first_and_once_only() {
    let (dir, db) = book();
    let sheet = dir.path().join("danh-sach-ho.csv");
    std::fs::write(
        &sheet,
        "DANH SÁCH HỘ NGHÈO\n\nHọ và tên;Ấp;Diện hộ\nTrần Văn Sáu;Phú Hiệp;hộ nghèo\nLê Văn Bảy;Ấp Không Có;cận nghèo\nTổng cộng: 2 hộ;;\n",
    )
    .unwrap();
    let file = sheet.to_str().unwrap();
    let base = [
        "import",
        file,
        "--kind",
        "households",
        "--commune",
        "Phú Hữu",
    ];
    // A dry run names the refused row and writes nothing; a whole import with it refuses.
    let mut dry: Vec<&str> = base.to_vec();
    dry.push("--dry-run");
    let out = cli(&db)
        .args(&dry)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("dòng 5\tTỪ CHỐI\t"), "{out}");
    assert!(out.contains("Ấp Không Có"), "{out}");
    assert!(out.contains("dòng 6\tBỎ QUA"), "the total row: {out}");
    assert!(out.contains("Chạy thử"), "{out}");
    assert!(!ok(&db, &["household", "list", "--commune", "Phú Hữu"]).contains("Trần Văn Sáu"));
    cli(&db).args(base).assert().code(1);
    assert!(!ok(&db, &["household", "list", "--commune", "Phú Hữu"]).contains("Trần Văn Sáu"));
    // The good rows only; then the same file again adds nothing.
    let mut good: Vec<&str> = base.to_vec();
    good.push("--good-rows-only");
    let out = ok(&db, &good);
    assert!(out.contains("dòng 4\tNHẬP\tTrần Văn Sáu"), "{out}");
    assert!(ok(&db, &["household", "list", "--commune", "Phú Hữu"]).contains("Trần Văn Sáu"));
    let again = ok(&db, &good);
    assert!(again.contains("dòng 4\tĐÃ CÓ"), "{again}");
    assert!(again.contains("0 dòng nhập"), "{again}");
    // In English.
    let mut en = vec!["--lang", "en"];
    en.extend(dry.iter().copied());
    let out = cli(&db)
        .args(&en)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("row 5\tREFUSED\tNo hamlet named “Ấp Không Có”"),
        "{out}"
    );
}
