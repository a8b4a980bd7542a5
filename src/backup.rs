//! Backups and restore: verified copies of the book, kept outside the app-data folder, and a
//! restore that checks a copy before it replaces anything.
//!
//! Copies are made with SQLite's online backup (a consistent snapshot even while the book is in
//! use) into a single self-contained file (rollback journal, no `-wal` beside it), so that a copy
//! on a USB stick or a network folder is one file that any installation can open.
//!
//! Invariants kept here:
//! - a backup appears under its final name only after it was written, synced and verified
//!   (SQLite integrity, our application id, a schema this program knows, foreign keys, the audit
//!   chain with the digests of the ledger rows): a crash, a full disk or a read-only folder
//!   mid-way leaves at most a `.tmp` file of ours, never a half backup under a real name, and
//!   never replaces an older good backup;
//! - restore never writes to the backup it reads: it copies it into the book's folder, opens and
//!   `check`s that copy (running migrations if the backup is older), records the restore in the
//!   copy's audit log, and only then moves the current book (with its `-wal`/`-shm`) aside under
//!   a timestamped name — never deleting it — and puts the copy in its place;
//! - rotation deletes only the automatic daily backups this module named
//!   (`<book>-saoluu-YYYY-MM-DD.db`) in the folder it is given, keeping the newest
//!   [`KEEP_DAILY`] and the newest of each of the last [`KEEP_MONTHLY`] months; backups made by
//!   hand (`<book>-saoluu-YYYY-MM-DD-HHMMSS.db`) and every other file are never touched;
//! - a file name meant for a chosen folder never leads outside it ([`file_in_folder`]).

use crate::audit;
use crate::book::{vietnam_offset, Book, Source};
use crate::error::{Error, Result};
use crate::storage;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

/// Automatic daily backups kept: the newest this many days that have one.
pub const KEEP_DAILY: usize = 30;
/// Months kept beyond that: the newest daily backup of each of the last this many months.
pub const KEEP_MONTHLY: usize = 12;
/// What separates the book's name from the date in a backup's file name.
pub const MARK: &str = "-saoluu-";
/// The name of the book's file stem when the book has no file (in memory).
const DEFAULT_STEM: &str = "so-tinh-thuong";

/// What a verified copy holds.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verified {
    /// `PRAGMA user_version` of the copy.
    pub schema_version: i64,
    /// Movements in the copy.
    pub movements: i64,
    /// Audit entries in the copy.
    pub audit_entries: i64,
    /// The copy's fingerprint (head of the audit chain), as printed on reports.
    pub fingerprint: String,
}

/// One backup file in a folder.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupFile {
    /// The full path, to restore from.
    pub path: String,
    /// The file name.
    pub name: String,
    /// The name of the book it was made from (its file name without extension).
    pub book: String,
    /// The day of an automatic daily backup; None for one made by hand.
    pub day: Option<NaiveDate>,
    /// When it was made, in Vietnam's time, as `yyyy-mm-dd hh:mm` (from its name, or the file's
    /// time when the name has none).
    pub made: String,
    /// Size in bytes.
    pub bytes: u64,
}

/// The folder for backups inside the user's Documents: `Documents/Sổ Tình Thương/Sao lưu`.
/// Outside the app-data folder on purpose: an uninstaller may delete that one.
pub fn default_folder(documents: &Path) -> PathBuf {
    documents.join("Sổ Tình Thương").join("Sao lưu")
}

/// The path of `name` inside `folder`, refusing any name that is not one plain file name there
/// (empty, `.`, `..`, a separator, a drive or stream colon, an absolute path, control characters).
pub fn file_in_folder(folder: &Path, name: &str) -> Result<PathBuf> {
    let refuse = || Error::PathOutsideFolder {
        name: name.to_string(),
        folder: folder.display().to_string(),
    };
    let trimmed = name.trim();
    if trimmed.is_empty()
        || trimmed != name
        || name
            .chars()
            .any(|c| c.is_control() || matches!(c, '/' | '\\' | ':'))
        || name.ends_with('.')
    {
        return Err(refuse());
    }
    let mut parts = Path::new(name).components();
    match (parts.next(), parts.next()) {
        (Some(Component::Normal(part)), None) if part == name => Ok(folder.join(name)),
        _ => Err(refuse()),
    }
}

