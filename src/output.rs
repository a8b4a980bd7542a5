//! Files the program writes besides the book: reports, exports, PDFs, and whatever later features
//! save for the user. Two promises, kept here for every writer:
//!
//! - **No output can hit a book.** A target that is, or resolves to (by a symbolic link, a hard
//!   link, `..` or another spelling), the open book, its `-wal`/`-shm`/`-journal`, a backup, a
//!   book set aside by a restore, or any other SQLite file is refused before anything is written.
//!   A folder, a missing folder, and a dangling link are refused too.
//! - **A file lands whole or not at all.** Bytes go to a temporary file in the target's folder,
//!   which is synced and then renamed over the target; a write that fails (a full disk, a USB
//!   stick pulled out, a file held open by Excel) leaves the old file as it was and no temporary
//!   file behind.
//!
//! A link is followed: the real file it points to receives the output and the link stays a link.

use crate::error::{Error, Result};
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The magic header of a SQLite database file.
pub const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// SQLite's side files of a database `X`: `X-wal`, `X-shm`, `X-journal`.
pub const SIDE_SUFFIXES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Where an output is allowed to go, once checked: the real file it will replace or create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The path as the user gave it (for messages).
    pub given: PathBuf,
    /// The file that will be written: the link's target, in a folder that exists.
    pub real: PathBuf,
}

/// Checks that `target` may receive an output; `books` are the books this process has open (the
/// window's book, the CLI's `--db`), whose side files are protected too even when they do not
/// exist yet. See the module docs for what is refused.
pub fn check_target(target: &Path, books: &[&Path]) -> Result<Target> {
    let shown = target.display().to_string();
    let protected = |what: &str| Error::ProtectedFile {
        path: shown.clone(),
        what: what.to_string(),
    };
    let name = match target.file_name() {
        Some(n) if !target.as_os_str().is_empty() => n.to_os_string(),
        _ => {
            return Err(Error::UnsuitableFolder {
                folder: shown.clone(),
                reason: "chưa có tên tệp".into(),
            })
        }
    };
    let link = fs::symlink_metadata(target).ok();
    let real = match &link {
        Some(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(target).map_err(|_| protected("liên kết trỏ tới tệp không có"))?
        }
        _ => {
            let folder = match target.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            let folder = fs::canonicalize(folder).map_err(|_| Error::UnsuitableFolder {
                folder: folder.display().to_string(),
                reason: "thư mục không tồn tại (USB đã rút?)".into(),
            })?;
            folder.join(name)
        }
    };
    if real.is_dir() {
        return Err(protected("thư mục"));
    }
    for book in books {
        for suffix in std::iter::once("").chain(SIDE_SUFFIXES) {
            let side = with_suffix(book, suffix);
            if same_place(&real, &side) {
                return Err(protected(if suffix.is_empty() {
                    "sổ đang mở"
                } else {
                    "tệp đi kèm của sổ đang mở"
                }));
            }
        }
    }
    if let Some(kind) = sqlite_kind(&real) {
        return Err(protected(kind));
    }
    let real_name = real.file_name().map(|n| n.to_string_lossy().into_owned());
    if let Some(name) = real_name {
        for suffix in SIDE_SUFFIXES {
            if let Some(base) = name.strip_suffix(suffix) {
                if sqlite_kind(&real.with_file_name(base)).is_some() {
                    return Err(protected("tệp đi kèm của một sổ SQLite"));
                }
            }
        }
    }
    Ok(Target {
        given: target.to_path_buf(),
        real,
    })
}

/// Writes `bytes` to `target` as the module promises; returns the file written.
pub fn write(target: &Path, books: &[&Path], bytes: &[u8]) -> Result<PathBuf> {
    let mut out = OutputFile::create(target, books)?;
    out.write_all(bytes)
        .map_err(|e| Error::io(&out.target.real, e))?;
    out.commit()
}

/// An output being written: a temporary file beside the target, renamed over it by
/// [`OutputFile::commit`]. Dropped without a commit, it removes the temporary file.
pub struct OutputFile {
    target: Target,
    tmp: PathBuf,
    file: Option<std::io::BufWriter<fs::File>>,
}

impl OutputFile {
    /// Checks `target` (see [`check_target`]) and opens the temporary file.
    pub fn create(target: &Path, books: &[&Path]) -> Result<OutputFile> {
        let target = check_target(target, books)?;
        let tmp = temporary_beside(&target.real, "dang-ghi");
        let file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(|e| Error::io(&target.real, e))?;
        Ok(OutputFile {
            target,
            tmp,
            file: Some(std::io::BufWriter::new(file)),
        })
    }

