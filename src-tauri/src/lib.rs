//! The window shell: Tauri around the core books.
//!
//! Holds the one open [`Book`] (behind a mutex, so writes queue), remembers which file it is, and
//! exposes thin commands (see `commands`) that deserialize, call the core and map its error to
//! `{ code, message, details }`. No rule of the books lives here.

#[cfg(test)]
mod bindings;
mod catalog;
mod commands;
mod importing;
mod print_setup;
mod printing;
#[cfg(target_os = "linux")]
mod webkit_env;
#[cfg(windows)]
mod webview2_print;

use serde::{Deserialize, Serialize};
use sotinhthuong::backup::{self, BackupFile};
use sotinhthuong::{Book, Error, Source};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;
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
    /// Where automatic backups go, and how the last one went.
    pub backups: Mutex<Backups>,
    /// Where the heads of the books' chains are remembered outside the books (`heads.json` in
    /// the config folder, or `SOTINHTHUONG_HEADS`), for `check` to compare against.
    pub heads_file: PathBuf,
    /// The import running (one at a time), its stop flag, the last sheet read.
    pub importing: importing::Importing,
}

/// The automatic backups: outside the app-data folder (an uninstaller may delete that), in the
/// user's Documents unless another folder was chosen in Settings.
#[derive(Debug, Clone, Default)]
pub struct Backups {
    /// The folder chosen in Settings (or by `SOTINHTHUONG_BACKUP_DIR`); None: the default.
    pub chosen: Option<PathBuf>,
    /// `Documents/Sổ Tình Thương/Sao lưu`.
    pub default: PathBuf,
    /// The app-data folder, where a backup folder may not be.
    pub app_data: PathBuf,
    /// The last automatic backup written or found up to date.
    pub last: Option<BackupFile>,
    /// Why the last automatic backup failed, if it did.
    pub last_error: Option<commands::CommandError>,
}

impl Backups {
    /// The folder backups go to now.
    pub fn folder(&self) -> PathBuf {
        self.chosen.clone().unwrap_or_else(|| self.default.clone())
    }
}

/// Remembered between runs (in the app-config folder).
#[derive(Debug, Default, Serialize, Deserialize)]
struct Prefs {
    book_path: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    backup_folder: Option<PathBuf>,
}

impl AppState {
    /// Opens the remembered book (or the default one in `data_dir`); a file that cannot be opened
    /// is left untouched and its error kept for the window to show. Backups go to the remembered
    /// folder, or `SOTINHTHUONG_BACKUP_DIR`, or the default one in `documents`.
    pub fn start(data_dir: &Path, config_dir: &Path, documents: &Path) -> AppState {
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
        let backups = Backups {
            chosen: std::env::var_os("SOTINHTHUONG_BACKUP_DIR")
                .map(PathBuf::from)
                .or(prefs.backup_folder),
            default: backup::default_folder(documents),
            app_data: data_dir.to_path_buf(),
            last: None,
            last_error: None,
        };
        let state = AppState {
            book: Mutex::new(None),
            path: Mutex::new(path.clone()),
            open_error: Mutex::new(None),
            prefs_file,
            backups: Mutex::new(backups),
            heads_file: std::env::var_os("SOTINHTHUONG_HEADS")
                .map(PathBuf::from)
                .unwrap_or_else(|| config_dir.join("heads.json")),
            importing: importing::Importing::default(),
        };
        match state.switch_to(&path, false) {
            // why: no book yet and nothing set aside in its place: the first run. The book is
            // made when the clerk finishes the first-run set-up, never just by starting.
            Err(Error::NoSuchBook { found, .. }) if found.is_empty() => {}
            Err(e) => {
                if let Ok(mut slot) = state.open_error.lock() {
                    *slot = Some(e.into());
                }
            }
            Ok(()) => {}
        }
        state
    }

    /// Opens the book at `path` and makes it the open book, remembering the choice; with
    /// `create`, makes a new book there (creating its folder), refused where a file already is.
    pub fn switch_to(&self, path: &Path, create: bool) -> Result<(), Error> {
        let book = if create {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
            Book::create(path, Source::Window)?
        } else {
            Book::open(path, Source::Window)?
        };
        let mut slot = self.book.lock().map_err(|_| Error::Busy)?;
        *slot = Some(book);
        *self.path.lock().map_err(|_| Error::Busy)? = path.to_path_buf();
        *self.open_error.lock().map_err(|_| Error::Busy)? = None;
        self.save_prefs();
        Ok(())
    }

