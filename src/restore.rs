//! Restore: a backup put in the book's place, so that a power cut at any instant leaves the
//! book's path holding the old book or the restored one, never nothing and never a mix.
//!
//! The steps, each durable (synced, and its folder synced) before the next begins:
//!
//! 1. **Intent.** A small journal `<book>.khoi-phuc` names the temporary copy and the name the
//!    old book will be kept under. The restoring process holds it locked, so a second process
//!    knows a restore is running rather than interrupted.
//! 2. **Copy.** The backup is read through SQLite: the file and the `-wal`/`-journal` beside it
//!    are copied to `<book>.khoi-phuc-….tmp` (the backup itself is only read), SQLite folds that
//!    log in, the copy must pass `check`, the restore is recorded in its audit log, and the copy
//!    is made one self-contained file.
//! 3. **Keep the old book.** The book and its `-wal` get a second name,
//!    `<book>-thay-the-YYYYMMDD-HHMMSS.db` (a hard link, or a synced copy where the disk has no
//!    links). The book itself is not touched.
//! 4. **Clear the old log.** The book's `-wal` and `-shm` are removed (the kept copy has them),
//!    so that SQLite can never read the old log into the restored book.
//! 5. **Switch.** The copy is renamed over the book: one atomic step.
//! 6. **Done.** The journal is removed.
//!
//! [`recover`] runs before every open of a book. Finding a journal that no process holds, it
//! undoes a restore stopped before step 5 (the book is whole, its `-wal` is put back from the
//! kept copy) or finishes one stopped after it, and removes the temporary files either way.
//! Temporary copies of older restores that no journal names are removed too.

use crate::audit::{self, Change};
use crate::book::{vietnam_offset, Book, Source};
use crate::error::{Error, Result};
use crate::output::{self, with_suffix};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a restore did.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Restored {
    /// The book that now holds the backup's content.
    pub book: String,
    /// The backup it came from.
    pub from: String,
    /// Where the replaced book was kept (None when there was no book file).
    pub set_aside: Option<String>,
    /// The restored book as checked (after the restore was recorded in its audit log).
    pub verified: crate::backup::Verified,
}

/// The steps of a restore, in order (see the module docs); a fault-injection test stops the
/// restore after each of them.
pub const STEPS: [&str; 9] = [
    "journal",
    "copy-file",
    "copy-log",
    "checked-and-recorded",
    "copy-synced",
    "old-book-kept",
    "old-log-cleared",
    "switched",
    "done",
];

/// The journal of a restore in progress, beside the book.
#[derive(Debug, Serialize, Deserialize)]
struct Journal {
    /// The temporary copy being made (a file name in the book's folder).
    tmp: String,
    /// The name the old book is kept under (in the book's folder).
    aside: String,
    /// Whether there was a book to keep.
    had_book: bool,
}