    /// The file that the commit will replace or create.
    pub fn target(&self) -> &Target {
        &self.target
    }

    /// Syncs the bytes written and renames them over the target; returns the file written.
    pub fn commit(mut self) -> Result<PathBuf> {
        let real = self.target.real.clone();
        let file = self.file.take();
        let result = (|| -> Result<()> {
            let file = file
                .ok_or_else(|| Error::Storage("tệp tạm đã đóng".into()))?
                .into_inner()
                .map_err(|e| Error::io(&real, e.into_error()))?;
            file.sync_all().map_err(|e| Error::io(&real, e))?;
            drop(file);
            rename_into_place(&self.tmp, &self.target)
        })();
        match result {
            Ok(()) => Ok(real),
            Err(e) => {
                let _ = fs::remove_file(&self.tmp);
                Err(e)
            }
        }
    }
}

/// Puts `written`, a complete file another writer made (a print engine's PDF), in place of
/// `target` as [`OutputFile::commit`] does: the target is checked again, the file synced and
/// renamed over it. `written` must be in the target's folder (see [`temporary_beside`]).
pub fn place(written: &Path, target: &Path, books: &[&Path]) -> Result<PathBuf> {
    let checked = check_target(target, books)?;
    fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(written)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(written, e))?;
    rename_into_place(written, &checked)?;
    Ok(checked.real)
}

