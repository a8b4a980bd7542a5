//! The command-line tool on Windows: its default backup folder is in the Documents folder that
//! Windows itself names (the known-folder API, which follows a Documents folder redirected to
//! another drive or to OneDrive), not `%USERPROFILE%\Documents` made by hand; and a book path
//! with Vietnamese letters and spaces works as typed at the prompt.
#![cfg(windows)]

use assert_cmd::Command;
use std::path::Path;

fn cli(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("sotinhthuong-cli").expect("binary");
    cmd.env("SOTINHTHUONG_DB", db)
        .env_remove("SOTINHTHUONG_LANG")
        .env_remove("SOTINHTHUONG_BACKUP_DIR");
    cmd
}

#[test]
fn the_default_backup_folder_is_in_the_documents_folder_windows_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("so.db");
    cli(&db)
        .args(["init", "--preset", "none"])
        .assert()
        .success();
    let documents = dirs::document_dir().expect("Windows names a Documents folder");
    let default = documents.join("Sổ Tình Thương").join("Sao lưu");
    // why: a profile whose Documents moved (D:\, OneDrive) keeps %USERPROFILE%\Documents apart.
    let out = cli(&db)
        .env("USERPROFILE", dir.path())
        .env("HOME", dir.path())
        .args(["backups", "list"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        listed.contains(&default.display().to_string()),
        "the backups of {} are listed: {listed}",
        default.display()
    );
    assert!(
        !listed.contains(&dir.path().display().to_string()),
        "{listed}"
    );
}

#[test]
fn a_book_at_a_path_of_vietnamese_letters_and_spaces_works_from_the_prompt() {
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("Sổ sách xã Vĩnh Trường");
    std::fs::create_dir(&folder).expect("folder");
    let db = folder.join("sổ tình thương 2026.db");
    cli(&db)
        .args(["init", "--preset", "an-phu-2025"])
        .assert()
        .success();
    let communes = cli(&db).args(["commune", "list"]).output().expect("run");
    assert!(communes.status.success());
    let text = String::from_utf8(communes.stdout).expect("utf-8");
    assert!(text.lines().count() >= 5, "{text}");
    let usb = folder.join("Sao lưu ra USB");
    std::fs::create_dir(&usb).expect("usb");
    let made = cli(&db)
        .args(["backup", "--out"])
        .arg(&usb)
        .output()
        .expect("run");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let path = String::from_utf8(made.stdout).expect("utf-8");
    let path = path.lines().last().expect("the path is the last line");
    assert!(Path::new(path).is_file(), "{path}");
    assert!(path.contains("Sao lưu ra USB"), "{path}");
}