    /// Remembers the book and the backup folder (when they are not given by the environment).
    pub fn save_prefs(&self) {
        let Some(file) = &self.prefs_file else {
            return;
        };
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let prefs = Prefs {
            book_path: self.path.lock().ok().map(|p| p.clone()),
            backup_folder: self.backups.lock().ok().and_then(|b| b.chosen.clone()),
        };
        if let Ok(json) = serde_json::to_vec_pretty(&prefs) {
            let _ = std::fs::write(file, json);
        }
    }

    /// Writes today's automatic backup when it is missing (`on_close`: refreshes it with the
    /// book as it stands), then rotates; the outcome is kept for Settings to show. Runs on its
    /// own connection when the book is not being closed, so the window never waits for it.
    pub fn automatic_backup(&self, on_close: bool) {
        let folder = match self.backups.lock() {
            Ok(b) => b.folder(),
            Err(_) => return,
        };
        let result = if on_close {
            match self.book.lock() {
                Ok(slot) => slot.as_ref().map(|book| book.backup_daily(&folder)),
                Err(_) => None,
            }
        } else {
            let open = self.open_error.lock().is_ok_and(|e| e.is_none());
            let path = self.path.lock().map(|p| p.clone()).ok();
            match path.filter(|_| open) {
                Some(path) => match Book::open(&path, Source::Window) {
                    Ok(book) => match book.daily_backup_path(&folder) {
                        Ok(today) if today.exists() => None,
                        _ => Some(book.backup_daily(&folder)),
                    },
                    Err(e) => Some(Err(e)),
                },
                None => None,
            }
        };
        let Some(result) = result else {
            return;
        };
        if let Err(e) = &result {
            eprintln!("Sao lưu tự động không được: {e}");
        }
        self.remember_head();
        if let Ok(mut b) = self.backups.lock() {
            match result {
                Ok((file, _)) => {
                    b.last = Some(file);
                    b.last_error = None;
                }
                Err(e) => b.last_error = Some(e.into()),
            }
        }
    }
}

impl AppState {
    /// Writes the open book's chain head to `heads.json` (outside the book), so that a later
    /// `check` finds the newest changes cut off or the chain computed again.
    pub fn remember_head(&self) {
        let head = match self.book.lock() {
            Ok(slot) => slot
                .as_ref()
                .and_then(|b| b.chain_head("cửa sổ").ok().flatten()),
            Err(_) => None,
        };
        if let Some(head) = head {
            if let Err(e) = sotinhthuong::audit::heads::remember(&self.heads_file, &head) {
                eprintln!("Không ghi được dấu vân tay của sổ: {e}");
            }
        }
    }
}

/// How often the window looks whether today's automatic backup is made yet.
const DAILY_BACKUP_CHECK: Duration = Duration::from_secs(30 * 60);

/// When the process started, for the launch-time measurement (`SOTINHTHUONG_TIMING=1`).
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Logs, once per name, the milliseconds since the process started (`SOTINHTHUONG_TIMING=1`).
pub(crate) fn timing_mark(name: &'static str) {
    static SEEN: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    if std::env::var_os("SOTINHTHUONG_TIMING").is_none() {
        return;
    }
    let Some(started) = STARTED.get() else { return };
    let Ok(mut seen) = SEEN.lock() else { return };
    if !seen.contains(&name) {
        seen.push(name);
        eprintln!("sotinhthuong: {name}={}", started.elapsed().as_millis());
    }
}