fn rename_into_place(tmp: &Path, target: &Target) -> Result<()> {
    // why: the target may have turned into a book or backup since it was checked (a backup
    // written into the same folder meanwhile); check again just before replacing it.
    if let Some(what) = sqlite_kind(&target.real) {
        return Err(Error::ProtectedFile {
            path: target.given.display().to_string(),
            what: what.into(),
        });
    }
    fs::rename(tmp, &target.real).map_err(|e| rename_error(&target.real, e))?;
    sync_folder(&target.real);
    Ok(())
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.file.as_mut() {
            Some(f) => f.write(buf),
            None => Err(std::io::Error::other("tệp tạm đã đóng")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.file.as_mut() {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for OutputFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// `path` with `suffix` appended to its file name (`so.db` + `-wal` = `so.db-wal`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// A temporary name beside `target`, unique to this process and call:
/// `<name>.<tag>-<pid>-<n>.tmp`.
pub fn temporary_beside(target: &Path, tag: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!("{name}.{tag}-{}-{n}.tmp", std::process::id()))
}

/// True when `a` and `b` name the same file: the same path once resolved, or (for files that
/// exist) the same file on disk, so a hard link or another spelling of the path is caught.
pub fn same_place(a: &Path, b: &Path) -> bool {
    if let (Ok(x), Ok(y)) = (
        same_file::Handle::from_path(a),
        same_file::Handle::from_path(b),
    ) {
        return x == y;
    }
    let resolve = |p: &Path| -> Option<PathBuf> {
        fs::canonicalize(p).ok().or_else(|| {
            let parent = match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            Some(fs::canonicalize(parent).ok()?.join(p.file_name()?))
        })
    };
    match (resolve(a), resolve(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// What kind of SQLite file `path` is, in words for the refusal; None when it is not one (or
/// does not exist).
pub fn sqlite_kind(path: &Path) -> Option<&'static str> {
    let mut head = [0u8; 16];
    let mut f = fs::File::open(path).ok()?;
    let n = read_up_to(&mut f, &mut head);
    if n == 16 && &head == SQLITE_MAGIC {
        return Some("tệp SQLite (sổ, bản sao lưu hoặc sổ đã thay thế)");
    }
    // why: a -wal starts with its own magic number (0x377f0682 or 0x377f0683).
    if n >= 4 && head[..3] == [0x37, 0x7f, 0x06] && (head[3] == 0x82 || head[3] == 0x83) {
        return Some("tệp nhật ký WAL của một sổ SQLite");
    }
    None
}

fn read_up_to(f: &mut fs::File, buf: &mut [u8]) -> usize {
    let mut filled = 0;
    while filled < buf.len() {
        match f.read(&mut buf[filled..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => filled += n,
        }
    }
    filled
}

/// A rename over `target` that failed: a file held open by another program on Windows is
/// named as such, everything else as the disk error it is.
fn rename_error(target: &Path, e: std::io::Error) -> Error {
    // why: Windows refuses to replace a file another program holds open (Excel keeps last
    // month's export locked): ERROR_SHARING_VIOLATION (32), ERROR_LOCK_VIOLATION (33), and
    // ERROR_ACCESS_DENIED (5) for a file mapped by another process.
    if cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33 | 5)) && target.exists() {
        return Error::FileInUse {
            path: target.display().to_string(),
        };
    }
    Error::io(target, e)
}

/// Makes a rename in `file`'s folder durable (POSIX); a no-op where folders cannot be synced.
pub fn sync_folder(file: &Path) {
    #[cfg(unix)]
    if let Some(folder) = file.parent() {
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        if let Ok(f) = fs::File::open(folder) {
            let _ = f.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = file;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite_file(path: &Path) {
        let conn = rusqlite::Connection::open(path).expect("open");
        conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            .expect("write");
    }

    #[test]
    fn a_report_over_a_sqlite_file_is_refused_and_the_file_kept() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("khac.db");
        sqlite_file(&db);
        let before = fs::read(&db).expect("read");
        let err = write(&db, &[], b"<html>").err().map(|e| e.code());
        assert_eq!(err, Some("protected_file"));
        assert_eq!(fs::read(&db).expect("read"), before);
        assert_eq!(
            fs::read_dir(dir.path()).expect("ls").count(),
            1,
            "no temp left"
        );
    }

    #[test]
    fn the_open_books_side_files_are_protected_even_when_missing() {
        let dir = tempfile::tempdir().expect("dir");
        let book = dir.path().join("so.db");
        for target in ["so.db", "so.db-wal", "so.db-shm", "so.db-journal"] {
            let err = check_target(&dir.path().join(target), &[&book])
                .err()
                .map(|e| e.code());
            assert_eq!(err, Some("protected_file"), "{target}");
        }
        let other = dir.path().join("bao-cao.html");
        assert!(check_target(&other, &[&book]).is_ok());
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_as_it_was() {
        let dir = tempfile::tempdir().expect("dir");
        let target = dir.path().join("thang-10.csv");
        fs::write(&target, "cũ").expect("old");
        {
            let mut out = OutputFile::create(&target, &[]).expect("create");
            out.write_all(b"half of the new").expect("write");
            // dropped without commit: the power went, the export failed half-way
        }
        assert_eq!(fs::read_to_string(&target).expect("read"), "cũ");
        assert_eq!(
            fs::read_dir(dir.path()).expect("ls").count(),
            1,
            "no temp left"
        );
        write(&target, &[], "mới".as_bytes()).expect("write");
        assert_eq!(fs::read_to_string(&target).expect("read"), "mới");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_the_book_is_refused_and_a_link_to_a_report_is_followed() {
        let dir = tempfile::tempdir().expect("dir");
        let book = dir.path().join("so.db");
        sqlite_file(&book);
        let hard = dir.path().join("hard.html");
        fs::hard_link(&book, &hard).expect("hard link");
        let soft = dir.path().join("soft.html");
        std::os::unix::fs::symlink(&book, &soft).expect("symlink");
        for t in [&hard, &soft] {
            assert_eq!(
                check_target(t, &[&book]).err().map(|e| e.code()),
                Some("protected_file"),
                "{}",
                t.display()
            );
        }
        let report = dir.path().join("report.html");
        fs::write(&report, "old").expect("report");
        let link = dir.path().join("latest.html");
        std::os::unix::fs::symlink(&report, &link).expect("symlink");
        write(&link, &[&book], b"new").expect("through the link");
        assert_eq!(fs::read_to_string(&report).expect("read"), "new");
        assert!(fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink());
        let dangling = dir.path().join("dangling.html");
        std::os::unix::fs::symlink(dir.path().join("gone.html"), &dangling).expect("symlink");
        assert_eq!(
            check_target(&dangling, &[]).err().map(|e| e.code()),
            Some("protected_file")
        );
    }

    #[test]
    fn a_missing_folder_or_a_folder_as_target_is_refused() {
        let dir = tempfile::tempdir().expect("dir");
        assert_eq!(
            check_target(&dir.path().join("gone").join("x.html"), &[])
                .err()
                .map(|e| e.code()),
            Some("unsuitable_folder")
        );
        assert_eq!(
            check_target(dir.path(), &[]).err().map(|e| e.code()),
            Some("protected_file")
        );
    }
}
