//! What Windows asks of the files the books live in, beyond what `std` already answers.
//!
//! - **Paths too long.** `std` writes any path on Windows (it adds `\\?\` itself), but SQLite's
//!   Windows layer passes the path to `CreateFileW` as it is, so a book or backup whose path
//!   passes `MAX_PATH` (260 UTF-16 units with the final NUL) cannot be opened there, and its
//!   `-journal`, `-wal` or `-shm` beside it even less. Such a path is refused up front with
//!   [`Error::PathTooLong`] rather than met later as SQLite's "unable to open database file".
//! - **Files held open.** Excel keeps the workbook it shows locked; replacing or writing it
//!   fails with a sharing violation (Windows error 32 or 33), or, for a rename over it, with
//!   "access denied" (5), which would otherwise read as a read-only folder.
//!
//! The checks are compiled everywhere (the tests of the rules run on Linux too) and enforced on
//! Windows only: other systems have no such limit and report held files differently.

use crate::error::{Error, Result};
use std::path::Path;

/// The longest path Windows opens without long-path support: `MAX_PATH` less the final NUL.
pub const MAX_PATH_CHARS: usize = 259;

/// The longest name SQLite adds beside a database file (`-journal`).
const SQLITE_SUFFIX: usize = "-journal".len();

/// The longest path of a book or a backup: SQLite must still open its journal beside it.
pub const MAX_BOOK_PATH: usize = MAX_PATH_CHARS - SQLITE_SUFFIX;

/// The length of `path` as Windows counts it: UTF-16 units of the absolute path (a Vietnamese
/// letter is one unit, whatever its UTF-8 length).
pub fn windows_length(path: &Path) -> usize {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    absolute
        .as_os_str()
        .to_string_lossy()
        .encode_utf16()
        .count()
}

/// Refuses, on Windows, a path SQLite could not open a database at (see the module docs);
/// `shown` is the path the user chose, when `path` is a temporary name beside it.
pub fn check_sqlite_path(path: &Path, shown: &Path) -> Result<()> {
    if !cfg!(windows) {
        return Ok(());
    }
    let len = windows_length(path);
    if len > MAX_BOOK_PATH {
        return Err(Error::PathTooLong {
            path: shown.display().to_string(),
            // why: the clerk can only shorten what they chose; the temporary name's extra
            // characters come off the limit instead.
            len: windows_length(shown),
            max: MAX_BOOK_PATH.saturating_sub(len.saturating_sub(windows_length(shown))),
        });
    }
    Ok(())
}

