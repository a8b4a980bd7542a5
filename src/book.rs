//! The open book: one SQLite connection plus who is writing, from where, and the clock.
//!
//! Every write goes through [`Book::write`]: one IMMEDIATE transaction (so two writers queue instead
//! of failing half-way), with the actor, source and time fixed for the whole change, committed only
//! when every rule held. The clock is passed in, never read inside business rules, so tests can
//! stand on any day.

use crate::error::{Error, Result};
use crate::storage;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use rusqlite::{Connection, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where a change came from; recorded in the audit log.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The desktop window.
    Window,
    /// The command-line tool.
    Cli,
    /// An import of another installation's file.
    Import,
    /// The demo generator.
    Demo,
    /// Automated tests.
    Test,
}

impl Source {
    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Window => "window",
            Source::Cli => "cli",
            Source::Import => "import",
            Source::Demo => "demo",
            Source::Test => "test",
        }
    }
}

/// A source of the current time (UTC).
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// The offices keep Vietnam's local time, UTC+7 all year.
pub fn vietnam_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600)
        .unwrap_or(FixedOffset::east_opt(0).unwrap_or_else(|| unreachable!()))
}

/// An open book.
pub struct Book {
    pub(crate) conn: Connection,
    actor: String,
    source: Source,
    clock: Clock,
    path: Option<PathBuf>,
    /// Set for a book opened to be read only ([`Book::open_read_only`]): writes are refused.
    read_only: bool,
    /// The copy a read-only book is read from, when it had to be copied; removed on drop.
    _copy: Option<tempfile::TempDir>,
    /// True once SQLite's quick check found the file sound (before the first write).
    sound: bool,
}

/// One change in progress: the transaction and the facts fixed for it.
pub(crate) struct Tx<'a> {
    pub tx: Transaction<'a>,
    pub actor: &'a str,
    pub source: Source,
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    /// The largest movement id when the change began (its own rows come after it).
    pub movement_floor: i64,
    /// The rows of covered tables this change writes, for the audit chain's state digest.
    pub touched: std::cell::RefCell<Vec<crate::audit::state::Touched>>,
}

impl Tx<'_> {
    /// Runs `step` inside a savepoint: if it fails, everything it wrote (rows, audit entries,
    /// rows tracked for the chain) is undone and the change goes on without it.
    pub(crate) fn attempt<T>(&self, step: impl FnOnce() -> Result<T>) -> Result<T> {
        // why: the step may settle rows tracked before it into the chain's digests; undoing
        // it undoes that too, so the tracked rows are put back as they were.
        let tracked = self.touched.borrow().clone();
        self.tx.execute_batch("SAVEPOINT attempt")?;
        match step() {
            Ok(v) => {
                self.tx.execute_batch("RELEASE attempt")?;
                Ok(v)
            }
            Err(e) => {
                self.tx
                    .execute_batch("ROLLBACK TO attempt; RELEASE attempt")?;
                *self.touched.borrow_mut() = tracked;
                Err(e)
            }
        }
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl Book {
    /// Opens the book at `path`, which must exist: a missing path, an empty file or a file that
    /// is not one of our books is refused and nothing is created (see [`storage::open`]).
    pub fn open(path: &Path, source: Source) -> Result<Book> {
        let conn = storage::open(path, storage::Mode::Existing)?;
        Ok(Book::from_connection(
            conn,
            source,
            Some(path.to_path_buf()),
        ))
    }

    /// Makes a new book at `path`; refused when any file is there already (`init`, "Tạo sổ mới").
    pub fn create(path: &Path, source: Source) -> Result<Book> {
        let conn = storage::open(path, storage::Mode::Create)?;
        Ok(Book::from_connection(
            conn,
            source,
            Some(path.to_path_buf()),
        ))
    }

    /// Opens a book or backup to read it without writing a byte to it or beside it (`check` of a
    /// backup on a read-only USB stick); every write is refused. See [`storage::open_read_only`].
    pub fn open_read_only(path: &Path, source: Source) -> Result<Book> {
        let (conn, copy) = storage::open_read_only(path)?;
        let mut book = Book::from_connection(conn, source, Some(path.to_path_buf()));
        book.read_only = true;
        book._copy = copy;
        Ok(book)
    }

    /// A new empty book in memory, for tests.
    pub fn open_in_memory(source: Source) -> Result<Book> {
        Ok(Book::from_connection(
            storage::open_in_memory()?,
            source,
            None,
        ))
    }

    fn from_connection(conn: Connection, source: Source, path: Option<PathBuf>) -> Book {
        let actor = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "?".to_string());
        Book {
            conn,
            actor,
            source,
            clock: Arc::new(Utc::now),
            path,
            read_only: false,
            _copy: None,
            sound: false,
        }
    }

    /// Sets who is writing (shown in the audit log).
    pub fn with_actor(mut self, actor: &str) -> Book {
        self.actor = actor.to_string();
        self
    }

    /// Replaces the clock (tests stand on a fixed day).
    pub fn with_clock(mut self, clock: Clock) -> Book {
        self.clock = clock;
        self
    }

    /// The file of the book, if it is not in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The current time, from the book's clock.
    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    /// Today in Vietnam (UTC+7), from the book's clock.
    pub fn today(&self) -> NaiveDate {
        self.now().with_timezone(&vietnam_offset()).date_naive()
    }

    /// Read access to the connection, for queries and reports.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn damaged(&self, detail: String) -> Error {
        Error::BookDamaged {
            path: self
                .path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            detail,
        }
    }

    /// Runs `change` in one IMMEDIATE transaction; commits if it returns Ok, else rolls back.
    pub(crate) fn write<T>(&mut self, change: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        self.transact(true, change)
    }

    /// Runs `change` exactly as [`Book::write`] would, every rule checked, and rolls it back:
    /// a dry run (an import's rows are refused or accepted as the real import would).
    pub(crate) fn rehearse<T>(&mut self, change: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        self.transact(false, change)
    }

    fn transact<T>(&mut self, commit: bool, change: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(Error::ReadOnly {
                path: self
                    .path
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
            });
        }
        if !self.sound {
            // why: a page damaged where this write does not look would otherwise take new
            // entries into a book that cannot be trusted; once per open book, before its first
            // write (a book's pages are read once, about 0.1 s for ten years of a district).
            let faults: Vec<String> = self
                .conn
                .prepare("PRAGMA quick_check")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()
                .map_err(|e| self.damaged(e.to_string()))?;
            if faults != ["ok"] {
                return Err(self.damaged(crate::backup::first_fault(&faults)));
            }
            self.sound = true;
        }
        let now = (self.clock)();
        let today = now.with_timezone(&vietnam_offset()).date_naive();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let movement_floor: i64 =
            tx.query_row("SELECT ifnull(max(id), 0) FROM movements", [], |r| r.get(0))?;
        let ctx = Tx {
            tx,
            actor: &self.actor,
            source: self.source,
            now,
            today,
            movement_floor,
            touched: std::cell::RefCell::new(Vec::new()),
        };
        let value = change(&ctx)?;
        if commit {
            ctx.tx.commit().map_err(Error::from)?;
        } else {
            ctx.tx.rollback().map_err(Error::from)?;
        }
        Ok(value)
    }
}
