//! Windows paths and habits, through the core API: a book in a folder named with Vietnamese
//! letters and spaces, a backup to a USB stick by its drive letter (`E:\`), a path too long for
//! Windows, a file another program holds open (Excel on last month's export, a copy program on a
//! backup), and reports that Excel opens with their Vietnamese intact.
//!
//! The tests that need Windows itself (drive letters, `MAX_PATH`, sharing violations) are
//! compiled for Windows only; scripts/test-windows.sh runs them under wine, and the forge's
//! Windows job on a real Windows.

mod safety_support;

use safety_support::{book_on_disk, now, open};
#[cfg(windows)]
use safety_support::{bytes, files_in};
use sotinhthuong::backup;
use sotinhthuong::report::{self, Format, ReportName, ReportRequest};
use sotinhthuong::Source;
use std::path::Path;

fn monthly(commune: &str, month: &str) -> ReportRequest {
    ReportRequest {
        name: ReportName::parse("monthly").expect("monthly"),
        commune: Some(commune.into()),
        all: false,
        month: Some(month.into()),
        period: None,
        program: None,
        asset: None,
        project: None,
        voucher: None,
    }
}

#[test]
fn a_book_in_a_folder_of_vietnamese_letters_and_spaces_keeps_its_entries_and_backups() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir
        .path()
        .join("Sổ sách xã Phú Hữu")
        .join("Năm 2026 – bản chính");
    std::fs::create_dir_all(&folder).expect("folder");
    let (book, path) = book_on_disk(&folder, 3);
    let fingerprint = sotinhthuong::audit::fingerprint(book.connection()).expect("fingerprint");
    let usb = dir.path().join("USB của xã").join("Sao lưu tháng 11");
    std::fs::create_dir_all(&usb).expect("usb");
    let (made, verified) = book.backup_into(&usb).expect("backup");
    assert_eq!(verified.fingerprint, fingerprint);
    drop(book);

    let again = open(&path);
    assert_eq!(
        sotinhthuong::audit::fingerprint(again.connection()).expect("fingerprint"),
        fingerprint,
        "the book reopens at its Vietnamese path with every entry"
    );
    assert!(again.check().expect("check").ok());
    let listed = backup::list(&usb).expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].name, made.name);
    assert_eq!(Path::new(&listed[0].path), usb.join(&made.name));
    assert_eq!(
        backup::verify_file(Path::new(&listed[0].path))
            .expect("verify")
            .fingerprint,
        fingerprint,
        "the backup is read back through its Vietnamese path"
    );
    drop(again);

    // Restored into another Vietnamese folder, beside a book of that name already there.
    let other = dir.path().join("Máy chị Lan").join("sổ tình thương.db");
    std::fs::create_dir_all(other.parent().expect("parent")).expect("folder");
    drop(open(&other));
    let restored =
        sotinhthuong::restore::restore(&usb.join(&made.name), &other, Source::Test, now())
            .expect("restore");
    assert_eq!(restored.verified.movements, verified.movements);
    assert!(
        restored.set_aside.is_some(),
        "the replaced book is kept aside"
    );
    assert!(open(&other).check().expect("check").ok());
}

