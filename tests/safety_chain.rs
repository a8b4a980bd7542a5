//! The audit chain covers every table the books print. Each case edits the book file behind the
//! program's back, as another program would, and `check` must name what was touched; the
//! newest changes cut off, or a history written again, are found against the heads that
//! backups and the window keep outside the book.

mod common;
mod safety_support;

use safety_support::{book_on_disk, now, open};
use sotinhthuong::audit::heads::{self, KnownHead};
use sotinhthuong::people::HouseholdStatus;
use sotinhthuong::repair::{NewProject, NewWorkDay, ProjectStatus};
use sotinhthuong::settings::Office;
use sotinhthuong::transport::NewTrip;
use sotinhthuong::{Book, Month, NewCommune, Source};
use std::path::{Path, PathBuf};

/// A book with rows in every covered table: two communes (one merged), hamlets, households
/// with their standing, donors, a driver, a vehicle, destinations, a project with its log and
/// status, trips with and without money (one voided), a closed month and the office settings.
fn full_book(dir: &Path) -> PathBuf {
    let (mut book, path) = book_on_disk(dir, 2);
    book.add_commune(&NewCommune {
        name: "Vĩnh Lộc".into(),
        ..Default::default()
    })
    .expect("commune");
    book.merge_commune(
        "Vĩnh Lộc",
        "Phú Hữu",
        chrono::NaiveDate::from_ymd_opt(2025, 7, 1).expect("date"),
    )
    .expect("merge");
    book.set_office(&Office {
        issuing_body: "ỦY BAN NHÂN DÂN XÃ PHÚ HỮU".into(),
        chairman: "Huỳnh Văn Phúc".into(),
        ..Default::default()
    })
    .expect("office");
    let household = book
        .list_households(
            book.find_commune("Phú Hữu").expect("c").id,
            2026,
            Some("Lê Văn Út"),
        )
        .expect("list")[0]
        .id;
    book.set_household_status(household, 2026, HouseholdStatus::KhoKhan)
        .expect("status");
    book.set_destination(
        "Bệnh viện Chợ Rẫy",
        Some(sotinhthuong::Km::parse("240").expect("km")),
    )
    .expect("destination");
    book.record_cash(&sotinhthuong::NewCash {
        commune: "Phú Hữu".into(),
        program: sotinhthuong::Program::Transport,
        direction: sotinhthuong::Direction::In,
        date: "01/11/2026".into(),
        amount: "2.000.000".into(),
        party: "Hội Chữ thập đỏ".into(),
        category: None,
        memo: String::new(),
    })
    .expect("gift to the transport fund");
    for (patient, fuel) in [
        ("Trần Văn Bảy", Some("300.000")),
        ("Lê Thị Tám", None),
        ("Võ Văn Chín", Some("150.000")),
    ] {
        book.record_trip(&NewTrip {
            commune: "Phú Hữu".into(),
            date: "12/11/2026".into(),
            patient: patient.into(),
            to: "Bệnh viện Chợ Rẫy".into(),
            driver: Some("Nguyễn Văn Tài".into()),
            vehicle: Some("Xe cứu thương số 1".into()),
            fuel_cost: fuel.map(str::to_string),
            ..Default::default()
        })
        .expect("trip");
    }
    book.void_entry("CX-2026-0003", "đi nhầm ngày", Some("Phú Hữu"))
        .expect("void trip");
    let p = book
        .add_project(&NewProject {
            commune: "Phú Hữu".into(),
            name: "Cầu Rạch Bà Đệ".into(),
            kind: "bridge".into(),
            size: "dài 12 m".into(),
            start: Some("02/11/2026".into()),
            ..Default::default()
        })
        .expect("project");
    book.log_work(
        "Phú Hữu",
        &p.code,
        &NewWorkDay {
            date: "03/11/2026".into(),
            volunteers: "8".into(),
            workdays: "8".into(),
            materials: "10 bao xi măng".into(),
            note: String::new(),
        },
    )
    .expect("log");
    book.set_project_status("Phú Hữu", &p.code, ProjectStatus::Done, "20/11/2026")
        .expect("done");
    book.close_month("Phú Hữu", Month::new(2026, 9).expect("month"))
        .expect("close");
    assert!(book.check().expect("check").ok(), "the book starts sound");
    path
}