/// Makes sure `folder` can hold backups: creates it, checks it is a folder that can be written,
/// and refuses one inside `app_data` (an uninstaller may delete that folder with the backups).
/// Returns the folder as an absolute path.
pub fn prepare_folder(folder: &Path, app_data: Option<&Path>) -> Result<PathBuf> {
    let unsuitable = |reason: &str| Error::UnsuitableFolder {
        folder: folder.display().to_string(),
        reason: reason.to_string(),
    };
    if folder.as_os_str().is_empty() {
        return Err(unsuitable("chưa chọn thư mục"));
    }
    if folder.exists() && !folder.is_dir() {
        return Err(unsuitable("đây là một tệp, không phải thư mục"));
    }
    fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
    let absolute = fs::canonicalize(folder).map_err(|e| Error::io(folder, e))?;
    let absolute = crate::windows_fs::plain_path(absolute);
    if let Some(data) = app_data.and_then(|d| fs::canonicalize(d).ok()) {
        if absolute.starts_with(&data) {
            return Err(unsuitable(
                "thư mục nằm trong thư mục dữ liệu của chương trình, sẽ bị xóa khi gỡ cài đặt; hãy chọn thư mục khác (ví dụ trong Tài liệu hoặc USB)",
            ));
        }
    }
    let probe = absolute.join(".saoluu-thu-ghi.tmp");
    fs::write(&probe, b"ok").map_err(|e| Error::io(&absolute, e))?;
    let _ = fs::remove_file(&probe);
    Ok(absolute)
}

/// The backups in `folder` (automatic and by hand, of any book), newest first. A folder that
/// does not exist has none.
pub fn list(folder: &Path) -> Result<Vec<BackupFile>> {
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(folder, e)),
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((book, stamp)) = parse_name(&name) else {
            continue;
        };
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let made = match &stamp {
            // why: a daily backup is rewritten on every close; its file time says when last.
            Stamp::Day(day) => meta
                .modified()
                .ok()
                .map(|t| DateTime::<Utc>::from(t).with_timezone(&vietnam_offset()))
                .filter(|t| t.date_naive() == *day)
                .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_else(|| day.to_string()),
            Stamp::Moment(m) => m.clone(),
        };
        let written = meta.modified().ok();
        found.push((
            written,
            BackupFile {
                path: entry.path().display().to_string(),
                name: name.clone(),
                book,
                day: match stamp {
                    Stamp::Day(d) => Some(d),
                    Stamp::Moment(_) => None,
                },
                made,
                bytes: meta.len(),
            },
        ));
    }
    // why: newest written first (a daily backup is rewritten on every close, and two made by
    // hand in the same second differ only by a suffix).
    found.sort_by(|(ta, a), (tb, b)| tb.cmp(ta).then(b.name.cmp(&a.name)));
    Ok(found.into_iter().map(|(_, b)| b).collect())
}

/// When a backup was made, read from its name.
enum Stamp {
    /// An automatic daily backup.
    Day(NaiveDate),
    /// One made by hand: `yyyy-mm-dd hh:mm`.
    Moment(String),
}

/// Reads `<book>-saoluu-YYYY-MM-DD.db` and `<book>-saoluu-YYYY-MM-DD-HHMMSS.db`.
fn parse_name(name: &str) -> Option<(String, Stamp)> {
    let stem = name.strip_suffix(".db")?;
    let (book, stamp) = stem.rsplit_once(MARK)?;
    if book.is_empty() {
        return None;
    }
    let day = NaiveDate::parse_from_str(stamp.get(..10)?, "%Y-%m-%d").ok()?;
    match stamp.get(10..)? {
        "" => Some((book.to_string(), Stamp::Day(day))),
        rest => {
            let hms = rest.strip_prefix('-')?;
            if hms.len() < 6 || !hms.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
                return None;
            }
            Some((
                book.to_string(),
                Stamp::Moment(format!("{day} {}:{}", &hms[0..2], &hms[2..4])),
            ))
        }
    }
}