fn journal_path(book: &Path) -> PathBuf {
    with_suffix(book, ".khoi-phuc")
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Replaces the book at `book_path` with the backup at `backup`, after checking it; see the
/// module docs. The book must not be open in this process (close it first); `source` and `now`
/// are recorded with the restore in the restored book's audit log. A `book_path` that is a
/// symbolic link restores the book it points to, and the link stays.
pub fn restore(
    backup: &Path,
    book_path: &Path,
    source: Source,
    now: DateTime<Utc>,
) -> Result<Restored> {
    match restore_with(backup, book_path, source, now, &|_| false) {
        Err(Stopped::Fault(e)) => Err(e),
        Err(Stopped::At(step)) => Err(Error::Storage(format!("dừng ở bước {step}"))),
        Ok(r) => Ok(r),
    }
}

/// Why [`restore_with`] did not finish.
#[derive(Debug)]
pub enum Stopped {
    /// Refused or failed; everything it made was removed.
    Fault(Error),
    /// Stopped after the named step as a power cut would: nothing was cleaned up.
    At(&'static str),
}

impl From<Error> for Stopped {
    fn from(e: Error) -> Self {
        Stopped::Fault(e)
    }
}

/// [`restore`], stopping dead after the first step for which `stop` says so (the fault-injection
/// test's power cut; `restore` never stops).
pub fn restore_with(
    backup: &Path,
    book_path: &Path,
    source: Source,
    now: DateTime<Utc>,
    stop: &dyn Fn(&str) -> bool,
) -> std::result::Result<Restored, Stopped> {
    let shown = backup.display().to_string();
    let invalid = |detail: String| Error::BackupInvalid {
        path: shown.clone(),
        detail,
    };
    // why: a link names the book it points to; restoring the link itself would turn it into a
    // file and leave the real book unrestored.
    let book_path = &real_book_path(book_path)?;
    crate::backup::check_header(backup).map_err(&invalid)?;
    if output::same_place(backup, book_path) {
        return Err(invalid("đây chính là sổ đang dùng".into()).into());
    }
    refuse_unless_replaceable(book_path)?;
    let folder = folder_of(book_path);
    if !folder.is_dir() {
        return Err(Error::UnsuitableFolder {
            folder: folder.display().to_string(),
            reason: "thư mục của sổ không tồn tại".into(),
        }
        .into());
    }
    recover(book_path)?;
    let tmp = output::temporary_beside(book_path, "khoi-phuc");
    crate::windows_fs::check_sqlite_path(&tmp, book_path)?;
    let aside = aside_name(book_path, now);
    let had_book = book_path.exists();
    let step = |name: &'static str| -> std::result::Result<(), Stopped> {
        if stop(name) {
            Err(Stopped::At(name))
        } else {
            Ok(())
        }
    };

    // 1. Intent.
    let journal = Journal {
        tmp: file_name(&tmp),
        aside: file_name(&aside),
        had_book,
    };
    let lock = write_journal(book_path, &journal)?;
    step("journal")?;

    let undo = |e: Error| -> Stopped {
        remove_with_side_files(&tmp);
        let _ = fs::remove_file(journal_path(book_path));
        output::sync_folder(book_path);
        Stopped::Fault(e)
    };
    // 2. Copy.
    let verified = (|| -> std::result::Result<crate::backup::Verified, Stopped> {
        fs::copy(backup, &tmp).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => invalid("không tìm thấy tệp".into()),
            _ => Error::io(folder, e),
        })?;
        step("copy-file")?;
        // why: a copy made by hand may carry its newest entries in a -wal (or a hot -journal)
        // beside it; SQLite folds them into the copy, so no committed entry is dropped.
        for suffix in ["-wal", "-journal"] {
            let side = with_suffix(backup, suffix);
            if side.exists() {
                fs::copy(&side, with_suffix(&tmp, suffix)).map_err(|e| Error::io(&side, e))?;
            }
        }
        step("copy-log")?;
        let verified =
            check_and_record(&tmp, book_path, &shown, source, now).map_err(|e| match e {
                Error::BackupInvalid { .. } | Error::Busy => e,
                other => invalid(why_not_a_book(other)),
            })?;
        step("checked-and-recorded")?;
        sync_file(&tmp)?;
        output::sync_folder(&tmp);
        step("copy-synced")?;
        Ok(verified)
    })()
    .map_err(|e| match e {
        Stopped::Fault(e) => undo(e),
        at => at,
    })?;

    // 3. Keep the old book.
    if had_book {
        (|| -> Result<()> {
            link_or_copy(book_path, &aside)?;
            let wal = with_suffix(book_path, "-wal");
            if wal.exists() {
                link_or_copy(&wal, &with_suffix(&aside, "-wal"))?;
            }
            output::sync_folder(book_path);
            Ok(())
        })()
        .map_err(|e| {
            remove_with_side_files(&aside);
            undo(e)
        })?;
    }
    step("old-book-kept")?;

    // 4. Clear the old log; 5. switch. From here on, a fault is finished by `recover`.
    let finish = (|| -> Result<()> {
        for suffix in ["-shm", "-wal"] {
            let side = with_suffix(book_path, suffix);
            match fs::remove_file(&side) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(&side, e)),
            }
        }
        output::sync_folder(book_path);
        Ok(())
    })();
    if let Err(e) = finish {
        drop(lock);
        let _ = recover(book_path);
        return Err(Stopped::Fault(e));
    }
    step("old-log-cleared")?;
    if let Err(e) = fs::rename(&tmp, book_path) {
        drop(lock);
        let _ = recover(book_path);
        return Err(Stopped::Fault(Error::io(book_path, e)));
    }
    output::sync_folder(book_path);
    step("switched")?;

    // 6. Done.
    let _ = fs::remove_file(journal_path(book_path));
    output::sync_folder(book_path);
    drop(lock);
    step("done")?;
    Ok(Restored {
        book: book_path.display().to_string(),
        from: shown.clone(),
        set_aside: had_book.then(|| aside.display().to_string()),
        verified,
    })
}