/// Runs `sql` on a copy of the book with a connection of its own, then `check`s the copy.
fn tampered(path: &Path, sql: &str) -> Vec<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let copy = dir.path().join("sua-ngoai.db");
    let book = open(path);
    book.backup_to(&copy).expect("copy");
    drop(book);
    {
        let c = rusqlite::Connection::open(&copy).expect("raw");
        c.execute_batch("PRAGMA foreign_keys = OFF;")
            .expect("fk off");
        c.execute_batch(sql)
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    Book::open(&copy, Source::Test)
        .expect("open copy")
        .check()
        .expect("check")
        .faults
}

#[test]
fn an_edit_of_any_table_the_books_print_is_found_and_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = full_book(dir.path());
    let cases: &[(&str, &str, &str)] = &[
        ("a trip's patient changed", "UPDATE trips SET patient = 'Người Khác' WHERE number = 'CX-2026-0001'", "chuyến xe"),
        ("a trip's km changed", "UPDATE trips SET distance = distance + 1000 WHERE number = 'CX-2026-0001'", "chuyến xe"),
        ("a trip without money deleted", "DELETE FROM trips WHERE number = 'CX-2026-0002'", "chuyến xe"),
        ("a voided trip un-voided", "UPDATE trips SET voided_at = NULL, void_reason = NULL WHERE number = 'CX-2026-0003'", "chuyến xe"),
        ("a month lock deleted", "DELETE FROM month_locks", "khóa sổ tháng"),
        ("a month locked outside the program", "INSERT INTO month_locks VALUES (1, '2026-10', '2026-11-01', 'ai đó')", "khóa sổ tháng"),
        ("a donor renamed", "UPDATE parties SET name = 'Người Khác' WHERE kind = 'anonymous'", "người nộp / nhận"),
        ("a household renamed", "UPDATE households SET name = 'Nguyễn Thị Hoà Khác' WHERE name = 'Nguyễn Thị Hoa'", "hộ"),
        ("a household added outside the program", "INSERT INTO households (uuid, commune_id, name, name_fold, created_at) VALUES ('x', 1, 'Hộ Ma', 'ho ma', 'now')", "hộ"),
        ("a household's standing changed", "UPDATE household_status SET status = 'ngheo' WHERE status = 'kho_khan'", "diện hộ theo năm"),
        ("a work-log day edited", "UPDATE repair_worklog SET workdays = workdays + 10", "nhật ký thi công"),
        ("a project reopened", "UPDATE repair_projects SET status = 'active', end_date = NULL", "công trình"),
        ("a hamlet renamed", "UPDATE hamlets SET name = 'Ấp Khác'", "ấp"),
        ("a merge undone", "UPDATE communes SET valid_to = NULL, became_part_of = NULL WHERE became_part_of IS NOT NULL", "xã/thị trấn"),
        ("the printed office changed", "UPDATE settings SET value = 'ỦY BAN NHÂN DÂN XÃ KHÁC' WHERE key = 'office.issuing_body'", "thông tin đơn vị"),
        ("a destination's usual km changed", "UPDATE destinations SET default_distance = 1000", "nơi đến"),
        ("a driver renamed", "UPDATE drivers SET name = 'Tài Xế Khác'", "tài xế"),
        ("a vehicle's plate changed", "UPDATE vehicles SET plate = '67A-999.99'", "xe"),
    ];
    for (what, sql, table) in cases {
        let faults = tampered(&path, sql);
        assert!(
            faults
                .iter()
                .any(|f| f.contains(&format!("bảng {table} ("))),
            "{what}: check must name the table {table}; found {faults:?}"
        );
    }
}

#[test]
fn a_trip_number_missing_from_the_sequence_is_a_fault() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = full_book(dir.path());
    let faults = tampered(&path, "DELETE FROM trips WHERE number = 'CX-2026-0002'");
    assert!(
        faults
            .iter()
            .any(|f| f.contains("CX-2026") && f.contains("chỗ trống")),
        "{faults:?}"
    );
    let faults = tampered(
        &path,
        "DELETE FROM repair_worklog; DELETE FROM repair_projects;",
    );
    assert!(
        faults
            .iter()
            .any(|f| f.contains("CT-2026") && f.contains("đã bị xóa")),
        "{faults:?}"
    );
}