/// The automatic daily backups of `book` in `folder` that rotation removes: all but the newest
/// [`KEEP_DAILY`] days and the newest day of each of the last [`KEEP_MONTHLY`] months.
pub fn rotation_victims(days: &[NaiveDate]) -> Vec<NaiveDate> {
    let mut sorted: Vec<NaiveDate> = days.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    sorted.dedup();
    let mut keep: Vec<NaiveDate> = sorted.iter().take(KEEP_DAILY).copied().collect();
    let mut months: Vec<(i32, u32)> = Vec::new();
    for d in &sorted {
        let m = (d.year(), d.month());
        if !months.contains(&m) {
            if months.len() == KEEP_MONTHLY {
                break;
            }
            months.push(m);
            keep.push(*d);
        }
    }
    sorted.into_iter().filter(|d| !keep.contains(d)).collect()
}

/// Deletes the automatic backups of `book` (a file stem) in `folder` that rotation no longer
/// keeps, and our own leftover `.tmp` files of it; returns what was deleted.
pub fn rotate(folder: &Path, book: &str) -> Result<Vec<PathBuf>> {
    let mut days = Vec::new();
    for b in list(folder)? {
        if b.book == book {
            if let Some(d) = b.day {
                days.push(d);
            }
        }
    }
    let mut removed = Vec::new();
    for d in rotation_victims(&days) {
        let path = folder.join(daily_name(book, d));
        fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        removed.push(path);
    }
    // Copies of ours that a crash or a pulled stick left half-written. why: only old ones, since
    // another program may be writing a backup of the same book right now.
    let prefix = format!("{book}{MARK}");
    for entry in fs::read_dir(folder)
        .map_err(|e| Error::io(folder, e))?
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name.starts_with(&prefix)
            && name.contains(".db.dang-ghi-")
            && (name.ends_with(".tmp") || name.ends_with(".tmp-journal"));
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_TMP);
        if ours && old && fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    Ok(removed)
}

/// How old a half-written copy of ours must be before rotation deletes it.
const STALE_TMP: Duration = Duration::from_secs(3600);

fn daily_name(book: &str, day: NaiveDate) -> String {
    format!("{book}{MARK}{}.db", day.format("%Y-%m-%d"))
}

/// Checks a book file without writing a byte to it or beside it (it may be on a read-only USB
/// stick): a SQLite file of ours in a schema this program knows, and the whole `check` (SQLite's
/// integrity and foreign keys, balances, month totals, gapless numbers, the audit chain over
/// every table). Any failure is [`Error::BackupInvalid`] naming the file and what is wrong, with
/// the number of faults `check` found and the first of them: a copy that would be refused on
/// restore is never called verified.
pub fn verify_file(path: &Path) -> Result<Verified> {
    let shown = path.display().to_string();
    let invalid = |detail: String| Error::BackupInvalid {
        path: shown.clone(),
        detail,
    };
    check_header(path).map_err(invalid)?;
    let book = Book::open_read_only(path, Source::Cli).map_err(|e| {
        invalid(match e {
            Error::NotABook { detail, .. } => detail,
            Error::SchemaTooNew { found, supported } => format!(
                "được tạo bởi phiên bản mới hơn (lược đồ {found}, chương trình hiểu tới {supported}); hãy cập nhật chương trình"
            ),
            other => other.to_string(),
        })
    })?;
    let report = book.check().map_err(|e| invalid(e.to_string()))?;
    if !report.ok() {
        return Err(invalid(format!(
            "kiểm tra sổ thấy {} lỗi, đầu tiên: {}",
            report.faults.len(),
            first_fault(&report.faults)
        )));
    }
    let version: i64 = book
        .connection()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| invalid(e.to_string()))?;
    summary(book.connection(), version).map_err(|e| invalid(e.to_string()))
}

/// The first fault on one line, without the heading of SQLite's integrity report.
pub(crate) fn first_fault(faults: &[String]) -> String {
    faults
        .first()
        .map(|f| {
            f.replace("*** in database main ***", "")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

pub(crate) fn summary(conn: &Connection, version: i64) -> Result<Verified> {
    Ok(Verified {
        schema_version: version,
        movements: conn.query_row("SELECT count(*) FROM movements", [], |r| r.get(0))?,
        audit_entries: conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?,
        fingerprint: audit::fingerprint(conn)?,
    })
}

/// A non-empty file starting with SQLite's magic header; else why not, in Vietnamese.
pub(crate) fn check_header(path: &Path) -> std::result::Result<(), String> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "không tìm thấy tệp".to_string(),
        _ => e.to_string(),
    })?;
    if meta.is_dir() {
        return Err("đây là thư mục".into());
    }
    if meta.len() == 0 {
        return Err("tệp rỗng".into());
    }
    let mut header = [0u8; 16];
    fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .map_err(|_| "không phải tệp SQLite (quá ngắn)".to_string())?;
    if &header != b"SQLite format 3\0" {
        return Err("không phải tệp SQLite".into());
    }
    Ok(())
}