#[test]
fn a_backup_folder_is_shown_as_the_clerk_typed_it_not_as_a_verbatim_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir
        .path()
        .join("Tài liệu")
        .join("Sổ Tình Thương")
        .join("Sao lưu");
    let prepared = backup::prepare_folder(&folder, None).expect("prepare");
    let shown = prepared.display().to_string();
    assert!(!shown.starts_with(r"\\?\"), "{shown}");
    assert!(shown.ends_with("Sao lưu"), "{shown}");
    assert!(prepared.is_dir());
}

#[test]
fn a_report_saved_in_a_vietnamese_folder_opens_in_excel_with_its_letters() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = tempfile::tempdir().expect("tempdir");
    let (book, _) = book_on_disk(dir.path(), 3);
    let folder = dir.path().join("Báo cáo gửi huyện");
    std::fs::create_dir_all(&folder).expect("folder");
    let built = report::build(&book, &monthly("Phú Hữu", "2026-09"), now()).expect("report");

    let csv_path = folder.join("Tổng hợp tháng 09-2026 Phú Hữu.csv");
    std::fs::write(&csv_path, report::render(&built, Format::Csv).expect("csv")).expect("write");
    let csv = std::fs::read(&csv_path).expect("read");
    assert!(
        csv.starts_with(&[0xEF, 0xBB, 0xBF]),
        "UTF-8 with a byte-order mark: Excel on Windows reads the diacritics only so"
    );
    let text = String::from_utf8(csv[3..].to_vec()).expect("UTF-8");
    assert!(text.contains("\r\n"), "Windows line ends");
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "no bare line feed"
    );
    assert!(text.contains("Phú Hữu"), "{text}");
    use unicode_normalization::UnicodeNormalization;
    assert_eq!(
        text.nfc().collect::<String>(),
        text,
        "precomposed letters, as Windows keyboards type them"
    );

    let xlsx_path = folder.join("Tổng hợp tháng 09-2026 Phú Hữu.xlsx");
    std::fs::write(
        &xlsx_path,
        report::render(&built, Format::Xlsx).expect("xlsx"),
    )
    .expect("write");
    let mut workbook: Xlsx<_> = open_workbook(&xlsx_path).expect("an xlsx workbook");
    let sheet = workbook.sheet_names()[0].clone();
    let range = workbook.worksheet_range(&sheet).expect("sheet");
    let strings: Vec<String> = range
        .cells()
        .filter_map(|(_, _, c)| match c {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(
        strings.iter().any(|s| s.contains("Phú Hữu")),
        "the commune's name, with its diacritics, in a cell: {strings:?}"
    );
    assert!(strings.iter().all(|s| s.nfc().collect::<String>() == *s));
}

/// A drive letter of our own, as a USB stick gets one, at the root of an empty folder while the
/// guard lives: `subst X: folder` on Windows, on the first free letter from W: back. Under wine,
/// whose subst.exe answers 0 and maps nothing, scripts/test-windows.sh maps the letter named in
/// `SOTINHTHUONG_TEST_DRIVE` to an empty folder instead.
#[cfg(windows)]
struct Drive {
    letter: String,
    substituted: bool,
    _folder: tempfile::TempDir,
}

#[cfg(windows)]
impl Drive {
    fn new() -> Drive {
        let folder = tempfile::tempdir().expect("tempdir");
        if cfg!(wine) {
            let letter = std::env::var("SOTINHTHUONG_TEST_DRIVE").expect(
                "SOTINHTHUONG_TEST_DRIVE: a drive letter mapped by scripts/test-windows.sh",
            );
            assert!(
                Path::new(&format!(r"{letter}\")).is_dir(),
                "{letter} is not mapped"
            );
            return Drive {
                letter,
                substituted: false,
                _folder: folder,
            };
        }
        for letter in ('M'..='W').rev() {
            let letter = format!("{letter}:");
            if Path::new(&format!(r"{letter}\")).exists() {
                continue;
            }
            let made = std::process::Command::new("subst")
                .arg(&letter)
                .arg(folder.path())
                .status()
                .expect("subst");
            if made.success() && Path::new(&format!(r"{letter}\")).is_dir() {
                return Drive {
                    letter,
                    substituted: true,
                    _folder: folder,
                };
            }
        }
        panic!("no free drive letter for subst");
    }

    fn root(&self) -> std::path::PathBuf {
        std::path::PathBuf::from(format!(r"{}\", self.letter))
    }
}

#[cfg(windows)]
impl Drop for Drive {
    fn drop(&mut self) {
        if self.substituted {
            let _ = std::process::Command::new("subst")
                .args([&self.letter, "/D"])
                .status();
        }
    }
}

#[cfg(windows)]
#[test]
fn a_backup_to_a_usb_stick_by_its_drive_letter_lands_at_its_root() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (book, _) = book_on_disk(dir.path(), 2);
    let drive = Drive::new();
    let root = drive.root();
    assert!(files_in(&root).is_empty(), "the stick starts empty");
    let prepared = backup::prepare_folder(&root, Some(dir.path())).expect("the stick's root");
    let (made, verified) = book.backup_into(&prepared).expect("backup to the stick");
    assert!(verified.movements > 0);
    assert_eq!(
        files_in(&root),
        std::slice::from_ref(&made.name),
        "one file at the stick's root"
    );
    let listed = backup::list(&root).expect("list the stick");
    assert_eq!(listed.len(), 1);
    assert_eq!(
        backup::verify_file(&root.join(&made.name))
            .expect("verify")
            .fingerprint,
        verified.fingerprint
    );
}

#[cfg(windows)]
#[test]
fn a_book_path_too_long_for_windows_is_refused_before_anything_is_written() {
    use sotinhthuong::windows_fs::MAX_BOOK_PATH;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut deep = dir.path().to_path_buf();
    while deep.as_os_str().len() < 300 {
        deep.push("thư mục con của xã Phú Hữu");
    }
    let path = deep.join("so-tinh-thuong.db");
    match sotinhthuong::Book::open(&path, Source::Test) {
        Err(e) => {
            assert_eq!(e.code(), "path_too_long", "{e}");
            let text = e.to_string();
            assert!(text.contains("Đường dẫn quá dài cho Windows"), "{text}");
            assert!(text.contains(&MAX_BOOK_PATH.to_string()), "{text}");
        }
        Ok(_) => panic!("a book past MAX_PATH was opened"),
    }
    assert!(!deep.exists(), "not even its folder was made");

    // A backup whose name would pass the limit in a folder that is itself fine.
    let (book, _) = book_on_disk(dir.path(), 1);
    let mut folder = dir.path().join("USB");
    while sotinhthuong::windows_fs::windows_length(&folder) < MAX_BOOK_PATH - 20 {
        folder.push("Sao lưu");
    }
    std::fs::create_dir_all(&folder).expect("folder");
    let err = book
        .backup_into(&folder)
        .expect_err("a backup past MAX_PATH");
    assert_eq!(err.code(), "path_too_long", "{err}");
    assert!(files_in(&folder).is_empty(), "nothing was written");
}

/// Opens `path` as Excel holds a workbook it shows: others may read it, not write or delete it.
#[cfg(windows)]
fn hold_like_excel(path: &Path) -> std::fs::File {
    use std::os::windows::fs::OpenOptionsExt;
    const FILE_SHARE_READ: u32 = 1;
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .share_mode(FILE_SHARE_READ)
        .open(path)
        .expect("hold the file")
}

#[cfg(windows)]
#[test]
fn a_file_held_open_by_another_program_is_named_and_left_whole() {
    use sotinhthuong::windows_fs::replace_error;
    let dir = tempfile::tempdir().expect("tempdir");
    let held = dir.path().join("Báo cáo tháng 10.xlsx");
    std::fs::write(&held, b"last month").expect("write");
    let excel = hold_like_excel(&held);

    // Written in place, as a program that does not go through a temporary file would.
    let written = std::fs::write(&held, b"this month").expect_err("Windows refuses");
    let err = sotinhthuong::Error::io(&held, written);
    assert_eq!(err.code(), "file_in_use", "{err}");
    assert!(
        err.to_string()
            .contains("đang được mở trong chương trình khác"),
        "{err}"
    );
    assert!(err.to_string().contains("Báo cáo tháng 10.xlsx"), "{err}");

    // Replaced by renaming a finished copy over it: Windows says "access denied", and the clerk
    // must still learn that the file is open elsewhere, not that the folder is read-only.
    let tmp = dir.path().join("Báo cáo tháng 10.xlsx.tmp");
    std::fs::write(&tmp, b"this month").expect("write tmp");
    let renamed = std::fs::rename(&tmp, &held).expect_err("Windows refuses");
    let err = replace_error(&held, renamed);
    assert_eq!(err.code(), "file_in_use", "{err}");
    drop(excel);
    assert_eq!(bytes(&held), b"last month", "the held file is whole");
}

#[cfg(windows)]
#[test]
fn todays_backup_held_by_a_copy_program_is_answered_and_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut book, _) = book_on_disk(dir.path(), 2);
    let folder = dir.path().join("Sao lưu");
    let (first, written) = book.backup_daily(&folder).expect("first backup");
    assert!(written);
    let before = bytes(Path::new(&first.path));
    safety_support::add_rounds(&mut book, 1);
    let copying = hold_like_excel(Path::new(&first.path));
    let err = book
        .backup_daily(&folder)
        .expect_err("the held backup cannot be replaced");
    assert_eq!(err.code(), "file_in_use", "{err}");
    drop(copying);
    assert_eq!(
        bytes(Path::new(&first.path)),
        before,
        "the held backup is whole"
    );
    assert_eq!(
        files_in(&folder),
        std::slice::from_ref(&first.name),
        "no temporary copy is left beside it"
    );
    let (_, written) = book.backup_daily(&folder).expect("once it is let go");
    assert!(written);
}
