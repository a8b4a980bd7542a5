//! Opening a book: the SQLite file, its connection settings and its migrations.
//!
//! One function opens or creates a book and sets the connection (WAL, synchronous=FULL, foreign
//! keys, busy timeout); [`open_in_memory`] is its twin for tests. Migrations only move forward and
//! are recorded in `PRAGMA user_version`; a file made by a newer version is refused before anything
//! is written to it, and a file that is not one of our books is never overwritten.

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::io::Read;
use std::path::Path;
use std::time::Duration;

/// `PRAGMA application_id` of our books ("STT1"), so another program's SQLite file is recognised.
pub const APPLICATION_ID: i64 = 0x5354_5431;

/// How long a writer waits for another writer before giving up with [`Error::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The migrations, in order; migration `n` (1-based) brings the schema to version `n`.
pub const MIGRATIONS: &[&str] = &[include_str!("../migrations/0001_books.sql")];

/// The schema version this program writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Opens the book at `path`, creating it when the file does not exist.
pub fn open(path: &Path) -> Result<Connection> {
    let shown = path.display().to_string();
    let not_a_book = |detail: String| Error::NotABook {
        path: shown.clone(),
        detail,
    };
    crate::windows_fs::check_sqlite_path(path, path)?;
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.is_dir() {
            return Err(not_a_book("đây là thư mục".into()));
        }
        if meta.len() > 0 {
            let mut header = [0u8; 16];
            let read = std::fs::File::open(path)
                .and_then(|mut f| f.read_exact(&mut header))
                .map_err(|e| not_a_book(e.to_string()));
            if read.is_err() || &header != b"SQLite format 3\0" {
                return Err(not_a_book("không phải tệp SQLite".into()));
            }
        }
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
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

/// A fresh book in memory, set up exactly like a file (but for WAL, which memory has not).
pub fn open_in_memory() -> Result<Connection> {
    prepare(Connection::open_in_memory()?)
}

fn prepare(conn: Connection) -> Result<Connection> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
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
            conn.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
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
        let conn = open(&dir.path().join("so.db")).expect("open");
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
        drop(open(&path).expect("create"));
        {
            let c = Connection::open(&path).expect("raw");
            c.pragma_update(None, "user_version", 99).expect("bump");
        }
        let before = std::fs::read(&path).expect("read");
        let err = open(&path).err().map(|e| e.code());
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
        assert_eq!(open(&path).err().map(|e| e.code()), Some("not_a_book"));
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "Danh sách hộ nghèo\n"
        );
    }
}
