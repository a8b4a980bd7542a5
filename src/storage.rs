//! Opening a book: the SQLite file, its connection settings and its migrations.
//!
//! One function opens or creates a book and sets the connection (WAL, synchronous=FULL, foreign
//! keys, busy timeout); [`open_in_memory`] is its twin for tests. Migrations only move forward and
//! are recorded in `PRAGMA user_version`; a file made by a newer version is refused before anything
//! is written to it, and a file that is not one of our books is never overwritten.

use crate::error::{Error, Result};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};
use std::io::Read;
use std::path::Path;
use std::time::Duration;

/// `PRAGMA application_id` of our books ("STT1"), so another program's SQLite file is recognised.
pub const APPLICATION_ID: i64 = 0x5354_5431;

/// How long a writer waits for another writer before giving up with [`Error::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The migrations, in order; migration `n` (1-based) brings the schema to version `n`.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_books.sql"),
    include_str!("../migrations/0002_chain_state.sql"),
    include_str!("../migrations/0003_openings_and_imports.sql"),
];

/// The schema version this program writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// How [`open`] treats the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A book that exists: a missing path, an empty file or a file that is not one of our books
    /// is refused, and nothing is created.
    Existing,
    /// A new book: refused when any file (or a SQLite side file) is already at the path.
    Create,
}

/// Opens the book at `path` (see [`Mode`]). A restore that a power cut interrupted is finished or
/// undone first (see [`crate::restore::recover`]). Files that are not our books, or are newer, are
/// refused byte for byte untouched: they are told apart by their header before SQLite opens them,
/// and a book whose log holds a newer schema is closed without folding its `-wal` in.
pub fn open(path: &Path, mode: Mode) -> Result<Connection> {
    let shown = path.display().to_string();
    let not_a_book = |detail: String| Error::NotABook {
        path: shown.clone(),
        detail,
    };
    crate::windows_fs::check_sqlite_path(path, path)?;
    crate::restore::recover(path)?;
    if mode == Mode::Create {
        return create(path);
    }
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NoSuchBook {
                path: shown,
                found: crate::restore::set_aside_hint(path),
            })
        }
        Err(e) => return Err(Error::io(path, e)),
    };
    if meta.is_dir() {
        return Err(not_a_book("đây là thư mục".into()));
    }
    if meta.len() == 0 {
        return Err(not_a_book(
            "tệp rỗng, 0 byte: không phải sổ; nếu vừa tạo sổ mà bị ngắt, hãy xóa tệp rồi tạo lại"
                .into(),
        ));
    }
    identify(path)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| match Error::from(e) {
        Error::NotABook { detail, .. } => not_a_book(detail),
        other => other,
    })?;
    prepare(conn).map_err(|e| match e {
        Error::NotABook { detail, .. } => not_a_book(detail),
        other => other,
    })
}

/// Makes a new book at `path`: the file is created exclusively (two `init`s never share one),
/// then migrated.
fn create(path: &Path) -> Result<Connection> {
    let shown = path.display().to_string();
    let exists = |what: &str| Error::BookExists {
        path: shown.clone(),
        what: what.to_string(),
    };
    if std::fs::symlink_metadata(path).is_ok() {
        let what = match crate::output::sqlite_kind(path) {
            Some(_) => "một tệp SQLite",
            None if path.is_dir() => "một thư mục",
            None => "một tệp",
        };
        return Err(exists(what));
    }
    for suffix in crate::output::SIDE_SUFFIXES {
        if crate::output::with_suffix(path, suffix).exists() {
            // why: SQLite would read a stale -wal or -journal of a deleted book into the new one.
            return Err(exists("tệp đi kèm của một sổ cũ vẫn còn bên cạnh"));
        }
    }
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(exists("một tệp")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::UnsuitableFolder {
                folder: path
                    .parent()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                reason: "thư mục không tồn tại (USB đã rút?)".into(),
            })
        }
        Err(e) => return Err(Error::io(path, e)),
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let made = Connection::open_with_flags(path, flags)
        .map_err(Error::from)
        .and_then(prepare);
    if made.is_err() {
        // why: the file is ours and empty or half-made; leaving it would block the next init.
        let _ = std::fs::remove_file(path);
        for suffix in crate::output::SIDE_SUFFIXES {
            let _ = std::fs::remove_file(crate::output::with_suffix(path, suffix));
        }
    }
    made
}