/// Maps a SQLite failure while writing into `folder` to what the user must fix there.
fn in_folder(folder: &Path) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |e| {
        let cannot_open = matches!(&e, rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ffi::ErrorCode::CannotOpen);
        match Error::from(e) {
            Error::DiskFull { .. } => Error::DiskFull {
                path: folder.display().to_string(),
            },
            Error::ReadOnly { .. } => Error::ReadOnly {
                path: folder.display().to_string(),
            },
            _ if cannot_open => Error::ReadOnly {
                path: folder.display().to_string(),
            },
            other => other,
        }
    }
}

/// Removes a temporary copy of ours with its SQLite side files.
fn remove_tmp(tmp: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut p = tmp.as_os_str().to_owned();
        p.push(suffix);
        let _ = fs::remove_file(PathBuf::from(p));
    }
}

fn sync_file(path: &Path) -> Result<()> {
    fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(path, e))
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Copies the book on `src` into `dest` through a temporary file and puts it in place only once
/// verified; `replace` allows an existing `dest` (today's automatic backup) to be replaced.
/// `book` is the book's own file, which a backup may never land on (nor on its side files).
fn write_verified(
    src: &Connection,
    book: Option<&Path>,
    dest: &Path,
    replace: bool,
) -> Result<Verified> {
    if !replace && (dest.is_dir() || fs::symlink_metadata(dest).is_ok()) {
        return Err(Error::FileExists {
            path: dest.display().to_string(),
        });
    }
    let names = |i: usize| (i == 0).then(|| dest.to_path_buf());
    write_verified_as(src, book, dest, replace, &names).map(|(_, v)| v)
}

/// [`write_verified`] under the first free name of `names(0)`, `names(1)`… (None ends the list),
/// taken atomically: two backups made in the same second (the window and the CLI) get distinct
/// names, never one file. With `replace`, only `first` is used and may be replaced.
fn write_verified_as(
    src: &Connection,
    book: Option<&Path>,
    first: &Path,
    replace: bool,
    names: &dyn Fn(usize) -> Option<PathBuf>,
) -> Result<(PathBuf, Verified)> {
    let folder = folder_of(first);
    if !folder.is_dir() {
        return Err(Error::UnsuitableFolder {
            folder: folder.display().to_string(),
            reason: "thư mục không tồn tại (USB đã rút?)".into(),
        });
    }
    let protect = |dest: &Path| -> Result<()> {
        for b in book.into_iter() {
            for suffix in std::iter::once("").chain(crate::output::SIDE_SUFFIXES) {
                if crate::output::same_place(dest, &crate::output::with_suffix(b, suffix)) {
                    return Err(Error::ProtectedFile {
                        path: dest.display().to_string(),
                        what: "sổ đang mở".into(),
                    });
                }
            }
        }
        if dest.is_dir() {
            return Err(Error::FileExists {
                path: dest.display().to_string(),
            });
        }
        Ok(())
    };
    protect(first)?;
    let tmp = crate::output::temporary_beside(first, "dang-ghi");
    crate::windows_fs::check_sqlite_path(&tmp, first)?;
    let result = (|| -> Result<(PathBuf, Verified)> {
        copy_pages(src, &tmp, folder)?;
        sync_file(&tmp)?;
        let verified = verify_file(&tmp).map_err(|e| match e {
            Error::BackupInvalid { detail, .. } => Error::BackupInvalid {
                path: first.display().to_string(),
                detail: format!(
                    "bản chép không qua được kiểm tra ({detail}); hãy chạy “Kiểm tra sổ”. Các bản sao lưu cũ được giữ nguyên"
                ),
            },
            other => other,
        })?;
        if replace {
            protect(first)?;
            fs::rename(&tmp, first).map_err(|e| crate::windows_fs::replace_error(first, e))?;
            crate::output::sync_folder(first);
            return Ok((first.to_path_buf(), verified));
        }
        let mut i = 0;
        let mut last = first.to_path_buf();
        while let Some(dest) = names(i) {
            protect(&dest)?;
            match place_new(&tmp, &dest) {
                Ok(()) => {
                    crate::output::sync_folder(&dest);
                    return Ok((dest, verified));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    last = dest;
                    i += 1;
                }
                Err(e) => return Err(Error::io(&dest, e)),
            }
        }
        Err(Error::FileExists {
            path: last.display().to_string(),
        })
    })();
    remove_tmp(&tmp);
    result
}

