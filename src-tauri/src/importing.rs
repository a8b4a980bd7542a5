//! The window's import of an office's sheets: a preview of the sheet under the guessed (or
//! corrected) columns, then a dry run or the import itself, off the main thread, telling the
//! window how far it is and stopping when the clerk presses Esc or "Dừng".
//!
//! Invariants: one import at a time (a second one is refused with `import_running`); a stopped
//! import writes nothing (the core rolls it back); the sheet read for the preview is kept so the
//! dry run and the import do not read a large file again, unless the file changed on disk.

use crate::commands::{with_book, CommandError, Reply};
use crate::AppState;
use serde::{Deserialize, Serialize};
use sotinhthuong::import::{
    self, read, ImportOptions, ImportReport, Kind, Mapping, Preview, Table,
};
use sotinhthuong::Error;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};

/// The import's part of the window's state.
#[derive(Default)]
pub struct Importing {
    /// True while an import or a dry run runs.
    running: AtomicBool,
    /// Set by `stop_import`; the running import stops at its next progress step.
    stop: AtomicBool,
    /// The last sheet read, by file, sheet and the file's size and time.
    last: Mutex<Option<(SheetKey, Arc<Table>)>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct SheetKey {
    path: PathBuf,
    sheet: Option<String>,
    len: u64,
    modified: Option<SystemTime>,
}

impl Importing {
    /// The sheet of the file, read again only when it is another file or sheet, or changed.
    fn table(&self, path: &Path, sheet: Option<&str>) -> Result<Arc<Table>, Error> {
        // why: a file that is not there (or cannot be looked at) gets the reader's own words.
        let Ok(meta) = std::fs::metadata(path) else {
            return read::read(path, sheet, None).map(Arc::new);
        };
        let key = SheetKey {
            path: path.to_path_buf(),
            sheet: sheet.map(str::to_string),
            len: meta.len(),
            modified: meta.modified().ok(),
        };
        if let Ok(last) = self.last.lock() {
            if let Some((k, t)) = last.as_ref() {
                if *k == key {
                    return Ok(t.clone());
                }
            }
        }
        let table = Arc::new(read::read(path, sheet, None)?);
        if let Ok(mut last) = self.last.lock() {
            *last = Some((key, table.clone()));
        }
        Ok(table)
    }
}

/// Clears the running flag however the import ends.
struct Running<'a>(&'a AtomicBool);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

/// Which file and sheet to preview, read as which kind, under which columns (None: guessed).
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PreviewInput {
    pub path: String,
    pub sheet: Option<String>,
    pub kind: Kind,
    pub mapping: Option<Mapping>,
}

/// An import or a dry run of the file's sheet with the clerk's choices.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportInput {
    pub path: String,
    pub sheet: Option<String>,
    pub options: ImportOptions,
}

/// How far an import is: `done` of `total` steps (each row read, then each row written).
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct ImportProgress {
    pub done: usize,
    pub total: usize,
}

/// A mapping saved in the book for next month's sheet.
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SavedMapping {
    pub name: String,
    pub mapping: Mapping,
}

fn blocking_error(e: impl std::fmt::Display) -> CommandError {
    Error::Storage(format!("việc nhập bị gián đoạn ({e})")).into()
}

/// The sheet's first rows under the guessed (or given) columns. Reads the file off the main
/// thread; does not need the book.
#[tauri::command]
pub async fn preview_import<R: Runtime>(app: AppHandle<R>, input: PreviewInput) -> Reply<Preview> {
    tauri::async_runtime::spawn_blocking(move || -> Reply<Preview> {
        let state = app.state::<AppState>();
        let table = state
            .importing
            .table(Path::new(&input.path), input.sheet.as_deref())?;
        Ok(import::preview(&table, input.kind, input.mapping.as_ref()))
    })
    .await
    .map_err(blocking_error)?
}

/// Runs the import (or its dry run) on a blocking thread, telling `on_progress` how far it is.
/// Refused with `import_running` while another runs; `import_cancelled` when stopped.
#[tauri::command]
pub async fn run_import<R: Runtime>(
    app: AppHandle<R>,
    input: ImportInput,
    on_progress: Channel<ImportProgress>,
) -> Reply<ImportReport> {
    tauri::async_runtime::spawn_blocking(move || -> Reply<ImportReport> {
        let state = app.state::<AppState>();
        let importing = &state.importing;
        if importing
            .running
            .compare_exchange(false, true, Ordering::SeqCst, Ordering::SeqCst)
            .is_err()
        {
            return Err(Error::ImportRunning.into());
        }
        let _running = Running(&importing.running);
        importing.stop.store(false, Ordering::SeqCst);
        let table = importing.table(Path::new(&input.path), input.sheet.as_deref())?;
        let mut options = input.options;
        if options.source.is_empty() {
            options.source = Path::new(&input.path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
        }
        let mut last = Instant::now() - Duration::from_secs(1);
        let mut progress = |done: usize, total: usize| -> bool {
            // why: a message every 40 ms is a smooth bar; more would only load the webview.
            if done == total || last.elapsed() >= Duration::from_millis(40) {
                last = Instant::now();
                let _ = on_progress.send(ImportProgress { done, total });
            }
            !importing.stop.load(Ordering::SeqCst)
        };
        with_book(&state, |book| {
            book.import_table_with(&table, &options, &mut progress)
        })
    })
    .await
    .map_err(blocking_error)?
}

/// Stops the running import (Esc, "Dừng"): it rolls back and answers `import_cancelled`.
// why: a plain fn runs on the main thread at once, never queued behind the import's workers.
#[tauri::command]
pub fn stop_import(state: State<'_, AppState>) {
    if state.importing.running.load(Ordering::SeqCst) {
        state.importing.stop.store(true, Ordering::SeqCst);
    }
}

/// The mappings saved in the book, by name.
#[tauri::command]
pub async fn import_mappings(state: State<'_, AppState>) -> Reply<Vec<SavedMapping>> {
    with_book(&state, |b| {
        Ok(b.saved_mappings()?
            .into_iter()
            .map(|(name, mapping)| SavedMapping { name, mapping })
            .collect())
    })
}

/// Saves the clerk's mapping under a name, for next month's sheet.
#[tauri::command]
pub async fn save_import_mapping(state: State<'_, AppState>, input: SavedMapping) -> Reply<()> {
    with_book(&state, |b| b.save_mapping(&input.name, &input.mapping))
}