#[test]
fn the_digests_written_again_beside_an_edit_are_still_found() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = full_book(dir.path());
    // An editor who also "fixes" the stored digests to the edited table's new state still
    // cannot write the chain's entry: the newest entry vouches for the old state.
    let faults = tampered(
        &path,
        "UPDATE trips SET patient = 'Người Khác'; UPDATE audit_state SET digest = '00' || substr(digest, 3) WHERE tbl = 'trips';",
    );
    assert!(
        faults.iter().any(|f| f.contains("ngoài chương trình")),
        "{faults:?}"
    );
}

/// The heads of the backups in `folder`.
fn backup_heads(folder: &Path) -> Vec<KnownHead> {
    heads::in_backups(folder)
}

#[test]
fn the_newest_changes_cut_off_are_found_against_a_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut book, path) = book_on_disk(dir.path(), 2);
    let older = dir.path().join("cu.db");
    book.backup_to(&older).expect("older copy");
    safety_support::add_rounds(&mut book, 2);
    let usb = dir.path().join("usb");
    std::fs::create_dir(&usb).expect("usb");
    book.backup_into(&usb).expect("backup of 12/11");
    let newest = book.chain_head("").expect("head").expect("some").seq;
    drop(book);
    // The newest entries and their audit entries are cut off: the file is the older one.
    std::fs::copy(&older, &path).expect("cut off");
    for s in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(safety_support::side(&path, s));
    }
    let book = open(&path);
    assert!(
        book.check().expect("check").ok(),
        "the book alone cannot tell"
    );
    let report = book.compare_heads(&backup_heads(&usb)).expect("compare");
    let head_now = book.chain_head("").expect("head").expect("some").seq;
    assert_eq!(report.faults.len(), 1, "{:?}", report.faults);
    assert!(
        report.faults[0].contains(&format!("thiếu {} thay đổi mới nhất", newest - head_now)),
        "{:?}",
        report.faults
    );
    assert!(report.faults[0].contains("bản sao lưu so-tinh-thuong-saoluu-"));
}

#[test]
fn a_history_written_again_is_found_against_the_windows_head() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut book, path) = book_on_disk(dir.path(), 2);
    let older = dir.path().join("cu.db");
    book.backup_to(&older).expect("older copy");
    safety_support::add_rounds(&mut book, 1);
    let heads_file = dir.path().join("config").join("heads.json");
    let head = book.chain_head("cửa sổ").expect("head").expect("some");
    heads::remember(&heads_file, &head).expect("remember");
    drop(book);
    // Another history from the older copy: as many entries, other amounts.
    std::fs::copy(&older, &path).expect("older");
    for s in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(safety_support::side(&path, s));
    }
    let mut book = open(&path);
    for _ in 0..4 {
        safety_support::try_round(&mut book).expect("other entries");
    }
    assert!(
        book.check().expect("check").ok(),
        "the book alone cannot tell"
    );
    let report = book
        .compare_heads(&heads::load(&heads_file))
        .expect("compare");
    assert!(
        report
            .faults
            .iter()
            .any(|f| f.contains("tính lại chuỗi") && f.contains("cửa sổ")),
        "{:?}",
        report.faults
    );
}

#[test]
fn heads_older_than_a_restore_are_passed_over() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut book, path) = book_on_disk(dir.path(), 2);
    let usb = dir.path().join("usb");
    std::fs::create_dir(&usb).expect("usb");
    let older = usb.join("cu.db");
    book.backup_to(&older).expect("older");
    safety_support::add_rounds(&mut book, 1);
    book.backup_into(&usb).expect("newer backup");
    drop(book);
    let later = now() + chrono::Duration::minutes(5);
    sotinhthuong::restore::restore(&older, &path, Source::Test, later).expect("restore");
    let book = open(&path);
    let report = book.compare_heads(&backup_heads(&usb)).expect("compare");
    assert!(report.faults.is_empty(), "{:?}", report.faults);
    assert_eq!(
        report.before_restore, 1,
        "the newer backup predates the restore"
    );
}