/// Finishes or undoes a restore that was stopped (a power cut, a killed process) and removes its
/// temporary files; see the module docs. Does nothing when no restore was interrupted. Refuses
/// with [`Error::Busy`] while another process is restoring this book.
pub fn recover(book_path: &Path) -> Result<()> {
    let journal_file = journal_path(book_path);
    let folder = folder_of(book_path);
    match fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&journal_file)
    {
        Ok(file) => {
            if let Err(fs::TryLockError::WouldBlock) = file.try_lock() {
                return Err(Error::Busy);
            }
            let text = fs::read_to_string(&journal_file).unwrap_or_default();
            if let Ok(j) = serde_json::from_str::<Journal>(&text) {
                let tmp = folder.join(&j.tmp);
                let aside = folder.join(&j.aside);
                if tmp.exists() {
                    // Stopped before the switch: the book was never replaced. Put its log back
                    // (step 4 may have removed it) and drop the copy and the second name.
                    let wal = with_suffix(book_path, "-wal");
                    let kept_wal = with_suffix(&aside, "-wal");
                    if j.had_book && !wal.exists() && kept_wal.exists() {
                        link_or_copy(&kept_wal, &wal)?;
                        output::sync_folder(book_path);
                    }
                    remove_with_side_files(&tmp);
                    if j.had_book && book_path.exists() {
                        remove_with_side_files(&aside);
                    }
                }
            }
            drop(file);
            fs::remove_file(&journal_file).map_err(|e| Error::io(&journal_file, e))?;
            output::sync_folder(book_path);
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(&journal_file, e)),
    }
    remove_stale_copies(book_path);
    Ok(())
}

/// Removes temporary restore copies of `book_path` left by a restore that no journal names
/// (an older version's, or one whose journal was already cleaned up).
fn remove_stale_copies(book_path: &Path) {
    let Some(name) = book_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
    else {
        return;
    };
    let prefix = format!("{name}.khoi-phuc-");
    let Ok(entries) = fs::read_dir(folder_of(book_path)) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let ours = file.starts_with(&prefix)
            && [".tmp", ".tmp-wal", ".tmp-shm", ".tmp-journal"]
                .iter()
                .any(|s| file.ends_with(s));
        if ours {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The books set aside by earlier restores, beside `book_path`, newest first.
pub fn set_aside_copies(book_path: &Path) -> Vec<PathBuf> {
    let stem = stem_of(book_path);
    let prefix = format!("{stem}-thay-the-");
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = fs::read_dir(folder_of(book_path))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(&prefix) && !output::SIDE_SUFFIXES.iter().any(|s| n.ends_with(s))
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    found.sort_by_key(|b| std::cmp::Reverse(b.0));
    found.into_iter().map(|(_, p)| p).collect()
}

/// For a missing book: "; bên cạnh còn …" naming the newest set-aside copy, or nothing.
pub fn set_aside_hint(book_path: &Path) -> String {
    match set_aside_copies(book_path).first() {
        Some(p) => format!(
            "; bên cạnh còn sổ đã thay thế {} (mở hoặc khôi phục từ sổ đó)",
            p.display()
        ),
        None => String::new(),
    }
}

/// The real book a path names: a symbolic link is followed (to a book that may not exist yet).
fn real_book_path(path: &Path) -> Result<PathBuf> {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(path.to_path_buf());
    }
    match fs::canonicalize(path) {
        Ok(real) => Ok(real),
        Err(_) => {
            let target = fs::read_link(path).map_err(|e| Error::io(path, e))?;
            Ok(if target.is_absolute() {
                target
            } else {
                folder_of(path).join(target)
            })
        }
    }
}

/// Refuses to restore over a file that is not one of our books (another program's SQLite file,
/// a document): only a book, a damaged book, an empty file or no file may be replaced.
fn refuse_unless_replaceable(book_path: &Path) -> Result<()> {
    let shown = book_path.display().to_string();
    let Ok(meta) = fs::metadata(book_path) else {
        return Ok(());
    };
    let refuse = |detail: &str| {
        Error::NotABook {
        path: shown.clone(),
        detail: format!(
            "{detail}; khôi phục không thay tệp này. Nếu đó là sổ hỏng nặng, hãy đổi tên nó rồi khôi phục lại"
        ),
    }
    };
    if meta.is_dir() {
        return Err(refuse("đây là thư mục"));
    }
    if meta.len() == 0 {
        return Ok(());
    }
    crate::storage::identify(book_path).map_err(|e| match e {
        Error::NotABook { detail, .. } => refuse(&detail),
        Error::SchemaTooNew { found, supported } => refuse(&format!(
            "sổ được tạo bởi phiên bản mới hơn (lược đồ {found}, chương trình hiểu tới {supported})"
        )),
        other => other,
    })
}

/// Opens the copy, checks it, records the restore in its audit log and leaves it one file.
fn check_and_record(
    tmp: &Path,
    book_path: &Path,
    from: &str,
    source: Source,
    now: DateTime<Utc>,
) -> Result<crate::backup::Verified> {
    let mut copy = Book::open(tmp, source)?.with_clock(Arc::new(move || now));
    let report = copy.check()?;
    if !report.ok() {
        return Err(Error::BackupInvalid {
            path: from.to_string(),
            detail: format!(
                "kiểm tra sổ thấy {} lỗi, đầu tiên: {}",
                report.faults.len(),
                crate::backup::first_fault(&report.faults)
            ),
        });
    }
    let before = crate::backup::summary(copy.connection(), 0)?;
    let replaced = replaced_summary(book_path);
    copy.write(|tx| {
        audit::record(
            tx,
            Change {
                action: "restore",
                entity: "book",
                entity_id: &before.fingerprint,
                before: Some(replaced),
                after: Some(json!({
                    "from": from,
                    "fingerprint": before.fingerprint,
                    "movements": before.movements,
                })),
            },
        )
    })?;
    let version: i64 = copy
        .connection()
        .query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let verified = crate::backup::summary(copy.connection(), version)?;
    // why: the copy goes in as one file; its log is folded in now, not left beside it.
    let mode: String = copy
        .connection()
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    if mode != "delete" {
        return Err(Error::Storage(format!("chế độ nhật ký {mode}")));
    }
    drop(copy);
    Ok(verified)
}

/// Writes the journal (synced) and returns it open and locked for the restore's duration.
fn write_journal(book_path: &Path, journal: &Journal) -> Result<fs::File> {
    let path = journal_path(book_path);
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::Busy,
            _ => Error::io(&path, e),
        })?;
    file.try_lock().map_err(|_| Error::Busy)?;
    let text = serde_json::to_vec(journal)?;
    let written = file
        .write_all(&text)
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io(&path, e));
    if let Err(e) = written {
        drop(file);
        let _ = fs::remove_file(&path);
        return Err(e);
    }
    output::sync_folder(&path);
    Ok(file)
}