/// Opens a book or backup for reading only, without writing a byte to it or beside it: works on
/// read-only media. A file with no `-wal`/`-journal` beside it is read as immutable; one with
/// side files is read through a normal read-only connection (so a book in use by another window
/// is read consistently), or, when that cannot be (a `-wal` on read-only media, a hot journal,
/// an older schema), from a copy in the temporary folder. Returns the connection and the copy's
/// folder, which must live as long as the connection.
pub fn open_read_only(path: &Path) -> Result<(Connection, Option<tempfile::TempDir>)> {
    let shown = path.display().to_string();
    let not_a_book = |detail: String| Error::NotABook {
        path: shown.clone(),
        detail,
    };
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NoSuchBook {
            path: shown.clone(),
            found: String::new(),
        },
        _ => Error::io(path, e),
    })?;
    if meta.is_dir() {
        return Err(not_a_book("đây là thư mục".into()));
    }
    if meta.len() == 0 {
        return Err(not_a_book("tệp rỗng, 0 byte".into()));
    }
    identify(path)?;
    let side = |s: &str| crate::output::with_suffix(path, s).exists();
    let direct = if side("-journal") {
        None
    } else if side("-wal") || side("-shm") {
        Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .ok()
    } else {
        Connection::open_with_flags(
            file_uri(path, "immutable=1"),
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )
        .ok()
    };
    if let Some(conn) = direct {
        let usable = conn.busy_timeout(BUSY_TIMEOUT).is_ok()
            && conn
                .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
                .is_ok_and(|v| v == latest_version());
        if usable {
            return Ok((conn, None));
        }
    }
    // A copy, with its side files, that SQLite may recover and migrate.
    let dir = tempfile::Builder::new()
        .prefix("sotinhthuong-doc-")
        .tempdir()
        .map_err(|e| Error::io(&std::env::temp_dir(), e))?;
    let copy = dir.path().join("ban-doc.db");
    std::fs::copy(path, &copy).map_err(|e| Error::io(path, e))?;
    for suffix in ["-wal", "-journal"] {
        let from = crate::output::with_suffix(path, suffix);
        if from.exists() {
            std::fs::copy(&from, crate::output::with_suffix(&copy, suffix))
                .map_err(|e| Error::io(&from, e))?;
        }
    }
    let conn = Connection::open_with_flags(
        &copy,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| match Error::from(e) {
        Error::NotABook { detail, .. } => not_a_book(detail),
        other => other,
    })?;
    let conn = prepare(conn).map_err(|e| match e {
        Error::NotABook { detail, .. } => not_a_book(detail),
        other => other,
    })?;
    Ok((conn, Some(dir)))
}

/// A raw read-only connection to `path` read as immutable: no lock taken, no side file read or
/// made. For a quick look at a backup's head, not for `check` (see [`open_read_only`]).
pub fn open_immutable(path: &Path) -> Result<Connection> {
    Header::read(path).map_err(|detail| Error::NotABook {
        path: path.display().to_string(),
        detail,
    })?;
    Ok(Connection::open_with_flags(
        file_uri(path, "immutable=1"),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )?)
}

/// A SQLite URI for `path` with `query` (`immutable=1`): `%`, `?` and `#` escaped, a Windows
/// drive path written as `file:///C:/…`.
fn file_uri(path: &Path, query: &str) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file:");
    if text.as_bytes().get(1) == Some(&b':') {
        out.push_str("///");
    }
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out.push('?');
    out.push_str(query);
    out
}