/// `path` without the `\\?\` prefix that `canonicalize` puts before every path on Windows
/// (`\\?\E:\Sao lưu` → `E:\Sao lưu`, `\\?\UNC\server\share` → `\\server\share`), so
/// that the clerk reads the folder as Explorer shows it; kept when the plain form would pass
/// `MAX_PATH`, where only the prefixed one can be opened.
pub fn plain_path(path: std::path::PathBuf) -> std::path::PathBuf {
    let plain = {
        let text = path.to_string_lossy();
        let rest = text.strip_prefix(r"\\?\");
        let drive = |r: &str| {
            let b = r.as_bytes();
            b.len() >= 3 && b[0].is_ascii_alphabetic() && &b[1..3] == br":\"
        };
        match rest {
            Some(r) if r.starts_with(r"UNC\") => Some(format!(r"\\{}", &r[4..])),
            Some(r) if drive(r) => Some(r.to_string()),
            _ => None,
        }
        .filter(|p| p.encode_utf16().count() <= MAX_PATH_CHARS && !p.contains('\u{fffd}'))
    };
    plain.map(std::path::PathBuf::from).unwrap_or(path)
}

/// Windows' answer when another program holds the file: ERROR_SHARING_VIOLATION (32) or
/// ERROR_LOCK_VIOLATION (33).
pub fn held_by_another_program(err: &std::io::Error) -> bool {
    cfg!(windows) && matches!(err.raw_os_error(), Some(32 | 33))
}

/// Windows' answer to a name or path over its limits: ERROR_FILENAME_EXCED_RANGE (206).
pub fn name_too_long(err: &std::io::Error) -> bool {
    cfg!(windows) && err.raw_os_error() == Some(206)
}

/// The error of replacing `target` (a rename over it, or writing it): where Windows answered
/// "access denied" but the file itself is held by another program, that is what the clerk is
/// told ("close it in Excel"), not that the folder is read-only.
pub fn replace_error(target: &Path, err: std::io::Error) -> Error {
    if cfg!(windows) && err.kind() == std::io::ErrorKind::PermissionDenied && target.is_file() {
        // why: opening the file to append answers with the sharing violation itself when
        // another program holds it, and changes nothing (zero bytes are written).
        if let Err(probe) = std::fs::OpenOptions::new().append(true).open(target) {
            if held_by_another_program(&probe) {
                return Error::FileInUse {
                    path: target.display().to_string(),
                };
            }
        }
    }
    Error::io(target, err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vietnamese_letter_counts_as_one_windows_character() {
        let here = windows_length(Path::new("a"));
        assert_eq!(windows_length(Path::new("ố")), here);
        assert_eq!(windows_length(Path::new("Sổ Tình Thương.db")), here + 16);
    }

    #[test]
    fn a_book_path_leaves_room_for_sqlites_journal() {
        assert_eq!(MAX_BOOK_PATH + "-journal".len(), MAX_PATH_CHARS);
    }

    #[test]
    fn a_long_path_is_refused_on_windows_only() {
        let long = Path::new("thư mục").join("x".repeat(300)).join("so.db");
        let result = check_sqlite_path(&long, &long);
        if cfg!(windows) {
            match result {
                Err(Error::PathTooLong { len, max, .. }) => {
                    assert!(len > 300, "{len}");
                    assert_eq!(max, MAX_BOOK_PATH);
                }
                other => panic!("{other:?}"),
            }
        } else {
            assert!(result.is_ok(), "{result:?}");
        }
    }

    #[test]
    fn a_temporary_name_beside_the_chosen_file_lowers_the_limit_told_to_the_clerk() {
        let chosen = Path::new("y".repeat(230).as_str()).join("so.db");
        let tmp = Path::new("y".repeat(230).as_str()).join("so.db.dang-ghi-1234-1.tmp");
        match check_sqlite_path(&tmp, &chosen) {
            Err(Error::PathTooLong { len, max, .. }) => {
                assert_eq!(len, windows_length(&chosen));
                assert_eq!(max, MAX_BOOK_PATH - ".dang-ghi-1234-1.tmp".len());
            }
            Ok(()) if !cfg!(windows) => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_verbatim_windows_path_is_shown_as_explorer_shows_it() {
        use std::path::PathBuf;
        let plain = |p: &str| plain_path(PathBuf::from(p)).to_string_lossy().into_owned();
        assert_eq!(plain(r"\\?\E:\Sao lưu"), r"E:\Sao lưu");
        assert_eq!(plain(r"\\?\E:\"), r"E:\");
        assert_eq!(
            plain(r"\\?\UNC\may-chu\chia sẻ\Sổ"),
            r"\\may-chu\chia sẻ\Sổ"
        );
        assert_eq!(plain(r"\\?\Volume{1234}\x"), r"\\?\Volume{1234}\x");
        assert_eq!(plain("/home/lan/Sao lưu"), "/home/lan/Sao lưu");
        let long = format!(r"\\?\C:\{}", "d".repeat(300));
        assert_eq!(
            plain(&long),
            long,
            "only the prefixed form opens past MAX_PATH"
        );
    }

    #[test]
    fn the_windows_codes_of_a_held_file_mean_in_use_on_windows_only() {
        let sharing = std::io::Error::from_raw_os_error(32);
        let lock = std::io::Error::from_raw_os_error(33);
        let denied = std::io::Error::from_raw_os_error(5);
        assert_eq!(held_by_another_program(&sharing), cfg!(windows));
        assert_eq!(held_by_another_program(&lock), cfg!(windows));
        assert!(!held_by_another_program(&denied));
        let err = Error::io(Path::new("báo cáo.xlsx"), sharing);
        assert_eq!(
            err.code(),
            if cfg!(windows) {
                "file_in_use"
            } else {
                "storage"
            }
        );
    }
}