/// Gives `tmp` the name `dest` only if no file has it: a hard link made and the temporary name
/// dropped (atomic: of two writers, one gets the name and the other `AlreadyExists`); where the
/// disk has no hard links (FAT32 USB sticks), a check and a rename.
fn place_new(tmp: &Path, dest: &Path) -> std::io::Result<()> {
    match fs::hard_link(tmp, dest) {
        Ok(()) => {
            let _ = fs::remove_file(tmp);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) if fs::symlink_metadata(dest).is_ok() => {
            Err(std::io::Error::from(std::io::ErrorKind::AlreadyExists))
        }
        Err(_) => fs::rename(tmp, dest),
    }
}

/// SQLite's online backup of `src` into a new file `tmp`, left as one self-contained file.
fn copy_pages(src: &Connection, tmp: &Path, folder: &Path) -> Result<()> {
    let fault = in_folder(folder);
    let mut dst = Connection::open(tmp).map_err(&fault)?;
    {
        let backup = Backup::new(src, &mut dst).map_err(&fault)?;
        let started = Instant::now();
        loop {
            // why: all pages in one step read one snapshot; smaller steps restart whenever
            // another connection writes in between.
            match backup.step(-1).map_err(&fault)? {
                StepResult::Done => break,
                StepResult::Busy | StepResult::Locked => {
                    if started.elapsed() > storage::BUSY_TIMEOUT {
                        return Err(Error::Busy);
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                _ => {}
            }
        }
    }
    // why: the copied header says WAL, like the book; a backup is one file, so switch it to a
    // rollback journal (a read-only open then needs no -wal or -shm beside it).
    let mode: String = dst
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .map_err(&fault)?;
    if mode != "delete" {
        return Err(Error::Storage(format!(
            "{}: chế độ nhật ký {mode}",
            tmp.display()
        )));
    }
    dst.close().map_err(|(_, e)| fault(e))
}

fn stem_of(path: Option<&Path>) -> String {
    path.and_then(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| DEFAULT_STEM.to_string())
}

fn file_info(path: &Path) -> Result<BackupFile> {
    let folder = folder_of(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let found = list(folder)?.into_iter().find(|b| b.name == name);
    match found {
        Some(b) => Ok(b),
        None => {
            let meta = fs::metadata(path).map_err(|e| Error::io(path, e))?;
            Ok(BackupFile {
                path: path.display().to_string(),
                name: name.clone(),
                book: String::new(),
                day: None,
                made: String::new(),
                bytes: meta.len(),
            })
        }
    }
}

/// Reads the fingerprint of a backup file of ours (read-only), if it can.
fn fingerprint_of(path: &Path) -> Option<String> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    audit::fingerprint(&conn).ok()
}

impl Book {
    /// Writes a verified backup of the book to `dest`, a file that must not exist yet (a backup
    /// never overwrites a file it did not make). See the module docs for what is verified.
    pub fn backup_to(&self, dest: &Path) -> Result<Verified> {
        write_verified(&self.conn, self.path(), dest, false)
    }

    /// Writes a verified backup by hand into `folder` (a USB stick, any folder), named
    /// `<book>-saoluu-YYYY-MM-DD-HHMMSS.db` in Vietnam's time; never rotated away.
    pub fn backup_into(&self, folder: &Path) -> Result<(BackupFile, Verified)> {
        if !folder.is_dir() {
            return Err(Error::UnsuitableFolder {
                folder: folder.display().to_string(),
                reason: "thư mục không tồn tại (USB đã rút?)".into(),
            });
        }
        let stamp = self
            .now()
            .with_timezone(&vietnam_offset())
            .format("%Y-%m-%d-%H%M%S")
            .to_string();
        let stem = stem_of(self.path());
        let name = |i: usize| {
            let name = match i {
                0 => format!("{stem}{MARK}{stamp}.db"),
                n => format!("{stem}{MARK}{stamp}-{}.db", n + 1),
            };
            (i < 1000)
                .then(|| file_in_folder(folder, &name).ok())
                .flatten()
        };
        let first = file_in_folder(folder, &format!("{stem}{MARK}{stamp}.db"))?;
        let (dest, verified) = write_verified_as(&self.conn, self.path(), &first, false, &name)?;
        Ok((file_info(&dest)?, verified))
    }

    /// Where today's automatic backup of this book goes in `folder`.
    pub fn daily_backup_path(&self, folder: &Path) -> Result<PathBuf> {
        file_in_folder(folder, &daily_name(&stem_of(self.path()), self.today()))
    }

    /// The automatic backup of the day into `folder` (created if needed): written as
    /// `<book>-saoluu-YYYY-MM-DD.db` (replacing today's earlier one only once the new one is
    /// verified), then older ones rotated. Does nothing but rotate when today's backup already
    /// holds the book as it stands (same fingerprint). Returns today's backup and whether it was
    /// written now.
    pub fn backup_daily(&self, folder: &Path) -> Result<(BackupFile, bool)> {
        fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
        let stem = stem_of(self.path());
        let dest = self.daily_backup_path(folder)?;
        let current = audit::fingerprint(&self.conn)?;
        let written = if dest.exists() && fingerprint_of(&dest).as_deref() == Some(&current) {
            false
        } else {
            write_verified(&self.conn, self.path(), &dest, true)?;
            true
        };
        rotate(folder, &stem)?;
        Ok((file_info(&dest)?, written))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn rotation_keeps_thirty_days_and_twelve_months() {
        // A backup every day for two years.
        let days: Vec<NaiveDate> = (0..730)
            .map(|i| d(2024, 1, 1) + chrono::Days::new(i))
            .collect();
        let victims = rotation_victims(&days);
        let kept: Vec<NaiveDate> = days
            .iter()
            .filter(|d| !victims.contains(d))
            .copied()
            .collect();
        let newest = d(2025, 12, 30);
        assert_eq!(kept.iter().max(), Some(&newest));
        // 30 newest days (1–30 Dec 2025), plus the last day of Jan–Nov 2025: 12 months in all.
        assert_eq!(kept.len(), 30 + 11, "{kept:?}");
        assert!(kept.contains(&d(2025, 1, 31)));
        assert!(!kept.contains(&d(2024, 12, 31)), "the 13th month is gone");
    }

    #[test]
    fn rotation_of_few_backups_deletes_nothing() {
        let days = [d(2020, 5, 1), d(2026, 1, 1), d(2026, 1, 2)];
        assert!(rotation_victims(&days).is_empty());
    }

    #[test]
    fn backup_names_are_read_back() {
        let (book, stamp) = parse_name("so-tinh-thuong-saoluu-2026-01-27.db").expect("daily");
        assert_eq!(book, "so-tinh-thuong");
        assert!(matches!(stamp, Stamp::Day(day) if day == d(2026, 1, 27)));
        let (_, stamp) = parse_name("so-saoluu-2026-01-27-103005.db").expect("by hand");
        assert!(matches!(stamp, Stamp::Moment(m) if m == "2026-01-27 10:30"));
        for other in [
            "so-tinh-thuong.db",
            "-saoluu-2026-01-27.db",
            "so-saoluu-2026-13-01.db",
            "so-saoluu-2026-01-27.db.dang-ghi-1-1.tmp",
            "so-saoluu-2026-01-27x.db",
        ] {
            assert!(parse_name(other).is_none(), "{other}");
        }
    }

    #[test]
    fn file_names_cannot_leave_their_folder() {
        let folder = Path::new("/srv/sao-luu");
        for bad in [
            "",
            " ",
            ".",
            "..",
            "../so.db",
            "a/../../so.db",
            "/etc/passwd",
            "..\\..\\so.db",
            "C:\\so.db",
            "so.db:stream",
            "so\u{0}.db",
            "so.db.",
        ] {
            assert_eq!(
                file_in_folder(folder, bad).err().map(|e| e.code()),
                Some("path_outside_folder"),
                "{bad:?}"
            );
        }
        assert_eq!(
            file_in_folder(folder, "Báo cáo tháng 01-2026.html").ok(),
            Some(folder.join("Báo cáo tháng 01-2026.html"))
        );
    }
}