/// Refuses, without SQLite opening it, a non-empty file that is not one of our books in a
/// schema this program knows (another program's SQLite file, a newer book, any other file).
pub(crate) fn identify(path: &Path) -> Result<()> {
    let not_a_book = |detail: String| Error::NotABook {
        path: path.display().to_string(),
        detail,
    };
    let header = Header::read(path).map_err(not_a_book)?;
    header.refuse_unless_ours(path).map_err(|e| match e {
        Error::NotABook { detail, .. } => not_a_book(detail),
        other => other,
    })
}

/// What the first 100 bytes of a SQLite file say about it, read without SQLite (so nothing is
/// written, rolled back or checkpointed).
#[derive(Debug, Clone, Copy)]
struct Header {
    /// `PRAGMA application_id` as the main file holds it.
    app_id: u32,
    /// `PRAGMA user_version` as the main file holds it.
    version: u32,
    /// True when page 1 holds no schema entry: no table was ever committed to the main file.
    no_schema: bool,
}

impl Header {
    fn read(path: &Path) -> std::result::Result<Header, String> {
        let mut head = [0u8; 108];
        let mut f = std::fs::File::open(path).map_err(|e| e.to_string())?;
        f.read_exact(&mut head)
            .map_err(|_| "không phải tệp SQLite (quá ngắn)".to_string())?;
        if &head[..16] != crate::output::SQLITE_MAGIC {
            return Err("không phải tệp SQLite".into());
        }
        let be =
            |at: usize| u32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
        Ok(Header {
            app_id: be(68),
            version: be(60),
            // why: page 1's b-tree header starts at byte 100; a leaf (0x0d) with no cells is
            // an empty schema.
            no_schema: head[100] == 0x0d && head[103] == 0 && head[104] == 0,
        })
    }

    /// Refuses, untouched, a file of another program, a newer book, or an empty SQLite file.
    fn refuse_unless_ours(self, path: &Path) -> Result<()> {
        let foreign = || Error::NotABook {
            path: String::new(),
            detail: "tệp SQLite của chương trình khác".into(),
        };
        if self.app_id != 0 && i64::from(self.app_id) != APPLICATION_ID {
            return Err(foreign());
        }
        if i64::from(self.version) > latest_version() {
            return Err(Error::SchemaTooNew {
                found: i64::from(self.version),
                supported: latest_version(),
            });
        }
        if self.app_id == 0 {
            if !self.no_schema {
                return Err(foreign());
            }
            // why: a new book's first commit may still be in its -wal (a window has it open,
            // or the power went before a checkpoint); only a copy may be opened to see it.
            if !crate::output::with_suffix(path, "-wal").exists() {
                return Err(Error::NotABook {
                    path: String::new(),
                    detail: "tệp SQLite rỗng, chưa phải sổ".into(),
                });
            }
            let dir = tempfile::Builder::new()
                .prefix("sotinhthuong-xem-")
                .tempdir()
                .map_err(|e| Error::io(&std::env::temp_dir(), e))?;
            let copy = dir.path().join("xem.db");
            std::fs::copy(path, &copy).map_err(|e| Error::io(path, e))?;
            let wal = crate::output::with_suffix(path, "-wal");
            std::fs::copy(&wal, crate::output::with_suffix(&copy, "-wal"))
                .map_err(|e| Error::io(&wal, e))?;
            let conn = Connection::open(&copy)?;
            let (app_id, version): (i64, i64) = conn.query_row(
                "SELECT (SELECT application_id FROM pragma_application_id),
                        (SELECT user_version FROM pragma_user_version)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let tables: i64 = conn.query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
                [],
                |r| r.get(0),
            )?;
            if app_id != APPLICATION_ID {
                return Err(if tables > 0 {
                    foreign()
                } else {
                    Error::NotABook {
                        path: String::new(),
                        detail: "tệp SQLite rỗng, chưa phải sổ".into(),
                    }
                });
            }
            if version > latest_version() {
                return Err(Error::SchemaTooNew {
                    found: version,
                    supported: latest_version(),
                });
            }
        }
        Ok(())
    }
}