/// Fits the main window to the screen it opens on. The window asks for 1280×800 (tauri.conf.json),
/// taller than the office laptops' 1366×768 and 1280×720 screens: where that does not fit the
/// screen's work area (the screen less the taskbar), the window is maximised, and sized to the
/// work area for desktops that cannot maximise (no window manager); on a larger screen it stays
/// as asked, centred.
fn fit_to_screen<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
    let monitor = match window.current_monitor() {
        Ok(Some(m)) => m,
        _ => match window.primary_monitor() {
            Ok(Some(m)) => m,
            _ => return,
        },
    };
    let area = *monitor.work_area();
    let Ok(inner) = window.inner_size() else {
        return;
    };
    // why: before the window is first shown the outer size can be nonsense (GTK reports its
    // position); a frame is counted only when the outer size is a real one.
    let (frame_w, frame_h) = match window.outer_size() {
        Ok(outer) if outer.width >= inner.width && outer.height >= inner.height => {
            (outer.width - inner.width, outer.height - inner.height)
        }
        _ => (0, 0),
    };
    if inner.width + frame_w <= area.size.width && inner.height + frame_h <= area.size.height {
        return;
    }
    let _ = window.set_size(tauri::PhysicalSize::new(
        area.size.width.saturating_sub(frame_w),
        area.size.height.saturating_sub(frame_h),
    ));
    let _ = window.set_position(area.position);
    let _ = window.maximize();
}

/// Builds the app with its commands (shared by `run` and the tests).
pub fn builder<R: tauri::Runtime>() -> tauri::Builder<R> {
    let handler = commands::handler();
    tauri::Builder::<R>::new().invoke_handler(move |invoke| {
        // why: scripts/bench-window.sh measures launch to the first screen's data request, and
        // (in the overview command) to its reply, which the screen shows in the next frame.
        if invoke.message.command() == "overview" {
            timing_mark("first-data-request-ms");
        }
        handler(invoke)
    })
}

/// Starts the desktop app.
pub fn run() {
    let _ = STARTED.set(std::time::Instant::now());
    #[cfg(target_os = "linux")]
    webkit_env::apply();
    // why: without a WebView2 runtime the window cannot exist; say what to install (in a
    // message box: a Windows app has no console) instead of failing without a word.
    #[cfg(windows)]
    if webview2_print::tell_when_runtime_missing() {
        std::process::exit(1);
    }
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
            let documents = app
                .path()
                .document_dir()
                .or_else(|_| app.path().home_dir().map(|h| h.join("Documents")))?;
            app.manage(AppState::start(&data_dir, &config_dir, &documents));
            if let Some(window) = app.get_webview_window("main") {
                fit_to_screen(&window);
            }
            #[cfg(target_os = "linux")]
            if let Some(window) = app.get_webview_window("main") {
                // why: forms, tables and flat charts need no GPU compositing; without it WebKitGTK
                // keeps no GL surfaces (about 90 MB less when idle, scripts/bench-window.sh) and
                // shows no blank window on the GPU drivers that break WebKit's compositing.
                let _ = window.with_webview(|wv| {
                    use webkit2gtk::{
                        CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt,
                        WebViewExt,
                    };
                    if let Some(settings) = wv.inner().settings() {
                        settings
                            .set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
                    }
                    // why: one local page, never browsed away from: WebKit's page and memory
                    // caches would only hold copies of what the app already has.
                    if let Some(context) = wv.inner().context() {
                        context.set_cache_model(CacheModel::DocumentViewer);
                    }
                });
            }
            // why: a daily backup while the app runs, on its own connection and thread.
            let handle = app.handle().clone();
            std::thread::spawn(move || loop {
                std::thread::sleep(Duration::from_secs(60));
                if let Some(state) = handle.try_state::<AppState>() {
                    state.automatic_backup(false);
                }
                std::thread::sleep(DAILY_BACKUP_CHECK);
            });
            Ok(())
        })
        .build(tauri::generate_context!("../tauri.conf.json"));
    match app {
        Ok(app) => app.run(|app, event| {
            // why: a print dialog's hidden window must not outlive the clerk's window.
            #[cfg(windows)]
            if let tauri::RunEvent::WindowEvent {
                label,
                event: tauri::WindowEvent::CloseRequested { .. },
                ..
            } = &event
            {
                if label == "main" {
                    webview2_print::close_print_window(app);
                }
            }
            if let (tauri::RunEvent::Exit, Some(state)) = (event, app.try_state::<AppState>()) {
                state.automatic_backup(true);
            }
        }),
        Err(e) => {
            eprintln!("Không khởi động được Sổ Tình Thương: {e}");
            std::process::exit(1);
        }
    }
}