/// `<book>-thay-the-YYYYMMDD-HHMMSS.<ext>` (with `-2`, `-3`… when taken).
fn aside_name(book_path: &Path, now: DateTime<Utc>) -> PathBuf {
    let stem = stem_of(book_path);
    let ext = book_path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_else(|| "db".into());
    let stamp = now
        .with_timezone(&vietnam_offset())
        .format("%Y%m%d-%H%M%S")
        .to_string();
    let folder = folder_of(book_path);
    let mut aside = folder.join(format!("{stem}-thay-the-{stamp}.{ext}"));
    let mut n = 2;
    while fs::symlink_metadata(&aside).is_ok() || with_suffix(&aside, "-wal").exists() {
        aside = folder.join(format!("{stem}-thay-the-{stamp}-{n}.{ext}"));
        n += 1;
    }
    aside
}

fn stem_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "so-tinh-thuong".to_string())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A second name for `from` at `to`: a hard link, or (where the disk has none, as FAT32 USB
/// sticks) a copy that is synced before it counts.
fn link_or_copy(from: &Path, to: &Path) -> Result<()> {
    if fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    let partial = output::temporary_beside(to, "dang-chep");
    let copied = fs::copy(from, &partial)
        .map_err(|e| Error::io(from, e))
        .and_then(|_| sync_file(&partial))
        .and_then(|()| fs::rename(&partial, to).map_err(|e| Error::io(to, e)));
    if copied.is_err() {
        let _ = fs::remove_file(&partial);
    }
    copied
}

fn remove_with_side_files(path: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let _ = fs::remove_file(with_suffix(path, suffix));
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

/// Why a copy is not a usable book, without repeating what the restore message says.
fn why_not_a_book(e: Error) -> String {
    match e {
        Error::NotABook { detail, .. } => format!("không phải sổ hoặc đã hỏng ({detail})"),
        Error::SchemaTooNew { found, supported } => format!(
            "được tạo bởi phiên bản mới hơn (lược đồ {found}, chương trình hiểu tới {supported}); hãy cập nhật chương trình"
        ),
        other => other.to_string(),
    }
}

/// What identifies the book about to be replaced, for the audit entry of the restore: its size
/// and the SHA-256 of its bytes (read as a plain file: it may be damaged, and opening it with
/// SQLite would leave files beside it).
fn replaced_summary(book_path: &Path) -> serde_json::Value {
    use sha2::{Digest, Sha256};
    let file = fs::read(book_path).ok();
    json!({
        "book": book_path.display().to_string(),
        "bytes": file.as_ref().map(|b| b.len()),
        "sha256": file.map(|b| hex::encode(Sha256::digest(&b))),
    })
}