/// A fresh book in memory, set up exactly like a file (but for WAL, which memory has not).
pub fn open_in_memory() -> Result<Connection> {
    prepare(Connection::open_in_memory()?)
}

fn prepare(conn: Connection) -> Result<Connection> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // why: a book refused below (newer, foreign) must be closed without folding its -wal into
    // the main file; checkpoints on close are allowed again once the book is known to be ours.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
    // why: read the version and identity before any pragma that writes, so a newer or foreign
    // file is refused untouched.
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    if tables > 0 && app_id != APPLICATION_ID {
        return Err(Error::NotABook {
            path: String::new(),
            detail: "tệp SQLite của chương trình khác".into(),
        });
    }
    if version > latest_version() {
        return Err(Error::SchemaTooNew {
            found: version,
            supported: latest_version(),
        });
    }
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    debug_assert!(mode == "wal" || mode == "memory");
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
    migrate(&conn, version)?;
    Ok(conn)
}

fn migrate(conn: &Connection, from: i64) -> Result<()> {
    if from >= latest_version() {
        return Ok(());
    }
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let result = (|| -> Result<()> {
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
            conn.execute_batch(sql)?;
            after_migration(conn, i as i64 + 1)?;
            conn.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        let entries: i64 = conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?;
        if from >= 1 && entries > 0 {
            // why: the chain must vouch for the tables as the new schema reads them. A
            // migration runs when a book is opened, before any clock of the caller exists.
            let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
            crate::audit::record_migration(conn, from, latest_version(), &at)?;
        }
        Ok(())
    })();
    match result {
        Ok(()) => conn.execute_batch("COMMIT").map_err(Error::from),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

/// The steps of migration `version` that SQL alone cannot write.
fn after_migration(conn: &Connection, version: i64) -> Result<()> {
    if version == 2 {
        // why: backups and the window's settings remember the chain's head by the book's
        // identity, which survives renaming or moving the file.
        conn.execute(
            "INSERT OR IGNORE INTO settings (key, value) VALUES ('book_uuid', ?1)",
            [uuid::Uuid::new_v4().to_string()],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_migrations_run_on_an_empty_database() {
        let conn = open_in_memory().expect("migrations run");
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(version, latest_version());
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .expect("fk");
        assert_eq!(fk, 1, "foreign keys are enforced");
        let problems: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .expect("fk check");
        assert_eq!(problems, 0);
    }

    #[test]
    fn a_file_book_uses_wal_and_full_sync() {
        let dir = tempfile::tempdir().expect("tempdir");
        let conn = open(&dir.path().join("so.db"), Mode::Create).expect("open");
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("mode");
        let sync: i64 = conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .expect("sync");
        assert_eq!((mode.as_str(), sync), ("wal", 2));
    }

    #[test]
    fn a_newer_book_is_refused_untouched() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("new.db");
        drop(open(&path, Mode::Create).expect("create"));
        {
            let c = Connection::open(&path).expect("raw");
            c.pragma_update(None, "user_version", 99).expect("bump");
        }
        let before = std::fs::read(&path).expect("read");
        let err = open(&path, Mode::Existing).err().map(|e| e.code());
        assert_eq!(err, Some("schema_too_new"));
        assert_eq!(
            std::fs::read(&path).expect("read"),
            before,
            "file unchanged"
        );
    }

    #[test]
    fn a_file_that_is_not_sqlite_is_refused_and_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("notes.db");
        std::fs::write(&path, "Danh sách hộ nghèo\n").expect("write");
        assert_eq!(
            open(&path, Mode::Existing).err().map(|e| e.code()),
            Some("not_a_book")
        );
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "Danh sách hộ nghèo\n"
        );
    }
}
