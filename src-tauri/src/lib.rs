//! The window shell: Tauri around the core books.
//!
//! Holds the one open [`Book`] (behind a mutex, so writes queue), remembers which file it is, and
//! exposes thin commands (see `commands`) that deserialize, call the core and map its error to
//! `{ code, message, details }`. No rule of the books lives here.

#[cfg(test)]
mod bindings;
mod commands;
mod printing;

use serde::{Deserialize, Serialize};
use sotinhthuong::{Book, Error, Source};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::Manager;

/// The name of the book file in the app-data folder when the user has chosen none.
pub const DEFAULT_BOOK: &str = "so-tinh-thuong.db";

/// What the window knows of the open book.
pub struct AppState {
    /// The open book, or None when the chosen file could not be opened.
    pub book: Mutex<Option<Book>>,
    /// Where the book is (or was meant to be).
    pub path: Mutex<PathBuf>,
    /// Why the book could not be opened, if it could not.
    pub open_error: Mutex<Option<commands::CommandError>>,
    /// Where the chosen book path is remembered between runs (None: not remembered, as when
    /// `SOTINHTHUONG_DB` names the book).
    pub prefs_file: Option<PathBuf>,
}

/// Remembered between runs (in the app-config folder).
#[derive(Debug, Default, Serialize, Deserialize)]
struct Prefs {
    book_path: Option<PathBuf>,
}

impl AppState {
    /// Opens the remembered book (or the default one in `data_dir`); a file that cannot be opened
    /// is left untouched and its error kept for the window to show.
    pub fn start(data_dir: &Path, config_dir: &Path) -> AppState {
        // why: tests and power users name the book in the environment, as with the CLI.
        let from_env = std::env::var_os("SOTINHTHUONG_DB").map(PathBuf::from);
        let prefs_file = from_env.is_none().then(|| config_dir.join("prefs.json"));
        let prefs: Prefs = prefs_file
            .as_ref()
            .and_then(|f| std::fs::read(f).ok())
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        let path = from_env
            .or(prefs.book_path)
            .unwrap_or_else(|| data_dir.join(DEFAULT_BOOK));
        let state = AppState {
            book: Mutex::new(None),
            path: Mutex::new(path.clone()),
            open_error: Mutex::new(None),
            prefs_file,
        };
        if let Err(e) = state.switch_to(&path, false) {
            if let Ok(mut slot) = state.open_error.lock() {
                *slot = Some(e.into());
            }
        }
        state
    }

    /// Opens the book at `path` (creating the folder and the file when `create` or when it does not
    /// exist yet) and makes it the open book, remembering the choice.
    pub fn switch_to(&self, path: &Path, create: bool) -> Result<(), Error> {
        if create && path.exists() {
            return Err(Error::BookNotEmpty {
                what: format!("tệp {} đã tồn tại", path.display()),
            });
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::Storage(e.to_string()))?;
        }
        let book = Book::open(path, Source::Window)?;
        let mut slot = self.book.lock().map_err(|_| Error::Busy)?;
        *slot = Some(book);
        *self.path.lock().map_err(|_| Error::Busy)? = path.to_path_buf();
        *self.open_error.lock().map_err(|_| Error::Busy)? = None;
        if let Some(file) = &self.prefs_file {
            if let Some(dir) = file.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let prefs = Prefs {
                book_path: Some(path.to_path_buf()),
            };
            if let Ok(json) = serde_json::to_vec_pretty(&prefs) {
                let _ = std::fs::write(file, json);
            }
        }
        Ok(())
    }
}

/// Builds the app with its plugins and commands (shared by `run` and the tests).
pub fn builder<R: tauri::Runtime>() -> tauri::Builder<R> {
    tauri::Builder::<R>::new().invoke_handler(commands::handler())
}

/// Starts the desktop app.
pub fn run() {
    let app = builder::<tauri::Wry>()
        // why: a second copy brings the first window forward instead of opening the book twice.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let data_dir = app.path().app_data_dir()?;
            let config_dir = app.path().app_config_dir()?;
            app.manage(AppState::start(&data_dir, &config_dir));
            Ok(())
        })
        .build(tauri::generate_context!("../tauri.conf.json"));
    match app {
        Ok(app) => app.run(|_, _| {}),
        Err(e) => {
            eprintln!("Không khởi động được Sổ Tình Thương: {e}");
            std::process::exit(1);
        }
    }
}
